package bdm

import (
	"math"
	"strings"
	"testing"
)

// The emissions case, played 10 rounds, oscillates: Belgium, Ireland and
// Luxembourg climb toward 10 and fall back to about 4 every 5 rounds. The run
// must say it cycles, with its period and between what, not that it settled.
func TestEmissionsCycles(t *testing.T) {
	in := emissions(t)
	res := run(t, in, Options{NoEarlyStop: true, Rounds: 10})
	c := res.Cycle
	if c == nil {
		t.Fatalf("10 rounds of the emissions case: no cycle reported; status %q", res.Status())
	}
	if c.Period != 5 {
		t.Errorf("period = %d rounds, want 5", c.Period)
	}
	if got := res.Status(); got != "cycling (period 5)" {
		t.Errorf("status = %q, want cycling (period 5)", got)
	}
	osc := map[string]bool{}
	for _, s := range c.Actors {
		osc[in.Names[s.Actor]] = true
		if s.High-s.Low < MinSwingShare*res.Range {
			t.Errorf("%s swings only %.3f", in.Names[s.Actor], s.High-s.Low)
		}
	}
	for _, who := range []string{"Belgium", "Ireland", "Luxembourg"} {
		if !osc[who] {
			t.Errorf("%s oscillates (4 → 10 → 4) but is not named in the cycle %+v", who, c.Actors)
		}
	}
	for _, who := range []string{"Netherlands", "Germany", "France"} {
		if osc[who] {
			t.Errorf("%s never moves but is named in the cycle", who)
		}
	}
	// The median from round 1 on swings between 7.0 (round 10) and 9.962 (rounds 3-5).
	near(t, "median low", c.MedianLow, 7, 1e-9)
	near(t, "median high", c.MedianHigh, 9.961980, 1e-6)
	d := c.Describe(in.Names)
	for _, want := range []string{"period of about 5 rounds", "Belgium between", "median swings between 7.00 and 9.96"} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe = %q, want it to contain %q", d, want)
		}
	}
	if res.AtRoundCap {
		t.Error("the stopping rule held at round 5: not a round-cap stop")
	}
}

func TestStillAndRoundCap(t *testing.T) {
	still := Input{Names: []string{"A", "B", "C"}, Capability: []float64{1, 7, 1},
		Position: []float64{30, 50, 90}, Salience: []float64{100, 80, 90}}
	res := run(t, still, Options{})
	if !res.Still || res.AtRoundCap || res.Cycle != nil || res.Status() != "converged (nobody moves)" {
		t.Errorf("still case: still %v, at cap %v, cycle %v, status %q", res.Still, res.AtRoundCap, res.Cycle, res.Status())
	}
	res = run(t, emissions(t), Options{Rounds: 3})
	if !res.AtRoundCap || res.Still {
		t.Errorf("3 rounds of the emissions case: at cap %v, still %v; want true, false", res.AtRoundCap, res.Still)
	}
}

// Every move carries the numbers behind it: eij, eji as the round's
// intermediates have them, the mover's risk exponent and both probabilities.
func TestMoveNumbers(t *testing.T) {
	in := emissions(t)
	res := run(t, in, Options{})
	it, err := RoundIntermediates(in, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range res.Moves {
		if m.Round != 1 {
			continue
		}
		n++
		i, j := m.Mover, m.Counterpart
		near(t, "eij", m.EUSelf, it.EUChallenge[i][j], 1e-12)
		near(t, "eji", m.EUOther, it.EUBelief[i][j], 1e-12)
		near(t, "r_i", m.Risk, it.Risk[i], 1e-12)
		near(t, "P(i→j)", m.PSelf, it.Pr[i][j], 1e-12)
		near(t, "P(j→i)", m.POther, it.Pr[j][i], 1e-12)
	}
	if n != 3 {
		t.Fatalf("%d moves in round 1, want 3", n)
	}
	// Belgium compromised with France in round 1: eij = −0.1148, eji = +0.2433.
	got := res.Moves[0].Numbers(in.Names)
	for _, want := range []string{"eij = -0.115 (Belgium's gain from challenging France)", "eji = +0.243 (Belgium's estimate of France's gain"} {
		if !strings.Contains(got, want) {
			t.Errorf("Numbers = %q, want %q", got, want)
		}
	}
}

// A pair that never bargains directly never appears as a move between them,
// in either direction, in any round.
func TestNoBargainPair(t *testing.T) {
	in := emissions(t)
	free := run(t, in, Options{NoEarlyStop: true, Rounds: 10})
	lux, bel := index(t, in.Names, "Luxembourg"), index(t, in.Names, "Belgium")
	seen := 0
	for _, m := range free.Moves {
		if (m.Mover == lux && m.Counterpart == bel) || (m.Mover == bel && m.Counterpart == lux) {
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("Luxembourg and Belgium never bargain even when free to: the test would prove nothing")
	}
	res := run(t, in, Options{NoEarlyStop: true, Rounds: 10, NoBargain: [][2]int{{bel, lux}}})
	for _, m := range res.Moves {
		if (m.Mover == lux && m.Counterpart == bel) || (m.Mover == bel && m.Counterpart == lux) {
			t.Errorf("round %d: %s", m.Round, m.Explain(in.Names))
		}
	}
	if math.Abs(res.Forecast-free.Forecast) < 1e-12 && len(res.Moves) == len(free.Moves) {
		t.Log("forecast unchanged by the pair")
	}
	if _, err := Run(in, Options{NoBargain: [][2]int{{2, 2}}}); err == nil {
		t.Error("a pair of one actor with itself is accepted")
	}
}
