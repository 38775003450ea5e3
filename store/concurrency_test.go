package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley/model"
)

// counterScenario is a scenario whose capabilities count edits: actor 0 the
// edits of everyone, actor k the edits of child k.
func counterScenario() *model.Scenario {
	sc := &model.Scenario{Name: "Counter", Issues: []model.Issue{{Key: "scope", Name: "Scope", StatusQuo: 50}}}
	for _, n := range []string{"Everyone", "Child 1", "Child 2"} {
		sc.Actors = append(sc.Actors, model.Actor{Name: n, Capability: 0,
			Stances: map[string]model.Stance{"scope": {Position: 50, Salience: 50}}})
	}
	return sc
}

// ownScenario is child k's own scenario, whose undo history it grows.
func ownScenario(k int) *model.Scenario {
	sc := counterScenario()
	sc.Name = fmt.Sprintf("Child %d's draft", k)
	return sc
}

// TestTwoProcessesEditingLoseNothing: two Parley processes edit the same
// project file at once. Each applies n read-modify-write edits to one shared
// scenario (UpdateScenario: +1 on a shared counter and +1 on its own) and
// saves its own scenario with a growing undo history after each. Afterwards
// the file is sound and every committed edit is there: the shared counter is
// the sum of both, each history has all its edits in order.
func TestTwoProcessesEditingLoseNothing(t *testing.T) {
	const n = 100
	path := filepath.Join(t.TempDir(), "shared.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []*model.Scenario{counterScenario(), ownScenario(1), ownScenario(2)} {
		if err := s.SaveScenario(sc); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	var children []*child
	for k := 1; k <= 2; k++ {
		c := startHelper(t, "edit", "PARLEY_STORE_DB="+path, "PARLEY_CHILD="+strconv.Itoa(k), "PARLEY_EDITS="+strconv.Itoa(n))
		c.expect(t, "ready")
		children = append(children, c)
	}
	for _, c := range children { // both start at once
		fmt.Fprintln(c.stdin, "go")
	}
	committed := 0
	for k, c := range children {
		var done, conflicts int
		if _, err := fmt.Sscan(c.expect(t, "done"), &done, &conflicts); err != nil {
			t.Fatal(err)
		}
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("child %d: %v", k+1, err)
		}
		t.Logf("child %d: %d edits committed, %d busy retries", k+1, done, conflicts)
		committed += done
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	integrityOK(t, s.DB())
	sc, err := s.LoadScenario("Counter")
	if err != nil {
		t.Fatal(err)
	}
	if got := sc.Actors[0].Capability; got != float64(committed) || committed != 2*n {
		t.Errorf("shared counter = %v after %d committed edits (want %d): edits were lost", got, committed, 2*n)
	}
	for k := 1; k <= 2; k++ {
		if got := sc.Actors[k].Capability; got != float64(n) {
			t.Errorf("child %d's counter = %v, want %d", k, got, n)
		}
		undo, _, err := s.LoadJournal(ownScenario(k).Name)
		if err != nil || len(undo) != n {
			t.Fatalf("child %d's undo history: %d edits, %v; want %d", k, len(undo), err, n)
		}
		for i, e := range undo {
			if want := fmt.Sprintf("edit %d", i+1); e.Label != want {
				t.Fatalf("child %d's undo history, entry %d = %q, want %q", k, i+1, e.Label, want)
			}
		}
	}
	// The notes record who edited in which order: both processes really
	// wrote in turns, or this test proved nothing.
	turns := 1
	for i := 1; i < len(sc.Notes); i++ {
		if sc.Notes[i] != sc.Notes[i-1] {
			turns++
		}
	}
	t.Logf("the two processes took %d turns", turns)
	if strings.Count(sc.Notes, "1") != n || strings.Count(sc.Notes, "2") != n {
		t.Errorf("edit log %q: want %d edits by each child", sc.Notes, n)
	}
	if turns < 3 {
		t.Errorf("the children did not interleave (%d turns): the test did not exercise concurrent edits", turns)
	}
}

// helperEdit is one of the two editing processes.
func helperEdit(path string) {
	k, _ := strconv.Atoi(os.Getenv("PARLEY_CHILD"))
	n, _ := strconv.Atoi(os.Getenv("PARLEY_EDITS"))
	s, err := Open(path)
	if err != nil {
		childFail("%v", err)
	}
	defer s.Close()
	own := ownScenario(k)
	say("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	conflicts := 0
	retry := func(f func() error) {
		for {
			err := f()
			if err == nil {
				return
			}
			if model.ErrorCode(err) != model.ECONFLICT || conflicts > 100 {
				childFail("%v", err)
			}
			conflicts++
		}
	}
	var undo []model.Edit
	for i := 1; i <= n; i++ {
		retry(func() error {
			return s.UpdateScenario("Counter", func(sc *model.Scenario) error {
				sc.Actors[0].Capability++
				sc.Actors[k].Capability++
				sc.Notes += strconv.Itoa(k)
				return nil
			})
		})
		undo = append(undo, model.Edit{Label: fmt.Sprintf("edit %d", i)})
		own.Notes = fmt.Sprintf("%d edits", i)
		retry(func() error { return s.SaveWithJournal(own, undo, nil) })
		// A window redraws from what is stored, and the analyst pauses.
		retry(func() error { _, err := s.LoadScenario("Counter"); return err })
		time.Sleep(5 * time.Millisecond)
	}
	say("done %d %d", n, conflicts)
}

// holdWriteLock makes another program hold the project's write lock (BEGIN
// IMMEDIATE on its own connection) until the returned function is called.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	other := rawDB(t, path, "_busy_timeout=0")
	ctx := context.Background()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "UPDATE scenario SET notes = 'the other program'"); err != nil {
		t.Fatal(err)
	}
	return func() {
		conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
	}
}

// TestBusyWriteFailsClearlyAndWritesNothing: while another program holds the
// project's write lock, every kind of write waits the busy timeout, then
// fails with a conflict whose message says another program is writing and
// that nothing was changed; and nothing is. Reading still works meanwhile.
func TestBusyWriteFailsClearlyAndWritesNothing(t *testing.T) {
	const timeout = 100 * time.Millisecond
	path := filepath.Join(t.TempDir(), "busy.db")
	s, err := Open(path, WithBusyTimeout(timeout))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = fixedClock
	orig := sample()
	if err := s.SaveScenario(orig); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDeck(orig.Name, &model.Deck{Name: "Brief"}); err != nil {
		t.Fatal(err)
	}
	changed := sample()
	changed.Notes, changed.Actors[2].Capability = "mine", 55
	writes := []struct {
		name string
		do   func() error
	}{
		{"SaveScenario", func() error { return s.SaveScenario(changed) }},
		{"SaveFile", func() error { return s.SaveFile([]*model.Scenario{changed}) }},
		{"SaveWithJournal", func() error { return s.SaveWithJournal(changed, []model.Edit{{Label: "x"}}, nil) }},
		{"UpdateScenario", func() error {
			return s.UpdateScenario(orig.Name, func(sc *model.Scenario) error { sc.Notes = "mine"; return nil })
		}},
		{"DeleteScenario", func() error { return s.DeleteScenario(orig.Name) }},
		{"RenameScenario", func() error { return s.RenameScenario(orig.Name, "Renamed") }},
		{"SaveDeck", func() error { return s.SaveDeck(orig.Name, &model.Deck{Name: "Other"}) }},
		{"SaveRun", func() error { return s.SaveRun(orig.Name, Run{Model: "bdm", Fingerprint: "f", Results: "{}"}) }},
	}
	release := holdWriteLock(t, path)
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			start := time.Now()
			err := w.do()
			waited := time.Since(start)
			if model.ErrorCode(err) != model.ECONFLICT {
				t.Fatalf("got %v, want a conflict", err)
			}
			msg := model.ErrorMessage(err)
			for _, want := range []string{path, "another Parley window or program is writing to this project file", "100ms", "Nothing was changed", "try again"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not say %q", msg, want)
				}
			}
			if waited < timeout || waited > timeout+3*time.Second {
				t.Errorf("gave up after %v, want about the busy timeout %v", waited, timeout)
			}
		})
	}
	// Reading is not blocked by another program's pending write.
	got, err := s.LoadScenario(orig.Name)
	if err != nil || got.Notes != orig.Notes {
		t.Fatalf("reading while another program writes: %v, notes %q", err, got.Notes)
	}
	release()

	// Nothing any refused write tried is in the file.
	got, err = s.LoadScenario(orig.Name)
	if err != nil {
		t.Fatal(err)
	}
	orig.ID = got.ID
	if got.Notes != orig.Notes || got.Actors[2].Capability != orig.Actors[2].Capability {
		t.Fatalf("a refused write changed the scenario: notes %q, capability %v", got.Notes, got.Actors[2].Capability)
	}
	if d, err := s.LoadDeck(orig.Name); err != nil || d.Name != "Brief" {
		t.Fatalf("deck after refused writes: %+v, %v", d, err)
	}
	runs, _ := s.Runs(orig.Name)
	undo, _, _ := s.LoadJournal(orig.Name)
	if len(runs) != 0 || len(undo) != 0 {
		t.Fatalf("refused writes left %d runs and %d journal entries", len(runs), len(undo))
	}
	// Once the other program is done, the same save goes through.
	if err := s.SaveScenario(changed); err != nil {
		t.Fatal(err)
	}
}

// TestBusyCommitBlockedByReaderWritesNothing: another program reads for
// longer than the busy timeout (a long report, a backup tool). Our save gets
// the write lock but cannot commit while the file is being read; it must
// fail with the same conflict and leave nothing half-written.
func TestBusyCommitBlockedByReaderWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	s, err := Open(path, WithBusyTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	reader := rawDB(t, path, "")
	ctx := context.Background()
	conn, err := reader.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.ExecContext(ctx, "BEGIN")
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM actor").Scan(&n); err != nil { // takes the SHARED lock
		t.Fatal(err)
	}
	changed := sample()
	changed.Notes = "mine"
	if err := s.SaveScenario(changed); model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(err.Error(), "another Parley window or program") {
		t.Fatalf("commit while another program reads: got %v, want a conflict", err)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	got, err := s.LoadScenario(changed.Name)
	if err != nil || got.Notes != sample().Notes {
		t.Fatalf("after the refused commit: notes %q, %v", got.Notes, err)
	}
	integrityOK(t, s.DB())
}
