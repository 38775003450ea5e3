package bdm

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// MinSwingShare is the smallest swing, as a share of the range R, that counts
// as a turn in an actor's path when looking for cycles: smaller wobbles are
// a compromise settling, not an oscillation.
const MinSwingShare = 0.05

// Cycle says that a run went back and forth instead of settling: some actors'
// positions rise and fall repeatedly (at least two turns each, every swing at
// least MinSwingShare of R), so the round the run stopped on is one side of
// an oscillation, not an outcome.
type Cycle struct {
	// Period is the typical number of rounds between two peaks (or two
	// troughs) of the same actor: the median of those gaps over the actors
	// that oscillate, rounded. 0 when no actor has yet been seen at two peaks
	// or two troughs, or returned to where it was (too few rounds).
	Period int
	// From is the first round of the oscillation (the earliest turn of any
	// oscillating actor, less one).
	From int
	// Actors are the oscillating actors with the low and high ends of their
	// positions from From on, in input order.
	Actors []Swing
	// MedianLow and MedianHigh bound the weighted median from From on: the
	// forecast the run would give had it stopped on another round.
	MedianLow, MedianHigh float64
}

// Swing is one actor's oscillation.
type Swing struct {
	Actor     int
	Low, High float64
	Turns     int // number of direction reversals
}

// DetectCycle looks for an oscillation in a trajectory (Rounds[0] the input),
// with R the distance that counts as 1. It returns nil when no actor turns
// back at least twice by more than MinSwingShare·R.
//
// An actor's path x_0..x_T is compressed (repeated values dropped, keeping the
// round each new value appeared); a turn is an interior point where the
// direction reverses, each adjacent leg at least MinSwingShare·R long. The
// period comes from the gaps between successive peaks and between successive
// troughs; an actor with only one of each, but whose last position equals
// (within MinSwingShare·R) one it held p rounds earlier after leaving it,
// contributes p.
func DetectCycle(rounds []Round, R float64) *Cycle {
	if len(rounds) < 4 || !(R > 0) {
		return nil
	}
	n := len(rounds[0].Positions)
	tol := MinSwingShare * R
	var c Cycle
	c.From = len(rounds)
	// Per-actor stores, reused from one actor to the next, in arrays on the
	// stack while a run is short.
	var xsBuf [16]float64
	var gapsBuf, tsBuf, peaksBuf, troughsBuf, ownBuf [16]int
	gaps, xs, ts, peaks, troughs, own := gapsBuf[:0], xsBuf[:0], tsBuf[:0], peaksBuf[:0], troughsBuf[:0], ownBuf[:0]
	for a := 0; a < n; a++ {
		// Compressed path: values and the round each appeared.
		xs, ts = xs[:0], ts[:0]
		for t, r := range rounds {
			x := r.Positions[a]
			if len(xs) == 0 || math.Abs(x-xs[len(xs)-1]) > 1e-9*R {
				xs, ts = append(xs, x), append(ts, t)
			}
		}
		peaks, troughs = peaks[:0], troughs[:0]
		first := -1
		for k := 1; k+1 < len(xs); k++ {
			up, down := xs[k]-xs[k-1], xs[k+1]-xs[k]
			if math.Abs(up) < tol || math.Abs(down) < tol || (up > 0) == (down > 0) {
				continue
			}
			if first < 0 {
				first = ts[k-1]
			}
			if up > 0 {
				peaks = append(peaks, ts[k])
			} else {
				troughs = append(troughs, ts[k])
			}
		}
		turns := len(peaks) + len(troughs)
		if turns < 2 {
			continue
		}
		own = own[:0]
		for _, p := range [2][]int{peaks, troughs} {
			for k := 1; k < len(p); k++ {
				own = append(own, p[k]-p[k-1])
			}
		}
		if len(own) == 0 {
			// Back where it was p rounds ago, having left it in between.
			T := len(rounds) - 1
			xT := rounds[T].Positions[a]
			for p := 2; p <= T; p++ {
				if math.Abs(rounds[T-p].Positions[a]-xT) <= tol {
					moved := false
					for t := T - p + 1; t < T; t++ {
						moved = moved || math.Abs(rounds[t].Positions[a]-xT) > tol
					}
					if moved {
						own = append(own, p)
						break
					}
				}
			}
		}
		gaps = append(gaps, own...)
		c.From = min(c.From, first)
		c.Actors = append(c.Actors, Swing{Actor: a, Turns: turns})
	}
	if len(c.Actors) == 0 {
		return nil
	}
	for k := range c.Actors {
		s := &c.Actors[k]
		s.Low, s.High = math.Inf(1), math.Inf(-1)
		for _, r := range rounds[c.From:] {
			s.Low, s.High = min(s.Low, r.Positions[s.Actor]), max(s.High, r.Positions[s.Actor])
		}
	}
	c.MedianLow, c.MedianHigh = math.Inf(1), math.Inf(-1)
	for _, r := range rounds[c.From:] {
		c.MedianLow, c.MedianHigh = min(c.MedianLow, r.Median), max(c.MedianHigh, r.Median)
	}
	if len(gaps) > 0 {
		slices.Sort(gaps)
		m := len(gaps) / 2
		med := float64(gaps[m])
		if len(gaps)%2 == 0 {
			med = float64(gaps[m-1]+gaps[m]) / 2
		}
		c.Period = int(math.Round(med))
	}
	out := c // only a cycle found goes to the heap
	return &out
}

// Describe says the cycle in words: "positions cycle with a period of about 5
// rounds from round 1: Belgium between 4.1 and 9.96, …; the median swings
// between 7.0 and 9.96".
func (c *Cycle) Describe(names []string) string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	if c.Period > 0 {
		fmt.Fprintf(&b, "positions cycle with a period of about %d rounds from round %d: ", c.Period, c.From)
	} else {
		fmt.Fprintf(&b, "positions go back and forth from round %d: ", c.From)
	}
	for k, s := range c.Actors {
		if k > 0 {
			b.WriteString("; ")
		}
		if k == 4 && len(c.Actors) > 5 {
			fmt.Fprintf(&b, "and %d more", len(c.Actors)-4)
			break
		}
		lo, hi := formatPair(s.Low, s.High)
		fmt.Fprintf(&b, "%s between %s and %s", actorName(names, s.Actor), lo, hi)
	}
	lo, hi := formatPair(c.MedianLow, c.MedianHigh)
	if c.MedianHigh-c.MedianLow > 1e-9 {
		fmt.Fprintf(&b, "; the median swings between %s and %s", lo, hi)
	} else {
		fmt.Fprintf(&b, "; the median stays at %s", lo)
	}
	return b.String()
}

// Status says in a few words how the run ended: "cycling (period 5)",
// "stopped at the round cap", "converged (nobody moves)" or "median settled,
// actors still moving".
func (r *Result) Status() string {
	switch {
	case r.Cycle != nil && r.Cycle.Period > 0:
		return fmt.Sprintf("cycling (period %d)", r.Cycle.Period)
	case r.Cycle != nil:
		return "oscillating"
	case r.AtRoundCap:
		return "stopped at the round cap"
	case r.Still:
		return "converged (nobody moves)"
	case r.Converged:
		return "median settled, actors still moving"
	}
	return "stopped"
}

// Numbers gives the expected-utility numbers behind a move, for an analyst
// to check: "eij = −0.115 (Belgium's gain from challenging France), eji =
// +0.243 (Belgium's estimate of France's gain from challenging it), r = 1.12
// (risk-averse), P(win) = 0.031, P(lose) = 0.067".
func (m Move) Numbers(names []string) string {
	who, whom := actorName(names, m.Mover), actorName(names, m.Counterpart)
	att := "risk-neutral"
	switch {
	case m.Risk > 1+1e-9:
		att = "risk-averse"
	case m.Risk < 1-1e-9:
		att = "risk-taking"
	}
	return fmt.Sprintf("eij = %+.3f (%s's gain from challenging %s), eji = %+.3f (%s's estimate of %s's gain from challenging it), r = %.2f (%s), P(%s wins) = %.4f, P(%s wins) = %.4f",
		m.EUSelf, who, whom, m.EUOther, who, whom, m.Risk, att, who, m.PSelf, whom, m.POther)
}
