package bdm_test

import (
	"math/rand/v2"
	"slices"
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

// BenchmarkMuscatDrawn is BenchmarkMuscat6Issues on 64 Monte Carlo-like
// draws: every position, salience and capability moved at random within 5
// points (capability within 10%), and the scenario's no-bargaining pairs.
func BenchmarkMuscatDrawn(b *testing.B) {
	f, err := assets.Muscat()
	if err != nil {
		b.Fatal(err)
	}
	sc := f.Scenarios[0]
	opt := bdm.Options{NoBargain: sc.NoBargainIndices()}
	r := rand.New(rand.NewPCG(1, 2))
	jitter := func(v, d, lo, hi float64) float64 { return min(max(v+d*(2*r.Float64()-1), lo), hi) }
	var draws [][]bdm.Input
	for range 64 {
		var in []bdm.Input
		for i := range sc.Issues {
			c := bdm.Input(sc.Column(i))
			d := bdm.Input{Capability: slices.Clone(c.Capability), Position: slices.Clone(c.Position), Salience: slices.Clone(c.Salience)}
			for a := range d.Position {
				d.Capability[a] *= jitter(1, 0.1, 0, 2)
				d.Position[a] = jitter(d.Position[a], 5, 0, 100)
				d.Salience[a] = jitter(d.Salience[a], 5, 0, 100)
			}
			in = append(in, d)
		}
		draws = append(draws, in)
	}
	b.ReportAllocs()
	k := 0
	for b.Loop() {
		for _, c := range draws[k%len(draws)] {
			if _, err := bdm.Run(c, opt); err != nil {
				b.Fatal(err)
			}
		}
		k++
	}
}
