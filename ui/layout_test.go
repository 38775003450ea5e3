package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// laptop is a 1366×768 screen less the title and task bars.
var laptop = fyne.NewSize(1366-40, 768-70)

// A Monte Carlo run does not grow the window: on a laptop-sized window the
// content's minimum size fits the screen before and after the run, on every
// tab (a desktop window grows to its content's minimum), and the window's
// size after the run is the size before it.
func TestMonteCarloDoesNotGrowWindow(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	before := h.w.Canvas().Size()
	fits := func(when string) {
		t.Helper()
		for _, it := range h.u.tabs.Items {
			h.u.tabs.Select(it)
			h.u.refreshViews()
			if m := h.w.Content().MinSize(); m.Width > laptop.Width || m.Height > laptop.Height {
				t.Errorf("%s, on the %s tab the window needs %v: more than a 1366×768 screen (%v)", when, it.Text, m, laptop)
			}
		}
	}
	fits("before the Monte Carlo run")
	finished := false
	h.u.OnSweep = func() { finished = true }
	h.u.uncertainty.refresh()
	h.u.uncertainty.draws.SetText("100")
	if err := h.u.uncertainty.Start(); err != nil {
		t.Fatal(err)
	}
	h.until(60*time.Second, "the Monte Carlo run", func() bool { return finished })
	fits("after the Monte Carlo run")
	// What a desktop window does after a content change: take the larger
	// of its size and the content's minimum.
	after := h.w.Canvas().Size().Max(h.w.Content().MinSize())
	if after != before {
		t.Fatalf("window size before the run %v, after %v", before, after)
	}
}

// The forecast table under the views folds away with its button and comes
// back: folded, the tabs get its height.
func TestForecastTableFolds(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	p := h.u.sliders
	if p.ReadoutFolded() {
		t.Fatal("the forecast table starts folded")
	}
	tabsOpen := h.u.tabs.Size().Height
	test.Tap(p.FoldButton())
	if !p.ReadoutFolded() || p.readout.Visible() && p.readoutBody.Visible() {
		t.Fatal("tapping the fold button left the forecast table on screen")
	}
	h.w.Content().Refresh()
	h.w.Resize(laptop.AddWidthHeight(0, 1))
	h.w.Resize(laptop)
	if got := h.u.tabs.Size().Height; got < tabsOpen+100 {
		t.Fatalf("folded, the tabs are %.0f high, open %.0f: the table's room was not given back", got, tabsOpen)
	}
	test.Tap(p.FoldButton())
	if p.ReadoutFolded() {
		t.Fatal("a second tap did not bring the forecast table back")
	}
}

// The window opens at a laptop size, and a remembered size larger than the
// screen is clamped to it.
func TestWindowSizeFitsScreen(t *testing.T) {
	screen := fyne.NewSize(1366, 768)
	if s := WindowSize(fyne.Size{}, screen); s.Width > 1366 || s.Height > 768-40 {
		t.Fatalf("default window %v does not fit a 1366×768 screen", s)
	}
	if s := WindowSize(fyne.NewSize(1900, 1000), screen); s.Width > 1366 || s.Height > 768-40 {
		t.Fatalf("remembered 1900×1000 opens at %v on a 1366×768 screen", s)
	}
	if s := WindowSize(fyne.Size{}, fyne.NewSize(1920, 1080)); s.Width < 1400 || s.Height < 900 {
		t.Fatalf("on a 1920×1080 screen the window opens at %v: room left unused", s)
	}
	if s := WindowSize(fyne.NewSize(1900, 1000), fyne.NewSize(1920, 1080)); s != fyne.NewSize(1880, 1000) {
		t.Fatalf("remembered 1900×1000 on a 1920×1080 screen opens at %v, want 1880×1000", s)
	}
}
