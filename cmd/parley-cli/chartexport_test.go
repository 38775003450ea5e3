package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"parley/model"
)

// muscatDB imports the default scenario into a fresh project file.
func muscatDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "muscat.db")
	if _, stderr, code := cli(t, "import", "../../assets/muscat.json", "--db", db); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	return db
}

func pdfPages(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("pdfinfo printed no page count:\n%s", out)
	return ""
}

// export --chart writes one chart at exactly the size asked for, in the
// format asked for or the one the file name says.
func TestExportChartCLI(t *testing.T) {
	db := muscatDB(t)
	dir := t.TempDir()
	pngPath := filepath.Join(dir, "enrichment.png")
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Muscat 2026", "--chart", "stance", "--issue", "enrichment",
		"--format", "png", "--size", "1280x720", "--out", pngPath); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 1280 || cfg.Height != 720 {
		t.Fatalf("PNG %d×%d, %v; want 1280×720", cfg.Width, cfg.Height, err)
	}

	// SVG from the extension, a what-if, the SMP, at 150 DPI.
	svgPath := filepath.Join(dir, "stockpile.svg")
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Russia takes the stockpile", "--chart=stance", "--issue", "HEU stockpile disposition",
		"--model", "smp", "--size", "1920x1080", "--dpi", "150", "--out", svgPath); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(svgPath)
	var root struct {
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil || root.ViewBox != "0 0 921.6 518.4" {
		t.Fatalf("SVG viewBox %q, %v; want 0 0 921.6 518.4 (1920×1080 px at 150 DPI in points)", root.ViewBox, err)
	}

	pdfPath := filepath.Join(dir, "format.pdf")
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Muscat 2026", "--chart", "stance", "--issue", "format", "--size", "a4", "--out", pdfPath); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := pdfPages(t, pdfPath); n != "1" {
		t.Fatalf("chart PDF has %s pages", n)
	}

	// Straight from a scenario file, every kind, to standard output.
	for _, kind := range model.ChartKinds {
		stdout, stderr, code := cli(t, "export", "--chart", kind, "--issue", "stockpile", "--format", "png", "--size", "hd", "--out", "-", "../../assets/muscat.json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", kind, code, stderr)
		}
		cfg, err := png.DecodeConfig(strings.NewReader(stdout))
		if err != nil || cfg.Width != 1280 || cfg.Height != 720 {
			t.Errorf("%s to stdout: %d×%d, %v", kind, cfg.Width, cfg.Height, err)
		}
	}

	// The scenario export beside it still works.
	jsonPath := filepath.Join(dir, "m.json")
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Muscat 2026", "--format", "json", "--out", jsonPath); code != 0 {
		t.Fatalf("scenario export: %s", stderr)
	}
	if out, _, code := cli(t, "validate", jsonPath); code != 0 || !strings.Contains(out, "12 actors, 6 issues") {
		t.Fatalf("exported JSON does not validate: %s", out)
	}
}

// Bad chart requests exit 1 with a sentence naming what is wrong, and write nothing.
func TestExportChartCLIErrors(t *testing.T) {
	db := muscatDB(t)
	out := filepath.Join(t.TempDir(), "x.png")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--chart", "pie"}, `unknown chart "pie"`},
		{[]string{"--chart", "stance", "--issue", "missiles"}, `no issue "missiles"`},
		{[]string{"--chart", "stance", "--size", "1920"}, "WIDTHxHEIGHT"},
		{[]string{"--chart", "stance", "--dpi", "600"}, "DPI 600 is out of range"},
		{[]string{"--chart", "stance", "--format", "gif"}, `unknown chart format "gif"`},
	} {
		args := append([]string{"export", "--db", db, "--scenario", "Muscat 2026", "--out", out}, tc.args...)
		_, stderr, code := cli(t, args...)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", tc.args, code, stderr, tc.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed export left a file")
	}
}

// brief writes the default deck as one PDF (title + one page per slide +
// assumptions) and as numbered PNG slides of 1920×1080.
func TestBriefCLI(t *testing.T) {
	db := muscatDB(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "deck.pdf")
	pngs := filepath.Join(dir, "slides")
	stdout, stderr, code := cli(t, "brief", "--db", db, "--scenario", "Muscat 2026", "--out", pdf, "--png-dir", pngs)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Muscat has 6 issues: the title page, the bottom line, 6 stance maps +
	// coalitions + trajectories + the exchange network, and one page of
	// assumptions for its 12 actors.
	const pages = 1 + 1 + 6 + 3 + 1
	if n := pdfPages(t, pdf); n != fmt.Sprint(pages) {
		t.Fatalf("deck PDF has %s pages, want %d", n, pages)
	}
	if !strings.Contains(stdout, fmt.Sprintf("%d pages from the default deck", pages)) {
		t.Errorf("stdout %q", stdout)
	}
	for k := 1; k <= pages; k++ {
		f, err := os.Open(filepath.Join(pngs, fmt.Sprintf("slide-%02d.png", k)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 1920 || cfg.Height != 1080 {
			t.Errorf("slide %d: %d×%d, %v", k, cfg.Width, cfg.Height, err)
		}
	}
	if entries, _ := os.ReadDir(pngs); len(entries) != pages {
		t.Errorf("%d files in the slide folder, want %d", len(entries), pages)
	}
}

// brief --deck takes the analyst's own deck: a 4-slide deck is 6 pages.
func TestBriefCLIDeckFile(t *testing.T) {
	db := muscatDB(t)
	dir := t.TempDir()
	d := model.Deck{Name: "Minister, Monday"}
	for _, k := range []string{"scope", "enrichment", "sanctions", "format"} {
		d.Slides = append(d.Slides, model.Slide{Chart: model.ChartSpec{Kind: model.ChartStance, Issue: k}, Title: "On " + k, Takeaway: "Tehran’s red line."})
	}
	data, _ := json.Marshal(d)
	deck := filepath.Join(dir, "deck.json")
	os.WriteFile(deck, data, 0o644)
	pdf := filepath.Join(dir, "deck.pdf")
	stdout, stderr, code := cli(t, "brief", "--db", db, "--scenario", "Muscat 2026", "--deck", deck, "--out", pdf, "--no-footer")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := pdfPages(t, pdf); n != "6" {
		t.Fatalf("%s pages, want title + 4 + assumptions = 6", n)
	}
	if !strings.Contains(stdout, `deck "Minister, Monday"`) {
		t.Errorf("stdout %q does not name the deck", stdout)
	}
	if text, err := exec.Command("pdftotext", pdf, "-").Output(); err == nil && bytes.Contains(text, []byte("Illustrative model output")) {
		t.Error("--no-footer, yet the caveat is stamped")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"slides":[{"chart":{"kind":"stance","issue":"missiles"}}]}`), 0o644)
	if _, stderr, code := cli(t, "brief", "--db", db, "--scenario", "Muscat 2026", "--deck", bad, "--out", pdf); code != 1 || !strings.Contains(stderr, `no issue "missiles"`) {
		t.Errorf("bad deck: exit %d, %q", code, stderr)
	}
}

func TestHasFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"--chart", "stance"}, true},
		{[]string{"-chart=stance"}, true},
		{[]string{"--db", "x", "--chart=power"}, true},
		{[]string{"--scenario", "chart", "--format", "json"}, false},
		{[]string{"--charts", "x"}, false},
		{[]string{"--", "--chart"}, false},
	} {
		if got := hasFlag(tc.args, "chart"); got != tc.want {
			t.Errorf("hasFlag(%q) = %v", tc.args, got)
		}
	}
}
