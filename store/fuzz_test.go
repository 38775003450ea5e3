package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"parley/model"
)

var (
	seedOnce sync.Once
	seedDB   []byte
)

// seedProject is a small sound project (page size 512, so the fuzzer works
// on a few kilobytes): the sample scenario and a what-if of it.
func seedProject(t testing.TB) []byte {
	seedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "parley-fuzz-seed")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "seed.db")
		// A page size is fixed by the first write: an empty table made and dropped.
		db := rawDB(t, path, "")
		db.Exec("PRAGMA page_size = 512")
		db.Exec("CREATE TABLE x (y)")
		db.Exec("DROP TABLE x")
		db.Close()
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveScenario(sample()); err != nil {
			t.Fatal(err)
		}
		wi := &model.Scenario{Name: "What if", Base: sample().Name, Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 30}}}
		if err := s.SaveScenario(wi); err != nil {
			t.Fatal(err)
		}
		s.Close()
		seedDB, err = os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
	})
	return seedDB
}

// FuzzOpenProject: whatever bytes a project file holds, Open and loading
// every scenario never panic. A refused file is left byte-identical; an
// opened one lists its scenarios, and each either loads valid or is refused
// with a message naming it.
func FuzzOpenProject(f *testing.F) {
	good := seedProject(f)
	f.Add(good)
	f.Add(good[:1])
	f.Add(good[:100])
	f.Add(good[:len(good)-1])
	f.Add(good[:len(good)-512])
	for _, off := range []int{16, 24, 28, 60, 68, 100, 600, 1100, 2000} {
		if off < len(good) {
			d := bytes.Clone(good)
			d[off] ^= 0xff
			f.Add(d)
		}
	}
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "p.db")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		before := sha256.Sum256(data)
		s, err := Open(path, WithBusyTimeout(0))
		if err != nil {
			var e *model.Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("refused with %#v, not a *model.Error", err)
			}
			after, _ := os.ReadFile(path)
			if sha256.Sum256(after) != before {
				t.Fatalf("the refused file changed (%v)", err)
			}
			return
		}
		defer s.Close()
		list, err := s.ListScenarios()
		if err != nil {
			if model.ErrorCode(err) == "" {
				t.Fatal("an error without a code")
			}
			return
		}
		for _, info := range list {
			sc, err := s.LoadScenario(info.Name)
			if err != nil {
				if model.ErrorMessage(err) == "" {
					t.Fatalf("scenario %q: an empty message", info.Name)
				}
				continue
			}
			if errs := model.Validate(sc); errs != nil {
				t.Fatalf("scenario %q loaded invalid: %v", info.Name, errs)
			}
		}
		if _, err := Check(path); err != nil && model.ErrorMessage(err) == "" {
			t.Fatal(fmt.Sprint("check: an empty message"))
		}
	})
}

func TestFuzzSeedIsSmall(t *testing.T) {
	if n := len(seedProject(t)); n > 64<<10 || n%512 != 0 {
		t.Fatalf("seed project is %d bytes", n)
	}
}

// FuzzLoadRows: another SQLite tool writes any value into the rows Parley
// loads (a capability, a range, a position, the settings JSON, the issue a
// stance or an anchor belongs to, an override's value); loading never
// panics and either gives a valid scenario or refuses that scenario by name.
func FuzzLoadRows(f *testing.F) {
	f.Add(90.0, 80.0, 95.0, 85.0, `{"bdm_rounds": 7}`, int64(0), int64(0), 30.0)
	f.Add(math.Inf(1), 0.0, 0.0, 50.0, `{`, int64(1), int64(0), math.Inf(-1))
	f.Add(-1.0, 5.0, 1.0, 101.0, `{"bdm_rounds": -5, "spread": 1e309}`, int64(99), int64(-1), 1e300)
	f.Add(1.0, 0.0, 1e9, 50.0, `null`, int64(-1), int64(7), math.NaN())
	f.Fuzz(func(t *testing.T, capability, lo, hi, position float64, settings string, stanceShift, anchorShift int64, override float64) {
		path := filepath.Join(t.TempDir(), "p.db")
		if err := os.WriteFile(path, seedProject(t), 0o644); err != nil {
			t.Fatal(err)
		}
		db := rawDB(t, path, "_foreign_keys=off")
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE actor SET capability = ?, cap_low = ?, cap_high = ? WHERE name = 'Oman'`, []any{capability, lo, hi}},
			{`UPDATE stance SET position = ? WHERE actor_id = (SELECT id FROM actor WHERE name = 'Oman')`, []any{position}},
			{`UPDATE scenario SET settings = ? WHERE base_id IS NULL`, []any{settings}},
			{`UPDATE stance SET issue_id = issue_id + ? WHERE actor_id = (SELECT id FROM actor WHERE name = 'Türkiye')`, []any{stanceShift}},
			{`UPDATE anchor SET issue_id = issue_id + ?`, []any{anchorShift}},
			{`UPDATE override SET value = ?`, []any{override}},
		} {
			db.Exec(q.sql, q.args...) // a CHECK may refuse a value: then the row keeps its old one
		}
		db.Close()
		s, err := Open(path, WithBusyTimeout(0))
		if err != nil {
			t.Fatalf("a project with bad rows must open: %v", err)
		}
		defer s.Close()
		for _, name := range []string{"Muscat test", "What if"} {
			sc, err := s.LoadScenario(name)
			if err != nil {
				if model.ErrorCode(err) != model.EINVALID {
					t.Fatalf("%s: %v [%s], want an invalid-row message", name, err, model.ErrorCode(err))
				}
				continue
			}
			if errs := model.Validate(sc); errs != nil {
				t.Fatalf("%s loaded invalid: %v", name, errs)
			}
		}
	})
}
