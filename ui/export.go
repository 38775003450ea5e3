package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"parley/internal/safefile"
	"parley/model"
	"parley/ui/chart"
)

// customSize is the size choice that takes the width and height typed.
const customSize = "Custom size"

// chartExport is what the Export chart dialog chose: the CLI's options
// (chart.ExportOptions: format, size in pixels, DPI).
type chartExport struct {
	Format chart.Format
	Size   chart.Size
	DPI    int
}

// exportChart renders the chart of view cv with o into w, in the light style
// scaled to the size and with the footer stamp, exactly as the CLI would.
func (u *App) exportChart(cv *ChartView, w io.Writer, o chartExport) error {
	draw, err := u.chartExporter(cv, o)
	if err != nil {
		return err
	}
	return draw(w)
}

// chartExporter builds the chart on the calling (UI) goroutine and returns
// the drawing and encoding, which may run on another.
func (u *App) chartExporter(cv *ChartView, o chartExport) (func(io.Writer) error, error) {
	if err := chart.CheckDPI(o.DPI); err != nil {
		return nil, err
	}
	if err := o.Size.Check(); err != nil {
		return nil, err
	}
	st := chart.ExportStyle(chart.Light(), o.Size, o.DPI)
	p, err := cv.build(st)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, model.Errorf(model.ENOTFOUND, "this view has nothing to export yet")
	}
	spec := chart.ChartSpec{}
	if s, ok := cv.spec(); ok {
		spec = s
	}
	footer := chart.FooterFor(u.live, u.resultFor(u.live), spec, time.Now().Format("2006-01-02"))
	opts := chart.ExportOptions{Format: o.Format, Size: o.Size, DPI: o.DPI, Footer: &footer, Style: st}
	return func(w io.Writer) error { return chart.Export(w, p, opts) }, nil
}

// slug makes a file-name part: lower case, spaces as dashes, no characters
// a file system refuses.
func slug(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '_' || r == '·':
			b.WriteByte('-')
		case r < ' ' || strings.ContainsRune(`/\:*?"<>|.,;'`, r):
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	return strings.Trim(out, "-")
}

// ChartFileName is the default file name of an export of cv: scenario,
// chart and issue(s) ("muscat-2026-stance-scope.png"), so that exports of
// two charts or two issues do not overwrite each other.
func (u *App) ChartFileName(cv *ChartView, f chart.Format) string {
	parts := []string{"scenario"}
	if u.current != nil {
		parts[0] = slug(u.current.Name)
	}
	if spec, ok := cv.spec(); ok && spec.Kind != "" {
		parts = append(parts, slug(spec.Kind))
		for _, k := range []string{spec.Issue, spec.Issue2} {
			if k != "" {
				parts = append(parts, slug(k))
			}
		}
		if spec.Model != "" && spec.Model != model.ModelBDM {
			parts = append(parts, slug(spec.Model.Short()))
		}
		if spec.Round > 0 {
			parts = append(parts, fmt.Sprintf("round-%d", spec.Round))
		}
	} else if u.tabs != nil && u.tabs.Selected() != nil {
		parts = append(parts, slug(u.tabs.Selected().Text))
	}
	return strings.Join(parts, "-") + "." + string(f)
}

// exportForm is the Export chart dialog's fields.
type exportForm struct {
	format, size  *widget.Select
	width, height *widget.Entry
	dpi           *widget.Entry
	presets       []chart.NamedSize
}

// options reads what the analyst chose; a size or DPI out of range is
// refused with the CLI's message.
func (f *exportForm) options() (chartExport, error) {
	o := chartExport{}
	var err error
	if o.Format, err = chart.ParseFormat(f.format.Selected); err != nil {
		return o, err
	}
	if o.DPI, err = strconv.Atoi(strings.TrimSpace(f.dpi.Text)); err != nil {
		return o, model.Invalid("DPI", fmt.Sprintf("%d-%d", chart.MinDPI, chart.MaxDPI), "DPI %s is not a whole number", model.Quote(f.dpi.Text))
	}
	if err := chart.CheckDPI(o.DPI); err != nil {
		return o, err
	}
	for _, p := range chart.SizePresets(o.DPI) {
		if p.Name == f.size.Selected {
			o.Size = p.Size
			return o, nil
		}
	}
	o.Size, err = chart.ParseSize(strings.TrimSpace(f.width.Text)+"x"+strings.TrimSpace(f.height.Text), o.DPI)
	return o, err
}

// exportDialog is File › Export chart… (Ctrl+E): format, size (a preset or
// a custom width × height in pixels) and DPI, as the CLI takes them, then
// Parley's save dialog with a name that carries chart and issue.
func (u *App) exportDialog() {
	if u.win == nil || u.current == nil {
		return
	}
	cv := u.currentChart()
	if cv == nil {
		u.showMessage("This view has no chart to export.")
		return
	}
	f := &exportForm{presets: chart.SizePresets(chart.DefaultDPI)}
	f.width, f.height, f.dpi = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.dpi.SetText(strconv.Itoa(chart.DefaultDPI))
	var names []string
	for _, p := range f.presets {
		names = append(names, p.Name)
	}
	setting := false // a preset filling the entries is not the analyst typing
	f.size = widget.NewSelect(append(names, customSize), func(s string) {
		dpi, err := strconv.Atoi(strings.TrimSpace(f.dpi.Text))
		if err != nil {
			dpi = chart.DefaultDPI
		}
		for _, p := range chart.SizePresets(dpi) {
			if p.Name == s {
				setting = true
				f.width.SetText(strconv.Itoa(p.Size.W))
				f.height.SetText(strconv.Itoa(p.Size.H))
				setting = false
			}
		}
	})
	typed := func(string) {
		if !setting && f.size.Selected != customSize {
			f.size.SetSelected(customSize)
		}
	}
	f.width.OnChanged, f.height.OnChanged = typed, typed
	f.size.SetSelected(names[0])
	var prompt *savePrompt
	f.format = widget.NewSelect([]string{"png", "svg", "pdf"}, func(s string) {
		if prompt == nil {
			return
		}
		name := prompt.name.Text
		prompt.name.SetText(strings.TrimSuffix(name, filepath.Ext(name)) + "." + s)
	})
	f.format.SetSelected("png")
	u.chartForm = f
	prompt = u.askSave("Export chart", []*widget.FormItem{
		widget.NewFormItem("Format", f.format),
		widget.NewFormItem("Size", f.size),
		widget.NewFormItem("Width (px)", f.width),
		widget.NewFormItem("Height (px)", f.height),
		widget.NewFormItem("DPI", f.dpi),
	}, u.ChartFileName(cv, chart.PNG), func(path string) {
		o, err := f.options()
		if err != nil {
			u.ShowError(err)
			return
		}
		draw, err := u.chartExporter(cv, o)
		if err != nil {
			u.ShowError(err)
			return
		}
		what := fmt.Sprintf("the chart (%s %s at %d DPI)", strings.ToUpper(string(o.Format)), o.Size, o.DPI)
		u.writeInBackground(path, what, false, func(w io.Writer, _ func() bool, _ func(int, int)) error { return draw(w) }, nil)
	})
}

// writeInBackground writes what draw makes to path through safefile, off
// the UI goroutine, with the work bar's progress and Cancel: a cancelled
// export writes nothing (the temporary file is dropped, the target is as it
// was). draw may call stop to give up early and step to report pages done;
// counted says it does (else the bar is indeterminate).
func (u *App) writeInBackground(path, what string, counted bool, draw func(w io.Writer, stop func() bool, step func(done, total int)) error, written func()) {
	u.exportInBackground(path, what, counted, func(stop func() bool, step func(done, total int)) error {
		return safefile.WriteWith(path, func(w io.Writer) error {
			return draw(cancelWriter{w: w, stop: stop}, stop, step)
		})
	}, func() string {
		if written != nil {
			written()
		}
		return "Exported " + what + " to " + path
	})
}

// exportInBackground runs work, an export to where (a file or a folder),
// off the UI goroutine with the work bar's progress and Cancel; work must
// write nothing once stop reports true. On success done runs on the UI
// goroutine and returns the status line to show.
func (u *App) exportInBackground(where, what string, counted bool, work func(stop func() bool, step func(done, total int)) error, done func() string) {
	stopped := false // UI goroutine only
	stopCh := make(chan struct{})
	stop := func() bool {
		select {
		case <-stopCh:
			return true
		default:
			return false
		}
	}
	job := u.work.begin("Exporting "+what+" to "+filepath.Base(where)+"…", func() {
		if !stopped {
			stopped = true
			close(stopCh)
			u.work.label.SetText("Cancelling the export…")
			u.work.cancel.Disable()
		}
	})
	step := func(done, total int) {
		u.ui(func() {
			u.work.step(job, fmt.Sprintf("Exporting %s: page %d of %d", what, done, total), float64(done)/float64(total))
		})
	}
	if !counted {
		u.work.indeterminate(job)
	}
	u.exports.Add(1)
	go func() {
		err := work(stop, step)
		if stop() {
			err = errCancelled
		}
		u.ui(func() {
			defer u.exports.Add(-1)
			u.work.end(job)
			switch {
			case err == errCancelled:
				u.showMessage("Export cancelled: nothing was written to " + where + ".")
			case err != nil:
				u.ShowError(err)
			default:
				u.showMessage(done())
			}
		})
	}()
}
