package chart

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/backtest"
	"parley/model/forecast"
	"parley/model/verdict"
)

// The verdicts of the last run asked for, kept so that a deck's summary
// slide and its takeaways probe the models once, not once per slide.
var verdictCache struct {
	sync.Mutex
	res *forecast.Result
	sc  *model.Scenario
	v   *verdict.Verdicts
}

// VerdictsFor returns the verdicts of res on sc (no Monte Carlo band, no
// track record), computing them once per result.
func VerdictsFor(sc *model.Scenario, res *forecast.Result) *verdict.Verdicts {
	if sc == nil || res == nil {
		return nil
	}
	verdictCache.Lock()
	defer verdictCache.Unlock()
	if verdictCache.res == res && verdictCache.sc == sc && verdictCache.v != nil {
		return verdictCache.v
	}
	opt := forecast.FromSettings(sc.Settings)
	v, err := verdict.Compute(context.Background(), verdict.Input{Scenario: sc, Result: res, Options: &opt, Intervals: backtest.Intervals()})
	if err != nil {
		return nil
	}
	verdictCache.res, verdictCache.sc, verdictCache.v = res, sc, v
	return v
}

// SummaryRow is one issue of the bottom line, in words.
type SummaryRow struct {
	Issue     string
	Forecast  string // "Weighted median: 35 = Nuclear + ballistic missiles"
	Interval  string // "±12 on the track record; Monte Carlo 30-41", or "no interval yet"
	Agreement string
	Flags     string // the chosen forecast's flags, then the other models not to lead with
}

// SummaryRows turns verdicts into the summary table's rows.
func SummaryRows(v *verdict.Verdicts) []SummaryRow {
	if v == nil {
		return nil
	}
	var rows []SummaryRow
	for _, iv := range v.Issues {
		r := SummaryRow{Issue: iv.Name, Agreement: iv.Agreement}
		if iv.Best < 0 {
			r.Forecast = "no model gives a number"
			rows = append(rows, r)
			continue
		}
		best := iv.Models[iv.Best]
		r.Forecast = best.Model.Label() + ": " + best.Anchor
		r.Interval = strings.TrimSuffix(strings.TrimPrefix(verdict.IntervalText(best), " ("), ")")
		var fl []string
		for _, f := range best.Flags {
			fl = append(fl, f.Text)
		}
		if len(fl) == 0 {
			fl = append(fl, "no flags")
		}
		var weak []string
		for k, mv := range iv.Models {
			if k == iv.Best || !mv.OK || !mv.Fragile() {
				continue
			}
			weak = append(weak, fmt.Sprintf("%s %s (%s)", mv.Model.Short(), verdictNum(mv.Value), flagKinds(mv)))
		}
		s := strings.Join(fl, "; ")
		if len(weak) > 0 {
			s += ". Fragile elsewhere: " + strings.Join(weak, ", ")
		}
		r.Flags = s
		rows = append(rows, r)
	}
	return rows
}

func verdictNum(v float64) string { return num(v) }

// flagKinds names a forecast's fragility flags in a few words.
func flagKinds(mv verdict.ModelVerdict) string {
	var ks []string
	for _, f := range mv.Flags {
		switch f.Kind {
		case verdict.KnifeEdge:
			ks = append(ks, "knife-edge on "+f.Input)
		case verdict.OutsideBand:
			ks = append(ks, "outside its band")
		case verdict.Cycling:
			ks = append(ks, "cycles")
		case verdict.RoundCap:
			ks = append(ks, "cut off at the round cap")
		case verdict.CrossIssue:
			ks = append(ks, "moved by another issue")
		}
	}
	return strings.Join(ks, ", ")
}

// SummaryTakeaway is the summary slide's takeaway: which model to lead with
// where, and which issues no model can call.
func SummaryTakeaway(sc *model.Scenario, res *forecast.Result) string {
	v := VerdictsFor(sc, res)
	if v == nil {
		return ""
	}
	clean, split := 0, []string{}
	for _, iv := range v.Issues {
		if iv.Best >= 0 && len(iv.Models[iv.Best].Flags) == 0 {
			clean++
		}
		if iv.Answered > 1 && 2*iv.Agreeing <= iv.Answered {
			split = append(split, lowerIssue(iv.Name))
		}
	}
	s := fmt.Sprintf("Each issue leads with its least fragile forecast: %d of %d carry no flag.", clean, len(v.Issues))
	if len(split) > 0 {
		s += " The models split on " + strings.Join(split, " and ") + ": read those as ranges, not numbers."
	}
	if v.Probe.Note != "" { // "no flag" means less when not every input was probed
		s += " " + v.Probe.Note
	}
	return s
}

// moveSurvives reports whether BDM's forecast on issue i carries no flag that
// says its own number may not hold (cycling, round cap, knife-edge, outside
// its band): only then is its "largest predicted move" worth a headline.
func moveSurvives(sc *model.Scenario, res *forecast.Result, i int) bool {
	v := VerdictsFor(sc, res)
	if v == nil || i >= len(v.Issues) {
		return false
	}
	mv := v.Issues[i].Model(model.ModelBDM)
	return mv != nil && mv.OK && !mv.Fragile()
}

// SummaryChart draws the bottom line across issues as a table: each issue's
// most trustworthy forecast in words, its interval, the models' agreement and
// the flags.
func SummaryChart(sc *model.Scenario, res *forecast.Result, st Style) (*plot.Plot, error) {
	if res == nil {
		return nil, model.Errorf(model.EINVALID, "the summary needs a forecast run")
	}
	rows := SummaryRows(VerdictsFor(sc, res))
	if len(rows) == 0 {
		return nil, model.Degenerate("no issue to summarise")
	}
	p := newPlot(st, "Bottom line: "+sc.Name)
	p.HideAxes()
	p.Add(&summaryTable{rows: rows, st: st})
	return p, nil
}

// summaryTable is a plotter that fills the data area with the rows.
type summaryTable struct {
	rows []SummaryRow
	st   Style
}

func (t *summaryTable) Plot(c draw.Canvas, _ *plot.Plot) {
	if !drawable(c) {
		return
	}
	W, H := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	cols := []float64{0.17, 0.27, 0.16, 0.40} // issue, forecast, interval + agreement, flags
	gap := W * 0.012
	head := []string{"Issue", "Most trustworthy forecast", "Interval · agreement", "Flags"}
	for size := t.st.FontSize; size > t.st.FontSize*0.45; size *= 0.92 {
		sty := textStyle(t.st, size, t.st.Foreground)
		bold := sty
		bold.Font = font.From(boldFont, size)
		muted := textStyle(t.st, size*0.92, t.st.Muted)
		lh := lineHeight(sty)
		cells := make([][][]string, len(t.rows))
		total := lh * 1.6
		for k, r := range t.rows {
			texts := []string{r.Issue, r.Forecast, r.Interval + "\n" + r.Agreement, r.Flags}
			n := 1
			cells[k] = make([][]string, 4)
			for j, s := range texts {
				w := W*vg.Length(cols[j]) - gap
				st := sty
				if j == 0 {
					st = bold
				}
				cells[k][j] = wrapLines(s, st, w)
				n = max(n, len(cells[k][j]))
			}
			total += vg.Length(n)*lh + lh*0.6
		}
		if total > H && size*0.92 > t.st.FontSize*0.45 {
			continue
		}
		y := c.Max.Y
		x := c.Min.X
		for j, h := range head {
			fillLines(&c, bold, x, y, []string{h})
			x += W * vg.Length(cols[j])
		}
		y -= lh * 1.3
		c.StrokeLine2(draw.LineStyle{Color: t.st.Muted, Width: t.st.scaled(0.8)}, c.Min.X, y, c.Max.X, y)
		y -= lh * 0.3
		for k, r := range cells {
			x = c.Min.X
			n := 1
			for j, lines := range r {
				st := sty
				switch j {
				case 0:
					st = bold
				case 2, 3:
					if j == 3 && strings.HasPrefix(t.rows[k].Flags, "no flags") {
						st = muted
					}
				}
				fillLines(&c, st, x, y, lines)
				x += W * vg.Length(cols[j])
				n = max(n, len(lines))
			}
			y -= vg.Length(n)*lh + lh*0.3
			if k < len(cells)-1 {
				c.StrokeLine2(draw.LineStyle{Color: t.st.Grid, Width: t.st.scaled(0.6)}, c.Min.X, y, c.Max.X, y)
			}
			y -= lh * 0.3
		}
		return
	}
}

// fragileNote says, after a forecast sentence, when the slide's model's
// forecast on issue i carries a flag that its number may not hold:
// " Fragile: knife-edge on Pezesh. position on Scope of the agenda." (empty
// when it carries none, or before the verdicts can be computed).
func fragileNote(sc *model.Scenario, res *forecast.Result, i int, m model.ModelID) string {
	if m == "" {
		m = model.ModelBDM
	}
	v := VerdictsFor(sc, res)
	if v == nil || i >= len(v.Issues) {
		return ""
	}
	mv := v.Issues[i].Model(m)
	if mv == nil || !mv.OK || !mv.Fragile() {
		return ""
	}
	return fmt.Sprintf(" %s's %s is fragile: %s.", m.Label(), verdictNum(mv.Value), flagKinds(*mv))
}
