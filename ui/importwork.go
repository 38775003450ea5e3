package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// importProgressAfter is how long an import's reading may take before the
// window shows its progress with a Cancel button.
const importProgressAfter = 300 * time.Millisecond

// importInBackground reads a scenario file off the UI goroutine, so the
// window stays live while a large file is checked (model's limits bound that
// to about a second). Past importProgressAfter a dialog says what is being
// read, with Cancel; after a cancel the result is dropped and nothing is
// imported. Otherwise it goes on as Import does: preview, then commit. The
// returned func cancels (what the dialog's button calls).
func (u *App) importInBackground(name string, data []byte, preview func(summary string, commit func())) (cancel func()) {
	if u.deps.ReadFile == nil {
		return func() {}
	}
	// done, cancelled and prog are touched on the UI goroutine only (u.ui).
	done, cancelled := false, false
	var prog dialog.Dialog
	cancel = func() {
		if done || cancelled {
			return
		}
		cancelled = true
		if prog != nil {
			prog.Hide()
		}
		u.showMessage("Import of " + name + " cancelled: nothing was imported.")
	}
	go func() {
		scs, warnings, err := u.deps.ReadFile(name, data)
		u.ui(func() {
			if cancelled {
				return
			}
			done = true
			if prog != nil {
				prog.Hide()
			}
			if err != nil {
				u.ShowError(err)
				return
			}
			u.importParsed(scs, warnings, preview)
		})
	}()
	if u.win != nil {
		time.AfterFunc(importProgressAfter, func() {
			u.ui(func() {
				if done || cancelled {
					return
				}
				size := float64(len(data)) / (1 << 20)
				msg := widget.NewLabel("Reading and checking " + name + " (" + fmtMiB(size) + ")…")
				prog = dialog.NewCustom("Importing "+name, "Cancel", container.NewVBox(msg, widget.NewProgressBarInfinite()), u.win)
				prog.SetOnClosed(cancel)
				prog.Show()
			})
		})
	}
	return cancel
}

func fmtMiB(m float64) string {
	if m < 0.1 {
		return "under 0.1 MiB"
	}
	return fmt.Sprintf("%.1f MiB", m)
}
