package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/bloc"
)

// shareGroup is one row of a share chart: a named group of actors.
type shareGroup struct {
	caption string // tick label, may span lines
	members []int
	note    string // printed after the bar, before the share
}

// issueWeights returns every actor's effective power c·s on issue i and
// their sum, or an error when nobody has any.
func issueWeights(sc *model.Scenario, i int) ([]float64, float64, error) {
	if sc == nil || len(sc.Actors) == 0 {
		return nil, 0, model.Degenerate("no actors to draw")
	}
	if i < 0 || i >= len(sc.Issues) {
		return nil, 0, model.Errorf(model.EINTERNAL, "no issue %d in scenario %q", i+1, sc.Name)
	}
	col := sc.Column(i)
	w := make([]float64, len(sc.Actors))
	var total float64
	for a := range w {
		w[a] = col.Capability[a] * col.Salience[a]
		if !finite(w[a]) || w[a] < 0 {
			return nil, 0, model.Degenerate("%s's effective power on %q is not a number ≥ 0", sc.Actors[a].Name, sc.Issues[i].Name)
		}
		total += w[a]
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil, 0, model.Degenerate("no actor has effective power (capability × salience) on %q", sc.Issues[i].Name)
	}
	return w, total, nil
}

// shareChart draws one horizontal bar per group, top to bottom, each as long
// as the group's share of all effective power and stacked by member in the
// actors' colours, with a line at the share a winning coalition needs.
func shareChart(sc *model.Scenario, w []float64, total float64, groups []shareGroup, title, rows string, st Style) *plot.Plot {
	p := newPlot(st, title)
	setAxisLabels(p, st, "Share of effective power (capability × salience)", rows)
	p.X.Min, p.X.Max = 0, 1
	p.X.Tick.Marker = percentTicks{}
	k := len(groups)
	p.Y.Min, p.Y.Max = -0.6, float64(k)-0.4
	labels := make([]string, k)
	layer := &barLayer{horizontal: true, st: st}
	for g, gr := range groups {
		y := float64(k - 1 - g)
		labels[k-1-g] = gr.caption
		ms := append([]int(nil), gr.members...)
		sort.SliceStable(ms, func(x, y int) bool { return w[ms[x]] > w[ms[y]] })
		b := bar{cat: y, thick: 0.62}
		var s float64
		for _, a := range ms {
			b.segs = append(b.segs, barSeg{lo: s, hi: s + w[a]/total, fill: ActorColor(sc.Actors[a].Color, a), edge: st.Background, label: sc.Actors[a].ShortLabel()})
			s += w[a] / total
		}
		if len(b.segs) == 0 {
			b.segs = []barSeg{{lo: 0, hi: 0}}
		}
		b.note = percent(s)
		if gr.note != "" {
			b.note = gr.note + " " + b.note
		}
		layer.bars = append(layer.bars, b)
	}
	p.Y.Tick.Marker = categoryTicks(labels)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	quota, name := 0.5, "Majority (50%)"
	if q := sc.Settings.Quota; q > 0 && q <= 1 {
		quota, name = q, fmt.Sprintf("Quota (%s%%)", formatValue(q*100))
	}
	qs := draw.LineStyle{Color: st.Foreground, Width: st.scaled(1.4), Dashes: st.dashes(6, 3)}
	p.Add(gridLines(st, true, false), &vline{x: quota, y0: p.Y.Min, y1: p.Y.Max, style: qs}, layer)
	leg := newHeaderLegend(st)
	leg.add(name+" a winning coalition needs", lineThumb(qs))
	p.Add(leg)
	return p
}

// memberList is the members' chart labels, wrapped for a tick label.
func memberList(sc *model.Scenario, members []int) string {
	if len(members) == 0 {
		return "(nobody)"
	}
	names := make([]string, len(members))
	for k, a := range members {
		names[k] = sc.Actors[a].ShortLabel()
	}
	return Wrap(strings.Join(names, ", "), 26)
}

// Coalitions draws the blocs on issue i as horizontal bars of their share of
// effective power, in the blocs' order along the scale (top = lowest centre),
// each stacked by member in the actors' colours and labelled with the bloc's
// centre and its members' labels; a dashed line marks the share a winning
// coalition needs (the scenario's quota, else a majority).
func Coalitions(sc *model.Scenario, blocs []bloc.Bloc, i int, st Style) (*plot.Plot, error) {
	w, total, err := issueWeights(sc, i)
	if err != nil {
		return nil, err
	}
	if len(blocs) == 0 {
		return nil, model.Degenerate("no blocs on %q to draw", sc.Issues[i].Name)
	}
	seen := make([]bool, len(sc.Actors))
	groups := make([]shareGroup, len(blocs))
	for b, bl := range blocs {
		if len(bl.Members) == 0 {
			return nil, model.Errorf(model.EINTERNAL, "bloc %d has no members", b+1)
		}
		for _, a := range bl.Members {
			if a < 0 || a >= len(sc.Actors) || seen[a] {
				return nil, model.Errorf(model.EINTERNAL, "bloc %d names actor %d twice or out of range", b+1, a+1)
			}
			seen[a] = true
		}
		centre := "?"
		if len(bl.Centre) > 0 && finite(bl.Centre[0]) {
			centre = formatValue(sc.Issues[i].Shown(bl.Centre[0]))
		}
		groups[b] = shareGroup{caption: "Centre " + centre + "\n" + memberList(sc, bl.Members), members: bl.Members}
	}
	return shareChart(sc, w, total, groups, sc.Issues[i].Name+": blocs by share of effective power", "Bloc: centre and members", st), nil
}

// Support draws how the actors divide over a proposal against the status
// quo on issue i, given their positions (one per actor): those closer to the
// proposal support it, those closer to the status quo oppose it, the rest
// are indifferent. Each side is a bar of its share of effective power,
// stacked by actor, with its weighted total (bloc.Supporters).
func Support(sc *model.Scenario, i int, positions []float64, proposal, statusQuo float64, st Style) (*plot.Plot, error) {
	w, total, err := issueWeights(sc, i)
	if err != nil {
		return nil, err
	}
	if len(positions) != len(sc.Actors) {
		return nil, model.Errorf(model.EINTERNAL, "%d positions for %d actors", len(positions), len(sc.Actors))
	}
	if !finite(proposal) || !finite(statusQuo) {
		return nil, model.Degenerate("the proposal or the status quo is not a number")
	}
	if proposal == statusQuo {
		return nil, model.Degenerate("the proposal (%s) is the status quo: nobody can support or oppose it", formatValue(sc.Issues[i].Shown(proposal)))
	}
	s, err := bloc.Supporters(positions, w, proposal, statusQuo)
	if err != nil {
		return nil, err
	}
	groups := []shareGroup{
		{caption: "Support\n" + memberList(sc, s.Support), members: s.Support, note: "weight " + formatWeight(s.SupportWeight) + " ·"},
	}
	if len(s.Indifferent) > 0 {
		groups = append(groups, shareGroup{caption: "Indifferent\n" + memberList(sc, s.Indifferent), members: s.Indifferent, note: "weight " + formatWeight(s.IndifferentWeight) + " ·"})
	}
	groups = append(groups, shareGroup{caption: "Oppose\n" + memberList(sc, s.Oppose), members: s.Oppose, note: "weight " + formatWeight(s.OpposeWeight) + " ·"})
	is := &sc.Issues[i]
	title := fmt.Sprintf("%s: proposal %s against status quo %s", is.Name, formatValue(is.Shown(proposal)), formatValue(is.Shown(statusQuo)))
	return shareChart(sc, w, total, groups, title, "Actors closer to the proposal or to the status quo", st), nil
}

// formatWeight prints an effective power without decimals, thousands apart.
func formatWeight(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	var out []byte
	for k := range s {
		if k > 0 && (len(s)-k)%3 == 0 && s[k-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[k])
	}
	return string(out)
}
