package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/backtest"
)

// trackLook is a track-record model's colour: the forecast lines' colours
// for the product's models, muted for the baselines, the highlight for the
// recommended combination.
func trackLook(st Style, m model.ModelID) color.Color {
	switch m {
	case model.ModelBDM:
		return st.Foreground
	case model.ModelSMP, model.ModelSMPJoint:
		return seriesVermillion.color(st)
	case model.ModelWeightedMedian:
		return seriesBlue.color(st)
	case model.ModelWeightedMean:
		return seriesGreen.color(st)
	case model.ModelNash:
		return seriesPurple.color(st)
	case model.ModelRecommended:
		return seriesOchre.color(st)
	case model.ModelExchange:
		return seriesTeal.color(st)
	}
	return st.Muted
}

func checkRecord(rec *backtest.Record) error {
	if rec == nil || len(rec.Models) == 0 {
		return model.Degenerate("no track record: score the models on cases with known outcomes first")
	}
	return nil
}

// TrackRecordMAE draws each model's out-of-sample mean absolute error as a
// bar (best at the top), each bar labelled with its MAE and n, a line at the
// weighted mean's MAE, the benchmark no published model has beaten.
func TrackRecordMAE(rec *backtest.Record, st Style) (*plot.Plot, error) {
	if err := checkRecord(rec); err != nil {
		return nil, err
	}
	var rows []backtest.Score
	for _, s := range rec.Models {
		if s.N > 0 {
			rows = append(rows, s)
		}
	}
	// best (lowest MAE) on top: the last row is drawn highest
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].MAE > rows[j-1].MAE; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
	p := newPlot(st, fmt.Sprintf("Typical error on %d past issues (out of sample)", rec.Cases))
	setAxisLabels(p, st, "Mean absolute error, points of the 0-100 scale (lower is better)", "")
	p.X.Tick.Marker = niceTicks{}
	k := len(rows)
	p.Y.Min, p.Y.Max = -0.6, float64(k)-0.4
	p.X.Min, p.X.Max = 0, 1
	labels := make([]string, k)
	layer := &barLayer{horizontal: true, st: st}
	var wm float64
	for g, s := range rows {
		labels[g] = rowLabel(backtest.Label(s.Model))
		c := trackLook(st, s.Model)
		note := fmt.Sprintf("%.2f", s.MAE)
		if s.N != rec.Cases {
			note += fmt.Sprintf(" (n %d)", s.N)
		}
		seg := barSeg{lo: 0, hi: s.MAE, fill: withAlpha(c, 0xc0)}
		if s.Model == model.ModelRecommended {
			seg.hatch, seg.edge = c, c
			seg.fill = withAlpha(c, 0x50)
		}
		layer.bars = append(layer.bars, bar{cat: float64(g), thick: 0.64, segs: []barSeg{seg}, note: note})
		if s.Model == model.ModelWeightedMean {
			wm = s.MAE
		}
		p.X.Max = max(p.X.Max, s.MAE)
	}
	p.X.Max *= 1.02
	p.Y.Tick.Marker = categoryTicks(labels)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Add(gridLines(st, true, false), layer)
	if wm > 0 {
		ls := draw.LineStyle{Color: st.Foreground, Width: st.scaled(1.4), Dashes: st.dashes(4, 3)}
		p.Add(&vline{x: wm, y0: p.Y.Min, y1: p.Y.Max, style: ls})
		leg := newHeaderLegend(st)
		leg.add(fmt.Sprintf("Weighted mean %.2f: the benchmark no published model has beaten", wm), lineThumb(ls))
		p.Add(leg)
	}
	return p, nil
}

// TrackRecordCoverage draws how often each model's 80% track-record interval
// (forecast ± q, q from the other folds) held the real outcome, out of
// sample, with the promise (80%) and its tolerance (76-84%) marked.
func TrackRecordCoverage(rec *backtest.Record, st Style) (*plot.Plot, error) {
	if err := checkRecord(rec); err != nil {
		return nil, err
	}
	var rows []backtest.Score
	for _, s := range rec.Models {
		if s.N > 0 {
			rows = append(rows, s)
		}
	}
	p := newPlot(st, "How often the 80% interval held the outcome (out of sample)")
	setAxisLabels(p, st, "Share of issues whose outcome fell within forecast ± q", "")
	p.X.Min, p.X.Max = 0, 1
	p.X.Tick.Marker = percentTicks{}
	k := len(rows)
	p.Y.Min, p.Y.Max = -0.6, float64(k)-0.4
	labels := make([]string, k)
	layer := &barLayer{horizontal: true, st: st}
	for g, s := range rows {
		y := float64(k - 1 - g)
		labels[k-1-g] = rowLabel(fmt.Sprintf("%s (±%.0f)", backtest.Label(s.Model), s.Interval80.HalfWidth))
		c := trackLook(st, s.Model)
		layer.bars = append(layer.bars, bar{cat: y, thick: 0.64, segs: []barSeg{{lo: 0, hi: s.Interval80.Coverage, fill: withAlpha(c, 0xc0)}},
			note: fmt.Sprintf("%.0f%%", 100*s.Interval80.Coverage)})
	}
	p.Y.Tick.Marker = categoryTicks(labels)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	tol := withAlpha(seriesGreen.color(st), 0x30)
	p.Add(&band{lo: 0.76, hi: 0.84, color: tol}, gridLines(st, true, false), layer)
	ls := draw.LineStyle{Color: st.Foreground, Width: st.scaled(1.4), Dashes: st.dashes(4, 3)}
	p.Add(&vline{x: 0.8, y0: p.Y.Min, y1: p.Y.Max, style: ls})
	leg := newHeaderLegend(st)
	leg.add("The promise: 80%", lineThumb(ls))
	leg.add("Kept: 76-84%", swatchThumb{fill: tol, st: st})
	p.Add(leg)
	return p, nil
}

// ScatterPoint is one cell of a forecast-vs-outcome scatter: N issues with
// forecast X and outcome Y (N = 1 for one's own cases, the bin's count for
// the shipped, binned record).
type ScatterPoint struct {
	X, Y float64
	N    int
}

// BinnedPoints turns a model's binned record into scatter points at the
// centres of the 10×10 cells.
func BinnedPoints(rec *backtest.Record, m model.ModelID) []ScatterPoint {
	var pts []ScatterPoint
	for _, b := range rec.Bins {
		if b.Model != m {
			continue
		}
		for f := range b.Counts {
			for o, n := range b.Counts[f] {
				if n > 0 {
					pts = append(pts, ScatterPoint{X: float64(f)*10 + 5, Y: float64(o)*10 + 5, N: n})
				}
			}
		}
	}
	return pts
}

// IssuePoints returns a model's out-of-sample forecast and the outcome of
// every issue of a backtest it has a forecast for.
func IssuePoints(r *backtest.Result, m model.ModelID) []ScatterPoint {
	var pts []ScatterPoint
	for _, is := range r.Issues {
		if f, ok := is.Forecasts[m]; ok {
			pts = append(pts, ScatterPoint{X: f, Y: is.Outcome, N: 1})
		}
	}
	return pts
}

// TrackRecordScatter draws forecast against outcome for one model: the
// diagonal where they agree, the ± q band of its 80% interval around it, and
// a dot per issue (binned: a dot per 10×10 cell, its area the count).
func TrackRecordScatter(pts []ScatterPoint, m model.ModelID, q float64, binned bool, st Style) (*plot.Plot, error) {
	if len(pts) == 0 {
		return nil, model.Degenerate("%s has no forecast to compare with an outcome", backtest.Label(m))
	}
	for _, pt := range pts {
		if !finite(pt.X) || !finite(pt.Y) || pt.N < 0 {
			return nil, model.Degenerate("a forecast or outcome of %s is not a number", backtest.Label(m))
		}
	}
	p := newPlot(st, backtest.Label(m)+": forecast against outcome")
	setAxisLabels(p, st, "Forecast", "Outcome")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 100, 0, 100
	p.X.Tick.Marker = plot.ConstantTicks(numTicks(0, 100, 25))
	p.Y.Tick.Marker = plot.ConstantTicks(numTicks(0, 100, 25))
	p.Add(gridLines(st, true, true))
	c := trackLook(st, m)
	if finite(q) && q > 0 {
		p.Add(&diagBand{q: q, color: withAlpha(c, 0x26)})
	}
	diag := draw.LineStyle{Color: st.Muted, Width: st.scaled(1.2), Dashes: st.dashes(4, 3)}
	line, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 100, Y: 100}})
	line.LineStyle = diag
	p.Add(line)
	maxN := 1
	for _, pt := range pts {
		maxN = max(maxN, pt.N)
	}
	p.Add(&dotLayer{pts: pts, maxN: maxN, fill: withAlpha(c, 0x90), edge: c, st: st, binned: binned})
	leg := newHeaderLegend(st)
	leg.add("Forecast = outcome", lineThumb(diag))
	if binned {
		leg.add("Issues per 10-point cell", shapeThumb{shape: Circle, fill: withAlpha(c, 0x90), line: draw.LineStyle{Color: c, Width: st.scaled(0.8)}})
	}
	if finite(q) && q > 0 {
		leg.add(fmt.Sprintf("80%% interval ± %.0f", q), swatchThumb{fill: withAlpha(c, 0x40), st: st})
	}
	p.Add(leg)
	return p, nil
}

// diagBand shades |outcome − forecast| ≤ q.
type diagBand struct {
	q     float64
	color color.Color
}

func (b *diagBand) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	pt := func(x, y float64) vg.Point {
		return vg.Point{X: trX(math.Max(0, math.Min(100, x))), Y: trY(math.Max(0, math.Min(100, y)))}
	}
	q := b.q
	poly := []vg.Point{pt(0, 0), pt(0, math.Min(q, 100)), pt(math.Max(0, 100-q), 100), pt(100, 100), pt(100, math.Max(0, 100-q)), pt(math.Min(q, 100), 0)}
	c.FillPolygon(b.color, poly)
}

// dotLayer draws scatter dots, area proportional to N when binned.
type dotLayer struct {
	pts        []ScatterPoint
	maxN       int
	fill, edge color.Color
	st         Style
	binned     bool
}

func (l *dotLayer) radius(n int) vg.Length {
	if !l.binned {
		return l.st.scaled(3)
	}
	return l.st.scaled(2) + l.st.scaled(12)*vg.Length(math.Sqrt(float64(n)/float64(l.maxN)))
}

func (l *dotLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: l.edge, Width: l.st.scaled(0.8)}
	ts := textStyle(l.st, l.st.FontSize*0.75, l.st.Foreground)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YCenter
	for _, pt := range l.pts {
		ctr := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		path := shapePath(Circle, ctr, l.radius(pt.N))
		c.SetColor(l.fill)
		c.Fill(path)
		c.SetLineStyle(ls)
		c.Stroke(path)
		if l.binned && pt.N*4 >= l.maxN {
			c.FillText(ts, ctr, fmt.Sprint(pt.N))
		}
	}
}

// TrackRecordSubsets draws each model's out-of-sample MAE on each subset of
// one kind (by = "wave", "procedure", "voting", ...): a row per subset, a
// marker per model, so one sees where a model does better or worse.
func TrackRecordSubsets(rec *backtest.Record, by string, st Style) (*plot.Plot, error) {
	if err := checkRecord(rec); err != nil {
		return nil, err
	}
	var subs []backtest.Subset
	for _, s := range rec.Subsets {
		if s.By == by {
			subs = append(subs, s)
		}
	}
	if len(subs) == 0 {
		return nil, model.Degenerate("the cases have no %q subsets", by)
	}
	p := newPlot(st, "Typical error by "+by)
	setAxisLabels(p, st, "Mean absolute error (out of sample)", "")
	p.X.Tick.Marker = niceTicks{}
	k := len(subs)
	p.Y.Min, p.Y.Max = -0.6, float64(k)-0.4
	p.X.Min, p.X.Max = math.Inf(1), math.Inf(-1)
	labels := make([]string, k)
	layer := &markLayer{st: st}
	leg := newHeaderLegend(st)
	for j, s := range subs[0].Models {
		if s.Model == backtest.ModelReferencePoint || s.Model == backtest.ModelConstant50 {
			continue // far off the others; the table has them
		}
		c := trackLook(st, s.Model)
		shape := shapeFor(j)
		leg.add(backtest.Label(s.Model), shapeThumb{shape: shape, fill: c, line: draw.LineStyle{Color: c, Width: st.scaled(0.8)}})
		for g, sub := range subs {
			sm := sub.Models[j]
			if sm.N == 0 {
				continue
			}
			layer.marks = append(layer.marks, mark{x: sm.MAE, y: float64(k - 1 - g), shape: shape, color: c})
			p.X.Min, p.X.Max = math.Min(p.X.Min, sm.MAE), math.Max(p.X.Max, sm.MAE)
		}
	}
	for g, sub := range subs {
		labels[k-1-g] = rowLabel(fmt.Sprintf("%s (%d)", sub.Value, sub.Cases))
	}
	if !finite(p.X.Min) {
		return nil, model.Degenerate("no model has a score on the %q subsets", by)
	}
	pad := math.Max(1, (p.X.Max-p.X.Min)*0.08)
	p.X.Min, p.X.Max = math.Max(0, p.X.Min-pad), p.X.Max+pad
	p.Y.Tick.Marker = categoryTicks(labels)
	p.Y.Tick.Length = 0
	p.Add(gridLines(st, true, true), layer, leg)
	return p, nil
}

type mark struct {
	x, y  float64
	shape Shape
	color color.Color
}

type markLayer struct {
	marks []mark
	st    Style
}

func (l *markLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	for _, m := range l.marks {
		path := shapePath(m.shape, vg.Point{X: trX(m.x), Y: trY(m.y)}, l.st.scaled(4.5))
		c.SetColor(withAlpha(m.color, 0xd0))
		c.Fill(path)
		c.SetLineStyle(draw.LineStyle{Color: l.st.Halo, Width: l.st.scaled(0.8)})
		c.Stroke(path)
	}
}

// rowLabel pads a category label on the left: plot.Plot measures a tick
// label a little narrower than it draws it, which cuts its first letters
// off at the canvas edge.
func rowLabel(s string) string { return "   " + s }

// withTrackRecord appends a forecast's 80% track-record interval to its
// legend name ("Weighted mean 46.6" → "Weighted mean 46.6 ± 37") when the
// model, named by its label, has one.
func withTrackRecord(name, label string) (string, float64) {
	id, err := model.ParseModelID(label)
	if err != nil {
		return name, 0
	}
	q, ok := scenarioIntervals[id]
	if !ok {
		return name, 0
	}
	return fmt.Sprintf("%s ± %.0f", name, q), q
}

// scenarioIntervals are the track record's intervals as a scenario's
// forecast names its models (backtest.Intervals), read once.
var scenarioIntervals = backtest.Intervals()

// trackRecordNote is the legend line saying where the "± q" come from, or
// "" when no marker has one.
func trackRecordNote(ms []Marker) string {
	for _, m := range ms {
		if m.Interval > 0 {
			return Wrap("± q: 80% track-record interval, the 80th percentile of out-of-sample errors on "+backtest.ShippedSource, 50)
		}
	}
	return ""
}

// withTrackRecordOn is withTrackRecord with q in the issue's own units (is
// may be nil: 0-100). The marker's Interval stays on 0-100.
func withTrackRecordOn(name, label string, is *model.Issue) (string, float64) {
	if is == nil || is.Scale == nil {
		return withTrackRecord(name, label)
	}
	_, q := withTrackRecord(name, label)
	if q == 0 {
		return name, 0
	}
	return fmt.Sprintf("%s ± %s", name, formatValue(math.Round(is.ShownDistance(q)*10)/10)), q
}
