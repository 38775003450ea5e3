package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"parley/model"
)

// Budget (PRODUCT.md): open / save a 250-actor × 10-issue scenario ≤ 50 ms.

// BenchmarkOpen250x10 opens a project file holding a 250 × 10 scenario and
// loads that scenario, as Parley does when the analyst opens a project.
func BenchmarkOpen250x10(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.SaveScenario(bigScenario(250, 10, 1)); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sc, err := s.LoadScenario(crashName)
		if err != nil || len(sc.Actors) != 250 {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSave250x10 saves a 250 × 10 scenario over the previous version
// of itself: one transaction, durable on disk when it returns.
func BenchmarkSave250x10(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	versions := []*model.Scenario{bigScenario(250, 10, 1), bigScenario(250, 10, 2)}
	if err := s.SaveScenario(versions[1]); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		// Carry the stored version forward, as the window does: each save
		// is made from the copy that was last saved, so it is not refused
		// as a stale one.
		next, prev := versions[i%2], versions[(i+1)%2]
		next.Version = prev.Version
		if err := s.SaveScenario(next); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSavePlain250x10 saves an unchanged 250 × 10 scenario: the cost of
// a save that rewrites every row with the bytes it already holds.
func BenchmarkSavePlain250x10(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sc := bigScenario(250, 10, 1)
	if err := s.SaveScenario(sc); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := s.SaveScenario(sc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveWithWhatIfs250x10 saves the 250 × 10 base after one slider
// release while the project holds four what-ifs of it: the save also checks
// that every what-if still applies to the base.
func BenchmarkSaveWithWhatIfs250x10(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sc := bigScenario(250, 10, 1)
	if err := s.SaveScenario(sc); err != nil {
		b.Fatal(err)
	}
	for k := 0; k < 4; k++ {
		wi := &model.Scenario{Name: fmt.Sprintf("What if %d", k+1), Base: sc.Name, Overrides: []model.Override{
			{Actor: sc.Actors[k].Name, Field: "capability", Value: 3},
			{Actor: sc.Actors[10+k].Name, Issue: sc.Issues[k].Key, Field: "position", Value: 70},
			{Actor: sc.Actors[20+k].Name, Issue: sc.Issues[k+1].Key, Field: "salience", Value: 90},
		}}
		if err := s.SaveScenario(wi); err != nil {
			b.Fatal(err)
		}
	}
	i := 0
	for b.Loop() {
		st := sc.Stance(i%250, 3)
		st.Salience = float64(i % 100)
		sc.SetStance(i%250, 3, st)
		if err := s.SaveScenario(sc); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSaveOneEdit250x10 saves the 250 × 10 scenario after one slider
// release (one salience changed), as the desktop does after every edit.
func BenchmarkSaveOneEdit250x10(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sc := bigScenario(250, 10, 1)
	if err := s.SaveScenario(sc); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		st := sc.Stance(i%250, 3)
		st.Salience = float64(i % 100)
		sc.SetStance(i%250, 3, st)
		if err := s.SaveScenario(sc); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSaveWithFullJournal250x10 is the desktop's save after a slider
// release at its worst: the 250 × 10 scenario and an undo history already
// holding MaxJournal edits of whole actors, one edit pushed per save.
func BenchmarkSaveWithFullJournal250x10(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sc := bigScenario(250, 10, 1)
	var h model.History
	edit := func(i int) {
		st := sc.Stance(i%250, i%10)
		st.Salience = float64(i % 100)
		if err := h.Do(sc, model.ChangeStance(sc, i%250, i%10, st, "salience")); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < MaxJournal; i++ {
		edit(i)
	}
	undo, redo := h.Stacks()
	if err := s.SaveWithJournal(sc, undo, redo); err != nil {
		b.Fatal(err)
	}
	i := MaxJournal
	for b.Loop() {
		b.StopTimer()
		edit(i)
		undo, redo := h.Stacks()
		b.StartTimer()
		if err := s.SaveWithJournal(sc, undo, redo); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
