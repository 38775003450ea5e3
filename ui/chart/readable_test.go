package chart

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"parley/model"
)

// The sizes the window and exports draw a stance map at (pixels).
var mapSizes = []image.Point{{640, 400}, {800, 500}, {1000, 600}, {1366, 768}, {1920, 1080}}

// bubbleBoxes are the drawn bubbles' boxes (centre ± radius) on a data area.
func bubbleBoxes(lay bubbleLayout) []vg.Rectangle {
	out := make([]vg.Rectangle, len(lay.centres))
	for i := range out {
		out[i] = circleBox(lay.centres[i], lay.radii[i])
	}
	return out
}

func inside(r, area vg.Rectangle) bool {
	const eps = 0.01
	return r.Min.X >= area.Min.X-eps && r.Max.X <= area.Max.X+eps && r.Min.Y >= area.Min.Y-eps && r.Max.Y <= area.Max.Y+eps
}

// On the Muscat scope map the Supreme Leader and the IRGC stand on the same
// spot (0; salience 90 and 95): their bubbles are drawn apart, each with a
// leader line back to its true spot, and no two bubbles' boxes overlap at
// any size, with or without arrows; the labels never overlap either.
func TestScopeBubblesDoNotOverlap(t *testing.T) {
	sc, res := runMuscat(t)
	scope := sc.IssueIndex("scope")
	leader, irgc := actorIndex(t, sc, "Supreme Leader"), actorIndex(t, sc, "Iranian hardliners (IRGC)")
	for _, end := range []EndModel{NoArrows, EndBDM} {
		for _, sz := range mapSizes {
			st := Light()
			p, layer, err := stanceMap(ForecastStance(sc, res, scope, end, st), st)
			if err != nil {
				t.Fatal(err)
			}
			dc := dataArea(p, sz.X, sz.Y)
			lay := layer.layout(dc, p)
			trX, trY := p.Transforms(&dc)
			for a, b := range layer.bubbles {
				want := vg.Point{X: trX(b.X), Y: trY(b.Y)}
				if lay.true[a] != want {
					t.Fatalf("%v: actor %d's true spot %v, the plot's transform puts it at %v", sz, a, lay.true[a], want)
				}
			}
			boxes := bubbleBoxes(lay)
			for a := range boxes {
				for b := a + 1; b < len(boxes); b++ {
					if boxesOverlap(boxes[a], boxes[b]) {
						t.Errorf("%v, arrows %v: bubbles of %s %v and %s %v overlap", sz, end, sc.Actors[a].Name, boxes[a], sc.Actors[b].Name, boxes[b])
					}
				}
			}
			if !lay.moved(leader) && !lay.moved(irgc) {
				t.Errorf("%v: neither the Leader nor the IRGC was moved off their shared spot", sz)
			}
			checkLabels(t, "scope", sz, lay.placed, lay.legend, dc.Rectangle)
		}
	}
}

func actorIndex(t *testing.T, sc *model.Scenario, name string) int {
	t.Helper()
	for a := range sc.Actors {
		if sc.Actors[a].Name == name {
			return a
		}
	}
	t.Fatalf("no actor %q", name)
	return -1
}

// Actors at both ends of the scale and of salience, arrows running to the
// other end: every bubble, every arrowhead and every label is drawn whole
// inside the data area, on every Muscat issue too.
func TestNothingOutsideDataArea(t *testing.T) {
	sc := &model.Scenario{Name: "ends", Issues: []model.Issue{{Key: "x", Name: "Ends", StatusQuo: 0,
		Anchors: []model.Anchor{{At: 0, Label: "Nothing at all"}, {At: 100, Label: "Everything anyone ever asked for"}}}}}
	corners := [][3]float64{{0, 0, 100}, {100, 100, 0}, {0, 100, 100}, {100, 0, 0}, {50, 100, 100}}
	var ends []float64
	for k, c := range corners {
		sc.Actors = append(sc.Actors, model.Actor{Name: string(rune('A' + k)), Capability: 100,
			Stances: map[string]model.Stance{"x": {Position: c[0], Salience: c[1]}}})
		ends = append(ends, c[2])
	}
	muscat, res := runMuscat(t)
	type mapCase struct {
		what string
		in   StanceInput
	}
	cases := []mapCase{{"ends", StanceFromScenario(sc, 0, ends)}}
	for i := range muscat.Issues {
		cases = append(cases, mapCase{muscat.Issues[i].Key, ForecastStance(muscat, res, i, EndBDM, Light())})
	}
	for _, c := range cases {
		for _, sz := range mapSizes {
			st := Light()
			p, layer, err := stanceMap(c.in, st)
			if err != nil {
				t.Fatal(err)
			}
			dc := dataArea(p, sz.X, sz.Y)
			lay := layer.layout(dc, p)
			trX, trY := p.Transforms(&dc)
			for a, box := range bubbleBoxes(lay) {
				if !inside(box, dc.Rectangle) {
					t.Errorf("%s at %v: bubble %d %v is cut by the data area %v", c.what, sz, a, box, dc.Rectangle)
				}
				if b := layer.bubbles[a]; b.HasEnd {
					_, to := lay.arrow(a, b, trX, trY)
					head := grow(vg.Rectangle{Min: to, Max: to}, st.scaled(7)*0.5)
					if !inside(head, dc.Rectangle) {
						t.Errorf("%s at %v: arrowhead of bubble %d at %v is cut by the data area %v", c.what, sz, a, to, dc.Rectangle)
					}
				}
			}
			checkLabels(t, c.what, sz, lay.placed, lay.legend, dc.Rectangle)
		}
	}
}

// tickText is every tick label of a ticker, the lines joined by spaces.
func tickText(tk plot.Ticker, lo, hi float64) []string {
	var out []string
	for _, tick := range tk.Ticks(lo, hi) {
		if tick.Label != "" {
			out = append(out, strings.Join(strings.Fields(tick.Label), " "))
		}
	}
	return out
}

// Every anchor of every Muscat issue is labelled under its tick, whole
// (wrapped, never cut), scope's "Nuclear + ballistic missiles" at 35 among them.
func TestEveryAnchorLabelled(t *testing.T) {
	sc, res := runMuscat(t)
	for i, is := range sc.Issues {
		p, err := StanceMap(ForecastStance(sc, res, i, EndBDM, Light()), Light())
		if err != nil {
			t.Fatal(err)
		}
		labels := tickText(p.X.Tick.Marker, p.X.Min, p.X.Max)
		for _, a := range is.Anchors {
			want := formatValue(a.At) + " " + strings.Join(strings.Fields(a.Label), " ")
			found := false
			for _, l := range labels {
				found = found || l == want
			}
			if !found {
				t.Errorf("%s: anchor %q has no tick label; labels %q", is.Key, want, labels)
			}
		}
	}
	scope := sc.Issues[sc.IssueIndex("scope")]
	if got := tickText(anchorTicks(scope), 0, 100); !containsString(got, "35 Nuclear + ballistic missiles") {
		t.Errorf("scope's 35 is not labelled: %q", got)
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// After a Monte Carlo run with a band for every model, the stance map
// shades only the selected model's band (BDM, then SMP), the legend names
// that one band, and a note ("preliminary (40 draws)") follows it.
func TestOneBandAfterSweep(t *testing.T) {
	sc, res := runMuscat(t)
	bands := Bands{"BDM": {24, 41}, "SMP": {40, 60}, "Weighted median": {30, 45}, "Weighted mean": {35, 42}, "Nash": {20, 30}}
	for _, id := range []model.ModelID{model.ModelBDM, model.ModelSMP} {
		spec := ChartSpec{Kind: model.ChartStance, Issue: sc.Issues[enrichment].Key, Model: id}
		in, err := stanceChartInput(spec, sc, res, enrichment, bands, "preliminary (40 draws)", Light())
		if err != nil {
			t.Fatal(err)
		}
		var shaded []string
		for _, m := range in.Markers {
			if m.Band {
				shaded = append(shaded, m.Model)
			}
		}
		if len(shaded) != 1 || shaded[0] != id.Short() {
			t.Errorf("%s selected: bands shaded for %q, want only %s's", id, shaded, id.Short())
		}
		_, layer, err := stanceMap(in, Light())
		if err != nil {
			t.Fatal(err)
		}
		var named []string
		for _, e := range layer.legend.entries {
			if strings.Contains(e.text, "P10-P90") {
				named = append(named, e.text)
			}
		}
		if len(named) != 1 || !strings.HasPrefix(named[0], id.Short()+" ") || !strings.HasSuffix(named[0], ", preliminary (40 draws)") {
			t.Errorf("%s selected: legend bands %q", id, named)
		}
	}
}

// The two-issue map draws each actor where the model leaves it (where the
// blocs are found), names each bloc by its members, and marks each model's
// forecast point with a legend entry of its own.
func TestStance2DBlocsAtEnds(t *testing.T) {
	sc, res := runMuscat(t)
	ends := Ends2D(res, enrichment, sanctions, EndBDM)
	blocs, err := Blocs2D(sc, enrichment, sanctions, ends, 12)
	if err != nil {
		t.Fatal(err)
	}
	p, layer, err := stanceMap2D(sc, res, enrichment, sanctions, ends, blocs, Light())
	if err != nil {
		t.Fatal(err)
	}
	dc := dataArea(p, 1000, 600)
	lay := layer.layout(dc, p)
	trX, trY := p.Transforms(&dc)
	for a := range sc.Actors {
		want := vg.Point{X: trX(ends[a][0]), Y: trY(ends[a][1])}
		if d := math.Hypot(float64(lay.true[a].X-want.X), float64(lay.true[a].Y-want.Y)); d > 0.01 {
			t.Errorf("%s drawn at %v, its end is at %v", sc.Actors[a].Name, lay.true[a], want)
		}
	}
	texts := map[string]bool{}
	for _, e := range layer.legend.entries {
		texts[e.text] = true
	}
	multi := 0
	for _, bl := range blocs {
		if len(bl.Members) < 2 {
			continue
		}
		multi++
		var names []string
		for _, a := range bl.Members {
			names = append(names, chartLabel(&sc.Actors[a]))
		}
		if want := Wrap(strings.Join(names, " + "), 44); !texts[want] {
			t.Errorf("no legend entry %q naming the bloc by its members: %v", want, texts)
		}
	}
	if multi == 0 {
		t.Fatal("no bloc of two or more at the BDM's ends: nothing tested")
	}
	for text := range texts {
		if strings.Contains(text, " at (") {
			t.Errorf("a bloc named by coordinates: %q", text)
		}
	}
	for _, v := range res.Forecasts(enrichment) {
		found := false
		for text := range texts {
			found = found || strings.HasPrefix(text, v.Model+" forecast (")
		}
		if !found {
			t.Errorf("no forecast point for %s in the legend %v", v.Model, texts)
		}
	}
}

// The emissions case on its own scale (years 4-10): the axis ends are 4
// and 10, actors stored at 0 and 100 are drawn at 4 and 10, the status quo
// and the forecasts are named in years, and a line at stored 50 is drawn at 7.
func TestOwnScaleAxis(t *testing.T) {
	em := emissionsOnOwnScale(t)
	res := runScenario(t, em)
	in := ForecastStance(em, res, 0, EndBDM, Light())
	mark := color.RGBA{0xff, 0, 0, 0xff}
	in.Markers = append(in.Markers, Marker{Name: "Test line", Value: 50, Color: mark, Width: 3})
	p, layer, err := stanceMap(in, Light())
	if err != nil {
		t.Fatal(err)
	}
	if !(p.X.Min < 4 && p.X.Min > 3.5 && p.X.Max > 10 && p.X.Max < 10.5) {
		t.Errorf("axis runs %g-%g, want 4-10 with a little padding", p.X.Min, p.X.Max)
	}
	var numbers []string
	for _, l := range tickText(p.X.Tick.Marker, p.X.Min, p.X.Max) {
		numbers = append(numbers, strings.Fields(l)[0])
	}
	if len(numbers) == 0 || numbers[0] != "4" || numbers[len(numbers)-1] != "10" {
		t.Errorf("axis numbers %q, want 4 ... 10", numbers)
	}
	if !strings.Contains(p.X.Label.Text, "4-10 years") {
		t.Errorf("axis caption %q does not give the scale", p.X.Label.Text)
	}
	for a, b := range layer.bubbles {
		if want := em.Issues[0].Shown(em.Actors[a].Stances["emissions"].Position); math.Abs(b.X-want) > 1e-9 {
			t.Errorf("%s drawn at %g, want %g", em.Actors[a].Name, b.X, want)
		}
	}
	var names []string
	for _, e := range layer.legend.entries {
		names = append(names, e.text)
	}
	if !containsString(names, "Status quo 4") {
		t.Errorf("legend %q has no \"Status quo 4\"", names)
	}
	bdm := res.Issues[0].BDM.Forecast
	if want := "BDM " + formatValue(em.Issues[0].Shown(bdm)); !hasPrefixIn(names, want) {
		t.Errorf("legend %q does not name the BDM forecast %q", names, want)
	}
	// The test line: find its red pixels across the middle of the data area.
	const w, h = 1000, 600
	img := Image(p, w, h, 96)
	dc := dataArea(p, w, h)
	trX, trY := p.Transforms(&dc)
	wantPx := float64(trX(7)) * 96 / 72
	row := h - int(float64(trY(50))*96/72)
	var xs []int
	for x := 0; x < w; x++ {
		r, g, b, _ := img.At(x, row).RGBA()
		if r > 0xe000 && g < 0x3000 && b < 0x3000 {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		t.Fatalf("no red line in row %d", row)
	}
	mid := float64(xs[0]+xs[len(xs)-1]) / 2
	if math.Abs(mid-wantPx) > 2 {
		t.Errorf("line at stored 50 drawn at pixel %g, 7 years is at %g", mid, wantPx)
	}
	if xp := float64(trX(4)) * 96 / 72; math.Abs(mid-xp) < 50 {
		t.Errorf("line drawn near 4 (%g): the axis is not on the issue's scale", xp)
	}
}

func hasPrefixIn(ss []string, p string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// Actors without a label keep their full name on a chart when it is short
// ("Netherlands"), not the name cut to eight characters.
func TestFullNamesWhereShort(t *testing.T) {
	em := emissionsOnOwnScale(t)
	in := StanceFromScenario(em, 0, nil)
	if in.Bubbles[0].Label != "Netherlands" {
		t.Errorf("label %q, want the full name Netherlands", in.Bubbles[0].Label)
	}
	long := model.Actor{Name: "US Congress and domestic opinion"}
	if got := chartLabel(&long); got != long.ShortLabel() {
		t.Errorf("a long name is printed %q, want its short label %q", got, long.ShortLabel())
	}
}

// A Monte Carlo histogram of the emissions case reads in years: bins and
// percentiles stored on 0-100 are drawn on the 4-10 axis.
func TestHistogramOnOwnScale(t *testing.T) {
	em := emissionsOnOwnScale(t)
	p, err := HistogramOn("h", []float64{0, 25, 50, 75, 100}, []float64{1, 2, 3, 1}, 25, 50, 75, &em.Issues[0], Light())
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != 4 || p.X.Max != 10 {
		t.Errorf("histogram axis %g-%g, want 4-10", p.X.Min, p.X.Max)
	}
	if !strings.Contains(p.X.Label.Text, "4-10 years") {
		t.Errorf("histogram caption %q", p.X.Label.Text)
	}
}
