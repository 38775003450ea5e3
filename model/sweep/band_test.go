package sweep

import (
	"context"
	"testing"

	"parley/model"
	"parley/model/forecast"
)

// A symmetric default range around a point on 0 or 100 must not push the
// draws inward: the weighted mean's P10-P90 band contains the point forecast.
// Before truncating symmetrically, actors at 0 drew from [0, 5] only and the
// mean of "format" (24.5) fell below its own band (25.4-35.2).
func TestBandAtScaleEndsContainsPoint(t *testing.T) {
	mk := func(pos ...float64) *model.Scenario {
		sc := &model.Scenario{Name: "ends", Settings: model.Settings{Spread: 5},
			Issues: []model.Issue{{Key: "x", Name: "X"}}}
		for k, p := range pos {
			sc.Actors = append(sc.Actors, model.Actor{Name: string(rune('A' + k)), Label: string(rune('A' + k)), Capability: 50,
				Stances: map[string]model.Stance{"x": {Position: p, Salience: 60}}})
		}
		return sc
	}
	for _, sc := range []*model.Scenario{mk(0, 0, 0, 30), mk(100, 100, 100, 70), mk(0, 2, 98, 100)} {
		r, err := Run(context.Background(), sc, Options{Draws: 400, Seed: 7, Models: forecast.Baselines})
		if err != nil {
			t.Fatal(err)
		}
		for _, md := range r.Issues[0].Models {
			if md.Model != ModelMean || md.Point == nil {
				continue
			}
			if !(md.P10 <= *md.Point && *md.Point <= md.P90) {
				t.Errorf("positions %v: weighted mean %.2f outside its band %.2f-%.2f", r.Inputs, *md.Point, md.P10, md.P90)
			}
			if d := md.Mean - *md.Point; d > 0.5 || d < -0.5 {
				t.Errorf("draws biased: mean of the draws %.2f, point %.2f", md.Mean, *md.Point)
			}
		}
	}
	// (The default scenario's "format" mean, 24.5, still lies below its band
	// because the analyst's own ranges there are one-sided, e.g. the Leader at
	// 0 within 0-15: that is the analyst's belief, and a verdict flag.)
	// A zero-width range gives the point exactly.
	sc := mk(0, 0, 0, 30)
	sc.Settings.Spread = 0
	r, err := Run(context.Background(), sc, Options{Draws: 20, Models: forecast.Baselines})
	if err != nil {
		t.Fatal(err)
	}
	for _, md := range r.Issues[0].Models {
		if md.Point != nil && (md.P10 != *md.Point || md.P90 != *md.Point) {
			t.Errorf("zero width: %s band %v-%v, point %v", md.Model, md.P10, md.P90, *md.Point)
		}
	}
}
