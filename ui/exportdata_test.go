package ui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"parley/model"
	"parley/store/codec"
)

// objectsIn lists every object drawn under o (widgets through their renderers).
func objectsIn(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			out = append(out, objectsIn(k)...)
		}
	case fyne.Widget:
		for _, k := range test.WidgetRenderer(c).Objects() {
			out = append(out, objectsIn(k)...)
		}
	}
	return out
}

func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open (looking for %q)", text)
	}
	for _, o := range objectsIn(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no button %q", text)
	return nil
}

// codecDeps wires the file codecs as main.go does.
func codecDeps() Deps {
	return Deps{ReadFile: codec.ReadScenarios, WriteFile: codec.WriteNamed}
}

// File › Export data… through the window's own dialogs: the analyst picks
// "Excel workbook", accepts the suggested file name in the save dialog, and the
// file written is a workbook that the importer reads back as the open
// scenario with its four what-ifs.
func TestExportDataThroughDialog(t *testing.T) {
	h := newHarness(t)
	h.u.win = h.w
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(dir).String())
	menu := h.u.Menus(codecDeps())
	var item *fyne.MenuItem
	for _, it := range menu.Items[0].Items {
		if it.Label == "Export data…" {
			item = it
		}
	}
	if item == nil {
		t.Fatal("File has no \"Export data…\" item")
	}
	item.Action()
	var format *widget.Select
	for _, o := range objectsIn(h.w.Canvas().Overlays().Top()) {
		if s, ok := o.(*widget.Select); ok {
			format = s
		}
	}
	if format == nil {
		t.Fatal("the export dialog offers no format")
	}
	want := []string{"Parley JSON", "Parley CSV", "KTAB CSV", "KTAB XML", "Excel workbook"}
	if !reflect.DeepEqual(format.Options, want) {
		t.Errorf("formats %q, want %q", format.Options, want)
	}
	format.SetSelected("Excel workbook")

	// The save dialog suggests the scenario's name and the format, in the
	// folder the file dialogs last showed.
	name := h.u.saving.name
	if name.Text != "Muscat 2026 (Excel workbook).xlsx" || h.u.saving.folder.Text != dir {
		t.Fatalf("suggested %q in %q, want \"Muscat 2026 (Excel workbook).xlsx\" in %q", name.Text, h.u.saving.folder.Text, dir)
	}
	test.Tap(overlayButton(t, h.w, "Save"))
	path := filepath.Join(dir, name.Text)
	h.until(5*time.Second, "the workbook is written", func() bool { _, err := os.Stat(path); return err == nil })

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := codec.Read(name.Text, data)
	if err != nil {
		t.Fatalf("the exported workbook does not read back: %v", err)
	}
	if res.Format != codec.XLSX || len(res.Scenarios) != 5 {
		t.Fatalf("read back %s with %d scenarios, want xlsx with the base and 4 what-ifs", res.Format, len(res.Scenarios))
	}
	stored := h.u.Current().Clone()
	stored.ID, stored.Version = 0, ""
	if !reflect.DeepEqual(res.Scenarios[0], stored) {
		t.Errorf("the workbook's scenario differs from the open one:\n got %+v\nwant %+v", res.Scenarios[0], stored)
	}
}

// Every format of the menu writes a file that the importer reads back with
// the open scenario's actors, issues and numbers, under a name that carries
// scenario and format.
func TestExportDataEveryFormat(t *testing.T) {
	h := newHarness(t)
	h.u.Menus(codecDeps())
	dir := t.TempDir()
	seen := map[string]bool{}
	for _, f := range dataFormats {
		name := h.u.DataFileName(f.Label)
		if seen[name] {
			t.Errorf("%s: file name %q is also another format's", f.Label, name)
		}
		seen[name] = true
		path := filepath.Join(dir, name)
		file, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.u.WriteData(f.Label, file); err != nil {
			t.Fatalf("%s: %v", f.Label, err)
		}
		file.Close()
		data, _ := os.ReadFile(path)
		scs, _, err := h.u.deps.ReadFile(name, data)
		if err != nil {
			t.Fatalf("%s: %s does not read back: %v", f.Label, name, err)
		}
		sc, cur := scs[0], h.u.Current()
		if len(sc.Actors) != len(cur.Actors) || len(sc.Issues) != len(cur.Issues) {
			t.Fatalf("%s: %d actors × %d issues, want %d × %d", f.Label, len(sc.Actors), len(sc.Issues), len(cur.Actors), len(cur.Issues))
		}
		for a := range cur.Actors {
			if sc.Actors[a].Capability != cur.Actors[a].Capability || sc.Stance(a, 0).Position != cur.Stance(a, 0).Position {
				t.Errorf("%s: actor %s differs", f.Label, cur.Actors[a].Name)
			}
		}
		if wantWhatIfs := map[bool]int{true: 5, false: 1}[f.WhatIfs]; len(scs) != wantWhatIfs {
			t.Errorf("%s: %d scenarios, want %d", f.Label, len(scs), wantWhatIfs)
		}
	}
}

// A workbook with a salience of 140 is refused at its sheet and cell when
// imported from the window, and the project keeps exactly what it had.
func TestImportBadWorkbookChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.u.Menus(codecDeps())
	var good bytes.Buffer
	if _, err := h.u.WriteData("xlsx", &good); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&good)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("stances", "F7", 140); err != nil {
		t.Fatal(err)
	}
	bad, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := h.st.ListScenarios()
	previewed := false
	err = h.u.Import("Bad.xlsx", bad.Bytes(), func(string, func()) { previewed = true })
	var e *model.Error
	if !errors.As(err, &e) || e.Where != "Bad.xlsx: sheet stances, cell F7" || e.Rule != model.RuleScale {
		t.Fatalf("err %v, want a refusal at Bad.xlsx: sheet stances, cell F7 (rule %s)", err, model.RuleScale)
	}
	if previewed {
		t.Error("a refused workbook reached the preview")
	}
	if after, _ := h.st.ListScenarios(); !reflect.DeepEqual(after, before) {
		t.Errorf("the project changed:\nbefore %+v\nafter  %+v", before, after)
	}
}
