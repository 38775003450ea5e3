package verdict

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"parley/model"
	"parley/model/forecast"
)

// Muscat is small enough for every actor's inputs to be probed, and the
// verdicts say nothing about coverage.
func TestMuscatEveryInputProbed(t *testing.T) {
	v := compute(t, muscat(t), nil, nil)
	if v.Probe.Actors != 12 || v.Probe.Of != 12 || v.Probe.Note != "" {
		t.Fatalf("coverage %+v, want all 12 actors and no note", v.Probe)
	}
}

// A 30-actor, 4-issue scenario is too large to probe every input within the
// budget: only the most capable actors are probed, the note says so, and no
// flag names an input of an actor left unprobed.
func TestLargeScenarioProbesTheMostCapable(t *testing.T) {
	sc := &model.Scenario{Name: "large"}
	for i := 0; i < 4; i++ {
		sc.Issues = append(sc.Issues, model.Issue{Key: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Issue %d", i), StatusQuo: 10})
	}
	for a := 0; a < 30; a++ {
		ac := model.Actor{Name: fmt.Sprintf("Actor %02d", a), Label: fmt.Sprintf("A%02d", a), Capability: float64(1 + (a*37)%30), Stances: map[string]model.Stance{}}
		for i, is := range sc.Issues {
			ac.Stances[is.Key] = model.Stance{Position: float64((a*13 + i*29) % 101), Salience: float64(20 + (a*7+i*11)%80)}
		}
		sc.Actors = append(sc.Actors, ac)
	}
	v := compute(t, sc, nil, nil)
	c := v.Probe
	if c.Of != 30 || c.Actors <= 0 || c.Actors >= 30 || !strings.Contains(c.Note, fmt.Sprintf("%d most capable of 30", c.Actors)) {
		t.Fatalf("coverage %+v", c)
	}
	probed := probedActors(sc, forecast.FromSettings(sc.Settings), forecast.BDM|forecast.SMP|forecast.Baselines)
	least := 1e9
	for a, p := range probed {
		if p && sc.Actors[a].Capability < least {
			least = sc.Actors[a].Capability
		}
	}
	for a, p := range probed {
		if !p && sc.Actors[a].Capability > least {
			t.Errorf("%s (capability %g) left out while an actor of capability %g was probed", sc.Actors[a].Name, sc.Actors[a].Capability, least)
		}
	}
	for _, iv := range v.Issues {
		for _, mv := range iv.Models {
			for _, f := range mv.Flags {
				if f.Kind != KnifeEdge && f.Kind != CrossIssue {
					continue
				}
				a := -1 // the input starts with the actor's label ("A05 position on Issue 0")
				for k := range sc.Actors {
					if sc.Actors[k].Label == strings.Fields(f.Input)[0] {
						a = k
					}
				}
				if a >= 0 && !probed[a] {
					t.Errorf("flag %q names an input of %s, who was not probed", f.Text, sc.Actors[a].Name)
				}
			}
		}
	}
}

// The probes run on several workers, and the verdicts (every flag, with the
// input and both values it names) are the same with 1, 2 and 7 of them: the
// results are recorded in probe order, so the first of two equal jumps
// still wins. Muscat has knife-edge and cross-issue flags to compare.
func TestProbesSameVerdictsAnyWorkerCount(t *testing.T) {
	sc := muscat(t)
	opt := forecast.FromSettings(sc.Settings)
	res, err := forecast.Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	var first *Verdicts
	flags := 0
	for _, w := range []int{1, 2, 7} {
		v, err := Compute(context.Background(), Input{Scenario: sc, Result: res, Options: &opt, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = v
			for _, iv := range v.Issues {
				for _, mv := range iv.Models {
					for _, f := range mv.Flags {
						if f.Kind == KnifeEdge || f.Kind == CrossIssue {
							flags++
						}
					}
				}
			}
			if flags < 2 {
				t.Fatalf("Muscat has %d knife-edge or cross-issue flags; the comparison needs some", flags)
			}
			continue
		}
		if !reflect.DeepEqual(first, v) {
			for i := range v.Issues {
				if !reflect.DeepEqual(first.Issues[i], v.Issues[i]) {
					t.Fatalf("issue %s: 1 worker gives\n%+v\n%d workers give\n%+v", v.Issues[i].Key, first.Issues[i], w, v.Issues[i])
				}
			}
			t.Fatalf("verdicts differ with 1 and %d workers", w)
		}
	}
}

// Two probes that move a forecast equally: A's capability and A's salience
// each hand the weighted median from 0 to 100 (TestKnifeEdgeNamesTheInput).
// The flag names the first probed, the capability, with any worker count.
func TestEqualJumpsFirstProbedWinsAnyWorkerCount(t *testing.T) {
	sc := &model.Scenario{Name: "edge", Issues: []model.Issue{{Key: "x", Name: "Deal"}}}
	for _, a := range []struct {
		name    string
		c, p, s float64
	}{{"A", 50, 0, 50}, {"B", 50, 100, 48}, {"C", 2, 60, 50}} {
		sc.Actors = append(sc.Actors, model.Actor{Name: a.name, Label: a.name, Capability: a.c,
			Stances: map[string]model.Stance{"x": {Position: a.p, Salience: a.s}}})
	}
	opt := forecast.FromSettings(sc.Settings)
	res, err := forecast.Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{1, 2, 7} {
		v, err := Compute(context.Background(), Input{Scenario: sc, Result: res, Options: &opt, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		f := flag(v.Issues[0].Model(model.ModelWeightedMedian), KnifeEdge)
		if f == nil || f.Input != "A capability" || f.ForecastFrom != 0 || f.ForecastTo != 100 {
			t.Fatalf("%d workers: knife-edge %+v, want A capability (probed before A's salience, which moves it as far)", w, f)
		}
	}
}

// A cancelled context stops the probes, whatever the worker count.
func TestProbesStopWhenCancelled(t *testing.T) {
	sc := muscat(t)
	opt := forecast.FromSettings(sc.Settings)
	res, err := forecast.Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Compute(ctx, Input{Scenario: sc, Result: res, Options: &opt, Workers: 3}); err != context.Canceled {
		t.Fatalf("cancelled probes: %v, want context.Canceled", err)
	}
}
