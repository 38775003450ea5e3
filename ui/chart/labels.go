package chart

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// labelItem is a label to place next to a point drawn with the given radius.
type labelItem struct {
	text   string
	anchor vg.Point
	radius vg.Length
	size   vg.Point // width, height
}

// placement is where a label went and whether it needs a leader line back to its bubble.
type placement struct {
	box    vg.Rectangle
	leader bool
}

// labelSpace is what labels are placed among.
type labelSpace struct {
	bounds  vg.Rectangle     // every label stays inside
	bubbles []vg.Rectangle   // best left uncovered: the cost grows with the area covered
	blocked []vg.Rectangle   // never covered when it can be helped (the legend)
	lines   [][]vg.Rectangle // arrows, each as small boxes along it: crossing one costs a little more than a ring farther out
}

// placeLabels is a greedy label-placement pass: labels are placed one by one,
// each at the first candidate spot around its bubble (right, left, above,
// below, the diagonals, then the same ring farther out with a leader line)
// that stays inside the bounds and covers no placed label, no blocked area,
// no bubble and no arrow. When no spot is free the cheapest wins: covering a
// label or a blocked area, or leaving the bounds, costs far more than
// anything else. Deterministic: the same input always gives the same layout.
func placeLabels(items []labelItem, sp labelSpace) []placement {
	bubbles := sp.bubbles
	out := make([]placement, len(items))
	taken := append([]vg.Rectangle(nil), sp.blocked...)
	// Place labels of crowded points first: they have the fewest options.
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	for i := range items {
		for j := i; j > 0 && crowd(items, order[j], bubbles) > crowd(items, order[j-1], bubbles); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	pad := vg.Length(2)
	for _, i := range order {
		it := items[i]
		best, bestCost := vg.Rectangle{}, math.Inf(1)
		bestLeader := false
		for ring := 0; ring < 8; ring++ {
			gap := pad + vg.Length(ring)*it.size.Y*1.1
			for _, c := range candidates(it, gap) {
				// Covering another label or leaving the chart is far worse
				// than sitting farther out; covering a bubble is a little worse.
				cost := overlap(c, taken, 1000) + outside(c, sp.bounds)*1000 + overlap(c, bubbles, 1) + crossings(c, sp.lines)*0.6
				cost += float64(ring) * 0.5 // prefer close spots
				if cost < bestCost {
					best, bestCost, bestLeader = c, cost, ring > 0
				}
				if cost <= float64(ring)*0.5 {
					goto done
				}
			}
		}
	done:
		out[i] = placement{box: best, leader: bestLeader}
		taken = append(taken, best)
	}
	return out
}

// crowd counts bubbles within a label's width of item i.
func crowd(items []labelItem, i int, bubbles []vg.Rectangle) int {
	n := 0
	for _, b := range bubbles {
		c := centre(b)
		if math.Abs(float64(c.X-items[i].anchor.X)) < float64(items[i].size.X) && math.Abs(float64(c.Y-items[i].anchor.Y)) < float64(items[i].size.Y)*2 {
			n++
		}
	}
	return n
}

func candidates(it labelItem, gap vg.Length) []vg.Rectangle {
	w, h := it.size.X, it.size.Y
	a, r := it.anchor, it.radius+gap
	d := r * 0.72
	at := func(x, y vg.Length) vg.Rectangle {
		return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
	}
	return []vg.Rectangle{
		at(a.X+r, a.Y-h/2),   // right
		at(a.X-r-w, a.Y-h/2), // left
		at(a.X-w/2, a.Y+r),   // above
		at(a.X-w/2, a.Y-r-h), // below
		at(a.X+d, a.Y+d),     // upper right
		at(a.X-d-w, a.Y+d),   // upper left
		at(a.X+d, a.Y-d-h),   // lower right
		at(a.X-d-w, a.Y-d-h), // lower left
	}
}

// overlap sums the overlapping areas of r with rs, relative to r's area, times weight.
func overlap(r vg.Rectangle, rs []vg.Rectangle, weight float64) float64 {
	area := float64((r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y))
	if area <= 0 {
		return 0
	}
	var s float64
	for _, o := range rs {
		w := math.Min(float64(r.Max.X), float64(o.Max.X)) - math.Max(float64(r.Min.X), float64(o.Min.X))
		h := math.Min(float64(r.Max.Y), float64(o.Max.Y)) - math.Max(float64(r.Min.Y), float64(o.Min.Y))
		if w > 0 && h > 0 {
			s += w * h / area * weight
		}
	}
	return s
}

func outside(r, b vg.Rectangle) float64 {
	var s float64
	s += math.Max(0, float64(b.Min.X-r.Min.X)) + math.Max(0, float64(r.Max.X-b.Max.X))
	s += math.Max(0, float64(b.Min.Y-r.Min.Y)) + math.Max(0, float64(r.Max.Y-b.Max.Y))
	return s
}

func centre(r vg.Rectangle) vg.Point {
	return vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}
}

// crossings counts the lines r crosses.
func crossings(r vg.Rectangle, lines [][]vg.Rectangle) float64 {
	var n float64
	for _, boxes := range lines {
		for _, b := range boxes {
			if r.Min.X < b.Max.X && b.Min.X < r.Max.X && r.Min.Y < b.Max.Y && b.Min.Y < r.Max.Y {
				n++
				break
			}
		}
	}
	return n
}

// segmentBoxes covers the segment from a to b with boxes about w wide: one
// box when it runs along an axis, else a box every w along it.
func segmentBoxes(a, b vg.Point, w vg.Length) []vg.Rectangle {
	dx, dy := b.X-a.X, b.Y-a.Y
	if math.Abs(float64(dx)) < float64(w) || math.Abs(float64(dy)) < float64(w) {
		return []vg.Rectangle{grow(vg.Rectangle{Min: vg.Point{X: min(a.X, b.X), Y: min(a.Y, b.Y)}, Max: vg.Point{X: max(a.X, b.X), Y: max(a.Y, b.Y)}}, w/2)}
	}
	n := int(math.Ceil(math.Hypot(float64(dx), float64(dy)) / float64(w)))
	out := make([]vg.Rectangle, 0, n+1)
	for k := 0; k <= n; k++ {
		f := vg.Length(k) / vg.Length(n)
		out = append(out, grow(vg.Rectangle{Min: vg.Point{X: a.X + dx*f, Y: a.Y + dy*f}, Max: vg.Point{X: a.X + dx*f, Y: a.Y + dy*f}}, w/2))
	}
	return out
}
