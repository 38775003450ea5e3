package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"parley/model"
	"parley/model/exchange"
	"parley/store/codec"
)

func (h *harness) exchangeView() *exchangeView {
	for _, v := range h.u.views {
		if x, ok := v.(*exchangeView); ok {
			return x
		}
	}
	h.t.Fatal("no Exchanges view")
	return nil
}

// The analyst opens the Exchanges tab on Muscat: the first trade reads as a
// sentence with the outcome after it, the network draws, each actor's
// balance and the outcomes are listed; choosing round 2 shows round 2's
// trades; a salience change re-runs the model and the trades follow.
func TestExchangesView(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Exchanges")
	v := h.exchangeView()
	if h.u.tabs.Selected() != v.tab() {
		t.Fatal("the Exchanges tab did not open")
	}
	sc := h.u.live
	x := h.u.result.Exchange
	if x == nil || len(x.Rounds[0].Exchanges) == 0 {
		t.Fatalf("no exchange result: %v", h.u.result.ExchangeErr)
	}
	first := x.Rounds[0].Exchanges[0]
	names := sc.ActorNames()
	issues := make([]string, len(sc.Issues))
	for d, is := range sc.Issues {
		issues[d] = lowerName(is.Name)
	}
	text := v.Trades().Text
	if !strings.HasPrefix(text, "1. "+first.Explain(names, issues)+".") {
		t.Fatalf("the trades start\n%.300s\nwant the sentence of the first trade:\n%s", text, first.Explain(names, issues))
	}
	after := x.Rounds[0].Running[0][first.I.Supply]
	if !strings.Contains(text, fmt.Sprintf("Outcome now: %s %.1f", issues[first.I.Supply], after)) {
		t.Errorf("no running outcome after the first trade in\n%.400s", text)
	}
	if n := strings.Count(text, "\n    Outcome now:"); n != len(x.Rounds[0].Exchanges) {
		t.Errorf("%d trades listed, round 1 has %d", n, len(x.Rounds[0].Exchanges))
	}
	// Per actor: a line each trade, under both of its actors, the first
	// trade's naming what each side gave and the partner's move it got.
	bal := v.Balances().Text
	if n := strings.Count(bal, "\n  • gave "); n != 2*len(x.Rounds[0].Exchanges) {
		t.Errorf("%d trades under the actors, want 2 × %d", n, len(x.Rounds[0].Exchanges))
	}
	for _, s := range [2][2]exchange.Side{{first.I, first.J}, {first.J, first.I}} {
		me, other := s[0], s[1]
		line := fmt.Sprintf("  • gave %s (%.0f → %.0f) to %s for their move on %s (%.0f → %.0f)", issues[me.Supply], me.Start, me.Voting,
			names[other.Actor], issues[other.Supply], other.Start, other.Voting)
		if !strings.Contains(bal, "\n"+names[me.Actor]+": ") && !strings.HasPrefix(bal, names[me.Actor]+": ") || !strings.Contains(bal, line) {
			t.Errorf("balances do not show %s's side of the first trade (%q) in\n%.600s", names[me.Actor], line, bal)
		}
	}
	if !strings.Contains(bal, "from the others' trades.") {
		t.Errorf("balances without third-party effects:\n%.400s", bal)
	}
	for d, is := range sc.Issues {
		if !strings.Contains(v.Outcomes().Text, fmt.Sprintf("%s: %.1f (preference %.1f)", is.Name, x.Forecast[d], x.Preference()[d])) {
			t.Errorf("the outcomes do not show %s's forecast %.1f", is.Name, x.Forecast[d])
		}
	}
	p, err := v.Chart().Plot()
	if err != nil || p == nil {
		t.Fatalf("network: %v", err)
	}
	v.Chart().render(900, 600)

	// Round 2.
	test.Tap(v.Round()) // opens the list, as the analyst would
	v.Round().SetSelected("round 2")
	if v.Spec().Round != 2 {
		t.Fatalf("spec round %d after choosing round 2", v.Spec().Round)
	}
	r2 := x.Rounds[1].Exchanges[0]
	if !strings.HasPrefix(v.Trades().Text, "1. "+r2.Explain(names, issues)+".") {
		t.Errorf("round 2 shows\n%.200s", v.Trades().Text)
	}

	// Edit: the USA cares little about the format of the talks now.
	a, i := sc.ActorIndex("United States"), sc.IssueIndex("format")
	if a < 0 || i < 0 {
		t.Fatalf("no USA (%d) or format issue (%d)", a, i)
	}
	before := v.Trades().Text
	st := sc.Stance(a, i)
	st.Salience, st.SalienceRange = 5, nil
	if err := h.u.Do(model.ChangeStance(h.u.current, a, i, st, "USA salience on format → 5")); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	h.u.refreshViews()
	want, err := exchange.Run(exchange.FromScenario(h.u.live), exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.u.result.Exchange.Forecast; fmt.Sprint(got) != fmt.Sprint(want.Forecast) {
		t.Fatalf("after the edit the forecast is %v, the model gives %v", got, want.Forecast)
	}
	if v.Trades().Text == before {
		t.Error("the trades did not change after the salience edit")
	}
}

// The trajectory view shows the exchange model when the analyst picks it.
func TestTrajectoryShowsExchange(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Trajectory")
	var tv *trajectoryView
	for _, v := range h.u.views {
		if x, ok := v.(*trajectoryView); ok {
			tv = x
		}
	}
	tv.model.SetSelected(model.ModelExchange.Label())
	if s := tv.Spec(); s.Model != model.ModelExchange {
		t.Fatalf("spec %+v", s)
	}
	p, err := tv.Chart().Plot()
	if err != nil || p == nil {
		t.Fatalf("exchange trajectory: %v", err)
	}
	d, ok := tv.data()
	x := h.u.result.Exchange
	if !ok || len(d.Rounds) != len(x.Rounds)+1 || d.Mean[len(d.Mean)-1] != x.Forecast[tv.issue.SelectedIndex()] {
		t.Fatalf("trajectory data %v rounds, want %d ending on the forecast", len(d.Rounds), len(x.Rounds)+1)
	}
	if got := tv.ExplainPoint(1, 0); !strings.Contains(got, "after round 1 of the exchange model") {
		t.Errorf("tap explanation %q", got)
	}
}

// The forecast table under every view has an Exchange column.
func TestReadoutShowsExchange(t *testing.T) {
	h := newHarness(t)
	x := h.u.result.Exchange
	for i := range h.u.live.Issues {
		if got, want := h.shown(i, 9), fmt.Sprintf("%.1f", x.Forecast[i]); got != want {
			t.Errorf("issue %d: the table shows %q for the exchange model, want %q", i, got, want)
		}
	}
}

// The analyst imports the COP21 Decide file (Windows-1252, 14 stances
// missing): the preview warns, the scenario opens, and the Exchanges tab lists
// round 1's 129 trades, the first USA's concession on eaa to China.
func TestImportDecideShowsTrades(t *testing.T) {
	h := newHarness(t)
	h.u.deps.ReadFile = codec.ReadScenarios
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "testdata", "exchange", "fetched", "equal-gain@36a0589", "inst", "CoP21.csv"))
	if err != nil {
		t.Fatal(err)
	}
	err = h.u.Import("CoP21.csv", data, func(summary string, commit func()) {
		if !strings.Contains(summary, "Windows-1252") || !strings.Contains(summary, "not in the file") {
			t.Errorf("the preview does not warn about the encoding and the missing stances:\n%s", summary)
		}
		commit()
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.u.Reload("CoP21"); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	h.u.ShowTab("Exchanges")
	v := h.exchangeView()
	text := v.Trades().Text
	if n := strings.Count(text, "\n    Outcome now:"); n != 129 {
		t.Errorf("%d trades in round 1, the reference has 129", n)
	}
	if !strings.HasPrefix(text, "1. USA conceded on eaa (100 → 0) in exchange for China's move on financevol (100 → 10.8); each gained 2.19.") {
		t.Errorf("first trade:\n%.200s", text)
	}
}
