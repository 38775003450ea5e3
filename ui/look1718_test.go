package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestLookProgressExportCompare renders, at 1366×768 in both themes (and
// 1920×1080 light), the
// Export chart dialog, the progress bar of a 250 × 10 forecast and the
// Compare tab's end positions into PARLEY_LOOK_DIR (skipped when unset).
func TestLookProgressExportCompare(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the views")
	}
	os.MkdirAll(dir, 0o755)
	save := func(w fyne.Window, name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, w.Canvas().Capture())
		f.Close()
	}
	for k, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark, theme.VariantLight} {
		h := newHarness(t)
		name := "light"
		if variant == theme.VariantDark {
			name = "dark"
		}
		size := fyne.NewSize(1366, 768)
		if k == 2 {
			size, name = fyne.NewSize(1920, 1080), "light-1920"
		}
		fyne.CurrentApp().Settings().SetTheme(ForcedTheme(variant))
		h.w.Resize(size)
		openExportDialog(t, h, 0)
		save(h.w, "export-dialog-"+name)
		for h.w.Canvas().Overlays().Top() != nil {
			h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
		}
		h.u.ShowTab("compare")
		for _, x := range h.u.views {
			if c, ok := x.(*compareView); ok {
				h.until(30*time.Second, "the pair", c.Idle)
				c.SetPair("Muscat 2026", "Russia takes the stockpile")
				h.until(30*time.Second, "the pair", c.Idle)
				c.item.Content.Refresh()
				for _, o := range objectsIn(c.item.Content) {
					if tabs, ok := o.(interface{ SelectIndex(int) }); ok && o != h.u.tabs {
						tabs.SelectIndex(1)
					}
				}
			}
		}
		save(h.w, "compare-ends-"+name)
		big := bigTable()
		big.Name = "Big table " + name
		if err := h.st.SaveScenario(big); err != nil {
			t.Fatal(err)
		}
		h.u.Reload(big.Name)
		h.until(10*time.Second, "the bar", func() bool {
			on, text := h.u.work.Shown()
			return on && strings.Contains(text, "of 12 parts done (last")
		})
		save(h.w, "forecast-progress-"+name)
		h.u.CancelForecast()
		h.until(10*time.Second, "the cancel", func() bool { return h.u.runner.Idle() && len(h.queue) == 0 })
		save(h.w, "forecast-cancelled-"+name)
	}
}
