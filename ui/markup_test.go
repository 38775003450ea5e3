package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Layout goldens of the main panels: the markup of what each panel draws on
// the default scenario. A failing run writes testdata/failed/ for review;
// copy it over testdata/ when the change is intended.
func TestPanelLayouts(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		name string
		obj  fyne.CanvasObject
		size fyne.Size
	}{
		{"browser.xml", h.u.browser.object(), fyne.NewSize(240, 400)},
		{"sliders.xml", h.u.sliders.object(), fyne.NewSize(300, 700)},
		{"readout.xml", h.u.sliders.readoutObject(), fyne.NewSize(800, 300)},
	} {
		w := test.NewTempWindow(t, c.obj)
		w.Resize(c.size)
		test.AssertRendersToMarkup(t, c.name, w.Canvas())
	}
}
