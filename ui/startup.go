package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// StartupFailure is what the window shows when its start-up project cannot
// be opened (written by a newer Parley, damaged, not SQLite, locked...): the
// store's message in a dialog, with a way to open another project or to
// start a fresh one, instead of no window at all (issue 18).
type StartupFailure struct {
	win  fyne.Window
	path string
	// open opens the project at a path and, when it can, fills the window
	// with it (main.go); its error is shown and the dialog stays.
	open   func(path string) error
	dialog *dialog.CustomDialog
	// Fresh is the path the "fresh project" button opens.
	Fresh string
	// Message is the dialog's text.
	Message *widget.Label
	// OpenOther, NewFresh and Quit are the dialog's buttons.
	OpenOther, NewFresh, Quit *widget.Button
}

// ShowStartupFailure fills win with an empty page and shows why the project
// at path could not be opened (err, as the store words it), offering to open
// another project, to start a fresh one beside it, or to quit.
func ShowStartupFailure(win fyne.Window, path string, err error, open func(path string) error) *StartupFailure {
	f := &StartupFailure{win: win, path: path, open: open, Fresh: freshPath(path)}
	fyne.LogError("parley: start-up project", err)
	f.Message = widget.NewLabel(startupText(path, err))
	f.Message.Wrapping = fyne.TextWrapWord
	f.OpenOther = widget.NewButton("Open another project…", f.openOther)
	f.NewFresh = widget.NewButton("Start a fresh project ("+filepath.Base(f.Fresh)+")", func() { f.try(f.Fresh) })
	f.Quit = widget.NewButton("Quit", func() { win.Close() })
	win.SetContent(container.NewCenter(widget.NewLabel("No project is open.")))
	body := container.NewVBox(f.Message, container.NewHBox(f.OpenOther, f.NewFresh, f.Quit))
	f.dialog = dialog.NewCustomWithoutButtons("Parley could not open its project", body, win)
	f.dialog.Resize(fyne.NewSize(640, 260))
	f.dialog.Show()
	return f
}

// startupText says what happened and what the analyst can do.
func startupText(path string, err error) string {
	msg := model.ErrorMessage(err)
	switch model.ErrorCode(err) {
	case model.EVERSION:
		msg += "\n\nThis project was written by a newer Parley: open it with that version. It was left untouched."
	case model.ECONFLICT:
		msg += "\n\nAnother program holds this project: close it, or open another project."
	default:
		msg += "\n\nThe file was left as it is."
	}
	return fmt.Sprintf("%s\n\n%s", model.Quote(path), msg)
}

// try opens path; on success the dialog closes (open has filled the window).
func (f *StartupFailure) try(path string) {
	if err := f.open(path); err != nil {
		fyne.LogError("parley: open project", err)
		f.Message.SetText(startupText(path, err))
		return
	}
	f.dialog.Hide()
}

func (f *StartupFailure) openOther() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		f.try(r.URI().Path())
	}, f.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".parley"}))
	d.Show()
}

// freshPath is a file name beside path that does not exist yet:
// parley-1.db, parley-2.db, ...
func freshPath(path string) string {
	dir, base := filepath.Dir(path), filepath.Base(path)
	ext := filepath.Ext(base)
	stem := base[:len(base)-len(ext)]
	if ext == "" {
		ext = ".db"
	}
	for k := 1; ; k++ {
		p := filepath.Join(dir, fmt.Sprintf("%s-%d%s", stem, k, ext))
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
	}
}
