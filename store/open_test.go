package store

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/model"
)

// goodProject writes a project with the sample scenario and returns its path.
func goodProject(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScenario(sample()); err != nil {
		t.Fatal(err)
	}
	other := sample()
	other.Name = "Second scenario"
	if err := s.SaveScenario(other); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// refusedByteIdentical opens path, wants a refusal whose text holds want, and
// checks (by SHA-256) that the file is exactly as it was and nothing was
// written beside it.
func refusedByteIdentical(t *testing.T, path, want string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before := sha256.Sum256(data)
	beside := filesIn(t, filepath.Dir(path))
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatalf("%s opened; want a refusal", filepath.Base(path))
	}
	after, _ := os.ReadFile(path)
	if sha256.Sum256(after) != before {
		t.Fatalf("the refused file changed: sha256 %x before, %x after", before, sha256.Sum256(after))
	}
	if got := filesIn(t, filepath.Dir(path)); strings.Join(got, ",") != strings.Join(beside, ",") {
		t.Fatalf("files beside the project were %v, now %v", beside, got)
	}
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "untouched") {
		t.Fatalf("got %v [%s]; want an invalid-file message with %q that says the file is untouched", err, model.ErrorCode(err), want)
	}
	t.Logf("%s (sha256 %x unchanged): %v", filepath.Base(path), before[:6], err)
}

func TestTruncatedProjectRefusedByteIdentical(t *testing.T) {
	path := goodProject(t, "p.db")
	data, _ := os.ReadFile(path)
	for _, c := range []struct {
		name string
		keep int
		want string
	}{
		{"to one byte", 1, "cut short"},
		{"to 50 bytes", 50, "cut short"},
		{"by one byte", len(data) - 1, "not a whole number of"},
		{"by one page", len(data) - 4096, "cut short"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "cut.db")
			os.WriteFile(p, data[:c.keep], 0o644)
			refusedByteIdentical(t, p, c.want)
		})
	}
}

func TestNotAProjectRefusedByteIdentical(t *testing.T) {
	png, err := os.ReadFile(filepath.Join("..", "assets", "icon.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"renamed PNG", png, "a PNG image"},
		{"scenario JSON", []byte(`{"format": "parley-scenario"}`), "a JSON text file"},
		{"text", bytes.Repeat([]byte("notes "), 1000), "not a SQLite database"},
		{"one byte", []byte("x"), "not a SQLite database"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "project.db")
			os.WriteFile(p, c.data, 0o644)
			refusedByteIdentical(t, p, c.want)
		})
	}
}

// A page in the middle overwritten with noise: SQLite's quick_check finds it
// before anything is written.
func TestDamagedPageRefusedByteIdentical(t *testing.T) {
	path := goodProject(t, "p.db")
	data, _ := os.ReadFile(path)
	pages := len(data) / 4096
	if pages < 4 {
		t.Fatalf("only %d pages", pages)
	}
	for i := 2 * 4096; i < 3*4096; i++ {
		data[i] = byte(i * 7)
	}
	os.WriteFile(path, data, 0o644)
	refusedByteIdentical(t, path, "damaged")
}

func TestOtherProgramsDatabaseRefusedByteIdentical(t *testing.T) {
	path := goodProject(t, "p.db")
	db := rawDB(t, path, "")
	if _, err := db.Exec("PRAGMA application_id = 1234"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	refusedByteIdentical(t, path, "another program")
}

// Only an absent or an empty file becomes a new project; a new project is
// marked with Parley's application id.
func TestEmptyOrAbsentFileBecomesAProject(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	for _, p := range []string{empty, filepath.Join(dir, "sub", "new.db")} {
		s, err := Open(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var app int
		s.DB().QueryRow("PRAGMA application_id").Scan(&app)
		s.Close()
		if app != ApplicationID {
			t.Errorf("%s: application id %#x, want %#x", p, app, ApplicationID)
		}
	}
}

// check reads a sound project without changing a byte, and reports a
// damaged scenario by name.
func TestCheckReadsOnly(t *testing.T) {
	path := goodProject(t, "p.db")
	before, _ := os.ReadFile(path)
	r, err := Check(path)
	if err != nil || !r.OK() || len(r.Scenarios) != 2 || r.Opened != 2 {
		t.Fatalf("sound project: %+v, %v", r, err)
	}
	db := rawDB(t, path, "_foreign_keys=off")
	db.Exec(`UPDATE actor SET capability = 9e999 WHERE name = 'Oman' AND scenario_id = (SELECT id FROM scenario WHERE name = 'Second scenario')`)
	db.Close()
	before, _ = os.ReadFile(path)
	r, err = Check(path)
	if err != nil || r.OK() || r.Opened != 1 || !strings.Contains(strings.Join(r.Problems, "\n"), `scenario "Second scenario" actor "Oman" capability: +Inf`) {
		t.Fatalf("damaged scenario: %+v, %v", r, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("check changed the file")
	}
}
