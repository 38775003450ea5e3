package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/model/forecast"
	"parley/ui/chart"
)

// compareView puts two scenarios side by side: per issue each model's
// forecast and the difference, per actor and issue what the inputs change,
// and both stance maps on the same axes.
type compareView struct {
	u           *App
	item        *container.TabItem
	left, right *widget.Select
	issue       *widget.Select
	table       *widget.Table
	inputs      *widget.Label
	lc, rc      *ChartView

	a, b    *model.Scenario
	ra, rb  *forecast.Result
	rows    [][]string
	loadErr error
}

var compareCols = []column{{"Issue", 150}, {"Model", 120}, {"Left", 56}, {"Right", 56}, {"Δ", 56}}

func newCompareView(u *App) *compareView {
	v := &compareView{u: u}
	v.left = widget.NewSelect(nil, func(string) { v.load() })
	v.right = widget.NewSelect(nil, func(string) { v.load() })
	v.issue = widget.NewSelect(nil, func(string) { v.lc.Invalidate(); v.rc.Invalidate() })
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(compareCols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(v.rows[id.Row][id.Col])
		})
	v.table.ShowHeaderColumn = false
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(compareCols[id.Col].title)
			o.(*widget.Label).TextStyle.Bold = true
		}
	}
	for i, c := range compareCols {
		v.table.SetColumnWidth(i, c.width)
	}
	v.inputs = widget.NewLabel("")
	v.inputs.Wrapping = fyne.TextWrapWord
	v.lc = NewChartView(func(st chart.Style) (*plot.Plot, error) { return v.build(v.a, v.ra, st) })
	v.rc = NewChartView(func(st chart.Style) (*plot.Plot, error) { return v.build(v.b, v.rb, st) })
	bar := container.NewHBox(widget.NewLabel("Left"), wide(v.left, 260), widget.NewLabel("Right"), wide(v.right, 260), widget.NewLabel("Issue"), wide(v.issue, 220))
	numbers := container.NewHSplit(v.table, container.NewVScroll(v.inputs))
	numbers.Offset = 0.5
	split := container.NewVSplit(container.NewGridWithColumns(2, v.lc.Object(), v.rc.Object()), numbers)
	split.Offset = 0.55
	v.item = container.NewTabItem("Compare", container.NewBorder(bar, nil, nil, nil, split))
	u.addView(v)
	return v
}

func (v *compareView) tab() *container.TabItem { return v.item }

// Chart is the left stance map.
func (v *compareView) Chart() *ChartView { return v.lc }

func (v *compareView) refresh() {
	names := make([]string, len(v.u.scenarios))
	for i, s := range v.u.scenarios {
		names[i] = s.Name
	}
	if fmt.Sprint(names) != fmt.Sprint(v.left.Options) {
		v.left.Options, v.right.Options = names, names
		v.left.Refresh()
		v.right.Refresh()
	}
	if v.u.current != nil && v.left.Selected == "" {
		other := ""
		if v.u.current.Base != "" {
			other = v.u.current.Base
		}
		for _, s := range v.u.scenarios {
			if other == "" && s.Base == v.u.current.Name {
				other = s.Name
			}
		}
		v.SetPair(v.u.current.Name, other)
	}
}

// forget drops the pair compared (it belongs to the project it came from).
func (v *compareView) forget() {
	v.left.Selected, v.right.Selected = "", ""
	v.left.Options, v.right.Options = nil, nil
	v.a, v.b, v.ra, v.rb, v.rows, v.loadErr = nil, nil, nil, nil, nil, nil
	v.left.Refresh()
	v.right.Refresh()
	v.table.Refresh()
	v.inputs.SetText("")
	v.lc.Invalidate()
	v.rc.Invalidate()
}

// SetPair compares the two named scenarios.
func (v *compareView) SetPair(left, right string) {
	v.left.Selected, v.right.Selected = left, right
	v.left.Refresh()
	v.right.Refresh()
	v.load()
}

func (v *compareView) load() {
	v.a, v.b, v.ra, v.rb, v.loadErr = nil, nil, nil, nil, nil
	open := func(name string) (*model.Scenario, *forecast.Result) {
		if name == "" {
			return nil, nil
		}
		sc, err := v.u.repo.LoadScenario(name)
		if err != nil {
			v.loadErr = err
			return nil, nil
		}
		res, _ := forecast.Run(bg(), sc, forecast.FromSettings(sc.Settings))
		return sc, res
	}
	v.a, v.ra = open(v.left.Selected)
	v.b, v.rb = open(v.right.Selected)
	if v.a != nil {
		fillIssues(v.issue, v.a)
	}
	v.rows = CompareRows(v.a, v.ra, v.b, v.rb)
	v.table.Refresh()
	v.inputs.SetText(InputDiff(v.a, v.b))
	v.lc.Invalidate()
	v.rc.Invalidate()
	if v.loadErr != nil {
		v.u.ShowError(v.loadErr)
	}
}

func (v *compareView) build(sc *model.Scenario, res *forecast.Result, st chart.Style) (*plot.Plot, error) {
	if sc == nil || v.a == nil || v.issue.SelectedIndex() < 0 || v.issue.SelectedIndex() >= len(v.a.Issues) {
		return nil, nil
	}
	// The same issue by key on both sides, so the axes mean the same thing.
	key := v.a.Issues[v.issue.SelectedIndex()].Key
	if sc.IssueIndex(key) < 0 {
		return nil, model.Errorf(model.ENOTFOUND, "%q has no issue %q", sc.Name, key)
	}
	p, err := chart.BuildChart(chart.ChartSpec{Kind: model.ChartStance, Issue: key, Model: model.ModelBDM}, sc, res, st)
	if p != nil {
		p.Title.Text = sc.Name + ": " + p.Title.Text
	}
	return p, err
}

// CompareRows lists, per issue (matched by key) and model, the two
// forecasts and their difference.
func CompareRows(a *model.Scenario, ra *forecast.Result, b *model.Scenario, rb *forecast.Result) [][]string {
	if a == nil || b == nil || ra == nil || rb == nil {
		return nil
	}
	var rows [][]string
	for i, is := range a.Issues {
		j := b.IssueIndex(is.Key)
		if j < 0 {
			rows = append(rows, []string{is.Name, "—", "", "", "only on the left"})
			continue
		}
		right := map[string]float64{}
		for _, f := range rb.Forecasts(j) {
			right[f.Model] = f.Value
		}
		for _, f := range ra.Forecasts(i) {
			r, ok := right[f.Model]
			if !ok {
				rows = append(rows, []string{is.Name, f.Model, fmt.Sprintf("%.1f", f.Value), "–", ""})
				continue
			}
			rows = append(rows, []string{is.Name, f.Model, fmt.Sprintf("%.1f", f.Value), fmt.Sprintf("%.1f", r), fmt.Sprintf("%+.1f", r-f.Value)})
		}
	}
	return rows
}

// InputDiff says, per actor and issue, which inputs differ between a and b.
func InputDiff(a, b *model.Scenario) string {
	if a == nil || b == nil {
		return ""
	}
	var lines []string
	for _, ac := range a.Actors {
		k := b.ActorIndex(ac.Name)
		if k < 0 {
			lines = append(lines, fmt.Sprintf("%s: only in %s", ac.Name, a.Name))
			continue
		}
		bc := &b.Actors[k]
		if ac.Capability != bc.Capability {
			lines = append(lines, fmt.Sprintf("%s capability: %g → %g", ac.Name, ac.Capability, bc.Capability))
		}
		for _, is := range a.Issues {
			s1, ok1 := ac.Stances[is.Key]
			s2, ok2 := bc.Stances[is.Key]
			if !ok1 || !ok2 {
				continue
			}
			if s1.Position != s2.Position {
				lines = append(lines, fmt.Sprintf("%s on %s: position %g → %g", ac.Name, is.Name, s1.Position, s2.Position))
			}
			if s1.Salience != s2.Salience {
				lines = append(lines, fmt.Sprintf("%s on %s: salience %g → %g", ac.Name, is.Name, s1.Salience, s2.Salience))
			}
		}
	}
	for _, bc := range b.Actors {
		if a.ActorIndex(bc.Name) < 0 {
			lines = append(lines, fmt.Sprintf("%s: only in %s", bc.Name, b.Name))
		}
	}
	if len(lines) == 0 {
		return "The two scenarios have the same inputs."
	}
	return fmt.Sprintf("%d input differences (left → right):\n", len(lines)) + strings.Join(lines, "\n")
}
