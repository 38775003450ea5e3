package ui

import (
	"io"

	"fyne.io/fyne/v2"

	"parley/internal/safefile"
)

// writeExport writes an export the analyst chose in a save dialog through
// internal/safefile (a temporary file beside the target, renamed over a
// regular file only, keeping its mode): the dialog's own writer is closed
// unused. A target that is not a local file is written through the writer.
func writeExport(w fyne.URIWriteCloser, f func(io.Writer) error) error {
	if w.URI().Scheme() != "file" {
		err := f(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}
	w.Close()
	return safefile.WriteWith(w.URI().Path(), f)
}
