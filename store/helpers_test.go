package store

import (
	"bufio"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"parley/model"
)

// bigScenario builds the benchmark and crash-test scenario: nActors ×
// nIssues with every field filled. Version v (1 = "A", 2 = "B", ...) sets
// every number and rationale, so that a stored scenario mixing two versions
// is caught by checkVersion.
func bigScenario(nActors, nIssues int, v float64) *model.Scenario {
	sc := &model.Scenario{Name: "Big table", Description: "250 actors over 10 issues", Date: "2026-11-27",
		Notes: "load and crash test", Settings: model.Settings{BDMRounds: 10}}
	for i := 0; i < nIssues; i++ {
		sc.Issues = append(sc.Issues, model.Issue{Key: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Issue %d", i),
			Description: "what is negotiated on this issue", StatusQuo: 50, Rationale: "the status quo as the seed text describes it",
			Anchors: []model.Anchor{{At: 0, Label: "nothing"}, {At: 100, Label: "everything"}}})
	}
	for a := 0; a < nActors; a++ {
		ac := model.Actor{Name: fmt.Sprintf("Actor number %d", a), Label: fmt.Sprintf("A%d", a), Group: fmt.Sprintf("bloc %d", a%7),
			Color: "#1f77b4", Capability: v, CapabilityRange: &model.Range{Low: v / 2, High: v * 2},
			Source: "analyst estimate", Rationale: fmt.Sprintf("version %g: clout from the seed text", v),
			Stances: map[string]model.Stance{}}
		for _, is := range sc.Issues {
			p := versionPosition(v)
			ac.Stances[is.Key] = model.Stance{Position: p, Salience: p / 2, PositionRange: &model.Range{Low: p - 5, High: p + 5},
				Source: "seed text", Rationale: fmt.Sprintf("version %g: what this actor said about %s", v, is.Name)}
		}
		sc.Actors = append(sc.Actors, ac)
	}
	return sc
}

func versionPosition(v float64) float64 { return 10 + 20*v }

// checkVersion returns the one version every value of sc belongs to, or an
// error naming the first value that disagrees (a mix of two saves) or the
// first stance missing.
func checkVersion(sc *model.Scenario, nActors, nIssues int) (float64, error) {
	if len(sc.Actors) != nActors || len(sc.Issues) != nIssues {
		return 0, fmt.Errorf("%d actors × %d issues, want %d × %d", len(sc.Actors), len(sc.Issues), nActors, nIssues)
	}
	v := sc.Actors[0].Capability
	stances := 0
	for _, a := range sc.Actors {
		if a.Capability != v || a.CapabilityRange == nil || a.CapabilityRange.High != 2*v {
			return 0, fmt.Errorf("actor %q has capability %v (range %+v), actor 1 has %v: a mix of two saves", a.Name, a.Capability, a.CapabilityRange, v)
		}
		for _, is := range sc.Issues {
			st, ok := a.Stances[is.Key]
			if !ok {
				continue
			}
			stances++
			if st.Position != versionPosition(v) || st.Salience != versionPosition(v)/2 || !strings.HasPrefix(st.Rationale, fmt.Sprintf("version %g:", v)) {
				return 0, fmt.Errorf("actor %q on %q is at %v/%v (%q), want version %v: a mix of two saves", a.Name, is.Key, st.Position, st.Salience, st.Rationale, v)
			}
		}
	}
	if stances != nActors*nIssues {
		return 0, fmt.Errorf("%d stances, want %d", stances, nActors*nIssues)
	}
	return v, nil
}

// rawDB opens path with database/sql alone: no migration, no store pragmas.
func rawDB(t testing.TB, path string, params string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?"+params)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// integrityOK fails the test unless SQLite finds the file sound: page
// structure (integrity_check) and references (foreign_key_check).
func integrityOK(t testing.TB, db *sql.DB) {
	t.Helper()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check: rows refer to missing parents")
	}
}

func userVersion(t testing.TB, db *sql.DB) int {
	t.Helper()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func count(t testing.TB, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// filesIn lists the names in dir, sorted.
func filesIn(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// journalRecords reads a rollback journal's header: whether it exists and
// how many original pages it holds for SQLite to put back (the nRec field;
// 0 = the crash came before the transaction wrote to the database file).
func journalRecords(path string) (exists bool, nRec uint32) {
	f, err := os.Open(path + "-journal")
	if err != nil {
		return false, 0
	}
	defer f.Close()
	var h [12]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return true, 0
	}
	return true, binary.BigEndian.Uint32(h[8:12])
}

// Helper processes: the test binary re-runs itself as a child with
// PARLEY_STORE_HELPER naming what to do (see TestHelperProcess).
const helperEnv = "PARLEY_STORE_HELPER"

// child is a running helper process and its stdout, line by line.
type child struct {
	cmd   *exec.Cmd
	out   *bufio.Scanner
	stdin io.WriteCloser
}

func startHelper(t testing.TB, mode string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1", "-test.timeout=5m")
	cmd.Env = append(append(os.Environ(), helperEnv+"="+mode), env...)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return &child{cmd: cmd, out: bufio.NewScanner(out), stdin: in}
}

// expect reads the child's next line and fails unless it starts with want;
// it returns the rest of the line.
func (c *child) expect(t testing.TB, want string) string {
	t.Helper()
	for c.out.Scan() {
		line := c.out.Text()
		if rest, ok := strings.CutPrefix(line, want); ok {
			return strings.TrimSpace(rest)
		}
		if strings.HasPrefix(line, "child:") {
			t.Fatalf("helper: %s", line)
		}
	}
	t.Fatalf("helper exited before saying %q (%v)", want, c.out.Err())
	return ""
}

// say prints a line for the parent to read.
func say(format string, args ...any) { fmt.Printf(format+"\n", args...) }

// childFail reports a helper's failure to the parent and exits.
func childFail(format string, args ...any) {
	fmt.Printf("child: "+format+"\n", args...)
	os.Exit(3)
}

// TestHelperProcess is not a test: it is the body of the child processes the
// crash and concurrency tests start. It does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("only runs as a child of another test")
	}
	path := os.Getenv("PARLEY_STORE_DB")
	switch mode {
	case "save-loop":
		helperSaveLoop(path)
	case "dirty":
		helperDirty(path)
	case "edit":
		helperEdit(path)
	case "import":
		helperImport(path)
	case "import-loop":
		helperImportLoop(path)
	case "import-some":
		helperImportSome(path)
	default:
		childFail("unknown helper %q", mode)
	}
	os.Exit(0)
}
