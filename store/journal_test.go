package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"parley/model"
)

func edits(prefix string, n int) []model.Edit {
	var es []model.Edit
	for i := 1; i <= n; i++ {
		es = append(es, model.Edit{Label: fmt.Sprintf("%s %d", prefix, i), Ops: []model.Op{{Kind: model.SetActor, Index: i % 3,
			OldActor: &model.Actor{Name: "Oman", Capability: float64(i)}, NewActor: &model.Actor{Name: "Oman", Capability: float64(i + 1)}}}})
	}
	return es
}

// TestJournalRoundTrip: after a restart the analyst can undo and redo the
// same edits in the same order.
func TestJournalRoundTrip(t *testing.T) {
	s := newStore(t)
	sc := sample()
	undo, redo := edits("undo", 3), edits("redo", 2)
	if err := s.SaveWithJournal(sc, undo, redo); err != nil {
		t.Fatal(err)
	}
	gotU, gotR, err := s.LoadJournal(sc.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotU, undo) || !reflect.DeepEqual(gotR, redo) {
		t.Fatalf("journal came back as\n undo %+v\n redo %+v", gotU, gotR)
	}
	// The next save replaces the history; it never appends to the old one.
	if err := s.SaveWithJournal(sc, undo[:1], nil); err != nil {
		t.Fatal(err)
	}
	gotU, gotR, _ = s.LoadJournal(sc.Name)
	if len(gotU) != 1 || gotU[0].Label != "undo 1" || len(gotR) != 0 {
		t.Fatalf("after a shorter history: undo %v redo %v", gotU, gotR)
	}
	// A scenario saved without history has none; the journal follows a rename.
	if err := s.RenameScenario(sc.Name, "Renamed"); err != nil {
		t.Fatal(err)
	}
	if u, _, _ := s.LoadJournal("Renamed"); len(u) != 1 {
		t.Fatalf("history lost in a rename: %v", u)
	}
	if u, r, err := s.LoadJournal("nope"); err != nil || len(u)+len(r) != 0 {
		t.Fatalf("unknown scenario: %v %v %v", u, r, err)
	}
}

// TestJournalCapped: the journal keeps the newest MaxJournal edits of each
// stack, the oldest undo dropped first.
func TestJournalCapped(t *testing.T) {
	s := newStore(t)
	sc := sample()
	undo, redo := edits("undo", MaxJournal+20), edits("redo", MaxJournal+5)
	if err := s.SaveWithJournal(sc, undo, redo); err != nil {
		t.Fatal(err)
	}
	gotU, gotR, err := s.LoadJournal(sc.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotU) != MaxJournal || gotU[0].Label != "undo 21" || gotU[MaxJournal-1].Label != fmt.Sprintf("undo %d", MaxJournal+20) {
		t.Fatalf("undo kept %d edits, %q … %q", len(gotU), gotU[0].Label, gotU[len(gotU)-1].Label)
	}
	if len(gotR) != MaxJournal || gotR[MaxJournal-1].Label != fmt.Sprintf("redo %d", MaxJournal+5) {
		t.Fatalf("redo kept %d edits, next redo %q", len(gotR), gotR[len(gotR)-1].Label)
	}
}

// TestJournalNotWrittenForInvalidScenario: a refused save leaves both the
// scenario and its history as they were.
func TestJournalNotWrittenForInvalidScenario(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveWithJournal(sc, edits("undo", 2), nil); err != nil {
		t.Fatal(err)
	}
	bad := sample()
	bad.Actors[0].Capability = -5
	if err := s.SaveWithJournal(bad, edits("undo", 3), nil); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("got %v", err)
	}
	if u, _, _ := s.LoadJournal(sc.Name); len(u) != 2 {
		t.Fatalf("history after a refused save: %d edits, want 2", len(u))
	}
}

// TestJournalFollowsUndoRedo: the journal is stored incrementally, so check
// it against what the window holds after every step of a session: edits
// (some identical), undos, redos, an edit that clears the redo stack, and
// edits past the cap.
func TestJournalFollowsUndoRedo(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	var h model.History
	rng := rand.New(rand.NewPCG(7, 7))
	check := func(step int, what string) {
		t.Helper()
		undo, redo := h.Stacks()
		if err := s.SaveWithJournal(sc, undo, redo); err != nil {
			t.Fatal(err)
		}
		if len(undo) > MaxJournal {
			undo = undo[len(undo)-MaxJournal:]
		}
		gotU, gotR, err := s.LoadJournal(sc.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotU, undo) || !reflect.DeepEqual(gotR, redo) {
			t.Fatalf("step %d (%s): stored %d undo / %d redo, want %d / %d in the same order", step, what, len(gotU), len(gotR), len(undo), len(redo))
		}
	}
	for step := 0; step < 150; step++ {
		switch r := rng.IntN(10); {
		case r < 6:
			// Salience 50 again and again: identical edits on the stack.
			st := sc.Stance(2, 0)
			st.Salience = float64(50 + 10*rng.IntN(2))
			if err := h.Do(sc, model.ChangeStance(sc, 2, 0, st, "salience")); err != nil {
				t.Fatal(err)
			}
			check(step, "edit")
		case r < 8:
			if _, ok, err := h.Undo(sc); err != nil {
				t.Fatal(err)
			} else if ok {
				check(step, "undo")
			}
		default:
			if _, ok, err := h.Redo(sc); err != nil {
				t.Fatal(err)
			} else if ok {
				check(step, "redo")
			}
		}
	}
	// Past the cap: each new edit drops the oldest.
	undo, _ := h.Stacks()
	undo = append(undo, edits("bulk", MaxJournal)...)
	h.Restore(undo, nil)
	check(150, "fill past the cap")
	for k := 0; k < 3; k++ {
		st := sc.Stance(1, 1)
		st.Position = float64(k)
		if err := h.Do(sc, model.ChangeStance(sc, 1, 1, st, "position")); err != nil {
			t.Fatal(err)
		}
		check(151+k, "edit at the cap")
	}
	if n := count(t, s.DB(), "SELECT count(*) FROM edit"); n != MaxJournal {
		t.Fatalf("%d journal rows, want %d", n, MaxJournal)
	}
}
