package chart

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	stdfont "golang.org/x/image/font"

	"parley/assets/fonts"
)

// glyphText is the one text layer of every chart: a gonum/plot text handler
// that shapes each line with go-text (HarfBuzz shaping, Unicode bidi, a face
// per script) and fills the glyphs' outlines as vg paths. So a PNG, an SVG
// and a PDF draw the same shapes (no font is embedded, no text encoded: a PDF
// viewer and an SVG viewer have nothing to substitute or replace with '?'),
// Persian joins and runs right to left, and Chinese has a face.
//
// Latin, Greek and Cyrillic are set in Liberation Sans (gonum/plot's own
// face, so a Latin label measures what it always did); Arabic script in Noto
// Sans Arabic; CJK in Droid Sans Fallback (assets/fonts). A character none of
// them has is drawn as Liberation's missing-glyph box, never dropped.
//
// Extents (ascent, descent, line height) are Liberation Sans's at the size,
// whatever the script, so lines of mixed scripts keep one baseline grid.
type glyphText struct {
	plain text.Plain // Liberation metrics for Extents, and the font cache
}

// textHandler is the handler every chart text uses (newPlot and textStyle
// set it; a chart must not fall back to plot.DefaultTextHandler).
var textHandler text.Handler = glyphText{plain: plot.DefaultTextHandler.(text.Plain)}

var _ text.Handler = glyphText{}

func (h glyphText) Cache() *font.Cache               { return h.plain.Fonts }
func (h glyphText) Extents(f font.Font) font.Extents { return h.plain.Extents(sansOf(f)) }
func (h glyphText) Lines(txt string) []string        { return h.plain.Lines(txt) }

// Box is the width of the shaped line and Liberation's ascent and descent.
func (h glyphText) Box(txt string, f font.Font) (width, height, depth vg.Length) {
	e := h.Extents(f)
	return shapeLine(txt, f).width(f.Size), e.Ascent, e.Descent
}

// Draw sets txt as text.Plain would (same alignment, rotation and line
// advance), filling outlines instead of calling FillString.
func (h glyphText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" || sty.Font.Size <= 0 {
		return
	}
	sty.Handler = h
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin

	lines := h.Lines(txt)
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - h.Extents(sty.Font).Ascent
	for i, line := range lines {
		sh := shapeLine(line, sty.Font)
		x := vg.Length(sty.XAlign) * sh.width(sty.Font.Size)
		n := vg.Length(len(lines) - i)
		at := pt.Add(vg.Point{X: x, Y: n * sty.Font.Size})
		sh.fill(c, at, sty.Font.Size)
		if tl, ok := layerOf(c); ok {
			tl.hiddenText(h.plain.Fonts.Lookup(sansOf(sty.Font), sty.Font.Size), at, line)
		}
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

// layerOf finds the text layer under c: draw.Canvas hands a handler itself,
// not the vg canvas it wraps.
func layerOf(c vg.Canvas) (textLayer, bool) {
	for {
		switch v := c.(type) {
		case textLayer:
			return v, true
		case *draw.Canvas:
			c = v.Canvas
		case draw.Canvas:
			c = v.Canvas
		default:
			return nil, false
		}
	}
}

// fillString draws s with its baseline's left end at pt in f: what a
// canvas's FillString does, through the shaper (pdfCanvas routes any stray
// FillString here, so no text reaches vgpdf's WinAnsi fonts).
func fillString(c vg.Canvas, f font.Face, pt vg.Point, s string) {
	shapeLine(s, f.Font).fill(c, pt, f.Font.Size)
}

// sansOf maps any face a plot asks for to Liberation Sans of its weight and
// style: every chart text is sans (plot's own default is the serif).
func sansOf(f font.Font) font.Font {
	f.Typeface, f.Variant = "Liberation", "Sans"
	return f
}

// faceSet is the fallback chain for one weight and style.
type faceSet struct {
	faces []*gtfont.Face
}

func (s *faceSet) ResolveFace(r rune) *gtfont.Face {
	for _, f := range s.faces {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	return s.faces[0]
}

func mustFace(b []byte) *gtfont.Face {
	f, err := gtfont.ParseTTF(bytes.NewReader(b))
	if err != nil {
		panic("chart: a compiled-in font does not parse: " + err.Error())
	}
	return f
}

type faceKey struct{ bold, italic bool }

var (
	facesOnce sync.Once
	faceSets  map[faceKey]*faceSet
)

func facesFor(f font.Font) *faceSet {
	facesOnce.Do(func() {
		arR, arB, cjk := mustFace(fonts.ArabicRegular), mustFace(fonts.ArabicBold), mustFace(fonts.CJK)
		faceSets = map[faceKey]*faceSet{
			{false, false}: {faces: []*gtfont.Face{mustFace(liberationsansregular.TTF), arR, cjk}},
			{true, false}:  {faces: []*gtfont.Face{mustFace(liberationsansbold.TTF), arB, cjk}},
			{false, true}:  {faces: []*gtfont.Face{mustFace(liberationsansitalic.TTF), arR, cjk}},
			{true, true}:   {faces: []*gtfont.Face{mustFace(liberationsansbolditalic.TTF), arB, cjk}},
		}
	})
	return faceSets[faceKey{bold: f.Weight >= stdfont.WeightSemiBold, italic: f.Style != stdfont.StyleNormal}]
}

// shapedRun is one run of a line in one face and direction, its glyphs in
// visual (left to right) order, positions in the face's font units.
type shapedRun struct {
	face   *gtfont.Face
	upem   float64
	glyphs []shaping.Glyph
}

// shaped is a line ready to draw: its runs in visual order.
type shaped struct {
	runs []shapedRun
}

// width is the line's advance at size.
func (s shaped) width(size vg.Length) vg.Length {
	var w float64
	for _, r := range s.runs {
		for _, g := range r.glyphs {
			w += float64(g.XAdvance) / 64 / r.upem
		}
	}
	return vg.Length(w) * size
}

// fill draws the line's glyphs with the baseline's left end at o, each glyph
// its own filled path (overlapping joins of Arabic letters then never cancel
// out under any fill rule).
func (s shaped) fill(c vg.Canvas, o vg.Point, size vg.Length) {
	// On a canvas too small for a chart's margins plot.Plot can place text
	// at non-finite points; rasterising such a path never ends.
	for _, v := range []float64{float64(o.X), float64(o.Y), float64(size)} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
	}
	x := float64(o.X)
	for _, r := range s.runs {
		k := float64(size) / r.upem
		for _, g := range r.glyphs {
			gx := x + float64(g.XOffset)/64*k
			gy := float64(o.Y) + float64(g.YOffset)/64*k
			if p, ok := outline(r.face, g.GlyphID, gx, gy, k); ok {
				c.Fill(p)
			}
			x += float64(g.XAdvance) / 64 * k
		}
	}
}

// outline is glyph gid of face as a path at (x, y), k points per font unit.
func outline(face *gtfont.Face, gid gtfont.GID, x, y, k float64) (vg.Path, bool) {
	o, ok := outlineOf(face, gid)
	if !ok || len(o.Segments) == 0 {
		return nil, false
	}
	pt := func(p gtfont.SegmentPoint) vg.Point {
		return vg.Point{X: vg.Length(x + float64(p.X)*k), Y: vg.Length(y + float64(p.Y)*k)}
	}
	p := make(vg.Path, 0, len(o.Segments)+8)
	open := false
	for _, seg := range o.Segments {
		switch seg.Op {
		case opentype.SegmentOpMoveTo:
			if open {
				p.Close()
			}
			p.Move(pt(seg.Args[0]))
			open = true
		case opentype.SegmentOpLineTo:
			p.Line(pt(seg.Args[0]))
		case opentype.SegmentOpQuadTo:
			p.QuadTo(pt(seg.Args[0]), pt(seg.Args[1]))
		case opentype.SegmentOpCubeTo:
			p.CubeTo(pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
		}
	}
	if open {
		p.Close()
	}
	return p, true
}

// outlines caches each glyph's outline (font units): a chart draws the same
// few hundred glyphs again on every frame.
var outlines sync.Map // outlineKey -> gtfont.GlyphOutline

type outlineKey struct {
	face *gtfont.Face
	gid  gtfont.GID
}

func outlineOf(face *gtfont.Face, gid gtfont.GID) (gtfont.GlyphOutline, bool) {
	k := outlineKey{face, gid}
	if v, ok := outlines.Load(k); ok {
		return v.(gtfont.GlyphOutline), true
	}
	var o gtfont.GlyphOutline
	faceMu.Lock()
	data := face.GlyphData(gid)
	faceMu.Unlock()
	switch d := data.(type) {
	case gtfont.GlyphOutline:
		o = d
	case gtfont.GlyphSVG:
		o = d.Outline
	default:
		return o, false
	}
	outlines.Store(k, o)
	return o, true
}

// faceMu serialises every use of the shared go-text faces: a Face keeps
// unguarded caches of its own (glyph extents), and charts are drawn on
// several goroutines at once (the window, exports, the Monte Carlo views).
// Shaping and outlines are cached, so the lock is taken once per new line or
// glyph.
var faceMu sync.Mutex

// shapeCache keeps shaped lines by text and face (sizes scale linearly, so
// one shaping serves every size). Cleared when it grows past shapeCacheMax.
var (
	shapeMu    sync.Mutex
	shapeCache = map[shapeKey]shaped{}
)

const shapeCacheMax = 8192

type shapeKey struct {
	text string
	face faceKey
}

// shapeLine shapes one line of text in f's weight and style.
func shapeLine(line string, f font.Font) shaped {
	fk := faceKey{bold: f.Weight >= stdfont.WeightSemiBold, italic: f.Style != stdfont.StyleNormal}
	key := shapeKey{line, fk}
	shapeMu.Lock()
	s, ok := shapeCache[key]
	shapeMu.Unlock()
	if ok {
		return s
	}
	faces := facesFor(f)
	faceMu.Lock()
	s = shapeUncached(line, faces)
	faceMu.Unlock()
	shapeMu.Lock()
	if len(shapeCache) >= shapeCacheMax {
		clear(shapeCache)
	}
	shapeCache[key] = s
	shapeMu.Unlock()
	return s
}

// shapeUncached splits line into runs of one direction, script and face
// (go-text's segmenter runs the Unicode bidi algorithm), shapes each at its
// face's em size (so positions come out in font units), then orders the runs
// for display by their bidi levels (rule L2).
func shapeUncached(line string, faces *faceSet) shaped {
	runes := []rune(line)
	if len(runes) == 0 {
		return shaped{}
	}
	base := paragraphDirection(runes)
	in := shaping.Input{Text: runes, RunStart: 0, RunEnd: len(runes), Direction: base, Face: faces.faces[0]}
	var seg shaping.Segmenter
	var hb shaping.HarfbuzzShaper
	parts := seg.Split(in, faces)
	runs := make([]shapedRun, 0, len(parts))
	levels := make([]int, 0, len(parts))
	for _, p := range parts {
		upem := p.Face.Upem()
		p.Size = fixed.I(int(upem))
		out := hb.Shape(p)
		// HarfBuzz returns a right-to-left run's glyphs already in visual
		// order (left to right), so each run draws left to right.
		runs = append(runs, shapedRun{face: out.Face, upem: float64(upem), glyphs: out.Glyphs})
		levels = append(levels, bidiLevel(base, p.Direction))
	}
	reorder(runs, levels)
	return shaped{runs: runs}
}

// paragraphDirection is the direction of the first strong character (bidi
// rules P2-P3): a label that starts in Persian reads right to left even with
// Latin words in it.
func paragraphDirection(runes []rune) di.Direction {
	for _, r := range runes {
		switch {
		case isRTL(r):
			return di.DirectionRTL
		case isStrongLTR(r):
			return di.DirectionLTR
		}
	}
	return di.DirectionLTR
}

func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF ||
		r >= 0x10800 && r <= 0x10FFF || r >= 0x1E800 && r <= 0x1EFFF
}

func isStrongLTR(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r < 0xC0:
		return false
	case r >= 0x2000 && r <= 0x2BFF: // punctuation, symbols, arrows
		return false
	case r >= 0x3000 && r <= 0x303F: // CJK punctuation
		return false
	}
	return !isRTL(r)
}

// bidiLevel is the embedding level of a run: a right-to-left run is odd, a
// left-to-right run inside a right-to-left paragraph is 2.
func bidiLevel(base, dir di.Direction) int {
	rtl := dir.Progression() == di.TowardTopLeft
	switch {
	case base.Progression() == di.TowardTopLeft && rtl:
		return 1
	case base.Progression() == di.TowardTopLeft:
		return 2
	case rtl:
		return 1
	}
	return 0
}

// reorder applies bidi rule L2 to the runs: from the highest level down to
// the lowest odd level, reverse every maximal sequence at that level or above.
func reorder(runs []shapedRun, levels []int) {
	hi, lowOdd := 0, math.MaxInt
	for _, l := range levels {
		hi = max(hi, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for lv := hi; lv >= lowOdd && lv > 0; lv-- {
		for i := 0; i < len(runs); {
			if levels[i] < lv {
				i++
				continue
			}
			j := i
			for j < len(runs) && levels[j] >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
				levels[a], levels[b] = levels[b], levels[a]
			}
			i = j
		}
	}
}

// missingGlyphs lists the characters of s that no chart face has (they draw
// as a box); spaces and invisible format characters (ZWNJ, marks of
// direction) need no glyph.
func missingGlyphs(s string) []rune {
	fs := facesFor(font.Font{})
	var out []rune
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		found := false
		for _, f := range fs.faces {
			if _, ok := f.NominalGlyph(r); ok {
				found = true
				break
			}
		}
		if !found {
			out = append(out, r)
		}
	}
	return out
}
