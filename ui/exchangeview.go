package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/model/exchange"
	"parley/ui/chart"
)

// exchangeView shows the exchange model's package deals for one round: the
// trades in the order they were made, each in a sentence with the running
// outcome of its two issues after it; the network of who traded with whom;
// per actor what it gave, what it got and what the others' trades did to
// it; and every issue's preference and voting outcome.
type exchangeView struct {
	u        *App
	item     *container.TabItem
	round    *widget.Select
	summary  *widget.Label
	trades   *widget.Label
	balances *widget.Label
	outcomes *widget.Label
	chart    *ChartView
}

func newExchangeView(u *App) *exchangeView {
	v := &exchangeView{u: u}
	v.round = widget.NewSelect(nil, func(string) { v.show() })
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.trades = widget.NewLabel("")
	v.trades.Wrapping = fyne.TextWrapWord
	v.balances = widget.NewLabel("")
	v.balances.Wrapping = fyne.TextWrapWord
	v.outcomes = widget.NewLabel("")
	v.outcomes.Wrapping = fyne.TextWrapWord
	v.chart = NewChartView(v.build)
	v.chart.SetSpec(v.Spec)
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	left := container.NewBorder(bold("Trades, in the order made"), nil, nil, nil, container.NewVScroll(v.trades))
	lower := container.NewHSplit(
		container.NewBorder(bold("Per actor: gave, got, and the others' trades"), nil, nil, nil, container.NewVScroll(v.balances)),
		container.NewBorder(bold("Outcomes"), nil, nil, nil, container.NewVScroll(v.outcomes)))
	lower.Offset = 0.62
	right := container.NewVSplit(v.chart.Object(), lower)
	right.Offset = 0.6
	body := container.NewHSplit(left, right)
	body.Offset = 0.36
	bar := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Round"), wide(v.round, 120)), nil, v.summary)
	v.item = container.NewTabItem("Exchanges", container.NewBorder(bar, nil, nil, nil, body))
	u.addView(v)
	return v
}

func (v *exchangeView) tab() *container.TabItem { return v.item }

// Chart is the network chart.
func (v *exchangeView) Chart() *ChartView { return v.chart }

// Trades, Balances and Outcomes are the view's text panels (for tests).
func (v *exchangeView) Trades() *widget.Label   { return v.trades }
func (v *exchangeView) Balances() *widget.Label { return v.balances }
func (v *exchangeView) Outcomes() *widget.Label { return v.outcomes }

// Round is the round selector.
func (v *exchangeView) Round() *widget.Select { return v.round }

// Spec names the chart for exports and the deck.
func (v *exchangeView) Spec() chart.ChartSpec {
	return chart.ChartSpec{Kind: model.ChartExchanges, Model: model.ModelExchange, Round: v.selectedRound()}
}

func (v *exchangeView) selectedRound() int {
	if k := v.round.SelectedIndex(); k >= 0 {
		return k + 1
	}
	return 1
}

func (v *exchangeView) result() *exchange.Result {
	res := v.u.resultFor(v.u.live)
	if res == nil {
		return nil
	}
	return res.Exchange
}

func (v *exchangeView) build(st chart.Style) (*plot.Plot, error) {
	sc := v.u.live
	res := v.u.resultFor(sc)
	if sc == nil || res == nil {
		return nil, nil
	}
	return chart.BuildChart(v.Spec(), sc, res, st)
}

func (v *exchangeView) refresh() {
	x := v.result()
	var opts []string
	if x != nil {
		for _, rd := range x.Rounds {
			opts = append(opts, fmt.Sprintf("round %d", rd.Round))
		}
	}
	keep := v.round.SelectedIndex()
	v.round.Options = opts
	if keep < 0 || keep >= len(opts) {
		keep = 0
	}
	if len(opts) > 0 && v.round.SelectedIndex() != keep {
		v.round.SetSelectedIndex(keep) // calls show
	} else {
		v.show()
	}
	v.round.Refresh()
}

// show fills the panels for the selected round.
func (v *exchangeView) show() {
	v.chart.Invalidate()
	sc := v.u.live
	res := v.u.resultFor(sc)
	x := v.result()
	if sc == nil || res == nil || x == nil || len(x.Rounds) == 0 {
		why := "The exchange model has not run."
		if res != nil && res.ExchangeErr != nil {
			why = "The exchange model has no answer: " + model.ErrorMessage(res.ExchangeErr)
		}
		v.summary.SetText(why)
		v.trades.SetText("")
		v.balances.SetText("")
		v.outcomes.SetText("")
		return
	}
	r := v.selectedRound()
	rd := x.Rounds[r-1]
	v.summary.SetText(fmt.Sprintf("Exchange model (variant %s), round %d of %d: %d trades from %d possible. Forecast = the voting outcome after round %d.",
		x.Variant, r, len(x.Rounds), len(rd.Exchanges), rd.Candidates, len(x.Rounds)))
	v.trades.SetText(TradeLines(sc, x, r-1))
	v.balances.SetText(BalanceLines(sc, x, r-1))

	var b strings.Builder
	fmt.Fprintf(&b, "Round %d: preference (start) → voting (end)\n", r)
	for d, is := range sc.Issues {
		fmt.Fprintf(&b, "%s: %.1f → %.1f\n", is.Name, rd.Preference[d], rd.Voting[d])
	}
	pref := x.Preference()
	fmt.Fprintf(&b, "\nForecast (voting outcome, round %d); preference outcome beside it\n", len(x.Rounds))
	for d, is := range sc.Issues {
		fmt.Fprintf(&b, "%s: %.1f (preference %.1f)\n", is.Name, x.Forecast[d], pref[d])
	}
	v.outcomes.SetText(strings.TrimRight(b.String(), "\n"))
}

// TradeLines is one paragraph per trade of round rd (0-based): the
// sentence, then where the outcomes of its two issues stand after it.
func TradeLines(sc *model.Scenario, x *exchange.Result, rd int) string {
	round := x.Rounds[rd]
	if len(round.Exchanges) == 0 {
		return "No trade pays in this round: no two actors sit on opposite sides of two outcomes with different priorities."
	}
	names := sc.ActorNames()
	issues := make([]string, len(sc.Issues))
	for d, is := range sc.Issues {
		issues[d] = lowerName(is.Name)
	}
	var b strings.Builder
	prev := round.Preference
	for k, e := range round.Exchanges {
		now := round.Running[k]
		fmt.Fprintf(&b, "%d. %s.\n", e.Seq, e.Explain(names, issues))
		var parts []string
		for _, d := range []int{e.I.Supply, e.J.Supply} {
			parts = append(parts, fmt.Sprintf("%s %.1f (was %.1f)", issues[d], now[d], prev[d]))
		}
		fmt.Fprintf(&b, "    Outcome now: %s.\n", strings.Join(parts, ", "))
		prev = now
	}
	return strings.TrimRight(b.String(), "\n")
}

// BalanceLines is, per actor with anything to report in round rd
// (0-based), a line with its count of trades, its own gain and the effect on
// it of the trades it took no part in, then a line a trade: what it gave,
// to whom, and the partner's move it got for it.
//
//	United States: 3 trades, gaining 5.21 in them; lost 0.40 from the others' trades.
//	  • gave format of the talks (75 → 0) to Supreme Leader for their move on HEU stockpile disposition (30 → 81)
func BalanceLines(sc *model.Scenario, x *exchange.Result, rd int) string {
	names := sc.ActorNames()
	issues := make([]string, len(sc.Issues))
	for d, is := range sc.Issues {
		issues[d] = lowerName(is.Name)
	}
	var b strings.Builder
	for _, bal := range x.Balances(rd) {
		if len(bal.Gave) == 0 && math.Abs(bal.ThirdParty) < 0.005 {
			continue
		}
		verb := "gained"
		if bal.ThirdParty < 0 {
			verb = "lost"
		}
		others := fmt.Sprintf("%s %.2f from the others' trades", verb, math.Abs(bal.ThirdParty))
		switch len(bal.Gave) {
		case 0:
			fmt.Fprintf(&b, "%s: made no trade; %s.\n", names[bal.Actor], others)
			continue
		case 1:
			fmt.Fprintf(&b, "%s: 1 trade, gaining %.2f in it; %s.\n", names[bal.Actor], bal.Gain, others)
		default:
			fmt.Fprintf(&b, "%s: %d trades, gaining %.2f in them; %s.\n", names[bal.Actor], len(bal.Gave), bal.Gain, others)
		}
		for k := range bal.Gave {
			g, r := bal.Gave[k], bal.Got[k]
			fmt.Fprintf(&b, "  • gave %s (%.0f → %.0f) to %s for their move on %s (%.0f → %.0f)\n",
				issues[g.Issue], g.From, g.To, names[g.Partner], issues[r.Issue], r.From, r.To)
		}
	}
	if b.Len() == 0 {
		return "Nobody traded in this round."
	}
	return strings.TrimRight(b.String(), "\n")
}

// lowerName lowers an issue name's first letter for use inside a sentence,
// keeping acronyms ("HEU stockpile") as they are.
func lowerName(s string) string {
	if len(s) < 2 || strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
