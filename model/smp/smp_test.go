package smp

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"parley/model"
)

// testdata is the shared reference data, beside the project checkout.
const testdata = "../../../shared/testdata"

func dataFile(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(testdata, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("reference file %s is missing (the tests expect ../shared/testdata beside the checkout): %v", p, err)
	}
	return p
}

// readKTAB reads KTAB's SMP CSV format (MODELS.md §2.2): a header line
// "<name>,<desc>,<#actors>,<#dims>,", a column-title line, then one line per
// actor "name, desc, capability, pos1, sal1, pos2, sal2, ...". Fields are
// trimmed of spaces and quotes; trailing commas are allowed.
func readKTAB(tb testing.TB, rel string) Input {
	tb.Helper()
	f, err := os.Open(dataFile(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var lines [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var fields []string
		for _, s := range strings.Split(sc.Text(), ",") {
			fields = append(fields, strings.Trim(strings.TrimSpace(s), `"`))
		}
		lines = append(lines, fields)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(lines) < 2 || len(lines[0]) < 4 {
		tb.Fatalf("%s: not a KTAB CSV file", rel)
	}
	num := func(line int, s string) float64 {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			tb.Fatalf("%s:%d: %q is not a number", rel, line+1, s)
		}
		return x
	}
	na, nd := int(num(0, lines[0][2])), int(num(0, lines[0][3]))
	if len(lines) != 2+na {
		tb.Fatalf("%s: header says %d actors, file has %d actor lines", rel, na, len(lines)-2)
	}
	var in Input
	for a := 0; a < na; a++ {
		l := lines[2+a]
		if len(l) < 3+2*nd {
			tb.Fatalf("%s:%d: %d fields, want %d", rel, a+3, len(l), 3+2*nd)
		}
		in.Names = append(in.Names, l[0])
		in.Capability = append(in.Capability, num(a+2, l[2]))
		pos, sal := make([]float64, nd), make([]float64, nd)
		for d := 0; d < nd; d++ {
			pos[d] = num(a+2, l[3+2*d])
			sal[d] = num(a+2, l[4+2*d])
		}
		in.Position = append(in.Position, pos)
		in.Salience = append(in.Salience, sal)
	}
	return in
}

// readHistory reads ktab_ref_3Dim_history.txt: positions [actor][dim][turn]
// and probabilities [actor][turn].
func readHistory(tb testing.TB, rel string, na, nd int) (pos [][][]float64, prob [][]float64) {
	tb.Helper()
	b, err := os.ReadFile(dataFile(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	pos = make([][][]float64, na)
	prob = make([][]float64, na)
	for _, line := range strings.Split(string(b), "\n") {
		head, rest, ok := strings.Cut(line, ":")
		if !ok || !strings.HasPrefix(head, "SActor-") {
			continue
		}
		var a int
		var what string
		if _, err := fmt.Sscanf(strings.ReplaceAll(head, ",", " "), "SActor-%d %s", &a, &what); err != nil {
			tb.Fatalf("history line %q: %v", line, err)
		}
		var xs []float64
		for _, f := range strings.Fields(rest) {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				tb.Fatalf("history line %q: %v", line, err)
			}
			xs = append(xs, x)
		}
		if what == "prob" {
			prob[a] = xs
		} else {
			pos[a] = append(pos[a], xs)
		}
	}
	for a := 0; a < na; a++ {
		if len(pos[a]) != nd || prob[a] == nil {
			tb.Fatalf("history: incomplete data for actor %d", a)
		}
	}
	return pos, prob
}

func run(tb testing.TB, in Input, opt Options) *Result {
	tb.Helper()
	res, err := Run(context.Background(), in, opt)
	if err != nil {
		tb.Fatalf("Run: %v", err)
	}
	return res
}

// KTAB's published run on dummyData_3Dim: every position (to 0.1) and every
// winning probability (to 1e-4) of every turn, and the stop after turn 10.
func TestKTAB3DimHistory(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	res := run(t, in, Options{})
	if !reflect.DeepEqual(res.Turns[0].Positions, in.Position) {
		t.Errorf("turn 0 positions %v differ from the input", res.Turns[0].Positions)
	}
	wantPos, wantProb := readHistory(t, "expected/ktab_ref_3Dim_history.txt", 7, 3)
	nt := len(wantProb[0])
	if len(res.Turns) != nt {
		t.Errorf("run has %d states (turns 0..%d), KTAB stopped after turn %d", len(res.Turns), len(res.Turns)-1, nt-1)
	}
	for tu := 0; tu < nt && tu < len(res.Turns); tu++ {
		for a := 0; a < 7; a++ {
			for d := 0; d < 3; d++ {
				got := fmt.Sprintf("%5.1f", res.Turns[tu].Positions[a][d])
				want := fmt.Sprintf("%5.1f", wantPos[a][d][tu])
				if got != want {
					t.Errorf("turn %d actor %d dim %d: position %s, KTAB %s (%.6f)", tu, a, d, got, want, res.Turns[tu].Positions[a][d])
				}
			}
			got := fmt.Sprintf("%.4f", res.Turns[tu].Probabilities[a])
			want := fmt.Sprintf("%.4f", wantProb[a][tu])
			if got != want {
				t.Errorf("turn %d actor %d: probability %s, KTAB %s (%.8f)", tu, a, got, want, res.Turns[tu].Probabilities[a])
			}
		}
	}
}

// Turn 0 of the full KTAB log: risk attitudes, targets, and 0's challenge of 6.
func TestKTAB3DimTurn0(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	res := run(t, in, Options{})
	wantR := []float64{-0.500, -0.459, -0.499, -0.274, +1.000, -0.232, -0.430}
	for i, w := range wantR {
		if got := fmt.Sprintf("%+.3f", res.RiskAttitudes[i]); got != fmt.Sprintf("%+.3f", w) {
			t.Errorf("actor %d risk attitude %s, KTAB %+.3f", i, got, w)
		}
	}
	t0 := res.Turns[0]
	wantT := []int{6, 0, 6, 0, 0, 1, 1}
	if !reflect.DeepEqual(t0.Targets, wantT) {
		t.Errorf("turn-0 targets %v, KTAB %v", t0.Targets, wantT)
	}
	c := t0.Challenges[0]
	if got := fmt.Sprintf("P=%.4f du=%+.4f bargain=(%.2f,%.2f,%.2f)", c.Prob, c.Gain, c.Initiator[0], c.Initiator[1], c.Initiator[2]); got != "P=0.7643 du=+0.0947 bargain=(75.61,24.78,71.95)" {
		t.Errorf("0→6: %s, KTAB P=0.7643 du=+0.0947 bargain=(75.61,24.78,71.95)", got)
	}
	if got := fmt.Sprintf("(%.2f,%.2f,%.2f)", c.Receiver[0], c.Receiver[1], c.Receiver[2]); got != "(75.61,24.79,71.95)" {
		t.Errorf("0→6 receiver's side %s, KTAB (75.61,24.79,71.95)", got)
	}
	// Every turn-0 challenge the log prints: initiator, P, Δu.
	for _, w := range []struct {
		i    int
		p, u string
	}{{0, "0.7643", "+0.0947"}, {5, "0.8510", "+0.2986"}, {1, "0.7964", "+0.2810"}, {6, "0.3970", "+0.0286"},
		{2, "0.8334", "+0.4711"}, {4, "0.5836", "+0.0116"}, {3, "0.8056", "+0.2839"}} {
		c := t0.Challenges[w.i]
		if p, u := fmt.Sprintf("%.4f", c.Prob), fmt.Sprintf("%+.4f", c.Gain); p != w.p || u != w.u {
			t.Errorf("actor %d: P=%s Δu=%s, KTAB P=%s Δu=%s", w.i, p, u, w.p, w.u)
		}
	}
	// KTAB's turn-0 resolution: 0 takes 4:0, 1 takes 6:1, 2 keeps its position,
	// 3 takes 3:0, 4 takes 4:0, 5 takes 5:1, 6 takes 0:6.
	wantD := []Deal{{4, 0}, {6, 1}, {2, 2}, {3, 0}, {4, 0}, {5, 1}, {0, 6}}
	if !reflect.DeepEqual(t0.Adopted, wantD) {
		t.Errorf("turn-0 adopted bargains %v, KTAB %v", t0.Adopted, wantD)
	}
	if last := res.Turns[len(res.Turns)-1]; last.Targets != nil || last.Challenges != nil {
		t.Errorf("the last turn has targets %v: nothing follows it", last.Targets)
	}
}

// logTurn is what the full KTAB log records of one turn.
type logTurn struct {
	risk       []string             // "%+.3f" per actor
	challenges map[int]logChallenge // by initiator; missing = no advantageous target
	adopted    map[int]Deal         // by actor
}

type logChallenge struct {
	target          int
	prob, gain      string // "%.4f", "%+.4f"
	posInit, posRcv string // "%.3f %.3f %.3f" on 0-100
}

var (
	reIter    = regexp.MustCompile(`^Starting Model::run iteration (\d+)`)
	reTarget  = regexp.MustCompile(`^In turn (\d+) actor (\d+) has most advantageous target (\d+)`)
	reEst     = regexp.MustCompile(`^Est by +(\d+) of prob ([0-9.]+) that \[ *(\d+)> *(\d+)\], with expected gain to +(\d+) of ([-+][0-9.]+)`)
	reBargain = regexp.MustCompile(`^Bargain \[\d+, (\d+):(\d+)\] from +(\d+)'s perspective`)
	rePropose = regexp.MustCompile(`^ +(\d+) proposes +(\d+) adopt: +(.*)$`)
	reIDs     = regexp.MustCompile(`\[(\d+), (\d+):(\d+)\]`)
	reQueue   = regexp.MustCompile(`^Doing scalarPCE for the \d+ bargains of actor (\d+)`)
	reChosen  = regexp.MustCompile(`^Chosen bargain \( Deterministic \): (\d+) `)
)

// readFullLog parses the 20170530 KTAB log of the 3Dim run. Actors were
// processed on several threads, so lines of different actors interleave:
// each value is keyed by the actor it names, never by line order.
func readFullLog(tb testing.TB) []*logTurn {
	tb.Helper()
	b, err := os.ReadFile(dataFile(tb, "expected/ktab_ref_20170530_dummyData_3Dim_fulllog.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var turns []*logTurn
	newTurn := func() *logTurn {
		lt := &logTurn{challenges: map[int]logChallenge{}, adopted: map[int]Deal{}}
		turns = append(turns, lt)
		return lt
	}
	cur := newTurn() // turn 0 until the first iteration line
	ids := map[string]Deal{}
	brgFrom := -1 // initiator of the brgnIIJ block being read, -1 outside one
	queueOf := -1
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " ")
		switch {
		case strings.HasPrefix(l, "Inferred risk attitudes"):
			// The attitudes of the state just reached: a new turn after the first.
			if len(cur.risk) > 0 {
				cur = newTurn()
			}
			for k := 1; k <= 7; k++ {
				cur.risk = append(cur.risk, strings.TrimSpace(lines[i+k]))
			}
		case reIter.MatchString(l):
			// bargaining of the current turn follows
		case reTarget.MatchString(l):
			m := reTarget.FindStringSubmatch(l)
			a, _ := strconv.Atoi(m[2])
			j, _ := strconv.Atoi(m[3])
			c := cur.challenges[a]
			c.target = j
			cur.challenges[a] = c
		case reEst.MatchString(l):
			m := reEst.FindStringSubmatch(l)
			if m[1] == m[3] && m[3] == m[5] { // the initiator's estimate of its own gain
				a, _ := strconv.Atoi(m[1])
				c := cur.challenges[a]
				c.prob, c.gain = m[2], m[6]
				cur.challenges[a] = c
			}
		case reBargain.MatchString(l):
			m := reBargain.FindStringSubmatch(l)
			brgFrom = -1
			if m[1] == m[3] {
				brgFrom, _ = strconv.Atoi(m[1])
			}
		case rePropose.MatchString(l) && brgFrom >= 0:
			m := rePropose.FindStringSubmatch(l)
			if a, _ := strconv.Atoi(m[1]); a == brgFrom {
				c := cur.challenges[a]
				pos := strings.Join(strings.Fields(m[3]), " ")
				if m[2] == m[1] {
					c.posInit = pos
				} else {
					c.posRcv = pos
					brgFrom = -1
				}
				cur.challenges[a] = c
			}
		case strings.HasPrefix(l, "Bargains involving actor"):
			for _, m := range reIDs.FindAllStringSubmatch(l, -1) {
				x, _ := strconv.Atoi(m[2])
				y, _ := strconv.Atoi(m[3])
				ids[m[1]] = Deal{x, y}
			}
		case reQueue.MatchString(l):
			queueOf, _ = strconv.Atoi(reQueue.FindStringSubmatch(l)[1])
		case reChosen.MatchString(l):
			d, ok := ids[reChosen.FindStringSubmatch(l)[1]]
			if !ok || queueOf < 0 {
				tb.Fatalf("full log line %d: unknown bargain", i+1)
			}
			cur.adopted[queueOf] = d
			queueOf = -1
		}
	}
	return turns
}

// Every intermediate the full KTAB log prints per turn: risk attitudes, each
// actor's target, P and Δu, the bargain it proposes, and the bargain each
// actor adopts.
func TestKTAB3DimFullLog(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	res := run(t, in, Options{})
	turns := readFullLog(t)
	if len(turns) != len(res.Turns) {
		t.Fatalf("log has %d states, run %d", len(turns), len(res.Turns))
	}
	for tu, lt := range turns {
		got := res.Turns[tu]
		for a := 0; a < 7; a++ {
			if r := fmt.Sprintf("%+.3f", got.RiskAttitudes[a]); r != lt.risk[a] {
				t.Errorf("turn %d actor %d: risk attitude %s, KTAB %s", tu, a, r, lt.risk[a])
			}
		}
		if tu == len(turns)-1 {
			continue
		}
		if len(lt.adopted) != 7 || len(lt.challenges) == 0 {
			t.Fatalf("log turn %d: read %d adopted bargains and %d challenges", tu, len(lt.adopted), len(lt.challenges))
		}
		for a, w := range lt.challenges {
			if w.prob == "" || w.posInit == "" || w.posRcv == "" {
				t.Fatalf("log turn %d actor %d: incomplete challenge %+v", tu, a, w)
			}
		}
		for a := 0; a < 7; a++ {
			c := got.Challenges[a]
			w, ok := lt.challenges[a]
			if !ok {
				if c.Target != -1 {
					t.Errorf("turn %d actor %d targets %d, KTAB: no advantageous target", tu, a, c.Target)
				}
				continue
			}
			if c.Target != w.target {
				t.Errorf("turn %d actor %d targets %d, KTAB %d", tu, a, c.Target, w.target)
				continue
			}
			g := logChallenge{target: c.Target, prob: fmt.Sprintf("%.4f", c.Prob), gain: fmt.Sprintf("%+.4f", c.Gain),
				posInit: fmt.Sprintf("%.3f %.3f %.3f", c.Initiator[0], c.Initiator[1], c.Initiator[2]),
				posRcv:  fmt.Sprintf("%.3f %.3f %.3f", c.Receiver[0], c.Receiver[1], c.Receiver[2])}
			if g != w {
				t.Errorf("turn %d actor %d: challenge %+v, KTAB %+v", tu, a, g, w)
			}
		}
		for a := 0; a < 7; a++ {
			if got.Adopted[a] != lt.adopted[a] {
				t.Errorf("turn %d actor %d adopts %v, KTAB %v", tu, a, got.Adopted[a], lt.adopted[a])
			}
		}
	}
}

func TestSOEPolicyMedianTurn0(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_SOE-Policy.csv")
	fc, err := IssueForecasts(in, in.Position)
	if err != nil {
		t.Fatal(err)
	}
	if fc[0].Median != 30 {
		t.Errorf("SOE-Policy turn-0 weighted median %v, want 30 (Xi Jinping)", fc[0].Median)
	}
	if _, err := IssueForecasts(in, in.Position[:3]); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("forecast of 3 positions for 26 actors: %v", err)
	}
	res := run(t, in, Options{})
	if len(res.Forecast) != 1 {
		t.Fatalf("forecast for %d issues, want 1", len(res.Forecast))
	}
	f := res.Forecast[0]
	if f.Median < 0 || f.Median > 100 || f.Mean < 0 || f.Mean > 100 || f.MedianUpper < f.Median {
		t.Errorf("SOE-Policy forecast %+v is not a 0-100 median/mean", f)
	}
}

func TestRuns6Dim(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_6Dim.csv")
	res := run(t, in, Options{})
	if n := len(res.Turns); n < 3 || n > DefaultMaxTurns+1 {
		t.Errorf("6Dim ran %d turns", n)
	}
	for _, tu := range res.Turns {
		for i, p := range tu.Probabilities {
			if math.IsNaN(p) || p < 0 || p > 1 {
				t.Fatalf("turn %d actor %d probability %v", tu.Turn, i, p)
			}
		}
	}
	if len(res.Forecast) != 6 {
		t.Errorf("forecast for %d issues, want 6", len(res.Forecast))
	}
}

func small() Input {
	return Input{
		Names:      []string{"A", "B", "C"},
		Capability: []float64{10, 20, 30},
		Position:   [][]float64{{10, 50}, {60, 40}, {90, 80}},
		Salience:   [][]float64{{50, 30}, {40, 40}, {20, 60}},
	}
}

func TestBadInputs(t *testing.T) {
	cases := []struct {
		name string
		code string
		edit func(in *Input)
	}{
		{"TwoActors", model.EINVALID, func(in *Input) {
			in.Names, in.Capability, in.Position, in.Salience = in.Names[:2], in.Capability[:2], in.Position[:2], in.Salience[:2]
		}},
		{"TooManyActors", model.EINVALID, func(in *Input) {
			for len(in.Capability) <= MaxActors {
				in.Names = append(in.Names, "X")
				in.Capability = append(in.Capability, 1)
				in.Position = append(in.Position, []float64{1, 2})
				in.Salience = append(in.Salience, []float64{1, 2})
			}
		}},
		{"LengthMismatch", model.EINVALID, func(in *Input) { in.Salience = in.Salience[:2] }},
		{"NamesMismatch", model.EINVALID, func(in *Input) { in.Names = in.Names[:1] }},
		{"RaggedIssues", model.EINVALID, func(in *Input) { in.Position[1] = []float64{3} }},
		{"NoIssues", model.EINVALID, func(in *Input) {
			for i := range in.Position {
				in.Position[i], in.Salience[i] = nil, nil
			}
		}},
		{"NaNCapability", model.EINVALID, func(in *Input) { in.Capability[0] = math.NaN() }},
		{"NegativeCapability", model.EINVALID, func(in *Input) { in.Capability[0] = -1 }},
		{"HugeCapability", model.EINVALID, func(in *Input) { in.Capability[0] = 2e8 }},
		{"InfPosition", model.EINVALID, func(in *Input) { in.Position[2][1] = math.Inf(1) }},
		{"PositionAbove100", model.EINVALID, func(in *Input) { in.Position[2][1] = 100.5 }},
		{"NegativeSalience", model.EINVALID, func(in *Input) { in.Salience[1][0] = -3 }},
		{"SalienceSumAbove100", model.EINVALID, func(in *Input) { in.Salience[0] = []float64{60, 40.01} }},
		{"ZeroCapabilityEverywhere", model.EDEGENERATE, func(in *Input) { in.Capability = []float64{0, 0, 0} }},
		{"ActorCaresAboutNothing", model.EDEGENERATE, func(in *Input) { in.Salience[1] = []float64{0, 0} }},
		{"IssueNobodyCaresAbout", model.EDEGENERATE, func(in *Input) {
			for i := range in.Salience {
				in.Salience[i][1] = 0
			}
		}},
		{"EveryoneAgrees", model.EDEGENERATE, func(in *Input) {
			for i := range in.Position {
				in.Position[i] = []float64{42, 42}
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := small()
			in.Position, in.Salience = copyMatrix(in.Position), copyMatrix(in.Salience)
			c.edit(&in)
			res, err := Run(context.Background(), in, Options{})
			if err == nil {
				t.Fatalf("no error; result %+v", res.Turns[len(res.Turns)-1])
			}
			if got := model.ErrorCode(err); got != c.code {
				t.Errorf("code %q, want %q: %v", got, c.code, err)
			}
			if model.ErrorMessage(err) == "" {
				t.Error("empty message")
			}
		})
	}
	if _, err := Run(context.Background(), small(), Options{VotingRule: 99}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("unknown voting rule: %v", err)
	}
	if _, err := Run(context.Background(), small(), Options{MaxTurns: -1}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("negative MaxTurns: %v", err)
	}
	// Salience sums at the limit are fine.
	in := small()
	in.Salience[0] = []float64{60, 40}
	if _, err := Run(context.Background(), in, Options{}); err != nil {
		t.Errorf("saliences summing to exactly 100: %v", err)
	}
}

// Every non-default option must change the run on 3Dim, and never produce NaN.
func TestOptionsChangeResult(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	base := run(t, in, Options{})
	for _, opt := range []Options{
		{VotingRule: Binary}, {VotingRule: PropBin}, {VotingRule: PropCbc}, {VotingRule: Cubic}, {VotingRule: ASymProsp},
		{VictoryProb: VPSquare}, {VictoryProb: VPQuartic}, {VictoryProb: VPOctic}, {VictoryProb: VPBinary},
		{PCE: MarkovUniform}, {PCE: MarkovIncentive},
		{BigRRange: RangeMin}, {BigRRange: RangeMax},
		{BigRAdjust: AdjustNone}, {BigRAdjust: AdjustHalf}, {BigRAdjust: AdjustTwoThirds}, {BigRAdjust: AdjustFull},
		{ThirdParty: FullCommit}, {ThirdParty: NoCommit},
		{MaxTurns: 3},
	} {
		name := fmt.Sprintf("%v/%v/%v/%v/%v/%v/%d", opt.VictoryProb, opt.PCE, opt.VotingRule, opt.BigRRange, opt.BigRAdjust, opt.ThirdParty, opt.MaxTurns)
		t.Run(name, func(t *testing.T) {
			res := run(t, in, opt)
			if reflect.DeepEqual(res.Turns, base.Turns) {
				t.Error("same run as the defaults")
			}
			for _, tu := range res.Turns {
				for i, p := range tu.Probabilities {
					if math.IsNaN(p) || p < 0 || p > 1+1e-12 {
						t.Fatalf("turn %d actor %d probability %v", tu.Turn, i, p)
					}
					for _, x := range tu.Positions[i] {
						if math.IsNaN(x) || x < 0 || x > 100 {
							t.Fatalf("turn %d actor %d position %v", tu.Turn, i, x)
						}
					}
				}
			}
		})
	}
	if res := run(t, in, Options{MaxTurns: 3}); len(res.Turns) != 4 {
		t.Errorf("MaxTurns 3 gave turns 0..%d", len(res.Turns)-1)
	}
}

// Under FullCommit the spec says third parties never vote, so P depends on the
// principals alone: check 0→6 at turn 0 by hand.
func TestFullCommitPrincipalsOnly(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData_3Dim.csv")
	res := run(t, in, Options{ThirdParty: FullCommit, MaxTurns: 1})
	e := newEngine(in, Options{})
	s := e.newState(e.pos0)
	if err := e.assess(s); err != nil {
		t.Fatal(err)
	}
	n := e.n
	for i, c := range res.Turns[0].Challenges {
		if c.Target < 0 {
			continue
		}
		j := c.Target
		u := func(x, y int) float64 { return bsUtil(s.d[x*n+y], estNRA(s.r[i], s.r[x], AdjustOneThird)) }
		ci := e.salSum[i] * e.cap[i] * (u(i, i) - u(i, j))
		cj := e.salSum[j] * e.cap[j] * (u(j, i) - u(j, j))
		sij, sji := 1e-10+math.Max(0, ci)+math.Max(0, cj), 1e-10-math.Min(0, ci)-math.Min(0, cj)
		if p := sij / (sij + sji); math.Abs(p-c.Prob) > 1e-12 {
			t.Errorf("%d→%d: P %v, principals alone give %v", i, j, c.Prob, p)
		}
	}
}

// An actor that barely cares is everyone's target: its queue holds every
// other actor's bargain besides its own and its status quo.
func TestEveryoneTargetsOne(t *testing.T) {
	in := Input{Capability: []float64{10, 10, 10, 10, 10, 1}}
	for i := 0; i < 5; i++ {
		in.Position = append(in.Position, []float64{50 + float64(i)})
		in.Salience = append(in.Salience, []float64{40})
	}
	in.Position = append(in.Position, []float64{0})
	in.Salience = append(in.Salience, []float64{1})
	res := run(t, in, Options{MaxTurns: 1})
	t0 := res.Turns[0]
	for i := 0; i < 5; i++ {
		if t0.Targets[i] != 5 {
			t.Errorf("actor %d targets %d, want 5 (targets %v)", i, t0.Targets[i], t0.Targets)
		}
	}
	if t0.Targets[5] < 0 {
		t.Errorf("actor 5 has no target (targets %v): its queue is not full", t0.Targets)
	}
}

// Random scenarios, with ties, zero capabilities and zero saliences, under
// every option: a result that is always finite and in range, or a model error.
func TestRandomScenarios(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	opts := []Options{{}, {VotingRule: Binary}, {VotingRule: ASymProsp}, {VictoryProb: VPBinary},
		{VictoryProb: VPOctic}, {PCE: MarkovIncentive}, {PCE: MarkovUniform}, {BigRRange: RangeMin},
		{BigRAdjust: AdjustNone}, {ThirdParty: NoCommit}}
	for c := 0; c < 60; c++ {
		n, nd := 3+rng.IntN(25), 1+rng.IntN(4)
		in := Input{}
		for i := 0; i < n; i++ {
			cp := float64(rng.IntN(5)) * 25 // some zero, many equal
			pos, sal := make([]float64, nd), make([]float64, nd)
			left := 100.0
			for d := 0; d < nd; d++ {
				pos[d] = float64(rng.IntN(5)) * 25 // many shared positions
				sal[d] = math.Floor(rng.Float64() * left)
				left -= sal[d]
			}
			in.Capability = append(in.Capability, cp)
			in.Position = append(in.Position, pos)
			in.Salience = append(in.Salience, sal)
		}
		opt := opts[c%len(opts)]
		res, err := Run(context.Background(), in, opt)
		if err != nil {
			if code := model.ErrorCode(err); code != model.EDEGENERATE && code != model.EINFEASIBLE {
				t.Errorf("case %d: %v", c, err)
			}
			continue
		}
		for _, tu := range res.Turns {
			for i := range tu.Positions {
				p, r := tu.Probabilities[i], tu.RiskAttitudes[i]
				if !(p >= 0 && p <= 1+1e-12) || math.IsNaN(r) || r < -1-1e-12 || r > 1+1e-12 {
					t.Fatalf("case %d turn %d actor %d: probability %v, risk attitude %v", c, tu.Turn, i, p, r)
				}
				for _, x := range tu.Positions[i] {
					if !(x >= 0 && x <= 100) {
						t.Fatalf("case %d turn %d actor %d: position %v", c, tu.Turn, i, x)
					}
				}
			}
		}
		for _, f := range res.Forecast {
			if math.IsNaN(f.Mean) || math.IsNaN(f.Median) {
				t.Fatalf("case %d: forecast %+v", c, f)
			}
		}
	}
}

func TestNames(t *testing.T) {
	check := func(s string, parse func(string) (fmt.Stringer, error)) {
		t.Helper()
		v, err := parse(s)
		if err != nil {
			t.Errorf("parse %q: %v", s, err)
			return
		}
		if v.String() != s {
			t.Errorf("parse %q gives %v", s, v)
		}
	}
	for _, s := range vpNames {
		check(s, func(s string) (fmt.Stringer, error) { return ParseVictoryProbModel(s) })
	}
	for _, s := range pceNames {
		check(s, func(s string) (fmt.Stringer, error) { return ParsePCEModel(s) })
	}
	for _, s := range vrNames {
		check(s, func(s string) (fmt.Stringer, error) { return ParseVotingRule(s) })
	}
	for _, s := range rrNames {
		check(s, func(s string) (fmt.Stringer, error) { return ParseBigRRange(s) })
	}
	for _, s := range raNames {
		check(s, func(s string) (fmt.Stringer, error) { return ParseBigRAdjust(s) })
	}
	for _, s := range tpNames {
		check(s, func(s string) (fmt.Stringer, error) { return ParseThirdPartyCommit(s) })
	}
	// The defaults are the zero values, under KTAB's names.
	var o Options
	got := fmt.Sprint(o.VictoryProb, o.PCE, o.VotingRule, o.BigRRange, o.BigRAdjust, o.ThirdParty)
	if got != "Linear Conditional Prop Mid OneThird SemiCommit" {
		t.Errorf("zero Options are %s", got)
	}
	if v, err := ParseThirdPartyCommit(" full "); err != nil || v != FullCommit {
		t.Errorf("ParseThirdPartyCommit(full) = %v, %v", v, err)
	}
	if v, err := ParseBigRAdjust("none"); err != nil || v != AdjustNone {
		t.Errorf("ParseBigRAdjust(none) = %v, %v", v, err)
	}
	if _, err := ParseVotingRule("Majority"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("ParseVotingRule(Majority): %v", err)
	}
}

// countdownCtx is cancelled after its Err has been asked a given number of
// times: it stops a run part way through, whatever the machine's speed.
type countdownCtx struct {
	context.Context
	left atomic.Int32
}

func (c *countdownCtx) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestCancel(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData-a160.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, in, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before start: %v", err)
	}

	// Cancelled after a few turns: Run stops with the context's error.
	for _, after := range []int32{1, 2, 5} {
		c := &countdownCtx{Context: context.Background()}
		c.left.Store(after)
		res, err := Run(c, in, Options{})
		if !errors.Is(err, context.Canceled) || res != nil {
			t.Errorf("cancelled after %d checks: result %v, error %v", after, res != nil, err)
		}
	}
}

// The worker pool must not change a single bit of the result.
func TestDeterministicAcrossWorkers(t *testing.T) {
	in := readKTAB(t, "inputs/ktab_dummyData-a040.csv")
	old := runtime.GOMAXPROCS(1)
	one := run(t, in, Options{})
	runtime.GOMAXPROCS(4)
	four := run(t, in, Options{})
	runtime.GOMAXPROCS(old)
	if !reflect.DeepEqual(one, four) {
		t.Error("results differ between 1 and 4 workers")
	}
}

// The bounded target search must pick exactly the targets of KTAB's
// exhaustive index-order scan, on every turn of several scenarios.
func TestPrunedTargetsMatchExhaustive(t *testing.T) {
	for _, f := range []string{"inputs/ktab_dummyData_3Dim.csv", "inputs/ktab_dummyData_6Dim.csv",
		"inputs/ktab_SOE-Policy.csv", "inputs/ktab_dummyData-a040.csv", "inputs/ktab_dummyData-a080.csv"} {
		in := readKTAB(t, f)
		for _, opt := range []Options{{}, {VotingRule: Cubic, BigRRange: RangeMax}, {VictoryProb: VPQuartic, BigRAdjust: AdjustFull}} {
			fast, err := runEngine(context.Background(), in, opt, false)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := runEngine(context.Background(), in, opt, true)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fast, slow) {
				t.Errorf("%s %+v: the bounded search changes the run", f, opt)
			}
		}
	}
}

func bench(b *testing.B, file string) {
	in := readKTAB(b, file)
	b.ResetTimer()
	var turns int
	for i := 0; i < b.N; i++ {
		res, err := Run(context.Background(), in, Options{})
		if err != nil {
			b.Fatal(err)
		}
		turns = len(res.Turns) - 1
	}
	b.ReportMetric(float64(turns), "turns")
}

func BenchmarkKTAB3Dim(b *testing.B) { bench(b, "inputs/ktab_dummyData_3Dim.csv") }
func BenchmarkKTABa080(b *testing.B) { bench(b, "inputs/ktab_dummyData-a080.csv") }
func BenchmarkKTABa160(b *testing.B) { bench(b, "inputs/ktab_dummyData-a160.csv") }

// BenchmarkKTABSOEPolComp is issue 16's small case: KTAB's SOE-Pol-Comp
// (13 actors, 2 issues), whose run to convergence is `forecast`'s fixed cost.
func BenchmarkKTABSOEPolComp(b *testing.B) { bench(b, "inputs/ktab_SOE-Pol-Comp.csv") }
