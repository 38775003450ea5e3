package ui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"parley/ui/chart"
)

// pixelOf is where data point (x, y) of chart v is on screen, in the
// chart's own Fyne coordinates, from the frame last drawn.
func pixelOf(t *testing.T, v *ChartView, x, y float64) fyne.Position {
	t.Helper()
	p, w, h, dpi, size := v.Drawn()
	if p == nil {
		t.Fatal("the chart was not drawn")
	}
	px, py := chart.PixelTransform(p, w, h, dpi)(x, y)
	return fyne.NewPos(float32(px)*size.Width/float32(w), float32(py)*size.Height/float32(h))
}

// Tapping a bubble on the stance map opens that actor's card: its
// position, salience, capability, ranges, rationale and source as entered,
// and the move the chosen model predicts for it.
func TestTapBubbleOpensCard(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	u := h.u
	u.ShowTab("Stance map")
	u.stance.issue.SetSelectedIndex(1) // enrichment level
	h.w.Canvas().Capture()             // draws the frame the analyst sees
	sc := u.current
	a := sc.ActorIndex("Gulf states")
	st := sc.Stance(a, 1)
	test.TapAt(u.stance.tap, pixelOf(t, u.stance.chart, st.Position, st.Salience))
	card := u.stance.Card()
	if !card.Visible() {
		t.Fatal("tapping the Gulf's bubble opened no card")
	}
	text := card.Text()
	end := u.result.BDMFinal(1)[a]
	for _, want := range []string{
		"Gulf states",
		fmt.Sprintf("Position: %s", cardNum(st.Position)),
		fmt.Sprintf("Salience: %s of 100", cardNum(st.Salience)),
		fmt.Sprintf("Capability: %s", cardNum(sc.Actors[a].Capability)),
		"Predicted move (BDM): " + moveText(&sc.Issues[1], st.Position, end),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the card lacks %q:\n%s", want, text)
		}
	}
	if st.PositionRange != nil && !strings.Contains(text, "Position range: "+cardNum(st.PositionRange.Low)+" to "+cardNum(st.PositionRange.High)) {
		t.Errorf("the card lacks the position range %v:\n%s", *st.PositionRange, text)
	}
	if st.Rationale == "" || !strings.Contains(text, "Rationale: "+st.Rationale) {
		t.Errorf("the card lacks the rationale %q:\n%s", st.Rationale, text)
	}
	if st.Source == "" || !strings.Contains(text, "Source: "+st.Source) {
		t.Errorf("the card lacks the source %q:\n%s", st.Source, text)
	}
	// SMP arrows: the card says the SMP's move.
	u.stance.model.SetSelected("SMP")
	h.w.Canvas().Capture()
	test.TapAt(u.stance.tap, pixelOf(t, u.stance.chart, st.Position, st.Salience))
	if want := "Predicted move (SMP): " + moveText(&sc.Issues[1], st.Position, u.result.SMPFinal(1)[a]); !strings.Contains(u.stance.Card().Text(), want) {
		t.Errorf("with SMP arrows the card lacks %q:\n%s", want, u.stance.Card().Text())
	}
	// Exchange arrows: the picker offers the exchange model, the map shows
	// its voting positions, and the card its predicted vote.
	if want := []string{"BDM", "SMP", "Exchange"}; strings.Join(u.stance.model.Options, ",") != strings.Join(want, ",") {
		t.Fatalf("the Arrows picker offers %q, want %q", u.stance.model.Options, want)
	}
	u.stance.model.SetSelected("Exchange")
	h.w.Canvas().Capture()
	test.TapAt(u.stance.tap, pixelOf(t, u.stance.chart, st.Position, st.Salience))
	if want := "Predicted move (Exchange): " + moveText(&sc.Issues[1], st.Position, u.result.ExchangeFinal(1)[a]); !strings.Contains(u.stance.Card().Text(), want) {
		t.Errorf("with exchange arrows the card lacks %q:\n%s", want, u.stance.Card().Text())
	}
	// A tap on empty paper opens nothing new.
	old := u.stance.Card()
	old.pop.Hide()
	test.TapAt(u.stance.tap, fyne.NewPos(2, 2))
	if u.stance.Card() != old || old.Visible() {
		t.Fatal("a tap far from every bubble opened a card")
	}
}

// On the scope map the Supreme Leader and the IRGC stand on one spot and are
// drawn apart: tapping each bubble where it is drawn opens that actor's card,
// for every actor, including the one moved off its true position.
func TestTapEveryBubbleWhereDrawn(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(laptop)
	u := h.u
	u.ShowTab("Stance map")
	u.stance.issue.SetSelectedIndex(0)
	h.w.Canvas().Capture()
	p, w, ht, dpi, size := u.stance.chart.Drawn()
	bs := chart.DrawnBubbles(p, w, ht, dpi)
	if len(bs) != len(u.current.Actors) {
		t.Fatalf("%d bubbles drawn for %d actors", len(bs), len(u.current.Actors))
	}
	toData := chart.PixelTransform(p, w, ht, dpi)
	moved := 0
	for _, b := range bs {
		st := u.current.Stance(b.Actor, 0)
		if x, y := toData(st.Position, st.Salience); math.Hypot(x-b.X, y-b.Y) > 1 {
			moved++
		}
		test.TapAt(u.stance.tap, fyne.NewPos(float32(b.X)*size.Width/float32(w), float32(b.Y)*size.Height/float32(ht)))
		name := u.current.Actors[b.Actor].Name
		if c := u.stance.Card(); !c.Visible() || !strings.HasPrefix(c.Text(), name) {
			t.Errorf("tapping %s's bubble where it is drawn opened %q", name, c.Text())
		}
	}
	if moved == 0 {
		t.Fatal("no bubble is drawn off its true position on the scope map: the test shows nothing")
	}
}
