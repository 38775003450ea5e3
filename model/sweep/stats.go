package sweep

import (
	"math"

	"parley/model"
)

// DefaultBinWidth is the histogram bin width in points when Options.BinWidth is 0.
const DefaultBinWidth = 2.5

// Quantile returns the p-quantile (0 ≤ p ≤ 1) of sorted, an ascending slice,
// by linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and NumPy): h = (n−1)·p, x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
// It returns 0 for an empty slice.
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	p = math.Max(0, math.Min(1, p))
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	x := sorted[lo]
	if d := sorted[lo+1] - x; d != 0 {
		x += (h - float64(lo)) * d
	}
	return x
}

// Histogram counts values in fixed bins: Counts[k] is the number of values in
// [Edges[k], Edges[k+1]); the last bin is closed.
type Histogram struct {
	Edges  []float64 // len(Counts)+1 edges from 0 to 100
	Counts []int
}

// NewHistogram returns empty bins of width w on 0-100 (w = 0: DefaultBinWidth).
// When w does not divide 100 the last bin is narrower.
func NewHistogram(w float64) (Histogram, error) {
	if w == 0 {
		w = DefaultBinWidth
	}
	if !(w > 0) || w > model.ScaleMax-model.ScaleMin {
		return Histogram{}, model.Invalid("bin width", "0 < width ≤ 100", "the histogram bin width must be between 0 and 100 points, not %g", w)
	}
	span := model.ScaleMax - model.ScaleMin
	n := int(math.Ceil(span/w - 1e-9))
	h := Histogram{Edges: make([]float64, n+1), Counts: make([]int, n)}
	for k := range h.Edges {
		h.Edges[k] = math.Min(model.ScaleMin+float64(k)*w, model.ScaleMax)
	}
	h.Edges[n] = model.ScaleMax
	return h, nil
}

// Add counts v in its bin; values off the scale count in the end bins.
func (h Histogram) Add(v float64) {
	n := len(h.Counts)
	w := h.Edges[1] - h.Edges[0]
	k := int(math.Floor((v - h.Edges[0]) / w))
	k = max(0, min(k, n-1))
	// Rounding in the division can land one bin off an edge: settle on the edges.
	for k > 0 && v < h.Edges[k] {
		k--
	}
	for k < n-1 && v >= h.Edges[k+1] {
		k++
	}
	h.Counts[k]++
}
