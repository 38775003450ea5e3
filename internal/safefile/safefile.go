// Package safefile is the one way Parley writes an export (data files,
// charts, briefings, slides): through a temporary file beside the target,
// renamed over it only when complete, and only over a regular file. A
// symbolic link, a named pipe (FIFO), a device, a socket or a folder at the
// target is refused with a message and left as it is (issue 18: `--out`
// once replaced symlinks and, as root, /dev/full). The written file keeps the
// mode of the file it replaces, or gets 0644 when new.
package safefile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"parley/model"
)

// RuleRegular is the rule a refused target breaks.
const RuleRegular = "a regular file"

// NewMode is the mode of a file that did not exist before.
const NewMode fs.FileMode = 0o644

// Check refuses a target that exists and is not a regular file; it returns
// the mode the written file must have.
func Check(path string) (fs.FileMode, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NewMode, nil
	}
	if err != nil {
		return 0, &model.Error{Code: model.EINVALID, Where: path, Rule: "writable file", Message: "cannot write here", Err: err}
	}
	if fi.Mode().IsRegular() {
		return fi.Mode().Perm(), nil
	}
	what := "not a regular file"
	switch m := fi.Mode(); {
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m.IsDir():
		what = "a folder"
	}
	return 0, model.Invalid(path, RuleRegular, "this is %s; nothing was written: export to a regular file (a new name, or a file Parley may replace)", what)
}

// CheckDir refuses a folder to write files into (a briefing's slides) that
// exists and is not a real folder: a symbolic link to one is refused, not
// followed, like a link chosen as a file.
func CheckDir(dir string) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &model.Error{Code: model.EINVALID, Where: dir, Rule: "writable folder", Message: "cannot write here", Err: err}
	case fi.Mode()&fs.ModeSymlink != 0:
		return model.Invalid(dir, RuleFolder, "this is a symbolic link; nothing was written: export the slides into a real folder")
	case !fi.IsDir():
		return model.Invalid(dir, RuleFolder, "this is not a folder; nothing was written")
	}
	return nil
}

// RuleFolder is the rule a refused slides folder breaks.
const RuleFolder = "a real folder"

// Write writes data to path safely (see the package comment).
func Write(path string, data []byte) error {
	return WriteWith(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// WriteWith writes what f writes to path safely (see the package comment).
// When f fails, nothing is written and its error is returned.
func WriteWith(path string, f func(io.Writer) error) error {
	mode, err := Check(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".parley-export-*")
	if err != nil {
		return &model.Error{Code: model.EINVALID, Where: path, Rule: "writable file", Message: "cannot write here: " + errText(err), Err: err}
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := f(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "could not set the file's permissions", Err: err}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "could not write", Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "could not finish writing", Err: err}
	}
	// Checked again just before the rename: a rename replaces the name
	// itself, never what a link points to, so at worst a link put there in
	// between is replaced, not followed.
	if _, err := Check(path); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "could not write", Err: err}
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
