package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
)

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
