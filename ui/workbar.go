package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// workShowAfter is how long work may run before the window shows its
// progress bar (a Muscat forecast takes 2 ms: no flicker for it).
const workShowAfter = 300 * time.Millisecond

// workBar is the strip under the views that shows long work under way (a
// 250 × 10 forecast, a deck export) with its progress and a Cancel that
// really stops it (issues 17 and 18). It sits beside the window, not over
// it: the sliders and tabs stay usable while it runs. After a cancelled
// forecast it offers "Forecast again".
type workBar struct {
	u      *App
	box    *fyne.Container
	label  *widget.Label
	bar    *widget.ProgressBar
	spin   *widget.ProgressBarInfinite
	cancel *widget.Button
	again  *widget.Button
	// row is the title row the bar sits in (at its right end); it is laid
	// out again when the bar shows or hides.
	row *fyne.Container
	// UI goroutine only.
	job      uint64 // the job shown (or about to be); 0 = none
	onCancel func()
}

func newWorkBar(u *App) *workBar {
	b := &workBar{u: u, label: widget.NewLabel(""), bar: widget.NewProgressBar(), spin: widget.NewProgressBarInfinite()}
	b.label.Truncation = fyne.TextTruncateEllipsis
	b.cancel = widget.NewButton("Cancel", func() {
		if b.onCancel != nil {
			b.onCancel()
		}
	})
	b.again = widget.NewButton("Forecast again", func() {
		b.again.Hide()
		b.setShown(false)
		u.requestForecast()
	})
	b.spin.Stop()
	b.spin.Hide()
	b.again.Hide()
	bars := container.NewStack(b.bar, b.spin)
	b.box = container.NewHBox(wide(b.label, 440), wide(bars, 160), b.cancel, b.again)
	b.box.Hide()
	u.runner.progress = u.forecastProgress
	u.runner.ended = u.forecastEnded
	u.runner.cancelled = u.forecastCancelled
	return b
}

// titleRow is the row above the views: the scenario's title, and the bar
// at its right end while work runs (the title gives way; nothing below moves).
func (b *workBar) titleRow(title fyne.CanvasObject) fyne.CanvasObject {
	b.row = container.NewBorder(nil, nil, nil, b.box, title)
	return b.row
}

// setShown shows or hides the bar and lays its row out again.
func (b *workBar) setShown(on bool) {
	if on == b.box.Visible() {
		return
	}
	if on {
		b.box.Show()
	} else {
		b.box.Hide()
	}
	if b.row != nil {
		b.row.Refresh()
	}
}

// begin starts showing a job (after workShowAfter unless it ends first):
// text says what runs, cancel stops it. It returns the job's token.
func (b *workBar) begin(text string, cancel func()) uint64 {
	b.job++
	job := b.job
	b.label.SetText(text)
	b.onCancel = cancel
	b.bar.SetValue(0)
	b.bar.Show()
	b.spin.Hide()
	b.cancel.Show()
	b.cancel.Enable()
	b.again.Hide()
	time.AfterFunc(workShowAfter, func() {
		b.u.ui(func() {
			if b.job == job {
				b.setShown(true)
			}
		})
	})
	return job
}

// indeterminate shows a moving bar instead of a fraction (work that cannot
// count its steps, such as one chart).
func (b *workBar) indeterminate(job uint64) {
	if b.job != job {
		return
	}
	b.bar.Hide()
	b.spin.Show()
	b.spin.Start()
}

// step shows text and the fraction done of job.
func (b *workBar) step(job uint64, text string, frac float64) {
	if b.job != job {
		return
	}
	b.label.SetText(text)
	b.bar.SetValue(frac)
}

// end hides job's bar (a newer job keeps its own).
func (b *workBar) end(job uint64) {
	if b.job != job {
		return
	}
	b.job++
	b.onCancel = nil
	b.spin.Stop()
	b.setShown(false)
}

// Shown reports whether the bar is on screen, and what it says (tests).
func (b *workBar) Shown() (bool, string) { return b.box.Visible(), b.label.Text }

// forecastJob maps the runner's run in progress to its bar job.
type forecastJob struct {
	tag uint64
	job uint64
	on  bool
}

// forecastProgress (UI goroutine) shows the run of name: started (done 0)
// or with done of total parts finished.
func (u *App) forecastProgress(tag uint64, name, part string, done, total int) {
	if done == 0 {
		u.fjob = forecastJob{tag: tag, on: true}
		u.fjob.job = u.work.begin(fmt.Sprintf("Forecasting %s: 0 of %d parts done", name, total), u.CancelForecast)
		return
	}
	if !u.fjob.on || u.fjob.tag != tag {
		return
	}
	u.work.step(u.fjob.job, fmt.Sprintf("Forecasting %s: %d of %d parts done (last: %s)", name, done, total, part), float64(done)/float64(total))
}

// forecastEnded (UI goroutine) hides the bar of the run that ended.
func (u *App) forecastEnded(tag uint64) {
	if u.fjob.on && u.fjob.tag == tag {
		u.work.end(u.fjob.job)
		u.fjob.on = false
	}
}

// CancelForecast stops the forecast under way (the Cancel button): its
// result is dropped and the views keep the last forecast.
func (u *App) CancelForecast() {
	u.work.cancel.Disable()
	u.work.label.SetText("Cancelling the forecast…")
	u.runner.Cancel()
}

// forecastCancelled (UI goroutine) says so, keeping the frame on screen.
func (u *App) forecastCancelled(tag uint64) {
	msg := "Forecast cancelled: the charts show the last forecast."
	if u.result == nil {
		msg = "Forecast cancelled: no forecast is shown for this scenario yet."
	}
	u.showMessage(msg)
	// The bar stays, offering the run again.
	u.work.job++
	u.work.label.SetText(msg)
	u.work.bar.Hide()
	u.work.spin.Hide()
	u.work.cancel.Hide()
	u.work.again.Show()
	u.work.setShown(true)
	u.work.box.Refresh()
	if u.OnResult != nil {
		u.OnResult()
	}
}
