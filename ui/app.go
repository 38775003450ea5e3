package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/forecast"
	"parley/ui/chart"
)

// Store is what the window needs from storage: scenarios and their undo journal.
type Store interface {
	model.Repository
	model.Journal
}

// App is Parley's main window content: the scenario browser on the left, the
// views of the open scenario in the middle, the scenario sliders on the right.
type App struct {
	repo Store
	win  fyne.Window

	scenarios []model.ScenarioInfo
	// current is the open scenario as stored (resolved, for a what-if); live is
	// what the views show: current plus the slider being dragged, if any.
	current *model.Scenario
	live    *model.Scenario
	base    *model.Scenario // a what-if's base scenario (nil for a base)
	history model.History

	runner     *Runner
	result     *forecast.Result // for live
	baseResult *forecast.Result // for the Δ readout: the base scenario, or current as opened
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
	lastRun     string // fingerprint of the last run recorded
	lastAction  string // what the last edit, undo or redo did: the label of the run it leads to
	// OnSweep, if set, is called on the UI goroutine when a Monte Carlo run finishes.
	OnSweep func()
	sliders *sliderPanel
	views   []view

	deps Deps
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
	u := &App{repo: repo, win: win}
	u.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.title.Truncation = fyne.TextTruncateEllipsis
	u.status = widget.NewLabel("")
	u.status.Wrapping = fyne.TextWrapWord
	u.ui = fyne.Do
	u.runner = NewRunner(u.applyResult)
	u.runner.do = func(f func()) { u.ui(f) }
	u.browser = newBrowser(u)
	u.stance = newStanceView(u)
	u.data = newDataEditor(u)
	u.sliders = newSliderPanel(u)
	u.views = []view{u.stance}
	newCoalitionView(u)
	newTrajectoryView(u)
	u.uncertainty = newUncertaintyView(u)
	newCompareView(u)
	newHistoryView(u)
	u.briefing = newBriefingView(u)
	u.addView(u.data)
	newSettingsView(u)
	return u
}

// addView adds a tab (used by the other screens' constructors).
func (u *App) addView(v view) { u.views = append(u.views, v) }

// Content is the window's whole content.
func (u *App) Content() fyne.CanvasObject {
	var items []*container.TabItem
	for _, v := range u.views {
		items = append(items, v.tab())
	}
	u.tabs = container.NewAppTabs(items...)
	u.tabs.OnSelected = func(*container.TabItem) { u.refreshViews() }
	centre := container.NewBorder(u.title, container.NewVBox(u.sliders.readoutObject(), u.status), nil, nil, u.tabs)
	right := container.NewHSplit(centre, u.sliders.object())
	right.Offset = 0.78
	split := container.NewHSplit(u.browser.object(), right)
	split.Offset = 0.16
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
	sc, err := u.repo.LoadScenario(name)
	if err != nil {
		return err
	}
	var base *model.Scenario
	if sc.Base != "" {
		if base, err = u.repo.LoadScenario(sc.Base); err != nil {
			return err
		}
	}
	undo, redo, err := u.repo.LoadJournal(name)
	if err != nil {
		return err
	}
	u.current, u.base, u.live = sc, base, sc.Clone()
	u.history = model.History{}
	u.history.Restore(undo, redo)
	u.result, u.baseResult, u.lastRun, u.lastAction = nil, nil, "", ""
	if runs, ok := u.repo.(model.RunRepository); ok {
		if list, err := runs.Runs(name); err == nil && len(list) > 0 {
			u.lastRun = list[len(list)-1].Fingerprint
		}
	}
	if u.historyView != nil {
		u.historyView.stale = true
	}
	u.title.SetText(scenarioTitle(sc))
	u.sliders.load()
	u.data.load()
	u.stance.load()
	u.showMessage("")
	if base != nil {
		// A what-if is compared with its base; a base with itself as opened
		// (its first forecast, taken in applyResult).
		u.baseResult, _ = forecast.Run(bg(), base, forecast.FromSettings(base.Settings))
	}
	u.requestForecast()
	return nil
}

// Current is the open scenario as stored (nil before one is opened).
func (u *App) Current() *model.Scenario { return u.current }

// Live is what the views show: the open scenario with any slider drag applied.
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
	return u.uncertainty.Uncertainty(sc, i)
}

// BaseResult is the forecast the Δ readout compares against.
func (u *App) BaseResult() *forecast.Result { return u.baseResult }

func (u *App) options() forecast.Options {
	if u.live == nil {
		return forecast.Options{}
	}
	return forecast.FromSettings(u.live.Settings)
}

// requestForecast re-runs every model on the live scenario, off the UI goroutine.
func (u *App) requestForecast() {
	if u.live == nil {
		return
	}
	u.runner.Request(u.live.Clone(), u.options())
}

// applyResult runs on the UI goroutine with the newest forecast.
func (u *App) applyResult(_ *model.Scenario, res *forecast.Result, took time.Duration) {
	u.result, u.LastRun = res, took
	// Is this the forecast of the scenario as stored (not a slider preview)?
	stored := u.current != nil && res.Fingerprint == forecast.Fingerprint(u.current, u.options())
	if stored && u.baseResult == nil && u.base == nil {
		u.baseResult = res
	}
	if stored {
		u.recordRun(res)
	}
	u.refreshViews()
	u.sliders.refreshReadout()
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

// preview shows sc in every view without recording anything (a slider being dragged).
func (u *App) preview(sc *model.Scenario) {
	u.live = sc
	u.requestForecast()
}

// Do applies an edit to the open scenario, stores it with its journal in one
// transaction, and re-runs the models. A refused edit changes nothing and its
// message is returned.
func (u *App) Do(e model.Edit) error {
	if u.current == nil {
		return model.Errorf(model.ENOTFOUND, "no scenario is open")
	}
	work := u.current.Clone()
	h := u.history
	if e.At == "" {
		e.At = time.Now().UTC().Format(time.RFC3339Nano)
	}
	if err := h.Do(work, e); err != nil {
		u.revertPreview()
		return err
	}
	if err := u.persist(work, &h); err != nil {
		u.revertPreview()
		return err
	}
	u.history, u.current, u.live = h, work, work.Clone()
	u.lastAction = e.Label
	u.afterEdit()
	return nil
}

// revertPreview puts the views back on the stored scenario after a refused
// edit, so no chart keeps showing the refused value.
func (u *App) revertPreview() {
	u.live = u.current.Clone()
	u.requestForecast()
}

// Undo reverts the last edit (Ctrl+Z).
func (u *App) Undo() error { return u.step((*model.History).Undo, "Undid") }

// Redo re-applies the last undone edit (Ctrl+Y).
func (u *App) Redo() error { return u.step((*model.History).Redo, "Redid") }

func (u *App) step(f func(*model.History, *model.Scenario) (model.Edit, bool, error), verb string) error {
	if u.current == nil {
		return nil
	}
	work := u.current.Clone()
	h := u.history
	e, ok, err := f(&h, work)
	if err != nil || !ok {
		return err
	}
	if err := u.persist(work, &h); err != nil {
		return err
	}
	u.history, u.current, u.live = h, work, work.Clone()
	u.lastAction = verb + ": " + e.Label
	u.afterEdit()
	u.showMessage(u.lastAction)
	return nil
}

// persist stores sc (as overrides, for a what-if) with the history h.
func (u *App) persist(sc *model.Scenario, h *model.History) error {
	undo, redo := h.Stacks()
	stored := sc
	if u.base != nil {
		ov, err := model.CheckWhatIf(u.base, sc)
		if err != nil {
			return err
		}
		model.KeepRationales(u.current.Overrides, ov)
		sc.Overrides = ov
		stored = sc.StoredWhatIf(u.base.Name, ov)
		if err := u.repo.SaveWithJournal(stored, undo, redo); err != nil {
			return err
		}
		sc.Version = stored.Version
		return nil
	}
	whatIfs, err := u.followRenames(u.current, sc)
	if err != nil {
		return err
	}
	return u.repo.SaveWithJournal(stored, undo, redo, whatIfs...)
}

// followRenames returns the what-ifs of base scenario old whose overrides
// name an actor that new calls differently, with their overrides renamed,
// so that renaming an actor (or undoing it) keeps every what-if working.
func (u *App) followRenames(old, new *model.Scenario) ([]*model.Scenario, error) {
	if len(old.Actors) != len(new.Actors) {
		return nil, nil
	}
	renamed := map[string]string{}
	for a := range old.Actors {
		if old.Actors[a].Name != new.Actors[a].Name {
			renamed[old.Actors[a].Name] = new.Actors[a].Name
		}
	}
	if len(renamed) == 0 {
		return nil, nil
	}
	var out []*model.Scenario
	for _, info := range u.scenarios {
		if info.Base != old.Name {
			continue
		}
		wi, err := u.repo.LoadScenario(info.Name)
		if err != nil {
			return nil, err
		}
		changed := false
		ov := append([]model.Override(nil), wi.Overrides...)
		for k := range ov {
			if to, ok := renamed[ov[k].Actor]; ok {
				ov[k].Actor, changed = to, true
			}
		}
		if changed {
			out = append(out, wi.StoredWhatIf(old.Name, ov))
		}
	}
	return out, nil
}

func (u *App) afterEdit() {
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
		dialog.ShowError(fmt.Errorf("%s", msg), u.win)
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
