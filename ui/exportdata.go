package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/widget"

	"parley/internal/safefile"
	"parley/model"
)

// dataFormat is one file format File › Export data… offers. Name is the
// codec's format name (what Deps.WriteFile and the CLI's --format take).
type dataFormat struct {
	Name, Label, Ext string
	WhatIfs          bool // the format holds a base scenario's what-ifs
}

// dataFormats are the formats the window exports a scenario to, in menu order.
var dataFormats = []dataFormat{
	{"json", "Parley JSON", ".json", true},
	{"csv", "Parley CSV", ".csv", false},
	{"ktab-csv", "KTAB CSV", ".csv", false},
	{"ktab-xml", "KTAB XML", ".xml", false},
	{"xlsx", "Excel workbook", ".xlsx", true},
}

func findDataFormat(label string) (dataFormat, bool) {
	for _, f := range dataFormats {
		if f.Label == label || f.Name == label {
			return f, true
		}
	}
	return dataFormat{}, false
}

// DataFileName is the default file name for exporting the open scenario in
// format (a codec name or a menu label): scenario name and format, so that
// exports in several formats do not overwrite each other
// ("Muscat 2026 (KTAB CSV).csv").
func (u *App) DataFileName(format string) string {
	f, _ := findDataFormat(format)
	name := "scenario"
	if u.current != nil {
		name = u.current.Name
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	return fmt.Sprintf("%s (%s)%s", name, f.Label, f.Ext)
}

// WriteData writes the open scenario (as stored) to w in format, through the
// codec writers wired in Deps.WriteFile. For a base scenario, formats that hold
// what-ifs (Parley JSON, .xlsx) carry its what-ifs too. Nothing is written to w
// unless the whole file could be made. It returns what the format could not
// carry, in words for the analyst.
func (u *App) WriteData(format string, w io.Writer) ([]string, error) {
	f, ok := findDataFormat(format)
	if !ok {
		return nil, model.Invalid("export", "known file format", "unknown format %q", format)
	}
	if u.current == nil {
		return nil, model.Errorf(model.ENOTFOUND, "no scenario is open to export")
	}
	if u.deps.WriteFile == nil {
		return nil, model.Errorf(model.EINTERNAL, "this window cannot write scenario files")
	}
	var whatIfs []*model.Scenario
	if f.WhatIfs && u.current.Base == "" {
		list, err := u.repo.ListScenarios()
		if err != nil {
			return nil, err
		}
		for _, info := range list {
			if info.Base != u.current.Name {
				continue
			}
			wi, err := u.repo.LoadScenario(info.Name)
			if err != nil {
				return nil, err
			}
			whatIfs = append(whatIfs, wi.StoredWhatIf(wi.Base, wi.Overrides))
		}
	}
	var buf bytes.Buffer
	warnings, err := u.deps.WriteFile(f.Name, &buf, u.current, whatIfs...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "could not write the file", Err: err}
	}
	return warnings, nil
}

// exportDataDialog is File › Export data…: the format, then where, in
// Parley's save dialog (savedialog.go); the name follows the format chosen.
func (u *App) exportDataDialog() {
	if u.win == nil || u.current == nil {
		return
	}
	labels := make([]string, len(dataFormats))
	for i, f := range dataFormats {
		labels[i] = f.Label
	}
	var prompt *savePrompt
	format := widget.NewSelect(labels, func(label string) {
		if prompt != nil {
			prompt.name.SetText(u.DataFileName(label))
		}
	})
	format.SetSelected(labels[0])
	prompt = u.askSave("Export data", []*widget.FormItem{widget.NewFormItem("Format", format)}, u.DataFileName(labels[0]), func(path string) {
		u.saveData(format.Selected, path)
	})
}

// saveData writes the open scenario in format to path, through safefile.
func (u *App) saveData(format, path string) {
	var buf bytes.Buffer
	warnings, err := u.WriteData(format, &buf)
	if err == nil {
		err = safefile.Write(path, buf.Bytes())
	}
	if err != nil {
		u.ShowError(err)
		return
	}
	msg := "Exported " + u.current.Name + " to " + path
	if len(warnings) > 0 {
		msg += " (" + strings.Join(warnings, "; ") + ")"
	}
	u.showMessage(msg)
}
