package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Shape is a marker shape. Charts vary the shape with the colour wherever
// they tell series apart, so a grayscale print still reads.
type Shape int

// The marker shapes, in the order charts hand them out.
const (
	Circle Shape = iota
	Square
	Diamond
	TriangleUp
	TriangleDown
	Hexagon
	numShapes
)

// shapeFor is the i-th shape of the cycle.
func shapeFor(i int) Shape { return Shape(i % int(numShapes)) }

// shapePath outlines shape s centred on c with the area of a circle of
// radius r, so a bubble's area means the same whatever its shape.
func shapePath(s Shape, c vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	poly := func(n int, radius vg.Length, start float64) {
		for k := 0; k < n; k++ {
			a := start + 2*math.Pi*float64(k)/float64(n)
			pt := vg.Point{X: c.X + radius*vg.Length(math.Cos(a)), Y: c.Y + radius*vg.Length(math.Sin(a))}
			if k == 0 {
				p.Move(pt)
			} else {
				p.Line(pt)
			}
		}
		p.Close()
	}
	switch s {
	case Square:
		poly(4, r*vg.Length(math.Sqrt(math.Pi/2)), math.Pi/4)
	case Diamond:
		poly(4, r*vg.Length(math.Sqrt(math.Pi/2)), math.Pi/2)
	case TriangleUp:
		poly(3, r*vg.Length(math.Sqrt(4*math.Pi/(3*math.Sqrt(3)))), math.Pi/2)
	case TriangleDown:
		poly(3, r*vg.Length(math.Sqrt(4*math.Pi/(3*math.Sqrt(3)))), -math.Pi/2)
	case Hexagon:
		poly(6, r*vg.Length(math.Sqrt(2*math.Pi/(3*math.Sqrt(3)))), 0)
	default:
		p.Move(vg.Point{X: c.X + r, Y: c.Y})
		p.Arc(c, r, 0, 2*math.Pi)
		p.Close()
	}
	return p
}

// drawShape fills shape s at c (fill may be nil) and strokes its outline
// with line (skipped when line.Color is nil or its width 0).
func drawShape(c *draw.Canvas, s Shape, at vg.Point, r vg.Length, fill color.Color, line draw.LineStyle) {
	p := shapePath(s, at, r)
	if fill != nil {
		c.SetColor(fill)
		c.Fill(p)
	}
	if line.Color != nil && line.Width > 0 {
		c.SetLineStyle(line)
		c.Stroke(p)
	}
}

// hatch strokes 45° lines gap apart across r: the second pattern of a pair
// of bars, so it differs from a solid bar in grayscale too.
func hatch(c *draw.Canvas, r vg.Rectangle, col color.Color, gap, width vg.Length) {
	h := r.Max.Y - r.Min.Y
	if h <= 0 || r.Max.X <= r.Min.X || gap <= 0 {
		return
	}
	ls := draw.LineStyle{Color: col, Width: width}
	// Lines x = k + t, y = Min.Y + t for t in [0, h], clipped to [Min.X, Max.X].
	start := r.Min.X - h
	start -= vg.Length(math.Mod(float64(start), float64(gap))) // align the pattern across bars
	for k := start; k < r.Max.X; k += gap {
		t0, t1 := max(0, r.Min.X-k), min(h, r.Max.X-k)
		if t1 <= t0 {
			continue
		}
		c.StrokeLine2(ls, k+t0, r.Min.Y+t0, k+t1, r.Min.Y+t1)
	}
}

// fillRect fills r with col.
func fillRect(c *draw.Canvas, r vg.Rectangle, col color.Color) {
	c.FillPolygon(col, rectPoly(r))
}

// strokeRect outlines r.
func strokeRect(c *draw.Canvas, r vg.Rectangle, ls draw.LineStyle) {
	pts := rectPoly(r)
	c.StrokeLines(ls, append(pts, pts[0]))
}

// luminance is the relative luminance of col, 0 (black) to 1 (white).
func luminance(col color.Color) float64 {
	r, g, b, _ := col.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// inkOn is black or white, whichever reads better on col.
func inkOn(col color.Color) color.Color {
	if luminance(col) > 0.45 {
		return color.RGBA{0x11, 0x11, 0x11, 0xff}
	}
	return color.White
}
