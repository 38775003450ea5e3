package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/model/forecast"
)

// runRecord is what Parley stores as a run's results: the edit that led to it
// and every model's forecast per issue, enough to say later what moved.
type runRecord struct {
	Label  string     `json:"label"`
	Issues []runIssue `json:"issues"`
}

type runIssue struct {
	Key, Name string
	Values    []forecast.Value
}

func recordOf(res *forecast.Result, label string) runRecord {
	r := runRecord{Label: label}
	for i, is := range res.Issues {
		r.Issues = append(r.Issues, runIssue{Key: is.Key, Name: is.Name, Values: res.Forecasts(i)})
	}
	return r
}

// recordRun stores res, the forecast of the open scenario as stored, as a
// run (once per set of inputs), so that "what changed since" can compare
// against it later.
func (u *App) recordRun(res *forecast.Result) {
	runs, ok := u.repo.(model.RunRepository)
	if !ok || u.current == nil || res == nil || res.Fingerprint == u.lastRun {
		return
	}
	label := "Opened"
	if u.lastAction != "" {
		label = u.lastAction
	}
	b, err := json.Marshal(recordOf(res, label))
	if err != nil {
		return
	}
	opts, _ := json.Marshal(u.options())
	u.lastRun = res.Fingerprint
	name, run := u.current.Name, model.Run{Model: "all", Options: string(opts), Fingerprint: res.Fingerprint, Results: string(b)}
	// The write waits for the disk (synchronous=FULL): keep it off the UI
	// goroutine. currentRun waits for it (landed tells it), so a checkpoint
	// named meanwhile names this run instead of storing it a second time.
	landed := make(chan struct{})
	u.runWrite = landed
	go func() {
		err := runs.SaveRun(name, run)
		close(landed)
		u.ui(func() {
			if err != nil {
				fyne.LogError("parley: record run", err)
				u.lastRun = ""
				return
			}
			if u.historyView != nil {
				u.historyView.stale = true
				if u.tabs != nil && u.tabs.Selected() == u.historyView.item {
					u.historyView.refresh()
				}
			}
		})
	}()
}

// historyView answers "what changed since": pick an earlier run, read the
// edits made since then and how each model's forecast moved.
type historyView struct {
	u      *App
	item   *container.TabItem
	list   *widget.List
	report *widget.Label
	runs   []model.Run
	stale  bool
	// Named checkpoints and "since the last exported briefing" (checkpoints.go).
	cpName      *widget.Entry
	cpButton    *widget.Button
	sinceExport *widget.Button
}

func newHistoryView(u *App) *historyView {
	v := &historyView{u: u, stale: true}
	v.list = widget.NewList(
		func() int { return len(v.runs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("2026-11-27 12:00 · a long edit label placeholder")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := v.runs[len(v.runs)-1-i]
			var rec runRecord
			json.Unmarshal([]byte(r.Results), &rec)
			o.(*widget.Label).SetText(runLine(r, rec.Label))
		})
	v.list.OnSelected = func(i widget.ListItemID) { v.report.SetText(v.Since(len(v.runs) - 1 - i)) }
	v.report = widget.NewLabel("Choose an earlier run to see what changed since.")
	v.report.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(
		container.NewBorder(container.NewVBox(v.checkpointBar(), // checkpoints.go
			widget.NewLabelWithStyle("Runs (newest first; ★ named checkpoints)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil, v.list),
		container.NewVScroll(v.report))
	split.Offset = 0.35
	v.item = container.NewTabItem("History", split)
	u.addView(v)
	u.historyView = v
	return v
}

func (v *historyView) tab() *container.TabItem { return v.item }

func (v *historyView) refresh() {
	if !v.stale || v.u.current == nil {
		return
	}
	runs, ok := v.u.repo.(model.RunRepository)
	if !ok {
		return
	}
	list, err := runs.Runs(v.u.current.Name)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.runs, v.stale = list, false
	v.list.UnselectAll()
	v.list.Refresh()
}

// Since describes what changed between run k and now: the edits made after
// it, and each model's forecast then and now per issue.
func (v *historyView) Since(k int) string {
	if k < 0 || k >= len(v.runs) {
		return ""
	}
	r := v.runs[k]
	var then runRecord
	if err := json.Unmarshal([]byte(r.Results), &then); err != nil {
		return "This run's results cannot be read."
	}
	what := then.Label
	if r.Checkpoint != "" {
		what = "checkpoint “" + r.Checkpoint + "”, " + then.Label
	}
	return v.since(r, r.Created, fmt.Sprintf("Since %s (%s):\n\n", r.Created.Local().Format("2006-01-02 15:04:05"), what))
}

// since is the report of what changed after at, the forecasts compared with
// run r's, under the heading head.
func (v *historyView) since(r model.Run, at time.Time, head string) string {
	var then runRecord
	if err := json.Unmarshal([]byte(r.Results), &then); err != nil {
		return "This run's results cannot be read."
	}
	var b strings.Builder
	b.WriteString(head)
	undo, _ := v.u.history.Stacks()
	n := 0
	for _, e := range undo {
		t, err := time.Parse(time.RFC3339Nano, e.At)
		if err == nil && t.After(at) {
			fmt.Fprintf(&b, "  • %s  (%s)\n", e.Label, t.Local().Format("15:04:05"))
			n++
		}
	}
	if n == 0 {
		b.WriteString("  No edits since then.\n")
	}
	now := v.u.resultFor(v.u.current)
	if now == nil {
		return b.String()
	}
	b.WriteString("\nForecasts then → now:\n")
	for _, is := range then.Issues {
		i := v.u.current.IssueIndex(is.Key)
		if i < 0 {
			fmt.Fprintf(&b, "\n%s: the issue was removed.\n", is.Name)
			continue
		}
		cur := map[string]float64{}
		for _, f := range now.Forecasts(i) {
			cur[f.Model] = f.Value
		}
		fmt.Fprintf(&b, "\n%s\n", is.Name)
		for _, f := range is.Values {
			if c, ok := cur[f.Model]; ok {
				fmt.Fprintf(&b, "  %-16s %6.1f → %6.1f  (%+.1f)\n", f.Model, f.Value, c, c-f.Value)
			}
		}
	}
	return b.String()
}
