package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"parley/model"
	"parley/model/backtest"
)

func trackRow(v *trackRecordView, m model.ModelID) int {
	for r := 1; r <= len(v.rec.Models); r++ {
		if v.Cell(r, 0) == backtest.Label(m) {
			return r
		}
	}
	return -1
}

// The Track record tab shows the shipped record: the weighted mean's
// published 22.99 with its ± q and out-of-sample coverage, the recommended
// combination and what it is made of, and every chart draws.
func TestTrackRecordViewShipped(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Track record")
	v := h.u.trackRecord()
	if v == nil || h.u.tabs.Selected() != v.item {
		t.Fatal("no Track record tab")
	}
	r := trackRow(v, model.ModelWeightedMean)
	wm, _ := backtest.Shipped().Score(model.ModelWeightedMean)
	if r < 0 || v.Cell(r, 1) != "22.99" || v.Cell(r, 5) != "351" || v.Cell(r, 6) != "±37.1" || !strings.HasSuffix(v.Cell(r, 7), "%") {
		t.Errorf("weighted mean row: %q %q %q %q %q", v.Cell(r, 0), v.Cell(r, 1), v.Cell(r, 5), v.Cell(r, 6), v.Cell(r, 7))
	}
	if wm.Interval80.Coverage < 0.76 || wm.Interval80.Coverage > 0.84 {
		t.Errorf("shipped weighted mean coverage %.3f", wm.Interval80.Coverage)
	}
	if trackRow(v, model.ModelRecommended) < 0 || trackRow(v, model.ModelSMPJoint) < 0 || trackRow(v, backtest.ModelConstant50) < 0 {
		t.Error("the table lacks recommended, SMP per proposal or constant 50")
	}
	for _, want := range []string{"Recommended = ", "% Weighted mean", "Nash bargaining on 308 issues", "80th percentile", "not lower than the weighted mean's 22.99"} {
		if !strings.Contains(v.about.Text, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, v.about.Text)
		}
	}
	if !strings.Contains(v.heading.Text, "351 issues of 137 negotiations (EU legislation, DEU I-III)") {
		t.Errorf("heading %q", v.heading.Text)
	}
	for _, k := range v.kind.Options {
		v.kind.SetSelected(k)
		if _, err := v.chart.Plot(); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	v.kind.SetSelected(trackScatter)
	v.modelSel.SetSelected("BDM")
	if v.selectedModel() != model.ModelBDM {
		t.Errorf("picked BDM, the scatter shows %s", v.selectedModel())
	}
	if _, err := v.chart.Plot(); err != nil {
		t.Error(err)
	}
	var found bool
	for _, it := range h.u.Menus(Deps{}).Items[0].Items {
		found = found || it.Label == "Score models on my cases…"
	}
	if !found {
		t.Error("File menu lacks Score models on my cases…")
	}
}

// File › Score models on my cases…: the analyst's own file is scored in the
// background and the view then shows those cases, with a real scatter; a bad
// file is refused with its rule and the view keeps what it showed.
func TestScoreMyCases(t *testing.T) {
	h := newHarness(t)
	v := h.u.trackRecord()
	if err := h.u.ScoreCases("bad.json", []byte(`{"name": "A", "issues": [], "actors": [], "outcomes": {"x": 5}}`)); err == nil ||
		!strings.Contains(model.ErrorMessage(err), "no issue has key") {
		t.Errorf("bad file: %v", err)
	}
	if v.rec != backtest.Shipped() {
		t.Error("a refused file changed the view")
	}
	data, err := os.ReadFile("../model/backtest/testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.u.ScoreCases("cases.json", data); err != nil {
		t.Fatal(err)
	}
	h.until(20*time.Second, "scoring the cases", func() bool { return v.own != nil })
	if v.res == nil || v.rec.Cases != 5 || v.source.Selected != "My cases: cases.json" {
		t.Fatalf("after scoring: cases %d, source %q", v.rec.Cases, v.source.Selected)
	}
	if !strings.Contains(v.heading.Text, "5 issues of 3 negotiations (cases.json)") || v.busy.Visible() {
		t.Errorf("heading %q, busy %v", v.heading.Text, v.busy.Visible())
	}
	if r := trackRow(v, model.ModelWeightedMean); v.Cell(r, 5) != "5" {
		t.Errorf("weighted mean n = %q on own cases", v.Cell(r, 5))
	}
	v.kind.SetSelected(trackScatter)
	if _, err := v.chart.Plot(); err != nil {
		t.Errorf("scatter of own cases: %v", err)
	}
	v.source.SetSelected(shippedSourceName)
	if v.rec.Cases != 351 || v.res != nil {
		t.Errorf("back to the shipped record: %d cases", v.rec.Cases)
	}
}

// TestTrackRecordLook writes the Track record view, light and dark, into
// PARLEY_LOOK_DIR (skipped when unset), to look at.
func TestTrackRecordLook(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the view")
	}
	os.MkdirAll(dir, 0o755)
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		h := newHarness(t)
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[variant]
		fyne.CurrentApp().Settings().SetTheme(ForcedTheme(variant))
		h.w.Resize(fyne.NewSize(1500, 950))
		h.u.ShowTab("Track record")
		v := h.u.trackRecord()
		for _, k := range []string{trackErrors, trackScatter} {
			v.kind.SetSelected(k)
			h.u.refreshViews()
			test.TempWidgetRenderer(t, v.table)
			f, err := os.Create(filepath.Join(dir, "trackrecord-"+strings.ReplaceAll(strings.ToLower(k), " ", "-")+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, h.w.Canvas().Capture())
			f.Close()
		}
		// The stance map, whose legend carries each forecast's ± q.
		h.u.ShowTab("Stance map")
		h.u.refreshViews()
		f, err := os.Create(filepath.Join(dir, "trackrecord-stance-legend-"+name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, h.w.Canvas().Capture())
		f.Close()
	}
}
