package ui

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"parley/model"
	"parley/model/sweep"
	"parley/ui/chart"
)

// The live band: the Monte Carlo band the stance map, the trajectory's fan
// and the Summary's verdicts show without a Run, kept on the inputs of the
// frame on screen. Each new frame (a slider moved, an edit, another
// scenario) cancels the band being drawn and starts one for the frame's
// inputs: first a preliminary band from as many draws as fit in
// firstBandBudget on every core (the point forecast of the frame is done by
// then, and newer input cancels the band within a draw), then, once no newer input has come for
// bandRest (the slider rests), the full band of the scenario's draws
// (Settings: draws, seed; the Uncertainty tab's default spread). Draw d
// depends only on the seed and d, so the preliminary band of n draws is
// exactly the first n draws of the full run (sweep.Key's documentation).
//
// A band is shown only for the inputs it was drawn from: it is looked up
// by sweep.Key of the scenario a view draws, so a band of older inputs is
// never drawn as current (while the slider moves faster than a band can be
// drawn, the map shows none).
const (
	// firstBandBudget is what the preliminary band may take, on every core.
	firstBandBudget = 20 * time.Millisecond
	// bandRest is how long the inputs must stay unchanged before the full band.
	bandRest = 250 * time.Millisecond
	// The preliminary band's draws, whatever the measured speed.
	minFirstDraws = 16
	maxFirstDraws = 400
)

// liveBandsOn is whether new windows draw live bands (the ui test binary
// turns it off, so the tests that do not look at bands spend no CPU on them).
var liveBandsOn = true

// liveBand draws the window's live band off the UI goroutine.
type liveBand struct {
	u    *App
	on   bool
	rest time.Duration

	mu      sync.Mutex
	want    string             // key of the inputs being drawn ("" = none)
	stop    context.CancelFunc // cancels the band being drawn
	key     string             // key of res
	res     *sweep.Result      // the newest band delivered
	full    int                // the draws of res's complete band
	perDraw time.Duration      // one draw on one worker, as last measured
	// onBand, if set, is called on the UI goroutine after a band is shown.
	onBand func()
}

func newLiveBand(u *App) *liveBand { return &liveBand{u: u, on: liveBandsOn, rest: bandRest} }

// bandOptions are the options of sc's live band: its draws and seed, the
// Uncertainty tab's default spread (the scenario's, or sweep.DefaultSpread).
func bandOptions(sc *model.Scenario) sweep.Options {
	return sweep.Options{Draws: sc.Settings.DrawsOr(), Seed: sc.Settings.SeedOr(), Spread: sweep.SpreadFor(sc.Settings.Spread)}
}

// firstDraws is how many draws fit in the preliminary band's budget on
// firstWorkers workers.
func (b *liveBand) firstDraws(full int) int {
	n := 32
	if b.perDraw > 0 {
		n = int(firstBandBudget/b.perDraw) * firstWorkers()
	}
	return min(full, max(minFirstDraws, min(maxFirstDraws, n)))
}

// firstWorkers are the preliminary band's workers: every core.
func firstWorkers() int { return max(1, runtime.GOMAXPROCS(0)) }

// moved stops the band being drawn: newer inputs are on their way (the band
// on screen stays, for the frame still on screen).
func (b *liveBand) moved() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stop != nil {
		b.stop()
		b.stop = nil
	}
	b.want = ""
}

// follow starts the band of sc, the frame's scenario, unless it is already
// shown or being drawn. It runs on the UI goroutine.
func (b *liveBand) follow(sc *model.Scenario) {
	if !b.on || sc == nil {
		return
	}
	opt := bandOptions(sc)
	key := sweep.Key(sc, opt)
	b.mu.Lock()
	defer b.mu.Unlock()
	if key == "" || key == b.want || (key == b.key && b.res != nil && b.res.Draws == b.full) {
		return
	}
	if b.stop != nil {
		b.stop()
	}
	ctx, stop := context.WithCancel(context.Background())
	b.want, b.stop = key, stop
	go b.draw(ctx, key, sc.Clone(), opt, b.firstDraws(opt.Draws), b.rest)
}

// draw makes the preliminary band of n draws, then, after rest without
// newer input, the full one; ctx is cancelled by newer input.
func (b *liveBand) draw(ctx context.Context, key string, sc *model.Scenario, opt sweep.Options, n int, rest time.Duration) {
	if n < opt.Draws {
		o := opt
		o.Draws, o.Workers = n, firstWorkers()
		start := time.Now()
		res, err := sweep.Run(ctx, sc, o)
		if err != nil {
			b.failed(ctx, err)
			return
		}
		b.mu.Lock()
		b.perDraw = time.Since(start) * time.Duration(o.Workers) / time.Duration(n)
		b.mu.Unlock()
		b.deliver(ctx, key, res, opt.Draws)
		select {
		case <-ctx.Done():
			return
		case <-time.After(rest):
		}
	}
	// One core stays free for the point forecast when the slider moves again.
	opt.Workers = max(1, runtime.GOMAXPROCS(0)-1)
	res, err := sweep.Run(ctx, sc, opt)
	if err != nil {
		b.failed(ctx, err)
		return
	}
	b.deliver(ctx, key, res, opt.Draws)
}

func (b *liveBand) failed(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return // newer input
	}
	b.u.ui(func() {
		if ctx.Err() == nil {
			b.u.showMessage("No Monte Carlo band: " + model.ErrorMessage(err))
		}
	})
}

// deliver shows res, the band of key, if no newer input has come since.
func (b *liveBand) deliver(ctx context.Context, key string, res *sweep.Result, full int) {
	b.u.ui(func() {
		b.mu.Lock()
		if ctx.Err() != nil || key != b.want {
			b.mu.Unlock()
			return
		}
		b.key, b.res, b.full = key, res, full
		if res.Draws == full {
			b.stop, b.want = nil, ""
		}
		b.mu.Unlock()
		b.u.refreshViews()
		b.u.sliders.refreshReadout()
		if b.onBand != nil {
			b.onBand()
		}
	})
}

// band is the live band of sc's inputs and whether it is complete (nil when
// none is drawn for exactly these inputs yet).
func (b *liveBand) band(sc *model.Scenario) (*sweep.Result, bool) {
	if sc == nil {
		return nil, false
	}
	key := sweep.Key(sc, bandOptions(sc))
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.res == nil || key == "" || key != b.key {
		return nil, false
	}
	return b.res, b.res.Draws == b.full
}

// uncertaintyOf is what res adds to the charts of issue i: each model's
// P10-P90 band and the fan of BDM's median (nil when res has no issue i).
func uncertaintyOf(res *sweep.Result, i int) *chart.Uncertainty {
	if res == nil || i < 0 || i >= len(res.Issues) {
		return nil
	}
	u := &chart.Uncertainty{Bands: chart.Bands{}}
	for _, m := range res.Issues[i].Models {
		if len(m.Values) > 0 {
			u.Bands[m.Model] = [2]float64{m.P10, m.P90}
		}
	}
	for _, f := range res.Issues[i].Fan {
		u.Fan = append(u.Fan, [2]float64{f.P10, f.P90})
	}
	return u
}

// bandNote says what the band on the charts of sc is: "" when none is shown.
func bandNote(res *sweep.Result, complete bool) string {
	if res == nil {
		return ""
	}
	if !complete {
		return fmt.Sprintf("P10-P90 band preliminary (%d draws), refining when the sliders rest…", res.Draws)
	}
	return fmt.Sprintf("P10-P90 band of %d Monte Carlo draws (seed %d).", res.Draws, res.Seed)
}
