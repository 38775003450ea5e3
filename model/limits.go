package model

import "fmt"

// The size limits of Parley's inputs, in one place so the window, the CLI and
// every file reader refuse the same things with the same words. Each is
// checked before the work it bounds starts (a file's size before it is read,
// an XML file's depth and element count while it is tokenised, the counts of
// actors and issues before a scenario is built or forecast).
//
// They are chosen so every real case fits with room to spare: KTAB's own cap
// is 250 actors (MaxActors, validate.go); the largest published input has 160
// actors and 6 issues; the default scenario 12 actors and 6 issues; names are
// at most MaxNameLen characters (validate.go).
const (
	// MaxFileSize is the largest scenario file Parley reads (16 MiB); a
	// 250-actor × 10-issue scenario with full rationales is under 1 MiB.
	MaxFileSize = 16 << 20
	// MaxIssues is the most issues one scenario may hold.
	MaxIssues = 50
	// MaxXMLDepth is how deeply a KTAB XML file's elements may nest; KTAB's
	// own files nest 4 deep (Scenario/Actors/Actor/Position/dCoord).
	MaxXMLDepth = 32
	// MaxXMLElements is the most elements a KTAB XML file may hold: 250
	// actors × 50 issues need about 26,000.
	MaxXMLElements = 100_000
	// MaxForecastStances bounds actors × issues for one forecast (every
	// model at once); a larger scenario is refused before any model starts.
	MaxForecastStances = 250 * 20
)

// Rule names of the limits, quoted in their messages.
var (
	RuleFileSize       = fmt.Sprintf("file ≤ %d MiB", MaxFileSize>>20)
	RuleMaxIssues      = fmt.Sprintf("at most %d issues", MaxIssues)
	RuleXMLDepth       = fmt.Sprintf("XML nested at most %d deep", MaxXMLDepth)
	RuleXMLElements    = fmt.Sprintf("at most %s XML elements", Thousands(MaxXMLElements))
	RuleForecastStance = fmt.Sprintf("forecast at most %s stances (actors × issues)", Thousands(MaxForecastStances))
)

// Limit is one of Parley's limits, for the README, the window's About box and
// `parley-cli check`.
type Limit struct {
	What  string
	Value string
}

// Limits lists every limit an analyst may meet, in the words of the rules.
func Limits() []Limit {
	return []Limit{
		{"scenario file size", fmt.Sprintf("%d MiB", MaxFileSize>>20)},
		{"actors per scenario", Thousands(MaxActors)},
		{"issues per scenario", Thousands(MaxIssues)},
		{"name length", fmt.Sprintf("%d characters", MaxNameLen)},
		{"KTAB XML nesting depth", Thousands(MaxXMLDepth)},
		{"KTAB XML elements", Thousands(MaxXMLElements)},
		{"stances (actors × issues) in one forecast", Thousands(MaxForecastStances)},
	}
}

// CheckForecastSize refuses a scenario too large to forecast within the
// budget, before any model starts.
func CheckForecastSize(s *Scenario) error {
	if len(s.Issues) > MaxIssues {
		return Invalid(fmt.Sprintf("scenario %q", s.Name), RuleMaxIssues, "%s issues; Parley handles at most %s", Thousands(len(s.Issues)), Thousands(MaxIssues))
	}
	if n := len(s.Actors) * len(s.Issues); n > MaxForecastStances {
		return Invalid(fmt.Sprintf("scenario %q", s.Name), RuleForecastStance,
			"%d actors × %d issues = %s stances; one forecast of every model handles at most %s: forecast fewer issues at a time",
			len(s.Actors), len(s.Issues), Thousands(n), Thousands(MaxForecastStances))
	}
	return nil
}

// Thousands writes n with commas between thousands: 1500000 → "1,500,000".
func Thousands(n int) string {
	s := fmt.Sprint(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}
