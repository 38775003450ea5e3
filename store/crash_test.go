package store

import (
	"database/sql"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const (
	crashActors = 250
	crashIssues = 10
	crashName   = "Big table" // bigScenario's name
)

// crashSeed fixes the kill delays so that a failure can be replayed; set
// PARLEY_CRASH_SEED to try others.
const crashSeed = 20261127

// TestKillMidSaveLeavesOldOrNewScenario is the analyst's worst day: Parley is
// killed (SIGKILL, no cleanup) while it saves a 250 × 10 scenario. A child
// process saves versions A and B in turn (every capability, position,
// salience and rationale differs) and is killed after a random delay, again
// and again. After every kill the file must open, pass SQLite's
// integrity_check, and hold all of A or all of B with every stance present.
// A rollback journal left by the kill must be rolled back by the next open.
func TestKillMidSaveLeavesOldOrNewScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 60 child processes; skipped with -short")
	}
	const kills = 60
	seed := uint64(crashSeed)
	if env := os.Getenv("PARLEY_CRASH_SEED"); env != "" {
		n, err := strconv.ParseUint(env, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		seed = n
	}
	rng := rand.New(rand.NewPCG(seed, 0))

	dir := t.TempDir()
	path := filepath.Join(dir, "crash.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// One save of each version, timed, to aim the kills at saves.
	start := time.Now()
	for _, v := range []float64{2, 1} {
		if err := s.SaveScenario(bigScenario(crashActors, crashIssues, v)); err != nil {
			t.Fatal(err)
		}
	}
	save := time.Since(start) / 2
	s.Close()
	maxDelay := 3 * save

	began := time.Now()
	seen := map[float64]int{}
	var journals, pages, changes int
	last := 1.0
	for i := 0; i < kills; i++ {
		c := startHelper(t, "save-loop", "PARLEY_STORE_DB="+path)
		c.expect(t, "ready")
		time.Sleep(time.Duration(rng.Int64N(int64(maxDelay))))
		c.cmd.Process.Kill() // SIGKILL
		c.cmd.Wait()

		exists, nRec := journalRecords(path)
		if exists {
			journals++
		}
		if nRec > 0 {
			pages++ // killed while writing the database file itself
		}
		v := checkAfterKill(t, path, i)
		seen[v]++
		if v != last {
			changes++
		}
		last = v
	}
	t.Logf("seed %d: %d kills in %v (save ≈ %v, delays < %v): A %d times, B %d times, %d changes; %d kills left a journal, %d of them with pages to roll back",
		seed, kills, time.Since(began).Round(time.Millisecond), save.Round(time.Millisecond), maxDelay.Round(time.Millisecond), seen[1], seen[2], changes, journals, pages)
	if changes == 0 {
		t.Error("no save ever completed before a kill: the test exercised nothing; the delays are too short")
	}
	if journals == 0 {
		t.Error("no kill landed inside a save (no journal was ever left): the test exercised nothing")
	}

	// After the last crash, a normal session leaves exactly the project file.
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScenario(bigScenario(crashActors, crashIssues, 3)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := filesIn(t, dir); len(got) != 1 || got[0] != "crash.db" {
		t.Fatalf("files beside the project after a clean session: %v", got)
	}
}

// checkAfterKill opens the file a killed child left, as Parley would, and
// returns the version it holds.
func checkAfterKill(t *testing.T, path string, kill int) float64 {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("kill %d: the project does not open: %v", kill+1, err)
	}
	defer s.Close()
	integrityOK(t, s.DB())
	sc, err := s.LoadScenario(crashName)
	if err != nil {
		t.Fatalf("kill %d: %v", kill+1, err)
	}
	v, err := checkVersion(sc, crashActors, crashIssues)
	if err != nil {
		t.Fatalf("kill %d: %v", kill+1, err)
	}
	if hotJournal(path) {
		t.Fatalf("kill %d: a hot journal is still there after opening", kill+1)
	}
	return v
}

// hotJournal reports a rollback journal that SQLite would play back: it
// exists and starts with a header (a zero-length or zeroed one is ignored).
func hotJournal(path string) bool {
	b, err := os.ReadFile(path + "-journal")
	return err == nil && len(b) > 0 && b[0] != 0
}

// TestHotJournalRolledBackOnOpen makes the crash that matters most certain
// rather than likely: a child changes every stance, enough that SQLite must
// write to the database file before commit (its cache holds 10 pages), and is
// killed there. The file on disk is then half-changed; the journal beside it
// holds the original pages. Opening the project must roll them back.
func TestHotJournalRolledBackOnOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScenario(bigScenario(crashActors, crashIssues, 1)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	killDirty(t, path)

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	integrityOK(t, s.DB())
	sc, err := s.LoadScenario(crashName)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := checkVersion(sc, crashActors, crashIssues); err != nil || v != 1 {
		t.Fatalf("after rollback: version %v, %v; want the scenario as saved", v, err)
	}
	if _, err := os.Stat(path + "-journal"); err == nil {
		t.Fatal("the journal is still there after it was rolled back")
	}
}

// killDirty leaves path half-written with a hot journal beside it (see
// TestHotJournalRolledBackOnOpen) and checks that it did.
func killDirty(t *testing.T, path string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := startHelper(t, "dirty", "PARLEY_STORE_DB="+path)
	c.expect(t, "dirty")
	c.cmd.Process.Kill()
	c.cmd.Wait()
	after, _ := os.ReadFile(path)
	if _, nRec := journalRecords(path); nRec == 0 || string(before) == string(after) {
		t.Fatalf("setup: the killed child left no half-written file (journal pages %d, file changed %v)", nRec, string(before) != string(after))
	}
}

// helperSaveLoop is the crash test's child: it saves version A and B of the
// big scenario in turn, forever, until it is killed.
func helperSaveLoop(path string) {
	s, err := Open(path)
	if err != nil {
		childFail("%v", err)
	}
	sc, err := s.LoadScenario(crashName)
	if err != nil {
		childFail("%v", err)
	}
	v, err := checkVersion(sc, crashActors, crashIssues)
	if err != nil {
		childFail("%v", err)
	}
	a, b := bigScenario(crashActors, crashIssues, 1), bigScenario(crashActors, crashIssues, 2)
	say("ready")
	for {
		next := a
		if v == 1 {
			next = b
		}
		if err := s.SaveScenario(next); err != nil {
			childFail("%v", err)
		}
		v = next.Actors[0].Capability
	}
}

// helperDirty changes every stance inside a transaction with a tiny page
// cache, so SQLite spills changed pages into the database file, then waits
// to be killed before it commits.
func helperDirty(path string) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_synchronous=FULL&_txlock=immediate")
	if err != nil {
		childFail("%v", err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA cache_size = 10"); err != nil {
		childFail("%v", err)
	}
	tx, err := db.Begin()
	if err != nil {
		childFail("%v", err)
	}
	if _, err := tx.Exec("UPDATE stance SET position = 99, rationale = 'half-written'"); err != nil {
		childFail("%v", err)
	}
	say("dirty")
	time.Sleep(time.Hour)
}
