package store

import (
	"os"
	"path/filepath"
	"reflect"
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

func TestNewerDatabaseRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.DB().Exec("PRAGMA user_version = 999")
	s.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path)
	if model.ErrorCode(err) != model.EVERSION {
		t.Fatalf("got %v, want a version error", err)
	}
	after, _ := os.ReadFile(path)
	if !reflect.DeepEqual(before, after) {
		t.Fatal("a newer database was modified")
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
