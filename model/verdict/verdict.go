// Package verdict says, per issue and model, which number to believe: each
// model's forecast with its anchor in words, its track-record interval and
// Monte Carlo band, how far the models agree, and plain-language flags, each
// with the evidence that raised it:
//
//   - knife-edge: a small change of one input (KnifeEdgeStep points of a
//     position or salience, KnifeEdgeCapShare of a capability) moves the
//     forecast by KnifeEdgeJump points or more; the flag names the input, its
//     two values and the two forecasts;
//   - outside its own band: the point forecast lies outside the P10-P90 band
//     of the Monte Carlo draws (only when a sweep is given);
//   - cycling: BDM's positions go back and forth (bdm.DetectCycle); the flag
//     says between what;
//   - stopped at the round cap: BDM played every round allowed without
//     settling, or the SMP reached its turn limit;
//   - sensitive to another issue (SMP): a small change on another issue
//     moves this issue's SMP forecast by CrossIssueJump points or more;
//   - models disagree: another model's forecast lies further away than this
//     model's track-record interval (DisagreeFallback points when no interval
//     is known).
//
// The most trustworthy forecast of an issue is the model with the fewest
// flags; ties go to the narrower track-record interval, then to the forecast
// closest to the median of all models, then to the order of model.Models.
//
// The package is pure Go: it runs the engines through model/forecast and
// takes the track record as a map of interval half-widths, so it depends on
// no storage or screen.
package verdict

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"

	"parley/model"
	"parley/model/forecast"
	"parley/model/sweep"
)

// Thresholds. Positions and forecasts are on the issue's 0-100 scale.
const (
	// KnifeEdgeStep is the probe applied to every position and salience, in points.
	KnifeEdgeStep = 5.0
	// KnifeEdgeCapShare is the probe applied to every capability, as a share of it.
	KnifeEdgeCapShare = 0.10
	// KnifeEdgeJump is the forecast change, in points, that makes a small
	// probe a knife-edge: a fifth of the scale.
	KnifeEdgeJump = 20.0
	// CrossIssueJump is the change of an SMP forecast, in points, that a
	// probe on another issue must cause to flag the issue as sensitive to it.
	CrossIssueJump = 10.0
	// DisagreeFallback is the gap, in points, at which two models disagree
	// when the model has no track-record interval.
	DisagreeFallback = 20.0
	// AgreeWithin is how close to the models' median a forecast must be to
	// count as agreeing, in points.
	AgreeWithin = 10.0
)

// FlagKind names a flag.
type FlagKind string

// The flags.
const (
	KnifeEdge   FlagKind = "knife_edge"
	OutsideBand FlagKind = "outside_band"
	Cycling     FlagKind = "cycling"
	RoundCap    FlagKind = "round_cap"
	CrossIssue  FlagKind = "cross_issue"
	Disagree    FlagKind = "disagree"
)

// Flag is one reason to doubt a forecast, with the evidence that raised it.
type Flag struct {
	Kind FlagKind
	Text string // the flag in words, evidence included
	// Knife-edge and cross-issue: the input changed, its two values, and the
	// forecast at each (of this issue; for cross-issue, Input is on another issue).
	Input                    string
	InputFrom, InputTo       float64
	ForecastFrom, ForecastTo float64
	// Outside band: the band. Cycling: the range of the median over the cycle.
	Low, High float64
	Period    int // cycling: rounds per cycle (0 = not yet measurable)
	// Disagree: the other model, the gap and the interval it exceeds.
	Other    model.ModelID
	Gap      float64
	Interval float64
}

// ModelVerdict is one model's forecast on one issue and how far to trust it.
type ModelVerdict struct {
	Model  model.ModelID
	OK     bool    // false: the model gave no number; Reason says why
	Value  float64 // the point forecast
	Reason string
	Anchor string // Value in words on the issue's scale ("70 = AP ratified …")
	// Interval is the track record's 80 % half-width (HasInterval false: unknown).
	Interval    float64
	HasInterval bool
	// Band is the Monte Carlo P10-P90 (nil: no sweep, or the model failed in every draw).
	Band  *Band
	Flags []Flag
}

// Band is a Monte Carlo band.
type Band struct{ P10, P50, P90 float64 }

// IssueVerdict is every model's verdict on one issue.
type IssueVerdict struct {
	Key, Name string
	Models    []ModelVerdict // in model.Models order, those run
	Median    float64        // median of the models' forecasts
	Spread    float64        // largest minus smallest forecast
	Agreeing  int            // forecasts within AgreeWithin of Median
	Answered  int            // models with a number
	Agreement string         // in words
	Best      int            // index into Models of the most trustworthy forecast; −1 if none
	Summary   string         // the bottom line in one sentence
	// LeftOut says which actors have no stance on the issue and were left
	// out of every model ("Khamenei's office has no stance on Scope: left
	// out."); empty when every stance is set. Summary ends with it too.
	LeftOut string
}

// Verdicts are the verdicts on every issue of a scenario.
type Verdicts struct {
	Scenario string
	Issues   []IssueVerdict
	// Probe says whose inputs the knife-edge probes moved (every actor's
	// unless the scenario is too large: see ProbeBudget).
	Probe Coverage
}

// Coverage is how many actors' inputs the probes moved, of how many, and,
// when not every actor's, a sentence saying so for the analyst.
type Coverage struct {
	Actors, Of int
	Note       string // empty when every actor was probed (or probes were off)
}

// Input is what the verdicts are computed from.
type Input struct {
	Scenario *model.Scenario
	Result   *forecast.Result // forecast.Run on Scenario
	// Options are the options Result ran with; the probes use the same. Zero
	// value: forecast.FromSettings(Scenario.Settings).
	Options *forecast.Options
	// Sweep is a Monte Carlo run on Scenario (optional).
	Sweep *sweep.Result
	// Intervals are the track record's 80 % interval half-widths per model
	// (optional; the lead wires backtest.Interval80 in).
	Intervals map[model.ModelID]float64
	// NoProbe skips the knife-edge and cross-issue probes (they rerun the
	// models about 6 times per input).
	NoProbe bool
	// Workers run the probes (0 = one per core); the verdicts are the same
	// whatever the count.
	Workers int
}

// Compute computes the verdicts. It fails only when ctx is cancelled or the
// input lacks a scenario or a result.
func Compute(ctx context.Context, in Input) (*Verdicts, error) {
	sc, res := in.Scenario, in.Result
	if sc == nil || res == nil || len(res.Issues) != len(sc.Issues) {
		return nil, model.Invalid("verdict input", "scenario and result", "the verdicts need a scenario and its forecast")
	}
	opt := forecast.FromSettings(sc.Settings)
	if in.Options != nil {
		opt = *in.Options
	}
	opt.Serial = true
	out := &Verdicts{Scenario: sc.Name, Issues: make([]IssueVerdict, len(sc.Issues))}
	for i, is := range sc.Issues {
		iv := IssueVerdict{Key: is.Key, Name: is.Name, Best: -1}
		for _, m := range modelsOf(res) {
			v, ok, why := ValueOf(res, i, m)
			mv := ModelVerdict{Model: m, OK: ok, Value: v, Reason: why}
			if ok {
				mv.Anchor = AnchorText(is, v)
			}
			if h, ok := in.Intervals[m]; ok && h >= 0 && !math.IsNaN(h) {
				mv.Interval, mv.HasInterval = h, true
			}
			mv.Band = bandOf(in.Sweep, i, m)
			iv.Models = append(iv.Models, mv)
		}
		out.Issues[i] = iv
	}
	for i := range out.Issues {
		flagRuns(res, i, &out.Issues[i], sc.ActorNames())
		flagBands(&out.Issues[i])
	}
	if !in.NoProbe {
		workers := in.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		if err := probe(ctx, sc, res, opt, workers, out); err != nil {
			return nil, err
		}
	}
	for i := range out.Issues {
		agree(&out.Issues[i])
		choose(&out.Issues[i])
		leftOut(sc, res, i, &out.Issues[i])
	}
	return out, nil
}

// modelsOf lists the models res has results for, in model.Models order.
func modelsOf(res *forecast.Result) []model.ModelID {
	var ms []model.ModelID
	hasBDM, hasBase := false, false
	for _, is := range res.Issues {
		hasBDM = hasBDM || is.BDM != nil || is.BDMErr != nil
		hasBase = hasBase || is.Baseline != nil || is.BaselineErr != nil
	}
	for _, m := range model.Models {
		switch m {
		case model.ModelBDM:
			if hasBDM {
				ms = append(ms, m)
			}
		case model.ModelSMP:
			if res.SMP != nil || res.SMPErr != nil {
				ms = append(ms, m)
			}
		case model.ModelWeightedMedian, model.ModelWeightedMean, model.ModelNash:
			if hasBase {
				ms = append(ms, m)
			}
		case model.ModelExchange:
			if res.Exchange != nil || res.ExchangeErr != nil {
				ms = append(ms, m)
			}
		}
	}
	return ms
}

// ValueOf is model m's forecast for issue i in res: the number, or false and why not.
func ValueOf(res *forecast.Result, i int, m model.ModelID) (float64, bool, string) {
	is := &res.Issues[i]
	var v float64
	switch m {
	case model.ModelBDM:
		if is.BDM == nil {
			return 0, false, errText(is.BDMErr, "BDM did not run")
		}
		v = is.BDM.Forecast
	case model.ModelSMP:
		if res.SMP == nil || i >= len(res.SMP.Forecast) {
			return 0, false, errText(res.SMPErr, "the SMP did not run")
		}
		v = res.SMP.Forecast[i].Median
	case model.ModelWeightedMedian, model.ModelWeightedMean, model.ModelNash:
		b := is.Baseline
		if b == nil {
			return 0, false, errText(is.BaselineErr, "the baselines did not run")
		}
		switch m {
		case model.ModelWeightedMedian:
			v = b.Median
		case model.ModelWeightedMean:
			v = b.Mean
		default:
			if b.Nash == nil {
				return 0, false, b.NashReason
			}
			v = *b.Nash
		}
	case model.ModelExchange:
		if res.Exchange == nil || i >= len(res.Exchange.Forecast) {
			return 0, false, errText(res.ExchangeErr, "the exchange model did not run")
		}
		v = res.Exchange.Forecast[i]
	default:
		return 0, false, m.Label() + " is not part of this forecast"
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, m.Label() + " gave no finite number"
	}
	return v, true, ""
}

func errText(err error, def string) string {
	if err != nil {
		return model.ErrorMessage(err)
	}
	return def
}

// sweepName maps a model to the sweep's name for it.
func sweepName(m model.ModelID) string {
	switch m {
	case model.ModelBDM:
		return sweep.ModelBDM
	case model.ModelSMP:
		return sweep.ModelSMP
	case model.ModelWeightedMedian:
		return sweep.ModelMedian
	case model.ModelWeightedMean:
		return sweep.ModelMean
	case model.ModelNash:
		return sweep.ModelNash
	case model.ModelExchange:
		return sweep.ModelExchange
	}
	return string(m)
}

func bandOf(sw *sweep.Result, i int, m model.ModelID) *Band {
	if sw == nil || i >= len(sw.Issues) {
		return nil
	}
	name := sweepName(m)
	for _, md := range sw.Issues[i].Models {
		if (md.Model == name || md.Model == string(m)) && len(md.Values) > 0 {
			return &Band{md.P10, md.P50, md.P90}
		}
	}
	return nil
}

// AnchorText says where v lies on the issue's scale in the words of its
// anchors: "70 = AP ratified with adjusted modalities" when v is within 2.5
// points of an anchor, "55, between 40 = … and 70 = …" otherwise.
func AnchorText(is model.Issue, v float64) string {
	num := fmtNum(v)
	if len(is.Anchors) == 0 {
		return num
	}
	as := slices.Clone(is.Anchors)
	slices.SortFunc(as, func(a, b model.Anchor) int { return cmpF(a.At, b.At) })
	best := 0
	for k, a := range as {
		if math.Abs(a.At-v) < math.Abs(as[best].At-v) {
			best = k
		}
	}
	if math.Abs(as[best].At-v) <= 2.5 {
		return num + " = " + as[best].Label
	}
	lo, hi := -1, -1
	for k, a := range as {
		if a.At < v {
			lo = k
		}
		if a.At > v && hi < 0 {
			hi = k
		}
	}
	switch {
	case lo >= 0 && hi >= 0:
		return fmt.Sprintf("%s, between %s = %s and %s = %s", num, fmtNum(as[lo].At), as[lo].Label, fmtNum(as[hi].At), as[hi].Label)
	case lo >= 0:
		return fmt.Sprintf("%s, beyond %s = %s", num, fmtNum(as[lo].At), as[lo].Label)
	default:
		return fmt.Sprintf("%s, short of %s = %s", num, fmtNum(as[hi].At), as[hi].Label)
	}
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fmtNum prints a forecast: whole numbers without decimals, else one decimal.
func fmtNum(v float64) string {
	if math.Abs(v-math.Round(v)) < 0.05 {
		return fmt.Sprintf("%.0f", math.Round(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// flagRuns raises the flags that come from how the engines ran: BDM cycling
// or stopping at its round cap, the SMP at its turn limit.
func flagRuns(res *forecast.Result, i int, iv *IssueVerdict, names []string) {
	for k := range iv.Models {
		mv := &iv.Models[k]
		if !mv.OK {
			continue
		}
		switch mv.Model {
		case model.ModelBDM:
			b := res.Issues[i].BDM
			if c := b.Cycle; c != nil {
				mv.Flags = append(mv.Flags, Flag{Kind: Cycling, Low: c.MedianLow, High: c.MedianHigh, Period: c.Period,
					Text: fmt.Sprintf("BDM does not settle: %s; the run stopped on %s", c.Describe(names), fmtNum(b.Forecast))})
			}
			if b.AtRoundCap {
				mv.Flags = append(mv.Flags, Flag{Kind: RoundCap,
					Text: fmt.Sprintf("BDM stopped at the round cap (%d rounds) with actors still moving", len(b.Rounds)-1)})
			}
		case model.ModelSMP:
			if s := res.SMP; s != nil && len(s.Turns) > 1 {
				// The SMP stops early only when the positions settle; at the
				// limit (100 turns by default) it was cut off.
				last := s.Turns[len(s.Turns)-1].Turn
				if last >= 100 {
					mv.Flags = append(mv.Flags, Flag{Kind: RoundCap,
						Text: fmt.Sprintf("the SMP stopped at its turn limit (%d turns) before the positions settled", last)})
				}
			}
		}
	}
}

// LiesOutside reports whether a point forecast lies outside its own
// P10-P90 Monte Carlo band (beyond 1e-9): the rule of the outside-band flag,
// which the forecast table marks too.
func LiesOutside(value, p10, p90 float64) bool {
	const eps = 1e-9
	return value < p10-eps || value > p90+eps
}

// flagBands flags a point forecast outside its own Monte Carlo band.
func flagBands(iv *IssueVerdict) {
	for k := range iv.Models {
		mv := &iv.Models[k]
		if !mv.OK || mv.Band == nil {
			continue
		}
		if LiesOutside(mv.Value, mv.Band.P10, mv.Band.P90) {
			side := "below"
			if mv.Value > mv.Band.P90 {
				side = "above"
			}
			mv.Flags = append(mv.Flags, Flag{Kind: OutsideBand, Low: mv.Band.P10, High: mv.Band.P90,
				Text: fmt.Sprintf("the point forecast %s lies %s its own Monte Carlo band %s-%s: the inputs' uncertainty pulls it elsewhere",
					fmtNum(mv.Value), side, fmtNum(mv.Band.P10), fmtNum(mv.Band.P90))})
		}
	}
}

// agree fills the issue's agreement and the disagreement flags.
func agree(iv *IssueVerdict) {
	var vals []float64
	for _, mv := range iv.Models {
		if mv.OK {
			vals = append(vals, mv.Value)
		}
	}
	iv.Answered = len(vals)
	if len(vals) == 0 {
		iv.Agreement = "no model gives a number"
		return
	}
	s := slices.Clone(vals)
	slices.Sort(s)
	if len(s)%2 == 1 {
		iv.Median = s[len(s)/2]
	} else {
		iv.Median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	iv.Spread = s[len(s)-1] - s[0]
	for _, v := range vals {
		if math.Abs(v-iv.Median) <= AgreeWithin {
			iv.Agreeing++
		}
	}
	switch {
	case iv.Answered == 1:
		iv.Agreement = "only one model gives a number"
	case iv.Agreeing == iv.Answered:
		iv.Agreement = fmt.Sprintf("models agree: all %d within %s points of %s", iv.Answered, fmtNum(AgreeWithin), fmtNum(iv.Median))
	case 2*iv.Agreeing > iv.Answered:
		iv.Agreement = fmt.Sprintf("mostly agree: %d of %d within %s points of %s (spread %s)", iv.Agreeing, iv.Answered, fmtNum(AgreeWithin), fmtNum(iv.Median), fmtNum(iv.Spread))
	default:
		iv.Agreement = fmt.Sprintf("models split: only %d of %d within %s points of %s (spread %s)", iv.Agreeing, iv.Answered, fmtNum(AgreeWithin), fmtNum(iv.Median), fmtNum(iv.Spread))
	}
	for k := range iv.Models {
		mv := &iv.Models[k]
		if !mv.OK {
			continue
		}
		limit, what := DisagreeFallback, fmt.Sprintf("%s points (no track record)", fmtNum(DisagreeFallback))
		if mv.HasInterval {
			limit, what = mv.Interval, fmt.Sprintf("its ±%s track-record interval", fmtNum(mv.Interval))
		}
		var worst *ModelVerdict
		for o := range iv.Models {
			ov := &iv.Models[o]
			if o == k || !ov.OK || math.Abs(ov.Value-mv.Value) <= limit {
				continue
			}
			if worst == nil || math.Abs(ov.Value-mv.Value) > math.Abs(worst.Value-mv.Value) {
				worst = ov
			}
		}
		if worst != nil {
			n := 0
			for o := range iv.Models {
				if o != k && iv.Models[o].OK && math.Abs(iv.Models[o].Value-mv.Value) > limit {
					n++
				}
			}
			gap := math.Abs(worst.Value - mv.Value)
			who := fmt.Sprintf("%d other models disagree", n)
			if n == 1 {
				who = "1 other model disagrees"
			}
			mv.Flags = append(mv.Flags, Flag{Kind: Disagree, Other: worst.Model, Gap: gap, Interval: limit,
				Text: fmt.Sprintf("%s by more than %s; furthest %s at %s, %s points away",
					who, what, worst.Model.Label(), fmtNum(worst.Value), fmtNum(gap))})
		}
	}
}

// severity counts the flags that say the number itself is fragile
// (disagreement says only that others differ).
func severity(mv ModelVerdict) int {
	n := 0
	for _, f := range mv.Flags {
		if f.Kind != Disagree {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// choose picks the most trustworthy forecast and writes the summary.
func choose(iv *IssueVerdict) {
	best := -1
	for k, mv := range iv.Models {
		if !mv.OK {
			continue
		}
		if best < 0 {
			best = k
			continue
		}
		b := iv.Models[best]
		sa, sb := severity(mv), severity(b)
		if sa != sb {
			if sa < sb {
				best = k
			}
			continue
		}
		ia, ib := math.Inf(1), math.Inf(1)
		if mv.HasInterval {
			ia = mv.Interval
		}
		if b.HasInterval {
			ib = b.Interval
		}
		if ia != ib {
			if ia < ib {
				best = k
			}
			continue
		}
		if math.Abs(mv.Value-iv.Median) < math.Abs(b.Value-iv.Median)-1e-9 {
			best = k
		}
	}
	iv.Best = best
	if best < 0 {
		iv.Summary = iv.Name + ": no model gives a number"
		return
	}
	mv := iv.Models[best]
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s forecasts %s%s; %s", iv.Name, mv.Model.Label(), mv.Anchor, IntervalText(mv), iv.Agreement)
	if len(mv.Flags) == 0 {
		b.WriteString("; no flags")
	} else {
		for _, f := range mv.Flags {
			b.WriteString("; ")
			b.WriteString(f.Text)
		}
	}
	iv.Summary = b.String()
}

// IntervalText says the interval a forecast carries: " (±12 on the track
// record; Monte Carlo 30-55)", " (Monte Carlo 30-55)" or " (no interval)".
func IntervalText(mv ModelVerdict) string {
	var parts []string
	if mv.HasInterval {
		parts = append(parts, "±"+fmtNum(mv.Interval)+" on the track record")
	}
	if mv.Band != nil {
		parts = append(parts, "Monte Carlo "+fmtNum(mv.Band.P10)+"-"+fmtNum(mv.Band.P90))
	}
	if len(parts) == 0 {
		return " (no interval yet: no track record or Monte Carlo run)"
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// Fragile reports whether mv carries a flag that says its own number may not
// hold (anything but disagreement): a move it predicts should not headline.
func (mv ModelVerdict) Fragile() bool {
	for _, f := range mv.Flags {
		if f.Kind != Disagree {
			return true
		}
	}
	return false
}

// Issue returns the verdict on the issue with key or name k, or nil.
func (v *Verdicts) Issue(k string) *IssueVerdict {
	for i := range v.Issues {
		if v.Issues[i].Key == k || v.Issues[i].Name == k {
			return &v.Issues[i]
		}
	}
	return nil
}

// Model returns the issue's verdict for model m, or nil.
func (iv *IssueVerdict) Model(m model.ModelID) *ModelVerdict {
	for k := range iv.Models {
		if iv.Models[k].Model == m {
			return &iv.Models[k]
		}
	}
	return nil
}

// leftOut words the actors with no stance on issue i (forecast.Issue.Unset).
func leftOut(sc *model.Scenario, res *forecast.Result, i int, iv *IssueVerdict) {
	unset := res.Issues[i].Unset
	if len(unset) == 0 {
		return
	}
	names := make([]string, 0, len(unset))
	for _, a := range unset {
		if a >= 0 && a < len(sc.Actors) {
			names = append(names, sc.Actors[a].Name)
		}
	}
	if len(names) == 0 {
		return
	}
	verb := "has"
	if len(names) > 1 {
		verb = "have"
	}
	list := names[0]
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	iv.LeftOut = fmt.Sprintf("%s %s no stance on %s: left out.", list, verb, sc.Issues[i].Name)
	if iv.Summary != "" {
		iv.Summary += " "
	}
	iv.Summary += iv.LeftOut
}
