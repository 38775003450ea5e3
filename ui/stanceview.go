package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/ui/chart"
)

// stanceView is the stance map: one issue (actors along the axis) or two
// (issue X × issue Y), with every model's forecast marked and arrows to
// where the chosen model moves each actor.
type stanceView struct {
	u      *App
	item   *container.TabItem
	issue  *widget.Select
	issue2 *widget.Select
	model  *widget.Select
	chart  *ChartView
	band   *widget.Label // what the shaded band is: preliminary (N draws) or complete (liveband.go)
	card   *actorCard    // the card of the last bubble tapped (stancecard.go)
	tap    *tapArea
}

const oneIssue = "— (one issue)"

func newStanceView(u *App) *stanceView {
	v := &stanceView{u: u}
	v.chart = NewChartView(v.build)
	v.chart.SetSpec(v.Spec)
	v.issue = widget.NewSelect(nil, func(string) { v.againstOptions(); v.refresh() })
	v.issue2 = widget.NewSelect(nil, func(string) { v.refresh() })
	// A picker, not radio buttons: three models beside two issue pickers
	// would make the bar wider than a laptop's pane.
	v.model = widget.NewSelect(chartModelLabels(), func(string) { v.refresh() })
	v.model.SetSelected(model.ModelBDM.Label())
	bar := container.NewHBox(widget.NewLabel("Issue"), wide(v.issue, 260), widget.NewLabel("against"), wide(v.issue2, 260), widget.NewLabel("Arrows"), wide(v.model, 130))
	v.band = widget.NewLabel("")
	v.band.TextStyle = fyne.TextStyle{Italic: true}
	v.band.Hide()
	v.item = container.NewTabItem("Stance map", container.NewBorder(bar, v.band, nil, nil, v.tapArea()))
	return v
}

func (v *stanceView) tab() *container.TabItem { return v.item }

// load refills the issue pickers for the open scenario, keeping the choice.
func (v *stanceView) load() {
	sc := v.u.current
	if sc == nil {
		return
	}
	names := make([]string, len(sc.Issues))
	for i, is := range sc.Issues {
		names[i] = is.Name
	}
	v.issue.Options = names
	if v.issue.SelectedIndex() < 0 || v.issue.SelectedIndex() >= len(names) {
		if len(names) > 0 {
			v.issue.SetSelectedIndex(0)
		}
	}
	v.againstOptions()
	v.issue.Refresh()
}

// againstOptions offers every issue but the first picker's as the second
// (a map of an issue against itself says nothing), keeping the choice.
func (v *stanceView) againstOptions() {
	sc := v.u.current
	if sc == nil || v.issue2 == nil {
		return
	}
	opts := []string{oneIssue}
	for _, is := range sc.Issues {
		if is.Name != v.issue.Selected {
			opts = append(opts, is.Name)
		}
	}
	v.issue2.Options = opts
	if v.issue2.SelectedIndex() < 0 {
		v.issue2.SetSelectedIndex(0)
	}
	v.issue2.Refresh()
}

func (v *stanceView) refresh() {
	v.chart.Invalidate()
	v.refreshBand()
	if v.u.result != nil {
		if msg := modelErrors(v.u.result, v.issue.SelectedIndex()); msg != "" {
			v.u.showMessage(msg)
		}
	}
}

// Chart is the view's chart (for tests and export).
func (v *stanceView) Chart() *ChartView { return v.chart }

// IssueSelect is the first issue picker.
func (v *stanceView) IssueSelect() *widget.Select { return v.issue }

// Spec is the chart the view shows, as a deck or an export would name it.
func (v *stanceView) Spec() chart.ChartSpec {
	sc := v.u.live
	spec := chart.ChartSpec{Kind: model.ChartStance, Model: chartModel(v.model.Selected)}
	i := v.issue.SelectedIndex()
	if sc == nil || i < 0 || i >= len(sc.Issues) {
		return spec
	}
	spec.Issue = sc.Issues[i].Key
	if j := sc.IssueIndex(v.issue2.Selected); v.issue2.Selected != oneIssue && j >= 0 && j != i {
		spec.Kind, spec.Issue2 = model.ChartStance2D, sc.Issues[j].Key
	}
	return spec
}

func (v *stanceView) build(st chart.Style) (*plot.Plot, error) {
	sc := v.u.live
	if sc == nil || v.issue.SelectedIndex() < 0 {
		return nil, nil
	}
	return chart.BuildChartWith(v.Spec(), sc, v.u.resultFor(sc), v.u.uncertaintyFor(sc, v.issue.SelectedIndex()), st)
}

// refreshBand says under the map whether its band is preliminary.
func (v *stanceView) refreshBand() {
	if v.band == nil {
		return // still being built
	}
	note := ""
	if v.u.uncertainty != nil {
		if n := bandNote(v.u.uncertainty.shownSweep(v.u.live)); n != "" {
			note = "Shaded: " + n
		}
	}
	v.band.SetText(note)
	if note == "" {
		v.band.Hide()
	} else {
		v.band.Show()
	}
}

// BandNote is the line under the map that says what its band is ("" = no band).
func (v *stanceView) BandNote() string {
	if !v.band.Visible() {
		return ""
	}
	return v.band.Text
}
