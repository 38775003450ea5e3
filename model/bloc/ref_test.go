package bloc

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// acrossIssuesRef is the straightforward AcrossIssues the optimised one must match bit for bit.
// It groups the actors by Euclidean distance between their
// positions over several issues: pos[i][k] is actor i's position on issue k.
// w and tol are as for OnIssue.
func acrossIssuesRef(pos [][]float64, w []float64, tol float64) ([]Bloc, error) {
	// The same refusals as AcrossIssues (the reference is of the grouping).
	if err := checkAcross(pos, w, tol); err != nil {
		return nil, err
	}
	n, d := len(pos), len(pos[0])
	if tol == 0 {
		tol = DefaultTol
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
	var tree []edgeRef
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
		tree = append(tree, edgeRef{from[next], next, best[next]})
		cur = next
	}

	// Split a group (a tree given by its members and edges) until every span fits.
	var blocs [][]int
	var split func(members []int, edges []edgeRef)
	split = func(members []int, edges []edgeRef) {
		if len(edges) == 0 || spanRef(members, dist) <= 2*tol+eps {
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
			side := componentRef(e.v, edges, k)
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
		var ea, eb []edgeRef
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
	var short []edgeRef
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
		members := componentRef(i, short, -1)
		var edges []edgeRef
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
		bl := Bloc{Members: members, Centre: make([]float64, d), Span: spanRef(members, dist)}
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
type edgeRef struct {
	u, v int
	len  float64
}

// component returns the actors reachable from start over edges, skipping edge skip.
func componentRef(start int, edges []edgeRef, skip int) []int {
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

func spanRef(members []int, dist func(a, b int) float64) float64 {
	var s float64
	for a, i := range members {
		for _, j := range members[a+1:] {
			s = max(s, dist(i, j))
		}
	}
	return s
}

// TestAcrossIssuesMatchesRef checks AcrossIssues against acrossIssuesRef,
// bit for bit, on random inputs full of ties: positions on a coarse grid,
// repeated positions, zero weights, one to four issues.
func TestAcrossIssuesMatchesRef(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 7))
	for trial := range 20000 {
		n := 1 + r.IntN(40)
		d := 1 + r.IntN(4)
		if trial%2 == 0 {
			d = 1
		}
		grid := []float64{1, 2.5, 0.1, 7, 1e-3}[r.IntN(5)]
		pos, w := make([][]float64, n), make([]float64, n)
		for i := range n {
			pos[i] = make([]float64, d)
			for k := range d {
				switch {
				case i > 0 && r.IntN(5) == 0:
					pos[i][k] = pos[r.IntN(i)][k]
				case r.IntN(3) == 0:
					pos[i][k] = 100 * r.Float64()
				default:
					pos[i][k] = grid * float64(r.IntN(int(60/grid)+1))
				}
			}
			if r.IntN(6) > 0 {
				w[i] = float64(r.IntN(5)) * r.Float64() * 10
			}
		}
		tol := []float64{0, 1, 2.5, 5, 10, 0.3}[r.IntN(6)]
		got, err1 := AcrossIssues(pos, w, tol)
		want, err2 := acrossIssuesRef(pos, w, tol)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("trial %d: err %v, want %v", trial, err1, err2)
		}
		if !sameBlocs(got, want) {
			t.Fatalf("trial %d (n %d, d %d, tol %g): got %+v\nwant %+v", trial, n, d, tol, got, want)
		}
		if d == 1 {
			x := make([]float64, n)
			for i := range n {
				x[i] = pos[i][0]
			}
			got, _ := OnIssue(x, w, tol)
			if !sameBlocs(got, want) {
				t.Fatalf("trial %d OnIssue: got %+v\nwant %+v", trial, got, want)
			}
		}
	}
}

func sameBlocs(a, b []Bloc) bool {
	same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i].Members, b[i].Members) || len(a[i].Centre) != len(b[i].Centre) ||
			!same(a[i].Span, b[i].Span) || !same(a[i].Power, b[i].Power) || !same(a[i].Share, b[i].Share) {
			return false
		}
		for k := range a[i].Centre {
			if !same(a[i].Centre[k], b[i].Centre[k]) {
				return false
			}
		}
	}
	return true
}
