package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The analyst gives an issue its own scale by typing "4 to 10 years" in the
// Issues table; the stance table then shows and takes positions in years,
// refuses a value off that scale, and the models still read 0-100.
func TestDataEditorOwnScale(t *testing.T) {
	h := newHarness(t)
	_, issues, stances := h.u.data.Sheets()
	i := 0
	issues.Select(i, 5)
	test.Type(issues.Entry(), "4 to 10 years")
	issues.commit()
	if issues.Message().Visible() {
		t.Fatalf("scale refused: %s", issues.Message().Text)
	}
	h.waitResult()
	is := h.u.current.Issues[i]
	if is.Scale == nil || is.Scale.Lo != 4 || is.Scale.Hi != 10 || is.Scale.Unit != "years" {
		t.Fatalf("scale %+v", is.Scale)
	}
	if got := stances.cols()[0].title; !strings.Contains(got, "(4-10 years)") {
		t.Errorf("position header %q does not name the scale", got)
	}
	// Type 7 years: stored as 50 on 0-100.
	stances.Select(0, 0)
	stances.Entry().SetText("7")
	stances.commit()
	h.waitResult()
	if st := h.u.current.Stance(0, i); st.Position != 50 || stances.get(0, 0) != "7" {
		t.Fatalf("7 years stored as %v, shown %q", st.Position, stances.get(0, 0))
	}
	// 50 is off the 4-10 scale: refused, nothing changed.
	stances.Entry().SetText("50")
	stances.commit()
	if !stances.Message().Visible() || !strings.Contains(stances.Message().Text, "4-10 years") || h.u.current.Stance(0, i).Position != 50 {
		t.Fatalf("50 years: message %q, position %v", stances.Message().Text, h.u.current.Stance(0, i).Position)
	}
	// The status quo is shown in years too; clearing the scale goes back to 0-100.
	if got := issues.get(i, 2); got != shownNum(&h.u.current.Issues[i], h.u.current.Issues[i].StatusQuo) || strings.Contains(got, "e") {
		t.Errorf("status quo shown %q", got)
	}
	issues.Select(i, 5)
	issues.Entry().SetText("")
	issues.commit()
	h.waitResult()
	if h.u.current.Issues[i].Scale != nil || stances.get(0, 0) != "50" {
		t.Fatalf("after clearing: scale %+v, position shown %q", h.u.current.Issues[i].Scale, stances.get(0, 0))
	}
}
