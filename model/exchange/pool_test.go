package exchange_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"parley/assets"
	"parley/model/exchange"
)

// Engines are pooled between runs: a run gives the same result whatever ran
// before it (another size, the same size with other numbers, variant A, a
// full run), and a result kept is not changed by the runs after it.
func TestRunsDoNotShareState(t *testing.T) {
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	in := exchange.FromScenario(f.Scenarios[0])
	run := func(in exchange.Input, opt exchange.Options) *exchange.Result {
		t.Helper()
		r, err := exchange.Run(in, opt)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := run(in, exchange.Options{})
	firstLean := run(in, exchange.Options{OutcomesOnly: true})
	kept, err := json.Marshal(first)
	if err != nil {
		t.Fatal(err)
	}

	smaller := in
	smaller.Actors, smaller.Stances = in.Actors[1:], in.Stances[1:]
	other := in
	other.Stances = make([][]exchange.Stance, len(in.Stances))
	for a, row := range in.Stances {
		other.Stances[a] = append([]exchange.Stance(nil), row...)
		for d := range row {
			if row[d].Has {
				other.Stances[a][d].Position = 100 - row[d].Position
				other.Stances[a][d].Salience = row[d].Salience / 2
			}
		}
	}
	for _, r := range []*exchange.Result{run(in, exchange.Options{Variant: exchange.VariantA, OutcomesOnly: true}),
		run(other, exchange.Options{}), run(other, exchange.Options{OutcomesOnly: true}), run(smaller, exchange.Options{})} {
		if reflect.DeepEqual(r.Forecast, first.Forecast) {
			t.Fatal("another input gave Muscat's forecast")
		}
	}
	if now, _ := json.Marshal(first); string(now) != string(kept) {
		t.Error("a kept result changed under later runs")
	}
	if again := run(in, exchange.Options{}); !reflect.DeepEqual(again, first) {
		t.Error("Muscat after other runs differs from Muscat first")
	}
	if again := run(in, exchange.Options{OutcomesOnly: true}); !reflect.DeepEqual(again, firstLean) {
		t.Error("Muscat (outcomes only) after other runs differs from the first")
	}
}
