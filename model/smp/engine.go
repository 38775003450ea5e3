package smp

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"parley/model"
)

// engine holds the fixed data of a run on KTAB's internal scale (positions and
// saliences divided by 100) and the run's working store. Engines are pooled by
// size (enginePool): a Monte Carlo makes thousands of runs of one scenario,
// and nothing in a Result points into an engine.
type engine struct {
	n, nd   int
	opt     Options
	cap     []float64   // capability: the voting weight in every election
	sal     []float64   // [i*nd+k], on [0,1]
	salSum  []float64   // Σ_k sal_ik, KTAB's sum(vSal)
	wgt     []float64   // salSum_i · cap_i: an actor's weight in a contest it joins
	ssSqr   []float64   // Σ_k sal_ik², the denominator of dist
	pos0    []float64   // [i*nd+k], on [0,1]
	in0     [][]float64 // the input positions, 0-100 (the caller's, only read during the run)
	workers int
	scr     []*scratch // one per worker

	exhaustive bool // examine every target in index order, without the bound

	// finite: every actor's Σ sal² is positive, so that every distance,
	// utility and vote of the run is finite (an actor whose saliences all
	// underflow when squared gives infinite distances).
	finite bool

	blocked []bool // n×n: blocked[i*n+j] when i and j never bargain directly (Options.NoBargain); nil if none
	noBrg   []bool // blocked's backing

	// The working store every turn overwrites.
	d, dT, own []float64    // n×n each: state.d, dT and own
	st         state        // the turn being played
	pos        [3][]float64 // n×nd each: the positions of the turns after the first, in rotation
	uniq       []int        // assess: the unique positions
	brg        []bargain    // n proposals and the status quo (brg[n])
	brgp       []*bargain   // brgp[i]: initiator i's proposal, nil if none
	queues     [][]*bargain // queues[k]: the bargains actor k chooses among
	errs       []error      // errs[k]: the error of queue k's election
	posI, posR []float64    // backing of the bargains' positions, n×nd each
	values     []float64    // backing of the bargains' values, (n+1)×n
	turns      []Turn       // the run's turns so far, copied into the Result
	out        turnStore

	// The output of the turn being played, for the workers.
	next []float64   // positions after the turn
	chs  []Challenge // per initiator
	dls  []Deal      // per actor: the bargain it adopts
}

// scratch is one worker's reusable memory.
type scratch struct {
	ut  []float64 // n×(n+1): a queue's u_im (up to n+1 bargains) or an election's utilities
	rx  []float64 // rx[x] = r^h_x, the estimator h's estimate of x's risk attitude
	umm []float64 // umm[m] = U^h(m, m)
	uh  []float64 // uh[y] = U^h(h, y): the estimator's utility of y's position
	col []float64 // col[m] = U^h(m, h): every actor's utility of the estimator's position
	t2  []float64 // t2[m] = U^h(m,h) + U^h(m,h) + U^h(m,m)
	t3  []float64 // t3[m] = U^h(m,h) + U^h(m,h) + U^h(m,h)
	w3  []float64 // the weights of third parties to the estimator's contests: wgt but w3[h] = 0
	pm  []float64 // thirdPartiesProp: P_im of each third party
	um  []float64 // thirdPartiesProp: U(m, j); value: U(a, the receiver's new position)
	ord []target  // the targets in the order they are examined
	pce pceScratch
}

// state is one turn's positions and what every actor makes of them.
type state struct {
	pos  []float64 // [i*nd+k], on [0,1]
	d    []float64 // [i*n+j]: distance from i's ideal (= its position) to j's position, with i's saliences
	dT   []float64 // transpose of d: dT[j*n+i] = d[i*n+j]
	r    []float64 // risk attitudes
	own  []float64 // [a*n+o]: utility to a of o's position, as a itself estimates it (KTAB aUtil[a](a,o))
	prob []float64 // per actor: probability its position prevails
}

// bargain is a proposal in a queue: initiator and receiver, and the positions
// each would take. init == rcvr == -1 is the status quo.
type bargain struct {
	init, rcvr       int
	posInit, posRcvr []float64
	value            []float64 // value[a]: utility to actor a of the state after the bargain
}

var enginePool sync.Pool

func newEngine(in Input, opt Options) *engine {
	n, nd := len(in.Capability), len(in.Position[0])
	workers := runtime.GOMAXPROCS(0)
	if n < 16 { // a turn takes microseconds: goroutines would cost more than they save
		workers = 1
	}
	e, ok := enginePool.Get().(*engine)
	if !ok || e.n != n || e.nd != nd || len(e.scr) != workers {
		e = allocEngine(n, nd, workers)
	}
	e.opt, e.in0, e.exhaustive, e.blocked, e.finite = opt, in.Position, false, nil, true
	copy(e.cap, in.Capability)
	for i := 0; i < n; i++ {
		s, ss := 0.0, 0.0
		for k := 0; k < nd; k++ {
			e.pos0[i*nd+k] = in.Position[i][k] / 100.0
			sik := in.Salience[i][k] / 100.0
			e.sal[i*nd+k] = sik
			s = s + sik
			ss = ss + sik*sik
		}
		e.salSum[i], e.ssSqr[i] = s, ss
		e.finite = e.finite && ss > 0
		e.wgt[i] = s * e.cap[i]
	}
	for _, p := range opt.NoBargain {
		if p[0] < n && p[1] < n {
			if e.blocked == nil {
				e.blocked = e.noBrg
				clear(e.blocked)
			}
			e.blocked[p[0]*n+p[1]], e.blocked[p[1]*n+p[0]] = true, true
		}
	}
	e.turns = e.turns[:0]
	e.out = newTurnStore(n, nd)
	return e
}

func allocEngine(n, nd, workers int) *engine {
	e := &engine{n: n, nd: nd, workers: workers, scr: make([]*scratch, workers),
		cap: make([]float64, n), sal: make([]float64, n*nd), salSum: make([]float64, n), wgt: make([]float64, n),
		ssSqr: make([]float64, n), pos0: make([]float64, n*nd), noBrg: make([]bool, n*n),
		d: make([]float64, n*n), dT: make([]float64, n*n), own: make([]float64, n*n), uniq: make([]int, 0, n),
		brg: make([]bargain, n+1), brgp: make([]*bargain, n), queues: make([][]*bargain, n), errs: make([]error, n),
		posI: make([]float64, n*nd), posR: make([]float64, n*nd), values: make([]float64, (n+1)*n)}
	for k := range e.pos {
		e.pos[k] = make([]float64, n*nd)
	}
	for w := range e.scr {
		e.scr[w] = &scratch{ut: make([]float64, n*(n+1)), rx: make([]float64, n), umm: make([]float64, n),
			uh: make([]float64, n), col: make([]float64, n), t2: make([]float64, n), t3: make([]float64, n), w3: make([]float64, n),
			pm: make([]float64, n), um: make([]float64, n),
			ord: make([]target, 0, n)}
	}
	for k := range e.queues {
		e.queues[k] = make([]*bargain, 0, n+1)
	}
	return e
}

// release hands the engine on; it must not run again.
func (e *engine) release() {
	e.in0, e.blocked, e.out = nil, nil, turnStore{}
	e.st, e.next, e.chs, e.dls = state{}, nil, nil, nil
	clear(e.turns) // they point into the Result
	enginePool.Put(e)
}

// turnStore hands out the slices of a run's turns from chunks of 8 turns'
// worth, so that a run makes a few allocations rather than a dozen a turn.
type turnStore struct {
	f    chunks[float64]
	ix   chunks[int]
	ch   chunks[Challenge]
	dl   chunks[Deal]
	rows chunks[[]float64]
}

func newTurnStore(n, nd int) turnStore { return newTurnStoreOf(n, nd, 8) }

// newTurnStoreOf makes a store whose chunks hold turns turns' worth.
func newTurnStoreOf(n, nd, turns int) turnStore {
	return turnStore{f: chunks[float64]{size: turns * (2*n + 3*n*nd)}, ix: chunks[int]{size: turns * n},
		ch: chunks[Challenge]{size: turns * n}, dl: chunks[Deal]{size: turns * n}, rows: chunks[[]float64]{size: turns * n}}
}

// rewind hands the store's last chunks out again, zeroed: for a
// ForecastOnly run, whose turns two back are no longer read.
func (s *turnStore) rewind() {
	s.f.rewind()
	s.ix.rewind()
	s.ch.rewind()
	s.dl.rewind()
	s.rows.rewind()
}

// chunks hands out slices of T from chunks of a given size.
type chunks[T any] struct {
	free  []T
	whole []T // the chunk free is cut from
	size  int
}

// take returns a zeroed slice of length and capacity k.
func (c *chunks[T]) take(k int) []T {
	if len(c.free) < k {
		c.free = make([]T, max(k, c.size))
		c.whole = c.free
	}
	s := c.free[:k:k]
	c.free = c.free[k:]
	return s
}

// rewind makes the current chunk's slices free again, zeroed (take's
// promise); earlier chunks are left to whatever still holds them.
func (c *chunks[T]) rewind() {
	clear(c.whole[:len(c.whole)-len(c.free)])
	c.free = c.whole
}

// checkDisputed refuses a scenario in which every actor already holds the same
// position: there is nothing to bargain over and KTAB's risk attitudes are 0/0.
func (e *engine) checkDisputed() error {
	for i := 1; i < e.n; i++ {
		if !e.equiv(e.pos0, 0, i) {
			return nil
		}
	}
	return model.Degenerate("every actor holds the same position on every issue: there is nothing to negotiate")
}

// The jobs parallel runs: each i writes only its own outputs, so the result
// does not depend on scheduling.
const (
	jobDist   = iota // row i of the distances
	jobTarget        // initiator i's best challenge and proposal
	jobValue         // every actor's value of bargain i (i = n: the status quo)
	jobQueue         // actor i's choice among its queue of bargains
	jobRow           // row i of the coalitions of the election in scr[0]
)

// parallel runs job for i in [0, n) on the engine's workers.
func (e *engine) parallel(job, n int) {
	if e.workers <= 1 || n < 2 {
		for i := 0; i < n; i++ {
			e.do(job, 0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < e.workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				e.do(job, w, i)
			}
		}(w)
	}
	wg.Wait()
}

// do runs job for i on worker w, on the turn in e.st.
func (e *engine) do(job, w, i int) {
	switch job {
	case jobDist:
		e.distRow(&e.st, i)
	case jobTarget:
		e.target(e.scr[w], &e.st, i)
	case jobValue:
		e.value(e.scr[w], &e.st, i)
	case jobQueue:
		e.queue(e.scr[w], &e.st, i)
	case jobRow:
		ps := &e.scr[0].pce
		coalitionRow(ps.c, ps.vr, e.finite, e.cap, ps.ut, ps.m, i)
	}
}

// newState returns the engine's state for a turn at positions pos, with its
// own risk attitudes and probabilities (a Turn's).
func (e *engine) newState(pos []float64) *state {
	n := e.n
	// d, dT and own are rewritten by assess every turn and read only until
	// the next state: every state shares the run's.
	e.st = state{pos: pos, d: e.d, dT: e.dT, r: e.out.f.take(n), own: e.own, prob: e.out.f.take(n)}
	return &e.st
}

// dist is KTAB's bvDiff: the salience-weighted distance, with actor i's
// saliences, from point a to point b (both of length nd).
func (e *engine) dist(i int, a, b []float64) float64 {
	dsSqr := 0.0
	s := e.sal[i*e.nd : (i+1)*e.nd]
	a, b = a[:len(s)], b[:len(s)]
	for k, sk := range s {
		ds := (a[k] - b[k]) * sk
		dsSqr = dsSqr + ds*ds
	}
	return math.Sqrt(dsSqr / e.ssSqr[i])
}

func (e *engine) at(pos []float64, i int) []float64 { return pos[i*e.nd : (i+1)*e.nd] }

// equiv is KTAB's equivNdx: positions i and j are within posTol (Euclidean, on [0,1]).
// The partial sums of squares only grow, so the comparison ends as soon as
// one reaches posTolSq.
func (e *engine) equiv(pos []float64, i, j int) bool {
	a, b := e.at(pos, i), e.at(pos, j)
	b = b[:len(a)]
	s := 0.0
	for k := range a {
		x := a[k] - b[k]
		s = s + x*x
		if s >= posTolSq {
			return false
		}
	}
	return s < posTolSq
}

// posTolSq is the least s with √s ≥ posTol: since the square root is
// correctly rounded, hence monotone, √s < posTol exactly when s < posTolSq.
var posTolSq = func() float64 {
	s := posTol * posTol
	for math.Sqrt(s) >= posTol {
		s = math.Nextafter(s, 0)
	}
	for math.Sqrt(s) < posTol {
		s = math.Nextafter(s, 1)
	}
	return s
}()

// stateDist is KTAB's SMPModel::stateDist: Σ_i ‖pos_i − pos'_i‖.
func (e *engine) stateDist(p, q []float64) float64 {
	sum := 0.0
	for i := 0; i < e.n; i++ {
		a, b := e.at(p, i), e.at(q, i)
		s := 0.0
		for k := range a {
			x := a[k] - b[k]
			s = s + x*x
		}
		sum = sum + math.Sqrt(s)
	}
	return sum
}

// distRow fills row i of the distances.
func (e *engine) distRow(s *state, i int) {
	n := e.n
	idl := e.at(s.pos, i)
	for j := 0; j < n; j++ {
		s.d[i*n+j] = e.dist(i, idl, e.at(s.pos, j))
	}
}

// assess computes, for a state, the distances, the risk attitudes (from a
// risk-neutral PCE over the actors' positions, KTAB setAllAUtil), every actor's
// own utility matrix row, and the reported probabilities (KTAB pDist(-1)).
// s must be e.st.
func (e *engine) assess(s *state) error {
	n, opt := e.n, e.opt
	e.parallel(jobDist, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s.dT[j*n+i] = s.d[i*n+j]
		}
	}

	// Risk attitudes: a PCE over all n positions, duplicates kept, voters
	// risk neutral, weighted by capability only.
	ut := e.scr[0].ut
	for o := 0; o < n; o++ {
		for k := 0; k < n; k++ {
			ut[o*n+k] = bsUtil(s.d[k*n+o], 0)
		}
	}
	ps := &e.scr[0].pce
	if err := e.election(ps, opt.VotingRule, ut, n); err != nil {
		return err
	}
	bigR(s.r, ps.p, opt.BigRRange)

	for a := 0; a < n; a++ {
		ra := estNRA(s.r[a], s.r[a], opt.BigRAdjust)
		for o := 0; o < n; o++ {
			s.own[a*n+o] = bsUtil(s.d[a*n+o], ra)
		}
	}

	// Reported probabilities: a PCE over the unique positions, each voter
	// using its own utilities, Prop voting, capability weights.
	uniq := e.uniq[:0]
	for i := 0; i < n; i++ {
		found := false
		for _, k := range uniq {
			if e.equiv(s.pos, i, k) {
				found = true
				break
			}
		}
		if !found {
			uniq = append(uniq, i)
		}
	}
	e.uniq = uniq
	m := len(uniq)
	for o, j := range uniq {
		for k := 0; k < n; k++ {
			ut[o*n+k] = s.own[k*n+j]
		}
	}
	if err := e.election(ps, Prop, ut[:m*n], m); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		// KTAB posProb: the last equivalent unique position, found from the
		// end (a unique position is its own, so the search is short).
		last := 0
		for j := m - 1; j >= 0; j-- {
			if e.equiv(s.pos, i, uniq[j]) {
				last = j
				break
			}
		}
		s.prob[i] = ps.p[last]
	}
	return nil
}

// election is KTAB's Model::scalarPCE: the probability of each of m options
// (ut option-major, actors voting with their capability), left in ps.p. Large
// elections spread the coalition rows over the workers; ps must then be
// worker 0's.
func (e *engine) election(ps *pceScratch, vr VotingRule, ut []float64, m int) error {
	ps.size(m)
	if m < 16 || e.workers <= 1 {
		for i := 0; i < m; i++ {
			coalitionRow(ps.c, vr, e.finite, e.cap, ut, m, i)
		}
	} else {
		ps.vr, ps.ut, ps.m = vr, ut, m
		e.parallel(jobRow, m)
		ps.ut = nil
	}
	return ps.pce(e.opt.PCE, e.opt.VictoryProb, m)
}

// step plays one turn on e.st: every actor picks its best target and
// proposes a bargain, then every actor's queue of bargains is resolved by a
// PCE and all actors move at once (KTAB SMPState::doBCN). It writes the
// positions after the turn into next, each initiator's challenge into chs and
// each actor's adopted bargain into dls.
func (e *engine) step(ctx context.Context, next []float64, chs []Challenge, dls []Deal) error {
	n := e.n
	e.next, e.chs, e.dls = next, chs, dls
	defer func() { e.next, e.chs, e.dls = nil, nil, nil }()

	// Targeting: each initiator i, with its own view U^i of everyone's utilities.
	clear(e.brgp)
	e.parallel(jobTarget, n)
	if err := ctx.Err(); err != nil {
		return err
	}
	// The challenges' positions, 0-100, for the Result.
	for i, b := range e.brgp {
		if b != nil {
			pos := e.out.f.take(2 * e.nd)
			chs[i].Initiator = scale100To(pos[:e.nd:e.nd], b.posInit)
			chs[i].Receiver = scale100To(pos[e.nd:], b.posRcvr)
		}
	}

	// Queues: the status quo first, then the bargains in initiator order.
	queues := e.queues
	sq := &e.brg[n]
	*sq = bargain{init: -1, rcvr: -1}
	for k := 0; k < n; k++ {
		queues[k] = append(queues[k][:0], sq)
	}
	for i, b := range e.brgp {
		if b != nil {
			queues[i] = append(queues[i], b)
			queues[b.rcvr] = append(queues[b.rcvr], b)
		}
	}

	// Every actor's value of each bargain, once: a bargain sits in two queues,
	// and the status quo has the same value in every queue.
	e.parallel(jobValue, n+1)

	clear(e.errs)
	e.parallel(jobQueue, n)
	for _, err := range e.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// target finds initiator i's best challenge and makes its proposal.
func (e *engine) target(sc *scratch, s *state, i int) {
	best, bestP, bestEU := e.bestChallenge(sc, s, i)
	e.chs[i] = Challenge{Target: best}
	if best < 0 {
		return
	}
	e.brgp[i] = e.interpolate(s, i, best, bestP)
	e.chs[i] = Challenge{Target: best, Prob: bestP, Gain: bestEU}
}

// value fills every actor's value of bargain i, the status quo for i = n:
// KTAB's brgnUtil, the mean over all actors' positions of a's utility for
// them. A bargain's values take two passes over the actors, each a short
// chain of dependent operations that the processor overlaps across actors:
// the utilities of the two new positions, then the sums.
func (e *engine) value(sc *scratch, s *state, i int) {
	n, nd := e.n, e.nd
	b := &e.brg[n]
	if i < n {
		if b = e.brgp[i]; b == nil {
			return
		}
	}
	b.value = e.values[i*n : (i+1)*n : (i+1)*n] // row n: the status quo's
	if b.init < 0 {
		for a := range b.value {
			row := s.own[a*n : (a+1)*n]
			u := 0.0
			for o := 0; o < n; o++ {
				u = u + row[o]
			}
			b.value[a] = u / float64(n)
		}
		return
	}
	uI, uR := b.value, sc.um[:n] // U(a, posInit), U(a, posRcvr)
	pI, pR := b.posInit[:nd], b.posRcvr[:nd]
	for a := range uI {
		sal := e.sal[a*nd : (a+1)*nd][:nd]
		idl := s.pos[a*nd : (a+1)*nd][:nd]
		dI, dR := 0.0, 0.0 // as in dist
		for k, sk := range sal {
			x := (idl[k] - pI[k]) * sk
			y := (idl[k] - pR[k]) * sk
			dI = dI + x*x
			dR = dR + y*y
		}
		uI[a] = bsUtil(math.Sqrt(dI/e.ssSqr[a]), s.r[a])
		uR[a] = bsUtil(math.Sqrt(dR/e.ssSqr[a]), s.r[a])
	}
	lo, hi := min(b.init, b.rcvr), max(b.init, b.rcvr)
	for a := range b.value {
		row := s.own[a*n : (a+1)*n]
		u := 0.0
		u = u + uI[a]
		u = u + uR[a]
		for _, x := range row[:lo] {
			u = u + x
		}
		for _, x := range row[lo+1 : hi] {
			u = u + x
		}
		for _, x := range row[hi+1:] {
			u = u + x
		}
		b.value[a] = u / float64(n)
	}
}

// queue resolves actor k's queue: the bargain it adopts and its next position.
func (e *engine) queue(sc *scratch, s *state, k int) {
	n, nd := e.n, e.nd
	q := e.queues[k]
	nb := len(q)
	ut := sc.ut[:nb*n] // ut[m*n+a]: value to a of the state after bargain m
	for m, b := range q {
		copy(ut[m*n:(m+1)*n], b.value)
	}
	ps := &sc.pce
	ps.size(nb)
	for m := 0; m < nb; m++ {
		coalitionRow(ps.c, e.opt.VotingRule, e.finite, e.cap, ut, nb, m)
	}
	if err := ps.pce(e.opt.PCE, e.opt.VictoryProb, nb); err != nil {
		e.errs[k] = err
		return
	}
	b := q[firstMax(ps.p[:nb])]
	dst := e.next[k*nd : (k+1)*nd]
	switch {
	case b.init < 0:
		e.dls[k] = Deal{Initiator: k, Receiver: k}
		copy(dst, e.at(s.pos, k))
	case b.init == k:
		e.dls[k] = Deal{Initiator: b.init, Receiver: b.rcvr}
		copy(dst, b.posInit)
	default:
		e.dls[k] = Deal{Initiator: b.init, Receiver: b.rcvr}
		copy(dst, b.posRcvr)
	}
}

// bestChallenge is KTAB's bestChallenge for initiator i: the target j with the
// largest expected gain above 1e-5, the first in index order among equals, with
// i's estimate of the probability that it prevails and the gain; −1 if none.
//
// The gain from challenging j is (U_ii − U_ij)(1 − 2 s_j (1 − P)), at most
// max(U_ii − U_ij, (U_ii − U_ij)(1 − 2 s_j)) whatever the probability P. The
// targets are examined by decreasing bound and the search stops when no bound
// can reach the best gain found: the answer is the index-order scan's, and the
// expensive third-party sums are computed only for plausible targets.
func (e *engine) bestChallenge(sc *scratch, s *state, i int) (int, float64, float64) {
	n := e.n
	e.view(sc, s, i)
	uii := sc.uh[i]
	sc.ord = sc.ord[:0]
	for j := 0; j < n; j++ {
		if j == i || (e.blocked != nil && e.blocked[i*n+j]) {
			continue
		}
		g := uii - sc.uh[j]
		bnd := max(g, g*(1-2*e.salSum[j])) + 1e-9 // margin for rounding
		sc.ord = append(sc.ord, target{bnd, j})
	}
	if !e.exhaustive {
		sortByBound(sc.ord)
	}
	best, bestP, bestEU := -1, 0.0, -1.0
	for _, t := range sc.ord {
		if !e.exhaustive && (t.bnd <= minSigGain || t.bnd < bestEU) {
			break
		}
		j := t.j
		p, edu := e.probEduChlg(sc, s, i, j)
		if minSigGain < edu && (bestEU < edu || (bestEU == edu && j < best)) {
			best, bestP, bestEU = j, p, edu
		}
	}
	return best, bestP, bestEU
}

// target is a possible target j and the upper bound of the gain from challenging it.
type target struct {
	bnd float64
	j   int
}

// sortByBound orders the targets by decreasing bound, ties in their order
// (a stable sort, as slices.SortStableFunc with cmp.Compare would give).
// Short lists, the usual case, take an insertion sort without the generic
// sort's indirect calls.
func sortByBound(ord []target) {
	if len(ord) > 32 {
		slices.SortStableFunc(ord, func(a, b target) int { return cmp.Compare(b.bnd, a.bnd) })
		return
	}
	for k := 1; k < len(ord); k++ {
		x := ord[k]
		l := k
		for ; l > 0 && after(x.bnd, ord[l-1].bnd); l-- {
			ord[l] = ord[l-1]
		}
		ord[l] = x
	}
}

// after reports whether cmp.Compare(a, b) > 0 (a NaN comes before every number),
// more cheaply: a > b but for NaNs.
func after(a, b float64) bool { return a > b || (b != b && a == a) }

// view fills the estimator h's view of the turn that does not depend on the
// target: the risk attitudes h ascribes, U(m, m), h's utility of every
// position, everyone's utility of h's position, and the sums the third
// parties need. U(x, y) = u(d_xy, r^h_x); the diagonal U(m, m) is 1.
func (e *engine) view(sc *scratch, s *state, h int) {
	n := e.n
	rx := sc.rx[:n]
	for x := range rx {
		rx[x] = estNRA(s.r[h], s.r[x], e.opt.BigRAdjust)
	}
	for m, r := range rx {
		sc.umm[m] = bsUtil(s.d[m*n+m], r)
	}
	for y, d := range s.d[h*n : (h+1)*n] {
		sc.uh[y] = bsUtil(d, rx[h])
	}
	col, t2, t3 := sc.col[:n], sc.t2[:n], sc.t3[:n]
	for x, dxh := range s.dT[h*n : (h+1)*n] {
		col[x] = bsUtil(dxh, rx[x])
	}
	for m, u := range col {
		t2[m] = u + u + sc.umm[m]
		t3[m] = u + u + u
	}
	copy(sc.w3, e.wgt)
	sc.w3[h] = 0
}

// probEduChlg is KTAB's probEduChlg(i, i, i, j): i's estimate, with its view
// in sc, of the probability that it beats j and of its expected gain from
// challenging j rather than keeping the status quo.
func (e *engine) probEduChlg(sc *scratch, s *state, i, j int) (float64, float64) {
	n, vr := e.n, e.opt.VotingRule
	uii, uij := sc.uh[i], sc.uh[j]
	uji, ujj := sc.col[j], sc.umm[j]

	euSQ := uii + uij
	uhkij := uii + uii
	uhkji := uij + uij

	sj := e.salSum[j]
	var chij, chji float64
	if vr == Prop && e.finite && e.opt.ThirdParty == SemiCommit {
		// The coalitions doubled, as thirdPartiesProp sums them: P is their ratio.
		cI, cJ := e.wgt[i]*(uii-uij), e.wgt[j]*(uji-ujj)
		aI, aJ := math.Abs(cI), math.Abs(cJ)
		chij, chji = minPrincipal+minPrincipal, minPrincipal+minPrincipal
		chij = chij + (cI + aI)
		chji = chji - (cI - aI)
		chij = chij + (cJ + aJ)
		chji = chji - (cJ - aJ)
		chij, chji = thirdPartiesProp(sc, s.dT[j*n:(j+1)*n], j, chij, chji)
	} else {
		chij, chji = e.coalitions(sc, s, i, j, uii, uij, uji, ujj)
	}

	phij := chij / (chij + chji)
	phji := chji / (chij + chji)
	euVict := uhkij
	euCntst := phij*uhkij + phji*uhkji
	euChlg := (1-sj)*euVict + sj*euCntst
	return phij, euChlg - euSQ
}

// coalitions is probEduChlg's coalitions for i and for j, with the votes of
// the principals and of the third parties, for any voting rule and model.
func (e *engine) coalitions(sc *scratch, s *state, i, j int, uii, uij, uji, ujj float64) (float64, float64) {
	n, vr := e.n, e.opt.VotingRule
	contribI := vote(vr, e.wgt[i], uii, uij)
	contribJ := vote(vr, e.wgt[j], uji, ujj)
	chij, chji := minPrincipal, minPrincipal
	chij = chij + max(contribI, 0)
	chji = chji - min(contribI, 0)
	chij = chij + max(contribJ, 0)
	chji = chji - min(contribJ, 0)

	// Third parties, in index order. Under FullCommit and NoCommit the two
	// outcomes a third party compares are the same sum, so its vote is 0.
	if e.opt.ThirdParty == SemiCommit {
		lo, hi := min(i, j), max(i, j)
		t := thirdParties{w: e.wgt, rx: sc.rx, dJ: s.dT[j*n : (j+1)*n], umm: sc.umm,
			colI: sc.col, tiI2: sc.t2, tiI3: sc.t3, ci0: chij, cj0: chji, vr: vr}
		chij, chji = t.add(0, lo, chij, chji)
		chij, chji = t.add(lo+1, hi, chij, chji)
		chij, chji = t.add(hi+1, n, chij, chji)
	}
	return chij, chji
}

// thirdParties holds what third parties need to weigh in on the contest i:j.
// The target's column U(m, j) is used once, so it is computed where it is used.
type thirdParties struct {
	w          []float64 // weights salSum·cap
	rx         []float64 // the initiator's estimates of the risk attitudes
	dJ         []float64 // dJ[m] = d_mj
	umm        []float64 // U(m, m)
	colI       []float64 // U(m, i)
	tiI2, tiI3 []float64 // U(m,i)·2 + U(m,m), U(m,i)·3
	ci0, cj0   float64   // the principals' coalitions
	vr         VotingRule
}

// add adds the votes of third parties m in [from, to) to the coalitions:
// KTAB's Actor::vProbLittle (the little contest of i, j and m alone) and
// Actor::thirdPartyVoteSU with SemiCommit.
func (t *thirdParties) add(from, to int, chij, chji float64) (float64, float64) {
	for m := from; m < to; m++ {
		wm := t.w[m]
		umj := bsUtil(t.dJ[m], t.rx[m])
		v := vote(t.vr, wm, t.colI[m], umj)
		cmi := t.ci0 + max(v, 0)
		cmj := t.cj0 - min(v, 0)
		pim := cmi / (cmi + cmj)
		pjm := 1.0 - pim
		uImJ := pim*t.tiI2[m] + pjm*(umj+umj+umj)
		uIJm := pim*t.tiI3[m] + pjm*(umj+umj+t.umm[m])
		vm := vote(t.vr, wm, uImJ, uIJm)
		chij = chij + max(vm, 0)
		chji = chji - min(vm, 0)
	}
	return chij, chji
}

// thirdPartiesProp is thirdParties.add over all the third parties of the
// contest of the estimator i and j, in a finite run under Prop (vote =
// w·Δu), with the principals' coalitions doubled in ci2 and cj2; the sums it
// returns are doubled too. It runs over every m in one loop: sc.w3 has i's
// weight zeroed and j's is zeroed here, so the principals' votes are ±0 and
// leave the sums as they are.
//
// The doubled sums are exact: v + |v| is exactly 2·max(v, 0) and v − |v|
// exactly 2·min(v, 0) (see split), doubling commutes with rounding (the sums
// are far from overflow and from the subnormals), and a ratio of doubled
// coalitions, such as P_im, is the ratio of the coalitions.
func thirdPartiesProp(sc *scratch, dJ []float64, j int, ci2, cj2 float64) (float64, float64) {
	w := sc.w3
	wj := w[j]
	w[j] = 0
	rx, umm, dJ := sc.rx[:len(w)], sc.umm[:len(w)], dJ[:len(w)]
	colI, tiI2, tiI3 := sc.col[:len(w)], sc.t2[:len(w)], sc.t3[:len(w)]
	pm, um := sc.pm[:len(w)], sc.um[:len(w)]
	// Two passes, each with a short chain of dependent operations, so that
	// the processor overlaps more third parties.
	for k, wm := range w {
		umj := bsUtil(dJ[k], rx[k])
		v := wm * (colI[k] - umj)
		a := math.Abs(v)
		cmi := ci2 + (v + a)
		cmj := cj2 - (v - a)
		pm[k] = cmi / (cmi + cmj)
		um[k] = umj
	}
	chij, chji := ci2, cj2
	for k, wm := range w {
		pim, umj := pm[k], um[k]
		pjm := 1.0 - pim
		uImJ := pim*tiI2[k] + pjm*(umj+umj+umj)
		uIJm := pim*tiI3[k] + pjm*(umj+umj+umm[k])
		vm := wm * (uImJ - uIJm)
		am := math.Abs(vm)
		chij = chij + (vm + am)
		chji = chji - (vm - am)
	}
	w[j] = wj
	return chij, chji
}

// split returns max(v, 0) and min(v, 0), signed zeros included, for |v| at
// most MaxFloat64/2 (a NaN gives NaN twice, as the builtins do), in a third
// of the builtins' instructions: v + |v| and v − |v| are exact (2v or ±0),
// and so is halving them. The engine's votes are at most 1e8 in size.
func split(v float64) (pos, neg float64) {
	a := math.Abs(v)
	return (v + a) * 0.5, (v - a) * 0.5
}

// interpolate is KTAB's interpBrgnSnPm(2, 2) from i's perspective (S2P2): on
// each issue the two positions are averaged with weights sal²·P², rounded to 4
// decimals on [0,1].
func (e *engine) interpolate(s *state, i, j int, pI float64) *bargain {
	nd := e.nd
	b := &e.brg[i] // initiator i's bargain lives in slot i
	*b = bargain{init: i, rcvr: j, posInit: e.posI[i*nd : (i+1)*nd : (i+1)*nd], posRcvr: e.posR[i*nd : (i+1)*nd : (i+1)*nd]}
	pJ := 1 - pI
	ti, tj := e.at(s.pos, i), e.at(s.pos, j)
	for k := 0; k < nd; k++ {
		sik, sjk := e.sal[i*nd+k], e.sal[j*nd+k]
		wik := (sik * sik) * (pI * pI)
		wjk := (sjk * sjk) * (pJ * pJ)
		b.posInit[k] = round4(((wik+minBargainW)*ti[k] + wjk*tj[k]) / (wik + minBargainW + wjk))
		b.posRcvr[k] = round4((wik*ti[k] + (minBargainW+wjk)*tj[k]) / (wik + minBargainW + wjk))
	}
	return b
}

func round4(x float64) float64 {
	const s = 10000.0
	return float64(int64(0.5+x*s)) / s
}

// positions returns a state's positions on the 0-100 scale, [actor][issue].
// A coordinate still at its starting value is reported exactly as input.
func (e *engine) positions(pos []float64) [][]float64 {
	out := e.out.rows.take(e.n)
	flat := e.out.f.take(e.n * e.nd)
	for i := range out {
		out[i] = scale100To(flat[i*e.nd:(i+1)*e.nd:(i+1)*e.nd], e.at(pos, i))
		for k, x := range e.at(pos, i) {
			if x == e.pos0[i*e.nd+k] {
				out[i][k] = e.in0[i][k]
			}
		}
	}
	return out
}

// scale100To writes 100·p into dst (of p's length) and returns it.
func scale100To(dst, p []float64) []float64 {
	for k, x := range p {
		dst[k] = 100 * x
	}
	return dst
}
