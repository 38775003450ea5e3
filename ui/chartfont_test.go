package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Chart type follows the pane: the stance map drawn in a 1366×768 laptop's
// window uses at least 9-point axis labels, and at a 1920×1080 screen's
// window larger ones (it was fixed at most 11 points and shrank on a laptop).
func TestChartTextScalesWithPane(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Stance map")
	sizeAt := func(win fyne.Size) float64 {
		h.w.Resize(win)
		h.u.stance.chart.Invalidate()
		h.w.Canvas().Capture()
		p, _, _, _, _ := h.u.stance.chart.Drawn()
		if p == nil {
			t.Fatal("the stance map was not drawn")
		}
		return p.X.Label.TextStyle.Font.Size.Points()
	}
	small := sizeAt(laptop)
	big := sizeAt(WindowSize(fyne.Size{}, fyne.NewSize(1920, 1080)))
	if small < 9 {
		t.Fatalf("at 1366×768 the axis title is %.1f pt: too small to read", small)
	}
	if big < small+1.5 {
		t.Fatalf("the axis title is %.1f pt at 1920×1080 and %.1f pt at 1366×768: it does not grow with the pane", big, small)
	}
}
