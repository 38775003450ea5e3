package power

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"

	"parley/model"
)

const (
	// DefaultExactMax is the largest number of actors with positive weight
	// whose indices are computed exactly.
	DefaultExactMax = 20
	// MaxExact is the largest ExactMax accepted: 30 actors take about 50 ms.
	MaxExact = 30
	// DefaultSamples is the number of random orderings (Shapley–Shubik) and of
	// random coalitions (Banzhaf) the Monte-Carlo estimate draws: the standard
	// error of a Shapley–Shubik or raw Banzhaf estimate is then at most 0.0012.
	DefaultSamples = 200_000
	// MaxActors bounds the game: swing counts 2^(n−1) must stay finite.
	MaxActors = 1000
	// tol is the quota tolerance relative to the total weight (see the package comment).
	tol = 1e-9
)

// Options set the quota and how the indices are computed. The zero value is a
// simple majority, exact up to 20 actors, 200 000 samples, seed 0.
type Options struct {
	// Quota is the weight a coalition must reach to win, in the units of the
	// weights (e.g. 12 of the EEC's 17 votes). 0 = use Share.
	Quota float64
	// Share is the share of the total weight a coalition must reach to win,
	// in (0, 1] (e.g. 2/3 for a two-thirds majority). Quota and Share both 0
	// means a simple majority: strictly more than half the total weight.
	Share float64
	// ExactMax is the largest number of actors with positive weight computed
	// exactly; 0 = DefaultExactMax, at most MaxExact. Larger games are sampled.
	ExactMax int
	// Samples is the Monte-Carlo sample size; 0 = DefaultSamples.
	Samples int
	// Seed seeds the Monte-Carlo generator: the same seed, the same estimate.
	Seed uint64
}

// Result holds each actor's voting power, in the order of the weights.
type Result struct {
	// ShapleyShubik is the share of orderings in which the actor is pivotal;
	// the shares sum to 1.
	ShapleyShubik []float64
	// Banzhaf is the normalised Banzhaf index: the actor's share of all swings;
	// the shares sum to 1.
	Banzhaf []float64
	// BanzhafRaw is the probability that the actor swings a coalition of the
	// others drawn at random (each in or out with probability ½): η_i/2^(n−1).
	BanzhafRaw []float64
	// Swings is η_i, the number of coalitions of the others that lose without
	// the actor and win with it: whole numbers when Exact, else 2^(n−1)·BanzhafRaw
	// estimated.
	Swings []float64
	// Exact is true when the indices were enumerated, false when sampled.
	Exact bool
	// Samples is the Monte-Carlo sample size used (0 when Exact).
	Samples int
	// StdErrShapleyShubik, StdErrBanzhaf and StdErrBanzhafRaw are the standard
	// errors of the estimates, one per actor (zero when Exact). An estimate of
	// 0 with error 0 means the actor was never pivotal in the sample.
	StdErrShapleyShubik, StdErrBanzhaf, StdErrBanzhafRaw []float64
	// Quota is the weight a coalition needed to reach; when Strict it needed
	// strictly more (a simple majority of the total weight).
	Quota  float64
	Strict bool
	// Note explains an estimate that could not be made (empty when all is well).
	Note string
}

// Indices returns the Shapley–Shubik and Banzhaf indices of the weighted
// voting game with weights w (≥ 0, normally c_i·s_i) and the quota of opt.
// Actors with zero weight are never pivotal and get zero; they are left out of
// the computation, so only actors with positive weight count towards ExactMax.
// It returns an error when a weight is negative or not finite, every weight is
// zero, the quota is not positive or no coalition can reach it.
func Indices(w []float64, opt Options) (*Result, error) {
	n := len(w)
	if n == 0 {
		return nil, model.Degenerate("no actors: there is no vote to weigh")
	}
	if n > MaxActors {
		return nil, model.Invalid("voting power", "at most 1000 actors", "%d actors are too many for power indices", n)
	}
	var W float64
	var pos []int // actors with positive weight
	for i, x := range w {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, model.Invalid(fmt.Sprintf("actor %d weight", i+1), "finite", "actor %d's weight is not a finite number", i+1)
		}
		if x < 0 {
			return nil, model.Invalid(fmt.Sprintf("actor %d weight", i+1), "weight ≥ 0", "actor %d's weight is negative (%g)", i+1, x)
		}
		if x > 0 {
			pos = append(pos, i)
			W += x
		}
	}
	if W == 0 {
		return nil, model.Degenerate("every actor has zero weight (capability × salience): nobody can win a vote")
	}
	eps := tol * W
	r := &Result{}
	// A coalition of weight s wins when s > t.
	var t float64
	switch {
	case math.IsNaN(opt.Quota) || math.IsInf(opt.Quota, 0) || opt.Quota < 0:
		return nil, model.Invalid("quota", "quota > 0", "the quota must be a positive weight, not %g", opt.Quota)
	case math.IsNaN(opt.Share) || opt.Share < 0 || opt.Share > 1:
		return nil, model.Invalid("quota share", "0 < share ≤ 1", "the quota share must lie between 0 and 1, not %g", opt.Share)
	case opt.Quota > 0 && opt.Share > 0:
		return nil, model.Invalid("quota", "quota or share", "set a quota weight or a quota share, not both")
	case opt.Quota > 0:
		r.Quota, t = opt.Quota, opt.Quota-eps
	case opt.Share > 0:
		r.Quota = opt.Share * W
		t = r.Quota - eps
	default:
		r.Quota, r.Strict, t = W/2, true, W/2+eps
	}
	if t < 0 {
		return nil, model.Invalid("quota", "quota > 0", "a quota of %g lets a coalition of nobody win", r.Quota)
	}
	if t >= W-eps/2 {
		return nil, model.Degenerate("the quota %g exceeds the total weight %g: no coalition can win", r.Quota, W)
	}
	exactMax := opt.ExactMax
	if exactMax == 0 {
		exactMax = DefaultExactMax
	}
	if exactMax < 0 || exactMax > MaxExact {
		return nil, model.Invalid("exact limit", "0-30", "exact power indices are limited to %d actors, not %d", MaxExact, exactMax)
	}
	samples := opt.Samples
	if samples == 0 {
		samples = DefaultSamples
	}
	if samples < 0 {
		return nil, model.Invalid("samples", "samples > 0", "the number of Monte-Carlo samples must be positive, not %d", samples)
	}

	r.ShapleyShubik, r.Banzhaf, r.BanzhafRaw, r.Swings = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	r.StdErrShapleyShubik, r.StdErrBanzhaf, r.StdErrBanzhafRaw = make([]float64, n), make([]float64, n), make([]float64, n)
	pw := make([]float64, len(pos))
	for k, i := range pos {
		pw[k] = w[i]
	}
	if len(pos) <= exactMax {
		r.Exact = true
		exact(pw, t, pos, n, r)
	} else {
		r.Samples = samples
		rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
		sampleShapley(pw, t, pos, samples, rng, r)
		sampleBanzhaf(pw, t, pos, n, samples, rng, r)
	}
	return r, nil
}

// exact enumerates the game of the m = len(w) actors with positive weight and
// writes the indices of actor pos[k] from those of k; d = n − m actors with
// zero weight double every swing count (they may be in or out) and change
// nothing else.
func exact(w []float64, t float64, pos []int, n int, r *Result) {
	m := len(w)
	h := m / 2
	halves := [2]*half{newHalf(w, 0, h), newHalf(w, h, m)}
	// coef[k] = k!(m−1−k)!/m!, the Shapley–Shubik weight of a swing coalition of k others.
	coef := make([]float64, m)
	for k := range coef {
		coef[k] = 1 / (float64(m) * binomial(m-1, k))
	}
	swings := make([]int64, m) // by size k of the coalition of others
	var total float64
	for k := range m {
		own, other := halves[0], halves[1]
		if k >= h {
			own, other = halves[1], halves[0]
		}
		bit := uint32(1) << (k - own.first)
		lo, hi := t-w[k], t
		// For each coalition a of own's other members, lightest first, the
		// coalitions b of the other half with lo < a+b ≤ hi form a window
		// [jl, jh) of other.sums that only slides left as a grows; other.cum
		// counts them by size.
		clear(swings)
		K := other.size + 1
		jl, jh := len(other.sums), len(other.sums)
		for _, e := range own.all {
			if e.mask&bit != 0 {
				continue
			}
			for jh > 0 && e.sum+other.sums[jh-1] > hi {
				jh--
			}
			if jh == 0 {
				break // heavier coalitions win already
			}
			for jl > 0 && e.sum+other.sums[jl-1] > lo {
				jl--
			}
			if jl == jh {
				continue
			}
			ka := bits.OnesCount32(e.mask)
			ch, cl := other.cum[jh*K:jh*K+K], other.cum[jl*K:jl*K+K]
			for kb := range K {
				swings[ka+kb] += int64(ch[kb] - cl[kb])
			}
		}
		var eta int64
		var ss float64
		for s, c := range swings {
			eta += c
			ss += float64(c) * coef[s]
		}
		i := pos[k]
		r.ShapleyShubik[i] = ss
		r.Swings[i] = math.Ldexp(float64(eta), n-m)
		r.BanzhafRaw[i] = math.Ldexp(float64(eta), 1-m)
		total += float64(eta)
	}
	for _, i := range pos {
		r.Banzhaf[i] = r.Swings[i] / math.Ldexp(total, n-m)
	}
}

// half lists every coalition of the actors first..first+size−1 of a game,
// sorted by weight: all[j] is the j-th lightest, sums[j] its weight, and
// cum[j·(size+1)+k] the number of coalitions of k members among the j lightest.
type half struct {
	first, size int
	all         []entry
	sums        []float64
	cum         []int32
}

type entry struct {
	sum  float64
	mask uint32
}

func newHalf(w []float64, first, end int) *half {
	m := end - first
	hf := &half{first: first, size: m, all: make([]entry, 1<<m), sums: make([]float64, 1<<m)}
	for mask := range hf.all {
		var s float64
		if mask > 0 {
			s = hf.all[mask&(mask-1)].sum + w[first+bits.TrailingZeros(uint(mask))]
		}
		hf.all[mask] = entry{s, uint32(mask)}
	}
	slices.SortFunc(hf.all, func(a, b entry) int {
		if c := cmpFloat(a.sum, b.sum); c != 0 {
			return c
		}
		return int(a.mask) - int(b.mask)
	})
	K := m + 1
	hf.cum = make([]int32, (len(hf.all)+1)*K)
	for j, e := range hf.all {
		hf.sums[j] = e.sum
		copy(hf.cum[(j+1)*K:(j+2)*K], hf.cum[j*K:(j+1)*K])
		hf.cum[(j+1)*K+bits.OnesCount32(e.mask)]++
	}
	return hf
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func binomial(n, k int) float64 {
	c := 1.0
	for j := 1; j <= k; j++ {
		c = c * float64(n-k+j) / float64(j)
	}
	return math.Round(c)
}

// sampleShapley estimates Shapley–Shubik indices from random orderings: in
// each, actors join one by one until the coalition wins, and the one who tips
// it is the pivot. The ordering is shuffled only as far as the pivot.
func sampleShapley(w []float64, t float64, pos []int, samples int, rng *rand.Rand, r *Result) {
	m := len(w)
	perm := make([]int, m)
	for k := range perm {
		perm[k] = k
	}
	pivots := make([]int64, m)
	for range samples {
		var s float64
		for j := range m {
			x := j + rng.IntN(m-j)
			perm[j], perm[x] = perm[x], perm[j]
			if s += w[perm[j]]; s > t {
				pivots[perm[j]]++
				break
			}
		}
	}
	for k, i := range pos {
		p := float64(pivots[k]) / float64(samples)
		r.ShapleyShubik[i] = p
		r.StdErrShapleyShubik[i] = math.Sqrt(p * (1 - p) / float64(samples))
	}
}

// sampleBanzhaf estimates Banzhaf indices from random coalitions S of all
// actors; every draw tells, for each actor, whether it swings the coalition
// of the others. If S wins (weight s > t), its swingers are the members with
// w_i ≥ s − t; if it loses, the outsiders with w_i > t − s: with the actors
// sorted by weight, a draw costs its sum plus its swingers. The normalised
// index is a ratio of estimates, so its standard error comes from the delta
// method with the swings' covariance.
func sampleBanzhaf(w []float64, t float64, pos []int, n, samples int, rng *rand.Rand, r *Result) {
	m := len(w)
	order := make([]int, m) // heaviest first
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(w[b], w[a]) })
	ws := make([]float64, m) // weights in that order
	for j, k := range order {
		ws[j] = w[k]
	}
	words := make([]uint64, (m+63)/64)
	cnt := make([]float64, m) // Σ X_i: draws in which i swings
	xy := make([]float64, m)  // Σ X_i·Y, Y = number of swingers in the draw
	var sy, syy float64
	swing := make([]int, 0, m)
	for range samples {
		for j := range words {
			words[j] = rng.Uint64()
		}
		var s float64
		for j, x := range ws {
			s += x * float64(words[j>>6]>>(j&63)&1)
		}
		swing = swing[:0]
		wins := s > t
		for j, x := range ws {
			member := words[j>>6]>>(j&63)&1 == 1
			if wins && member && s-x <= t || !wins && !member && s+x > t {
				swing = append(swing, j)
			} else if wins && s-x > t || !wins && s+x <= t {
				break // lighter actors cannot swing this coalition either
			}
		}
		y := float64(len(swing))
		sy += y
		syy += y * y
		for _, j := range swing {
			cnt[order[j]]++
			xy[order[j]] += y
		}
	}
	M := float64(samples)
	P, EYY := sy/M, syy/M
	if P == 0 {
		r.Note = fmt.Sprintf("no actor swung any of %d random coalitions: the Banzhaf index cannot be estimated (raise the number of samples)", samples)
		return
	}
	varY := max(0, EYY-P*P)
	for k, i := range pos {
		p := cnt[k] / M
		b := p / P
		cov := xy[k]/M - p*P
		r.BanzhafRaw[i] = p
		r.StdErrBanzhafRaw[i] = math.Sqrt(p * (1 - p) / M)
		r.Swings[i] = math.Ldexp(p, n-1)
		r.Banzhaf[i] = b
		r.StdErrBanzhaf[i] = math.Sqrt(max(0, p*(1-p)-2*b*cov+b*b*varY)/M) / P
	}
}
