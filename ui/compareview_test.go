package ui

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"parley/assets"
	"parley/model"
)

// The analyst compares Muscat with the what-if "Russia takes the stockpile":
// choosing the pair returns at once (both forecasts run off the UI
// goroutine, the bar says so), then the forecast table names every model in
// full ("Weighted median", "Nash bargaining", never "Weighted me…"), and the
// end-position table lists, per actor, where BDM ends each actor on both
// sides, the largest differences first, matching the models run directly.
func TestCompareOffTheUIGoroutineWithEndPositions(t *testing.T) {
	h := newHarness(t)
	var v *compareView
	for _, x := range h.u.views {
		if c, ok := x.(*compareView); ok {
			v = c
		}
	}
	h.u.ShowTab("compare")
	h.until(30*time.Second, "the first pair", v.Idle)
	const what = "Russia takes the stockpile"
	v.left.SetSelected(assets.MuscatName)
	v.right.SetSelected(what)
	if v.Idle() || v.ra != nil || !v.note.Visible() {
		t.Fatal("choosing a pair ran its forecasts on the UI goroutine (results before the call returned)")
	}
	h.until(30*time.Second, "both forecasts of the pair", v.Idle)
	if v.note.Visible() {
		t.Fatalf("note still shown: %q", v.note.Text)
	}

	names := map[string]bool{}
	for _, r := range v.rows {
		names[r[1]] = true
	}
	for _, want := range []string{"BDM", "SMP", "Weighted median", "Weighted mean", "Exchange"} {
		if !names[want] {
			t.Errorf("no %q row in the forecast table (models %v)", want, names)
		}
	}

	a, err := h.st.LoadScenario(assets.MuscatName)
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.st.LoadScenario(what)
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := expected(t, a), expected(t, b)
	if len(v.endRows) == 0 {
		t.Fatal("no end positions listed")
	}
	// Every row matches BDM's last round on both sides; sorted by |Δ|.
	prev := 1e9
	moved := 0
	for _, r := range v.endRows {
		i, j := a.IssueIndex(keyOf(a, r[0])), b.IssueIndex(keyOf(a, r[0]))
		k, l := a.ActorIndex(r[1]), b.ActorIndex(r[1])
		ba, bb := ra.Issues[i].BDM.Rounds, rb.Issues[j].BDM.Rounds
		x, y := a.Issues[i].Shown(ba[len(ba)-1].Positions[k]), b.Issues[j].Shown(bb[len(bb)-1].Positions[l])
		if r[2] != fmt.Sprintf("%.1f", x) || r[3] != fmt.Sprintf("%.1f", y) || r[4] != fmt.Sprintf("%+.1f", y-x) {
			t.Fatalf("row %v, want %.1f %.1f %+.1f", r, x, y, y-x)
		}
		d, _ := strconv.ParseFloat(r[4], 64)
		if d < 0 {
			d = -d
		}
		if d > prev+0.05 {
			t.Fatalf("rows not sorted by the size of the difference: %v after %.1f", r, prev)
		}
		prev = d
		if d >= 0.05 {
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("the what-if moves no actor's end position")
	}
	if got := len(v.endRows); got != len(a.Actors)*len(a.Issues) {
		t.Errorf("%d end-position rows, want %d actors × %d issues", got, len(a.Actors), len(a.Issues))
	}
	// Another model: the SMP's end positions.
	v.endModel.SetSelected(model.ModelSMP.Label())
	if len(v.endRows) == 0 {
		t.Fatal("no SMP end positions")
	}
}

func keyOf(sc *model.Scenario, name string) string {
	for _, is := range sc.Issues {
		if is.Name == name {
			return is.Key
		}
	}
	return ""
}
