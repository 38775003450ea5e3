package store

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"parley/model"
)

func fixedClock() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }

// newStore opens a fresh project file in a per-test folder.
func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "project.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = fixedClock
	t.Cleanup(func() { s.Close() })
	return s
}

// sample builds a small scenario that uses every field the store keeps.
func sample() *model.Scenario {
	return &model.Scenario{
		Name: "Muscat test", Description: "three actors", Date: "2026-11-27", Notes: "notes",
		Settings: model.Settings{BDMRounds: 7, BlocTol: 5},
		Issues: []model.Issue{
			{Key: "scope", Name: "Scope", StatusQuo: 10, Rationale: "nuclear only", Anchors: []model.Anchor{{At: 0, Label: "nuclear only"}, {At: 100, Label: "everything"}}},
			{Key: "format", Name: "Format", StatusQuo: 0},
		},
		Actors: []model.Actor{
			{Name: "United States", Label: "USA", Group: "US side", Color: "#1f77b4", Capability: 90, CapabilityRange: &model.Range{Low: 80, High: 95}, Rationale: "naval assets",
				Stances: map[string]model.Stance{"scope": {Position: 85, Salience: 80, PositionRange: &model.Range{Low: 70, High: 90}, Rationale: "pushed to expand"}, "format": {Position: 70, Salience: 30}}},
			{Name: "Türkiye", Label: "Turkey", Capability: 20,
				Stances: map[string]model.Stance{"scope": {Position: 20, Salience: 20, SalienceRange: &model.Range{Low: 10, High: 40}, Source: "“Ankara” consulted"}, "format": {Position: 30, Salience: 10}}},
			{Name: "Oman", Capability: 10,
				Stances: map[string]model.Stance{"scope": {Position: 15, Salience: 50}, "format": {Position: 0, Salience: 60}}},
		},
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	s := newStore(t)
	in := sample()
	if err := s.SaveScenario(in); err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadScenario(in.Name)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = out.ID
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("reloaded scenario differs:\n got %+v\nwant %+v", out, in)
	}
	// Saving again replaces, never duplicates.
	in.Actors[0].Capability, in.Actors[0].CapabilityRange = 70, nil
	if err := s.SaveScenario(in); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListScenarios()
	if err != nil || len(list) != 1 || list[0].Actors != 3 || list[0].Issues != 2 {
		t.Fatalf("list after resave = %+v, %v", list, err)
	}
	out, _ = s.LoadScenario(in.Name)
	if out.Actors[0].Capability != 70 {
		t.Fatalf("capability after resave = %v, want 70", out.Actors[0].Capability)
	}
}

func TestWhatIfStoresOverridesOnly(t *testing.T) {
	s := newStore(t)
	base := sample()
	if err := s.SaveScenario(base); err != nil {
		t.Fatal(err)
	}
	wi := &model.Scenario{Name: "Oman steps up", Base: base.Name, Overrides: []model.Override{
		{Actor: "Oman", Field: "capability", Value: 40, Rationale: "more clout"},
		{Actor: "Oman", Issue: "format", Field: "salience", Value: 90},
	}}
	if err := s.SaveScenario(wi); err != nil {
		t.Fatal(err)
	}
	var n int
	s.DB().QueryRow("SELECT count(*) FROM actor a JOIN scenario s ON s.id = a.scenario_id WHERE s.name = ?", wi.Name).Scan(&n)
	if n != 0 {
		t.Fatalf("what-if stored %d actor rows, want 0 (overrides only)", n)
	}
	got, err := s.LoadScenario(wi.Name)
	if err != nil {
		t.Fatal(err)
	}
	if got.Base != base.Name || got.Actors[2].Capability != 40 || got.Stance(2, 1).Salience != 90 || got.Stance(2, 1).Position != 0 {
		t.Fatalf("resolved what-if wrong: base %q cap %v stance %+v", got.Base, got.Actors[2].Capability, got.Stance(2, 1))
	}
	// Base edits show through the what-if.
	base.Actors[0].Capability, base.Actors[0].CapabilityRange = 50, nil
	if err := s.SaveScenario(base); err != nil {
		t.Fatal(err)
	}
	got, _ = s.LoadScenario(wi.Name)
	if got.Actors[0].Capability != 50 {
		t.Fatalf("what-if does not follow its base: %v", got.Actors[0].Capability)
	}
	list, _ := s.ListScenarios()
	if len(list) != 2 || list[1].Name != wi.Name || list[1].Base != base.Name || list[1].Actors != 3 {
		t.Fatalf("list = %+v", list)
	}
}

func TestSaveRefusesInvalidAndWritesNothing(t *testing.T) {
	s := newStore(t)
	bad := sample()
	bad.Actors[1].Stances["scope"] = model.Stance{Position: 120, Salience: 10}
	err := s.SaveScenario(bad)
	if model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("got %v, want an invalid-input error", err)
	}
	if empty, _ := s.IsEmpty(); !empty {
		t.Fatal("an invalid scenario was partly written")
	}
}

func TestNoJournalLeftAfterClose(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("files beside the project after close: %v, want only p.db", names)
	}
}

func TestSaveAsCopiesConsistently(t *testing.T) {
	s := newStore(t)
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := s.SaveAs(cp); err != nil {
		t.Fatal(err)
	}
	c, err := Open(cp)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := c.LoadScenario("Muscat test")
	if err != nil || len(got.Actors) != 3 {
		t.Fatalf("copy: %v, %v", got, err)
	}
}

func TestDeleteUnknownIsNotFound(t *testing.T) {
	s := newStore(t)
	if err := s.DeleteScenario("nope"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("got %v", err)
	}
}

// TestResaveFollowsEdits: saving over a stored scenario that gained,
// lost and reordered actors and issues stores exactly the new scenario.
func TestResaveFollowsEdits(t *testing.T) {
	s := newStore(t)
	in := sample()
	if err := s.SaveScenario(in); err != nil {
		t.Fatal(err)
	}
	// Oman leaves, Qatar joins first, the two issues swap and one gains an
	// anchor while the other loses both.
	in.Actors = append([]model.Actor{{Name: "Qatar", Capability: 15, Stances: map[string]model.Stance{
		"scope": {Position: 40, Salience: 30}, "format": {Position: 10, Salience: 20}}}}, in.Actors[:2]...)
	in.Issues[0], in.Issues[1] = in.Issues[1], in.Issues[0]
	in.Issues[0].Anchors = []model.Anchor{{At: 0, Label: "indirect"}}
	in.Issues[1].Anchors = nil
	in.Actors[1].Stances["format"] = model.Stance{Position: 99, Salience: 1}
	if err := s.SaveScenario(in); err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadScenario(in.Name)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = out.ID
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("after resave:\n got %+v\nwant %+v", out, in)
	}
	if n := count(t, s.DB(), "SELECT count(*) FROM stance"); n != 6 {
		t.Fatalf("%d stance rows, want 6: removed actors left stances behind", n)
	}
	integrityOK(t, s.DB())
}

// TestUpdateScenario: the read-modify-write helper changes what f changes,
// keeps a what-if as overrides, and writes nothing when f or validation fails.
func TestUpdateScenario(t *testing.T) {
	s := newStore(t)
	base := sample()
	if err := s.SaveScenario(base); err != nil {
		t.Fatal(err)
	}
	wi := &model.Scenario{Name: "Oman steps up", Base: base.Name, Overrides: []model.Override{
		{Actor: "Oman", Field: "capability", Value: 40, Rationale: "more clout"}}}
	if err := s.SaveScenario(wi); err != nil {
		t.Fatal(err)
	}
	t.Run("Base", func(t *testing.T) {
		if err := s.UpdateScenario(base.Name, func(sc *model.Scenario) error { sc.Actors[1].Capability = 25; return nil }); err != nil {
			t.Fatal(err)
		}
		got, _ := s.LoadScenario(base.Name)
		if got.Actors[1].Capability != 25 {
			t.Fatalf("capability %v, want 25", got.Actors[1].Capability)
		}
	})
	t.Run("WhatIfStaysOverrides", func(t *testing.T) {
		err := s.UpdateScenario(wi.Name, func(sc *model.Scenario) error {
			if sc.Actors[2].Capability != 40 {
				t.Errorf("f got the what-if unresolved: Oman at %v", sc.Actors[2].Capability)
			}
			sc.Actors[2].Stances["format"] = model.Stance{Position: 0, Salience: 90}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.LoadScenario(wi.Name)
		want := []model.Override{{Actor: "Oman", Field: "capability", Value: 40, Rationale: "more clout"},
			{Actor: "Oman", Issue: "format", Field: "salience", Value: 90}}
		if !reflect.DeepEqual(got.Overrides, want) {
			t.Fatalf("overrides %+v, want %+v", got.Overrides, want)
		}
		if n := count(t, s.DB(), "SELECT count(*) FROM actor a JOIN scenario s ON s.id = a.scenario_id WHERE s.name = ?", wi.Name); n != 0 {
			t.Fatalf("the what-if now stores %d actors", n)
		}
	})
	t.Run("ErrFromFWritesNothing", func(t *testing.T) {
		stop := model.Errorf(model.EINVALID, "analyst cancelled")
		err := s.UpdateScenario(base.Name, func(sc *model.Scenario) error { sc.Actors[1].Capability = 99; return stop })
		if err != stop {
			t.Fatalf("got %v, want f's own error", err)
		}
		if got, _ := s.LoadScenario(base.Name); got.Actors[1].Capability != 25 {
			t.Fatal("a cancelled update was written")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		err := s.UpdateScenario(base.Name, func(sc *model.Scenario) error { sc.Actors[1].Capability = -1; return nil })
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrRename", func(t *testing.T) {
		err := s.UpdateScenario(base.Name, func(sc *model.Scenario) error { sc.Name = "Other"; return nil })
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("got %v", err)
		}
		if list, _ := s.ListScenarios(); len(list) != 2 {
			t.Fatalf("an update made a new scenario: %+v", list)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		err := s.UpdateScenario("nope", func(*model.Scenario) error { return nil })
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("got %v", err)
		}
	})
}

// TestDeleteCascades: deleting a scenario deletes everything that belongs to
// it (deck, runs, undo history, its what-ifs and theirs) and nothing else.
func TestDeleteCascades(t *testing.T) {
	s := newStore(t)
	base, other := sample(), sample()
	other.Name = "Other"
	wi := &model.Scenario{Name: "Oman steps up", Base: base.Name, Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 40}}}
	for _, sc := range []*model.Scenario{base, other, wi} {
		if err := s.SaveWithJournal(sc, []model.Edit{{Label: "one"}}, []model.Edit{{Label: "two"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveDeck(sc.Name, &model.Deck{Name: "Brief"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveRun(sc.Name, Run{Model: "bdm", Fingerprint: "f", Results: "{}"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteScenario(base.Name); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int{"scenario": 1, "deck": 1, "run": 1, "edit": 2, "actor": 3, "issue": 2, "stance": 6, "anchor": 2, "override": 0} {
		if n := count(t, s.DB(), "SELECT count(*) FROM "+table); n != want {
			t.Errorf("%s: %d rows left, want %d (the other scenario's)", table, n, want)
		}
	}
	if _, err := s.LoadDeck(wi.Name); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("deck of the deleted what-if: %v", err)
	}
	integrityOK(t, s.DB())
}

// A project file may be called anything an analyst types.
func TestPathWithOddCharacters(t *testing.T) {
	dir := t.TempDir()
	name := "Iran #2 (50% draft) ?é.db"
	s, err := Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := filesIn(t, dir); len(got) != 1 || got[0] != name {
		t.Fatalf("files: %q, want [%q]", got, name)
	}
}

func TestSaveAsRefusesTheOpenFile(t *testing.T) {
	s := newStore(t)
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAs(s.Path()); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("got %v", err)
	}
	if _, err := s.LoadScenario(sample().Name); err != nil {
		t.Fatal(err)
	}
}

// TestSaveAsOverCrashedFile: Save As over a file whose last writer crashed
// (a hot journal lies beside it). SQLite must not "roll back" the new copy
// with the old file's pages.
func TestSaveAsOverCrashedFile(t *testing.T) {
	s := newStore(t)
	if err := s.SaveScenario(bigScenario(crashActors, crashIssues, 2)); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "target.db")
	o, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.SaveScenario(bigScenario(crashActors, crashIssues, 1)); err != nil {
		t.Fatal(err)
	}
	o.Close()
	killDirty(t, target)

	if err := s.SaveAs(target); err != nil {
		t.Fatal(err)
	}
	c, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	integrityOK(t, c.DB())
	sc, err := c.LoadScenario(crashName)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := checkVersion(sc, crashActors, crashIssues); err != nil || v != 2 {
		t.Fatalf("the copy holds version %v (%v), want the saved version 2", v, err)
	}
}

// Two windows on one project: the second save of a stale copy is refused and
// the first window's edit stays.
func TestStaleCopyRefused(t *testing.T) {
	s := newStore(t)
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	s.Now = time.Now
	w1, _ := s.LoadScenario("Muscat test")
	w2, _ := s.LoadScenario("Muscat test")
	w1.Actors[2].Capability = 33
	if err := s.SaveWithJournal(w1, nil, nil); err != nil {
		t.Fatal(err)
	}
	w2.Actors[1].Capability = 44
	err := s.SaveWithJournal(w2, nil, nil)
	if model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(err.Error(), "another window") {
		t.Fatalf("stale save: %v", err)
	}
	got, _ := s.LoadScenario("Muscat test")
	if got.Actors[2].Capability != 33 || got.Actors[1].Capability == 44 {
		t.Fatalf("stored %v and %v: the stale copy overwrote the first window's edit", got.Actors[2].Capability, got.Actors[1].Capability)
	}
	// The first window keeps saving: its copy carries the new stamp.
	w1.Actors[2].Capability = 34
	if err := s.SaveWithJournal(w1, nil, nil); err != nil {
		t.Fatalf("the up-to-date window cannot save again: %v", err)
	}
}

// Saving cannot turn a base into a what-if (or the reverse), store a what-if
// whose overrides do not apply, or a what-if of itself; a what-if's own
// settings come back.
func TestWhatIfGuards(t *testing.T) {
	s := newStore(t)
	base := sample()
	if err := s.SaveScenario(base); err != nil {
		t.Fatal(err)
	}
	over := &model.Scenario{Name: base.Name, Base: base.Name, Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 1}}}
	if err := s.SaveScenario(over); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("a what-if of itself: %v", err)
	}
	wi := &model.Scenario{Name: "Bad", Base: base.Name, Overrides: []model.Override{{Actor: "Nobody", Field: "capability", Value: 1}}}
	if err := s.SaveScenario(wi); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("an override of an unknown actor: %v", err)
	}
	wi = &model.Scenario{Name: "Good", Base: base.Name, Settings: model.Settings{BDMRounds: 3, Spread: 7},
		Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 1}}}
	if err := s.SaveScenario(wi); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadScenario("Good")
	if err != nil || got.Settings.BDMRounds != 3 || got.Settings.Spread != 7 {
		t.Fatalf("what-if settings: %+v, %v", got.Settings, err)
	}
	b2 := sample()
	b2.Name = "Good"
	if err := s.SaveScenario(b2); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("a base saved over a what-if's name: %v", err)
	}
	list, _ := s.ListScenarios()
	if len(list) != 2 {
		t.Fatalf("%d scenarios after refused saves, want 2", len(list))
	}
}

// Replacing a base with one that lacks an actor its what-ifs override is
// refused, and nothing is written.
func TestReplacedBaseKeepsWhatIfs(t *testing.T) {
	s := newStore(t)
	base := sample()
	if err := s.SaveScenario(base); err != nil {
		t.Fatal(err)
	}
	wi := &model.Scenario{Name: "Oman up", Base: base.Name, Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 30}}}
	if err := s.SaveScenario(wi); err != nil {
		t.Fatal(err)
	}
	smaller := sample()
	smaller.Actors = smaller.Actors[:2] // Oman gone
	smaller.Actors = append(smaller.Actors, model.Actor{Name: "Qatar", Capability: 5, Stances: map[string]model.Stance{"scope": {Position: 10, Salience: 10}, "format": {Position: 0, Salience: 10}}})
	for name, save := range map[string]func() error{
		"SaveScenario": func() error { return s.SaveScenario(smaller) },
		"SaveFile":     func() error { return s.SaveFile([]*model.Scenario{smaller}) },
	} {
		if err := save(); model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := s.LoadScenario("Oman up"); err != nil {
		t.Fatalf("the what-if no longer opens: %v", err)
	}
}
