package sweep

import (
	"context"
	"math"
	"testing"

	"parley/model"
	"parley/model/exchange"
	"parley/model/forecast"
)

// The sweep names the exchange model as everything else does.
func TestExchangeName(t *testing.T) {
	if ModelExchange != model.ModelExchange.Label() {
		t.Fatalf("ModelExchange %q, model.ModelExchange.Label() %q", ModelExchange, model.ModelExchange.Label())
	}
	if m, err := ParseModel("exchange"); err != nil || m != ModelExchange {
		t.Fatalf("ParseModel(exchange) = %q, %v", m, err)
	}
}

// Monte Carlo of the exchange model alone: every draw's forecast lies in
// 0-100, the band holds the point forecast's neighbourhood, and draw k is the
// exchange model run on draw k's inputs.
func TestMonteCarloExchange(t *testing.T) {
	sc := muscat(t)
	res, err := Run(context.Background(), sc, Options{Draws: 60, Seed: 5, Models: forecast.Exchange})
	if err != nil {
		t.Fatal(err)
	}
	point, err := exchange.Run(exchange.FromScenario(sc), exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, is := range res.Issues {
		if len(is.Models) != 1 || is.Models[0].Model != ModelExchange {
			t.Fatalf("issue %s: models %+v", is.Key, is.Models)
		}
		md := is.Models[0]
		if md.Failed != 0 || len(md.Values) != 60 || md.Point == nil || math.Abs(*md.Point-point.Forecast[i]) > 1e-9 {
			t.Fatalf("issue %s: failed %d, %d values, point %v (exchange.Run says %v)", is.Key, md.Failed, len(md.Values), md.Point, point.Forecast[i])
		}
		if !(md.P10 <= md.P50 && md.P50 <= md.P90) || md.P10 < 0 || md.P90 > 100 || md.P90-md.P10 <= 0 {
			t.Errorf("issue %s: P10 %v P50 %v P90 %v", is.Key, md.P10, md.P50, md.P90)
		}
	}
}

// The tornado of the exchange model runs it on every issue (it trades
// across them): the top row's ends are exchange.Run with that input moved.
func TestTornadoExchange(t *testing.T) {
	sc := muscat(t)
	issue := sc.IssueIndex("sanctions")
	if issue < 0 {
		issue = 1
	}
	rows, err := Tornado(context.Background(), sc, issue, "exchange", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || rows[0].Failed || rows[0].Swing <= 0 {
		t.Fatalf("rows %+v", rows)
	}
	top := rows[0]
	for _, end := range []struct{ v, want float64 }{{top.InputLow, top.Low}, {top.InputHigh, top.High}} {
		c := sc.Clone()
		a := c.ActorIndex(top.Actor)
		switch top.Field {
		case Capability:
			c.Actors[a].Capability = end.v
		default:
			i := c.IssueIndex(top.Issue)
			st := c.Stance(a, i)
			if top.Field == Position {
				st.Position = end.v
			} else {
				st.Salience = end.v
			}
			c.SetStance(a, i, st)
		}
		r, err := exchange.Run(exchange.FromScenario(c), exchange.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Forecast[issue]-end.want) > 1e-9 {
			t.Errorf("%s at %g: tornado says %.9g, exchange.Run %.9g", top.Input, end.v, end.want, r.Forecast[issue])
		}
	}
	t.Logf("top input %s: %.2f → %.2f", top.Input, top.Low, top.High)
}
