package model

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestUndoRedoEveryKind(t *testing.T) {
	s := valid()
	orig := s.Clone()
	var h History
	st := s.Stance(0, 0)
	st.Salience = 40
	edits := []func() Edit{
		func() Edit { return ChangeStance(s, 0, 0, st, "USA salience") },
		func() Edit {
			a := s.Actors[2]
			a.Capability = 33
			return ChangeActor(s, 2, a, "Oman capability")
		},
		func() Edit {
			return AddActor(1, Actor{Name: "Russia", Capability: 40, Stances: map[string]Stance{"scope": {Position: 20, Salience: 30}}})
		},
		func() Edit { return RemoveActor(s, 3) },
		func() Edit {
			return AddIssue(1, Issue{Key: "format", Name: "Format", StatusQuo: 0}, []Stance{{Position: 70, Salience: 30}, {Position: 10, Salience: 20}, {Position: 0, Salience: 80}})
		},
		func() Edit {
			is := s.Issues[0]
			is.StatusQuo = 20
			return ChangeIssue(s, 0, is, "status quo")
		},
		func() Edit { return RemoveIssue(s, 0) },
		func() Edit { m := MetaOf(s); m.Notes = "changed"; return ChangeMeta(s, m, "notes") },
	}
	var states []*Scenario
	for k, mk := range edits {
		states = append(states, s.Clone())
		if err := h.Do(s, mk()); err != nil {
			t.Fatalf("edit %d: %v", k, err)
		}
	}
	final := s.Clone()
	for k := len(edits) - 1; k >= 0; k-- {
		if _, ok, err := h.Undo(s); !ok || err != nil {
			t.Fatalf("undo %d: %v %v", k, ok, err)
		}
		if !reflect.DeepEqual(s, states[k]) {
			t.Fatalf("after undoing edit %d the scenario is not what it was before it", k)
		}
	}
	if !reflect.DeepEqual(s, orig) {
		t.Fatal("undoing everything does not restore the original")
	}
	for range edits {
		if _, ok, err := h.Redo(s); !ok || err != nil {
			t.Fatalf("redo: %v %v", ok, err)
		}
	}
	if !reflect.DeepEqual(s, final) {
		t.Fatal("redoing everything does not reach the final state")
	}
}

// Edits survive a trip through JSON (the journal) and still undo exactly.
func TestEditJournalRoundTrip(t *testing.T) {
	s := valid()
	before := s.Clone()
	e := RemoveActor(s, 1)
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Edit
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.Apply(s); err != nil || len(s.Actors) != 2 {
		t.Fatalf("apply after JSON: %v", err)
	}
	if err := back.Inverse().Apply(s); err != nil || !reflect.DeepEqual(s, before) {
		t.Fatalf("inverse after JSON: %v", err)
	}
}

func TestInvalidEditRefusedAndNothingChanges(t *testing.T) {
	s := valid()
	before := s.Clone()
	var h History
	a := s.Actors[0]
	a.Capability = -5
	if err := h.Do(s, ChangeActor(s, 0, a, "bad")); ErrorCode(err) != EINVALID {
		t.Fatalf("got %v", err)
	}
	if !reflect.DeepEqual(s, before) {
		t.Fatal("a refused edit changed the scenario")
	}
	if _, ok := h.CanUndo(); ok {
		t.Fatal("a refused edit was recorded")
	}
}

func TestStaleEditRefused(t *testing.T) {
	s := valid()
	e := RemoveActor(s, 2)
	s.Actors[2].Name = "Someone else"
	if err := e.Apply(s); ErrorCode(err) != ECONFLICT {
		t.Fatalf("got %v", err)
	}
}
