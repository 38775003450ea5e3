package smp

import (
	"math"
	"testing"
)

// split must give the builtins' max(v, 0) and min(v, 0) bit for bit, signed
// zeros and NaN included, for every v that is not infinite.
func TestSplitIsMaxMin(t *testing.T) {
	vs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.75, 1e-310, -1e-310, math.SmallestNonzeroFloat64,
		-math.SmallestNonzeroFloat64, 1e8, -1e8, math.MaxFloat64 / 4, -math.MaxFloat64 / 4, math.NaN(), 1.0 / 3, -2.0 / 3}
	for k := 0; k < 1000; k++ {
		vs = append(vs, math.Float64frombits(uint64(k)*0x9E3779B97F4A7C15))
	}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
	}
	for _, v := range vs {
		if math.IsInf(v, 0) || math.Abs(v) > math.MaxFloat64/2 {
			continue
		}
		p, n := split(v)
		if !same(p, max(v, 0)) || !same(n, min(v, 0)) {
			t.Errorf("split(%v) = %v, %v; max, min give %v, %v", v, p, n, max(v, 0), min(v, 0))
		}
	}
}

// s < posTolSq must say √s < posTol for every s, those about the bound above all.
func TestPosTolSq(t *testing.T) {
	s := posTolSq
	for k := 0; k < 50; k++ {
		s = math.Nextafter(s, 0)
	}
	for k := 0; k < 100; k++ {
		if (s < posTolSq) != (math.Sqrt(s) < posTol) {
			t.Fatalf("s = %v: s < posTolSq is %v, √s < posTol is %v", s, s < posTolSq, math.Sqrt(s) < posTol)
		}
		s = math.Nextafter(s, 1)
	}
	for _, s := range []float64{0, 1e-7, 1e-6, 2e-6, 1, math.NaN()} {
		if (s < posTolSq) != (math.Sqrt(s) < posTol) {
			t.Errorf("s = %v: s < posTolSq is %v, √s < posTol is %v", s, s < posTolSq, math.Sqrt(s) < posTol)
		}
	}
}
