package main

import (
	"parley/model"
	"parley/model/exchange"
	"parley/model/forecast"
)

// The exchange model's part of `parley-cli forecast`'s JSON (documented in
// the README). Positions and outcomes are on the scenario's 0-100 scale.
type (
	jsonExchange struct {
		Variant  string              `json:"variant"`
		Error    string              `json:"error,omitempty"`
		Rounds   []jsonExchangeRound `json:"rounds"`
		Forecast []jsonExchangeCast  `json:"forecast"`
	}
	jsonExchangeRound struct {
		Round     int                `json:"round"`
		Exchanges []jsonTrade        `json:"exchanges"`
		Outcomes  []jsonIssueOutcome `json:"outcomes"`
	}
	jsonTrade struct {
		Seq         int           `json:"seq"`
		Gain        float64       `json:"gain"`
		I           jsonTradeSide `json:"i"`
		J           jsonTradeSide `json:"j"`
		Explanation string        `json:"explanation"`
	}
	jsonTradeSide struct {
		Actor  string  `json:"actor"`
		Supply string  `json:"supply"`
		Demand string  `json:"demand"`
		Start  float64 `json:"start"`
		Move   float64 `json:"move"`
		Voting float64 `json:"voting"`
		Target float64 `json:"target"`
	}
	jsonIssueOutcome struct {
		Issue      string  `json:"issue"`
		Preference float64 `json:"preference"`
		Voting     float64 `json:"voting"`
	}
	jsonExchangeCast struct {
		Issue      string  `json:"issue"`
		Forecast   float64 `json:"forecast"`
		Preference float64 `json:"preference"`
	}
)

func exchangeJSON(sc *model.Scenario, res *forecast.Result) *jsonExchange {
	x := &jsonExchange{Variant: string(exchange.VariantB), Error: errString(res.ExchangeErr), Rounds: []jsonExchangeRound{}, Forecast: []jsonExchangeCast{}}
	r := res.Exchange
	if r == nil {
		return x
	}
	x.Variant = string(r.Variant)
	side := func(s exchange.Side) jsonTradeSide {
		return jsonTradeSide{Actor: r.Actors[s.Actor], Supply: r.Issues[s.Supply], Demand: r.Issues[s.Demand],
			Start: s.Start, Move: s.Move, Voting: s.Voting, Target: s.Target}
	}
	for _, rd := range r.Rounds {
		jr := jsonExchangeRound{Round: rd.Round, Exchanges: []jsonTrade{}}
		for _, e := range rd.Exchanges {
			jr.Exchanges = append(jr.Exchanges, jsonTrade{Seq: e.Seq, Gain: e.Gain, I: side(e.I), J: side(e.J), Explanation: e.Explain(r.Actors, r.Issues)})
		}
		for d := range sc.Issues {
			jr.Outcomes = append(jr.Outcomes, jsonIssueOutcome{Issue: r.Issues[d], Preference: rd.Preference[d], Voting: rd.Voting[d]})
		}
		x.Rounds = append(x.Rounds, jr)
	}
	pref := r.Preference()
	for d := range sc.Issues {
		x.Forecast = append(x.Forecast, jsonExchangeCast{Issue: r.Issues[d], Forecast: r.Forecast[d], Preference: pref[d]})
	}
	return x
}
