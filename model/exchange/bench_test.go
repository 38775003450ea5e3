package exchange_test

import (
	"path/filepath"
	"testing"

	"parley/model/exchange"
)

// BenchmarkCoP21 is the budget: COP21 (15 actors × 13 issues), 10
// rounds of variant B, at most 20 ms.
func BenchmarkCoP21(b *testing.B) {
	in := readDecide(b, filepath.Join(testdata, datasets["CoP21"]))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := exchange.Run(in, exchange.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
