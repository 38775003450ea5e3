package ui

import (
	"sync/atomic"

	"parley/model"
	"parley/model/forecast"
)

// baseRunner forecasts a what-if's base off the UI goroutine, for the Δ
// readout. Opening a what-if used to run the base's forecast on the UI
// goroutine: on a 250 × 10 base the window stayed black for 12-20 s
// (issue 18). The readout shows no Δ until the base's forecast lands.
type baseRunner struct {
	seq  uint64       // UI goroutine only: the newest request
	busy atomic.Int32 // requests not yet handed back (tests wait on it)
}

// Idle reports whether no base forecast is running or waiting to be applied.
func (b *baseRunner) Idle() bool { return b.busy.Load() == 0 }

// requestBaseForecast starts the forecast of base (the open what-if's) and,
// when it lands on the UI goroutine and the same what-if is still open,
// makes it the readout's reference.
func (u *App) requestBaseForecast(base *model.Scenario) {
	u.baseRun.seq++
	seq := u.baseRun.seq
	base = base.Clone()
	u.baseRun.busy.Add(1)
	go func() {
		res, _ := forecast.Run(bg(), base, forecast.FromSettings(base.Settings))
		u.ui(func() {
			defer u.baseRun.busy.Add(-1)
			if seq != u.baseRun.seq || !u.s.SetBaseReference(base.Name, res) {
				return // another scenario was opened meanwhile
			}
			u.sync()
			u.sliders.refreshReadout()
		})
	}()
}
