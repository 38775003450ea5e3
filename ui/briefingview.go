package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/ui/chart"
)

// briefingView is the deck editor: an ordered list of slides, each a chart
// with its settings, a title and a takeaway; the deck is saved with the
// scenario, exported as one PDF or numbered PNG slides, and presented full
// screen.
type briefingView struct {
	u    *App
	item *container.TabItem
	deck model.Deck

	list     *widget.List
	sel      int
	kind     *widget.Select
	issue    *widget.Select
	issue2   *widget.Select
	model    *widget.RadioGroup
	round    *widget.Entry
	title    *widget.Entry
	takeaway *widget.Entry
	preview  *ChartView
	loading  bool
	// readOnly is set when the stored deck could not be read: nothing is
	// saved over it.
	readOnly bool
	// presenting is the open presentation window, if any.
	presenting fyne.Window
}

func newBriefingView(u *App) *briefingView {
	v := &briefingView{u: u, sel: -1}
	v.list = widget.NewList(
		func() int { return len(v.deck.Slides) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("12. A slide title placeholder")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := v.deck.Slides[i]
			t := s.Title
			if t == "" {
				t = s.Chart.Kind + " " + s.Chart.Issue
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, t))
		})
	v.list.OnSelected = func(i widget.ListItemID) { v.selectSlide(i) }
	v.kind = widget.NewSelect(model.ChartKinds, func(string) { v.edited() })
	v.issue = widget.NewSelect(nil, func(string) { v.edited() })
	v.issue2 = widget.NewSelect(nil, func(string) { v.edited() })
	v.model = widget.NewRadioGroup([]string{"BDM", "SMP"}, func(string) { v.edited() })
	v.model.Horizontal = true
	v.round = widget.NewEntry()
	v.round.SetPlaceHolder("final")
	v.round.OnChanged = func(string) { v.edited() }
	v.title = widget.NewEntry()
	v.title.OnChanged = func(string) { v.edited() }
	v.takeaway = widget.NewMultiLineEntry()
	v.takeaway.Wrapping = fyne.TextWrapWord
	v.takeaway.SetMinRowsVisible(3)
	v.takeaway.OnChanged = func(string) { v.edited() }
	v.preview = NewChartView(v.build)
	v.preview.SetSpec(func() chart.ChartSpec { return v.spec() })

	form := widget.NewForm(
		widget.NewFormItem("Chart", v.kind),
		widget.NewFormItem("Issue", v.issue),
		widget.NewFormItem("Second issue", v.issue2),
		widget.NewFormItem("Model", v.model),
		widget.NewFormItem("Round", v.round),
		widget.NewFormItem("Title", v.title),
		widget.NewFormItem("Takeaway", v.takeaway),
	)
	tools := container.NewGridWithColumns(3,
		widget.NewButtonWithIcon("Add slide", theme.ContentAddIcon(), func() { v.add(chart.ChartSpec{Kind: model.ChartStance}) }),
		widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { v.move(-1) }),
		widget.NewButtonWithIcon("Down", theme.MoveDownIcon(), func() { v.move(1) }),
		widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), v.remove),
		widget.NewButtonWithIcon("Default deck", theme.ViewRefreshIcon(), v.reset),
		widget.NewButtonWithIcon("Present", theme.MediaPlayIcon(), func() { u.ShowError(v.Present()) }),
	)
	export := container.NewGridWithColumns(2,
		widget.NewButtonWithIcon("Export PDF…", theme.DocumentSaveIcon(), v.exportPDF),
		widget.NewButtonWithIcon("Export PNG slides…", theme.FolderIcon(), v.exportPNGs),
	)
	left := container.NewBorder(widget.NewLabelWithStyle("Slides", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), container.NewVBox(tools, export), nil, nil, v.list)
	right := container.NewBorder(form, nil, nil, nil, v.preview.Object())
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	v.item = container.NewTabItem("Briefing", split)
	u.addView(v)
	return v
}

func (v *briefingView) tab() *container.TabItem { return v.item }

// Chart is the preview of the selected slide.
func (v *briefingView) Chart() *ChartView { return v.preview }

// Deck is the deck being edited.
func (v *briefingView) Deck() model.Deck { return v.deck }

func (v *briefingView) decks() model.DeckRepository {
	d, _ := v.u.repo.(model.DeckRepository)
	return d
}

// refresh loads the scenario's saved deck (or the default one) when the
// scenario changes, and redraws the preview.
func (v *briefingView) refresh() {
	sc := v.u.live
	if sc == nil {
		return
	}
	if v.deck.Name != sc.Name {
		v.load(sc)
	}
	fillIssues(v.issue, sc)
	names := append([]string{"—"}, v.issue.Options...)
	if fmt.Sprint(names) != fmt.Sprint(v.issue2.Options) {
		v.issue2.Options = names
		v.issue2.Refresh()
	}
	v.preview.Invalidate()
}

func (v *briefingView) load(sc *model.Scenario) {
	var d *model.Deck
	if repo := v.decks(); repo != nil {
		var err error
		if d, err = repo.LoadDeck(sc.Name); err != nil && model.ErrorCode(err) != model.ENOTFOUND {
			// A deck that cannot be read is not replaced by the default one.
			v.u.ShowError(err)
			v.deck = model.Deck{Name: sc.Name}
			v.readOnly = true
			v.list.Refresh()
			return
		}
	}
	v.readOnly = false
	if d == nil {
		dd := chart.DefaultDeck(sc, v.u.resultFor(sc))
		d = &dd
	}
	v.deck = *d
	v.deck.Name = sc.Name
	v.sel = -1
	v.list.UnselectAll()
	v.list.Refresh()
	if len(v.deck.Slides) > 0 {
		v.list.Select(0)
	}
}

func (v *briefingView) save() {
	if repo := v.decks(); repo != nil && v.u.current != nil && !v.readOnly {
		if err := repo.SaveDeck(v.u.current.Name, &v.deck); err != nil {
			v.u.ShowError(err)
		}
	}
}

func (v *briefingView) selectSlide(i int) {
	if i < 0 || i >= len(v.deck.Slides) {
		return
	}
	v.sel = i
	s := v.deck.Slides[i]
	v.loading = true
	v.kind.SetSelected(s.Chart.Kind)
	sc := v.u.live
	if k := sc.IssueIndex(s.Chart.Issue); k >= 0 {
		v.issue.SetSelectedIndex(k)
	} else if len(sc.Issues) > 0 {
		v.issue.SetSelectedIndex(0)
	}
	if k := sc.IssueIndex(s.Chart.Issue2); k >= 0 && s.Chart.Issue2 != "" {
		v.issue2.SetSelectedIndex(k + 1)
	} else {
		v.issue2.SetSelectedIndex(0)
	}
	if s.Chart.Model == model.ModelSMP {
		v.model.SetSelected("SMP")
	} else {
		v.model.SetSelected("BDM")
	}
	v.round.SetText("")
	if s.Chart.Round > 0 {
		v.round.SetText(strconv.Itoa(s.Chart.Round))
	}
	v.title.SetText(s.Title)
	v.takeaway.SetText(s.Takeaway)
	v.loading = false
	v.preview.Invalidate()
}

// spec is the chart the editor's fields describe.
func (v *briefingView) spec() chart.ChartSpec {
	s := chart.ChartSpec{Kind: v.kind.Selected, Model: model.ModelBDM}
	if v.model.Selected == "SMP" {
		s.Model = model.ModelSMP
	}
	sc := v.u.live
	if sc != nil {
		if k := v.issue.SelectedIndex(); k >= 0 && k < len(sc.Issues) {
			s.Issue = sc.Issues[k].Key
		}
		if k := v.issue2.SelectedIndex() - 1; k >= 0 && k < len(sc.Issues) {
			s.Issue2 = sc.Issues[k].Key
		}
	}
	s.Round, _ = strconv.Atoi(v.round.Text)
	return s
}

// edited writes the editor's fields back into the selected slide and saves.
func (v *briefingView) edited() {
	if v.loading || v.sel < 0 || v.sel >= len(v.deck.Slides) {
		return
	}
	sl := &v.deck.Slides[v.sel]
	sl.Chart, sl.Title, sl.Takeaway = v.spec(), v.title.Text, v.takeaway.Text
	if sl.Chart.Kind == model.ChartStance2D && sl.Chart.Issue2 == "" && len(v.u.live.Issues) > 1 {
		sl.Chart.Issue2 = v.u.live.Issues[1].Key
	}
	v.list.RefreshItem(v.sel)
	v.preview.Invalidate()
	v.save()
}

func (v *briefingView) build(st chart.Style) (*plot.Plot, error) {
	sc := v.u.live
	if sc == nil || v.sel < 0 || v.sel >= len(v.deck.Slides) {
		return nil, nil
	}
	return chart.BuildChart(v.deck.Slides[v.sel].Chart, sc, v.u.resultFor(sc), st)
}

// add appends a slide showing spec, with the takeaway the model suggests.
func (v *briefingView) add(spec chart.ChartSpec) {
	sc := v.u.live
	if sc == nil {
		return
	}
	if spec.Issue == "" && len(sc.Issues) > 0 {
		spec.Issue = sc.Issues[0].Key
	}
	if spec.Model == "" {
		spec.Model = model.ModelBDM
	}
	v.deck.Slides = append(v.deck.Slides, model.Slide{Chart: spec, Takeaway: chart.Takeaway(spec, sc, v.u.resultFor(sc))})
	v.list.Refresh()
	v.list.Select(len(v.deck.Slides) - 1)
	v.save()
}

func (v *briefingView) move(d int) {
	i, j := v.sel, v.sel+d
	if i < 0 || j < 0 || j >= len(v.deck.Slides) {
		return
	}
	v.deck.Slides[i], v.deck.Slides[j] = v.deck.Slides[j], v.deck.Slides[i]
	v.list.Refresh()
	v.list.Select(j)
	v.save()
}

func (v *briefingView) remove() {
	i := v.sel
	if i < 0 || i >= len(v.deck.Slides) {
		return
	}
	v.deck.Slides = append(v.deck.Slides[:i], v.deck.Slides[i+1:]...)
	v.sel = -1
	v.list.UnselectAll()
	v.list.Refresh()
	if len(v.deck.Slides) > 0 {
		v.list.Select(min(i, len(v.deck.Slides)-1))
	}
	v.save()
}

func (v *briefingView) reset() {
	sc := v.u.live
	if sc == nil {
		return
	}
	v.deck = chart.DefaultDeck(sc, v.u.resultFor(sc))
	v.deck.Name = sc.Name
	v.sel = -1
	v.list.UnselectAll()
	v.list.Refresh()
	v.list.Select(0)
	v.save()
}

// Briefing renders the deck for export or presentation.
func (v *briefingView) Briefing(size chart.Size) (*chart.Briefing, error) {
	sc := v.u.live
	if sc == nil {
		return nil, model.Errorf(model.ENOTFOUND, "no scenario is open")
	}
	return chart.NewBriefing(v.deck, sc, v.u.resultFor(sc), chart.BriefingOptions{Size: size, Today: time.Now().Format("2006-01-02")})
}

func (v *briefingView) exportPDF() {
	if v.u.win == nil || v.u.current == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		b, err := v.Briefing(chart.SizeFullHD)
		if err == nil {
			err = b.WritePDF(w)
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			v.u.ShowError(err)
			return
		}
		v.u.showMessage(fmt.Sprintf("Wrote a %d-page briefing to %s", b.Pages(), w.URI().Path()))
	}, v.u.win)
	d.SetFileName(fileSafe(v.u.current.Name) + "-briefing.pdf")
	d.Show()
}

func (v *briefingView) exportPNGs() {
	if v.u.win == nil || v.u.current == nil {
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		b, err := v.Briefing(chart.SizeFullHD)
		if err != nil {
			v.u.ShowError(err)
			return
		}
		out := filepath.Join(dir.Path(), fileSafe(v.u.current.Name)+"-slides")
		paths, err := b.WritePNGs(out)
		if err != nil {
			v.u.ShowError(err)
			return
		}
		v.u.showMessage(fmt.Sprintf("Wrote %s to %s", model.Count(len(paths), "slide"), out))
	}, v.u.win)
}

func fileSafe(s string) string {
	out := []rune{}
	for _, r := range s {
		switch {
		case r == ' ' || r == '/' || r == '\\' || r == ':':
			out = append(out, '-')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// Present shows the briefing full screen: arrow keys, space or Page Up/Down
// move between slides, Esc leaves.
func (v *briefingView) Present() error {
	b, err := v.Briefing(chart.SizeFullHD)
	if err != nil {
		return err
	}
	a := fyne.CurrentApp()
	w := a.NewWindow("Parley — presentation")
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	page := 0
	show := func(k int) {
		if k < 0 || k >= b.Pages() {
			return
		}
		page = k
		im, err := b.PageImage(k)
		if err != nil {
			v.u.ShowError(err)
			return
		}
		img.Image = im
		img.Refresh()
		w.SetTitle(fmt.Sprintf("Parley — slide %d of %d", k+1, b.Pages()))
	}
	bgRect := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	w.SetContent(container.NewStack(bgRect, img))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyRight, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyDown, fyne.KeyReturn:
			show(page + 1)
		case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp, fyne.KeyBackspace:
			show(page - 1)
		case fyne.KeyHome:
			show(0)
		case fyne.KeyEnd:
			show(b.Pages() - 1)
		case fyne.KeyEscape:
			w.Close()
		}
	})
	show(0)
	w.SetFullScreen(true)
	w.Show()
	v.presenting = w
	return nil
}
