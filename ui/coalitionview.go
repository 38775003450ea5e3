package ui

import (
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/ui/chart"
)

// coalitionView shows what the model says about alignments on one issue:
// the blocs after the final round, the effective-power landscape of a chosen
// round, support and opposition for a proposal the analyst picks, and the
// actors' voting power.
type coalitionView struct {
	u         *App
	item      *container.TabItem
	issue     *widget.Select
	model     *widget.RadioGroup
	round     *widget.Slider
	roundText *widget.Label
	proposal  *widget.Slider
	propText  *widget.Label

	blocs, landscape, support, power *ChartView
	proposalSet                      bool
	sub                              *container.AppTabs
}

func newCoalitionView(u *App) *coalitionView {
	v := &coalitionView{u: u}
	v.issue = widget.NewSelect(nil, func(string) { v.refresh() })
	v.model = widget.NewRadioGroup([]string{"BDM", "SMP"}, func(string) { v.refresh() })
	v.model.Horizontal = true
	v.model.SetSelected("BDM")
	v.round = widget.NewSlider(0, 10)
	v.round.Step = 1
	v.round.OnChanged = func(float64) { v.landscape.Invalidate(); v.showRound() }
	v.roundText = widget.NewLabel("")
	v.proposal = widget.NewSlider(0, 100)
	v.proposal.Step = 1
	v.proposal.SetValue(50)
	v.proposal.OnChanged = func(float64) {
		v.support.Invalidate()
		v.propText.SetText(fmt.Sprintf("Proposal %.0f", v.proposal.Value))
	}
	v.propText = widget.NewLabel("Proposal 50")
	v.blocs = NewChartView(v.buildBlocs)
	v.blocs.SetSpec(func() chart.ChartSpec { return v.spec(model.ChartCoalition) })
	v.landscape = NewChartView(v.buildLandscape)
	v.landscape.SetSpec(func() chart.ChartSpec { return v.spec(model.ChartLandscape) })
	v.support = NewChartView(v.buildSupport)
	v.power = NewChartView(v.buildPower)
	v.power.SetSpec(func() chart.ChartSpec { return v.spec(model.ChartPower) })
	bar := container.NewHBox(widget.NewLabel("Issue"), wide(v.issue, 260), widget.NewLabel("Model"), v.model)
	landscape := container.NewBorder(container.NewBorder(nil, nil, v.roundText, nil, v.round), nil, nil, nil, v.landscape.Object())
	support := container.NewBorder(container.NewBorder(nil, nil, v.propText, nil, v.proposal), nil, nil, nil, v.support.Object())
	v.sub = container.NewAppTabs(
		container.NewTabItem("Blocs", v.blocs.Object()),
		container.NewTabItem("Power landscape", landscape),
		container.NewTabItem("Support vs opposition", support),
		container.NewTabItem("Voting power", v.power.Object()),
	)
	v.sub.OnSelected = func(*container.TabItem) { v.refresh() }
	v.item = container.NewTabItem("Coalitions", container.NewBorder(bar, nil, nil, nil, v.sub))
	u.addView(v)
	return v
}

func (v *coalitionView) tab() *container.TabItem { return v.item }

// Chart is the chart of the chosen sub-tab (what Export takes from this view).
func (v *coalitionView) Chart() *ChartView {
	if v.sub != nil {
		switch v.sub.SelectedIndex() {
		case 1:
			return v.landscape
		case 2:
			return v.support
		case 3:
			return v.power
		}
	}
	return v.blocs
}

func (v *coalitionView) endModel() chart.EndModel {
	if v.model.Selected == "SMP" {
		return chart.EndSMP
	}
	return chart.EndBDM
}

func (v *coalitionView) spec(kind string) chart.ChartSpec {
	s := chart.ChartSpec{Kind: kind, Model: model.ModelBDM, Round: int(v.round.Value)}
	if v.model.Selected == "SMP" {
		s.Model = model.ModelSMP
	}
	if sc, i := v.u.live, v.issue.SelectedIndex(); sc != nil && i >= 0 && i < len(sc.Issues) {
		s.Issue = sc.Issues[i].Key
	}
	return s
}

func (v *coalitionView) refresh() {
	sc := v.u.live
	if sc == nil {
		return
	}
	fillIssues(v.issue, sc)
	if res := v.u.resultFor(sc); res != nil && v.issue.SelectedIndex() >= 0 {
		if rounds := chart.RoundPositions(res, v.issue.SelectedIndex(), v.endModel()); len(rounds) > 0 {
			last := float64(len(rounds) - 1)
			atEnd := v.round.Value >= v.round.Max
			v.round.Max = last
			if atEnd || v.round.Value > last {
				v.round.Value = last
			}
			v.round.Refresh()
		}
		if i := v.issue.SelectedIndex(); i < len(sc.Issues) && v.proposal.Value == 50 && !v.proposalSet {
			v.proposal.SetValue(sc.Issues[i].StatusQuo + 25)
			v.proposalSet = true
		}
	}
	v.showRound()
	for _, c := range []*ChartView{v.blocs, v.landscape, v.support, v.power} {
		c.Invalidate()
	}
}

func (v *coalitionView) showRound() {
	word := "Round"
	if v.model.Selected == "SMP" {
		word = "Turn"
	}
	v.roundText.SetText(fmt.Sprintf("%s %d", word, int(v.round.Value)))
}

// fillIssues keeps an issue picker's options in step with the scenario.
func fillIssues(s *widget.Select, sc *model.Scenario) {
	names := make([]string, len(sc.Issues))
	for i, is := range sc.Issues {
		names[i] = is.Name
	}
	if fmt.Sprint(names) != fmt.Sprint(s.Options) {
		keep := s.SelectedIndex()
		s.Options = names
		if keep < 0 || keep >= len(names) {
			keep = 0
		}
		if len(names) > 0 {
			s.SetSelectedIndex(keep)
		}
		s.Refresh()
	} else if s.SelectedIndex() < 0 && len(names) > 0 {
		s.SetSelectedIndex(0)
	}
}

func (v *coalitionView) ready() (*model.Scenario, int, bool) {
	sc := v.u.live
	i := v.issue.SelectedIndex()
	if sc == nil || i < 0 || i >= len(sc.Issues) || v.u.resultFor(sc) == nil {
		return nil, 0, false
	}
	return sc, i, true
}

func (v *coalitionView) buildBlocs(st chart.Style) (*plot.Plot, error) {
	sc, _, ok := v.ready()
	if !ok {
		return nil, nil
	}
	return chart.BuildChart(v.spec(model.ChartCoalition), sc, v.u.result, st)
}

func (v *coalitionView) buildLandscape(st chart.Style) (*plot.Plot, error) {
	sc, i, ok := v.ready()
	if !ok {
		return nil, nil
	}
	return chart.Landscape(sc, i, chart.RoundPositions(v.u.result, i, v.endModel()), int(v.round.Value), 0, st)
}

func (v *coalitionView) buildSupport(st chart.Style) (*plot.Plot, error) {
	sc, i, ok := v.ready()
	if !ok {
		return nil, nil
	}
	pos := chart.PredictedEnds(v.u.result, i, v.endModel())
	return chart.Support(sc, i, pos, v.proposal.Value, sc.Issues[i].StatusQuo, st)
}

func (v *coalitionView) buildPower(st chart.Style) (*plot.Plot, error) {
	sc, _, ok := v.ready()
	if !ok {
		return nil, nil
	}
	return chart.BuildChart(v.spec(model.ChartPower), sc, v.u.result, st)
}
