package chart

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"parley/model"
)

// Size is an exported chart's size in pixels. At a DPI it is also a physical
// size: W/DPI inches wide, the size SVG and PDF exports get.
type Size struct{ W, H int }

// The slide sizes Parley offers; A4Landscape depends on the DPI.
var (
	SizeFullHD = Size{1920, 1080} // 16:9 slide, the default
	SizeHD     = Size{1280, 720}  // 16:9 slide, smaller
)

// Export limits: DPI between 96 (screen) and 300 (print); no side beyond
// MaxSide pixels (a 10000×10000 image already takes 400 MB to draw).
const (
	MinDPI     = 96
	MaxDPI     = 300
	DefaultDPI = 96
	MinSide    = 64
	MaxSide    = 10000
)

// A4Landscape is an A4 sheet on its side (297 × 210 mm) in pixels at dpi.
func A4Landscape(dpi int) Size {
	px := func(mm float64) int { return int(math.Round(mm / 25.4 * float64(dpi))) }
	return Size{px(297), px(210)}
}

// NamedSize is a size preset as the export dialog lists it.
type NamedSize struct {
	Name string
	Size Size
}

// SizePresets lists the preset sizes at dpi; anything else is a custom size.
func SizePresets(dpi int) []NamedSize {
	return []NamedSize{
		{"1920 × 1080 (16:9 slide)", SizeFullHD},
		{"1280 × 720 (16:9 slide)", SizeHD},
		{"A4 landscape", A4Landscape(dpi)},
	}
}

// ParseSize reads a size as the CLI takes it: "WxH" in pixels ("1920x1080",
// "1920×1080") or a preset name: "fullhd" (or "1080p"), "hd" ("720p"), "a4".
func ParseSize(s string, dpi int) (Size, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "fullhd", "1080p":
		return SizeFullHD, nil
	case "hd", "720p":
		return SizeHD, nil
	case "a4", "a4-landscape", "a4landscape":
		return A4Landscape(dpi), nil
	}
	s = strings.NewReplacer("×", "x", "X", "x").Replace(s)
	ws, hs, ok := strings.Cut(s, "x")
	w, errW := strconv.Atoi(strings.TrimSpace(ws))
	h, errH := strconv.Atoi(strings.TrimSpace(hs))
	if !ok || errW != nil || errH != nil {
		return Size{}, model.Invalid("--size", "WxH in pixels", "size %q is not WIDTHxHEIGHT in pixels (e.g. 1920x1080) nor fullhd, hd or a4", s)
	}
	sz := Size{w, h}
	return sz, sz.Check()
}

// Check says whether the size can be drawn.
func (s Size) Check() error {
	if s.W < MinSide || s.H < MinSide || s.W > MaxSide || s.H > MaxSide {
		return model.Invalid("size", fmt.Sprintf("%d-%d pixels a side", MinSide, MaxSide), "size %d×%d is out of range: each side must be %d to %d pixels", s.W, s.H, MinSide, MaxSide)
	}
	return nil
}

// CheckDPI says whether dpi is in the range exports support.
func CheckDPI(dpi int) error {
	if dpi < MinDPI || dpi > MaxDPI {
		return model.Invalid("dpi", fmt.Sprintf("%d-%d", MinDPI, MaxDPI), "DPI %d is out of range: use %d (screen) to %d (print)", dpi, MinDPI, MaxDPI)
	}
	return nil
}

// Points is the physical size at dpi, in points (1/72 inch).
func (s Size) Points(dpi int) (w, h vg.Length) {
	return vg.Length(float64(s.W) / float64(dpi) * 72), vg.Length(float64(s.H) / float64(dpi) * 72)
}

func (s Size) String() string { return fmt.Sprintf("%d×%d", s.W, s.H) }

// Format is an export file format.
type Format string

// The export formats: PNG is a bitmap of exactly Size pixels; SVG and PDF are
// vector drawings of the same physical size.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// ParseFormat reads "png", "svg" or "pdf".
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimPrefix(s, "."))); f {
	case PNG, SVG, PDF:
		return f, nil
	}
	return "", model.Invalid("--format", "png, svg or pdf", "unknown chart format %q; use png, svg or pdf", s)
}

// FormatOf guesses the format from a file name's extension.
func FormatOf(path string) (Format, error) {
	return ParseFormat(filepath.Ext(path))
}

// ExportOptions say how a chart is written.
type ExportOptions struct {
	Format Format
	Size   Size
	DPI    int     // 0 = DefaultDPI
	Footer *Footer // nil: no footer strip
	Style  Style   // the style the chart was built with (zero: Light); footer colours come from it
}

func (o *ExportOptions) check() error {
	if o.DPI == 0 {
		o.DPI = DefaultDPI
	}
	if o.Style.Background == nil {
		o.Style = Light()
	}
	if _, err := ParseFormat(string(o.Format)); err != nil {
		return err
	}
	if err := o.Size.Check(); err != nil {
		return err
	}
	return CheckDPI(o.DPI)
}

// ExportStyle is base with its type scaled to a canvas of size s at dpi, so
// a chart reads the same on a 1280×720 slide, a 1920×1080 slide and an A4
// page: the base size at 560 points (a 720-pixel-high screen at 96 DPI) on
// the shorter side, scaled in proportion, never below 7 or above 22 points.
func ExportStyle(base Style, s Size, dpi int) Style {
	w, h := s.Points(dpi)
	f := float64(base.FontSize) * float64(min(w, h)) / 560
	base.FontSize = vg.Length(math.Max(7, math.Min(22, f)))
	return base
}

// Export draws p at the options' size and writes it in their format: a PNG
// of exactly Size pixels, or an SVG or PDF of the same physical size. The
// footer, if any, takes a strip along the bottom; the chart fills the rest.
// Text is drawn as glyph outlines in every format (glyphText); a PDF also
// carries it as invisible text for search (see pdfCanvas).
func Export(w io.Writer, p *plot.Plot, o ExportOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	t := newTarget(o.Format, o.Size, o.DPI)
	drawChart(draw.New(t.canvas), p, o.Footer, o.Style)
	return t.write(w)
}

// drawChart fills c with st's background, draws the footer strip if any and
// the plot inside a small margin above it.
func drawChart(c draw.Canvas, p *plot.Plot, f *Footer, st Style) {
	c.SetColor(st.Background)
	c.Fill(c.Rectangle.Path())
	m := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y) / 60
	if f != nil {
		c = drawFooter(c, *f, st, m)
	}
	p.Draw(draw.Crop(c, m, -m, m/2, -m))
}

// target is a canvas of one format at a size, with what writes it out.
type target struct {
	canvas interface {
		vg.Canvas
		Size() (vg.Length, vg.Length)
	}
	img *vgimg.Canvas
	svg *vgsvg.Canvas
	pdf *vgpdf.Canvas
}

func newTarget(f Format, s Size, dpi int) target {
	w, h := s.Points(dpi)
	switch f {
	case SVG:
		c := vgsvg.New(w, h)
		return target{canvas: c, svg: c}
	case PDF:
		c := vgpdf.New(w, h)
		return target{canvas: newPDFCanvas(c), pdf: c}
	default:
		// Drawing into an image of the exact size avoids any rounding of W/DPI.
		c := vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, s.W, s.H))), vgimg.UseDPI(dpi))
		return target{canvas: c, img: c}
	}
}

func (t target) write(w io.Writer) error {
	var err error
	switch {
	case t.svg != nil:
		_, err = t.svg.WriteTo(w)
	case t.pdf != nil:
		_, err = t.pdf.WriteTo(w)
	default:
		// Fastest deflate: slides are flat colour, so files stay small, and a
		// deck of a dozen 1920×1080 slides encodes three times faster.
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		err = enc.Encode(w, t.img.Image())
	}
	return err
}
