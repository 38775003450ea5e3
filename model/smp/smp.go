package smp

import (
	"context"
	"fmt"
	"math"
	"slices"

	"parley/model"
)

// Limits on the number of actors (KTAB's minNumActor and maxNumActor).
const (
	MinActors = 3
	MaxActors = 250
)

// MaxCapability is the largest capability accepted (KTAB's sanity bound).
const MaxCapability = 1e8

// Input is a scenario for the SMP: one entry per actor, in actor order, and for
// Position and Salience one entry per issue (dimension) within each actor.
type Input struct {
	Names      []string    // actor names, used in messages; may be nil
	Capability []float64   // clout, 0 to 1e8; only ratios matter
	Position   [][]float64 // [actor][issue]: where the actor stands, 0-100
	Salience   [][]float64 // [actor][issue]: share of the actor's attention, 0-100; an actor's saliences sum to at most 100
}

// Turn is the state of the negotiation at one turn and, except for the last
// turn, what happened next.
type Turn struct {
	Turn          int         // 0 = the input
	Positions     [][]float64 // [actor][issue], 0-100
	Probabilities []float64   // per actor: probability that its position (shared with any actor within 0.1 point) prevails
	RiskAttitudes []float64   // per actor: R inferred at this turn, −0.5 (risk seeking) to +1 (risk averse) on the Mid range
	Targets       []int       // per actor: whom it challenged, −1 for nobody; nil on the last turn
	Challenges    []Challenge // per actor: the challenge it made, if any; nil on the last turn
	Adopted       []Deal      // per actor: the bargain it took, which gives its position at the next turn; nil on the last turn
}

// Challenge is one actor's best challenge at a turn, as the initiator sees it,
// and the bargain it proposes.
type Challenge struct {
	Target    int       // the actor challenged, −1 when no challenge gains more than 1e-5
	Prob      float64   // initiator's estimate of the probability that it prevails
	Gain      float64   // initiator's expected gain in utility over the status quo (Δu)
	Initiator []float64 // position the bargain gives the initiator, per issue, 0-100
	Receiver  []float64 // position the bargain gives the target, per issue, 0-100
}

// Deal names a bargain: who proposed it to whom. Initiator == Receiver is the
// actor's status quo (it keeps its position).
type Deal struct {
	Initiator, Receiver int
}

// IssueForecast is the model's answer on one issue: the weighted median (both
// medians when the cumulative weight hits exactly half) and the weighted mean
// of the actors' final positions, with weight capability × salience on that issue.
type IssueForecast struct {
	Median, MedianUpper, Mean float64
}

// Result is a complete run.
type Result struct {
	Turns         []Turn          // Turns[0] is the input; the last is where the run stopped
	RiskAttitudes []float64       // per actor: risk attitudes at turn 0
	Forecast      []IssueForecast // per issue, from the last turn's positions
}

// Run plays KTAB's spatial model of politics on in until the positions settle
// (after turn 2, a turn moves the actors less than 2 % of what the first turn
// moved them) or MaxTurns is reached. It returns a model.Error, EINVALID or
// EDEGENERATE, for input it cannot use (EINFEASIBLE if a Markov PCE does not
// settle), and ctx's error if ctx is cancelled.
// Independent work within a turn is spread over GOMAXPROCS workers; results do
// not depend on their number.
func Run(ctx context.Context, in Input, opt Options) (*Result, error) {
	return runEngine(ctx, in, opt, false)
}

// runEngine is Run; exhaustive makes every actor evaluate every target (the
// tests check that the pruned search finds the same targets).
func runEngine(ctx context.Context, in Input, opt Options, exhaustive bool) (*Result, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if err := validate(in); err != nil {
		return nil, err
	}
	for _, p := range opt.NoBargain {
		if p[0] >= len(in.Capability) || p[1] >= len(in.Capability) {
			return nil, model.Invalid("option NoBargain", "known actors", "the no-bargaining pair (%d, %d) names an actor beyond the %d there are", p[0]+1, p[1]+1, len(in.Capability))
		}
	}
	e := newEngine(in, opt)
	defer e.release()
	e.exhaustive = exhaustive
	if err := e.checkDisputed(); err != nil {
		return nil, err
	}
	maxTurns := opt.MaxTurns
	if maxTurns == 0 {
		maxTurns = DefaultMaxTurns
	}

	n := e.n
	res := &Result{}
	// A ForecastOnly run keeps no turn but the last: its turns' store
	// alternates between two, each rewound two turns after it was filled
	// (a turn reads its own state, made at the end of the turn before).
	lean := opt.ForecastOnly
	var stores [2]turnStore
	if lean {
		stores = [2]turnStore{newTurnStoreOf(n, e.nd, 1), newTurnStoreOf(n, e.nd, 1)}
		e.out = stores[0]
	}
	var risk0 []float64 // a lean run's turn-0 risk attitudes
	cur := e.newState(e.pos0)
	var prev []float64 // positions of the previous turn
	var first float64  // dist(turn 0, turn 1) + 1e-4
	for t := 0; ; t++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if lean && t > 0 {
			stores[(t-1)%2] = e.out
			e.out = stores[t%2]
			e.out.rewind()
		}
		if err := e.assess(cur); err != nil {
			return nil, err
		}
		if lean {
			if t == 0 {
				risk0 = slices.Clone(cur.r)
			}
		} else {
			e.turns = append(e.turns, e.turn(t, cur))
		}

		// KTAB's stop rule (smpStopFn), checked on every new state.
		if t >= 1 {
			d := e.stateDist(cur.pos, prev)
			if t == 1 {
				first = d + 1e-4
			}
			if t >= maxTurns || (t >= 2 && d/first < 0.02) {
				if lean {
					e.turns = append(e.turns, e.turn(t, cur))
				}
				break
			}
		}

		// The positions rotate through three buffers: the next turn's is
		// neither this turn's nor the previous one's.
		next := e.pos[t%3]
		chs, dls := e.out.ch.take(n), e.out.dl.take(n)
		if err := e.step(ctx, next, chs, dls); err != nil {
			return nil, err
		}
		if !lean {
			last := &e.turns[t]
			last.Targets = e.out.ix.take(n)
			for i, c := range chs {
				last.Targets[i] = c.Target
			}
			last.Challenges = chs
			last.Adopted = dls
		}
		prev = cur.pos
		cur = e.newState(next)
	}
	res.Turns = slices.Clone(e.turns)
	res.RiskAttitudes = res.Turns[0].RiskAttitudes
	if lean {
		res.RiskAttitudes = risk0
	}
	fc, err := IssueForecasts(in, res.Turns[len(res.Turns)-1].Positions)
	if err != nil {
		return nil, err
	}
	res.Forecast = fc
	return res, nil
}

// turn is the record of turn t at state cur.
func (e *engine) turn(t int, cur *state) Turn {
	return Turn{Turn: t, Positions: e.positions(cur.pos), Probabilities: cur.prob, RiskAttitudes: cur.r}
}

// IssueForecasts returns, per issue, the weighted median and mean of the given
// positions ([actor][issue], 0-100) with weight capability × salience on that
// issue, the scenario's "exercised power".
func IssueForecasts(in Input, positions [][]float64) ([]IssueForecast, error) {
	n := len(positions)
	if n == 0 || len(in.Position) == 0 {
		return nil, model.Degenerate("no actors to weigh")
	}
	nd := len(in.Position[0])
	if len(in.Capability) != n || len(in.Salience) != n {
		return nil, model.Invalid("positions", "one entry per actor", "%d positions for %d actors", n, len(in.Capability))
	}
	for i := range positions {
		if len(positions[i]) != nd || len(in.Salience[i]) != nd {
			return nil, model.Invalid(in.actor(i), "one position and one salience per issue",
				"%s has %d positions and %d saliences for %d issues", in.actor(i), len(positions[i]), len(in.Salience[i]), nd)
		}
	}
	out := make([]IssueForecast, nd)
	x := make([]float64, len(positions))
	w := make([]float64, len(positions))
	for d := 0; d < nd; d++ {
		for i := range positions {
			x[i] = positions[i][d]
			w[i] = in.Capability[i] * in.Salience[i][d]
		}
		lo, hi, err := model.WeightedMedian(x, w)
		if err != nil {
			return nil, err
		}
		mean, err := model.WeightedMean(x, w)
		if err != nil {
			return nil, err
		}
		out[d] = IssueForecast{Median: lo, MedianUpper: hi, Mean: mean}
	}
	return out, nil
}

func (in Input) actor(i int) string {
	if i < len(in.Names) && in.Names[i] != "" {
		return fmt.Sprintf("actor %d (%s)", i+1, in.Names[i])
	}
	return fmt.Sprintf("actor %d", i+1)
}

// validate checks the rules of MODELS.md §2.2 and that the model can say
// something: someone has capability, every actor cares about something,
// every issue matters to someone, and the actors do not all agree already.
func validate(in Input) error {
	n := len(in.Capability)
	if n < MinActors || n > MaxActors {
		return model.Invalid("actors", "3 ≤ actors ≤ 250", "the SMP needs between %d and %d actors, not %d", MinActors, MaxActors, n)
	}
	if len(in.Position) != n || len(in.Salience) != n || (in.Names != nil && len(in.Names) != n) {
		return model.Invalid("actors", "one entry per actor",
			"capabilities (%d), positions (%d), saliences (%d) and names (%d) must have one entry per actor",
			n, len(in.Position), len(in.Salience), len(in.Names))
	}
	nd := len(in.Position[0])
	if nd == 0 {
		return model.Invalid("issues", "at least one issue", "the SMP needs at least one issue")
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	var totalCap float64
	for i := 0; i < n; i++ {
		c := in.Capability[i]
		if !finite(c) || c < 0 || c > MaxCapability {
			return model.Invalid(in.actor(i)+" capability", "0 ≤ capability ≤ 1e8", "capability %v is outside 0 to 1e8", c)
		}
		totalCap += c
		if len(in.Position[i]) != nd || len(in.Salience[i]) != nd {
			return model.Invalid(in.actor(i), "one position and one salience per issue",
				"%s has %d positions and %d saliences for %d issues", in.actor(i), len(in.Position[i]), len(in.Salience[i]), nd)
		}
		var sum float64
		for d := 0; d < nd; d++ {
			p, s := in.Position[i][d], in.Salience[i][d]
			if !finite(p) || p < 0 || p > 100 {
				return model.Invalid(fmt.Sprintf("%s position on issue %d", in.actor(i), d+1), "0 ≤ position ≤ 100", "position %v is outside 0 to 100", p)
			}
			if !finite(s) || s < 0 || s > 100 {
				return model.Invalid(fmt.Sprintf("%s salience on issue %d", in.actor(i), d+1), "0 ≤ salience ≤ 100", "salience %v is outside 0 to 100", s)
			}
			sum += s
		}
		if sum > 100+1e-9 {
			return model.Invalid(in.actor(i)+" salience", "Σ salience ≤ 100",
				"the saliences of %s add up to %v, more than 100: rescale them", in.actor(i), sum)
		}
		if sum == 0 {
			return model.Degenerate("%s has zero salience on every issue: the SMP cannot measure what it wants", in.actor(i))
		}
	}
	if totalCap == 0 {
		return model.Degenerate("every actor has zero capability: nobody can move anybody")
	}
	for d := 0; d < nd; d++ {
		var w float64
		for i := 0; i < n; i++ {
			w += in.Capability[i] * in.Salience[i][d]
		}
		if w == 0 {
			return model.Degenerate("no actor with capability cares about issue %d (capability × salience is zero for all): drop the issue", d+1)
		}
	}
	return nil
}

func copyMatrix(m [][]float64) [][]float64 {
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = append([]float64(nil), r...)
	}
	return out
}
