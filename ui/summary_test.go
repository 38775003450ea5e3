package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

func (h *harness) trajectory() *trajectoryView {
	for _, v := range h.u.views {
		if x, ok := v.(*trajectoryView); ok {
			return x
		}
	}
	h.t.Fatal("no trajectory view")
	return nil
}

// texts lists every label's text under the summary's issue blocks.
func summaryTexts(v *summaryView) []string {
	var out []string
	for _, o := range v.issues.Objects {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// The window opens on the Summary: per issue and model the number in the
// issue's words, its flags once the probes ran (BDM's scope knife-edge named
// with its input), Nash's reason where Nash has no number, and the actor ×
// issue table.
func TestSummaryOpensFirstWithVerdicts(t *testing.T) {
	h := newHarness(t)
	if got := h.u.tabs.Items[0].Text; got != "Summary" || h.u.tabs.Selected() != h.u.tabs.Items[0] {
		t.Fatalf("first tab %q (selected %q), want Summary", got, h.u.tabs.Selected().Text)
	}
	v := h.u.summary
	h.until(20*time.Second, "the knife-edge probes", v.Probed)
	texts := strings.Join(summaryTexts(v), "\n")
	for _, want := range []string{
		"Scope of the agenda — models split",
		"BDM: 90, between 70 = Nuclear + missiles + regional armed network and 100 = Nuclear + missiles + regional network + normalisation with Israel (±55 on the track record)\n",
		"⚠ knife-edge: ",
		"Nash bargaining: no number — Supreme Leader's position equals the status quo 0",
		"⚠ BDM does not settle: positions cycle",
		"★ ",
	} {
		if !strings.Contains(texts, want) {
			t.Errorf("the Summary does not show %q", want)
		}
	}
	iv := v.Verdicts().Issue("scope")
	bdm := iv.Model(model.ModelBDM)
	found := false
	for _, f := range bdm.Flags {
		found = found || (f.Kind == "knife_edge" && f.Input != "" && strings.Contains(texts, f.Text))
	}
	if !found {
		t.Errorf("BDM's scope knife-edge (with its input) is not on screen: %+v", bdm.Flags)
	}
	// The position table: a header row and one row per actor, a cell per issue.
	g := v.grid.Objects[0].(*fyne.Container)
	if want := (len(h.u.current.Actors) + 1) * (len(h.u.current.Issues) + 1); len(g.Objects) != want {
		t.Errorf("position table has %d cells, want %d", len(g.Objects), want)
	}
}

// An explained BDM move carries its numbers; the quad map of the round
// draws; an SMP turn is explained in words.
func TestTrajectoryExplainsWithNumbers(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Trajectory")
	tv := h.trajectory()
	tv.refresh()
	tv.round.SetSelectedIndex(0)
	text := tv.moves.Text
	for _, want := range []string{"eij = ", "eji = ", "r = ", "How the run ended: ", "No direct bargaining: United States – Supreme Leader"} {
		if !strings.Contains(text, want) {
			t.Errorf("round 1's moves %q lack %q", text, want)
		}
	}
	if p, err := tv.QuadPlot(StyleFor(0)); err != nil || p == nil {
		t.Fatalf("quad map: %v", err)
	}
	tv.model.SetSelected("SMP")
	tv.round.SetSelectedIndex(0)
	if got := tv.moves.Text; !strings.HasPrefix(got, "Turn 0 → 1: ") || !strings.Contains(got, "proposed a bargain to") || !strings.Contains(got, "winning probability went from") {
		t.Errorf("SMP turn 0 explanation %q", got)
	}
}

// The Data tab's "Who talks" page adds and removes a pair as undoable edits.
func TestPairsEditedInDataTab(t *testing.T) {
	h := newHarness(t)
	p := h.u.data.pairs
	n := len(h.u.current.NoBargain)
	if n == 0 || len(p.list.Objects) != n {
		t.Fatalf("%d pairs shipped, %d listed", n, len(p.list.Objects))
	}
	p.a.SetSelected("Russia")
	p.b.SetSelected("Israel")
	p.rationale.SetText("no channel")
	if err := p.Add(p.a.Selected, p.b.Selected, p.rationale.Text); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	if got := h.u.current.NoBargain; len(got) != n+1 || got[n].A != "Russia" || got[n].Rationale != "no channel" || len(p.list.Objects) != n+1 {
		t.Fatalf("after add: %+v, %d listed", got, len(p.list.Objects))
	}
	stored, err := h.st.LoadScenario(h.u.current.Name)
	if err != nil || len(stored.NoBargain) != n+1 {
		t.Fatalf("stored pairs %v (%v)", stored.NoBargain, err)
	}
	if err := p.Add("Russia", "Russia", ""); err == nil {
		t.Error("a pair of one actor was accepted")
	}
	if err := h.u.Undo(); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	if len(h.u.current.NoBargain) != n {
		t.Errorf("undo left %d pairs, want %d", len(h.u.current.NoBargain), n)
	}
	if err := p.Remove(0); err != nil || len(h.u.current.NoBargain) != n-1 {
		t.Errorf("remove: %v, %d pairs", err, len(h.u.current.NoBargain))
	}
}

// TestLookSummary renders the Summary after a Monte Carlo run into
// PARLEY_LOOK_DIR (skipped when unset), tall enough to show every issue and
// the position table, and the trajectory view with round 1's moves.
func TestLookSummary(t *testing.T) {
	dir := os.Getenv("PARLEY_LOOK_DIR")
	if dir == "" {
		t.Skip("set PARLEY_LOOK_DIR to render the Summary")
	}
	os.MkdirAll(dir, 0o755)
	h := newHarness(t)
	shot := func(name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, h.w.Canvas().Capture())
		f.Close()
	}
	h.w.Resize(fyne.NewSize(1500, 950))
	h.until(20*time.Second, "the probes", h.u.summary.Probed)
	h.u.refreshViews()
	shot("summary-before-mc.png")
	finished := false
	h.u.OnSweep = func() { finished = true }
	h.u.uncertainty.refresh()
	h.u.uncertainty.draws.SetText("300")
	if err := h.u.uncertainty.Start(); err != nil {
		t.Fatal(err)
	}
	h.until(60*time.Second, "the Monte Carlo run", func() bool { return finished })
	h.u.ShowTab("Summary")
	h.u.refreshViews()
	h.until(20*time.Second, "the probes", h.u.summary.Probed)
	h.w.Resize(fyne.NewSize(1500, 4200))
	h.u.refreshViews()
	shot("summary-after-mc-tall.png")
	var b strings.Builder
	for _, iv := range h.u.summary.Verdicts().Issues {
		b.WriteString(iv.Summary + "\n")
		for k := range iv.Models {
			b.WriteString(ModelLine(iv, k) + "\n")
		}
	}
	os.WriteFile(filepath.Join(dir, "summary-after-mc.txt"), []byte(b.String()), 0o644)
	h.w.Resize(fyne.NewSize(1500, 950))
	h.u.ShowTab("Trajectory")
	tv := h.trajectory()
	tv.refresh()
	tv.round.SetSelectedIndex(0)
	shot("trajectory-moves.png")
	h.u.win = h.w // the quad map opens in a dialog over the window
	tv.quad.OnTapped()
	h.u.win = nil
	shot("trajectory-quad.png")
}
