package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/model/forecast"
	"parley/model/sweep"
	"parley/ui/chart"
)

// uncertaintyView runs Monte Carlo over the input ranges and shows, for the
// chosen issue and model, the forecast distribution with its P10/P50/P90,
// the tornado of the inputs that move it most, and how often each bloc
// forms. When the run finishes the stance map shades each forecast's
// P10-P90 band.
type uncertaintyView struct {
	u      *App
	item   *container.TabItem
	issue  *widget.Select
	model  *widget.Select
	draws  *widget.Entry
	seed   *widget.Entry
	spread *widget.Entry
	dist   *widget.RadioGroup
	run    *widget.Button
	cancel *widget.Button
	bar    *widget.ProgressBar
	blocs  *widget.Label
	hist   *ChartView
	torn   *ChartView
	// shown is the scenario and settings the draws and seed fields were
	// filled from: they follow the Settings tab, not the analyst's typing.
	shown string

	mu       sync.Mutex
	stop     context.CancelFunc
	result   *sweep.Result
	resultFP string // fingerprint of the scenario the result belongs to
	tornado  []sweep.TornadoRow
	tornKey  string // issue/model the tornado rows are for
	stopTorn context.CancelFunc
	// live is the band the other views show without a Run (liveband.go).
	live *liveBand
}

func newUncertaintyView(u *App) *uncertaintyView {
	v := &uncertaintyView{u: u}
	v.live = newLiveBand(u)
	v.hist = NewChartView(v.buildHist)
	v.torn = NewChartView(v.buildTornado)
	v.torn.RebuildOnResize() // as many inputs as the pane has room for
	v.blocs = widget.NewLabel("")
	v.blocs.Wrapping = fyne.TextWrapWord
	v.issue = widget.NewSelect(nil, func(string) { v.redraw(true) })
	v.model = widget.NewSelect(sweep.ModelNames(), func(string) { v.redraw(true) })
	v.model.SetSelected(sweep.ModelBDM)
	v.draws = widget.NewEntry()
	v.draws.SetText("1000")
	v.seed = widget.NewEntry()
	v.seed.SetText("1")
	v.spread = widget.NewEntry()
	v.spread.SetText(strconv.FormatFloat(sweep.DefaultSpread, 'f', -1, 64)) // a scenario's own spread replaces it in refresh
	v.dist = widget.NewRadioGroup([]string{"Uniform", "Triangular"}, nil)
	v.dist.Horizontal = true
	v.dist.SetSelected("Uniform")
	v.run = widget.NewButtonWithIcon("Run", theme.MediaPlayIcon(), func() { u.ShowError(v.Start()) })
	v.run.Importance = widget.HighImportance
	v.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), v.Cancel)
	v.cancel.Disable()
	v.bar = widget.NewProgressBar()
	controls := container.NewHBox(
		widget.NewLabel("Draws"), wide(v.draws, 80), widget.NewLabel("Seed"), wide(v.seed, 70),
		widget.NewLabel("Default spread ±"), wide(v.spread, 60), v.dist, v.run, v.cancel)
	pick := container.NewHBox(widget.NewLabel("Issue"), wide(v.issue, 260), widget.NewLabel("Model"), wide(v.model, 170))
	top := container.NewVBox(controls, container.NewBorder(nil, nil, pick, nil, v.bar))
	charts := container.NewGridWithColumns(2, v.hist.Object(), v.torn.Object())
	body := container.NewVSplit(charts, container.NewVScroll(v.blocs))
	body.Offset = 0.8
	v.item = container.NewTabItem("Uncertainty", container.NewBorder(top, nil, nil, nil, body))
	u.addView(v)
	return v
}

func (v *uncertaintyView) tab() *container.TabItem { return v.item }

// Chart is the histogram.
func (v *uncertaintyView) Chart() *ChartView { return v.hist }

func (v *uncertaintyView) refresh() {
	if sc := v.u.live; sc != nil {
		fillIssues(v.issue, sc)
		if sp := sc.Settings.Spread; sp > 0 && v.result == nil {
			v.spread.SetText(strconv.FormatFloat(sp, 'f', -1, 64))
		}
		if key := fmt.Sprintf("%s %+v", sc.Name, sc.Settings); key != v.shown { // the scenario's Monte Carlo settings (Settings tab)
			v.shown = key
			v.draws.SetText(strconv.Itoa(sc.Settings.DrawsOr()))
			v.seed.SetText(strconv.FormatUint(sc.Settings.SeedOr(), 10))
			v.spread.SetText(strconv.FormatFloat(sweep.SpreadFor(sc.Settings.Spread), 'f', -1, 64))
		}
	}
	v.redraw(false)
}

// options reads the controls.
func (v *uncertaintyView) options() (sweep.Options, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v.draws.Text))
	if err != nil || n < 10 || n > 100000 {
		return sweep.Options{}, model.Invalid("draws", "10 ≤ draws ≤ 100000", "the number of draws must be a whole number from 10 to 100000")
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(v.seed.Text), 10, 64)
	if err != nil {
		return sweep.Options{}, model.Invalid("seed", "whole number ≥ 0", "the seed must be a whole number")
	}
	sp, err := parseNum("default spread", v.spread.Text)
	if err != nil {
		return sweep.Options{}, err
	}
	if sp < 0 || sp > 50 {
		return sweep.Options{}, model.Invalid("default spread", "0 ≤ spread ≤ 50", "the default spread must be between 0 and 50 points")
	}
	if sp == 0 {
		sp = sweep.NoSpread
	}
	o := sweep.Options{Draws: n, Seed: seed, Spread: sp}
	if v.dist.Selected == "Triangular" {
		o.Dist = sweep.Triangular
	}
	return o, nil
}

// Start runs the Monte Carlo off the UI goroutine; the progress bar moves
// while it runs and the views update when it finishes.
func (v *uncertaintyView) Start() error {
	sc := v.u.live
	if sc == nil {
		return nil
	}
	opt, err := v.options()
	if err != nil {
		return err
	}
	v.Cancel()
	ctx, stop := context.WithCancel(context.Background())
	v.mu.Lock()
	v.stop = stop
	v.mu.Unlock()
	work := sc.Clone()
	fp := forecast.Fingerprint(work, forecast.FromSettings(work.Settings))
	v.bar.SetValue(0)
	v.run.Disable()
	v.cancel.Enable()
	opt.Progress = func(done, total int) {
		v.u.ui(func() { v.bar.SetValue(float64(done) / float64(total)) })
	}
	go func() {
		res, err := sweep.Run(ctx, work, opt)
		v.u.ui(func() {
			v.run.Enable()
			v.cancel.Disable()
			if err != nil {
				if ctx.Err() == nil {
					v.u.ShowError(err)
				} else {
					v.u.showMessage("Monte Carlo cancelled.")
				}
				return
			}
			v.mu.Lock()
			v.result, v.resultFP, v.tornado, v.tornKey = res, fp, nil, ""
			v.mu.Unlock()
			v.bar.SetValue(1)
			v.u.showMessage(fmt.Sprintf("Monte Carlo: %d draws, seed %d.", res.Draws, res.Seed))
			v.redraw(true)
			v.u.refreshViews()
			v.u.sliders.refreshReadout()
			if v.u.OnSweep != nil {
				v.u.OnSweep()
			}
		})
	}()
	return nil
}

// Cancel stops a running Monte Carlo.
func (v *uncertaintyView) Cancel() {
	v.mu.Lock()
	if v.stop != nil {
		v.stop()
		v.stop = nil
	}
	v.mu.Unlock()
}

// Result is the last finished run (nil before one).
func (v *uncertaintyView) Result() *sweep.Result {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.result
}

// Bands are the P10-P90 bands for issue i, when the last run belongs to the
// scenario as it is now (a stale run draws no band).
func (v *uncertaintyView) Bands(sc *model.Scenario, i int) chart.Bands {
	if u := v.Uncertainty(sc, i); u != nil {
		return u.Bands
	}
	return nil
}

// Uncertainty is what the last run adds to the charts of issue i: each
// model's P10-P90 band and the fan of BDM's median. It is nil when there is
// no run, or the run was made on other inputs than sc's.
func (v *uncertaintyView) Uncertainty(sc *model.Scenario, i int) *chart.Uncertainty {
	v.mu.Lock()
	res, fp := v.result, v.resultFP
	v.mu.Unlock()
	if res == nil || sc == nil || fp != forecast.Fingerprint(sc, forecast.FromSettings(sc.Settings)) {
		return nil
	}
	return uncertaintyOf(res, i)
}

// shownSweep is the Monte Carlo the views show for sc: the last Run if it
// was made on sc's inputs, else the live band of sc's inputs (complete
// false while it is preliminary); nil when there is neither.
func (v *uncertaintyView) shownSweep(sc *model.Scenario) (*sweep.Result, bool) {
	if v.Uncertainty(sc, 0) != nil {
		return v.Result(), true
	}
	return v.live.band(sc)
}

// shownFor is what the views draw for issue i of sc (see shownSweep).
func (v *uncertaintyView) shownFor(sc *model.Scenario, i int) *chart.Uncertainty {
	res, _ := v.shownSweep(sc)
	return uncertaintyOf(res, i)
}

func (v *uncertaintyView) dist1() (*sweep.IssueDist, *sweep.ModelDist) {
	v.mu.Lock()
	res := v.result
	v.mu.Unlock()
	i := v.issue.SelectedIndex()
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil, nil
	}
	is := &res.Issues[i]
	for k := range is.Models {
		if is.Models[k].Model == v.model.Selected {
			return is, &is.Models[k]
		}
	}
	return is, nil
}

// redraw updates the charts and the bloc list; with tornado it also
// recomputes the tornado for the chosen issue and model (off the UI goroutine).
func (v *uncertaintyView) redraw(tornado bool) {
	is, md := v.dist1()
	v.hist.Invalidate()
	v.torn.Invalidate()
	if is == nil {
		v.blocs.SetText("Run the Monte Carlo to see how the forecast varies with the input ranges.")
		return
	}
	var lines []string
	if md != nil && md.Failed > 0 {
		lines = append(lines, fmt.Sprintf("%s had no answer in %d of %d draws.", md.Model, md.Failed, md.Failed+len(md.Values)))
	}
	lines = append(lines, "How often each bloc forms after BDM's final round:")
	for _, b := range is.Blocs {
		lines = append(lines, fmt.Sprintf("  %4.0f%%  %s", 100*b.Share, strings.Join(b.Members, ", ")))
	}
	v.blocs.SetText(strings.Join(lines, "\n"))
	if tornado {
		v.computeTornado()
	}
}

func (v *uncertaintyView) computeTornado() {
	sc := v.u.live
	i := v.issue.SelectedIndex()
	m := v.model.Selected
	opt, err := v.options()
	if sc == nil || i < 0 || err != nil {
		return
	}
	key := fmt.Sprintf("%d/%s", i, m)
	work := sc.Clone()
	// A newer tornado cancels an older one still running, so an old answer
	// can never land after (and over) a newer one.
	v.mu.Lock()
	if v.stopTorn != nil {
		v.stopTorn()
	}
	ctx, stop := context.WithCancel(context.Background())
	v.stopTorn = stop
	v.mu.Unlock()
	go func() {
		rows, err := sweep.Tornado(ctx, work, i, m, opt)
		v.u.ui(func() {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				v.u.showMessage("Tornado: " + model.ErrorMessage(err))
				return
			}
			v.mu.Lock()
			v.tornado, v.tornKey = rows, key
			v.mu.Unlock()
			v.torn.Invalidate()
		})
	}()
}

func (v *uncertaintyView) buildHist(st chart.Style) (*plot.Plot, error) {
	is, md := v.dist1()
	if is == nil || md == nil {
		return nil, nil
	}
	if len(md.Values) == 0 {
		return nil, model.Degenerate("%s had no answer on %s in any draw", md.Model, is.Name)
	}
	counts := make([]float64, len(md.Hist.Counts))
	for k, c := range md.Hist.Counts {
		counts[k] = float64(c)
	}
	title := fmt.Sprintf("%s: %s forecast over %d draws", is.Name, md.Model, len(md.Values)+md.Failed)
	var own *model.Issue // the issue's own scale, for the axis
	if sc := v.u.live; sc != nil && sc.IssueIndex(is.Key) >= 0 {
		own = &sc.Issues[sc.IssueIndex(is.Key)]
	}
	return chart.HistogramOn(title, md.Hist.Edges, counts, md.P10, md.P50, md.P90, own, st)
}

func (v *uncertaintyView) buildTornado(st chart.Style) (*plot.Plot, error) {
	v.mu.Lock()
	rows, key := v.tornado, v.tornKey
	v.mu.Unlock()
	i := v.issue.SelectedIndex()
	if rows == nil || key != fmt.Sprintf("%d/%s", i, v.model.Selected) || v.u.live == nil || i >= len(v.u.live.Issues) {
		return nil, nil
	}
	size := v.torn.Size()
	room := tornadoRows(size.Height, float64(st.FontSize))
	var out []chart.TornadoRow
	base, varied := 0.0, 0 // varied: the inputs with a range the tornado ran
	for _, r := range rows {
		if r.Failed {
			continue
		}
		base = r.Base
		varied++
		if len(out) < room {
			out = append(out, chart.TornadoRow{Input: r.Input, Low: r.Low, High: r.High})
		}
	}
	if len(out) == 0 {
		return nil, model.Degenerate("no input with a range moves the %s forecast", v.model.Selected)
	}
	// The issue is the one picked above and named by the histogram beside:
	// the title says what the bars are, and how many of the inputs.
	title := fmt.Sprintf("What moves the %s forecast most", v.model.Selected)
	if len(out) < varied {
		title = fmt.Sprintf("The %d of %d inputs that move the %s forecast most", len(out), varied, v.model.Selected)
	}
	return chart.Tornado(title, base, out, st)
}

// tornadoRows is how many inputs a tornado of h Fyne units, in type of
// font points, shows with its two-line labels clear of each other (the
// title, legend and axis take about six lines): 3 to 12.
func tornadoRows(h float32, font float64) int {
	line := font * 96 / 72 * 1.25 // a line of type, in Fyne units
	n := int((float64(h) - 6*line) / (2.3 * line))
	return max(3, min(12, n))
}
