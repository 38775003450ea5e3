package bloc

import (
	"math"

	"parley/model"
)

// DefaultBinWidth is the landscape's default bin width: 5 points on the 0-100 scale.
const DefaultBinWidth = 5.0

// maxBins keeps a landscape drawable.
const maxBins = 10_000

// LandscapeOptions set the bins of a power landscape. The zero value is bins
// 5 points wide over the app's 0-100 scale.
type LandscapeOptions struct {
	// BinWidth is the width of a bin in points of the scale; 0 = DefaultBinWidth.
	BinWidth float64
	// Min and Max are the scale the bins cover (Min and Max both 0 = 0-100).
	// The bins start at Min; when a position lies outside, whole bins are
	// added on that side until it is covered.
	Min, Max float64
}

// Landscape is the effective power landscape of one issue: how much weight
// stands in each stretch of the scale, round by round, the data of a stacked
// chart of where the power sits as bargaining proceeds.
type Landscape struct {
	// Edges are the bin boundaries, ascending: bin b is [Edges[b], Edges[b+1]),
	// the last bin also holding its upper edge.
	Edges []float64
	// Weight[r][b] is Σ w_i over the actors in bin b in round r.
	Weight [][]float64
	// Bin[r][i] is the bin actor i stands in during round r, to stack the
	// bars by actor.
	Bin [][]int
}

// PowerLandscape bins the positions of every round: rounds[r][i] is actor i's
// position in round r (round 0 the initial positions), w[i] its weight c_i·s_i.
// A position within 1e-9 of a bin's width below an edge counts as on it, so
// rounding never moves an actor into the bin below.
func PowerLandscape(rounds [][]float64, w []float64, opt LandscapeOptions) (*Landscape, error) {
	if len(rounds) == 0 || len(w) == 0 {
		return nil, model.Degenerate("no rounds or no actors: there is no landscape to draw")
	}
	if err := checkWeights(len(w), w); err != nil {
		return nil, err
	}
	width := opt.BinWidth
	if width == 0 {
		width = DefaultBinWidth
	}
	lo, hi := opt.Min, opt.Max
	if lo == 0 && hi == 0 {
		lo, hi = model.ScaleMin, model.ScaleMax
	}
	if !(width > 0) || !finite(width) {
		return nil, model.Invalid("bin width", "width > 0", "the bin width must be a positive number of points, not %g", opt.BinWidth)
	}
	if !finite(lo) || !finite(hi) || lo >= hi {
		return nil, model.Invalid("landscape scale", "min < max", "the landscape needs a scale from a lower to a higher position, not %g to %g", lo, hi)
	}
	for r, xs := range rounds {
		if len(xs) != len(w) {
			return nil, model.Errorf(model.EINTERNAL, "round %d has %d positions for %d actors", r, len(xs), len(w))
		}
		for i, x := range xs {
			if !finite(x) {
				return nil, model.Invalid(actor(i)+" position", "finite", "%s's position in round %d is not a finite number", actor(i), r)
			}
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	// Align the bins on opt.Min (or 0) however far the positions reach.
	origin := opt.Min
	below := math.Floor((origin - lo) / width)
	if below < 0 {
		below = 0
	}
	if origin-below*width > lo {
		below++
	}
	start := origin - below*width
	nb := math.Ceil((hi-start)/width - 1e-9)
	if nb < 1 {
		nb = 1
	}
	if nb > maxBins {
		return nil, model.Invalid("bin width", "at most 10000 bins", "a bin width of %g cuts %g to %g into more than %d bins", width, start, hi, maxBins)
	}
	bins := int(nb)
	l := &Landscape{Edges: make([]float64, bins+1), Weight: make([][]float64, len(rounds)), Bin: make([][]int, len(rounds))}
	for b := range l.Edges {
		l.Edges[b] = start + float64(b)*width
	}
	for r, xs := range rounds {
		l.Weight[r] = make([]float64, bins)
		l.Bin[r] = make([]int, len(xs))
		for i, x := range xs {
			b := int(math.Floor((x-start)/width + 1e-9))
			b = max(0, min(b, bins-1))
			l.Bin[r][i] = b
			l.Weight[r][b] += w[i]
		}
	}
	return l, nil
}
