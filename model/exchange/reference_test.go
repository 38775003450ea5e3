package exchange_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley/model/exchange"
)

// The published inputs and the 10-round reference runs of EXCHANGE.md §9.
var testdata = filepath.Join("..", "..", "..", "shared", "testdata", "exchange")

var datasets = map[string]string{
	"sample_data": "fetched/decide-exchange-model@51dee66/data/input/sample_data.txt",
	"copenhagen":  "fetched/decide-exchange-model@51dee66/data/input/copenhagen.csv",
	"CoP21":       "fetched/equal-gain@36a0589/inst/CoP21.csv",
	"data_short":  "fetched/equal-gain@36a0589/inst/data_short.csv",
	"two_actor":   "reference/inputs/two_actor.csv",
	"us_iran_toy": "reference/inputs/us_iran_toy.csv",
}

// readDecide is the test's own minimal reader of the Decide #A/#P/#M/#D
// format (the product's reader lives in store/codec and is tested there), so
// the model tests depend on nothing but the published files.
func readDecide(t testing.TB, path string) exchange.Input {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var in exchange.Input
	actor, issue := map[string]int{}, map[string]int{}
	type row struct {
		a, d    string
		x, s, c float64
	}
	var rows []row
	lo, hi := map[string]float64{}, map[string]float64{}
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		sep := ";"
		if strings.Contains(line, "\t") {
			sep = "\t"
		}
		f := strings.Split(line, sep)
		for k := range f {
			f[k] = strings.Trim(strings.TrimSpace(f[k]), "'\"")
		}
		num := func(k int) float64 {
			v, err := strconv.ParseFloat(f[k], 64)
			if err != nil {
				t.Fatalf("%s: %q: %v", path, line, err)
			}
			return v
		}
		switch f[0] {
		case "#A":
			actor[f[1]] = len(in.Actors)
			in.Actors = append(in.Actors, f[1])
		case "#P":
			issue[f[1]] = len(in.Issues)
			in.Issues = append(in.Issues, f[1])
		case "#M":
			v := num(2)
			if l, ok := lo[f[1]]; !ok || v < l {
				lo[f[1]] = v
			}
			if h, ok := hi[f[1]]; !ok || v > h {
				hi[f[1]] = v
			}
		case "#D":
			rows = append(rows, row{f[1], f[2], num(3), num(4), num(5)})
		}
	}
	in.Stances = make([][]exchange.Stance, len(in.Actors))
	for a := range in.Stances {
		in.Stances[a] = make([]exchange.Stance, len(in.Issues))
	}
	for _, r := range rows {
		in.Stances[actor[r.a]][issue[r.d]] = exchange.Stance{Has: true, Position: r.x, Salience: r.s, Power: r.c}
	}
	for _, d := range in.Issues {
		l, h := 0.0, 100.0
		if _, ok := lo[d]; ok {
			l, h = lo[d], hi[d]
		}
		in.Lower, in.Upper = append(in.Lower, l), append(in.Upper, h)
	}
	return in
}

// table reads a ;-separated reference file into rows keyed by column name.
func table(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for k, h := range recs[0] {
			m[h] = rec[k]
		}
		out = append(out, m)
	}
	return out
}

func num(t testing.TB, m map[string]string, k string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(m[k], 64)
	if err != nil {
		t.Fatalf("column %s: %v", k, err)
	}
	return v
}

const tol = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) <= tol }

// TestReferenceRuns reproduces all 12 reference runs (6 inputs × variants A
// and B, 10 rounds): every exchange of every round in order, with its actors,
// supply issues, gain and each side's start, move, voting position, target
// and outcome estimates; every outcome and every position, to 1e-9.
func TestReferenceRuns(t *testing.T) {
	for _, v := range []exchange.Variant{exchange.VariantA, exchange.VariantB} {
		for name, input := range datasets {
			t.Run(string(v)+"/"+name, func(t *testing.T) {
				in := readDecide(t, filepath.Join(testdata, input))
				res, err := exchange.Run(in, exchange.Options{Variant: v})
				if err != nil {
					t.Fatal(err)
				}
				dir := filepath.Join(testdata, "reference", "variant-"+string(v), name)
				checkExchanges(t, res, table(t, filepath.Join(dir, "exchanges_by_round.csv")))
				checkOutcomes(t, res, table(t, filepath.Join(dir, "outcomes_by_round.csv")))
				checkPositions(t, res, table(t, filepath.Join(dir, "positions_by_round.csv")))
			})
		}
	}
}

func checkExchanges(t *testing.T, res *exchange.Result, want []map[string]string) {
	t.Helper()
	got := res.Exchanges()
	if len(got) != len(want) {
		t.Errorf("%d exchanges in 10 rounds, reference has %d", len(got), len(want))
	}
	for k := 0; k < len(got) && k < len(want); k++ {
		g, w := got[k], want[k]
		id := "round " + w["round"] + " exchange " + w["seq"]
		if strconv.Itoa(g.Round) != w["round"] || strconv.Itoa(g.Seq) != w["seq"] {
			t.Fatalf("%s: got round %d seq %d", id, g.Round, g.Seq)
		}
		for _, sd := range []struct {
			p string
			s exchange.Side
		}{{"i_", g.I}, {"j_", g.J}} {
			if res.Actors[sd.s.Actor] != w[sd.p+"actor"] || res.Issues[sd.s.Supply] != w[sd.p+"supply_issue"] || res.Issues[sd.s.Demand] != w[sd.p+"demand_issue"] {
				t.Fatalf("%s: side %s is %s supplying %s for %s, reference %s supplying %s for %s", id, sd.p,
					res.Actors[sd.s.Actor], res.Issues[sd.s.Supply], res.Issues[sd.s.Demand], w[sd.p+"actor"], w[sd.p+"supply_issue"], w[sd.p+"demand_issue"])
			}
			for _, f := range []struct {
				col string
				v   float64
			}{{"start", sd.s.Start}, {"move", sd.s.Move}, {"voting", sd.s.Voting}, {"target", sd.s.Target},
				{"outcome_before", sd.s.OutcomeBefore}, {"outcome_after", sd.s.OutcomeAfter},
				{"supply_salience", sd.s.SupplySalience}, {"demand_salience", sd.s.DemandSalience}, {"power", sd.s.Power}} {
				if r := num(t, w, sd.p+f.col); !near(f.v, r) {
					t.Fatalf("%s: %s%s = %.12g, reference %.12g", id, sd.p, f.col, f.v, r)
				}
			}
		}
		if r := num(t, w, "gain"); !near(g.Gain, r) {
			t.Fatalf("%s: gain %.15g, reference %.15g", id, g.Gain, r)
		}
	}
}

func checkOutcomes(t *testing.T, res *exchange.Result, want []map[string]string) {
	t.Helper()
	if len(want) != len(res.Rounds)*len(res.Issues) {
		t.Fatalf("reference has %d outcome rows, run %d×%d", len(want), len(res.Rounds), len(res.Issues))
	}
	issue := map[string]int{}
	for d, n := range res.Issues {
		issue[n] = d
	}
	for _, w := range want {
		d, ok := issue[w["issue"]]
		r, _ := strconv.Atoi(w["round"])
		if !ok || r < 1 || r > len(res.Rounds) {
			t.Fatalf("reference row %v names no issue or round of the run", w)
		}
		rd := res.Rounds[r-1]
		if n, _ := strconv.Atoi(w["n_exchanges"]); n != len(rd.Exchanges) {
			t.Errorf("round %d: %d exchanges, reference %d", r, len(rd.Exchanges), n)
		}
		if p := num(t, w, "preference_outcome_start_of_round"); !near(rd.Preference[d], p) {
			t.Errorf("round %d %s: preference outcome %.12g, reference %.12g", r, w["issue"], rd.Preference[d], p)
		}
		if v := num(t, w, "voting_outcome_end_of_round"); !near(rd.Voting[d], v) {
			t.Errorf("round %d %s: voting outcome %.12g, reference %.12g", r, w["issue"], rd.Voting[d], v)
		}
	}
}

func checkPositions(t *testing.T, res *exchange.Result, want []map[string]string) {
	t.Helper()
	issue, actor := map[string]int{}, map[string]int{}
	for d, n := range res.Issues {
		issue[n] = d
	}
	for a, n := range res.Actors {
		actor[n] = a
	}
	stances := 0
	for a := range res.Has {
		for d := range res.Has[a] {
			if res.Has[a][d] {
				stances++
			}
		}
	}
	if len(want) != stances*len(res.Rounds) {
		t.Fatalf("reference has %d position rows, run %d stances × %d rounds", len(want), stances, len(res.Rounds))
	}
	bad := 0
	for _, w := range want {
		d, a := issue[w["issue"]], actor[w["actor"]]
		r, _ := strconv.Atoi(w["round"])
		rd := res.Rounds[r-1]
		if p, v := num(t, w, "preference_start_of_round"), num(t, w, "voting_end_of_round"); !near(rd.PreferencePositions[a][d], p) || !near(rd.VotingPositions[a][d], v) {
			if bad++; bad < 5 {
				t.Errorf("round %d %s on %s: preference %.12g voting %.12g, reference %.12g %.12g", r, w["actor"], w["issue"],
					rd.PreferencePositions[a][d], rd.VotingPositions[a][d], p, v)
			}
		}
	}
}
