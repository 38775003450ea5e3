package sweep

import (
	"context"
	"errors"
	"math"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"parley/assets"
	"parley/model"
	"parley/model/forecast"
)

func muscat(t testing.TB) *model.Scenario {
	t.Helper()
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	return f.Scenarios[0]
}

// stripRanges removes every explicit range and the default spread.
func stripRanges(sc *model.Scenario) *model.Scenario {
	sc = sc.Clone()
	sc.Settings.Spread = 0
	for a := range sc.Actors {
		sc.Actors[a].CapabilityRange = nil
		for k, st := range sc.Actors[a].Stances {
			st.PositionRange, st.SalienceRange = nil, nil
			sc.Actors[a].Stances[k] = st
		}
	}
	return sc
}

func setSalienceRange(sc *model.Scenario, a, i int, r *model.Range) {
	st := sc.Stance(a, i)
	st.SalienceRange = r
	sc.SetStance(a, i, st)
}

func band(t *testing.T, r *Result, issue int, m string) float64 {
	t.Helper()
	for _, md := range r.Issues[issue].Models {
		if md.Model == m {
			return md.P90 - md.P10
		}
	}
	t.Fatalf("no %s distribution for issue %d", m, issue)
	return 0
}

// With zero-width ranges every draw is the point scenario: P10 = P50 = P90 =
// forecast.Run's value, for every issue and model, and nothing is NaN.
func TestZeroWidthBandIsPointForecast(t *testing.T) {
	sc := stripRanges(muscat(t))
	for _, in := range Ranges(sc, 0) {
		if in.Width() != 0 || in.Low != in.Value {
			t.Fatalf("%s: range %g-%g around %g, want zero width", in.Name, in.Low, in.High, in.Value)
		}
	}
	fopt := forecast.FromSettings(sc.Settings)
	want, err := forecast.Run(context.Background(), sc, fopt)
	if err != nil {
		t.Fatal(err)
	}
	const draws = 40
	res, err := Run(context.Background(), sc, Options{Draws: draws, Seed: 7, Dist: Triangular, Forecast: &fopt})
	if err != nil {
		t.Fatal(err)
	}
	if res.Draws != draws || res.Spread != 0 || len(res.Issues) != len(sc.Issues) {
		t.Fatalf("draws %d spread %g issues %d", res.Draws, res.Spread, len(res.Issues))
	}
	for i, is := range res.Issues {
		wantVals := map[string]float64{}
		for _, v := range want.Forecasts(i) {
			wantVals[v.Model] = v.Value
		}
		if len(is.Models) != 6 || is.Models[5].Model != ModelExchange {
			t.Fatalf("issue %s: %d models, want 6 with the exchange model last", is.Key, len(is.Models))
		}
		for _, md := range is.Models {
			w, ok := wantVals[md.Model]
			if !ok { // no point forecast (Nash infeasible): every draw fails, cleanly
				if md.Failed != draws || len(md.Values) != 0 || md.Point != nil || md.P10 != 0 || md.P50 != 0 || md.P90 != 0 {
					t.Errorf("issue %s %s: no point forecast, yet failed %d values %d point %v P %v %v %v", is.Key, md.Model, md.Failed, len(md.Values), md.Point, md.P10, md.P50, md.P90)
				}
				continue
			}
			if md.P10 != w || md.P50 != w || md.P90 != w || md.Mean != w {
				t.Errorf("issue %s %s: P10 %v P50 %v P90 %v mean %v, want all %v", is.Key, md.Model, md.P10, md.P50, md.P90, md.Mean, w)
			}
			if md.Point == nil || *md.Point != w || md.Failed != 0 || len(md.Values) != draws {
				t.Errorf("issue %s %s: point %v failed %d values %d", is.Key, md.Model, md.Point, md.Failed, len(md.Values))
			}
			var n int
			for k, c := range md.Hist.Counts {
				n += c
				if c != 0 && (c != draws || w < md.Hist.Edges[k] || w > md.Hist.Edges[k+1]) {
					t.Errorf("issue %s %s: bin %d [%g, %g) holds %d, point %g", is.Key, md.Model, k, md.Hist.Edges[k], md.Hist.Edges[k+1], c, w)
				}
			}
			if n != draws || len(md.Hist.Edges) != 41 {
				t.Errorf("issue %s %s: histogram holds %d values in %d edges", is.Key, md.Model, n, len(md.Hist.Edges))
			}
		}
		// The same blocs form in every draw: those of the point run.
		pointBlocs := map[string]bool{}
		for _, b := range want.Issues[i].Blocs {
			pointBlocs[blocKey(b.Members)] = true
		}
		if len(is.Blocs) != min(len(pointBlocs), DefaultMaxBlocs) || is.BlocsFailed != 0 {
			t.Errorf("issue %s: %d blocs (%d failed), point run has %d", is.Key, len(is.Blocs), is.BlocsFailed, len(pointBlocs))
		}
		for _, b := range is.Blocs {
			if b.Count != draws || b.Share != 1 || !pointBlocs[blocKey(b.Actors)] {
				t.Errorf("issue %s: bloc %v formed in %d draws (share %g), want all, as in the point run", is.Key, b.Members, b.Count, b.Share)
			}
		}
	}
}

// Same seed, same numbers: whatever GOMAXPROCS or the number of workers.
// Another seed gives other numbers.
func TestSeedReproducible(t *testing.T) {
	sc := muscat(t)
	opt := Options{Draws: 40, Seed: 2026}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	a, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GOMAXPROCS(2)
	b, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different results with GOMAXPROCS 1 and 2")
	}
	opt.Workers = 5
	c, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, c) {
		t.Fatal("same seed, different results with 5 workers")
	}
	opt.Workers, opt.Seed = 0, 2027
	d, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Issues[0].Models[0].Values, d.Issues[0].Models[0].Values) {
		t.Fatal("seeds 2026 and 2027 gave the same BDM draws")
	}
	// Triangular draws are reproducible too, and differ from uniform ones.
	opt.Seed, opt.Dist = 2026, Triangular
	e, _ := Run(context.Background(), sc, opt)
	f, _ := Run(context.Background(), sc, opt)
	if !reflect.DeepEqual(e, f) || reflect.DeepEqual(e.Issues, a.Issues) {
		t.Fatal("triangular draws: not reproducible, or equal to the uniform ones")
	}
}

// One influential actor's salience on one issue, given a wide range while
// every other input stays narrow, widens that issue's band and tops its tornado.
func TestWideSalienceWidensBandAndTopsTornado(t *testing.T) {
	base := stripRanges(muscat(t))
	base.Settings.Spread = 1 // every other input: ±1 point (±1 % for capability)
	i := base.IssueIndex("sanctions")
	a := base.ActorIndex("United States")
	s := base.Stance(a, i).Salience

	narrow := base.Clone()
	setSalienceRange(narrow, a, i, &model.Range{Low: s - 2, High: s + 2})
	wide := base.Clone()
	setSalienceRange(wide, a, i, &model.Range{Low: max(0, s-40), High: min(100, s+40)})

	opt := Options{Draws: 200, Seed: 11, Models: forecast.BDM}
	rn, err := Run(context.Background(), narrow, opt)
	if err != nil {
		t.Fatal(err)
	}
	rw, err := Run(context.Background(), wide, opt)
	if err != nil {
		t.Fatal(err)
	}
	bn, bw := band(t, rn, i, ModelBDM), band(t, rw, i, ModelBDM)
	if !(bw > bn) {
		t.Errorf("BDM P10-P90 band on sanctions: %g with a wide USA salience range, %g with a narrow one; want wider", bw, bn)
	}
	t.Logf("BDM band on sanctions: narrow %.2f, wide %.2f", bn, bw)

	rows, err := Tornado(context.Background(), wide, i, "bdm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "USA salience on " + base.Issues[i].Name
	if len(rows) == 0 || rows[0].Input != want || rows[0].Field != Salience || rows[0].Actor != "United States" {
		t.Fatalf("tornado top row %+v, want %q", rows[0], want)
	}
	if rows[0].InputLow != max(0, s-40) || rows[0].InputHigh != min(100, s+40) || rows[0].Value != s {
		t.Errorf("top row range %g-%g around %g", rows[0].InputLow, rows[0].InputHigh, rows[0].Value)
	}
	for k, r := range rows {
		if math.IsNaN(r.Low) || math.IsNaN(r.High) || r.Swing != math.Abs(r.High-r.Low) || r.Failed {
			t.Errorf("row %d %+v", k, r)
		}
		if k > 0 && r.Swing > rows[k-1].Swing {
			t.Errorf("rows %d and %d out of order: %g after %g", k-1, k, r.Swing, rows[k-1].Swing)
		}
		if r.Field != Capability && r.Issue != base.Issues[i].Name {
			t.Errorf("row %q is about another issue", r.Input)
		}
	}
	// 12 capabilities + 12 positions + 12 saliences on the issue, less those
	// on a scale end: the default ±1 spread is truncated symmetrically there,
	// so they are fixed (no row).
	want36 := 0
	for _, in := range Ranges(wide, 1) {
		if (in.Field == Capability || in.Issue == i) && in.Width() > 0 {
			want36++
		}
	}
	if len(rows) != want36 || want36 < 30 {
		t.Errorf("%d tornado rows, want %d (of 36)", len(rows), want36)
	}
	// The tornado's base and ends agree with forecast.Run on the whole scenario.
	fopt := forecast.FromSettings(wide.Settings)
	fr, err := forecast.Run(context.Background(), wide, fopt)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Base != fr.Issues[i].BDM.Forecast {
		t.Errorf("tornado base %g, forecast.Run %g", rows[0].Base, fr.Issues[i].BDM.Forecast)
	}
	lo := wide.Clone()
	st := lo.Stance(a, i)
	st.Salience = rows[0].InputLow
	lo.SetStance(a, i, st)
	fl, _ := forecast.Run(context.Background(), lo, fopt)
	if fl.Issues[i].BDM.Forecast != rows[0].Low {
		t.Errorf("tornado low %g, forecast.Run with the salience at its low %g", rows[0].Low, fl.Issues[i].BDM.Forecast)
	}
}

// The SMP tornado runs on every issue (the SMP bargains over all at once).
func TestTornadoSMPAndErrors(t *testing.T) {
	sc := muscat(t)
	rows, err := Tornado(context.Background(), sc, 0, "smp", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 36 {
		t.Fatalf("%d rows", len(rows))
	}
	if _, err := Tornado(context.Background(), sc, 9, "bdm", Options{}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("issue out of range: %v", err)
	}
	if _, err := Tornado(context.Background(), sc, 0, "ouija", Options{}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("unknown model: %v", err)
	}
	// Nash has no answer on enrichment at the point values.
	if _, err := Tornado(context.Background(), sc, sc.IssueIndex("enrichment"), "nash", Options{}); model.ErrorCode(err) != model.EDEGENERATE {
		t.Errorf("Nash on enrichment: %v, want degenerate", err)
	}
}

// Cancelling after the first progress report stops a 100,000-draw run promptly.
func TestCancelStopsPromptly(t *testing.T) {
	sc := muscat(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var cancelledAt time.Time
	maxDone, calls := 0, 0
	const total = MaxDraws
	models := forecast.All
	if raceEnabled {
		models = forecast.BDM | forecast.Baselines // the SMP is slow under the race detector
	}
	start := time.Now()
	_, err := Run(ctx, sc, Options{Draws: total, Seed: 1, Models: models, Progress: func(done, n int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		maxDone = max(maxDone, done)
		if cancelledAt.IsZero() {
			cancelledAt = time.Now()
			cancel()
		}
	}})
	end := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if cancelledAt.IsZero() {
		t.Fatal("no progress report before Run returned")
	}
	lag := end.Sub(cancelledAt)
	t.Logf("first report after %v; returned %v after cancel; %d reports, max done %d", cancelledAt.Sub(start), lag, calls, maxDone)
	limit := 100 * time.Millisecond
	if raceEnabled {
		limit = time.Second // one draw takes ~10× longer under the race detector
	}
	if lag > limit {
		t.Errorf("Run returned %v after cancel, want < %v", lag, limit)
	}
	if maxDone > total/20 {
		t.Errorf("%d of %d draws reported done after an early cancel", maxDone, total)
	}
}

// Progress is reported at most about every 1% and reaches the total.
func TestProgressReachesTotal(t *testing.T) {
	sc := muscat(t)
	const total = 250
	var got []int
	_, err := Run(context.Background(), sc, Options{Draws: total, Seed: 3, Models: forecast.BDM | forecast.Baselines, Progress: func(done, n int) {
		if n != total {
			t.Errorf("total %d, want %d", n, total)
		}
		got = append(got, done) // calls never overlap
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[len(got)-1] != total {
		t.Fatalf("progress %v does not reach %d", got, total)
	}
	if len(got) > 101 {
		t.Errorf("%d progress reports for %d draws; want at most ~100", len(got), total)
	}
	for k := 1; k < len(got); k++ {
		if got[k] <= got[k-1] {
			t.Errorf("progress not increasing: %v", got)
			break
		}
	}
}

// A model that fails on every draw is counted, never NaN; the others still answer.
func TestFailedDrawsCounted(t *testing.T) {
	sc := stripRanges(muscat(t))
	for a := range sc.Actors { // everyone at 50 on scope: BDM has no range to work with
		st := sc.Stance(a, 0)
		st.Position = 50
		sc.SetStance(a, 0, st)
	}
	res, err := Run(context.Background(), sc, Options{Draws: 30, Seed: 1, Spread: NoSpread, Models: forecast.BDM | forecast.Baselines})
	if err != nil {
		t.Fatal(err)
	}
	is := res.Issues[0]
	if len(is.Models) != 4 || is.Models[0].Model != ModelBDM {
		t.Fatalf("models %+v", is.Models)
	}
	bdm := is.Models[0]
	if bdm.Failed != 30 || len(bdm.Values) != 0 || bdm.Point != nil || bdm.P10 != 0 || bdm.P90 != 0 {
		t.Errorf("BDM on a degenerate issue: %+v", bdm)
	}
	if mean := is.Models[2]; mean.Model != ModelMean || mean.Failed != 0 || mean.P50 != 50 {
		t.Errorf("weighted mean %+v", mean)
	}
	for _, is := range res.Issues {
		for _, md := range is.Models {
			for _, v := range append(md.Values, md.P10, md.P50, md.P90, md.Mean) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("issue %s %s: %v in the distribution", is.Key, md.Model, v)
				}
			}
		}
	}
}

// Ranges: explicit ranges win, the default spread fills in, everything is clipped.
func TestRanges(t *testing.T) {
	sc := muscat(t)
	usa, scope := sc.ActorIndex("United States"), sc.IssueIndex("scope")
	rs := Ranges(sc, 10)
	if len(rs) != 12*(1+2*6) {
		t.Fatalf("%d inputs", len(rs))
	}
	c := rs[inputIndex(6, usa, -1, Capability)]
	if c.Name != "USA capability" || c.Low != 90 || c.High != 100 || !c.Explicit || c.Value != 100 {
		t.Errorf("USA capability %+v (explicit 90-100)", c)
	}
	for k, in := range rs {
		if in.Low > in.Value || in.Value > in.High || in.Low < 0 || (in.Field != Capability && in.High > 100) {
			t.Errorf("input %d %+v outside its scale or not around its value", k, in)
		}
		if in != rs[inputIndex(6, in.Actor, in.Issue, in.Field)] {
			t.Errorf("input %d is not where inputIndex says", k)
		}
	}
	// Without explicit ranges: ± spread points, ± spread % of capability,
	// truncated symmetrically at the scale ends (95 ± 10 → 90-100, 3 ± 10 → 0-6).
	bare := stripRanges(sc)
	st := bare.Stance(usa, scope)
	st.Position, st.Salience = 95, 3
	bare.SetStance(usa, scope, st)
	rs = Ranges(bare, 10)
	c = rs[inputIndex(6, usa, -1, Capability)]
	p := rs[inputIndex(6, usa, scope, Position)]
	s := rs[inputIndex(6, usa, scope, Salience)]
	if c.Low != 90 || c.High != 110 || c.Explicit {
		t.Errorf("capability 100 ± 10%%: %+v", c)
	}
	if p.Low != 90 || p.High != 100 || s.Low != 0 || s.High != 6 || p.Name != "USA position on Scope of the agenda" {
		t.Errorf("position %+v, salience %+v", p, s)
	}
	for _, in := range Ranges(bare, 0) {
		if in.Width() != 0 {
			t.Fatalf("spread 0: %+v", in)
		}
	}
	// Options.Spread overrides the scenario's; NoSpread turns it off.
	bare.Settings.Spread = 5
	for _, tc := range []struct{ opt, want float64 }{{0, 5}, {12, 12}, {NoSpread, 0}} {
		r, err := Run(context.Background(), bare, Options{Draws: 1, Spread: tc.opt, Models: forecast.Baselines})
		if err != nil || r.Spread != tc.want {
			t.Errorf("Options.Spread %g: spread %v (%v), want %g", tc.opt, r.Spread, err, tc.want)
		}
	}
}

func TestQuantileAndHistogram(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, tc := range []struct{ p, want float64 }{{0, 1}, {0.1, 1.9}, {0.5, 5.5}, {0.9, 9.1}, {1, 10}} {
		if got := Quantile(x, tc.p); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Quantile(1..10, %g) = %g, want %g (type 7)", tc.p, got, tc.want)
		}
	}
	if Quantile([]float64{4}, 0.9) != 4 || Quantile(nil, 0.5) != 0 {
		t.Error("one value or none")
	}
	h, err := NewHistogram(0)
	if err != nil || len(h.Edges) != 41 || h.Edges[1] != 2.5 || h.Edges[40] != 100 {
		t.Fatalf("default bins: %v %v", h.Edges, err)
	}
	for _, v := range []float64{0, 2.4999, 2.5, 99.9, 100, -3, 104} {
		h.Add(v)
	}
	if h.Counts[0] != 3 || h.Counts[1] != 1 || h.Counts[39] != 3 {
		t.Errorf("counts %v", h.Counts)
	}
	h, _ = NewHistogram(3)
	if len(h.Counts) != 34 || h.Edges[33] != 99 || h.Edges[34] != 100 {
		t.Errorf("width 3: edges %v", h.Edges)
	}
	for _, w := range []float64{-1, 101, math.NaN()} {
		if _, err := NewHistogram(w); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("width %g: %v", w, err)
		}
	}
	if _, err := Run(context.Background(), muscat(t), Options{Draws: MaxDraws + 1}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("too many draws: %v", err)
	}
}

// BenchmarkMonteCarlo1000Muscat is PRODUCT.md's budget "Monte Carlo, 1,000
// draws over the default scenario, 2 cores ≤ 1 s" (run with -cpu 2).
func BenchmarkMonteCarlo1000Muscat(b *testing.B) {
	sc := muscat(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Run(ctx, sc, Options{Draws: 1000, Seed: 1, Models: forecast.All}); err != nil {
			b.Fatal(err)
		}
	}
}

// The fan of BDM's median: zero width at the point inputs, wider with ranges,
// and one point per round (round 0 = the inputs).
func TestFanOfTheMedian(t *testing.T) {
	sc := stripRanges(muscat(t))
	point, err := forecast.Run(context.Background(), sc, forecast.FromSettings(sc.Settings))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sc, Options{Draws: 20, Seed: 3, Spread: NoSpread})
	if err != nil {
		t.Fatal(err)
	}
	for i, is := range res.Issues {
		rounds := point.Issues[i].BDM.Rounds
		if len(is.Fan) != forecast.FromSettings(sc.Settings).BDM.Rounds+1 && len(is.Fan) != 11 {
			t.Fatalf("issue %s: %d fan points", is.Key, len(is.Fan))
		}
		for r, f := range is.Fan {
			want := rounds[min(r, len(rounds)-1)].Median
			if f.P10 != want || f.P90 != want || f.P50 != want {
				t.Fatalf("issue %s round %d: fan %+v, point median %v", is.Key, r, f, want)
			}
		}
	}
	wide, err := Run(context.Background(), muscat(t), Options{Draws: 200, Seed: 3, Spread: 15})
	if err != nil {
		t.Fatal(err)
	}
	f := wide.Issues[0].Fan
	if last := f[len(f)-1]; !(last.P90 > last.P10) {
		t.Fatalf("fan with ranges has no width at the last round: %+v", last)
	}
}
