package bdm

import (
	"fmt"
	"math"

	"parley/model"
)

// Intermediates are the quantities one round of the model computes from a
// state (a set of positions) before anyone moves: what an analyst needs to see
// why each actor made its move, and what the reference intermediates check.
// Matrices are indexed [a][b] by actor, in input order.
type Intermediates struct {
	Range       float64   // R: the distance that counts as 1
	Positions   []float64 // the state analysed
	Median      float64   // its lower weighted median (μ in the Q < 1 terms)
	MedianUpper float64   // its upper weighted median
	Mean        float64   // its weighted mean

	// Risk pass, every exponent 1.
	D1        float64     // global vote normaliser D(ρ=1)
	P1        [][]float64 // P1[a][b]: probability that a beats b, S(a,b)/D1
	Security  []float64   // Sec_i = Σ_{j≠i} EU(j→i | 1,1): how much rivals gain by challenging i (high = vulnerable)
	RiskIndex []float64   // R_i ∈ [−1,1]: Sec rescaled; 1 = the most exposed actor
	Risk      []float64   // r_i = (1 − R_i/3)/(1 + R_i/3) ∈ [0.5, 2]: < 1 risk-taking, > 1 risk-averse

	// Offer pass, each voter k with exponent r_k.
	Dr float64     // global vote normaliser D(ρ = r)
	Pr [][]float64 // Pr[a][b]: probability that a beats b, S(a,b)/Dr

	// EUChallenge[i][j] = eij = EU(i→j | r_i): i's expected gain from challenging j.
	// EUBelief[i][j] = eji = EU(j→i | r_i): what i believes j gains by challenging i
	// (SC: seen with i's own exponent). Both are 0 when i and j stand together
	// (no offer is considered between them) and on the diagonal.
	EUChallenge, EUBelief [][]float64
}

// RoundIntermediates computes the Intermediates of the state positions (nil
// means in.Position, i.e. round 1) with the run's input and options: R comes
// from in.Position (or the scale), never from positions. The checks are
// Run's; positions must be finite and have one entry per actor.
func RoundIntermediates(in Input, opt Options, positions []float64) (*Intermediates, error) {
	e, err := newEngine(in, opt)
	if err != nil {
		return nil, err
	}
	n := e.n
	if positions == nil {
		positions = in.Position
	}
	if len(positions) != n {
		return nil, model.Invalid("positions", "equal lengths", "%d positions for %d actors", len(positions), n)
	}
	for i, x := range positions {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, model.Invalid(fmt.Sprintf("position %d", i+1), "finite number", "%v is not a finite number", x)
		}
	}
	x := append([]float64(nil), positions...)
	r, err := e.record(0, x)
	if err != nil {
		return nil, err
	}
	e.analyze(x, r.Median)
	it := &Intermediates{
		Range: e.R, Positions: x, Median: r.Median, MedianUpper: r.MedianUpper, Mean: r.Mean,
		D1: e.d1, Dr: e.dr,
		Security:  append([]float64(nil), e.sec...),
		RiskIndex: append([]float64(nil), e.riskIdx...),
		Risk:      append([]float64(nil), e.risk...),
		P1:        square(n), Pr: square(n), EUChallenge: square(n), EUBelief: square(n),
	}
	for a := range n {
		for b := range n {
			it.P1[a][b] = e.prob(e.s1, e.d1, a, b)
			it.Pr[a][b] = e.prob(e.sr, e.dr, a, b)
		}
	}
	for i := range n {
		ri := e.risk[i]
		_, _, usq := Utilities(0, ri)
		for j := range n {
			if math.Abs(x[j]-x[i]) <= e.tol {
				continue
			}
			us, uf, _ := Utilities(math.Abs(x[j]-x[i])/e.R, ri)
			var qij, qji float64
			if e.q < 1 {
				qij, qji = e.qterm(x[i], x[j], ri), e.qterm(x[j], x[i], ri)
			}
			it.EUChallenge[i][j] = e.eu(e.sal[j], it.Pr[i][j], us, uf, usq, qij)
			it.EUBelief[i][j] = e.eu(e.sal[i], it.Pr[j][i], us, uf, usq, qji)
		}
	}
	return it, nil
}

func square(n int) [][]float64 {
	back := make([]float64, n*n)
	m := make([][]float64, n)
	for i := range m {
		m[i] = back[i*n : (i+1)*n : (i+1)*n]
	}
	return m
}
