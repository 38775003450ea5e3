package ui

import (
	"testing"

	"parley/model"
)

// The analyst picks an issue on the stance map: the "against" picker offers
// every other issue but not that one; picking one draws the two-issue map,
// and the choice is kept when the first issue changes to another.
func TestStanceAgainstExcludesIssue(t *testing.T) {
	h := newHarness(t)
	v := h.u.stance
	sc := h.u.current
	v.issue.SetSelected(sc.Issues[0].Name)
	for _, o := range v.issue2.Options {
		if o == sc.Issues[0].Name {
			t.Fatalf("the against list %q offers %q, the issue itself", v.issue2.Options, o)
		}
	}
	if len(v.issue2.Options) != len(sc.Issues) { // "one issue" + the others
		t.Fatalf("against list %q, want one issue and the %d others", v.issue2.Options, len(sc.Issues)-1)
	}
	v.issue2.SetSelected(sc.Issues[4].Name)
	if sp := v.Spec(); sp.Kind != model.ChartStance2D || sp.Issue != sc.Issues[0].Key || sp.Issue2 != sc.Issues[4].Key {
		t.Errorf("spec %+v, want %s × %s", sp, sc.Issues[0].Key, sc.Issues[4].Key)
	}
	v.issue.SetSelected(sc.Issues[1].Name)
	if v.issue2.Selected != sc.Issues[4].Name {
		t.Errorf("against choice %q lost when the first issue changed", v.issue2.Selected)
	}
	for _, o := range v.issue2.Options {
		if o == sc.Issues[1].Name {
			t.Errorf("the against list %q offers the new first issue %q", v.issue2.Options, o)
		}
	}
}
