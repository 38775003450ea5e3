package verdict

import (
	"context"
	"strings"
	"testing"

	"parley/assets"
	"parley/model"
	"parley/model/forecast"
	"parley/model/sweep"
)

func muscat(t testing.TB) *model.Scenario {
	t.Helper()
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	return f.Scenarios[0]
}

func compute(t testing.TB, sc *model.Scenario, sw *sweep.Result, iv map[model.ModelID]float64) *Verdicts {
	t.Helper()
	opt := forecast.FromSettings(sc.Settings)
	res, err := forecast.Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Compute(context.Background(), Input{Scenario: sc, Result: res, Options: &opt, Sweep: sw, Intervals: iv})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func flag(mv *ModelVerdict, k FlagKind) *Flag {
	for i := range mv.Flags {
		if mv.Flags[i].Kind == k {
			return &mv.Flags[i]
		}
	}
	return nil
}

// A knife-edge: two blocs of almost equal weight. Dropping A's salience by 5
// points hands the weighted median from A's 0 to B's 100. The flag names the
// input, its two values and the two forecasts.
func TestKnifeEdgeNamesTheInput(t *testing.T) {
	sc := &model.Scenario{Name: "edge", Issues: []model.Issue{{Key: "x", Name: "Deal", Anchors: []model.Anchor{{At: 0, Label: "no deal"}, {At: 100, Label: "full deal"}}}}}
	add := func(name string, c, p, s float64) {
		sc.Actors = append(sc.Actors, model.Actor{Name: name, Label: name, Capability: c,
			Stances: map[string]model.Stance{"x": {Position: p, Salience: s}}})
	}
	add("A", 50, 0, 50)
	add("B", 50, 100, 48)
	add("C", 2, 60, 50)
	v := compute(t, sc, nil, nil)
	mv := v.Issues[0].Model(model.ModelWeightedMedian)
	if mv == nil || !mv.OK || mv.Value != 0 {
		t.Fatalf("weighted median verdict %+v, want 0", mv)
	}
	f := flag(mv, KnifeEdge)
	if f == nil {
		t.Fatalf("weighted median 0 flips to 100 when A's salience drops 5 points, but no knife-edge flag: %+v", mv.Flags)
	}
	// A's weight c·s decides it: its capability 50 → 45 or its salience 50 → 45 each flip it.
	if (f.Input != "A salience on Deal" && f.Input != "A capability") || f.InputFrom != 50 || f.InputTo != 45 || f.ForecastFrom != 0 || f.ForecastTo != 100 {
		t.Errorf("knife-edge evidence %+v, want A salience (or capability) 50 → 45, forecast 0 → 100", f)
	}
	if want := "knife-edge: " + f.Input + " 50 → 45 moves Weighted median from 0 to 100"; f.Text != want {
		t.Errorf("flag text %q, want %q", f.Text, want)
	}
	// Make A's salience alone decide: a 10 % capability cut (A's weight
	// 40000 → 36000) keeps the median, a 5-point salience cut (40 → 35,
	// −12.5 %) hands it to C at 60. The flag names the salience.
	sc2 := sc.Clone()
	sc2.Actors[0].Capability, sc2.Actors[1].Capability, sc2.Actors[2].Capability = 1000, 1000, 10
	sc2.Actors[0].Stances["x"] = model.Stance{Position: 0, Salience: 40}
	sc2.Actors[1].Stances["x"] = model.Stance{Position: 100, Salience: 35}
	sc2.Actors[2].Stances["x"] = model.Stance{Position: 60, Salience: 50}
	v2 := compute(t, sc2, nil, nil)
	mv2 := v2.Issues[0].Model(model.ModelWeightedMedian)
	if f := flag(mv2, KnifeEdge); f == nil || f.Input != "A salience on Deal" || f.InputFrom != 40 || f.InputTo != 35 || f.ForecastTo != 60 {
		t.Errorf("A salience 40 → 35 moves the median 0 → 60; flag %+v (median %v)", f, mv2.Value)
	}
	if mv.Anchor != "0 = no deal" {
		t.Errorf("anchor %q", mv.Anchor)
	}
	// The weighted mean moves smoothly: no knife-edge.
	if f := flag(v.Issues[0].Model(model.ModelWeightedMean), KnifeEdge); f != nil {
		t.Errorf("weighted mean flagged as knife-edge: %+v", f)
	}
	// The most trustworthy forecast is not the knife-edge one.
	if best := v.Issues[0].Models[v.Issues[0].Best]; best.Model == model.ModelWeightedMedian {
		t.Errorf("the knife-edge weighted median is chosen as the most trustworthy: %s", v.Issues[0].Summary)
	}
}

// The default scenario, as the issue found it: BDM on the scope is a coin
// flip on a small input change, BDM on enrichment cycles, and with a sweep
// the SMP's scope forecast lies outside its own band.
func TestMuscatVerdicts(t *testing.T) {
	sc := muscat(t)
	sw, err := sweep.Run(context.Background(), sc, sweep.Options{Draws: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	v := compute(t, sc, sw, map[model.ModelID]float64{model.ModelWeightedMean: 12, model.ModelBDM: 18})
	scope := v.Issue("scope")
	bdm := scope.Model(model.ModelBDM)
	f := flag(bdm, KnifeEdge)
	if f == nil || !strings.Contains(f.Input, "on Scope of the agenda") && !strings.Contains(f.Input, "capability") {
		t.Fatalf("BDM scope %v: no knife-edge flag naming an input: %+v", bdm.Value, bdm.Flags)
	}
	if abs(f.ForecastTo-f.ForecastFrom) < KnifeEdgeJump || f.ForecastFrom != bdm.Value {
		t.Errorf("knife-edge evidence %+v", f)
	}
	enr := v.Issue("enrichment").Model(model.ModelBDM)
	if c := flag(enr, Cycling); c == nil || !strings.Contains(c.Text, "Gulf states between") {
		t.Errorf("BDM enrichment: cycling flag %+v", enr.Flags)
	}
	for _, iv := range v.Issues {
		if iv.Best < 0 || iv.Summary == "" || iv.Answered < 4 {
			t.Errorf("%s: best %d, %d answers, summary %q", iv.Name, iv.Best, iv.Answered, iv.Summary)
		}
		for _, mv := range iv.Models {
			if mv.OK && mv.Band != nil && (mv.Value < mv.Band.P10 || mv.Value > mv.Band.P90) && flag(&mv, OutsideBand) == nil {
				t.Errorf("%s %s: %v outside %v-%v but not flagged", iv.Name, mv.Model, mv.Value, mv.Band.P10, mv.Band.P90)
			}
			if mv.Model == model.ModelWeightedMean && (!mv.HasInterval || mv.Interval != 12) {
				t.Errorf("the track-record interval was not carried: %+v", mv)
			}
			if mv.Model == model.ModelNash && !mv.OK && mv.Reason == "" {
				t.Errorf("%s: Nash gives no number and no reason", iv.Name)
			}
		}
		t.Log(iv.Summary)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// BenchmarkVerdictsMuscat: every verdict of the default scenario, probes
// included (about 300 reruns of the models).
func BenchmarkVerdictsMuscat(b *testing.B) {
	sc := muscat(b)
	opt := forecast.FromSettings(sc.Settings)
	res, err := forecast.Run(context.Background(), sc, opt)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Compute(context.Background(), Input{Scenario: sc, Result: res, Options: &opt}); err != nil {
			b.Fatal(err)
		}
	}
}
