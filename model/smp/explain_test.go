package smp

import (
	"fmt"
	"strings"
	"testing"
)

// Every turn of KTAB's 3-issue reference run is explained, and the
// probabilities the explanation quotes are KTAB's published ones for that
// turn and the next.
func TestExplainKTAB3Dim(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	res := run(t, in, Options{})
	_, wantProb := readHistory(t, "expected/ktab_ref_3Dim_history.txt", 7, 3)
	ex := Explain(res, in.Names, []string{"d1", "d2", "d3"})
	if len(ex) != len(res.Turns)-1 || len(ex) != 10 {
		t.Fatalf("%d explanations for %d turns, want one per turn that has a next (10)", len(ex), len(res.Turns))
	}
	for k, te := range ex {
		if te.Turn != k || len(te.Actors) != 7 {
			t.Fatalf("explanation %d is for turn %d with %d actors", k, te.Turn, len(te.Actors))
		}
		for _, a := range te.Actors {
			before, after := fmt.Sprintf("%.4f", wantProb[a.Actor][k]), fmt.Sprintf("%.4f", wantProb[a.Actor][k+1])
			if fmt.Sprintf("%.4f", a.ProbBefore) != before || fmt.Sprintf("%.4f", a.ProbAfter) != after {
				t.Errorf("turn %d %s: probability %.4f → %.4f, KTAB %s → %s", k, in.Names[a.Actor], a.ProbBefore, a.ProbAfter, before, after)
			}
			if !strings.Contains(a.Why, "from "+before+" to "+after) {
				t.Errorf("turn %d %s: %q does not quote the probabilities %s → %s", k, in.Names[a.Actor], a.Why, before, after)
			}
			moved := a.Moved()
			kept := a.Deal.Initiator == a.Deal.Receiver
			if kept && moved {
				t.Errorf("turn %d %s kept its position but moved", k, in.Names[a.Actor])
			}
		}
		// Every proposal is the turn's challenge, and everyone who took a
		// deal is counted on that proposal.
		for _, p := range te.Proposals {
			c := res.Turns[k].Challenges[p.Initiator]
			if c.Target != p.Receiver || c.Prob != p.Prob || c.Gain != p.Gain {
				t.Errorf("turn %d: proposal %+v is not the challenge %+v", k, p, c)
			}
			for _, a := range p.AcceptedBy {
				if d := res.Turns[k].Adopted[a]; d.Initiator != p.Initiator {
					t.Errorf("turn %d: %d counted as taking %d's bargain but took %+v", k, a, p.Initiator, d)
				}
			}
		}
	}
	// Turn 0: actor 0 targets actor 6 with P = .7643 and Δu = +.0947 (MODELS.md §2.1).
	if !strings.Contains(ex[0].Lines[0], "SActor-00 proposed a bargain to SActor-06 (P(prevail) = 0.7643, gain Δu = +0.0947): (75.6, 24.8, 72.0)") {
		t.Errorf("turn 0 first line = %q", ex[0].Lines[0])
	}
}

// A pair that does not bargain directly never targets the other.
func TestSMPNoBargain(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	free := run(t, in, Options{})
	if free.Turns[0].Targets[0] != 6 {
		t.Fatalf("actor 0 targets %d at turn 0, want 6", free.Turns[0].Targets[0])
	}
	res := run(t, in, Options{NoBargain: [][2]int{{6, 0}}})
	for _, tu := range res.Turns {
		for i, j := range tu.Targets {
			if (i == 0 && j == 6) || (i == 6 && j == 0) {
				t.Errorf("turn %d: %d targets %d although they do not bargain", tu.Turn, i, j)
			}
		}
		for k, d := range tu.Adopted {
			if d.Initiator != d.Receiver && ((d.Initiator == 0 && d.Receiver == 6) || (d.Initiator == 6 && d.Receiver == 0)) {
				t.Errorf("turn %d: %d took a bargain between 0 and 6", tu.Turn, k)
			}
		}
	}
	if _, err := runEngine(t.Context(), in, Options{NoBargain: [][2]int{{0, 9}}}, false); err == nil {
		t.Error("a pair naming actor 10 of 7 is accepted")
	}
}
