package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"parley/model"
	"parley/store"
)

// The analyst names a checkpoint by typing; it is listed in History (★) and
// stored with the run.
func TestNameCheckpoint(t *testing.T) {
	h := newHarness(t)
	v := h.u.historyView
	test.Type(v.cpName, "brief of 27 Nov")
	test.Tap(v.cpButton)
	if v.cpName.Text != "" {
		t.Fatalf("the name was not taken: %q (status %q)", v.cpName.Text, h.u.status.Text)
	}
	v.stale = true
	v.refresh()
	found := false
	for _, r := range v.runs {
		if r.Checkpoint == "brief of 27 Nov" {
			found = true
			if line := runLine(r, "Opened"); !strings.HasPrefix(line, "★ brief of 27 Nov · ") {
				t.Errorf("listed as %q", line)
			}
		}
	}
	if !found {
		t.Fatalf("no run named brief of 27 Nov among %d", len(v.runs))
	}
	// The list shows it, newest first.
	shown := false
	for i := 0; i < len(v.runs); i++ {
		o := v.list.CreateItem()
		v.list.UpdateItem(i, o)
		shown = shown || strings.HasPrefix(o.(*widget.Label).Text, "★ brief of 27 Nov · ")
	}
	if !shown {
		t.Fatal("the History list does not show the checkpoint")
	}
	// An empty name is refused with the rule.
	if err := v.NameCheckpoint("  "); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("empty name: %v", err)
	}
}

// Export the briefing, then change a value: History lists the change under
// "since the last exported briefing", with the forecasts then and now.
func TestSinceLastExportedBriefing(t *testing.T) {
	h := newHarness(t)
	v := h.u.historyView
	test.Tap(v.sinceExport)
	if !strings.Contains(v.report.Text, "No briefing of this scenario has been exported yet") {
		t.Fatalf("before any export: %q", v.report.Text)
	}
	// Export the briefing as the analyst does: the Briefing tab's Export
	// PDF…, a folder typed into Parley's save dialog, Save.
	h.u.win = h.w
	h.u.ShowTab("briefing")
	h.u.briefing.refresh()
	test.Tap(findButton(h.w.Canvas(), "Export PDF…"))
	p := h.u.saving
	if p == nil {
		t.Fatalf("Export PDF… opened no save dialog (asked %q)", h.u.briefing.asked)
	}
	dir := t.TempDir()
	retype(p.folder, func(s string) { test.Type(p.folder, s) }, dir)
	test.Tap(overlayButton(t, h.w, "Save"))
	h.until(60*time.Second, "the briefing export", func() bool { return h.u.exports.Load() == 0 && strings.HasPrefix(h.u.status.Text, "Exported") })
	if fi, err := os.Stat(filepath.Join(dir, p.name.Text)); err != nil || fi.Size() < 1000 {
		t.Fatalf("the briefing PDF: %v", err)
	}
	time.Sleep(5 * time.Millisecond) // the edit comes strictly after the export
	a := h.u.current.ActorIndex("Israel")
	st := h.u.current.Stance(a, 1)
	st.SetSalience(10)
	if err := h.u.Do(model.ChangeStance(h.u.current, a, 1, st, "Israel salience on enrichment → 10")); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	test.Tap(v.sinceExport)
	for _, want := range []string{"Since the last exported briefing (briefing PDF", "Israel salience on enrichment → 10", "Forecasts then → now", "BDM"} {
		if !strings.Contains(v.report.Text, want) {
			t.Errorf("report lacks %q:\n%s", want, v.report.Text)
		}
	}
}

// gatedRuns holds the first run write at gate, as a slow disk would.
type gatedRuns struct {
	*store.Store
	gate  chan struct{}
	first sync.Once
}

func (g *gatedRuns) SaveRun(scenario string, r model.Run) error {
	g.first.Do(func() { <-g.gate })
	return g.Store.SaveRun(scenario, r)
}

// A checkpoint named while the forecast's run is still being written names
// that run: History keeps one run of those inputs, not two.
func TestCheckpointWhileTheRunIsBeingWritten(t *testing.T) {
	h := newHarness(t)
	v := h.u.historyView
	g := &gatedRuns{Store: h.st, gate: make(chan struct{})}
	h.u.repo = g
	a := h.u.current.ActorIndex("Israel")
	st := h.u.current.Stance(a, 1)
	st.SetSalience(10)
	if err := h.u.Do(model.ChangeStance(h.u.current, a, 1, st, "Israel salience on enrichment → 10")); err != nil {
		t.Fatal(err)
	}
	h.waitResult() // the new forecast is shown; its run's write waits at the gate
	fp := h.u.result.Fingerprint
	time.AfterFunc(200*time.Millisecond, func() { close(g.gate) })
	test.Type(v.cpName, "after the Israel change")
	test.Tap(v.cpButton)
	if v.cpName.Text != "" {
		t.Fatalf("the name was not taken: %q (status %q)", v.cpName.Text, h.u.status.Text)
	}
	<-h.u.runWrite
	runs, err := h.st.Runs(h.u.current.Name)
	if err != nil {
		t.Fatal(err)
	}
	same, named := 0, 0
	for _, r := range runs {
		if r.Fingerprint == fp {
			same++
			if r.Checkpoint == "after the Israel change" {
				named++
			}
		}
	}
	if same != 1 || named != 1 {
		t.Fatalf("%d stored runs of the new inputs, %d of them named; want one, named", same, named)
	}
}
