package chart

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"parley/assets"
	"parley/model"
	"parley/model/forecast"
)

// briefMuscat returns the default scenario and its forecast run.
func briefMuscat(tb testing.TB) (*model.Scenario, *forecast.Result) {
	tb.Helper()
	f, err := assets.Muscat()
	if err != nil {
		tb.Fatal(err)
	}
	sc := f.Scenarios[0]
	res, err := forecast.Run(context.Background(), sc, forecast.FromSettings(sc.Settings))
	if err != nil {
		tb.Fatal(err)
	}
	return sc, res
}

// PARLEY_LOOK_DIR=/tmp/brief-look go test -run TestLook renders the default deck
// there, to look at.
func TestLook(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the default deck for review")
	}
	sc, res := briefMuscat(t)
	b, err := NewBriefing(model.DefaultDeck(sc), sc, res, BriefingOptions{Today: "2026-11-28"})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(b.Warnings)
	if _, err := b.WritePNGs(dir); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create(dir + "/deck.pdf")
	defer f.Close()
	if err := b.WritePDF(f); err != nil {
		t.Fatal(err)
	}
	// A what-if, and a crowded scenario with long text everywhere.
	file, _ := assets.Muscat()
	wi, err := model.ApplyOverrides(file.Scenarios[0], file.Scenarios[3])
	if err != nil {
		t.Fatal(err)
	}
	wres, _ := forecast.Run(context.Background(), wi, forecast.FromSettings(wi.Settings))
	b, _ = NewBriefing(fourSlides(), wi, wres, BriefingOptions{})
	if _, err := b.WritePNGs(dir + "/whatif"); err != nil {
		t.Fatal(err)
	}
	b, _ = NewBriefing(crowdedDeck(), crowded(), nil, BriefingOptions{})
	if _, err := b.WritePNGs(dir + "/crowded"); err != nil {
		t.Fatal(err)
	}
}

// crowded is a scenario with 40 actors, long names and long rationales.
func crowded() *model.Scenario {
	sc := &model.Scenario{Name: "A very long scenario name that an analyst might well type for a what-if on the talks", Date: "2026-12-01",
		Description: strings.Repeat("A description that goes on for a while, as some do. ", 12),
		Issues:      []model.Issue{{Key: "x", Name: "X", StatusQuo: 50}}}
	long := strings.Repeat("A rationale long enough to wrap over several lines of a column on the slide. ", 4)
	for a := range 40 {
		sc.Actors = append(sc.Actors, model.Actor{Name: fmt.Sprintf("Actor number %02d with a long name", a), Label: fmt.Sprintf("A%02d", a), Capability: float64(10 + a),
			Rationale: long, Source: fmt.Sprintf("Source %d", a), Stances: map[string]model.Stance{"x": {Position: float64(a * 2), Salience: 50}}})
	}
	return sc
}

func crowdedDeck() model.Deck {
	return model.Deck{Slides: []model.Slide{{Chart: ChartSpec{Kind: model.ChartStance, Issue: "x"},
		Title:    "A slide title long enough that it has to wrap onto a second line, and then some more words to overflow it",
		Takeaway: strings.Repeat("A takeaway that is far longer than anyone should write under a chart. ", 8)}}}
}

// fourSlides is a deck of four stance maps, as an analyst would pick them.
func fourSlides() model.Deck {
	d := model.Deck{Name: "Minister, Monday"}
	for _, k := range []string{"scope", "enrichment", "stockpile", "sanctions"} {
		d.Slides = append(d.Slides, model.Slide{Chart: ChartSpec{Kind: model.ChartStance, Issue: k, Model: model.ModelBDM}, Title: "On " + k, Takeaway: "Washington’s line holds — for now."})
	}
	return d
}

// A 4-slide deck exports as title + 4 + assumptions pages, each 1920×1080 px
// at 96 DPI (1440 × 810 pt), with every slide's title and the footer.
func TestDeckPDFPages(t *testing.T) {
	sc, res := briefMuscat(t)
	b, err := NewBriefing(fourSlides(), sc, res, BriefingOptions{Today: "2026-11-28"})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 0 {
		t.Fatalf("warnings: %v", b.Warnings)
	}
	if b.Pages() != 1+4+1 {
		t.Fatalf("%d pages, want title + 4 + 1 assumptions page for 12 actors", b.Pages())
	}
	var pdf bytes.Buffer
	if err := b.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	if n := countPages(pdf.Bytes()); n != b.Pages() {
		t.Fatalf("the PDF has %d page objects, want %d", n, b.Pages())
	}
	info := pdfInfo(t, pdf.Bytes())
	if info["Pages"] != "6" || !strings.HasPrefix(info["Page size"], "1440 x 810 pts") {
		t.Fatalf("pdfinfo: %q pages of %q; want 6 of 1440 x 810 pts", info["Pages"], info["Page size"])
	}
	text := pdfText(t, pdf.Bytes())
	for _, want := range []string{"Muscat 2026", "27 November 2026", "On scope", "On sanctions", "Washington’s line holds — for now.",
		"Assumptions", "Iranian hardliners (IRGC)", "Reference actor: Washington “assembled", "Source for all actors: Seed text", "inputs " + res.Fingerprint, DefaultCaveat} {
		if !strings.Contains(text, want) {
			t.Errorf("deck PDF lacks %q", want)
		}
	}
	if !regexp.MustCompile(`6 ?/ ?6`).MatchString(text) {
		t.Error("the last page is not numbered 6 / 6")
	}
	// Without footers, no stamp on any page.
	b, _ = NewBriefing(fourSlides(), sc, res, BriefingOptions{NoFooter: true})
	pdf.Reset()
	if err := b.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf.Bytes()); strings.Contains(text, DefaultCaveat) || strings.Contains(text, "inputs "+res.Fingerprint) {
		t.Error("footer switched off, yet stamped")
	}
}

// Many actors with long rationales spill onto several assumptions pages,
// each actor on exactly one, none lost.
func TestDeckAssumptionsPaginate(t *testing.T) {
	sc := crowded()
	b, err := NewBriefing(model.Deck{}, sc, nil, BriefingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pages []*page
	for _, pg := range b.pages {
		if pg.kind == assumptionsPage {
			pages = append(pages, pg)
		}
	}
	if len(pages) < 3 {
		t.Fatalf("%d assumptions pages for 40 long entries, want ≥ 3", len(pages))
	}
	seen := 0
	for _, pg := range pages {
		seen += len(pg.cols[0]) + len(pg.cols[1])
		if !strings.Contains(pg.title, fmt.Sprintf("of %d)", len(pages))) {
			t.Errorf("page title %q does not say it is one of %d", pg.title, len(pages))
		}
	}
	if seen != 41 {
		t.Fatalf("%d entries laid out, want 40 actors and the model settings", seen)
	}
	var pdf bytes.Buffer
	if err := b.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf.Bytes())
	for a := range 40 {
		if n := strings.Count(text, fmt.Sprintf("Actor number %02d with", a)); n < 1 || n > 2 { // its entry, and the title page's key if it fits
			t.Errorf("actor %d printed %d times", a, n)
		}
		if !strings.Contains(text, fmt.Sprintf("Source: Source %d\n", a)) {
			t.Errorf("actor %d's source missing", a)
		}
	}
}

// The PNG slides are numbered in order, one per page, each 1920×1080.
func TestDeckPNGSlides(t *testing.T) {
	sc, res := briefMuscat(t)
	b, err := NewBriefing(fourSlides(), sc, res, BriefingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths, err := b.WritePNGs(filepath.Join(dir, "slides"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != b.Pages() {
		t.Fatalf("%d PNGs for %d pages", len(paths), b.Pages())
	}
	for k, p := range paths {
		if want := fmt.Sprintf("slide-%02d.png", k+1); filepath.Base(p) != want {
			t.Errorf("slide %d is %s, want %s", k+1, filepath.Base(p), want)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 1920 || cfg.Height != 1080 {
			t.Errorf("%s: %d×%d, %v; want 1920×1080", p, cfg.Width, cfg.Height, err)
		}
	}
	if SlideName(99, 120) != "slide-100.png" || SlideName(0, 120) != "slide-001.png" {
		t.Error("with 100+ pages the names need three digits to sort")
	}
}

// A chart that cannot be drawn leaves a slide saying why and a warning; an
// unknown issue in the deck is refused outright.
func TestDeckChartErrors(t *testing.T) {
	sc, res := briefMuscat(t)
	res.Issues[1].BDM, res.Issues[1].BDMErr = nil, model.Degenerate("every actor stands at the same position")
	d := model.Deck{Slides: []model.Slide{{Chart: ChartSpec{Kind: model.ChartStance, Issue: "enrichment"}, Title: "Enrichment"}}}
	b, err := NewBriefing(d, sc, res, BriefingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], "slide 1 (Enrichment): BDM has no result on \"Enrichment level\": every actor stands") {
		t.Fatalf("warnings %q", b.Warnings)
	}
	var pdf bytes.Buffer
	if err := b.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf.Bytes()); !strings.Contains(text, "This chart could not be drawn") {
		t.Error("the slide does not say its chart is missing")
	}
	d.Slides[0].Chart.Issue = "missiles"
	if _, err := NewBriefing(d, sc, res, BriefingOptions{}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("unknown issue: %v, want ENOTFOUND", err)
	}
}

// BuildChart draws every kind from either model, at the last round and at
// round 2; without a run, the charts of the inputs alone still draw.
func TestBuildChartKinds(t *testing.T) {
	sc, res := briefMuscat(t)
	for _, kind := range model.ChartKinds {
		for _, m := range []model.ModelID{model.ModelBDM, model.ModelSMP, model.ModelExchange} {
			for _, round := range []int{0, 2} {
				spec := ChartSpec{Kind: kind, Issue: "scope", Issue2: "enrichment", Model: m, Round: round}
				p, err := BuildChart(spec, sc, res, Light())
				if err != nil || p == nil {
					t.Errorf("%+v: %v", spec, err)
				}
			}
		}
		p, err := BuildChart(ChartSpec{Kind: kind}, sc, nil, Light())
		switch kind {
		case model.ChartStance, model.ChartStance2D, model.ChartCoalition:
			if err != nil || p == nil {
				t.Errorf("%s without a run: %v", kind, err)
			}
		default:
			if !strings.Contains(model.ErrorMessage(err), "needs a forecast run") {
				t.Errorf("%s without a run: %v", kind, err)
			}
		}
	}
	if _, err := BuildChart(ChartSpec{Kind: "pie"}, sc, res, Light()); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("unknown kind: %v", err)
	}
	if _, err := BuildChart(ChartSpec{Kind: model.ChartStance2D, Issue: "scope", Issue2: "scope"}, sc, res, Light()); err == nil {
		t.Fatal("a two-issue map of one issue drew")
	}
	res.SMP, res.SMPErr = nil, model.Degenerate("no SMP today")
	if _, err := BuildChart(ChartSpec{Kind: model.ChartTrajectory, Model: model.ModelSMP}, sc, res, Light()); err == nil {
		t.Fatal("an SMP trajectory without an SMP result drew")
	}
}

// BenchmarkMuscatDeckPDF is the default Muscat deck to PDF: build every
// chart, lay out and write the PDF (budget ≤ 2 s).
func BenchmarkMuscatDeckPDF(b *testing.B) {
	sc, res := briefMuscat(b)
	d := model.DefaultDeck(sc)
	for b.Loop() {
		br, err := NewBriefing(d, sc, res, BriefingOptions{Today: "2026-11-28"})
		if err != nil {
			b.Fatal(err)
		}
		if err := br.WritePDF(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMuscatDeckPNG is the same deck as numbered PNG slides.
func BenchmarkMuscatDeckPNG(b *testing.B) {
	sc, res := briefMuscat(b)
	d := model.DefaultDeck(sc)
	dir := b.TempDir()
	for b.Loop() {
		br, err := NewBriefing(d, sc, res, BriefingOptions{Today: "2026-11-28"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := br.WritePNGs(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// The default deck's takeaways say what the run shows, in words a PDF can print.
func TestDefaultDeckTakeaways(t *testing.T) {
	sc, res := briefMuscat(t)
	first := res.Issues[0].Blocs[0].Centre[0]
	d := DefaultDeck(sc, res)
	if res.Issues[0].Blocs[0].Centre[0] != first {
		t.Fatal("reading the takeaways reordered the run's blocs")
	}
	if len(d.Slides) != len(model.DefaultDeck(sc).Slides) {
		t.Fatalf("%d slides", len(d.Slides))
	}
	want := []string{
		// BDM's scope forecast is a knife-edge (a 5-point change of one
		// input flips it 90 → 0): no "largest predicted move" headline, and
		// the flag is said.
		"BDM forecasts 90 (“Nuclear + missiles + regional network + normalisation with Israel”) against a status quo of 0; SMP 15.1, weighted median 35, weighted mean 46.6, exchange model " + num(res.Exchange.Forecast[0]) + ". BDM's 90 is fragile: knife-edge on Pezesh. position on Scope of the agenda.",
	}
	if got := SlideText(d.Slides[1], sc, res); got != want[0] {
		t.Errorf("scope takeaway\n%s\nwant\n%s", got, want[0])
	}
	if s := d.Slides[0]; s.Chart.Kind != model.ChartSummary || !strings.HasPrefix(SlideText(s, sc, res), "Each issue leads with its least fragile forecast") {
		t.Errorf("first slide %+v, want the bottom line", s)
	}
	for _, s := range d.Slides {
		if text := SlideText(s, sc, res); text == "" || len(missingGlyphs(text)) > 0 {
			t.Errorf("slide %q: takeaway %q is empty or has characters no chart font has: %q", s.Title, text, missingGlyphs(text))
		}
	}
	if !strings.HasPrefix(SlideText(d.Slides[len(d.Slides)-3], sc, res), "The largest bloc (USA, Russia, Turkey, E3, Oman, Pezesh., Congress, Israel) holds 57.7% of effective power around 93.5, above the 50%") {
		t.Errorf("coalition takeaway %q", SlideText(d.Slides[len(d.Slides)-3], sc, res))
	}
	if got := SlideText(d.Slides[len(d.Slides)-1], sc, res); !strings.HasPrefix(got, strconv.Itoa(len(res.Exchange.Rounds[0].Exchanges))+" trades in round 1. The first and largest: ") {
		t.Errorf("exchanges takeaway %q", got)
	}
	if got := SlideText(d.Slides[len(d.Slides)-2], sc, res); got != "BDM settles after 7 rounds at 90, from a weighted median of 35 at the start." {
		t.Errorf("trajectory takeaway %q", got)
	}
	// Without a run, the reading notes stay.
	if SlideText(DefaultDeck(sc, nil).Slides[1], sc, nil) != readingNotes[model.ChartStance] {
		t.Error("without a run the takeaway changed")
	}
	for _, kind := range model.ChartKinds {
		for _, m := range []model.ModelID{model.ModelBDM, model.ModelSMP, model.ModelExchange} {
			if s := Takeaway(ChartSpec{Kind: kind, Issue: "stockpile", Model: m}, sc, res); s == "" {
				t.Errorf("%s/%s: no takeaway", kind, m)
			}
		}
	}
}

// The title page names every model the deck's numbers come from, the
// exchange model with its variant, rounds and which outcome is its forecast,
// and the assumptions page gives its settings; a one-issue scenario, on which
// the exchange model cannot run, is not said to use it.
func TestDeckNamesEveryModel(t *testing.T) {
	sc, res := briefMuscat(t)
	if res.Exchange == nil {
		t.Fatalf("no exchange result on Muscat: %v", res.ExchangeErr)
	}
	words := func(d model.Deck, sc *model.Scenario, res *forecast.Result) string {
		b, err := NewBriefing(d, sc, res, BriefingOptions{Today: "2026-11-28"})
		if err != nil {
			t.Fatal(err)
		}
		var pdf bytes.Buffer
		if err := b.WritePDF(&pdf); err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(pdfText(t, pdf.Bytes())), " ")
	}
	text := words(fourSlides(), sc, res)
	for _, want := range []string{
		"Models: BDM expected utility",
		"SMP, KTAB spatial model",
		"Exchange model, Stokman & Van Oosten’s equal-gain solution (variant B, 10 rounds; its forecast is the voting outcome after the last round)",
		"weighted mean, median and Nash baselines",
		"Exchange model: equal-gain solution, variant B (an actor’s executed move stays in its history), 10 rounds",
	} {
		if !strings.Contains(strings.ReplaceAll(text, "’", "'"), strings.ReplaceAll(want, "’", "'")) {
			t.Errorf("deck PDF lacks %q:\n%s", want, text)
		}
	}

	one := sc.Clone()
	one.Issues = one.Issues[:1]
	res1, err := forecast.Run(context.Background(), one, forecast.FromSettings(one.Settings))
	if err != nil {
		t.Fatal(err)
	}
	if res1.Exchange != nil || res1.ExchangeErr == nil {
		t.Fatalf("the exchange model ran on one issue: %v", res1.ExchangeErr)
	}
	d := model.Deck{Slides: []model.Slide{{Chart: ChartSpec{Kind: model.ChartStance, Issue: one.Issues[0].Key, Model: model.ModelBDM}}}}
	if text := words(d, one, res1); !strings.Contains(text, "Models: BDM expected utility") || strings.Contains(text, "Stokman") || strings.Contains(text, "Exchange model") {
		t.Errorf("a one-issue deck names the exchange model:\n%s", text)
	}
}
