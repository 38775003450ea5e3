package model

import "strings"

// SMPSettings are the KTAB SMP's enumerated options as a scenario stores them,
// by KTAB's own names ("Linear", "Conditional", ...); "" is KTAB's default.
// model/smp reads its option names from SMPOptions, so the names live here once.
type SMPSettings struct {
	VictoryProb string `json:"victory_prob,omitempty"`
	PCE         string `json:"pce,omitempty"`
	VotingRule  string `json:"voting_rule,omitempty"`
	BigRRange   string `json:"big_r_range,omitempty"`
	BigRAdjust  string `json:"big_r_adjust,omitempty"`
	ThirdParty  string `json:"third_party,omitempty"`
}

// SMPChoice is one value of an SMP option: KTAB's name and what it means, in
// one line an analyst can read.
type SMPChoice struct {
	Name, Means string
}

// SMPOption is one of the SMP's enumerated options: its field in SMPSettings,
// its label on screen, KTAB's parameter name, and its choices (the first is
// KTAB's default).
type SMPOption struct {
	Field, Label, KTAB string
	Choices            []SMPChoice
}

// Names lists the option's choices by KTAB name, the default first.
func (o SMPOption) Names() []string {
	n := make([]string, len(o.Choices))
	for i, c := range o.Choices {
		n[i] = c.Name
	}
	return n
}

// Means returns the one-line meaning of choice name ("" = the default).
func (o SMPOption) Means(name string) string {
	if name == "" {
		return o.Choices[0].Means
	}
	for _, c := range o.Choices {
		if strings.EqualFold(c.Name, name) {
			return c.Means
		}
	}
	return ""
}

// The SMP's options (KTAB v1.4), in the order KTAB lists them.
var (
	SMPVictoryProb = SMPOption{"victory_prob", "Victory probability", "VictoryProbModel", []SMPChoice{
		{"Linear", "a coalition twice as strong wins 2 times in 3 (KTAB's default)"},
		{"Square", "strengths squared: twice as strong wins 4 times in 5"},
		{"Quartic", "fourth powers: twice as strong wins 16 times in 17"},
		{"Octic", "eighth powers: twice as strong almost always wins"},
		{"Binary", "a 10% advantage wins for certain, linear in between"},
	}}
	SMPPCE = SMPOption{"pce", "Condorcet election", "PCEModel", []SMPChoice{
		{"Conditional", "an option's chance is that of beating every other one at once (KTAB's default)"},
		{"MarkovIncentive", "options challenge each other as strongly as their backers want to"},
		{"MarkovUniform", "every option challenges every other one equally often"},
	}}
	SMPVotingRule = SMPOption{"voting_rule", "Voting rule", "VotingRule", []SMPChoice{
		{"Prop", "an actor weighs in in proportion to how much more it gains (KTAB's default)"},
		{"Binary", "all or nothing: the actor backs whichever side it prefers with its full weight"},
		{"PropBin", "mostly proportional (80%), partly all or nothing (20%)"},
		{"PropCbc", "half proportional, half the cube of the gain: small gains count less"},
		{"Cubic", "the cube of the gain: actors act only on large differences"},
		{"ASymProsp", "prospect theory: a gain counts two thirds as much as an equal loss"},
	}}
	SMPBigRRange = SMPOption{"big_r_range", "Risk attitudes", "BigRRange", []SMPChoice{
		{"Mid", "the likeliest winner is risk averse (+1), the least likely risk seeking (−0.5) (KTAB's default)"},
		{"Min", "attitudes from neutral (0) to risk averse (+1): nobody seeks risk"},
		{"Max", "attitudes from risk seeking (−1) to risk averse (+1)"},
	}}
	SMPBigRAdjust = SMPOption{"big_r_adjust", "Reading others' risk", "BigRAdjust", []SMPChoice{
		{"OneThird", "an actor judges another's attitude two thirds by its own (KTAB's default)"},
		{"None", "an actor assumes everyone shares its own attitude"},
		{"Half", "half its own attitude, half the other's"},
		{"TwoThirds", "one third its own, two thirds the other's"},
		{"Full", "an actor knows every other actor's attitude"},
	}}
	SMPThirdParty = SMPOption{"third_party", "Third parties", "ThirdPartyCommit", []SMPChoice{
		{"SemiCommit", "a third party that picks the losing side is dragged along; the winner keeps its own (KTAB's default)"},
		{"FullCommit", "a third party adopts the winner's position either way: only the two principals count"},
		{"NoCommit", "a third party keeps its own position either way: only the two principals count"},
	}}
	// SMPOptions lists every option, in panel order.
	SMPOptions = []SMPOption{SMPVictoryProb, SMPPCE, SMPVotingRule, SMPBigRRange, SMPBigRAdjust, SMPThirdParty}
)

// field returns a pointer to the SMPSettings field an option fills.
func (s *SMPSettings) field(f string) *string {
	switch f {
	case "victory_prob":
		return &s.VictoryProb
	case "pce":
		return &s.PCE
	case "voting_rule":
		return &s.VotingRule
	case "big_r_range":
		return &s.BigRRange
	case "big_r_adjust":
		return &s.BigRAdjust
	case "third_party":
		return &s.ThirdParty
	}
	return nil
}

// Get returns the chosen name for option o, the default's name when unset.
func (s SMPSettings) Get(o SMPOption) string {
	if p := s.field(o.Field); p != nil && *p != "" {
		return *p
	}
	return o.Choices[0].Name
}

// Set chooses name for option o (KTAB's spelling whatever the case given);
// the default's name is stored as "" so that a scenario left at KTAB's
// defaults stores nothing. A name that is no choice is kept for Check to refuse.
func (s *SMPSettings) Set(o SMPOption, name string) {
	for _, c := range o.Choices {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			name = c.Name
		}
	}
	if name == o.Choices[0].Name {
		name = ""
	}
	if p := s.field(o.Field); p != nil {
		*p = name
	}
}

// Check refuses a name that is not one of an option's choices.
func (s SMPSettings) Check() error {
	for _, o := range SMPOptions {
		v := *s.field(o.Field)
		if v == "" {
			continue
		}
		found := false
		for _, c := range o.Choices {
			found = found || c.Name == v
		}
		if !found {
			return Invalid("settings smp."+o.Field, "known SMP option", "%s %q is not one of KTAB's choices (%s)", o.KTAB, v, strings.Join(o.Names(), ", "))
		}
	}
	return nil
}

// Describe is the SMP's non-default options in words, for footers and the
// assumptions slide ("victory probability Square: strengths squared: …");
// "" when every option is KTAB's default.
func (s SMPSettings) Describe() []string {
	var out []string
	for _, o := range SMPOptions {
		if v := *s.field(o.Field); v != "" {
			out = append(out, strings.ToLower(o.Label[:1])+o.Label[1:]+" "+v)
		}
	}
	return out
}

// Monte Carlo defaults when a scenario's settings give none, and the most draws.
const (
	DefaultDraws = 1000
	DefaultSeed  = 1
	MaxDraws     = 100_000
)

// DrawsOr is the scenario's number of Monte Carlo draws, or DefaultDraws.
func (st Settings) DrawsOr() int {
	if st.Draws > 0 {
		return st.Draws
	}
	return DefaultDraws
}

// SeedOr is the scenario's Monte Carlo seed, or DefaultSeed.
func (st Settings) SeedOr() uint64 {
	if st.Seed > 0 {
		return uint64(st.Seed)
	}
	return DefaultSeed
}
