package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley/model"
)

// TestTwoProcessesImportingOneNameOneWins: two Parley processes import a
// scenario of the same name into one project at the same moment, 50 times
// (as two `parley-cli import FILE --db P` without --replace). Each time
// exactly one succeeds and the other is refused with a message naming the
// scenario, and the stored scenario is the winner's, whole: nothing was
// overwritten.
func TestTwoProcessesImportingOneNameOneWins(t *testing.T) {
	const rounds = 50
	path := filepath.Join(t.TempDir(), "shared.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var children []*child
	for k := 1; k <= 2; k++ {
		c := startHelper(t, "import", "PARLEY_STORE_DB="+path, "PARLEY_CHILD="+strconv.Itoa(k))
		c.expect(t, "ready")
		children = append(children, c)
	}
	for r := 1; r <= rounds; r++ {
		for _, c := range children { // both start at once
			fmt.Fprintf(c.stdin, "%d\n", r)
		}
		winner := 0
		for k, c := range children {
			res := c.expect(t, fmt.Sprintf("round %d:", r))
			switch {
			case res == "imported":
				if winner != 0 {
					t.Fatalf("round %d: both imports succeeded: one overwrote the other", r)
				}
				winner = k + 1
			case strings.Contains(res, "already has a scenario called") && strings.Contains(res, importName(r)) && strings.Contains(res, "nothing was imported"):
			default:
				t.Fatalf("round %d, child %d: %s", r, k+1, res)
			}
		}
		if winner == 0 {
			t.Fatalf("round %d: neither import succeeded", r)
		}
		sc, err := s.LoadScenario(importName(r))
		if err != nil {
			t.Fatal(err)
		}
		if want := importScenario(r, winner); sc.Notes != want.Notes || sc.Actors[0].Capability != want.Actors[0].Capability {
			t.Fatalf("round %d: stored %q (capability %v), want the winner's (child %d)", r, sc.Notes, sc.Actors[0].Capability, winner)
		}
	}
	for _, c := range children {
		c.stdin.Close()
		if err := c.cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	integrityOK(t, s.DB())
}

func importName(r int) string { return fmt.Sprintf("Imported round %d", r) }

// importScenario is child k's file for round r.
func importScenario(r, k int) *model.Scenario {
	sc := counterScenario()
	sc.Name = importName(r)
	sc.Notes = fmt.Sprintf("imported by child %d", k)
	sc.Actors[0].Capability = float64(k)
	return sc
}

// helperImport is one of the two importing processes: on each line r it
// imports round r's scenario and says whether it was imported or refused.
func helperImport(path string) {
	k, _ := strconv.Atoi(os.Getenv("PARLEY_CHILD"))
	s, err := Open(path)
	if err != nil {
		childFail("%v", err)
	}
	defer s.Close()
	say("ready")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		r, _ := strconv.Atoi(in.Text())
		err := s.SaveFileNew([]*model.Scenario{importScenario(r, k)})
		if err == nil {
			say("round %d: imported", r)
		} else {
			say("round %d: %s (code %s)", r, model.ErrorMessage(err), model.ErrorCode(err))
		}
	}
}
