package chart

import (
	"errors"
	"io"

	"gonum.org/v1/plot/vg/draw"
)

// ErrStopped is what WritePDFSteps returns when stop asked it to.
var ErrStopped = errors.New("stopped")

// WritePDFSteps is WritePDF for the window: it tells step (if not nil)
// after each page is drawn and gives up with ErrStopped, writing nothing,
// as soon as stop (if not nil) reports true: a 250-actor deck takes
// seconds, and the export's Cancel must stop it.
func (b *Briefing) WritePDFSteps(w io.Writer, stop func() bool, step func(done, total int)) error {
	t := newTarget(PDF, b.size, b.dpi)
	for k := range b.pages {
		if stop != nil && stop() {
			return ErrStopped
		}
		if k > 0 {
			t.pdf.NextPage()
		}
		b.drawPage(draw.New(t.canvas), k)
		if step != nil {
			step(k+1, len(b.pages))
		}
	}
	if stop != nil && stop() {
		return ErrStopped
	}
	return t.write(w)
}
