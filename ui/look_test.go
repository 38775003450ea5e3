package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestLook renders every view of the window, after a Monte Carlo run, in
// both themes into PARLEY_LOOK_DIR (skipped when unset): pictures for a
// person to look at, e.g. before a release. `make screenshots` sets it.
func TestLook(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the views")
	}
	os.MkdirAll(dir, 0o755)
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		h := newHarness(t)
		name := "light"
		if variant == theme.VariantDark {
			name = "dark"
		}
		fyne.CurrentApp().Settings().SetTheme(ForcedTheme(variant))
		h.w.Resize(fyne.NewSize(1500, 950))
		finished := false
		h.u.OnSweep = func() { finished = true }
		h.u.uncertainty.refresh()
		h.u.uncertainty.draws.SetText("300")
		if err := h.u.uncertainty.Start(); err != nil {
			t.Fatal(err)
		}
		h.until(60*time.Second, "the Monte Carlo run", func() bool { return finished })
		for _, it := range h.u.tabs.Items {
			h.u.tabs.Select(it)
			h.until(2*time.Second, "the tornado", func() bool { return it.Text != "Uncertainty" || h.u.uncertainty.tornado != nil })
			h.u.refreshViews()
			img := h.w.Canvas().Capture()
			f, err := os.Create(filepath.Join(dir, "view-"+it.Text+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, img)
			f.Close()
		}
		// The data editor's other tables, with a stance selected.
		h.u.ShowTab("Data")
		for k, sub := range h.u.data.sub.Items {
			h.u.data.sub.SelectIndex(k)
			if sub.Text == "Stances" {
				h.u.data.stances.table.Select(widget.TableCellID{Row: 6, Col: 4})
			}
			f, err := os.Create(filepath.Join(dir, "data-"+sub.Text+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, h.w.Canvas().Capture())
			f.Close()
		}
	}
}
