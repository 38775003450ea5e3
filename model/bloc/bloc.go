package bloc

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

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
	n := len(x)
	if err := checkInput(n, w, tol); err != nil {
		return nil, err
	}
	for i, v := range x {
		if !finite(v) {
			return nil, notFinite(i)
		}
	}
	return find(x, 1, w, tol), nil
}

// AcrossIssues groups the actors by Euclidean distance between their
// positions over several issues: pos[i][k] is actor i's position on issue k.
// w and tol are as for OnIssue.
func AcrossIssues(pos [][]float64, w []float64, tol float64) ([]Bloc, error) {
	if err := checkAcross(pos, w, tol); err != nil {
		return nil, err
	}
	n, d := len(pos), len(pos[0])
	if d == 1 {
		p := make([]float64, n)
		for i := range pos {
			p[i] = pos[i][0]
		}
		return find(p, 1, w, tol), nil
	}
	return find(slices.Concat(pos...), d, w, tol), nil
}

// checkAcross refuses what AcrossIssues cannot group: checkInput's cases,
// no issues, rows of different lengths and a position that is not a number.
func checkAcross(pos [][]float64, w []float64, tol float64) error {
	if err := checkInput(len(pos), w, tol); err != nil {
		return err
	}
	d := len(pos[0])
	if d == 0 {
		return model.Degenerate("no issues to group actors on")
	}
	for i, p := range pos {
		if len(p) != d {
			return model.Errorf(model.EINTERNAL, "%s has positions on %d issues, actor 1 on %d", actor(i), len(p), d)
		}
		for _, v := range p {
			if !finite(v) {
				return notFinite(i)
			}
		}
	}
	return nil
}

func checkTol(tol float64) error {
	if tol == 0 {
		tol = DefaultTol
	}
	if !(tol > 0) || math.IsInf(tol, 0) {
		return model.Invalid("bloc tolerance", "tolerance > 0", "the bloc tolerance must be a positive distance, not %g", tol)
	}
	return nil
}

// finder holds one grouping's scratch arrays; finders are handed on through
// finderPool, since a Monte Carlo groups the actors of every issue of every
// draw. Actor lists are kept in position order throughout, so the blocs'
// members need no sorting.
type finder struct {
	n, d     int
	p        []float64 // p[i*d+k]: actor i's position on issue k (not owned)
	tol, eps float64

	order, rank, from []int // position order and rank; Prim's tree parent
	best              []float64
	in, side          []bool
	parent            []int // union-find forest over the actors
	grp               []int // actor → single-linkage group, or group start offsets
	mem, tmp          []int // actors of every group, then of every piece, contiguous
	tree, edges, etmp []edge
	leaves            [][2]int // the blocs: ranges of mem
}

var finderPool sync.Pool

func getFinder(n int) *finder {
	f, _ := finderPool.Get().(*finder)
	if f == nil || cap(f.order) < n {
		f = &finder{
			order: make([]int, n), rank: make([]int, n), from: make([]int, n),
			best: make([]float64, n), in: make([]bool, n), side: make([]bool, n),
			parent: make([]int, n), grp: make([]int, n+1), mem: make([]int, n), tmp: make([]int, n),
			tree: make([]edge, 0, n), edges: make([]edge, n), etmp: make([]edge, n),
		}
	}
	f.n = n
	f.order, f.rank, f.from, f.best = f.order[:n], f.rank[:n], f.from[:n], f.best[:n]
	f.in, f.side, f.parent, f.grp, f.mem, f.tmp = f.in[:n], f.side[:n], f.parent[:n], f.grp[:n+1], f.mem[:n], f.tmp[:n]
	f.tree, f.leaves = f.tree[:0], f.leaves[:0]
	return f
}

// find groups n = len(p)/d checked actors with positions p (p[i*d+k]).
func find(p []float64, d int, w []float64, tol float64) []Bloc {
	if tol == 0 {
		tol = DefaultTol
	}
	n := len(p) / d
	f := getFinder(n)
	defer func() { f.p = nil; finderPool.Put(f) }()
	f.p, f.d, f.tol, f.eps = p, d, tol, 1e-9*tol

	// Position order: lexicographic over issues, then actor index.
	order, rank := f.order, f.rank
	for i := range order {
		order[i] = i
	}
	switch {
	case d == 1 && n <= 32:
		// Insertion sort: stable, and quicker than SortStableFunc for a few.
		for a := 1; a < n; a++ {
			for b := a; b > 0 && p[order[b]] < p[order[b-1]]; b-- {
				order[b], order[b-1] = order[b-1], order[b]
			}
		}
	case d == 1:
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	default:
		slices.SortStableFunc(order, func(a, b int) int { return slices.Compare(p[a*d:(a+1)*d], p[b*d:(b+1)*d]) })
	}
	for r, i := range order {
		rank[i] = r
	}

	// Minimum spanning tree by Prim from the lowest actor; ties go to the
	// actor lower in position order. On one issue it links sorted neighbours.
	if d == 1 {
		f.sortedTree()
	} else {
		f.prim()
	}

	// Single-linkage groups at tol: the tree without its links longer than
	// tol. Groups are numbered by their lowest member; each group's members
	// (in position order) and links (in tree order) are made contiguous in
	// mem and edges, then split.
	short := f.etmp[:0]
	for _, e := range f.tree {
		if e.len <= tol+f.eps {
			short = append(short, e)
		}
	}
	f.unite(order, short, -1)
	group, root := f.from, f.tmp // from is free again: actor → group; tmp: root → group
	for i := range root {
		root[i] = -1
	}
	ng := 0
	for _, i := range order {
		r := f.root(i)
		if root[r] < 0 {
			root[r] = ng
			ng++
		}
		group[i] = root[r]
	}
	// Group g is mem[start[g]:start[g+1]]; a group is a tree, so its links
	// are edges[start[g]-g : start[g+1]-g-1].
	start, next := f.grp[:ng+1], f.tmp[:ng]
	clear(start)
	for _, i := range order {
		start[group[i]+1]++
	}
	for g := range ng {
		start[g+1] += start[g]
	}
	copy(next, start)
	for _, i := range order {
		f.mem[next[group[i]]] = i
		next[group[i]]++
	}
	for g := range ng {
		next[g] = start[g] - g
	}
	for _, e := range short {
		f.edges[next[group[e.u]]] = e
		next[group[e.u]]++
	}
	for g := range ng {
		f.split(start[g], start[g+1], start[g]-g, start[g+1]-g-1)
	}

	var total float64
	for _, x := range w {
		total += x
	}
	out := make([]Bloc, len(f.leaves))
	members := append([]int(nil), f.mem...)
	centres := make([]float64, len(f.leaves)*d)
	for b, lr := range f.leaves {
		ms := members[lr[0]:lr[1]:lr[1]]
		bl := Bloc{Members: ms, Centre: centres[b*d : (b+1)*d : (b+1)*d], Span: f.span(ms)}
		for _, i := range ms {
			bl.Power += w[i]
		}
		for _, i := range ms {
			share := 1 / float64(len(ms))
			if bl.Power > 0 {
				share = w[i] / bl.Power
			}
			for k := range d {
				bl.Centre[k] += share * p[i*d+k]
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
	return out
}

// prim builds the minimum spanning tree by Prim's algorithm from the lowest
// actor: each step adds the actor nearest the tree (ties: lowest in position
// order), linked to the tree's first actor at that distance.
func (f *finder) prim() {
	for i := range f.best {
		f.best[i], f.in[i] = math.Inf(1), false
	}
	order := f.order
	cur := order[0]
	f.in[cur] = true
	for range f.n - 1 {
		next := -1
		for _, j := range order {
			if f.in[j] {
				continue
			}
			if dj := f.dist(cur, j); dj < f.best[j] {
				f.best[j], f.from[j] = dj, cur
			}
			if next < 0 || f.best[j] < f.best[next] {
				next = j
			}
		}
		f.in[next] = true
		f.tree = append(f.tree, edge{f.from[next], next, f.best[next]})
		cur = next
	}
}

// sortedTree is prim on one issue, where the actors enter the tree in
// position order: the tree is always the lowest actors, and no actor
// above is nearer the tree than the next one up (the rounded distances
// are monotone in the positions). Its link goes to the first actor that
// entered at that distance, found going back from the top of the tree
// (distances only grow that way).
func (f *finder) sortedTree() {
	order := f.order
	for t := 1; t < len(order); t++ {
		next := order[t]
		d, from := f.dist(order[t-1], next), order[t-1]
		for s := t - 2; s >= 0 && f.dist(order[s], next) == d; s-- {
			from = order[s]
		}
		f.tree = append(f.tree, edge{from, next, d})
	}
}

// dist is the Euclidean distance between actors a and b.
func (f *finder) dist(a, b int) float64 {
	pa, pb := f.p[a*f.d:(a+1)*f.d], f.p[b*f.d:(b+1)*f.d]
	var s float64
	for k := range pa {
		s += (pa[k] - pb[k]) * (pa[k] - pb[k])
	}
	return math.Sqrt(s)
}

// span is the largest distance between two of members (in position order).
// On one issue that is the distance between the first and the last: the
// rounded differences and squares are monotone in the exact ones.
func (f *finder) span(members []int) float64 {
	var s float64
	if f.d == 1 {
		return max(s, f.dist(members[0], members[len(members)-1]))
	}
	for a, i := range members {
		for _, j := range members[a+1:] {
			s = max(s, f.dist(i, j))
		}
	}
	return s
}

// split splits the group mem[lo:hi], a tree with links edges[elo:ehi],
// until every span fits, and records the pieces in f.leaves.
func (f *finder) split(lo, hi, elo, ehi int) {
	members, edges := f.mem[lo:hi], f.edges[elo:ehi]
	if len(edges) == 0 || f.span(members) <= 2*f.tol+f.eps {
		f.leaves = append(f.leaves, [2]int{lo, hi})
		return
	}
	var longest float64
	for _, e := range edges {
		longest = max(longest, e.len)
	}
	cut, cutImbalance, cutRank := -1, 0, 0
	for k, e := range edges {
		if e.len < longest-f.eps {
			continue
		}
		f.unite(members, edges, k)
		side, rv := 0, f.root(e.v)
		for _, i := range members {
			if f.root(i) == rv {
				side++
			}
		}
		imbalance := abs(len(members) - 2*side)
		r := min(f.rank[e.u], f.rank[e.v])
		if cut < 0 || imbalance < cutImbalance || imbalance == cutImbalance && r < cutRank {
			cut, cutImbalance, cutRank = k, imbalance, r
		}
	}
	// Cut: the side holding the cut link's v goes second, both sides and
	// their links keeping their order.
	f.unite(members, edges, cut)
	rv := f.root(edges[cut].v)
	na, nb := 0, 0
	tmp := f.tmp[lo:hi]
	for _, i := range members {
		f.side[i] = f.root(i) == rv
		if !f.side[i] {
			tmp[na] = i
			na++
		}
	}
	for _, i := range members {
		if f.side[i] {
			tmp[na+nb] = i
			nb++
		}
	}
	copy(members, tmp)
	ea, eb := 0, 0
	etmp := f.etmp[elo:ehi]
	for k, e := range edges {
		if k != cut && !f.side[e.u] {
			etmp[ea] = e
			ea++
		}
	}
	for k, e := range edges {
		if k != cut && f.side[e.u] {
			etmp[ea+eb] = e
			eb++
		}
	}
	copy(edges, etmp[:ea+eb])
	f.split(lo, lo+na, elo, elo+ea)
	f.split(lo+na, hi, elo+ea, elo+ea+eb)
}

// unite joins the union-find forest over members by every link of edges
// but edges[skip].
func (f *finder) unite(members []int, edges []edge, skip int) {
	for _, i := range members {
		f.parent[i] = i
	}
	for k, e := range edges {
		if k != skip {
			if a, b := f.root(e.u), f.root(e.v); a != b {
				f.parent[a] = b
			}
		}
	}
}

// root is the root of i's tree in the union-find forest.
func (f *finder) root(i int) int {
	for f.parent[i] != i {
		f.parent[i] = f.parent[f.parent[i]]
		i = f.parent[i]
	}
	return i
}

// edge is a link of the minimum spanning tree between actors u and v.
type edge struct {
	u, v int
	len  float64
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// checkInput refuses what OnIssue and AcrossIssues both refuse: no actors,
// bad weights, a bad tolerance.
func checkInput(n int, w []float64, tol float64) error {
	if n == 0 {
		return model.Degenerate("no actors to group into blocs")
	}
	if err := checkWeights(n, w); err != nil {
		return err
	}
	return checkTol(tol)
}

// notFinite is the refusal of actor i's position that is not a number.
func notFinite(i int) error {
	return model.Invalid(actor(i)+" position", "finite", "%s's position is not a finite number", actor(i))
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
