package backtest

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"parley/model"
)

// Options control a backtest run. The zero value is 5 folds, seed 1, every core.
type Options struct {
	Folds   int    // cross-validation folds (by proposal); 0 = 5
	Seed    uint64 // fold assignment seed; 0 = 1
	Workers int    // goroutines; 0 = GOMAXPROCS. The numbers never depend on it
	// Progress, when set, is called after each unit of work with how many of
	// total are done. It may be called from any goroutine, one call at a time.
	Progress func(done, total int)
	// Models, when set, runs only these rows of Forecasters (in table order);
	// nil runs them all. The recommended combination is made of those run.
	Models []model.ModelID
}

// DefaultFolds and DefaultSeed are what the product ships.
const (
	DefaultFolds = 5
	DefaultSeed  = 1
)

// Interval is a model's 80% track-record interval: forecast ± HalfWidth.
type Interval struct {
	// HalfWidth is q over all the model's out-of-sample errors: the one the
	// product applies to a new forecast.
	HalfWidth float64 `json:"half_width"`
	// Coverage is the share of issues whose outcome fell inside the interval
	// when q was computed on the other folds only (split-conformal).
	Coverage float64 `json:"coverage"`
}

// Score is one model's out-of-sample accuracy.
type Score struct {
	Model          model.ModelID `json:"model"`
	MAE            float64       `json:"mae"`
	RMSE           float64       `json:"rmse"`
	MedianAE       float64       `json:"median_ae"`
	Within10       float64       `json:"within10"` // share of issues with error ≤ 10
	N              int           `json:"n"`
	Excluded       int           `json:"excluded"`                  // issues the model had no answer for
	ExcludedReason string        `json:"excluded_reason,omitempty"` // the first such issue's reason
	Interval80     Interval      `json:"interval80"`
}

// Subset is the scores of the models on one slice of the cases.
type Subset struct {
	By     string  `json:"by"`    // "wave", "procedure", "voting", ...
	Value  string  `json:"value"` // "DEU I", "COD", "QMV", ...
	Cases  int     `json:"cases"`
	Models []Score `json:"models"`
}

// IssueResult is one scored issue's outcome and every model's forecast
// (out of sample for the recommended combination).
type IssueResult struct {
	ID        string                    `json:"id"`
	Proposal  string                    `json:"proposal"`
	Outcome   float64                   `json:"outcome"`
	Fold      int                       `json:"fold"`
	Forecasts map[model.ModelID]float64 `json:"forecasts"`
}

// Weight is one component of the recommended combination.
type Weight struct {
	Model  model.ModelID `json:"model"`
	Weight float64       `json:"weight"`
}

// Result is a whole backtest.
type Result struct {
	Source     string        `json:"source"`
	Cases      int           `json:"cases"`
	Proposals  int           `json:"proposals"`
	Capability Capability    `json:"capability"`
	Folds      int           `json:"folds"`
	Seed       uint64        `json:"seed"`
	Models     []Score       `json:"models"`
	Subsets    []Subset      `json:"subsets"`
	Issues     []IssueResult `json:"issues"`
	// Recommended is the combination fitted on every case: what the product
	// applies to a new scenario. (Its scores come from fits on training folds.)
	Recommended []Weight `json:"recommended_weights"`
	// NoStatusQuo counts the cases without a reference point (Nash bargains
	// against 50 there; the reference-point baseline skips them).
	NoStatusQuo int `json:"no_status_quo"`
}

// Score returns the score of model m, if it was run.
func (r *Result) Score(m model.ModelID) (Score, bool) {
	for _, s := range r.Models {
		if s.Model == m {
			return s, true
		}
	}
	return Score{}, false
}

// Run forecasts every case with every model of Forecasters, cross-validates
// by proposal and fits the recommended combination on training folds only.
// It is deterministic for given data and options, whatever the worker count,
// and returns ctx's error if ctx is cancelled.
func Run(ctx context.Context, d *Data, opt Options) (*Result, error) {
	if opt.Folds == 0 {
		opt.Folds = DefaultFolds
	}
	if opt.Seed == 0 {
		opt.Seed = DefaultSeed
	}
	nprop := d.Proposals()
	if opt.Folds < 2 || opt.Folds > nprop {
		return nil, model.Invalid("folds", "2 ≤ folds ≤ proposals", "%d folds for %d proposals: cross-validation needs 2 to %d folds", opt.Folds, nprop, nprop)
	}
	models := Forecasters
	if opt.Models != nil {
		models = nil
		for _, f := range Forecasters {
			for _, m := range opt.Models {
				if f.ID == m {
					models = append(models, f)
				}
			}
		}
		if len(models) == 0 {
			return nil, model.Invalid("models", "known models", "none of the models %v is in the backtest", opt.Models)
		}
	}
	fc, errs, err := forecastAll(ctx, d, models, opt)
	if err != nil {
		return nil, err
	}
	n := len(d.Cases)
	fold := assignFolds(d, opt.Folds, opt.Seed)

	res := &Result{Source: d.Source, Cases: n, Proposals: nprop, Capability: d.Capability, Folds: opt.Folds, Seed: opt.Seed}
	for _, c := range d.Cases {
		if !c.HasStatusQuo {
			res.NoStatusQuo++
		}
	}

	// The recommended combination, out of sample: fit on the other folds.
	rec := make([]float64, n)
	recTrainQ := make([]float64, opt.Folds) // q of its training residuals, per fold
	X := designMatrix(fc, errs, models)
	y := make([]float64, n)
	for i, c := range d.Cases {
		y[i] = c.Outcome
	}
	for k := 0; k < opt.Folds; k++ {
		var train []int
		for i := range d.Cases {
			if fold[i] != k {
				train = append(train, i)
			}
		}
		w := FitSimplexLAD(X, y, train)
		var res []float64
		for _, i := range train {
			res = append(res, math.Abs(dot(X[i], w)-y[i]))
		}
		recTrainQ[k] = ConformalQuantile(res, 0.8)
		for i := range d.Cases {
			if fold[i] == k {
				rec[i] = dot(X[i], w)
			}
		}
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	wAll := FitSimplexLAD(X, y, all)
	for j, m := range models {
		res.Recommended = append(res.Recommended, Weight{Model: m.ID, Weight: round(wAll[j], 6)})
	}

	ids := make([]model.ModelID, 0, len(models)+1)
	for _, m := range models {
		ids = append(ids, m.ID)
	}
	ids = append(ids, model.ModelRecommended)
	forecast := func(j, i int) (float64, error) {
		if j == len(models) {
			return rec[i], nil
		}
		return fc[j][i], errs[j][i]
	}
	// Per model, the interval's q on each fold's training cases.
	qFold := make([][]float64, len(ids))
	for j := range ids {
		qFold[j] = make([]float64, opt.Folds)
		if j == len(models) {
			copy(qFold[j], recTrainQ)
			continue
		}
		for k := 0; k < opt.Folds; k++ {
			var e []float64
			for i := range d.Cases {
				if f, err := forecast(j, i); err == nil && fold[i] != k {
					e = append(e, math.Abs(f-y[i]))
				}
			}
			qFold[j][k] = ConformalQuantile(e, 0.8)
		}
	}
	score := func(j int, in func(i int) bool) Score {
		s := Score{Model: ids[j]}
		var e []float64
		covered := 0
		for i := range d.Cases {
			if !in(i) {
				continue
			}
			f, err := forecast(j, i)
			if err != nil {
				s.Excluded++
				if s.ExcludedReason == "" {
					s.ExcludedReason = d.Cases[i].ID + ": " + model.ErrorMessage(err)
				}
				continue
			}
			ae := math.Abs(f - y[i])
			e = append(e, ae)
			if ae <= qFold[j][fold[i]] {
				covered++
			}
		}
		s.N = len(e)
		if s.N == 0 {
			return s
		}
		var sum, sq float64
		within := 0
		for _, v := range e {
			sum += v
			sq += v * v
			if v <= 10 {
				within++
			}
		}
		s.MAE = round(sum/float64(s.N), 4)
		s.RMSE = round(math.Sqrt(sq/float64(s.N)), 4)
		s.MedianAE = round(median(e), 4)
		s.Within10 = round(float64(within)/float64(s.N), 4)
		s.Interval80 = Interval{HalfWidth: round(ConformalQuantile(e, 0.8), 4), Coverage: round(float64(covered)/float64(s.N), 4)}
		return s
	}
	everything := func(int) bool { return true }
	for j := range ids {
		res.Models = append(res.Models, score(j, everything))
	}
	for _, by := range subsetKeys(d) {
		var values []string
		seen := map[string]bool{}
		for _, c := range d.Cases {
			if v := c.Subsets[by]; !seen[v] {
				seen[v] = true
				values = append(values, v)
			}
		}
		sort.Strings(values)
		for _, v := range values {
			in := func(i int) bool { return d.Cases[i].Subsets[by] == v }
			sub := Subset{By: by, Value: v}
			for i := range d.Cases {
				if in(i) {
					sub.Cases++
				}
			}
			for j := range ids {
				sub.Models = append(sub.Models, score(j, in))
			}
			res.Subsets = append(res.Subsets, sub)
		}
	}
	for i, c := range d.Cases {
		ir := IssueResult{ID: c.ID, Proposal: c.Proposal, Outcome: c.Outcome, Fold: fold[i], Forecasts: map[model.ModelID]float64{}}
		for j, id := range ids {
			if f, err := forecast(j, i); err == nil {
				ir.Forecasts[id] = round(f, 4)
			}
		}
		res.Issues = append(res.Issues, ir)
	}
	return res, nil
}

// subsetKeys lists the subset dimensions the cases carry, DEU's first.
func subsetKeys(d *Data) []string {
	seen := map[string]bool{}
	var keys []string
	for _, k := range []string{"wave", "procedure", "voting"} {
		for _, c := range d.Cases {
			if _, ok := c.Subsets[k]; ok {
				seen[k] = true
				keys = append(keys, k)
				break
			}
		}
	}
	var extra []string
	for _, c := range d.Cases {
		for k := range c.Subsets {
			if !seen[k] {
				seen[k] = true
				extra = append(extra, k)
			}
		}
	}
	sort.Strings(extra)
	return append(keys, extra...)
}

// assignFolds puts each proposal in one fold: the proposals, sorted by id,
// are shuffled with the seed (PCG) and dealt round-robin, so every issue of a
// proposal sits on the same side of every split.
func assignFolds(d *Data, k int, seed uint64) []int {
	var props []string
	seen := map[string]bool{}
	for _, c := range d.Cases {
		if !seen[c.Proposal] {
			seen[c.Proposal] = true
			props = append(props, c.Proposal)
		}
	}
	sort.Strings(props)
	rng := rand.New(rand.NewPCG(seed, 0x7a3c5e))
	rng.Shuffle(len(props), func(i, j int) { props[i], props[j] = props[j], props[i] })
	of := map[string]int{}
	for i, p := range props {
		of[p] = i % k
	}
	f := make([]int, len(d.Cases))
	for i, c := range d.Cases {
		f[i] = of[c.Proposal]
	}
	return f
}

// forecastAll runs every model on every case (per-proposal models once per
// proposal) on opt.Workers goroutines. fc[j][i] is model j's forecast of case
// i, errs[j][i] why it has none.
func forecastAll(ctx context.Context, d *Data, models []Forecaster, opt Options) ([][]float64, [][]error, error) {
	n := len(d.Cases)
	fc := make([][]float64, len(models))
	errs := make([][]error, len(models))
	for j := range models {
		fc[j] = make([]float64, n)
		errs[j] = make([]error, n)
	}
	// proposals in first-appearance order, each with its case indices
	var props [][]int
	at := map[string]int{}
	for i, c := range d.Cases {
		p, ok := at[c.Proposal]
		if !ok {
			p = len(props)
			at[c.Proposal] = p
			props = append(props, nil)
		}
		props[p] = append(props[p], i)
	}
	type job struct {
		model int
		cases []int // one case for Issue models, the proposal's for Proposal models
		cost  int
	}
	var jobs []job
	for j, m := range models {
		if m.Proposal != nil {
			for _, p := range props {
				jobs = append(jobs, job{j, p, m.Cost * len(p)})
			}
			continue
		}
		for i := range d.Cases {
			jobs = append(jobs, job{j, []int{i}, m.Cost})
		}
	}
	sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].cost > jobs[b].cost })

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		next     int
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	take := func() (job, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= len(jobs) || firstErr != nil {
			return job{}, false
		}
		next++
		return jobs[next-1], true
	}
	finish := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if firstErr == nil {
				firstErr = err
				cancel()
			}
			return
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(jobs))
		}
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				jb, ok := take()
				if !ok {
					return
				}
				if err := ctx.Err(); err != nil {
					finish(err)
					return
				}
				m := models[jb.model]
				var fatal error
				if m.Proposal != nil {
					cs := make([]*Case, len(jb.cases))
					for k, i := range jb.cases {
						cs[k] = &d.Cases[i]
					}
					out, es := m.Proposal(ctx, cs)
					for k, i := range jb.cases {
						fc[jb.model][i], errs[jb.model][i] = out[k], es[k]
						if es[k] != nil && !soft(es[k]) {
							fatal = es[k]
						}
					}
				} else {
					i := jb.cases[0]
					f, err := m.Issue(ctx, &d.Cases[i])
					if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
						err = model.Degenerate("the model gave no finite forecast")
					}
					fc[jb.model][i], errs[jb.model][i] = f, err
					if err != nil && !soft(err) {
						fatal = err
					}
				}
				finish(fatal)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		if err := ctx.Err(); err != nil && firstErr == context.Canceled {
			return nil, nil, err
		}
		return nil, nil, firstErr
	}
	return fc, errs, nil
}

// soft reports whether err means "no answer for this issue" rather than a
// failure of the run: a degenerate or infeasible input, or one a model's
// own rules refuse (e.g. the SMP's actor limits).
func soft(err error) bool {
	switch model.ErrorCode(err) {
	case model.EDEGENERATE, model.EINFEASIBLE, model.EINVALID:
		return true
	}
	return false
}

// designMatrix returns, per case, every model's forecast; where a model has
// no answer the weighted mean's stands in, so the combination is defined on
// every issue.
func designMatrix(fc [][]float64, errs [][]error, models []Forecaster) [][]float64 {
	wm := -1
	for j, m := range models {
		if m.ID == model.ModelWeightedMean {
			wm = j
		}
	}
	n := len(fc[0])
	X := make([][]float64, n)
	for i := range X {
		X[i] = make([]float64, len(models))
		for j := range models {
			switch {
			case errs[j][i] == nil:
				X[i][j] = fc[j][i]
			case wm >= 0 && errs[wm][i] == nil:
				X[i][j] = fc[wm][i]
			default:
				X[i][j] = 50
			}
		}
	}
	return X
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// ConformalQuantile is the split-conformal quantile of absolute errors e at
// level p: the ⌈p(n+1)⌉-th smallest (the largest when that exceeds n).
func ConformalQuantile(e []float64, p float64) float64 {
	if len(e) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), e...)
	sort.Float64s(s)
	k := int(math.Ceil(p*float64(len(s)+1))) - 1
	k = max(0, min(k, len(s)-1))
	return s[k]
}

func median(e []float64) float64 {
	s := append([]float64(nil), e...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
