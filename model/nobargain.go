package model

import (
	"fmt"
	"slices"
)

// NoBargainPair says that two actors do not bargain directly (Israel and
// Iran's government do not talk; Washington and Tehran talk only through
// Oman): the models never let one challenge the other or propose it a
// bargain. Both still vote on everything. A and B are actor names.
type NoBargainPair struct {
	A         string `json:"a"`
	B         string `json:"b"`
	Rationale string `json:"rationale,omitempty"` // the sentence the pair rests on
}

// Has reports whether the pair joins actors x and y (either order).
func (p NoBargainPair) Has(x, y string) bool {
	return (p.A == x && p.B == y) || (p.A == y && p.B == x)
}

// NoBargainIndices returns the scenario's no-bargaining pairs as actor
// indices, for the engines. A pair naming an actor the scenario does not
// have is left out (Validate refuses it).
func (s *Scenario) NoBargainIndices() [][2]int {
	var out [][2]int
	for _, p := range s.NoBargain {
		a, b := s.actorByName(p.A), s.actorByName(p.B)
		if a >= 0 && b >= 0 && a != b {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

func (s *Scenario) actorByName(n string) int {
	for i, a := range s.Actors {
		if a.Name == n {
			return i
		}
	}
	return -1
}

// NoBargainBetween returns the pair joining actors a and b (indices), if any.
func (s *Scenario) NoBargainBetween(a, b int) (NoBargainPair, bool) {
	if a < 0 || b < 0 || a >= len(s.Actors) || b >= len(s.Actors) {
		return NoBargainPair{}, false
	}
	for _, p := range s.NoBargain {
		if p.Has(s.Actors[a].Name, s.Actors[b].Name) {
			return p, true
		}
	}
	return NoBargainPair{}, false
}

// checkNoBargain: every pair names two different actors of the scenario, once.
func checkNoBargain(s *Scenario) []error {
	var errs []error
	for k, p := range s.NoBargain {
		where := fmt.Sprintf("no-bargaining pair %d", k+1)
		switch {
		case s.actorByName(p.A) < 0:
			errs = append(errs, Invalid(where, RuleKnownActor, "%q is not an actor of this scenario (remove the pair before deleting or renaming the actor)", p.A))
		case s.actorByName(p.B) < 0:
			errs = append(errs, Invalid(where, RuleKnownActor, "%q is not an actor of this scenario (remove the pair before deleting or renaming the actor)", p.B))
		case p.A == p.B:
			errs = append(errs, Invalid(where, RuleKnownActor, "%q is paired with itself", p.A))
		default:
			for j := range k {
				if s.NoBargain[j].Has(p.A, p.B) {
					errs = append(errs, Invalid(where, RuleUnique, "%q and %q are already a pair (pair %d)", p.A, p.B, j+1))
					break
				}
			}
		}
	}
	return errs
}

// RuleKnownActor is the rule a reference to an unknown actor breaks.
const RuleKnownActor = "known actor"

// SetNoBargain is the Op that replaces the scenario's no-bargaining pairs.
const SetNoBargain OpKind = "set_no_bargain"

// ChangeNoBargain is the undoable edit that replaces s's no-bargaining pairs with pairs.
func ChangeNoBargain(s *Scenario, pairs []NoBargainPair, label string) Edit {
	return Edit{Label: label, Ops: []Op{{Kind: SetNoBargain,
		OldPairs: slices.Clone(s.NoBargain), NewPairs: slices.Clone(pairs)}}}
}

func (op Op) applyNoBargain(s *Scenario) error {
	if !slices.Equal(s.NoBargain, op.OldPairs) && !(len(s.NoBargain) == 0 && len(op.OldPairs) == 0) {
		return stale("the no-bargaining pairs")
	}
	s.NoBargain = slices.Clone(op.NewPairs)
	if len(s.NoBargain) == 0 {
		s.NoBargain = nil
	}
	return nil
}

// renameInPairs makes the pairs follow an actor's rename.
func (s *Scenario) renameInPairs(old, name string) {
	if old == name {
		return
	}
	for k := range s.NoBargain {
		if s.NoBargain[k].A == old {
			s.NoBargain[k].A = name
		}
		if s.NoBargain[k].B == old {
			s.NoBargain[k].B = name
		}
	}
}
