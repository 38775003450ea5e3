package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/forecast"
	"parley/ui/chart"
)

// An actor's card: what the analyst put in about one actor on one issue
// (position, salience, capability, their ranges, rationale and source) and
// what the chosen model predicts it does, opened by tapping its bubble on
// the stance map or its point on a trajectory (Kumu users expect it).

// CardLine is one line of a card: what it is and its value.
type CardLine struct{ Label, Value string }

// ActorCard is the card of actor a on issue i of sc: the inputs, then the
// actor's predicted move under model end (none for chart.NoArrows).
func ActorCard(sc *model.Scenario, res *forecast.Result, i, a int, end chart.EndModel) []CardLine {
	ac := &sc.Actors[a]
	is := &sc.Issues[i]
	st := sc.Stance(a, i)
	pos := func(p float64) string { return cardNum(is.Shown(p)) }
	var out []CardLine
	add := func(l, v string) {
		if v != "" {
			out = append(out, CardLine{l, v})
		}
	}
	rng := func(r *model.Range, f func(float64) string) string {
		if r == nil {
			return ""
		}
		return f(r.Low) + " to " + f(r.High)
	}
	unit := ""
	if is.Scale != nil && is.Scale.Unit != "" {
		unit = " " + is.Scale.Unit
	}
	add("Position", pos(st.Position)+unit)
	add("Position range", rng(st.PositionRange, pos))
	add("Salience", cardNum(st.Salience)+" of 100")
	add("Salience range", rng(st.SalienceRange, cardNum))
	add("Capability", cardNum(ac.Capability))
	add("Capability range", rng(ac.CapabilityRange, cardNum))
	if ends := chart.PredictedEnds(res, i, end); a < len(ends) {
		add("Predicted move ("+endName(end)+")", moveText(is, st.Position, ends[a]))
	}
	add("Rationale", st.Rationale)
	add("Source", st.Source)
	add("Capability rationale", ac.Rationale)
	add("Capability source", ac.Source)
	return out
}

func endName(end chart.EndModel) string {
	switch end {
	case chart.EndSMP:
		return model.ModelSMP.Short()
	case chart.EndExchange:
		return model.ModelExchange.Label()
	}
	return model.ModelBDM.Short()
}

// moveText says where an actor goes from p to e, on the issue's scale.
func moveText(is *model.Issue, p, e float64) string {
	if d := e - p; d > 0.05 || d < -0.05 {
		sign := "+"
		if d < 0 {
			sign = ""
		}
		return fmt.Sprintf("from %s to %s (%s%s)", cardNum(is.Shown(p)), cardNum(is.Shown(e)), sign, cardNum(is.ShownDistance(d)))
	}
	return "holds at " + cardNum(is.Shown(p))
}

// cardNum is a value with at most one decimal.
func cardNum(v float64) string { return strconv.FormatFloat(round1(v), 'f', -1, 64) }

// actorCard is the card on screen: a pop-up over the chart with a close button.
type actorCard struct {
	pop   *widget.PopUp
	title string
	lines []CardLine
}

// showCard opens a card titled title for lines on the canvas of over, near pos (canvas coordinates).
func showCard(over fyne.CanvasObject, old *actorCard, title, subtitle string, lines []CardLine, pos fyne.Position) *actorCard {
	if old != nil && old.pop != nil {
		old.pop.Hide()
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(over)
	if c == nil {
		return &actorCard{title: title, lines: lines}
	}
	form := container.New(&cardColumns{}, nil...)
	for _, l := range lines {
		k := widget.NewLabelWithStyle(l.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		k.Wrapping = fyne.TextWrapWord // "Predicted move (BDM)" on two lines, not into its value
		v := widget.NewLabel(l.Value)
		v.Wrapping = fyne.TextWrapWord
		form.Add(k)
		form.Add(v)
	}
	card := &actorCard{title: title, lines: lines}
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { card.pop.Hide() })
	closeBtn.Importance = widget.LowImportance
	name := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	sub := widget.NewLabel(subtitle)
	sub.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, container.NewVBox(name, sub))
	body := container.NewBorder(head, nil, nil, nil, container.NewVScroll(form))
	card.pop = widget.NewPopUp(container.New(&cardSize{head: head, form: form, max: c.Size().Height * 0.8}, body), c)
	size := card.pop.MinSize()
	cs := c.Size()
	at := fyne.NewPos(min(pos.X+12, cs.Width-size.Width-4), min(pos.Y+12, cs.Height-size.Height-4))
	card.pop.ShowAtPosition(fyne.NewPos(max(at.X, 0), max(at.Y, 0)))
	return card
}

// Text is the card as the analyst reads it: title, then "label: value" lines.
func (c *actorCard) Text() string {
	if c == nil {
		return ""
	}
	s := c.title
	for _, l := range c.lines {
		s += "\n" + l.Label + ": " + l.Value
	}
	return s
}

// Visible reports whether the card is on screen.
func (c *actorCard) Visible() bool { return c != nil && c.pop != nil && c.pop.Visible() }

// cardSize gives a card a fixed width and the height of its head and
// lines, at most max (the lines then scroll).
type cardSize struct {
	head, form fyne.CanvasObject
	max        float32
}

func (*cardSize) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (s *cardSize) MinSize([]fyne.CanvasObject) fyne.Size {
	const w = 420
	s.form.Resize(fyne.NewSize(w, s.form.MinSize().Height)) // the values wrap at the card's width
	h := s.head.MinSize().Height + s.form.MinSize().Height + 2*theme.Padding()
	return fyne.NewSize(w, min(h, max(s.max, 240)))
}

// cardColumns lays label/value pairs in two columns: labels at their
// width, values wrapped in the rest.
type cardColumns struct{}

const cardLabelWidth = 150

func (cardColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for k := 0; k+1 < len(objs); k += 2 {
		objs[k].Resize(fyne.NewSize(cardLabelWidth, objs[k].MinSize().Height))
		objs[k+1].Resize(fyne.NewSize(size.Width-cardLabelWidth, objs[k+1].MinSize().Height))
		h := max(objs[k].MinSize().Height, objs[k+1].MinSize().Height)
		objs[k].Move(fyne.NewPos(0, y))
		objs[k].Resize(fyne.NewSize(cardLabelWidth, h))
		objs[k+1].Move(fyne.NewPos(cardLabelWidth, y))
		objs[k+1].Resize(fyne.NewSize(size.Width-cardLabelWidth, h))
		y += h
	}
}

func (cardColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for k := 0; k+1 < len(objs); k += 2 {
		h += max(objs[k].MinSize().Height, objs[k+1].MinSize().Height)
	}
	return fyne.NewSize(cardLabelWidth+160, h)
}
