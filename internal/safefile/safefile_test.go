package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"parley/model"
)

// Writing over a symbolic link, a FIFO or a folder is refused with a message
// naming what it is, and each is left as it was; a failed write leaves the
// old file whole; a replaced file keeps its mode, a new one gets 0644.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("old"), 0o640)
	link := filepath.Join(dir, "link")
	os.Symlink(target, link)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	for path, what := range map[string]string{link: "a symbolic link", fifo: "a named pipe", dir: "a folder"} {
		err := Write(path, []byte("new"))
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), what) || !strings.Contains(err.Error(), RuleRegular) {
			t.Errorf("write onto %s: %v", what, err)
		}
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	failed := errors.New("chart failed")
	if err := WriteWith(target, func(w io.Writer) error { w.Write([]byte("half")); return failed }); !errors.Is(err, failed) {
		t.Errorf("failed write: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q", b)
	}
	if err := Write(target, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("the file holds %q", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the old 0640", fi.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh")
	if err := Write(fresh, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", fi.Mode().Perm())
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".parley-export-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

// A briefing's slides folder that is a symbolic link to another folder is
// refused, not followed: nothing appears in the folder it points to.
func TestCheckDirRefusesALink(t *testing.T) {
	root := t.TempDir()
	elsewhere := filepath.Join(root, "elsewhere")
	if err := os.Mkdir(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "muscat-slides")
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Fatal(err)
	}
	if err := CheckDir(link); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("a link as the slides folder: %v", err)
	}
	file := filepath.Join(root, "plain.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	if err := CheckDir(file); err == nil {
		t.Fatal("a file as the slides folder was accepted")
	}
	if err := CheckDir(elsewhere); err != nil {
		t.Fatalf("a real folder refused: %v", err)
	}
	if err := CheckDir(filepath.Join(root, "new")); err != nil {
		t.Fatalf("a folder still to be made refused: %v", err)
	}
	if ents, _ := os.ReadDir(elsewhere); len(ents) != 0 {
		t.Fatalf("the linked folder gained %d entries", len(ents))
	}
}
