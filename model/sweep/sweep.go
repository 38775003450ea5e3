package sweep

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"parley/model"
	"parley/model/bdm"
	"parley/model/forecast"
)

// Distribution is how a draw picks a value from an input's range.
type Distribution int

// The distributions.
const (
	// Uniform draws every value in [Low, High] alike.
	Uniform Distribution = iota
	// Triangular draws from the triangle on [Low, High] peaking at the point value.
	Triangular
)

func (d Distribution) String() string {
	switch d {
	case Uniform:
		return "uniform"
	case Triangular:
		return "triangular"
	}
	return "unknown"
}

// ParseDistribution reads "uniform" ("" too) or "triangular".
func ParseDistribution(s string) (Distribution, error) {
	switch strings.ToLower(s) {
	case "", "uniform":
		return Uniform, nil
	case "triangular", "triangle":
		return Triangular, nil
	}
	return 0, model.Invalid("distribution", "uniform or triangular", "unknown distribution %q; use uniform or triangular", s)
}

// The forecasts a sweep reports, per issue, in this order; the names match
// forecast.Value.Model.
const (
	ModelBDM    = "BDM"
	ModelSMP    = "SMP" // the SMP's median position after its last turn
	ModelMedian = "Weighted median"
	ModelMean   = "Weighted mean"
	ModelNash   = "Nash"
	// ModelExchange is the exchange model's forecast (its voting outcome
	// after the last round); the name is model.ModelExchange.Label().
	ModelExchange = "Exchange"
)

// ModelNames is every forecast a sweep reports, in its order: what a sweep
// of every model gives per issue (IssueDist.Models).
func ModelNames() []string {
	return []string{ModelBDM, ModelSMP, ModelMedian, ModelMean, ModelNash, ModelExchange}
}

// ParseModel reads a model name: the names above in any case, or bdm, smp,
// median, mean, nash (also weighted-median, weighted-mean).
func ParseModel(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bdm":
		return ModelBDM, nil
	case "smp", "smp median":
		return ModelSMP, nil
	case "median", "weighted median", "weighted-median", "weighted_median":
		return ModelMedian, nil
	case "mean", "weighted mean", "weighted-mean", "weighted_mean", "compromise":
		return ModelMean, nil
	case "nash":
		return ModelNash, nil
	case "exchange":
		return ModelExchange, nil
	}
	return "", model.Invalid("model", "known model", "unknown model %q; use bdm, smp, median, mean, nash or exchange", s)
}

// family returns the forecast.Models family that computes model m.
func family(m string) forecast.Models {
	switch m {
	case ModelBDM:
		return forecast.BDM
	case ModelSMP:
		return forecast.SMP
	case ModelExchange:
		return forecast.Exchange
	}
	return forecast.Baselines
}

// Limits and defaults.
const (
	DefaultDraws    = 1000
	MaxDraws        = 100_000
	DefaultMaxBlocs = 10
	// NoSpread as Options.Spread turns the default spread off whatever the
	// scenario's setting: only explicit ranges vary.
	NoSpread = -1.0
)

// Options choose what a sweep draws and runs. The zero value makes
// DefaultDraws uniform draws with seed 0, the scenario's spread and settings,
// and every model the sweep reports.
type Options struct {
	Draws int    // number of draws; 0 = DefaultDraws; at most MaxDraws
	Seed  uint64 // same seed, same numbers
	Dist  Distribution
	// Spread overrides the scenario's default spread (Settings.Spread) when
	// positive; 0 keeps the scenario's; NoSpread (any negative value) means none.
	Spread float64
	// Models are the model families to run: forecast.BDM, SMP and Baselines
	// (weighted median, weighted mean, Nash). 0 = all three. forecast.Power is
	// ignored: the sweep reports no power indices.
	Models forecast.Models
	// Forecast are the models' options; nil = forecast.FromSettings(sc.Settings).
	// Its Models field is replaced by Models.
	Forecast *forecast.Options
	BinWidth float64 // histogram bin width in points; 0 = DefaultBinWidth
	MaxBlocs int     // most frequent blocs to report per issue; 0 = DefaultMaxBlocs, < 0 = all
	Workers  int     // parallel workers; 0 = GOMAXPROCS
	// Progress, when set, is called with the number of draws (or tornado
	// inputs) done out of total: at most about every 1% of total and once at
	// the end. It is called from worker goroutines, one call at a time, with
	// done increasing. It must return quickly.
	Progress func(done, total int)
}

// Result is the outcome of a Monte Carlo sweep.
type Result struct {
	Draws  int     // draws made
	Seed   uint64  // the seed they came from
	Spread float64 // the default spread applied (0 = none)
	Dist   Distribution
	Inputs []Input // the effective ranges drawn from (Ranges)
	Issues []IssueDist
}

// IssueDist is the forecast distribution of every model on one issue.
type IssueDist struct {
	Key, Name string
	Models    []ModelDist // in the order BDM, SMP, weighted median, weighted mean, Nash (those run)
	// Blocs are the most frequent blocs, most frequent first.
	Blocs []BlocFreq
	// BlocsFailed counts the draws in which no blocs could be computed.
	BlocsFailed int
	// Fan is the spread of BDM's weighted median round by round (round 0 =
	// the drawn inputs): the fan band a trajectory chart shades. A draw that
	// stopped early keeps its last median for the later rounds. At most 50
	// rounds, from at most the first 20,000 draws. Empty when BDM did not run
	// or never answered.
	Fan []FanPoint
}

// The fan covers at most fanRounds rounds, estimated from at most fanDraws draws.
const (
	fanRounds = 50
	fanDraws  = 20000
)

// FanPoint is the P10, P50 and P90 of BDM's weighted median after one round.
type FanPoint struct {
	Round         int
	P10, P50, P90 float64
}

// ModelDist is one model's forecast distribution on one issue.
type ModelDist struct {
	Model string // ModelBDM, ModelSMP, ...
	// Point is the forecast at the point values; nil when the model has no
	// answer there.
	Point *float64
	// Values are the forecasts of the draws in which the model answered, in
	// draw order; Failed counts the others. len(Values) + Failed = Draws.
	Values []float64
	Failed int
	// P10, P50 and P90 are the type-7 quantiles of Values (0 when Values is empty).
	P10, P50, P90 float64
	Mean          float64 // mean of Values (0 when empty)
	Hist          Histogram
}

// BlocFreq is a bloc and how often it formed.
type BlocFreq struct {
	Actors  []int    // actor indices, ascending
	Members []string // their names, in the same order
	Count   int      // draws in which exactly this bloc formed
	Share   float64  // Count over the draws with blocs (Draws − BlocsFailed)
}

// settings resolves the options against sc.
type settings struct {
	draws    int
	spread   float64
	fopt     forecast.Options
	names    []string // models reported per issue
	workers  int
	maxBlocs int
}

func resolve(sc *model.Scenario, opt Options) (settings, error) {
	var s settings
	if sc == nil || len(sc.Actors) == 0 || len(sc.Issues) == 0 {
		return s, model.Degenerate("the scenario has no actors or no issues: nothing to sweep")
	}
	if err := model.ValidateErr(sc); err != nil {
		return s, err
	}
	s.draws = opt.Draws
	if s.draws == 0 {
		s.draws = DefaultDraws
	}
	if s.draws < 1 || s.draws > MaxDraws {
		return s, model.Invalid("draws", "1 ≤ draws ≤ 100000", "the number of draws must be between 1 and %d, not %d", MaxDraws, opt.Draws)
	}
	switch {
	case math.IsNaN(opt.Spread) || math.IsInf(opt.Spread, 0):
		return s, model.Invalid("spread", model.RuleFinite, "the spread is not a finite number")
	case opt.Spread > 0:
		s.spread = opt.Spread
	case opt.Spread == 0:
		s.spread = sc.Settings.Spread
	}
	if math.IsNaN(s.spread) || math.IsInf(s.spread, 0) || s.spread < 0 {
		return s, model.Invalid("spread", "spread ≥ 0", "the scenario's default spread must be a finite number ≥ 0, not %g", s.spread)
	}
	if opt.Dist != Uniform && opt.Dist != Triangular {
		return s, model.Invalid("distribution", "uniform or triangular", "unknown distribution %d", opt.Dist)
	}
	m := opt.Models
	if m == 0 {
		m = forecast.BDM | forecast.SMP | forecast.Baselines | forecast.Exchange
	}
	m &= forecast.BDM | forecast.SMP | forecast.Baselines | forecast.Exchange
	if m == 0 {
		return s, model.Invalid("models", "bdm, smp, baselines or exchange", "choose at least one of BDM, SMP, the baselines or the exchange model")
	}
	if opt.Forecast != nil {
		s.fopt = *opt.Forecast
	} else {
		s.fopt = forecast.FromSettings(sc.Settings)
	}
	s.fopt.Models = m
	s.fopt.Serial = true // the draws already keep every core busy
	// The no-bargaining pairs name actors, who are the same in every draw:
	// resolve them once, not in every draw's forecast.
	s.fopt = forecast.WithPairs(sc, s.fopt)
	if m&forecast.BDM != 0 {
		s.names = append(s.names, ModelBDM)
	}
	if m&forecast.SMP != 0 {
		s.names = append(s.names, ModelSMP)
	}
	if m&forecast.Baselines != 0 {
		s.names = append(s.names, ModelMedian, ModelMean, ModelNash)
	}
	if m&forecast.Exchange != 0 {
		s.names = append(s.names, ModelExchange)
	}
	s.workers = opt.Workers
	if s.workers <= 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	s.maxBlocs = opt.MaxBlocs
	if s.maxBlocs == 0 {
		s.maxBlocs = DefaultMaxBlocs
	}
	return s, nil
}

// forecastOf returns model m's forecast for issue i in res, or false when it
// has none (an error, an infeasible Nash, a non-finite number).
func forecastOf(res *forecast.Result, i int, m string) (float64, bool) {
	is := &res.Issues[i]
	var v float64
	switch m {
	case ModelBDM:
		if is.BDMErr != nil || is.BDM == nil {
			return 0, false
		}
		v = is.BDM.Forecast
	case ModelSMP:
		if res.SMPErr != nil || res.SMP == nil || i >= len(res.SMP.Forecast) {
			return 0, false
		}
		v = res.SMP.Forecast[i].Median
	case ModelExchange:
		if res.ExchangeErr != nil || res.Exchange == nil || i >= len(res.Exchange.Forecast) {
			return 0, false
		}
		v = res.Exchange.Forecast[i]
	default:
		b := is.Baseline
		if is.BaselineErr != nil || b == nil {
			return 0, false
		}
		switch m {
		case ModelMedian:
			v = b.Median
		case ModelMean:
			v = b.Mean
		case ModelNash:
			if b.Nash == nil {
				return 0, false
			}
			v = *b.Nash
		default:
			return 0, false
		}
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// scratch is a worker's own copy of the scenario's numbers: only what the
// models read (names, issue keys and status quos, capabilities, positions,
// saliences), overwritten in place for each run.
type scratch struct {
	sc   *model.Scenario
	keys []string
	// unset[a][i]: actor a has no stance on issue i; it stays unset (left
	// out of the models) in every draw.
	unset [][]bool
}

func newScratch(sc *model.Scenario) *scratch {
	c := &model.Scenario{Name: sc.Name, Settings: sc.Settings, Issues: make([]model.Issue, len(sc.Issues)), Actors: make([]model.Actor, len(sc.Actors)), NoBargain: sc.NoBargain}
	keys := make([]string, len(sc.Issues))
	for i, is := range sc.Issues {
		c.Issues[i] = model.Issue{Key: is.Key, Name: is.Name, StatusQuo: is.StatusQuo}
		keys[i] = is.Key
	}
	var unset [][]bool
	for a, ac := range sc.Actors {
		st := make(map[string]model.Stance, len(sc.Issues))
		for i, is := range sc.Issues {
			s, ok := ac.Stances[is.Key]
			if !ok {
				if unset == nil {
					unset = make([][]bool, len(sc.Actors))
				}
				if unset[a] == nil {
					unset[a] = make([]bool, len(sc.Issues))
				}
				unset[a][i] = true
				continue
			}
			st[is.Key] = model.Stance{Position: s.Position, Salience: s.Salience}
		}
		c.Actors[a] = model.Actor{Name: ac.Name, Label: ac.Label, Capability: ac.Capability, Stances: st}
	}
	return &scratch{sc: c, keys: keys, unset: unset}
}

// set writes input values v (in Ranges' order) into the scratch scenario.
func (s *scratch) set(v []float64) {
	k := 0
	for a := range s.sc.Actors {
		ac := &s.sc.Actors[a]
		ac.Capability = v[k]
		k++
		for i, key := range s.keys {
			if s.unset == nil || s.unset[a] == nil || !s.unset[a][i] {
				ac.Stances[key] = model.Stance{Position: v[k], Salience: v[k+1]}
			}
			k += 2
		}
	}
}

// mix64 is splitmix64's finaliser: a bijection of uint64 that scatters nearby seeds.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// sample fills v with one draw from the inputs' ranges: r is consumed once
// per input of non-zero width, in order; fixed inputs keep their point value.
func sample(in []Input, dist Distribution, r *rand.Rand, v []float64) {
	for k := range in {
		x := &in[k]
		if !(x.High > x.Low) {
			v[k] = x.Value
			continue
		}
		u := r.Float64()
		a, b, c := x.Low, x.High, x.Value
		var y float64
		if dist == Triangular {
			if f := (c - a) / (b - a); u < f {
				y = a + math.Sqrt(u*(b-a)*(c-a))
			} else {
				y = b - math.Sqrt((1-u)*(b-a)*(b-c))
			}
		} else {
			y = a + u*(b-a)
		}
		v[k] = math.Max(a, math.Min(b, y))
	}
}

// progress reports done/total at most about every 1% of total, and at total.
type progress struct {
	fn         func(done, total int)
	total      int
	step       int
	done       atomic.Int64
	mu         sync.Mutex
	lastReport int
}

func newProgress(fn func(int, int), total int) *progress {
	return &progress{fn: fn, total: total, step: max(1, (total+99)/100)}
}

func (p *progress) tick() {
	n := int(p.done.Add(1))
	if p.fn == nil || (n%p.step != 0 && n != p.total) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > p.lastReport {
		p.lastReport = n
		p.fn(n, p.total)
	}
}

// pool runs job(w, k) for k in [0, n) on workers goroutines (w is the worker's
// index), handing out jobs in order, until all are done or ctx is cancelled.
func pool(ctx context.Context, workers, n int, job func(w, k int) error) error {
	workers = max(1, min(workers, n))
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var firstErr error
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				if err := job(w, k); err != nil {
					once.Do(func() { firstErr = err })
					next.Store(int64(n)) // stop handing out jobs
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr
}

// Run makes opt.Draws draws from the ranges of sc's inputs, runs the chosen
// models on each and returns every model's forecast distribution per issue
// with the most frequent blocs. It returns ctx.Err() promptly when ctx is
// cancelled, and an *model.Error for bad options or an invalid scenario.
func Run(ctx context.Context, sc *model.Scenario, opt Options) (*Result, error) {
	s, err := resolve(sc, opt)
	if err != nil {
		return nil, err
	}
	if _, err := NewHistogram(opt.BinWidth); err != nil {
		return nil, err
	}
	inputs := Ranges(sc, s.spread)
	nI, nM := len(sc.Issues), len(s.names)

	// The point forecasts, on the same stripped copy the draws use, made
	// beside the draws (a first band of a few draws does not wait for it).
	point := newScratch(sc)
	var pres *forecast.Result
	var perr error
	pointDone := make(chan struct{})
	go func() {
		defer close(pointDone)
		pres, perr = forecast.Run(ctx, point.sc, s.fopt)
	}()

	// vals[(d*nI+i)*nM+m] is model m's forecast for issue i in draw d; NaN
	// marks a failure (it never leaves this function).
	vals := make([]float64, s.draws*nI*nM)
	// fan[(d*nI+i)*nR+r] is BDM's weighted median after round r of draw d,
	// kept for the first fanRounds rounds of the first fanDraws draws (that
	// many give the fan's quantiles to a fraction of a point, and bound the
	// memory whatever the settings ask).
	nR := 0
	if s.fopt.Models&forecast.BDM != 0 {
		nR = s.fopt.BDM.Rounds
		if nR == 0 {
			nR = bdm.DefaultRounds
		}
		nR = min(nR, fanRounds) + 1
	}
	nF := min(s.draws, fanDraws)
	fan := make([]float64, nF*nI*nR)
	type worker struct {
		scr      *scratch
		v        []float64
		pcg      rand.PCG
		r        *rand.Rand
		counts   []map[string]int // per issue: bloc key → draws
		blocFail []int            // per issue
	}
	workers := make([]*worker, s.workers)
	prog := newProgress(opt.Progress, s.draws)
	seedHi := mix64(opt.Seed)

	err = pool(ctx, s.workers, s.draws, func(w, d int) error {
		wk := workers[w]
		if wk == nil {
			wk = &worker{scr: newScratch(sc), v: make([]float64, len(inputs)), counts: make([]map[string]int, nI), blocFail: make([]int, nI)}
			wk.r = rand.New(&wk.pcg)
			for i := range wk.counts {
				wk.counts[i] = map[string]int{}
			}
			workers[w] = wk
		}
		wk.pcg.Seed(seedHi, mix64(uint64(d)))
		sample(inputs, opt.Dist, wk.r, wk.v)
		wk.scr.set(wk.v)
		res, err := forecast.Run(ctx, wk.scr.sc, s.fopt)
		if err != nil {
			return err // cancelled
		}
		row := vals[d*nI*nM : (d+1)*nI*nM]
		for i := range nI {
			for m, name := range s.names {
				x, ok := forecastOf(res, i, name)
				if !ok {
					x = math.NaN()
				}
				row[i*nM+m] = x
			}
			if nR > 0 && d < nF {
				f := fan[(d*nI+i)*nR : (d*nI+i+1)*nR]
				if b := res.Issues[i].BDM; b != nil {
					for r := range f {
						f[r] = b.Rounds[min(r, len(b.Rounds)-1)].Median
					}
				} else {
					f[0] = math.NaN()
				}
			}
			if is := &res.Issues[i]; is.BlocsErr != nil {
				wk.blocFail[i]++
			} else {
				for _, b := range is.Blocs {
					wk.counts[i][blocKey(b.Members)]++
				}
			}
		}
		prog.tick()
		return nil
	})
	<-pointDone
	if err == nil {
		err = perr
	}
	if err != nil {
		return nil, err
	}

	out := &Result{Draws: s.draws, Seed: opt.Seed, Spread: s.spread, Dist: opt.Dist, Inputs: inputs, Issues: make([]IssueDist, nI)}
	for i, is := range sc.Issues {
		id := IssueDist{Key: is.Key, Name: is.Name, Models: make([]ModelDist, nM)}
		for m, name := range s.names {
			md := ModelDist{Model: name, Values: make([]float64, 0, s.draws)}
			if x, ok := forecastOf(pres, i, name); ok {
				md.Point = &x
			}
			for d := range s.draws {
				if x := vals[(d*nI+i)*nM+m]; math.IsNaN(x) {
					md.Failed++
				} else {
					md.Values = append(md.Values, x)
				}
			}
			md.Hist, _ = NewHistogram(opt.BinWidth)
			for _, x := range md.Values {
				md.Hist.Add(x)
			}
			if n := len(md.Values); n > 0 {
				sorted := slices.Clone(md.Values)
				slices.Sort(sorted)
				md.P10, md.P50, md.P90 = Quantile(sorted, 0.1), Quantile(sorted, 0.5), Quantile(sorted, 0.9)
				// Summed as offsets from the first value: equal values give it back exactly.
				var sum float64
				for _, x := range md.Values {
					sum += x - md.Values[0]
				}
				md.Mean = md.Values[0] + sum/float64(n)
			}
			id.Models[m] = md
		}
		total := map[string]int{}
		for _, wk := range workers {
			if wk == nil {
				continue
			}
			id.BlocsFailed += wk.blocFail[i]
			for k, c := range wk.counts[i] {
				total[k] += c
			}
		}
		id.Blocs = topBlocs(sc, total, s.draws-id.BlocsFailed, s.maxBlocs)
		if nR > 0 {
			col := make([]float64, 0, s.draws)
			for r := range nR {
				col = col[:0]
				for d := range nF {
					if f := fan[(d*nI+i)*nR:]; !math.IsNaN(f[0]) {
						col = append(col, f[r])
					}
				}
				if len(col) == 0 {
					break
				}
				slices.Sort(col)
				id.Fan = append(id.Fan, FanPoint{Round: r, P10: Quantile(col, 0.1), P50: Quantile(col, 0.5), P90: Quantile(col, 0.9)})
			}
		}
		out.Issues[i] = id
	}
	return out, nil
}

// blocKey encodes a set of actor indices (any order) as a map key.
func blocKey(members []int) string {
	ids := slices.Clone(members)
	slices.Sort(ids)
	b := make([]byte, 0, 2*len(ids))
	for _, a := range ids {
		b = append(b, byte(a>>8), byte(a))
	}
	return string(b)
}

func keyActors(k string) []int {
	ids := make([]int, len(k)/2)
	for j := range ids {
		ids[j] = int(k[2*j])<<8 | int(k[2*j+1])
	}
	return ids
}

// topBlocs lists the most frequent blocs: by count, then by member indices.
func topBlocs(sc *model.Scenario, total map[string]int, ok, limit int) []BlocFreq {
	out := make([]BlocFreq, 0, len(total))
	for k, c := range total {
		ids := keyActors(k)
		names := make([]string, len(ids))
		for j, a := range ids {
			names[j] = sc.Actors[a].Name
		}
		bf := BlocFreq{Actors: ids, Members: names, Count: c}
		if ok > 0 {
			bf.Share = float64(c) / float64(ok)
		}
		out = append(out, bf)
	}
	slices.SortFunc(out, func(a, b BlocFreq) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return slices.Compare(a.Actors, b.Actors)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
