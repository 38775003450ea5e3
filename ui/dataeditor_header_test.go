package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The stance grid's headers are whole: "enrichment · position" and
// "enrichment · salience" are drawn in full, not cut to "enrichment · po…",
// at a laptop's window size.
func TestStanceHeadersNotTruncated(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	h.u.ShowTab("Data")
	_, _, stances := h.u.data.Sheets()
	for k, sub := range h.u.data.sub.Items {
		if sub.Text == "Stances" {
			h.u.data.sub.SelectIndex(k)
		}
	}
	stances.reload()
	var heads []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			if strings.Contains(x.Text, "·") && x.MinSize().Width > x.Size().Width+0.5 {
				t.Errorf("stance header %q needs %.0f units, its column has %.0f: it runs into the next", x.Text, x.MinSize().Width, x.Size().Width)
			}
			for _, k := range test.WidgetRenderer(x).Objects() {
				walk(k)
			}
		case *canvas.Text:
			if strings.Contains(x.Text, "·") {
				heads = append(heads, x.Text)
			}
		case *fyne.Container:
			for _, k := range x.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(x).Objects() {
				walk(k)
			}
		}
	}
	// Every column, the widest titles included: scrolled into view in turn.
	for c := 0; c < len(stances.cols()); c++ {
		stances.table.ScrollTo(widget.TableCellID{Row: 0, Col: c})
		walk(stances.table)
	}
	if len(heads) < 2 {
		t.Fatalf("test is void: %d stance headers drawn", len(heads))
	}
	for _, s := range heads {
		if strings.HasSuffix(s, "…") || !(strings.HasSuffix(s, "position") || strings.HasSuffix(s, "salience")) {
			t.Errorf("stance header drawn as %q: cut before its field", s)
		}
	}
}
