package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/forecast"
	"parley/model/smp"
)

// TrajectoryData is what a trajectory chart shows: each actor's position on
// one issue round by round (Rounds[r][a], round 0 the input) with the
// weighted median and mean of every round, ready for Trajectory.
type TrajectoryData struct {
	Title, XLabel string
	Names         []string // short labels, printed at the line ends
	Colors        []color.Color
	Rounds        [][]float64
	Median, Mean  []float64
	// Fan, if set, is the P10-P90 of the weighted median per round from a
	// Monte Carlo run: Fan[r] = {P10, P90}, shaded as a band.
	Fan [][2]float64
	// Issue, when set, is the issue drawn: positions stay on 0-100 (Rounds,
	// NearestPoint) and the axis and legend read them on its own scale.
	Issue *model.Issue
}

// Plot draws d with Trajectory, and its fan band if it has one.
func (d TrajectoryData) Plot(st Style) (*plot.Plot, error) {
	return trajectory(d.Names, d.Colors, d.Rounds, d.Median, d.Mean, d.Fan, d.Title, d.XLabel, d.Issue, st)
}

// fanBand shades the region between P10 and P90 round by round.
type fanBand struct {
	fan   [][2]float64
	color color.Color
}

// Plot fills the band polygon.
func (f *fanBand) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(f.fan)
	pts := make([]vg.Point, 0, 2*n)
	for r := 0; r < n; r++ {
		pts = append(pts, vg.Point{X: trX(float64(r)), Y: trY(f.fan[r][1])})
	}
	for r := n - 1; r >= 0; r-- {
		pts = append(pts, vg.Point{X: trX(float64(r)), Y: trY(f.fan[r][0])})
	}
	c.FillPolygon(f.color, c.ClipPolygonXY(pts))
}

// Thumbnail draws the legend's swatch.
func (f *fanBand) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(f.color, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
}

// TrajectoryFromBDM is the BDM run on issue i as a trajectory: positions by
// round with the weighted median (the BDM forecast had it stopped there) and
// mean of each round.
func TrajectoryFromBDM(sc *model.Scenario, res *forecast.Result, i int) (TrajectoryData, error) {
	if res == nil || i < 0 || i >= len(res.Issues) || i >= len(sc.Issues) {
		return TrajectoryData{}, model.Errorf(model.EINTERNAL, "no forecast for issue %d", i+1)
	}
	r := res.Issues[i].BDM
	if r == nil || len(r.Rounds) == 0 {
		return TrajectoryData{}, model.Degenerate("BDM has no result on %q: %s", sc.Issues[i].Name, model.ErrorMessage(res.Issues[i].BDMErr))
	}
	d := trajectoryActors(sc)
	d.Title, d.XLabel, d.Issue = sc.Issues[i].Name+": positions by round (BDM)", "Round", &sc.Issues[i]
	for _, rd := range r.Rounds {
		d.Rounds = append(d.Rounds, rd.Positions)
		d.Median = append(d.Median, rd.Median)
		d.Mean = append(d.Mean, rd.Mean)
	}
	return d, nil
}

// TrajectoryFromSMP is the SMP run seen on issue i: positions by turn with
// the weighted median and mean of each turn (weights capability × salience
// as the SMP saw them, rescaled where an actor's saliences summed above 100).
func TrajectoryFromSMP(sc *model.Scenario, res *forecast.Result, i int) (TrajectoryData, error) {
	if res == nil || i < 0 || i >= len(sc.Issues) {
		return TrajectoryData{}, model.Errorf(model.EINTERNAL, "no forecast for issue %d", i+1)
	}
	if res.SMP == nil || len(res.SMP.Turns) == 0 {
		return TrajectoryData{}, model.Degenerate("the SMP has no result for scenario %q: %s", sc.Name, model.ErrorMessage(res.SMPErr))
	}
	in, _ := forecast.SMPInput(sc)
	d := trajectoryActors(sc)
	d.Title, d.XLabel, d.Issue = sc.Issues[i].Name+": positions by turn (SMP)", "Turn", &sc.Issues[i]
	for _, t := range res.SMP.Turns {
		if len(t.Positions) != len(sc.Actors) {
			return TrajectoryData{}, model.Errorf(model.EINTERNAL, "SMP turn %d has %d actors, the scenario %d", t.Turn, len(t.Positions), len(sc.Actors))
		}
		pos := make([]float64, len(t.Positions))
		for a, p := range t.Positions {
			pos[a] = p[i]
		}
		fc, err := smp.IssueForecasts(in, t.Positions)
		if err != nil {
			return TrajectoryData{}, err
		}
		d.Rounds = append(d.Rounds, pos)
		d.Median = append(d.Median, fc[i].Median)
		d.Mean = append(d.Mean, fc[i].Mean)
	}
	return d, nil
}

// shownTicks are ticks every step on Parley's 0-100, numbered on the
// issue's own scale (is may be nil).
func shownTicks(is *model.Issue, step float64) []plot.Tick {
	ticks := numTicks(0, 100, step)
	for k := range ticks {
		ticks[k].Label = formatValue(math.Round(is.Shown(ticks[k].Value)*100) / 100)
	}
	return ticks
}

func trajectoryActors(sc *model.Scenario) TrajectoryData {
	var d TrajectoryData
	for a := range sc.Actors {
		d.Names = append(d.Names, chartLabel(&sc.Actors[a]))
		d.Colors = append(d.Colors, ActorColor(sc.Actors[a].Color, a))
	}
	return d
}

// Trajectory draws each actor's position round by round: a line per actor in
// its colour, a marker shape of its own at every round, its label at the line
// end (spread so no two overlap, with a leader line when moved), and the
// weighted median and mean as thick dashed lines named in the legend.
// rounds[r][a] is actor a's position in round r; colours may be nil (the
// palette); median and mean may be nil or one value per round.
func Trajectory(names []string, colours []color.Color, rounds [][]float64, median, mean []float64, title, xLabel string, st Style) (*plot.Plot, error) {
	return trajectory(names, colours, rounds, median, mean, nil, title, xLabel, nil, st)
}

func trajectory(names []string, colours []color.Color, rounds [][]float64, median, mean []float64, fan [][2]float64, title, xLabel string, is *model.Issue, st Style) (*plot.Plot, error) {
	n := len(names)
	if n == 0 {
		return nil, model.Degenerate("no actors to draw")
	}
	if len(rounds) == 0 {
		return nil, model.Degenerate("no rounds to draw")
	}
	if colours != nil && len(colours) != n {
		return nil, model.Errorf(model.EINTERNAL, "%d colours for %d actors", len(colours), n)
	}
	for r, xs := range rounds {
		if len(xs) != n {
			return nil, model.Errorf(model.EINTERNAL, "round %d has %d positions for %d actors", r, len(xs), n)
		}
		for a, x := range xs {
			if !finite(x) {
				return nil, model.Degenerate("%s's position in round %d is not a number", names[a], r)
			}
		}
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"median", median}, {"mean", mean}} {
		if s.v == nil {
			continue
		}
		if len(s.v) != len(rounds) {
			return nil, model.Errorf(model.EINTERNAL, "%d %s values for %d rounds", len(s.v), s.name, len(rounds))
		}
		for r, x := range s.v {
			if !finite(x) {
				return nil, model.Degenerate("the weighted %s in round %d is not a number", s.name, r)
			}
		}
	}
	cols := make([]color.Color, n)
	for a := range cols {
		if colours != nil && colours[a] != nil {
			cols[a] = colours[a]
		} else {
			cols[a] = ActorColor("", a)
		}
	}

	p := newPlot(st, title)
	last := len(rounds) - 1
	p.X.Min, p.X.Max = 0, math.Max(1, float64(last))
	p.Y.Min, p.Y.Max = 0, 100
	for _, xs := range rounds {
		for _, x := range xs {
			p.Y.Min, p.Y.Max = math.Min(p.Y.Min, x), math.Max(p.Y.Max, x)
		}
	}
	yLabel := "Position"
	if is != nil && is.Scale != nil {
		lo, hi := is.ShownEnds()
		yLabel = fmt.Sprintf("Position (%s-%s", formatValue(lo), formatValue(hi))
		if is.Scale.Unit != "" {
			yLabel += " " + is.Scale.Unit
		}
		yLabel += ")"
	}
	setAxisLabels(p, st, xLabel, yLabel)
	p.X.Tick.Marker = roundTicks{}
	p.Y.Tick.Marker = plot.ConstantTicks(shownTicks(is, 25))
	p.Add(gridLines(st, false, true))
	leg := newHeaderLegend(st)
	if len(fan) > 0 {
		for r, b := range fan {
			if !finite(b[0]) || !finite(b[1]) || b[0] > b[1] {
				return nil, model.Degenerate("the median's band in round %d is not a range", r)
			}
		}
		f := &fanBand{fan: fan[:min(len(fan), len(rounds))], color: withAlpha(st.Muted, 0x48)}
		p.Add(f)
		leg.add("Median P10-P90 (Monte Carlo)", f)
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"Weighted median", median}, {"Weighted mean", mean}} {
		if s.v == nil {
			continue
		}
		col, dash, _ := modelLook(st, s.name)
		ls := draw.LineStyle{Color: col, Width: st.scaled(3), Dashes: dash}
		p.Add(&polyline{ys: s.v, style: ls})
		leg.add(fmt.Sprintf("%s (%s at the end)", s.name, formatValue(is.Shown(s.v[last]))), lineThumb(ls))
	}
	p.Add(&trajectoryLayer{names: names, colors: cols, rounds: rounds, st: st}, leg)
	return p, nil
}

// roundTicks labels whole rounds only, at most about ten of them.
type roundTicks struct{}

func (roundTicks) Ticks(lo, hi float64) []plot.Tick {
	step := math.Max(1, math.Ceil((hi-lo)/10))
	var t []plot.Tick
	for v := math.Ceil(lo); v <= hi+1e-9; v += step {
		t = append(t, plot.Tick{Value: v, Label: fmt.Sprintf("%g", v)})
	}
	return t
}

// polyline joins (r, ys[r]) for every round r.
type polyline struct {
	ys    []float64
	style draw.LineStyle
}

func (l *polyline) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, len(l.ys))
	for r, y := range l.ys {
		pts[r] = vg.Point{X: trX(float64(r)), Y: trY(y)}
	}
	c.StrokeLines(l.style, c.ClipLinesXY(pts)...)
}

// trajectoryLayer draws the actors' lines, their round markers and their
// end labels in the margin it reserves to the right of the data.
type trajectoryLayer struct {
	names  []string
	colors []color.Color
	rounds [][]float64
	st     Style
}

func (l *trajectoryLayer) labelStyle() draw.TextStyle {
	return textStyle(l.st, l.st.FontSize*0.9, l.st.Foreground)
}

func (l *trajectoryLayer) markerRadius() vg.Length { return l.st.scaled(3) }

func (l *trajectoryLayer) labelGap() vg.Length { return l.st.scaled(10) }

func (l *trajectoryLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	st := l.st
	n := len(l.names)
	last := len(l.rounds) - 1
	halo := draw.LineStyle{Color: st.Background, Width: st.scaled(0.8)}
	for a := 0; a < n; a++ {
		pts := make([]vg.Point, len(l.rounds))
		for r, xs := range l.rounds {
			pts[r] = vg.Point{X: trX(float64(r)), Y: trY(xs[a])}
		}
		c.StrokeLines(draw.LineStyle{Color: l.colors[a], Width: st.scaled(1.7)}, pts)
		for _, pt := range pts {
			drawShape(&c, shapeFor(a), pt, l.markerRadius(), l.colors[a], halo)
		}
	}
	// Labels at the line ends, spread apart vertically.
	ts := l.labelStyle()
	ts.YAlign = draw.YCenter
	h := ts.Height("Xy") * 1.05
	want := make([]vg.Length, n)
	for a := 0; a < n; a++ {
		want[a] = trY(l.rounds[last][a])
	}
	got := spreadLabels(want, h, c.Min.Y+h/2, c.Max.Y-h/2)
	x0 := trX(float64(last))
	lx := x0 + l.labelGap()
	for a := 0; a < n; a++ {
		// A connector in the actor's colour ties each label to its line.
		c.StrokeLine2(draw.LineStyle{Color: l.colors[a], Width: st.scaled(0.9)}, x0+l.markerRadius()+st.scaled(1), want[a], lx-st.scaled(2), got[a])
		c.FillText(ts, vg.Point{X: lx, Y: got[a]}, l.names[a])
	}
}

// GlyphBoxes reserve the margin the end labels need to the right of the data.
func (l *trajectoryLayer) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	ts := l.labelStyle()
	var w vg.Length
	for _, s := range l.names {
		w = max(w, ts.Width(s))
	}
	h := ts.Height("Xy")
	r := l.markerRadius()
	last := len(l.rounds) - 1
	out := make([]plot.GlyphBox, 0, len(l.rounds)*len(l.names)+1)
	out = append(out, plot.GlyphBox{X: p.X.Norm(float64(last)), Y: 0.5, Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -h / 2}, Max: vg.Point{X: l.labelGap() + w + l.st.scaled(4), Y: h / 2}}})
	for k, xs := range l.rounds {
		for _, x := range xs {
			out = append(out, plot.GlyphBox{X: p.X.Norm(float64(k)), Y: p.Y.Norm(x), Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}})
		}
	}
	return out
}

// spreadLabels moves labels of height h, wanted at the centres want, apart
// so that no two overlap, each as little as it can, all within [lo, hi] when
// they fit there. It returns the new centres, in the order of want.
func spreadLabels(want []vg.Length, h, lo, hi vg.Length) []vg.Length {
	n := len(want)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return want[order[a]] < want[order[b]] })
	// Pool adjacent labels into blocks that sit as close to their wanted
	// centres as they can (least squares), merging blocks that collide.
	type block struct {
		start, count int
		sum          vg.Length // Σ (want − offset in block)
	}
	var blocks []block
	pos := func(b block) vg.Length { return b.sum / vg.Length(b.count) } // centre of the block's first label
	for k, i := range order {
		blocks = append(blocks, block{start: k, count: 1, sum: want[i]})
		for len(blocks) > 1 {
			b, prev := blocks[len(blocks)-1], blocks[len(blocks)-2]
			if pos(prev)+h*vg.Length(prev.count) <= pos(b)+1e-9 {
				break
			}
			merged := block{start: prev.start, count: prev.count + b.count, sum: prev.sum + b.sum - h*vg.Length(prev.count)*vg.Length(b.count)}
			blocks = append(blocks[:len(blocks)-2], merged)
		}
	}
	got := make([]vg.Length, n)
	for _, b := range blocks {
		first := pos(b)
		for j := 0; j < b.count; j++ {
			got[order[b.start+j]] = first + h*vg.Length(j)
		}
	}
	// Shift everything back inside [lo, hi] when a block sticks out, keeping
	// the spacing (labels may only be pushed together, never overlapped).
	if n > 0 {
		if top := got[order[n-1]]; top > hi {
			d := top - hi
			for k := n - 1; k >= 0; k-- {
				i := order[k]
				got[i] -= d
				if k > 0 && got[order[k-1]] <= got[i]-h {
					break
				}
				if k > 0 {
					d = got[order[k-1]] - (got[i] - h)
				}
			}
		}
		if bottom := got[order[0]]; bottom < lo {
			d := lo - bottom
			for k := 0; k < n; k++ {
				i := order[k]
				got[i] += d
				if k+1 < n && got[order[k+1]] >= got[i]+h {
					break
				}
				if k+1 < n {
					d = got[i] + h - got[order[k+1]]
				}
			}
		}
	}
	return got
}

// NearestPoint maps a click on an image of the trajectory chart p to the
// point under it: (px, py) are pixels from the top-left corner of the
// width×height image rendered at dpi (as Image renders it), rounds are the
// data p was built from. It returns the round and the actor of the nearest
// point, and ok = false when no point lies within 12 pixels (at 96 DPI) of
// the click, so the UI can explain that actor's move in that round.
func NearestPoint(p *plot.Plot, rounds [][]float64, width, height int, dpi, px, py float64) (round, actor int, ok bool) {
	toPixel := PixelTransform(p, width, height, dpi)
	if toPixel == nil || len(rounds) == 0 {
		return 0, 0, false
	}
	best := math.Inf(1)
	for r, xs := range rounds {
		for a, x := range xs {
			qx, qy := toPixel(float64(r), x)
			if d := math.Hypot(qx-px, qy-py); d < best {
				best, round, actor = d, r, a
			}
		}
	}
	if best > 12*dpi/96 {
		return 0, 0, false
	}
	return round, actor, true
}

// PixelTransform maps a data point (round, position) of p to the pixel it
// is drawn at in a width×height image rendered at dpi (as Image renders
// it), from the top-left corner: the plot's own transforms, so a hit test
// and the drawing agree to the pixel. It is nil for an empty size.
func PixelTransform(p *plot.Plot, width, height int, dpi float64) func(x, y float64) (px, py float64) {
	if p == nil || width <= 0 || height <= 0 || dpi <= 0 {
		return nil
	}
	toPt := vg.Inch.Points() / dpi
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: vg.Length(float64(width) * toPt), Y: vg.Length(float64(height) * toPt)}}}
	dc := p.DataCanvas(c)
	trX, trY := p.Transforms(&dc)
	return func(x, y float64) (float64, float64) {
		return float64(trX(x)) / toPt, float64(height) - float64(trY(y))/toPt
	}
}
