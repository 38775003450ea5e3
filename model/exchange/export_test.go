package exchange

import "sort"

// FirstGains returns the gains of round 1's candidates, highest first, before
// any is executed (for the reference tool's test of the first two).
func FirstGains(in Input) ([]float64, error) {
	e, err := newEngine(in, Options{Rounds: 1})
	if err != nil {
		return nil, err
	}
	e.begin()
	var g []float64
	e.formCandidates()
	for _, c := range e.cands {
		g = append(g, c.gain)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(g)))
	return g, nil
}
