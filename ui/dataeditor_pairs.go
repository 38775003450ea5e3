package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// pairsEditor is the Data tab's "Who talks" page: the pairs of actors who
// never bargain directly, each with its rationale, added and removed as
// undoable edits.
type pairsEditor struct {
	d         *dataEditor
	list      *fyne.Container
	a, b      *widget.Select
	rationale *widget.Entry
	message   *widget.Label
}

func (d *dataEditor) pairsTab() *container.TabItem {
	p := &pairsEditor{d: d}
	d.pairs = p
	p.list = container.NewVBox()
	p.a, p.b = widget.NewSelect(nil, nil), widget.NewSelect(nil, nil)
	p.rationale = widget.NewEntry()
	p.rationale.SetPlaceHolder("Why they do not bargain directly (the sentence it rests on)")
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon("Add pair", theme.ContentAddIcon(), func() {
		p.show(p.Add(p.a.Selected, p.b.Selected, p.rationale.Text))
	})
	intro := widget.NewLabel("Pairs of actors who never bargain directly: BDM never lets one challenge the other, the SMP never lets one propose a bargain to the other. Both still vote.")
	intro.Wrapping = fyne.TextWrapWord
	form := container.NewBorder(nil, nil, container.NewHBox(wide(p.a, 200), widget.NewLabel("–"), wide(p.b, 200)), add, p.rationale)
	return container.NewTabItem("Who talks", container.NewBorder(container.NewVBox(intro, form, p.message), nil, nil, nil, container.NewVScroll(p.list)))
}

func (p *pairsEditor) show(err error) {
	if err != nil {
		p.message.SetText(model.ErrorMessage(err))
		return
	}
	p.message.SetText("")
}

// reload shows the open scenario's pairs.
func (p *pairsEditor) reload() {
	sc := p.d.sc()
	if sc == nil {
		return
	}
	names := sc.ActorNames()
	p.a.Options, p.b.Options = names, names
	p.a.Refresh()
	p.b.Refresh()
	var objs []fyne.CanvasObject
	if len(sc.NoBargain) == 0 {
		objs = append(objs, widget.NewLabel("Every actor may bargain with every other."))
	}
	for k, pr := range sc.NoBargain {
		k := k
		l := widget.NewLabel(PairText(pr))
		l.Wrapping = fyne.TextWrapWord
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.show(p.Remove(k)) })
		objs = append(objs, container.NewBorder(nil, nil, nil, del, l))
	}
	p.list.Objects = objs
	p.list.Refresh()
}

// PairText is a pair as the Data tab lists it.
func PairText(p model.NoBargainPair) string {
	s := fmt.Sprintf("%s – %s", p.A, p.B)
	if p.Rationale != "" {
		s += ": " + p.Rationale
	}
	return s
}

// Add adds the pair (a, b) with its rationale, as one undoable edit.
func (p *pairsEditor) Add(a, b, rationale string) error {
	sc := p.d.sc()
	if sc == nil {
		return model.Errorf(model.ENOTFOUND, "no scenario is open")
	}
	if a == "" || b == "" {
		return model.Invalid("no-bargaining pair", model.RuleRequired, "choose the two actors who do not bargain directly")
	}
	pairs := append(slices.Clone(sc.NoBargain), model.NoBargainPair{A: a, B: b, Rationale: strings.TrimSpace(rationale)})
	if err := p.d.u.Do(model.ChangeNoBargain(sc, pairs, fmt.Sprintf("No direct bargaining: %s – %s", a, b))); err != nil {
		return err
	}
	p.rationale.SetText("")
	return nil
}

// Remove removes pair k, as one undoable edit.
func (p *pairsEditor) Remove(k int) error {
	sc := p.d.sc()
	if sc == nil || k < 0 || k >= len(sc.NoBargain) {
		return model.Errorf(model.ENOTFOUND, "there is no pair %d", k+1)
	}
	pr := sc.NoBargain[k]
	pairs := slices.Delete(slices.Clone(sc.NoBargain), k, k+1)
	return p.d.u.Do(model.ChangeNoBargain(sc, pairs, fmt.Sprintf("Bargaining allowed: %s – %s", pr.A, pr.B)))
}
