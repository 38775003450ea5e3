package ui

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// The slider panel shows either the chosen actor's sliders (capability,
// then position and salience on every issue) or, by issue, one slider per
// actor for the chosen issue and field: every actor on the issue on one
// screen, to move the ones that matter for that issue side by side.

const (
	slidersByActor = "By actor"
	slidersByIssue = "By issue"
	fieldPosition  = "Position"
	fieldSalience  = "Salience"
)

func (p *sliderPanel) initByIssue() {
	p.mode = widget.NewRadioGroup([]string{slidersByActor, slidersByIssue}, func(string) { p.fillBox() })
	p.mode.Horizontal = true
	p.mode.Required = true
	p.mode.SetSelected(slidersByActor)
	p.issue = widget.NewSelect(nil, func(string) { p.fillBox() })
	p.issue.PlaceHolder = "Choose an issue"
	p.field = widget.NewRadioGroup([]string{fieldPosition, fieldSalience}, func(string) { p.fillBox() })
	p.field.Horizontal = true
	p.field.Required = true
	p.field.SetSelected(fieldPosition)
	p.issue.Hide()
	p.field.Hide()
}

// SetMode shows the sliders by actor or by issue (slidersByActor, slidersByIssue).
func (p *sliderPanel) SetMode(mode string) { p.mode.SetSelected(mode) }

// ByIssue reports whether the panel shows one slider per actor for an issue.
func (p *sliderPanel) ByIssue() bool { return p.mode.Selected == slidersByIssue }

// loadIssues refills the issue picker for sc, keeping the choice.
func (p *sliderPanel) loadIssues(sc *model.Scenario) {
	names := make([]string, len(sc.Issues))
	for i, is := range sc.Issues {
		names[i] = is.Name
	}
	keep := p.issue.SelectedIndex()
	p.issue.Options = names
	if keep < 0 || keep >= len(names) {
		keep = 0
	}
	if len(names) > 0 {
		p.issue.Selected = names[keep] // set quietly: load fills the box itself
	}
	p.issue.Refresh()
}

// fillBox puts the sliders of the chosen mode in the panel.
func (p *sliderPanel) fillBox() {
	sc := p.u.s.Live()
	if p.box == nil || sc == nil || p.cap == nil {
		return
	}
	p.box.RemoveAll()
	p.byIssue = nil
	if p.panel != nil {
		defer p.panel.Refresh() // the pickers shown or hidden change the head's height
	}
	if p.heading != nil {
		// By issue the title's line goes to the twelfth actor (the mode says what the panel is).
		p.heading.Hidden = p.ByIssue()
	}
	if !p.ByIssue() {
		p.actor.Show()
		p.issue.Hide()
		p.field.Hide()
		p.box.Add(p.cap.object())
		for i := range p.pos {
			p.box.Add(widget.NewSeparator())
			p.box.Add(p.pos[i].object())
			p.box.Add(p.sal[i].object())
		}
		p.box.Refresh()
		return
	}
	p.actor.Hide()
	p.issue.Show()
	p.field.Show()
	i := p.issue.SelectedIndex()
	if i < 0 || i >= len(sc.Issues) {
		return
	}
	f := model.FieldPosition
	if p.field.Selected == fieldSalience {
		f = model.FieldSalience
	}
	for a, ac := range sc.Actors {
		name := ac.Name
		if ac.Label != "" { // the chart label: short enough for the name column
			name = ac.Label
		}
		v := p.newSlider(name, f, i)
		v.actor = a
		v.caption.Wrapping, v.caption.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
		p.byIssue = append(p.byIssue, v)
		p.box.Add(v.compactObject())
	}
	p.box.Refresh()
	if !p.syncing {
		p.loadActor()
	}
}

// compactObject is a slider on one line: the actor's name, the slider, its
// value and reset (twelve actors fit a laptop's height).
func (v *valueSlider) compactObject() fyne.CanvasObject {
	name := container.New(&fixedWidth{w: 80}, v.caption)
	return container.NewBorder(nil, nil, name, container.NewHBox(v.value, v.reset), v.slider)
}

// IssueSliders are the by-issue sliders, one per actor in the scenario's order.
func (p *sliderPanel) IssueSliders() []*widget.Slider {
	var out []*widget.Slider
	for _, v := range p.byIssue {
		out = append(out, v.slider)
	}
	return out
}

// IssueSliderValues are the values the by-issue sliders show, as the analyst reads them.
func (p *sliderPanel) IssueSliderValues() []string {
	var out []string
	for _, v := range p.byIssue {
		out = append(out, v.value.Text)
	}
	return out
}

// shown is a slider's value as the analyst reads it: a position on an
// issue with its own scale in that scale (years 4-10), with as many
// decimals as one step of the slider needs; anything else as stored.
func (p *sliderPanel) shown(v *valueSlider, x float64) string {
	sc := p.u.s.Live()
	if v.field != model.FieldPosition || sc == nil || v.issue < 0 || v.issue >= len(sc.Issues) || sc.Issues[v.issue].Scale == nil {
		return fmtNum(round1(x))
	}
	is := &sc.Issues[v.issue]
	step := math.Abs(is.ShownDistance(v.slider.Step))
	dec := 0
	if step > 0 && step < 1 {
		dec = min(3, int(math.Ceil(-math.Log10(step))))
	}
	return strconv.FormatFloat(is.Shown(x), 'f', dec, 64)
}

// fixedWidth gives its object a fixed width (a name column).
type fixedWidth struct{ w float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}
