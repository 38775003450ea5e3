package smp

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// TurnExplanation says what happened between turn Turn and turn Turn+1: which
// bargains were proposed between whom, which each actor accepted, how each
// actor's position and its winning probability changed.
type TurnExplanation struct {
	Turn      int
	Proposals []Proposal  // one per actor that challenged someone, in initiator order
	Actors    []ActorTurn // one per actor, in input order
	Summary   string      // one sentence: how many bargains, how many accepted, the largest shift
	Lines     []string    // the proposals, then every actor that moved, in words
}

// Proposal is one bargain an initiator put to its target.
type Proposal struct {
	Initiator, Receiver int
	Prob                float64   // the initiator's estimate that it prevails
	Gain                float64   // the initiator's expected gain over the status quo (Δu)
	ForInitiator        []float64 // the position the bargain gives the initiator, per issue, 0-100
	ForReceiver         []float64 // the position it gives the receiver
	// AcceptedBy lists who took this bargain (the initiator, the receiver, both or neither).
	AcceptedBy []int
}

// ActorTurn is one actor's turn: the deal it took and what that did.
type ActorTurn struct {
	Actor    int
	Deal     Deal      // Initiator == Receiver == Actor: it kept its position
	From, To []float64 // its position before and after, per issue, 0-100
	// ProbBefore and ProbAfter are the actor's winning probability at Turn
	// and at Turn+1, exactly Turns[Turn].Probabilities and Turns[Turn+1].Probabilities.
	ProbBefore, ProbAfter float64
	Why                   string // in words
}

// Moved reports whether the actor's position changed by more than 0.05 point on some issue.
func (a ActorTurn) Moved() bool {
	for k := range a.From {
		if math.Abs(a.To[k]-a.From[k]) > 0.05 {
			return true
		}
	}
	return false
}

// Explain explains every turn of a run that was followed by another: one
// TurnExplanation per turn 0..len(Turns)−2. names are the actors' names and
// issues the issues' names (either may be nil: "actor 3", "issue 2").
func Explain(res *Result, names, issues []string) []TurnExplanation {
	if res == nil {
		return nil
	}
	var out []TurnExplanation
	for t := 0; t+1 < len(res.Turns); t++ {
		cur, next := &res.Turns[t], &res.Turns[t+1]
		if cur.Challenges == nil || cur.Adopted == nil {
			continue
		}
		te := TurnExplanation{Turn: t}
		byInit := map[int]int{}
		for i, c := range cur.Challenges {
			if c.Target < 0 {
				continue
			}
			byInit[i] = len(te.Proposals)
			te.Proposals = append(te.Proposals, Proposal{Initiator: i, Receiver: c.Target, Prob: c.Prob, Gain: c.Gain,
				ForInitiator: c.Initiator, ForReceiver: c.Receiver})
		}
		moved, accepted := 0, 0
		bestShift, bestWho := 0.0, -1
		for k, d := range cur.Adopted {
			at := ActorTurn{Actor: k, Deal: d, From: cur.Positions[k], To: next.Positions[k],
				ProbBefore: cur.Probabilities[k], ProbAfter: next.Probabilities[k]}
			who := actorName(names, k)
			prob := fmt.Sprintf("its winning probability went from %.4f to %.4f", at.ProbBefore, at.ProbAfter)
			switch {
			case d.Initiator == d.Receiver:
				at.Why = fmt.Sprintf("%s kept its position: no bargain it was offered beat its status quo; %s", who, prob)
			default:
				if p, ok := byInit[d.Initiator]; ok {
					te.Proposals[p].AcceptedBy = append(te.Proposals[p].AcceptedBy, k)
				}
				accepted++
				role := fmt.Sprintf("the bargain it proposed to %s", actorName(names, d.Receiver))
				if d.Initiator != k {
					role = fmt.Sprintf("the bargain %s proposed to it", actorName(names, d.Initiator))
				}
				at.Why = fmt.Sprintf("%s took %s and moved %s; %s", who, role, movement(at.From, at.To, issues), prob)
			}
			if at.Moved() {
				moved++
			}
			if s := math.Abs(at.ProbAfter - at.ProbBefore); s > bestShift {
				bestShift, bestWho = s, k
			}
			te.Actors = append(te.Actors, at)
		}
		for _, p := range te.Proposals {
			acc := "nobody took it"
			if len(p.AcceptedBy) > 0 {
				var ws []string
				for _, a := range p.AcceptedBy {
					ws = append(ws, actorName(names, a))
				}
				acc = "taken by " + strings.Join(ws, " and ")
			}
			te.Lines = append(te.Lines, fmt.Sprintf("%s proposed a bargain to %s (P(prevail) = %.4f, gain Δu = %+.4f): %s for itself, %s for %s; %s",
				actorName(names, p.Initiator), actorName(names, p.Receiver), p.Prob, p.Gain, point(p.ForInitiator), point(p.ForReceiver), actorName(names, p.Receiver), acc))
		}
		for _, a := range te.Actors {
			if a.Deal.Initiator != a.Deal.Receiver || a.Moved() {
				te.Lines = append(te.Lines, a.Why)
			}
		}
		te.Summary = fmt.Sprintf("Turn %d → %d: %d bargains proposed, %d taken, %d actors moved", t, t+1, len(te.Proposals), accepted, moved)
		if bestWho >= 0 {
			a := te.Actors[bestWho]
			te.Summary += fmt.Sprintf("; the largest probability shift: %s, %.4f → %.4f", actorName(names, bestWho), a.ProbBefore, a.ProbAfter)
		}
		out = append(out, te)
	}
	return out
}

func actorName(names []string, i int) string {
	if i >= 0 && i < len(names) && names[i] != "" {
		return names[i]
	}
	return "actor " + strconv.Itoa(i+1)
}

func point(p []float64) string {
	parts := make([]string, len(p))
	for k, x := range p {
		parts[k] = strconv.FormatFloat(x, 'f', 1, 64)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// movement says how a position changed: "on Scope from 15.0 to 70.0, on
// Sanctions from 0.0 to 12.5"; only issues that moved by more than 0.05.
func movement(from, to []float64, issues []string) string {
	var parts []string
	for k := range from {
		if math.Abs(to[k]-from[k]) <= 0.05 {
			continue
		}
		is := "issue " + strconv.Itoa(k+1)
		if k < len(issues) && issues[k] != "" {
			is = issues[k]
		}
		parts = append(parts, fmt.Sprintf("on %s from %.1f to %.1f", is, from[k], to[k]))
	}
	if len(parts) == 0 {
		return "less than 0.05 point"
	}
	return strings.Join(parts, ", ")
}
