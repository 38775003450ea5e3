package ui

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"parley/ui/chart"
)

// openExportDialog shows File › Export chart… on the stance map of issue i.
func openExportDialog(t *testing.T, h *harness, i int) {
	t.Helper()
	h.u.win = h.w
	h.u.Menus(codecDeps())
	h.u.ShowTab("stance")
	h.u.stance.IssueSelect().SetSelectedIndex(i)
	h.u.exportDialog()
	if h.u.chartForm == nil || h.u.saving == nil {
		t.Fatal("Export chart… showed no dialog")
	}
}

// retype replaces an entry's text as the analyst would: select all, type.
func retype(e interface {
	SetText(string)
}, typeInto func(string), text string) {
	e.SetText("")
	typeInto(text)
}

// The analyst exports the stance map at a custom 1000 × 600 pixels and
// 150 DPI: typing a width switches the size to "Custom size", the PNG
// written has exactly those pixels, and the suggested name carries the
// scenario, the chart and the issue; the next issue's export gets another
// name (it does not overwrite the first). A4 landscape at 150 DPI is
// 1754 × 1240.
func TestExportChartCustomSizeAndDPI(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	openExportDialog(t, h, 0)
	f, p := h.u.chartForm, h.u.saving
	key := h.u.current.Issues[0].Key
	if want := "muscat-2026-stance-" + key + ".png"; p.name.Text != want {
		t.Fatalf("suggested name %q, want %q", p.name.Text, want)
	}
	retype(f.width, func(s string) { test.Type(f.width, s) }, "1000")
	retype(f.height, func(s string) { test.Type(f.height, s) }, "600")
	if f.size.Selected != customSize {
		t.Fatalf("typing a width left the size at %q", f.size.Selected)
	}
	retype(f.dpi, func(s string) { test.Type(f.dpi, s) }, "150")
	retype(p.folder, func(s string) { test.Type(p.folder, s) }, dir)
	first := p.name.Text
	test.Tap(overlayButton(t, h.w, "Save"))
	h.until(20*time.Second, "the export", func() bool { return h.u.exports.Load() == 0 && strings.HasPrefix(h.u.status.Text, "Exported") })
	if got := h.u.status.Text; !strings.Contains(got, "1000×600 at 150 DPI") {
		t.Errorf("status %q does not say the size and DPI", got)
	}
	checkPNGSize(t, filepath.Join(dir, first), 1000, 600)

	// The next issue, A4 landscape at 150 DPI: another file.
	openExportDialog(t, h, 1)
	f, p = h.u.chartForm, h.u.saving
	if p.name.Text == first || !strings.Contains(p.name.Text, h.u.current.Issues[1].Key) {
		t.Fatalf("second issue's suggested name %q (first %q)", p.name.Text, first)
	}
	if p.folder.Text != dir {
		t.Fatalf("the dialog starts in %q, not the last folder %q", p.folder.Text, dir)
	}
	retype(f.dpi, func(s string) { test.Type(f.dpi, s) }, "150")
	f.size.SetSelected("A4 landscape")
	test.Tap(overlayButton(t, h.w, "Save"))
	h.until(20*time.Second, "the second export", func() bool {
		return h.u.exports.Load() == 0 && strings.Contains(h.u.status.Text, p.name.Text)
	})
	checkPNGSize(t, filepath.Join(dir, p.name.Text), 1754, 1240)
	checkPNGSize(t, filepath.Join(dir, first), 1000, 600) // untouched

	// A DPI out of range is refused with the CLI's rule; nothing is written.
	openExportDialog(t, h, 2)
	f, p = h.u.chartForm, h.u.saving
	retype(f.dpi, func(s string) { test.Type(f.dpi, s) }, "600")
	test.Tap(overlayButton(t, h.w, "Save"))
	if !strings.Contains(h.u.status.Text, "DPI 600 is out of range") {
		t.Fatalf("status %q, want the DPI refused", h.u.status.Text)
	}
	if _, err := os.Stat(p.Path()); err == nil {
		t.Fatal("a file was written with a refused DPI")
	}
}

func checkPNGSize(t *testing.T, path string, w, h int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if cfg.Width != w || cfg.Height != h {
		t.Fatalf("%s is %d×%d pixels, want %d×%d", filepath.Base(path), cfg.Width, cfg.Height, w, h)
	}
}

// Every save the window makes (chart, briefing, data, project copy) goes
// through Parley's dialog: choosing a symbolic link to a file outside, or a
// named pipe, is refused with safefile's message; the link stays a link,
// its target is byte-identical, the FIFO is still a FIFO (and was never
// opened: opening it for writing would block).
func TestSaveDialogRefusesLinksAndFIFOs(t *testing.T) {
	h := newHarness(t)
	h.u.win = h.w
	deps := codecDeps()
	deps.SaveProjectAs = h.st.SaveAs
	h.u.Menus(deps)
	outside := filepath.Join(t.TempDir(), "precious.txt")
	orig := []byte("the analyst's notes, not to be overwritten\n")
	if err := os.WriteFile(outside, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	saves := map[string]func(){
		"chart":    func() { h.u.ShowTab("stance"); h.u.exportDialog() },
		"briefing": func() { h.u.ShowTab("briefing"); h.u.briefing.refresh(); h.u.briefing.choosePDF() },
		"data":     h.u.exportDataDialog,
		"project":  h.u.saveAsDialog,
	}
	for what, open := range saves {
		for _, kind := range []string{"link", "fifo"} {
			target := filepath.Join(dir, what+"-"+kind)
			if kind == "link" {
				if err := os.Symlink(outside, target); err != nil {
					t.Fatal(err)
				}
			} else if err := syscall.Mkfifo(target, 0o600); err != nil {
				t.Fatal(err)
			}
			h.u.saving = nil
			open()
			p := h.u.saving
			if p == nil {
				t.Fatalf("%s: no save dialog", what)
			}
			retype(p.folder, func(s string) { test.Type(p.folder, s) }, dir)
			retype(p.name, func(s string) { test.Type(p.name, s) }, filepath.Base(target))
			h.u.status.SetText("")
			test.Tap(overlayButton(t, h.w, "Save"))
			want := map[string]string{"link": "a symbolic link", "fifo": "a named pipe (FIFO)"}[kind]
			if got := h.u.status.Text; !strings.Contains(got, want) || !strings.Contains(got, "nothing was written") {
				t.Errorf("%s onto a %s: status %q, want it refused as %s", what, kind, got, want)
			}
			fi, err := os.Lstat(target)
			if err != nil {
				t.Fatal(err)
			}
			if kind == "link" && fi.Mode()&os.ModeSymlink == 0 || kind == "fifo" && fi.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("%s: the %s was replaced (mode %v)", what, kind, fi.Mode())
			}
			// Dismiss the error dialog.
			for h.w.Canvas().Overlays().Top() != nil {
				h.w.Canvas().Overlays().Top().Hide()
				h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
			}
		}
	}
	if got, _ := os.ReadFile(outside); !bytes.Equal(got, orig) {
		t.Fatalf("the link's target changed: %q", got)
	}
}

// The briefing PDF is drawn off the UI goroutine with a page count in the
// bar: exported whole, it has every page; cancelled right after Save, the
// status says so and no file is left (nor any temporary file beside it).
func TestBriefingExportProgressAndCancel(t *testing.T) {
	h := newHarness(t)
	h.u.win = h.w
	h.u.Menus(codecDeps())
	h.u.ShowTab("briefing")
	h.u.briefing.refresh()
	dir := t.TempDir()

	export := func(name string) {
		h.u.briefing.choosePDF()
		p := h.u.saving
		retype(p.folder, func(s string) { test.Type(p.folder, s) }, dir)
		retype(p.name, func(s string) { test.Type(p.name, s) }, name)
		test.Tap(overlayButton(t, h.w, "Save"))
	}
	export("whole.pdf")
	pages := 0
	h.until(60*time.Second, "the briefing export", func() bool {
		if _, text := h.u.work.Shown(); strings.Contains(text, "page ") {
			pages++ // the bar counted pages while the export ran
		}
		return h.u.exports.Load() == 0
	})
	data, err := os.ReadFile(filepath.Join(dir, "whole.pdf"))
	if err != nil {
		t.Fatalf("%v (status %q)", err, h.u.status.Text)
	}
	b, err := h.u.briefing.Briefing(chart.SizeFullHD)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(data, -1)); n != b.Pages() || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("the PDF has %d pages, want %d", n, b.Pages())
	}
	if pages == 0 {
		t.Error("the bar never counted pages")
	}

	export("cancelled.pdf")
	test.Tap(h.u.work.cancel)
	h.until(30*time.Second, "the cancelled export", func() bool { return h.u.exports.Load() == 0 })
	if got := h.u.status.Text; !strings.Contains(got, "Export cancelled: nothing was written") {
		t.Fatalf("status %q", got)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 1 || filepath.Base(left[0]) != "whole.pdf" {
		t.Fatalf("files after the cancel: %v", left)
	}
}

// PNG slides are exported as the PDF is: the Briefing tab's "Export PNG
// slides…", a folder and the slides folder's name in Parley's own dialog,
// Save; drawn off the UI goroutine with a slide count and Cancel. Every
// slide opens as a 1920×1080 PNG; a cancelled export creates no folder; an
// export into a folder that holds more slides from a longer deck says so;
// a slides folder that is a symbolic link is refused and its target left as
// it was.
func TestBriefingPNGSlidesInBackground(t *testing.T) {
	h := newHarness(t)
	h.u.win = h.w
	h.u.Menus(codecDeps())
	h.u.ShowTab("briefing")
	h.u.briefing.refresh()
	dir := t.TempDir()
	export := func(name string) {
		test.Tap(findButton(h.w.Canvas(), "Export PNG slides…"))
		p := h.u.saving
		if p == nil || !p.dir {
			t.Fatal("Export PNG slides… opened no folder save dialog")
		}
		retype(p.folder, func(s string) { test.Type(p.folder, s) }, dir)
		retype(p.name, func(s string) { test.Type(p.name, s) }, name)
		test.Tap(overlayButton(t, h.w, "Save"))
		h.u.saving = nil
	}
	b, err := h.u.briefing.Briefing(chart.SizeFullHD)
	if err != nil {
		t.Fatal(err)
	}

	export("cancelled")
	test.Tap(h.u.work.cancel)
	h.until(60*time.Second, "the cancelled export", func() bool { return h.u.exports.Load() == 0 })
	if got := h.u.status.Text; !strings.Contains(got, "Export cancelled: nothing was written") {
		t.Fatalf("status after Cancel %q", got)
	}
	if _, err := os.Lstat(filepath.Join(dir, "cancelled")); !os.IsNotExist(err) {
		t.Fatalf("a cancelled export left its folder: %v", err)
	}

	out := filepath.Join(dir, "deck")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, chart.SlideName(b.Pages()+2, b.Pages()+3))
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	export("deck")
	test.Tap(overlayButton(t, h.w, "Yes")) // write into the existing folder
	counted := false
	h.until(60*time.Second, "the slides", func() bool {
		if _, text := h.u.work.Shown(); strings.Contains(text, "page ") {
			counted = true
		}
		return h.u.exports.Load() == 0
	})
	want := fmt.Sprintf("Wrote %d slides to %s; the folder also holds 1 other slide from an earlier export (%s)", b.Pages(), out, filepath.Base(stale))
	if got := h.u.status.Text; got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
	for k := range b.Pages() {
		f, err := os.Open(filepath.Join(out, chart.SlideName(k, b.Pages())))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 1920 || cfg.Height != 1080 {
			t.Fatalf("slide %d: %dx%d, %v", k+1, cfg.Width, cfg.Height, err)
		}
	}
	if !counted {
		t.Log("the export ended before the bar showed a count") // small decks can be that fast
	}

	target := t.TempDir()
	if err := os.Symlink(target, filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	export("linked")
	h.until(10*time.Second, "the refusal", func() bool { return h.u.exports.Load() == 0 })
	if left, _ := os.ReadDir(target); len(left) != 0 {
		t.Fatalf("the export wrote %d files through a symbolic link", len(left))
	}
	if got := h.u.status.Text; strings.HasPrefix(got, "Wrote") && strings.Contains(got, "linked") {
		t.Fatalf("status %q after a linked folder", got)
	}
}
