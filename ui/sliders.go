package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/backtest"
	"parley/model/forecast"
	"parley/model/sweep"
	"parley/model/verdict"
	"parley/ui/session"
)

// sliderPanel holds the scenario sliders: for the chosen actor, its
// capability and, per issue, its position and salience. Moving a slider is
// a live exploration: every view follows it (the models re-run off the UI
// goroutine) but nothing is stored until the analyst applies the changes to
// the open scenario, saves them as a what-if, or discards them. A value that
// differs from the base (a what-if's base; for a base, the value as stored)
// is marked and can be reset.
type sliderPanel struct {
	u       *App
	actor   *widget.Select
	box     *fyne.Container
	readout *widget.Table
	rows    [][]string // the readout's cells: issue, then model value and Δ pairs
	band    string     // what the cells' bands are ("" = none shown)
	saveAs  *widget.Button
	apply   *widget.Button
	discard *widget.Button
	pending *widget.Label
	// fold folds the forecast table under the views away (readout.go).
	fold        *widget.Button
	readoutBody *fyne.Container
	readoutObj  fyne.CanvasObject
	readoutNote *widget.Label // what the bands and ± are
	// nameEntry is the name field of the last "Save as what-if" dialog.
	nameEntry *widget.Entry

	cap      *valueSlider
	pos, sal []*valueSlider
	// By issue (sliders_issue.go): one slider per actor for the chosen
	// issue and field, so every actor on the issue is on screen.
	mode    *widget.RadioGroup
	issue   *widget.Select
	field   *widget.RadioGroup
	byIssue []*valueSlider
	scroll  *container.Scroll
	panel   *fyne.Container
	heading *widget.Label
	// syncing is set while the panel itself moves sliders (loading an actor,
	// undo): the sliders' callbacks then do nothing.
	syncing bool
}

// valueSlider is a slider with its caption, value and "reset to base".
type valueSlider struct {
	field   model.Field
	actor   int // the actor it moves; -1: the actor chosen in the panel
	issue   int // -1 for capability
	name    string
	slider  *widget.Slider
	caption *widget.Label
	value   *widget.Label
	reset   *widget.Button
}

func newValueSlider(name string, f model.Field, issue int, min, max float64) *valueSlider {
	v := &valueSlider{field: f, actor: -1, issue: issue, name: name, slider: widget.NewSlider(min, max), caption: widget.NewLabel(name), value: widget.NewLabel("")}
	v.slider.Step = 1 // whole numbers on 0-100
	// Wrapped, not cut: "HEU stockpile disposition · salience" keeps its
	// field on a narrow panel (a compact row truncates its short label).
	v.caption.Wrapping = fyne.TextWrapWord
	v.reset = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), nil)
	v.reset.Importance = widget.LowImportance
	v.reset.Hide()
	return v
}

func (v *valueSlider) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewHBox(v.value, v.reset), container.NewVBox(v.caption, v.slider))
}

func newSliderPanel(u *App) *sliderPanel {
	p := &sliderPanel{u: u}
	p.actor = widget.NewSelect(nil, func(string) { p.loadActor() })
	p.actor.PlaceHolder = "Choose an actor"
	p.initByIssue()
	p.box = container.NewVBox()
	p.readout = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.rows), len(readoutCols) },
		func() fyne.CanvasObject { return canvas.NewText("Sanctions relief for Iran", nil) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			t := o.(*canvas.Text)
			t.Text = p.rows[id.Row][id.Col]
			t.Color = theme.Color(theme.ColorNameForeground)
			if id.Col > 0 && id.Col%2 == 0 && t.Text != "" && t.Text != "0" {
				t.Color = theme.Color(theme.ColorNamePrimary)
			}
			t.Refresh()
		})
	p.readout.ShowHeaderColumn = false
	p.readout.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			l := o.(*widget.Label)
			l.SetText(p.header(id.Col))
			l.TextStyle.Bold = true
		}
	}
	for i, c := range readoutCols {
		p.readout.SetColumnWidth(i, c.width)
	}
	p.saveAs = widget.NewButtonWithIcon("Save as what-if…", theme.DocumentSaveIcon(), p.askSaveAs)
	p.apply = widget.NewButtonWithIcon("Apply", theme.ConfirmIcon(), func() { u.ShowError(u.ApplySliders()) })
	p.apply.Importance = widget.HighImportance
	p.discard = widget.NewButtonWithIcon("Discard", theme.CancelIcon(), u.DiscardSliders)
	p.pending = widget.NewLabel("")
	p.pending.Wrapping = fyne.TextWrapWord
	p.refreshPending()
	return p
}

func (p *sliderPanel) object() fyne.CanvasObject {
	p.heading = widget.NewLabelWithStyle("Scenario sliders", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewVBox(p.heading, p.mode, p.actor, p.issue, p.field)
	foot := container.NewVBox(p.pending, container.NewGridWithColumns(2, p.apply, p.discard), p.saveAs)
	p.scroll = container.NewVScroll(p.box)
	p.panel = container.NewBorder(head, foot, nil, nil, p.scroll)
	return p.panel
}

// The model columns are wide enough for a forecast and its band ("46.6 · 35–58").
var readoutCols = []column{{"Forecast (Δ vs base)", 190}, {"BDM", 128}, {"Δ", 54}, {"SMP", 128}, {"Δ", 54}, {"W. median", 128}, {"Δ", 54}, {"W. mean", 128}, {"Δ", 54}, {"Exchange", 128}, {"Δ", 54}}

// header is the readout's column title: the first says what Δ is against.
func (p *sliderPanel) header(c int) string {
	if c == 0 {
		return "Forecast (Δ vs " + p.u.s.ReferenceName() + ")"
	}
	t := readoutCols[c].title
	if q, ok := readoutIntervals[t]; ok {
		t += fmt.Sprintf(" ±%.0f", q) // the model's 80% track-record interval
	}
	return t
}

// readoutIntervals maps a readout column title to its model's 80%
// track-record half-width (backtest.Intervals); the line under the table
// says where it comes from.
var readoutIntervals = func() map[string]float64 {
	out := map[string]float64{}
	iv := backtest.Intervals()
	for _, c := range readoutCols {
		if m, err := model.ParseModelID(c.title); err == nil { // the titles are the models' short labels
			if q, ok := iv[m]; ok {
				out[c.title] = q
			}
		}
	}
	return out
}()

// load rebuilds the sliders for the open scenario, keeping the chosen actor.
func (p *sliderPanel) load() {
	sc := p.u.s.Live()
	p.refreshPending()
	if sc == nil {
		p.actor.Options = nil
		p.box.RemoveAll()
		return
	}
	names := make([]string, len(sc.Actors))
	for i, a := range sc.Actors {
		names[i] = a.Name
	}
	keep := p.actor.Selected
	p.actor.Options = names
	p.cap = p.newSlider("Capability", model.FieldCapability, -1)
	p.pos, p.sal = make([]*valueSlider, len(sc.Issues)), make([]*valueSlider, len(sc.Issues))
	for i, is := range sc.Issues {
		p.pos[i] = p.newSlider(is.Name+" · position", model.FieldPosition, i)
		p.sal[i] = p.newSlider(is.Name+" · salience", model.FieldSalience, i)
	}
	p.loadIssues(sc)
	p.fillBox()
	p.syncing = true
	if sc.ActorIndex(keep) >= 0 {
		p.actor.SetSelected(keep)
	} else if len(names) > 0 {
		p.actor.SetSelectedIndex(0)
	}
	p.syncing = false
	p.loadActor()
}

func (p *sliderPanel) newSlider(name string, f model.Field, issue int) *valueSlider {
	v := newValueSlider(name, f, issue, 0, 100)
	v.slider.OnChanged = func(x float64) { p.changed(v, x) }
	v.reset.OnTapped = func() { p.resetToBase(v) }
	return v
}

func (p *sliderPanel) each(f func(*valueSlider)) {
	if p.cap == nil {
		return
	}
	f(p.cap)
	for i := range p.pos {
		f(p.pos[i])
		f(p.sal[i])
	}
	for _, v := range p.byIssue {
		f(v)
	}
}

// actorOf is the actor a slider moves.
func (p *sliderPanel) actorOf(v *valueSlider) int {
	if v.actor >= 0 {
		return v.actor
	}
	return p.actor.SelectedIndex()
}

// loadActor moves the sliders to the chosen actor's live values.
func (p *sliderPanel) loadActor() {
	sc := p.u.s.Live()
	a := p.actor.SelectedIndex()
	if sc == nil || p.cap == nil || (a < 0 && len(p.byIssue) == 0) || a >= len(sc.Actors) {
		return
	}
	p.syncing = true
	defer func() { p.syncing = false }()
	max := 100.0
	for _, o := range sc.Actors {
		max = math.Max(max, o.Capability)
	}
	p.cap.slider.Max = math.Ceil(max * 1.5)
	p.cap.slider.Step = math.Max(1, niceStep(p.cap.slider.Max/300)) // whole numbers
	p.each(func(v *valueSlider) {
		a := p.actorOf(v)
		if a < 0 || a >= len(sc.Actors) {
			return
		}
		x := session.Value(sc, a, v.field, v.issue)
		v.slider.SetValue(x)
		p.mark(v, a, x)
	})
}

// mark shows v's value and, when it differs from the base, says so and
// offers the reset.
func (p *sliderPanel) mark(v *valueSlider, a int, x float64) {
	v.value.SetText(p.shown(v, x))
	ref, differs := p.u.s.BaseValue(a, v.field, v.issue)
	if !differs {
		v.caption.Importance = widget.MediumImportance
		v.caption.SetText(v.name)
		v.reset.Hide()
		return
	}
	if v.actor >= 0 { // a compact row: the name stays whole, the colour and the reset say it moved
		v.caption.Importance = widget.HighImportance
		v.caption.SetText(v.name)
		v.value.SetText(p.shown(v, x) + " (was " + p.shown(v, ref) + ")")
		v.reset.Show()
		return
	}
	what := "was"
	if p.u.s.Base() != nil {
		what = "base"
	}
	v.caption.Importance = widget.HighImportance
	// The base value first: a long caption is truncated at its end.
	v.caption.SetText(fmt.Sprintf("● %s %s · %s", what, p.shown(v, ref), v.name))
	v.reset.Show()
}

// Overridden reports, for the chosen actor, which sliders are marked as
// differing from the base: capability, then per issue position and salience.
func (p *sliderPanel) Overridden() (cap bool, pos, sal []bool) {
	for i := range p.pos {
		pos = append(pos, p.pos[i].reset.Visible())
		sal = append(sal, p.sal[i].reset.Visible())
	}
	return p.cap.reset.Visible(), pos, sal
}

// ResetButton is the "reset to base" button of the capability slider (issue
// -1) or of a position or salience slider.
func (p *sliderPanel) ResetButton(f model.Field, issue int) *widget.Button {
	switch f {
	case model.FieldPosition:
		return p.pos[issue].reset
	case model.FieldSalience:
		return p.sal[issue].reset
	}
	return p.cap.reset
}

func (p *sliderPanel) resetToBase(v *valueSlider) {
	a := p.actorOf(v)
	ref, differs := p.u.s.BaseValue(a, v.field, v.issue)
	if !differs {
		return
	}
	v.slider.SetValue(ref) // through changed, like a drag
}

// niceStep rounds a slider step to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if x <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// changed handles a slider move: the live scenario takes the value and every
// view follows; nothing is stored.
func (p *sliderPanel) changed(v *valueSlider, x float64) {
	if p.syncing {
		return
	}
	a := p.actorOf(v)
	if p.u.s.Live() == nil || a < 0 {
		return
	}
	p.u.s.SetLive(a, v.field, v.issue, x)
	p.mark(v, a, x)
	p.refreshPending()
	p.u.requestForecast()
}

// refreshPending enables Apply and Discard while the sliders hold changes.
func (p *sliderPanel) refreshPending() {
	if p.u.s.Pending() {
		p.apply.Enable()
		p.discard.Enable()
		p.pending.SetText("Exploring: slider changes are not saved. Apply them to this scenario, save them as a what-if, or discard them.")
		p.pending.Show()
	} else {
		p.apply.Disable()
		p.discard.Disable()
		p.pending.Hide()
	}
}

// ApplySliders stores the sliders' pending changes in the open scenario as
// one undoable edit.
func (u *App) ApplySliders() error {
	if err := u.s.Apply(); err != nil {
		return err
	}
	u.afterEdit()
	return nil
}

// DiscardSliders drops the sliders' pending changes.
func (u *App) DiscardSliders() {
	u.s.Discard()
	u.sliders.loadActor()
	u.sliders.refreshPending()
	u.requestForecast()
}

// refreshReadout shows each issue's forecasts and their change against the base.
func (p *sliderPanel) refreshReadout() {
	band, complete := p.u.uncertainty.shownSweep(p.u.live) // a Run or the live band of these inputs only
	p.rows = ReadoutRows(p.u.live, p.u.result, p.u.baseResult, band)
	p.band = bandNote(band, complete)
	for i := range p.rows {
		p.readout.SetRowHeight(i, 26)
	}
	p.readout.Refresh()
	if p.fold != nil {
		p.setFoldText()
	}
	if p.readoutNote != nil {
		p.readoutNote.SetText(p.noteText())
	}
}

// ReadoutRows formats, per issue, each model's forecast and its difference
// from base: issue, BDM, Δ, SMP, Δ, weighted median, Δ, weighted mean, Δ, exchange, Δ.
// A model with nothing to say shows "–". Forecasts and differences are on
// each issue's own scale (sc's issues; 0-100 when sc is nil or not res's).
// With band (a Monte Carlo of sc's inputs, or nil) a forecast is followed by
// its model's P10-P90 ("46.6 · 35-58"), so a change can be read against the
// noise.
func ReadoutRows(sc *model.Scenario, res, base *forecast.Result, band *sweep.Result) [][]string {
	if res == nil {
		return nil
	}
	order := []string{"BDM", "SMP", "Weighted median", "Weighted mean", model.ModelExchange.Label()}
	inBand := []string{sweep.ModelBDM, sweep.ModelSMP, sweep.ModelMedian, sweep.ModelMean, sweep.ModelExchange}
	var rows [][]string
	for i, is := range res.Issues {
		row := []string{is.Name}
		var own *model.Issue // nil: 0-100
		if sc != nil && i < len(sc.Issues) && sc.Issues[i].Name == is.Name {
			own = &sc.Issues[i]
		}
		now := map[string]float64{}
		for _, v := range res.Forecasts(i) {
			now[v.Model] = v.Value
		}
		was := map[string]float64{}
		if base != nil && i < len(base.Issues) {
			for _, v := range base.Forecasts(i) {
				was[v.Model] = v.Value
			}
		}
		for k, m := range order {
			v, ok := now[m]
			if !ok {
				row = append(row, "–", "")
				continue
			}
			cell := fmt.Sprintf("%.1f", own.Shown(v))
			if lo, hi, ok := bandOf(band, i, inBand[k]); ok {
				cell += " · " + bandRange(own, lo, hi)
				if verdict.LiesOutside(v, lo, hi) {
					cell += outsideMark
				}
			}
			d := ""
			if o, ok := was[m]; ok {
				d = fmt.Sprintf("%+.1f", own.ShownDistance(v-o))
				if math.Abs(own.ShownDistance(v-o)) < 0.05 {
					d = "0"
				}
			}
			row = append(row, cell, d)
		}
		rows = append(rows, row)
	}
	return rows
}

// outsideMark follows a forecast that lies outside its own band
// ("90.0 · 12–80 !"): the Summary's outside-band flag, in the table.
const outsideMark = " !"

// bandOf is model m's P10 and P90 on issue i of band (false when it has none).
func bandOf(band *sweep.Result, i int, m string) (lo, hi float64, ok bool) {
	if band == nil || i >= len(band.Issues) {
		return 0, 0, false
	}
	for _, md := range band.Issues[i].Models {
		if md.Model == m && len(md.Values) > 0 {
			return md.P10, md.P90, true
		}
	}
	return 0, 0, false
}

// bandRange writes a P10-P90 band on the issue's own scale, whole numbers
// on a wide scale (0-100), one decimal on a narrow one (4-10 years).
func bandRange(is *model.Issue, lo, hi float64) string {
	f := "%.0f–%.0f"
	if a, b := is.ShownEnds(); math.Abs(b-a) < 20 {
		f = "%.1f–%.1f"
	}
	return fmt.Sprintf(f, is.Shown(lo), is.Shown(hi))
}

func (p *sliderPanel) askSaveAs() {
	u := p.u
	if u.s.Live() == nil || u.win == nil {
		return
	}
	p.saveAsDialog().Show()
}

// saveAsDialog asks for the what-if's name; Save stores it.
func (p *sliderPanel) saveAsDialog() *dialog.FormDialog {
	u := p.u
	e := widget.NewEntry()
	base := u.current.Name
	if u.base != nil {
		base = u.base.Name
	}
	e.SetText(u.browser.uniqueName(base + " what-if"))
	p.nameEntry = e
	return dialog.NewForm("Save as what-if", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", e)}, func(ok bool) {
		if ok {
			u.ShowError(u.SaveAsWhatIf(strings.TrimSpace(e.Text)))
		}
	}, u.win)
}

// Sliders exposes the panel's sliders to tests: capability, then per issue position and salience.
func (p *sliderPanel) Sliders() (cap *widget.Slider, pos, sal []*widget.Slider) {
	for i := range p.pos {
		pos = append(pos, p.pos[i].slider)
		sal = append(sal, p.sal[i].slider)
	}
	return p.cap.slider, pos, sal
}
