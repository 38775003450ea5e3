package chart

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/power"
)

// PowerBars draws each actor's voting power on issue i as a pair of
// horizontal bars in the actor's colour: Shapley–Shubik solid, Banzhaf
// (normalised) hatched, most powerful on top, each labelled with its value.
// When the indices were sampled (!pr.Exact) each bar carries a 95 %
// error bar (±1.96 standard errors).
func PowerBars(sc *model.Scenario, pr *power.Result, i int, st Style) (*plot.Plot, error) {
	if sc == nil || len(sc.Actors) == 0 {
		return nil, model.Degenerate("no actors to draw")
	}
	if i < 0 || i >= len(sc.Issues) {
		return nil, model.Errorf(model.EINTERNAL, "no issue %d in scenario %q", i+1, sc.Name)
	}
	if pr == nil {
		return nil, model.Degenerate("no power indices on %q", sc.Issues[i].Name)
	}
	n := len(sc.Actors)
	if len(pr.ShapleyShubik) != n || len(pr.Banzhaf) != n {
		return nil, model.Errorf(model.EINTERNAL, "power indices for %d actors, the scenario has %d", len(pr.ShapleyShubik), n)
	}
	if !pr.Exact && (len(pr.StdErrShapleyShubik) != n || len(pr.StdErrBanzhaf) != n) {
		return nil, model.Errorf(model.EINTERNAL, "sampled power indices without standard errors")
	}
	var total float64
	for a := 0; a < n; a++ {
		for _, v := range []float64{pr.ShapleyShubik[a], pr.Banzhaf[a]} {
			if !finite(v) || v < 0 {
				return nil, model.Degenerate("%s's voting power is not a number ≥ 0", sc.Actors[a].Name)
			}
			total += v
		}
	}
	if !(total > 0) {
		return nil, model.Degenerate("nobody has voting power on %q", sc.Issues[i].Name)
	}
	order := make([]int, n)
	for a := range order {
		order[a] = a
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := order[x], order[y]
		if pr.ShapleyShubik[a] != pr.ShapleyShubik[b] {
			return pr.ShapleyShubik[a] > pr.ShapleyShubik[b]
		}
		return pr.Banzhaf[a] > pr.Banzhaf[b]
	})

	p := newPlot(st, fmt.Sprintf("%s: voting power (%s)", sc.Issues[i].Name, quotaText(pr)))
	setAxisLabels(p, st, "Share of voting power", "Actor")
	p.X.Min, p.X.Max = 0, 0
	p.X.Tick.Marker = percentTicks{}
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	labels := make([]string, n)
	layer := &barLayer{horizontal: true, st: st}
	const thick = 0.42
	for k, a := range order {
		y := float64(n - 1 - k)
		labels[n-1-k] = sc.Actors[a].ShortLabel()
		col := ActorColor(sc.Actors[a].Color, a)
		ss := bar{cat: y + thick/2, thick: thick, segs: []barSeg{{lo: 0, hi: pr.ShapleyShubik[a], fill: col}}, note: percent(pr.ShapleyShubik[a])}
		bz := bar{cat: y - thick/2, thick: thick, segs: []barSeg{{lo: 0, hi: pr.Banzhaf[a], fill: withAlpha(col, 0x55), hatch: col, edge: col}}, note: percent(pr.Banzhaf[a])}
		if !pr.Exact {
			ss.hasErr, ss.errLo, ss.errHi = true, math.Max(0, pr.ShapleyShubik[a]-1.96*pr.StdErrShapleyShubik[a]), pr.ShapleyShubik[a]+1.96*pr.StdErrShapleyShubik[a]
			bz.hasErr, bz.errLo, bz.errHi = true, math.Max(0, pr.Banzhaf[a]-1.96*pr.StdErrBanzhaf[a]), pr.Banzhaf[a]+1.96*pr.StdErrBanzhaf[a]
		}
		layer.bars = append(layer.bars, ss, bz)
	}
	p.Y.Tick.Marker = categoryTicks(labels)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Add(gridLines(st, true, false), layer)
	leg := newHeaderLegend(st)
	leg.add("Shapley–Shubik", swatchThumb{fill: st.Muted, st: st})
	leg.add("Banzhaf (normalised)", swatchThumb{fill: withAlpha(st.Muted, 0x55), hatch: st.Muted, edge: st.Muted, st: st})
	if !pr.Exact {
		leg.add(fmt.Sprintf("95%% range (%d samples)", pr.Samples), lineThumb(draw.LineStyle{Color: st.Foreground, Width: st.scaled(1.1)}))
	}
	p.Add(leg)
	return p, nil
}

// quotaText says what a coalition needs to win.
func quotaText(pr *power.Result) string {
	if pr.Strict {
		return "winning needs a majority of the weight"
	}
	return "winning needs a weight of " + formatWeight(pr.Quota)
}

// percent prints a share as a percentage with at most one decimal.
func percent(x float64) string {
	v := math.Round(x*1000) / 10
	if v == 0 {
		v = 0 // no "-0%"
	}
	return formatValue(v) + "%"
}
