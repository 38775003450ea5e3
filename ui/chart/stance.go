package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
)

// Bubble is one actor on a stance map: it sits at (X, Y), its area grows with
// Size (capability), and an arrow runs to (EndX, EndY) when HasEnd is set.
type Bubble struct {
	Label      string
	X, Y       float64
	Size       float64
	Color      color.Color
	HasEnd     bool
	EndX, EndY float64
}

// Marker is a named vertical line on a one-issue stance map: the status quo or
// a model's forecast, with an optional P10-P90 band.
type Marker struct {
	Name   string
	Value  float64
	Color  color.Color
	Dashes []vg.Length
	Band   bool
	Lo, Hi float64
}

// StanceInput is everything a one-issue stance map shows.
type StanceInput struct {
	Title   string
	Issue   model.Issue
	Bubbles []Bubble
	Markers []Marker
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
		if ends != nil && math.Abs(ends[a]-st.Position) > 0.05 {
			b.HasEnd, b.EndX, b.EndY = true, ends[a], st.Salience
		}
		in.Bubbles = append(in.Bubbles, b)
	}
	return in
}

// StatusQuoMarker is the dotted grey line every one-issue map shows.
func StatusQuoMarker(st Style, q float64) Marker {
	return Marker{Name: fmt.Sprintf("Status quo (%.0f)", q), Value: q, Color: st.Muted, Dashes: []vg.Length{vg.Points(2), vg.Points(3)}}
}

// StanceMap draws a one-issue stance map: actors along the issue's 0-100 axis,
// salience up the side, bubble area proportional to capability, labelled scale
// anchors under the axis, the markers as named vertical lines in the legend.
func StanceMap(in StanceInput, st Style) (*plot.Plot, error) {
	if len(in.Bubbles) == 0 {
		return nil, model.Degenerate("no actors to draw")
	}
	for _, b := range in.Bubbles {
		for _, v := range []float64{b.X, b.Y, b.Size} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, model.Degenerate("actor %q has a position, salience or capability that is not a number", b.Label)
			}
		}
	}
	p := newPlot(st, in.Title)
	p.X.Min, p.X.Max = 0, 100
	p.Y.Min, p.Y.Max = 0, 108
	p.X.Label.Text = axisCaption(in.Issue)
	p.Y.Label.Text = "Salience (how much it cares)"
	p.Y.Tick.Marker = plot.ConstantTicks(numTicks(0, 100, 25))
	p.X.Tick.Marker = anchorTicks(in.Issue)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = st.Grid, st.Grid
	p.Add(grid)
	for _, m := range in.Markers {
		if m.Band && m.Hi > m.Lo {
			p.Add(&band{lo: m.Lo, hi: m.Hi, color: withAlpha(m.Color, 0x30)})
		}
		l, err := plotter.NewLine(plotter.XYs{{X: m.Value, Y: 0}, {X: m.Value, Y: 104}})
		if err != nil {
			return nil, err
		}
		l.Color, l.Width, l.Dashes = m.Color, vg.Points(1.6), m.Dashes
		p.Add(l)
		p.Legend.Add(m.Name, l)
	}
	p.Add(&bubbleLayer{bubbles: in.Bubbles, style: st})
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(4)
	p.Legend.YOffs = vg.Points(14)
	p.Legend.ThumbnailWidth = vg.Points(18)
	return p, nil
}

// axisCaption spells out what the ends of the scale mean.
func axisCaption(is model.Issue) string {
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
	return fmt.Sprintf("0 = %s   ·   100 = %s", lo, hi)
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

// band shades an x-interval over the whole height of the plot.
type band struct {
	lo, hi float64
	color  color.Color
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x0, x1 := trX(b.lo), trX(b.hi)
	c.FillPolygon(b.color, c.ClipPolygonXY([]vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}}))
}

// bubbleLayer draws the actors' bubbles, their movement arrows and their
// labels, placing each label where it overlaps no other label and no bubble.
type bubbleLayer struct {
	bubbles []Bubble
	style   Style
}

// maxRadius is the radius of the most capable actor's bubble.
const maxRadius = vg.Length(26)

func (l *bubbleLayer) radii() []vg.Length {
	var maxSize float64
	for _, b := range l.bubbles {
		maxSize = math.Max(maxSize, b.Size)
	}
	r := make([]vg.Length, len(l.bubbles))
	for i, b := range l.bubbles {
		r[i] = vg.Length(4)
		if maxSize > 0 {
			r[i] = vg.Length(math.Max(4, float64(maxRadius)*math.Sqrt(b.Size/maxSize)))
		}
	}
	return r
}

func (l *bubbleLayer) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	radii := l.radii()
	centres := make([]vg.Point, len(l.bubbles))
	for i, b := range l.bubbles {
		centres[i] = vg.Point{X: trX(b.X), Y: trY(b.Y)}
	}
	// Largest bubbles first so small ones stay visible on top.
	order := make([]int, len(l.bubbles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return radii[order[a]] > radii[order[b]] })
	for _, i := range order {
		b := l.bubbles[i]
		if b.HasEnd {
			end := vg.Point{X: trX(b.EndX), Y: trY(b.EndY)}
			drawArrow(&c, centres[i], end, radii[i], withAlpha(b.Color, 0xdd))
		}
	}
	for _, i := range order {
		b := l.bubbles[i]
		c.DrawGlyph(draw.GlyphStyle{Color: withAlpha(b.Color, 0xb0), Radius: radii[i], Shape: draw.CircleGlyph{}}, centres[i])
		c.DrawGlyph(draw.GlyphStyle{Color: l.style.Halo, Radius: radii[i], Shape: draw.RingGlyph{}}, centres[i])
	}
	ts := textStyle(l.style, l.style.FontSize*0.95, l.style.Foreground)
	obstacles := make([]vg.Rectangle, len(l.bubbles))
	for i := range l.bubbles {
		obstacles[i] = circleBox(centres[i], radii[i]*0.8)
	}
	labels := make([]labelItem, len(l.bubbles))
	for i, b := range l.bubbles {
		labels[i] = labelItem{text: b.Label, anchor: centres[i], radius: radii[i], size: vg.Point{X: ts.Width(b.Label), Y: ts.Height(b.Label)}}
	}
	placed := placeLabels(labels, obstacles, c.Rectangle)
	for i, pl := range placed {
		if pl.leader {
			from := towards(centres[i], centre(pl.box), radii[i])
			c.StrokeLine2(draw.LineStyle{Color: l.style.Muted, Width: vg.Points(0.6)}, from.X, from.Y, centre(pl.box).X, centre(pl.box).Y)
			// Keep the text readable over the leader line.
			c.FillPolygon(withAlpha(l.style.Background, 0xd0), rectPoly(pl.box))
		}
		c.FillText(ts, pl.box.Min, labels[i].text)
	}
}

// DataRange and GlyphBoxes let the plot reserve room so edge bubbles are not cut.
func (l *bubbleLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range l.bubbles {
		xmin, xmax = math.Min(xmin, b.X), math.Max(xmax, b.X)
		ymin, ymax = math.Min(ymin, b.Y), math.Max(ymax, b.Y)
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

func drawArrow(c *draw.Canvas, from, to vg.Point, r vg.Length, col color.Color) {
	dx, dy := float64(to.X-from.X), float64(to.Y-from.Y)
	d := math.Hypot(dx, dy)
	if d < float64(r)+4 {
		return
	}
	ux, uy := dx/d, dy/d
	start := vg.Point{X: from.X + vg.Length(ux*float64(r)), Y: from.Y + vg.Length(uy*float64(r))}
	ls := draw.LineStyle{Color: col, Width: vg.Points(1.8)}
	c.StrokeLine2(ls, start.X, start.Y, to.X, to.Y)
	h := 7.0
	left := vg.Point{X: to.X - vg.Length(h*ux-h*0.5*uy), Y: to.Y - vg.Length(h*uy+h*0.5*ux)}
	right := vg.Point{X: to.X - vg.Length(h*ux+h*0.5*uy), Y: to.Y - vg.Length(h*uy-h*0.5*ux)}
	c.FillPolygon(col, []vg.Point{to, left, right})
}

func circleBox(c vg.Point, r vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: c.X - r, Y: c.Y - r}, Max: vg.Point{X: c.X + r, Y: c.Y + r}}
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
