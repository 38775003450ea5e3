package ui

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/model/bdm"
	"parley/ui/chart"
)

// trajectoryView shows each actor's position round by round on one issue,
// with the median and mean; tapping a point explains that actor's move in
// that round, and the panel below lists every move of the chosen round.
type trajectoryView struct {
	u       *App
	item    *container.TabItem
	issue   *widget.Select
	model   *widget.RadioGroup
	round   *widget.Select
	chart   *ChartView
	tap     *tapArea
	explain *widget.Label
	moves   *widget.Label
	quad    *widget.Button // opens the quad map of the chosen round (trajectory_quad.go)
	// Actor show/hide and highlight (trajectory_actors.go).
	actors  *widget.CheckGroup
	focus   *widget.Select
	card    *actorCard
	shown   chart.TrajectoryData // what the chart last drew
	shownMu sync.Mutex
}

func newTrajectoryView(u *App) *trajectoryView {
	v := &trajectoryView{u: u}
	v.issue = widget.NewSelect(nil, func(string) { v.refresh() })
	v.model = widget.NewRadioGroup([]string{"BDM", "SMP", model.ModelExchange.Label()}, func(string) { v.refresh() })
	v.model.Horizontal = true
	v.model.SetSelected("BDM")
	v.round = widget.NewSelect(nil, func(string) { v.showMoves() })
	v.chart = NewChartView(v.build)
	v.chart.SetSpec(v.Spec)
	v.tap = newTapArea(v.chart.Object(), v.tapped)
	v.explain = widget.NewLabel("Tap a point to read why that actor moved.")
	v.explain.Wrapping = fyne.TextWrapWord
	v.moves = widget.NewLabel("")
	v.moves.Wrapping = fyne.TextWrapWord
	bar := container.NewHBox(widget.NewLabel("Issue"), wide(v.issue, 260), widget.NewLabel("Model"), v.model)
	v.quad = widget.NewButton("Quad map of this round", v.showQuad)
	panel := container.NewBorder(container.NewHBox(widget.NewLabelWithStyle("Moves in", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.round, v.quad), nil, nil, nil,
		container.NewVScroll(v.moves))
	split := container.NewVSplit(container.NewBorder(nil, v.explain, v.actorPanel(), nil, v.tap), panel)
	split.Offset = 0.72
	v.item = container.NewTabItem("Trajectory", container.NewBorder(bar, nil, nil, nil, split))
	u.addView(v)
	return v
}

func (v *trajectoryView) tab() *container.TabItem { return v.item }

func (v *trajectoryView) exchange() bool { return v.model.Selected == model.ModelExchange.Label() }

// Chart is the trajectory chart.
func (v *trajectoryView) Chart() *ChartView { return v.chart }

// Explanation is the line that shows why the tapped actor moved.
func (v *trajectoryView) Explanation() *widget.Label { return v.explain }

// Spec names the chart for exports.
func (v *trajectoryView) Spec() chart.ChartSpec {
	s := chart.ChartSpec{Kind: model.ChartTrajectory, Model: model.ModelBDM}
	if v.model.Selected == "SMP" {
		s.Model = model.ModelSMP
	}
	if v.exchange() {
		s.Model = model.ModelExchange
	}
	if sc, i := v.u.live, v.issue.SelectedIndex(); sc != nil && i >= 0 && i < len(sc.Issues) {
		s.Issue = sc.Issues[i].Key
	}
	return s
}

func (v *trajectoryView) refresh() {
	sc := v.u.live
	if sc == nil {
		return
	}
	fillIssues(v.issue, sc)
	v.fillActors(sc)
	v.chart.Invalidate()
	v.fillRounds()
	v.showMoves()
}

func (v *trajectoryView) data() (chart.TrajectoryData, bool) {
	sc := v.u.live
	res := v.u.resultFor(sc)
	i := v.issue.SelectedIndex()
	if res == nil || i < 0 || i >= len(sc.Issues) {
		return chart.TrajectoryData{}, false
	}
	var d chart.TrajectoryData
	var err error
	if v.model.Selected == "SMP" {
		d, err = chart.TrajectoryFromSMP(sc, res, i)
	} else if v.exchange() {
		d, err = chart.TrajectoryFromExchange(sc, res, i)
	} else {
		d, err = chart.TrajectoryFromBDM(sc, res, i)
	}
	return d, err == nil
}

func (v *trajectoryView) build(st chart.Style) (*plot.Plot, error) {
	sc := v.u.live
	if sc == nil || v.u.resultFor(sc) == nil || v.issue.SelectedIndex() < 0 {
		return nil, nil
	}
	if err := v.Spec().Validate(sc); err != nil {
		return nil, err
	}
	d, ok := v.visible()
	if !ok {
		return nil, nil
	}
	v.setShown(d)
	return d.Plot(st)
}

// bdmResult is the BDM result of the chosen issue, if any.
func (v *trajectoryView) bdmResult() *bdm.Result {
	res := v.u.resultFor(v.u.live)
	i := v.issue.SelectedIndex()
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	return res.Issues[i].BDM
}

func (v *trajectoryView) fillRounds() {
	r := v.bdmResult()
	var opts []string
	if res := v.u.resultFor(v.u.live); v.model.Selected == "SMP" && res != nil && res.SMP != nil {
		for k := 1; k < len(res.SMP.Turns); k++ {
			opts = append(opts, fmt.Sprintf("turn %d → %d", k-1, k))
		}
	} else if r == nil || v.model.Selected == "SMP" || v.exchange() {
		v.round.Options = nil
		v.round.ClearSelected()
		return
	}
	for k := 1; r != nil && v.model.Selected != "SMP" && k < len(r.Rounds); k++ {
		opts = append(opts, fmt.Sprintf("round %d", k))
	}
	keep := v.round.SelectedIndex()
	v.round.Options = opts
	if keep < 0 || keep >= len(opts) {
		keep = 0
	}
	if len(opts) > 0 {
		v.round.SetSelectedIndex(keep)
	}
	v.round.Refresh()
}

// showMoves lists the chosen round's moves as sentences.
func (v *trajectoryView) showMoves() {
	r := v.bdmResult()
	if v.model.Selected == "SMP" {
		v.quad.Disable()
		v.moves.SetText(v.smpTurnText(v.round.SelectedIndex()))
		return
	}
	if v.exchange() {
		v.quad.Disable()
		v.moves.SetText("The exchange model trades across issues: each point is an actor's vote after a round of trades. The Exchanges tab reads every trade in words.")
		return
	}
	v.quad.Enable()
	if r == nil {
		v.moves.SetText("")
		return
	}
	round := v.round.SelectedIndex() + 1
	var lines []string
	for _, m := range r.Moves {
		if m.Round == round {
			lines = append(lines, "• "+m.Explain(v.u.live.ActorNames())+"\n    "+m.Numbers(v.u.live.ActorNames()))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "Nobody moved in this round.")
	}
	lines = append(lines, v.runNotes(r)...)
	v.moves.SetText(strings.Join(lines, "\n"))
}

// ExplainPoint returns the sentence for actor a in round k of the chosen
// issue: its BDM move, or that it held its position.
func (v *trajectoryView) ExplainPoint(k, a int) string {
	sc := v.u.live
	if v.model.Selected == "SMP" {
		d, ok := v.data()
		if !ok || k >= len(d.Rounds) {
			return ""
		}
		return fmt.Sprintf("%s is at %.1f after turn %d of the SMP.", sc.Actors[a].Name, d.Rounds[k][a], k)
	}
	if v.exchange() {
		d, ok := v.data()
		if !ok || k >= len(d.Rounds) {
			return ""
		}
		if k == 0 {
			return fmt.Sprintf("%s starts at %.1f (the analyst's input).", sc.Actors[a].Name, d.Rounds[0][a])
		}
		return fmt.Sprintf("%s votes %.1f after round %d of the exchange model.", sc.Actors[a].Name, d.Rounds[k][a], k)
	}
	r := v.bdmResult()
	if r == nil || k >= len(r.Rounds) {
		return ""
	}
	if k == 0 {
		return fmt.Sprintf("%s starts at %.1f (the analyst's input).", sc.Actors[a].Name, r.Rounds[0].Positions[a])
	}
	for _, m := range r.Moves {
		if m.Round == k && m.Mover == a {
			return fmt.Sprintf("Round %d: %s. %s.", k, m.Explain(sc.ActorNames()), m.Numbers(sc.ActorNames()))
		}
	}
	return fmt.Sprintf("Round %d: %s held its position at %.1f.", k, sc.Actors[a].Name, r.Rounds[k].Positions[a])
}

// tapped finds the point under a tap on the plot as drawn: the same plot,
// pixel size and DPI the frame on screen was rendered with (rebuilding the
// plot here, in another type size, put the hit area 10-20 px off).
func (v *trajectoryView) tapped(pos fyne.Position, _ fyne.Size) {
	p, w, h, dpi, size := v.chart.Drawn()
	d, ok := v.data()
	if p == nil || !ok || size.Width <= 0 || size.Height <= 0 {
		return
	}
	vis, index := chart.VisibleTrajectory(d, v.hidden(), v.focused())
	px, py := float64(pos.X)*float64(w)/float64(size.Width), float64(pos.Y)*float64(h)/float64(size.Height)
	k, j, hit := chart.NearestPoint(p, vis.Rounds, w, h, dpi, px, py)
	if !hit || j >= len(index) {
		v.explain.SetText("Tap closer to a point to read why that actor moved.")
		return
	}
	a := index[j]
	v.explain.SetText(v.ExplainPoint(k, a))
	v.openCard(k, a, pos)
}
