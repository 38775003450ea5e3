package sweep

import (
	"context"
	"slices"
	"testing"

	"parley/model"
	"parley/model/forecast"
)

// A preliminary band of n draws is the first n draws of the full run: the
// same values, model by model and issue by issue, with one worker for the
// preliminary and two for the full run (worker count changes nothing).
func TestPreliminaryIsFirstDrawsOfFull(t *testing.T) {
	sc := muscat(t)
	opt := Options{Draws: 24, Seed: 7, Models: forecast.BDM | forecast.Baselines, Workers: 1}
	pre, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Draws, opt.Workers = 60, 2
	full, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for i := range full.Issues {
		for m := range full.Issues[i].Models {
			p, f := pre.Issues[i].Models[m], full.Issues[i].Models[m]
			if f.Failed != 0 || p.Failed != 0 {
				continue // Nash has no answer in some draws: its values do not line up with draw indices
			}
			compared++
			if !slices.Equal(p.Values, f.Values[:24]) {
				t.Errorf("%s on %s: the 24 preliminary draws are not the full run's first 24", f.Model, full.Issues[i].Name)
			}
		}
	}
	if compared < 2*len(full.Issues) {
		t.Fatalf("only %d model distributions compared", compared)
	}
	if Key(sc, opt) == "" || Key(sc, opt) != Key(sc, Options{Draws: 24, Seed: 7, Models: forecast.BDM | forecast.Baselines, Workers: 1}) {
		t.Fatal("a preliminary and a full band of the same inputs have different keys")
	}
}

// Key changes with every input a band depends on: a slider's value, a range,
// the seed; and not with the draws or the workers.
func TestKeyFollowsInputs(t *testing.T) {
	sc := muscat(t)
	opt := Options{Draws: 100, Seed: 1}
	k := Key(sc, opt)
	moved := sc.Clone()
	st := moved.Stance(0, 0)
	st.SetSalience(st.Salience + 1)
	moved.SetStance(0, 0, st)
	ranged := sc.Clone()
	setSalienceRange(ranged, 1, 0, &model.Range{Low: 1, High: 99})
	for name, other := range map[string]string{
		"a moved salience": Key(moved, opt),
		"a new range":      Key(ranged, opt),
		"another seed":     Key(sc, Options{Draws: 100, Seed: 2}),
	} {
		if other == k {
			t.Errorf("%s leaves the band's key unchanged", name)
		}
	}
	bare := stripRanges(sc)
	if Key(bare, Options{Seed: 1, Spread: 17}) == Key(bare, Options{Seed: 1, Spread: 3}) {
		t.Error("another default spread leaves the band's key unchanged")
	}
	if Key(sc, Options{Draws: 5000, Seed: 1, Workers: 1}) != k {
		t.Error("the number of draws or workers changes the key")
	}
	if Key(&model.Scenario{}, opt) != "" {
		t.Error("an empty scenario has a key")
	}
}
