package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/bdm"
	"parley/model/forecast"
)

// QuadPoint is one ordered pair of a BDM round as the first actor sees it:
// X = eij, what actor I expects to gain by challenging J; Y = eji, what I
// believes J gains by challenging it. KTAB's quad map plots these.
type QuadPoint struct {
	I, J  int
	X, Y  float64
	Moved bool   // I took J's offer in this round
	Kind  string // the move's kind when Moved
}

// QuadData is one round's quad map on one issue.
type QuadData struct {
	Issue  string
	Round  int // 1-based: the round whose offers the points are
	Points []QuadPoint
	Names  []string
	Colors []string
}

// QuadFromBDM computes the quad map of round r (1 = the first round; 0 or
// past the end = the last round played) of BDM on issue i: every pair of
// actors at different positions that may bargain (no-bargaining pairs are
// left out), from the state before the round, with the scenario's options.
func QuadFromBDM(sc *model.Scenario, res *forecast.Result, i, r int) (QuadData, error) {
	if res == nil || i < 0 || i >= len(res.Issues) || i >= len(sc.Issues) {
		return QuadData{}, model.Errorf(model.EINVALID, "the quad map needs a forecast run")
	}
	b := res.Issues[i].BDM
	if b == nil {
		return QuadData{}, model.Degenerate("BDM has no answer on %q: %s", sc.Issues[i].Name, model.ErrorMessage(res.Issues[i].BDMErr))
	}
	last := len(b.Rounds) - 1
	if last < 1 {
		return QuadData{}, model.Degenerate("BDM played no round on %q", sc.Issues[i].Name)
	}
	if r <= 0 || r > last {
		r = last
	}
	opt := forecast.FromSettings(sc.Settings).BDM
	opt.NoBargain = sc.NoBargainIndices()
	col := sc.Column(i)
	it, err := bdm.RoundIntermediates(bdm.Input(col), opt, b.Rounds[r-1].Positions)
	if err != nil {
		return QuadData{}, err
	}
	d := QuadData{Issue: sc.Issues[i].Name, Round: r}
	for _, a := range sc.Actors {
		d.Colors = append(d.Colors, a.Color)
		d.Names = append(d.Names, a.ShortLabel())
	}
	moved := map[[2]int]string{}
	for _, m := range b.Moves {
		if m.Round == r {
			moved[[2]int{m.Mover, m.Counterpart}] = string(m.Kind)
		}
	}
	x := it.Positions
	for a := range x {
		for c := range x {
			if a == c || math.Abs(x[a]-x[c]) <= 1e-9*it.Range {
				continue
			}
			if _, blocked := sc.NoBargainBetween(a, c); blocked {
				continue
			}
			k, ok := moved[[2]int{a, c}]
			d.Points = append(d.Points, QuadPoint{I: a, J: c, X: it.EUChallenge[a][c], Y: it.EUBelief[a][c], Moved: ok, Kind: k})
		}
	}
	if len(d.Points) == 0 {
		return d, model.Degenerate("every actor stands at one position before round %d on %q: nothing to weigh", r, sc.Issues[i].Name)
	}
	return d, nil
}

// Plot draws the quad map: eij across, eji up, one dot per pair in the
// initiator's colour, the pairs that led to a move ringed and labelled
// "I→J". The quadrants read: top right, both expect to gain (confrontation);
// bottom right, I expects to prevail; top left, I expects to lose and
// compromises (above the diagonal eji = −eij) or gives in; bottom left,
// neither gains (status quo).
func (d QuadData) Plot(st Style) (*plot.Plot, error) {
	p := newPlot(st, fmt.Sprintf("%s: quad map of BDM round %d", d.Issue, d.Round))
	setAxisLabels(p, st, "eij: expected gain to the initiator from challenging (signed square-root scale)", "eji: initiator’s estimate of the receiver’s gain")
	lim := 0.0
	for _, q := range d.Points {
		lim = math.Max(lim, math.Max(math.Abs(q.X), math.Abs(q.Y)))
	}
	if !(lim > 0) || math.IsInf(lim, 0) {
		lim = 1
	}
	lim *= 1.12
	// Signed square-root axes: the many small gains near 0, where the moves
	// are, spread out; the ticks read in eij / eji units.
	tr := func(x float64) float64 { return math.Copysign(math.Sqrt(math.Abs(x)/lim), x) }
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -1, 1, -1, 1
	p.X.Tick.Marker, p.Y.Tick.Marker = sqrtTicks{lim}, sqrtTicks{lim}
	axis := draw.LineStyle{Color: st.Muted, Width: st.scaled(1)}
	h, err := plotter.NewLine(plotter.XYs{{X: -1, Y: 0}, {X: 1, Y: 0}})
	if err != nil {
		return nil, err
	}
	v, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -1}, {X: 0, Y: 1}})
	if err != nil {
		return nil, err
	}
	diag, err := plotter.NewLine(plotter.XYs{{X: -1, Y: 1}, {X: 0, Y: 0}})
	if err != nil {
		return nil, err
	}
	h.LineStyle, v.LineStyle = axis, axis
	diag.LineStyle = draw.LineStyle{Color: st.Muted, Width: st.scaled(0.8), Dashes: st.dashes(4, 3)}
	p.Add(gridLines(st, true, true), h, v, diag)

	var labels plotter.XYLabels
	for _, q := range d.Points {
		col := ActorColor(colorAt(d.Colors, q.I), q.I)
		s, err := plotter.NewScatter(plotter.XYs{{X: tr(q.X), Y: tr(q.Y)}})
		if err != nil {
			return nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: withAlpha(col, 0xb0), Radius: st.scaled(3), Shape: draw.CircleGlyph{}}
		p.Add(s)
		if q.Moved {
			ring, err := plotter.NewScatter(plotter.XYs{{X: tr(q.X), Y: tr(q.Y)}})
			if err != nil {
				return nil, err
			}
			ring.GlyphStyle = draw.GlyphStyle{Color: st.Foreground, Radius: st.scaled(6), Shape: draw.RingGlyph{}}
			p.Add(ring)
			labels.XYs = append(labels.XYs, plotter.XY{X: tr(q.X), Y: tr(q.Y)})
			labels.Labels = append(labels.Labels, " "+shortName(d.Names, q.I)+"→"+shortName(d.Names, q.J))
		}
	}
	if len(labels.XYs) > 0 {
		l, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, err
		}
		for k := range l.TextStyle {
			l.TextStyle[k] = textStyle(st, st.FontSize*0.85, st.Foreground)
		}
		p.Add(l)
	}
	corners := plotter.XYLabels{
		XYs:    []plotter.XY{{X: 0.5, Y: 0.93}, {X: 0.5, Y: -0.93}, {X: -0.5, Y: 0.93}, {X: -0.5, Y: -0.93}},
		Labels: []string{"Confrontation", "Initiator prevails", "Compromise / give in", "Status quo"},
	}
	cl, err := plotter.NewLabels(corners)
	if err != nil {
		return nil, err
	}
	for k := range cl.TextStyle {
		ts := textStyle(st, st.FontSize, st.Muted)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YCenter
		cl.TextStyle[k] = ts
	}
	p.Add(cl)
	return p, nil
}

func colorAt(cs []string, i int) string {
	if i < len(cs) {
		return cs[i]
	}
	return ""
}

func shortName(names []string, i int) string {
	if i < len(names) {
		r := []rune(names[i])
		if len(r) > 12 {
			return string(r[:11]) + "…"
		}
		return names[i]
	}
	return fmt.Sprintf("actor %d", i+1)
}

// sqrtTicks labels a signed square-root axis (−1..1 standing for −lim..lim)
// in the original units.
type sqrtTicks struct{ lim float64 }

func (t sqrtTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, f := range []float64{-1, -0.25, -1.0 / 16, 0, 1.0 / 16, 0.25, 1} {
		v := f * t.lim
		out = append(out, plot.Tick{Value: math.Copysign(math.Sqrt(math.Abs(f)), f), Label: formatValue(math.Round(v*100) / 100)})
	}
	return out
}
