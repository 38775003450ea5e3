package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley/model"
	"parley/store/codec"
)

// importSources are the published inputs the import tests import, read as
// `parley-cli import` reads them.
var importFiles = []string{"bdm1994_emissions.csv", "ktab_dummyData-a080.csv", "ktab_dummyData_6Dim.csv", "masad_ChinaData.csv"}

func importSource(n int) (*model.Scenario, error) {
	p := filepath.Join("..", "..", "shared", "testdata", "inputs", importFiles[n%len(importFiles)])
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	res, err := codec.Read(p, data)
	if err != nil {
		return nil, err
	}
	sc := res.Scenarios[0]
	sc.Name = fmt.Sprintf("import %d", n)
	return sc, nil
}

// importRounds returns the figure the short run uses, or the long one with
// PARLEY_CRASH_LONG=1.
func importRounds(short, long int) int {
	if os.Getenv("PARLEY_CRASH_LONG") != "" {
		return long
	}
	return short
}

// helperImportLoop is a `parley-cli import` that never stops: it imports
// scenario "import N", N+1, ... each in its own transaction, saying
// "imported N" after each commit, until it is killed.
func helperImportLoop(path string) {
	n, _ := strconv.Atoi(os.Getenv("PARLEY_IMPORT_FROM"))
	s, err := Open(path)
	if err != nil {
		childFail("%v", err)
	}
	say("ready")
	for ; ; n++ {
		sc, err := importSource(n)
		if err != nil {
			childFail("%v", err)
		}
		if err := s.SaveFile([]*model.Scenario{sc}); err != nil {
			childFail("%v", err)
		}
		say("imported %d", n)
	}
}

// helperImportSome imports PARLEY_IMPORTS scenarios named "child K import N"
// and exits, saying "imported N" after each commit.
func helperImportSome(path string) {
	k := os.Getenv("PARLEY_CHILD")
	count, _ := strconv.Atoi(os.Getenv("PARLEY_IMPORTS"))
	s, err := Open(path)
	if err != nil {
		childFail("open: %v", err)
	}
	defer s.Close()
	say("ready")
	for n := range count {
		sc, err := importSource(n)
		if err != nil {
			childFail("%v", err)
		}
		sc.Name = fmt.Sprintf("child %s import %d", k, n)
		if err := s.SaveFile([]*model.Scenario{sc}); err != nil {
			childFail("import: %v", err)
		}
		say("imported %d", n)
	}
}

// sameAsSource fails unless the stored scenario is exactly its source file's.
func sameAsSource(t *testing.T, s *Store, name string, n int) {
	t.Helper()
	got, err := s.LoadScenario(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want, err := importSource(n)
	if err != nil {
		t.Fatal(err)
	}
	want.Name, want.ID, want.Version = name, got.ID, got.Version
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s is not the scenario imported (corrupt): %d actors × %d issues, want %d × %d", name, len(got.Actors), len(got.Issues), len(want.Actors), len(want.Issues))
	}
}

// TestKillMidImportLosesNothing: `import` is killed (SIGKILL) at random
// moments, at least 100 times, while it imports scenario after scenario.
// After every kill the project opens as Parley opens it, passes
// integrity_check, and holds every import the child said was committed
// (zero lost), each exactly as imported, and nothing else (zero corrupt: an
// import cut by the kill is wholly absent). PARLEY_CRASH_LONG=1 kills 500 times.
func TestKillMidImportLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 100 child processes; skipped with -short")
	}
	kills := importRounds(100, 500)
	rng := rand.New(rand.NewPCG(crashSeed, 17))
	path := filepath.Join(t.TempDir(), "imports.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for n := range len(importFiles) {
		sc, err := importSource(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveFile([]*model.Scenario{sc}); err != nil {
			t.Fatal(err)
		}
	}
	perImport := time.Since(start) / time.Duration(len(importFiles))
	s.Close()
	maxDelay := 6 * perImport

	began := time.Now()
	next, acked, cut, journals := len(importFiles), 0, 0, 0
	for i := range kills {
		c := startHelper(t, "import-loop", "PARLEY_STORE_DB="+path, "PARLEY_IMPORT_FROM="+strconv.Itoa(next))
		c.expect(t, "ready")
		time.Sleep(time.Duration(rng.Int64N(int64(maxDelay))))
		c.cmd.Process.Kill()
		said := -1
		for c.out.Scan() { // what the child said before it died (read before Wait closes the pipe)
			if n, ok := strings.CutPrefix(c.out.Text(), "imported "); ok {
				said, _ = strconv.Atoi(n)
			}
		}
		c.cmd.Wait()
		if exists, _ := journalRecords(path); exists {
			journals++
		}

		s, err := Open(path)
		if err != nil {
			t.Fatalf("kill %d: the project does not open: %v", i+1, err)
		}
		integrityOK(t, s.DB())
		list, err := s.ListScenarios()
		if err != nil {
			t.Fatalf("kill %d: %v", i+1, err)
		}
		have := len(list) // scenarios "import 0" .. "import have-1", with no gap
		for _, info := range list {
			n, err := strconv.Atoi(strings.TrimPrefix(info.Name, "import "))
			if err != nil || n >= have {
				t.Fatalf("kill %d: unexpected scenario %q among %d: an import was lost before it", i+1, info.Name, have)
			}
		}
		if said >= have {
			t.Fatalf("kill %d: the child committed import %d but the project holds only %d: lost", i+1, said, have)
		}
		if said >= 0 {
			acked += said - next + 1
		}
		if have > said+1 && have > next {
			cut++ // committed, killed before it could say so
		}
		for n := next; n < have; n++ {
			sameAsSource(t, s, fmt.Sprintf("import %d", n), n)
		}
		s.Close()
		next = have
	}
	t.Logf("%d SIGKILLs in %v (an import ≈ %v, kills within %v): %d imports committed, %d acknowledged before the kill, %d committed but not acknowledged, %d kills left a journal; 0 corrupt, 0 lost",
		kills, time.Since(began).Round(time.Millisecond), perImport.Round(time.Microsecond), maxDelay.Round(time.Microsecond), next-len(importFiles), acked, cut, journals)
	if journals == 0 {
		t.Error("no kill landed inside an import (no journal was ever left): the test exercised nothing")
	}
	if next == len(importFiles) {
		t.Error("no import ever completed before a kill: the delays are too short")
	}
}

// TestTwoImportersLoseNothing: in each of 50 rounds two `import` processes
// write three scenarios each into the same project at once. Every import
// either commits or, after the busy wait, is refused with a message; after
// each round the file is sound and holds every committed import exactly.
// PARLEY_CRASH_LONG=1 runs 200 rounds.
func TestTwoImportersLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 100 child processes; skipped with -short")
	}
	rounds := importRounds(50, 200)
	const each = 3
	began := time.Now()
	total := 0
	for r := range rounds {
		path := filepath.Join(t.TempDir(), "shared.db")
		if r%2 == 0 { // half the rounds start from an existing project, half from none
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
		}
		var kids []*child
		for k := 1; k <= 2; k++ {
			kids = append(kids, startHelper(t, "import-some", "PARLEY_STORE_DB="+path, "PARLEY_CHILD="+strconv.Itoa(k), "PARLEY_IMPORTS="+strconv.Itoa(each)))
		}
		for _, c := range kids {
			c.expect(t, "ready")
		}
		committed := map[string]int{}
		for k, c := range kids {
			for c.out.Scan() {
				line := c.out.Text()
				if strings.HasPrefix(line, "child:") {
					t.Fatalf("round %d child %d: %s", r+1, k+1, line)
				}
				if n, ok := strings.CutPrefix(line, "imported "); ok {
					i, _ := strconv.Atoi(n)
					committed[fmt.Sprintf("child %d import %d", k+1, i)] = i
				}
			}
			if err := c.cmd.Wait(); err != nil {
				t.Fatalf("round %d child %d: %v", r+1, k+1, err)
			}
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: %v", r+1, err)
		}
		integrityOK(t, s.DB())
		list, _ := s.ListScenarios()
		if len(list) != len(committed) || len(committed) != 2*each {
			t.Fatalf("round %d: %d scenarios stored, %d committed, want %d", r+1, len(list), len(committed), 2*each)
		}
		for name, n := range committed {
			sameAsSource(t, s, name, n)
		}
		s.Close()
		total += len(committed)
	}
	t.Logf("%d rounds of two concurrent importers in %v: %d imports committed, %d stored exactly; 0 corrupt, 0 lost",
		rounds, time.Since(began).Round(time.Millisecond), total, total)
}
