package bdm

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// literal is MODELS.md §1.2-1.3 read line by line, O(n³) and with math.Pow:
// the oracle for the engine's grouping, prefix sums and exp/log powers.
type literal struct {
	x, c, s  []float64 // s on [0,1]
	R, q, mu float64
}

func (l *literal) votes(rho []float64) (D float64, P [][]float64) {
	n := len(l.x)
	pos := square(n)
	for k := range n {
		w := l.c[k] * l.s[k]
		for a := range n {
			for b := range n {
				v := w * (math.Pow(math.Abs(l.x[k]-l.x[b])/l.R, rho[k]) - math.Pow(math.Abs(l.x[k]-l.x[a])/l.R, rho[k]))
				D += math.Abs(v)
				pos[a][b] += max(0, v)
			}
		}
	}
	P = square(n)
	for a := range n {
		for b := range n {
			if math.Abs(l.x[a]-l.x[b]) > 1e-9*l.R {
				P[a][b] = pos[a][b] / D
			}
		}
	}
	return D, P
}

func (l *literal) eu(a, b int, r, P float64) float64 {
	d := math.Abs(l.x[a]-l.x[b]) / l.R
	us, uf, usq := 2-4*math.Pow(0.5-0.5*d, r), 2-4*math.Pow(0.5+0.5*d, r), 2-4*math.Pow(0.5, r)
	sb := l.s[b]
	e := sb*(P*us+(1-P)*uf) + (1-sb)*us - l.q*usq
	if l.q < 1 {
		da, dab := math.Abs(l.x[a]-l.mu), math.Abs(l.x[a]-l.x[b])
		z := 0.25 * (da + dab) / l.R
		if da < dab {
			e -= (1 - l.q) * (2 - 4*math.Pow(0.5-z, r))
		} else {
			e -= (1 - l.q) * (2 - 4*math.Pow(0.5+z, r))
		}
	}
	return e
}

// round returns D1, the risk exponents, Dr and the moves of one round.
func (l *literal) round(t int, leastMove bool) (D1 float64, risk []float64, Dr float64, moves []Move) {
	n := len(l.x)
	ones := make([]float64, n)
	for i := range ones {
		ones[i] = 1
	}
	D1, P1 := l.votes(ones)
	sec := make([]float64, n)
	for i := range n {
		for j := range n {
			if j != i {
				sec[i] += l.eu(j, i, 1, P1[j][i])
			}
		}
	}
	lo, hi := sec[0], sec[0]
	for _, v := range sec {
		lo, hi = min(lo, v), max(hi, v)
	}
	risk = make([]float64, n)
	for i := range n {
		Ri := 0.0
		if hi > lo {
			Ri = (2*sec[i] - hi - lo) / (hi - lo)
		}
		risk[i] = (1 - Ri/3) / (1 + Ri/3)
	}
	Dr, Pr := l.votes(risk)
	for i := range n {
		type best struct {
			ok       bool
			key, to  float64
			j        int
			eij, eji float64
		}
		var conf, comp, capit best
		for j := range n {
			if math.Abs(l.x[j]-l.x[i]) <= 1e-9*l.R {
				continue
			}
			eij, eji := l.eu(i, j, risk[i], Pr[i][j]), l.eu(j, i, risk[i], Pr[j][i])
			xi, xj := l.x[i], l.x[j]
			if eji > eij && eij > 0 {
				if k := math.Abs(xi - xj); !conf.ok || k < conf.key {
					conf = best{true, k, xj, j, eij, eji}
				}
			} else if eij < 0 && eji > 0 && eji > math.Abs(eij) {
				to := xi + (xj-xi)*math.Abs(eij/eji)
				k := (math.Abs(eij)*xi + math.Abs(eji)*xj) / (math.Abs(eij) + math.Abs(eji))
				if leastMove {
					k = math.Abs(xi - to)
				}
				if !comp.ok || k < comp.key {
					comp = best{true, k, to, j, eij, eji}
				}
			} else if eij < 0 && eji > 0 && eji < math.Abs(eij) {
				if k := math.Abs(xi - xj); !capit.ok || k < capit.key {
					capit = best{true, k, xj, j, eij, eji}
				}
			}
		}
		for _, c := range []struct {
			b best
			k Kind
		}{{conf, Confrontation}, {comp, Compromise}, {capit, Capitulation}} {
			if c.b.ok {
				moves = append(moves, Move{Round: t, Mover: i, Counterpart: c.b.j, Kind: c.k,
					From: l.x[i], To: c.b.to, EUSelf: c.b.eij, EUOther: c.b.eji})
				break
			}
		}
	}
	return D1, risk, Dr, moves
}

func closeRel(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(a), math.Abs(b))
}

// The engine against the literal reading of the spec, on random issues with
// shared positions, weightless actors and every Q path, round by round.
func TestAgainstLiteralSpec(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	kinds := map[Kind]int{}
	defer func() { t.Logf("moves checked: %v", kinds) }()
	for trial := range 60 {
		n := 3 + r.IntN(25)
		in := Input{Capability: make([]float64, n), Position: make([]float64, n), Salience: make([]float64, n)}
		for i := range n {
			in.Capability[i] = 1 + 99*r.Float64()
			if r.IntN(6) == 0 {
				in.Capability[i] = 0
			}
			in.Position[i] = 100 * r.Float64()
			if i > 0 && r.IntN(4) == 0 {
				in.Position[i] = in.Position[r.IntN(i)] // stand with someone
			}
			in.Salience[i] = 100 * r.Float64()
		}
		in.Capability[0], in.Salience[0] = 50, 50
		opt := Options{Rounds: 6, NoEarlyStop: true, Q: 1}
		if trial%3 == 0 {
			opt.Q = 0.3 + 0.6*r.Float64()
		}
		if trial%4 == 1 {
			opt.Compromise = CompromiseLeastMove
		}
		res, err := Run(in, opt)
		if err != nil {
			t.Fatal(err)
		}
		mi := 0
		for k := 1; k < len(res.Rounds); k++ {
			prev := res.Rounds[k-1]
			l := &literal{x: prev.Positions, c: in.Capability, s: make([]float64, n), R: res.Range, q: opt.Q, mu: prev.Median}
			for i := range n {
				l.s[i] = in.Salience[i] / 100
			}
			D1, risk, Dr, want := l.round(k, opt.Compromise == CompromiseLeastMove)
			id := "trial " + strconv.Itoa(trial) + " round " + strconv.Itoa(k)
			it, err := RoundIntermediates(in, opt, prev.Positions)
			if err != nil {
				t.Fatal(err)
			}
			if !closeRel(it.D1, D1, 1e-12) || !closeRel(it.Dr, Dr, 1e-12) {
				t.Fatalf("%s: D1 %v vs %v, Dr %v vs %v", id, it.D1, D1, it.Dr, Dr)
			}
			for i := range n {
				if !closeRel(it.Risk[i], risk[i], 1e-12) {
					t.Fatalf("%s: r_%d = %v, literal %v", id, i, it.Risk[i], risk[i])
				}
			}
			for _, w := range want {
				if mi >= len(res.Moves) || res.Moves[mi].Round != k {
					t.Fatalf("%s: literal move %+v missing", id, w)
				}
				g := res.Moves[mi]
				mi++
				if g.Mover != w.Mover || g.Counterpart != w.Counterpart || g.Kind != w.Kind ||
					!closeRel(g.To, w.To, 1e-12) || !closeRel(g.EUSelf, w.EUSelf, 1e-12) || !closeRel(g.EUOther, w.EUOther, 1e-12) {
					t.Fatalf("%s: move %+v, literal %+v", id, g, w)
				}
			}
			for _, w := range want {
				kinds[w.Kind]++
			}
			if mi < len(res.Moves) && res.Moves[mi].Round == k {
				t.Fatalf("%s: extra move %+v", id, res.Moves[mi])
			}
		}
	}
}
