package bloc

import (
	"math"
	"slices"
	"testing"

	"parley/model"
)

func TestSupporters(t *testing.T) {
	// Emissions case: years 4-10, weights c·s; proposal 7 against status quo 10.
	x := []float64{4, 7, 4, 4, 10, 10, 10, 7, 4, 7}
	w := []float64{6.4, 3.2, 0.6, 12.8, 9.6, 9.6, 14.4, 0.5, 5, 5.6}
	for _, tc := range []struct {
		name                 string
		x, w                 []float64
		y, z                 float64
		support, oppose, ind []int
		sw, ow, iw           float64
	}{
		{"7 against 10", x, w, 7, 10, []int{0, 1, 2, 3, 7, 8, 9}, []int{4, 5, 6}, nil, 34.1, 33.6, 0},
		// 8.5 is halfway between 7 and 10: indifferent, and so are all when y = z.
		{"halfway actor is indifferent", []float64{8.5, 2, 12}, []float64{1, 2, 3}, 7, 10, []int{1}, []int{2}, []int{0}, 2, 3, 1},
		{"proposal equals status quo", []float64{1, 50}, []float64{1, 1}, 30, 30, nil, nil, []int{0, 1}, 0, 0, 2},
		// 0.1+0.2 and 0.3 differ by rounding only: that must not decide a vote.
		{"rounding does not vote", []float64{0.1 + 0.2}, []float64{1}, 0.2, 0.4, nil, nil, []int{0}, 0, 0, 1},
		{"no actors", nil, nil, 1, 2, nil, nil, nil, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Supporters(tc.x, tc.w, tc.y, tc.z)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.Support, tc.support) || !slices.Equal(s.Oppose, tc.oppose) || !slices.Equal(s.Indifferent, tc.ind) {
				t.Errorf("support %v oppose %v indifferent %v", s.Support, s.Oppose, s.Indifferent)
			}
			if math.Abs(s.SupportWeight-tc.sw) > 1e-9 || math.Abs(s.OpposeWeight-tc.ow) > 1e-9 || math.Abs(s.IndifferentWeight-tc.iw) > 1e-9 {
				t.Errorf("weights %g / %g / %g, want %g / %g / %g", s.SupportWeight, s.OpposeWeight, s.IndifferentWeight, tc.sw, tc.ow, tc.iw)
			}
		})
	}
}

func TestSupportersRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, w []float64
		y, z float64
	}{
		{"NaN position", []float64{math.NaN()}, []float64{1}, 1, 2},
		{"NaN weight", []float64{1}, []float64{math.NaN()}, 1, 2},
		{"negative weight", []float64{1}, []float64{-1}, 1, 2},
		{"infinite proposal", []float64{1}, []float64{1}, math.Inf(1), 2},
		{"lengths differ", []float64{1, 2}, []float64{1}, 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Supporters(tc.x, tc.w, tc.y, tc.z); err == nil {
				t.Error("want an error")
			}
		})
	}
}

// members lists the blocs' members as positions, for readable cases.
func members(bl []Bloc, x []float64) [][]float64 {
	var out [][]float64
	for _, b := range bl {
		var m []float64
		for _, i := range b.Members {
			m = append(m, x[i])
		}
		out = append(out, m)
	}
	return out
}

func TestBlocs(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    []float64
		tol  float64
		want [][]float64
	}{
		{"gaps wider than tol separate", []float64{80, 10, 12, 50, 14, 53}, 0, [][]float64{{10, 12, 14}, {50, 53}, {80}}},
		{"exactly tol apart is one bloc", []float64{0, 5}, 0, [][]float64{{0, 5}}},
		{"a hair more is two", []float64{0, 5.001}, 0, [][]float64{{0}, {5.001}}},
		// A chain 0-20 in steps of 5 spans 20 > 2·tol: cut at the most even of the equal gaps, then the lower.
		{"long chain splits evenly", []float64{20, 15, 10, 5, 0}, 0, [][]float64{{0, 5}, {10, 15, 20}}},
		// 0, 5, 10, 11: the even cut keeps 0 with 5 and 10 with 11.
		{"chain splits at the even cut", []float64{0, 5, 10, 11}, 0, [][]float64{{0, 5}, {10, 11}}},
		// The widest link goes first, however uneven: 0-4-8 then a 4.5 gap, 12.5-13.
		{"chain splits at the widest gap", []float64{0, 4, 8, 12.5, 13}, 0, [][]float64{{0, 4, 8}, {12.5, 13}}},
		{"span exactly 2·tol stays whole", []float64{0, 5, 10}, 0, [][]float64{{0, 5, 10}}},
		{"duplicates", []float64{30, 30, 30}, 0, [][]float64{{30, 30, 30}}},
		{"one actor", []float64{42}, 0, [][]float64{{42}}},
		{"custom tolerance", []float64{0, 1, 2, 4, 5}, 1, [][]float64{{0, 1, 2}, {4, 5}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := make([]float64, len(tc.x))
			for i := range w {
				w[i] = 1
			}
			bl, err := OnIssue(tc.x, w, tc.tol)
			if err != nil {
				t.Fatal(err)
			}
			got := members(bl, tc.x)
			if !slices.EqualFunc(got, tc.want, slices.Equal[[]float64]) {
				t.Errorf("blocs %v, want %v", got, tc.want)
			}
			var share float64
			for _, b := range bl {
				share += b.Share
				tol := tc.tol
				if tol == 0 {
					tol = DefaultTol
				}
				if b.Span > 2*tol+1e-9 {
					t.Errorf("bloc %v spans %g", b.Members, b.Span)
				}
			}
			if math.Abs(share-1) > 1e-12 {
				t.Errorf("shares sum to %g", share)
			}
		})
	}
}

func TestBlocPowerAndCentre(t *testing.T) {
	x := []float64{10, 12, 60}
	w := []float64{3, 1, 4}
	bl, err := OnIssue(x, w, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(bl) != 2 || bl[0].Centre[0] != 10.5 || bl[0].Power != 4 || bl[0].Share != 0.5 || bl[0].Span != 2 ||
		bl[1].Centre[0] != 60 || bl[1].Power != 4 || bl[1].Share != 0.5 {
		t.Errorf("got %+v", bl)
	}
	// Zero weights: plain mean centre, zero power and share, no NaN.
	bl, err = OnIssue(x, []float64{0, 0, 0}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if bl[0].Centre[0] != 11 || bl[0].Power != 0 || bl[0].Share != 0 || math.IsNaN(bl[1].Share) {
		t.Errorf("zero weights: %+v", bl)
	}
}

func TestAcrossIssues(t *testing.T) {
	pos := [][]float64{
		{0, 0}, {3, 4}, // 5 apart: one bloc
		{50, 50}, {50, 56}, // 6 apart: two
		{90, 10}, {94, 13}, {97, 17}, // chain 5, 5; ends 10 apart, within 2·tol
	}
	w := []float64{1, 1, 2, 2, 1, 1, 2}
	bl, err := AcrossIssues(pos, w, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]int
	for _, b := range bl {
		got = append(got, b.Members)
	}
	want := [][]int{{0, 1}, {2}, {3}, {4, 5, 6}}
	if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("blocs %v, want %v", got, want)
	}
	if c := bl[3].Centre; math.Abs(c[0]-94.5) > 1e-12 || math.Abs(c[1]-14.25) > 1e-12 || bl[3].Share != 0.4 {
		t.Errorf("last bloc %+v", bl[3])
	}
	// The same actors in another order give the same blocs (as actor sets).
	perm := []int{6, 2, 0, 5, 3, 1, 4}
	pp, pw := make([][]float64, len(perm)), make([]float64, len(perm))
	for k, i := range perm {
		pp[k], pw[k] = pos[i], w[i]
	}
	bl2, err := AcrossIssues(pp, pw, 0)
	if err != nil {
		t.Fatal(err)
	}
	for b := range bl {
		var m []int
		for _, k := range bl2[b].Members {
			m = append(m, perm[k])
		}
		if !slices.Equal(m, bl[b].Members) {
			t.Errorf("bloc %d: %v after reordering, %v before", b, m, bl[b].Members)
		}
	}
}

func TestBlocsRefuse(t *testing.T) {
	for _, tc := range []struct {
		name string
		pos  [][]float64
		w    []float64
		tol  float64
		code string
	}{
		{"no actors", nil, nil, 0, model.EDEGENERATE},
		{"no issues", [][]float64{{}}, []float64{1}, 0, model.EDEGENERATE},
		{"NaN position", [][]float64{{math.NaN()}}, []float64{1}, 0, model.EINVALID},
		{"infinite weight", [][]float64{{1}}, []float64{math.Inf(1)}, 0, model.EINVALID},
		{"negative tolerance", [][]float64{{1}}, []float64{1}, -1, model.EINVALID},
		{"NaN tolerance", [][]float64{{1}}, []float64{1}, math.NaN(), model.EINVALID},
		{"ragged positions", [][]float64{{1, 2}, {1}}, []float64{1, 1}, 0, model.EINTERNAL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := AcrossIssues(tc.pos, tc.w, tc.tol)
			if model.ErrorCode(err) != tc.code {
				t.Errorf("got %v, want code %s", err, tc.code)
			}
		})
	}
}

func TestLandscape(t *testing.T) {
	rounds := [][]float64{
		{0, 4.99, 5, 100, 47.5},
		{0.3, 0.1 + 0.2, 95, 99.999, 50},
	}
	w := []float64{1, 2, 4, 8, 16}
	l, err := PowerLandscape(rounds, w, LandscapeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Edges) != 21 || l.Edges[0] != 0 || l.Edges[20] != 100 {
		t.Fatalf("edges %v", l.Edges)
	}
	want0 := map[int]float64{0: 3, 1: 4, 19: 8, 9: 16} // 100 falls in the top bin
	want1 := map[int]float64{0: 3, 19: 12, 10: 16}
	for r, want := range []map[int]float64{want0, want1} {
		var sum float64
		for b, v := range l.Weight[r] {
			sum += v
			if v != want[b] {
				t.Errorf("round %d bin %d [%g, %g): %g, want %g", r, b, l.Edges[b], l.Edges[b+1], v, want[b])
			}
		}
		if sum != 31 {
			t.Errorf("round %d holds %g of 31", r, sum)
		}
	}
	if !slices.Equal(l.Bin[1], []int{0, 0, 19, 19, 10}) {
		t.Errorf("bins of round 1: %v", l.Bin[1])
	}

	// 0.1 + 0.2 is 0.30000000000000004 and 0.3 is just below it: both sit on the 0.3 edge.
	l, err = PowerLandscape(rounds[1:], w, LandscapeOptions{BinWidth: 0.1, Min: 0, Max: 1})
	if err != nil {
		t.Fatal(err)
	}
	if l.Bin[0][0] != 3 || l.Bin[0][1] != 3 {
		t.Errorf("0.3 and 0.1+0.2 in bins %d and %d, want 3", l.Bin[0][0], l.Bin[0][1])
	}
	if got := len(l.Edges) - 1; got != 1000 {
		t.Errorf("0-1 by 0.1 extended to 100: %d bins, want 1000", got)
	}

	// Years 4-10 on their own scale, and positions beyond it extend the bins outwards.
	l, err = PowerLandscape([][]float64{{3.2, 7, 10.5}}, []float64{1, 1, 1}, LandscapeOptions{BinWidth: 1, Min: 4, Max: 10})
	if err != nil {
		t.Fatal(err)
	}
	if l.Edges[0] != 3 || l.Edges[len(l.Edges)-1] != 11 || !slices.Equal(l.Bin[0], []int{0, 4, 7}) {
		t.Errorf("edges %v bins %v", l.Edges, l.Bin[0])
	}
}

func TestLandscapeRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rounds [][]float64
		w      []float64
		opt    LandscapeOptions
		code   string
	}{
		{"no rounds", nil, []float64{1}, LandscapeOptions{}, model.EDEGENERATE},
		{"no actors", [][]float64{{}}, nil, LandscapeOptions{}, model.EDEGENERATE},
		{"NaN position", [][]float64{{math.NaN()}}, []float64{1}, LandscapeOptions{}, model.EINVALID},
		{"negative weight", [][]float64{{1}}, []float64{-1}, LandscapeOptions{}, model.EINVALID},
		{"negative width", [][]float64{{1}}, []float64{1}, LandscapeOptions{BinWidth: -5}, model.EINVALID},
		{"too many bins", [][]float64{{1}}, []float64{1}, LandscapeOptions{BinWidth: 1e-6}, model.EINVALID},
		{"min above max", [][]float64{{1}}, []float64{1}, LandscapeOptions{Min: 10, Max: 5}, model.EINVALID},
		{"ragged round", [][]float64{{1}, {1, 2}}, []float64{1}, LandscapeOptions{}, model.EINTERNAL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PowerLandscape(tc.rounds, tc.w, tc.opt)
			if model.ErrorCode(err) != tc.code {
				t.Errorf("got %v, want code %s", err, tc.code)
			}
		})
	}
}

func BenchmarkBlocs160(b *testing.B) {
	x, w := make([]float64, 160), make([]float64, 160)
	for i := range x {
		x[i] = float64(i*37%101) + float64(i%7)/7
		w[i] = float64(1 + i%5)
	}
	for b.Loop() {
		if _, err := OnIssue(x, w, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBlocs12x6 groups twelve actors across six issues.
func BenchmarkBlocs12x6(b *testing.B) {
	pos, w := make([][]float64, 12), make([]float64, 12)
	for i := range pos {
		for k := range 6 {
			pos[i] = append(pos[i], float64((i*29+k*11)%101))
		}
		w[i] = float64(1 + i%5)
	}
	for b.Loop() {
		if _, err := AcrossIssues(pos, w, 0); err != nil {
			b.Fatal(err)
		}
	}
}
