package ui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"parley/ui/chart"
)

// findCheck is the check box labelled text on the canvas.
func findCheck(c fyne.Canvas, text string) *widget.Check {
	var found *widget.Check
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		if b, ok := o.(*widget.Check); ok && b.Text == text {
			found = b
			return
		}
		switch x := o.(type) {
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
	walk(c.Content())
	return found
}

func trajectoryOf(u *App) *trajectoryView {
	for _, v := range u.views {
		if x, ok := v.(*trajectoryView); ok {
			return x
		}
	}
	return nil
}

// Unticking an actor in the trajectory's list takes its line off the chart
// (gone from the data drawn); ticking it brings it back. Tapping a point
// opens that actor's card and highlights its line, the others faded.
func TestTrajectoryHideActorAndCard(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	u := h.u
	u.ShowTab("Trajectory")
	tv := trajectoryOf(u)
	tv.refresh()
	h.w.Canvas().Capture()
	sc := u.current
	n := len(sc.Actors)
	if got := len(tv.Shown().Names); got != n {
		t.Fatalf("the trajectory draws %d actors, the scenario has %d", got, n)
	}
	ru := sc.ActorIndex("Russia")
	check := findCheck(h.w.Canvas(), "Russia")
	if check == nil {
		t.Fatal("no check box for Russia in the trajectory's actor list")
	}
	test.Tap(check)
	h.w.Canvas().Capture()
	d := tv.Shown()
	if len(d.Names) != n-1 || len(d.Rounds[0]) != n-1 {
		t.Fatalf("after hiding Russia the chart draws %d names and %d lines, want %d", len(d.Names), len(d.Rounds[0]), n-1)
	}
	for _, name := range d.Names {
		if name == sc.Actors[ru].ShortLabel() {
			t.Fatal("Russia is hidden but still drawn")
		}
	}
	// A point of the last round that no other shown actor shares, tapped
	// at its pixel: the card is that actor's.
	p, w, hgt, dpi, size := tv.chart.Drawn()
	full, _ := tv.data()
	k := len(full.Rounds) - 1
	_, index := chart.VisibleTrajectory(full, tv.hidden(), -1)
	a := -1
	for j, x := range d.Rounds[k] {
		alone := true
		for j2, y := range d.Rounds[k] {
			alone = alone && (j == j2 || math.Abs(x-y) > 6)
		}
		if alone {
			a = index[j]
			break
		}
	}
	if a < 0 {
		t.Fatal("test is void: every point of the last round has a neighbour")
	}
	px, py := chart.PixelTransform(p, w, hgt, dpi)(float64(k), full.Rounds[k][a])
	test.TapAt(tv.tap, fyne.NewPos(float32(px)*size.Width/float32(w), float32(py)*size.Height/float32(hgt)))
	card := tv.Card()
	if !card.Visible() || !strings.HasPrefix(card.Text(), sc.Actors[a].Name) {
		t.Fatalf("tapping %s's point opened %q", sc.Actors[a].Name, card.Text())
	}
	if want := "This point: " + tv.ExplainPoint(k, a); !strings.Contains(card.Text(), want) {
		t.Fatalf("the card lacks %q:\n%s", want, card.Text())
	}
	tv.focus.SetSelected(sc.Actors[a].Name) // the analyst picks it to highlight
	h.w.Canvas().Capture()
	d = tv.Shown()
	for j, c := range d.Colors {
		_, _, _, al := c.RGBA()
		if (index[j] == a) != (al == 0xffff) {
			t.Errorf("with %s highlighted, %s is drawn at opacity %d", sc.Actors[a].Name, d.Names[j], al>>8)
		}
	}
	test.Tap(check)
	h.w.Canvas().Capture()
	if got := len(tv.Shown().Names); got != n {
		t.Fatalf("ticking Russia again draws %d actors, want %d", got, n)
	}
}
