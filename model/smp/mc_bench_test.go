package smp_test

import (
	"context"
	"testing"

	"parley/assets"
	"parley/model/forecast"
	"parley/model/smp"
	"parley/model/sweep"
)

// BenchmarkMonteCarloSMPMuscat is the SMP's share of the Monte Carlo: 1,000
// draws over the default scenario with the SMP alone (run with -cpu 1).
func BenchmarkMonteCarloSMPMuscat(b *testing.B) {
	f, err := assets.Muscat()
	if err != nil {
		b.Fatal(err)
	}
	sc := f.Scenarios[0]
	ctx := context.Background()
	for b.Loop() {
		if _, err := sweep.Run(ctx, sc, sweep.Options{Draws: 1000, Seed: 1, Models: forecast.SMP}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMuscatSMP is one run of the SMP on the default scenario's point inputs.
func BenchmarkMuscatSMP(b *testing.B) {
	f, err := assets.Muscat()
	if err != nil {
		b.Fatal(err)
	}
	in, _ := forecast.SMPInput(f.Scenarios[0])
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := smp.Run(ctx, in, smp.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
