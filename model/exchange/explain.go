package exchange

import (
	"fmt"
	"math"
	"strings"
)

// Explain says in one sentence what the exchange did, e.g. "Iran conceded on
// verification (55 → 70) in exchange for the United States' move on
// sanctions relief (20 → 38); each gained 0.41". actors and issues are the
// names to use (Result.Actors, Result.Issues); positions are as recorded
// (0-100).
func (x Exchange) Explain(actors, issues []string) string {
	return fmt.Sprintf("%s conceded on %s (%s → %s) in exchange for %s move on %s (%s → %s); each gained %s",
		name(actors, x.I.Actor), name(issues, x.I.Supply), pos(x.I.Start), pos(x.I.Voting),
		Possessive(name(actors, x.J.Actor)), name(issues, x.J.Supply), pos(x.J.Start), pos(x.J.Voting), gain(x.Gain))
}

func name(names []string, k int) string {
	if k >= 0 && k < len(names) {
		return names[k]
	}
	return fmt.Sprintf("#%d", k+1)
}

func pos(v float64) string {
	if math.Abs(v-math.Round(v)) < 0.05 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func gain(g float64) string {
	if g >= 0.01 {
		return fmt.Sprintf("%.2f", g)
	}
	return fmt.Sprintf("%.2g", g)
}

// Possessive returns "Iran's", "the United States'".
func Possessive(s string) string {
	if strings.HasSuffix(s, "s") {
		return s + "'"
	}
	return s + "'s"
}

// Trade is one side of an exchange seen from one actor: it moved on Issue
// from From to To (what it gave), or its partner did (what it got).
type Trade struct {
	Seq      int // the exchange, 1-based within the round
	Partner  int
	Issue    int
	From, To float64
}

// Balance is what one actor gave and got in one round: its own trades, the
// gains they brought it, and the effect on it of the trades it took no part
// in (third-party effects), in the same units as an exchange's gain.
type Balance struct {
	Actor      int
	Gave, Got  []Trade
	Gain       float64 // Σ the equal gains of its own exchanges
	ThirdParty float64 // Σ over the others' exchanges of s·(how much nearer the outcome came to it)
}

// Balances returns, for round rd of r, each actor's Balance. The utility of
// actor k is −Σ_d s_kd·|O_d − x_kd| with x its round-start policy position and
// O the running outcome; a third-party effect is the change in it from an
// exchange between two others.
func (r *Result) Balances(rd int) []Balance {
	saliences := r.Salience
	round := &r.Rounds[rd]
	n := len(r.Actors)
	out := make([]Balance, n)
	for a := range out {
		out[a].Actor = a
	}
	prev := round.Preference
	util := func(a int, o []float64) float64 {
		var u float64
		for d := range o {
			if r.Has[a][d] {
				u -= saliences[a][d] * math.Abs(o[d]-round.PreferencePositions[a][d])
			}
		}
		return u
	}
	for k, x := range round.Exchanges {
		now := round.Running[k]
		for _, pair := range [2][2]Side{{x.I, x.J}, {x.J, x.I}} {
			me, other := pair[0], pair[1]
			b := &out[me.Actor]
			b.Gave = append(b.Gave, Trade{Seq: x.Seq, Partner: other.Actor, Issue: me.Supply, From: me.Start, To: me.Voting})
			b.Got = append(b.Got, Trade{Seq: x.Seq, Partner: other.Actor, Issue: other.Supply, From: other.Start, To: other.Voting})
			b.Gain += x.Gain
		}
		for a := 0; a < n; a++ {
			if a != x.I.Actor && a != x.J.Actor {
				out[a].ThirdParty += util(a, now) - util(a, prev)
			}
		}
		prev = now
	}
	return out
}
