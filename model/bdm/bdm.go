package bdm

import (
	"fmt"
	"math"
	"slices"

	"parley/model"
)

// Input is one issue's data: one entry per actor, in actor order. It has the
// same fields as model.Column, so bdm.Input(col) converts one.
type Input struct {
	Names      []string  // actor names, used in messages and Explain; may be nil
	Capability []float64 // clout on a ratio scale, ≥ 0; only ratios matter
	Position   []float64 // where the actor stands on the issue (any real scale)
	Salience   []float64 // how much the actor cares, 0-100; s/100 is its chance to resist a challenge
}

// Compromise rules: how an actor ranks several compromise offers.
const (
	// CompromiseSC takes the offer with the smallest (|eij|·x_i + |eji|·x_j)/(|eij|+|eji|),
	// a position, not a distance, as Scholz's code does (the default).
	CompromiseSC = "sc"
	// CompromiseLeastMove takes the offer that moves the actor least.
	CompromiseLeastMove = "least-move"
)

// Capitulation rules: when an actor expects to give in.
const (
	// CapitulationFixed: eij < 0, eji > 0 and eji < |eij| (the default).
	CapitulationFixed = "fixed"
	// CapitulationSCBug reproduces the published code's test eji < |eji|, which
	// is never true: nobody ever capitulates.
	CapitulationSCBug = "sc-bug"
)

// Range rules: what distance 1 means when positions are compared.
const (
	// RangeInitial uses the spread of the initial positions, fixed for the run (the default).
	RangeInitial = "initial"
	// RangeFullScale uses the width of the scale, ScaleMax − ScaleMin.
	RangeFullScale = "full-scale"
)

// DefaultRounds is the number of rounds Run plays when Options.Rounds is 0;
// MaxRounds is the most it accepts (the whole trajectory is kept).
const (
	DefaultRounds = 10
	MaxRounds     = 10000
)

// Options are the model's settings. The zero value is the published SC model:
// 10 rounds with early stop, Q = 1, SC compromise ranking, fixed capitulation,
// range from the initial positions.
type Options struct {
	Rounds       int     // most rounds to play, ≤ MaxRounds; 0 = DefaultRounds
	NoEarlyStop  bool    // play exactly Rounds rounds even when the stopping rule holds
	Q            float64 // probability of the status quo when nobody challenges, in (0,1]; 0 = 1. Q < 1 is unvalidated
	Compromise   string  // CompromiseSC ("" = default) or CompromiseLeastMove
	Capitulation string  // CapitulationFixed ("" = default) or CapitulationSCBug
	Range        string  // RangeInitial ("" = default) or RangeFullScale
	ScaleMin     float64 // low end of the issue scale for RangeFullScale (default 0 when both are 0)
	ScaleMax     float64 // high end of the issue scale for RangeFullScale (default 100 when both are 0)
	// NoBargain lists pairs of actors (indices, either order) who never
	// bargain directly: neither ever takes the other's offer (no challenge,
	// compromise or capitulation between them). Third parties still vote.
	NoBargain [][2]int `json:",omitempty"`
	// RoundsOnly keeps the rounds and the forecast but not the moves
	// (Result.Moves is nil, Still is still set) nor the cycle check: for the
	// Monte Carlo, which reads the forecast and the rounds. It changes no number.
	RoundsOnly bool `json:"-"`
}

// Kind is what an actor expects to happen between itself and a rival, and so
// how it moves.
type Kind string

// The three kinds of offer, in the mover's order of preference.
const (
	// Confrontation: both sides expect to gain from a challenge but the rival
	// expects more; the mover loses the contest and adopts the rival's position.
	Confrontation Kind = "confrontation"
	// Compromise: the mover expects to lose by challenging and the rival to gain
	// more than the mover loses; the mover moves part of the way, in proportion |eij/eji|.
	Compromise Kind = "compromise"
	// Capitulation: the mover expects to lose by challenging and the rival to
	// gain less than the mover would lose; the mover gives in and adopts the rival's position.
	Capitulation Kind = "capitulation"
)

// Move is one actor's change of position in one round and why: the offer it
// took and the two expected utilities behind it, both as the mover sees them.
type Move struct {
	Round       int     // 1-based round in which the move happened
	Mover       int     // index of the actor who moved
	Counterpart int     // index of the rival whose offer it took
	Kind        Kind    // confrontation, compromise or capitulation
	From, To    float64 // the mover's position before and after
	EUSelf      float64 // eij: the mover's expected gain from challenging the counterpart
	EUOther     float64 // eji: what the mover believes the counterpart gains by challenging it
	Risk        float64 // r_i: the mover's risk exponent this round (< 1 risk-taking, > 1 risk-averse)
	PSelf       float64 // P(i→j): the SC probability that the mover would beat the counterpart
	POther      float64 // P(j→i): the SC probability that the counterpart would beat the mover
}

// Round is the state after one round: every actor's position and the weighted
// (w = capability × salience) median and mean of them.
type Round struct {
	Round       int       // 0 = the input, then 1, 2, ...
	Positions   []float64 // one per actor, in input order
	Median      float64   // lower weighted median: the forecast if the run stopped here
	MedianUpper float64   // upper weighted median; differs from Median only on an exact half-weight split
	Mean        float64   // weighted mean (the "compromise" baseline)
}

// Result is a whole run of the model.
type Result struct {
	Rounds      []Round // Rounds[0] is the input; one entry per round played after it
	Moves       []Move  // every move of every round, by round then by mover
	Forecast    float64 // lower weighted median of the last round's positions
	Converged   bool    // the stopping rule held (nobody moved, or the median was unchanged for 2 rounds)
	ConvergedAt int     // the first round after which the stopping rule held; 0 if it never did
	Unvalidated bool    // Q < 1: a path of the model no published result checks
	Range       float64 // R, the distance that counts as 1 when positions are compared
	// Still is true when nobody moved in the last round played: the positions
	// themselves, not only the median, have stopped changing.
	Still bool
	// AtRoundCap is true when the run played every round it was allowed
	// without the stopping rule ever holding: it was cut off, not settled.
	AtRoundCap bool
	// Cycle is set when positions go back and forth (see DetectCycle): the
	// run did not settle, and its last round fell on one side of the cycle.
	Cycle *Cycle
}

// Run plays the model on one issue and returns the trajectory, every move and
// the forecast. It stops early when nobody moves or the median has been
// unchanged (|Δ| < 1e-9·R) for 2 consecutive rounds, unless opt.NoEarlyStop.
// Bad input gives a *model.Error with code EINVALID or EDEGENERATE.
func Run(in Input, opt Options) (*Result, error) {
	e, err := newEngine(in, opt)
	if err != nil {
		return nil, err
	}
	defer e.release()
	n := e.n
	res := &Result{Unvalidated: e.q < 1, Range: e.R}
	res.Rounds = make([]Round, 0, e.rounds+1)
	// The rounds' positions are cut from a few shared arrays, up to 8
	// rounds each, and the moves collected in the engine's buffer and
	// copied out once.
	var back []float64
	positions := func(played int) []float64 {
		if len(back) < n {
			back = make([]float64, min(e.rounds+1-played, 8)*n)
		}
		p := back[:n:n]
		back = back[n:]
		return p
	}
	x := positions(0)
	copy(x, in.Position)
	r0, err := e.record(0, x)
	if err != nil {
		return nil, err
	}
	res.Rounds = append(res.Rounds, r0)
	moves := e.moves[:0]
	same := 0
	for t := 1; t <= e.rounds; t++ {
		prev := res.Rounds[len(res.Rounds)-1]
		e.analyze(prev.Positions, prev.Median)
		before := len(moves)
		moves = e.offers(t, moves)
		next := positions(t)
		copy(next, prev.Positions)
		for _, m := range moves[before:] {
			next[m.Mover] = m.To
		}
		r, err := e.record(t, next)
		if err != nil {
			return nil, err
		}
		res.Rounds = append(res.Rounds, r)
		if math.Abs(r.Median-prev.Median) < e.tol {
			same++
		} else {
			same = 0
		}
		if len(moves) == before || same >= 2 {
			if res.ConvergedAt == 0 {
				res.ConvergedAt = t
				res.Converged = true
			}
			if !opt.NoEarlyStop {
				break
			}
		}
	}
	res.Forecast = res.Rounds[len(res.Rounds)-1].Median
	last := res.Rounds[len(res.Rounds)-1].Round
	res.Still = len(moves) == 0 || moves[len(moves)-1].Round < last
	res.AtRoundCap = !res.Converged && last == e.rounds
	if len(moves) > 0 && !opt.RoundsOnly {
		res.Moves = slices.Clone(moves)
	}
	e.moves = moves[:0]
	if !opt.RoundsOnly {
		res.Cycle = DetectCycle(res.Rounds, e.R)
	}
	return res, nil
}

// record computes a round's medians and mean.
func (e *engine) record(t int, x []float64) (Round, error) {
	lo, hi, err := model.WeightedMedian(x, e.w)
	if err != nil {
		return Round{}, err
	}
	mean, err := model.WeightedMean(x, e.w)
	if err != nil {
		return Round{}, err
	}
	return Round{Round: t, Positions: x, Median: lo, MedianUpper: hi, Mean: mean}, nil
}

// validate checks the input and options and returns the resolved settings.
func validate(in Input, opt Options) (Options, float64, error) {
	n := len(in.Position)
	if len(in.Capability) != n || len(in.Salience) != n || (in.Names != nil && len(in.Names) != n) {
		return opt, 0, model.Invalid("input", "equal lengths",
			"names, capabilities, positions and saliences must have one entry per actor (got %d, %d, %d, %d)",
			len(in.Names), len(in.Capability), n, len(in.Salience))
	}
	if n < 3 {
		return opt, 0, model.Degenerate("the expected-utility model needs at least 3 actors on the issue; it has %d", n)
	}
	name := func(i int) string {
		if i < len(in.Names) && in.Names[i] != "" {
			return fmt.Sprintf("actor %q", in.Names[i])
		}
		return fmt.Sprintf("actor %d", i+1)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	anyWeight := false
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := 0; i < n; i++ {
		c, x, s := in.Capability[i], in.Position[i], in.Salience[i]
		switch {
		case !finite(c):
			return opt, 0, model.Invalid(name(i)+" capability", "finite number", "%v is not a finite number", c)
		case c < 0:
			return opt, 0, model.Invalid(name(i)+" capability", "capability ≥ 0", "capability %g is negative", c)
		case !finite(x):
			return opt, 0, model.Invalid(name(i)+" position", "finite number", "%v is not a finite number", x)
		case !finite(s):
			return opt, 0, model.Invalid(name(i)+" salience", "finite number", "%v is not a finite number", s)
		case s < 0 || s > 100:
			return opt, 0, model.Invalid(name(i)+" salience", "0-100 scale", "salience %g is outside 0-100", s)
		}
		anyWeight = anyWeight || (c > 0 && s > 0)
		lo, hi = min(lo, x), max(hi, x)
	}
	if !anyWeight {
		return opt, 0, model.Degenerate("every actor has zero weight (capability × salience): nobody can sway the outcome")
	}

	if opt.Rounds < 0 || opt.Rounds > MaxRounds {
		return opt, 0, model.Invalid("options rounds", "0 ≤ rounds ≤ 10000", "%d rounds is out of range", opt.Rounds)
	}
	if opt.Rounds == 0 {
		opt.Rounds = DefaultRounds
	}
	if opt.Q == 0 {
		opt.Q = 1
	}
	if !(opt.Q > 0 && opt.Q <= 1) {
		return opt, 0, model.Invalid("options Q", "0 < Q ≤ 1", "Q = %v: the probability of the status quo must be in (0, 1]", opt.Q)
	}
	switch opt.Compromise {
	case "":
		opt.Compromise = CompromiseSC
	case CompromiseSC, CompromiseLeastMove:
	default:
		return opt, 0, model.Invalid("options compromise", "sc | least-move", "unknown compromise rule %q", opt.Compromise)
	}
	switch opt.Capitulation {
	case "":
		opt.Capitulation = CapitulationFixed
	case CapitulationFixed, CapitulationSCBug:
	default:
		return opt, 0, model.Invalid("options capitulation", "fixed | sc-bug", "unknown capitulation rule %q", opt.Capitulation)
	}
	var R float64
	switch opt.Range {
	case "", RangeInitial:
		opt.Range = RangeInitial
		R = hi - lo
		if !finite(R) {
			return opt, 0, model.Invalid("positions", "finite number", "positions span %g to %g: too wide to compare", lo, hi)
		}
		if R <= 0 {
			return opt, 0, model.Degenerate("every actor takes the same position (%g): there is nothing to negotiate", lo)
		}
	case RangeFullScale:
		if opt.ScaleMin == 0 && opt.ScaleMax == 0 {
			opt.ScaleMin, opt.ScaleMax = model.ScaleMin, model.ScaleMax
		}
		R = opt.ScaleMax - opt.ScaleMin
		if !finite(opt.ScaleMin) || !finite(opt.ScaleMax) || !finite(R) || R <= 0 {
			return opt, 0, model.Invalid("options scale", "scale min < scale max",
				"the scale [%g, %g] is empty or not finite", opt.ScaleMin, opt.ScaleMax)
		}
		for i, x := range in.Position {
			if x < opt.ScaleMin || x > opt.ScaleMax {
				return opt, 0, model.Invalid(name(i)+" position", "position on the scale",
					"position %g is outside the scale [%g, %g]", x, opt.ScaleMin, opt.ScaleMax)
			}
		}
	default:
		return opt, 0, model.Invalid("options range", "initial | full-scale", "unknown range rule %q", opt.Range)
	}
	return opt, R, nil
}
