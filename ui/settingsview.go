package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/bdm"
	"parley/model/bloc"
	"parley/model/sweep"
)

// settingsView is the Settings tab (also Scenario › Model settings…): the
// open scenario's model settings, each with what it means. Apply records one
// undoable edit (a SetMeta op, as every change of the scenario's own fields)
// and the forecast reruns; the settings are saved with the scenario.
type settingsView struct {
	u    *App
	item *container.TabItem

	rounds, q, blocTol, quota *widget.Entry
	spread, draws, seed       *widget.Entry
	qNote                     *widget.Label
	smp                       []*widget.Select
	smpMeans                  []*widget.Label
	apply                     *widget.Button
	note                      *widget.Label
	loaded                    model.Settings
	loadedFor                 string
	dirty, loading            bool
	entries                   []*widget.Entry
	changed                   func()
}

func newSettingsView(u *App) *settingsView {
	v := &settingsView{u: u}
	v.changed = func() {
		if !v.loading {
			v.dirty = true
			v.showQ()
		}
	}
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { v.changed() }
		e.OnSubmitted = func(string) { u.ShowError(v.Apply()) }
		v.entries = append(v.entries, e)
		return e
	}
	v.rounds = entry(fmt.Sprintf("%d (default)", bdm.DefaultRounds))
	v.q = entry("1 (default)")
	v.qNote = widget.NewLabel("")
	v.blocTol = entry(fmt.Sprintf("%g (default)", bloc.DefaultTol))
	v.quota = entry("simple majority")
	v.spread = entry(fmt.Sprintf("%g (default)", sweep.DefaultSpread))
	v.draws = entry(fmt.Sprintf("%d (default)", model.DefaultDraws))
	v.seed = entry(fmt.Sprintf("%d (default)", model.DefaultSeed))

	wrap := func(l *widget.Label) *widget.Label {
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	item := func(label string, field fyne.CanvasObject, hint string) *widget.FormItem {
		fi := widget.NewFormItem(label, field)
		fi.HintText = hint
		return fi
	}
	var body []fyne.CanvasObject
	section := func(title string, items ...*widget.FormItem) {
		body = append(body, widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewForm(items...))
	}
	section("BDM (expected utility)",
		item("Rounds", wide(v.rounds, 140), "at most: BDM stops early when positions settle"),
		item("Q", container.NewVBox(wide(v.q, 140), wrap(v.qNote)), ""))
	var smpItems []*widget.FormItem
	for _, o := range model.SMPOptions {
		o := o
		means := wrap(widget.NewLabel(""))
		sel := widget.NewSelect(o.Names(), nil)
		sel.OnChanged = func(name string) {
			means.SetText(o.Means(name))
			v.changed()
		}
		v.smp = append(v.smp, sel)
		v.smpMeans = append(v.smpMeans, means)
		smpItems = append(smpItems, item(o.Label, container.NewVBox(wide(sel, 200), means), ""))
	}
	section("SMP (KTAB spatial model)", smpItems...)
	section("Blocs and power",
		item("Bloc tolerance", wide(v.blocTol, 140), "points: actors this close at the end form one bloc"),
		item("Winning quota", wide(v.quota, 140), "share of the total weight a coalition needs (0.6 = 60%); empty = simple majority"))
	section("Monte Carlo (Uncertainty tab)",
		item("Default spread ±", wide(v.spread, 140), "points (per cent for capability) wherever an input has no range of its own"),
		item("Draws", wide(v.draws, 140), "10 to 100000"),
		item("Seed", wide(v.seed, 140), "the same seed draws the same numbers"))

	v.apply = widget.NewButtonWithIcon("Apply", theme.ConfirmIcon(), func() { u.ShowError(v.Apply()) })
	v.apply.Importance = widget.HighImportance
	revert := widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), func() { v.load(true) })
	v.note = widget.NewLabel("")
	v.note.Wrapping = fyne.TextWrapWord
	intro := wrap(widget.NewLabel("Saved with the scenario. Apply is one edit (Edit › Undo takes it back) and reruns every model; an empty field is the model's default."))
	top := container.NewVBox(intro)
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(revert, v.apply), v.note)
	v.item = container.NewTabItem("Settings", container.NewBorder(top, bottom, nil, nil, container.NewVScroll(container.NewPadded(container.NewVBox(body...)))))
	u.addView(v)
	return v
}

func (v *settingsView) tab() *container.TabItem { return v.item }

// refresh shows the open scenario's settings, unless the analyst is in the
// middle of changing them (for the same scenario).
func (v *settingsView) refresh() {
	sc := v.u.current
	if sc == nil {
		return
	}
	if v.dirty && v.loadedFor == sc.Name {
		return
	}
	v.load(false)
}

func numText(x float64) string {
	if x == 0 {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// load puts the stored settings into the widgets.
func (v *settingsView) load(force bool) {
	sc := v.u.current
	if sc == nil {
		return
	}
	st := sc.Settings
	if !force && !v.dirty && v.loadedFor == sc.Name && st == v.loaded {
		return
	}
	v.loading = true
	defer func() { v.loading = false }()
	v.loaded, v.loadedFor, v.dirty = st, sc.Name, false
	if st.BDMRounds == 0 {
		v.rounds.SetText("")
	} else {
		v.rounds.SetText(strconv.Itoa(st.BDMRounds))
	}
	v.q.SetText(numText(st.BDMQ))
	v.blocTol.SetText(numText(st.BlocTol))
	v.quota.SetText(numText(st.Quota))
	v.spread.SetText(numText(st.Spread))
	if st.Draws == 0 {
		v.draws.SetText("")
	} else {
		v.draws.SetText(strconv.Itoa(st.Draws))
	}
	if st.Seed == 0 {
		v.seed.SetText("")
	} else {
		v.seed.SetText(strconv.FormatInt(st.Seed, 10))
	}
	for k, o := range model.SMPOptions {
		v.smp[k].SetSelected(st.SMP.Get(o))
		v.smpMeans[k].SetText(o.Means(st.SMP.Get(o)))
	}
	v.showQ()
	v.note.SetText("")
}

// showQ says what Q means, and that Q below 1 is unvalidated.
func (v *settingsView) showQ() {
	q, err := parseNum("BDM Q", v.q.Text)
	switch {
	case strings.TrimSpace(v.q.Text) == "" || err == nil && q == 1:
		v.qNote.SetText("the chance an unchallenged status quo stands: 1, the published model")
		v.qNote.Importance = widget.MediumImportance
	case err != nil:
		v.qNote.SetText("not a number")
		v.qNote.Importance = widget.DangerImportance
	default:
		v.qNote.SetText(fmt.Sprintf("unvalidated: with Q = %g an unchallenged status quo stands with probability %g, a path of BDM no published result checks", q, q))
		v.qNote.Importance = widget.WarningImportance
	}
	v.qNote.Refresh()
}

// read builds settings from the widgets; an empty field is 0 (the default).
func (v *settingsView) read() (model.Settings, error) {
	st := v.u.current.Settings
	num := func(where string, e *widget.Entry) (float64, error) {
		if strings.TrimSpace(e.Text) == "" {
			return 0, nil
		}
		return parseNum(where, e.Text)
	}
	whole := func(where string, e *widget.Entry) (int64, error) {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return 0, model.Invalid(where, "whole number", "%s must be a whole number, not %q", where, t)
		}
		return n, nil
	}
	var err error
	var n int64
	if n, err = whole("BDM rounds", v.rounds); err != nil {
		return st, err
	}
	st.BDMRounds = int(n)
	if st.BDMQ, err = num("BDM Q", v.q); err != nil {
		return st, err
	}
	if st.BlocTol, err = num("bloc tolerance", v.blocTol); err != nil {
		return st, err
	}
	if st.Quota, err = num("winning quota", v.quota); err != nil {
		return st, err
	}
	if st.Spread, err = num("default spread", v.spread); err != nil {
		return st, err
	}
	if n, err = whole("draws", v.draws); err != nil {
		return st, err
	}
	st.Draws = int(n)
	if st.Seed, err = whole("seed", v.seed); err != nil {
		return st, err
	}
	for k, o := range model.SMPOptions {
		st.SMP.Set(o, v.smp[k].Selected)
	}
	return st, nil
}

// Apply records the panel's settings as one undoable edit of the open
// scenario; the model checks them (a Q of 2 is refused, nothing changes).
func (v *settingsView) Apply() error {
	cur := v.u.current
	if cur == nil {
		return nil
	}
	st, err := v.read()
	if err != nil {
		return err
	}
	if st == cur.Settings {
		v.dirty = false
		v.note.SetText("No setting changed.")
		return nil
	}
	m := model.MetaOf(cur)
	m.Settings = st
	label := "Model settings: " + strings.Join(settingsChanges(cur.Settings, st), ", ")
	if err := v.u.Do(model.ChangeMeta(cur, m, label)); err != nil {
		return err
	}
	v.dirty = false
	v.load(true)
	v.note.SetText(label + ".")
	return nil
}

// settingsChanges lists what changed from a to b, in words for the edit's label.
func settingsChanges(a, b model.Settings) []string {
	var out []string
	f := func(name string, x, y float64) {
		if x != y {
			out = append(out, fmt.Sprintf("%s %s → %s", name, orDefault(x), orDefault(y)))
		}
	}
	f("BDM rounds", float64(a.BDMRounds), float64(b.BDMRounds))
	f("BDM Q", a.BDMQ, b.BDMQ)
	f("bloc tolerance", a.BlocTol, b.BlocTol)
	f("quota", a.Quota, b.Quota)
	f("spread", a.Spread, b.Spread)
	f("draws", float64(a.Draws), float64(b.Draws))
	f("seed", float64(a.Seed), float64(b.Seed))
	for _, o := range model.SMPOptions {
		if x, y := a.SMP.Get(o), b.SMP.Get(o); x != y {
			out = append(out, fmt.Sprintf("%s %s → %s", strings.ToLower(o.Label), x, y))
		}
	}
	return out
}

func orDefault(x float64) string {
	if x == 0 {
		return "default"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
