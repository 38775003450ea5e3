package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"

	"parley/model"
	"parley/model/sweep"
)

// The JSON that `parley-cli sensitivity` prints:
//
//	parley-cli sensitivity FILE | --db PATH --scenario NAME [--draws N] [--seed S]
//	    [--spread P] [--model bdm|smp|median|mean|nash] [--dist uniform|triangular]
//
// A Monte Carlo over the input ranges (sweep.Run: BDM, SMP, weighted median,
// weighted mean and Nash on every issue), then a tornado per issue for the
// --model model (BDM by default). --spread is the default ± spread where an
// input has no range of its own (points; per cent for capability): it
// overrides the scenario's setting, and 0 turns it off; a scenario without
// the setting gets sweep.DefaultSpread (5), as in the window. The same --seed
// (default 1) prints the same numbers.
type (
	sensOut struct {
		Scenario     string      `json:"scenario"`
		Draws        int         `json:"draws"`
		Seed         uint64      `json:"seed"`
		Spread       float64     `json:"spread"`
		Distribution string      `json:"distribution"`
		TornadoModel string      `json:"tornado_model"`
		Warnings     []string    `json:"warnings,omitempty"`
		Issues       []sensIssue `json:"issues"`
	}
	sensIssue struct {
		Issue        string      `json:"issue"`
		Models       []sensModel `json:"models"`
		Blocs        []sensBloc  `json:"blocs"`
		Tornado      []sensRow   `json:"tornado"`
		TornadoError string      `json:"tornado_error,omitempty"`
	}
	sensModel struct {
		Model     string   `json:"model"`
		Point     *float64 `json:"point"` // forecast at the point values; null if none
		P10       *float64 `json:"p10"`   // null when every draw failed
		P50       *float64 `json:"p50"`
		P90       *float64 `json:"p90"`
		Histogram sensHist `json:"histogram"`
		Failed    int      `json:"failed"`
	}
	sensHist struct {
		Edges  []float64 `json:"edges"`
		Counts []int     `json:"counts"`
	}
	sensBloc struct {
		Members []string `json:"members"`
		Share   float64  `json:"share"`
	}
	sensRow struct {
		Input string  `json:"input"`
		Low   float64 `json:"low"`
		High  float64 `json:"high"`
		Swing float64 `json:"swing"`
		Error string  `json:"error,omitempty"`
	}
)

func cmdSensitivity(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("sensitivity", flag.ContinueOnError)
	fs.BoolVar(&rescaleFiles, "rescale", false, rescaleUsage)
	db := fs.String("db", "", "read the scenario from this project file")
	name := fs.String("scenario", "", "scenario name (with --db, or a what-if in a JSON file)")
	draws := fs.Int("draws", sweep.DefaultDraws, "number of Monte Carlo draws (default: the scenario's setting, else 1000)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same numbers (default: the scenario's setting, else 1)")
	spread := fs.Float64("spread", 0, "default ± spread where an input has no range (overrides the scenario's; 0 = none)")
	tornadoModel := fs.String("model", "bdm", "tornado model: bdm, smp, median, mean, nash or exchange")
	dist := fs.String("dist", "uniform", "uniform or triangular")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *draws < 1 || *draws > sweep.MaxDraws {
		return model.Invalid("--draws", "1 ≤ draws ≤ 100000", "--draws must be between 1 and %d", sweep.MaxDraws)
	}
	spreadSet := false
	fs.Visit(func(f *flag.Flag) { spreadSet = spreadSet || f.Name == "spread" })
	if math.IsNaN(*spread) || math.IsInf(*spread, 0) || *spread < 0 {
		return model.Invalid("--spread", "spread ≥ 0", "--spread must be a number of points ≥ 0")
	}
	m, err := sweep.ParseModel(*tornadoModel)
	if err != nil {
		return model.Invalid("--model", "known model", "unknown model %q; use bdm, smp, median, mean or nash", *tornadoModel)
	}
	d, err := sweep.ParseDistribution(*dist)
	if err != nil {
		return model.Invalid("--dist", "uniform or triangular", "unknown distribution %q; use uniform or triangular", *dist)
	}
	sc, warnings, err := loadScenario(files, *db, *name)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["draws"] { // the scenario's Monte Carlo settings, as in the window
		*draws = sc.Settings.DrawsOr()
	}
	if !set["seed"] {
		*seed = sc.Settings.SeedOr()
	}
	opt := sweep.Options{Draws: *draws, Seed: *seed, Dist: d, Spread: sweep.SpreadFor(sc.Settings.Spread)}
	if sc.Settings.Spread <= 0 && !spreadSet {
		warn(fmt.Sprintf("scenario %q sets no default spread: ±%g is used where an input has no range, as in the window (--spread 0 for none)", sc.Name, sweep.DefaultSpread))
	}
	if spreadSet {
		opt.Spread = *spread
		if *spread == 0 {
			opt.Spread = sweep.NoSpread
		}
	}
	if err := model.CheckForecastSize(sc); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(cliCtx, os.Interrupt)
	defer stop()
	res, err := sweep.Run(ctx, sc, opt)
	if err != nil {
		return err
	}
	o := &sensOut{Scenario: sc.Name, Draws: res.Draws, Seed: res.Seed, Spread: res.Spread, Distribution: res.Dist.String(),
		TornadoModel: m, Warnings: warnings, Issues: []sensIssue{}}
	for i, is := range res.Issues {
		si := sensIssue{Issue: is.Name, Models: []sensModel{}, Blocs: []sensBloc{}, Tornado: []sensRow{}}
		for _, md := range is.Models {
			sm := sensModel{Model: md.Model, Point: md.Point, Histogram: sensHist{md.Hist.Edges, md.Hist.Counts}, Failed: md.Failed}
			if len(md.Values) > 0 {
				sm.P10, sm.P50, sm.P90 = &md.P10, &md.P50, &md.P90
			}
			si.Models = append(si.Models, sm)
		}
		for _, b := range is.Blocs {
			si.Blocs = append(si.Blocs, sensBloc{b.Members, b.Share})
		}
		rows, err := sweep.Tornado(ctx, sc, i, m, opt)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			si.TornadoError = errString(err)
		}
		for _, r := range rows {
			si.Tornado = append(si.Tornado, sensRow{r.Input, r.Low, r.High, r.Swing, r.Err})
		}
		o.Issues = append(o.Issues, si)
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", " ")
	return enc.Encode(o)
}
