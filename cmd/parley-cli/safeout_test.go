package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// export --out onto a symbolic link and onto a named pipe (FIFO) is refused
// with a message, the link and the FIFO left as they were (the link's target
// unchanged); a chart export onto a link is refused too; over a regular file
// the export keeps that file's mode, and a new file gets 0644.
func TestExportOutRefusesLinksAndFIFOs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if _, stderr, code := cli(t, "import", sharedFile(t, "inputs/ktab_dummyData_3Dim.csv"), "--db", db, "--scenario", "Dummy"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	target := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(target, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for _, c := range []struct {
		out, what string
		extra     []string
	}{
		{link, "a symbolic link", []string{"--format", "csv"}},
		{fifo, "a named pipe", []string{"--format", "csv"}},
		{link, "a symbolic link", []string{"--chart", "stance", "--format", "svg"}},
	} {
		args := append([]string{"export", "--db", db, "--scenario", "Dummy", "--out", c.out}, c.extra...)
		_, stderr, code := cli(t, args...)
		if code == 0 || !strings.Contains(stderr, c.what) || !strings.Contains(stderr, "nothing was written") {
			t.Errorf("export onto %s: exit %d, %q", c.what, code, stderr)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("the link's target now holds %q", b)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".parley-export-*")); len(m) != 0 {
		t.Errorf("temporary files left behind: %v", m)
	}

	// A regular file keeps its mode; a new one is 0644.
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Dummy", "--format", "csv", "--out", target); code != 0 {
		t.Fatalf("export over a regular file: %s", stderr)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file has mode %v, want its own 0600", fi.Mode().Perm())
	}
	fresh := filepath.Join(dir, "new.csv")
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Dummy", "--format", "csv", "--out", fresh); code != 0 {
		t.Fatalf("export to a new file: %s", stderr)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file has mode %v, want 0644", fi.Mode().Perm())
	}
}
