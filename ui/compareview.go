package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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
	// ends lists per issue and actor the end positions under endModel on
	// both sides, the largest differences first.
	ends     *widget.Table
	endModel *widget.Select
	endRows  [][]string
	note     *widget.Label // "Forecasting both…" while the runs are under way

	a, b    *model.Scenario
	ra, rb  *forecast.Result
	rows    [][]string
	loadErr error
	// seq is the newest pair asked for (UI goroutine); stop cancels its
	// runs; busy counts runs not yet handed back (tests wait on it).
	seq  uint64
	stop context.CancelFunc
	busy atomic.Int32
}

// Model names are written in full ("Weighted median", "Nash bargaining"):
// the column is as wide as the longest.
var compareCols = []column{{"Issue", 150}, {"Model", 140}, {"Left", 56}, {"Right", 56}, {"Δ", 56}}

var endCols = []column{{"Issue", 150}, {"Actor", 150}, {"Left", 56}, {"Right", 56}, {"Δ", 56}}

// endModels are the models whose per-actor end positions Compare lists.
var endModels = []model.ModelID{model.ModelBDM, model.ModelSMP, model.ModelExchange}

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
	// The model column fits the longest full name ("SMP (per proposal)").
	var w float32
	for _, m := range model.Models {
		w = max(w, fyne.MeasureText(m.Label(), theme.TextSize(), fyne.TextStyle{}).Width)
	}
	v.table.SetColumnWidth(1, max(compareCols[1].width, w+4*theme.Padding()))
	v.inputs = widget.NewLabel("")
	v.inputs.Wrapping = fyne.TextWrapWord
	v.note = widget.NewLabel("")
	v.note.Hide()
	v.ends = newTextTable(endCols, func() [][]string { return v.endRows })
	var labels []string
	for _, m := range endModels {
		labels = append(labels, m.Label())
	}
	v.endModel = widget.NewSelect(labels, func(string) { v.endRows = v.endDiffs(); v.ends.Refresh() })
	v.endModel.SetSelected(labels[0])
	v.lc = NewChartView(func(st chart.Style) (*plot.Plot, error) { return v.build(v.a, v.ra, st) })
	v.rc = NewChartView(func(st chart.Style) (*plot.Plot, error) { return v.build(v.b, v.rb, st) })
	bar := container.NewHBox(widget.NewLabel("Left"), wide(v.left, 260), widget.NewLabel("Right"), wide(v.right, 260), widget.NewLabel("Issue"), wide(v.issue, 220), v.note)
	endsPane := container.NewBorder(container.NewHBox(widget.NewLabel("End positions by"), wide(v.endModel, 180)), nil, nil, nil, v.ends)
	numbers := container.NewAppTabs(
		container.NewTabItem("Forecasts", v.table),
		container.NewTabItem("Actors' end positions", endsPane),
		container.NewTabItem("Input differences", container.NewVScroll(v.inputs)),
	)
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
	v.seq++ // a run still under way is dropped when it lands
	if v.stop != nil {
		v.stop()
	}
	v.a, v.b, v.ra, v.rb, v.rows, v.endRows, v.loadErr = nil, nil, nil, nil, nil, nil, nil
	v.left.Refresh()
	v.right.Refresh()
	v.table.Refresh()
	v.ends.Refresh()
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

// load reads the two scenarios and forecasts both off the UI goroutine (a
// 250 × 10 pair takes seconds); the tables and maps fill in when both land.
// Choosing another pair meanwhile cancels the runs and drops their results.
func (v *compareView) load() {
	v.seq++
	seq := v.seq
	if v.stop != nil {
		v.stop()
	}
	v.a, v.b, v.ra, v.rb, v.loadErr = nil, nil, nil, nil, nil
	open := func(name string) *model.Scenario {
		if name == "" {
			return nil
		}
		sc, err := v.u.repo.LoadScenario(name)
		if err != nil {
			v.loadErr = err
			return nil
		}
		return sc
	}
	v.a, v.b = open(v.left.Selected), open(v.right.Selected)
	if v.a != nil {
		fillIssues(v.issue, v.a)
	}
	v.rows, v.endRows = nil, nil
	v.table.Refresh()
	v.ends.Refresh()
	v.inputs.SetText(InputDiff(v.a, v.b))
	v.lc.Invalidate()
	v.rc.Invalidate()
	if v.loadErr != nil {
		v.u.ShowError(v.loadErr)
	}
	if v.a == nil && v.b == nil {
		v.note.Hide()
		return
	}
	v.note.SetText("Forecasting both…")
	v.note.Show()
	ctx, stop := context.WithCancel(bg())
	v.stop = stop
	a, b := v.a, v.b
	v.busy.Add(1)
	go func() {
		run := func(sc *model.Scenario) (*forecast.Result, error) {
			if sc == nil || ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return runSafely(ctx, sc, forecast.FromSettings(sc.Settings))
		}
		ra, errA := run(a)
		rb, errB := run(b)
		stop()
		v.u.ui(func() {
			defer v.busy.Add(-1)
			if seq != v.seq {
				return // another pair was chosen meanwhile
			}
			v.ra, v.rb = ra, rb
			v.rows = CompareRows(a, ra, b, rb)
			v.endRows = v.endDiffs()
			v.table.Refresh()
			v.ends.Refresh()
			v.lc.Invalidate()
			v.rc.Invalidate()
			v.note.Hide()
			for _, err := range []error{errA, errB} {
				if err != nil && !errors.Is(err, context.Canceled) {
					v.note.SetText("No forecast: " + model.ErrorMessage(err))
					v.note.Show()
				}
			}
		})
	}()
}

// Idle reports whether no forecast of the pair is under way.
func (v *compareView) Idle() bool { return v.busy.Load() == 0 }

// endDiffs is the end-position table for the model chosen.
func (v *compareView) endDiffs() [][]string {
	m, err := model.ParseModelID(v.endModel.Selected)
	if err != nil {
		return nil
	}
	return EndPositionDiffs(v.a, v.ra, v.b, v.rb, m)
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
// forecasts (each on its issue's own scale) and their difference, with the
// model's full name.
func CompareRows(a *model.Scenario, ra *forecast.Result, b *model.Scenario, rb *forecast.Result) [][]string {
	if a == nil || b == nil || ra == nil || rb == nil {
		return nil
	}
	var rows [][]string
	for i := range a.Issues {
		is := &a.Issues[i]
		j := b.IssueIndex(is.Key)
		if j < 0 {
			rows = append(rows, []string{is.Name, "—", "", "", "only on the left"})
			continue
		}
		js := &b.Issues[j]
		right := map[string]float64{}
		for _, f := range rb.Forecasts(j) {
			right[f.Model] = f.Value
		}
		for _, f := range ra.Forecasts(i) {
			name := modelLabel(f.Model)
			l := is.Shown(f.Value)
			r, ok := right[f.Model]
			if !ok {
				rows = append(rows, []string{is.Name, name, fmt.Sprintf("%.1f", l), "–", ""})
				continue
			}
			rs := js.Shown(r)
			rows = append(rows, []string{is.Name, name, fmt.Sprintf("%.1f", l), fmt.Sprintf("%.1f", rs), fmt.Sprintf("%+.1f", rs-l)})
		}
	}
	return rows
}

// modelLabel is a forecast's model written in full ("Weighted median").
func modelLabel(name string) string {
	if m, err := model.ParseModelID(name); err == nil {
		return m.Label()
	}
	return name
}

// endPositions is every actor's end position on issue i under m, by actor
// index (nil when m has no result there).
func endPositions(sc *model.Scenario, res *forecast.Result, i int, m model.ModelID) []float64 {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	switch m {
	case model.ModelBDM:
		if b := res.Issues[i].BDM; b != nil && len(b.Rounds) > 0 {
			return b.Rounds[len(b.Rounds)-1].Positions
		}
	case model.ModelSMP:
		if res.SMP != nil && len(res.SMP.Turns) > 0 {
			last := res.SMP.Turns[len(res.SMP.Turns)-1].Positions
			out := make([]float64, len(last))
			for a := range last {
				if i < len(last[a]) {
					out[a] = last[a][i]
				}
			}
			return out
		}
	case model.ModelExchange:
		if x := res.Exchange; x != nil && len(x.Rounds) > 0 {
			last := x.Rounds[len(x.Rounds)-1].VotingPositions
			out := make([]float64, len(last))
			for a := range last {
				if i < len(last[a]) {
					out[a] = last[a][i]
				}
			}
			if len(last) > 0 {
				return out
			}
		}
	}
	return nil
}

// EndPositionDiffs lists, per issue (matched by key) and actor (by name),
// where m ends each actor on the left and on the right (on the issue's own
// scale) and the difference, the largest differences first: who a what-if
// moves, and how far.
func EndPositionDiffs(a *model.Scenario, ra *forecast.Result, b *model.Scenario, rb *forecast.Result, m model.ModelID) [][]string {
	if a == nil || b == nil || ra == nil || rb == nil {
		return nil
	}
	type row struct {
		cells []string
		d     float64
		order int
	}
	var rows []row
	for i := range a.Issues {
		is := &a.Issues[i]
		j := b.IssueIndex(is.Key)
		if j < 0 {
			continue
		}
		js := &b.Issues[j]
		pa, pb := endPositions(a, ra, i, m), endPositions(b, rb, j, m)
		if pa == nil || pb == nil {
			continue
		}
		for k, ac := range a.Actors {
			l := b.ActorIndex(ac.Name)
			if l < 0 || k >= len(pa) || l >= len(pb) {
				continue
			}
			if _, ok := ac.Stances[is.Key]; !ok {
				continue
			}
			if _, ok := b.Actors[l].Stances[is.Key]; !ok {
				continue
			}
			x, y := is.Shown(pa[k]), js.Shown(pb[l])
			rows = append(rows, row{[]string{is.Name, ac.Name, fmt.Sprintf("%.1f", x), fmt.Sprintf("%.1f", y), fmt.Sprintf("%+.1f", y-x)}, math.Abs(y - x), len(rows)})
		}
	}
	sort.SliceStable(rows, func(p, q int) bool {
		if dp, dq := math.Round(rows[p].d*10), math.Round(rows[q].d*10); dp != dq {
			return dp > dq
		}
		return rows[p].order < rows[q].order
	})
	out := make([][]string, len(rows))
	for k, r := range rows {
		out[k] = r.cells
	}
	return out
}

// newTextTable is a read-only table of text rows with bold headers.
func newTextTable(cols []column, rows func() [][]string) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows()), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(rows()[id.Row][id.Col])
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(cols[id.Col].title)
			o.(*widget.Label).TextStyle.Bold = true
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
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
