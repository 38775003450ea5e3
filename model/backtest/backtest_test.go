package backtest

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"parley/model"
)

const sharedDEU = "../../../shared/testdata/deu"

func deuPath(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(sharedDEU, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("reference file missing: %s (the shared/ folder must sit beside the project)", p)
	}
	return p
}

func readDEU(t testing.TB, c Capability) *Data {
	t.Helper()
	b, err := os.ReadFile(deuPath(t, "deu3.csv"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(b, "deu3.csv", c)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var (
	runOnce sync.Map // Capability → *Result
)

// testModels are the models the tests run on all 351 issues: every one,
// except under the race detector (the SMP is ~10× slower there), where the
// closed-form ones only. The full run is then checked against the shipped
// table through the built CLI (cmd/parley-cli), which has no race detector.
func testModels() []model.ModelID {
	if raceEnabled {
		return []model.ModelID{model.ModelWeightedMean, model.ModelWeightedMedian, model.ModelNash,
			ModelUnweightedMean, ModelConstant50, ModelReferencePoint}
	}
	return nil
}

// backtestDEU runs (once per scheme per test binary) the shipped backtest.
func backtestDEU(t testing.TB, c Capability) *Result {
	t.Helper()
	if r, ok := runOnce.Load(c); ok {
		return r.(*Result)
	}
	r, err := Run(context.Background(), readDEU(t, c), Options{Models: testModels()})
	if err != nil {
		t.Fatal(err)
	}
	runOnce.Store(c, r)
	return r
}

func TestPublishedAnchors(t *testing.T) {
	for _, tc := range []struct {
		c                 Capability
		m                 model.ModelID
		mae, mdae, within float64
	}{
		{Votes, model.ModelWeightedMean, 22.99, 17.54, 0.308},
		{Equal, model.ModelWeightedMean, 23.64, 18.46, 0.311},
		{Equal, model.ModelWeightedMedian, 28.39, 20.00, 0.410},
		{Votes, model.ModelWeightedMedian, 28.56, 20.00, 0.416},
		{Votes, ModelUnweightedMean, 23.63, math.NaN(), math.NaN()},
		{Votes, ModelConstant50, 27.96, math.NaN(), math.NaN()},
		{Votes, ModelReferencePoint, 51.31, math.NaN(), math.NaN()},
	} {
		r := backtestDEU(t, tc.c)
		s, ok := r.Score(tc.m)
		if !ok {
			t.Fatalf("%s not scored", tc.m)
		}
		t.Logf("%s %s: MAE %.4f median %.4f within10 %.4f n %d", tc.m, tc.c, s.MAE, s.MedianAE, s.Within10, s.N)
		if math.Abs(s.MAE-tc.mae) > 0.005 {
			t.Errorf("%s (%s): MAE %.4f, published %.2f", tc.m, tc.c, s.MAE, tc.mae)
		}
		if !math.IsNaN(tc.mdae) && math.Abs(s.MedianAE-tc.mdae) > 0.005 {
			t.Errorf("%s (%s): median AE %.4f, published %.2f", tc.m, tc.c, s.MedianAE, tc.mdae)
		}
		if !math.IsNaN(tc.within) && math.Abs(s.Within10-tc.within) > 0.0006 {
			t.Errorf("%s (%s): share ≤ 10 %.4f, published %.3f", tc.m, tc.c, s.Within10, tc.within)
		}
	}
	r := backtestDEU(t, Votes)
	if s, _ := r.Score(ModelReferencePoint); s.N != 252 {
		t.Errorf("reference point scored on %d issues, want the 252 with rp", s.N)
	}
}

func TestTable(t *testing.T) {
	for _, c := range []Capability{Votes, Equal} {
		r := backtestDEU(t, c)
		for _, s := range r.Models {
			t.Logf("%s %-16s MAE %6.2f RMSE %6.2f MdAE %6.2f w10 %.3f n %3d excl %3d q %6.2f cov %.3f %s", c, s.Model, s.MAE, s.RMSE, s.MedianAE, s.Within10, s.N, s.Excluded, s.Interval80.HalfWidth, s.Interval80.Coverage, s.ExcludedReason)
		}
		t.Logf("weights %+v", r.Recommended)
	}
}

func pairedCompromise(t testing.TB) map[string]float64 {
	t.Helper()
	f, err := os.Open(deuPath(t, "hamzagul07_deu-paired-differences.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	head := strings.Split(sc.Text(), ",")
	id, comp := -1, -1
	for i, h := range head {
		switch h {
		case "issue_id":
			id = i
		case "compromise_forecast":
			comp = i
		}
	}
	if id < 0 || comp < 0 {
		t.Fatalf("paired-differences file lacks issue_id/compromise_forecast: %v", head)
	}
	out := map[string]float64{}
	for sc.Scan() {
		rec := strings.Split(sc.Text(), ",")
		v, err := strconv.ParseFloat(rec[comp], 64)
		if err != nil {
			t.Fatalf("issue %s: %v", rec[id], err)
		}
		out[rec[id]] = v
	}
	return out
}

// Parley's weighted mean with "votes" is the open project's compromise
// forecast on every one of the 351 issues, to 0.001; and the two files score
// the same issues.
func TestWeightedMeanEqualsPublishedCompromise(t *testing.T) {
	want := pairedCompromise(t)
	r := backtestDEU(t, Votes)
	if len(want) != 351 || len(r.Issues) != 351 {
		t.Fatalf("published file has %d issues, Parley scored %d; want 351 each", len(want), len(r.Issues))
	}
	for _, is := range r.Issues {
		w, ok := want[is.ID]
		if !ok {
			t.Errorf("Parley scores %s, which the published file does not", is.ID)
			continue
		}
		if got := is.Forecasts[model.ModelWeightedMean]; math.Abs(got-w) > 0.001 {
			t.Errorf("%s: weighted mean %.4f, published compromise %.3f", is.ID, got, w)
		}
	}
}

// The scoring rule gives 351 issues of 137 proposals, and the same ids as the
// published file, in both capability schemes.
func TestScoredIssuesAndProposals(t *testing.T) {
	want := pairedCompromise(t)
	for _, c := range []Capability{Votes, Equal} {
		d := readDEU(t, c)
		if len(d.Cases) != 351 || d.Proposals() != 137 {
			t.Errorf("%s: %d issues of %d proposals, want 351 of 137", c, len(d.Cases), d.Proposals())
		}
		if d.Skipped != 364-351 {
			t.Errorf("%s: %d issues skipped, want 13 of the file's 364", c, d.Skipped)
		}
		for _, cs := range d.Cases {
			if _, ok := want[cs.ID]; !ok {
				t.Errorf("%s: %s is scored but not in the published 351", c, cs.ID)
			}
		}
	}
}

// Each model's 80% track-record interval, with q taken from the other folds
// only, holds the outcome on 80% ± 4% of the issues. Two rows are exempt, for
// reasons the view states: constant 50 (its error |outcome − 50| never
// exceeds 50, so q = 50 covers every issue) and Nash (43 issues: too few for
// ± 4%).
func TestIntervalCoverageOutOfSample(t *testing.T) {
	for _, c := range []Capability{Votes, Equal} {
		r := backtestDEU(t, c)
		for _, s := range r.Models {
			if s.Model == ModelConstant50 || s.Model == model.ModelNash {
				continue
			}
			if cov := s.Interval80.Coverage; cov < 0.76 || cov > 0.84 {
				t.Errorf("%s %s: 80%% interval ±%.1f covers %.1f%% out of sample, want 80 ± 4", c, s.Model, s.Interval80.HalfWidth, 100*cov)
			}
		}
	}
}

// Out of sample, scores of the recommended combination come from weights fit
// without the fold they are scored on: a fold's forecast does not change when
// the fold's own outcomes are scrambled.
func TestRecommendedIsOutOfSample(t *testing.T) {
	d := readDEU(t, Votes)
	d.Cases = d.Cases[:120]
	r1, err := Run(context.Background(), d, Options{Folds: 4, Seed: 7, Models: testModels()})
	if err != nil {
		t.Fatal(err)
	}
	scr := *d
	scr.Cases = append([]Case(nil), d.Cases...)
	for i := range scr.Cases {
		if r1.Issues[i].Fold == 0 {
			scr.Cases[i].Outcome = 100 - scr.Cases[i].Outcome
		}
	}
	r2, err := Run(context.Background(), &scr, Options{Folds: 4, Seed: 7, Models: testModels()})
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for i := range r1.Issues {
		a, b := r1.Issues[i].Forecasts[model.ModelRecommended], r2.Issues[i].Forecasts[model.ModelRecommended]
		if r1.Issues[i].Fold == 0 && a != b {
			t.Errorf("%s (fold 0): recommended %.4f became %.4f when fold 0's own outcomes changed", r1.Issues[i].ID, a, b)
		}
		if r1.Issues[i].Fold != 0 && a != b {
			changed++
		}
	}
	if changed == 0 {
		t.Error("scrambling fold 0 changed no forecast of the other folds: the weights were not fit on the training folds")
	}
}

// Folds keep every proposal's issues together, and the same seed gives the
// same numbers with one worker or many.
func TestDeterministicFoldsByProposal(t *testing.T) {
	d := readDEU(t, Equal)
	d.Cases = d.Cases[:90]
	if raceEnabled {
		d.Cases = d.Cases[:24] // every model, on fewer issues
	}
	a, err := Run(context.Background(), d, Options{Folds: 3, Seed: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), d, Options{Folds: 3, Seed: 3, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("one worker and four workers gave different backtests")
	}
	fold := map[string]int{}
	for _, is := range a.Issues {
		if f, ok := fold[is.Proposal]; ok && f != is.Fold {
			t.Errorf("proposal %s sits in folds %d and %d", is.Proposal, f, is.Fold)
		}
		fold[is.Proposal] = is.Fold
	}
	c, _ := Run(context.Background(), d, Options{Folds: 3, Seed: 4, Workers: 2})
	same := true
	for i := range a.Issues {
		same = same && a.Issues[i].Fold == c.Issues[i].Fold
	}
	if same {
		t.Error("seeds 3 and 4 dealt the proposals into the same folds")
	}
}

// Progress counts up to its total, and cancelling stops the run with the
// context's error.
func TestProgressAndCancel(t *testing.T) {
	d := readDEU(t, Votes)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var last, total int
	_, err := Run(ctx, d, Options{Models: testModels(), Progress: func(done, n int) {
		last, total = done, n
		if done == 50 {
			cancel()
		}
	}})
	if err != context.Canceled {
		t.Fatalf("cancelled run returned %v, want context.Canceled", err)
	}
	if last < 50 || last >= total {
		t.Errorf("progress stopped at %d of %d; want it to stop soon after 50", last, total)
	}
	d.Cases = d.Cases[:40]
	var calls, max int
	if _, err := Run(context.Background(), d, Options{Folds: 2, Progress: func(done, n int) { calls++; max, total = done, n }}); err != nil {
		t.Fatal(err)
	}
	if max != total || calls != total {
		t.Errorf("progress: %d calls reaching %d of %d", calls, max, total)
	}
}

func TestFitSimplexLAD(t *testing.T) {
	// y = 0.7·a + 0.3·b exactly: the fit finds it and stays on the simplex.
	var X [][]float64
	var y []float64
	var rows []int
	for i := 0; i < 60; i++ {
		a, b, c := float64(i%10)*10, float64((i*7)%10)*10, float64((i*3)%10)*10
		X = append(X, []float64{a, b, c})
		y = append(y, 0.7*a+0.3*b)
		rows = append(rows, i)
	}
	w := FitSimplexLAD(X, y, rows)
	if math.Abs(w[0]-0.7) > 0.01 || math.Abs(w[1]-0.3) > 0.01 || w[2] > 0.01 {
		t.Errorf("weights %v, want [0.7 0.3 0]", w)
	}
	if s := w[0] + w[1] + w[2]; math.Abs(s-1) > 1e-9 || w[0] < 0 || w[1] < 0 || w[2] < 0 {
		t.Errorf("weights %v are not on the simplex", w)
	}
}

func BenchmarkBacktest(b *testing.B) {
	d := readDEU(b, Votes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), d, Options{Folds: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// An analyst's own cases in Parley's format: each scenario is a proposal, an
// issue without an outcome is not scored, the weighted mean is c·s-weighted.
func TestParleyCases(t *testing.T) {
	b, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(b, "cases.json", Votes)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cases) != 5 || d.Proposals() != 3 || d.Skipped != 1 {
		t.Fatalf("%d cases of %d proposals, %d skipped; want 5 of 3, 1 skipped", len(d.Cases), d.Proposals(), d.Skipped)
	}
	r, err := Run(context.Background(), d, Options{Folds: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Alpha/tariff: (60·50·80 + 30·40·20 + 10·80·50) / (3000 + 1200 + 800) = 60.8
	if got := r.Issues[0].Forecasts[model.ModelWeightedMean]; math.Abs(got-60.8) > 1e-9 {
		t.Errorf("Alpha talks/tariff weighted mean %.4f, want 60.8", got)
	}
	// Beta/ports: Islands does not care (salience 0) and weighs nothing.
	if r.Issues[3].ID != "Beta talks/ports" || math.Abs(r.Issues[3].Forecasts[model.ModelWeightedMean]-(50*30*60+50*70*20+20*50*0)/(50*30+50*70+20*50.0)) > 1e-3 {
		t.Errorf("Beta talks/ports: %+v", r.Issues[3])
	}
	eq, err := Read(b, "cases.json", Equal)
	if err != nil {
		t.Fatal(err)
	}
	if c := eq.Cases[0].Capability; c[0] != 1 || c[1] != 1 || c[2] != 1 {
		t.Errorf("equal capability gave %v", c)
	}
	var found bool
	for _, s := range r.Subsets {
		found = found || (s.By == "region" && s.Value == "north" && s.Cases == 3)
	}
	if !found {
		t.Errorf("no region=north subset of 3 cases in %+v", r.Subsets)
	}
}

// Bad input names the file, line and column, or the case and rule, and
// reads nothing.
func TestBadCasesFiles(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"prnr\tisnr\n", "cases.txt:1:1: the header has no column"},
		{`{"cases": [{"name": "A", "issues": [{"key": "x", "name": "X"}], "actors": [], "outcomes": {"y": 5}}]}`, "no issue has key \"y\""},
		{`{"cases": [{"name": "A", "issues": [{"key": "x", "name": "X"}], "actors": [],` + "\n" + ` "outcomes": {"x": "high"}}]}`, "cases.txt:2:"},
		{`{"name": "A", "issues": [{"key": "x", "name": "X"}], "actors": [], "outcomes": {"x": 150}}`, "outcome 150 is outside 0-100"},
	} {
		_, err := Read([]byte(tc.data), "cases.txt", Votes)
		if err == nil || !strings.Contains(model.ErrorMessage(err), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.data, err, tc.want)
		}
	}
	deu, err := os.ReadFile(deuPath(t, "deu3.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(deu), "\n", 6)
	f := strings.Split(lines[4], "\t")
	f[len(f)-1] = "lots"
	lines[4] = strings.Join(f, "\t")
	_, err = Read([]byte(strings.Join(lines, "\n")), "deu3.csv", Votes)
	if err == nil || !strings.Contains(err.Error(), "deu3.csv:5:") || !strings.Contains(err.Error(), `out is "lots"`) {
		t.Errorf("a bad outcome cell on line 5 gave %v", err)
	}
}
