package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"parley/model"
	"parley/model/backtest"
)

const backtestUsage = "backtest FILE [--capability equal|votes] [--folds K] [--seed S] [--format json|text]"

// cmdBacktest scores every model on a file of past cases (DEU or Parley's
// cases format) and prints the track record: per model MAE, RMSE, median
// error, share ≤ 10, n and the 80% interval with its out-of-sample coverage;
// the same by subset; every issue's forecasts.
func cmdBacktest(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("backtest", flag.ContinueOnError)
	capab := fs.String("capability", "votes", "equal or votes (DEU: Council votes; Parley cases: the scenario's capabilities)")
	folds := fs.Int("folds", backtest.DefaultFolds, "cross-validation folds, by proposal")
	seed := fs.Uint64("seed", backtest.DefaultSeed, "seed of the fold assignment")
	format := fs.String("format", "", "json or text (default: json unless printing to a terminal)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return model.Invalid("backtest", "one FILE", "usage: parley-cli %s", backtestUsage)
	}
	c, err := backtest.ParseCapability(*capab)
	if err != nil {
		return err
	}
	if *folds < 2 {
		return model.Invalid("--folds", "folds ≥ 2", "--folds must be at least 2, not %d", *folds)
	}
	if *seed == 0 {
		return model.Invalid("--seed", "seed ≥ 1", "--seed must be a positive number")
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
	data, err := os.ReadFile(files[0])
	if err != nil {
		return model.Invalid(files[0], "a readable file", "cannot read the file: %v", err)
	}
	d, err := backtest.Read(data, filepath.Base(files[0]), c)
	if err != nil {
		return err
	}
	r, err := backtest.Run(context.Background(), d, backtest.Options{Folds: *folds, Seed: *seed})
	if err != nil {
		return err
	}
	if *format == "text" {
		return writeBacktestText(out, r)
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", " ")
	return enc.Encode(r)
}

func writeBacktestText(out io.Writer, r *backtest.Result) error {
	fmt.Fprintf(out, "%s: %d scored issues of %d proposals, capability %s, %d folds by proposal (seed %d)\n\n",
		r.Source, r.Cases, r.Proposals, r.Capability, r.Folds, r.Seed)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\tMAE\tRMSE\tmedian AE\t≤ 10\tn\t80% ±q\tcoverage\t")
	for _, s := range r.Models {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.1f%%\t%d\t±%.1f\t%.1f%%\t\n", backtest.Label(s.Model), s.MAE, s.RMSE, s.MedianAE, 100*s.Within10, s.N, s.Interval80.HalfWidth, 100*s.Interval80.Coverage)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range r.Models {
		if s.Excluded > 0 {
			fmt.Fprintf(out, "%s: %d issues excluded (e.g. %s)\n", backtest.Label(s.Model), s.Excluded, s.ExcludedReason)
		}
	}
	var parts []string
	for _, w := range r.Recommended {
		if w.Weight >= 0.0005 {
			parts = append(parts, fmt.Sprintf("%.3f × %s", w.Weight, backtest.Label(w.Model)))
		}
	}
	fmt.Fprintf(out, "\nRecommended = %s (weights fitted on all issues; its scores above use weights fitted on the training folds only)\n", strings.Join(parts, " + "))
	fmt.Fprintln(out, "\nMAE by subset:")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "subset\tissues\t"
	for _, s := range r.Models {
		head += s.Model.String() + "\t"
	}
	fmt.Fprintln(tw, head)
	for _, sub := range r.Subsets {
		line := fmt.Sprintf("%s %s\t%d\t", sub.By, sub.Value, sub.Cases)
		for _, s := range sub.Models {
			if s.N == 0 {
				line += "–\t"
				continue
			}
			line += fmt.Sprintf("%.2f\t", s.MAE)
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}
