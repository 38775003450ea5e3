package exchange_test

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"parley/model"
	"parley/model/exchange"
)

func st(x, s, c float64) exchange.Stance {
	return exchange.Stance{Has: true, Position: x, Salience: s, Power: c}
}

// E1 of EXCHANGE.md §8, by hand: two actors, two issues.
func TestWorkedExampleE1(t *testing.T) {
	in := exchange.Input{Actors: []string{"A1", "A2"}, Issues: []string{"p", "q"},
		Stances: [][]exchange.Stance{{st(0, 0.1, 1), st(0, 0.9, 1)}, {st(100, 0.6, 1), st(100, 0.5, 1)}}}
	res, err := exchange.Run(in, exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r1 := res.Rounds[0]
	expect(t, "round 1 O_p", r1.Preference[0], 60/0.7)
	expect(t, "round 1 O_q", r1.Preference[1], 50/1.4)
	if len(r1.Exchanges) != 1 {
		t.Fatalf("round 1: %d exchanges, want 1", len(r1.Exchanges))
	}
	x := r1.Exchanges[0]
	// I = A2 supplies q (100 → 80); J = A1 supplies p (0 → 100).
	if x.I.Actor != 1 || x.I.Supply != 1 || x.J.Actor != 0 || x.J.Supply != 0 {
		t.Fatalf("orientation: I = actor %d supplying %d, J = actor %d supplying %d; want A2 on q, A1 on p", x.I.Actor, x.I.Supply, x.J.Actor, x.J.Supply)
	}
	expect(t, "gain", x.Gain, 5.0)
	expect(t, "A1 voting on p", x.J.Voting, 100)
	expect(t, "A2 voting on q", x.I.Voting, 80)
	expect(t, "voting O_p", r1.Voting[0], 100)
	expect(t, "voting O_q", r1.Voting[1], 40.0/1.4) // (0.9·0 + 0.5·80)/1.4 = 28.571
	expect(t, "A1 new policy on p", res.Rounds[1].PreferencePositions[0][0], 46)
	expect(t, "A2 new policy on q", res.Rounds[1].PreferencePositions[1][1], 94)
	r2 := res.Rounds[1]
	expect(t, "round 2 O_p", r2.Preference[0], (0.1*46+0.6*100)/0.7)
	expect(t, "round 2 O_q", r2.Preference[1], 0.5*94/1.4)
	expect(t, "round 2 gain", r2.Exchanges[0].Gain, 2.7)
	expect(t, "round 2 A2 voting on q", r2.Exchanges[0].I.Voting, 83.2)
	expect(t, "round 3 gain", res.Rounds[2].Exchanges[0].Gain, 1.458)
	if p := res.Rounds[9].Preference; math.Abs(p[0]-99.944) > 5e-4 || math.Abs(p[1]-31.074) > 5e-4 {
		t.Errorf("round 10 preference outcomes %.4f, %.4f; EXCHANGE.md says 99.944 and 31.074", p[0], p[1])
	}
}

// E2 of EXCHANGE.md §8 (the vuejs unit test): I's move would overshoot, so I goes all the way.
func TestWorkedExampleE2(t *testing.T) {
	in := exchange.Input{Actors: []string{"i", "j"}, Issues: []string{"p", "q"},
		Stances: [][]exchange.Stance{{st(0, 0.3, 0.7), st(0, 0.9, 0.7)}, {st(100, 0.7, 0.3), st(100, 0.2, 0.3)}}}
	res, err := exchange.Run(in, exchange.Options{Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rounds[0]
	expect(t, "O_p", r.Preference[0], 50)
	expect(t, "O_q", r.Preference[1], 0.06*100/0.69) // 8.6957
	x := r.Exchanges[0]
	if x.I.Actor != 1 || x.I.Supply != 1 {
		t.Fatalf("I should be j supplying q, got actor %d supplying %d", x.I.Actor, x.I.Supply)
	}
	dOq := 100 * 0.06 / 0.69
	dOp := dOq * 1.1 / 1.0
	expect(t, "j's move on q", x.I.Move, -100)
	expect(t, "i's move on p", x.J.Move, dOp*0.42/0.21) // 19.1304
	expect(t, "gain", x.Gain, 0.7*dOp-0.2*dOq)          // 4.9565
	if math.Abs(x.Gain-4.9565) > 1e-4 || math.Abs(x.J.Voting-19.1304) > 1e-4 {
		t.Errorf("gain %.4f and i's voting %.4f; EXCHANGE.md says 4.9565 and 19.1304", x.Gain, x.J.Voting)
	}
}

// E3 of EXCHANGE.md §8: the first exchange of sample_data.txt, as the
// reference tool's own tests state it.
func TestWorkedExampleE3(t *testing.T) {
	in := readDecide(t, filepath.Join(testdata, datasets["sample_data"]))
	res, err := exchange.Run(in, exchange.Options{Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rounds[0]
	if r.Candidates != 240 {
		t.Errorf("round 1 has %d candidate exchanges, the reference tool's test says 240", r.Candidates)
	}
	gains, err := exchange.FirstGains(in)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "best candidate gain", gains[0], 1.9736842105263)
	expect(t, "second-best candidate gain", gains[1], 1.7926363087653)
	x := r.Exchanges[0]
	w, wc := res.Actors[x.I.Actor], res.Actors[x.J.Actor]
	if w != "Willems" || res.Issues[x.I.Supply] != "extra-investering" || wc != "Wcentr" || res.Issues[x.J.Supply] != "tolheffing-binnenstad" {
		t.Fatalf("first exchange %s on %s with %s on %s", w, res.Issues[x.I.Supply], wc, res.Issues[x.J.Supply])
	}
	expect(t, "gain", x.Gain, 1.9736842105263)
	expect(t, "Willems from", x.I.Start, 25)
	expect(t, "Willems to", x.I.Voting, 100)
	expect(t, "Wcentr from", x.J.Start, 0)
	expect(t, "Wcentr move", x.J.Move, 61.0511736405)
}

// §9: three actors at 0, 100 and 100 with s = c = 1 give an outcome of 66.667.
func TestOutcome(t *testing.T) {
	in := exchange.Input{Actors: []string{"a", "b", "c"}, Issues: []string{"p", "q"},
		Stances: [][]exchange.Stance{{st(0, 1, 1), st(0, 1, 1)}, {st(100, 1, 1), st(0, 1, 1)}, {st(100, 1, 1), st(0, 1, 1)}}}
	res, err := exchange.Run(in, exchange.Options{Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "outcome", res.Rounds[0].Preference[0], 200.0/3)
}

// The R package's round-1 output for data_short (EXCHANGE.md §6): variant B
// gives the same 20 exchanges in the same order, with the same gains and
// moves. The R file prints 12-15 significant digits, hence 1e-9 relative.
func TestROutputDataShort(t *testing.T) {
	in := readDecide(t, filepath.Join(testdata, datasets["data_short"]))
	res, err := exchange.Run(in, exchange.Options{Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(testdata, "fetched/equal-gain@36a0589/inst/output/data_short.output.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := res.Rounds[0].Exchanges
	if len(got) != len(recs) || len(recs) != 20 {
		t.Fatalf("%d exchanges in round 1, the R output has %d (want 20)", len(got), len(recs))
	}
	f64 := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rel := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for k, rec := range recs {
		g := got[k]
		// R's i is ours when the actor and supply issue agree; otherwise the sides are swapped.
		i, j := g.I, g.J
		if res.Actors[i.Actor] != rec[0] {
			i, j = j, i
		}
		if res.Actors[i.Actor] != rec[0] || res.Issues[i.Supply] != rec[1] || res.Actors[j.Actor] != rec[2] || res.Issues[j.Supply] != rec[3] {
			t.Fatalf("exchange %d: %s on %s with %s on %s; R: %s on %s with %s on %s", k+1,
				res.Actors[i.Actor], res.Issues[i.Supply], res.Actors[j.Actor], res.Issues[j.Supply], rec[0], rec[1], rec[2], rec[3])
		}
		for _, c := range []struct {
			what string
			got  float64
			col  int
		}{{"gain", g.Gain, 4}, {"i start", i.Start, 5}, {"i move", i.Move, 6}, {"i voting", i.Voting, 7}, {"i target", i.Target, 8},
			{"j start", j.Start, 9}, {"j move", j.Move, 10}, {"j voting", j.Voting, 11}, {"j target", j.Target, 12}} {
			if w := f64(rec[c.col]); !rel(c.got, w) {
				t.Errorf("exchange %d %s: %.15g, R %.15g", k+1, c.what, c.got, w)
			}
		}
	}
}

// Degenerate input is the model package's error with a clear message, never a NaN.
func TestDegenerate(t *testing.T) {
	two := [][]exchange.Stance{{st(0, 0.5, 1), st(0, 0.5, 1)}, {st(100, 0.5, 1), st(100, 0.2, 1)}}
	cases := []struct {
		name string
		in   exchange.Input
		code string
	}{
		{"one issue", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p"}, Stances: [][]exchange.Stance{{st(0, 1, 1)}, {st(100, 1, 1)}}}, model.EDEGENERATE},
		{"one trader", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"}, Stances: [][]exchange.Stance{{st(0, 1, 1), st(0, 1, 1)}, {st(100, 1, 1), {}}}}, model.EDEGENERATE},
		{"zero salience", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"}, Stances: [][]exchange.Stance{{st(0, 0, 1), st(0, 0, 1)}, {st(100, 0, 1), st(100, 0, 1)}}}, model.EDEGENERATE},
		{"zero capability", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"}, Stances: [][]exchange.Stance{{st(0, 1, 0), st(0, 1, 0)}, {st(100, 1, 0), st(100, 1, 0)}}}, model.EDEGENERATE},
		{"salience above 1", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"}, Stances: [][]exchange.Stance{{st(0, 50, 1), st(0, 1, 1)}, two[1]}}, model.EINVALID},
		{"NaN position", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"}, Stances: [][]exchange.Stance{{st(math.NaN(), 0.5, 1), st(0, 1, 1)}, two[1]}}, model.EINVALID},
		{"off scale", exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"}, Stances: [][]exchange.Stance{{st(120, 0.5, 1), st(0, 1, 1)}, two[1]}}, model.EINVALID},
	}
	for _, c := range cases {
		res, err := exchange.Run(c.in, exchange.Options{})
		var me *model.Error
		if !errors.As(err, &me) || me.Code != c.code || me.Message == "" {
			t.Errorf("%s: got %v (result %v), want a %s model error", c.name, err, res, c.code)
			continue
		}
		t.Logf("%s: %v", c.name, err)
	}
	// Nobody on opposite sides: a valid run with no exchanges and finite outcomes.
	res, err := exchange.Run(exchange.Input{Actors: []string{"a", "b"}, Issues: []string{"p", "q"},
		Stances: [][]exchange.Stance{{st(40, 0.5, 1), st(40, 0.5, 1)}, {st(40, 0.3, 1), st(40, 0.2, 1)}}}, exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Forecast {
		if v != 40 {
			t.Errorf("everyone at 40, no trade: forecast %v", res.Forecast)
		}
	}
}

func expect(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}

// The sentence an analyst reads, and the gain each party books: in E1 each
// one's utility −Σ s·|O − x| rises by exactly the equal gain.
func TestExplainAndBalances(t *testing.T) {
	in := exchange.Input{Actors: []string{"Iran", "the United States"}, Issues: []string{"verification", "sanctions relief"},
		Stances: [][]exchange.Stance{{st(0, 0.1, 1), st(0, 0.9, 1)}, {st(100, 0.6, 1), st(100, 0.5, 1)}}}
	res, err := exchange.Run(in, exchange.Options{Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	x := res.Rounds[0].Exchanges[0]
	got := x.Explain(res.Actors, res.Issues)
	want := "the United States conceded on sanctions relief (100 → 80) in exchange for Iran's move on verification (0 → 100); each gained 5.00"
	if got != want {
		t.Errorf("explanation\n got %s\nwant %s", got, want)
	}
	b := res.Balances(0)
	for a := range b {
		if len(b[a].Gave) != 1 || len(b[a].Got) != 1 || math.Abs(b[a].Gain-5) > 1e-12 || b[a].ThirdParty != 0 {
			t.Errorf("%s: %+v", res.Actors[a], b[a])
		}
	}
	if g := b[0].Gave[0]; g.Issue != 0 || g.From != 0 || g.To != 100 || g.Partner != 1 {
		t.Errorf("Iran gave %+v, want verification 0 → 100 to the United States", g)
	}
	// Utility change of each party from the running outcomes = its gain.
	r := res.Rounds[0]
	for a := range res.Actors {
		u := func(o []float64) float64 {
			return -(res.Salience[a][0]*math.Abs(o[0]-r.PreferencePositions[a][0]) + res.Salience[a][1]*math.Abs(o[1]-r.PreferencePositions[a][1]))
		}
		if d := u(r.Running[0]) - u(r.Preference); math.Abs(d-x.Gain) > 1e-9 {
			t.Errorf("%s's utility rose by %.12g, the equal gain is %.12g", res.Actors[a], d, x.Gain)
		}
	}
}

// A third party feels the trade: an actor who sits where both outcomes move gains.
func TestThirdParty(t *testing.T) {
	in := exchange.Input{Actors: []string{"A1", "A2", "C"}, Issues: []string{"p", "q"},
		Stances: [][]exchange.Stance{{st(0, 0.1, 1), st(0, 0.9, 1)}, {st(100, 0.6, 1), st(100, 0.5, 1)}, {st(100, 0.5, 0.01), st(0, 0.5, 0.01)}}}
	res, err := exchange.Run(in, exchange.Options{Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rounds[0]
	b := res.Balances(0)
	var want float64
	prev := r.Preference
	for k, x := range r.Exchanges {
		now := r.Running[k]
		if x.I.Actor != 2 && x.J.Actor != 2 {
			for d := 0; d < 2; d++ {
				want += 0.5 * (math.Abs(prev[d]-r.PreferencePositions[2][d]) - math.Abs(now[d]-r.PreferencePositions[2][d]))
			}
		}
		prev = now
	}
	if want <= 0 || math.Abs(b[2].ThirdParty-want) > 1e-12 {
		t.Errorf("C's third-party effect %.6g, want %.6g > 0", b[2].ThirdParty, want)
	}
}
