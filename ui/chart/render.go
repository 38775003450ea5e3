package chart

import (
	"bytes"
	"image"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Image renders p into an image of exactly w×h pixels at dpi dots per inch
// (96 on screen; the type sizes scale with dpi).
func Image(p *plot.Plot, w, h int, dpi float64) image.Image {
	wl := vg.Length(float64(w) / dpi * vg.Inch.Points())
	hl := vg.Length(float64(h) / dpi * vg.Inch.Points())
	c := vgimg.NewWith(vgimg.UseWH(wl, hl), vgimg.UseDPI(int(dpi)), vgimg.UseBackgroundColor(p.BackgroundColor))
	p.Draw(draw.New(c))
	return c.Image()
}

// WritePNG writes p as a w×h pixel PNG at dpi.
func WritePNG(w io.Writer, p *plot.Plot, width, height int, dpi float64) error {
	wl := vg.Length(float64(width) / dpi * vg.Inch.Points())
	hl := vg.Length(float64(height) / dpi * vg.Inch.Points())
	c := vgimg.NewWith(vgimg.UseWH(wl, hl), vgimg.UseDPI(int(dpi)), vgimg.UseBackgroundColor(p.BackgroundColor))
	p.Draw(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
	return err
}

// PNGBytes is WritePNG into memory.
func PNGBytes(p *plot.Plot, width, height int, dpi float64) ([]byte, error) {
	var b bytes.Buffer
	err := WritePNG(&b, p, width, height, dpi)
	return b.Bytes(), err
}
