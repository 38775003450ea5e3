package model

import (
	"cmp"
	"math"
	"slices"
)

// WeightedMean returns Σ w_i x_i / Σ w_i. It returns a degenerate-input error
// when the weights sum to zero or any value is NaN or infinite.
func WeightedMean(x, w []float64) (float64, error) {
	if err := checkXW(x, w); err != nil {
		return 0, err
	}
	var sw, sx float64
	for i := range x {
		sw += w[i]
		sx += w[i] * x[i]
	}
	return sx / sw, nil
}

// WeightedMedian returns the lower and upper weighted medians of x with weights w:
// sort by x, accumulate w; lower is the first x at which the cumulative weight
// reaches half the total (within a relative tolerance of 1e-12), upper is the
// first x at which it exceeds half. They differ only when the cumulative weight
// hits exactly W/2, in which case the analyst should see both.
func WeightedMedian(x, w []float64) (lower, upper float64, err error) {
	if err := checkXW(x, w); err != nil {
		return 0, 0, err
	}
	// The actors by position, ties by index (a stable sort): a few are put
	// in order by insertion in an array on the stack, which allocates
	// nothing; more by slices.SortStableFunc. Both give that one order.
	var buf [32]int
	var idx []int
	if len(x) <= len(buf) {
		idx = buf[:len(x)]
	} else {
		idx = make([]int, len(x))
	}
	var total float64
	for i := range idx {
		idx[i] = i
		total += w[i]
	}
	if len(idx) <= len(buf) {
		for a := 1; a < len(idx); a++ {
			for b := a; b > 0 && x[idx[b]] < x[idx[b-1]]; b-- {
				idx[b], idx[b-1] = idx[b-1], idx[b]
			}
		}
	} else {
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	}
	half := total / 2
	tol := 1e-12 * total
	var cum float64
	found := false
	for _, i := range idx {
		cum += w[i]
		if !found && cum >= half-tol {
			lower, found = x[i], true
		}
		if cum > half+tol {
			return lower, x[i], nil
		}
	}
	return lower, lower, nil
}

func checkXW(x, w []float64) error {
	if len(x) == 0 || len(x) != len(w) {
		return Degenerate("no actors to weigh")
	}
	var sw float64
	for i := range x {
		if math.IsNaN(x[i]) || math.IsInf(x[i], 0) || math.IsNaN(w[i]) || math.IsInf(w[i], 0) {
			return Degenerate("a position or weight is not a finite number")
		}
		if w[i] < 0 {
			return Degenerate("a weight is negative")
		}
		sw += w[i]
	}
	if sw <= 0 {
		return Degenerate("every actor has zero weight (capability × salience): nothing to weigh")
	}
	return nil
}
