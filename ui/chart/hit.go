package chart

import (
	"image/color"
	"math"
	"runtime"
	"sync"
	"unsafe"
	"weak"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// layers maps a stance map's plot to its bubble layer, so a tap can be tested
// against the bubbles where they are drawn (moved apart, on the issue's own
// scale, at their ends on a two-issue map), not where the data alone puts
// them. An entry goes when its plot is collected.
var layers sync.Map // the plot's address → *drawnLayer

// drawnLayer is a plot's bubble layer with a weak reference to the plot: the
// entry neither keeps the plot alive nor answers for another plot that came
// to live at the same address.
type drawnLayer struct {
	plot  weak.Pointer[plot.Plot]
	layer *bubbleLayer
}

func remember(p *plot.Plot, l *bubbleLayer) {
	e := &drawnLayer{plot: weak.Make(p), layer: l}
	k := uintptrOf(p)
	layers.Store(k, e)
	runtime.AddCleanup(p, func(e *drawnLayer) { layers.CompareAndDelete(k, e) }, e)
}

// DrawnBubble is one actor's bubble as drawn on a width×height image: its
// centre and radius in pixels.
type DrawnBubble struct {
	Actor  int
	X, Y   float64
	Radius float64
}

// DrawnBubbles are the bubbles of a stance map (one-issue or two-issue) as
// drawn on a width×height image of p at dpi; nil for any other chart.
func DrawnBubbles(p *plot.Plot, width, height int, dpi float64) []DrawnBubble {
	v, ok := layers.Load(uintptrOf(p))
	if !ok || v.(*drawnLayer).plot.Value() != p || width <= 0 || height <= 0 || dpi <= 0 {
		return nil
	}
	l := v.(*drawnLayer).layer
	toPt := vg.Inch.Points() / dpi
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: vg.Length(float64(width) * toPt), Y: vg.Length(float64(height) * toPt)}}}
	dc := p.DataCanvas(c)
	trX, trY := p.Transforms(&dc)
	radii := l.radiiIn(dc.Rectangle)
	at := make([]vg.Point, len(l.bubbles))
	for i, b := range l.bubbles {
		at[i] = vg.Point{X: trX(b.X), Y: trY(b.Y)}
	}
	centres := separate(at, radii, dc.Rectangle, l.style.scaled(1.5)) // as bubbleLayer.layout does
	out := make([]DrawnBubble, len(l.bubbles))
	for i, b := range l.bubbles {
		out[i] = DrawnBubble{Actor: b.Actor, X: float64(centres[i].X) / toPt, Y: float64(height) - float64(centres[i].Y)/toPt, Radius: float64(radii[i]) / toPt}
	}
	return out
}

// HitBubble is the actor whose drawn bubble the pixel (px, py) falls on, or
// nearest within reach pixels (at 96 DPI) of its edge.
func HitBubble(bs []DrawnBubble, dpi, px, py, reach float64) (actor int, ok bool) {
	best := math.Inf(1)
	for _, b := range bs {
		if d := math.Hypot(b.X-px, b.Y-py) - b.Radius; d < best {
			best, actor = d, b.Actor
		}
	}
	return actor, best <= reach*dpi/96
}

// NearestXY is the index of the data point (x, y) of pts drawn nearest to
// the pixel (px, py) of a width×height image of p rendered at dpi, and
// whether it lies within reach pixels (at 96 DPI; scaled with dpi). A hit
// test for a bubble or a marker uses the plot's own transform, so what the
// analyst taps is what was drawn.
func NearestXY(p *plot.Plot, pts [][2]float64, width, height int, dpi, px, py, reach float64) (int, bool) {
	toPixel := PixelTransform(p, width, height, dpi)
	if toPixel == nil || len(pts) == 0 {
		return 0, false
	}
	best, at := math.Inf(1), 0
	for k, q := range pts {
		if !finite(q[0]) || !finite(q[1]) {
			continue
		}
		qx, qy := toPixel(q[0], q[1])
		if d := math.Hypot(qx-px, qy-py); d < best {
			best, at = d, k
		}
	}
	return at, best <= reach*dpi/96
}

// VisibleTrajectory is d with the hidden actors left out (hidden[a] true)
// and, when focus is an actor's index, every other actor's line faded, so
// one actor reads clearly among twelve. index maps each actor drawn to its
// place in d.
func VisibleTrajectory(d TrajectoryData, hidden []bool, focus int) (out TrajectoryData, index []int) {
	out = d
	out.Names, out.Colors, out.Rounds = nil, nil, make([][]float64, len(d.Rounds))
	for a := range d.Names {
		if a < len(hidden) && hidden[a] {
			continue
		}
		index = append(index, a)
		out.Names = append(out.Names, d.Names[a])
		var c color.Color
		if a < len(d.Colors) && d.Colors[a] != nil {
			c = d.Colors[a]
		} else {
			c = ActorColor("", a)
		}
		if focus >= 0 && focus != a {
			c = faded(c)
		}
		out.Colors = append(out.Colors, c)
		for r := range d.Rounds {
			out.Rounds[r] = append(out.Rounds[r], d.Rounds[r][a])
		}
	}
	return out, index
}

// faded is c at a quarter of its opacity (its own copy: the stance map's
// helpers are that chart's).
func faded(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x40}
}

func uintptrOf(p *plot.Plot) uintptr { return uintptr(unsafe.Pointer(p)) }
