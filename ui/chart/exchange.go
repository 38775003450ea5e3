package chart

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/exchange"
	"parley/model/forecast"
)

// EndExchange: each actor's voting position after the exchange model's last
// round (or the spec's round).
const EndExchange EndModel = EndSMP + 1

// NetworkLabels is how many actor pairs (the largest total gains) the
// exchange network labels with their issues; the others are drawn unlabelled.
const NetworkLabels = 10

// ExchangeRound returns round r (1-based; 0 or beyond the last = round 1) of
// the run, or an error saying why the exchange model has no result.
func ExchangeRound(sc *model.Scenario, res *forecast.Result, r int) (*exchange.Round, error) {
	if res == nil || res.Exchange == nil || len(res.Exchange.Rounds) == 0 {
		var why error
		if res != nil {
			why = res.ExchangeErr
		}
		return nil, model.Degenerate("the exchange model has no result for %q: %s", sc.Name, model.ErrorMessage(why))
	}
	if r < 1 || r > len(res.Exchange.Rounds) {
		r = 1
	}
	return &res.Exchange.Rounds[r-1], nil
}

// pairEdge is every exchange of one round between two actors.
type pairEdge struct {
	a, b   int     // actors, a < b
	gain   float64 // Σ gains
	trades []exchange.Exchange
}

// ExchangeNetwork draws who traded with whom in round r of the exchange
// model: a node per actor on a circle, its area proportional to capability;
// a line per pair of actors that traded, its width growing with their total
// gain, labelled (for the NetworkLabels largest) with the two issues of their
// largest trade, "enrichment / sanctions", each side's supply issue at its end.
func ExchangeNetwork(sc *model.Scenario, res *forecast.Result, r int, st Style) (*plot.Plot, error) {
	rd, err := ExchangeRound(sc, res, r)
	if err != nil {
		return nil, err
	}
	if len(sc.Actors) == 0 {
		return nil, model.Degenerate("no actors to draw")
	}
	edges := networkEdges(rd)
	title := fmt.Sprintf("Package deals, round %d (exchange model): %d trades between %d pairs", rd.Round, len(rd.Exchanges), len(edges))
	p := newPlot(st, title)
	p.HideAxes()
	p.Add(&networkLayer{sc: sc, edges: edges, style: st})
	return p, nil
}

// networkEdges gathers a round's exchanges by pair of actors, the pair with
// the largest total gain first.
func networkEdges(rd *exchange.Round) []*pairEdge {
	byPair := map[[2]int]*pairEdge{}
	var edges []*pairEdge
	for _, x := range rd.Exchanges {
		a, b := x.I.Actor, x.J.Actor
		if a > b {
			a, b = b, a
		}
		e := byPair[[2]int{a, b}]
		if e == nil {
			e = &pairEdge{a: a, b: b}
			byPair[[2]int{a, b}] = e
			edges = append(edges, e)
		}
		e.gain += x.Gain
		e.trades = append(e.trades, x)
	}
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].gain > edges[j].gain })
	return edges
}

type networkLayer struct {
	sc    *model.Scenario
	edges []*pairEdge
	style Style
}

func (l *networkLayer) DataRange() (xmin, xmax, ymin, ymax float64) { return -1.25, 1.25, -1.45, 1.2 }

// GlyphBoxes keep the nodes and their names inside the canvas.
func (l *networkLayer) GlyphBoxes(*plot.Plot) []plot.GlyphBox { return nil }

// positions places the actors on a circle, the first at the top, clockwise.
func (l *networkLayer) positions(c draw.Canvas, p *plot.Plot) ([]vg.Point, []vg.Length) {
	trX, trY := p.Transforms(&c)
	n := len(l.sc.Actors)
	maxCap := 0.0
	for _, a := range l.sc.Actors {
		maxCap = math.Max(maxCap, a.Capability)
	}
	// Keep the layout round whatever the canvas's aspect ratio.
	cx, cy := trX(0), trY(0)
	rx, ry := trX(1)-cx, trY(1)-cy
	rad := vg.Length(math.Min(float64(rx), float64(ry)))
	pts, radii := make([]vg.Point, n), make([]vg.Length, n)
	for k := range l.sc.Actors {
		ang := math.Pi/2 - 2*math.Pi*float64(k)/float64(n)
		pts[k] = vg.Point{X: cx + rad*vg.Length(math.Cos(ang)), Y: cy + rad*vg.Length(math.Sin(ang))}
		share := 0.0
		if maxCap > 0 {
			share = l.sc.Actors[k].Capability / maxCap
		}
		radii[k] = l.style.scaled(5) + l.style.scaled(17)*vg.Length(math.Sqrt(share))
	}
	return pts, radii
}

func (l *networkLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	st := l.style
	pts, radii := l.positions(c, p)
	maxGain := 0.0
	for _, e := range l.edges {
		maxGain = math.Max(maxGain, e.gain)
	}
	edgeCol := withAlpha(st.Muted, 0xa0)
	// Weakest first, so the strongest deals lie on top.
	for k := len(l.edges) - 1; k >= 0; k-- {
		e := l.edges[k]
		w := st.scaled(0.8)
		if maxGain > 0 {
			w += st.scaled(4.5) * vg.Length(e.gain/maxGain)
		}
		col := edgeCol
		if k < NetworkLabels {
			col = seriesTeal.color(st)
		}
		a, b := pts[e.a], pts[e.b]
		c.StrokeLine2(draw.LineStyle{Color: col, Width: w}, a.X, a.Y, b.X, b.Y)
	}
	for k, ac := range l.sc.Actors {
		drawShape(&c, Circle, pts[k], radii[k], withAlpha(ActorColor(ac.Color, k), 0xe0), draw.LineStyle{Color: st.Halo, Width: st.scaled(1)})
	}
	// Actor names outside the circle, beside their node.
	ts := textStyle(st, st.FontSize*0.95, st.Foreground)
	centre := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
	for k, ac := range l.sc.Actors {
		label := ac.ShortLabel()
		dx, dy := float64(pts[k].X-centre.X), float64(pts[k].Y-centre.Y)
		d := math.Hypot(dx, dy)
		if d == 0 {
			d = 1
		}
		off := radii[k] + st.scaled(3)
		at := vg.Point{X: pts[k].X + off*vg.Length(dx/d), Y: pts[k].Y + off*vg.Length(dy/d)}
		t := ts
		switch {
		case dx/d > 0.3:
			t.XAlign = draw.XLeft
		case dx/d < -0.3:
			t.XAlign = draw.XRight
		default:
			t.XAlign = draw.XCenter
		}
		if dy/d > 0.3 {
			t.YAlign = draw.YBottom
		} else if dy/d < -0.3 {
			t.YAlign = draw.YTop
		} else {
			t.YAlign = draw.YCenter
		}
		c.FillText(t, at, label)
	}
	// On the strongest deals, near each end, the issue that actor gives.
	ls := textStyle(st, st.FontSize*0.8, st.Foreground)
	ls.XAlign, ls.YAlign = draw.XCenter, draw.YCenter
	var used []vg.Rectangle
	for _, pl := range pts {
		used = append(used, circleBox(pl, st.scaled(6)))
	}
	place := func(from, to vg.Point, text string) {
		wd, ht := ls.Width(text), ls.Height(text)
		var box vg.Rectangle
		var at vg.Point
		for try := 0; try < 9; try++ {
			f := 0.3 + 0.05*float64(try)
			at = vg.Point{X: from.X + vg.Length(f)*(to.X-from.X), Y: from.Y + vg.Length(f)*(to.Y-from.Y)}
			box = vg.Rectangle{Min: vg.Point{X: at.X - wd/2, Y: at.Y - ht/2}, Max: vg.Point{X: at.X + wd/2, Y: at.Y + ht/2}}
			if !overlapsAny(box, used) {
				break
			}
		}
		used = append(used, box)
		fillRect(&c, grow(box, st.scaled(1.5)), withAlpha(st.Background, 0xd8))
		c.FillText(ls, at, text)
	}
	for k, e := range l.edges {
		if k >= NetworkLabels {
			break
		}
		ga, gb := EdgeGives(l.sc, e.a, e.trades)
		place(pts[e.a], pts[e.b], ga)
		place(pts[e.b], pts[e.a], gb)
	}
	// What the picture means, in the corner.
	ns := textStyle(st, st.FontSize*0.8, st.Muted)
	ns.XAlign, ns.YAlign = draw.XLeft, draw.YBottom
	pad := st.scaled(4)
	c.FillText(ns, vg.Point{X: c.Min.X + pad, Y: c.Min.Y + pad + ns.Height("X")},
		fmt.Sprintf("Node size: capability. Line width: the pair's total gain; the %d largest are coloured,", NetworkLabels))
	c.FillText(ns, vg.Point{X: c.Min.X + pad, Y: c.Min.Y + pad},
		"with the issue each side gives written near it (+n: more trades between the pair).")
}

// EdgeGives names, for the pair's largest trade, the issue (key) actor a
// gives and the one its partner gives; "+n" marks n more trades between them.
func EdgeGives(sc *model.Scenario, a int, trades []exchange.Exchange) (string, string) {
	if len(trades) == 0 {
		return "", ""
	}
	best := trades[0]
	for _, x := range trades[1:] {
		if x.Gain > best.Gain {
			best = x
		}
	}
	key := func(d int) string {
		if d >= 0 && d < len(sc.Issues) {
			return sc.Issues[d].Key
		}
		return "?"
	}
	mine, theirs := best.I.Supply, best.J.Supply
	if best.I.Actor != a {
		mine, theirs = theirs, mine
	}
	ga, gb := key(mine), key(theirs)
	if len(trades) > 1 {
		ga += fmt.Sprintf(" +%d", len(trades)-1)
	}
	return ga, gb
}

func overlapsAny(r vg.Rectangle, rs []vg.Rectangle) bool {
	for _, o := range rs {
		if r.Min.X < o.Max.X && o.Min.X < r.Max.X && r.Min.Y < o.Max.Y && o.Min.Y < r.Max.Y {
			return true
		}
	}
	return false
}

// EdgeLabel names a pair's deals by their issues: the largest trade's two
// supply issues (keys), "scope / sanctions", and "+2" when the pair made more.
func EdgeLabel(sc *model.Scenario, trades []exchange.Exchange) string {
	if len(trades) == 0 {
		return ""
	}
	best := trades[0]
	for _, x := range trades[1:] {
		if x.Gain > best.Gain {
			best = x
		}
	}
	key := func(d int) string {
		if d >= 0 && d < len(sc.Issues) {
			return sc.Issues[d].Key
		}
		return "?"
	}
	s := key(best.I.Supply) + " / " + key(best.J.Supply)
	if len(trades) > 1 {
		s += fmt.Sprintf(" +%d", len(trades)-1)
	}
	return s
}

// TrajectoryFromExchange is the exchange model seen on issue i: the input
// positions (round 0), then each round's voting positions, with the voting
// outcome (the capability × salience weighted mean) as the mean line.
func TrajectoryFromExchange(sc *model.Scenario, res *forecast.Result, i int) (TrajectoryData, error) {
	if res == nil || i < 0 || i >= len(sc.Issues) {
		return TrajectoryData{}, model.Errorf(model.EINTERNAL, "no forecast for issue %d", i+1)
	}
	x := res.Exchange
	if x == nil || len(x.Rounds) == 0 || x.Rounds[0].VotingPositions == nil {
		return TrajectoryData{}, model.Degenerate("the exchange model has no result for scenario %q: %s", sc.Name, model.ErrorMessage(res.ExchangeErr))
	}
	d := trajectoryActors(sc)
	d.Title, d.XLabel, d.Issue = sc.Issues[i].Name+": voting positions by round (exchange model)", "Round", &sc.Issues[i]
	col := func(pos [][]float64) []float64 {
		out := make([]float64, len(pos))
		for a, p := range pos {
			out[a] = p[i]
		}
		return out
	}
	d.Rounds = append(d.Rounds, col(x.Rounds[0].PreferencePositions))
	d.Mean = append(d.Mean, x.Rounds[0].Preference[i])
	for _, rd := range x.Rounds {
		d.Rounds = append(d.Rounds, col(rd.VotingPositions))
		d.Mean = append(d.Mean, rd.Voting[i])
	}
	return d, nil
}

// exchangeEnds returns each actor's voting position on issue i after round r
// (the last when r is 0 or beyond it), and names it for a legend.
func exchangeEnds(sc *model.Scenario, res *forecast.Result, i, r int) ([]float64, string, error) {
	x := res.Exchange
	if x == nil || len(x.Rounds) == 0 || x.Rounds[0].VotingPositions == nil {
		return nil, "", model.Errorf(model.EDEGENERATE, "the exchange model has no result for scenario %q: %s", sc.Name, model.ErrorMessage(res.ExchangeErr))
	}
	k := len(x.Rounds)
	if r > 0 && r < k {
		k = r
	}
	pos := make([]float64, len(sc.Actors))
	for a := range pos {
		pos[a] = x.Rounds[k-1].VotingPositions[a][i]
	}
	return pos, fmt.Sprintf("Predicted vote (exchange model, round %d)", k), nil
}
