package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"parley/store/codec"
)

// The import preview lists every problem of a file with its place, and
// imports nothing.
func TestImportPreviewListsEveryProblem(t *testing.T) {
	h := newHarness(t)
	h.u.deps.ReadFileAsked = codec.ReadAsked
	data := []byte("Actor,Capability,Position,Salience\nA,ten,20,50\nB,2,30,60\nC,3,140,70\nD,4,60,80\nE,5,40,lots\n")
	p := h.u.previewImport("Bad_table.csv", data)
	h.until(10*time.Second, "the preview", func() bool { return strings.Contains(p.report.Text, "problems") })
	for _, want := range []string{"3 problems", "Bad_table.csv:2:3:", "Bad_table.csv:4:5: position 140", "Bad_table.csv:6:8:"} {
		if !strings.Contains(p.report.Text, want) {
			t.Errorf("the preview lacks %q:\n%s", want, p.report.Text)
		}
	}
	if !p.importB.Disabled() || !p.ownScale.Visible() {
		t.Errorf("Import enabled %v, own scale offered %v", !p.importB.Disabled(), p.ownScale.Visible())
	}
	before, _ := h.st.ListScenarios()
	test.Tap(p.importB)
	after, _ := h.st.ListScenarios()
	if len(after) != len(before) {
		t.Fatal("a refused file was imported")
	}
}

// A column outside 0-100 is refused with its line until the analyst ticks
// "use the file's own scale"; then it imports and the issue keeps the scale.
func TestImportPreviewOwnScale(t *testing.T) {
	h := newHarness(t)
	h.u.deps.ReadFileAsked = codec.ReadAsked
	data := []byte("Actor,Capability,Position,Salience\nA,1,20,50\nB,2,140,60\nC,3,60,70\n")
	p := h.u.previewImport("wide.csv", data)
	h.until(10*time.Second, "the refusal", func() bool { return strings.Contains(p.report.Text, "wide.csv:3:5: position 140") })
	if !p.importB.Disabled() {
		t.Fatal("Import enabled for a refused file")
	}
	test.Tap(p.ownScale)
	h.until(10*time.Second, "the preview on the own scale", func() bool { return !p.importB.Disabled() })
	if !strings.Contains(p.report.Text, `Scenario "wide"`) || !strings.Contains(p.report.Text, "wide.csv:1:18: Positions are on the file's own scale, 20-140") {
		t.Errorf("preview:\n%s", p.report.Text)
	}
	done := false
	p.OnDone = func(imported bool) { done = imported }
	test.Tap(p.importB)
	h.waitResult()
	if !done {
		t.Fatal("the preview did not close after Import")
	}
	sc, err := h.st.LoadScenario("wide")
	if err != nil {
		t.Fatal(err)
	}
	if s := sc.Issues[0].Scale; s == nil || s.Lo != 20 || s.Hi != 140 {
		t.Fatalf("imported issue scale %+v, want 20-140", s)
	}
}

// The error dialog shows the message as written: the file name it starts
// with keeps its small letter.
func TestErrorDialogKeepsFileName(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(800, 600))
	msg := "bad_table.csv:3:5: position 140 is outside 0-100"
	newErrorDialog(msg, w).Show()
	found := ""
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "position 140") {
			found = l.Text
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			if r := test.WidgetRenderer(wd); r != nil {
				for _, x := range r.Objects() {
					walk(x)
				}
			}
		}
	}
	walk(w.Canvas().Overlays().Top())
	if found != msg {
		t.Fatalf("the dialog shows %q, want %q", found, msg)
	}
}
