package model

import (
	"fmt"
	"slices"
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
	ChartSummary    = "summary"    // every issue: the most trustworthy forecast, its interval, agreement and flags
	ChartQuad       = "quad"       // one BDM round: each pair's expected gain to initiator vs receiver
	ChartExchanges  = "exchanges"  // the exchange model's trades of one round as a network of actors
)

// ChartKinds lists the kinds in the order the CLI and the deck editor offer them.
var ChartKinds = []string{ChartStance, ChartStance2D, ChartCoalition, ChartLandscape, ChartTrajectory, ChartPower, ChartExchanges, ChartSummary, ChartQuad}

// ChartModels are the models a chart can show, in the order pickers offer
// them (a ChartSpec's Model; "" is BDM).
var ChartModels = []ModelID{ModelBDM, ModelSMP, ModelExchange}

// ChartSpec says which chart to draw, with the settings that make it
// reproducible: the chart kind, the issue (and second issue for a two-issue
// map) by key or name, the model whose results it shows, and the round (or
// SMP turn) to show; Round 0 means the model's final round.
type ChartSpec struct {
	Kind   string  `json:"kind"`
	Issue  string  `json:"issue,omitempty"`
	Issue2 string  `json:"issue2,omitempty"`
	Model  ModelID `json:"model,omitempty"` // one of ChartModels; "" = ModelBDM
	Round  int     `json:"round,omitempty"`
}

// Slide is one chart of a briefing deck: the chart with its settings, the
// headline the analyst gives it and the analyst's takeaway printed under it
// (beside the sentence Parley reads from the chart, which is never stored:
// it is written afresh from the current run whenever the slide is shown).
// TakeawayChart fingerprints the chart the analyst's takeaway was written
// for: when the chart no longer matches it, the takeaway is out of date.
type Slide struct {
	Chart         ChartSpec `json:"chart"`
	Title         string    `json:"title,omitempty"`
	Takeaway      string    `json:"takeaway,omitempty"`
	TakeawayChart string    `json:"takeaway_chart,omitempty"`
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
// the trajectories on the first issue. It carries no analyst takeaways.
func DefaultDeck(sc *Scenario) Deck {
	d := Deck{Name: "Briefing: " + sc.Name}
	if len(sc.Issues) > 0 {
		d.Slides = append(d.Slides, Slide{
			Chart: ChartSpec{Kind: ChartSummary},
			Title: "Bottom line",
		})
	}
	for _, is := range sc.Issues {
		d.Slides = append(d.Slides, Slide{
			Chart: ChartSpec{Kind: ChartStance, Issue: is.Key, Model: ModelBDM},
			Title: is.Name,
		})
	}
	if len(sc.Issues) > 0 {
		first := sc.Issues[0]
		d.Slides = append(d.Slides,
			Slide{
				Chart: ChartSpec{Kind: ChartCoalition, Issue: first.Key, Model: ModelBDM},
				Title: "Coalitions on " + lowerFirst(first.Name),
			},
			Slide{
				Chart: ChartSpec{Kind: ChartTrajectory, Issue: first.Key, Model: ModelBDM},
				Title: "How positions move on " + lowerFirst(first.Name),
			})
	}
	if len(sc.Issues) >= 2 {
		d.Slides = append(d.Slides, Slide{
			Chart: ChartSpec{Kind: ChartExchanges, Model: ModelExchange, Round: 1},
			Title: "Package deals across issues",
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
	if c.Model != "" && !slices.Contains(ChartModels, c.Model) {
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
