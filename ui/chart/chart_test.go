package chart

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"parley/model"
	"parley/model/bloc"
	"parley/model/forecast"
	"parley/model/power"
)

// regen rewrites the golden images: go test ./ui/chart -regen. gonum's
// cmpimg, imported for the comparison, already registers the -regen flag for
// the same purpose (a second flag.Bool("regen") panics), so it is shared.
var regen = cmpimg.GenerateTestData

// muscat is the default scenario, read from the shipped JSON file.
func loadMuscat(t testing.TB) *model.Scenario {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "muscat.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f model.File
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Scenarios[0]
}

func runMuscat(t testing.TB) (*model.Scenario, *forecast.Result) {
	t.Helper()
	sc := loadMuscat(t)
	res, err := forecast.Run(context.Background(), sc, forecast.FromSettings(sc.Settings))
	if err != nil {
		t.Fatal(err)
	}
	if res.SMP == nil || res.Issues[1].BDM == nil {
		t.Fatalf("Muscat forecast incomplete: SMP %v, BDM %v", res.SMPErr, res.Issues[1].BDMErr)
	}
	return sc, res
}

// chartCase builds one chart of the Muscat scenario.
type chartCase struct {
	name  string
	build func(st Style) (*plot.Plot, error)
}

// The issues the single-issue goldens show: enrichment, the most contested.
const (
	enrichment = 1
	sanctions  = 4
)

// muscatChartCases is every chart type drawn from the Muscat run.
func muscatChartCases(t testing.TB, sc *model.Scenario, res *forecast.Result) []chartCase {
	t.Helper()
	ends := Ends2D(res, enrichment, sanctions, EndBDM)
	blocs2, err := Blocs2D(sc, enrichment, sanctions, ends, 12)
	if err != nil {
		t.Fatal(err)
	}
	bdmTraj, err := TrajectoryFromBDM(sc, res, enrichment)
	if err != nil {
		t.Fatal(err)
	}
	smpTraj, err := TrajectoryFromSMP(sc, res, enrichment)
	if err != nil {
		t.Fatal(err)
	}
	rounds := RoundPositions(res, enrichment, EndBDM)
	mc := monteCarloLike(res.Issues[enrichment].BDM.Forecast)
	return []chartCase{
		{"stance", func(st Style) (*plot.Plot, error) {
			in := ForecastStance(sc, res, enrichment, EndBDM, st)
			SetBands(in.Markers, map[string][2]float64{"BDM": {24, 41}})
			return StanceMap(in, st)
		}},
		{"stance_smp", func(st Style) (*plot.Plot, error) {
			return StanceMap(ForecastStance(sc, res, 3, EndSMP, st), st)
		}},
		{"stance2d", func(st Style) (*plot.Plot, error) {
			return ForecastStance2D(sc, res, enrichment, sanctions, ends, blocs2, st)
		}},
		{"trajectory_bdm", bdmTraj.Plot},
		{"trajectory_smp", smpTraj.Plot},
		{"landscape", func(st Style) (*plot.Plot, error) {
			return Landscape(sc, enrichment, rounds, len(rounds)-1, 5, st)
		}},
		{"coalitions", func(st Style) (*plot.Plot, error) {
			return Coalitions(sc, res.Issues[enrichment].Blocs, enrichment, st)
		}},
		{"support", func(st Style) (*plot.Plot, error) {
			return Support(sc, enrichment, rounds[0], res.Issues[enrichment].BDM.Forecast, sc.Issues[enrichment].StatusQuo, st)
		}},
		{"power", func(st Style) (*plot.Plot, error) {
			return PowerBars(sc, res.Issues[enrichment].Power, enrichment, st)
		}},
		{"tornado", func(st Style) (*plot.Plot, error) {
			return Tornado("Enrichment level: what moves the BDM forecast", 30, []TornadoRow{
				{"US capability", 27.5, 36},
				{"Supreme Leader salience", 24, 38.5},
				{"IRGC position", 30, 33},
				{"Russia capability", 29, 31.5},
				{"Congress position on enrichment (a long input name)", 22, 30},
				{"China salience", 30, 30},
			}, st)
		}},
		{"histogram", func(st Style) (*plot.Plot, error) {
			return Histogram("Enrichment level: BDM forecast over 1,000 draws", mc.values, mc.p10, mc.p50, mc.p90, st)
		}},
	}
}

// mcDraws is a deterministic stand-in for a Monte Carlo distribution.
type mcDraws struct {
	values        []float64
	p10, p50, p90 float64
}

func monteCarloLike(centre float64) mcDraws {
	var d mcDraws
	// A skewed, lumpy spread from a fixed sequence (no randomness in goldens).
	x := uint64(12345)
	for i := 0; i < 1000; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		u := float64(x>>11) / (1 << 53)
		x = x*6364136223846793005 + 1442695040888963407
		v := float64(x>>11) / (1 << 53)
		g := math.Sqrt(-2*math.Log(u+1e-12)) * math.Cos(2*math.Pi*v)
		val := centre + 6*g
		if i%5 == 0 {
			val = centre + 18 + 3*g
		}
		d.values = append(d.values, math.Max(0, math.Min(100, val)))
	}
	s := append([]float64(nil), d.values...)
	sortFloats(s)
	d.p10, d.p50, d.p90 = s[100], s[500], s[900]
	return d
}

func sortFloats(s []float64) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Every builder draws the Muscat scenario, in both styles, to a PNG of exactly
// the size asked for (a 720p slide; the goldens cover 800×500), and to images
// of thumbnail sizes far too small to read, which must still draw and return
// (plot.Plot's margins can exceed such a canvas).
func TestBuildersRenderMuscat(t *testing.T) {
	sc, res := runMuscat(t)
	for _, c := range muscatChartCases(t, sc, res) {
		for _, st := range []Style{Light(), Dark()} {
			t.Run(c.name+"/"+st.Name, func(t *testing.T) {
				t.Parallel()
				p, err := c.build(st)
				if err != nil {
					t.Fatal(err)
				}
				b, err := PNGBytes(p, 1280, 720, 96)
				if err != nil {
					t.Fatal(err)
				}
				cfg, err := png.DecodeConfig(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if cfg.Width != 1280 || cfg.Height != 720 {
					t.Errorf("PNG of %d×%d, want 1280×720", cfg.Width, cfg.Height)
				}
				for _, sz := range []image.Point{{64, 48}, {120, 90}, {320, 240}} {
					if got := Image(p, sz.X, sz.Y, 96).Bounds().Size(); got != sz {
						t.Errorf("rendered %v, want %v", got, sz)
					}
				}
			})
		}
	}
}

// Every issue of every Muscat scenario (base and what-ifs) draws with every
// model's markers and arrows from both models.
func TestStanceMapEveryIssue(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "muscat.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f model.File
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	base := f.Scenarios[0]
	for _, wi := range f.Scenarios {
		sc := wi
		if wi.Base != "" {
			if sc, err = model.ApplyOverrides(base, wi); err != nil {
				t.Fatal(err)
			}
		}
		res, err := forecast.Run(context.Background(), sc, forecast.FromSettings(sc.Settings))
		if err != nil {
			t.Fatal(err)
		}
		for i := range sc.Issues {
			for _, end := range []EndModel{NoArrows, EndBDM, EndSMP} {
				in := ForecastStance(sc, res, i, end, Light())
				if len(in.Markers) < 5 {
					t.Errorf("%s, %s: %d markers, want the status quo and at least four forecasts", sc.Name, sc.Issues[i].Key, len(in.Markers))
				}
				if (end != NoArrows) != (in.Arrows != "") {
					t.Errorf("%s, %s, end %d: arrows legend %q", sc.Name, sc.Issues[i].Key, end, in.Arrows)
				}
				p, err := StanceMap(in, Light())
				if err != nil {
					t.Fatal(err)
				}
				if end == EndBDM {
					if img := Image(p, 640, 400, 96); img.Bounds().Dx() != 640 {
						t.Errorf("image %v", img.Bounds())
					}
				}
			}
		}
	}
}

// Each model's forecast line differs from every other in colour and in dash
// pattern (so it reads in grayscale), and its legend name carries its value.
func TestForecastMarkers(t *testing.T) {
	sc, res := runMuscat(t)
	for _, st := range []Style{Light(), Dark()} {
		ms := ForecastMarkers(res, enrichment, st)
		want := []string{"BDM", "SMP", "Weighted median", "Weighted mean"}
		if len(ms) < len(want) {
			t.Fatalf("%d markers, want at least %d", len(ms), len(want))
		}
		for k, name := range want {
			if ms[k].Model != name {
				t.Errorf("marker %d is %q, want %q", k, ms[k].Model, name)
			}
			if wantName := name + " " + formatValue(ms[k].Value) + fmt.Sprintf(" ± %.0f", ms[k].Interval); ms[k].Interval <= 0 || ms[k].Name != wantName {
				t.Errorf("marker name %q, want %q", ms[k].Name, wantName)
			}
		}
		sq := StatusQuoMarker(st, sc.Issues[enrichment].StatusQuo)
		all := append([]Marker{sq}, ms...)
		for a := range all {
			for b := a + 1; b < len(all); b++ {
				if sameRGB(all[a].Color, all[b].Color) {
					t.Errorf("%s: %q and %q share a colour", st.Name, all[a].Name, all[b].Name)
				}
				if sameDashPattern(all[a].Dashes, all[b].Dashes) {
					t.Errorf("%s: %q and %q share a dash pattern", st.Name, all[a].Name, all[b].Name)
				}
			}
			if c := wcagContrast(all[a].Color, st.Background); c < 3 {
				t.Errorf("%s: %q has contrast %.2f against the background, want ≥ 3", st.Name, all[a].Name, c)
			}
		}
	}
	ms := ForecastMarkers(res, enrichment, Light())
	SetBands(ms, map[string][2]float64{"SMP": {40, 60}})
	for _, m := range ms {
		if m.Band != (m.Model == "SMP") {
			t.Errorf("%s: band %v", m.Model, m.Band)
		}
	}
	if got := PredictedEnds(res, enrichment, EndBDM); len(got) != len(sc.Actors) {
		t.Errorf("BDM ends: %d for %d actors", len(got), len(sc.Actors))
	}
	if got := PredictedEnds(res, enrichment, NoArrows); got != nil {
		t.Errorf("no arrows: ends %v", got)
	}
}

func sameRGB(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2
}

func sameDashPattern(a, b []vg.Length) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// contrast is the WCAG contrast ratio of two colours.
func wcagContrast(a, b color.Color) float64 {
	lin := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		f := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(b)
	}
	la, lb := lin(a), lin(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// tiny is a valid three-actor, two-issue scenario to break in the
// degenerate cases.
func threeActors() *model.Scenario {
	sc := &model.Scenario{Name: "tiny", Issues: []model.Issue{{Key: "a", Name: "A", StatusQuo: 10}, {Key: "b", Name: "B", StatusQuo: 90}}}
	for k, p := range []float64{10, 50, 90} {
		sc.Actors = append(sc.Actors, model.Actor{Name: string(rune('X' + k)), Capability: 10, Stances: map[string]model.Stance{
			"a": {Position: p, Salience: 50}, "b": {Position: 100 - p, Salience: 50},
		}})
	}
	return sc
}

// Degenerate or empty data is refused with a model error, never drawn with NaN.
func TestDegenerateInputs(t *testing.T) {
	nan := math.NaN()
	empty := &model.Scenario{Name: "empty", Issues: []model.Issue{{Key: "a", Name: "A"}, {Key: "b", Name: "B"}}}
	zero := threeActors()
	for k := range zero.Actors {
		zero.Actors[k].Capability = 0
	}
	nanPos := threeActors()
	nanPos.SetStance(1, 0, model.Stance{Position: nan, Salience: 50})
	pr := &power.Result{ShapleyShubik: []float64{0, 0, 0}, Banzhaf: []float64{0, 0, 0}, Exact: true}
	cases := []struct {
		name  string
		build func() (*plot.Plot, error)
	}{
		{"stance/no actors", func() (*plot.Plot, error) { return StanceMap(StanceInput{Title: "x"}, Light()) }},
		{"stance/NaN position", func() (*plot.Plot, error) { return StanceMap(StanceFromScenario(nanPos, 0, nil), Light()) }},
		{"stance/NaN marker", func() (*plot.Plot, error) {
			in := StanceFromScenario(threeActors(), 0, nil)
			in.Markers = []Marker{{Name: "BDM", Value: nan}}
			return StanceMap(in, Light())
		}},
		{"stance/NaN end", func() (*plot.Plot, error) {
			return StanceMap(StanceFromScenario(threeActors(), 0, []float64{nan, 1, 2}), Light())
		}},
		{"stance2d/no actors", func() (*plot.Plot, error) { return StanceMap2D(empty, 0, 1, nil, nil, Light()) }},
		{"stance2d/same issue", func() (*plot.Plot, error) { return StanceMap2D(threeActors(), 0, 0, nil, nil, Light()) }},
		{"stance2d/NaN", func() (*plot.Plot, error) { return StanceMap2D(nanPos, 0, 1, nil, nil, Light()) }},
		{"stance2d/NaN end", func() (*plot.Plot, error) {
			return StanceMap2D(threeActors(), 0, 1, [][2]float64{{nan, 0}, {1, 1}, {2, 2}}, nil, Light())
		}},
		{"stance2d/bad bloc", func() (*plot.Plot, error) {
			return StanceMap2D(threeActors(), 0, 1, nil, []bloc.Bloc{{Members: []int{0, 7}}}, Light())
		}},
		{"trajectory/no actors", func() (*plot.Plot, error) {
			return Trajectory(nil, nil, [][]float64{{}}, nil, nil, "", "Round", Light())
		}},
		{"trajectory/no rounds", func() (*plot.Plot, error) { return Trajectory([]string{"A"}, nil, nil, nil, nil, "", "Round", Light()) }},
		{"trajectory/NaN", func() (*plot.Plot, error) {
			return Trajectory([]string{"A", "B"}, nil, [][]float64{{1, 2}, {nan, 2}}, nil, nil, "", "Round", Light())
		}},
		{"trajectory/NaN median", func() (*plot.Plot, error) {
			return Trajectory([]string{"A", "B"}, nil, [][]float64{{1, 2}, {1, 2}}, []float64{1, nan}, nil, "", "Round", Light())
		}},
		{"trajectory/ragged", func() (*plot.Plot, error) {
			return Trajectory([]string{"A", "B"}, nil, [][]float64{{1, 2}, {1}}, nil, nil, "", "Round", Light())
		}},
		{"landscape/no rounds", func() (*plot.Plot, error) { return Landscape(threeActors(), 0, nil, 0, 5, Light()) }},
		{"landscape/zero capability", func() (*plot.Plot, error) { return Landscape(zero, 0, [][]float64{{1, 2, 3}}, 0, 5, Light()) }},
		{"landscape/round out of range", func() (*plot.Plot, error) { return Landscape(threeActors(), 0, [][]float64{{1, 2, 3}}, 3, 5, Light()) }},
		{"landscape/NaN", func() (*plot.Plot, error) {
			return Landscape(threeActors(), 0, [][]float64{{1, nan, 3}}, 0, 5, Light())
		}},
		{"landscape/bad bin", func() (*plot.Plot, error) { return Landscape(threeActors(), 0, [][]float64{{1, 2, 3}}, 0, -5, Light()) }},
		{"coalitions/no blocs", func() (*plot.Plot, error) { return Coalitions(threeActors(), nil, 0, Light()) }},
		{"coalitions/zero capability", func() (*plot.Plot, error) {
			return Coalitions(zero, []bloc.Bloc{{Members: []int{0, 1, 2}, Centre: []float64{50}}}, 0, Light())
		}},
		{"coalitions/no actors", func() (*plot.Plot, error) { return Coalitions(empty, nil, 0, Light()) }},
		{"support/proposal is status quo", func() (*plot.Plot, error) { return Support(threeActors(), 0, []float64{1, 2, 3}, 10, 10, Light()) }},
		{"support/NaN proposal", func() (*plot.Plot, error) { return Support(threeActors(), 0, []float64{1, 2, 3}, nan, 10, Light()) }},
		{"support/NaN position", func() (*plot.Plot, error) { return Support(threeActors(), 0, []float64{1, nan, 3}, 50, 10, Light()) }},
		{"support/zero capability", func() (*plot.Plot, error) { return Support(zero, 0, []float64{1, 2, 3}, 50, 10, Light()) }},
		{"power/nil", func() (*plot.Plot, error) { return PowerBars(threeActors(), nil, 0, Light()) }},
		{"power/nobody has power", func() (*plot.Plot, error) { return PowerBars(threeActors(), pr, 0, Light()) }},
		{"power/wrong length", func() (*plot.Plot, error) {
			return PowerBars(threeActors(), &power.Result{ShapleyShubik: []float64{1}, Banzhaf: []float64{1}, Exact: true}, 0, Light())
		}},
		{"tornado/no rows", func() (*plot.Plot, error) { return Tornado("t", 50, nil, Light()) }},
		{"tornado/NaN base", func() (*plot.Plot, error) { return Tornado("t", nan, []TornadoRow{{"x", 1, 2}}, Light()) }},
		{"tornado/NaN row", func() (*plot.Plot, error) { return Tornado("t", 50, []TornadoRow{{"x", nan, 2}}, Light()) }},
		{"histogram/no values", func() (*plot.Plot, error) { return Histogram("h", nil, 1, 2, 3, Light()) }},
		{"histogram/NaN value", func() (*plot.Plot, error) { return Histogram("h", []float64{1, nan}, 1, 2, 3, Light()) }},
		{"histogram/NaN percentile", func() (*plot.Plot, error) { return Histogram("h", []float64{1, 2}, nan, 2, 3, Light()) }},
		{"histogram/percentiles out of order", func() (*plot.Plot, error) { return Histogram("h", []float64{1, 2}, 3, 2, 1, Light()) }},
		{"histogram/empty bins", func() (*plot.Plot, error) {
			return HistogramCounts("h", []float64{0, 1, 2}, []float64{0, 0}, 0, 1, 2, Light())
		}},
		{"histogram/edges", func() (*plot.Plot, error) {
			return HistogramCounts("h", []float64{0, 1}, []float64{1, 2}, 0, 1, 2, Light())
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := c.build()
			if err == nil {
				t.Fatalf("no error; plot %v", p != nil)
			}
			var me *model.Error
			if !asModelError(err, &me) {
				t.Fatalf("error %v is not a *model.Error", err)
			}
			if me.Message == "" {
				t.Error("empty message")
			}
			if p != nil {
				t.Error("a plot came back with the error")
			}
		})
	}
}

func asModelError(err error, target **model.Error) bool {
	for err != nil {
		if e, ok := err.(*model.Error); ok {
			*target = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

// Data that is odd but not degenerate still draws: everyone at one position,
// a single round, a distribution with one value, a zero swing.
func TestEdgeCasesDraw(t *testing.T) {
	same := threeActors()
	for a := range same.Actors {
		same.SetStance(a, 0, model.Stance{Position: 40, Salience: 50})
	}
	cases := []struct {
		name  string
		build func() (*plot.Plot, error)
	}{
		{"stance/all at one position", func() (*plot.Plot, error) { return StanceMap(StanceFromScenario(same, 0, nil), Light()) }},
		{"stance/one actor at the edge", func() (*plot.Plot, error) {
			return StanceMap(StanceInput{Bubbles: []Bubble{{Label: "Solo", X: 100, Y: 100, Size: 1, Color: color.Black}}}, Dark())
		}},
		{"trajectory/one round", func() (*plot.Plot, error) {
			return Trajectory([]string{"A", "B"}, nil, [][]float64{{1, 2}}, []float64{1}, []float64{1.5}, "t", "Round", Light())
		}},
		{"landscape/all in one bin", func() (*plot.Plot, error) { return Landscape(same, 0, [][]float64{{40, 40, 40}}, 0, 0, Light()) }},
		{"histogram/one value", func() (*plot.Plot, error) { return Histogram("h", []float64{42, 42, 42}, 42, 42, 42, Light()) }},
		{"tornado/no swing", func() (*plot.Plot, error) { return Tornado("t", 50, []TornadoRow{{"x", 50, 50}}, Light()) }},
		{"support/nobody supports", func() (*plot.Plot, error) { return Support(threeActors(), 0, []float64{10, 10, 10}, 90, 10, Light()) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := c.build()
			if err != nil {
				t.Fatal(err)
			}
			for _, sz := range []image.Point{{400, 300}, {64, 48}} {
				if img := Image(p, sz.X, sz.Y, 96); img.Bounds().Size() != sz {
					t.Errorf("image %v, want %v", img.Bounds(), sz)
				}
			}
		})
	}
}

// dataCanvas is the data area of p drawn on a w×h pixel image at 96 DPI.
func dataArea(p *plot.Plot, w, h int) draw.Canvas {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*0.75, vg.Length(h)*0.75), vgimg.UseDPI(96))
	return p.DataCanvas(draw.New(c))
}

// On every Muscat one-issue map, at every size the app uses, no two labels
// overlap, no label covers the legend and every label stays on the chart.
func TestStanceLabelsDoNotOverlap(t *testing.T) {
	sc, res := runMuscat(t)
	for i := range sc.Issues {
		for _, end := range []EndModel{NoArrows, EndBDM} {
			for _, sz := range []image.Point{{800, 500}, {1200, 700}, {1920, 1080}, {640, 400}} {
				st := Light()
				p, layer, err := stanceMap(ForecastStance(sc, res, i, end, st), st)
				if err != nil {
					t.Fatal(err)
				}
				dc := dataArea(p, sz.X, sz.Y)
				lay := layer.layout(dc, p)
				checkLabels(t, sc.Issues[i].Key, sz, lay.placed, lay.legend, dc.Rectangle)
			}
		}
	}
}

// The two-issue map places its labels the same way.
func TestStance2DLabelsDoNotOverlap(t *testing.T) {
	sc, res := runMuscat(t)
	for ix := range sc.Issues {
		iy := (ix + 1) % len(sc.Issues)
		ends := Ends2D(res, ix, iy, EndBDM)
		blocs, err := Blocs2D(sc, ix, iy, ends, 0)
		if err != nil {
			t.Fatal(err)
		}
		p, layer, err := stanceMap2D(sc, res, ix, iy, ends, blocs, Light())
		if err != nil {
			t.Fatal(err)
		}
		dc := dataArea(p, 800, 500)
		lay := layer.layout(dc, p)
		checkLabels(t, sc.Issues[ix].Key+"×"+sc.Issues[iy].Key, image.Point{800, 500}, lay.placed, lay.legend, dc.Rectangle)
	}
}

func checkLabels(t *testing.T, what string, sz image.Point, placed []placement, legend, bounds vg.Rectangle) {
	t.Helper()
	for a := range placed {
		ra := placed[a].box
		if ra.Min.X < bounds.Min.X-0.5 || ra.Max.X > bounds.Max.X+0.5 || ra.Min.Y < bounds.Min.Y-0.5 || ra.Max.Y > bounds.Max.Y+0.5 {
			t.Errorf("%s at %v: label %d %v leaves the data area %v", what, sz, a, ra, bounds)
		}
		if boxesOverlap(ra, legend) {
			t.Errorf("%s at %v: label %d %v covers the legend %v", what, sz, a, ra, legend)
		}
		for b := a + 1; b < len(placed); b++ {
			if boxesOverlap(ra, placed[b].box) {
				t.Errorf("%s at %v: labels %d %v and %d %v overlap", what, sz, a, ra, b, placed[b].box)
			}
		}
	}
}

func boxesOverlap(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// placeLabels on a crowded cluster (a dozen labels around nearby bubbles,
// the worst Muscat case squeezed) still finds a free spot for each.
func TestPlaceLabelsCrowded(t *testing.T) {
	st := Light()
	ts := textStyle(st, st.FontSize*0.95, st.Foreground)
	names := []string{"USA", "Leader", "Pezesh.", "IRGC", "Russia", "China", "Oman", "Turkey", "Israel", "E3", "Gulf", "Congress"}
	var items []labelItem
	var bubbles []vg.Rectangle
	for k, s := range names {
		at := vg.Point{X: vg.Length(200 + 18*(k%4)), Y: vg.Length(150 + 14*(k/4))}
		r := vg.Length(6 + k%3*4)
		items = append(items, labelItem{text: s, anchor: at, radius: r, size: vg.Point{X: ts.Width(s), Y: ts.Height(s)}})
		bubbles = append(bubbles, circleBox(at, r*0.8))
	}
	legend := vg.Rectangle{Min: vg.Point{X: 300, Y: 250}, Max: vg.Point{X: 450, Y: 300}}
	bounds := vg.Rectangle{Max: vg.Point{X: 450, Y: 300}}
	sp := labelSpace{bounds: bounds, bubbles: bubbles, blocked: []vg.Rectangle{legend},
		lines: [][]vg.Rectangle{segmentBoxes(vg.Point{X: 150, Y: 160}, vg.Point{X: 300, Y: 160}, 4)}}
	placed := placeLabels(items, sp)
	checkLabels(t, "crowded", image.Point{}, placed, legend, bounds)
	again := placeLabels(items, sp)
	for k := range placed {
		if placed[k] != again[k] {
			t.Fatalf("label %d placed at %v, then at %v: not deterministic", k, placed[k].box, again[k].box)
		}
	}
}

// spreadLabels never overlaps two labels, keeps their order and moves a
// label that has room not at all.
func TestSpreadLabels(t *testing.T) {
	cases := []struct {
		name string
		want []vg.Length
	}{
		{"apart", []vg.Length{10, 50, 90}},
		{"all at one place", []vg.Length{50, 50, 50, 50, 50}},
		{"two clusters", []vg.Length{20, 21, 22, 80, 81}},
		{"pinned at the top", []vg.Length{99, 99, 99, 10}},
		{"pinned at the bottom", []vg.Length{1, 1, 1, 60}},
		{"unsorted", []vg.Length{60, 10, 61, 11, 62}},
	}
	const h = 8
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := spreadLabels(c.want, h, 4, 96)
			for a := range got {
				if got[a] < 4-1e-6 || got[a] > 96+1e-6 {
					t.Errorf("label %d at %v, outside [4, 96]", a, got[a])
				}
				for b := range got {
					if a != b && math.Abs(float64(got[a]-got[b])) < h-1e-6 {
						t.Errorf("labels %d (%v) and %d (%v) overlap", a, got[a], b, got[b])
					}
					if c.want[a] < c.want[b] && got[a] > got[b] {
						t.Errorf("labels %d and %d swapped", a, b)
					}
				}
			}
			if c.name == "apart" {
				for a := range got {
					if got[a] != c.want[a] {
						t.Errorf("label %d moved from %v to %v", a, c.want[a], got[a])
					}
				}
			}
		})
	}
}

// A click on a trajectory point finds that round and actor; a click in empty
// space finds nothing.
func TestNearestPoint(t *testing.T) {
	sc, res := runMuscat(t)
	d, err := TrajectoryFromBDM(sc, res, enrichment)
	if err != nil {
		t.Fatal(err)
	}
	p, err := d.Plot(Light())
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 1200, 700
	dc := dataArea(p, w, h)
	trX, trY := p.Transforms(&dc)
	for _, want := range [][2]int{{0, 0}, {1, 3}, {len(d.Rounds) - 1, 8}} {
		r, a := want[0], want[1]
		// The point's pixel, nudged by 3 pixels as a real click would be.
		px := float64(trX(float64(r)))/0.75 + 3
		py := h - float64(trY(d.Rounds[r][a]))/0.75 - 2
		gr, ga, ok := NearestPoint(p, d.Rounds, w, h, 96, px, py)
		if !ok {
			t.Fatalf("click at (%.0f, %.0f) on round %d actor %d found nothing", px, py, r, a)
		}
		if gr != r || d.Rounds[gr][ga] != d.Rounds[r][a] {
			t.Errorf("click on round %d actor %d found round %d actor %d", r, a, gr, ga)
		}
	}
	if _, _, ok := NearestPoint(p, d.Rounds, w, h, 96, 3, 3); ok {
		t.Error("a click in the corner found a point")
	}
	// The same point at another size and DPI.
	dc2 := dataArea(p, 800, 500)
	trX2, trY2 := p.Transforms(&dc2)
	px, py := float64(trX2(2))/0.75, 500-float64(trY2(d.Rounds[2][0]))/0.75
	if r, a, ok := NearestPoint(p, d.Rounds, 800, 500, 96, px, py); !ok || r != 2 || d.Rounds[2][a] != d.Rounds[2][0] {
		t.Errorf("800×500: got round %d actor %d ok %v", r, a, ok)
	}
}

// Golden images: every chart type at 800×500 in both styles. Run with
// -regen to rewrite them; a mismatch writes the image drawn to testdata/failed/.
func TestGolden(t *testing.T) {
	sc, res := runMuscat(t)
	for _, c := range muscatChartCases(t, sc, res) {
		for _, st := range []Style{Light(), Dark()} {
			name := c.name
			if st.Name != "light" {
				name += "_" + st.Name
			}
			t.Run(name, func(t *testing.T) {
				p, err := c.build(st)
				if err != nil {
					t.Fatal(err)
				}
				got, err := PNGBytes(p, 800, 500, 96)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", "golden", name+".png")
				if *regen {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -regen to create it)", err)
				}
				ok, err := cmpimg.EqualApprox("png", got, want, 0.1)
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					failed := filepath.Join("testdata", "failed", name+".png")
					if err := os.MkdirAll(filepath.Dir(failed), 0o755); err == nil {
						_ = os.WriteFile(failed, got, 0o644)
					}
					t.Errorf("%s differs from %s; the image drawn is in %s", name, path, failed)
				}
			})
		}
	}
}

// A chart of the 12 Muscat actors builds and renders at 1200×700 (the
// slider-drag budget is 50 ms for everything; the chart must be far under).
func BenchmarkStanceMapRender(b *testing.B) {
	sc, res := runMuscat(b)
	st := Light()
	for b.Loop() {
		p, err := StanceMap(ForecastStance(sc, res, enrichment, EndBDM, st), st)
		if err != nil {
			b.Fatal(err)
		}
		_ = Image(p, 1200, 700, 96)
	}
}

// Every chart type, built and rendered at 1200×700.
func BenchmarkChartsRender(b *testing.B) {
	sc, res := runMuscat(b)
	for _, c := range muscatChartCases(b, sc, res) {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				p, err := c.build(Light())
				if err != nil {
					b.Fatal(err)
				}
				_ = Image(p, 1200, 700, 96)
			}
		})
	}
}
