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

// placeLabels is a greedy label-placement pass: labels are placed one by one,
// each at the first candidate spot around its bubble (right, left, above,
// below, the diagonals, then the same ring farther out with a leader line)
// that stays inside bounds and overlaps neither a placed label nor any bubble.
// When no spot is free the least-overlapping one wins. Deterministic: the same
// input always gives the same layout.
func placeLabels(items []labelItem, bubbles []vg.Rectangle, bounds vg.Rectangle) []placement {
	out := make([]placement, len(items))
	var taken []vg.Rectangle
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
		for ring := 0; ring < 6; ring++ {
			gap := pad + vg.Length(ring)*it.size.Y*1.1
			for _, c := range candidates(it, gap) {
				cost := overlap(c, taken, 4) + overlap(c, bubbles, 1) + outside(c, bounds)*10
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
