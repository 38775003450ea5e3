package ui

import (
	"io"
	"time"

	"parley/model"
	"parley/ui/chart"
)

// exportChart renders the chart of view cv at a slide size into w, in the
// light style and with the footer stamp, exactly as the CLI would.
func (u *App) exportChart(cv *ChartView, w io.Writer, format, size string) error {
	f, err := chart.ParseFormat(format)
	if err != nil {
		return err
	}
	if size == "A4 landscape" {
		size = "a4"
	}
	sz, err := chart.ParseSize(size, chart.DefaultDPI)
	if err != nil {
		return err
	}
	st := chart.ExportStyle(chart.Light(), sz, chart.DefaultDPI)
	p, err := cv.build(st)
	if err != nil {
		return err
	}
	if p == nil {
		return model.Errorf(model.ENOTFOUND, "this view has nothing to export yet")
	}
	spec := chart.ChartSpec{}
	if s, ok := cv.spec(); ok {
		spec = s
	}
	footer := chart.FooterFor(u.live, u.resultFor(u.live), spec, time.Now().Format("2006-01-02"))
	return chart.Export(w, p, chart.ExportOptions{Format: f, Size: sz, DPI: chart.DefaultDPI, Footer: &footer, Style: st})
}
