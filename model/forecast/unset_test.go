package forecast

import (
	"context"
	"math"
	"testing"

	"parley/model"
)

// A new actor with no stance is left out of every model: BDM's scope
// forecast, the baselines and the blocs are what they were, the actor holds
// still in BDM's rounds with no power, and the issue names it as unset. The
// same actor at the status quo with salience 50 (what Add actor gave
// before) moves the scope forecast, so the test can fail.
func TestUnsetStanceLeftOut(t *testing.T) {
	sc := muscat(t)
	before, err := Run(context.Background(), sc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	scope := sc.IssueIndex("scope")
	if scope < 0 {
		t.Fatal("Muscat has no scope issue")
	}
	withUnset := sc.Clone()
	withUnset.Actors = append(withUnset.Actors, model.Actor{Name: "Khamenei's office", Capability: 60, Stances: map[string]model.Stance{}})
	after, err := Run(context.Background(), withUnset, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(withUnset.Actors)
	for i, is := range after.Issues {
		b := before.Issues[i]
		if is.BDMErr != nil || is.BDM.Forecast != b.BDM.Forecast || is.Baseline.Median != b.Baseline.Median || is.Baseline.Mean != b.Baseline.Mean {
			t.Errorf("%s: BDM %v → %v, median %v → %v, mean %v → %v after adding an actor with no stance (%v)", is.Key,
				b.BDM.Forecast, is.BDM.Forecast, b.Baseline.Median, is.Baseline.Median, b.Baseline.Mean, is.Baseline.Mean, is.BDMErr)
		}
		if len(is.Unset) != 1 || is.Unset[0] != n-1 {
			t.Errorf("%s: unset %v, want the new actor %d", is.Key, is.Unset, n-1)
		}
		last := is.BDM.Rounds[len(is.BDM.Rounds)-1].Positions
		if len(last) != n || len(is.Power.ShapleyShubik) != n || is.Power.ShapleyShubik[n-1] != 0 {
			t.Fatalf("%s: %d positions, %d power indices (new actor %v); want %d", is.Key, len(last), len(is.Power.ShapleyShubik), is.Power.ShapleyShubik, n)
		}
		for k, p := range b.BDM.Rounds[len(b.BDM.Rounds)-1].Positions {
			if last[k] != p {
				t.Errorf("%s: actor %d ends at %v, was %v", is.Key, k, last[k], p)
			}
		}
		for _, m := range is.BDM.Moves {
			if m.Mover == n-1 || m.Counterpart == n-1 {
				t.Errorf("%s: the unset actor takes part in a move %+v", is.Key, m)
			}
		}
		for _, bl := range is.Blocs {
			for _, m := range bl.Members {
				if m == n-1 {
					t.Errorf("%s: the unset actor is in a bloc", is.Key)
				}
			}
		}
	}
	// The SMP runs without the actor (it refuses one with no salience
	// anywhere) and its forecast is the one without it.
	if after.SMPErr != nil || len(after.SMP.Turns[0].Positions) != n || after.SMP.Turns[len(after.SMP.Turns)-1].Probabilities[n-1] != 0 {
		t.Fatalf("SMP with an unset actor: %v", after.SMPErr)
	}
	for i := range sc.Issues {
		if after.SMP.Forecast[i] != before.SMP.Forecast[i] {
			t.Errorf("SMP forecast on %s %v → %v", sc.Issues[i].Key, before.SMP.Forecast[i], after.SMP.Forecast[i])
		}
	}
	for _, tn := range after.SMP.Turns {
		for a, tg := range tn.Targets {
			if tg == n-1 || a == n-1 && tg != -1 {
				t.Fatalf("turn %d: actor %d targets %d", tn.Turn, a, tg)
			}
		}
	}
	if before.Fingerprint == after.Fingerprint {
		t.Error("adding an actor left the fingerprint unchanged")
	}
	// What Add actor used to do: status quo, salience 50, on every issue.
	neutral := withUnset.Clone()
	for _, is := range neutral.Issues {
		neutral.Actors[n-1].Stances[is.Key] = model.Stance{Position: is.StatusQuo, Salience: 50}
	}
	moved, err := Run(context.Background(), neutral, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(moved.Issues[scope].BDM.Forecast-before.Issues[scope].BDM.Forecast) < 1 {
		t.Errorf("a status-quo stance at salience 50 leaves BDM scope at %v (was %v): the test cannot tell left out from set",
			moved.Issues[scope].BDM.Forecast, before.Issues[scope].BDM.Forecast)
	}
	// A stance at position 0, salience 0 is not an unset one.
	zero := withUnset.Clone()
	zero.Actors[n-1].Stances["scope"] = model.Stance{}
	if Fingerprint(zero, Options{}) == after.Fingerprint {
		t.Error("a stance at 0, 0 has the fingerprint of an unset stance")
	}
}
