package exchange_test

import (
	"testing"

	"parley/assets"
	"parley/model/exchange"
)

// BenchmarkMuscat is the default scenario (12 actors × 6 issues), 10 rounds,
// as forecast.Run and every Monte Carlo draw run it.
func BenchmarkMuscat(b *testing.B) {
	f, err := assets.Muscat()
	if err != nil {
		b.Fatal(err)
	}
	in := exchange.FromScenario(f.Scenarios[0])
	b.ReportAllocs()
	for b.Loop() {
		if _, err := exchange.Run(in, exchange.Options{OutcomesOnly: true}); err != nil {
			b.Fatal(err)
		}
	}
}
