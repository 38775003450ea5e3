//go:build ignore

// gen_icon draws Parley's icon: three actor bubbles of different clout on a
// negotiation axis, with the forecast marked. Run: go run gen_icon.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

func main() {
	const n = 512
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	bg := color.NRGBA{0x1d, 0x35, 0x57, 0xff}
	type disc struct {
		x, y, r float64
		c       color.NRGBA
	}
	discs := []disc{
		{150, 250, 92, color.NRGBA{0x00, 0x9e, 0xdb, 0xff}},
		{330, 220, 62, color.NRGBA{0xe6, 0x9f, 0x00, 0xff}},
		{390, 320, 40, color.NRGBA{0xd5, 0x5e, 0x00, 0xff}},
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			// Rounded square, radius 96, antialiased by coverage.
			a := roundedCover(fx, fy, n, 96)
			if a == 0 {
				continue
			}
			c := bg
			for _, d := range discs {
				cov := clamp(d.r - math.Hypot(fx-d.x, fy-d.y) + 0.5)
				c = mix(c, d.c, cov*0.92)
			}
			// The issue axis and the forecast tick.
			if fy > 392 && fy < 404 && fx > 70 && fx < 442 {
				c = mix(c, color.NRGBA{0xf2, 0xf2, 0xf2, 0xff}, 1)
			}
			if fx > 282 && fx < 296 && fy > 360 && fy < 436 {
				c = mix(c, color.NRGBA{0xff, 0xff, 0xff, 0xff}, 1)
			}
			c.A = uint8(255 * a)
			img.SetNRGBA(x, y, c)
		}
	}
	f, err := os.Create("icon.png")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		panic(err)
	}
}

func roundedCover(x, y, n, r float64) float64 {
	cx := math.Max(math.Max(r-x, x-(n-r)), 0)
	cy := math.Max(math.Max(r-y, y-(n-r)), 0)
	return clamp(r - math.Hypot(cx, cy) + 0.5)
}

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}
