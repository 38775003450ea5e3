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

// toWindows1252 converts s to Windows-1252 bytes, the encoding vgpdf's fonts
// use: "Türkiye", curly quotes and dashes keep their glyphs; a character the
// code page lacks (Cyrillic, CJK, emoji) becomes '?'.
func toWindows1252(s string) string {
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
		} else {
			b = append(b, '?')
		}
	}
	return string(b)
}

// pdfCanvas fixes two traps of vgpdf on the way in. Every string reaches the
// PDF in Windows-1252 (layout, widths and alignment are measured on the UTF-8
// text before it gets here, from the same font metrics, so only the bytes
// change). And a bold or italic face gets a name of its own with a regular
// weight and style: vgpdf registers each face under its name with no style
// but looks it up with "B"/"I", so bold text would panic ("undefined font").
type pdfCanvas struct {
	vg.Canvas
}

func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight != xfont.WeightNormal || f.Font.Style != xfont.StyleNormal {
		f.Font.Variant += font.Variant(fmt.Sprintf("W%dS%d", f.Font.Weight, f.Font.Style))
		f.Font.Weight, f.Font.Style = xfont.WeightNormal, xfont.StyleNormal
	}
	c.Canvas.FillString(f, pt, toWindows1252(s))
}

// SetColor hands vgpdf the colour's straight (not premultiplied) components:
// vgpdf takes RGBA() as they come, so a translucent white label backing
// (alpha 0xd0) would print as translucent grey and every translucent
// bubble darker than on screen.
func (c pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
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
