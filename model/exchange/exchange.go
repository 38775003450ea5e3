package exchange

import (
	"context"
	"fmt"
	"math"

	"parley/model"
)

// Variant chooses how a side's moves history is kept when an executed
// exchange shares its supply (EXCHANGE.md §3.9 step 1, §6).
type Variant string

// The two variants.
const (
	// VariantB keeps the executed move (the reference's "intended" history; the default).
	VariantB Variant = "B"
	// VariantA keeps the candidate's own stale move, as the Python tool codes it.
	VariantA Variant = "A"
)

// Means says what the variant does, in words a reader of a briefing follows.
func (v Variant) Means() string {
	if v == VariantA {
		return "a side keeps its own earlier candidate move, as the published code does"
	}
	return "an actor's executed move stays in its history"
}

// ForecastIs says which outcome the model's forecast is (Result.Forecast).
const ForecastIs = "the voting outcome after the last round"

// ParseVariant reads "A" or "B" (either case); "" is B.
func ParseVariant(s string) (Variant, error) {
	switch s {
	case "", "B", "b":
		return VariantB, nil
	case "A", "a":
		return VariantA, nil
	}
	return "", model.Invalid("--variant", "A or B", "unknown exchange-model variant %q; use A or B", s)
}

// DefaultRounds is the number of rounds Run plays when Options.Rounds is 0;
// MaxRounds is the most it accepts.
const (
	DefaultRounds = 10
	MaxRounds     = 1000
)

// Options are the model's settings; the zero value is 10 rounds of variant B.
type Options struct {
	Rounds  int     // rounds to play, 1-MaxRounds; 0 = DefaultRounds
	Variant Variant // VariantB ("" = default) or VariantA
	// OutcomesOnly keeps only each round's outcomes, exchange count and the
	// forecast (no exchanges, running outcomes or positions): for the Monte
	// Carlo, which reads the forecast alone. It changes no number.
	OutcomesOnly bool `json:"-"`
}

// Stance is one actor's stance on one issue. Has is false when the actor has
// none (it then takes no part in that issue).
type Stance struct {
	Has      bool
	Position float64 // on the issue's own scale, Lower..Upper
	Salience float64 // 0-1
	Power    float64 // capability on this issue, ≥ 0; only ratios matter
}

// Input is what the model runs on: actors × issues. Lower and Upper give each
// issue's scale (nil, or Lower = Upper = 0 for an issue, means 0-100).
type Input struct {
	Actors  []string
	Issues  []string
	Lower   []float64
	Upper   []float64
	Stances [][]Stance // [actor][issue]
}

// Side is one party of an executed exchange. Positions are on the normalised
// 0-100 scale the model works on.
type Side struct {
	Actor          int     // index into Input.Actors
	Supply, Demand int     // issues: the one it concedes on, the one it gains on
	SupplySalience float64 // its salience on Supply (0-1)
	DemandSalience float64
	Power          float64 // its capability on Supply
	Start          float64 // its position on Supply when the exchange was made (earlier trades of the round included)
	Move           float64 // signed move on Supply
	Voting         float64 // Start + Move: how it votes on Supply after the trade
	Target         float64 // the partner's round-start policy position on Supply
	// OutcomeBefore and OutcomeAfter are the candidate's own estimate of the
	// outcome on Supply before and after the move (EXCHANGE.md quirk Q2: not
	// the running outcome; see Round.Running for that).
	OutcomeBefore, OutcomeAfter float64
}

// Exchange is one executed trade: I supplies (concedes on) I.Supply and gets
// J's move on J.Supply = I.Demand. Both gain Gain.
type Exchange struct {
	Round, Seq int // round (1-based) and order of execution within it (1-based)
	Gain       float64
	I, J       Side
}

// Round is one round's record. Outcomes and positions are on each issue's own
// scale; Has says which positions exist.
type Round struct {
	Round      int
	Candidates int        // candidate exchanges formed at the start of the round
	Count      int        // exchanges executed (= len(Exchanges) unless OutcomesOnly)
	Exchanges  []Exchange // nil with OutcomesOnly
	// Preference is the expected outcome per issue from the policy positions
	// at the start of the round; Voting from the voting positions at its end.
	Preference, Voting []float64
	// Running[e][d] is the outcome of issue d from the policy positions with
	// exchanges 1..e+1 of this round applied: what the trades have done so far.
	Running [][]float64
	// PreferencePositions and VotingPositions are [actor][issue].
	PreferencePositions, VotingPositions [][]float64
}

// Result is a whole run.
type Result struct {
	Actors, Issues []string
	Has            [][]bool    // [actor][issue]: the actor has a stance on the issue
	Salience       [][]float64 // [actor][issue], 0-1
	Rounds         []Round
	// Forecast is the voting outcome after the last round, per issue, on the
	// issue's own scale (see the package comment for why).
	Forecast []float64
	Variant  Variant
}

// Preference returns the preference outcome at the start of the last round
// (the policy positions after every earlier round's adoption), per issue.
func (r *Result) Preference() []float64 { return r.Rounds[len(r.Rounds)-1].Preference }

// Exchanges returns every executed exchange, round after round.
func (r *Result) Exchanges() []Exchange {
	var out []Exchange
	for _, rd := range r.Rounds {
		out = append(out, rd.Exchanges...)
	}
	return out
}

// FromScenario maps a Parley scenario to the model's input (EXCHANGE.md §1):
// s = salience/100, c = the actor's capability on every issue, x = the 0-100
// position. A stance absent from the actor's map is no stance.
func FromScenario(sc *model.Scenario) Input {
	in := Input{Actors: sc.ActorNames(), Issues: make([]string, len(sc.Issues)), Stances: make([][]Stance, len(sc.Actors))}
	for i, is := range sc.Issues {
		in.Issues[i] = is.Name
	}
	for a, ac := range sc.Actors {
		row := make([]Stance, len(sc.Issues))
		for i, is := range sc.Issues {
			if st, ok := ac.Stances[is.Key]; ok {
				row[i] = Stance{Has: true, Position: st.Position, Salience: st.Salience / 100, Power: ac.Capability}
			}
		}
		in.Stances[a] = row
	}
	return in
}

// Run plays the model on in. It returns model.Invalid for input that breaks a
// rule (a salience outside 0-1, a position off its scale) and
// model.Degenerate when the model cannot say anything.
func Run(in Input, opt Options) (*Result, error) {
	return RunContext(context.Background(), in, opt)
}

// RunContext is Run that stops when ctx is cancelled (checked between rounds
// and every 16 executions within one) and then returns ctx's error:
// a 250-actor run takes seconds, and the window's Cancel must stop it.
func RunContext(ctx context.Context, in Input, opt Options) (*Result, error) {
	e, err := newEngine(in, opt)
	if err != nil {
		return nil, err
	}
	e.ctx = ctx
	e.takeScratch()
	defer releaseEngine(e)
	defer e.giveScratch()
	// The engine goes back to the pool: the result keeps copies of its tables.
	res := &Result{Actors: in.Actors, Issues: in.Issues, Has: cloneRows(e.has), Salience: cloneRows(e.sal), Variant: e.variant,
		Rounds: make([]Round, 0, e.rounds)}
	for r := 1; r <= e.rounds; r++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Rounds = append(res.Rounds, e.round(r))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	last := res.Rounds[len(res.Rounds)-1]
	res.Forecast = append([]float64(nil), last.Voting...)
	for d, v := range res.Forecast {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, model.Errorf(model.EINTERNAL, "exchange model: outcome of issue %q is not a number", in.Issues[d])
		}
	}
	return res, nil
}

func (in *Input) scale(d int) (lo, hi float64) {
	if d < len(in.Lower) && d < len(in.Upper) && (in.Lower[d] != 0 || in.Upper[d] != 0) {
		return in.Lower[d], in.Upper[d]
	}
	return 0, 100
}

func newEngine(in Input, opt Options) (*engine, error) {
	n, m := len(in.Actors), len(in.Issues)
	if len(in.Stances) != n {
		return nil, model.Invalid("input", "one stance row per actor", "%d actors but %d stance rows", n, len(in.Stances))
	}
	if m < 2 {
		return nil, model.Degenerate("the exchange model trades across issues and needs at least two; this has %d", m)
	}
	rounds := opt.Rounds
	if rounds == 0 {
		rounds = DefaultRounds
	}
	if rounds < 1 || rounds > MaxRounds {
		return nil, model.Invalid("options rounds", fmt.Sprintf("1 ≤ rounds ≤ %d", MaxRounds), "%d rounds is out of range", opt.Rounds)
	}
	v := opt.Variant
	if v == "" {
		v = VariantB
	}
	if v != VariantA && v != VariantB {
		return nil, model.Invalid("options variant", "A or B", "unknown variant %q", v)
	}
	e := takeEngine(n, m)
	e.rounds, e.variant, e.lean = rounds, v, opt.OutcomesOnly
	// One backing array per kind; the rows are slices of it.
	flags, nums := e.flags, e.nums
	vec := func(k int) []float64 { return nums[4*n*m+k*m : 4*n*m+(k+1)*m : 4*n*m+(k+1)*m] }
	e.s, e.lo, e.k = vec(0), vec(1), vec(2)
	for d := 0; d < m; d++ {
		lo, hi := in.scale(d)
		if !(hi > lo) || math.IsInf(hi-lo, 0) {
			return nil, model.Invalid(fmt.Sprintf("issue %q scale", in.Issues[d]), "lower < upper", "the scale runs from %g to %g", lo, hi)
		}
		e.lo[d], e.k[d] = lo, 100/(hi-lo)
	}
	for a := 0; a < n; a++ {
		if len(in.Stances[a]) != m {
			return nil, model.Invalid(fmt.Sprintf("actor %q", in.Actors[a]), "one stance per issue", "%d stances for %d issues", len(in.Stances[a]), m)
		}
		row := func(k int) []float64 { return nums[(k*n+a)*m : (k*n+a+1)*m : (k*n+a+1)*m] }
		e.has[a], e.active[a] = flags[a*m:(a+1)*m:(a+1)*m], flags[(n+a)*m:(n+a+1)*m:(n+a+1)*m]
		e.x[a], e.sal[a], e.w[a], e.pow[a] = row(0), row(1), row(2), row(3)
		for d, st := range in.Stances[a] {
			if !st.Has {
				continue
			}
			lo, hi := in.scale(d)
			if err := checkStance(in, a, d, st, lo, hi); err != nil {
				return nil, err
			}
			e.has[a][d] = true
			e.active[a][d] = st.Salience > 0 && st.Power > 0
			e.x[a][d] = (st.Position - e.lo[d]) * e.k[d]
			e.sal[a][d] = st.Salience
			e.pow[a][d] = st.Power
			e.w[a][d] = st.Power * st.Salience
			e.s[d] += e.w[a][d]
		}
	}
	for d := 0; d < m; d++ {
		if !(e.s[d] > 0) {
			return nil, model.Degenerate("nobody weighs issue %q (every capability × salience is 0): it has no expected outcome", in.Issues[d])
		}
	}
	traders := 0
	for a := 0; a < n; a++ {
		c := 0
		for d := 0; d < m; d++ {
			if e.active[a][d] {
				c++
			}
		}
		if c >= 2 {
			traders++
		}
	}
	if traders < 2 {
		return nil, model.Degenerate("an exchange needs two actors who each care about two issues; %d actor(s) have salience and capability on two or more issues", traders)
	}
	return e, nil
}

// cloneRows copies an n×m table into one new backing array.
func cloneRows[T any](t [][]T) [][]T {
	out := make([][]T, len(t))
	if len(t) == 0 {
		return out
	}
	m := len(t[0])
	flat := make([]T, len(t)*m)
	for i, row := range t {
		out[i] = flat[i*m : (i+1)*m : (i+1)*m]
		copy(out[i], row)
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkStance refuses a stance that breaks a rule; it names the stance only
// then (a Monte Carlo checks thousands of valid ones).
func checkStance(in Input, a, d int, st Stance, lo, hi float64) error {
	if finite(st.Position) && finite(st.Salience) && finite(st.Power) && st.Salience >= 0 && st.Salience <= 1 && st.Power >= 0 && st.Position >= lo && st.Position <= hi {
		return nil
	}
	where := fmt.Sprintf("actor %q on issue %q", in.Actors[a], in.Issues[d])
	switch {
	case !finite(st.Position) || !finite(st.Salience) || !finite(st.Power):
		return model.Invalid(where, "finite numbers", "position %v, salience %v, capability %v", st.Position, st.Salience, st.Power)
	case st.Salience < 0 || st.Salience > 1:
		return model.Invalid(where+" salience", "salience in 0-1", "salience %g is outside 0-1", st.Salience)
	case st.Power < 0:
		return model.Invalid(where+" capability", "capability ≥ 0", "capability %g is negative", st.Power)
	default:
		return model.Invalid(where+" position", "position on the issue's scale", "position %g is outside %g-%g", st.Position, lo, hi)
	}
}
