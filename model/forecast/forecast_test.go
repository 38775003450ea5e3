package forecast

import (
	"context"
	"math"
	"reflect"
	"testing"

	"parley/assets"
	"parley/model"
	"parley/model/baseline"
	"parley/model/bdm"
)

func muscat(t testing.TB) *model.Scenario {
	t.Helper()
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	return f.Scenarios[0]
}

// Every model answers for every Muscat issue, and the numbers are the ones
// each engine gives when called on its own.
func TestMuscatAllModels(t *testing.T) {
	sc := muscat(t)
	res, err := Run(context.Background(), sc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.SMPErr != nil || res.SMP == nil {
		t.Fatalf("SMP: %v", res.SMPErr)
	}
	if len(res.SMPRescaled) == 0 {
		t.Error("Muscat saliences sum above 100 per actor; the SMP rescale must be reported")
	}
	for i, is := range res.Issues {
		if is.BDMErr != nil || is.BaselineErr != nil || is.PowerErr != nil || is.BlocsErr != nil {
			t.Fatalf("issue %s: %v %v %v %v", is.Key, is.BDMErr, is.BaselineErr, is.PowerErr, is.BlocsErr)
		}
		direct, err := bdm.Run(bdm.Input(sc.Column(i)), bdm.Options{})
		if err != nil || direct.Forecast != is.BDM.Forecast {
			t.Errorf("issue %s: BDM via forecast %v, direct %v (%v)", is.Key, is.BDM.Forecast, direct.Forecast, err)
		}
		b, _ := baseline.Compute(sc.Column(i), sc.Issues[i].StatusQuo, baseline.NashOptions{})
		if b.Mean != is.Baseline.Mean || b.Median != is.Baseline.Median {
			t.Errorf("issue %s: baselines differ", is.Key)
		}
		for _, v := range res.Forecasts(i) {
			if math.IsNaN(v.Value) || v.Value < 0 || v.Value > 100 {
				t.Errorf("issue %s: %s forecast %v outside 0-100", is.Key, v.Model, v.Value)
			}
		}
		var share float64
		for _, s := range is.Power.ShapleyShubik {
			share += s
		}
		if math.Abs(share-1) > 1e-9 {
			t.Errorf("issue %s: Shapley-Shubik shares sum to %v", is.Key, share)
		}
	}
}

// The fingerprint changes with any input and not otherwise.
func TestFingerprint(t *testing.T) {
	sc := muscat(t)
	a := Fingerprint(sc, Options{})
	if a != Fingerprint(sc.Clone(), Options{}) {
		t.Fatal("same inputs, different fingerprints")
	}
	c := sc.Clone()
	st := c.Stance(3, 2)
	st.Salience += 1
	c.SetStance(3, 2, st)
	if Fingerprint(c, Options{}) == a {
		t.Fatal("a salience edit did not change the fingerprint")
	}
	if Fingerprint(sc, Options{BDM: bdm.Options{Rounds: 4}}) == a {
		t.Fatal("an option change did not change the fingerprint")
	}
}

// A degenerate issue (everyone at one position) reports an error for that
// issue only; the others still get their forecasts.
func TestDegenerateIssueIsolated(t *testing.T) {
	sc := muscat(t)
	for a := range sc.Actors {
		st := sc.Stance(a, 0)
		st.Position = 50
		sc.SetStance(a, 0, st)
	}
	res, err := Run(context.Background(), sc, Options{Models: BDM | Baselines})
	if err != nil {
		t.Fatal(err)
	}
	if model.ErrorCode(res.Issues[0].BDMErr) != model.EDEGENERATE {
		t.Fatalf("issue 0: BDM error %v, want degenerate", res.Issues[0].BDMErr)
	}
	if res.Issues[1].BDM == nil {
		t.Fatal("issue 1 lost its forecast because issue 0 is degenerate")
	}
}

// BenchmarkMuscatAllModels is PRODUCT.md's budget "all models on the default
// scenario ≤ 2 ms".
func BenchmarkMuscatAllModels(b *testing.B) {
	sc := muscat(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Run(ctx, sc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Serial (used by the Monte Carlo) gives the same numbers as the parallel run.
func TestSerialSameNumbers(t *testing.T) {
	sc := muscat(t)
	a, _ := Run(context.Background(), sc, Options{})
	b, _ := Run(context.Background(), sc, Options{Serial: true})
	for i := range a.Issues {
		if !reflect.DeepEqual(a.Forecasts(i), b.Forecasts(i)) || len(a.Forecasts(i)) < 4 {
			t.Fatalf("issue %d: serial %v, parallel %v", i, b.Forecasts(i), a.Forecasts(i))
		}
	}
	if Fingerprint(sc, Options{Models: All, Serial: true}) != a.Fingerprint {
		t.Fatal("Serial changes the fingerprint")
	}
}
