package sweep

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"parley/model/forecast"
)

// The same seed gives the same numbers, to the bit, with 1, 2 and 8 workers,
// for every model the sweep reports (the exchange model included); and each
// draw's numbers are those of a fresh forecast.Run on that draw's inputs, so
// the engines' reused working stores carry nothing from one draw to the next.
func TestSameSeedAnyWorkerCount(t *testing.T) {
	sc := muscat(t)
	const draws = 24
	opt := Options{Draws: draws, Seed: 16, Models: forecast.All}
	var first *Result
	for _, w := range []int{1, 2, 8} {
		opt.Workers = w
		res, err := Run(context.Background(), sc, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range res.Issues {
			names := []string{}
			for _, md := range is.Models {
				names = append(names, md.Model)
			}
			want := []string{ModelBDM, ModelSMP, ModelMedian, ModelMean, ModelNash, ModelExchange}
			if !reflect.DeepEqual(names, want) {
				t.Fatalf("issue %s: models %v, want %v", is.Key, names, want)
			}
			if ex := is.Models[5]; ex.Failed != 0 || len(ex.Values) != draws {
				t.Fatalf("issue %s: exchange model answered %d of %d draws", is.Key, len(ex.Values), draws)
			}
		}
		if first == nil {
			first = res
			continue
		}
		for i := range res.Issues {
			for m, md := range res.Issues[i].Models {
				a := first.Issues[i].Models[m].Values
				if len(a) != len(md.Values) {
					t.Fatalf("issue %s, %s: %d values with 1 worker, %d with %d", res.Issues[i].Key, md.Model, len(a), len(md.Values), w)
				}
				for d := range md.Values {
					if math.Float64bits(md.Values[d]) != math.Float64bits(a[d]) {
						t.Fatalf("issue %s, %s, draw %d: %v with 1 worker, %v with %d", res.Issues[i].Key, md.Model, d, a[d], md.Values[d], w)
					}
				}
			}
		}
		if !reflect.DeepEqual(first, res) {
			t.Fatalf("same seed, different results with 1 and %d workers", w)
		}
	}

	// Draw by draw, against a fresh parallel forecast of the same inputs.
	s, err := resolve(sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	inputs := Ranges(sc, s.spread)
	v := make([]float64, len(inputs))
	var pcg rand.PCG
	r := rand.New(&pcg)
	fo := s.fopt
	fo.Serial = false
	for _, d := range []int{0, 7, draws - 1} {
		pcg.Seed(mix64(opt.Seed), mix64(uint64(d)))
		sample(inputs, opt.Dist, r, v)
		scr := newScratch(sc)
		scr.set(v)
		res, err := forecast.Run(context.Background(), scr.sc, fo)
		if err != nil {
			t.Fatal(err)
		}
		for i, is := range first.Issues {
			for _, md := range is.Models {
				if md.Failed != 0 { // Values skip the failed draws: index d is not draw d
					continue
				}
				want, ok := forecastOf(res, i, md.Model)
				if !ok || math.Float64bits(md.Values[d]) != math.Float64bits(want) {
					t.Errorf("issue %s, %s, draw %d: sweep %v, fresh run %v (ok %v)", is.Key, md.Model, d, md.Values[d], want, ok)
				}
			}
		}
	}
}

// BenchmarkMonteCarlo10000Muscat is issue 16's goal: 10,000 draws over the
// default scenario, every model, 2 cores ≤ 1 s (run with -cpu 2).
func BenchmarkMonteCarlo10000Muscat(b *testing.B) {
	sc := muscat(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Run(ctx, sc, Options{Draws: 10000, Seed: 1, Models: forecast.All}); err != nil {
			b.Fatal(err)
		}
	}
}
