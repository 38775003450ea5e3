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
	p, _, err := exchangeNetwork(sc, res, r, st)
	return p, err
}

// exchangeNetwork is ExchangeNetwork with the layer it adds (whose layout
// the tests check).
func exchangeNetwork(sc *model.Scenario, res *forecast.Result, r int, st Style) (*plot.Plot, *networkLayer, error) {
	rd, err := ExchangeRound(sc, res, r)
	if err != nil {
		return nil, nil, err
	}
	if len(sc.Actors) == 0 {
		return nil, nil, model.Degenerate("no actors to draw")
	}
	edges := networkEdges(rd)
	title := fmt.Sprintf("Package deals, round %d (exchange model): %d trades between %d pairs", rd.Round, len(rd.Exchanges), len(edges))
	p := newPlot(st, title)
	p.HideAxes()
	layer := &networkLayer{sc: sc, edges: edges, style: st}
	p.Add(layer)
	return p, layer, nil
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

func (l *networkLayer) DataRange() (xmin, xmax, ymin, ymax float64) { return -1, 1, -1, 1 }

// GlyphBoxes: the layout keeps everything inside the data area itself.
func (l *networkLayer) GlyphBoxes(*plot.Plot) []plot.GlyphBox { return nil }

// netText is one piece of text of the network: where it is drawn (with its
// style's alignment) and the box it covers.
type netText struct {
	text  string
	at    vg.Point
	box   vg.Rectangle
	style draw.TextStyle // font, colour and alignment about at
}

// networkLayout is the network drawn on one canvas: every node, name, edge
// label and line of the footnote, placed so that no two texts overlap, no
// edge label covers a node and nothing leaves the canvas. An edge label with
// no free spot is left out (hidden counts them, and the footnote says so).
type networkLayout struct {
	centres []vg.Point
	radii   []vg.Length
	names   []netText
	labels  []netText
	notes   []netText
	hidden  int
}

// layout places the network on c: the footnote at the bottom, the nodes on
// the largest circle that leaves room for their names in what is left, the
// first actor at the top, clockwise; then the edge labels of the
// NetworkLabels strongest pairs, each near the end of the actor that gives
// that issue, at the first free spot along (or just beside) its line.
func (l *networkLayer) layout(c draw.Canvas) networkLayout {
	st := l.style
	var lay networkLayout
	n := len(l.sc.Actors)
	area := c.Rectangle
	pad := st.scaled(4)

	// The footnote, wrapped to the width. Whether it counts labels left out
	// is known once they are placed: room is kept for the longer wording (at
	// most three lines).
	ns := textStyle(st, st.FontSize*0.8, st.Muted)
	lineH := ns.Height("X")
	noteW := area.Max.X - area.Min.X - 2*pad
	noteLines := max(1, min(3, len(wrapLines(networkNote(NetworkLabels*2), ns, noteW))))
	noteH := vg.Length(noteLines)*lineH + pad
	top := area.Max.Y
	bottom := area.Min.Y + noteH + pad

	// Names and their room around the circle.
	ts := textStyle(st, st.FontSize*0.95, st.Foreground)
	nameW, nameH := vg.Length(0), ts.Height("X")
	for _, ac := range l.sc.Actors {
		nameW = max(nameW, ts.Width(ac.ShortLabel()))
	}
	maxCap := 0.0
	for _, a := range l.sc.Actors {
		maxCap = math.Max(maxCap, a.Capability)
	}
	base := make([]vg.Length, n)
	rmax := vg.Length(0)
	for k := range l.sc.Actors {
		share := 0.0
		if maxCap > 0 {
			share = l.sc.Actors[k].Capability / maxCap
		}
		base[k] = st.scaled(5) + st.scaled(17)*vg.Length(math.Sqrt(share))
		rmax = max(rmax, base[k])
	}
	gap := st.scaled(3)
	cx, cy := (area.Min.X+area.Max.X)/2, (bottom+top)/2
	circle := func(r vg.Length) vg.Length {
		return max(0, min((area.Max.X-area.Min.X)/2-r-gap-nameW, (top-bottom)/2-r-gap-nameH))
	}
	// Nodes shrink (to 40%) when the canvas is too small for the circle to
	// hold them side by side.
	scale := vg.Length(1)
	rad := circle(rmax)
	if n > 1 {
		for range 3 {
			fit := rad*vg.Length(math.Sin(math.Pi/float64(n))) - gap/2
			scale = min(1, max(0.4, fit/rmax))
			rad = circle(rmax * scale)
		}
	}
	lay.centres, lay.radii = make([]vg.Point, n), make([]vg.Length, n)
	for k := range l.sc.Actors {
		ang := math.Pi/2 - 2*math.Pi*float64(k)/float64(n)
		lay.centres[k] = vg.Point{X: cx + rad*vg.Length(math.Cos(ang)), Y: cy + rad*vg.Length(math.Sin(ang))}
		lay.radii[k] = base[k] * scale
	}

	// Actor names outside the circle, beside their node.
	var used []vg.Rectangle
	for k := range l.sc.Actors {
		used = append(used, grow(circleBox(lay.centres[k], lay.radii[k]), st.scaled(1)))
	}
	for k, ac := range l.sc.Actors {
		label := ac.ShortLabel()
		dx, dy := float64(lay.centres[k].X-cx), float64(lay.centres[k].Y-cy)
		d := math.Hypot(dx, dy)
		if d == 0 {
			dx, dy, d = 0, 1, 1
		}
		off := lay.radii[k] + gap
		at := vg.Point{X: lay.centres[k].X + off*vg.Length(dx/d), Y: lay.centres[k].Y + off*vg.Length(dy/d)}
		t := nameStyle(ts, dx/d, dy/d)
		box := t.Rectangle(label).Add(at)
		lay.names = append(lay.names, netText{text: label, at: at, box: box, style: t})
		used = append(used, box)
	}

	// Edge labels on the strongest deals.
	ls := textStyle(st, st.FontSize*0.8, st.Foreground)
	ls.XAlign, ls.YAlign = draw.XCenter, draw.YCenter
	inner := vg.Rectangle{Min: vg.Point{X: area.Min.X, Y: bottom}, Max: area.Max}
	halo := st.scaled(1.5)
	place := func(from, to vg.Point, text string) {
		wd, ht := ls.Width(text), ls.Height(text)
		dx, dy := float64(to.X-from.X), float64(to.Y-from.Y)
		d := math.Hypot(dx, dy)
		if d == 0 {
			d = 1
		}
		// Off the line by half a label and a halo, either side, if it is busy.
		nx, ny := vg.Length(-dy/d)*(ht/2+halo), vg.Length(dx/d)*(ht/2+halo)
		for _, side := range []vg.Length{0, 1, -1} {
			for try := 0; try < 11; try++ {
				f := vg.Length(0.25 + 0.05*float64(try))
				at := vg.Point{X: from.X + f*(to.X-from.X) + side*nx, Y: from.Y + f*(to.Y-from.Y) + side*ny}
				box := vg.Rectangle{Min: vg.Point{X: at.X - wd/2, Y: at.Y - ht/2}, Max: vg.Point{X: at.X + wd/2, Y: at.Y + ht/2}}
				if !insideRect(grow(box, halo), inner) || overlapsAny(grow(box, halo), used) {
					continue
				}
				lay.labels = append(lay.labels, netText{text: text, at: at, box: box, style: ls})
				used = append(used, grow(box, halo))
				return
			}
		}
		lay.hidden++
	}
	for k, e := range l.edges {
		if k >= NetworkLabels {
			break
		}
		ga, gb := EdgeGives(l.sc, e.a, e.trades)
		place(lay.centres[e.a], lay.centres[e.b], ga)
		place(lay.centres[e.b], lay.centres[e.a], gb)
	}

	// What the picture means, at the bottom, wrapped to the width.
	lines := wrapLines(networkNote(lay.hidden), ns, noteW)
	if len(lines) > noteLines { // the room kept; a canvas this narrow says less
		lines = append(lines[:noteLines-1:noteLines-1], lines[noteLines-1]+" …")
	}
	for i, line := range lines {
		at := vg.Point{X: area.Min.X + pad, Y: area.Min.Y + pad + vg.Length(len(lines)-1-i)*lineH}
		lay.notes = append(lay.notes, netText{text: line, at: at, box: ns.Rectangle(line).Add(at), style: ns})
	}
	return lay
}

// networkNote is the network's footnote when hidden edge labels were left
// out for room.
func networkNote(hidden int) string {
	note := fmt.Sprintf("Node size: capability. Line width: the pair's total gain; the %d largest are coloured, "+
		"with the issue each side gives written near it (+n: more trades between the pair).", NetworkLabels)
	switch {
	case hidden == 1:
		note += " 1 label left out for room: the list of trades names every one."
	case hidden > 1:
		note += fmt.Sprintf(" %d labels left out for room: the list of trades names every one.", hidden)
	}
	return note
}

// nameStyle aligns an actor's name away from the centre: left-aligned beside
// a node on the right, bottom-aligned above a node at the top, centred on a
// node near the vertical (horizontal) axis; (dx, dy) is the unit vector from
// the centre to the node.
func nameStyle(ts draw.TextStyle, dx, dy float64) draw.TextStyle {
	ts.XAlign, ts.YAlign = draw.XAlignment(away(dx)), draw.YAlignment(away(dy))
	return ts
}

// away is the text alignment (0 = left or bottom, −1 = right or top, −½ =
// centred) that puts text on the far side of a point that lies v (−1 to 1)
// of the way out from the centre.
func away(v float64) float64 {
	switch {
	case v > 0.3:
		return 0
	case v < -0.3:
		return -1
	}
	return -0.5
}

func insideRect(r, area vg.Rectangle) bool {
	return r.Min.X >= area.Min.X && r.Max.X <= area.Max.X && r.Min.Y >= area.Min.Y && r.Max.Y <= area.Max.Y
}

func (l *networkLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	st := l.style
	lay := l.layout(c)
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
		a, b := lay.centres[e.a], lay.centres[e.b]
		c.StrokeLine2(draw.LineStyle{Color: col, Width: w}, a.X, a.Y, b.X, b.Y)
	}
	for k, ac := range l.sc.Actors {
		drawShape(&c, Circle, lay.centres[k], lay.radii[k], withAlpha(ActorColor(ac.Color, k), 0xe0), draw.LineStyle{Color: st.Halo, Width: st.scaled(1)})
	}
	for _, t := range lay.names {
		c.FillText(t.style, t.at, t.text)
	}
	for _, t := range lay.labels {
		fillRect(&c, grow(t.box, st.scaled(1.5)), withAlpha(st.Background, 0xd8))
		c.FillText(t.style, t.at, t.text)
	}
	for _, t := range lay.notes {
		c.FillText(t.style, t.at, t.text)
	}
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
