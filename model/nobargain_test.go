package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func pairScenario() *Scenario {
	s := &Scenario{Name: "p", Issues: []Issue{{Key: "x", Name: "X"}}}
	for _, n := range []string{"Israel", "Tehran", "Oman"} {
		s.Actors = append(s.Actors, Actor{Name: n, Label: n[:4], Capability: 10, Stances: map[string]Stance{"x": {Position: 50, Salience: 50}}})
	}
	return s
}

// The pairs are an undoable edit, follow a rename, are refused when they name
// an unknown actor, and survive the JSON codec.
func TestNoBargainEditUndoRename(t *testing.T) {
	s := pairScenario()
	var h History
	pairs := []NoBargainPair{{A: "Israel", B: "Tehran", Rationale: "they do not talk"}}
	if err := h.Do(s, ChangeNoBargain(s, pairs, "No direct bargaining: Israel – Tehran")); err != nil {
		t.Fatal(err)
	}
	if got := s.NoBargainIndices(); len(got) != 1 || got[0] != [2]int{0, 1} {
		t.Fatalf("indices %v", got)
	}
	if p, ok := s.NoBargainBetween(1, 0); !ok || p.Rationale != "they do not talk" {
		t.Errorf("NoBargainBetween(Tehran, Israel) = %+v, %v", p, ok)
	}
	// The journal stores edits as JSON: the op must come back intact.
	undo, _ := h.Stacks()
	b, err := json.Marshal(undo[0])
	if err != nil {
		t.Fatal(err)
	}
	var back Edit
	if err := json.Unmarshal(b, &back); err != nil || len(back.Ops[0].NewPairs) != 1 {
		t.Fatalf("edit after JSON: %+v (%v)", back, err)
	}
	if _, ok, err := h.Undo(s); !ok || err != nil || len(s.NoBargain) != 0 {
		t.Fatalf("undo: %v %v, pairs %v", ok, err, s.NoBargain)
	}
	if _, ok, err := h.Redo(s); !ok || err != nil || len(s.NoBargain) != 1 {
		t.Fatalf("redo: %v %v, pairs %v", ok, err, s.NoBargain)
	}
	// Renaming an actor carries into its pairs.
	a := s.Actors[1]
	a.Name = "Iran's government"
	if err := h.Do(s, ChangeActor(s, 1, a, "rename")); err != nil {
		t.Fatal(err)
	}
	if s.NoBargain[0].B != "Iran's government" {
		t.Errorf("pair after rename: %+v", s.NoBargain[0])
	}
	// Unknown actor, self-pair and duplicate are refused with the pair's number.
	for _, bad := range [][]NoBargainPair{
		{{A: "Israel", B: "Nobody"}},
		{{A: "Oman", B: "Oman"}},
		{{A: "Israel", B: "Oman"}, {A: "Oman", B: "Israel"}},
	} {
		err := h.Do(s, ChangeNoBargain(s, bad, "bad"))
		if err == nil || !strings.Contains(err.Error(), "no-bargaining pair") {
			t.Errorf("pairs %v accepted or unclear: %v", bad, err)
		}
	}
	if len(s.NoBargain) != 1 {
		t.Errorf("a refused edit changed the pairs: %v", s.NoBargain)
	}
	// Clone copies the pairs.
	c := s.Clone()
	c.NoBargain[0].Rationale = "changed"
	if s.NoBargain[0].Rationale == "changed" {
		t.Error("Clone shares the pairs")
	}
}
