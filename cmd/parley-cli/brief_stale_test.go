package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"parley/model"
)

// brief prints Parley's reading of each chart from the current run, and a
// takeaway written for another chart (a stored generated sentence the
// inputs have left behind) stops it until --stale-ok: nothing is written.
func TestBriefStaleTakeaway(t *testing.T) {
	db := muscatDB(t)
	dir := t.TempDir()
	d := model.Deck{Name: "Old", Slides: []model.Slide{{Chart: model.ChartSpec{Kind: model.ChartStance, Issue: "scope"}, Title: "Scope",
		Takeaway: "BDM forecasts 85 against a status quo of 0; SMP 19.4."}}}
	data, _ := json.Marshal(d)
	deck := filepath.Join(dir, "deck.json")
	os.WriteFile(deck, data, 0o644)
	pdf := filepath.Join(dir, "deck.pdf")
	_, stderr, code := cli(t, "brief", "--db", db, "--scenario", "Muscat 2026", "--deck", deck, "--out", pdf)
	if code != 1 || !strings.Contains(stderr, "slide 1 (Scope)") || !strings.Contains(stderr, "--stale-ok") {
		t.Fatalf("stale takeaway: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Fatal("a PDF was written though a takeaway is out of date")
	}
	if _, stderr, code := cli(t, "brief", "--db", db, "--scenario", "Muscat 2026", "--deck", deck, "--out", pdf, "--stale-ok"); code != 0 {
		t.Fatalf("--stale-ok: exit %d, %s", code, stderr)
	}
	if text, err := exec.Command("pdftotext", pdf, "-").Output(); err == nil && !strings.Contains(strings.Join(strings.Fields(string(text)), " "), "BDM forecasts 90") {
		t.Errorf("the slide does not print the current reading (BDM forecasts 90): %q", text)
	}
}
