package ui

import (
	"fyne.io/fyne/v2"

	"parley/model"
	"parley/ui/chart"
)

// Tapping a bubble on the stance map opens the actor's card (actorcard.go).

// end is the model whose moves the map's arrows show.
func (v *stanceView) end() chart.EndModel {
	switch v.Spec().Model {
	case model.ModelSMP:
		return chart.EndSMP
	case model.ModelExchange:
		return chart.EndExchange
	}
	return chart.EndBDM
}

// tapped finds the bubble under a tap on the map as drawn (the plot, pixel
// size and DPI of the frame on screen) and opens its actor's card.
func (v *stanceView) tapped(pos fyne.Position, _ fyne.Size) {
	sc := v.u.live
	p, w, h, dpi, size := v.chart.Drawn()
	i := v.issue.SelectedIndex()
	if p == nil || sc == nil || i < 0 || i >= len(sc.Issues) || size.Width <= 0 || size.Height <= 0 {
		return
	}
	spec := v.Spec()
	j := -1
	if spec.Kind == model.ChartStance2D {
		j = v.issue2.SelectedIndex() - 1
	}
	// The bubbles where the frame drew them: moved apart where they would
	// overlap, on the issue's own scale, at their ends on a two-issue map.
	px, py := float64(pos.X)*float64(w)/float64(size.Width), float64(pos.Y)*float64(h)/float64(size.Height)
	a, hit := chart.HitBubble(chart.DrawnBubbles(p, w, h, dpi), dpi, px, py, 12)
	if !hit || a < 0 || a >= len(sc.Actors) {
		return
	}
	lines := ActorCard(sc, v.u.resultFor(sc), i, a, v.end())
	sub := sc.Issues[i].Name
	if j >= 0 {
		sub += " × " + sc.Issues[j].Name
		for _, l := range ActorCard(sc, nil, j, a, chart.NoArrows) {
			if l.Label == "Position" || l.Label == "Position range" || l.Label == "Rationale" || l.Label == "Source" {
				lines = append(lines, CardLine{l.Label + " (" + sc.Issues[j].Name + ")", l.Value})
			}
		}
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.chart.Object()).Add(pos)
	v.card = showCard(v.chart.Object(), v.card, sc.Actors[a].Name, sub, lines, abs)
}

// Card is the actor card last opened on the map (nil before the first tap).
func (v *stanceView) Card() *actorCard { return v.card }

func (v *stanceView) tapArea() *tapArea {
	v.tap = newTapArea(v.chart.Object(), v.tapped)
	return v.tap
}
