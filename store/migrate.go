package store

import (
	"database/sql"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"parley/model"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one step of the schema: migrations/NNN_what.sql brings a
// database from schema NNN-1 to schema NNN.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their numbers must run
// 1, 2, 3... without gaps or repeats: the number is the schema version.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %q: name must start with a number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for k, m := range ms {
		if m.version != k+1 {
			return nil, fmt.Errorf("migration %q: expected number %d", m.name, k+1)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no migrations")
	}
	return ms, nil
}

// SchemaVersion is the newest schema this build of Parley knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are part of the build: covered by tests
	}
	return ms[len(ms)-1].version
}

// migrate brings the file up to the newest schema in ms.
//
// A file from a newer Parley is refused before anything is written to it: the
// version check is the first statement, and the connection pragmas write
// nothing. An older file is first copied to PATH.vN.bak, then each migration is
// applied in its own write transaction together with the new user_version, so
// a crash leaves the file at one version or the next, never between. Every
// step re-reads the version under the write lock, so two Parley windows
// opening the same old file at once migrate it once.
func (s *Store) migrate(ms []migration) error {
	latest := ms[len(ms)-1].version
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return s.fail("read the schema version", err)
	}
	if v > latest {
		return &model.Error{Code: model.EVERSION, Where: s.path, Rule: "schema version",
			Message: fmt.Sprintf("this project file was written by a newer Parley (schema %d; this version knows up to %d). It was left untouched: open it with the newer Parley", v, latest)}
	}
	if err := s.useRollbackJournal(); err != nil {
		return err
	}
	if v > 0 && v < latest {
		if err := s.backup(v); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if m.version > v {
			if err := s.apply(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// useRollbackJournal switches a file that some other tool left in WAL mode
// back to the rollback journal this package relies on (see doc.go). SQLite
// remembers only WAL in the file; every other mode is per connection and
// defaults to DELETE, the one we want.
func (s *Store) useRollbackJournal() error {
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		return s.fail("read the journal mode", err)
	}
	if strings.EqualFold(mode, "wal") {
		if err := s.db.QueryRow("PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
			return s.fail("switch the project file to a rollback journal", err)
		}
	}
	return nil
}

// apply runs one migration in its own write transaction.
func (s *Store) apply(m migration) error {
	return s.write("upgrade the project file with "+m.name, func(tx *sql.Tx) error {
		var v int
		if err := tx.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			return err
		}
		switch {
		case v >= m.version:
			return nil // another Parley window migrated the file meanwhile
		case v != m.version-1:
			return fmt.Errorf("the file is at schema %d, migration %s needs %d", v, m.name, m.version-1)
		case v == 0:
			var n int
			if err := tx.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return &model.Error{Code: model.EINVALID, Where: s.path, Rule: "Parley project file",
					Message: "this SQLite database was not made by Parley (it already holds other tables). It was left untouched: choose a Parley project file, or a new file name"}
			}
		}
		if _, err := tx.Exec(m.sql); err != nil {
			return err
		}
		if v == 0 { // a new project: mark the file as Parley's (open.go)
			if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
				return err
			}
		}
		_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version))
		return err
	})
}

// BackupPath is where Open keeps the copy of a project file it upgraded from
// schema version v.
func BackupPath(path string, v int) string { return fmt.Sprintf("%s.v%d.bak", path, v) }

// backup writes a consistent copy of the file at schema v to BackupPath,
// flushed to disk, before any migration touches the file. If another Parley
// window upgraded the file while the copy was being made, that window wrote
// the backup and this copy is dropped.
func (s *Store) backup(v int) error {
	bak := BackupPath(s.path, v)
	f, err := os.CreateTemp(filepath.Dir(bak), filepath.Base(bak)+".*.tmp")
	if err != nil {
		return &model.Error{Code: model.EINTERNAL, Where: bak, Message: "could not write a backup before upgrading the project file", Err: err}
	}
	tmp := f.Name()
	f.Close() // VACUUM INTO accepts an empty file
	defer os.Remove(tmp)
	if _, err := s.db.Exec("VACUUM INTO ?", tmp); err != nil {
		return s.failAt(bak, "write a backup before upgrading the project file", err)
	}
	got, err := fileUserVersion(tmp)
	if err != nil {
		return &model.Error{Code: model.EINTERNAL, Where: bak, Message: "could not check the backup", Err: err}
	}
	if got != v {
		return nil
	}
	if err := replaceWith(tmp, bak); err != nil {
		return &model.Error{Code: model.EINTERNAL, Where: bak, Message: "could not write a backup before upgrading the project file", Err: err}
	}
	return nil
}

// fileUserVersion reads PRAGMA user_version from a closed database file's
// header (a big-endian uint32 at offset 60).
func fileUserVersion(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var b [4]byte
	if _, err := f.ReadAt(b[:], 60); err != nil && err != io.EOF {
		return 0, err
	}
	return int(binary.BigEndian.Uint32(b[:])), nil
}
