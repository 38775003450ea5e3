package bloc

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"parley/model"
)

// DefaultTol is the default bloc tolerance: 5 points on the 0-100 scale.
const DefaultTol = 5.0

// Split is how the actors divide over a proposal y against the status quo z.
// Actors are listed by index; weights are summed over each group.
type Split struct {
	Support     []int // closer to the proposal than to the status quo
	Oppose      []int // closer to the status quo
	Indifferent []int // as close to both (or y = z)

	SupportWeight, OpposeWeight, IndifferentWeight float64
}

// Supporters splits the actors at positions x with weights w over proposal y
// against status quo z: i supports when |x_i − y| < |x_i − z|, opposes when
// it is farther, and is indifferent when both distances are equal within
// 1e-9 of the larger of |x_i|, |y|, |z| and 1 (rounding must not decide a vote).
func Supporters(x, w []float64, y, z float64) (Split, error) {
	var s Split
	if err := checkWeights(len(x), w); err != nil {
		return s, err
	}
	if !finite(y) || !finite(z) {
		return s, model.Invalid("proposal", "finite", "the proposal and the status quo must be finite positions")
	}
	for i, xi := range x {
		if !finite(xi) {
			return Split{}, model.Invalid(actor(i)+" position", "finite", "%s's position is not a finite number", actor(i))
		}
		dy, dz := math.Abs(xi-y), math.Abs(xi-z)
		eps := 1e-9 * max(1, math.Abs(xi), math.Abs(y), math.Abs(z))
		switch {
		case dy < dz-eps:
			s.Support = append(s.Support, i)
			s.SupportWeight += w[i]
		case dz < dy-eps:
			s.Oppose = append(s.Oppose, i)
			s.OpposeWeight += w[i]
		default:
			s.Indifferent = append(s.Indifferent, i)
			s.IndifferentWeight += w[i]
		}
	}
	return s, nil
}

// Bloc is a group of actors whose positions ended close together.
type Bloc struct {
	// Members are actor indices, ordered by position.
	Members []int
	// Centre is the bloc's weighted mean position on each issue (the plain
	// mean when every member has zero weight).
	Centre []float64
	// Span is the largest distance between two members (0 for one actor).
	Span float64
	// Power is the bloc's effective power Σ w_i over its members, and Share
	// that as a share of all actors' weight (0 when nobody has weight).
	Power, Share float64
}

// OnIssue groups the actors by their positions x on one issue, with weights w
// and tolerance tol (0 = DefaultTol); see the package comment for the rule.
func OnIssue(x, w []float64, tol float64) ([]Bloc, error) {
	pos := make([][]float64, len(x))
	for i := range x {
		pos[i] = x[i : i+1 : i+1]
	}
	return AcrossIssues(pos, w, tol)
}

// AcrossIssues groups the actors by Euclidean distance between their
// positions over several issues: pos[i][k] is actor i's position on issue k.
// w and tol are as for OnIssue.
func AcrossIssues(pos [][]float64, w []float64, tol float64) ([]Bloc, error) {
	n := len(pos)
	if n == 0 {
		return nil, model.Degenerate("no actors to group into blocs")
	}
	if err := checkWeights(n, w); err != nil {
		return nil, err
	}
	if tol == 0 {
		tol = DefaultTol
	}
	if !(tol > 0) || math.IsInf(tol, 0) {
		return nil, model.Invalid("bloc tolerance", "tolerance > 0", "the bloc tolerance must be a positive distance, not %g", tol)
	}
	d := len(pos[0])
	if d == 0 {
		return nil, model.Degenerate("no issues to group actors on")
	}
	for i, p := range pos {
		if len(p) != d {
			return nil, model.Errorf(model.EINTERNAL, "%s has positions on %d issues, actor 1 on %d", actor(i), len(p), d)
		}
		for _, v := range p {
			if !finite(v) {
				return nil, model.Invalid(actor(i)+" position", "finite", "%s's position is not a finite number", actor(i))
			}
		}
	}
	eps := 1e-9 * tol

	// Position order: lexicographic over issues, then actor index.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return slices.Compare(pos[a], pos[b]) })
	rank := make([]int, n)
	for r, i := range order {
		rank[i] = r
	}
	dist := func(a, b int) float64 {
		var s float64
		for k := range d {
			s += (pos[a][k] - pos[b][k]) * (pos[a][k] - pos[b][k])
		}
		return math.Sqrt(s)
	}

	// Minimum spanning tree by Prim from the lowest actor; ties go to the
	// actor lower in position order. On one issue it links sorted neighbours.
	var tree []edge
	in := make([]bool, n)
	best := make([]float64, n)
	from := make([]int, n)
	for i := range best {
		best[i] = math.Inf(1)
	}
	cur := order[0]
	in[cur] = true
	for range n - 1 {
		next := -1
		for _, j := range order {
			if in[j] {
				continue
			}
			if dj := dist(cur, j); dj < best[j] {
				best[j], from[j] = dj, cur
			}
			if next < 0 || best[j] < best[next] {
				next = j
			}
		}
		in[next] = true
		tree = append(tree, edge{from[next], next, best[next]})
		cur = next
	}

	// Split a group (a tree given by its members and edges) until every span fits.
	var blocs [][]int
	var split func(members []int, edges []edge)
	split = func(members []int, edges []edge) {
		if len(edges) == 0 || span(members, dist) <= 2*tol+eps {
			blocs = append(blocs, members)
			return
		}
		var longest float64
		for _, e := range edges {
			longest = max(longest, e.len)
		}
		cut, cutSide, cutImbalance, cutRank := -1, []int(nil), 0, 0
		for k, e := range edges {
			if e.len < longest-eps {
				continue
			}
			side := component(e.v, edges, k)
			imbalance := abs(len(members) - 2*len(side))
			r := min(rank[e.u], rank[e.v])
			if cut < 0 || imbalance < cutImbalance || imbalance == cutImbalance && r < cutRank {
				cut, cutSide, cutImbalance, cutRank = k, side, imbalance, r
			}
		}
		inSide := make(map[int]bool, len(cutSide))
		for _, i := range cutSide {
			inSide[i] = true
		}
		var ma, mb []int
		for _, i := range members {
			if inSide[i] {
				mb = append(mb, i)
			} else {
				ma = append(ma, i)
			}
		}
		var ea, eb []edge
		for k, e := range edges {
			switch {
			case k == cut:
			case inSide[e.u]:
				eb = append(eb, e)
			default:
				ea = append(ea, e)
			}
		}
		split(ma, ea)
		split(mb, eb)
	}
	// Single-linkage groups at tol: the tree without its links longer than tol.
	var short []edge
	for _, e := range tree {
		if e.len <= tol+eps {
			short = append(short, e)
		}
	}
	seen := make([]bool, n)
	for _, i := range order {
		if seen[i] {
			continue
		}
		members := component(i, short, -1)
		var edges []edge
		for _, m := range members {
			seen[m] = true
		}
		for _, e := range short {
			if slices.Contains(members, e.u) {
				edges = append(edges, e)
			}
		}
		split(members, edges)
	}

	var total float64
	for _, x := range w {
		total += x
	}
	out := make([]Bloc, len(blocs))
	for b, members := range blocs {
		slices.SortFunc(members, func(x, y int) int { return cmp.Compare(rank[x], rank[y]) })
		bl := Bloc{Members: members, Centre: make([]float64, d), Span: span(members, dist)}
		for _, i := range members {
			bl.Power += w[i]
		}
		for _, i := range members {
			share := 1 / float64(len(members))
			if bl.Power > 0 {
				share = w[i] / bl.Power
			}
			for k := range d {
				bl.Centre[k] += share * pos[i][k]
			}
		}
		if total > 0 {
			bl.Share = bl.Power / total
		}
		out[b] = bl
	}
	slices.SortFunc(out, func(a, b Bloc) int {
		if c := slices.Compare(a.Centre, b.Centre); c != 0 {
			return c
		}
		return cmp.Compare(rank[a.Members[0]], rank[b.Members[0]])
	})
	return out, nil
}

// edge is a link of the minimum spanning tree between actors u and v.
type edge struct {
	u, v int
	len  float64
}

// component returns the actors reachable from start over edges, skipping edge skip.
func component(start int, edges []edge, skip int) []int {
	adj := make(map[int][]int)
	for k, e := range edges {
		if k != skip {
			adj[e.u] = append(adj[e.u], e.v)
			adj[e.v] = append(adj[e.v], e.u)
		}
	}
	reached := map[int]bool{start: true}
	list := []int{start}
	for q := 0; q < len(list); q++ {
		for _, j := range adj[list[q]] {
			if !reached[j] {
				reached[j] = true
				list = append(list, j)
			}
		}
	}
	return list
}

func span(members []int, dist func(a, b int) float64) float64 {
	var s float64
	for a, i := range members {
		for _, j := range members[a+1:] {
			s = max(s, dist(i, j))
		}
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func actor(i int) string { return fmt.Sprintf("actor %d", i+1) }

func checkWeights(n int, w []float64) error {
	if len(w) != n {
		return model.Errorf(model.EINTERNAL, "%d positions but %d weights", n, len(w))
	}
	for i, x := range w {
		if !finite(x) {
			return model.Invalid(actor(i)+" weight", "finite", "%s's weight is not a finite number", actor(i))
		}
		if x < 0 {
			return model.Invalid(actor(i)+" weight", "weight ≥ 0", "%s's weight is negative (%g)", actor(i), x)
		}
	}
	return nil
}
