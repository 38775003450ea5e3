package bdm_test

import (
	"testing"

	"parley/assets"
	"parley/model/bdm"
)

// BenchmarkMuscat6Issues runs the model once on each issue of the default
// scenario (12 actors × 6 issues): what one Monte Carlo draw asks of it.
func BenchmarkMuscat6Issues(b *testing.B) {
	f, err := assets.Muscat()
	if err != nil {
		b.Fatal(err)
	}
	sc := f.Scenarios[0]
	var in []bdm.Input
	for i := range sc.Issues {
		in = append(in, bdm.Input(sc.Column(i)))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range in {
			if _, err := bdm.Run(c, bdm.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
