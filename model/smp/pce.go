package smp

import (
	"math"

	"parley/model"
)

// The arithmetic below follows KTAB's kmodel.cpp operation by operation (same
// order of additions, same constants) so that a run agrees with KTAB's logs
// to the last printed digit, and decisions taken on a first-maximum agree too.

const (
	minCoalition = 1e-8  // KTAB Model::coalitions minC: every coalition has at least this strength
	minPrincipal = 1e-10 // KTAB probEduChlg minCltn: principals' coalitions start here
	minSigGain   = 1e-5  // KTAB bestChallenge minSigEDU: smallest expected gain worth a challenge
	posTol       = 1e-3  // KTAB SMPModel::posTol: positions closer than this (on [0,1]) are the same
	minBargainW  = 1e-6  // KTAB interpBrgnSnPm minW
)

// vote is KTAB's Model::vote: how much an actor of weight w weighs in for an
// option worth ui to it over one worth uj.
func vote(vr VotingRule, w, ui, uj float64) float64 {
	du := ui - uj
	switch vr {
	case Binary:
		return w * clipBin(du)
	case PropBin:
		const rbp = 0.2
		return w * ((1-rbp)*du + rbp*clipBin(du))
	case PropCbc:
		const rpc = 0.5
		return w * ((1-rpc)*du + rpc*(du*du*du))
	case Cubic:
		return w * (du * du * du)
	case ASymProsp:
		switch {
		case du < 0:
			return w * du
		case du > 0:
			return (2.0 * w * du) / 3.0
		}
		return 0
	default: // Prop
		return w * du
	}
}

func clipBin(du float64) float64 {
	r := du / 1e-8
	if r > 1 {
		r = 1
	}
	if r < -1 {
		r = -1
	}
	return r
}

// vProb2 is KTAB's Model::vProb for two coalition strengths: the probabilities
// that each side wins.
func vProb2(vpm VictoryProbModel, s1, s2 float64) (float64, float64) {
	var x1, x2 float64
	switch vpm {
	case VPSquare:
		x1, x2 = s1*s1, s2*s2
	case VPQuartic:
		x1, x2 = s1*s1*s1*s1, s2*s2*s2*s2
	case VPOctic:
		q1, q2 := s1*s1*s1*s1, s2*s2*s2*s2
		x1, x2 = q1*q1, q2*q2
	case VPBinary:
		const thresh = 1.10
		const minX = 1e-6
		switch {
		case s1 >= thresh*s2:
			x1, x2 = 1, minX
		case s2 >= thresh*s1:
			x1, x2 = minX, 1
		default:
			r12 := s1 / (s1 + s2)
			p12 := (r12*(thresh+1.0) - 1.0) / (thresh - 1.0)
			x1, x2 = p12, 1-p12
		}
	default: // Linear
		x1, x2 = s1, s2
	}
	return x1 / (x1 + x2), x2 / (x1 + x2)
}

// pceScratch holds the matrices of one probabilistic Condorcet election, so a
// worker can run many without allocating.
type pceScratch struct {
	c, pv, p, q, aux []float64

	// A parallel election's coalition rows (engine.election, jobRow).
	vr VotingRule
	ut []float64
	m  int
}

func (s *pceScratch) size(m int) {
	if cap(s.c) < m*m {
		s.c = make([]float64, m*m)
		s.pv = make([]float64, m*m)
		s.aux = make([]float64, m*m)
	}
	s.c, s.pv, s.aux = s.c[:m*m], s.pv[:m*m], s.aux[:m*m]
	if cap(s.p) < m {
		s.p = make([]float64, m)
		s.q = make([]float64, m)
	}
	s.p, s.q = s.p[:m], s.q[:m]
}

// coalitionRow is one row of KTAB's Model::coalitions with simple voting:
// for every j < i, c[i*m+j] is the strength of the coalition for option i
// against option j and c[j*m+i] the reverse; c[i*m+i] is the minimum. ut is
// option-major: ut[o*len(w)+k] is the value of option o to actor k, whose
// voting weight is w[k]. Rows write disjoint cells, so they may run in parallel.
// finite says that every value is finite, so that Prop votes may use split.
func coalitionRow(c []float64, vr VotingRule, finite bool, w, ut []float64, m, i int) {
	na := len(w)
	ui := ut[i*na : (i+1)*na][:na]
	for j := 0; j < i; j++ {
		uj := ut[j*na : (j+1)*na][:na]
		cij, cji := minCoalition, minCoalition
		switch {
		case vr == Prop && finite:
			for k, wk := range w {
				vp, vn := split(wk * (ui[k] - uj[k]))
				cij = cij + vp
				cji = cji - vn
			}
		case vr == Prop:
			for k, wk := range w {
				v := wk * (ui[k] - uj[k])
				cij = cij + max(v, 0)
				cji = cji - min(v, 0)
			}
		default:
			for k, wk := range w {
				v := vote(vr, wk, ui[k], uj[k])
				cij = cij + max(v, 0)
				cji = cji - min(v, 0)
			}
		}
		c[i*m+j] = cij
		c[j*m+i] = cji
	}
	c[i*m+i] = minCoalition
}

// victoryMatrix fills pv[i*m+j] = probability that option i beats option j.
func victoryMatrix(pv, c []float64, vpm VictoryProbModel, m int) {
	if vpm == VPLinear { // vProb2's default case, without its call and switch
		for i := 0; i < m; i++ {
			for j := 0; j < i; j++ {
				s1, s2 := c[i*m+j], c[j*m+i]
				pv[i*m+j] = s1 / (s1 + s2)
				pv[j*m+i] = s2 / (s1 + s2)
			}
			pv[i*m+i] = 0.5
		}
		return
	}
	for i := 0; i < m; i++ {
		for j := 0; j < i; j++ {
			pij, pji := vProb2(vpm, c[i*m+j], c[j*m+i])
			pv[i*m+j] = pij
			pv[j*m+i] = pji
		}
		pv[i*m+i] = 0.5
	}
}

// pce runs the election over m options on the coalition matrix already in
// s.c and leaves the option probabilities in s.p.
func (s *pceScratch) pce(pcem PCEModel, vpm VictoryProbModel, m int) error {
	victoryMatrix(s.pv, s.c, vpm, m)
	switch pcem {
	case MarkovUniform:
		return s.markovUniform(m)
	case MarkovIncentive:
		return s.markovIncentive(m)
	default:
		s.conditional(m)
		return nil
	}
}

// conditional is KTAB's condPCE: P_i ∝ Π_j p(i>j).
func (s *pceScratch) conditional(m int) {
	sum := 0.0
	for i := 0; i < m; i++ {
		pi := 1.0
		for j := 0; j < m; j++ {
			pi = pi * s.pv[i*m+j]
		}
		s.p[i] = pi
	}
	for i := 0; i < m; i++ {
		sum = sum + s.p[i]
	}
	for i := 0; i < m; i++ {
		s.p[i] = s.p[i] / sum
	}
}

const markovMaxIter = 1000 // KTAB's iMax

var errMarkov = model.Errorf(model.EINFEASIBLE,
	"the Markov election did not settle within %d iterations: use the Conditional PCE model", markovMaxIter)

// markovUniform is KTAB's markovUniformPCE: every option challenges the
// current favourite with probability 1/m.
func (s *pceScratch) markovUniform(m int) error {
	const pTol = 1e-6
	p, q := s.p, s.q
	for i := range p {
		p[i] = 1.0 / float64(m)
	}
	for iter, change := 0, 1.0; pTol < change; iter++ {
		if iter >= markovMaxIter {
			return errMarkov
		}
		change = 0
		for i := 0; i < m; i++ {
			pi := 0.0
			for j := 0; j < m; j++ {
				pi = pi + s.pv[i*m+j]*(p[i]+p[j])
			}
			q[i] = pi / float64(m)
			change = math.Max(change, math.Abs(q[i]-p[i]))
		}
		for i := range p {
			p[i] = (p[i] + q[i]) / 2.0
		}
	}
	return nil
}

// markovIncentive is KTAB's markovIncentivePCE: options challenge the current
// favourite in proportion to their incentive, coalition × victory probability.
func (s *pceScratch) markovIncentive(m int) error {
	const pTol = 1e-8
	chlg := s.aux // chlg[i*m+j] = probability that i challenges j
	for j := 0; j < m; j++ {
		sum := 0.0
		for k := 0; k < m; k++ {
			sum = sum + s.incentive(k, j, m)
		}
		for i := 0; i < m; i++ {
			chlg[i*m+j] = s.incentive(i, j, m) / sum
		}
	}
	p, q := s.p, s.q
	for i := range p {
		p[i] = 1.0 / float64(m)
	}
	for iter, change := 0, 1.0; pTol < change; iter++ {
		if iter >= markovMaxIter {
			return errMarkov
		}
		change = 0
		for i := 0; i < m; i++ {
			qi := 0.0
			for j := 0; j < m; j++ {
				// ct(i,j) = p_i·P[j challenges i]; ct(j,i) = p_j·P[i challenges j]
				cj := p[i]*chlg[j*m+i] + p[j]*chlg[i*m+j]
				qi = qi + s.pv[i*m+j]*cj
			}
			q[i] = qi
			change = math.Max(change, math.Abs(q[i]-p[i]))
		}
		for i := range p {
			p[i] = (p[i] + q[i]) / 2.0
		}
	}
	return nil
}

func (s *pceScratch) incentive(i, j, m int) float64 {
	v := s.c[i*m+j] * s.pv[i*m+j]
	if i == j {
		v = v + 1e-10
	}
	return v
}

// firstMax is KTAB's ndxMaxAbs on a probability vector: the first index of the largest value.
func firstMax(p []float64) int {
	best, ma := 0, -1.0
	for i, x := range p {
		if a := math.Abs(x); ma < a {
			best, ma = i, a
		}
	}
	return best
}

// bigR is KTAB's Model::bigRfromProb: risk attitudes from position probabilities.
// When every position is equally likely the formula is 0/0; everyone is then
// taken as risk neutral (R = 0), where KTAB would produce NaN.
func bigR(r, p []float64, rr BigRRange) {
	pMin, pMax := 1.0, 0.0
	for _, pi := range p {
		if pi < pMin {
			pMin = pi
		}
		if pi > pMax {
			pMax = pi
		}
	}
	for i, pi := range p {
		switch {
		case pMax-pMin == 0:
			r[i] = 0
		case rr == RangeMin:
			r[i] = (pi - pMin) / (pMax - pMin)
		case rr == RangeMax:
			r[i] = (2*pi - (pMax + pMin)) / (pMax - pMin)
		default:
			r[i] = (3*pi - (pMax + 2*pMin)) / (2 * (pMax - pMin))
		}
	}
}

// estNRA is KTAB's Model::estNRA: h's estimate of i's risk attitude.
func estNRA(rh, ri float64, ra BigRAdjust) float64 {
	switch ra {
	case AdjustFull:
		return ri
	case AdjustTwoThirds:
		return (rh + (2.0 * ri)) / 3.0
	case AdjustHalf:
		return (rh + ri) / 2
	case AdjustNone:
		return rh
	default:
		return ((2.0 * rh) + ri) / 3.0
	}
}

// bsUtil is KTAB's SMPModel::bsUtil: utility of a position at salience-weighted
// distance d for an actor of risk attitude r.
func bsUtil(d, r float64) float64 {
	if d <= 1 {
		return (1 - d) * (1 + d*r)
	}
	return (1 - d) * (1 + r)
}
