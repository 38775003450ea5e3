package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"parley/model"
)

// writeV1 makes the project file an analyst has from the first Parley
// release: schema 1 only, holding sc.
func writeV1(t *testing.T, path string, sc *model.Scenario) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path, "_foreign_keys=on")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ms[0].sql); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	// Today's saveTx writes columns later schemas added: add them for the
	// save, then drop them so the file is schema 1 as released.
	if _, err := tx.Exec("ALTER TABLE scenario ADD COLUMN no_bargain TEXT NOT NULL DEFAULT '[]'; " + laterIssueCols); err != nil {
		t.Fatal(err)
	}
	if _, err := saveTx(tx, sc, "2025-06-01T00:00:00Z"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("ALTER TABLE scenario DROP COLUMN no_bargain; ALTER TABLE issue DROP COLUMN scale_lo; ALTER TABLE issue DROP COLUMN scale_hi; ALTER TABLE issue DROP COLUMN scale_unit"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// laterIssueCols are the issue columns schema 4 added (an issue's own scale).
const laterIssueCols = "ALTER TABLE issue ADD COLUMN scale_lo REAL; ALTER TABLE issue ADD COLUMN scale_hi REAL; ALTER TABLE issue ADD COLUMN scale_unit TEXT NOT NULL DEFAULT ''"

func TestMigrations(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if SchemaVersion() != len(ms) || SchemaVersion() < 2 {
		t.Fatalf("schema version %d with %d migrations", SchemaVersion(), len(ms))
	}
	if !strings.HasPrefix(ms[0].name, "001_") || !strings.Contains(ms[1].sql, "CREATE TABLE deck") {
		t.Fatalf("migrations out of order: %s, %s", ms[0].name, ms[1].name)
	}
}

// TestOldFileMigratedAfterBackup: a schema-1 project opens in this Parley,
// is upgraded to the current schema, and a copy of it as it was sits beside
// it as PATH.v1.bak, still at schema 1 and still holding the scenario.
func TestOldFileMigratedAfterBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "muscat.db")
	in := sample()
	writeV1(t, path, in)

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := userVersion(t, s.DB()); v != SchemaVersion() {
		t.Fatalf("schema after open = %d, want %d", v, SchemaVersion())
	}
	integrityOK(t, s.DB())
	got, err := s.LoadScenario(in.Name)
	if err != nil {
		t.Fatal(err)
	}
	in.ID, in.Version = got.ID, got.Version // the stamp is the one saveTx wrote
	if !reflect.DeepEqual(got, in) {
		t.Fatalf("the scenario changed in the upgrade:\n got %+v\nwant %+v", got, in)
	}
	// What the new schema adds works on the upgraded file.
	if err := s.SaveDeck(in.Name, &model.Deck{Name: "Brief", Slides: []model.Slide{{Chart: model.ChartSpec{Kind: model.ChartStance, Issue: "scope"}}}}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	bak := path + ".v1.bak"
	if BackupPath(path, 1) != bak {
		t.Fatalf("BackupPath = %q", BackupPath(path, 1))
	}
	b := rawDB(t, bak, "mode=ro")
	if v := userVersion(t, b); v != 1 {
		t.Fatalf("backup at schema %d, want 1", v)
	}
	integrityOK(t, b)
	if n := count(t, b, "SELECT count(*) FROM sqlite_master WHERE name = 'deck'"); n != 0 {
		t.Fatal("the backup has the new schema's tables: it was taken after the upgrade")
	}
	// Read the backup with today's loader: on a scratch copy given the
	// columns later schemas added (the backup itself stays schema 1).
	raw, err := os.ReadFile(bak)
	if err != nil {
		t.Fatal(err)
	}
	scratch := filepath.Join(t.TempDir(), "scratch.db")
	if err := os.WriteFile(scratch, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	sdb := rawDB(t, scratch, "_foreign_keys=on")
	if _, err := sdb.Exec("ALTER TABLE scenario ADD COLUMN no_bargain TEXT NOT NULL DEFAULT '[]'; " + laterIssueCols); err != nil {
		t.Fatal(err)
	}
	old, _, err := loadRaw(sdb, in.Name)
	if err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	old.ID = in.ID
	if !reflect.DeepEqual(old, in) {
		t.Fatalf("backup holds\n %+v\nwant %+v", old, in)
	}
	b.Close()
	if got := filesIn(t, dir); !reflect.DeepEqual(got, []string{"muscat.db", "muscat.db.v1.bak"}) {
		t.Fatalf("files after the upgrade: %v", got)
	}

	// A current file is opened as it is: no second backup.
	os.Remove(bak)
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(bak); err == nil {
		t.Fatal("opening a current file wrote a backup")
	}
}

// TestOldFileOpenedTwiceAtOnceMigratesOnce: two windows open the same old
// file at the same moment; both get an upgraded file, the migration ran once.
func TestOldFileOpenedTwiceAtOnceMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "muscat.db")
	writeV1(t, path, sample())
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(path)
			if err == nil {
				_, err = s.LoadScenario(sample().Name)
				s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	b := rawDB(t, path+".v1.bak", "mode=ro")
	if v := userVersion(t, b); v != 1 {
		t.Fatalf("backup at schema %d, want 1", v)
	}
}

// TestFailedMigrationLeavesFileAsItWas: a migration that fails half-way is
// rolled back whole; the file stays at its old schema and opens again.
func TestFailedMigrationLeavesFileAsItWas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ms, _ := migrations()
	broken := append(ms, migration{len(ms) + 1, "099_broken.sql", "CREATE TABLE extra (x); INSERT INTO no_such_table VALUES (1);"})
	if _, err := open(path, broken); err == nil || !strings.Contains(err.Error(), "099_broken.sql") {
		t.Fatalf("got %v, want the failed migration named", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := userVersion(t, s.DB()); v != len(ms) {
		t.Fatalf("schema %d after a failed migration, want %d", v, len(ms))
	}
	if n := count(t, s.DB(), "SELECT count(*) FROM sqlite_master WHERE name = 'extra'"); n != 0 {
		t.Fatal("half of the failed migration was kept")
	}
	if _, err := os.Stat(BackupPath(path, len(ms))); err != nil {
		t.Fatalf("no backup before the failed migration: %v", err)
	}
	if _, err := s.LoadScenario(sample().Name); err != nil {
		t.Fatal(err)
	}
}

// refusedUntouched opens path, wants the error code, and checks the file's
// bytes did not change.
func refusedUntouched(t *testing.T, path, code string) error {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	if model.ErrorCode(err) != code {
		t.Fatalf("got %v, want a %s error", err, code)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the refused file was modified")
	}
	if _, err := os.Stat(BackupPath(path, 0)); err == nil {
		t.Fatal("a backup was written for a refused file")
	}
	return err
}

func TestNewerDatabaseRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.DB().Exec("PRAGMA user_version = 999")
	s.Close()
	err = refusedUntouched(t, path, model.EVERSION)
	if !strings.Contains(err.Error(), "newer Parley") || !strings.Contains(err.Error(), "untouched") {
		t.Fatalf("message %q does not say why and that the file is safe", err)
	}
}

// A newer Parley might use WAL: opening must not switch it back (which
// rewrites the header) before refusing it.
func TestNewerWALDatabaseRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	db := rawDB(t, path, "_journal_mode=WAL")
	for _, q := range []string{"CREATE TABLE scenario (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 999"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	refusedUntouched(t, path, model.EVERSION)
}

// A file some other tool left in WAL mode is switched to the rollback
// journal, so the project is one file again when closed.
func TestWALFileSwitchedToRollbackJournal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := rawDB(t, path, "_journal_mode=WAL")
	db.Exec("SELECT 1")
	db.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode)
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if mode != "delete" {
		t.Fatalf("journal mode %q, want delete", mode)
	}
	if got := filesIn(t, dir); len(got) != 1 {
		t.Fatalf("files beside the project: %v", got)
	}
}

func TestNotADatabaseRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, bytes.Repeat([]byte("Muscat notes, not a database. "), 200), 0o644)
	refusedUntouched(t, path, model.EINVALID)
}

// Another program's SQLite database is not a Parley project: it is refused,
// not filled with Parley's tables.
func TestForeignSQLiteFileRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budget.sqlite")
	db := rawDB(t, path, "")
	db.Exec("CREATE TABLE budget (line TEXT, amount REAL)")
	db.Close()
	err := refusedUntouched(t, path, model.EINVALID)
	if !strings.Contains(err.Error(), "not made by Parley") {
		t.Fatalf("message %q", err)
	}
}
