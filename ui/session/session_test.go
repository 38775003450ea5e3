package session

import (
	"context"
	"path/filepath"
	"testing"

	"parley/assets"
	"parley/model"
	"parley/model/forecast"
	"parley/store"
)

func open(t *testing.T) (*Session, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := store.SeedDefault(st); err != nil {
		t.Fatal(err)
	}
	s := New(st)
	if err := s.Open(assets.MuscatName); err != nil {
		t.Fatal(err)
	}
	return s, st
}

func run(t *testing.T, sc *model.Scenario, opt forecast.Options) *forecast.Result {
	res, err := forecast.Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The session without a window: sliders change the live scenario only;
// Apply stores them as one edit; Discard drops them; a forecast requested
// before another scenario was opened is never shown; the frame is always a
// scenario with the forecast computed from it.
func TestSessionLiveApplyDiscard(t *testing.T) {
	s, st := open(t)
	s.SetLive(0, model.FieldCapability, -1, 77)
	s.SetLive(0, model.FieldSalience, 1, 3)
	if !s.Pending() {
		t.Fatal("two slider changes are not pending")
	}
	if stored, _ := st.LoadScenario(assets.MuscatName); stored.Actors[0].Capability == 77 {
		t.Fatal("a slider change was stored")
	}
	if ref, differs := s.BaseValue(0, model.FieldCapability, -1); !differs || ref != s.Current().Actors[0].Capability {
		t.Fatalf("base value %v (differs %v)", ref, differs)
	}
	sc, opt, gen, ok := s.Request()
	if !ok {
		t.Fatal("no request")
	}
	res := run(t, sc, opt)
	if shown, stored := s.Arrive(gen, sc, res); !shown || stored {
		t.Fatalf("the live forecast: shown %v, stored %v", shown, stored)
	}
	if f := s.Frame(); f.Scenario != sc || f.Result != res {
		t.Fatal("the frame does not pair the scenario with its forecast")
	}
	if err := s.Apply(); err != nil {
		t.Fatal(err)
	}
	h := s.History()
	if undo, _ := h.Stacks(); len(undo) != 1 || s.Pending() {
		t.Fatalf("Apply recorded %d edits, pending %v", len(undo), s.Pending())
	}
	if stored, _ := st.LoadScenario(assets.MuscatName); stored.Actors[0].Capability != 77 || stored.Stance(0, 1).Salience != 3 {
		t.Fatal("Apply did not store both changes")
	}
	s.SetLive(0, model.FieldPosition, 0, 1)
	s.Discard()
	if s.Pending() || s.Live().Stance(0, 0).Position != s.Current().Stance(0, 0).Position {
		t.Fatal("Discard kept the change")
	}

	// A forecast of the scenario open before is dropped.
	sc, opt, gen, _ = s.Request()
	if err := s.Open("Russia takes the stockpile"); err != nil {
		t.Fatal(err)
	}
	if shown, _ := s.Arrive(gen, sc, run(t, sc, opt)); shown {
		t.Fatal("a forecast of the scenario open before was shown")
	}
	// The base's forecast is computed off the UI goroutine and handed in; a
	// forecast of another base is refused.
	if s.ReferenceName() != "base" || s.Reference() != nil {
		t.Fatal("a what-if opened with a Δ reference before its base was forecast")
	}
	base := s.Base()
	if s.SetBaseReference("Muscat 2025", run(t, base, opt)) {
		t.Fatal("the forecast of another base became the Δ reference")
	}
	if !s.SetBaseReference(base.Name, run(t, base, opt)) || s.Reference() == nil {
		t.Fatal("a what-if's Δ is not against its base")
	}
}

// Save as what-if leaves the open base as stored and opens the what-if,
// which holds the change and one undoable step.
func TestSessionSaveAsWhatIf(t *testing.T) {
	s, st := open(t)
	before, _ := st.LoadScenario(assets.MuscatName)
	s.SetLive(2, model.FieldPosition, 3, 42)
	free := func(string) error { return nil }
	if err := s.SaveAsWhatIf("Probe", "2026-01-01", free); err != nil {
		t.Fatal(err)
	}
	after, _ := st.LoadScenario(assets.MuscatName)
	if after.Stance(2, 3).Position != before.Stance(2, 3).Position || after.Version != before.Version {
		t.Fatal("the base changed")
	}
	if s.Current().Name != "Probe" || len(s.Current().Overrides) != 1 || s.Current().Stance(2, 3).Position != 42 {
		t.Fatalf("opened %q with overrides %+v", s.Current().Name, s.Current().Overrides)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if wi, _ := st.LoadScenario("Probe"); len(wi.Overrides) != 0 {
		t.Fatalf("after one undo the what-if has %d overrides", len(wi.Overrides))
	}
}
