package chart

import (
	"fmt"
	"image/color"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// searchable is s as vgpdf's Windows-1252 fonts can carry it, for a PDF's
// invisible text layer: "Türkiye", curly quotes and dashes as written; a
// character the code page lacks (Persian, CJK, emoji) is left out, never
// turned into '?'. The visible text is outlines (glyphText) and needs no
// encoding at all.
func searchable(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
		}
	}
	return strings.TrimSpace(string(b))
}

// textLayer is a canvas that keeps, beside the drawn outlines, the text
// itself (a PDF, so a briefing can be searched and copied from).
type textLayer interface {
	hiddenText(f font.Face, pt vg.Point, s string)
}

// pdfCanvas fixes the traps of vgpdf on the way in. Text arrives as filled
// glyph outlines (glyphText), so every script prints as on screen; each line
// is also written as invisible text (alpha 0) in Windows-1252 under its
// outlines, so pdftotext and a viewer's search find the Latin words. A bold
// or italic face gets a name of its own with a regular weight and style:
// vgpdf registers each face under its name with no style but looks it up
// with "B"/"I", so bold text would panic ("undefined font").
type pdfCanvas struct {
	vg.Canvas
	col *color.Color // the colour last set, restored after hidden text
}

func newPDFCanvas(c vg.Canvas) pdfCanvas {
	col := color.Color(color.Black)
	return pdfCanvas{Canvas: c, col: &col}
}

// FillString draws s as outlines (through the shaper, like every chart
// text), then as hidden text.
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	fillString(c, f, pt, s)
	c.hiddenText(f, pt, s)
}

func (c pdfCanvas) hiddenText(f font.Face, pt vg.Point, s string) {
	s = searchable(s)
	if s == "" || f.Font.Size <= 0 {
		return
	}
	f.Font = sansOf(f.Font)
	if f.Font.Weight != xfont.WeightNormal || f.Font.Style != xfont.StyleNormal {
		f.Font.Variant += font.Variant(fmt.Sprintf("W%dS%d", f.Font.Weight, f.Font.Style))
		f.Font.Weight, f.Font.Style = xfont.WeightNormal, xfont.StyleNormal
	}
	c.Canvas.SetColor(color.Transparent)
	c.Canvas.FillString(f, pt, s)
	c.SetColor(*c.col)
}

// SetColor hands vgpdf the colour's straight (not premultiplied) components:
// vgpdf takes RGBA() as they come, so a translucent white label backing
// (alpha 0xd0) would print as translucent grey and every translucent
// bubble darker than on screen.
func (c pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	if c.col != nil {
		*c.col = col
	}
	n := color.NRGBAModel.Convert(col).(color.NRGBA)
	c.Canvas.SetColor(straightRGBA{uint32(n.R) * 0x101, uint32(n.G) * 0x101, uint32(n.B) * 0x101, uint32(n.A) * 0x101})
}

// straightRGBA reports its components unpremultiplied, which is what vgpdf
// reads them as. It is only for handing to vgpdf.
type straightRGBA struct{ r, g, b, a uint32 }

func (c straightRGBA) RGBA() (r, g, b, a uint32) { return c.r, c.g, c.b, c.a }

// Size lets draw.New use the wrapper directly.
func (c pdfCanvas) Size() (vg.Length, vg.Length) {
	return c.Canvas.(vg.CanvasSizer).Size()
}

// wrapLines breaks s into lines no wider than width when set in sty, at
// spaces; a word longer than a line is cut. Existing line breaks are kept.
func wrapLines(s string, sty draw.TextStyle, width vg.Length) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			try := w
			if line != "" {
				try = line + " " + w
			}
			if sty.Width(try) <= width {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			for sty.Width(w) > width && utf8.RuneCountInString(w) > 1 {
				head := cutToWidth(w, sty, width)
				out = append(out, head)
				w = w[len(head):]
			}
			line = w
		}
		out = append(out, line)
	}
	return out
}

// cutToWidth returns the longest prefix of w (at least one rune) that fits width.
func cutToWidth(w string, sty draw.TextStyle, width vg.Length) string {
	end := 0
	for i, r := range w {
		next := i + utf8.RuneLen(r)
		if end > 0 && sty.Width(w[:next]) > width {
			break
		}
		end = next
	}
	return w[:end]
}

// ellipsize shortens s with "…" until it fits width in sty.
func ellipsize(s string, sty draw.TextStyle, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && sty.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;:·-") + "…"
}

// lineHeight is the distance between the baselines of two lines of sty.
func lineHeight(sty draw.TextStyle) vg.Length {
	return sty.FontExtents().Height
}

// fillLines draws lines top-down from the top-left corner at (x, top) and
// returns the y of the bottom of the last line.
func fillLines(c *draw.Canvas, sty draw.TextStyle, x, top vg.Length, lines []string) vg.Length {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	lh := lineHeight(sty)
	y := top
	for _, l := range lines {
		c.FillText(sty, vg.Point{X: x, Y: y}, l)
		y -= lh
	}
	return y
}
