package smp

import (
	"strings"

	"parley/model"
)

// VictoryProbModel is how the probability that a coalition wins grows with its
// strength relative to the opposing one (KTAB's VPModel). The zero value,
// VPLinear ("Linear"), is KTAB's default: a 2:1 advantage wins 2/3 of the time.
type VictoryProbModel int

// Victory probability models.
const (
	VPLinear  VictoryProbModel = iota // p = C1/(C1+C2): 2:1 gives 2/3 (default)
	VPSquare                          // squares of the strengths: 2:1 gives 4/5
	VPQuartic                         // fourth powers: 2:1 gives 16/17
	VPOctic                           // eighth powers: 2:1 gives 256/257
	VPBinary                          // a 10 % advantage wins for certain, linear in between
)

// PCEModel is how a probabilistic Condorcet election turns the pairwise victory
// probabilities of options into the probability of each option (KTAB's PCEModel).
// The zero value, Conditional, is KTAB's default.
type PCEModel int

// Probabilistic Condorcet election models.
const (
	// Conditional: P_i ∝ Π_j p(i>j), the chance that i beats every other option
	// in one step, normalised (default).
	Conditional PCEModel = iota
	// MarkovIncentive: a Markov chain in which an option is challenged in
	// proportion to the incentive (coalition strength × victory probability).
	MarkovIncentive
	// MarkovUniform: a Markov chain in which every option challenges with equal probability.
	MarkovUniform
)

// VotingRule is how strongly an actor weighs in for one option over another
// given the difference in utility it sees between them (KTAB's VotingRule).
// The zero value, Prop, is KTAB's default.
type VotingRule int

// Voting rules: vote = weight × response(Δu).
const (
	Prop      VotingRule = iota // proportional: response = Δu (default)
	Binary                      // all or nothing: response = clip(Δu/1e-8, −1, +1)
	PropBin                     // 0.8·proportional + 0.2·binary
	PropCbc                     // 0.5·proportional + 0.5·Δu³
	Cubic                       // response = Δu³
	ASymProsp                   // prospect theory: gains count 2/3 as much as losses
)

// BigRRange is the range onto which the actors' risk attitudes R are mapped from
// the probability of their positions (KTAB's BigRRange). The zero value,
// RangeMid ("Mid"), is KTAB's default: the actor whose position is most likely
// to win gets R = +1 (risk averse), the least likely R = −0.5 (risk seeking).
type BigRRange int

// Risk-attitude ranges.
const (
	RangeMid BigRRange = iota // R ∈ [−0.5, +1] (default)
	RangeMin                  // R ∈ [0, +1]
	RangeMax                  // R ∈ [−1, +1]
)

// BigRAdjust is how an actor h estimates another actor i's risk attitude from
// its own R_h and the true R_i (KTAB's BigRAdjust). The zero value,
// AdjustOneThird ("OneThird"), is KTAB's default: r^h_i = (2R_h + R_i)/3.
type BigRAdjust int

// Risk-attitude adjustments.
const (
	AdjustOneThird  BigRAdjust = iota // r^h_i = (2R_h + R_i)/3 (default)
	AdjustNone                        // r^h_i = R_h: h projects its own attitude
	AdjustHalf                        // r^h_i = (R_h + R_i)/2
	AdjustTwoThirds                   // r^h_i = (R_h + 2R_i)/3
	AdjustFull                        // r^h_i = R_i: h knows i's attitude
)

// ThirdPartyCommit is how a third party m imagines the outcome of a contest
// i:j it joins (KTAB's ThirdPartyCommit). The zero value, SemiCommit, is KTAB's
// default. Under FullCommit and NoCommit the two outcomes m compares are equal,
// so third parties never weigh in: only the two principals count.
type ThirdPartyCommit int

// Third-party commitment models.
const (
	// SemiCommit: if m's side wins, the loser adopts the winner's position but
	// m keeps its own; if m's side loses, m is dragged along (default).
	SemiCommit ThirdPartyCommit = iota
	// FullCommit: m adopts the winner's position whichever side wins.
	FullCommit
	// NoCommit: m keeps its own position whichever side wins.
	NoCommit
)

// The names are KTAB's, as they appear in a KTAB XML <ModelParameters>, in
// the order of the constants above; model.SMPOptions holds them once, with
// what each means.
var (
	vpNames  = model.SMPVictoryProb.Names()
	pceNames = model.SMPPCE.Names()
	vrNames  = model.SMPVotingRule.Names()
	rrNames  = model.SMPBigRRange.Names()
	raNames  = model.SMPBigRAdjust.Names()
	tpNames  = model.SMPThirdParty.Names()
)

func name(names []string, v int) string {
	if v < 0 || v >= len(names) {
		return "Unknown"
	}
	return names[v]
}

// parse finds s among names (case-insensitive, spaces trimmed), or among the
// extra aliases.
func parse(what, s string, names []string, aliases map[string]int) (int, error) {
	t := strings.TrimSpace(s)
	for i, n := range names {
		if strings.EqualFold(t, n) {
			return i, nil
		}
	}
	for a, i := range aliases {
		if strings.EqualFold(t, a) {
			return i, nil
		}
	}
	return 0, model.Invalid("ModelParameters/"+what, "KTAB option names",
		"unknown %s %q: use one of %s", what, s, strings.Join(names, ", "))
}

// String returns KTAB's name for the model ("Linear", "Square", ...).
func (v VictoryProbModel) String() string { return name(vpNames, int(v)) }

// String returns KTAB's name for the model ("Conditional", ...).
func (v PCEModel) String() string { return name(pceNames, int(v)) }

// String returns KTAB's name for the rule ("Prop", "Binary", ...).
func (v VotingRule) String() string { return name(vrNames, int(v)) }

// String returns KTAB's name for the range ("Mid", "Min", "Max").
func (v BigRRange) String() string { return name(rrNames, int(v)) }

// String returns KTAB's name for the adjustment ("OneThird", "None", ...).
func (v BigRAdjust) String() string { return name(raNames, int(v)) }

// String returns KTAB's name for the model ("SemiCommit", "FullCommit", "NoCommit").
func (v ThirdPartyCommit) String() string { return name(tpNames, int(v)) }

// ParseVictoryProbModel reads a KTAB VictoryProbModel name, ignoring case.
func ParseVictoryProbModel(s string) (VictoryProbModel, error) {
	i, err := parse("VictoryProbModel", s, vpNames, nil)
	return VictoryProbModel(i), err
}

// ParsePCEModel reads a KTAB PCEModel name, ignoring case.
func ParsePCEModel(s string) (PCEModel, error) {
	i, err := parse("PCEModel", s, pceNames, nil)
	return PCEModel(i), err
}

// ParseVotingRule reads a KTAB VotingRule name ("Proportional" is accepted for
// "Prop"), ignoring case.
func ParseVotingRule(s string) (VotingRule, error) {
	i, err := parse("VotingRule", s, vrNames, map[string]int{"Proportional": int(Prop)})
	return VotingRule(i), err
}

// ParseBigRRange reads a KTAB BigRRange name, ignoring case.
func ParseBigRRange(s string) (BigRRange, error) {
	i, err := parse("BigRRange", s, rrNames, nil)
	return BigRRange(i), err
}

// ParseBigRAdjust reads a KTAB BigRAdjust name, ignoring case.
func ParseBigRAdjust(s string) (BigRAdjust, error) {
	i, err := parse("BigRAdjust", s, raNames, nil)
	return BigRAdjust(i), err
}

// ParseThirdPartyCommit reads a KTAB ThirdPartyCommit name ("Semi", "Full" and
// "None" are accepted too), ignoring case.
func ParseThirdPartyCommit(s string) (ThirdPartyCommit, error) {
	i, err := parse("ThirdPartyCommit", s, tpNames, map[string]int{
		"Semi": int(SemiCommit), "Full": int(FullCommit), "None": int(NoCommit), "No": int(NoCommit),
	})
	return ThirdPartyCommit(i), err
}

// DefaultMaxTurns is the turn at which a run stops when Options.MaxTurns is 0
// (KTAB's maxIter).
const DefaultMaxTurns = 100

// Options are the model's parameters. The zero value is KTAB's default SMP:
// Linear, Conditional, Prop, Mid, OneThird, SemiCommit, at most 100 turns.
// State transitions are always Deterministic; bargains are always S2P2
// interpolations from the initiator's view (InterVecBrgn S2P2, BargnModel
// InitOnlyInterp).
type Options struct {
	VictoryProb VictoryProbModel // how coalition strength becomes victory probability
	PCE         PCEModel         // how pairwise victory probabilities become option probabilities
	VotingRule  VotingRule       // how actors vote over positions and bargains
	BigRRange   BigRRange        // range of the inferred risk attitudes
	BigRAdjust  BigRAdjust       // how actors estimate each other's risk attitudes
	ThirdParty  ThirdPartyCommit // how third parties picture a contest they join
	MaxTurns    int              // last turn to play; 0 = DefaultMaxTurns
	// NoBargain lists pairs of actors (indices, either order) who never
	// bargain directly: neither targets the other or proposes it a bargain.
	// They still vote as third parties and on every queue.
	NoBargain [][2]int `json:",omitempty"`
	// ForecastOnly keeps of the turns only the last (its positions,
	// probabilities and risk attitudes; no targets, challenges or deals),
	// and the forecast; RiskAttitudes are turn 0's as always. For the Monte
	// Carlo and the verdicts' probes, which read the forecast alone: a run
	// then reuses two turns' store instead of keeping every turn. It changes
	// no number.
	ForecastOnly bool `json:"-"`
}

func (o Options) check() error {
	bad := func(what string, v, n int) error {
		if v < 0 || v >= n {
			return model.Invalid("option "+what, "known option value", "%s %d is not a known value", what, v)
		}
		return nil
	}
	for _, err := range []error{
		bad("VictoryProbModel", int(o.VictoryProb), len(vpNames)),
		bad("PCEModel", int(o.PCE), len(pceNames)),
		bad("VotingRule", int(o.VotingRule), len(vrNames)),
		bad("BigRRange", int(o.BigRRange), len(rrNames)),
		bad("BigRAdjust", int(o.BigRAdjust), len(raNames)),
		bad("ThirdPartyCommit", int(o.ThirdParty), len(tpNames)),
	} {
		if err != nil {
			return err
		}
	}
	for _, p := range o.NoBargain {
		if p[0] < 0 || p[1] < 0 || p[0] == p[1] {
			return model.Invalid("option NoBargain", "two different actors", "the no-bargaining pair (%d, %d) does not name two different actors", p[0]+1, p[1]+1)
		}
	}
	if o.MaxTurns < 0 {
		return model.Invalid("option MaxTurns", "MaxTurns ≥ 0", "the number of turns cannot be negative (%d)", o.MaxTurns)
	}
	return nil
}
