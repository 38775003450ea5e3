package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/model/backtest"
	"parley/ui/chart"
)

// The Track record view's charts.
const (
	trackErrors   = "Errors by model"
	trackScatter  = "Forecast vs outcome"
	trackSubsets  = "Errors by subset"
	trackCoverage = "Interval coverage"
)

// trackRecordView shows how far off each model has been on past negotiations
// with known outcomes: the shipped record (351 DEU issues) or the analyst's
// own cases (File › Score models on my cases…). It depends on no scenario.
type trackRecordView struct {
	u    *App
	item *container.TabItem

	heading  *widget.Label
	about    *widget.Label
	table    *widget.Table
	kind     *widget.Select
	modelSel *widget.Select
	subset   *widget.Select
	source   *widget.Select
	chart    *ChartView
	progress *widget.ProgressBar
	cancel   *widget.Button
	busy     *fyne.Container

	rec *backtest.Record   // what is shown
	res *backtest.Result   // the own cases' full backtest (nil for the shipped record)
	own *backtest.Result   // the last own cases scored, if any
	run context.CancelFunc // cancels a scoring in progress
	gen int                // which scoring is the latest
}

const shippedSourceName = "EU legislation, DEU I-III (shipped)"

func newTrackRecordView(u *App) *trackRecordView {
	v := &trackRecordView{u: u, rec: backtest.Shipped()}
	v.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.Wrapping = fyne.TextWrapWord
	v.about = widget.NewLabel("")
	v.about.Wrapping = fyne.TextWrapWord
	v.table = widget.NewTable(v.size, func() fyne.CanvasObject {
		l := widget.NewLabel("SMP (per proposal)")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, v.cell)
	widths := []float32{140, 56, 56, 74, 54, 42, 76, 64}
	for c, w := range widths {
		v.table.SetColumnWidth(c, w)
	}
	v.kind = widget.NewSelect([]string{trackErrors, trackScatter, trackSubsets, trackCoverage}, func(string) { v.redraw() })
	v.modelSel = widget.NewSelect(nil, func(string) { v.redraw() })
	v.subset = widget.NewSelect(nil, func(string) { v.redraw() })
	v.source = widget.NewSelect([]string{shippedSourceName}, func(s string) {
		if s == shippedSourceName {
			v.show(backtest.Shipped(), nil)
		} else if v.own != nil {
			v.show(backtest.Summarize(v.own), v.own)
		}
	})
	v.chart = NewChartView(v.build)
	v.progress = widget.NewProgressBar()
	v.cancel = widget.NewButton("Cancel", func() {
		if v.run != nil {
			v.run()
		}
	})
	v.busy = container.NewBorder(nil, nil, widget.NewLabel("Scoring the models…"), v.cancel, v.progress)
	v.busy.Hide()
	score := widget.NewButton("Score models on my cases…", u.scoreCasesDialog)
	pickers := container.NewGridWithColumns(2, v.kind, container.NewStack(v.modelSel, v.subset))
	right := container.NewBorder(pickers, nil, nil, nil, v.chart.Object())
	left := container.NewVSplit(v.table, container.NewVScroll(v.about))
	left.Offset = 0.76
	split := container.NewHSplit(left, right)
	split.Offset = 0.62
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(wide(v.source, 260), score), v.heading), v.busy)
	v.item = container.NewTabItem("Track record", container.NewBorder(top, nil, nil, nil, split))
	v.kind.SetSelected(trackErrors)
	v.source.SetSelected(shippedSourceName)
	u.addView(v)
	return v
}

func (v *trackRecordView) tab() *container.TabItem { return v.item }

// refresh: the track record does not depend on the open scenario.
func (v *trackRecordView) refresh() {}

// show puts a record (and, for own cases, its full backtest) on screen.
func (v *trackRecordView) show(rec *backtest.Record, res *backtest.Result) {
	v.rec, v.res = rec, res
	src := "EU legislation, DEU I-III"
	if res != nil {
		src = res.Source
	}
	v.heading.SetText(fmt.Sprintf("Track record: %d issues of %d negotiations (%s) · capability %s · %d folds by negotiation, seed %d",
		rec.Cases, rec.Proposals, src, rec.Capability, rec.Folds, rec.Seed))
	v.about.SetText(v.explain())
	var models []string
	for _, s := range rec.Models {
		if s.N > 0 {
			models = append(models, backtest.Label(s.Model))
		}
	}
	v.modelSel.Options = models
	if !hasString(models, v.modelSel.Selected) {
		v.modelSel.SetSelected(backtest.Label(model.ModelWeightedMean))
	}
	var subsets []string
	for _, s := range rec.Subsets {
		if !hasString(subsets, s.By) {
			subsets = append(subsets, s.By)
		}
	}
	v.subset.Options = subsets
	if len(subsets) > 0 && !hasString(subsets, v.subset.Selected) {
		v.subset.SetSelected(subsets[0])
	}
	v.table.Refresh()
	v.redraw()
}

// explain says where the numbers come from, what the recommended forecast is
// made of, how it compares with the weighted mean and which issues a model
// could not forecast.
func (v *trackRecordView) explain() string {
	rec := v.rec
	var b strings.Builder
	b.WriteString("Out of sample: each negotiation was forecast by models and weights that never saw its outcome. " +
		"80% track-record interval: ± q, the 80th percentile of a model's out-of-sample errors; coverage: how often it held the outcome, q taken from the other folds.")
	var parts []string
	for _, w := range rec.Recommended {
		if w.Weight >= 0.005 {
			parts = append(parts, fmt.Sprintf("%.0f%% %s", 100*w.Weight, backtest.Label(w.Model)))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, "\nRecommended = %s (weights ≥ 0 summing to 1, fit on the training folds only).", strings.Join(parts, " + "))
	}
	wm, ok1 := rec.Score(model.ModelWeightedMean)
	rc, ok2 := rec.Score(model.ModelRecommended)
	if ok1 && ok2 {
		if rc.MAE < wm.MAE {
			fmt.Fprintf(&b, " Its MAE, %.2f, is lower than the weighted mean's %.2f.", rc.MAE, wm.MAE)
		} else {
			fmt.Fprintf(&b, " Its MAE, %.2f, is not lower than the weighted mean's %.2f: the weighted mean stays the one to beat.", rc.MAE, wm.MAE)
		}
	}
	var none []string
	for _, s := range rec.Models {
		if s.Excluded > 0 {
			none = append(none, fmt.Sprintf("%s on %d issues", backtest.Label(s.Model), s.Excluded))
		}
	}
	if len(none) > 0 {
		b.WriteString("\nNo answer (left out of its scores): " + strings.Join(none, ", ") + ".")
	}
	if s, ok := rec.Score(backtest.ModelConstant50); ok && s.Interval80.Coverage > 0.84 {
		b.WriteString(" Constant 50's interval holds everything: its error never exceeds 50, so q = 50.")
	}
	return b.String()
}

var trackColumns = []string{"Model", "MAE", "RMSE", "Med. AE", "≤ 10", "n", "80% ± q", "Covers"}

func (v *trackRecordView) size() (int, int) { return len(v.rec.Models) + 1, len(trackColumns) }

func (v *trackRecordView) cell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle = fyne.TextStyle{Bold: id.Row == 0}
	l.Alignment = fyne.TextAlignTrailing
	if id.Col == 0 {
		l.Alignment = fyne.TextAlignLeading
	}
	if id.Row == 0 {
		l.SetText(trackColumns[id.Col])
		return
	}
	l.SetText(trackCell(v.rec.Models[id.Row-1], id.Col))
}

// trackCell is one cell of the model table.
func trackCell(s backtest.Score, col int) string {
	if col == 0 {
		return backtest.Label(s.Model)
	}
	if s.N == 0 {
		return "–"
	}
	switch col {
	case 1:
		return fmt.Sprintf("%.2f", s.MAE)
	case 2:
		return fmt.Sprintf("%.2f", s.RMSE)
	case 3:
		return fmt.Sprintf("%.2f", s.MedianAE)
	case 4:
		return fmt.Sprintf("%.0f%%", 100*s.Within10)
	case 5:
		return fmt.Sprint(s.N)
	case 6:
		return fmt.Sprintf("±%.1f", s.Interval80.HalfWidth)
	case 7:
		return fmt.Sprintf("%.0f%%", 100*s.Interval80.Coverage)
	}
	return ""
}

// Cell returns the model table's text at row (0 = header), column (tests).
func (v *trackRecordView) Cell(row, col int) string {
	if row == 0 {
		return trackColumns[col]
	}
	return trackCell(v.rec.Models[row-1], col)
}

func (v *trackRecordView) selectedModel() model.ModelID {
	for _, s := range v.rec.Models {
		if backtest.Label(s.Model) == v.modelSel.Selected {
			return s.Model
		}
	}
	return model.ModelWeightedMean
}

func (v *trackRecordView) redraw() {
	if v.chart == nil || v.modelSel == nil || v.subset == nil {
		return
	}
	isScatter, isSubset := v.kind.Selected == trackScatter, v.kind.Selected == trackSubsets
	if isScatter {
		v.modelSel.Show()
	} else {
		v.modelSel.Hide()
	}
	if isSubset {
		v.subset.Show()
	} else {
		v.subset.Hide()
	}
	v.chart.SetBuilder(v.build)
}

func (v *trackRecordView) build(st chart.Style) (*plot.Plot, error) {
	rec := v.rec
	switch v.kind.Selected {
	case trackScatter:
		m := v.selectedModel()
		s, _ := rec.Score(m)
		if v.res != nil {
			return chart.TrackRecordScatter(chart.IssuePoints(v.res, m), m, s.Interval80.HalfWidth, false, st)
		}
		return chart.TrackRecordScatter(chart.BinnedPoints(rec, m), m, s.Interval80.HalfWidth, true, st)
	case trackSubsets:
		return chart.TrackRecordSubsets(rec, v.subset.Selected, st)
	case trackCoverage:
		return chart.TrackRecordCoverage(rec, st)
	}
	return chart.TrackRecordMAE(rec, st)
}

// ScoreCases reads a file of past cases (DEU or Parley's cases format) and
// scores every model on it in the background, showing progress with a
// Cancel button, then shows the track record of those cases. A file that
// cannot be read is refused at once with its line and rule; nothing changes.
func (u *App) ScoreCases(name string, data []byte) error {
	v := u.trackRecord()
	if v == nil {
		return model.Errorf(model.EINTERNAL, "the Track record view is missing")
	}
	d, err := backtest.Read(data, name, backtest.Votes)
	if err != nil {
		return err
	}
	folds := min(backtest.DefaultFolds, d.Proposals())
	if folds < 2 {
		return model.Invalid(name, "at least 2 negotiations", "%s holds %d negotiation with outcomes; cross-validation needs at least 2", name, d.Proposals())
	}
	if v.run != nil {
		v.run()
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.run = cancel
	v.gen++
	gen := v.gen
	v.progress.SetValue(0)
	v.busy.Show()
	u.ShowTab("Track record")
	go func() {
		res, err := backtest.Run(ctx, d, backtest.Options{Folds: folds, Progress: func(done, total int) {
			if done%8 == 0 || done == total {
				u.ui(func() { v.progress.SetValue(float64(done) / float64(total)) })
			}
		}})
		u.ui(func() {
			cancel()
			if v.gen != gen {
				return // a newer scoring replaced this one
			}
			v.busy.Hide()
			v.run = nil
			if errors.Is(err, context.Canceled) {
				u.status.SetText("Scoring " + name + " cancelled; nothing changed.")
				return
			}
			if err != nil {
				u.ShowError(err)
				return
			}
			v.own = res
			label := "My cases: " + name
			v.source.Options = []string{shippedSourceName, label}
			v.source.SetSelected(label) // shows it
			u.status.SetText(fmt.Sprintf("Scored every model on %d issues of %d negotiations from %s.", res.Cases, res.Proposals, name))
		})
	}()
	return nil
}

// trackRecord finds the Track record view among the tabs.
func (u *App) trackRecord() *trackRecordView {
	for _, v := range u.views {
		if t, ok := v.(*trackRecordView); ok {
			return t
		}
	}
	return nil
}

// scoreCasesDialog is File › Score models on my cases….
func (u *App) scoreCasesDialog() {
	if u.win == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err != nil {
			u.ShowError(err)
			return
		}
		u.ShowError(u.ScoreCases(r.URI().Name(), data))
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".tsv", ".txt"}))
	d.Show()
}

func hasString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
