package model

import (
	"fmt"
)

// Op is one invertible change to a scenario. Each kind carries both the old
// and the new value, so Invert is exact and an Op can be stored in the edit
// journal as JSON and replayed after a restart.
type Op struct {
	Kind  OpKind `json:"kind"`
	Index int    `json:"index"` // actor or issue index
	// For SetActor / InsertActor / DeleteActor.
	OldActor *Actor `json:"old_actor,omitempty"`
	NewActor *Actor `json:"new_actor,omitempty"`
	// For SetIssue / InsertIssue / DeleteIssue. Stances holds each actor's
	// stance on an inserted or deleted issue, by actor index.
	OldIssue *Issue   `json:"old_issue,omitempty"`
	NewIssue *Issue   `json:"new_issue,omitempty"`
	Stances  []Stance `json:"stances,omitempty"`
	// Unset lists the actors (by index) with no stance on the inserted or
	// deleted issue: Stances holds a zero Stance for them.
	Unset []int `json:"unset,omitempty"`
	// For SetMeta: name, description, date, notes, settings.
	OldMeta *Meta `json:"old_meta,omitempty"`
	NewMeta *Meta `json:"new_meta,omitempty"`
	// For SetNoBargain (model/nobargain.go).
	OldPairs []NoBargainPair `json:"old_pairs,omitempty"`
	NewPairs []NoBargainPair `json:"new_pairs,omitempty"`
}

// OpKind names what an Op changes.
type OpKind string

// The kinds of Op.
const (
	SetActor    OpKind = "set_actor"
	InsertActor OpKind = "insert_actor"
	DeleteActor OpKind = "delete_actor"
	SetIssue    OpKind = "set_issue"
	InsertIssue OpKind = "insert_issue"
	DeleteIssue OpKind = "delete_issue"
	SetMeta     OpKind = "set_meta"
)

// Meta is a scenario's own fields, without its actors and issues.
type Meta struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Date        string   `json:"date,omitempty"`
	Notes       string   `json:"notes,omitempty"`
	Settings    Settings `json:"settings"`
}

// MetaOf returns s's own fields.
func MetaOf(s *Scenario) Meta {
	return Meta{s.Name, s.Description, s.Date, s.Notes, s.Settings}
}

// Edit is one undoable step as the analyst sees it ("USA salience on Scope
// 80 → 60"): one or more Ops applied together.
type Edit struct {
	Label string `json:"label"`
	Ops   []Op   `json:"ops"`
	// At is when the edit was made (RFC 3339), for "what changed since".
	At string `json:"at,omitempty"`
}

func cloneActor(a Actor) *Actor {
	s := &Scenario{Actors: []Actor{a}}
	return &s.Clone().Actors[0]
}

func cloneIssue(i Issue) *Issue {
	i.Anchors = append([]Anchor(nil), i.Anchors...)
	return &i
}

// ChangeActor is the edit that replaces actor i of s with a (a copy is kept).
func ChangeActor(s *Scenario, i int, a Actor, label string) Edit {
	return Edit{Label: label, Ops: []Op{{Kind: SetActor, Index: i, OldActor: cloneActor(s.Actors[i]), NewActor: cloneActor(a)}}}
}

// ChangeStance is the edit that sets actor a's stance on issue i.
func ChangeStance(s *Scenario, a, i int, st Stance, label string) Edit {
	na := *cloneActor(s.Actors[a])
	na.Stances[s.Issues[i].Key] = st
	return ChangeActor(s, a, na, label)
}

// AddActor is the edit that inserts a at index i (len(s.Actors) appends).
func AddActor(i int, a Actor) Edit {
	return Edit{Label: "Add actor " + a.Name, Ops: []Op{{Kind: InsertActor, Index: i, NewActor: cloneActor(a)}}}
}

// RemoveActor is the edit that deletes actor i.
func RemoveActor(s *Scenario, i int) Edit {
	return Edit{Label: "Delete actor " + s.Actors[i].Name, Ops: []Op{{Kind: DeleteActor, Index: i, OldActor: cloneActor(s.Actors[i])}}}
}

// ChangeIssue is the edit that replaces issue i's own fields (not its key:
// stances are filed under the key).
func ChangeIssue(s *Scenario, i int, is Issue, label string) Edit {
	return Edit{Label: label, Ops: []Op{{Kind: SetIssue, Index: i, OldIssue: cloneIssue(s.Issues[i]), NewIssue: cloneIssue(is)}}}
}

// AddIssue is the edit that inserts issue is at index i with each actor's stance.
func AddIssue(i int, is Issue, stances []Stance) Edit {
	return Edit{Label: "Add issue " + is.Name, Ops: []Op{{Kind: InsertIssue, Index: i, NewIssue: cloneIssue(is), Stances: append([]Stance(nil), stances...)}}}
}

// AddUnsetIssue is the edit that inserts issue is at index i with no
// actor's stance set on it (each is left out of the models until set).
func AddUnsetIssue(s *Scenario, i int, is Issue) Edit {
	e := AddIssue(i, is, make([]Stance, len(s.Actors)))
	for a := range s.Actors {
		e.Ops[0].Unset = append(e.Ops[0].Unset, a)
	}
	return e
}

// UnsetStance is the edit that removes actor a's stance on issue i: it is
// left out of every model until set again.
func UnsetStance(s *Scenario, a, i int, label string) Edit {
	na := *cloneActor(s.Actors[a])
	delete(na.Stances, s.Issues[i].Key)
	return ChangeActor(s, a, na, label)
}

// HasStance reports whether actor a has a stance on issue i (else it is unset).
func (s *Scenario) HasStance(a, i int) bool {
	_, ok := s.Actors[a].Stances[s.Issues[i].Key]
	return ok
}

// RemoveIssue is the edit that deletes issue i and every stance on it.
func RemoveIssue(s *Scenario, i int) Edit {
	st := make([]Stance, len(s.Actors))
	var unset []int
	for a := range s.Actors {
		var ok bool
		if st[a], ok = s.Actors[a].Stances[s.Issues[i].Key]; !ok {
			unset = append(unset, a)
		}
	}
	return Edit{Label: "Delete issue " + s.Issues[i].Name, Ops: []Op{{Kind: DeleteIssue, Index: i, OldIssue: cloneIssue(s.Issues[i]), Stances: st, Unset: unset}}}
}

// ChangeMeta is the edit that sets the scenario's own fields.
func ChangeMeta(s *Scenario, m Meta, label string) Edit {
	old := MetaOf(s)
	return Edit{Label: label, Ops: []Op{{Kind: SetMeta, OldMeta: &old, NewMeta: &m}}}
}

// Inverse returns the edit that undoes e.
func (e Edit) Inverse() Edit {
	inv := Edit{Label: e.Label, Ops: make([]Op, len(e.Ops))}
	for k, op := range e.Ops {
		o := op
		o.OldActor, o.NewActor = op.NewActor, op.OldActor
		o.OldIssue, o.NewIssue = op.NewIssue, op.OldIssue
		o.OldMeta, o.NewMeta = op.NewMeta, op.OldMeta
		o.OldPairs, o.NewPairs = op.NewPairs, op.OldPairs
		switch op.Kind {
		case InsertActor:
			o.Kind = DeleteActor
		case DeleteActor:
			o.Kind = InsertActor
		case InsertIssue:
			o.Kind = DeleteIssue
		case DeleteIssue:
			o.Kind = InsertIssue
		}
		inv.Ops[len(e.Ops)-1-k] = o
	}
	return inv
}

// Apply applies e to s in place. It checks that s is in the state the edit
// expects (the old values match), so a stale edit is refused rather than
// silently overwriting newer work; on error s is unchanged.
func (e Edit) Apply(s *Scenario) error {
	work := s.Clone()
	for _, op := range e.Ops {
		if err := op.apply(work); err != nil {
			return err
		}
	}
	*s = *work
	return nil
}

func stale(what string) error {
	return Errorf(ECONFLICT, "cannot apply the edit: %s changed since it was recorded", what)
}

func (op Op) apply(s *Scenario) error {
	switch op.Kind {
	case SetActor:
		if op.Index < 0 || op.Index >= len(s.Actors) || s.Actors[op.Index].Name != op.OldActor.Name {
			return stale("the actor")
		}
		s.Actors[op.Index] = *cloneActor(*op.NewActor)
		s.renameInPairs(op.OldActor.Name, op.NewActor.Name)
	case InsertActor:
		if op.Index < 0 || op.Index > len(s.Actors) {
			return stale("the actor list")
		}
		s.Actors = append(s.Actors[:op.Index], append([]Actor{*cloneActor(*op.NewActor)}, s.Actors[op.Index:]...)...)
	case DeleteActor:
		if op.Index < 0 || op.Index >= len(s.Actors) || s.Actors[op.Index].Name != op.OldActor.Name {
			return stale("the actor list")
		}
		s.Actors = append(s.Actors[:op.Index], s.Actors[op.Index+1:]...)
	case SetIssue:
		if op.Index < 0 || op.Index >= len(s.Issues) || s.Issues[op.Index].Key != op.OldIssue.Key || op.NewIssue.Key != op.OldIssue.Key {
			return stale("the issue")
		}
		s.Issues[op.Index] = *cloneIssue(*op.NewIssue)
	case InsertIssue:
		if op.Index < 0 || op.Index > len(s.Issues) || len(op.Stances) != len(s.Actors) {
			return stale("the issue list")
		}
		s.Issues = append(s.Issues[:op.Index], append([]Issue{*cloneIssue(*op.NewIssue)}, s.Issues[op.Index:]...)...)
		unset := map[int]bool{}
		for _, a := range op.Unset {
			unset[a] = true
		}
		for a := range s.Actors {
			if !unset[a] {
				s.SetStance(a, op.Index, op.Stances[a])
			}
		}
	case DeleteIssue:
		if op.Index < 0 || op.Index >= len(s.Issues) || s.Issues[op.Index].Key != op.OldIssue.Key {
			return stale("the issue list")
		}
		key := s.Issues[op.Index].Key
		for a := range s.Actors {
			delete(s.Actors[a].Stances, key)
		}
		s.Issues = append(s.Issues[:op.Index], s.Issues[op.Index+1:]...)
	case SetMeta:
		m := op.NewMeta
		s.Name, s.Description, s.Date, s.Notes, s.Settings = m.Name, m.Description, m.Date, m.Notes, m.Settings
	case SetNoBargain:
		return op.applyNoBargain(s)
	default:
		return Errorf(EINVALID, "unknown edit %q", op.Kind)
	}
	return nil
}

// History is a scenario's undo and redo stacks.
type History struct {
	undo, redo []Edit
}

// Do applies e to s and records it for undo; the redo stack is cleared. An
// edit that leaves s invalid is refused and s is unchanged.
func (h *History) Do(s *Scenario, e Edit) error {
	work := s.Clone()
	if err := e.Apply(work); err != nil {
		return err
	}
	if err := ValidateErr(work); err != nil {
		return err
	}
	*s = *work
	h.undo = append(h.undo, e)
	h.redo = nil
	return nil
}

// Undo reverts the last edit; it returns the edit undone (false when there was none).
func (h *History) Undo(s *Scenario) (Edit, bool, error) {
	if len(h.undo) == 0 {
		return Edit{}, false, nil
	}
	e := h.undo[len(h.undo)-1]
	if err := e.Inverse().Apply(s); err != nil {
		return e, false, err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, e)
	return e, true, nil
}

// Redo re-applies the last undone edit.
func (h *History) Redo(s *Scenario) (Edit, bool, error) {
	if len(h.redo) == 0 {
		return Edit{}, false, nil
	}
	e := h.redo[len(h.redo)-1]
	if err := e.Apply(s); err != nil {
		return e, false, err
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, e)
	return e, true, nil
}

// CanUndo and CanRedo say whether there is anything to undo or redo, and what.
func (h *History) CanUndo() (string, bool) {
	if len(h.undo) == 0 {
		return "", false
	}
	return h.undo[len(h.undo)-1].Label, true
}

// CanRedo says whether there is anything to redo, and what.
func (h *History) CanRedo() (string, bool) {
	if len(h.redo) == 0 {
		return "", false
	}
	return h.redo[len(h.redo)-1].Label, true
}

// Stacks returns copies of the undo and redo stacks (oldest first), for the journal.
func (h *History) Stacks() (undo, redo []Edit) {
	return append([]Edit(nil), h.undo...), append([]Edit(nil), h.redo...)
}

// Restore replaces the stacks (from the journal after a restart).
func (h *History) Restore(undo, redo []Edit) {
	h.undo, h.redo = append([]Edit(nil), undo...), append([]Edit(nil), redo...)
}

// Describe formats a number change for an edit label: "USA salience on Scope 80 → 60".
func Describe(target string, old, new float64) string {
	return fmt.Sprintf("%s %g → %g", target, old, new)
}
