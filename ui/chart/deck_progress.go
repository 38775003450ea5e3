package chart

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/plot/vg/draw"

	"parley/internal/safefile"
	"parley/model"
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

// WritePNGsSteps is WritePNGs for the window: the pages are drawn in
// parallel into memory, step (if not nil) is told after each, and only when
// every page is drawn are the files written, so a stop (stop reporting
// true) or a failed page writes nothing and returns ErrStopped or the error.
func (b *Briefing) WritePNGsSteps(dir string, stop func() bool, step func(done, total int)) ([]string, error) {
	if err := safefile.CheckDir(dir); err != nil {
		return nil, err
	}
	n := len(b.pages)
	bufs := make([]bytes.Buffer, n)
	errs := make([]error, n)
	next := make(chan int, n)
	for k := range n {
		next <- k
	}
	close(next)
	var done atomic.Int32
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				if stop != nil && stop() {
					errs[k] = ErrStopped
					continue
				}
				errs[k] = b.WritePNG(&bufs[k], k)
				if step != nil {
					step(int(done.Add(1)), n)
				}
			}
		}()
	}
	wg.Wait()
	if stop != nil && stop() {
		return nil, ErrStopped
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &model.Error{Code: model.EINVALID, Where: dir, Rule: "writable folder", Message: "cannot create the folder for the slides", Err: err}
	}
	paths := make([]string, n)
	for k := range n {
		paths[k] = filepath.Join(dir, SlideName(k, n))
		if err := safefile.Write(paths[k], bufs[k].Bytes()); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

var slideFile = regexp.MustCompile(`^slide-[0-9]+\.png$`)

// OtherSlides lists the slide files in dir that are not among written (the
// paths a WritePNGs just returned): slides of an earlier, longer deck, which
// the analyst should not mistake for this one's.
func OtherSlides(dir string, written []string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if slideFile.MatchString(e.Name()) && !slices.Contains(written, filepath.Join(dir, e.Name())) {
			out = append(out, e.Name())
		}
	}
	return out
}
