package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"parley/model"
)

// stancePlot is the Muscat stance map on the first issue, styled for size.
func stancePlot(t *testing.T, s Size, dpi int) (*plot.Plot, Style, Footer) {
	t.Helper()
	sc, res := briefMuscat(t)
	st := ExportStyle(Light(), s, dpi)
	spec := ChartSpec{Kind: model.ChartStance, Issue: "enrichment", Model: model.ModelBDM}
	p, err := BuildChart(spec, sc, res, st)
	if err != nil {
		t.Fatal(err)
	}
	return p, st, FooterFor(sc, res, spec, "2026-11-28")
}

// A PNG export has exactly the pixels asked for, at every preset, DPI and a custom size.
func TestExportPNGExactSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		size Size
		dpi  int
	}{
		{"FullHD", SizeFullHD, 96},
		{"HD", SizeHD, 96},
		{"FullHDPrint", SizeFullHD, 300},
		{"A4At96", A4Landscape(96), 96},
		{"A4At300", A4Landscape(300), 300},
		{"Custom", Size{1001, 617}, 150},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st, f := stancePlot(t, tc.size, tc.dpi)
			var b bytes.Buffer
			if err := Export(&b, p, ExportOptions{Format: PNG, Size: tc.size, DPI: tc.dpi, Footer: &f, Style: st}); err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(&b)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != tc.size.W || cfg.Height != tc.size.H {
				t.Fatalf("PNG is %d×%d, want %v", cfg.Width, cfg.Height, tc.size)
			}
		})
	}
}

func TestA4Landscape(t *testing.T) {
	for dpi, want := range map[int]Size{96: {1123, 794}, 150: {1754, 1240}, 300: {3508, 2480}} {
		if got := A4Landscape(dpi); got != want {
			t.Errorf("A4 at %d dpi = %v, want %v", dpi, got, want)
		}
	}
}

// An SVG export is well-formed XML whose root has the physical size of
// W×H pixels at the DPI (in points) and the matching viewBox.
func TestExportSVGViewBox(t *testing.T) {
	for _, tc := range []struct {
		size Size
		dpi  int
	}{{SizeFullHD, 96}, {SizeHD, 150}, {A4Landscape(300), 300}} {
		t.Run(fmt.Sprintf("%v@%d", tc.size, tc.dpi), func(t *testing.T) {
			p, st, f := stancePlot(t, tc.size, tc.dpi)
			var b bytes.Buffer
			if err := Export(&b, p, ExportOptions{Format: SVG, Size: tc.size, DPI: tc.dpi, Footer: &f, Style: st}); err != nil {
				t.Fatal(err)
			}
			var root struct {
				XMLName xml.Name
				Width   string `xml:"width,attr"`
				Height  string `xml:"height,attr"`
				ViewBox string `xml:"viewBox,attr"`
			}
			dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
			if err := dec.Decode(&root); err != nil {
				t.Fatalf("SVG does not parse: %v", err)
			}
			// The whole document parses, not just the root.
			dec = xml.NewDecoder(bytes.NewReader(b.Bytes()))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("SVG body does not parse: %v", err)
					}
					break
				}
			}
			wantW, wantH := float64(tc.size.W)*72/float64(tc.dpi), float64(tc.size.H)*72/float64(tc.dpi)
			if root.XMLName.Local != "svg" {
				t.Fatalf("root element %q", root.XMLName.Local)
			}
			num := func(s string) float64 {
				v, err := strconv.ParseFloat(strings.TrimSuffix(s, "pt"), 64)
				if err != nil {
					t.Fatalf("bad number %q", s)
				}
				return v
			}
			vb := strings.Fields(root.ViewBox)
			if len(vb) != 4 || num(vb[0]) != 0 || num(vb[1]) != 0 {
				t.Fatalf("viewBox %q", root.ViewBox)
			}
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"width", num(root.Width), wantW}, {"height", num(root.Height), wantH}, {"viewBox width", num(vb[2]), wantW}, {"viewBox height", num(vb[3]), wantH}} {
				if math.Abs(c.got-c.want) > 1e-3 {
					t.Errorf("%s %g, want %g", c.what, c.got, c.want)
				}
			}
			if !strings.HasSuffix(root.Width, "pt") {
				t.Errorf("width %q has no unit", root.Width)
			}
		})
	}
}

// pdfInfo runs poppler's pdfinfo and returns its fields.
func pdfInfo(t *testing.T, pdf []byte) map[string]string {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	info := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// pdfText extracts a PDF's text with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// countPages counts the page objects in a PDF, without poppler.
func countPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
}

// A PDF export is one page of the physical size of W×H pixels at the DPI.
func TestExportPDFPageSize(t *testing.T) {
	p, st, f := stancePlot(t, SizeHD, 96)
	var b bytes.Buffer
	if err := Export(&b, p, ExportOptions{Format: PDF, Size: SizeHD, DPI: 96, Footer: &f, Style: st}); err != nil {
		t.Fatal(err)
	}
	if n := countPages(b.Bytes()); n != 1 {
		t.Fatalf("%d pages, want 1", n)
	}
	info := pdfInfo(t, b.Bytes())
	if info["Pages"] != "1" || !strings.HasPrefix(info["Page size"], "960 x 540 pts") {
		t.Fatalf("pdfinfo: pages %q, size %q; want 1 page of 960 x 540 pts", info["Pages"], info["Page size"])
	}
}

// Names with umlauts, curly quotes and dashes are searchable in a PDF as
// written; what Windows-1252 lacks (Chinese here) is drawn but left out of
// the text layer, never turned into '?'.
func TestExportPDFNonASCII(t *testing.T) {
	sc := &model.Scenario{Name: "Ankara’s “snap-back” — test", Date: "2026-11-27",
		Issues: []model.Issue{{Key: "x", Name: "Größe des Pakets", StatusQuo: 40}},
		Actors: []model.Actor{
			{Name: "Türkiye", Label: "Türkiye", Capability: 20, Stances: map[string]model.Stance{"x": {Position: 30, Salience: 60}}},
			{Name: "Pezeshkian’s government", Label: "Pezesh’n", Capability: 35, Stances: map[string]model.Stance{"x": {Position: 70, Salience: 40}}},
			{Name: "中国", Label: "中国", Capability: 30, Stances: map[string]model.Stance{"x": {Position: 50, Salience: 50}}},
		}}
	st := ExportStyle(Light(), SizeHD, 96)
	p, err := BuildChart(ChartSpec{Kind: model.ChartStance}, sc, nil, st)
	if err != nil {
		t.Fatal(err)
	}
	f := FooterFor(sc, nil, ChartSpec{Kind: model.ChartStance}, "")
	var b bytes.Buffer
	if err := Export(&b, p, ExportOptions{Format: PDF, Size: SizeHD, DPI: 96, Footer: &f, Style: st}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	for _, want := range []string{"Türkiye", "Pezesh’n", "Größe des Pakets", "Ankara’s “snap-back” — test", "Illustrative model output — not a prediction of record"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "?") || strings.Contains(text, "Ã") || strings.Contains(text, "â€") {
		t.Errorf("PDF text has a replacement or is mis-encoded UTF-8:\n%s", text)
	}
}

func TestSearchable(t *testing.T) {
	for in, want := range map[string]string{
		"plain":        "plain",
		"Türkiye":      "T\xfcrkiye",
		"“a” — ‘b’":    "\x93a\x94 \x97 \x91b\x92",
		"€ µm":         "\x80 \xb5m",
		"中国 ok":        "ok",
		"Лавров":       "",
		"علی خامنه‌ای": "",
	} {
		if got := searchable(in); got != want {
			t.Errorf("searchable(%q) = %q, want %q", in, got, want)
		}
	}
}

// The footer stamps scenario, date, model, options, fingerprint and caveat
// on an export, and is gone when switched off.
func TestExportFooterOnOff(t *testing.T) {
	p, st, f := stancePlot(t, SizeFullHD, 96)
	if f.Fingerprint == "" || f.Date != "2026-11-27" || f.Scenario != "Muscat 2026" || !strings.Contains(f.Options, "10 rounds") {
		t.Fatalf("footer %+v", f)
	}
	var on, off bytes.Buffer
	if err := Export(&on, p, ExportOptions{Format: PDF, Size: SizeFullHD, DPI: 96, Footer: &f, Style: st}); err != nil {
		t.Fatal(err)
	}
	if err := Export(&off, p, ExportOptions{Format: PDF, Size: SizeFullHD, DPI: 96, Style: st}); err != nil {
		t.Fatal(err)
	}
	stamp := []string{"Muscat 2026", "2026-11-27", "BDM expected utility (up to 10 rounds, an unchallenged status quo stands: Q = 1)", "inputs " + f.Fingerprint, DefaultCaveat}
	textOn, textOff := pdfText(t, on.Bytes()), pdfText(t, off.Bytes())
	for _, s := range stamp {
		if !strings.Contains(textOn, s) {
			t.Errorf("footer lacks %q:\n%s", s, textOn)
		}
	}
	for _, s := range []string{"inputs " + f.Fingerprint, DefaultCaveat, "Muscat 2026"} {
		if strings.Contains(textOff, s) {
			t.Errorf("footer switched off, yet %q is printed", s)
		}
	}
}

// On a narrow canvas the stamp wraps onto more lines instead of running off.
func TestFooterWraps(t *testing.T) {
	f := Footer{Scenario: "US attention wanes after the midterms (what-if of Muscat 2026)", Date: "2026-11-27", Model: "BDM expected utility", Options: "up to 10 rounds, Q 1, round 3, bloc tolerance 5", Fingerprint: "2d0844b753a1"}
	st := Light()
	wide := layoutFooter(f, st, 1440, 810, 40)
	narrow := layoutFooter(f, st, 460, 260, 8)
	if len(wide.left) != 1 || wide.right != DefaultCaveat {
		t.Fatalf("wide footer %+v, want one line with the caveat on the right", wide)
	}
	if len(narrow.left) < 2 || narrow.right != "" {
		t.Fatalf("narrow footer %+v, want the stamp over several lines", narrow)
	}
	sty := textStyle(st, narrow.size, st.Muted)
	for _, l := range narrow.left {
		if w := sty.Width(l); w > 460-16 {
			t.Errorf("line %q is %v wide, more than the canvas", l, w)
		}
	}
	if got := strings.Join(narrow.left, " · "); got != f.String() {
		t.Errorf("wrapped stamp %q, want %q", got, f.String())
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		dpi  int
		want Size
		ok   bool
	}{
		{"1920x1080", 96, SizeFullHD, true},
		{"1280×720", 96, SizeHD, true},
		{" 800 X 600 ", 96, Size{800, 600}, true},
		{"a4", 300, Size{3508, 2480}, true},
		{"hd", 96, SizeHD, true},
		{"", 96, SizeFullHD, true},
		{"1920", 96, Size{}, false},
		{"0x100", 96, Size{}, false},
		{"20000x100", 96, Size{}, false},
		{"wide", 96, Size{}, false},
	} {
		got, err := ParseSize(tc.in, tc.dpi)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseSize(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestExportRefusesBadOptions(t *testing.T) {
	p, st, _ := stancePlot(t, SizeHD, 96)
	for _, o := range []ExportOptions{
		{Format: "gif", Size: SizeHD},
		{Format: PNG, Size: SizeHD, DPI: 72},
		{Format: PNG, Size: SizeHD, DPI: 301},
		{Format: SVG, Size: Size{10, 10}},
	} {
		o.Style = st
		if err := Export(&bytes.Buffer{}, p, o); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%+v: %v, want an EINVALID error", o, err)
		}
	}
}

// Wrapped text never runs past its width; a word longer than a line is cut.
func TestWrapLines(t *testing.T) {
	sty := textStyle(Light(), 14, Light().Foreground)
	text := "He “conditioned his approval” of the talks and set their format and agenda; supercalifragilisticexpialidocious-and-then-some"
	for _, width := range []vg.Length{60, 150, 400} {
		lines := wrapLines(text, sty, width)
		if strings.Join(strings.Fields(strings.Join(lines, "")), "") != strings.Join(strings.Fields(text), "") {
			t.Errorf("width %v: wrapping lost text: %q", width, lines)
		}
		for _, l := range lines {
			if sty.Width(l) > width {
				t.Errorf("width %v: line %q is %v wide", width, l, sty.Width(l))
			}
		}
	}
	if got := ellipsize("Nuclear + missiles + regional network", sty, 100); sty.Width(got) > 100 || !strings.HasSuffix(got, "…") {
		t.Errorf("ellipsize gave %q", got)
	}
}

// recorder is a vg.Canvas that keeps what it was asked to draw.
type recorder struct {
	vg.Canvas
	colors  []color.Color
	strings []string
	fonts   []font.Font
	fills   int
}

func (r *recorder) SetColor(c color.Color) { r.colors = append(r.colors, c) }
func (r *recorder) Fill(vg.Path)           { r.fills++ }
func (r *recorder) FillString(f font.Face, _ vg.Point, s string) {
	r.strings, r.fonts = append(r.strings, s), append(r.fonts, f.Font)
}

// The PDF wrapper hands vgpdf straight colour components; a string reaches
// it as filled outlines plus invisible Windows-1252 text, bold faces under a
// name of their own with a regular weight, and the colour is restored after.
func TestPDFCanvas(t *testing.T) {
	rec := &recorder{}
	c := newPDFCanvas(rec)
	c.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xd0}) // translucent white
	r, g, b, a := rec.colors[0].RGBA()
	if r>>8 != 0xff || g>>8 != 0xff || b>>8 != 0xff || a>>8 != 0xd0 {
		t.Errorf("vgpdf gets %x %x %x %x, want white at alpha d0", r>>8, g>>8, b>>8, a>>8)
	}
	bold := font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold, Size: 12}
	c.FillString(font.Face{Font: bold}, vg.Point{}, "Türkiye — “A” 中国")
	if rec.fills != len("Türkiye—“A”中国")-len("ü—“”中国")+6 {
		t.Errorf("%d glyphs filled, want 12 (spaces have no outline)", rec.fills)
	}
	if len(rec.strings) != 1 || rec.strings[0] != "T\xfcrkiye \x97 \x93A\x94" {
		t.Fatalf("vgpdf gets %q", rec.strings)
	}
	f := rec.fonts[0]
	if f.Weight != xfont.WeightNormal || f.Name() == (&font.Font{Typeface: "Liberation", Variant: "Sans"}).Name() {
		t.Errorf("bold face reaches vgpdf as %q weight %v", f.Name(), f.Weight)
	}
	if _, _, _, a := rec.colors[len(rec.colors)-2].RGBA(); a != 0 {
		t.Errorf("hidden text drawn at alpha %x", a)
	}
	if r, _, _, a := rec.colors[len(rec.colors)-1].RGBA(); r>>8 != 0xff || a>>8 != 0xd0 {
		t.Error("the colour is not restored after the hidden text")
	}
}
