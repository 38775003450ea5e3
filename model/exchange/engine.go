package exchange

import (
	"context"
	"math"
	"sync"
)

// Tolerances of EXCHANGE.md §4 and §7, on the 0-100 scale.
const (
	eps     = 1e-9  // T2-T4: left test, bounds, Σ moves, crossing check; M1 ties
	minMove = 1e-10 // a move this small is no move
	minGain = 1e-10 // an exchange gaining less is no exchange
)

// Adoption weights of §3.10: a supplier adopts w = fixedWeight + salienceWeight·(1 − s) of its concession.
const (
	fixedWeight    = 0.1
	salienceWeight = 0.4
)

type engine struct {
	ctx     context.Context // RunContext's: a cancelled round stops early (its result is dropped)
	n, m    int
	rounds  int
	variant Variant
	has     [][]bool    // [a][d] a has a stance on d
	active  [][]bool    // [a][d] and it may trade on d (s > 0, c > 0)
	x       [][]float64 // [a][d] policy positions, normalised 0-100
	sal     [][]float64 // [a][d] salience 0-1
	w       [][]float64 // [a][d] capability × salience
	pow     [][]float64 // [a][d] capability
	s       []float64   // [d] Σ_a w
	lo, k   []float64   // [d] scale: normalised = (raw − lo)·k

	x0   [][]float64 // round-start positions (= x during a round)
	num0 []float64   // [d] Σ_a w·x0: the round-start outcome's numerator
	// fsal, fw and fx0 are sal, w and x0 flat ([a·m + d]), for the inner loops.
	fsal, fw, fx0 []float64
	// invS = 1/S_d; wOverS and sOverW = W_kd/S_d and its inverse ([a·m + d],
	// 0 where W is 0): multiplications instead of divisions in the inner loops.
	invS, wOverS, sOverW []float64
	// ratio[a·m·m + p·m + q] = sal[a][p]/sal[a][q], for p < q on which a
	// may trade: how newCand orients a candidate (§3.4).
	ratio []float64
	cands []cand
	live  []int32   // candidates still in the list, in creation order
	gain  []float64 // [li] the gain of candidate live[li] (dead: −∞), scanned in order by pick
	at    []int32   // [k] where candidate k is in live
	// stamp[k] is the last execution that visited candidate k (0: none),
	// or gone once it is dropped: one load tells the index walk both.
	stamp []int32
	// index[actor·m + issue] lists the candidates with a side of that actor
	// supplying that issue; index[n·m + actor·m + issue], demanding it.
	index    [][]int32
	run      []float64 // backing store of Round.Running
	exec     []int32
	lastExec int // exchanges of the previous round: a guess at this one's
	lean     bool
	// vote and spare are the voting positions of the round being played and
	// the store the next policy positions are written to (it then swaps with x).
	vote, spare [][]float64
	// O and groups are formCandidates' store: the outcomes and the actors
	// by side of them, for one pair of issues.
	O      []float64
	groups [4][]int
	// What a pooled engine keeps for its next run: the backing arrays of
	// the tables, the rows x starts on and the spare rows, and whether the
	// flat copies of this run are made (flat).
	flags            []bool
	nums             []float64
	xRows, spareRows [][]float64
	flat             bool
}

// enginePool keeps engines (their tables, positions and flat copies) for
// the next run of the same size: a Monte Carlo runs thousands.
var enginePool sync.Pool

// takeEngine returns an engine for n actors and m issues with its tables
// zeroed, from the pool when one of that size is there.
func takeEngine(n, m int) *engine {
	e, ok := enginePool.Get().(*engine)
	if !ok || e.n != n || e.m != m {
		e = &engine{n: n, m: m,
			has: make([][]bool, n), active: make([][]bool, n), sal: make([][]float64, n), w: make([][]float64, n), pow: make([][]float64, n),
			xRows: make([][]float64, n), spareRows: rows(n, m), vote: rows(n, m),
			flags: make([]bool, 2*n*m), nums: make([]float64, 4*n*m+3*m)}
	} else {
		clear(e.flags)
		clear(e.nums)
	}
	// The positions swap with the spare store every round: start from the
	// rows cut from nums again.
	e.x, e.spare = e.xRows, e.spareRows
	e.x0, e.flat, e.lastExec = nil, false, 0
	return e
}

// releaseEngine puts e back for another run; nothing of it may be used after.
func releaseEngine(e *engine) {
	e.ctx = nil
	enginePool.Put(e)
}

// scratch is an engine's working store: the candidate table and the lists
// over it. Runs reuse it through a pool (a Monte Carlo makes thousands), so
// a run allocates little beyond its result.
type scratch struct {
	cands             []cand
	live, stamp, exec []int32
	at                []int32
	gain              []float64
	index             [][]int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (e *engine) takeScratch() {
	w := scratchPool.Get().(*scratch)
	e.cands, e.live, e.stamp, e.exec, e.gain, e.at = w.cands[:0], w.live[:0], w.stamp[:0], w.exec[:0], w.gain[:0], w.at[:0]
	if len(w.index) < 2*e.n*e.m {
		w.index = make([][]int32, 2*e.n*e.m)
	}
	e.index = w.index[:2*e.n*e.m]
}

func (e *engine) giveScratch() {
	// The candidates keep their overflow updates' stores for the next run
	// (newCand empties them): a Monte Carlo would otherwise allocate them
	// anew every draw.
	w := &scratch{cands: e.cands[:0], live: e.live[:0], stamp: e.stamp[:0], exec: e.exec[:0], gain: e.gain[:0], at: e.at[:0], index: e.index}
	e.cands, e.live, e.stamp, e.exec, e.gain, e.at, e.index = nil, nil, nil, nil, nil, nil, nil
	scratchPool.Put(w)
}

// side is one party of a candidate (§3.4).
type side struct {
	actor, supply, demand int
	ks, kd                int // actor·m + supply and actor·m + demand: its cells in the flat tables
	x, start, target, y   float64
	moves                 hist
	ob, oa                float64
}

func (s *side) last() float64 { return s.moves.last }
func (s *side) dropLast()     { s.moves.pop() }

// hist is a side's moves history (§3.6), kept as what V reads of it: the
// count, the sum, how many are positive and negative, and the last move.
// Between two pushes at most one move is popped (§3.9), so the last is
// always known when it is read. It holds no pointer, so the candidate table
// costs the garbage collector nothing.
type hist struct {
	n, pos, neg int32
	sum, last   float64
}

// push and pop count signs without branching on them: a move's sign is
// what the branch predictor cannot guess.
func (h *hist) push(m float64) {
	h.n++
	h.sum += m
	h.pos += b2i(m > 0)
	h.neg += b2i(m < 0)
	h.last = m
}

// pop drops the last move; on an empty history it does nothing. The sum of
// an empty history is +0 (as a new one's), so a pop to empty sets it to +0
// and a pop on empty leaves it there.
func (h *hist) pop() {
	nz := b2i(h.n != 0)
	h.n -= nz
	h.pos -= nz & b2i(h.last > 0)
	h.neg -= nz & b2i(h.last < 0)
	keep := -uint64(b2i(h.n != 0))
	h.sum = math.Float64frombits(math.Float64bits(h.sum-h.last) & keep)
}

// negIf is −v when neg and v otherwise, without a branch (negation flips
// the sign bit, nothing else).
func negIf(v float64, neg bool) float64 {
	return math.Float64frombits(math.Float64bits(v) ^ uint64(b2i(neg))<<63)
}

// b2i is 1 for true and 0 for false, without a branch.
func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func (h *hist) setLast(m float64) { h.pop(); h.push(m) }

type upd struct {
	issue, actor int32
	v            float64
}

// cand is a candidate exchange: I supplies q = I.supply and demands p; J the reverse.
type cand struct {
	i, j side
	// updates are the positions this candidate knows moved (§3.9 step 2):
	// the first few inline, any more in more.
	upd0  [6]upd
	more  []upd
	gain  float64
	nupd  int32
	valid bool
}

func (e *engine) outcome(pos [][]float64, d int) float64 { return e.numerator(pos, d) / e.s[d] }

func (e *engine) numerator(pos [][]float64, d int) float64 {
	var num float64
	for a := 0; a < e.n; a++ {
		if e.has[a][d] {
			num += e.w[a][d] * pos[a][d]
		}
	}
	return num
}

// outcomeE is O_E of §3.7: the round-start outcome on d with c's updates and
// actor at pos (set last). It adjusts the round-start numerator num0 rather
// than summing every actor again.
func (e *engine) outcomeE(c *cand, d, actor int, pos float64) float64 {
	num := e.num0[d] + e.fw[(actor)*e.m+(d)]*(pos-e.fx0[(actor)*e.m+(d)])
	d32, a32 := int32(d), int32(actor)
	for k := range int(c.nupd) {
		if u := c.upd(k); u.issue == d32 && u.actor != a32 {
			num += e.fw[int(u.actor)*e.m+d] * (u.v - e.fx0[int(u.actor)*e.m+d])
		}
	}
	return num * e.invS[d]
}

// outcomeE2 is outcomeE at two positions of actor, pos0 and pos1, in one
// walk of c's updates; each sum takes the same operations in the same order.
// k0 is actor·m + d.
func (e *engine) outcomeE2(c *cand, d, actor, k0 int, pos0, pos1 float64) (float64, float64) {
	w, x0, num := e.fw[k0], e.fx0[k0], e.num0[d]
	n0, n1 := num+w*(pos0-x0), num+w*(pos1-x0)
	d32, a32 := int32(d), int32(actor)
	for k := range int(c.nupd) {
		if u := c.upd(k); u.issue == d32 && u.actor != a32 {
			t := e.fw[int(u.actor)*e.m+d] * (u.v - e.fx0[int(u.actor)*e.m+d])
			n0 += t
			n1 += t
		}
	}
	return n0 * e.invS[d], n1 * e.invS[d]
}

func (c *cand) upd(k int) *upd {
	if k < len(c.upd0) {
		return &c.upd0[k]
	}
	return &c.more[k-len(c.upd0)]
}

func (c *cand) addUpd(u upd) {
	if int(c.nupd) < len(c.upd0) {
		c.upd0[c.nupd] = u
	} else {
		c.more = append(c.more, u)
	}
	c.nupd++
}

// validMove is V of §3.6 with T3's tolerances; s.moves already ends with m.
func validMove(s *side, m float64) bool {
	am := math.Abs(m)
	if am > 100+eps || am <= minMove {
		return false
	}
	if y := s.x + m; y < -eps || y > 100+eps {
		return false
	}
	h := &s.moves
	if h.sum > 100+eps {
		return false
	}
	return b2i(h.pos == h.n)|b2i(h.neg == h.n) != 0 // every move one way
}

// compute sizes c by the equal-gain rule (§3.5) from its current positions
// and moves histories, appending the new moves, then runs the crossing checks.
func (e *engine) compute(c *cand) {
	I, J := &c.i, &c.j
	// I supplies q = I.supply (its ks) and demands p = J.supply (kd); J the reverse.
	sIp, sIq := e.fsal[I.kd], e.fsal[I.ks]
	sJp, sJq := e.fsal[J.ks], e.fsal[J.kd]
	dJ, dI := math.Abs(J.target-J.x), math.Abs(I.target-I.x)
	dOp := dJ * e.wOverS[J.ks]
	dOq := dOp * (sIp + sJp) / (sIq + sJq)
	mI := dOq * e.sOverW[I.ks]
	mJ := dJ
	if mI > dI {
		dOq = dI * e.wOverS[I.ks]
		dOp = dOq * (sIq + sJq) / (sIp + sJp)
		mI = dI
		mJ = dOp * e.sOverW[J.ks]
	}
	mI, mJ = negIf(mI, I.x > I.target), negIf(mJ, J.x > J.target)
	I.moves.push(mI)
	J.moves.push(mJ)
	I.y, J.y = I.x+mI, J.x+mJ
	c.gain = math.Abs(sIp*dOp - sIq*dOq)
	c.valid = validMove(I, mI) && validMove(J, mJ) && !(c.gain < minGain)
	if c.valid {
		// The moves were just found valid: check them again only if a
		// crossing check resized them.
		if ci, cj := e.cross(c, I, J), e.cross(c, J, I); ci || cj {
			c.valid = validMove(I, I.last()) && validMove(J, J.last())
		}
	}
}

// cross is the outcome-crossing check of §3.7 for side s (partner o), with
// T4. It reports whether it resized the moves.
func (e *engine) cross(c *cand, s, o *side) bool {
	a := s.supply // = o.demand; o.supply = s.demand
	t := s.target
	o0, o1 := e.outcomeE2(c, a, s.actor, s.ks, s.x, s.y)
	d0, d1 := t-o0, t-o1
	if math.Abs(d0) < eps {
		d0 = 0
	}
	if math.Abs(d1) < eps {
		d1 = 0
	}
	if d0*d1 < 0 || (d0 == 0 && d1 != 0) {
		ms := math.Abs(d0) * e.sOverW[s.ks]
		dOa := math.Abs(d0)
		dOb := dOa * (e.fsal[s.ks] + e.fsal[o.kd]) / (e.fsal[s.kd] + e.fsal[o.ks])
		mo := dOb * e.sOverW[o.ks]
		if s.x > s.target {
			ms = -ms
		}
		if o.x > o.target {
			mo = -mo
		}
		s.moves.setLast(ms)
		o.moves.setLast(mo)
		s.y, o.y = s.x+ms, o.x+mo
		c.gain = math.Abs(e.fsal[o.ks]*dOb - e.fsal[o.kd]*dOa)
		o1 = e.outcomeE(c, a, s.actor, s.y)
		s.ob, s.oa = o0, o1
		return true
	}
	s.ob, s.oa = o0, o1
	return false
}

// newCand forms the candidate between u and v on issues p < q (§3.3-§3.4).
func (e *engine) newCand(u, v, p, q int) {
	iA, jA := u, v
	m := e.m
	if pq := p*m + q; e.ratio[u*m*m+pq] < e.ratio[v*m*m+pq] {
		iA, jA = v, u
	}
	x := e.x0
	// formCandidates made room for every candidate: take the next slot and
	// set what compute reads (an earlier round's updates are dropped, their
	// store kept).
	e.cands = e.cands[:len(e.cands)+1]
	c := &e.cands[len(e.cands)-1]
	c.i.set(iA, q, p, m, x[iA][q], x[jA][q])
	c.j.set(jA, p, q, m, x[jA][p], x[iA][p])
	c.nupd, c.more = 0, c.more[:0]
	e.compute(c)
}

// set makes s a new side: actor supplies supply, from x, toward target, and
// demands demand; no moves yet. (Field by field: a side literal would be
// built aside and copied.) compute sets y; cross sets ob and oa whenever the
// candidate is valid, and only a valid one is ever executed and recorded.
func (s *side) set(actor, supply, demand, m int, x, target float64) {
	s.actor, s.supply, s.demand = actor, supply, demand
	s.ks, s.kd = actor*m+supply, actor*m+demand
	s.x, s.start, s.target = x, x, target
	s.moves = hist{}
}

// update recomputes E after X was executed (§3.9): E.gain and E.valid are
// then current.
func (e *engine) update(E, X *cand) {
	// Step 1, in the order (E.i, X.i), (E.i, X.j), (E.j, X.i), (E.j, X.j).
	// Two sides have the same actor and supply exactly when their cells ks
	// (actor·m + supply) are the same.
	matched := false
	if E.i.ks == X.i.ks {
		e.follow(E, &E.i, &X.i)
		matched = true
	}
	if E.i.ks == X.j.ks {
		e.follow(E, &E.i, &X.j)
		matched = true
	}
	if E.j.ks == X.i.ks {
		e.follow(E, &E.j, &X.i)
		matched = true
	}
	if E.j.ks == X.j.ks {
		e.follow(E, &E.j, &X.j)
		matched = true
	}
	// Step 2: X's demander D got M's move, (D, M) = (X.j, X.i) then (X.i, X.j).
	applied := false
	if E.demands(&X.j) {
		E.apply(&X.j, &X.i, !matched)
		applied = true
	}
	if E.demands(&X.i) {
		E.apply(&X.i, &X.j, !applied && !matched)
		applied = true
	}
	if !matched && !applied {
		return
	}
	// A candidate whose new move would go against a side's history is
	// invalid (§3.6), and is dropped without its gain being read: skip the
	// sizing. (About a third of the updates on Muscat end so.)
	if against(&E.i) || against(&E.j) {
		E.valid = false
		return
	}
	e.compute(E)
}

// against reports whether s's next move, whatever its size, would break V's
// "every move one way" (§3.6): compute moves s toward its target (down when
// s.x > s.target, else up, or not at all, which V refuses too), so a history
// with a move the other way makes it invalid.
func against(s *side) bool {
	h := &s.moves
	if s.x > s.target {
		return h.neg != h.n
	}
	return h.pos != h.n
}

// follow is step 1 for E's side es, which supplies what X's side xs supplied.
func (e *engine) follow(E *cand, es, xs *side) {
	es.x = xs.y
	if e.variant == VariantA {
		es.moves.push(xs.last())
		E.i.dropLast()
		E.j.dropLast()
	} else {
		E.i.dropLast()
		E.j.dropLast()
		es.moves.push(xs.last())
	}
}

// demands reports whether a side of c is D's actor demanding D's demand
// issue (the same cell kd = actor·m + demand).
func (c *cand) demands(D *side) bool {
	return b2i(c.i.kd == D.kd)|b2i(c.j.kd == D.kd) != 0
}

// apply is step 2 for c: M's move on D's demand issue is an update; drop
// drops the last moves (the first time step 2 applies, when step 1 did not).
func (c *cand) apply(D, M *side, drop bool) {
	found := false
	issue, actor := int32(D.demand), int32(M.actor)
	for k := range int(c.nupd) {
		u := c.upd(k)
		if u.issue == issue && u.actor == actor {
			found = true
			if M.start <= u.v {
				u.v = math.Min(u.v, M.y)
			} else {
				u.v = math.Max(u.v, M.y)
			}
		}
	}
	if !found {
		c.addUpd(upd{issue: issue, actor: actor, v: M.y})
	}
	if drop {
		c.i.dropLast()
		c.j.dropLast()
	}
}

// formCandidates forms every candidate of the round in creation order (§3.3).
func (e *engine) formCandidates() {
	n, m := e.n, e.m
	if e.O == nil {
		e.O = make([]float64, m)
	}
	O := e.O
	for d := 0; d < m; d++ {
		O[d] = e.outcome(e.x, d)
	}
	// Count first, so every store is allocated once.
	count := 0
	for p := 0; p < m; p++ {
		for q := p + 1; q < m; q++ {
			var g [4]int
			for a := 0; a < n; a++ {
				if e.active[a][p] && e.active[a][q] {
					k := 0
					if e.x[a][p] <= O[p]+eps {
						k++
					}
					if e.x[a][q] <= O[q]+eps {
						k += 2
					}
					g[k]++
				}
			}
			count += g[0]*g[3] + g[1]*g[2]
		}
	}
	if cap(e.cands) < count {
		e.cands = make([]cand, 0, count)
	}
	e.cands = e.cands[:0]
	groups := &e.groups
	for p := 0; p < m; p++ {
		for q := p + 1; q < m; q++ {
			if e.ctx != nil && e.ctx.Err() != nil {
				e.cands = e.cands[:0] // RunContext drops this round
				return
			}
			for g := range groups {
				groups[g] = groups[g][:0]
			}
			for a := 0; a < n; a++ {
				if !e.active[a][p] || !e.active[a][q] {
					continue
				}
				g := 0
				if e.x[a][p] <= O[p]+eps {
					g++
				}
				if e.x[a][q] <= O[q]+eps {
					g += 2
				}
				groups[g] = append(groups[g], a)
			}
			for _, u := range groups[0] {
				for _, v := range groups[3] {
					e.newCand(u, v, p, q)
				}
			}
			for _, u := range groups[1] {
				for _, v := range groups[2] {
					e.newCand(u, v, p, q)
				}
			}
		}
	}
}

// begin fixes the round-start positions.
func (e *engine) begin() {
	e.x0 = e.x
	if !e.flat {
		e.flat = true
		e.fsal, e.fw = e.fsal[:0], e.fw[:0]
		for a := 0; a < e.n; a++ {
			e.fsal = append(e.fsal, e.sal[a]...)
			e.fw = append(e.fw, e.w[a]...)
		}
		e.invS = e.invS[:0]
		for d := 0; d < e.m; d++ {
			e.invS = append(e.invS, 1/e.s[d])
		}
		m := e.m
		if len(e.ratio) != e.n*m*m {
			e.ratio = make([]float64, e.n*m*m)
		}
		for a := 0; a < e.n; a++ {
			for p := 0; p < m; p++ {
				for q := p + 1; q < m; q++ {
					if e.active[a][p] && e.active[a][q] {
						e.ratio[a*m*m+p*m+q] = e.sal[a][p] / e.sal[a][q]
					}
				}
			}
		}
		if len(e.wOverS) != e.n*e.m {
			e.wOverS, e.sOverW = make([]float64, e.n*e.m), make([]float64, e.n*e.m)
		}
		for k, w := range e.fw {
			e.wOverS[k], e.sOverW[k] = 0, 0
			if w > 0 {
				e.wOverS[k], e.sOverW[k] = w/e.s[k%e.m], e.s[k%e.m]/w
			}
		}
	}
	e.fx0 = e.fx0[:0]
	for a := 0; a < e.n; a++ {
		e.fx0 = append(e.fx0, e.x[a]...)
	}
	e.num0 = e.num0[:0]
	for d := 0; d < e.m; d++ {
		e.num0 = append(e.num0, e.numerator(e.x, d))
	}
}

// round plays round r (§2) and moves the policy positions on (§3.10).
func (e *engine) round(r int) Round {
	m, nm := e.m, e.n*e.m
	e.begin()
	rd := Round{Round: r, Preference: make([]float64, m), Voting: make([]float64, m)}
	for d := 0; d < m; d++ {
		rd.Preference[d] = e.raw(d, e.outcome(e.x, d))
	}
	if !e.lean {
		rd.PreferencePositions = e.rawPositions(e.x)
	}

	e.formCandidates()
	rd.Candidates = len(e.cands)
	e.live, e.gain, e.stamp, e.at = e.live[:0], e.gain[:0], e.stamp[:0], e.at[:0]
	for key := range e.index {
		e.index[key] = e.index[key][:0]
	}
	for k := range e.cands {
		c := &e.cands[k]
		e.live = append(e.live, int32(k))
		e.gain = append(e.gain, c.gain)
		e.at = append(e.at, int32(k))
		e.stamp = append(e.stamp, 0)
		for _, sd := range [2]*side{&c.i, &c.j} {
			s, d := sd.ks, nm+sd.kd
			e.index[s] = append(e.index[s], int32(k))
			e.index[d] = append(e.index[d], int32(k))
		}
	}

	// Execute the best until none is left (§3.8).
	e.exec = e.exec[:0]
	vote := e.vote
	copyRows(vote, e.x)
	var run []float64
	if !e.lean {
		rd.Exchanges = make([]Exchange, 0, e.lastExec+8)
		run = make([]float64, 0, (e.lastExec+8)*m)
	}
	// A dropped candidate's gain is −∞ (an alive one's is ≥ 0), so the search
	// for the best skips it without looking at its stamp; live keeps dropped
	// candidates (ndead of them) until they are half of it, and stays in
	// creation order.
	dead := math.Inf(-1)
	ndead := 0
	for picks := 1; ; picks++ {
		if picks%16 == 0 && e.ctx != nil && e.ctx.Err() != nil {
			break // RunContext drops this round and returns ctx's error
		}
		if 2*ndead > len(e.live) {
			n := 0
			for li, k := range e.live {
				if e.stamp[k] != gone {
					e.live[n], e.gain[n], e.at[k] = k, e.gain[li], int32(n)
					n++
				}
			}
			e.live, e.gain, ndead = e.live[:n], e.gain[:n], 0
		}
		pick := e.pick(dead)
		if pick < 0 { // nothing alive
			break
		}
		k := e.live[pick]
		e.stamp[k], e.gain[pick] = gone, dead
		ndead++
		X := &e.cands[k]
		if !X.valid {
			continue
		}
		e.exec = append(e.exec, k)
		// Recompute every valid candidate X can affect (§3.9: a side with
		// X's actor supplying X's supply issue, or demanding its demand
		// issue; no other candidate changes); each depends only on X and
		// itself, so the order does not matter. Then drop the invalid.
		// The index lists lose their dropped candidates as they are walked.
		stamp := int32(len(e.exec))
		if len(e.exec) == 1 { // the first execution drops every candidate invalid from the start
			for li, l := range e.live {
				if e.stamp[l] != gone && !e.cands[l].valid {
					e.stamp[l], e.gain[li] = gone, dead
					ndead++
				}
			}
		}
		for _, x := range [2]*side{&X.i, &X.j} {
			for _, key := range [2]int{x.ks, nm + x.kd} {
				list := e.index[key]
				kept := list[:0]
				for _, l := range list {
					st := e.stamp[l]
					if st == gone {
						continue
					}
					if st != stamp {
						e.stamp[l] = stamp
						E := &e.cands[l]
						e.update(E, X)
						e.gain[e.at[l]] = E.gain
						if !E.valid {
							e.stamp[l], e.gain[e.at[l]] = gone, dead
							ndead++
							continue
						}
					}
					kept = append(kept, l)
				}
				e.index[key] = kept
			}
		}
		vote[X.i.actor][X.i.supply] = X.i.y
		vote[X.j.actor][X.j.supply] = X.j.y
		if e.lean {
			continue
		}
		ex := Exchange{Round: r, Seq: len(e.exec), Gain: X.gain, I: e.sideRecord(&X.i), J: e.sideRecord(&X.j)}
		rd.Exchanges = append(rd.Exchanges, ex)
		for d := 0; d < m; d++ {
			run = append(run, e.raw(d, e.outcome(vote, d)))
		}
	}
	rd.Count = len(e.exec)
	if !e.lean {
		rd.Running = make([][]float64, len(rd.Exchanges))
		for x := range rd.Running {
			rd.Running[x] = run[x*m : (x+1)*m : (x+1)*m]
		}
	}

	e.lastExec = len(e.exec)

	// Voting outcome and the new policy positions (§3.10).
	for d := 0; d < m; d++ {
		rd.Voting[d] = e.raw(d, e.outcome(vote, d))
	}
	if !e.lean {
		rd.VotingPositions = e.rawPositions(vote)
	}
	next := e.spare
	copyRows(next, e.x)
	for _, k := range e.exec {
		X := &e.cands[k]
		for _, s := range [2]*side{&X.i, &X.j} {
			w := fixedWeight + salienceWeight*(1-e.sal[s.actor][s.supply])
			next[s.actor][s.supply] = s.start + w*(s.y-s.start)
		}
	}
	e.x, e.spare = next, e.x
	return rd
}

// gone is the stamp of a dropped candidate.
const gone = -1

// pick returns the position in live of the candidate to execute (§3.8): the
// first, in creation order, whose gain is within eps of the best gain; -1
// when every one is dead (gain dead). One pass: a new maximum more than eps
// above the previous one is itself the first within eps of it (everything
// before it is at most the previous maximum), so only a new maximum within
// eps of the previous one makes it look back.
func (e *engine) pick(dead float64) int {
	best, pick := dead, -1
	for li, g := range e.gain {
		if !(g > best) {
			continue
		}
		switch {
		case pick < 0 || best < g-eps:
			pick = li
		case e.gain[pick] < g-eps:
			for j := pick + 1; j <= li; j++ {
				if e.gain[j] >= g-eps {
					pick = j
					break
				}
			}
		}
		best = g
	}
	return pick
}

func (e *engine) sideRecord(s *side) Side {
	return Side{Actor: s.actor, Supply: s.supply, Demand: s.demand,
		SupplySalience: e.sal[s.actor][s.supply], DemandSalience: e.sal[s.actor][s.demand],
		Power: e.pow[s.actor][s.supply],
		Start: s.x, Move: s.last(), Voting: s.y, Target: s.target, OutcomeBefore: s.ob, OutcomeAfter: s.oa}
}

// raw maps a normalised value back to issue d's own scale.
func (e *engine) raw(d int, v float64) float64 { return v/e.k[d] + e.lo[d] }

func (e *engine) rawPositions(x [][]float64) [][]float64 {
	out := make([][]float64, e.n)
	for a := range out {
		out[a] = make([]float64, e.m)
		for d := range out[a] {
			if e.has[a][d] {
				out[a][d] = e.raw(d, x[a][d])
			}
		}
	}
	return out
}

// rows returns an n×m matrix backed by one array.
func rows(n, m int) [][]float64 {
	flat := make([]float64, n*m)
	out := make([][]float64, n)
	for i := range out {
		out[i] = flat[i*m : (i+1)*m : (i+1)*m]
	}
	return out
}

func copyRows(dst, src [][]float64) {
	for i := range src {
		copy(dst[i], src[i])
	}
}
