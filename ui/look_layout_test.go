package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestLookLayout renders, into PARLEY_LOOK_DIR (skipped when unset), at a
// 1366×768 laptop's window and at a 1920×1080 screen's, light and dark: a
// bubble's card, the trajectory with actors hidden and one highlighted, and
// the sliders by issue. Pictures for a person to look at.
func TestLookLayout(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the views")
	}
	os.MkdirAll(dir, 0o755)
	save := func(h *harness, name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, h.w.Canvas().Capture())
		f.Close()
	}
	for _, size := range []struct {
		name string
		s    fyne.Size
	}{{"1366", laptop}, {"1920", WindowSize(fyne.Size{}, fyne.NewSize(1920, 1080))}} {
		for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			h := newHarness(t)
			name := size.name + "-light"
			if variant == theme.VariantDark {
				name = size.name + "-dark"
			}
			fyne.CurrentApp().Settings().SetTheme(ForcedTheme(variant))
			h.w.Resize(size.s)
			u := h.u
			u.ShowTab("Stance map")
			u.stance.issue.SetSelectedIndex(1)
			h.w.Canvas().Capture()
			a := u.current.ActorIndex("Gulf states")
			st := u.current.Stance(a, 1)
			test.TapAt(u.stance.tap, pixelOf(t, u.stance.chart, st.Position, st.Salience))
			save(h, "card-"+name)
			u.stance.Card().pop.Hide()
			u.sliders.SetMode(slidersByIssue)
			u.sliders.issue.SetSelectedIndex(1)
			save(h, "sliders-by-issue-"+name)
			u.ShowTab("Trajectory")
			tv := trajectoryOf(u)
			tv.refresh()
			var keep []string
			for _, n := range tv.actors.Options {
				if n != "Russia" && n != "China" && n != "Turkey" && n != "Oman" {
					keep = append(keep, n)
				}
			}
			tv.actors.SetSelected(keep)
			tv.focus.SetSelected("United States")
			save(h, "trajectory-hidden-"+name)
		}
	}
}
