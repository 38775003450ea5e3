package ui

import (
	"strings"
	"testing"
	"time"

	"parley/assets"
	"parley/model"
)

// slowReader is a ReadFile that waits for release before it parses the
// default scenario: a large file being checked.
func slowReader(release chan struct{}) func(string, []byte) ([]*model.Scenario, []string, error) {
	return func(string, []byte) ([]*model.Scenario, []string, error) {
		<-release
		f, err := assets.Muscat()
		if err != nil {
			return nil, nil, err
		}
		return f.Scenarios, nil, nil
	}
}

// The window reads an imported file off the UI goroutine: the import call
// returns while the file is still being read, and the preview follows.
func TestImportReadsOffTheUIGoroutine(t *testing.T) {
	h := newHarness(t)
	release := make(chan struct{})
	h.u.deps.ReadFile = slowReader(release)
	before, _ := h.st.ListScenarios()
	previewed := false
	returned := make(chan struct{})
	go func() {
		h.queue <- func() {
			h.u.importInBackground("big.json", nil, func(summary string, commit func()) {
				previewed = strings.Contains(summary, "Muscat 2026 (2)")
				commit()
			})
			close(returned)
		}
	}()
	h.until(5*time.Second, "the import call returning while the file is read", func() bool {
		select {
		case <-returned:
			return true
		default:
			return false
		}
	})
	if previewed {
		t.Fatal("previewed before the file was read")
	}
	close(release)
	h.until(10*time.Second, "the preview", func() bool { return previewed })
	h.waitResult()
	after, _ := h.st.ListScenarios()
	if len(after) != 2*len(before) {
		t.Fatalf("%d scenarios after the import, want %d", len(after), 2*len(before))
	}
}

// Cancel while the file is read: nothing is imported, the status says so,
// and the late result is dropped.
func TestImportCancelImportsNothing(t *testing.T) {
	h := newHarness(t)
	release := make(chan struct{})
	h.u.deps.ReadFile = slowReader(release)
	before, _ := h.st.ListScenarios()
	previewed := false
	cancel := h.u.importInBackground("big.json", nil, func(string, func()) { previewed = true })
	cancel()
	if got := h.u.status.Text; !strings.Contains(got, "Import of big.json cancelled: nothing was imported") {
		t.Fatalf("status %q", got)
	}
	close(release)
	select { // the late result reaches the UI goroutine, which drops it
	case f := <-h.queue:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("the read never finished")
	}
	if previewed {
		t.Fatal("a cancelled import was previewed")
	}
	after, _ := h.st.ListScenarios()
	if len(after) != len(before) {
		t.Fatalf("%d scenarios after a cancelled import, want %d", len(after), len(before))
	}
}
