package baseline

import (
	"fmt"
	"math"

	"parley/model"
)

// Input is one issue's model input, one entry per actor in actor order:
// positions on the scale, capability (clout, ≥ 0, only ratios matter)
// and salience (how much the actor cares, 0-100; used as given, only ratios
// matter here). It is model.Column, so Scenario.Column(i) feeds it directly.
// Names may be empty; they only make messages readable.
type Input = model.Column

// Utility is how an actor values an outcome x on the issue, given its ideal x_i.
type Utility int

const (
	// Linear utility −|x − x_i|: every point of distance costs the same.
	Linear Utility = iota
	// Quadratic utility −(x − x_i)²: small concessions are cheap, large ones dear.
	Quadratic
)

// String names the utility as the UI and the CLI print it.
func (u Utility) String() string {
	if u == Quadratic {
		return "quadratic"
	}
	return "linear"
}

// Bargaining says what an actor's Nash bargaining weight b_i is.
type Bargaining int

const (
	// ByWeight uses b_i = c_i·s_i: clout counts as far as the actor cares (the default).
	ByWeight Bargaining = iota
	// ByCapability uses b_i = c_i, as the published emissions checks do.
	ByCapability
)

// DefaultGridIntervals is how many steps the fallback grid takes across the
// feasible part of the actors' range before refining (see the package
// comment). The objective is concave, so the grid only has to bracket the
// optimum; the refinement, not the grid, sets the precision.
const DefaultGridIntervals = 200

// PublishedGridStep is the grid resolution behind the published emissions
// checks; pass it as NashOptions.GridStep to search the way they were made
// (the answer is the same, it only costs more).
const PublishedGridStep = 1e-4

// maxGridIntervals caps an explicit grid step: 1e-4 across a 0-100 issue is a
// million evaluations, and no more are ever useful.
const maxGridIntervals = 1_000_000

// NashOptions choose the Nash bargaining variant. The zero value is linear
// utility, b_i = c_i·s_i and the default grid.
type NashOptions struct {
	Utility    Utility
	Bargaining Bargaining
	// GridStep is the grid's step in points of the scale (capped at a
	// million steps); 0 = no grid: bisection over the whole feasible interval.
	GridStep float64
}

// Result holds the baseline forecasts for one issue, on the scale.
type Result struct {
	// Mean is the compromise: the position weighted by c·s.
	Mean float64
	// Median is the lower weighted median (the Condorcet winner among the positions).
	Median float64
	// MedianUpper equals Median unless the cumulative weight hits exactly half
	// the total, in which case every point between the two is a median and the
	// analyst should see both.
	MedianUpper float64
	// Nash is the Nash bargaining outcome against StatusQuo, or nil when no
	// position beats the status quo for every actor; NashReason then says why.
	Nash       *float64
	NashReason string
	// StatusQuo is the q the Nash solution was bargained against.
	StatusQuo float64
}

// Compute returns the weighted mean, the weighted median and the Nash
// bargaining outcome against status quo q for one issue. An infeasible Nash
// problem is not an error: Result.Nash is nil and Result.NashReason says why.
// Errors are for input no baseline can use (no actors, a NaN, negative
// capability or salience, every weight zero).
func Compute(in Input, q float64, opt NashOptions) (*Result, error) {
	if err := check(in); err != nil {
		return nil, err
	}
	w := Weights(in)
	mean, err := model.WeightedMean(in.Position, w)
	if err != nil {
		return nil, err
	}
	lo, hi, err := model.WeightedMedian(in.Position, w)
	if err != nil {
		return nil, err
	}
	r := &Result{Mean: mean, Median: lo, MedianUpper: hi, StatusQuo: q}
	x, err := Nash(in, q, opt)
	switch {
	case err == nil:
		r.Nash = &x
	case model.ErrorCode(err) == model.EINFEASIBLE:
		r.NashReason = model.ErrorMessage(err)
	default:
		return nil, err
	}
	return r, nil
}

// Weights returns w_i = c_i·s_i, each actor's exercised power on the issue.
func Weights(in Input) []float64 {
	w := make([]float64, len(in.Position))
	for i := range w {
		w[i] = in.Capability[i] * in.Salience[i]
	}
	return w
}

// Nash returns the asymmetric Nash bargaining outcome against status quo q:
// the x maximising Σ b_i·log(u_i(x) − u_i(q)) among the x every actor strictly
// prefers to q (see the package comment). When no such x exists it returns an
// EINFEASIBLE error whose message names the actors that block agreement.
func Nash(in Input, q float64, opt NashOptions) (float64, error) {
	if err := check(in); err != nil {
		return 0, err
	}
	if math.IsNaN(q) || math.IsInf(q, 0) {
		return 0, model.Invalid("status quo", "finite", "the status quo is not a finite number")
	}
	if opt.GridStep < 0 || math.IsNaN(opt.GridStep) || math.IsInf(opt.GridStep, 0) {
		return 0, model.Invalid("Nash grid step", "positive", "the grid step must be a positive number, not %v", opt.GridStep)
	}
	n := len(in.Position)
	b := make([]float64, n)
	d := make([]float64, n) // how far each ideal is from the status quo
	var sb float64
	for i := range b {
		b[i] = in.Capability[i]
		if opt.Bargaining == ByWeight {
			b[i] *= in.Salience[i]
		}
		sb += b[i]
		d[i] = math.Abs(q - in.Position[i])
	}
	if sb <= 0 {
		return 0, model.Degenerate("every actor has zero bargaining weight: Nash bargaining cannot weigh anyone")
	}

	// Feasible set: the open interval (L, U); search within the actors' range.
	L, U := math.Inf(-1), math.Inf(1)
	iL, iU := -1, -1
	minX, maxX := math.Inf(1), math.Inf(-1)
	for i, x := range in.Position {
		if d[i] == 0 {
			return 0, model.Errorf(model.EINFEASIBLE,
				"%s's position equals the status quo %g: no agreement can make it better off, so Nash bargaining has no answer",
				name(in, i), q)
		}
		if x-d[i] > L {
			L, iL = x-d[i], i
		}
		if x+d[i] < U {
			U, iU = x+d[i], i
		}
		minX, maxX = min(minX, x), max(maxX, x)
	}
	if L >= U {
		return 0, model.Errorf(model.EINFEASIBLE,
			"the status quo %g lies between %s (%g) and %s (%g): any move helps one and hurts the other, so no agreement beats the status quo for everyone",
			q, name(in, iU), in.Position[iU], name(in, iL), in.Position[iL])
	}
	lo, hi := max(minX, L), min(maxX, U)

	f := func(x float64) float64 {
		var s float64
		for i, xi := range in.Position {
			var g float64
			if opt.Utility == Quadratic {
				g = (d[i] - (x - xi)) * (d[i] + (x - xi)) // d² − (x−x_i)², without cancellation
			} else {
				g = d[i] - math.Abs(x-xi)
			}
			if !(g > 0) {
				return math.Inf(-1)
			}
			if b[i] != 0 {
				s += b[i] * math.Log(g)
			}
		}
		return s
	}

	// The right derivative f'₊ falls through zero at the maximiser of the
	// concave f; bisecting on its sign is exact to the last bits (comparing f
	// values, as golden section does, stalls about √ε from the optimum).
	df := func(x float64) float64 {
		var s float64
		for i, xi := range in.Position {
			var g, dg float64
			if opt.Utility == Quadratic {
				g, dg = (d[i]-(x-xi))*(d[i]+(x-xi)), -2*(x-xi)
			} else {
				g, dg = d[i]-math.Abs(x-xi), 1
				if x >= xi {
					dg = -1
				}
			}
			s += b[i] * dg / g
		}
		return s
	}
	bisect := func(a, c float64) float64 {
		for range 200 {
			m := a + (c-a)/2
			if m <= a || m >= c {
				break
			}
			if df(m) > 0 {
				a = m
			} else {
				c = m
			}
		}
		return a + (c-a)/2
	}
	// Default: f is concave on the feasible interval, so bisect over all of
	// it (about 60 derivative evaluations instead of a 200-point grid of
	// logarithms). A published grid step, or an interval where f is not
	// finite at the answer (a zero-weight actor binding), takes the grid.
	if opt.GridStep == 0 && hi > lo {
		if x := bisect(lo, hi); !math.IsInf(f(x), -1) {
			return x, nil
		}
	}

	// Grid, plus the interval's midpoint so a sliver narrower than a step is still seen.
	span := hi - lo
	k := float64(DefaultGridIntervals)
	if opt.GridStep > 0 {
		k = min(math.Ceil(span/opt.GridStep), maxGridIntervals)
	}
	if span == 0 {
		k = 0
	}
	h := 0.0
	if k > 0 {
		h = span / k
	}
	best, fbest := lo+span/2, f(lo+span/2)
	for j := 0; j <= int(k); j++ {
		x := lo + float64(j)*h
		if j == int(k) {
			x = hi
		}
		if v := f(x); v > fbest {
			best, fbest = x, v
		}
	}
	if math.IsInf(fbest, -1) {
		return 0, model.Errorf(model.EINFEASIBLE,
			"the positions every actor prefers to the status quo %g form an interval too narrow to search (%g to %g)", q, L, U)
	}
	if h > 0 {
		// Refine around the best grid point.
		if x := bisect(max(lo, best-h), min(hi, best+h)); !math.IsInf(f(x), -1) {
			best = x
		}
	}
	return best, nil
}

func check(in Input) error {
	n := len(in.Position)
	if n == 0 {
		return model.Degenerate("no actors take a position on this issue")
	}
	if len(in.Capability) != n || len(in.Salience) != n || (len(in.Names) != 0 && len(in.Names) != n) {
		return model.Errorf(model.EINTERNAL, "baseline input columns differ in length (%d positions, %d capabilities, %d saliences, %d names)",
			n, len(in.Capability), len(in.Salience), len(in.Names))
	}
	for i := range n {
		for _, f := range []struct {
			what string
			v    float64
		}{{"position", in.Position[i]}, {"capability", in.Capability[i]}, {"salience", in.Salience[i]}} {
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
				return model.Invalid(name(in, i)+" "+f.what, "finite", "%s's %s is not a finite number", name(in, i), f.what)
			}
			if f.what != "position" && f.v < 0 {
				return model.Invalid(name(in, i)+" "+f.what, f.what+" ≥ 0", "%s's %s is negative (%g)", name(in, i), f.what, f.v)
			}
		}
	}
	return nil
}

func name(in Input, i int) string {
	if i < len(in.Names) && in.Names[i] != "" {
		return in.Names[i]
	}
	return fmt.Sprintf("actor %d", i+1)
}
