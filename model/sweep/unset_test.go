package sweep

import (
	"context"
	"testing"

	"parley/model"
	"parley/model/forecast"
)

// An unset stance stays unset in every draw of the Monte Carlo: the draws'
// scratch scenario never gives it a position, its inputs do not vary, and
// the BDM point forecast is the one without the actor.
func TestSweepKeepsUnsetStances(t *testing.T) {
	sc := muscat(t).Clone()
	n := len(sc.Actors)
	sc.Actors = append(sc.Actors, model.Actor{Name: "Khamenei's office", Capability: 60, Stances: map[string]model.Stance{}})
	in := Ranges(sc, 5)
	s := newScratch(sc)
	v := make([]float64, len(in))
	for k := range v {
		v[k] = 42
	}
	s.set(v)
	if len(s.sc.Actors[n].Stances) != 0 {
		t.Fatalf("a draw gave the unset actor stances %v", s.sc.Actors[n].Stances)
	}
	for _, x := range in {
		if x.Actor == n && x.Issue >= 0 && x.Low != x.High {
			t.Errorf("input %q varies (%v-%v)", x.Name, x.Low, x.High)
		}
	}
	res, err := Run(context.Background(), sc, Options{Draws: 20, Seed: 1, Models: forecast.BDM})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := forecast.Run(context.Background(), muscat(t), forecast.Options{Models: forecast.BDM})
	if err != nil {
		t.Fatal(err)
	}
	for i, is := range res.Issues {
		p := is.Models[0].Point
		if p == nil || *p != plain.Issues[i].BDM.Forecast {
			t.Errorf("%s: point %v, want %v (without the actor)", is.Key, p, plain.Issues[i].BDM.Forecast)
		}
	}
}
