package bdm

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"parley/model"
)

// engine holds one run's constants and the per-round scratch arrays, so a
// round allocates almost nothing.
type engine struct {
	n                int
	sal              []float64 // salience/100: the probability an actor resists a challenge
	w                []float64 // weight c·s/100 (capabilities divided by their maximum if that is extreme)
	R, tol           float64   // range and the position tolerance 1e-9·R
	q                float64
	rounds           int
	leastMove, scBug bool

	// The state being analysed. Actors at exactly the same position form a
	// group: every vote sum depends on positions only, so it is computed once
	// per pair of groups.
	x      []float64
	mu     float64   // pre-round lower weighted median (used when Q < 1)
	order  []int     // actors by position, ties by index
	grp    []int     // actor → group
	gpos   []float64 // group positions, ascending
	gcnt   []float64 // group sizes
	gfirst []int     // members of group g are order[gfirst[g]:gfirst[g+1]], by index
	m      int       // number of groups
	delta  []float64 // m×m: δ(g,h) = |gpos_g − gpos_h|/R
	voter  []int     // actors with weight > 0, by position
	vx, vw []float64 // their positions and weights
	vg     []int     // their groups
	vr     []float64 // their exponents in the offer pass
	wu     []float64 // m×nv scratch: w_k·(|x_k − gpos_g|/R)^ρ_k
	s1, sr []float64 // m×m: S(g,h) = Σ_k max(0, v_k(g,h)) in the risk (ρ=1) and offer (ρ=r) passes
	d1, dr float64   // the global normalisers D(1) and D(r)
	pre    []float64 // m×(nv+1) prefix sums A_g[s] = Σ_{k<s} w_k·u_k(g)
	suf    []float64 // m×(nv+1) suffix sums B_g[s] = Σ_{k≥s} w_k·u_k(g)
	lsucc  []float64 // m×m: log(0.5 − 0.5·δ(g,h)), base of the success utility
	lfail  []float64 // m×m: log(0.5 + 0.5·δ(g,h)), base of the failure utility
	ldist  []float64 // m×m: log δ(g,h), δ = |gpos_g − gpos_h|/R (offer pass)
	tabs   [2]pairTab
	tab    int       // delta, lsucc, lfail and ldist are tabs[tab]'s; the other is the last state's
	oldg   []int     // scratch: the last state's group at each group's position, or −1
	us1    []float64 // m×m: the success and failure utilities at exponent 1 (risk pass)
	uf1    []float64
	p1     []float64 // m×m: P(g beats h) at exponent 1
	eh     []float64 // m scratch: a member of group h's gain from challenging actor i (risk pass)

	sec, riskIdx, risk []float64 // Sec_i, R_i, r_i

	blocked  []bool // n×n: blocked[i*n+j] when i and j never bargain directly (Options.NoBargain)
	blockBuf []bool // blocked's array, kept by the pool

	moves []Move // Run's moves so far (copied into the Result at the end)
}

func newEngine(in Input, opt Options) (*engine, error) {
	opt, R, err := validate(in, opt)
	if err != nil {
		return nil, err
	}
	n := len(in.Position)
	e, ok := enginePool.Get().(*engine)
	if !ok || e.n != n {
		e = allocEngine(n)
	}
	e.R, e.tol, e.q, e.rounds = R, 1e-9*R, opt.Q, opt.Rounds
	e.leastMove = opt.Compromise == CompromiseLeastMove
	e.scBug = opt.Capitulation == CapitulationSCBug
	e.x, e.mu, e.m, e.d1, e.dr, e.blocked = nil, 0, 0, 0, 0, nil
	e.tabs[0].m, e.tabs[1].m = 0, 0 // a new run: R may differ
	// SC is invariant to scaling every capability; rescale only when the
	// magnitudes could overflow or underflow, so ordinary data is used as is.
	cmax := slices.Max(in.Capability)
	scale := cmax > 1e100 || cmax < 1e-100
	for i, c := range in.Capability {
		if scale {
			c /= cmax
		}
		e.sal[i] = in.Salience[i] / 100
		e.w[i] = c * e.sal[i]
	}
	for _, p := range opt.NoBargain {
		a, b := p[0], p[1]
		if a < 0 || b < 0 || a >= n || b >= n || a == b {
			return nil, model.Invalid("options no-bargain pair", "two different actors",
				"the no-bargaining pair (%d, %d) does not name two different actors of %d", a+1, b+1, n)
		}
		if e.blocked == nil {
			if e.blockBuf == nil {
				e.blockBuf = make([]bool, n*n)
			}
			e.blocked = e.blockBuf
			clear(e.blocked)
		}
		e.blocked[a*n+b], e.blocked[b*n+a] = true, true
	}
	return e, nil
}

// pairTab holds the numbers of every pair of groups of one state (see
// pairTables).
type pairTab struct {
	m                          int       // number of groups; 0 = none (a new run)
	gpos                       []float64 // their positions, ascending
	delta, ldist, lsucc, lfail []float64 // m×m
}

// The engines' arrays are rewritten by every state they analyse, so runs
// hand them on through enginePool (a Monte Carlo makes thousands of runs;
// nothing in a Result points into them).
var enginePool sync.Pool

func allocEngine(n int) *engine {
	e := &engine{n: n}
	e.sal, e.w = make([]float64, n), make([]float64, n)
	e.order, e.grp, e.gfirst, e.voter = make([]int, n), make([]int, n), make([]int, 0, n+1), make([]int, 0, n)
	e.gpos, e.gcnt, e.vx, e.vw = make([]float64, n), make([]float64, n), make([]float64, 0, n), make([]float64, 0, n)
	e.wu, e.s1, e.sr = make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	e.vg, e.vr, e.oldg = make([]int, 0, n), make([]float64, n), make([]int, n)
	for k := range e.tabs {
		e.tabs[k] = pairTab{gpos: make([]float64, n), delta: make([]float64, n*n),
			ldist: make([]float64, n*n), lsucc: make([]float64, n*n), lfail: make([]float64, n*n)}
	}
	e.pre, e.suf = make([]float64, n*(n+1)), make([]float64, n*(n+1))
	e.us1, e.uf1, e.p1, e.eh = make([]float64, n*n), make([]float64, n*n), make([]float64, n*n), make([]float64, n)
	e.sec, e.riskIdx, e.risk = make([]float64, n), make([]float64, n), make([]float64, n)
	return e
}

// release hands e's arrays on; e must not be used again.
func (e *engine) release() {
	e.x, e.blocked = nil, nil
	enginePool.Put(e)
}

// xpow is b^r for r > 0, computed as exp(r·log b) (about twice as fast as
// math.Pow, within a few ulps of it), with b clamped at 0 (rounding must never
// make a base negative and a power NaN) and r = 1 taken exactly.
func xpow(b, r float64) float64 {
	if b <= 0 {
		return 0
	}
	if r == 1 {
		return b
	}
	return math.Exp(r * math.Log(b))
}

// log05 is log 0.5, the log of the base of the status-quo utility.
var log05 = math.Log(0.5)

// pow05 is xpow(0.5, r) with its log taken once.
func pow05(r float64) float64 {
	if r == 1 {
		return 0.5
	}
	return math.Exp(r * log05)
}

// Utilities returns the three utilities of a challenge across a distance
// delta (|x_a − x_b|/R, in [0,1]) for an actor with risk exponent r:
// success U_s = 2 − 4·(0.5 − 0.5δ)^r, failure U_f = 2 − 4·(0.5 + 0.5δ)^r and
// status quo U_sq = 2 − 4·0.5^r. A risk-averse actor (r > 1) values the status
// quo more, a risk-taker (r < 1) less.
func Utilities(delta, r float64) (success, failure, statusQuo float64) {
	return 2 - 4*xpow(0.5-0.5*delta, r), 2 - 4*xpow(0.5+0.5*delta, r), 2 - 4*xpow(0.5, r)
}

// utilities1 is Utilities(delta, 1) without the status quo: the bases
// themselves, clamped at 0 as xpow does.
func utilities1(delta float64) (success, failure float64) {
	s, f := 0.5-0.5*delta, 0.5+0.5*delta
	if s <= 0 {
		s = 0
	}
	if f <= 0 {
		f = 0
	}
	return 2 - 4*s, 2 - 4*f
}

// setState groups the actors by position and sorts the voters.
func (e *engine) setState(x []float64, mu float64) {
	e.x, e.mu = x, mu
	for i := range e.order {
		e.order[i] = i
	}
	sortByPosition(e.order, x)
	e.gfirst, e.voter, e.vx, e.vw, e.vg = e.gfirst[:0], e.voter[:0], e.vx[:0], e.vw[:0], e.vg[:0]
	m := 0
	for p, i := range e.order {
		if p == 0 || x[i] != x[e.order[p-1]] {
			e.gfirst = append(e.gfirst, p)
			e.gpos[m] = x[i]
			m++
		}
		e.grp[i] = m - 1
		if e.w[i] > 0 {
			e.voter, e.vx, e.vw, e.vg = append(e.voter, i), append(e.vx, x[i]), append(e.vw, e.w[i]), append(e.vg, m-1)
		}
	}
	e.gfirst = append(e.gfirst, len(e.order))
	for g := range m {
		e.gcnt[g] = float64(e.gfirst[g+1] - e.gfirst[g])
	}
	e.m = m
	e.pairTables()
}

// sortByPosition sorts the actors idx by position x, ties in the order given
// (a stable sort: the result is the one order by position then index). A
// few are sorted by insertion, which beats slices.SortStableFunc there.
func sortByPosition(idx []int, x []float64) {
	if len(idx) > 32 {
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
		return
	}
	for a := 1; a < len(idx); a++ {
		for b := a; b > 0 && x[idx[b]] < x[idx[b-1]]; b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
}

// pass computes, for every ordered pair of groups, S(g,h) = Σ_k max(0, v_k(g,h))
// with v_k(a,b) = w_k·[(|x_k − x_b|/R)^ρ_k − (|x_k − x_a|/R)^ρ_k], and returns
// the global normaliser D = Σ_k Σ_a Σ_b |v_k(a,b)| over every ordered pair of
// actors. rho nil means ρ = 1 for every voter.
//
// Read literally that is O(n³). But for groups g < h (gpos_g < gpos_h),
// v_k(g,h) > 0 exactly when voter k stands closer to g, i.e. below the
// midpoint, and the voters are sorted by position: they split into a prefix
// that prefers g and a suffix that prefers h (a voter on the midpoint has
// v = 0). With the prefix and suffix sums A_g[s] = Σ_{k<s} w_k·u_k(g) and
// B_g[s] = Σ_{k≥s} w_k·u_k(g), u_k(g) = (|x_k − gpos_g|/R)^ρ_k,
//
//	S(g,h) = A_h[s] − A_g[s],  S(h,g) = B_g[s] − B_h[s],
//
// so a pass is O(n²) instead of O(n³). Both sides of each difference sum the
// same voters: the rounding error is a few ulps of the larger side, negligible
// next to D (oracle_test.go checks D, P and every move against the literal
// O(n³) sums to 1e-12).
// Since v_k(b,a) = −v_k(a,b), D = 2·Σ_{g<h} n_g·n_h·(S(g,h) + S(h,g)).
func (e *engine) pass(rho []float64, S []float64) float64 {
	m, nv := e.m, len(e.voter)
	st := nv + 1
	A, B := e.pre[:m*st], e.suf[:m*st]
	if rho != nil {
		for k, i := range e.voter {
			e.vr[k] = rho[i]
		}
	}
	W := e.wu[:m*nv] // W[g*nv+k] = w_k·u_k(g)
	for g := range m {
		dg, wu := e.delta[g*m:(g+1)*m], W[g*nv:(g+1)*nv]
		if rho == nil {
			for k := range wu {
				wu[k] = e.vw[k] * dg[e.vg[k]]
			}
		} else {
			for k := range wu {
				// xpow(d, ρ_k), with log d from the table.
				d := dg[e.vg[k]]
				if d <= 0 {
					d = 0
				} else if r := e.vr[k]; r != 1 {
					d = math.Exp(r * e.ldist[g*m+e.vg[k]])
				}
				wu[k] = e.vw[k] * d
			}
		}
	}
	// The prefix and suffix sums, two groups at a time: the four chains of
	// additions, each in its own order, overlap in the processor.
	g := 0
	for ; g+1 < m; g += 2 {
		w0, w1 := W[g*nv:(g+1)*nv], W[(g+1)*nv:(g+2)*nv]
		a0, b0 := A[g*st:(g+1)*st], B[g*st:(g+1)*st]
		a1, b1 := A[(g+1)*st:(g+2)*st], B[(g+1)*st:(g+2)*st]
		a0[0], b0[nv], a1[0], b1[nv] = 0, 0, 0, 0
		for k := range nv {
			l := nv - 1 - k
			a0[k+1] = a0[k] + w0[k]
			b0[l] = b0[l+1] + w0[l]
			a1[k+1] = a1[k] + w1[k]
			b1[l] = b1[l+1] + w1[l]
		}
	}
	if g < m {
		w0, a0, b0 := W[g*nv:(g+1)*nv], A[g*st:(g+1)*st], B[g*st:(g+1)*st]
		a0[0], b0[nv] = 0, 0
		for k := range nv {
			l := nv - 1 - k
			a0[k+1] = a0[k] + w0[k]
			b0[l] = b0[l+1] + w0[l]
		}
	}
	var D float64
	for g := range m {
		ag, bg := A[g*st:(g+1)*st], B[g*st:(g+1)*st]
		S[g*m+g] = 0
		var Dg float64
		s := 0
		for h := g + 1; h < m; h++ {
			ah, bh := A[h*st:(h+1)*st], B[h*st:(h+1)*st]
			mid := e.gpos[g] + (e.gpos[h]-e.gpos[g])/2
			for s < nv && e.vx[s] < mid {
				s++
			}
			sgh, shg := max(ah[s]-ag[s], 0), max(bg[s]-bh[s], 0)
			S[g*m+h], S[h*m+g] = sgh, shg
			Dg += e.gcnt[h] * (sgh + shg)
		}
		D += e.gcnt[g] * Dg
	}
	return 2 * D
}

// pairTables fills, for every pair of groups, the distance δ between them
// and the logs the offer pass and the offers raise to each actor's own
// exponent: log δ (a voter stands exactly at its group's position, so its
// distance to a group is one between groups), and the logs of the bases of
// the success and failure utilities, log(0.5 − 0.5δ) and log(0.5 + 0.5δ).
//
// Most groups of a state stood at the same place in the state before
// (actors move onto others' positions), and the numbers of a pair depend
// on its two positions only: those are copied from the tables of the last
// state analysed, which are kept.
func (e *engine) pairTables() {
	m := e.m
	e.tab = 1 - e.tab
	t, prev := &e.tabs[e.tab], &e.tabs[1-e.tab]
	e.delta, e.ldist, e.lsucc, e.lfail = t.delta, t.ldist, t.lsucc, t.lfail
	// old[g]: the group of the last state at gpos[g], or −1. Both lists
	// of positions ascend.
	old, pm := e.oldg[:m], prev.m
	for g, pg := 0, 0; g < m; g++ {
		for pg < pm && prev.gpos[pg] < e.gpos[g] {
			pg++
		}
		old[g] = -1
		if pg < pm && prev.gpos[pg] == e.gpos[g] {
			old[g] = pg
		}
	}
	for g := range m {
		e.delta[g*m+g] = 0
		e.lsucc[g*m+g], e.lfail[g*m+g] = log05, log05
		for h := g + 1; h < m; h++ {
			var d, ld, ls, lf float64
			if og, oh := old[g], old[h]; og >= 0 && oh >= 0 {
				k := og*pm + oh
				d, ld, ls, lf = prev.delta[k], prev.ldist[k], prev.lsucc[k], prev.lfail[k]
			} else {
				d = math.Abs(e.gpos[h]-e.gpos[g]) / e.R
				ld, ls, lf = math.Log(d), math.Log(max(0.5-0.5*d, 0)), math.Log(0.5+0.5*d)
			}
			e.delta[g*m+h], e.delta[h*m+g] = d, d
			e.ldist[g*m+h], e.ldist[h*m+g] = ld, ld
			e.lsucc[g*m+h], e.lsucc[h*m+g] = ls, ls
			e.lfail[g*m+h], e.lfail[h*m+g] = lf, lf
		}
	}
	t.m = m
	copy(t.gpos, e.gpos[:m])
}

// prob is the SC probability that a beats b: S(a,b)/D, 0 when they stand
// together (|x_a − x_b| ≤ 1e-9·R) or nobody can vote.
func (e *engine) prob(S []float64, D float64, a, b int) float64 {
	if D <= 0 || math.Abs(e.x[a]-e.x[b]) <= e.tol {
		return 0
	}
	return S[e.grp[a]*e.m+e.grp[b]] / D
}

// gprob is prob for actors of groups g and h.
func (e *engine) gprob(S []float64, D float64, g, h int) float64 {
	if D <= 0 || math.Abs(e.gpos[g]-e.gpos[h]) <= e.tol {
		return 0
	}
	return S[g*e.m+h] / D
}

// qterm is T·U_b + (1−T)·U_w for a challenge by an actor at xa of one at xb,
// seen with exponent r: the Q < 1 term of the expected utility.
func (e *engine) qterm(xa, xb, r float64) float64 {
	ds, dab := math.Abs(xa-e.mu), math.Abs(xa-xb)
	z := 0.25 * (ds + dab) / e.R
	if ds < dab {
		return 2 - 4*xpow(0.5-z, r)
	}
	return 2 - 4*xpow(0.5+z, r)
}

// eu is EU = s_b·[P·U_s + (1−P)·U_f] + (1−s_b)·U_s − Q·U_sq − (1−Q)·qt,
// with s_b the salience of the challenged actor.
func (e *engine) eu(sb, p, us, uf, usq, qt float64) float64 {
	v := sb*(p*us+(1-p)*uf) + (1-sb)*us - e.q*usq
	if e.q < 1 {
		v -= (1 - e.q) * qt
	}
	return v
}

// analyze runs the risk pass (D(1), security, R_i, r_i) and the vote sums of
// the offer pass (D(r)) on positions x, whose lower weighted median is mu.
func (e *engine) analyze(x []float64, mu float64) {
	e.setState(x, mu)
	n := e.n
	e.d1 = e.pass(nil, e.s1)
	_, _, usq := Utilities(0, 1)
	// A rival j's gain from challenging i depends on j only through j's
	// group h: the utilities and the probability per pair of groups, then
	// per actor i the gain per group h, summed over the rivals in input order.
	m := e.m
	us1, uf1, p1, eh := e.us1[:m*m], e.uf1[:m*m], e.p1[:m*m], e.eh[:m]
	for g := range m {
		for h := g; h < m; h++ {
			us, uf := utilities1(e.delta[g*m+h])
			us1[g*m+h], us1[h*m+g], uf1[g*m+h], uf1[h*m+g] = us, us, uf, uf
		}
		for h := range m {
			p1[h*m+g] = e.gprob(e.s1, e.d1, h, g)
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range n {
		g := e.grp[i]
		for h := range m {
			var qt float64
			if e.q < 1 {
				qt = e.qterm(e.gpos[h], x[i], 1)
			}
			eh[h] = e.eu(e.sal[i], p1[h*m+g], us1[g*m+h], uf1[g*m+h], usq, qt)
		}
		var s float64
		for j := range n {
			if j != i {
				s += eh[e.grp[j]]
			}
		}
		e.sec[i] = s
		lo, hi = min(lo, s), max(hi, s)
	}
	for i, s := range e.sec {
		Ri := 0.0
		if hi-lo > 1e-12*max(math.Abs(hi), math.Abs(lo)) {
			Ri = (2*s - hi - lo) / (hi - lo)
		}
		e.riskIdx[i] = Ri
		e.risk[i] = (1 - Ri/3) / (1 + Ri/3)
	}
	e.dr = e.pass(e.risk, e.sr)
}

// offer is the best offer of one kind an actor has found so far.
type offer struct {
	ok       bool
	key, to  float64 // ranking key and destination
	eij, eji float64
	pij, pji float64
	j        int // counterpart
	kind     Kind
}

// better reports whether (key, j) beats the offer held: smaller key, ties by
// lowest j in input order.
func (o *offer) better(key float64, j int) bool {
	return !o.ok || key < o.key || (key == o.key && j < o.j)
}

// offers appends to moves the move each actor makes in round t, given the
// state analysed last. Every offer is computed on that pre-round state.
func (e *engine) offers(t int, moves []Move) []Move {
	for i := range e.n {
		if c := e.choose(t, i); c.Kind != "" {
			moves = append(moves, c)
		}
	}
	return moves
}

// choose is actor i's move in round t (Kind "" if it has no offer): it looks
// at every rival j not standing with it, classifies the pair by eij and eji,
// and takes the best confrontation, else the best compromise, else the best
// capitulation; ties go to the lowest j.
func (e *engine) choose(t, i int) Move {
	m := e.m
	xi, ri, gi, si := e.x[i], e.risk[i], e.grp[i], e.sal[i]
	usq := 2 - 4*pow05(ri)
	var conf, comp, capit offer
	// The groups from the nearest out, the nearer side first: once a
	// confrontation is found, a group farther away can offer none better
	// (the nearest wins) and a confrontation beats any other offer, so the
	// search stops there. Every offer ranks by (key, j), whatever the order
	// in which they are found.
	below, above := gi-1, gi+1
	for below >= 0 || above < m {
		var h int
		if above >= m || below >= 0 && math.Abs(xi-e.gpos[below]) <= math.Abs(xi-e.gpos[above]) {
			h, below = below, below-1
		} else {
			h, above = above, above+1
		}
		xh := e.gpos[h]
		if conf.ok && math.Abs(xi-xh) > conf.key {
			break
		}
		if math.Abs(xh-xi) <= e.tol {
			continue
		}
		var us, uf float64
		if ri == 1 {
			us, uf, _ = Utilities(e.delta[gi*m+h], 1)
		} else {
			us, uf = 2-4*math.Exp(ri*e.lsucc[gi*m+h]), 2-4*math.Exp(ri*e.lfail[gi*m+h])
		}
		var pij, pji, qij, qji float64
		if e.dr > 0 {
			pij, pji = e.sr[gi*m+h]/e.dr, e.sr[h*m+gi]/e.dr
		}
		if e.q < 1 {
			qij, qji = e.qterm(xi, xh, ri), e.qterm(xh, xi, ri)
		}
		// i's belief about j's gain uses i's own exponent and i's salience:
		// it is the same for every member of the group. So is everything
		// in i's gain but j's salience s_j: eij = s_j·win + (1−s_j)·U_s − sq,
		// the operations of eu in its order.
		eji := e.eu(si, pji, us, uf, usq, qji)
		if !(eji > 0) {
			continue // every kind of offer needs eji > 0
		}
		win, sq := pij*us+(1-pij)*uf, e.q*usq
		for _, j := range e.order[e.gfirst[h]:e.gfirst[h+1]] {
			if e.blocked != nil && e.blocked[i*e.n+j] {
				continue // they never bargain directly
			}
			sj := e.sal[j]
			eij := sj*win + (1-sj)*us - sq
			if e.q < 1 {
				eij -= (1 - e.q) * qij
			}
			switch {
			case eji > eij && eij > 0:
				if k := math.Abs(xi - xh); conf.better(k, j) {
					conf = offer{ok: true, key: k, to: xh, eij: eij, eji: eji, pij: pij, pji: pji, j: j}
				}
			case eij < 0 && eji > 0 && eji > math.Abs(eij):
				to := xi + (xh-xi)*math.Abs(eij/eji)
				to = min(max(to, min(xi, xh)), max(xi, xh))
				k := (math.Abs(eij)*xi + math.Abs(eji)*xh) / (math.Abs(eij) + math.Abs(eji))
				if e.leastMove {
					k = math.Abs(to - xi)
				}
				if comp.better(k, j) {
					comp = offer{ok: true, key: k, to: to, eij: eij, eji: eji, pij: pij, pji: pji, j: j}
				}
			case eij < 0 && eji > 0 && e.capitulates(eij, eji):
				if k := math.Abs(xi - xh); capit.better(k, j) {
					capit = offer{ok: true, key: k, to: xh, eij: eij, eji: eji, pij: pij, pji: pji, j: j}
				}
			}
		}
	}
	var o offer
	switch {
	case conf.ok:
		o, o.kind = conf, Confrontation
	case comp.ok:
		o, o.kind = comp, Compromise
	case capit.ok:
		o, o.kind = capit, Capitulation
	default:
		return Move{}
	}
	return Move{Round: t, Mover: i, Counterpart: o.j, Kind: o.kind,
		From: xi, To: o.to, EUSelf: o.eij, EUOther: o.eji, Risk: ri, PSelf: o.pij, POther: o.pji}
}

// capitulates is the capitulation test once eij < 0 < eji: eji < |eij|, or
// with the sc-bug option the published code's eji < |eji|, never true.
func (e *engine) capitulates(eij, eji float64) bool {
	if e.scBug {
		return eji < math.Abs(eji)
	}
	return eji < math.Abs(eij)
}
