package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Add actor gives the new actor no stance: the stance table shows each as
// unset, the forecast (BDM scope) does not move, the Summary says the actor
// was left out; typing a position and a salience sets the stance.
func TestAddActorStartsUnset(t *testing.T) {
	h := newHarness(t)
	scope := h.u.current.IssueIndex("scope")
	if scope < 0 {
		t.Fatal("no scope issue")
	}
	before := h.u.result.Issues[scope].BDM.Forecast
	test.Tap(h.u.data.addActorB)
	h.waitResult()
	sc := h.u.current
	n := len(sc.Actors) - 1
	if sc.Actors[n].Name != "New actor" || len(sc.Actors[n].Stances) != 0 {
		t.Fatalf("new actor %q with stances %v", sc.Actors[n].Name, sc.Actors[n].Stances)
	}
	_, _, stances := h.u.data.Sheets()
	for c := 0; c < 2*len(sc.Issues); c++ {
		if got := stances.get(n, c); got != unsetText {
			t.Errorf("the new actor's cell %d shows %q, want %q", c, got, unsetText)
		}
	}
	stances.table.Select(widget.TableCellID{Row: n, Col: 2 * scope}) // as a click on the cell
	if !strings.Contains(h.u.data.detail.Text, "no stance on") || !strings.Contains(h.u.data.detail.Text, "not set") {
		t.Errorf("detail %q", h.u.data.detail.Text)
	}
	if got := h.u.result.Issues[scope].BDM.Forecast; got != before {
		t.Fatalf("BDM scope %v → %v after Add actor", before, got)
	}
	h.u.summary.refresh()
	h.until(10*time.Second, "the verdicts", func() bool { return h.u.summary.Verdicts() != nil })
	iv := h.u.summary.Verdicts().Issues[scope]
	if want := "New actor has no stance on " + sc.Issues[scope].Name + ": left out."; iv.LeftOut != want {
		t.Errorf("verdict %q, want %q", iv.LeftOut, want)
	}
	// The analyst sets it by typing (the entry starts empty, with a hint).
	if stances.Entry().Text != "" || !strings.Contains(stances.Entry().PlaceHolder, "Not set") {
		t.Fatalf("entry %q placeholder %q for an unset stance", stances.Entry().Text, stances.Entry().PlaceHolder)
	}
	test.Type(stances.Entry(), "80")
	stances.commit()
	stances.Select(n, 2*scope+1)
	stances.Entry().SetText("60")
	stances.commit()
	h.waitResult()
	if !h.u.current.HasStance(n, scope) {
		t.Fatal("typing did not set the stance")
	}
	if st := h.u.current.Stance(n, scope); st.Position != 80 || st.Salience != 60 || stances.get(n, 2*scope) != "80" {
		t.Fatalf("stance %+v shown %q", st, stances.get(n, 2*scope))
	}
	if len(h.u.result.Issues[scope].Unset) != 0 {
		t.Errorf("still left out: %v", h.u.result.Issues[scope].Unset)
	}
	// Clearing the cell unsets it again (undoable).
	stances.Entry().SetText("")
	stances.commit()
	h.waitResult()
	if h.u.current.HasStance(n, scope) || h.u.result.Issues[scope].BDM.Forecast != before {
		t.Fatalf("clearing the cell left the stance set (forecast %v)", h.u.result.Issues[scope].BDM.Forecast)
	}
	h.u.Undo()
	h.waitResult()
	if !h.u.current.HasStance(n, scope) {
		t.Fatal("undo did not bring the stance back")
	}
}
