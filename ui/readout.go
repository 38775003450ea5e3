package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model/backtest"
)

// readoutRowsShown is how many issues the forecast table shows before it
// scrolls: enough for a typical scenario, little enough for a laptop.
const readoutRowsShown = 3

// readoutObject is the forecast table under the views, with a button that
// folds it away (the tab then has the whole height) and back.
func (p *sliderPanel) readoutObject() fyne.CanvasObject {
	if p.readoutObj != nil {
		return p.readoutObj
	}
	table := container.New(&minHeight{h: 34 + 27*readoutRowsShown}, p.readout)
	p.readoutBody = container.NewVBox(table)
	p.fold = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() { p.FoldReadout(p.readoutBody.Visible()) })
	p.fold.Importance = widget.LowImportance
	p.fold.Alignment = widget.ButtonAlignLeading
	p.setFoldText()
	// Beside the button, not under the table: one line less on a laptop.
	// One line (a wrapped label beside a button asks for the height of its
	// narrowest layout); the Track record tab says the rest.
	p.readoutNote = widget.NewLabel(p.noteText())
	p.readoutNote.Importance = widget.LowImportance
	p.readoutNote.Truncation = fyne.TextTruncateEllipsis
	p.readoutNote.SizeName = theme.SizeNameCaptionText
	head := container.NewBorder(nil, nil, p.fold, nil, p.readoutNote)
	p.readoutObj = container.NewBorder(head, nil, nil, nil, p.readoutBody)
	return p.readoutObj
}

// noteText says what the table's bands and ± are: the band first (it
// changes with every frame), then the track record.
func (p *sliderPanel) noteText() string {
	var parts []string
	if p.band != "" {
		parts = append(parts, "Cells: forecast · "+p.band)
	}
	if marked(p.rows) {
		parts = append(parts, "! = the forecast lies outside its own band (Summary says so too).")
	}
	if len(readoutIntervals) > 0 {
		parts = append(parts, "± is each model's 80% track-record interval, from its out-of-sample errors on "+backtest.ShippedSource+" (Track record tab).")
	}
	return strings.Join(parts, " ")
}

// marked reports whether a cell of rows carries outsideMark.
func marked(rows [][]string) bool {
	for _, row := range rows {
		for _, c := range row {
			if strings.HasSuffix(c, outsideMark) {
				return true
			}
		}
	}
	return false
}

// FoldReadout hides the forecast table (folded) or shows it again.
func (p *sliderPanel) FoldReadout(folded bool) {
	if folded {
		p.readoutBody.Hide()
	} else {
		p.readoutBody.Show()
	}
	p.setFoldText()
}

// ReadoutFolded reports whether the forecast table is folded away.
func (p *sliderPanel) ReadoutFolded() bool { return !p.readoutBody.Visible() }

// FoldButton is the button that folds and unfolds the forecast table.
func (p *sliderPanel) FoldButton() *widget.Button { return p.fold }

func (p *sliderPanel) setFoldText() {
	if p.readoutBody.Visible() {
		p.fold.SetText("Forecast table (Δ vs " + p.u.s.ReferenceName() + ") · hide")
		p.fold.SetIcon(theme.MenuDropDownIcon())
	} else {
		p.fold.SetText("Forecast table (Δ vs " + p.u.s.ReferenceName() + ") · show")
		p.fold.SetIcon(theme.MenuExpandIcon())
	}
}

// minHeight lays its objects over the whole area and asks for a height,
// not a width: a table inside scrolls sideways instead of widening the window.
type minHeight struct{ h float32 }

func (m *minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (m *minHeight) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, m.h) }
