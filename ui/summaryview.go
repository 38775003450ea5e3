package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/backtest"
	"parley/model/forecast"
	"parley/model/sweep"
	"parley/model/verdict"
)

// trackRecord is the track record's 80 % interval half-width per model
// (backtest.Intervals, computed once from the shipped table); the Summary
// shows them and the verdicts use them.
var trackRecord = backtest.Intervals()

// probeDelay is how long a forecast must stay the newest before the Summary
// probes it for knife-edges (each probe reruns the models ~300 times): a
// slider being dragged never starts one.
const probeDelay = 400 * time.Millisecond

// summaryView is the first tab: per issue and model, the number with its
// anchor in words, its intervals, how far the models agree and the flags;
// then a PolicyMaker-style table of every actor's position (colour) and
// salience (shade) on every issue.
type summaryView struct {
	u      *App
	item   *container.TabItem
	status *widget.Label
	issues *fyne.Container
	grid   *fyne.Container

	mu       sync.Mutex
	res      *forecast.Result // the result the verdicts belong to
	sw       *sweep.Result
	probed   bool
	verdicts *verdict.Verdicts
	cancel   context.CancelFunc
}

func newSummaryView(u *App) *summaryView {
	v := &summaryView{u: u}
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.issues = container.NewVBox()
	v.grid = container.NewVBox()
	head := widget.NewLabelWithStyle("Which number to believe", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	posHead := widget.NewLabelWithStyle("Who stands where: colour = position (blue 0 → red 100), shade = salience (pale = cares little)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(head, v.status, v.issues, widget.NewSeparator(), posHead, v.grid)
	v.item = container.NewTabItem("Summary", container.NewVScroll(body))
	// First among the tabs.
	u.views = append([]view{v}, u.views...)
	return v
}

func (v *summaryView) tab() *container.TabItem { return v.item }

// Verdicts are the verdicts on screen (nil before the first).
func (v *summaryView) Verdicts() *verdict.Verdicts {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.verdicts
}

// Probed reports whether the verdicts on screen include the knife-edge probes.
func (v *summaryView) Probed() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.probed
}

func (v *summaryView) sweepFor(sc *model.Scenario) *sweep.Result {
	if v.u.uncertainty == nil {
		return nil
	}
	res, _ := v.u.uncertainty.shownSweep(sc) // a Run or the live band, of sc's inputs only
	return res
}

func (v *summaryView) refresh() {
	sc := v.u.live
	res := v.u.resultFor(sc)
	v.fillGrid(sc)
	if res == nil {
		v.status.SetText("Waiting for the forecast…")
		return
	}
	sw := v.sweepFor(sc)
	iv := trackRecord
	v.mu.Lock()
	same := v.res == res && v.sw == sw && v.verdicts != nil
	if !same && v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	v.mu.Unlock()
	if same {
		v.show(sc)
		return
	}
	opt := v.u.options()
	in := verdict.Input{Scenario: sc, Result: res, Options: &opt, Sweep: sw, Intervals: iv, NoProbe: true}
	quick, err := verdict.Compute(context.Background(), in)
	if err != nil {
		v.status.SetText(model.ErrorMessage(err))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.mu.Lock()
	v.res, v.sw, v.verdicts, v.probed, v.cancel = res, sw, quick, false, cancel
	v.mu.Unlock()
	v.show(sc)
	// The probes, off the UI goroutine, once this forecast has stayed the newest.
	in.NoProbe = false
	in.Scenario = sc.Clone()
	// One worker: the full live band takes the other cores but one, and
	// that one stays free for the point forecast when a slider moves again.
	in.Workers = 1
	go func() {
		select {
		case <-time.After(probeDelay):
		case <-ctx.Done():
			return
		}
		full, err := verdict.Compute(ctx, in)
		if err != nil {
			return
		}
		v.u.ui(func() {
			v.mu.Lock()
			if v.res != res || ctx.Err() != nil {
				v.mu.Unlock()
				return
			}
			v.verdicts, v.probed = full, true
			v.mu.Unlock()
			if v.u.live != nil {
				v.show(v.u.live)
			}
		})
	}()
}

// show draws the verdicts.
func (v *summaryView) show(sc *model.Scenario) {
	vs := v.Verdicts()
	if vs == nil {
		return
	}
	if v.Probed() {
		s := "Each issue: the most trustworthy forecast (★) and every model with its number in the issue's own words, its intervals and what to watch. Knife-edge: a ±5-point (capability ±10 %) change of one input moves the forecast ≥ 20 points."
		if v.sw == nil && len(trackRecord) == 0 {
			s += " No interval yet: run the Uncertainty tab for each forecast's P10-P90 band."
		}
		if vs.Probe.Note != "" { // a scenario too large to probe every input
			s += " " + vs.Probe.Note
		}
		if v.u.uncertainty != nil {
			if note := bandNote(v.u.uncertainty.shownSweep(sc)); note != "" {
				s += " " + note
			}
		}
		v.status.SetText(s)
	} else {
		v.status.SetText("Checking each forecast for knife-edges (a small change of one input that moves it far)…")
	}
	var objs []fyne.CanvasObject
	for _, iv := range vs.Issues {
		objs = append(objs, widget.NewLabelWithStyle(iv.Name+" — "+iv.Agreement, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for k, mv := range iv.Models {
			objs = append(objs, v.modelLine(iv, k, mv))
		}
		if iv.LeftOut != "" { // actors with no stance on the issue
			objs = append(objs, widget.NewLabel(iv.LeftOut))
		}
		objs = append(objs, widget.NewSeparator())
	}
	v.issues.Objects = objs
	v.issues.Refresh()
}

// ModelLine is the text of one model's line on the Summary.
func ModelLine(iv verdict.IssueVerdict, k int) string {
	mv := iv.Models[k]
	mark := "   "
	if k == iv.Best {
		mark = "★ "
	}
	if !mv.OK {
		return fmt.Sprintf("%s%s: no number — %s", mark, mv.Model.Label(), mv.Reason)
	}
	s := fmt.Sprintf("%s%s: %s", mark, mv.Model.Label(), mv.Anchor)
	if mv.HasInterval || mv.Band != nil {
		s += verdict.IntervalText(mv)
	}
	for _, f := range mv.Flags {
		s += "\n      ⚠ " + f.Text
	}
	return s
}

func (v *summaryView) modelLine(iv verdict.IssueVerdict, k int, mv verdict.ModelVerdict) fyne.CanvasObject {
	text := ModelLine(iv, k)
	if v.u.uncertainty != nil && mv.Band != nil {
		if res, complete := v.u.uncertainty.shownSweep(v.u.live); res != nil && !complete {
			text = strings.Replace(text, "Monte Carlo ", fmt.Sprintf("Monte Carlo preliminary (%d draws) ", res.Draws), 1)
		}
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	if k == iv.Best {
		l.TextStyle = fyne.TextStyle{Bold: true}
	}
	return l
}

// positionColor maps a position on 0-100 to a blue → grey → red scale and
// a salience to its opacity (pale: cares little).
func positionColor(pos, sal float64) color.NRGBA {
	t := pos / 100
	t = max(0, min(1, t))
	lo := [3]float64{49, 104, 199} // 0: blue
	mid := [3]float64{170, 170, 170}
	hi := [3]float64{214, 57, 43} // 100: red
	var c [3]float64
	for k := range c {
		if t < 0.5 {
			c[k] = lo[k] + (mid[k]-lo[k])*t*2
		} else {
			c[k] = mid[k] + (hi[k]-mid[k])*(t-0.5)*2
		}
	}
	a := 40 + 215*max(0, min(1, sal/100))
	return color.NRGBA{uint8(c[0]), uint8(c[1]), uint8(c[2]), uint8(a)}
}

// fillGrid draws the actor × issue table.
func (v *summaryView) fillGrid(sc *model.Scenario) {
	if sc == nil {
		return
	}
	n := 1 + len(sc.Issues)
	g := container.NewGridWithColumns(n)
	g.Add(widget.NewLabel(""))
	for _, is := range sc.Issues {
		l := widget.NewLabelWithStyle(shortIssue(is.Name), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		g.Add(l)
	}
	for a, ac := range sc.Actors {
		g.Add(widget.NewLabel(ac.ShortLabel()))
		for i := range sc.Issues {
			st := sc.Stance(a, i)
			g.Add(positionCell(st.Position, st.Salience))
		}
	}
	v.grid.Objects = []fyne.CanvasObject{g}
	v.grid.Refresh()
}

// positionCell is one coloured cell: the position as a number, the salience after it.
func positionCell(pos, sal float64) fyne.CanvasObject {
	bg := canvas.NewRectangle(positionColor(pos, sal))
	bg.SetMinSize(fyne.NewSize(60, 30))
	ink := color.Color(color.Black)
	if c := positionColor(pos, sal); (int(c.R)*299+int(c.G)*587+int(c.B)*114)/1000*int(c.A)/255+(255-int(c.A))*200/255 < 110 {
		ink = color.White // dark, strongly shaded cells
	}
	txt := canvas.NewText(fmt.Sprintf("%s · s %s", fmtNum(pos), fmtNum(sal)), ink)
	txt.Alignment = fyne.TextAlignCenter
	txt.TextSize = 12
	return container.NewStack(bg, container.New(layout.NewCenterLayout(), txt))
}

// shortIssue trims an issue name for a narrow column header.
func shortIssue(s string) string {
	if r := []rune(s); len(r) > 18 {
		if k := strings.LastIndex(string(r[:18]), " "); k > 6 {
			return string(r[:18])[:k] + "…"
		}
		return string(r[:17]) + "…"
	}
	return s
}
