package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/ui/chart"
)

// Twelve actors' lines are spaghetti: the analyst ticks the actors to show
// (KTAB has the same list) and picks one to highlight, the others fading;
// tapping a point opens its actor's card.

const noFocus = "— none"

func (v *trajectoryView) actorPanel() fyne.CanvasObject {
	v.actors = widget.NewCheckGroup(nil, func([]string) { v.chart.Invalidate() })
	v.focus = widget.NewSelect(nil, func(string) { v.chart.Invalidate() })
	all := widget.NewButton("All", func() { v.actors.SetSelected(v.actors.Options) })
	none := widget.NewButton("None", func() { v.actors.SetSelected(nil) })
	head := container.NewVBox(widget.NewLabelWithStyle("Actors", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, all, none), widget.NewLabel("Highlight"), v.focus)
	return container.New(&fixedWidth{w: 170}, container.NewBorder(head, nil, nil, nil, container.NewVScroll(v.actors)))
}

// fillActors lists the scenario's actors, keeping what the analyst hid
// (a new actor is shown).
func (v *trajectoryView) fillActors(sc *model.Scenario) {
	names := sc.ActorNames()
	if fmt.Sprint(names) == fmt.Sprint(v.actors.Options) {
		return
	}
	hidden := map[string]bool{}
	for _, n := range v.actors.Options {
		hidden[n] = true
	}
	for _, n := range v.actors.Selected {
		delete(hidden, n)
	}
	var keep []string
	for _, n := range names {
		if !hidden[n] {
			keep = append(keep, n)
		}
	}
	v.actors.Options = names
	v.actors.Selected = keep
	v.actors.Refresh()
	focus := v.focus.Selected
	v.focus.Options = append([]string{noFocus}, names...)
	if sc.ActorIndex(focus) < 0 {
		focus = noFocus
	}
	v.focus.Selected = focus
	v.focus.Refresh()
}

// hidden reports, per actor of the live scenario, whether its line is hidden.
func (v *trajectoryView) hidden() []bool {
	sc := v.u.live
	if sc == nil || len(v.actors.Options) != len(sc.Actors) {
		return nil
	}
	on := map[string]bool{}
	for _, n := range v.actors.Selected {
		on[n] = true
	}
	out := make([]bool, len(sc.Actors))
	for a, ac := range sc.Actors {
		out[a] = !on[ac.Name]
	}
	return out
}

// focused is the highlighted actor's index, or -1.
func (v *trajectoryView) focused() int {
	if v.u.live == nil {
		return -1
	}
	return v.u.live.ActorIndex(v.focus.Selected)
}

// visible is the chosen model's trajectory with the hidden actors left out
// and the highlight applied (and the Monte Carlo fan on BDM, as a deck draws it).
func (v *trajectoryView) visible() (chart.TrajectoryData, bool) {
	d, ok := v.data()
	if !ok {
		return d, false
	}
	if unc := v.u.uncertaintyFor(v.u.live, v.issue.SelectedIndex()); unc != nil && v.Spec().Model == model.ModelBDM {
		d.Fan = unc.Fan
	}
	vis, _ := chart.VisibleTrajectory(d, v.hidden(), v.focused())
	if len(vis.Names) == 0 {
		return vis, false // every actor hidden: an empty chart
	}
	return vis, true
}

func (v *trajectoryView) setShown(d chart.TrajectoryData) {
	v.shownMu.Lock() // build runs under the chart's own lock
	v.shown = d
	v.shownMu.Unlock()
}

// Shown is the trajectory data the chart last drew (after show/hide).
func (v *trajectoryView) Shown() chart.TrajectoryData {
	v.shownMu.Lock()
	defer v.shownMu.Unlock()
	return v.shown
}

// Actors is the show/hide list; Focus the highlight picker.
func (v *trajectoryView) Actors() *widget.CheckGroup { return v.actors }

// Card is the card of the last point tapped.
func (v *trajectoryView) Card() *actorCard { return v.card }

// openCard opens actor a's card for round k (the highlight stays the
// picker's: redrawing on a tap would leave the next tap no frame to hit).
func (v *trajectoryView) openCard(k, a int, pos fyne.Position) {
	sc := v.u.live
	i := v.issue.SelectedIndex()
	if sc == nil || i < 0 || i >= len(sc.Issues) {
		return
	}
	end := chart.EndBDM
	switch v.Spec().Model {
	case model.ModelSMP:
		end = chart.EndSMP
	case model.ModelExchange:
		end = chart.EndExchange
	}
	lines := []CardLine{{"This point", v.ExplainPoint(k, a)}}
	lines = append(lines, ActorCard(sc, v.u.resultFor(sc), i, a, end)...)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.tap).Add(pos)
	v.card = showCard(v.tap, v.card, sc.Actors[a].Name, sc.Issues[i].Name, lines, abs)
}
