package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"gonum.org/v1/plot"

	"parley/model/bdm"
	"parley/model/smp"
	"parley/ui/chart"
)

// QuadPlot is the quad map of the chosen issue and BDM round.
func (v *trajectoryView) QuadPlot(st chart.Style) (*plot.Plot, error) {
	sc := v.u.live
	res := v.u.resultFor(sc)
	d, err := chart.QuadFromBDM(sc, res, v.issue.SelectedIndex(), v.round.SelectedIndex()+1)
	if err != nil {
		return nil, err
	}
	return d.Plot(st)
}

// showQuad opens the quad map of the chosen round in a dialog.
func (v *trajectoryView) showQuad() {
	if v.u.win == nil {
		return
	}
	cv := NewChartView(v.QuadPlot)
	obj := cv.Object()
	d := dialog.NewCustom("Quad map: expected gain to initiator (eij) vs receiver (eji)", "Close", obj, v.u.win)
	d.Resize(fyne.NewSize(1000, 700))
	d.Show()
}

// runNotes say how the BDM run ended and who does not bargain directly.
func (v *trajectoryView) runNotes(r *bdm.Result) []string {
	sc := v.u.live
	var out []string
	if r != nil {
		s := "How the run ended: " + r.Status()
		if r.Cycle != nil {
			s += ": " + r.Cycle.Describe(sc.ActorNames())
		}
		out = append(out, s+".")
	}
	for _, p := range sc.NoBargain {
		line := fmt.Sprintf("No direct bargaining: %s – %s", p.A, p.B)
		if p.Rationale != "" {
			line += " (" + p.Rationale + ")"
		}
		out = append(out, line)
	}
	return out
}

// smpTurnText explains SMP turn k → k+1 in words.
func (v *trajectoryView) smpTurnText(k int) string {
	sc := v.u.live
	res := v.u.resultFor(sc)
	if res == nil || res.SMP == nil {
		return "The SMP has no run to explain."
	}
	var issues []string
	for _, is := range sc.Issues {
		issues = append(issues, is.Name)
	}
	ex := smp.Explain(res.SMP, sc.ActorNames(), issues)
	if k < 0 || k >= len(ex) {
		return "Choose a turn to read its bargains."
	}
	lines := []string{ex[k].Summary}
	for _, l := range ex[k].Lines {
		lines = append(lines, "• "+l)
	}
	return strings.Join(lines, "\n")
}
