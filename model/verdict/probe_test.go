package verdict

import (
	"fmt"
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
