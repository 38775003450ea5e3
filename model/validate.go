package model

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Limits that every scenario respects (they match KTAB's so that files travel both ways).
const (
	MaxActors     = 250
	MaxNameLen    = 64
	MaxCapability = 1e8
)

// Rule names, quoted in every validation message so an analyst can look them up.
const (
	RuleRequired   = "required"
	RuleFinite     = "finite number"
	RuleScale      = "0-100 scale"
	RuleNonNeg     = "capability ≥ 0"
	RuleMaxCap     = "capability ≤ 1e8"
	RuleUnique     = "unique name"
	RuleLabelLen   = "label ≤ 8 characters"
	RuleNameLen    = "name ≤ 64 characters"
	RuleRange      = "low ≤ value ≤ high"
	RuleColor      = "colour #rrggbb"
	RuleStance     = "a stance on every issue" // KTAB's formats; Parley leaves an unset stance out
	RuleMaxActors  = "at most 250 actors"
	RuleUTF8       = "UTF-8 text"
	RuleKnownIssue = "known issue"
	RuleOwnScale   = "own scale: finite, low < high"
)

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// CheckScale checks a position or salience value on the 0-100 scale.
func CheckScale(where string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Invalid(where, RuleFinite, "%v is not a finite number", v)
	}
	if v < ScaleMin || v > ScaleMax {
		return Invalid(where, RuleScale, "%g is outside 0-100", v)
	}
	return nil
}

// CheckIssueScale checks an issue's own scale (nil is fine: 0-100): both ends
// finite and at most 1e9 in size, low below high, the unit at most 64 characters.
func CheckIssueScale(where string, sc *IssueScale) error {
	if sc == nil {
		return nil
	}
	for _, v := range []float64{sc.Lo, sc.Hi} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e9 {
			return Invalid(where, RuleOwnScale, "the scale's end %v is not a finite number of at most 1e9", v)
		}
	}
	if !(sc.Lo < sc.Hi) {
		return Invalid(where, RuleOwnScale, "the scale runs from %g to %g: its low end must be below its high end", sc.Lo, sc.Hi)
	}
	if utf8.RuneCountInString(sc.Unit) > MaxNameLen {
		return Invalid(where, RuleNameLen, "the scale's unit has more than %d characters", MaxNameLen)
	}
	return nil
}

// CheckCapability checks an actor's capability: finite, ≥ 0 and ≤ 1e8.
func CheckCapability(where string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Invalid(where, RuleFinite, "%v is not a finite number", v)
	}
	if v < 0 {
		return Invalid(where, RuleNonNeg, "capability %g is negative", v)
	}
	if v > MaxCapability {
		return Invalid(where, RuleMaxCap, "capability %g is above 1e8", v)
	}
	return nil
}

// CheckName checks a required, bounded, valid UTF-8 name.
func CheckName(where, name string) error {
	if !utf8.ValidString(name) {
		return Invalid(where, RuleUTF8, "the name is not valid UTF-8 text")
	}
	if strings.TrimSpace(name) == "" {
		return Invalid(where, RuleRequired, "a name is required")
	}
	if utf8.RuneCountInString(name) > MaxNameLen {
		return Invalid(where, RuleNameLen, "the name %s is longer than %d characters", Quote(name), MaxNameLen)
	}
	return checkNameChars(where, name) // names.go
}

// CheckLabel checks an actor's short chart label (may be empty: the name is shortened instead).
func CheckLabel(where, label string) error {
	if utf8.RuneCountInString(label) > MaxLabelLen {
		return Invalid(where, RuleLabelLen, "the label %s is longer than %d characters", Quote(label), MaxLabelLen)
	}
	return nil
}

func checkRange(where string, v float64, r *Range, check func(string, float64) error) error {
	if r == nil {
		return nil
	}
	if err := check(where+" low", r.Low); err != nil {
		return err
	}
	if err := check(where+" high", r.High); err != nil {
		return err
	}
	if !(r.Low <= v && v <= r.High) {
		return Invalid(where, RuleRange, "the range %g-%g does not contain the value %g", r.Low, r.High, v)
	}
	return nil
}

// Validate checks every rule a scenario must satisfy before it is stored or
// modelled. It returns all problems found (nil when the scenario is valid); each
// is an *Error naming the field and the rule. Degenerate data that a model
// cannot use (two actors, all positions equal) is not invalid: the engines say so.
func Validate(s *Scenario) []error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(CheckName("scenario name", s.Name))
	add(checkSettings(s.Settings))
	if s.Base != "" && s.Base == s.Name {
		add(Invalid("scenario base", "a what-if of another scenario", "a what-if cannot be based on itself"))
	}
	if s.Base != "" && len(s.Actors) == 0 {
		return errs // an unresolved what-if: only its overrides are checked, against the base
	}
	if len(s.Actors) > MaxActors {
		add(Invalid("scenario", RuleMaxActors, "%d actors; Parley handles at most %d", len(s.Actors), MaxActors))
	}
	if len(s.Issues) > MaxIssues {
		add(Invalid("scenario", RuleMaxIssues, "%d issues; Parley handles at most %d", len(s.Issues), MaxIssues))
	}
	issueKeys := map[string]bool{}
	issueNames := map[string]string{} // NameKey → the first name
	for i, is := range s.Issues {
		where := fmt.Sprintf("issue %d", i+1)
		if is.Name != "" {
			where = "issue " + Quote(is.Name)
		}
		add(located(CheckName(where+" name", is.Name), -1, i, "name"))
		add(located(CheckName(where+" key", is.Key), -1, i, "key"))
		if is.Key != "" && issueKeys[is.Key] {
			add(Invalid(where+" key", RuleUnique, "another issue already has the key %s", Quote(is.Key)))
		}
		if other, ok := issueNames[NameKey(is.Name)]; is.Name != "" && ok {
			add(located(sameName(where+" name", "issue", is.Name, other), -1, i, "name")) // names.go
		} else {
			issueNames[NameKey(is.Name)] = is.Name
		}
		issueKeys[is.Key] = true
		add(located(CheckScale(where+" status quo", is.StatusQuo), -1, i, "status_quo"))
		for k, a := range is.Anchors {
			add(CheckScale(fmt.Sprintf("%s anchor %d", where, k+1), a.At))
		}
		add(located(CheckIssueScale(where+" scale", is.Scale), -1, i, "scale"))
	}
	errs = append(errs, checkNoBargain(s)...)
	names := map[string]string{} // NameKey → the first name
	for i, a := range s.Actors {
		where := fmt.Sprintf("actor %d", i+1)
		if a.Name != "" {
			where = "actor " + Quote(a.Name)
		}
		add(located(CheckName(where+" name", a.Name), i, -1, "name"))
		if other, ok := names[NameKey(a.Name)]; strings.TrimSpace(a.Name) != "" && ok {
			add(located(sameName(where+" name", "actor", a.Name, other), i, -1, "name")) // names.go
		} else {
			names[NameKey(a.Name)] = a.Name
		}
		add(located(CheckLabel(where+" label", a.Label), i, -1, "label"))
		if a.Color != "" && !colorRE.MatchString(a.Color) {
			add(Invalid(where+" colour", RuleColor, "%s is not a colour like #1f77b4", Quote(a.Color)))
		}
		add(located(CheckCapability(where+" capability", a.Capability), i, -1, "capability"))
		add(located(checkRange(where+" capability range", a.Capability, a.CapabilityRange, CheckCapability), i, -1, "capability_range"))
		for k, is := range s.Issues {
			st, ok := a.Stances[is.Key]
			if !ok {
				continue // an unset stance: left out of every model until the analyst sets it
			}
			if CheckScale("", st.Position) == nil && CheckScale("", st.Salience) == nil &&
				checkRange("", st.Position, st.PositionRange, CheckScale) == nil && checkRange("", st.Salience, st.SalienceRange, CheckScale) == nil {
				continue // the usual case: no message to word
			}
			w := where + " on " + Quote(is.Name)
			add(located(CheckScale(w+" position", st.Position), i, k, "position"))
			add(located(CheckScale(w+" salience", st.Salience), i, k, "salience"))
			add(located(checkRange(w+" position range", st.Position, st.PositionRange, CheckScale), i, k, "position_range"))
			add(located(checkRange(w+" salience range", st.Salience, st.SalienceRange, CheckScale), i, k, "salience_range"))
		}
		for _, k := range SortedIssueKeys(a.Stances) {
			if !issueKeys[k] {
				add(Invalid(where, RuleKnownIssue, "has a stance on %s, which is not an issue of this scenario", Quote(k)))
			}
		}
	}
	return errs
}

// located sets the structured location of a validation error.
func located(err error, actor, issue int, field string) error {
	if e, ok := err.(*Error); ok && e != nil {
		e.Loc = &Loc{Actor: actor, Issue: issue, Field: field}
		return e
	}
	return err
}

// Limits of the model settings a scenario may carry.
const (
	MaxBDMRounds = 10000
	MaxSpread    = 50
)

// CheckSettings checks a scenario's model settings against the limits every
// engine accepts: the one place those limits live (the codecs translate the
// error's Loc.Field, "settings.bdm_q" and so on, to where they read it).
func CheckSettings(st Settings) error { return checkSettings(st) }

func checkSettings(st Settings) error {
	bad := func(field, rule, format string, args ...any) error {
		e := Invalid("settings "+field, rule, format, args...)
		e.Loc = &Loc{Actor: -1, Issue: -1, Field: "settings." + field}
		return e
	}
	switch {
	case st.BDMRounds < 0 || st.BDMRounds > MaxBDMRounds:
		return bad("bdm_rounds", "0 ≤ rounds ≤ 10000", "BDM rounds must be between 0 (the default, 10) and %d, not %d", MaxBDMRounds, st.BDMRounds)
	case !(st.BDMQ >= 0 && st.BDMQ <= 1):
		return bad("bdm_q", "0 ≤ Q ≤ 1", "BDM's Q must be between 0 (the default, 1) and 1, not %v", st.BDMQ)
	case !(st.BlocTol >= 0 && st.BlocTol <= ScaleMax):
		return bad("bloc_tolerance", "0 ≤ tolerance ≤ 100", "the bloc tolerance must be between 0 (the default, 5) and 100 points, not %v", st.BlocTol)
	case !(st.Quota >= 0 && st.Quota <= 1):
		return bad("quota", "0 ≤ quota ≤ 1", "the quota is a share of the total weight, between 0 (simple majority) and 1, not %v", st.Quota)
	case !(st.Spread >= 0 && st.Spread <= MaxSpread):
		return bad("spread", "0 ≤ spread ≤ 50", "the default spread must be between 0 and %d points, not %v", MaxSpread, st.Spread)
	case st.Draws < 0 || st.Draws > MaxDraws:
		return bad("draws", "0 ≤ draws ≤ 100000", "Monte Carlo draws must be between 0 (the default, %d) and %d, not %d", DefaultDraws, MaxDraws, st.Draws)
	case st.Seed < 0:
		return bad("seed", "seed ≥ 0", "the Monte Carlo seed must be a whole number ≥ 0 (0 = the default, %d), not %d", DefaultSeed, st.Seed)
	}
	return st.SMP.Check()
}

// ValidateErr returns the first problem Validate finds, with a count of the
// rest, or nil.
func ValidateErr(s *Scenario) error {
	errs := Validate(s)
	if len(errs) == 0 {
		return nil
	}
	if len(errs) == 1 {
		return errs[0]
	}
	e := *(errs[0].(*Error))
	e.Message += fmt.Sprintf(" (and %d more problems)", len(errs)-1)
	return &e
}

// ShortLabel returns the actor's chart label: its Label, or its name cut to 8 characters.
func (a *Actor) ShortLabel() string {
	if a.Label != "" {
		return a.Label
	}
	r := []rune(a.Name)
	if len(r) > MaxLabelLen {
		r = r[:MaxLabelLen]
	}
	return string(r)
}
