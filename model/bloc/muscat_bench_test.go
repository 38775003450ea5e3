package bloc_test

import (
	"testing"

	"parley/assets"
	"parley/model/baseline"
	"parley/model/bloc"
)

// BenchmarkMuscatOnIssue groups the actors of each issue of the default
// scenario (12 actors × 6 issues), as every Monte Carlo draw does.
func BenchmarkMuscatOnIssue(b *testing.B) {
	f, err := assets.Muscat()
	if err != nil {
		b.Fatal(err)
	}
	sc := f.Scenarios[0]
	var x, w [][]float64
	for i := range sc.Issues {
		col := sc.Column(i)
		x, w = append(x, col.Position), append(w, baseline.Weights(col))
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range x {
			if _, err := bloc.OnIssue(x[i], w[i], 0); err != nil {
				b.Fatal(err)
			}
		}
	}
}
