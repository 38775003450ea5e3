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
	Actor      int // the actor's index in the scenario (bubbles skip unset stances)
	Label      string
	X, Y       float64
	Size       float64
	Color      color.Color
	Ring       color.Color
	Shape      Shape
	HasEnd     bool
	EndX, EndY float64
	// HasFrom marks a bubble drawn where the actor ends (the two-issue
	// map's blocs): a thin trail runs back to (FromX, FromY), where it starts.
	HasFrom      bool
	FromX, FromY float64
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
// Positions, markers and bands are on Parley's 0-100 (as the models give
// them); the map draws them on the issue's own scale (Issue.Shown).
// BandNote, when set, follows the band's legend entry, e.g. "preliminary
// (40 draws)" while a Monte Carlo run is still drawing.
type StanceInput struct {
	Title    string
	Issue    model.Issue
	Bubbles  []Bubble
	Markers  []Marker
	Arrows   string
	BandNote string
}

// StanceFromScenario places every actor of sc on issue i: x = position,
// y = salience, bubble area = capability. ends, if not nil, are each actor's
// predicted final positions (arrows are drawn where they differ from the start).
func StanceFromScenario(sc *model.Scenario, i int, ends []float64) StanceInput {
	in := StanceInput{Title: sc.Issues[i].Name, Issue: sc.Issues[i]}
	for a := range sc.Actors {
		if !sc.HasStance(a, i) {
			continue // unset: left out of the models, not drawn at 0
		}
		ac := &sc.Actors[a]
		st := sc.Stance(a, i)
		b := Bubble{Actor: a, Label: chartLabel(ac), X: st.Position, Y: st.Salience, Size: ac.Capability, Color: ActorColor(ac.Color, a)}
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
	is := &sc.Issues[i]
	in.Markers = append(in.Markers, statusQuoMarker(st, is.StatusQuo, is))
	if res != nil && i < len(res.Issues) {
		in.Markers = append(in.Markers, forecastMarkers(res, i, is, st)...)
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
	return forecastMarkers(res, i, nil, st)
}

// forecastMarkers is ForecastMarkers with each value named on the issue's
// own scale (is may be nil: 0-100).
func forecastMarkers(res *forecast.Result, i int, is *model.Issue, st Style) []Marker {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	var ms []Marker
	for _, v := range res.Forecasts(i) {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			continue
		}
		col, dash, w := modelLook(st, v.Model)
		m := Marker{Name: v.Model + " " + formatValue(is.Shown(v.Value)), Model: v.Model, Value: v.Value, Color: col, Dashes: dash, Width: w}
		m.Name, m.Interval = withTrackRecordOn(m.Name, v.Model, is)
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

// SetBand gives only the marker of the selected model (forecast.Value.Model,
// "BDM", "SMP") its band from bands, and clears every other marker's: one
// band at a time, so four translucent bands never pile up into grey.
// It reports whether the selected model had a band.
func SetBand(ms []Marker, bands map[string][2]float64, selected string) bool {
	found := false
	for k := range ms {
		ms[k].Band, ms[k].Lo, ms[k].Hi = false, 0, 0
		if b, ok := bands[selected]; ok && selected != "" && ms[k].Model == selected {
			ms[k].Band, ms[k].Lo, ms[k].Hi = true, b[0], b[1]
			found = true
		}
	}
	return found
}

// StatusQuoMarker is the dotted grey line every one-issue map shows.
func StatusQuoMarker(st Style, q float64) Marker {
	return statusQuoMarker(st, q, nil)
}

func statusQuoMarker(st Style, q float64, is *model.Issue) Marker {
	return Marker{Name: "Status quo " + formatValue(is.Shown(q)), Value: q, Color: st.Muted, Dashes: st.dashes(2, 3), Width: st.scaled(1.8)}
}

// chartLabel is how an actor is named on a chart: its label when it has
// one, else its full name when that is short enough to place, else the
// name cut to the label length.
func chartLabel(ac *model.Actor) string {
	if ac.Label == "" && len([]rune(ac.Name)) <= maxChartName {
		return ac.Name
	}
	return ac.ShortLabel()
}

// maxChartName is the longest actor name a chart prints in full.
const maxChartName = 16

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
	is := &in.Issue
	p := newPlot(st, in.Title)
	setPositionAxis(&p.X, is, false)
	p.Y.Min, p.Y.Max = -salPadLo, 100+salPadHi
	setAxisLabels(p, st, positionCaption(is), "Salience (how much it cares)")
	p.Y.Tick.Marker = plot.ConstantTicks(numTicks(0, 100, 25))
	p.Add(gridLines(st, true, true))
	leg := newHeaderLegend(st)
	for _, m := range in.Markers {
		if m.Band && m.Hi > m.Lo {
			p.Add(&band{lo: is.Shown(m.Lo), hi: is.Shown(m.Hi), color: withAlpha(m.Color, 0x2c)})
		}
	}
	for _, m := range in.Markers {
		ls := draw.LineStyle{Color: m.Color, Width: m.Width, Dashes: m.Dashes}
		if ls.Width == 0 {
			ls.Width = st.scaled(1.6)
		}
		p.Add(&vline{x: is.Shown(m.Value), y0: 0, y1: 100, style: ls})
		name := m.Name
		if m.Band && m.Hi > m.Lo {
			name += fmt.Sprintf(" (P10-P90 %s-%s)", formatValue(is.Shown(m.Lo)), formatValue(is.Shown(m.Hi)))
			if in.BandNote != "" {
				name += ", " + in.BandNote
			}
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
	bubbles := make([]Bubble, len(in.Bubbles))
	for k, b := range in.Bubbles {
		b.X, b.EndX, b.FromX = is.Shown(b.X), is.Shown(b.EndX), is.Shown(b.FromX)
		bubbles[k] = b
	}
	layer := &bubbleLayer{bubbles: bubbles, style: st, legend: leg}
	leg.lift = layer.topLift
	p.Add(layer, leg)
	remember(p, layer) // hit.go: DrawnBubbles
	return p, layer, nil
}

// The salience axis runs past 0 and 100 by these much, so a bubble at
// either end is drawn whole inside the data area.
const (
	salPadLo = 12
	salPadHi = 14
)

// posPad is the share of an issue's scale a position axis runs past each
// end, so bubbles and arrowheads at 0 or 100 are drawn whole.
const posPad = 0.07

// setPositionAxis sets ax to issue is's own scale, padded past both ends,
// with every anchor labelled.
func setPositionAxis(ax *plot.Axis, is *model.Issue, vertical bool) {
	lo, hi := is.ShownEnds()
	pad := (hi - lo) * posPad
	ax.Min, ax.Max = lo-pad, hi+pad
	ax.Tick.Marker = positionTicks(*is, !vertical)
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
// so it fits a small chart too. The ends are named on the issue's own scale.
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
		return positionCaption(&is)
	}
	if lo == "" {
		lo = "low"
	}
	if hi == "" {
		hi = "high"
	}
	l, h := is.ShownEnds()
	one := fmt.Sprintf("%s = %s   ·   %s = %s", formatValue(l), lo, formatValue(h), hi)
	if len([]rune(one)) <= width {
		return one
	}
	return Wrap(formatValue(l)+" = "+lo, width) + "\n" + Wrap(formatValue(h)+" = "+hi, width)
}

// positionCaption names a position axis and its scale: "Position (0-100)",
// "Position (4-10 years)".
func positionCaption(is *model.Issue) string {
	lo, hi := is.ShownEnds()
	unit := ""
	if is.Scale != nil && is.Scale.Unit != "" {
		unit = " " + is.Scale.Unit
	}
	return fmt.Sprintf("Position on %s (%s-%s%s)", is.Name, formatValue(lo), formatValue(hi), unit)
}

// Anchor labels wrap at minWrap to maxWrap characters (see positionTicks).
const (
	minWrap = 12
	maxWrap = 30
)

// anchorTicks labels 0, 25, ..., 100 on the issue's own scale, and every
// anchor, for an axis across the chart.
func anchorTicks(is model.Issue) plot.Ticker { return positionTicks(is, true) }

// positionTicks labels every anchor of the issue at its tick (its value on
// the issue's own scale, then its label wrapped); on an axis across the
// chart (stagger) a label goes onto a lower row when it would run into its
// left neighbour's. Without anchors between the ends, the scale's quarters
// are numbered too; with them only the anchors are (numbers between would
// run into their labels).
func positionTicks(is model.Issue, stagger bool) plot.Ticker {
	lo, hi := is.ShownEnds()
	span := hi - lo
	type at struct {
		v     float64
		label string
	}
	var ats []at
	inner := false
	for _, a := range is.Anchors {
		if !finite(a.At) || a.At < 0 || a.At > 100 {
			continue
		}
		ats = append(ats, at{is.Shown(a.At), a.Label})
		if a.At != 0 && a.At != 100 {
			inner = true
		}
	}
	sort.SliceStable(ats, func(i, j int) bool { return ats[i].v < ats[j].v })
	var ticks []plot.Tick
	has := func(v float64) bool {
		for _, a := range ats {
			if math.Abs(a.v-v) < span*1e-6 {
				return true
			}
		}
		return false
	}
	step := 25.0
	for q := 0.0; q <= 100+1e-9; q += step {
		v := is.Shown(q)
		if has(v) || inner && q != 0 && q != 100 {
			if !has(v) && inner {
				ticks = append(ticks, plot.Tick{Value: v}) // a minor tick: a grid line, no number
			}
			continue
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: formatValue(v)})
	}
	// Each label wraps at about as many characters as its nearest neighbour
	// is per cent of the scale away (a position axis is some 600 points
	// wide or more: a character is about 1% of it), so neighbours sit side
	// by side; an anchor closer than minWrap to the one before it on a row
	// goes one row down (up to three rows).
	lastOnRow := []float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	rowLines := []int{0, 0, 0}
	for k, a := range ats {
		gap := math.Inf(1)
		if k > 0 {
			gap = (a.v - ats[k-1].v) / span * 100
		}
		if k+1 < len(ats) {
			gap = math.Min(gap, (ats[k+1].v-a.v)/span*100)
		}
		w := int(math.Max(minWrap, math.Min(maxWrap, gap)))
		if !stagger {
			w = maxWrap // an axis up the side has room across, not down
		}
		text := formatValue(a.v)
		if a.label != "" {
			text += "\n" + Wrap(a.label, w)
		}
		row := 0
		for stagger && row < len(lastOnRow)-1 && (a.v-lastOnRow[row])/span*100 < minWrap-1e-9 {
			row++
		}
		lastOnRow[row] = a.v
		lines := strings.Count(text, "\n") + 1
		if row > 0 {
			// Push the label below the rows above it.
			above := 0
			for r := 0; r < row; r++ {
				above = max(above, rowLines[r])
			}
			text = strings.Repeat("\n", above) + text
			lines += above
		}
		rowLines[row] = max(rowLines[row], lines)
		ticks = append(ticks, plot.Tick{Value: a.v, Label: text})
	}
	sort.SliceStable(ticks, func(i, j int) bool { return ticks[i].Value < ticks[j].Value })
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

// The largest bubble is at most these shares of the data area's width and
// height, so that with the axes' padding (posPad, salPadLo/Hi) a bubble at
// an end of the scale stays whole inside the data area.
const (
	maxRadiusW = 0.055
	maxRadiusH = 0.085
)

func (l *bubbleLayer) radii() []vg.Length { return l.radiiIn(vg.Rectangle{}) }

// radiiIn are the bubbles' radii on a data area: area proportional to
// capability, the largest maxRadius points at the style's size, less on a
// data area too small for it (an empty area sets no limit).
func (l *bubbleLayer) radiiIn(area vg.Rectangle) []vg.Length {
	var maxSize float64
	for _, b := range l.bubbles {
		maxSize = math.Max(maxSize, b.Size)
	}
	rmin, rmax := l.style.scaled(4), l.style.scaled(maxRadius)
	if w, h := area.Size().X, area.Size().Y; w > 0 && h > 0 {
		rmax = min(rmax, w*maxRadiusW, h*maxRadiusH)
		rmin = min(rmin, rmax)
	}
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
// centres are where the bubbles are drawn, true where their data puts
// them: the two differ for a bubble moved off one it would overlap, which
// is drawn with a dashed outline and a leader line back to its true spot.
type bubbleLayout struct {
	centres []vg.Point
	true    []vg.Point
	radii   []vg.Length
	labels  []labelItem
	placed  []placement
	legend  vg.Rectangle
}

// moved reports whether bubble i is drawn off its true position.
func (lay *bubbleLayout) moved(i int) bool {
	d := math.Hypot(float64(lay.centres[i].X-lay.true[i].X), float64(lay.centres[i].Y-lay.true[i].Y))
	return d > 1
}

func (l *bubbleLayer) labelStyle() draw.TextStyle {
	return textStyle(l.style, l.style.FontSize*0.95, l.style.Foreground)
}

func (l *bubbleLayer) layout(c draw.Canvas, p *plot.Plot) bubbleLayout {
	trX, trY := p.Transforms(&c)
	out := bubbleLayout{radii: l.radiiIn(c.Rectangle), true: make([]vg.Point, len(l.bubbles))}
	for i, b := range l.bubbles {
		out.true[i] = vg.Point{X: trX(b.X), Y: trY(b.Y)}
	}
	out.centres = separate(out.true, out.radii, c.Rectangle, l.style.scaled(1.5))
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
			from, end := out.arrow(i, b, trX, trY)
			sp.lines = append(sp.lines, segmentBoxes(towards(from, end, out.radii[i]), end, l.style.scaled(4)))
		}
		if out.moved(i) {
			sp.lines = append(sp.lines, segmentBoxes(out.centres[i], out.true[i], l.style.scaled(3)))
		}
	}
	out.placed = placeLabels(out.labels, sp)
	return out
}

// arrow is where bubble i's arrow runs, from its drawn centre: to its end,
// moved with the bubble when the bubble was moved off its true spot (so a
// move along the axis still reads as one).
func (lay *bubbleLayout) arrow(i int, b Bubble, trX, trY func(float64) vg.Length) (from, to vg.Point) {
	from = lay.centres[i]
	to = vg.Point{X: trX(b.EndX) + from.X - lay.true[i].X, Y: trY(b.EndY) + from.Y - lay.true[i].Y}
	return from, to
}

// separate moves bubbles apart until no two bubbles' boxes (centre ± radius,
// plus gap) overlap, each step pushing a pair apart along the axis where
// they overlap least, and keeping every bubble whole inside area. Bubbles
// that overlap nobody stay where they are. Deterministic.
func separate(at []vg.Point, r []vg.Length, area vg.Rectangle, gap vg.Length) []vg.Point {
	c := append([]vg.Point(nil), at...)
	clamp := func(i int) {
		if area.Size().X > 2*r[i] {
			c[i].X = min(max(c[i].X, area.Min.X+r[i]), area.Max.X-r[i])
		}
		if area.Size().Y > 2*r[i] {
			c[i].Y = min(max(c[i].Y, area.Min.Y+r[i]), area.Max.Y-r[i])
		}
	}
	for i := range c {
		clamp(i)
	}
	for iter := 0; iter < 400; iter++ {
		clean := true
		for i := range c {
			for j := i + 1; j < len(c); j++ {
				need := r[i] + r[j] + gap
				dx, dy := c[j].X-c[i].X, c[j].Y-c[i].Y
				ox, oy := need-abs32(dx), need-abs32(dy)
				if ox <= 0 || oy <= 0 {
					continue
				}
				clean = false
				// The smaller bubble moves more: the big one keeps its place.
				wi := float64(r[j]) / float64(r[i]+r[j])
				wj := 1 - wi
				if oy <= ox {
					s := vg.Length(1)
					if dy < 0 || dy == 0 && at[j].Y < at[i].Y {
						s = -1
					}
					c[i].Y -= s * oy * vg.Length(wi) * 1.02
					c[j].Y += s * oy * vg.Length(wj) * 1.02
				} else {
					s := vg.Length(1)
					if dx < 0 || dx == 0 && j < i {
						s = -1
					}
					c[i].X -= s * ox * vg.Length(wi) * 1.02
					c[j].X += s * ox * vg.Length(wj) * 1.02
				}
				clamp(i)
				clamp(j)
			}
		}
		if clean {
			break
		}
	}
	return c
}

func abs32(x vg.Length) vg.Length {
	if x < 0 {
		return -x
	}
	return x
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
	thin := draw.LineStyle{Color: st.Muted, Width: st.scaled(0.9)}
	for _, i := range order {
		b := l.bubbles[i]
		col := b.Color
		if b.Ring != nil {
			col = b.Ring // the actor's own colour, when the fill is its bloc's
		}
		if b.HasFrom {
			// A trail back to where the actor starts, ending in a small ring.
			from := vg.Point{X: trX(b.FromX), Y: trY(b.FromY)}
			if d := math.Hypot(float64(from.X-lay.centres[i].X), float64(from.Y-lay.centres[i].Y)); d > float64(lay.radii[i]) {
				trail := draw.LineStyle{Color: withAlpha(col, 0xa0), Width: st.scaled(1), Dashes: st.dashes(3, 2)}
				to := towards(lay.centres[i], from, lay.radii[i])
				c.StrokeLine2(trail, from.X, from.Y, to.X, to.Y)
				drawShape(&c, Circle, from, st.scaled(2.5), st.Background, draw.LineStyle{Color: col, Width: st.scaled(1)})
			}
		}
		if b.HasEnd {
			from, end := lay.arrow(i, b, trX, trY)
			drawArrow(&c, from, end, lay.radii[i], withAlpha(col, 0xe0), st)
		}
		if lay.moved(i) {
			// A leader line from the bubble moved aside to its true spot.
			to := lay.true[i]
			from := towards(lay.centres[i], to, lay.radii[i])
			c.StrokeLine2(thin, from.X, from.Y, to.X, to.Y)
			drawShape(&c, Circle, to, st.scaled(2), st.Foreground, draw.LineStyle{})
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
		if lay.moved(i) {
			// The outline of a bubble drawn off its true position.
			drawShape(&c, b.Shape, lay.centres[i], lay.radii[i]+st.scaled(1.8), nil, draw.LineStyle{Color: st.Foreground, Width: st.scaled(0.9), Dashes: st.dashes(3, 2)})
		}
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

// DataRange is the bubbles' extent; the axes are set wide enough for them
// (padded past the scale's ends), so no glyph boxes shrink the data area.
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
