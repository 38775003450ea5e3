package chart

import (
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
)

// TornadoRow is one input of a sensitivity analysis: the forecast when the
// input is set to its low value and to its high value, all else at base.
type TornadoRow struct {
	Input     string
	Low, High float64
}

// Tornado draws what moves the forecast most: for each input a bar from the
// base forecast to the forecast at the input's low value (solid) and one to
// the forecast at its high value (hatched), each labelled with its value,
// the input with the largest swing on top.
func Tornado(title string, base float64, rows []TornadoRow, st Style) (*plot.Plot, error) {
	if len(rows) == 0 {
		return nil, model.Degenerate("no inputs to rank by how much they move the forecast")
	}
	if !finite(base) {
		return nil, model.Degenerate("the base forecast is not a number")
	}
	for _, r := range rows {
		if !finite(r.Low) || !finite(r.High) {
			return nil, model.Degenerate("the forecast with %q at its low or high value is not a number", r.Input)
		}
	}
	rs := append([]TornadoRow(nil), rows...)
	sort.SliceStable(rs, func(a, b int) bool { return math.Abs(rs[a].High-rs[a].Low) > math.Abs(rs[b].High-rs[b].Low) })
	p := newPlot(st, title)
	setAxisLabels(p, st, "Forecast position", "Input varied") // the legend says low and high
	p.X.Tick.Marker = niceTicks{}
	k := len(rs)
	p.Y.Min, p.Y.Max = -0.6, float64(k)-0.4
	p.X.Min, p.X.Max = base-0.5, base+0.5
	labels := make([]string, k)
	lowCol, highCol := seriesBlue.color(st), seriesVermillion.color(st)
	layer := &barLayer{horizontal: true, st: st}
	for g, r := range rs {
		y := float64(k - 1 - g)
		labels[k-1-g] = Wrap(r.Input, 28)
		low := bar{cat: y, thick: 0.62, segs: []barSeg{{lo: base, hi: r.Low, fill: lowCol}}, note: formatValue(r.Low), noteBefore: r.Low < base}
		high := bar{cat: y, thick: 0.62, segs: []barSeg{{lo: base, hi: r.High, fill: withAlpha(highCol, 0x50), hatch: highCol, edge: highCol}}, note: formatValue(r.High), noteBefore: r.High < base}
		// The farther bar first, so the nearer one shows on top of it; when
		// both lie on one side, the nearer one is narrower.
		first, second := low, high
		if math.Abs(r.High-base) > math.Abs(r.Low-base) {
			first, second = high, low
		}
		if (r.Low-base)*(r.High-base) > 0 {
			second.thick = 0.34
			if math.Abs(r.Low-r.High) < 1e-9 {
				second.note = ""
			}
		}
		// A bar of no length gets no number: the base line says it.
		if math.Abs(second.segs[0].hi-base) < 1e-9 {
			second.note = ""
		}
		if math.Abs(first.segs[0].hi-base) < 1e-9 {
			first.note = "no effect"
		}
		layer.bars = append(layer.bars, first, second)
	}
	p.Y.Tick.Marker = categoryTicks(labels)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Add(gridLines(st, true, false), layer)
	bs := draw.LineStyle{Color: st.Foreground, Width: st.scaled(1.6)}
	p.Add(&vline{x: base, y0: p.Y.Min, y1: p.Y.Max, style: bs})
	leg := newHeaderLegend(st)
	leg.add("Base forecast "+formatValue(base), lineThumb(bs))
	leg.add("Input at its low value", swatchThumb{fill: lowCol, st: st})
	leg.add("Input at its high value", swatchThumb{fill: withAlpha(highCol, 0x50), hatch: highCol, edge: highCol, st: st})
	p.Add(leg)
	return p, nil
}

// Histogram draws a forecast distribution (e.g. one model's forecast over
// the Monte Carlo draws) as the share of draws per bin, with the P10-P90
// band shaded and the P10, P50 and P90 as lines named with their values.
// The bins are a nice width chosen from the values' spread.
func Histogram(title string, values []float64, p10, p50, p90 float64, st Style) (*plot.Plot, error) {
	if len(values) == 0 {
		return nil, model.Degenerate("no values to draw a distribution from")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if !finite(v) {
			return nil, model.Degenerate("a forecast in the distribution is not a number")
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	bins := int(math.Ceil(math.Sqrt(float64(len(values)))))
	bins = max(8, min(40, bins))
	width := niceStep((hi - lo) / float64(bins))
	if hi-lo < 1e-9 {
		width = 1
	}
	start := math.Floor(lo/width) * width
	nb := int(math.Floor((hi-start)/width+1e-9)) + 1
	edges := make([]float64, nb+1)
	for b := range edges {
		edges[b] = start + float64(b)*width
	}
	counts := make([]float64, nb)
	for _, v := range values {
		b := int(math.Floor((v-start)/width + 1e-9))
		counts[max(0, min(nb-1, b))]++
	}
	return HistogramCounts(title, edges, counts, p10, p50, p90, st)
}

// HistogramOn is HistogramCounts of forecasts of issue is (edges and
// percentiles on Parley's 0-100) drawn on the issue's own scale: the bins,
// the percentiles, their values in the legend and the axis (is may be nil).
func HistogramOn(title string, edges, counts []float64, p10, p50, p90 float64, is *model.Issue, st Style) (*plot.Plot, error) {
	shown := make([]float64, len(edges))
	for b, e := range edges {
		shown[b] = is.Shown(e)
	}
	caption := "Forecast position"
	if is != nil && is.Scale != nil {
		caption = positionCaption(is)
		caption = "Forecast p" + caption[1:]
	}
	return histogramCounts(title, caption, shown, counts, is.Shown(p10), is.Shown(p50), is.Shown(p90), st)
}

// HistogramCounts is Histogram for values already binned: counts[b] draws
// fell in [edges[b], edges[b+1]).
func HistogramCounts(title string, edges, counts []float64, p10, p50, p90 float64, st Style) (*plot.Plot, error) {
	return histogramCounts(title, "Forecast position", edges, counts, p10, p50, p90, st)
}

func histogramCounts(title, caption string, edges, counts []float64, p10, p50, p90 float64, st Style) (*plot.Plot, error) {
	if len(counts) == 0 || len(edges) != len(counts)+1 {
		return nil, model.Degenerate("a distribution needs at least one bin and one more edge than bins (%d edges, %d bins)", len(edges), len(counts))
	}
	var total float64
	for b, c := range counts {
		if !finite(c) || c < 0 {
			return nil, model.Degenerate("bin %d has a count that is not a number ≥ 0", b+1)
		}
		total += c
	}
	if !(total > 0) {
		return nil, model.Degenerate("the distribution is empty: every bin has no draws")
	}
	for b, e := range edges {
		if !finite(e) || b > 0 && !(e > edges[b-1]) {
			return nil, model.Degenerate("the bin edges must be numbers in increasing order")
		}
	}
	for _, q := range []float64{p10, p50, p90} {
		if !finite(q) {
			return nil, model.Degenerate("a percentile of the distribution is not a number")
		}
	}
	if !(p10 <= p50 && p50 <= p90) {
		return nil, model.Invalid("percentiles", "P10 ≤ P50 ≤ P90", "the percentiles are out of order: P10 %s, P50 %s, P90 %s", formatValue(p10), formatValue(p50), formatValue(p90))
	}
	p := newPlot(st, title)
	setAxisLabels(p, st, caption, "Share of draws")
	p.X.Min, p.X.Max = math.Min(edges[0], p10), math.Max(edges[len(edges)-1], p90)
	p.X.Tick.Marker = niceTicks{}
	p.Y.Tick.Marker = percentTicks{}
	p.Add(gridLines(st, false, true))
	bandCol := withAlpha(seriesOchre.color(st), 0x30)
	if st.isDark() {
		bandCol = withAlpha(st.Foreground, 0x1c) // a tinted band turns brown on a dark background
	}
	p.Add(&band{lo: p10, hi: p90, color: bandCol})
	fill := seriesBlue.color(st)
	layer := &barLayer{st: st}
	var top float64
	for b, c := range counts {
		if c == 0 {
			continue
		}
		layer.bars = append(layer.bars, bar{cat: (edges[b] + edges[b+1]) / 2, thick: edges[b+1] - edges[b], segs: []barSeg{{lo: 0, hi: c / total, fill: withAlpha(fill, 0xc8), edge: st.Background}}})
		top = math.Max(top, c/total)
	}
	p.Y.Min, p.Y.Max = 0, top*1.08
	p.Add(layer)
	q50 := draw.LineStyle{Color: st.Foreground, Width: st.scaled(2.4)}
	q1090 := draw.LineStyle{Color: seriesVermillion.color(st), Width: st.scaled(1.8), Dashes: st.dashes(6, 3)}
	p.Add(&vline{x: p10, y0: 0, y1: p.Y.Max, style: q1090}, &vline{x: p90, y0: 0, y1: p.Y.Max, style: q1090}, &vline{x: p50, y0: 0, y1: p.Y.Max, style: q50})
	leg := newHeaderLegend(st)
	leg.add("P50 "+formatValue(p50), lineThumb(q50))
	leg.add("P10 "+formatValue(p10)+" · P90 "+formatValue(p90), lineThumb(q1090))
	leg.add("P10-P90 band", swatchThumb{fill: bandCol, edge: st.Grid, st: st})
	p.Add(leg)
	return p, nil
}
