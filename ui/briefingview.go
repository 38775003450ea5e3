package ui

import (
	"fmt"
	"strconv"
	"strings"
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
	// deckOf is the stored identity (ID) of the scenario whose deck is
	// loaded (0: none): the deck follows the scenario, never its name alone.
	deckOf int64

	list     *widget.List
	sel      int
	kind     *widget.Select
	issue    *widget.Select
	issue2   *widget.Select
	model    *widget.RadioGroup
	round    *widget.Entry
	title    *widget.Entry
	takeaway *widget.Entry
	// reading is Parley's sentence on the selected slide's chart, written
	// afresh from the current run; outdated says when the analyst's takeaway
	// was written for a chart that has changed since, with a button to
	// confirm it still holds.
	reading  *widget.Label
	outdated *widget.Label
	holds    *widget.Button
	// asked is the last question an export asked before writing (tests read it).
	asked   string
	preview *ChartView
	loading bool
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
	v.model = widget.NewRadioGroup(chartModelLabels(), func(string) { v.edited() })
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
	v.takeaway.SetPlaceHolder("Your takeaway (Parley's reading of the chart is added under it)")
	v.reading = widget.NewLabel("")
	v.reading.Wrapping = fyne.TextWrapWord
	v.reading.Importance = widget.LowImportance
	v.outdated = widget.NewLabel("Out of date: the chart has changed since this takeaway was written.")
	v.outdated.Importance = widget.WarningImportance
	v.outdated.Truncation = fyne.TextTruncateEllipsis
	v.holds = widget.NewButtonWithIcon("It still holds", theme.ConfirmIcon(), v.stillHolds)
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
		widget.NewFormItem("", container.NewBorder(nil, nil, nil, v.holds, v.outdated)),
		widget.NewFormItem("Parley reads", readingBox(v.reading)),
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

// readingBox gives the wrapped reading a fixed height (a wrapped label's own
// minimum height, at a narrow width, would make the whole window taller).
func readingBox(l *widget.Label) fyne.CanvasObject {
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(200, 44))
	return s
}

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
	if cur := v.u.current; cur != nil && v.deckOf != cur.ID {
		v.load(sc)
	}
	fillIssues(v.issue, sc)
	names := append([]string{"—"}, v.issue.Options...)
	if fmt.Sprint(names) != fmt.Sprint(v.issue2.Options) {
		v.issue2.Options = names
		v.issue2.Refresh()
	}
	v.preview.Invalidate()
	v.showReading()
}

// showReading writes Parley's reading of the selected slide's chart from
// the current run, and marks the analyst's takeaway when it is out of date.
func (v *briefingView) showReading() {
	sc := v.u.live
	if sc == nil || v.sel < 0 || v.sel >= len(v.deck.Slides) {
		v.reading.SetText("")
		v.outdated.Hide()
		v.holds.Hide()
		return
	}
	s := v.deck.Slides[v.sel]
	res := v.u.resultFor(sc)
	v.reading.SetText(chart.Generated(s.Chart, sc, res))
	if _, st := chart.Analyst(s, sc, res); st == chart.TakeawayOutdated {
		v.outdated.Show()
		v.holds.Show()
	} else {
		v.outdated.Hide()
		v.holds.Hide()
	}
}

// Reading is Parley's sentence on the selected slide's chart; Outdated the
// mark on an analyst's takeaway written for another chart.
func (v *briefingView) Reading() *widget.Label  { return v.reading }
func (v *briefingView) Outdated() *widget.Label { return v.outdated }

// stillHolds stamps the analyst's takeaway with the chart as it is now.
func (v *briefingView) stillHolds() {
	sc := v.u.live
	if sc == nil || v.sel < 0 || v.sel >= len(v.deck.Slides) {
		return
	}
	sl := &v.deck.Slides[v.sel]
	sl.Takeaway = strings.TrimSpace(v.takeaway.Text)
	sl.TakeawayChart = chart.ChartFingerprint(sl.Chart, sc, v.u.resultFor(sc))
	v.showReading()
	v.save()
}

// forget drops the deck (it belongs to the project it came from).
func (v *briefingView) forget() {
	v.deck, v.deckOf, v.sel, v.readOnly = model.Deck{}, 0, -1, false
	v.list.UnselectAll()
	v.list.Refresh()
	v.preview.Invalidate()
}

func (v *briefingView) load(sc *model.Scenario) {
	var d *model.Deck
	v.deckOf = v.u.current.ID
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
	if repo := v.decks(); repo != nil && v.u.current != nil && !v.readOnly && v.deckOf == v.u.current.ID {
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
	v.model.SetSelected(chartModelLabel(s.Chart.Model))
	v.round.SetText("")
	if s.Chart.Round > 0 {
		v.round.SetText(strconv.Itoa(s.Chart.Round))
	}
	v.title.SetText(s.Title)
	own, _ := chart.Analyst(s, sc, v.u.resultFor(sc))
	v.takeaway.SetText(own)
	v.loading = false
	v.preview.Invalidate()
	v.showReading()
}

// spec is the chart the editor's fields describe.
func (v *briefingView) spec() chart.ChartSpec {
	s := chart.ChartSpec{Kind: v.kind.Selected, Model: chartModel(v.model.Selected)}
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
	sc := v.u.live
	own, _ := chart.Analyst(*sl, sc, v.u.resultFor(sc))
	sl.Chart, sl.Title = v.spec(), v.title.Text
	if sl.Chart.Kind == model.ChartStance2D && sl.Chart.Issue2 == "" && len(sc.Issues) > 1 {
		sl.Chart.Issue2 = sc.Issues[1].Key
	}
	if text := strings.TrimSpace(v.takeaway.Text); text != own || sl.TakeawayChart == "" && text != sl.Takeaway {
		// The analyst wrote: the takeaway is stamped with the chart it was written for.
		sl.Takeaway, sl.TakeawayChart = text, ""
		if text != "" {
			sl.TakeawayChart = chart.ChartFingerprint(sl.Chart, sc, v.u.resultFor(sc))
		}
	}
	v.list.RefreshItem(v.sel)
	v.preview.Invalidate()
	v.showReading()
	v.save()
}

func (v *briefingView) build(st chart.Style) (*plot.Plot, error) {
	sc := v.u.live
	if sc == nil || v.sel < 0 || v.sel >= len(v.deck.Slides) {
		return nil, nil
	}
	return chart.BuildChart(v.deck.Slides[v.sel].Chart, sc, v.u.resultFor(sc), st)
}

// add appends a slide showing spec (Parley's reading of it is written when shown).
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
	v.deck.Slides = append(v.deck.Slides, model.Slide{Chart: spec})
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

// askOutdated names the slides whose takeaway is out of date and asks
// before go writes anything; with none, go runs at once.
func (v *briefingView) askOutdated(then func()) {
	sc := v.u.live
	if sc == nil {
		return
	}
	list := chart.OutdatedSlides(v.deck, sc, v.u.resultFor(sc))
	if len(list) == 0 {
		v.asked = ""
		then()
		return
	}
	v.asked = "The takeaway of " + strings.Join(list, ", ") + " was written for a chart that has changed since. Export anyway?"
	dialog.ShowConfirm("Takeaways out of date", v.asked, func(ok bool) {
		if ok {
			then()
		}
	}, v.u.win)
}

func (v *briefingView) exportPDF() {
	if v.u.win == nil || v.u.current == nil {
		return
	}
	v.askOutdated(v.choosePDF)
}

func (v *briefingView) choosePDF() {
	v.u.askSave("Export briefing", nil, fileSafe(v.u.current.Name)+"-briefing.pdf", func(path string) {
		b, err := v.Briefing(chart.SizeFullHD)
		if err != nil {
			v.u.ShowError(err)
			return
		}
		// Drawn off the UI goroutine, page by page, with Cancel (export.go).
		// The export is recorded for History's "since the last exported
		// briefing" (checkpoints.go) only if its scenario is still open.
		shown := v.u.current.ID
		v.u.writeInBackground(path, fmt.Sprintf("the %d-page briefing", b.Pages()), true, b.WritePDFSteps, func() {
			if v.u.current != nil && v.u.current.ID == shown {
				v.u.briefingExported("briefing PDF", path)
			}
		})
	})
}

func (v *briefingView) exportPNGs() {
	if v.u.win == nil || v.u.current == nil {
		return
	}
	v.askOutdated(v.choosePNGs)
}

func (v *briefingView) choosePNGs() {
	v.u.askSaveDir("Export PNG slides", fileSafe(v.u.current.Name)+"-slides", func(out string) {
		b, err := v.Briefing(chart.SizeFullHD)
		if err != nil {
			v.u.ShowError(err)
			return
		}
		// Drawn off the UI goroutine with progress and Cancel (export.go);
		// nothing is written until every slide is drawn.
		shown := v.u.current.ID
		var paths []string
		v.u.exportInBackground(out, fmt.Sprintf("the %d slides", b.Pages()), true, func(stop func() bool, step func(int, int)) error {
			var err error
			paths, err = b.WritePNGsSteps(out, stop, step)
			return err
		}, func() string {
			if v.u.current != nil && v.u.current.ID == shown {
				v.u.briefingExported("briefing slides", out)
			}
			msg := fmt.Sprintf("Wrote %s to %s", model.Count(len(paths), "slide"), out)
			if old := chart.OtherSlides(out, paths); len(old) > 0 {
				msg += fmt.Sprintf("; the folder also holds %s from an earlier export (%s)", model.Count(len(old), "other slide"), strings.Join(old, ", "))
			}
			return msg
		})
	})
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
