package ui

import (
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/forecast"
	"parley/ui/chart"
	"parley/ui/session"
)

// Store is what the window needs from storage: scenarios and their undo journal.
type Store = session.Store

// App is Parley's main window content: the scenario browser on the left, the
// views of the open scenario in the middle, the scenario sliders on the right.
type App struct {
	repo Store
	win  fyne.Window

	scenarios []model.ScenarioInfo
	// s owns the window's state (current, live, base, history, the frame on
	// screen); the fields below are read-only copies for the views, set by
	// sync after every change of s. live and result are the frame: one
	// scenario and the forecast computed from it.
	s          *session.Session
	current    *model.Scenario
	live       *model.Scenario
	base       *model.Scenario // a what-if's base scenario (nil for a base)
	history    model.History
	result     *forecast.Result
	baseResult *forecast.Result // for the Δ readout (see session.Reference)

	runner *Runner
	work   *workBar    // progress and Cancel of long work (workbar.go)
	fjob   forecastJob // the forecast run the bar shows
	saving *savePrompt // the save dialog last shown (savedialog.go)
	// chartForm is the Export chart dialog last shown; exports counts
	// exports still being written (export.go).
	chartForm *exportForm
	exports   atomic.Int32
	baseRun   baseRunner // forecasts a what-if's base off the UI goroutine
	// LastRun is how long the last forecast took (shown in the status bar, read by tests).
	LastRun time.Duration
	// OnResult, if set, is called on the UI goroutine after each forecast is applied.
	OnResult func()

	browser     *browser
	stance      *stanceView
	data        *dataEditor
	briefing    *briefingView
	uncertainty *uncertaintyView
	historyView *historyView
	summary     *summaryView
	lastRun     string        // fingerprint of the last run recorded
	runWrite    chan struct{} // closed when recordRun's last write has landed (nil: none)
	lastAction  string        // what the last edit, undo or redo did: the label of the run it leads to
	// OnSweep, if set, is called on the UI goroutine when a Monte Carlo run finishes.
	OnSweep func()
	sliders *sliderPanel
	views   []view

	deps Deps
	// keyUndoneScenario: the last Ctrl+Z undid the scenario (not a text
	// field's typing), so Ctrl+Y redoes the scenario first.
	keyUndoneScenario bool
	// ui runs f on the UI goroutine (fyne.Do); headless tests replace it to
	// run results on the test's goroutine.
	ui func(f func())

	title  *widget.Label
	status *widget.Label
	tabs   *container.AppTabs
}

// view is one tab: it redraws from the App's live scenario and result.
type view interface {
	tab() *container.TabItem
	// refresh redraws after the scenario or the forecast changed.
	refresh()
}

// New builds the main window's content for win from the scenarios in repo.
func New(win fyne.Window, repo Store) *App {
	u := &App{repo: repo, win: win, s: session.New(repo)}
	u.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.title.Truncation = fyne.TextTruncateEllipsis
	u.status = widget.NewLabel("")
	u.status.Wrapping = fyne.TextWrapWord
	u.ui = fyne.Do
	u.runner = NewRunner(u.applyResult)
	u.runner.fail = u.forecastFailed
	u.runner.do = func(f func()) { u.ui(f) }
	u.work = newWorkBar(u)
	u.browser = newBrowser(u)
	u.stance = newStanceView(u)
	u.data = newDataEditor(u)
	u.sliders = newSliderPanel(u)
	u.views = []view{u.stance}
	u.summary = newSummaryView(u) // summaryview.go: first among the tabs
	newCoalitionView(u)
	newTrajectoryView(u)
	newExchangeView(u)
	u.uncertainty = newUncertaintyView(u)
	newCompareView(u)
	newHistoryView(u)
	u.briefing = newBriefingView(u)
	newTrackRecordView(u)
	u.addView(u.data)
	newSettingsView(u)
	return u
}

// forgetter is a view that holds state of the project it showed (a deck,
// a chosen pair, a cached run): forget drops it, on a project switch.
type forgetter interface{ forget() }

// resetViews makes every view forget the project it showed.
func (u *App) resetViews() {
	for _, v := range u.views {
		if f, ok := v.(forgetter); ok {
			f.forget()
		}
	}
}

// addView adds a tab (used by the other screens' constructors).
func (u *App) addView(v view) { u.views = append(u.views, v) }

// Content is the window's whole content.
func (u *App) Content() fyne.CanvasObject {
	var items []*container.TabItem
	for _, v := range u.views {
		items = append(items, fitTab(v.tab()))
	}
	u.tabs = container.NewAppTabs(items...)
	u.tabs.OnSelected = func(*container.TabItem) { u.refreshViews() }
	centre := container.NewBorder(u.work.titleRow(u.title), container.NewVBox(u.sliders.readoutObject(), u.status), nil, nil, u.tabs)
	right := container.NewHSplit(centre, u.sliders.object()) // layout.go: nothing here grows the window
	right.Offset = 0.8
	split := container.NewHSplit(u.browser.object(), right)
	split.Offset = 0.13
	return split
}

// Tabs is the views' tab container (after Content).
func (u *App) Tabs() *container.AppTabs { return u.tabs }

// Reload re-reads the scenario list and opens name (or the first scenario).
func (u *App) Reload(name string) error {
	list, err := u.repo.ListScenarios()
	if err != nil {
		return err
	}
	u.scenarios = list
	u.browser.refresh()
	if len(list) == 0 {
		u.showMessage("This project has no scenario yet: File › New scenario, or File › Import.")
		return nil
	}
	pick := 0
	for i, s := range list {
		if s.Name == name {
			pick = i
		}
	}
	u.browser.selectIndex(pick) // opens it
	return nil
}

// Open loads and shows the named scenario, with its undo history.
func (u *App) Open(name string) error {
	if err := u.s.Open(name); err != nil {
		return err
	}
	u.lastRun = ""
	if runs, ok := u.repo.(model.RunRepository); ok {
		if list, err := runs.Runs(name); err == nil && len(list) > 0 {
			u.lastRun = list[len(list)-1].Fingerprint
		}
	}
	if u.historyView != nil {
		u.historyView.stale = true
	}
	u.sync()
	u.title.SetText(scenarioTitle(u.current))
	u.sliders.load()
	u.data.load()
	u.stance.load()
	u.showMessage("")
	if u.base != nil {
		// A what-if is compared with its base, forecast off the UI goroutine
		// (ui/baseforecast.go); a base with itself as stored (its first
		// forecast, taken by the session).
		u.requestBaseForecast(u.base)
	}
	u.requestForecast()
	return nil
}

// sync copies the session's state into the fields the views read: current
// and base as stored, and the frame on screen (live and result are always
// one scenario and the forecast computed from it).
func (u *App) sync() {
	f := u.s.Frame()
	u.current, u.base, u.live, u.result = u.s.Current(), u.s.Base(), f.Scenario, f.Result
	u.baseResult, u.history, u.lastAction = u.s.Reference(), u.s.History(), u.s.LastAction
}

// Session is the window's state (tests read it).
func (u *App) Session() *session.Session { return u.s }

// Current is the open scenario as stored (nil before one is opened).
func (u *App) Current() *model.Scenario { return u.current }

// Live is what the views show: the scenario of the frame on screen (the
// open scenario with the sliders' pending changes, once its forecast is in).
func (u *App) Live() *model.Scenario { return u.live }

// Result is the forecast the views show (nil until the first one arrives).
func (u *App) Result() *forecast.Result { return u.result }

// resultFor is the forecast if it belongs to sc's scenario (a result that
// arrives for a scenario no longer open is never drawn against another).
func (u *App) resultFor(sc *model.Scenario) *forecast.Result {
	if u.result == nil || sc == nil || u.result.Scenario != sc.Name || len(u.result.Actors) != len(sc.Actors) || len(u.result.Issues) != len(sc.Issues) {
		return nil
	}
	return u.result
}

// uncertaintyFor is the last Monte Carlo run's bands for issue i of sc, if
// that run was made on sc's inputs.
func (u *App) uncertaintyFor(sc *model.Scenario, i int) *chart.Uncertainty {
	if u.uncertainty == nil {
		return nil
	}
	return u.uncertainty.shownFor(sc, i) // a Run's, or the live band (liveband.go)
}

// BaseResult is the forecast the Δ readout compares against.
func (u *App) BaseResult() *forecast.Result { return u.baseResult }

func (u *App) options() forecast.Options { return u.s.Options() }

// requestForecast re-runs every model on the live scenario, off the UI goroutine.
func (u *App) requestForecast() {
	sc, opt, gen, ok := u.s.Request()
	if !ok {
		return
	}
	u.runner.Request(gen, sc, opt)
	u.uncertainty.live.moved() // newer inputs: the live band being drawn is stale
}

// applyResult runs on the UI goroutine with the newest forecast of sc.
func (u *App) applyResult(gen uint64, sc *model.Scenario, res *forecast.Result, took time.Duration) {
	shown, stored := u.s.Arrive(gen, sc, res)
	if !shown {
		return
	}
	u.LastRun = took
	u.sync()
	if stored {
		u.recordRun(res)
	}
	u.uncertainty.live.follow(u.live) // the live band of the frame's inputs (liveband.go)
	u.refreshViews()
	u.sliders.refreshReadout()
	if u.OnResult != nil {
		u.OnResult()
	}
}

// forecastFailed says in the status line why the open scenario's forecast
// could not be made (too large for the models, or a model failed); the views
// keep the last frame they drew, which stays one scenario and its results.
func (u *App) forecastFailed(gen uint64, err error) {
	if !u.s.IsCurrent(gen) {
		return
	}
	fyne.LogError("parley: forecast", err)
	u.showMessage("No forecast: " + model.ErrorMessage(err))
	if u.OnResult != nil {
		u.OnResult()
	}
}

// refreshViews redraws the visible views.
func (u *App) refreshViews() {
	if u.live == nil {
		return
	}
	for _, v := range u.views {
		if u.tabs == nil || u.tabs.Selected() == v.tab() {
			v.refresh()
		}
	}
}

// Do applies an edit to the open scenario, stores it with its journal in one
// transaction, and re-runs the models. A refused edit changes nothing and its
// message is returned. The sliders' pending changes are dropped.
func (u *App) Do(e model.Edit) error {
	if err := u.s.Do(e); err != nil {
		return err
	}
	u.afterEdit()
	return nil
}

// Undo reverts the last edit (Ctrl+Z).
func (u *App) Undo() error { return u.step(u.s.Undo) }

// Redo re-applies the last undone edit (Ctrl+Y).
func (u *App) Redo() error { return u.step(u.s.Redo) }

func (u *App) step(f func() (string, error)) error {
	did, err := f()
	if err != nil || did == "" {
		return err
	}
	u.afterEdit()
	u.showMessage(did)
	return nil
}

func (u *App) afterEdit() {
	u.sync()
	u.title.SetText(scenarioTitle(u.current))
	u.sliders.load()
	u.data.load()
	u.stance.load()
	u.showMessage("")
	u.requestForecast()
}

// CanUndo reports the label of the edit Undo would revert.
func (u *App) CanUndo() (string, bool) { return u.history.CanUndo() }

func scenarioTitle(sc *model.Scenario) string {
	t := sc.Name
	if sc.Date != "" {
		t += " · " + sc.Date
	}
	if sc.Base != "" {
		t += " · what-if of " + sc.Base
	}
	return t + " · " + model.Count(len(sc.Actors), "actor") + ", " + model.Count(len(sc.Issues), "issue")
}

// Status is the line under the views where problems and confirmations show.
func (u *App) Status() *widget.Label { return u.status }

func (u *App) showMessage(msg string) {
	u.status.SetText(msg)
	if msg == "" {
		u.status.Hide()
	} else {
		u.status.Show()
	}
}

// ShowError tells the analyst what went wrong in a sentence they can act on;
// the cause goes to the log for developers.
func (u *App) ShowError(err error) {
	if err == nil {
		return
	}
	fyne.LogError("parley", err)
	msg := model.ErrorMessage(err)
	u.showMessage(msg)
	if u.win != nil {
		newErrorDialog(msg, u.win).Show() // errordialog.go: the file name as written
	}
}

// modelErrors lists the models that could not forecast issue i, for the status line.
func modelErrors(res *forecast.Result, i int) string {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return ""
	}
	is := &res.Issues[i]
	var msgs []string
	for _, e := range []struct {
		name string
		err  error
	}{{"BDM", is.BDMErr}, {"Baselines", is.BaselineErr}, {"Power", is.PowerErr}, {"SMP", res.SMPErr}} {
		if e.err != nil {
			msgs = append(msgs, e.name+": "+model.ErrorMessage(e.err))
		}
	}
	return strings.Join(msgs, "\n")
}

func today() string { return time.Now().Format("2006-01-02") }

// ShowTab selects the view whose title starts with name (case-insensitive);
// an empty or unknown name leaves the first view.
func (u *App) ShowTab(name string) {
	if u.tabs == nil || name == "" {
		return
	}
	for _, it := range u.tabs.Items {
		if strings.HasPrefix(strings.ToLower(it.Text), strings.ToLower(name)) {
			u.tabs.Select(it)
			return
		}
	}
}
