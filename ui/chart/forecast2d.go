package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model/forecast"
)

// forecastPoint is one model's forecast on a two-issue map: its forecast
// of issue X against its forecast of issue Y (0-100 until drawn).
type forecastPoint struct {
	Model string
	X, Y  float64
	shape Shape
	ls    draw.LineStyle
	st    Style
}

// forecastPoints pairs each model's forecasts on issues ix and iy (models
// that said nothing on either are left out), each with a hollow marker of
// its own shape in its own colour, unlike the filled bubbles.
func forecastPoints(res *forecast.Result, ix, iy int, st Style) []forecastPoint {
	if res == nil || ix < 0 || iy < 0 || ix >= len(res.Issues) || iy >= len(res.Issues) {
		return nil
	}
	ys := map[string]float64{}
	for _, v := range res.Forecasts(iy) {
		ys[v.Model] = v.Value
	}
	var out []forecastPoint
	for _, v := range res.Forecasts(ix) {
		y, ok := ys[v.Model]
		if !ok || !finite(v.Value) || !finite(y) {
			continue
		}
		col, _, _ := modelLook(st, v.Model)
		out = append(out, forecastPoint{Model: v.Model, X: v.Value, Y: y, shape: forecastShape(len(out)),
			ls: draw.LineStyle{Color: col, Width: st.scaled(2)}, st: st})
	}
	return out
}

// forecastShape is the k-th model's marker: shapes the bubbles of blocs
// use least first.
func forecastShape(k int) Shape {
	order := []Shape{Diamond, TriangleUp, Square, TriangleDown, Hexagon, Circle}
	return order[k%len(order)]
}

func (fp forecastPoint) draw(c *draw.Canvas, at vg.Point, r vg.Length) {
	halo := draw.LineStyle{Color: fp.st.Background, Width: fp.ls.Width + fp.st.scaled(2)}
	drawShape(c, fp.shape, at, r, nil, halo)
	drawShape(c, fp.shape, at, r, nil, fp.ls)
	d := r * 0.45
	thin := draw.LineStyle{Color: fp.ls.Color, Width: fp.st.scaled(1.2)}
	c.StrokeLine2(thin, at.X-d, at.Y, at.X+d, at.Y)
	c.StrokeLine2(thin, at.X, at.Y-d, at.X, at.Y+d)
}

// thumb is the point's legend sample.
func (fp forecastPoint) thumb() plot.Thumbnailer { return forecastThumb{fp} }

type forecastThumb struct{ fp forecastPoint }

func (t forecastThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	t.fp.draw(c, c.Center(), h*0.42)
}

// forecastLayer draws each model's forecast point on a two-issue map, over
// the bubbles.
type forecastLayer struct {
	points []forecastPoint
	st     Style
}

func (l *forecastLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	for _, fp := range l.points {
		fp.draw(&c, vg.Point{X: trX(fp.X), Y: trY(fp.Y)}, l.st.scaled(7))
	}
}

// trailThumb is the legend sample of a two-issue map's bubble drawn at its
// end: a small ring (the start), a dashed trail, a bubble.
type trailThumb struct{ st Style }

func (t trailThumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	h := c.Max.Y - c.Min.Y
	r := h * 0.38
	end := vg.Point{X: c.Max.X - r, Y: y}
	start := vg.Point{X: c.Min.X + t.st.scaled(2.5), Y: y}
	c.StrokeLine2(draw.LineStyle{Color: t.st.Muted, Width: t.st.scaled(1), Dashes: t.st.dashes(3, 2)}, start.X, y, end.X-r, y)
	drawShape(c, Circle, start, t.st.scaled(2.5), t.st.Background, draw.LineStyle{Color: t.st.Muted, Width: t.st.scaled(1)})
	drawShape(c, Circle, end, vg.Length(math.Max(float64(r), 1)), t.st.Muted, draw.LineStyle{})
}
