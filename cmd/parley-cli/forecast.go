package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"parley/model"
	"parley/model/exchange"
	"parley/model/forecast"
	"parley/model/smp"
	"parley/store/codec"
)

// The JSON that `parley-cli forecast` prints (documented in the README).
type (
	jsonOut struct {
		Scenario  string         `json:"scenario"`
		Actors    []string       `json:"actors"`
		Issues    []string       `json:"issues"`
		Warnings  []string       `json:"warnings,omitempty"`
		Input     string         `json:"fingerprint"`
		BDM       []jsonBDM      `json:"bdm,omitempty"`
		SMP       *jsonSMP       `json:"smp,omitempty"`
		Baselines []jsonBaseline `json:"baselines,omitempty"`
		Power     []jsonPower    `json:"power,omitempty"`
		Exchange  *jsonExchange  `json:"exchange,omitempty"`
		Verdicts  []jsonVerdict  `json:"verdicts,omitempty"` // verdicts.go
		// ProbeNote says whose inputs the verdicts' knife-edge probes moved
		// when a scenario is too large to probe every actor's.
		ProbeNote string `json:"probe_note,omitempty"`
	}
	jsonBDM struct {
		Issue     string      `json:"issue"`
		Error     string      `json:"error,omitempty"`
		Forecast  *float64    `json:"forecast"`
		Converged bool        `json:"converged"`
		Status    string      `json:"status,omitempty"` // how the run ended, in words
		Cycle     string      `json:"cycle,omitempty"`  // the oscillation, in words, when positions go back and forth
		AtCap     bool        `json:"at_round_cap"`
		Rounds    []jsonRound `json:"rounds"`
		Moves     []jsonMove  `json:"moves"`
	}
	jsonRound struct {
		Round       int       `json:"round"`
		Median      float64   `json:"median"`
		MedianUpper float64   `json:"median_upper"`
		Mean        float64   `json:"mean"`
		Positions   []float64 `json:"positions"`
	}
	jsonMove struct {
		Round       int     `json:"round"`
		Actor       string  `json:"actor"`
		Kind        string  `json:"kind"`
		Counterpart string  `json:"counterpart"`
		From        float64 `json:"from"`
		To          float64 `json:"to"`
		EUSelf      float64 `json:"eu_self"`
		EUOther     float64 `json:"eu_other"`
		Risk        float64 `json:"risk"`
		PSelf       float64 `json:"p_self"`
		POther      float64 `json:"p_other"`
		Explanation string  `json:"explanation"`
		Numbers     string  `json:"numbers"`
	}
	jsonSMP struct {
		Error    string        `json:"error,omitempty"`
		Turns    []jsonTurn    `json:"turns"`
		Forecast []jsonSMPCast `json:"forecast"`
	}
	jsonTurn struct {
		Turn          int         `json:"turn"`
		Positions     [][]float64 `json:"positions"`
		Probabilities []float64   `json:"probabilities"`
		Explanation   []string    `json:"explanation,omitempty"` // what happened next, in words
	}
	jsonSMPCast struct {
		Issue       string  `json:"issue"`
		Median      float64 `json:"median"`
		MedianUpper float64 `json:"median_upper"`
		Mean        float64 `json:"mean"`
	}
	jsonBaseline struct {
		Issue       string   `json:"issue"`
		Error       string   `json:"error,omitempty"`
		StatusQuo   float64  `json:"status_quo"`
		Mean        float64  `json:"mean"`
		Median      float64  `json:"median"`
		MedianUpper float64  `json:"median_upper"`
		Nash        *float64 `json:"nash"`
		NashReason  string   `json:"nash_reason,omitempty"`
	}
	jsonPower struct {
		Issue         string    `json:"issue"`
		Error         string    `json:"error,omitempty"`
		Exact         bool      `json:"exact"`
		ShapleyShubik []float64 `json:"shapley_shubik"`
		Banzhaf       []float64 `json:"banzhaf"`
		StdErrSS      []float64 `json:"shapley_shubik_stderr,omitempty"`
		StdErrBZ      []float64 `json:"banzhaf_stderr,omitempty"`
	}
)

func errString(err error) string {
	if err == nil {
		return ""
	}
	return model.ErrorMessage(err)
}

// loadScenario reads the scenario a command works on: FILE (any format) or
// --db PATH --scenario NAME. It returns the scenario and any import warnings.
func loadScenario(files []string, db, name string) (*model.Scenario, []string, error) {
	switch {
	case db != "" && len(files) == 0:
		if name == "" {
			return nil, nil, model.Invalid("--scenario", model.RuleRequired, "name the scenario with --scenario NAME")
		}
		s, err := openDB(db)
		if err != nil {
			return nil, nil, err
		}
		defer s.Close()
		sc, err := s.LoadScenario(name)
		return sc, nil, err
	case db == "" && len(files) == 1:
		res, err := readFileWith(files[0], codec.Options{OwnScale: rescaleFiles}) // --rescale (files.go)
		if err != nil {
			return nil, nil, err
		}
		sc := res.Scenarios[0]
		if name != "" {
			found := false
			for _, s := range res.Scenarios {
				if s.Name == name {
					found = true
					if s.Base != "" {
						if sc, err = model.ApplyOverrides(res.Scenarios[0], s); err != nil {
							return nil, nil, err
						}
					}
				}
			}
			if !found {
				return nil, nil, model.Errorf(model.ENOTFOUND, "%s has no scenario called %q", files[0], name)
			}
		}
		return sc, res.Warnings, nil
	}
	return nil, nil, model.Invalid("forecast", "usage", "give either one FILE or --db PATH --scenario NAME")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func cmdForecast(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("forecast", flag.ContinueOnError)
	fs.BoolVar(&rescaleFiles, "rescale", false, rescaleUsage)
	models := fs.String("model", "all", "bdm, smp, baselines, power, exchange or all")
	rounds := fs.Int("rounds", 0, "run BDM for exactly N rounds, without the early stop, and the exchange model for N rounds")
	variant := fs.String("variant", "B", "the exchange model's moves history: B (default) or A (as the Python tool codes it)")
	format := fs.String("format", "", "json or text (default: json unless printing to a terminal)")
	db := fs.String("db", "", "read the scenario from this project file")
	name := fs.String("scenario", "", "scenario name (with --db, or a what-if in a JSON file)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	m, err := forecast.ParseModels(*models)
	if err != nil {
		return err
	}
	v, err := exchange.ParseVariant(*variant)
	if err != nil {
		return err
	}
	if *rounds < 0 {
		return model.Invalid("--rounds", "rounds ≥ 1", "--rounds must be a positive number of rounds")
	}
	if *format == "" {
		*format = "json"
		if isTerminal(out) {
			*format = "text"
		}
	}
	if *format != "json" && *format != "text" {
		return model.Invalid("--format", "json or text", "unknown format %q", *format)
	}
	sc, warnings, err := loadScenario(files, *db, *name)
	if err != nil {
		return err
	}
	opt := forecast.FromSettings(sc.Settings)
	opt.Models = m
	if *rounds > 0 {
		opt.BDM.Rounds, opt.BDM.NoEarlyStop = *rounds, true
		opt.Exchange.Rounds = *rounds
	}
	opt.Exchange.Variant = v
	if err := model.CheckForecastSize(sc); err != nil {
		return err
	}
	res, err := forecast.Run(cliCtx, sc, opt)
	if err != nil {
		return cancelled(cliCtx, "forecast")
	}
	if len(res.SMPRescaled) > 0 {
		warnings = append(warnings, fmt.Sprintf("SMP: saliences of %s summed above 100 across issues and were scaled down in proportion", model.Count(len(res.SMPRescaled), "actor")))
	}
	o := toJSON(sc, res, m, warnings)
	if o.Verdicts, o.ProbeNote, err = verdicts(sc, res, opt); err != nil {
		return err
	}
	if *format == "text" {
		if err := writeText(out, o); err != nil {
			return err
		}
		writeVerdicts(out, o.Verdicts, o.ProbeNote)
		return nil
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", " ")
	return enc.Encode(o)
}

func toJSON(sc *model.Scenario, res *forecast.Result, m forecast.Models, warnings []string) *jsonOut {
	o := &jsonOut{Scenario: sc.Name, Actors: res.Actors, Warnings: warnings, Input: res.Fingerprint}
	for _, is := range sc.Issues {
		o.Issues = append(o.Issues, is.Name)
	}
	for _, is := range res.Issues {
		if m&forecast.BDM != 0 {
			b := jsonBDM{Issue: is.Name, Error: errString(is.BDMErr), Rounds: []jsonRound{}, Moves: []jsonMove{}}
			if r := is.BDM; r != nil {
				f := r.Forecast
				b.Forecast, b.Converged = &f, r.Converged
				b.Status, b.Cycle, b.AtCap = r.Status(), r.Cycle.Describe(res.Actors), r.AtRoundCap
				for _, rd := range r.Rounds {
					b.Rounds = append(b.Rounds, jsonRound{rd.Round, rd.Median, rd.MedianUpper, rd.Mean, rd.Positions})
				}
				for _, mv := range r.Moves {
					b.Moves = append(b.Moves, jsonMove{mv.Round, res.Actors[mv.Mover], string(mv.Kind), res.Actors[mv.Counterpart],
						mv.From, mv.To, mv.EUSelf, mv.EUOther, mv.Risk, mv.PSelf, mv.POther, mv.Explain(res.Actors), mv.Numbers(res.Actors)})
				}
			}
			o.BDM = append(o.BDM, b)
		}
		if m&forecast.Baselines != 0 {
			b := jsonBaseline{Issue: is.Name, Error: errString(is.BaselineErr), StatusQuo: is.StatusQuo}
			if r := is.Baseline; r != nil {
				b.Mean, b.Median, b.MedianUpper, b.Nash, b.NashReason = r.Mean, r.Median, r.MedianUpper, r.Nash, r.NashReason
			}
			o.Baselines = append(o.Baselines, b)
		}
		if m&forecast.Power != 0 {
			p := jsonPower{Issue: is.Name, Error: errString(is.PowerErr)}
			if r := is.Power; r != nil {
				p.Exact, p.ShapleyShubik, p.Banzhaf = r.Exact, r.ShapleyShubik, r.Banzhaf
				if !r.Exact {
					p.StdErrSS, p.StdErrBZ = r.StdErrShapleyShubik, r.StdErrBanzhaf
				}
			}
			o.Power = append(o.Power, p)
		}
	}
	if m&forecast.Exchange != 0 {
		o.Exchange = exchangeJSON(sc, res)
	}
	if m&forecast.SMP != 0 {
		s := &jsonSMP{Error: errString(res.SMPErr), Turns: []jsonTurn{}, Forecast: []jsonSMPCast{}}
		if r := res.SMP; r != nil {
			ex := smp.Explain(r, res.Actors, o.Issues)
			for k, t := range r.Turns {
				jt := jsonTurn{Turn: t.Turn, Positions: t.Positions, Probabilities: t.Probabilities}
				if k < len(ex) {
					jt.Explanation = append([]string{ex[k].Summary}, ex[k].Lines...)
				}
				s.Turns = append(s.Turns, jt)
			}
			for i, f := range r.Forecast {
				s.Forecast = append(s.Forecast, jsonSMPCast{sc.Issues[i].Name, f.Median, f.MedianUpper, f.Mean})
			}
		}
		o.SMP = s
	}
	return o
}

// writeText prints the forecast for a person: one line per issue and model,
// then BDM's moves as sentences.
func writeText(out io.Writer, o *jsonOut) error {
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Scenario %q: %s, %s (inputs %s)\n", o.Scenario, model.Count(len(o.Actors), "actor"), model.Count(len(o.Issues), "issue"), o.Input)
	for _, w := range o.Warnings {
		warn(w)
	}
	fmt.Fprintf(tw, "\nissue\tBDM\tSMP median\tweighted median\tweighted mean\tNash\texchange\n")
	num := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprintf("%.2f", *p)
	}
	for i, name := range o.Issues {
		row := []string{"-", "-", "-", "-", "-", "-"}
		if o.Exchange != nil && i < len(o.Exchange.Forecast) {
			row[5] = fmt.Sprintf("%.2f", o.Exchange.Forecast[i].Forecast)
		}
		if i < len(o.BDM) {
			row[0] = num(o.BDM[i].Forecast)
		}
		if o.SMP != nil && i < len(o.SMP.Forecast) {
			row[1] = fmt.Sprintf("%.2f", o.SMP.Forecast[i].Median)
		}
		if i < len(o.Baselines) && o.Baselines[i].Error == "" {
			b := o.Baselines[i]
			row[2], row[3], row[4] = fmt.Sprintf("%.2f", b.Median), fmt.Sprintf("%.2f", b.Mean), num(b.Nash)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, row[0], row[1], row[2], row[3], row[4], row[5])
	}
	tw.Flush()
	if x := o.Exchange; x != nil {
		if x.Error != "" {
			fmt.Fprintf(out, "\nexchange model: %s\n", x.Error)
		} else if len(x.Rounds) > 0 {
			r := x.Rounds[len(x.Rounds)-1]
			fmt.Fprintf(out, "\nexchange model (variant %s), round %d of %d: %d exchanges\n", x.Variant, r.Round, len(x.Rounds), len(r.Exchanges))
			for _, e := range r.Exchanges {
				fmt.Fprintf(out, "  %d. %s\n", e.Seq, e.Explanation)
			}
		}
	}
	for _, b := range o.BDM {
		if b.Error != "" {
			fmt.Fprintf(out, "\nBDM on %s: %s\n", b.Issue, b.Error)
			continue
		}
		fmt.Fprintf(out, "\nBDM on %s: %s, %s\n", b.Issue, model.Count(len(b.Rounds)-1, "round"), b.Status)
		if b.Cycle != "" {
			fmt.Fprintf(out, "  %s\n", b.Cycle)
		}
		for _, m := range b.Moves {
			fmt.Fprintf(out, "  round %d: %s\n", m.Round, m.Explanation)
		}
	}
	return nil
}
