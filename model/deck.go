package model

import (
	"fmt"
	"strings"
)

// Chart kinds a briefing slide or an export can show.
const (
	ChartStance     = "stance"     // one issue: actors by position and salience, predicted moves as arrows
	ChartStance2D   = "stance2d"   // two issues against each other (Issue × Issue2)
	ChartCoalition  = "coalition"  // the blocs the model derives on an issue
	ChartLandscape  = "landscape"  // every issue at once: status quo, forecasts, actors
	ChartTrajectory = "trajectory" // each actor's position round by round
	ChartPower      = "power"      // power indices (Shapley-Shubik, Banzhaf) per actor
	ChartExchanges  = "exchanges"  // the exchange model's trades of one round as a network of actors
)

// ChartKinds lists the kinds in the order the CLI and the deck editor offer them.
var ChartKinds = []string{ChartStance, ChartStance2D, ChartCoalition, ChartLandscape, ChartTrajectory, ChartPower, ChartExchanges}

// ChartSpec says which chart to draw, with the settings that make it
// reproducible: the chart kind, the issue (and second issue for a two-issue
// map) by key or name, the model whose results it shows, and the round (or
// SMP turn) to show; Round 0 means the model's final round.
type ChartSpec struct {
	Kind   string  `json:"kind"`
	Issue  string  `json:"issue,omitempty"`
	Issue2 string  `json:"issue2,omitempty"`
	Model  ModelID `json:"model,omitempty"` // ModelBDM (default) or ModelSMP
	Round  int     `json:"round,omitempty"`
}

// Slide is one chart of a briefing deck: the chart with its settings, the
// headline the analyst gives it and a short takeaway printed under it.
type Slide struct {
	Chart    ChartSpec `json:"chart"`
	Title    string    `json:"title,omitempty"`
	Takeaway string    `json:"takeaway,omitempty"`
}

// Deck is an ordered set of slides briefed from one scenario. It is saved
// with the scenario; exporting it adds a title slide before the charts and
// the assumptions (every actor's capability rationale and source) after them.
type Deck struct {
	Name   string  `json:"name"`
	Slides []Slide `json:"slides"`
}

// DeckRepository is how the UI and CLI reach a scenario's saved deck. A store
// without a deck for the scenario returns an ENOTFOUND error.
type DeckRepository interface {
	LoadDeck(scenario string) (*Deck, error)
	SaveDeck(scenario string, d *Deck) error
}

// DefaultDeck is the briefing a scenario gets before the analyst builds one:
// a stance map per issue with BDM's predicted moves, then the coalitions and
// the trajectories on the first issue.
func DefaultDeck(sc *Scenario) Deck {
	d := Deck{Name: "Briefing: " + sc.Name}
	for _, is := range sc.Issues {
		d.Slides = append(d.Slides, Slide{
			Chart:    ChartSpec{Kind: ChartStance, Issue: is.Key, Model: ModelBDM},
			Title:    is.Name,
			Takeaway: "Where each actor stands and how much it cares; arrows show the moves the BDM model predicts.",
		})
	}
	if len(sc.Issues) > 0 {
		first := sc.Issues[0]
		d.Slides = append(d.Slides,
			Slide{
				Chart:    ChartSpec{Kind: ChartCoalition, Issue: first.Key, Model: ModelBDM},
				Title:    "Coalitions on " + lowerFirst(first.Name),
				Takeaway: "Blocs of actors whose predicted positions end up close together.",
			},
			Slide{
				Chart:    ChartSpec{Kind: ChartTrajectory, Issue: first.Key, Model: ModelBDM},
				Title:    "How positions move on " + lowerFirst(first.Name),
				Takeaway: "Each actor’s position round by round until the model settles.",
			})
	}
	if len(sc.Issues) >= 2 {
		d.Slides = append(d.Slides, Slide{
			Chart:    ChartSpec{Kind: ChartExchanges, Model: ModelExchange, Round: 1},
			Title:    "Package deals across issues",
			Takeaway: "Who trades with whom in the exchange model’s first round: each line is a deal in which each side gives on the issue it cares about less.",
		})
	}
	return d
}

// Validate checks every slide's chart kind, model and issues against sc.
func (d *Deck) Validate(sc *Scenario) error {
	for k, s := range d.Slides {
		if err := s.Chart.validate(sc); err != nil {
			e := *err
			e.Where = strings.TrimSpace(fmt.Sprintf("slide %d %s", k+1, e.Where))
			return &e
		}
	}
	return nil
}

// Validate checks the chart kind, the model and that the issues it names exist in sc.
func (c ChartSpec) Validate(sc *Scenario) error {
	if err := c.validate(sc); err != nil {
		return err
	}
	return nil
}

func (c ChartSpec) validate(sc *Scenario) *Error {
	known := false
	for _, k := range ChartKinds {
		known = known || c.Kind == k
	}
	if !known {
		return Invalid("chart", "known chart", "unknown chart %q; use %s", c.Kind, strings.Join(ChartKinds, ", "))
	}
	if c.Model != "" && c.Model != ModelBDM && c.Model != ModelSMP && c.Model != ModelExchange {
		return Invalid("model", "bdm, smp or exchange", "unknown model %q for a chart; use bdm, smp or exchange", c.Model)
	}
	if c.Round < 0 {
		return Invalid("round", "round ≥ 0", "round must be 0 (the last) or a positive round number, not %d", c.Round)
	}
	for _, name := range []string{c.Issue, c.Issue2} {
		if name != "" && sc.IssueIndex(name) < 0 {
			return Errorf(ENOTFOUND, "scenario %q has no issue %q", sc.Name, name)
		}
	}
	if c.Kind == ChartStance2D && (c.Issue2 == "" && len(sc.Issues) < 2) {
		return Invalid("issue2", "two issues", "a two-issue stance map needs a scenario with two issues")
	}
	return nil
}

func lowerFirst(s string) string {
	if s == "" || strings.ToUpper(s[:1]) != s[:1] || len(s) > 1 && strings.ToUpper(s[1:2]) == s[1:2] {
		return s // keep acronyms ("HEU stockpile") as they are
	}
	return strings.ToLower(s[:1]) + s[1:]
}
