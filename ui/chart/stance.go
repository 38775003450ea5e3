package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/forecast"
)

// Bubble is one actor on a stance map: it sits at (X, Y), its area grows with
// Size (capability), and an arrow runs to (EndX, EndY) when HasEnd is set.
// Color fills it; Ring, when set, outlines it (the actor's own colour when the
// fill shows its bloc); Shape is its marker (Circle when unset).
type Bubble struct {
	Label      string
	X, Y       float64
	Size       float64
	Color      color.Color
	Ring       color.Color
	Shape      Shape
	HasEnd     bool
	EndX, EndY float64
}

// Marker is a named vertical line on a one-issue stance map: the status quo or
// a model's forecast, with an optional P10-P90 band. Model is the forecast's
// model name (forecast.Value.Model) when the marker shows one, so SetBands can
// find it.
type Marker struct {
	Name   string
	Model  string
	Value  float64
	Color  color.Color
	Dashes []vg.Length
	Width  vg.Length // 0 = 1.6 points at the style's size
	Band   bool
	Lo, Hi float64
	// Interval is the model's 80% track-record half-width q when Name
	// carries "± q" (0 = none); the legend then says where q comes from.
	Interval float64
}

// StanceInput is everything a one-issue stance map shows. Arrows, when set,
// names the arrows in the legend ("Predicted move (BDM, final round)").
type StanceInput struct {
	Title   string
	Issue   model.Issue
	Bubbles []Bubble
	Markers []Marker
	Arrows  string
}

// StanceFromScenario places every actor of sc on issue i: x = position,
// y = salience, bubble area = capability. ends, if not nil, are each actor's
// predicted final positions (arrows are drawn where they differ from the start).
func StanceFromScenario(sc *model.Scenario, i int, ends []float64) StanceInput {
	in := StanceInput{Title: sc.Issues[i].Name, Issue: sc.Issues[i]}
	for a := range sc.Actors {
		ac := &sc.Actors[a]
		st := sc.Stance(a, i)
		b := Bubble{Label: ac.ShortLabel(), X: st.Position, Y: st.Salience, Size: ac.Capability, Color: ActorColor(ac.Color, a)}
		if a < len(ends) && !(math.Abs(ends[a]-st.Position) <= 0.05) { // a NaN end is kept, to be refused
			b.HasEnd, b.EndX, b.EndY = true, ends[a], st.Salience
		}
		in.Bubbles = append(in.Bubbles, b)
	}
	return in
}

// EndModel chooses the model whose predicted end positions the arrows of a
// stance map show.
type EndModel int

const (
	NoArrows EndModel = iota // no arrows: the analyst's inputs only
	EndBDM                   // each actor's position after BDM's final round
	EndSMP                   // each actor's position after the SMP's final turn
)

// PredictedEnds returns each actor's predicted final position on issue i
// under model m, or nil when m is NoArrows or that model has no result.
func PredictedEnds(res *forecast.Result, i int, m EndModel) []float64 {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	switch m {
	case EndBDM:
		return res.BDMFinal(i)
	case EndSMP:
		return res.SMPFinal(i)
	case EndExchange:
		return res.ExchangeFinal(i)
	}
	return nil
}

// ForecastStance is the one-issue stance map of issue i with everything the
// forecast says: the status quo, every model's forecast as a marker, and
// arrows to the positions model end predicts.
func ForecastStance(sc *model.Scenario, res *forecast.Result, i int, end EndModel, st Style) StanceInput {
	ends := PredictedEnds(res, i, end)
	in := StanceFromScenario(sc, i, ends)
	in.Markers = append(in.Markers, StatusQuoMarker(st, sc.Issues[i].StatusQuo))
	if res != nil && i < len(res.Issues) {
		in.Markers = append(in.Markers, ForecastMarkers(res, i, st)...)
	}
	if ends != nil {
		switch end {
		case EndBDM:
			in.Arrows = fmt.Sprintf("Predicted move (BDM, round %d)", len(res.Issues[i].BDM.Rounds)-1)
		case EndSMP:
			in.Arrows = fmt.Sprintf("Predicted move (SMP, turn %d)", len(res.SMP.Turns)-1)
		case EndExchange:
			in.Arrows = fmt.Sprintf("Predicted vote (exchange model, round %d)", len(res.Exchange.Rounds))
		}
	}
	return in
}

// modelLook is how each model's forecast line looks: a colour and a dash
// pattern of its own, so the lines differ in grayscale too.
func modelLook(st Style, name string) (color.Color, []vg.Length, vg.Length) {
	switch name {
	case "BDM":
		return st.Foreground, nil, st.scaled(2.2)
	case "SMP":
		return seriesVermillion.color(st), st.dashes(7, 3), st.scaled(2)
	case "Weighted median":
		return seriesBlue.color(st), st.dashes(9, 2.5, 2, 2.5), st.scaled(2)
	case "Weighted mean":
		return seriesGreen.color(st), st.dashes(3.5, 2.5), st.scaled(2)
	case "Nash":
		return seriesPurple.color(st), st.dashes(10, 2, 1.5, 2, 1.5, 2), st.scaled(2)
	case "Exchange":
		return seriesTeal.color(st), st.dashes(4, 2, 1, 2), st.scaled(2)
	}
	return st.Muted, st.dashes(5, 5), st.scaled(1.6)
}

// ForecastMarkers returns a marker for each model's forecast on issue i (BDM,
// SMP, weighted median, weighted mean, Nash; models with nothing to say are
// left out), each in its own colour and dash pattern and named with its value.
func ForecastMarkers(res *forecast.Result, i int, st Style) []Marker {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	var ms []Marker
	for _, v := range res.Forecasts(i) {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			continue
		}
		col, dash, w := modelLook(st, v.Model)
		m := Marker{Name: v.Model + " " + formatValue(v.Value), Model: v.Model, Value: v.Value, Color: col, Dashes: dash, Width: w}
		m.Name, m.Interval = withTrackRecord(m.Name, v.Model)
		ms = append(ms, m)
	}
	return ms
}

// SetBands gives each marker whose Model has an entry in bands its P10-P90
// band (bands[model] = {P10, P90}), e.g. from a Monte Carlo run.
func SetBands(ms []Marker, bands map[string][2]float64) {
	for k := range ms {
		if b, ok := bands[ms[k].Model]; ok && ms[k].Model != "" {
			ms[k].Band, ms[k].Lo, ms[k].Hi = true, b[0], b[1]
		}
	}
}

// StatusQuoMarker is the dotted grey line every one-issue map shows.
func StatusQuoMarker(st Style, q float64) Marker {
	return Marker{Name: "Status quo " + formatValue(q), Value: q, Color: st.Muted, Dashes: st.dashes(2, 3), Width: st.scaled(1.8)}
}

// formatValue prints a position with one decimal, or none when it is whole.
func formatValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

// StanceMap draws a one-issue stance map: actors along the issue's 0-100 axis,
// salience up the side, bubble area proportional to capability, labels that
// overlap neither each other nor the legend, arrows to predicted ends, the
// markers as named vertical lines (with their P10-P90 bands) in a legend at
// the top right, and what the ends of the scale mean under the axis.
func StanceMap(in StanceInput, st Style) (*plot.Plot, error) {
	p, _, err := stanceMap(in, st)
	return p, err
}

func stanceMap(in StanceInput, st Style) (*plot.Plot, *bubbleLayer, error) {
	if err := checkBubbles(in.Bubbles); err != nil {
		return nil, nil, err
	}
	for _, m := range in.Markers {
		if !finite(m.Value) || m.Band && (!finite(m.Lo) || !finite(m.Hi)) {
			return nil, nil, model.Degenerate("the %q line is not a number", m.Name)
		}
	}
	p := newPlot(st, in.Title)
	p.X.Min, p.X.Max = 0, 100
	p.Y.Min, p.Y.Max = 0, 104
	setAxisLabels(p, st, axisCaption(in.Issue, 60), "Salience (how much it cares)")
	p.Y.Tick.Marker = plot.ConstantTicks(numTicks(0, 100, 25))
	p.X.Tick.Marker = anchorTicks(in.Issue)
	p.Add(gridLines(st, true, true))
	leg := newHeaderLegend(st)
	for _, m := range in.Markers {
		if m.Band && m.Hi > m.Lo {
			p.Add(&band{lo: m.Lo, hi: m.Hi, color: withAlpha(m.Color, 0x2c)})
		}
	}
	for _, m := range in.Markers {
		ls := draw.LineStyle{Color: m.Color, Width: m.Width, Dashes: m.Dashes}
		if ls.Width == 0 {
			ls.Width = st.scaled(1.6)
		}
		p.Add(&vline{x: m.Value, y0: 0, y1: 100, style: ls})
		name := m.Name
		if m.Band && m.Hi > m.Lo {
			name += fmt.Sprintf(" (P10-P90 %s-%s)", formatValue(m.Lo), formatValue(m.Hi))
			leg.add(name, swatchThumb{fill: withAlpha(m.Color, 0x40), st: st}, lineThumb(ls))
		} else {
			leg.add(name, lineThumb(ls))
		}
	}
	if in.Arrows != "" {
		leg.add(in.Arrows, arrowThumb{color: st.Muted, st: st})
	}
	if note := trackRecordNote(in.Markers); note != "" {
		leg.add(note)
	}
	layer := &bubbleLayer{bubbles: in.Bubbles, style: st, legend: leg}
	leg.lift = layer.topLift
	p.Add(layer, leg)
	return p, layer, nil
}

func checkBubbles(bs []Bubble) error {
	if len(bs) == 0 {
		return model.Degenerate("no actors to draw")
	}
	for _, b := range bs {
		for _, v := range []float64{b.X, b.Y, b.Size} {
			if !finite(v) {
				return model.Degenerate("actor %q has a position, salience or capability that is not a number", b.Label)
			}
		}
		if b.HasEnd && (!finite(b.EndX) || !finite(b.EndY)) {
			return model.Degenerate("actor %q has a predicted position that is not a number", b.Label)
		}
		if b.Size < 0 {
			return model.Degenerate("actor %q has a negative capability", b.Label)
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// axisCaption spells out what the ends of the scale mean: one line when it
// is at most width characters, else a line per end (each wrapped at width),
// so it fits a small chart too.
func axisCaption(is model.Issue, width int) string {
	lo, hi := "", ""
	for _, a := range is.Anchors {
		if a.At == 0 {
			lo = a.Label
		}
		if a.At == 100 {
			hi = a.Label
		}
	}
	if lo == "" && hi == "" {
		return "Position (0-100)"
	}
	if lo == "" {
		lo = "low"
	}
	if hi == "" {
		hi = "high"
	}
	one := fmt.Sprintf("0 = %s   ·   100 = %s", lo, hi)
	if len([]rune(one)) <= width {
		return one
	}
	return Wrap("0 = "+lo, width) + "\n" + Wrap("100 = "+hi, width)
}

// anchorTicks labels 0, 25, ..., 100 and adds a minor tick at every anchor.
func anchorTicks(is model.Issue) plot.Ticker {
	ticks := numTicks(0, 100, 25)
	for _, a := range is.Anchors {
		if a.At != 0 && a.At != 100 && math.Mod(a.At, 25) != 0 {
			ticks = append(ticks, plot.Tick{Value: a.At})
		}
	}
	return plot.ConstantTicks(ticks)
}

func numTicks(lo, hi, step float64) []plot.Tick {
	var t []plot.Tick
	for v := lo; v <= hi+1e-9; v += step {
		t = append(t, plot.Tick{Value: v, Label: fmt.Sprintf("%g", v)})
	}
	return t
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// gridLines is a grid in the style's colour along the chosen axes.
func gridLines(st Style, vertical, horizontal bool) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = st.Grid, st.Grid
	g.Vertical.Width, g.Horizontal.Width = st.scaled(0.7), st.scaled(0.7)
	if !vertical {
		g.Vertical.Color = nil
	}
	if !horizontal {
		g.Horizontal.Color = nil
	}
	return g
}

// band shades an x-interval over the whole height of the plot.
type band struct {
	lo, hi float64
	color  color.Color
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, _ := p.Transforms(&c)
	x0, x1 := trX(b.lo), trX(b.hi)
	c.FillPolygon(b.color, c.ClipPolygonXY([]vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}}))
}

// vline is a vertical line at x from y0 to y1 in data units.
type vline struct {
	x, y0, y1 float64
	style     draw.LineStyle
}

func (l *vline) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	c.StrokeLines(l.style, c.ClipLinesXY([]vg.Point{{X: trX(l.x), Y: trY(l.y0)}, {X: trX(l.x), Y: trY(l.y1)}})...)
}

// hline is a horizontal line at y from x0 to x1 in data units.
type hline struct {
	y, x0, x1 float64
	style     draw.LineStyle
}

func (l *hline) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	c.StrokeLines(l.style, c.ClipLinesXY([]vg.Point{{X: trX(l.x0), Y: trY(l.y)}, {X: trX(l.x1), Y: trY(l.y)}})...)
}

// bubbleLayer draws the actors' bubbles, their movement arrows and their
// labels, placing each label where it overlaps no other label, no bubble and
// not the legend.
type bubbleLayer struct {
	bubbles []Bubble
	style   Style
	legend  *legendPanel // may be nil
}

// maxRadius is the radius of the most capable actor's bubble at 11-point type.
const maxRadius = 26

func (l *bubbleLayer) radii() []vg.Length {
	var maxSize float64
	for _, b := range l.bubbles {
		maxSize = math.Max(maxSize, b.Size)
	}
	rmin, rmax := l.style.scaled(4), l.style.scaled(maxRadius)
	r := make([]vg.Length, len(l.bubbles))
	for i, b := range l.bubbles {
		r[i] = rmin
		if maxSize > 0 {
			r[i] = max(rmin, rmax*vg.Length(math.Sqrt(b.Size/maxSize)))
		}
	}
	return r
}

// topLift is about how far the bubbles reach above the top of the data
// area, so a header legend can sit clear of them: a bubble's radius less the
// room above it in a data area assumed at least 250 points tall.
func (l *bubbleLayer) topLift(p *plot.Plot) vg.Length {
	var lift vg.Length
	for i, r := range l.radii() {
		room := vg.Length(1-p.Y.Norm(l.bubbles[i].Y)) * 250
		lift = max(lift, r-room)
	}
	return lift
}

// bubbleLayout is where the bubbles and their labels go on a canvas.
type bubbleLayout struct {
	centres []vg.Point
	radii   []vg.Length
	labels  []labelItem
	placed  []placement
	legend  vg.Rectangle
}

func (l *bubbleLayer) labelStyle() draw.TextStyle {
	return textStyle(l.style, l.style.FontSize*0.95, l.style.Foreground)
}

func (l *bubbleLayer) layout(c draw.Canvas, p *plot.Plot) bubbleLayout {
	trX, trY := p.Transforms(&c)
	out := bubbleLayout{radii: l.radii(), centres: make([]vg.Point, len(l.bubbles))}
	for i, b := range l.bubbles {
		out.centres[i] = vg.Point{X: trX(b.X), Y: trY(b.Y)}
	}
	ts := l.labelStyle()
	obstacles := make([]vg.Rectangle, len(l.bubbles))
	for i := range l.bubbles {
		obstacles[i] = circleBox(out.centres[i], out.radii[i]*0.8)
	}
	out.labels = make([]labelItem, len(l.bubbles))
	for i, b := range l.bubbles {
		out.labels[i] = labelItem{text: b.Label, anchor: out.centres[i], radius: out.radii[i], size: vg.Point{X: ts.Width(b.Label), Y: ts.Height(b.Label)}}
	}
	sp := labelSpace{bounds: c.Rectangle, bubbles: obstacles}
	if l.legend != nil {
		out.legend = l.legend.layout(c, p).box
		sp.blocked = append(sp.blocked, out.legend)
	}
	for i, b := range l.bubbles {
		if b.HasEnd {
			end := vg.Point{X: trX(b.EndX), Y: trY(b.EndY)}
			sp.lines = append(sp.lines, segmentBoxes(towards(out.centres[i], end, out.radii[i]), end, l.style.scaled(4)))
		}
	}
	out.placed = placeLabels(out.labels, sp)
	return out
}

func (l *bubbleLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	lay := l.layout(c, p)
	st := l.style
	// Largest bubbles first so small ones stay visible on top.
	order := make([]int, len(l.bubbles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return lay.radii[order[a]] > lay.radii[order[b]] })
	for _, i := range order {
		b := l.bubbles[i]
		if b.HasEnd {
			// The arrow in the actor's own colour (its ring, when the fill is its bloc's).
			col := b.Color
			if b.Ring != nil {
				col = b.Ring
			}
			end := vg.Point{X: trX(b.EndX), Y: trY(b.EndY)}
			drawArrow(&c, lay.centres[i], end, lay.radii[i], withAlpha(col, 0xe0), st)
		}
	}
	alpha := uint8(0xb8)
	if st.isDark() {
		alpha = 0xe0 // translucent fills turn muddy on a dark background
	}
	for _, i := range order {
		b := l.bubbles[i]
		ring := draw.LineStyle{Color: st.Halo, Width: st.scaled(0.8)}
		if b.Ring != nil {
			ring = draw.LineStyle{Color: b.Ring, Width: st.scaled(2.4)}
		}
		drawShape(&c, b.Shape, lay.centres[i], lay.radii[i], withAlpha(b.Color, alpha), ring)
	}
	ts := l.labelStyle()
	for i, pl := range lay.placed {
		if pl.leader {
			to := nearestOnRect(lay.centres[i], pl.box)
			from := towards(lay.centres[i], to, lay.radii[i])
			c.StrokeLine2(draw.LineStyle{Color: st.Muted, Width: st.scaled(0.7)}, from.X, from.Y, to.X, to.Y)
		}
		// A soft backing keeps the text readable over lines and bubbles.
		fillRect(&c, grow(pl.box, st.scaled(1)), withAlpha(st.Background, 0x80))
		c.FillText(ts, pl.box.Min, lay.labels[i].text)
	}
}

// DataRange and GlyphBoxes let the plot reserve room so edge bubbles are not cut.
func (l *bubbleLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range l.bubbles {
		xmin, xmax = math.Min(xmin, b.X), math.Max(xmax, b.X)
		ymin, ymax = math.Min(ymin, b.Y), math.Max(ymax, b.Y)
		if b.HasEnd {
			xmin, xmax = math.Min(xmin, b.EndX), math.Max(xmax, b.EndX)
			ymin, ymax = math.Min(ymin, b.EndY), math.Max(ymax, b.EndY)
		}
	}
	return
}

func (l *bubbleLayer) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	radii := l.radii()
	out := make([]plot.GlyphBox, len(l.bubbles))
	for i, b := range l.bubbles {
		r := radii[i]
		out[i] = plot.GlyphBox{X: p.X.Norm(b.X), Y: p.Y.Norm(b.Y), Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}}
	}
	return out
}

// drawArrow draws an arrow from the edge of a bubble of radius r at from to to.
func drawArrow(c *draw.Canvas, from, to vg.Point, r vg.Length, col color.Color, st Style) {
	dx, dy := float64(to.X-from.X), float64(to.Y-from.Y)
	d := math.Hypot(dx, dy)
	h := float64(st.scaled(7))
	if d < float64(r)+h*0.6 {
		return
	}
	ux, uy := dx/d, dy/d
	start := vg.Point{X: from.X + vg.Length(ux*float64(r)), Y: from.Y + vg.Length(uy*float64(r))}
	shaft := vg.Point{X: to.X - vg.Length(ux*h*0.8), Y: to.Y - vg.Length(uy*h*0.8)}
	ls := draw.LineStyle{Color: col, Width: st.scaled(1.8)}
	c.StrokeLine2(ls, start.X, start.Y, shaft.X, shaft.Y)
	left := vg.Point{X: to.X - vg.Length(h*ux-h*0.5*uy), Y: to.Y - vg.Length(h*uy+h*0.5*ux)}
	right := vg.Point{X: to.X - vg.Length(h*ux+h*0.5*uy), Y: to.Y - vg.Length(h*uy-h*0.5*ux)}
	c.FillPolygon(col, []vg.Point{to, left, right})
}

func circleBox(c vg.Point, r vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: c.X - r, Y: c.Y - r}, Max: vg.Point{X: c.X + r, Y: c.Y + r}}
}

func grow(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

func rectPoly(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

func towards(c, p vg.Point, r vg.Length) vg.Point {
	dx, dy := float64(p.X-c.X), float64(p.Y-c.Y)
	d := math.Hypot(dx, dy)
	if d == 0 {
		return c
	}
	return vg.Point{X: c.X + vg.Length(dx/d*float64(r)), Y: c.Y + vg.Length(dy/d*float64(r))}
}

// nearestOnRect is the point of r nearest to p (p itself when inside).
func nearestOnRect(p vg.Point, r vg.Rectangle) vg.Point {
	return vg.Point{X: min(max(p.X, r.Min.X), r.Max.X), Y: min(max(p.Y, r.Min.Y), r.Max.Y)}
}

// Wrap breaks s into lines of at most n characters at spaces.
func Wrap(s string, n int) string {
	var out, line []string
	l := 0
	for _, w := range strings.Fields(s) {
		if l > 0 && l+1+len([]rune(w)) > n {
			out = append(out, strings.Join(line, " "))
			line, l = nil, 0
		}
		if l > 0 {
			l++
		}
		line = append(line, w)
		l += len([]rune(w))
	}
	if len(line) > 0 {
		out = append(out, strings.Join(line, " "))
	}
	return strings.Join(out, "\n")
}
