package baseline

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley/model"
)

// shared is the reference data beside the checkout (see ../shared/testdata/README.md).
var shared = filepath.Join("..", "..", "..", "shared", "testdata")

// readEmissions loads Bueno de Mesquita's (1994) car-emissions case.
func readEmissions(t testing.TB) Input {
	t.Helper()
	f, err := os.Open(filepath.Join(shared, "inputs", "bdm1994_emissions.csv"))
	if err != nil {
		t.Fatalf("reference data missing: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var in Input
	for _, r := range rows[1:] {
		num := func(s string) float64 {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		in.Names = append(in.Names, r[0])
		in.Capability = append(in.Capability, num(r[1]))
		in.Position = append(in.Position, num(r[2]))
		in.Salience = append(in.Salience, num(r[3]))
	}
	return in
}

// roundsTo reports whether x, printed with the given number of decimals, reads as want.
func roundsTo(x, want float64, decimals int) bool {
	return strconv.FormatFloat(x, 'f', decimals, 64) == strconv.FormatFloat(want, 'f', decimals, 64)
}

func TestEmissionsMeanMedian(t *testing.T) {
	r, err := Compute(readEmissions(t), 0, NashOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// MODELS.md 1.5: at t = 0, weighted mean 7.389956, weighted median 7.
	if math.Abs(r.Mean-7.389956) > 5e-7 || r.Median != 7 || r.MedianUpper != 7 {
		t.Errorf("mean %.7f median %g/%g, want 7.389956 and 7", r.Mean, r.Median, r.MedianUpper)
	}
}

// TestEmissionsNash checks MODELS.md §3.3: emissions case, b = c, to the printed digits.
func TestEmissionsNash(t *testing.T) {
	in := readEmissions(t)
	for _, tc := range []struct {
		name     string
		u        Utility
		q        float64
		printed  float64
		decimals int
		exact    float64 // closed form where there is one, else 0
	}{
		// Linear, q = 0: on [4,7] the 4s (Σc = .32) gain 8−x, the rest (Σc = .69) gain x: x* = .69·8/1.01.
		{"linear q=0", Linear, 0, 5.4653, 4, 0.69 * 8 / 1.01},
		// Linear, q = 14: on [7,10] the 10s (Σc = .48) gain x−6, the rest (Σc = .53) gain 14−x: x* = (.48·14+.53·6)/1.01.
		{"linear q=14", Linear, 14, 9.802, 3, (0.48*14 + 0.53*6) / 1.01},
		{"quadratic q=0", Quadratic, 0, 5.4757, 4, 0},
		{"quadratic q=14", Quadratic, 14, 9.0274, 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Nash(in, tc.q, NashOptions{Utility: tc.u, Bargaining: ByCapability})
			if err != nil {
				t.Fatal(err)
			}
			if !roundsTo(x, tc.printed, tc.decimals) {
				t.Errorf("Nash = %.6f, does not print as %.*f", x, tc.decimals, tc.printed)
			}
			if tc.exact != 0 && math.Abs(x-tc.exact) > 1e-9 {
				t.Errorf("Nash = %.12f, closed form %.12f", x, tc.exact)
			}
			// The refinement makes the answer independent of the grid, down to the published 1e-4.
			for _, step := range []float64{PublishedGridStep, 0.25, 3} {
				y, err := Nash(in, tc.q, NashOptions{Utility: tc.u, Bargaining: ByCapability, GridStep: step})
				if err != nil || math.Abs(y-x) > 1e-12 {
					t.Errorf("grid step %g gives %.15f (%v), default grid %.15f", step, y, err, x)
				}
			}
		})
	}
}

func TestNash(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Input
		q    float64
		opt  NashOptions
		want float64
	}{
		// b = c·s = 3 and 1; on [0,10] the first gains 20−x, the second x: 3/(20−x) = 1/x.
		{"hand-solved linear", Input{Capability: []float64{3, 1}, Salience: []float64{100, 100}, Position: []float64{0, 10}}, 20, NashOptions{}, 5},
		// Salience shifts b under the default ByWeight, not under ByCapability.
		{"salience weighs", Input{Capability: []float64{1, 1}, Salience: []float64{75, 25}, Position: []float64{0, 10}}, 20, NashOptions{}, 5},
		{"capability only", Input{Capability: []float64{3, 1}, Salience: []float64{25, 75}, Position: []float64{0, 10}}, 20, NashOptions{Bargaining: ByCapability}, 5},
		{"one actor gets its ideal", Input{Capability: []float64{1}, Salience: []float64{50}, Position: []float64{30}}, 50, NashOptions{}, 30},
		{"everybody at one point", Input{Capability: []float64{1, 2}, Salience: []float64{50, 50}, Position: []float64{30, 30}}, 0, NashOptions{Utility: Quadratic}, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Nash(tc.in, tc.q, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(x-tc.want) > 1e-9 {
				t.Errorf("Nash = %.12f, want %g", x, tc.want)
			}
		})
	}
}

// TestNashBruteForce compares the search with a plain scan at 1e-4 on cases
// with actors on one side of the status quo, both utilities and both weightings.
func TestNashBruteForce(t *testing.T) {
	in := Input{
		Capability: []float64{10, 35, 20, 5, 30},
		Salience:   []float64{90, 20, 60, 100, 45},
		Position:   []float64{12, 40, 55.5, 61, 80},
	}
	for _, q := range []float64{0, 5, 90, 100} {
		for _, opt := range []NashOptions{{}, {Utility: Quadratic}, {Bargaining: ByCapability}, {Utility: Quadratic, Bargaining: ByCapability}} {
			x, err := Nash(in, q, opt)
			if err != nil {
				t.Fatal(err)
			}
			obj := func(x float64) float64 {
				var s float64
				for i, xi := range in.Position {
					b := in.Capability[i]
					if opt.Bargaining == ByWeight {
						b *= in.Salience[i]
					}
					g := math.Abs(q-xi) - math.Abs(x-xi)
					if opt.Utility == Quadratic {
						g = (q-xi)*(q-xi) - (x-xi)*(x-xi)
					}
					if g <= 0 {
						return math.Inf(-1)
					}
					s += b * math.Log(g)
				}
				return s
			}
			bx, bv := 0.0, math.Inf(-1)
			for k := 0; k <= 68e4; k++ {
				if v := obj(12 + float64(k)*1e-4); v > bv {
					bx, bv = 12+float64(k)*1e-4, v
				}
			}
			if math.Abs(x-bx) > 1e-4 || obj(x) < bv {
				t.Errorf("q=%g %v b=%d: Nash %.7f (objective %.12g), scan %.7f (%.12g)", q, opt.Utility, opt.Bargaining, x, obj(x), bx, bv)
			}
		}
	}
}

func TestNashInfeasible(t *testing.T) {
	in := readEmissions(t)
	for _, tc := range []struct {
		name string
		q    float64
		says string
	}{
		{"an ideal equals the status quo", 7, "Belgium's position equals the status quo 7"},
		{"status quo between actors", 5, "lies between"},
		{"status quo at the lowest ideal", 4, "Netherlands's position equals"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, u := range []Utility{Linear, Quadratic} {
				_, err := Nash(in, tc.q, NashOptions{Utility: u})
				if model.ErrorCode(err) != model.EINFEASIBLE || !strings.Contains(err.Error(), tc.says) {
					t.Fatalf("%v: got %v, want an infeasible error saying %q", u, err, tc.says)
				}
				r, err := Compute(in, tc.q, NashOptions{Utility: u})
				if err != nil {
					t.Fatal(err)
				}
				if r.Nash != nil || !strings.Contains(r.NashReason, tc.says) {
					t.Errorf("%v: Nash %v, reason %q", u, r.Nash, r.NashReason)
				}
				if math.Abs(r.Mean-7.389956) > 5e-7 || r.Median != 7 {
					t.Errorf("the other baselines must survive an infeasible Nash: %+v", r)
				}
			}
		})
	}
}

func TestMedianTie(t *testing.T) {
	r, err := Compute(Input{Capability: []float64{1, 1}, Salience: []float64{50, 50}, Position: []float64{10, 20}}, 0, NashOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Median != 10 || r.MedianUpper != 20 || r.Mean != 15 {
		t.Errorf("got mean %g, medians %g/%g; want 15, 10/20", r.Mean, r.Median, r.MedianUpper)
	}
}

func TestDegenerate(t *testing.T) {
	nan := math.NaN()
	ok := func() Input {
		return Input{Names: []string{"A", "B"}, Capability: []float64{1, 2}, Salience: []float64{50, 60}, Position: []float64{10, 20}}
	}
	for _, tc := range []struct {
		name string
		edit func(*Input)
		q    float64
		code string
	}{
		{"no actors", func(in *Input) { *in = Input{} }, 0, model.EDEGENERATE},
		{"NaN position", func(in *Input) { in.Position[1] = nan }, 0, model.EINVALID},
		{"infinite capability", func(in *Input) { in.Capability[0] = math.Inf(1) }, 0, model.EINVALID},
		{"NaN salience", func(in *Input) { in.Salience[0] = nan }, 0, model.EINVALID},
		{"negative capability", func(in *Input) { in.Capability[0] = -1 }, 0, model.EINVALID},
		{"negative salience", func(in *Input) { in.Salience[1] = -5 }, 0, model.EINVALID},
		{"every salience zero", func(in *Input) { in.Salience[0], in.Salience[1] = 0, 0 }, 0, model.EDEGENERATE},
		{"every capability zero", func(in *Input) { in.Capability[0], in.Capability[1] = 0, 0 }, 0, model.EDEGENERATE},
		{"NaN status quo", func(*Input) {}, nan, model.EINVALID},
		{"columns differ", func(in *Input) { in.Salience = in.Salience[:1] }, 0, model.EINTERNAL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok()
			tc.edit(&in)
			r, err := Compute(in, tc.q, NashOptions{})
			if model.ErrorCode(err) != tc.code {
				t.Errorf("Compute: got %v (%q), want code %s", r, model.ErrorCode(err), tc.code)
			}
			x, err := Nash(in, tc.q, NashOptions{Utility: Quadratic})
			if c := model.ErrorCode(err); c != tc.code {
				t.Errorf("Nash: got %v, %v (code %q), want code %s", x, err, c, tc.code)
			}
		})
	}
	if _, err := Nash(ok(), 0, NashOptions{GridStep: -1}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("negative grid step: %v", err)
	}
}

// TestNeverNaN sweeps the status quo across and beyond the actors: every
// answer is a finite number inside the actors' range or an infeasible error.
func TestNeverNaN(t *testing.T) {
	in := readEmissions(t)
	for q := -5.0; q <= 20; q += 0.125 {
		for _, u := range []Utility{Linear, Quadratic} {
			r, err := Compute(in, q, NashOptions{Utility: u})
			if err != nil {
				t.Fatal(err)
			}
			if r.Nash == nil {
				if r.NashReason == "" || (q < 4 || q > 10) {
					t.Errorf("q=%g: no Nash value (%q)", q, r.NashReason)
				}
				continue
			}
			if x := *r.Nash; math.IsNaN(x) || x < 4 || x > 10 {
				t.Errorf("q=%g %v: Nash %v", q, u, x)
			}
		}
	}
}

func BenchmarkNashEmissions(b *testing.B) {
	in := readEmissions(b)
	for b.Loop() {
		if _, err := Compute(in, 0, NashOptions{Utility: Quadratic}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNashEmissionsPublishedGrid searches at 1e-4 as the published checks did.
func BenchmarkNashEmissionsPublishedGrid(b *testing.B) {
	in := readEmissions(b)
	for b.Loop() {
		if _, err := Compute(in, 0, NashOptions{Utility: Quadratic, GridStep: PublishedGridStep}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselines12x6 is the baselines' share of PRODUCT.md's 2 ms budget:
// mean, median and Nash on six issues of twelve actors on the 0-100 scale.
func BenchmarkBaselines12x6(b *testing.B) {
	var issues [6]Input
	for k := range issues {
		for i := range 12 {
			issues[k].Capability = append(issues[k].Capability, float64(10+i*7%40))
			issues[k].Salience = append(issues[k].Salience, float64(20+(i*13+k*7)%80))
			issues[k].Position = append(issues[k].Position, float64((i*29+k*11)%101))
		}
	}
	for b.Loop() {
		for k := range issues {
			if _, err := Compute(issues[k], 100, NashOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkNash100 is a full 0-100 issue with 100 actors.
func BenchmarkNash100(b *testing.B) {
	in := Input{}
	for i := range 100 {
		in.Capability = append(in.Capability, float64(1+i%7))
		in.Salience = append(in.Salience, float64(10+i%90))
		in.Position = append(in.Position, float64(i))
	}
	for b.Loop() {
		if _, err := Nash(in, 100.5, NashOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
