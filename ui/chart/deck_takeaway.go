package chart

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"parley/model"
	"parley/model/forecast"
)

// DefaultDeck is model.DefaultDeck with each slide's takeaway saying what the
// run shows on it (Takeaway), where the run has something to say; the
// generic reading notes stay otherwise.
func DefaultDeck(sc *model.Scenario, res *forecast.Result) model.Deck {
	d := model.DefaultDeck(sc)
	for k := range d.Slides {
		if t := Takeaway(d.Slides[k].Chart, sc, res); t != "" {
			d.Slides[k].Takeaway = t
		}
	}
	return d
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
	switch spec.Kind {
	case model.ChartStance:
		return stanceTakeaway(spec, sc, res, i, name)
	case model.ChartCoalition:
		return coalitionTakeaway(spec, sc, res, i)
	case model.ChartTrajectory:
		return trajectoryTakeaway(spec, sc, res, i)
	case model.ChartPower:
		return powerTakeaway(sc, res, i)
	case model.ChartStance2D, model.ChartLandscape:
		return forecastSentence(sc, res, i, name)
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
		others = append(others, m+" "+num(v.Value))
	}
	if main == nil {
		return ""
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
	s := forecastSentence(sc, res, i, name)
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
	if best >= 0 {
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

func trajectoryTakeaway(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int) string {
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
