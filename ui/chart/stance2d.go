package chart

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/bloc"
	"parley/model/forecast"
)

// StanceMap2D draws two issues on one map: issue ix across, issue iy up,
// bubble area = capability. Each bloc of two or more actors has a colour and a
// marker shape of its own, and its members wear its colour with a ring in
// their own; actors outside any bloc keep their own colour. The legend names
// each bloc with its centre and members. ends, when not nil, are each actor's
// predicted (x, y) end, drawn as arrows; the status quo of both issues is a
// cross-hair. Labels are placed like the one-issue map's.
func StanceMap2D(sc *model.Scenario, ix, iy int, ends [][2]float64, blocs []bloc.Bloc, st Style) (*plot.Plot, error) {
	p, _, err := stanceMap2D(sc, nil, ix, iy, ends, blocs, st)
	return p, err
}

// ForecastStance2D is StanceMap2D with each model's forecast of the two
// issues marked as a point of its own (a hollow marker and a legend entry).
// With ends, the bubbles are drawn where the model leaves the actors (where
// blocs grouped at the ends are), each with a trail back to its start.
func ForecastStance2D(sc *model.Scenario, res *forecast.Result, ix, iy int, ends [][2]float64, blocs []bloc.Bloc, st Style) (*plot.Plot, error) {
	p, _, err := stanceMap2D(sc, res, ix, iy, ends, blocs, st)
	return p, err
}

func stanceMap2D(sc *model.Scenario, res *forecast.Result, ix, iy int, ends [][2]float64, blocs []bloc.Bloc, st Style) (*plot.Plot, *bubbleLayer, error) {
	if sc == nil || len(sc.Actors) == 0 {
		return nil, nil, model.Degenerate("no actors to draw")
	}
	if ix < 0 || ix >= len(sc.Issues) || iy < 0 || iy >= len(sc.Issues) {
		return nil, nil, model.Invalid("two-issue map", "known issues", "issues %d and %d are not both in scenario %q", ix+1, iy+1, sc.Name)
	}
	if ix == iy {
		return nil, nil, model.Invalid("two-issue map", "two different issues", "a two-issue map needs two different issues, not %q twice", sc.Issues[ix].Name)
	}
	if ends != nil && len(ends) != len(sc.Actors) {
		return nil, nil, model.Errorf(model.EINTERNAL, "%d predicted ends for %d actors", len(ends), len(sc.Actors))
	}
	n := len(sc.Actors)
	blocOf := make([]int, n) // index into blocs of actors in a bloc of two or more, else -1
	for a := range blocOf {
		blocOf[a] = -1
	}
	for b, bl := range blocs {
		for _, a := range bl.Members {
			if a < 0 || a >= n {
				return nil, nil, model.Errorf(model.EINTERNAL, "bloc %d names actor %d of %d", b+1, a+1, n)
			}
			if blocOf[a] >= 0 {
				return nil, nil, model.Errorf(model.EINTERNAL, "actor %q is in two blocs", sc.Actors[a].Name)
			}
			if len(bl.Members) > 1 {
				blocOf[a] = b
			}
		}
	}
	// Number the multi-member blocs in order: their colour and shape.
	look := map[int]int{}
	for b, bl := range blocs {
		if len(bl.Members) > 1 {
			look[b] = len(look)
		}
	}

	isx, isy := &sc.Issues[ix], &sc.Issues[iy]
	bubbles := make([]Bubble, 0, n)
	for a := range sc.Actors {
		if !sc.HasStance(a, ix) || !sc.HasStance(a, iy) {
			continue // unset on either issue: not drawn at 0
		}
		ac := &sc.Actors[a]
		sx, sy := sc.Stance(a, ix), sc.Stance(a, iy)
		own := ActorColor(ac.Color, a)
		b := Bubble{Actor: a, Label: chartLabel(ac), X: sx.Position, Y: sy.Position, Size: ac.Capability, Color: own}
		if k := blocOf[a]; k >= 0 {
			l := look[k]
			b.Color, b.Ring, b.Shape = blocSeries[l%len(blocSeries)].color(st), own, shapeFor(l+1)
		}
		if ends != nil {
			// The blocs are where the model leaves the actors: each bubble
			// is drawn at its end, a trail back to where it starts.
			e := ends[a]
			if !finite(e[0]) || !finite(e[1]) {
				b.HasEnd, b.EndX, b.EndY = true, e[0], e[1] // refused below
			} else if abs(e[0]-b.X) > 0.05 || abs(e[1]-b.Y) > 0.05 {
				b.HasFrom, b.FromX, b.FromY = true, b.X, b.Y
				b.X, b.Y = e[0], e[1]
			}
		}
		bubbles = append(bubbles, b)
	}
	if err := checkBubbles(bubbles); err != nil {
		return nil, nil, err
	}
	if !finite(isx.StatusQuo) || !finite(isy.StatusQuo) {
		return nil, nil, model.Degenerate("the status quo of %q or %q is not a number", isx.Name, isy.Name)
	}
	for k := range bubbles {
		b := &bubbles[k]
		b.X, b.FromX, b.Y, b.FromY = isx.Shown(b.X), isx.Shown(b.FromX), isy.Shown(b.Y), isy.Shown(b.FromY)
	}

	p := newPlot(st, isx.Name+" × "+isy.Name)
	setPositionAxis(&p.X, isx, false)
	setPositionAxis(&p.Y, isy, true)
	setAxisLabels(p, st, positionCaption(isx), positionCaption(isy))
	p.Add(gridLines(st, true, true))
	sq := draw.LineStyle{Color: st.Muted, Width: st.scaled(1.6), Dashes: st.dashes(2, 3)}
	qx, qy := isx.Shown(isx.StatusQuo), isy.Shown(isy.StatusQuo)
	xlo, xhi := isx.ShownEnds()
	ylo, yhi := isy.ShownEnds()
	p.Add(&vline{x: qx, y0: ylo, y1: yhi, style: sq}, &hline{y: qy, x0: xlo, x1: xhi, style: sq})

	leg := newHeaderLegend(st)
	for b, bl := range blocs {
		l, ok := look[b]
		if !ok {
			continue
		}
		leg.add(blocCaption(sc, bl, l), shapeThumb{shape: shapeFor(l + 1), fill: withAlpha(blocSeries[l%len(blocSeries)].color(st), 0xb8), line: draw.LineStyle{Color: st.Foreground, Width: st.scaled(0.6)}})
	}
	for a := range blocOf {
		if blocOf[a] < 0 && len(blocs) > 0 {
			leg.add("Outside any bloc (own colour)", shapeThumb{shape: Circle, fill: st.Muted})
			break
		}
	}
	leg.add(fmt.Sprintf("Status quo (%s, %s)", formatValue(qx), formatValue(qy)), lineThumb(sq))
	if ends != nil {
		leg.add(endsCaption, trailThumb{st: st})
	}
	points := forecastPoints(res, ix, iy, st)
	for _, fp := range points {
		leg.add(fmt.Sprintf("%s forecast (%s, %s)", fp.Model, formatValue(isx.Shown(fp.X)), formatValue(isy.Shown(fp.Y))), fp.thumb())
	}
	layer := &bubbleLayer{bubbles: bubbles, style: st, legend: leg}
	leg.lift = layer.topLift
	p.Add(layer)
	remember(p, layer) // hit.go: DrawnBubbles
	if len(points) > 0 {
		fl := &forecastLayer{points: points, st: st}
		for k := range fl.points {
			fl.points[k].X, fl.points[k].Y = isx.Shown(fl.points[k].X), isy.Shown(fl.points[k].Y)
		}
		p.Add(fl)
	}
	p.Add(leg)
	return p, layer, nil
}

// endsCaption says, in the two-issue map's legend, where the bubbles are.
const endsCaption = "Start → predicted end (bubbles at the end)"

// blocCaption names bloc number l (counting from 0) for a legend by its
// members, as the chart labels them: "Leader + IRGC + Pezesh.".
func blocCaption(sc *model.Scenario, bl bloc.Bloc, l int) string {
	names := make([]string, len(bl.Members))
	for k, a := range bl.Members {
		names[k] = chartLabel(&sc.Actors[a])
	}
	return Wrap(BlocName(names), 44)
}

// BlocName names a bloc by its members: "Leader + IRGC + Pezesh.".
func BlocName(members []string) string { return strings.Join(members, " + ") }

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Ends2D pairs each actor's predicted end positions on issues ix and iy
// under model m, for StanceMap2D's arrows; nil when the model has no result
// on either issue.
func Ends2D(res *forecast.Result, ix, iy int, m EndModel) [][2]float64 {
	ex, ey := PredictedEnds(res, ix, m), PredictedEnds(res, iy, m)
	if ex == nil || ey == nil || len(ex) != len(ey) {
		return nil
	}
	out := make([][2]float64, len(ex))
	for a := range out {
		out[a] = [2]float64{ex[a], ey[a]}
	}
	return out
}

// Blocs2D groups the actors by where they stand on issues ix and iy (at ends
// when given, else at their current positions), weighting each by its
// capability times its mean salience on the two issues; tol is the bloc
// tolerance (0 = bloc.DefaultTol).
func Blocs2D(sc *model.Scenario, ix, iy int, ends [][2]float64, tol float64) ([]bloc.Bloc, error) {
	if sc == nil || ix < 0 || iy < 0 || ix >= len(sc.Issues) || iy >= len(sc.Issues) {
		return nil, model.Errorf(model.EINTERNAL, "no issues %d and %d to group actors on", ix+1, iy+1)
	}
	pos := make([][]float64, len(sc.Actors))
	w := make([]float64, len(sc.Actors))
	for a := range sc.Actors {
		sx, sy := sc.Stance(a, ix), sc.Stance(a, iy)
		pos[a] = []float64{sx.Position, sy.Position}
		if a < len(ends) {
			pos[a] = []float64{ends[a][0], ends[a][1]}
		}
		w[a] = sc.Actors[a].Capability * (sx.Salience + sy.Salience) / 2
	}
	return bloc.AcrossIssues(pos, w, tol)
}
