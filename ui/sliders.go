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
	"parley/model/forecast"
)

// sliderPanel holds the scenario sliders: for the chosen actor, its
// capability and, per issue, its position and salience. Dragging previews the
// change in every view (the models re-run off the UI goroutine); releasing
// records one undoable edit.
type sliderPanel struct {
	u       *App
	actor   *widget.Select
	box     *fyne.Container
	readout *widget.Table
	rows    [][]string // the readout's cells: issue, then model value and Δ pairs
	saveAs  *widget.Button

	cap      *valueSlider
	pos, sal []*valueSlider
	// syncing is set while the panel itself moves sliders (loading an actor,
	// undo): the sliders' callbacks then do nothing.
	syncing bool
}

// valueSlider is a slider with its caption and value.
type valueSlider struct {
	slider  *widget.Slider
	caption *widget.Label
	value   *widget.Label
}

func newValueSlider(caption string, min, max float64) *valueSlider {
	v := &valueSlider{slider: widget.NewSlider(min, max), caption: widget.NewLabel(caption), value: widget.NewLabel("")}
	v.slider.Step = 0.5
	v.caption.Truncation = fyne.TextTruncateEllipsis
	return v
}

func (v *valueSlider) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, v.value, container.NewVBox(v.caption, v.slider))
}

func newSliderPanel(u *App) *sliderPanel {
	p := &sliderPanel{u: u}
	p.actor = widget.NewSelect(nil, func(string) { p.loadActor() })
	p.actor.PlaceHolder = "Choose an actor"
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
			l.SetText(readoutCols[id.Col].title)
			l.TextStyle.Bold = true
		}
	}
	for i, c := range readoutCols {
		p.readout.SetColumnWidth(i, c.width)
	}
	p.saveAs = widget.NewButtonWithIcon("Save as what-if…", theme.DocumentSaveIcon(), p.askSaveAs)
	return p
}

func (p *sliderPanel) object() fyne.CanvasObject {
	head := container.NewVBox(widget.NewLabelWithStyle("Scenario sliders", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.actor)
	return container.NewBorder(head, p.saveAs, nil, nil, container.NewVScroll(p.box))
}

var readoutCols = []column{{"Forecast (Δ vs base)", 190}, {"BDM", 64}, {"Δ", 58}, {"SMP", 64}, {"Δ", 58}, {"W. median", 84}, {"Δ", 58}, {"W. mean", 72}, {"Δ", 58}, {"Exchange", 76}, {"Δ", 58}}

// readoutObject is the forecast table shown under the views.
func (p *sliderPanel) readoutObject() fyne.CanvasObject {
	// Header plus one row per issue, without scrolling for a typical scenario.
	r := container.NewGridWrap(fyne.NewSize(790, 35+30*6+6), p.readout)
	return r
}

// load rebuilds the sliders for the open scenario, keeping the chosen actor.
func (p *sliderPanel) load() {
	sc := p.u.current
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
	p.box.RemoveAll()
	p.cap = newValueSlider("Capability", 0, 100)
	p.cap.slider.OnChanged = func(v float64) { p.changed(-1, "capability", v, false) }
	p.cap.slider.OnChangeEnded = func(v float64) { p.changed(-1, "capability", v, true) }
	p.box.Add(p.cap.object())
	p.pos, p.sal = make([]*valueSlider, len(sc.Issues)), make([]*valueSlider, len(sc.Issues))
	for i, is := range sc.Issues {
		i := i
		p.pos[i] = newValueSlider(is.Name+" · position", 0, 100)
		p.sal[i] = newValueSlider(is.Name+" · salience", 0, 100)
		p.pos[i].slider.OnChanged = func(v float64) { p.changed(i, "position", v, false) }
		p.pos[i].slider.OnChangeEnded = func(v float64) { p.changed(i, "position", v, true) }
		p.sal[i].slider.OnChanged = func(v float64) { p.changed(i, "salience", v, false) }
		p.sal[i].slider.OnChangeEnded = func(v float64) { p.changed(i, "salience", v, true) }
		p.box.Add(widget.NewSeparator())
		p.box.Add(p.pos[i].object())
		p.box.Add(p.sal[i].object())
	}
	p.syncing = true
	if sc.ActorIndex(keep) >= 0 {
		p.actor.SetSelected(keep)
	} else if len(names) > 0 {
		p.actor.SetSelectedIndex(0)
	}
	p.syncing = false
	p.loadActor()
}

// loadActor moves the sliders to the chosen actor's values.
func (p *sliderPanel) loadActor() {
	sc := p.u.current
	a := p.actor.SelectedIndex()
	if sc == nil || a < 0 || p.cap == nil {
		return
	}
	p.syncing = true
	defer func() { p.syncing = false }()
	ac := &sc.Actors[a]
	max := 100.0
	for _, o := range sc.Actors {
		max = math.Max(max, o.Capability)
	}
	p.cap.slider.Max = math.Ceil(max * 1.5)
	p.cap.slider.Step = niceStep(p.cap.slider.Max / 300)
	p.cap.slider.SetValue(ac.Capability)
	p.cap.value.SetText(fmtNum(round1(ac.Capability)))
	for i := range sc.Issues {
		st := sc.Stance(a, i)
		p.pos[i].slider.SetValue(st.Position)
		p.pos[i].value.SetText(fmtNum(round1(st.Position)))
		p.sal[i].slider.SetValue(st.Salience)
		p.sal[i].value.SetText(fmtNum(round1(st.Salience)))
	}
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

// changed handles a slider: while dragging (final false) it previews the
// value; on release it records one edit, unless the value did not change.
func (p *sliderPanel) changed(issue int, field string, v float64, final bool) {
	if p.syncing {
		return
	}
	sc := p.u.current
	a := p.actor.SelectedIndex()
	if sc == nil || a < 0 {
		return
	}
	work := p.u.live
	if work == nil || work == sc {
		work = sc.Clone()
	} else {
		work = work.Clone()
	}
	var old float64
	var target string
	label := sc.Actors[a].ShortLabel()
	if issue < 0 {
		old = sc.Actors[a].Capability
		work.Actors[a].SetCapability(v)
		target = label + " capability"
		p.cap.value.SetText(fmtNum(round1(v)))
	} else {
		st := work.Stance(a, issue)
		if field == "position" {
			old = sc.Stance(a, issue).Position
			st.SetPosition(v)
			p.pos[issue].value.SetText(fmtNum(round1(v)))
		} else {
			old = sc.Stance(a, issue).Salience
			st.SetSalience(v)
			p.sal[issue].value.SetText(fmtNum(round1(v)))
		}
		work.SetStance(a, issue, st)
		target = fmt.Sprintf("%s %s on %s", label, field, sc.Issues[issue].Name)
	}
	if !final {
		p.u.preview(work)
		return
	}
	if old == v {
		p.u.live = sc.Clone()
		return
	}
	e := model.ChangeActor(sc, a, work.Actors[a], model.Describe(target, round1(old), round1(v)))
	if err := p.u.Do(e); err != nil {
		p.u.ShowError(err)
		p.loadActor()
	}
}

// refreshReadout shows each issue's forecasts and their change against the base.
func (p *sliderPanel) refreshReadout() {
	p.rows = ReadoutRows(p.u.result, p.u.baseResult)
	for i := range p.rows {
		p.readout.SetRowHeight(i, 26)
	}
	p.readout.Refresh()
}

// ReadoutRows formats, per issue, each model's forecast and its difference
// from base: issue, BDM, Δ, SMP, Δ, weighted median, Δ, weighted mean, Δ, exchange, Δ.
// A model with nothing to say shows "–".
func ReadoutRows(res, base *forecast.Result) [][]string {
	if res == nil {
		return nil
	}
	order := []string{"BDM", "SMP", "Weighted median", "Weighted mean", model.ModelExchange.Label()}
	var rows [][]string
	for i, is := range res.Issues {
		row := []string{is.Name}
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
		for _, m := range order {
			v, ok := now[m]
			if !ok {
				row = append(row, "–", "")
				continue
			}
			d := ""
			if o, ok := was[m]; ok {
				d = fmt.Sprintf("%+.1f", v-o)
				if math.Abs(v-o) < 0.05 {
					d = "0"
				}
			}
			row = append(row, fmt.Sprintf("%.1f", v), d)
		}
		rows = append(rows, row)
	}
	return rows
}

func (p *sliderPanel) askSaveAs() {
	u := p.u
	if u.live == nil || u.win == nil {
		return
	}
	e := widget.NewEntry()
	base := u.current.Name
	if u.base != nil {
		base = u.base.Name
	}
	e.SetText(u.browser.uniqueName(base + " what-if"))
	dialog.ShowForm("Save as what-if", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", e)}, func(ok bool) {
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
