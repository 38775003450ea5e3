package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"parley/model"
)

// The exchange network of Muscat's first round draws in both styles at the
// size asked, one line per pair of actors that traded, and exports like
// every other chart through BuildChart.
func TestExchangeNetwork(t *testing.T) {
	sc, res := runMuscat(t)
	rd := res.Exchange.Rounds[0]
	if len(rd.Exchanges) == 0 {
		t.Fatal("no exchanges in Muscat's first round")
	}
	pairs := map[[2]int]bool{}
	for _, x := range rd.Exchanges {
		a, b := min(x.I.Actor, x.J.Actor), max(x.I.Actor, x.J.Actor)
		pairs[[2]int{a, b}] = true
	}
	for _, st := range []Style{Light(), Dark()} {
		p, err := BuildChart(ChartSpec{Kind: model.ChartExchanges, Model: model.ModelExchange, Round: 1}, sc, res, st)
		if err != nil {
			t.Fatal(err)
		}
		edges := networkEdges(&rd)
		if len(edges) != len(pairs) {
			t.Fatalf("%s: %d edges, want %d pairs", st.Name, len(edges), len(pairs))
		}
		n := 0
		for k, e := range edges {
			n += len(e.trades)
			if k > 0 && e.gain > edges[k-1].gain {
				t.Fatalf("edges not by gain: %v before %v", edges[k-1].gain, e.gain)
			}
		}
		if n != len(rd.Exchanges) {
			t.Errorf("edges hold %d trades, the round %d", n, len(rd.Exchanges))
		}
		b, err := PNGBytes(p, 1280, 720, 96)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 1280 || cfg.Height != 720 {
			t.Fatalf("PNG %v×%v, %v", cfg.Width, cfg.Height, err)
		}
		if dir := os.Getenv("PARLEY_SHOTS"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "network-"+st.Name+".png"), b, 0o644)
		}
	}
	// A pane dragged nearly shut still draws (what fits), without a panic.
	for _, sz := range []image.Point{{40, 30}, {120, 60}, {300, 120}} {
		p, err := ExchangeNetwork(sc, res, 1, Light())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := PNGBytes(p, sz.X, sz.Y, 96); err != nil {
			t.Errorf("%v: %v", sz, err)
		}
	}
	if _, err := BuildChart(ChartSpec{Kind: model.ChartExchanges}, sc, nil, Light()); err == nil {
		t.Error("a network without a run drew")
	}
	res.Exchange, res.ExchangeErr = nil, model.Degenerate("no exchange today")
	if _, err := BuildChart(ChartSpec{Kind: model.ChartExchanges}, sc, res, Light()); model.ErrorCode(err) != model.EDEGENERATE {
		t.Errorf("no exchange result: %v", err)
	}
}

// On every round of the Muscat run, at every size the Exchanges view and the
// exports draw the network at, in both themes: no two texts (names, edge
// labels, footnote lines) overlap, no edge label covers a node, nothing
// leaves the data area, every edge label is either drawn or counted as left
// out (and the footnote says how many), and at slide size almost all fit.
func TestNetworkTextsDoNotOverlap(t *testing.T) {
	sc, res := runMuscat(t)
	// Pixels, and the type size in points the window gives a pane that size
	// (9 on a 1366×768 laptop's Exchanges view) or an export uses (11).
	sizes := []struct {
		image.Point
		pt vg.Length
	}{{image.Point{560, 240}, 9}, {image.Point{640, 400}, 9}, {image.Point{900, 420}, 10.5},
		{image.Point{1280, 720}, 11}, {image.Point{1920, 1080}, 11}, {image.Point{1920, 1080}, 15}}
	for r := 1; r <= len(res.Exchange.Rounds); r++ {
		for _, st := range []Style{Light(), Dark()} {
			for _, sz := range sizes {
				st.FontSize = sz.pt
				p, layer, err := exchangeNetwork(sc, res, r, st)
				if err != nil {
					t.Fatal(err)
				}
				dc := dataArea(p, sz.X, sz.Y)
				lay := layer.layout(dc)
				where := fmt.Sprintf("round %d, %s, %v at %vpt", r, st.Name, sz.Point, sz.pt)
				var texts []netText
				texts = append(append(append(texts, lay.names...), lay.labels...), lay.notes...)
				for a := range texts {
					if !inside(texts[a].box, dc.Rectangle) {
						t.Errorf("%s: %q leaves the chart: %v, area %v", where, texts[a].text, texts[a].box, dc.Rectangle)
					}
					for b := a + 1; b < len(texts); b++ {
						if boxesOverlap(texts[a].box, texts[b].box) {
							t.Errorf("%s: %q and %q overlap", where, texts[a].text, texts[b].text)
						}
					}
				}
				for _, lb := range lay.labels {
					for k := range lay.centres {
						if boxesOverlap(lb.box, circleBox(lay.centres[k], lay.radii[k])) {
							t.Errorf("%s: label %q covers %s's node", where, lb.text, sc.Actors[k].ShortLabel())
						}
					}
				}
				want := 2 * min(NetworkLabels, len(networkEdges(&res.Exchange.Rounds[r-1])))
				if got := len(lay.labels) + lay.hidden; got != want {
					t.Errorf("%s: %d labels drawn + %d left out, want %d", where, len(lay.labels), lay.hidden, want)
				}
				note := ""
				for _, l := range lay.notes {
					note += l.text + " "
				}
				if says := strings.Contains(note, "left out for room"); says != (lay.hidden > 0) {
					t.Errorf("%s: %d left out, footnote %q", where, lay.hidden, note)
				}
				if sz.X >= 1280 && sz.pt <= 11 && lay.hidden > want/5 {
					t.Errorf("%s: %d of %d labels left out at slide size", where, lay.hidden, want)
				}
			}
		}
	}
}

// The exchange trajectory: the inputs, then each round's voting positions,
// its mean line the voting outcome, ending on the forecast.
func TestTrajectoryFromExchange(t *testing.T) {
	sc, res := runMuscat(t)
	for i := range sc.Issues {
		d, err := TrajectoryFromExchange(sc, res, i)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Rounds) != len(res.Exchange.Rounds)+1 || d.Mean[len(d.Mean)-1] != res.Exchange.Forecast[i] {
			t.Fatalf("issue %d: %d rounds, last mean %v, forecast %v", i, len(d.Rounds), d.Mean[len(d.Mean)-1], res.Exchange.Forecast[i])
		}
		for a := range sc.Actors {
			if d.Rounds[0][a] != sc.Stance(a, i).Position {
				t.Fatalf("round 0 of %s is %v, its input %v", sc.Actors[a].Name, d.Rounds[0][a], sc.Stance(a, i).Position)
			}
		}
		var num, den float64
		for a, ac := range sc.Actors {
			w := ac.Capability * sc.Stance(a, i).Salience
			num += w * d.Rounds[len(d.Rounds)-1][a]
			den += w
		}
		if math.Abs(num/den-res.Exchange.Forecast[i]) > 1e-9 {
			t.Errorf("issue %d: the last round's positions average %v, the forecast is %v", i, num/den, res.Exchange.Forecast[i])
		}
	}
	if ends := PredictedEnds(res, 0, EndExchange); len(ends) != len(sc.Actors) {
		t.Errorf("exchange ends: %d for %d actors", len(ends), len(sc.Actors))
	}
}

func TestEdgeLabel(t *testing.T) {
	sc, res := runMuscat(t)
	x := res.Exchange.Rounds[0].Exchanges[0]
	want := sc.Issues[x.I.Supply].Key + " / " + sc.Issues[x.J.Supply].Key
	if got := EdgeLabel(sc, res.Exchange.Rounds[0].Exchanges[:1]); got != want {
		t.Errorf("label %q, want %q", got, want)
	}
	ga, gb := EdgeGives(sc, x.J.Actor, res.Exchange.Rounds[0].Exchanges[:1])
	if ga != sc.Issues[x.J.Supply].Key || gb != sc.Issues[x.I.Supply].Key {
		t.Errorf("%s gives %q, its partner %q; want %q and %q", sc.Actors[x.J.Actor].Name, ga, gb, sc.Issues[x.J.Supply].Key, sc.Issues[x.I.Supply].Key)
	}
}

// An exported exchange chart is stamped with the exchange model, not BDM.
func TestExchangeFooter(t *testing.T) {
	sc, res := runMuscat(t)
	for _, spec := range []ChartSpec{{Kind: model.ChartExchanges, Round: 2}, {Kind: model.ChartTrajectory, Model: model.ModelExchange}} {
		s := FooterFor(sc, res, spec, "2026-12-02").String()
		if !strings.Contains(s, "Exchange model, Stokman & Van Oosten's equal-gain solution (variant B, 10 rounds") || strings.Contains(s, "BDM") {
			t.Errorf("%s footer: %s", spec.Kind, s)
		}
	}
}
