package chart

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"parley/model"
	"parley/model/forecast"
)

// DefaultDeck is model.DefaultDeck: slides without analyst takeaways, so
// every slide prints what Generated reads from the run it is shown with.
// (res is accepted for callers that have one; nothing of it is stored.)
func DefaultDeck(sc *model.Scenario, res *forecast.Result) model.Deck {
	return model.DefaultDeck(sc)
}

// readingNotes say what a chart shows when the run has nothing to say on it.
var readingNotes = map[string]string{
	model.ChartStance:     "Where each actor stands and how much it cares; arrows show the moves the BDM model predicts.",
	model.ChartCoalition:  "Blocs of actors whose predicted positions end up close together.",
	model.ChartTrajectory: "Each actor’s position round by round until the model settles.",
}

// Generated is the sentence Parley reads from the chart spec draws on sc
// with res: Takeaway, or the chart's reading note when the run has nothing
// to say. It is never stored: every slide shown, presented or exported
// writes it afresh, so it always matches the chart above it.
func Generated(spec ChartSpec, sc *model.Scenario, res *forecast.Result) string {
	if t := Takeaway(spec, sc, res); t != "" {
		return t
	}
	return readingNotes[spec.Kind]
}

// ChartFingerprint identifies what the chart of spec draws on sc with res:
// the spec, every input the chart reads (the issue's column for a one-issue
// BDM chart; every input for an SMP chart, which bargains over all issues
// at once, and for the two-issue and landscape charts), and Parley's reading
// of it. An analyst's takeaway stamped with it is out of date once the chart
// no longer gives the same fingerprint.
func ChartFingerprint(spec ChartSpec, sc *model.Scenario, res *forecast.Result) string {
	sub := sc
	if i := sc.IssueIndex(spec.Issue); i >= 0 && spec.Model != model.ModelSMP && spec.Issue2 == "" &&
		spec.Kind != model.ChartLandscape && spec.Kind != model.ChartStance2D {
		sub = &model.Scenario{Name: sc.Name, Settings: sc.Settings, Issues: sc.Issues[i : i+1], Actors: sc.Actors}
	}
	fp := forecast.Fingerprint(sub, forecast.FromSettings(sc.Settings))
	var names []string
	for _, a := range sc.Actors {
		names = append(names, a.Name+"/"+a.ShortLabel())
	}
	h := sha256.Sum256([]byte(strings.Join([]string{spec.Kind, spec.Issue, spec.Issue2, string(spec.Model), strconv.Itoa(spec.Round), fp,
		strings.Join(names, ","), Generated(spec, sc, res)}, "\x00")))
	return hex.EncodeToString(h[:8])
}

// TakeawayState says whether a slide's analyst takeaway still fits its chart.
type TakeawayState int

// The states of an analyst's takeaway.
const (
	TakeawayNone     TakeawayState = iota // the analyst wrote nothing
	TakeawayCurrent                       // written for the chart as it is now
	TakeawayOutdated                      // the chart changed since it was written
)

// Analyst is the analyst's own takeaway on s and whether it still fits the
// chart. A takeaway without a stamp (a deck saved before Parley stamped
// takeaways, or a deck file written by hand) is Parley's own reading, and
// dropped, when it is Parley's sentence for the chart as it is now or one of
// its reading notes; Parley's sentence for another chart (a stored
// generated takeaway the inputs have since left behind) is out of date; any
// other text is the analyst's, taken as current since nothing says which
// chart it was written for.
func Analyst(s model.Slide, sc *model.Scenario, res *forecast.Result) (string, TakeawayState) {
	text := strings.TrimSpace(s.Takeaway)
	if text == "" {
		return "", TakeawayNone
	}
	if s.TakeawayChart == "" {
		if text == Generated(s.Chart, sc, res) || legacyNote(text) {
			return "", TakeawayNone
		}
		if generatedLike(text) {
			return text, TakeawayOutdated
		}
		return text, TakeawayCurrent
	}
	if s.TakeawayChart != ChartFingerprint(s.Chart, sc, res) {
		return text, TakeawayOutdated
	}
	return text, TakeawayCurrent
}

// generatedLike reports whether text opens like one of Takeaway's sentences.
func generatedLike(text string) bool {
	for _, p := range []string{"BDM forecasts ", "SMP forecasts ", "The largest bloc (", "The strongest single actor (",
		"BDM settles after ", "BDM plays all ", "The SMP stops after ", "Most often pivotal (Shapley-Shubik): "} {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

func legacyNote(text string) bool {
	for _, n := range readingNotes {
		if text == n {
			return true
		}
	}
	return false
}

// SlideText is what prints under a slide's chart: the analyst's takeaway,
// then Parley's reading of the chart as it is now.
func SlideText(s model.Slide, sc *model.Scenario, res *forecast.Result) string {
	own, _ := Analyst(s, sc, res)
	gen := Generated(s.Chart, sc, res)
	switch {
	case own == "":
		return gen
	case gen == "":
		return own
	}
	return own + " — " + gen
}

// OutdatedSlides lists the slides (1-based, with their titles) whose analyst
// takeaway was written for a chart that has changed since: what an export
// names and asks about before writing.
func OutdatedSlides(d model.Deck, sc *model.Scenario, res *forecast.Result) []string {
	var out []string
	for k, s := range d.Slides {
		if _, st := Analyst(s, sc, res); st == TakeawayOutdated {
			t := s.Title
			if t == "" {
				t = s.Chart.Kind
			}
			out = append(out, fmt.Sprintf("slide %d (%s)", k+1, t))
		}
	}
	return out
}

// Takeaway reads the chart spec draws in a sentence or two of what the run
// says: the forecast against the status quo and the largest move on a stance
// map, the largest bloc and its share on the coalitions, where and when the
// model settles on a trajectory, the most pivotal actors on the power bars.
// It is a starting point for the analyst's own words, and empty when res has
// nothing to say on it.
func Takeaway(spec ChartSpec, sc *model.Scenario, res *forecast.Result) string {
	if res == nil || spec.Validate(sc) != nil {
		return ""
	}
	i, err := specIssue(sc, spec.Issue)
	if err != nil || i >= len(res.Issues) {
		return ""
	}
	name := "BDM"
	if spec.Model == model.ModelSMP {
		name = "SMP"
	}
	if spec.Model == model.ModelExchange {
		name = model.ModelExchange.Label()
	}
	switch spec.Kind {
	case model.ChartStance:
		return stanceTakeaway(spec, sc, res, i, name)
	case model.ChartCoalition:
		return coalitionTakeaway(spec, sc, res, i)
	case model.ChartTrajectory:
		return trajectoryTakeaway(spec, sc, res, i)
	case model.ChartPower:
		return powerTakeaway(sc, res, i)
	case model.ChartExchanges:
		return exchangesTakeaway(spec, sc, res)
	case model.ChartStance2D, model.ChartLandscape, model.ChartQuad:
		return forecastSentence(sc, res, i, name)
	case model.ChartSummary:
		return SummaryTakeaway(sc, res) // summary.go
	}
	return ""
}

// num prints a position with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// nearAnchor names the issue's anchor within 10 points of v, if any: what a
// number on the scale means.
func nearAnchor(is model.Issue, v float64) string {
	best, d := "", 10.0+1e-9
	for _, a := range is.Anchors {
		if x := math.Abs(a.At - v); x <= d {
			best, d = a.Label, x
		}
	}
	return best
}

// forecastSentence is "BDM forecasts 90 (“…”) against a status quo of 0;
// SMP 15.1, weighted median 35.": the spec's model first, the others after.
func forecastSentence(sc *model.Scenario, res *forecast.Result, i int, name string) string {
	is := sc.Issues[i]
	var main *forecast.Value
	var others []string
	for _, v := range res.Forecasts(i) {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			continue
		}
		if v.Model == name && main == nil {
			v := v
			main = &v
			continue
		}
		m := v.Model
		if strings.HasPrefix(m, "Weighted") {
			m = "w" + m[1:]
		}
		if m == model.ModelExchange.Label() {
			m = "exchange model"
		}
		others = append(others, m+" "+num(v.Value))
	}
	if main == nil {
		return ""
	}
	if name == model.ModelExchange.Label() {
		name = "The exchange model"
	}
	s := fmt.Sprintf("%s forecasts %s", name, num(main.Value))
	if a := nearAnchor(is, main.Value); a != "" {
		s += " (“" + a + "”)"
	}
	s += fmt.Sprintf(" against a status quo of %s", num(is.StatusQuo))
	if len(others) > 0 {
		s += "; " + strings.Join(others, ", ")
	}
	return s + "."
}

func stanceTakeaway(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int, name string) string {
	s := forecastSentence(sc, res, i, name) + fragileNote(sc, res, i, spec.Model) // summary.go
	ends, _, err := roundPositions(spec, sc, res, i)
	if err != nil || s == "" {
		return s
	}
	start := sc.Column(i).Position
	best, move := -1, 0.5
	for a := range ends {
		if d := math.Abs(ends[a] - start[a]); a < len(start) && d > move {
			best, move = a, d
		}
	}
	if best >= 0 && (spec.Model == model.ModelSMP || moveSurvives(sc, res, i)) { // summary.go: only moves that survive the flags
		s += fmt.Sprintf(" Largest predicted move: %s, from %s to %s.", sc.Actors[best].Name, num(start[best]), num(ends[best]))
	}
	return s
}

func coalitionTakeaway(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int) string {
	blocs, err := specBlocs(spec, sc, res, i)
	if err != nil || len(blocs) == 0 {
		return ""
	}
	top := blocs[0] // the largest; the run's blocs stay in their order
	for _, b := range blocs[1:] {
		if b.Share > top.Share {
			top = b
		}
	}
	var members []string
	for _, a := range top.Members {
		members = append(members, sc.Actors[a].ShortLabel())
	}
	quota, need := 0.5, "a majority"
	if q := sc.Settings.Quota; q > 0 && q <= 1 {
		quota, need = q, "the quota"
	}
	centre := 0.0
	if len(top.Centre) > 0 {
		centre = top.Centre[0]
	}
	verdict := "short of"
	if top.Share >= quota {
		verdict = "above"
	}
	what := "The largest bloc"
	if len(top.Members) == 1 {
		what = "The strongest single actor"
	}
	return fmt.Sprintf("%s (%s) holds %s%% of effective power around %s, %s the %s%% %s needs; %s in all.",
		what, strings.Join(members, ", "), num(top.Share*100), num(centre), verdict, num(quota*100), need, model.Count(len(blocs), "bloc"))
}

// exchangesTakeaway says how many deals the round made and reads the largest.
func exchangesTakeaway(spec ChartSpec, sc *model.Scenario, res *forecast.Result) string {
	rd, err := ExchangeRound(sc, res, spec.Round)
	if err != nil || rd.Exchanges == nil {
		return ""
	}
	if len(rd.Exchanges) == 0 {
		return fmt.Sprintf("No exchange pays in round %d: no two actors sit on opposite sides of two outcomes with different priorities.", rd.Round)
	}
	x := rd.Exchanges[0]
	names := sc.ActorNames()
	issues := make([]string, len(sc.Issues))
	for d, is := range sc.Issues {
		issues[d] = lowerIssue(is.Name)
	}
	// " to " for the arrow: a PDF's Windows-1252 fonts have no "→".
	return fmt.Sprintf("%d trades in round %d. The first and largest: %s.", len(rd.Exchanges), rd.Round, strings.ReplaceAll(x.Explain(names, issues), " → ", " to "))
}

func trajectoryTakeaway(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int) string {
	if spec.Model == model.ModelExchange {
		x := res.Exchange
		if x == nil || len(x.Rounds) == 0 || i >= len(x.Forecast) {
			return ""
		}
		return fmt.Sprintf("After %d rounds of trades the exchange model's vote on %s comes to %s (weighted mean at the start %s).",
			len(x.Rounds), lowerIssue(sc.Issues[i].Name), num(x.Forecast[i]), num(x.Rounds[0].Preference[i]))
	}
	if spec.Model == model.ModelSMP {
		if res.SMP == nil || len(res.SMP.Turns) < 2 || i >= len(res.SMP.Forecast) {
			return ""
		}
		return fmt.Sprintf("The SMP stops after %s with its median on %s at %s (status quo %s).",
			model.Count(len(res.SMP.Turns)-1, "turn"), lowerIssue(sc.Issues[i].Name), num(res.SMP.Forecast[i].Median), num(sc.Issues[i].StatusQuo))
	}
	r := res.Issues[i].BDM
	if r == nil || len(r.Rounds) < 2 {
		return ""
	}
	first, last := r.Rounds[0].Median, r.Forecast
	if r.Converged {
		return fmt.Sprintf("BDM settles after %s at %s, from a weighted median of %s at the start.", model.Count(len(r.Rounds)-1, "round"), num(last), num(first))
	}
	return fmt.Sprintf("BDM plays all %s without settling and ends at %s, from a weighted median of %s at the start.", model.Count(len(r.Rounds)-1, "round"), num(last), num(first))
}

func powerTakeaway(sc *model.Scenario, res *forecast.Result, i int) string {
	pr := res.Issues[i].Power
	if pr == nil || len(pr.ShapleyShubik) != len(sc.Actors) || len(sc.Actors) == 0 {
		return ""
	}
	order := make([]int, len(sc.Actors))
	for a := range order {
		order[a] = a
	}
	sort.SliceStable(order, func(a, b int) bool { return pr.ShapleyShubik[order[a]] > pr.ShapleyShubik[order[b]] })
	var top []string
	for _, a := range order[:min(3, len(order))] {
		top = append(top, fmt.Sprintf("%s %s%%", sc.Actors[a].Name, num(pr.ShapleyShubik[a]*100)))
	}
	return "Most often pivotal (Shapley-Shubik): " + strings.Join(top, ", ") + "."
}

// lowerIssue writes an issue name mid-sentence: "scope of the agenda", but "HEU stockpile".
func lowerIssue(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}
