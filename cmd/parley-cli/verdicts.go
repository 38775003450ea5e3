package main

import (
	"fmt"
	"io"

	"parley/model"
	"parley/model/backtest"
	"parley/model/forecast"
	"parley/model/verdict"
)

// The "verdicts" key of `parley-cli forecast --format json` (README, The CLI).
type (
	jsonVerdict struct {
		Issue     string             `json:"issue"`
		Best      string             `json:"best,omitempty"` // model key of the most trustworthy forecast
		Median    float64            `json:"median"`         // median of the models' forecasts
		Spread    float64            `json:"spread"`         // largest minus smallest
		Agreement string             `json:"agreement"`
		Summary   string             `json:"summary"`
		Models    []jsonModelVerdict `json:"models"`
	}
	jsonModelVerdict struct {
		Model    string     `json:"model"`
		Forecast *float64   `json:"forecast"` // null: no number, reason says why
		Reason   string     `json:"reason,omitempty"`
		Anchor   string     `json:"anchor,omitempty"`
		Interval *float64   `json:"interval,omitempty"` // track-record 80 % half-width
		Band     *jsonBand  `json:"band,omitempty"`     // Monte Carlo P10-P90
		Flags    []jsonFlag `json:"flags"`
	}
	jsonBand struct {
		P10 float64 `json:"p10"`
		P50 float64 `json:"p50"`
		P90 float64 `json:"p90"`
	}
	jsonFlag struct {
		Kind         string   `json:"kind"`
		Text         string   `json:"text"`
		Input        string   `json:"input,omitempty"`
		InputFrom    *float64 `json:"input_from,omitempty"`
		InputTo      *float64 `json:"input_to,omitempty"`
		ForecastFrom *float64 `json:"forecast_from,omitempty"`
		ForecastTo   *float64 `json:"forecast_to,omitempty"`
		Low          *float64 `json:"low,omitempty"`
		High         *float64 `json:"high,omitempty"`
		Period       *int     `json:"period,omitempty"`
		Other        string   `json:"other,omitempty"`
		Gap          *float64 `json:"gap,omitempty"`
		Limit        *float64 `json:"limit,omitempty"`
	}
)

// verdicts computes the verdicts of a forecast run with the shipped track
// record's intervals (no Monte Carlo band: the CLI's forecast is a single run).
// note says whose inputs the knife-edge probes covered when not every
// actor's (verdict.ProbeBudget). Ctrl-C stops the probes like the forecast.
func verdicts(sc *model.Scenario, res *forecast.Result, opt forecast.Options) (_ []jsonVerdict, note string, _ error) {
	v, err := verdict.Compute(cliCtx, verdict.Input{Scenario: sc, Result: res, Options: &opt, Intervals: backtest.Intervals()})
	if err != nil {
		if e := cancelled(cliCtx, "forecast"); e != nil {
			return nil, "", e
		}
		return nil, "", err
	}
	out := make([]jsonVerdict, 0, len(v.Issues))
	for _, iv := range v.Issues {
		jv := jsonVerdict{Issue: iv.Name, Median: iv.Median, Spread: iv.Spread, Agreement: iv.Agreement, Summary: iv.Summary, Models: []jsonModelVerdict{}}
		if iv.Best >= 0 {
			jv.Best = string(iv.Models[iv.Best].Model)
		}
		for _, mv := range iv.Models {
			jm := jsonModelVerdict{Model: string(mv.Model), Reason: mv.Reason, Anchor: mv.Anchor, Flags: []jsonFlag{}}
			if mv.OK {
				x := mv.Value
				jm.Forecast = &x
			}
			if mv.HasInterval {
				h := mv.Interval
				jm.Interval = &h
			}
			if mv.Band != nil {
				jm.Band = &jsonBand{mv.Band.P10, mv.Band.P50, mv.Band.P90}
			}
			for _, f := range mv.Flags {
				jm.Flags = append(jm.Flags, flagJSON(f))
			}
			jv.Models = append(jv.Models, jm)
		}
		out = append(out, jv)
	}
	return out, v.Probe.Note, nil
}

func flagJSON(f verdict.Flag) jsonFlag {
	p := func(x float64) *float64 { return &x }
	j := jsonFlag{Kind: string(f.Kind), Text: f.Text}
	switch f.Kind {
	case verdict.KnifeEdge, verdict.CrossIssue:
		j.Input, j.InputFrom, j.InputTo, j.ForecastFrom, j.ForecastTo = f.Input, p(f.InputFrom), p(f.InputTo), p(f.ForecastFrom), p(f.ForecastTo)
	case verdict.OutsideBand:
		j.Low, j.High = p(f.Low), p(f.High)
	case verdict.Cycling:
		per := f.Period
		j.Low, j.High, j.Period = p(f.Low), p(f.High), &per
	case verdict.Disagree:
		j.Other, j.Gap, j.Limit = string(f.Other), p(f.Gap), p(f.Interval)
	}
	return j
}

// writeVerdicts prints the bottom line per issue for a person.
func writeVerdicts(out io.Writer, vs []jsonVerdict, note string) {
	if len(vs) == 0 {
		return
	}
	fmt.Fprintf(out, "\nVerdicts:\n")
	for _, v := range vs {
		fmt.Fprintf(out, "  %s\n", v.Summary)
	}
	if note != "" {
		fmt.Fprintf(out, "  %s\n", note)
	}
}
