package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"parley/internal/safefile"
	"parley/model"
)

// exportFolderKey is the preference that remembers the folder of the last
// file the window wrote (UI state only).
const exportFolderKey = "exportFolder"

// savePrompt is Parley's own save dialog. Fyne's file-save dialog opens and
// truncates the chosen path itself (following a symbolic link, blocking on
// a FIFO) before the callback runs; this one never opens the file. The
// analyst types or picks the folder (Fyne's folder dialog, which opens no
// file) and types the file name; Parley checks the target with
// internal/safefile (a link, a FIFO, a device or a folder is refused and
// left untouched), asks before replacing a regular file, and only then
// writes, through safefile's temporary file and rename.
type savePrompt struct {
	u            *App
	folder, name *widget.Entry
	browse       *widget.Button
	d            dialog.Dialog
	save         func(path string)
	// dir: the target is a folder of files (the slides), not a file.
	dir bool
}

// askSave shows the save dialog titled title: items first (format, size…),
// then the folder and the file name (name suggested). save runs on the UI
// goroutine with the checked path.
func (u *App) askSave(title string, items []*widget.FormItem, name string, save func(path string)) *savePrompt {
	p := &savePrompt{u: u, folder: widget.NewEntry(), name: widget.NewEntry(), save: save}
	p.folder.SetText(u.exportFolder())
	p.name.SetText(name)
	p.browse = widget.NewButton("Choose…", p.chooseFolder)
	items = append(items,
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, p.browse, p.folder)),
		widget.NewFormItem("File name", p.name))
	p.d = dialog.NewForm(title, "Save", "Cancel", items, func(ok bool) {
		if ok {
			p.confirm()
		}
	}, u.win)
	p.d.Resize(fyne.NewSize(640, p.d.MinSize().Height))
	p.d.Show()
	u.saving = p
	return p
}

// exportFolder is where the save dialog starts: the last folder written to,
// else the folder Fyne's dialogs last showed, else the home folder.
func (u *App) exportFolder() string {
	if a := fyne.CurrentApp(); a != nil {
		if d := a.Preferences().String(exportFolderKey); d != "" {
			return d
		}
		if s := a.Preferences().String("fyne:fileDialogLastFolder"); s != "" {
			if uri, err := storage.ParseURI(s); err == nil && uri.Scheme() == "file" {
				return uri.Path()
			}
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	return "."
}

func (p *savePrompt) chooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err == nil && dir != nil {
			p.folder.SetText(dir.Path())
		}
	}, p.u.win)
	if uri, err := storage.ListerForURI(storage.NewFileURI(p.folder.Text)); err == nil {
		d.SetLocation(uri)
	}
	d.Show()
}

// Path is the file the dialog names, unchecked.
func (p *savePrompt) Path() string {
	return filepath.Join(strings.TrimSpace(p.folder.Text), strings.TrimSpace(p.name.Text))
}

// askSaveDir is askSave for a folder of files (the PNG slides): name is
// the folder to write into, made if missing; an existing one is written into
// after asking.
func (u *App) askSaveDir(title, name string, save func(dir string)) *savePrompt {
	p := u.askSave(title, nil, name, save)
	p.dir = true
	return p
}

// confirm checks the target and saves, asking first when it replaces a file.
func (p *savePrompt) confirm() {
	check := checkSavePath
	if p.dir {
		check = checkSaveDir
	}
	path, exists, err := check(strings.TrimSpace(p.folder.Text), strings.TrimSpace(p.name.Text))
	if err != nil {
		p.u.ShowError(err)
		return
	}
	do := func() {
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetString(exportFolderKey, filepath.Dir(path))
		}
		p.save(path)
	}
	if !exists {
		do()
		return
	}
	title, question := "Replace "+filepath.Base(path)+"?", "A file named "+filepath.Base(path)+" is already in "+filepath.Dir(path)+". Replace it?"
	if p.dir {
		title, question = "Write into "+filepath.Base(path)+"?", "A folder named "+filepath.Base(path)+" is already in "+filepath.Dir(path)+". Write the slides into it (slides of the same number are replaced)?"
	}
	dialog.ShowConfirm(title, question, func(ok bool) {
		if ok {
			do()
		}
	}, p.u.win)
}

// checkSavePath refuses a save target before anything is opened: no file
// name, a name with a folder in it, a folder that is not there, or a target
// that is not a regular file (safefile's rule). exists says a regular file
// is there (the dialog asks before replacing it).
func checkSavePath(folder, name string) (path string, exists bool, err error) {
	return checkTarget(folder, name, "file", func(path string) error {
		_, err := safefile.Check(path)
		return err
	})
}

// checkSaveDir is checkSavePath for a folder target: the target must be a
// real folder or nothing (safefile.CheckDir: a link or a file is refused).
// exists says a folder is there.
func checkSaveDir(folder, name string) (path string, exists bool, err error) {
	return checkTarget(folder, name, "folder", safefile.CheckDir)
}

// checkTarget checks name (a plain file or folder name, what says which) in
// folder, then the target with check.
func checkTarget(folder, name, what string, check func(path string) error) (path string, exists bool, err error) {
	if name == "" {
		return "", false, model.Invalid(what+" name", "a "+what+" name", "no %s name given; nothing was written", what)
	}
	if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", false, model.Invalid(name, "a "+what+" name", "%s is not a plain %s name (choose the folder above); nothing was written", model.Quote(name), what)
	}
	fi, err := os.Stat(folder)
	if err != nil || !fi.IsDir() {
		return "", false, model.Invalid(folder, "an existing folder", "there is no folder %s; nothing was written", model.Quote(folder))
	}
	path = filepath.Join(folder, name)
	if err := check(path); err != nil {
		return "", false, err
	}
	_, err = os.Lstat(path)
	return path, err == nil, nil
}

// errCancelled is what an export's writer returns once Cancel was tapped:
// safefile then drops its temporary file and the target is untouched.
var errCancelled = errors.New("cancelled")

// cancelWriter fails every write once its flag is set.
type cancelWriter struct {
	w    io.Writer
	stop func() bool
}

func (c cancelWriter) Write(b []byte) (int, error) {
	if c.stop() {
		return 0, errCancelled
	}
	return c.w.Write(b)
}
