package power

import (
	"math"
	"math/rand/v2"
	"testing"

	"parley/model"
)

// bruteForce is the textbook definition, run over all 2^n coalitions, with the
// same tolerant comparison (a coalition of weight s wins when s > t).
func bruteForce(w []float64, t float64) (ss, eta []float64) {
	n := len(w)
	fact := func(k int) float64 {
		f := 1.0
		for j := 2; j <= k; j++ {
			f *= float64(j)
		}
		return f
	}
	ss, eta = make([]float64, n), make([]float64, n)
	for mask := 0; mask < 1<<n; mask++ {
		var s float64
		size := 0
		for j := range n {
			if mask>>j&1 == 1 {
				s += w[j]
				size++
			}
		}
		for i := range n {
			if mask>>i&1 == 0 && s <= t && s+w[i] > t {
				eta[i]++
				ss[i] += fact(size) * fact(n-size-1) / fact(n)
			}
		}
	}
	return ss, eta
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func checkFinite(t *testing.T, r *Result) {
	t.Helper()
	for _, xs := range [][]float64{r.ShapleyShubik, r.Banzhaf, r.BanzhafRaw, r.Swings, r.StdErrShapleyShubik, r.StdErrBanzhaf, r.StdErrBanzhafRaw} {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("non-finite output %v in %+v", x, r)
			}
		}
	}
	var ss, bz float64
	for i := range r.ShapleyShubik {
		ss += r.ShapleyShubik[i]
		bz += r.Banzhaf[i]
	}
	if !near(ss, 1, 1e-9) || !near(bz, 1, 1e-9) {
		t.Errorf("indices sum to %g (SS) and %g (Banzhaf), want 1", ss, bz)
	}
}

func TestTextbook(t *testing.T) {
	for _, tc := range []struct {
		name   string
		w      []float64
		opt    Options
		ss     []float64
		swings []float64
	}{
		// EEC Council of Ministers 1958: France, Germany, Italy 4; Belgium, Netherlands 2; Luxembourg 1; 12 of 17.
		{"EEC 1958", []float64{4, 4, 4, 2, 2, 1}, Options{Quota: 12},
			[]float64{7. / 30, 7. / 30, 7. / 30, 3. / 20, 3. / 20, 0}, []float64{10, 10, 10, 6, 6, 0}},
		{"[4,2,1] quota 5", []float64{4, 2, 1}, Options{Quota: 5},
			[]float64{2. / 3, 1. / 6, 1. / 6}, []float64{3, 1, 1}},
		// 0.7 + 0.1 is 0.7999999999999999 in floating point: it still reaches 0.8.
		{"float sum a hair under the quota", []float64{0.7, 0.1, 0.2}, Options{Quota: 0.8},
			[]float64{2. / 3, 1. / 6, 1. / 6}, []float64{3, 1, 1}},
		// Zero-weight actors are dummies; each doubles the others' swing counts.
		{"zero weights", []float64{4, 0, 2, 1, 0}, Options{Quota: 5},
			[]float64{2. / 3, 0, 1. / 6, 1. / 6, 0}, []float64{12, 0, 4, 4, 0}},
		// Simple majority is strict: 1 of 2 is a tie, not a majority.
		{"two equals need each other", []float64{1, 1}, Options{},
			[]float64{0.5, 0.5}, []float64{1, 1}},
		{"half reaches a share of ½", []float64{1, 1}, Options{Share: 0.5},
			[]float64{0.5, 0.5}, []float64{1, 1}},
		{"dictator", []float64{60, 10, 10, 10, 10}, Options{},
			[]float64{1, 0, 0, 0, 0}, []float64{16, 0, 0, 0, 0}},
		{"unanimity", []float64{5, 1, 3}, Options{Share: 1},
			[]float64{1. / 3, 1. / 3, 1. / 3}, []float64{1, 1, 1}},
		{"one actor", []float64{3}, Options{}, []float64{1}, []float64{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Indices(tc.w, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Exact {
				t.Error("small games must be exact")
			}
			checkFinite(t, r)
			var total float64
			for _, s := range tc.swings {
				total += s
			}
			for i := range tc.w {
				if !near(r.ShapleyShubik[i], tc.ss[i], 1e-12) {
					t.Errorf("SS[%d] = %g, want %g", i, r.ShapleyShubik[i], tc.ss[i])
				}
				if r.Swings[i] != tc.swings[i] || !near(r.Banzhaf[i], tc.swings[i]/total, 1e-12) {
					t.Errorf("actor %d: swings %g, Banzhaf %g; want %g and %g", i, r.Swings[i], r.Banzhaf[i], tc.swings[i], tc.swings[i]/total)
				}
				if !near(r.BanzhafRaw[i], tc.swings[i]/math.Ldexp(1, len(tc.w)-1), 1e-12) {
					t.Errorf("raw Banzhaf[%d] = %g", i, r.BanzhafRaw[i])
				}
			}
		})
	}
}

// TestAgainstBruteForce compares the meet-in-the-middle count with the
// definition on random games, integer and real weights, several quotas.
func TestAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 60 {
		n := 1 + trial%14
		if trial == 59 {
			n = 20
		}
		w := make([]float64, n)
		var W float64
		for i := range w {
			if trial%2 == 0 {
				w[i] = float64(rng.IntN(6)) // integer weights: many exact ties with the quota
			} else {
				w[i] = rng.Float64() * 100
			}
			W += w[i]
		}
		if W == 0 {
			continue
		}
		for _, opt := range []Options{{}, {Share: 0.5}, {Share: 2. / 3}, {Quota: math.Ceil(W * 0.6)}} {
			r, err := Indices(w, opt)
			if err != nil {
				if model.ErrorCode(err) == model.EDEGENERATE { // e.g. a rounded-up quota above W
					continue
				}
				t.Fatal(err)
			}
			thr := r.Quota - 1e-9*W
			if r.Strict {
				thr = r.Quota + 1e-9*W
			}
			ss, eta := bruteForce(w, thr)
			var total float64
			for _, e := range eta {
				total += e
			}
			for i := range w {
				if !near(r.ShapleyShubik[i], ss[i], 1e-12) || r.Swings[i] != eta[i] || !near(r.Banzhaf[i], eta[i]/total, 1e-12) {
					t.Fatalf("w=%v %+v actor %d: SS %g swings %g, brute force %g and %g", w, opt, i, r.ShapleyShubik[i], r.Swings[i], ss[i], eta[i])
				}
			}
			checkFinite(t, r)
		}
	}
}

func TestExact20Symmetric(t *testing.T) {
	w := make([]float64, 20)
	for i := range w {
		w[i] = 2.5
	}
	r, err := Indices(w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 11 of 20 win: i swings the coalitions of exactly 10 others, C(19,10) = 92378.
	for i := range w {
		if !r.Exact || !near(r.ShapleyShubik[i], 0.05, 1e-12) || r.Swings[i] != 92378 {
			t.Fatalf("actor %d: %+v", i, r)
		}
	}
}

// TestMonteCarlo checks that the 25-actor estimate agrees with the exact
// indices (ExactMax raised to 25) within 4 standard errors, actor by actor.
func TestMonteCarlo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	random := make([]float64, 25)
	for i := range random {
		random[i] = float64(1+rng.IntN(20)) * float64(1+rng.IntN(5))
	}
	equal := make([]float64, 25)
	for i := range equal {
		equal[i] = 1
	}
	for _, tc := range []struct {
		name string
		w    []float64
		opt  Options
	}{
		{"25 random weights, majority", random, Options{Seed: 1}},
		{"25 random weights, two thirds", random, Options{Share: 2. / 3, Seed: 2}},
		{"25 equals", equal, Options{Seed: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mc, err := Indices(tc.w, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			checkFinite(t, mc)
			ex := tc.opt
			ex.ExactMax = 25
			want, err := Indices(tc.w, ex)
			if err != nil {
				t.Fatal(err)
			}
			if mc.Exact || !want.Exact || mc.Samples != DefaultSamples {
				t.Fatalf("exact flags: sampled %v, enumerated %v", mc.Exact, want.Exact)
			}
			for i := range tc.w {
				for _, c := range []struct {
					what          string
					got, se, want float64
				}{
					{"Shapley–Shubik", mc.ShapleyShubik[i], mc.StdErrShapleyShubik[i], want.ShapleyShubik[i]},
					{"Banzhaf", mc.Banzhaf[i], mc.StdErrBanzhaf[i], want.Banzhaf[i]},
					{"raw Banzhaf", mc.BanzhafRaw[i], mc.StdErrBanzhafRaw[i], want.BanzhafRaw[i]},
				} {
					if c.want > 0 && (c.se <= 0 || c.se > 0.01) {
						t.Errorf("actor %d %s: implausible standard error %g", i, c.what, c.se)
					}
					if math.Abs(c.got-c.want) > 4*c.se+1e-12 {
						t.Errorf("actor %d %s: estimate %.5f ± %.5f, exact %.5f", i, c.what, c.got, c.se, c.want)
					}
				}
				if se := math.Ldexp(mc.StdErrBanzhafRaw[i], 24); math.Abs(mc.Swings[i]-want.Swings[i]) > 4*se+1e-9 {
					t.Errorf("actor %d: estimated swings %g ± %g, exact %g", i, mc.Swings[i], se, want.Swings[i])
				}
			}
			again, _ := Indices(tc.w, tc.opt)
			for i := range tc.w {
				if again.ShapleyShubik[i] != mc.ShapleyShubik[i] || again.Banzhaf[i] != mc.Banzhaf[i] {
					t.Fatal("the same seed must give the same estimate")
				}
			}
		})
	}
}

func TestDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    []float64
		opt  Options
		code string
	}{
		{"no actors", nil, Options{}, model.EDEGENERATE},
		{"all zero", []float64{0, 0, 0}, Options{}, model.EDEGENERATE},
		{"NaN weight", []float64{1, math.NaN()}, Options{}, model.EINVALID},
		{"infinite weight", []float64{math.Inf(1), 1}, Options{}, model.EINVALID},
		{"negative weight", []float64{1, -1}, Options{}, model.EINVALID},
		{"quota above the total", []float64{4, 4, 4, 2, 2, 1}, Options{Quota: 18}, model.EDEGENERATE},
		{"negative quota", []float64{1, 2}, Options{Quota: -1}, model.EINVALID},
		{"NaN quota", []float64{1, 2}, Options{Quota: math.NaN()}, model.EINVALID},
		{"share above 1", []float64{1, 2}, Options{Share: 1.5}, model.EINVALID},
		{"NaN share", []float64{1, 2}, Options{Share: math.NaN()}, model.EINVALID},
		{"quota and share", []float64{1, 2}, Options{Quota: 2, Share: 0.5}, model.EINVALID},
		{"exact limit too high", []float64{1, 2}, Options{ExactMax: 31}, model.EINVALID},
		{"negative samples", []float64{1, 2}, Options{Samples: -1}, model.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Indices(tc.w, tc.opt)
			if model.ErrorCode(err) != tc.code {
				t.Errorf("got %+v, %v; want code %s", r, err, tc.code)
			}
		})
	}
	// Quota exactly the total is unanimity, not an error.
	if _, err := Indices([]float64{4, 4, 4, 2, 2, 1}, Options{Quota: 17}); err != nil {
		t.Error(err)
	}
}

// TestRareSwings: with unanimity among 40 actors a random coalition almost
// never has a swinger; the Banzhaf estimate is withheld with a note, not NaN.
func TestRareSwings(t *testing.T) {
	w := make([]float64, 40)
	for i := range w {
		w[i] = 1
	}
	r, err := Indices(w, Options{Share: 1, Samples: 20000})
	if err != nil {
		t.Fatal(err)
	}
	if r.Note == "" {
		t.Error("want a note saying the Banzhaf index could not be estimated")
	}
	for i := range w {
		if math.IsNaN(r.Banzhaf[i]) || math.IsNaN(r.StdErrBanzhaf[i]) || !near(r.ShapleyShubik[i], 1./40, 4*r.StdErrShapleyShubik[i]+1e-12) {
			t.Fatalf("actor %d: %+v", i, r)
		}
	}
}

func weights(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	w := make([]float64, n)
	for i := range w {
		w[i] = rng.Float64() * 100 * (1 + rng.Float64()*9)
	}
	return w
}

func BenchmarkPower20Actors(b *testing.B) {
	w := weights(20)
	for b.Loop() {
		if _, err := Indices(w, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPower30ActorsExact(b *testing.B) {
	w := weights(30)
	for b.Loop() {
		if _, err := Indices(w, Options{ExactMax: 30}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPower40ActorsMonteCarlo(b *testing.B) {
	w := weights(40)
	for b.Loop() {
		if _, err := Indices(w, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPower12Actors is one issue of the default scenario's size.
func BenchmarkPower12Actors(b *testing.B) {
	w := weights(12)
	for b.Loop() {
		if _, err := Indices(w, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
