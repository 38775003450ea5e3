package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestLookStanceMaps renders the stance map of scope and the two-issue map
// (enrichment × sanctions) at a laptop's 1366×768 and at 1920×1080, light
// and dark, into PARLEY_LOOK_DIR for a person to look at.
func TestLookStanceMaps(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the stance maps")
	}
	os.MkdirAll(dir, 0o755)
	h := newHarness(t)
	v := h.u.stance
	sc := h.u.current
	h.u.ShowTab("Stance")
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[variant]
		fyne.CurrentApp().Settings().SetTheme(ForcedTheme(variant))
		for _, sz := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1920, Height: 1080}} {
			h.w.Resize(sz)
			for _, c := range []struct{ file, x, y string }{
				{"scope", sc.Issues[0].Name, oneIssue},
				{"enrichment-x-sanctions", sc.Issues[1].Name, sc.Issues[4].Name},
			} {
				v.issue.SetSelected(c.x)
				v.issue2.SetSelected(c.y)
				h.u.refreshViews()
				f, err := os.Create(filepath.Join(dir, "stance-"+c.file+"-"+name+"-"+sizeName(sz)+".png"))
				if err != nil {
					t.Fatal(err)
				}
				png.Encode(f, h.w.Canvas().Capture())
				f.Close()
			}
		}
	}
}

func sizeName(s fyne.Size) string {
	if s.Width > 1500 {
		return "1920"
	}
	return "1366"
}
