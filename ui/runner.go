package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"parley/model"
	"parley/model/forecast"
)

// Runner re-runs every model off the UI goroutine while the analyst drags a
// slider: the latest request wins (older waiting ones are dropped, a result
// that is stale by the time it lands is not shown), at most one computation
// runs at a time, and results come back on the UI goroutine through fyne.Do.
type Runner struct {
	mu      sync.Mutex
	seq     uint64
	pending *request
	busy    bool
	// apply receives each result on the UI goroutine, with the scenario it
	// was computed from and the tag it was requested with.
	apply func(tag uint64, sc *model.Scenario, res *forecast.Result, took time.Duration)
	// do runs f on the UI goroutine (fyne.Do; tests may replace it).
	do func(f func())
	// fail, if set, receives on the UI goroutine a forecast that was refused
	// (a scenario above model's forecast limit) or that failed unexpectedly
	// (a panic in a model, turned into the one error type): the window says
	// why instead of showing nothing or dying.
	fail func(tag uint64, err error)
	// progress, if set, hears on the UI goroutine that a run of the scenario
	// named name started (done 0) and each part it finished (of total).
	progress func(tag uint64, name, part string, done, total int)
	// ended, if set, hears on the UI goroutine that a run ended (shown,
	// failed or cancelled), before apply, fail or cancelled.
	ended func(tag uint64)
	// cancelled, if set, hears on the UI goroutine that a run was stopped by
	// Cancel: its result is dropped and the frame on screen stays.
	cancelled func(tag uint64)
	// stop cancels the run under way (nil when none is).
	stop context.CancelFunc
}

type request struct {
	seq uint64
	tag uint64
	sc  *model.Scenario
	opt forecast.Options
}

// NewRunner returns a runner that hands results to apply.
func NewRunner(apply func(uint64, *model.Scenario, *forecast.Result, time.Duration)) *Runner {
	return &Runner{apply: apply, do: fyne.Do}
}

// Request asks for a forecast of sc (which the runner owns from now on),
// handed back to apply with tag. Any older request still waiting is dropped.
func (r *Runner) Request(tag uint64, sc *model.Scenario, opt forecast.Options) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	r.pending = &request{seq: r.seq, tag: tag, sc: sc, opt: opt}
	// A run already under way is left to finish (and is shown if nothing newer
	// has arrived by then): cancelling it on every slider event would mean no
	// frame at all while dragging on a scenario slower than the events.
	if !r.busy {
		r.busy = true
		go r.loop()
	}
}

// Cancel stops the run under way (the models stop within about a second on
// a 250 × 10 scenario; its result is never shown) and drops any request
// still waiting.
func (r *Runner) Cancel() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending = nil
	if r.stop != nil {
		r.stop()
	}
}

// Idle reports whether no request is waiting or running.
func (r *Runner) Idle() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.busy && r.pending == nil
}

// Latest is the sequence number of the newest request.
func (r *Runner) Latest() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seq
}

func (r *Runner) loop() {
	for {
		r.mu.Lock()
		req := r.pending
		r.pending = nil
		if req == nil {
			r.busy = false
			r.mu.Unlock()
			return
		}
		ctx, stop := context.WithCancel(context.Background())
		r.stop = stop
		r.mu.Unlock()

		tag := req.tag
		if r.progress != nil {
			name, total := req.sc.Name, forecast.Parts(req.sc, req.opt)
			r.do(func() { r.progress(tag, name, "", 0, total) })
			ctx = forecast.WithProgress(ctx, func(part string, done, total int) {
				r.do(func() { r.progress(tag, name, part, done, total) })
			})
		}
		start := time.Now()
		res, err := runSafely(ctx, req.sc, req.opt)
		took := time.Since(start)
		r.mu.Lock()
		r.stop = nil
		r.mu.Unlock()
		stop()
		ended := func() {
			if r.ended != nil {
				r.ended(tag)
			}
		}
		switch {
		case errors.Is(err, context.Canceled):
			r.do(func() {
				ended()
				if r.cancelled != nil {
					r.cancelled(tag)
				}
			})
		case err != nil:
			r.do(func() {
				ended()
				if r.fail != nil {
					r.fail(tag, err)
				}
			})
		default:
			// Every finished run is shown, even if a newer request is already
			// waiting: while a slider moves faster than the models run, the
			// charts then follow it at the models' pace instead of freezing.
			r.do(func() { ended(); r.apply(tag, req.sc, res, took) })
		}
	}
}

// runSafely runs every model on sc, refusing a scenario above the forecast
// limit before any model starts, and turning a panic into an EINTERNAL error:
// no model failure takes the window down.
func runSafely(ctx context.Context, sc *model.Scenario, opt forecast.Options) (res *forecast.Result, err error) {
	if err := model.CheckForecastSize(sc); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, model.Errorf(model.EINTERNAL, "a model failed unexpectedly (%v); nothing was changed", p)
		}
	}()
	return forecast.Run(ctx, sc, opt)
}
