package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// importPreview is the import's preview window: what the file holds, every
// warning, or every problem with its place (file:line:col, sheet!cell); the
// choice "use the file's own scale" when the file has one (a column outside
// 0-100, refused without it); Import, enabled only for a file that reads.
type importPreview struct {
	u        *App
	name     string
	data     []byte
	ownScale *widget.Check
	report   *widget.Label
	importB  *widget.Button
	cancelB  *widget.Button
	content  fyne.CanvasObject
	dlg      dialog.Dialog
	// read holds the last read, commit imports it.
	commit  func()
	reading bool
	// OnDone is called when the preview closes (imported or cancelled).
	OnDone func(imported bool)
}

// previewImport reads the file off the UI goroutine and shows the preview.
func (u *App) previewImport(name string, data []byte) *importPreview {
	p := &importPreview{u: u, name: name, data: data}
	p.report = widget.NewLabel("Reading " + name + "…")
	p.report.Wrapping = fyne.TextWrapWord
	p.ownScale = widget.NewCheck("Use the file's own scale (the issue keeps it; the models read it as 0-100)", func(bool) { p.read() })
	p.ownScale.Hide()
	p.importB = widget.NewButton("Import", func() { p.doImport() })
	p.importB.Importance = widget.HighImportance
	p.importB.Disable()
	p.cancelB = widget.NewButton("Cancel", func() { p.close(false) })
	p.content = container.NewBorder(nil, container.NewVBox(p.ownScale, container.NewHBox(layout.NewSpacer(), p.cancelB, p.importB)), nil, nil,
		container.NewVScroll(p.report))
	if u.win != nil {
		p.dlg = dialog.NewCustomWithoutButtons("Import "+name, p.content, u.win)
		p.dlg.Resize(fyne.NewSize(720, 480))
		p.dlg.Show()
	}
	p.read()
	return p
}

// read (re)reads the file with the analyst's choice and fills the preview.
func (p *importPreview) read() {
	read := p.u.deps.ReadFileAsked
	if read == nil {
		return
	}
	p.reading, p.commit = true, nil
	p.importB.Disable()
	own := p.ownScale.Checked
	go func() {
		scs, warnings, problems, can := read(p.name, p.data, own)
		p.u.ui(func() { p.show(scs, warnings, problems, can) })
	}()
}

func (p *importPreview) show(scs []*model.Scenario, warnings []string, problems []error, can bool) {
	p.reading = false
	if can || p.ownScale.Checked {
		p.ownScale.Show()
	} else {
		p.ownScale.Hide()
	}
	if c, ok := p.content.(*fyne.Container); ok {
		c.Refresh() // the choice appeared or went: lay the bar out again
		for _, o := range c.Objects {
			o.Refresh()
		}
	}
	if len(problems) > 0 {
		var b strings.Builder
		b.WriteString(p.name + " cannot be imported: " + model.Count(len(problems), "problem") + ". Nothing was imported.\n\n")
		for _, e := range problems {
			b.WriteString("• " + model.ErrorMessage(e) + "\n")
		}
		p.report.SetText(b.String())
		return
	}
	p.u.importParsed(scs, warnings, func(summary string, commit func()) {
		p.report.SetText(summary)
		p.commit = commit
		p.importB.Enable()
	})
}

func (p *importPreview) doImport() {
	if p.commit == nil {
		return
	}
	c := p.commit
	p.commit = nil
	c()
	p.close(true)
}

func (p *importPreview) close(imported bool) {
	if p.dlg != nil {
		p.dlg.Hide()
	}
	if p.OnDone != nil {
		p.OnDone(imported)
	}
}
