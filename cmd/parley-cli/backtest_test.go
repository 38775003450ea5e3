package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"parley/model/backtest"
)

type backtestJSON struct {
	Cases      int    `json:"cases"`
	Proposals  int    `json:"proposals"`
	Capability string `json:"capability"`
	Folds      int    `json:"folds"`
	Models     []struct {
		Model      string  `json:"model"`
		MAE        float64 `json:"mae"`
		MedianAE   float64 `json:"median_ae"`
		N          int     `json:"n"`
		Interval80 struct {
			HalfWidth float64 `json:"half_width"`
			Coverage  float64 `json:"coverage"`
		} `json:"interval80"`
	} `json:"models"`
	Subsets []struct {
		By    string `json:"by"`
		Value string `json:"value"`
	} `json:"subsets"`
	Issues []struct {
		ID        string             `json:"id"`
		Proposal  string             `json:"proposal"`
		Outcome   float64            `json:"outcome"`
		Forecasts map[string]float64 `json:"forecasts"`
	} `json:"issues"`
}

// The built binary reproduces the published figures on the 351 DEU issues,
// in both capability schemes, with the JSON schema of the issue.
func TestBacktestThroughCLI(t *testing.T) {
	file := sharedFile(t, "deu/deu3.csv")
	for _, tc := range []struct {
		capability   string
		mean, median float64
	}{{"votes", 22.99, 28.56}, {"equal", 23.64, 28.39}} {
		out, stderr, code := cli(t, "backtest", file, "--capability", tc.capability, "--folds", "5", "--seed", "1", "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var o backtestJSON
		if err := json.Unmarshal([]byte(out), &o); err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		if o.Cases != 351 || o.Proposals != 137 || o.Capability != tc.capability || o.Folds != 5 || len(o.Issues) != 351 {
			t.Fatalf("cases %d proposals %d capability %s folds %d issues %d", o.Cases, o.Proposals, o.Capability, o.Folds, len(o.Issues))
		}
		mae := map[string]float64{}
		for _, m := range o.Models {
			mae[m.Model] = m.MAE
			if m.Model == "weighted_mean" && (m.N != 351 || m.Interval80.Coverage < 0.76 || m.Interval80.Coverage > 0.84) {
				t.Errorf("%s weighted mean: n %d, coverage %.3f", tc.capability, m.N, m.Interval80.Coverage)
			}
		}
		for _, k := range []string{"weighted_mean", "weighted_median", "bdm", "smp", "smp_joint", "nash", "recommended", "unweighted_mean", "constant_50", "reference_point"} {
			if _, ok := mae[k]; !ok {
				t.Errorf("model %q missing from the JSON", k)
			}
		}
		if math.Abs(mae["weighted_mean"]-tc.mean) > 0.005 || math.Abs(mae["weighted_median"]-tc.median) > 0.005 {
			t.Errorf("%s: weighted mean MAE %.4f (want %.2f), weighted median %.4f (want %.2f)", tc.capability, mae["weighted_mean"], tc.mean, mae["weighted_median"], tc.median)
		}
		if is := o.Issues[0]; is.ID != "d00032i1" || is.Proposal != "d00032" || is.Outcome != 100 ||
			(tc.capability == "votes" && math.Abs(is.Forecasts["weighted_mean"]-52.906) > 0.001) {
			t.Errorf("first issue %+v; want d00032i1 of d00032, outcome 100, weighted mean 52.906 (votes)", is)
		}
		waves := map[string]bool{}
		for _, s := range o.Subsets {
			if s.By == "wave" {
				waves[s.Value] = true
			}
		}
		if !waves["DEU I"] || !waves["DEU II"] || !waves["DEU III"] {
			t.Errorf("wave subsets %v, want DEU I, II and III", waves)
		}
	}
}

func TestBacktestCLIText(t *testing.T) {
	out, stderr, code := cli(t, "backtest", "--format", "text", "../../model/backtest/testdata/cases.json", "--folds", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"5 scored issues of 3 proposals", "Weighted mean", "Recommended =", "region north"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	_, stderr, code = cli(t, "backtest", "--capability", "gdp", "x.csv")
	if code == 0 || !strings.Contains(stderr, "unknown capability scheme") {
		t.Errorf("--capability gdp: exit %d, %s", code, stderr)
	}
	_, stderr, code = cli(t, "backtest", "--folds", "9", "../../model/backtest/testdata/cases.json")
	if code == 0 || !strings.Contains(stderr, "9 folds for 3 proposals") {
		t.Errorf("--folds 9 on 3 proposals: exit %d, %s", code, stderr)
	}
}

// The figures the product ships are what the built binary computes from
// deu3.csv today (this is the shipped table's drift check under the race
// detector, where model/backtest's own full run is skipped as too slow).
func TestBacktestCLIMatchesShippedTable(t *testing.T) {
	out, stderr, code := cli(t, "backtest", sharedFile(t, "deu/deu3.csv"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r backtest.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	rec := backtest.Summarize(&r)
	rec.Source = backtest.Shipped().Source
	for _, d := range backtest.Shipped().Drift(rec, 1e-3) {
		t.Errorf("shipped table against the CLI: %s (regenerate: go generate ./model/backtest)", d)
	}
}
