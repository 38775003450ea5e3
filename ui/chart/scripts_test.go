package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"parley/assets/fonts"
	"parley/model"
)

// The names an analyst keeps in their own script: Persian with a ZWNJ
// (U+200C between ه and ای), Chinese, Latin with a diacritic.
var scriptLabels = []string{"علی خامنه‌ای", "中国", "Türkiye"}

// scriptsChart is a one-issue stance map of three actors labelled labels,
// spread out so each label sits beside its bubble.
func scriptsChart(labels []string, st Style) (StanceInput, error) {
	in := StanceInput{Title: "Enrichment — " + strings.Join(scriptLabels, ", "),
		Issue: model.Issue{Key: "x", Name: "Enrichment level", StatusQuo: 50}}
	at := [][2]float64{{15, 75}, {50, 35}, {75, 80}}
	for i, l := range labels {
		in.Bubbles = append(in.Bubbles, Bubble{Label: l, X: at[i][0], Y: at[i][1], Size: 30, Color: ActorColor("", i)})
	}
	in.Markers = []Marker{StatusQuoMarker(st, 50)}
	return in, nil
}

const scriptsW, scriptsH = 1280, 720

// scriptsExport exports the chart with labels in format f at 1280×720, 96 DPI,
// no footer, and returns the file and the labels' boxes in pixels (top-left
// origin), as Export lays the chart out.
func scriptsExport(t *testing.T, labels []string, f Format) ([]byte, []image.Rectangle) {
	t.Helper()
	st := ExportStyle(Light(), Size{W: scriptsW, H: scriptsH}, 96)
	in, _ := scriptsChart(labels, st)
	p, layer, err := stanceMap(in, st)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Export(&b, p, ExportOptions{Format: f, Size: Size{W: scriptsW, H: scriptsH}, DPI: 96, Style: st}); err != nil {
		t.Fatal(err)
	}
	// The data area as drawChart hands it to the plot (no footer).
	c := draw.New(vgimg.NewWith(vgimg.UseWH(scriptsW*0.75, scriptsH*0.75), vgimg.UseDPI(96)))
	m := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y) / 60
	dc := p.DataCanvas(draw.Crop(c, m, -m, m/2, -m))
	lay := layer.layout(dc, p)
	var boxes []image.Rectangle
	for _, pl := range lay.placed {
		px := func(v vg.Length) int { return int(float64(v) / 0.75) }
		boxes = append(boxes, image.Rect(px(pl.box.Min.X), scriptsH-px(pl.box.Max.Y), px(pl.box.Max.X), scriptsH-px(pl.box.Min.Y)))
	}
	return b.Bytes(), boxes
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// rasterPDF renders page 1 of a PDF with poppler at 96 DPI.
func rasterPDF(t *testing.T, pdf []byte) image.Image {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "x.pdf")
	os.WriteFile(in, pdf, 0o644)
	if out, err := exec.Command("pdftoppm", "-r", "96", "-png", "-singlefile", in, filepath.Join(dir, "x")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "x.png"))
	if err != nil {
		t.Fatal(err)
	}
	return decodePNG(t, b)
}

func gray(c color.Color) int {
	r, g, b, _ := c.RGBA()
	return int((299*r + 587*g + 114*b) / 1000 >> 8)
}

// inkDiff is the share of pixels in r that differ by more than 64 grey
// levels between a and b.
func inkDiff(a, b image.Image, r image.Rectangle) float64 {
	n, d := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			n++
			if g := gray(a.At(x, y)) - gray(b.At(x, y)); g > 64 || g < -64 {
				d++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(d) / float64(n)
}

// Every label is drawn in PNG and PDF: in each label's box the chart with
// the labels differs from the same chart with empty labels (ink where the
// glyphs are), and the PDF shows what the PNG shows there.
func TestScriptsDrawnInEveryFormat(t *testing.T) {
	empty := []string{"", "", ""}
	pngWith, boxes := scriptsExport(t, scriptLabels, PNG)
	pngWithout, _ := scriptsExport(t, empty, PNG)
	with, without := decodePNG(t, pngWith), decodePNG(t, pngWithout)
	if with.Bounds().Dx() != scriptsW || with.Bounds().Dy() != scriptsH {
		t.Fatalf("PNG is %v", with.Bounds())
	}
	for i, r := range boxes {
		if r.Dx() < 10 || r.Dy() < 8 {
			t.Fatalf("label %q has a box of %v", scriptLabels[i], r)
		}
		if d := inkDiff(with, without, r); d < 0.08 {
			t.Errorf("PNG: label %q: only %.1f%% of its box %v differs from the unlabelled chart", scriptLabels[i], 100*d, r)
		}
	}

	pdfWith, _ := scriptsExport(t, scriptLabels, PDF)
	pdfWithout, _ := scriptsExport(t, empty, PDF)
	pw, pwo := rasterPDF(t, pdfWith), rasterPDF(t, pdfWithout)
	for i, r := range boxes {
		if d := inkDiff(pw, pwo, r); d < 0.08 {
			t.Errorf("PDF: label %q: only %.1f%% of its box differs from the unlabelled chart", scriptLabels[i], 100*d)
		}
		// Same outlines, two rasterisers: a few edge pixels may differ.
		if d := inkDiff(pw, with, r); d > 0.03 {
			t.Errorf("PDF: label %q: %.1f%% of its box differs from the PNG", scriptLabels[i], 100*d)
		}
	}
	// Nothing was replaced: the text layer has the Latin name, no '?', no
	// U+FFFD; the Persian and Chinese names are drawn (above) but not text.
	text := pdfText(t, pdfWith)
	if !strings.Contains(text, "Türkiye") || strings.ContainsAny(text, "?\uFFFD") {
		t.Errorf("PDF text layer:\n%s", text)
	}

	// SVG: the same outlines as paths; no <text> for a viewer to set in a
	// substitute font.
	svgWith, _ := scriptsExport(t, scriptLabels, SVG)
	svgWithout, _ := scriptsExport(t, empty, SVG)
	if bytes.Contains(svgWith, []byte("<text")) {
		t.Error("the SVG has <text> elements")
	}
	glyphs := 0
	for _, l := range scriptLabels {
		s := shapeLine(l, sansFont)
		for _, r := range s.runs {
			for _, g := range r.glyphs {
				if o, ok := outlineOf(r.face, g.GlyphID); ok && len(o.Segments) > 0 {
					glyphs++
				}
			}
		}
	}
	if got := bytes.Count(svgWith, []byte("<path")) - bytes.Count(svgWithout, []byte("<path")); got < glyphs {
		t.Errorf("the labelled SVG has %d more paths than the unlabelled one, want at least the labels' %d glyphs", got, glyphs)
	}
}

// Persian is shaped and right to left: the label draws exactly the glyphs
// go-text's HarfBuzz gives for the string in Noto Sans Arabic, in visual
// order (the first letter, ع, rightmost), in joined forms, and the ZWNJ
// keeps ه from joining the ای after it.
func TestPersianShapedRightToLeft(t *testing.T) {
	face := facesFor(sansFont).faces[1]
	ref := func(s string) []shaping.Glyph {
		r := []rune(s)
		out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{Text: r, RunEnd: len(r), Direction: di.DirectionRTL,
			Face: face, Size: fixed.I(int(face.Upem())), Script: language.Arabic, Language: language.NewLanguage("fa")})
		return out.Glyphs
	}
	ids := func(s shaped) (gids []uint32, clusters []int) {
		for _, r := range s.runs {
			for _, g := range r.glyphs {
				gids, clusters = append(gids, uint32(g.GlyphID)), append(clusters, g.ClusterIndex)
			}
		}
		return
	}
	label := scriptLabels[0]
	got := shapeLine(label, sansFont)
	// One word per run at most; every run in Noto Sans Arabic.
	for _, r := range got.runs {
		if r.face != face {
			t.Fatalf("a run of %q is not set in Noto Sans Arabic", label)
		}
	}
	gotIDs, _ := ids(got)
	var want []uint32
	for _, g := range ref(label) {
		want = append(want, uint32(g.GlyphID))
	}
	if len(gotIDs) != len(want) {
		t.Fatalf("%d glyphs, go-text shapes %d", len(gotIDs), len(want))
	}
	for i := range want {
		if gotIDs[i] != want[i] {
			t.Fatalf("glyph %d is %d, go-text's shaping gives %d (got %v, want %v)", i, gotIDs[i], want[i], gotIDs, want)
		}
	}
	// Right to left: the word علی is drawn right of خامنه‌ای, and within
	// it the glyph of the first rune comes last.
	_, clusters := ids(got)
	if clusters[len(clusters)-1] != 0 {
		t.Errorf("the rightmost glyph is of rune %d, want rune 0 (ع)", clusters[len(clusters)-1])
	}
	if clusters[0] < 4 {
		t.Errorf("the leftmost glyph is of rune %d, want one of the second word", clusters[0])
	}
	// Shaped: joined letters are not their isolated (nominal) glyphs.
	joined := 0
	for i, r := range []rune(label) {
		nominal, _ := face.NominalGlyph(r)
		for k, c := range clusters {
			if c == i && uint32(nominal) != gotIDs[k] {
				joined++
			}
		}
	}
	if joined < 4 {
		t.Errorf("only %d glyphs differ from the letters' isolated forms: not shaped", joined)
	}
	// ZWNJ: خامنه‌ای and خامنهای shape differently.
	a, b := shapeLine("خامنه‌ای", sansFont), shapeLine("خامنهای", sansFont)
	ga, _ := ids(a)
	gb, _ := ids(b)
	if len(ga) == len(gb) {
		same := true
		for i := range ga {
			same = same && ga[i] == gb[i]
		}
		if same {
			t.Error("the ZWNJ changes nothing: ه joins ای across it")
		}
	}
	// The measured width (label placement) is the shaped advance.
	var adv fixed.Int26_6
	for _, g := range ref(label) {
		adv += g.XAdvance
	}
	size := vg.Length(12)
	w, _, _ := textHandler.Box(label, font.From(sansFont, size))
	if wantW := vg.Length(float64(adv)/64/float64(face.Upem())) * size; w < wantW-0.01 || w > wantW+0.01 {
		t.Errorf("width %v, shaped advance %v", w, wantW)
	}
}

// Every character of the labels has a glyph (no box, no gap): Chinese from
// Droid Sans Fallback, ü from Liberation Sans.
func TestScriptsHaveGlyphs(t *testing.T) {
	for _, l := range append(scriptLabels, "Ǧ ş ő ž — “quotes” → ≤ 日本語 ۱۲۳") {
		if m := missingGlyphs(l); len(m) > 0 {
			t.Errorf("%q: no glyph for %q", l, m)
		}
		for _, r := range shapeLine(l, sansFont).runs {
			for _, g := range r.glyphs {
				if g.GlyphID == 0 {
					t.Errorf("%q: a .notdef glyph", l)
				}
			}
		}
	}
	cjk := shapeLine("中国", sansFont)
	if len(cjk.runs) != 1 || cjk.runs[0].upem == 0 || cjk.runs[0].face != facesFor(sansFont).faces[2] {
		t.Error("中国 is not set in the CJK face")
	}
	if len(fonts.CJK) < 1<<20 || len(fonts.ArabicRegular) < 1<<17 {
		t.Error("the shipped fonts are not embedded")
	}
}

// A label in Persian is placed like a Latin one: measured by its shaped
// width, no overlap with other labels, on the chart.
func TestScriptsLabelPlacement(t *testing.T) {
	st := Light()
	in, _ := scriptsChart(scriptLabels, st)
	in.Bubbles = append(in.Bubbles, Bubble{Label: "حزب‌الله لبنان", X: 18, Y: 70, Size: 25, Color: ActorColor("", 4)},
		Bubble{Label: "中华人民共和国外交部", X: 52, Y: 38, Size: 25, Color: ActorColor("", 5)})
	p, layer, err := stanceMap(in, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range []image.Point{{800, 500}, {640, 400}} {
		dc := dataArea(p, sz.X, sz.Y)
		lay := layer.layout(dc, p)
		for i, l := range lay.labels {
			if w := textStyle(st, st.FontSize*0.95, st.Foreground).Width(l.text); l.size.X != w || w <= 0 {
				t.Errorf("label %q measured %v, shaped width %v", l.text, l.size.X, w)
			}
			_ = i
		}
		checkLabels(t, "scripts", sz, lay.placed, lay.legend, dc.Rectangle)
	}
}

// The golden of the three-script chart (looked at: Persian joined and right
// to left, 中国, Türkiye; title with all three).
func TestGoldenScripts(t *testing.T) {
	st := Light()
	in, _ := scriptsChart(scriptLabels, st)
	p, err := StanceMap(in, st)
	if err != nil {
		t.Fatal(err)
	}
	got, err := PNGBytes(p, 800, 500, 96)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", "scripts.png")
	if *regen {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -regen to create it)", err)
	}
	if ok, err := cmpimg.EqualApprox("png", got, want, 0.1); err != nil || !ok {
		failed := filepath.Join("testdata", "failed", "scripts.png")
		_ = os.MkdirAll(filepath.Dir(failed), 0o755)
		_ = os.WriteFile(failed, got, 0o644)
		t.Errorf("scripts chart differs from %s (%v); the image drawn is in %s", path, err, failed)
	}
}

// Shaping is cached; drawing a chart's labels costs outlines, not HarfBuzz.
func BenchmarkShapeLabel(b *testing.B) {
	for b.Loop() {
		for _, l := range scriptLabels {
			shapeUncached(l, facesFor(sansFont))
		}
	}
}
