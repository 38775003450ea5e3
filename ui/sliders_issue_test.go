package ui

import (
	"fmt"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// By issue, the panel shows one slider per actor for the chosen issue, all
// on a laptop's screen at once, each at that actor's position; moving one
// moves the forecast to what the models compute for the new value.
func TestSlidersByIssue(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	u, p := h.u, h.u.sliders
	p.SetMode(slidersByIssue)
	p.issue.SetSelectedIndex(1) // enrichment level
	sc := u.current
	sl := p.IssueSliders()
	if len(sl) != len(sc.Actors) {
		t.Fatalf("by issue the panel shows %d sliders for %d actors", len(sl), len(sc.Actors))
	}
	scroll := p.box
	for a, s := range sl {
		if s.Value != sc.Stance(a, 1).Position {
			t.Errorf("%s's slider is at %v, its position on the issue is %v", sc.Actors[a].Name, s.Value, sc.Stance(a, 1).Position)
		}
		if !s.Visible() {
			t.Errorf("%s's slider is hidden", sc.Actors[a].Name)
		}
	}
	// Every row is on screen: the sliders' column needs no more height than the panel has.
	view := p.scroll.Size().Height
	if need := scroll.MinSize().Height; need > view {
		t.Fatalf("the %d actors' sliders need %.0f units, the panel shows %.0f: not all on screen at 1366×768", len(sl), need, view)
	}
	a := sc.ActorIndex("United States")
	before := h.shown(1, 5)
	sl[a].SetValue(90) // the US moves its enrichment position from 10 to 90
	h.waitResult()
	want := sc.Clone()
	st := want.Stance(a, 1)
	st.Position = 90
	want.SetStance(a, 1, st)
	res := expected(t, want)
	wantMedian := fmt.Sprintf("%.1f", res.Issues[1].Baseline.Median)
	if wantMedian == before {
		t.Fatalf("test is void: the weighted median does not move (%s)", before)
	}
	if got := h.shown(1, 5); got != wantMedian {
		t.Fatalf("after moving the US slider the readout shows %s, the model computes %s", got, wantMedian)
	}
	if got := p.IssueSliderValues()[a]; got != "90 (was 10)" {
		t.Fatalf("the moved slider reads %q, want \"90 (was 10)\"", got)
	}
	// Salience, same issue: the sliders follow the field.
	p.field.SetSelected(fieldSalience)
	for a, s := range p.IssueSliders() {
		if s.Value != sc.Stance(a, 1).Salience {
			t.Errorf("%s's salience slider is at %v, want %v", sc.Actors[a].Name, s.Value, sc.Stance(a, 1).Salience)
		}
	}
}

// Slider steps are whole numbers: a drag to any point of a position, a
// salience or the capability slider lands on an integer.
func TestSliderStepsAreIntegers(t *testing.T) {
	h := newHarness(t)
	p := h.u.sliders
	c, pos, sal := p.Sliders()
	drv := fyne.CurrentApp().Driver()
	for _, s := range []struct {
		name string
		s    interface {
			fyne.CanvasObject
		}
		value func() float64
	}{
		{"capability", c, func() float64 { return c.Value }},
		{"position", pos[0], func() float64 { return pos[0].Value }},
		{"salience", sal[0], func() float64 { return sal[0].Value }},
	} {
		at := drv.AbsolutePositionForObject(s.s)
		size := s.s.Size()
		seen := map[float64]bool{}
		for _, f := range []float32{0.137, 0.377, 0.611, 0.853} {
			test.Drag(h.w.Canvas(), at.Add(fyne.NewPos(size.Width*f, size.Height/2)), 1, 0)
			v := s.value()
			seen[v] = true
			if v != math.Round(v) {
				t.Errorf("a drag to %.0f%% of the %s slider gives %v, not a whole number", 100*f, s.name, v)
			}
		}
		if len(seen) < 4 {
			t.Fatalf("test is void: four drags on the %s slider gave %v", s.name, seen)
		}
	}
	if s := c.Step; s != math.Round(s) || s < 1 {
		t.Fatalf("capability step %v is not a whole number", s)
	}
}
