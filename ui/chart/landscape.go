package chart

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/bloc"
	"parley/model/forecast"
)

// RoundPositions returns every actor's position on issue i round by round
// (BDM) or turn by turn (SMP): out[r][a], round 0 the input. It is nil when
// the model has no result.
func RoundPositions(res *forecast.Result, i int, m EndModel) [][]float64 {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	var out [][]float64
	switch m {
	case EndBDM:
		if r := res.Issues[i].BDM; r != nil {
			for _, rd := range r.Rounds {
				out = append(out, rd.Positions)
			}
		}
	case EndSMP:
		if res.SMP != nil {
			for _, t := range res.SMP.Turns {
				pos := make([]float64, len(t.Positions))
				for a, p := range t.Positions {
					pos[a] = p[i]
				}
				out = append(out, pos)
			}
		}
	case EndExchange:
		if x := res.Exchange; x != nil && len(x.Rounds) > 0 && x.Rounds[0].VotingPositions != nil {
			col := func(pos [][]float64) []float64 {
				out := make([]float64, len(pos))
				for a, p := range pos {
					out[a] = p[i]
				}
				return out
			}
			out = append(out, col(x.Rounds[0].PreferencePositions))
			for _, rd := range x.Rounds {
				out = append(out, col(rd.VotingPositions))
			}
		}
	}
	return out
}

// Landscape draws the effective power landscape of issue i in one round, as
// KTAB does: a bar per position bin (binWidth points wide, 0 = 5) as tall as
// the Σ capability × salience of the actors standing in it, stacked by actor
// in the actors' colours, each bar's share of all the power above it. The
// value axis is the same for every round, so stepping through the rounds
// shows the power gathering. positionsByRound[r][a] is actor a's position in
// round r (RoundPositions gives them).
func Landscape(sc *model.Scenario, i int, positionsByRound [][]float64, round int, binWidth float64, st Style) (*plot.Plot, error) {
	if sc == nil || len(sc.Actors) == 0 {
		return nil, model.Degenerate("no actors to draw")
	}
	if i < 0 || i >= len(sc.Issues) {
		return nil, model.Errorf(model.EINTERNAL, "no issue %d in scenario %q", i+1, sc.Name)
	}
	if len(positionsByRound) == 0 {
		return nil, model.Degenerate("no rounds to draw the power landscape of %q from", sc.Issues[i].Name)
	}
	if round < 0 || round >= len(positionsByRound) {
		return nil, model.Invalid("round", "0 to last round", "round %d is not between 0 and %d", round, len(positionsByRound)-1)
	}
	col := sc.Column(i)
	w := make([]float64, len(sc.Actors))
	var total float64
	for a := range w {
		w[a] = col.Capability[a] * col.Salience[a]
		total += w[a]
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil, model.Degenerate("no actor has effective power (capability × salience) on %q", sc.Issues[i].Name)
	}
	ls, err := bloc.PowerLandscape(positionsByRound, w, bloc.LandscapeOptions{BinWidth: binWidth})
	if err != nil {
		return nil, err
	}
	var top float64
	for _, ws := range ls.Weight {
		for _, x := range ws {
			top = math.Max(top, x)
		}
	}
	is := sc.Issues[i]
	p := newPlot(st, fmt.Sprintf("%s: effective power by position, round %d", is.Name, round))
	setAxisLabels(p, st, positionCaption(&is), "Effective power (capability × salience)")
	p.X.Min, p.X.Max = ls.Edges[0], ls.Edges[len(ls.Edges)-1]
	p.Y.Min, p.Y.Max = 0, top*1.04
	if p.X.Min >= 0 && p.X.Max <= 100 {
		p.X.Min, p.X.Max = 0, 100
		p.X.Tick.Marker = storedTicks(anchorTicks(is), &is)
	} else {
		p.X.Tick.Marker = niceTicks{}
	}
	p.Y.Tick.Marker = niceTicks{}
	p.Add(gridLines(st, false, true))

	width := ls.Edges[1] - ls.Edges[0]
	members := make([][]int, len(ls.Edges)-1)
	for a, b := range ls.Bin[round] {
		if w[a] > 0 {
			members[b] = append(members[b], a)
		}
	}
	layer := &barLayer{st: st, outside: true}
	for b, ms := range members {
		if len(ms) == 0 {
			continue
		}
		// The heaviest actor at the bottom of the stack.
		sort.SliceStable(ms, func(x, y int) bool { return w[ms[x]] > w[ms[y]] })
		br := bar{cat: (ls.Edges[b] + ls.Edges[b+1]) / 2, thick: width * 0.9}
		var h float64
		for _, a := range ms {
			br.segs = append(br.segs, barSeg{lo: h, hi: h + w[a], fill: ActorColor(sc.Actors[a].Color, a), edge: st.Background, label: sc.Actors[a].ShortLabel()})
			h += w[a]
		}
		br.note = fmt.Sprintf("%.0f%%", 100*h/total)
		layer.bars = append(layer.bars, br)
	}
	p.Add(layer)

	leg := newHeaderLegend(st)
	sq := statusQuoMarker(st, is.StatusQuo, &is)
	sqs := draw.LineStyle{Color: sq.Color, Width: sq.Width, Dashes: sq.Dashes}
	p.Add(&vline{x: is.StatusQuo, y0: 0, y1: p.Y.Max, style: sqs})
	leg.add(sq.Name, lineThumb(sqs))
	if med, _, err := model.WeightedMedian(positionsByRound[round], w); err == nil {
		col, dash, width := modelLook(st, "Weighted median")
		ls := draw.LineStyle{Color: col, Width: width, Dashes: dash}
		p.Add(&vline{x: med, y0: 0, y1: p.Y.Max, style: ls})
		leg.add("Weighted median "+formatValue(is.Shown(med)), lineThumb(ls))
	}
	leg.add("% above a bar: its share of all effective power")
	p.Add(leg)
	return p, nil
}

// storedTicks are t's ticks (on the issue's own scale) placed on an axis
// that runs on Parley's 0-100, labels unchanged.
func storedTicks(t plot.Ticker, is *model.Issue) plot.Ticker {
	ticks := t.Ticks(0, 0)
	for k := range ticks {
		ticks[k].Value = is.Stored(ticks[k].Value)
	}
	return plot.ConstantTicks(ticks)
}
