package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/store"
)

// The window started on a project written by a newer Parley shows a dialog
// that says so (not nothing, as before), and its "fresh project" button
// opens a new project beside it and fills the window; the newer file is left
// untouched.
func TestStartupOnNewerProjectShowsDialog(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "parley.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("PRAGMA user_version = 9999"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before, _ := os.ReadFile(path)
	_, err = store.Open(path)
	if model.ErrorCode(err) != model.EVERSION {
		t.Fatalf("opening a newer project: %v, want a version error", err)
	}

	w := test.NewTempWindow(t, widget.NewLabel(""))
	var opened []string
	f := ShowStartupFailure(w, path, err, func(p string) error {
		s, err := store.Open(p)
		if err != nil {
			return err
		}
		s.Close()
		opened = append(opened, p)
		w.SetContent(widget.NewLabel("project " + p))
		return nil
	})
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog on the window")
	}
	if msg := f.Message.Text; !strings.Contains(msg, "newer") || !strings.Contains(msg, "parley.db") {
		t.Errorf("the dialog says %q; want that the project is from a newer Parley, and which file", msg)
	}
	if f.OpenOther.Hidden || f.NewFresh.Hidden {
		t.Error("no way to open another project or a fresh one")
	}
	test.Tap(f.NewFresh)
	if len(opened) != 1 || opened[0] != filepath.Join(dir, "parley-1.db") {
		t.Fatalf("fresh project: opened %v", opened)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stays after the fresh project opened")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the newer project file was changed")
	}
}

// A file that is not a project at all gets the same dialog, with the store's
// reason; when the chosen project cannot be opened either, the dialog stays
// and says why.
func TestStartupOnDamagedProjectShowsDialog(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path)
	if err == nil {
		t.Fatal("a text file opened as a project")
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	f := ShowStartupFailure(w, path, err, func(p string) error { _, err := store.Open(path); return err })
	if w.Canvas().Overlays().Top() == nil || !strings.Contains(f.Message.Text, model.ErrorMessage(err)) {
		t.Fatalf("dialog %v says %q, want %q", w.Canvas().Overlays().Top(), f.Message.Text, model.ErrorMessage(err))
	}
	test.Tap(f.NewFresh)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the dialog closed although nothing could be opened")
	}
}
