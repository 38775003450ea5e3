package bdm

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"parley/model"
)

// testdata is /work/shared/testdata, reached from the package directory.
func testdata(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "testdata", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		abs, _ := filepath.Abs(p)
		t.Fatalf("reference file missing: %s (expected the shared testdata beside the checkout, at ../shared/testdata from the project root): %v", abs, err)
	}
	return p
}

// readCSV is a tiny CSV reader: comma-separated, no quoting, header first.
func readCSV(t testing.TB, rel string) (header []string, rows [][]string) {
	t.Helper()
	b, err := os.ReadFile(testdata(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, ",")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if header == nil {
			header = f
		} else {
			rows = append(rows, f)
		}
	}
	return header, rows
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// emissions reads Bueno de Mesquita's (1994) car-emissions case.
func emissions(t testing.TB) Input {
	t.Helper()
	h, rows := readCSV(t, "inputs/bdm1994_emissions.csv")
	if strings.Join(h, ",") != "Actor,Capability,Position,Salience" {
		t.Fatalf("emissions header = %v", h)
	}
	var in Input
	for _, r := range rows {
		if len(r) != 4 {
			t.Fatalf("emissions row %v: want 4 fields", r)
		}
		in.Names = append(in.Names, r[0])
		in.Capability = append(in.Capability, num(t, r[1]))
		in.Position = append(in.Position, num(t, r[2]))
		in.Salience = append(in.Salience, num(t, r[3]))
	}
	return in
}

func index(t testing.TB, names []string, name string) int {
	t.Helper()
	for i, n := range names {
		if n == name {
			return i
		}
	}
	t.Fatalf("unknown actor %q", name)
	return -1
}

func near(t testing.TB, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.10g, want %.10g (±%g)", what, got, want, tol)
	}
}

func run(t testing.TB, in Input, opt Options) *Result {
	t.Helper()
	res, err := Run(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// (1) Every actor's position in every round, and the median and mean.
func TestTrajectory(t *testing.T) {
	in := emissions(t)
	res := run(t, in, Options{Rounds: 10, NoEarlyStop: true})
	h, rows := readCSV(t, "expected/bdm_sc_emissions_trajectory.csv")
	if len(res.Rounds) != len(rows) || len(rows) != 11 {
		t.Fatalf("%d rounds, reference has %d rows (want 11: input + 10)", len(res.Rounds), len(rows))
	}
	for _, row := range rows {
		k := int(num(t, row[0]))
		r := res.Rounds[k]
		if r.Round != k {
			t.Errorf("Rounds[%d].Round = %d", k, r.Round)
		}
		near(t, "round "+row[0]+" median", r.Median, num(t, row[1]), 1e-6)
		near(t, "round "+row[0]+" mean", r.Mean, num(t, row[2]), 1e-6)
		for c := 3; c < len(h); c++ {
			near(t, "round "+row[0]+" "+h[c], r.Positions[index(t, in.Names, h[c])], num(t, row[c]), 1e-6)
		}
	}
	near(t, "forecast", res.Forecast, res.Rounds[10].Median, 0)
	if res.Unvalidated || res.Range != 6 {
		t.Errorf("Unvalidated = %v, Range = %v; want false, 6", res.Unvalidated, res.Range)
	}
}

var moveRE = regexp.MustCompile(`^t=(\d+)\s+(\S+)\s+(\S+)\s+->\s+(\S+)\s+new=(\S+)\s+\(EU_i=(\S+), EU_j=(\S+)\)$`)

// (2) Every move: round, mover, kind, counterpart, new position, EU pair.
func TestMoves(t *testing.T) {
	in := emissions(t)
	res := run(t, in, Options{Rounds: 10, NoEarlyStop: true})
	b, err := os.ReadFile(testdata(t, "expected/bdm_sc_emissions_moves.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var want []Move
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := moveRE.FindStringSubmatch(strings.TrimSpace(line))
		if f == nil {
			t.Fatalf("cannot parse move line %q", line)
		}
		want = append(want, Move{Round: int(num(t, f[1])), Mover: index(t, in.Names, f[2]), Kind: Kind(f[3]),
			Counterpart: index(t, in.Names, f[4]), To: num(t, f[5]), EUSelf: num(t, f[6]), EUOther: num(t, f[7])})
	}
	if len(res.Moves) != len(want) {
		t.Fatalf("%d moves, reference has %d", len(res.Moves), len(want))
	}
	for k, w := range want {
		g := res.Moves[k]
		id := "move " + strconv.Itoa(k+1) + " (t=" + strconv.Itoa(w.Round) + " " + in.Names[w.Mover] + ")"
		if g.Round != w.Round || g.Mover != w.Mover || g.Kind != w.Kind || g.Counterpart != w.Counterpart {
			t.Errorf("%s: got round %d %s %s -> %s", id, g.Round, in.Names[g.Mover], g.Kind, in.Names[g.Counterpart])
			continue
		}
		near(t, id+" new position", g.To, w.To, 1e-6)
		near(t, id+" EU_i", g.EUSelf, w.EUSelf, 1e-6)
		near(t, id+" EU_j", g.EUOther, w.EUOther, 1e-6)
		if from := res.Rounds[g.Round-1].Positions[g.Mover]; g.From != from {
			t.Errorf("%s: From = %v, position before the round = %v", id, g.From, from)
		}
		if to := res.Rounds[g.Round].Positions[g.Mover]; g.To != to {
			t.Errorf("%s: To = %v, position after the round = %v", id, g.To, to)
		}
	}
}

// (3) Every value of the round-1 intermediates.
func TestRound1Intermediates(t *testing.T) {
	in := emissions(t)
	b, err := os.ReadFile(testdata(t, "expected/bdm_sc_emissions_round1_intermediates.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]json.RawMessage
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	it, err := RoundIntermediates(in, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-9
	scalar := func(key string) float64 {
		var v float64
		if err := json.Unmarshal(ref[key], &v); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		return v
	}
	table := func(key string) map[string]float64 {
		var m map[string]float64
		if err := json.Unmarshal(ref[key], &m); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if len(m) == 0 {
			t.Fatalf("%s is empty", key)
		}
		return m
	}
	perActor := func(key string, got []float64) {
		m := table(key)
		if len(m) != len(in.Names) {
			t.Errorf("%s has %d actors, want %d", key, len(m), len(in.Names))
		}
		for name, v := range m {
			near(t, key+" "+name, got[index(t, in.Names, name)], v, tol)
		}
	}
	checked := map[string]bool{}
	for key := range ref {
		checked[key] = true
		switch key {
		case "R_range":
			near(t, key, it.Range, scalar(key), tol)
		case "weighted_median_t0":
			near(t, key, it.Median, scalar(key), tol)
		case "weighted_mean_t0":
			near(t, key, it.Mean, scalar(key), tol)
		case "D_r1":
			near(t, key, it.D1, scalar(key), tol)
		case "D_riskadjusted":
			near(t, key, it.Dr, scalar(key), tol)
		case "P_r1":
			for pair, v := range table(key) {
				a, b, ok := strings.Cut(pair, ">")
				if !ok {
					t.Fatalf("P_r1 key %q", pair)
				}
				near(t, "P_r1 "+pair, it.P1[index(t, in.Names, a)][index(t, in.Names, b)], v, tol)
			}
		case "security_r1":
			perActor(key, it.Security)
		case "R_i":
			perActor(key, it.RiskIndex)
		case "r_i":
			perActor(key, it.Risk)
		case "Belgium_vs_France":
			be, fr := index(t, in.Names, "Belgium"), index(t, in.Names, "France")
			us, uf, usq := Utilities(math.Abs(in.Position[be]-in.Position[fr])/it.Range, it.Risk[be])
			got := map[string]float64{
				"r_Belgium":                             it.Risk[be],
				"U_s":                                   us,
				"U_f":                                   uf,
				"U_sq":                                  usq,
				"P(Belgium beats France)":               it.Pr[be][fr],
				"P(France beats Belgium)":               it.Pr[fr][be],
				"EU_Belgium(Belgium challenges France)": it.EUChallenge[be][fr],
				"EU_Belgium(France challenges Belgium)": it.EUBelief[be][fr],
			}
			for k, v := range table(key) {
				g, ok := got[k]
				if !ok {
					t.Errorf("Belgium_vs_France: unchecked key %q", k)
					continue
				}
				near(t, key+" "+k, g, v, tol)
			}
		default:
			t.Errorf("unchecked key %q in the reference intermediates", key)
		}
	}
	if len(checked) < 10 {
		t.Errorf("only %d keys checked", len(checked))
	}
	// P is zero between actors who stand together, and never symmetric to 1.
	nl, de := index(t, in.Names, "Netherlands"), index(t, in.Names, "Germany")
	if it.P1[nl][de] != 0 || it.Pr[nl][de] != 0 || it.EUChallenge[nl][de] != 0 {
		t.Errorf("actors at the same position: P1 %v, Pr %v, EU %v; want 0", it.P1[nl][de], it.Pr[nl][de], it.EUChallenge[nl][de])
	}
	// The intermediates of a later state drive the same moves as Run.
	res := run(t, in, Options{NoEarlyStop: true})
	it4, err := RoundIntermediates(in, Options{}, res.Rounds[3].Positions)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Moves {
		if m.Round == 4 {
			near(t, "round-4 intermediates eij", it4.EUChallenge[m.Mover][m.Counterpart], m.EUSelf, 1e-12)
			near(t, "round-4 intermediates eji", it4.EUBelief[m.Mover][m.Counterpart], m.EUOther, 1e-12)
		}
	}
	if it4.Range != 6 {
		t.Errorf("range of a later state = %v, want the initial 6", it4.Range)
	}
}

// (4) Scholz et al. (2011) Table 2: the SC figures of MODELS.md §1.5 and the published ones.
func TestScholzTable2(t *testing.T) {
	scMedian := []float64{8.4159, 9.6109, 9.9620, 9.9620, 9.9620, 7.4720, 8.8246, 9.6711}
	scMean := []float64{7.4613, 7.5525, 7.5901, 7.3581, 7.3492, 7.4149, 7.5105, 7.5724}
	res := run(t, emissions(t), Options{Rounds: 8, NoEarlyStop: true})
	if len(res.Rounds) != 9 {
		t.Fatalf("%d rounds, want 9", len(res.Rounds))
	}
	for k := 1; k <= 8; k++ {
		near(t, "SC median round "+strconv.Itoa(k), res.Rounds[k].Median, scMedian[k-1], 1e-4)
		near(t, "SC mean round "+strconv.Itoa(k), res.Rounds[k].Mean, scMean[k-1], 1e-4)
	}
	h, rows := readCSV(t, "expected/scholz2011_table2_published.csv")
	if strings.Join(h, ",") != "round,median_published,mean_published" || len(rows) != 8 {
		t.Fatalf("published table: header %v, %d rows", h, len(rows))
	}
	for _, row := range rows {
		k := int(num(t, row[0]))
		med, pmed, mean, pmean := res.Rounds[k].Median, num(t, row[1]), res.Rounds[k].Mean, num(t, row[2])
		if k == 2 {
			// The known gap in the source: the paper prints 9.9 where its own
			// model gives 9.6109 (MODELS.md §1.5). Assert the gap, do not hide it.
			near(t, "published round-2 median gap", pmed-med, 0.29, 0.005)
		} else if !(pmed <= med+1e-9 && med < pmed+0.1) {
			// The published medians are truncated to one decimal.
			t.Errorf("round %d: median %.4f does not truncate to the published %.1f", k, med, pmed)
		}
		// The published means are within one printed decimal of SC, but are
		// neither consistently truncated (round 3: 7.5901 printed 7.6) nor
		// rounded (round 1: 7.4613 printed 7.4).
		if math.Abs(mean-pmean) >= 0.1 {
			t.Errorf("round %d: mean %.4f is not within 0.1 of the published %.1f", k, mean, pmean)
		}
	}
}

// (5) The input state.
func TestInitialState(t *testing.T) {
	res := run(t, emissions(t), Options{Rounds: 1})
	r0 := res.Rounds[0]
	near(t, "t=0 weighted mean", r0.Mean, 7.389956, 1e-6)
	if r0.Median != 7 || r0.MedianUpper != 7 || r0.Round != 0 {
		t.Errorf("t=0: median %v, upper %v, round %d; want 7, 7, 0", r0.Median, r0.MedianUpper, r0.Round)
	}
	if !reflect.DeepEqual(r0.Positions, emissions(t).Position) {
		t.Errorf("Rounds[0].Positions = %v, want the input", r0.Positions)
	}
}

// (6) Early stop and Converged.
func TestEarlyStop(t *testing.T) {
	// Nobody has an offer against anyone: round 1 changes nothing.
	still := Input{Names: []string{"A", "B", "C"}, Capability: []float64{1, 7, 1},
		Position: []float64{30, 50, 90}, Salience: []float64{100, 80, 90}}
	res := run(t, still, Options{})
	if len(res.Moves) != 0 || !res.Converged || res.ConvergedAt != 1 || len(res.Rounds) != 2 {
		t.Fatalf("still case: %d moves, converged %v at %d, %d rounds; want 0, true at 1, 2",
			len(res.Moves), res.Converged, res.ConvergedAt, len(res.Rounds))
	}
	if !reflect.DeepEqual(res.Rounds[1].Positions, still.Position) || res.Forecast != 50 {
		t.Errorf("still case: positions %v, forecast %v", res.Rounds[1].Positions, res.Forecast)
	}
	res = run(t, still, Options{NoEarlyStop: true, Rounds: 4})
	if len(res.Rounds) != 5 || !res.Converged || res.ConvergedAt != 1 {
		t.Errorf("still case, no early stop: %d rounds, converged %v at %d; want 5, true at 1", len(res.Rounds), res.Converged, res.ConvergedAt)
	}

	// Emissions: the median is 9.961980 after rounds 3, 4 and 5, i.e.
	// unchanged for 2 consecutive rounds at round 5; people still move.
	in := emissions(t)
	res = run(t, in, Options{})
	if !res.Converged || res.ConvergedAt != 5 || len(res.Rounds) != 6 {
		t.Fatalf("emissions: converged %v at %d after %d rounds; want true at 5, 6 rounds", res.Converged, res.ConvergedAt, len(res.Rounds))
	}
	near(t, "emissions early-stop forecast", res.Forecast, 9.961980, 1e-6)
	full := run(t, in, Options{NoEarlyStop: true})
	if len(full.Rounds) != 11 || full.ConvergedAt != 5 || !reflect.DeepEqual(full.Rounds[:6], res.Rounds) {
		t.Errorf("NoEarlyStop: %d rounds, converged at %d, or the first 5 rounds differ", len(full.Rounds), full.ConvergedAt)
	}
	// Too few rounds to meet the rule.
	res = run(t, in, Options{Rounds: 3})
	if res.Converged || res.ConvergedAt != 0 || len(res.Rounds) != 4 {
		t.Errorf("3 rounds: converged %v at %d, %d rounds; want false, 0, 4", res.Converged, res.ConvergedAt, len(res.Rounds))
	}
}

// (7) Bad input: a clear error of the right code, never NaN.
func TestDegenerateInputs(t *testing.T) {
	base := func() Input {
		return Input{Names: []string{"A", "B", "C"}, Capability: []float64{1, 2, 3},
			Position: []float64{0, 50, 100}, Salience: []float64{50, 50, 50}}
	}
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name string
		edit func(*Input, *Options)
		code string
	}{
		{"two actors", func(in *Input, _ *Options) {
			in.Names, in.Capability, in.Position, in.Salience = in.Names[:2], in.Capability[:2], in.Position[:2], in.Salience[:2]
		}, model.EDEGENERATE},
		{"no actors", func(in *Input, _ *Options) { *in = Input{} }, model.EDEGENERATE},
		{"unequal lengths", func(in *Input, _ *Options) { in.Salience = in.Salience[:2] }, model.EINVALID},
		{"names length", func(in *Input, _ *Options) { in.Names = in.Names[:1] }, model.EINVALID},
		{"NaN position", func(in *Input, _ *Options) { in.Position[1] = nan }, model.EINVALID},
		{"infinite position", func(in *Input, _ *Options) { in.Position[1] = -inf }, model.EINVALID},
		{"NaN capability", func(in *Input, _ *Options) { in.Capability[0] = nan }, model.EINVALID},
		{"infinite capability", func(in *Input, _ *Options) { in.Capability[0] = inf }, model.EINVALID},
		{"negative capability", func(in *Input, _ *Options) { in.Capability[2] = -1 }, model.EINVALID},
		{"NaN salience", func(in *Input, _ *Options) { in.Salience[2] = nan }, model.EINVALID},
		{"salience above 100", func(in *Input, _ *Options) { in.Salience[2] = 101 }, model.EINVALID},
		{"negative salience", func(in *Input, _ *Options) { in.Salience[2] = -0.5 }, model.EINVALID},
		{"all positions equal", func(in *Input, _ *Options) { in.Position = []float64{40, 40, 40} }, model.EDEGENERATE},
		{"zero capabilities", func(in *Input, _ *Options) { in.Capability = []float64{0, 0, 0} }, model.EDEGENERATE},
		{"zero saliences", func(in *Input, _ *Options) { in.Salience = []float64{0, 0, 0} }, model.EDEGENERATE},
		{"no actor with both", func(in *Input, _ *Options) {
			in.Capability, in.Salience = []float64{1, 0, 1}, []float64{0, 50, 0}
		}, model.EDEGENERATE},
		{"positions too far apart", func(in *Input, _ *Options) { in.Position = []float64{-1e308, 0, 1e308} }, model.EINVALID},
		{"Q above 1", func(_ *Input, o *Options) { o.Q = 1.5 }, model.EINVALID},
		{"Q negative", func(_ *Input, o *Options) { o.Q = -0.1 }, model.EINVALID},
		{"Q NaN", func(_ *Input, o *Options) { o.Q = nan }, model.EINVALID},
		{"negative rounds", func(_ *Input, o *Options) { o.Rounds = -1 }, model.EINVALID},
		{"too many rounds", func(_ *Input, o *Options) { o.Rounds = MaxRounds + 1 }, model.EINVALID},
		{"unknown compromise", func(_ *Input, o *Options) { o.Compromise = "nash" }, model.EINVALID},
		{"unknown capitulation", func(_ *Input, o *Options) { o.Capitulation = "never" }, model.EINVALID},
		{"unknown range", func(_ *Input, o *Options) { o.Range = "observed" }, model.EINVALID},
		{"empty scale", func(_ *Input, o *Options) { o.Range, o.ScaleMin, o.ScaleMax = RangeFullScale, 10, 10 }, model.EINVALID},
		{"position off the scale", func(_ *Input, o *Options) { o.Range, o.ScaleMin, o.ScaleMax = RangeFullScale, 0, 60 }, model.EINVALID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, opt := base(), Options{}
			c.edit(&in, &opt)
			res, err := Run(in, opt)
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			var me *model.Error
			if !errors.As(err, &me) || model.ErrorCode(err) != c.code {
				t.Errorf("error %q has code %q, want %q", err, model.ErrorCode(err), c.code)
			}
			if me != nil && (me.Message == "" || strings.Contains(err.Error(), "NaN") && c.code == model.EDEGENERATE) {
				t.Errorf("unclear message %q", err)
			}
			if res != nil {
				t.Errorf("a result came with the error")
			}
			if _, err2 := RoundIntermediates(in, opt, nil); model.ErrorCode(err2) != c.code {
				t.Errorf("RoundIntermediates: %v, want code %q", err2, c.code)
			}
		})
	}
	// All equal on the full scale is not degenerate: nobody moves.
	in := base()
	in.Position = []float64{40, 40, 40}
	res := run(t, in, Options{Range: RangeFullScale})
	if len(res.Moves) != 0 || !res.Converged || res.Forecast != 40 {
		t.Errorf("all at 40 on the full scale: %d moves, converged %v, forecast %v", len(res.Moves), res.Converged, res.Forecast)
	}
	if _, err := RoundIntermediates(base(), Options{}, []float64{1, 2}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("RoundIntermediates with 2 positions for 3 actors: %v", err)
	}
}

// checkFinite fails unless every number of a result is finite and every
// position lies within [lo, hi].
func checkFinite(t *testing.T, what string, res *Result, lo, hi float64) {
	t.Helper()
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	for _, r := range res.Rounds {
		if !ok(r.Median) || !ok(r.MedianUpper) || !ok(r.Mean) {
			t.Fatalf("%s: round %d median %v/%v mean %v", what, r.Round, r.Median, r.MedianUpper, r.Mean)
		}
		for i, x := range r.Positions {
			if !ok(x) || x < lo || x > hi {
				t.Fatalf("%s: round %d actor %d at %v, outside [%v, %v]", what, r.Round, i, x, lo, hi)
			}
		}
	}
	for _, m := range res.Moves {
		if !ok(m.EUSelf) || !ok(m.EUOther) || !ok(m.To) {
			t.Fatalf("%s: move %+v", what, m)
		}
	}
	if !ok(res.Forecast) {
		t.Fatalf("%s: forecast %v", what, res.Forecast)
	}
}

// Random inputs with ties, zeros and every option: never NaN, positions stay in range.
func TestNoNaN(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	scales := []float64{1e-6, 1, 100, 1e6}
	for trial := range 300 {
		n := 3 + r.IntN(12)
		in := Input{Capability: make([]float64, n), Position: make([]float64, n), Salience: make([]float64, n)}
		sc := scales[r.IntN(len(scales))]
		for i := range n {
			in.Capability[i] = float64(r.IntN(4)) * r.Float64() * sc
			in.Position[i] = float64(r.IntN(5)) * 25 // ties on purpose
			if r.IntN(3) == 0 {
				in.Position[i] = r.Float64() * 100
			}
			in.Salience[i] = float64(r.IntN(11)) * 10
		}
		in.Capability[0], in.Salience[0] = 1*sc, 50
		in.Position[0], in.Position[1] = 0, 100
		opt := Options{Rounds: 1 + r.IntN(15), NoEarlyStop: r.IntN(2) == 0}
		if r.IntN(3) == 0 {
			opt.Q = 0.05 + 0.95*r.Float64()
		}
		if r.IntN(2) == 0 {
			opt.Compromise = CompromiseLeastMove
		}
		if r.IntN(2) == 0 {
			opt.Capitulation = CapitulationSCBug
		}
		if r.IntN(3) == 0 {
			opt.Range = RangeFullScale
		}
		res, err := Run(in, opt)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		checkFinite(t, "trial "+strconv.Itoa(trial), res, 0, 100)
		if res.Unvalidated != (opt.Q != 0 && opt.Q < 1) {
			t.Errorf("trial %d: Unvalidated = %v with Q = %v", trial, res.Unvalidated, opt.Q)
		}
	}
	// Extreme capabilities are rescaled, not overflowed.
	for _, c := range []float64{1e-300, 1e300} {
		in := emissions(t)
		for i := range in.Capability {
			in.Capability[i] *= c
		}
		res := run(t, in, Options{NoEarlyStop: true})
		checkFinite(t, "capabilities ×"+strconv.FormatFloat(c, 'g', -1, 64), res, 4, 10)
		near(t, "scaled capabilities, round-10 median", res.Rounds[10].Median, 7, 1e-6)
		near(t, "scaled capabilities, round-9 median", res.Rounds[9].Median, 9.671130, 1e-6)
	}
}

// (8) Options.
func TestOptions(t *testing.T) {
	in := emissions(t)
	def := run(t, in, Options{NoEarlyStop: true})

	// sc-bug (nobody ever capitulates) changes nothing on the emissions case:
	// nobody capitulates there anyway.
	bug := run(t, in, Options{NoEarlyStop: true, Capitulation: CapitulationSCBug})
	if !reflect.DeepEqual(def, bug) {
		t.Errorf("sc-bug capitulation changes the emissions run")
	}
	for _, m := range def.Moves {
		if m.Kind == Capitulation {
			t.Errorf("a capitulation in the emissions case: %+v", m)
		}
	}

	// least-move ranks compromises by distance. Rounds 1-3 are the same; in
	// round 4 Belgium (at 9.96) compromises with France (tiny move) instead of
	// Netherlands (the SC ranking prefers the lower weighted position).
	lm := run(t, in, Options{NoEarlyStop: true, Compromise: CompromiseLeastMove})
	if !reflect.DeepEqual(lm.Rounds[:4], def.Rounds[:4]) {
		t.Errorf("least-move differs before round 4")
	}
	be, fr := index(t, in.Names, "Belgium"), index(t, in.Names, "France")
	for _, m := range lm.Moves {
		if m.Round == 4 && m.Mover == be {
			if m.Kind != Compromise || m.Counterpart != fr || !(m.To > m.From && m.To < 10) {
				t.Errorf("least-move, round 4: %s", m.Explain(in.Names))
			}
		}
	}
	if lm.Rounds[4].Median <= def.Rounds[4].Median {
		t.Errorf("least-move round-4 median %v, SC %v: want Belgium to stay high", lm.Rounds[4].Median, def.Rounds[4].Median)
	}

	// full-scale: R is the scale width, which changes the distances.
	it, err := RoundIntermediates(in, Options{Range: RangeFullScale}, nil)
	if err != nil {
		t.Fatal(err)
	}
	it0, _ := RoundIntermediates(in, Options{}, nil)
	if it.Range != 100 || it0.Range != 6 {
		t.Errorf("range: full-scale %v, initial %v; want 100, 6", it.Range, it0.Range)
	}
	if it.D1 >= it0.D1 || it.EUChallenge[be][fr] == it0.EUChallenge[be][fr] {
		t.Errorf("full-scale did not change D1 (%v vs %v) or the EUs", it.D1, it0.D1)
	}
	fs := run(t, in, Options{NoEarlyStop: true, Range: RangeFullScale})
	if fs.Range != 100 || reflect.DeepEqual(fs.Rounds, def.Rounds) {
		t.Errorf("full-scale run: range %v, same trajectory %v", fs.Range, reflect.DeepEqual(fs.Rounds, def.Rounds))
	}
	// A scale equal to the initial spread is the initial range.
	same := run(t, in, Options{NoEarlyStop: true, Range: RangeFullScale, ScaleMin: 4, ScaleMax: 10})
	if !reflect.DeepEqual(same.Rounds, def.Rounds) || !reflect.DeepEqual(same.Moves, def.Moves) {
		t.Errorf("full scale [4, 10] differs from the initial range 6")
	}

	// A capitulation (constructed case): D expects to lose by challenging C and C
	// to gain less than D would lose, so D gives in. With sc-bug it cannot.
	capIn := Input{Names: []string{"A", "B", "C", "D"}, Capability: []float64{8, 9, 1, 3},
		Position: []float64{80, 40, 20, 10}, Salience: []float64{80, 20, 80, 50}}
	kindOf := func(res *Result, mover int) Kind {
		for _, m := range res.Moves {
			if m.Round == 1 && m.Mover == mover {
				return m.Kind
			}
		}
		return ""
	}
	fixed := run(t, capIn, Options{Rounds: 1})
	for _, m := range fixed.Moves {
		if m.Mover == 3 {
			if m.Kind != Capitulation || m.Counterpart != 2 || m.To != 20 || !(m.EUSelf < 0 && m.EUOther > 0 && m.EUOther < -m.EUSelf) {
				t.Errorf("capitulation case: %+v (%s)", m, m.Explain(capIn.Names))
			}
			it, _ := RoundIntermediates(capIn, Options{}, nil)
			near(t, "capitulation eij", it.EUChallenge[3][2], m.EUSelf, 1e-12)
			near(t, "capitulation eji", it.EUBelief[3][2], m.EUOther, 1e-12)
		}
	}
	if kindOf(fixed, 3) != Capitulation {
		t.Errorf("capitulation case: D did not capitulate")
	}
	if k := kindOf(run(t, capIn, Options{Rounds: 1, Capitulation: CapitulationSCBug}), 3); k == Capitulation {
		t.Errorf("sc-bug: D still capitulates")
	}

	// Q < 1: flagged unvalidated; Q = 1 given explicitly is the default.
	q := run(t, in, Options{NoEarlyStop: true, Q: 0.5})
	if !q.Unvalidated || def.Unvalidated {
		t.Errorf("Unvalidated: Q=0.5 %v, default %v", q.Unvalidated, def.Unvalidated)
	}
	checkFinite(t, "Q=0.5", q, 4, 10)
	one := run(t, in, Options{NoEarlyStop: true, Q: 1, Rounds: 10, Compromise: CompromiseSC,
		Capitulation: CapitulationFixed, Range: RangeInitial})
	if !reflect.DeepEqual(one, def) {
		t.Errorf("explicit defaults differ from the zero Options")
	}
	// Run does not touch its input.
	if !reflect.DeepEqual(in, emissions(t)) {
		t.Errorf("Run modified its input")
	}
}

func TestExplain(t *testing.T) {
	names := []string{"France", "Belgium", "Luxembourg", "Ireland"}
	cases := []struct {
		m    Move
		want string
	}{
		{Move{Mover: 2, Counterpart: 1, Kind: Confrontation, From: 4, To: 7}, "Luxembourg lost a confrontation with Belgium and moved from 4.0 to 7.0"},
		{Move{Mover: 1, Counterpart: 0, Kind: Compromise, From: 7, To: 8.415932}, "Belgium compromised with France, moving from 7.0 to 8.4"},
		{Move{Mover: 3, Counterpart: 2, Kind: Capitulation, From: 7, To: 4}, "Ireland gave in to Luxembourg and moved from 7.0 to 4.0"},
		{Move{Mover: 1, Counterpart: 0, Kind: Compromise, From: 9.610859, To: 9.961980}, "Belgium compromised with France, moving from 9.61 to 9.96"},
		{Move{Mover: 5, Counterpart: 0, Kind: Capitulation, From: 50, To: 50.001}, "actor 6 gave in to France and moved from 50.000 to 50.001"},
	}
	for _, c := range cases {
		if got := c.m.Explain(names); got != c.want {
			t.Errorf("Explain = %q, want %q", got, c.want)
		}
	}
}

func BenchmarkEmissions10Rounds(b *testing.B) {
	in := emissions(b)
	opt := Options{Rounds: 10, NoEarlyStop: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(in, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBDM100Actors10Rounds(b *testing.B) {
	r := rand.New(rand.NewPCG(2026, 1))
	n := 100
	in := Input{Capability: make([]float64, n), Position: make([]float64, n), Salience: make([]float64, n)}
	for i := range n {
		in.Capability[i] = 1 + 99*r.Float64()
		in.Position[i] = 100 * r.Float64()
		in.Salience[i] = 10 + 90*r.Float64()
	}
	opt := Options{Rounds: 10, NoEarlyStop: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(in, opt); err != nil {
			b.Fatal(err)
		}
	}
}
