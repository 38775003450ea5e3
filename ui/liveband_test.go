package ui

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"parley/model/sweep"
	"parley/model/verdict"
)

// The test binary draws no live band unless a test turns it on: the other
// tests would each spend seconds of CPU on bands they never look at.
func TestMain(m *testing.M) {
	liveBandsOn = false
	os.Exit(m.Run())
}

// liveHarness is a window on Muscat with the live band on, the stance map shown.
func liveHarness(t testing.TB) (*harness, *liveBand) {
	h := newHarness(t)
	b := h.u.uncertainty.live
	b.on = true
	h.u.ShowTab("Stance map")
	return h, b
}

// drag moves slider s as the analyst's mouse does: several moves, one release.
func drag(s interface {
	Dragged(*fyne.DragEvent)
	DragEnd()
	Size() fyne.Size
}, xs ...float32) {
	for _, x := range xs {
		s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, s.Size().Height/2)}})
	}
	s.DragEnd()
}

// The analyst drags the United States' position on the first issue across
// the scale and, without pressing Run, sees the stance map's band: first a
// preliminary one ("preliminary (N draws)"), drawn from the dragged inputs,
// then, once the slider rests, the full one of the scenario's draws, whose
// first N draws are the preliminary band's. A second drag moves the band.
func TestDragMovesLiveBandWithoutRun(t *testing.T) {
	h, b := liveHarness(t)
	b.rest = 100 * time.Millisecond // the slider "rests" sooner than the window's 250 ms
	full := h.u.live.Settings.DrawsOr()
	us := h.u.current.ActorIndex("United States")
	h.u.sliders.actor.SetSelectedIndex(us)
	_, pos, _ := h.u.sliders.Sliders()
	start := h.u.live.Stance(us, 0).Position
	drag(pos[0], 1, 3, 5) // to the low end of the scale
	h.waitResult()
	if h.u.live.Stance(us, 0).Position == start {
		t.Fatal("the drag did not move the live position")
	}
	var pre *sweep.Result
	h.until(60*time.Second, "a preliminary band", func() bool {
		res, complete := h.u.uncertainty.shownSweep(h.u.live)
		if res != nil && !complete {
			pre = res
		}
		return pre != nil || complete
	})
	if pre == nil {
		t.Fatal("the full band came without a preliminary one first")
	}
	if note := h.u.stance.BandNote(); !strings.Contains(note, "preliminary (") || pre.Draws >= full {
		t.Fatalf("preliminary band of %d draws (full %d), note %q", pre.Draws, full, note)
	}
	if _, ok := h.u.uncertaintyFor(h.u.live, 0).Bands["BDM"]; !ok {
		t.Fatal("the stance map gets no BDM band from the preliminary run")
	}
	h.until(120*time.Second, "the full band", func() bool { _, c := h.u.uncertainty.shownSweep(h.u.live); return c })
	fullRes, _ := h.u.uncertainty.shownSweep(h.u.live)
	if fullRes.Draws != full || fullRes == pre {
		t.Fatalf("the full band has %d draws, want %d", fullRes.Draws, full)
	}
	if note := h.u.stance.BandNote(); strings.Contains(note, "preliminary") || !strings.Contains(note, "of "+itoa(full)+" Monte Carlo draws") {
		t.Fatalf("the note under the full band says %q", note)
	}
	pb, fb := pre.Issues[0].Models[0], fullRes.Issues[0].Models[0]
	if pb.Model != sweep.ModelBDM || pb.Failed+fb.Failed == 0 && !slices.Equal(pb.Values, fb.Values[:pre.Draws]) {
		t.Fatal("the preliminary band is not the full run's first draws")
	}
	low := h.u.uncertaintyFor(h.u.live, 0).Bands["BDM"]

	drag(pos[0], pos[0].Size().Width-5, pos[0].Size().Width-2) // to the high end
	h.waitResult()
	h.until(60*time.Second, "a band of the new inputs", func() bool { return h.u.uncertaintyFor(h.u.live, 0) != nil })
	high := h.u.uncertaintyFor(h.u.live, 0).Bands["BDM"]
	if high == low {
		t.Fatalf("the BDM band stayed at %v after the drag across the scale", low)
	}
	// The Summary's verdicts take their Monte Carlo interval from it.
	h.u.ShowTab("Summary")
	h.until(30*time.Second, "the Summary's verdicts", func() bool { return h.u.summary.Verdicts() != nil })
	if bd := h.u.summary.Verdicts().Issues[0].Models; !slices.ContainsFunc(bd, func(m verdict.ModelVerdict) bool { return m.Band != nil }) {
		t.Fatal("no verdict on the first issue carries the live band")
	}
}

// Newer input cancels the band being drawn: a band of the inputs before a
// slider move, even one already on its way to the screen, is never shown
// for the frame after it.
func TestNoStaleBandAfterNewerInput(t *testing.T) {
	h, b := liveHarness(t)
	b.rest = time.Hour // only preliminary bands in this test
	old := h.u.live
	oldKey := sweep.Key(old, bandOptions(old))
	b.follow(old)
	// Wait, without running it, until the old band is queued for the screen.
	deadline := time.Now().Add(60 * time.Second)
	for len(h.queue) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no band drawn within 60 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	_, pos, _ := h.u.sliders.Sliders()
	pos[0].SetValue(pos[0].Value/2 + 1) // the slider moves before the band lands
	h.waitResult()
	if h.u.live == old {
		t.Fatal("the frame did not move to the new inputs")
	}
	b.mu.Lock()
	stale := b.key == oldKey
	b.mu.Unlock()
	if stale || h.u.uncertaintyFor(h.u.live, 0) != nil && sweep.Key(h.u.live, bandOptions(h.u.live)) != b.key {
		t.Fatal("the band of the inputs before the slider move was shown")
	}
	if h.u.uncertaintyFor(old, 0) != nil {
		t.Fatal("the old inputs' band was stored after newer input")
	}
	h.until(60*time.Second, "the band of the new inputs", func() bool { return h.u.uncertaintyFor(h.u.live, 0) != nil })
	if b.key != sweep.Key(h.u.live, bandOptions(h.u.live)) {
		t.Fatal("the band on screen is not the frame's")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkFirstBandAfterSlider: from a slider event (the US position on the
// first issue set, as a drag does) to the preliminary band of the new inputs
// on screen: the point forecast, then the band's first draws. Budget 50 ms
// (issue 16), reported as ns/op and p95-ms.
func BenchmarkFirstBandAfterSlider(b *testing.B) {
	h, band := liveHarness(b)
	band.rest = time.Hour // the full band is not what this measures
	h.u.sliders.actor.SetSelectedIndex(h.u.current.ActorIndex("United States"))
	_, pos, _ := h.u.sliders.Sliders()
	var times []time.Duration
	k := 0
	for b.Loop() {
		start := time.Now()
		pos[0].SetValue(float64(10 + k%80))
		k++
		for {
			select {
			case f := <-h.queue:
				f()
			case <-time.After(time.Second):
			}
			if res, _ := h.u.uncertainty.shownSweep(h.u.live); res != nil && h.u.runner.Idle() && h.u.live.Stance(h.u.current.ActorIndex("United States"), 0).Position == pos[0].Value {
				break
			}
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(band.firstDraws(h.u.live.Settings.DrawsOr())), "first-draws")
}

// BenchmarkSliderToChartWhileBandRefines is BenchmarkSliderToChart while a
// full band is being drawn in the background, on the workers the live band
// uses for it (every core but one): the slider's budget, 50 ms p95, holds.
func BenchmarkSliderToChartWhileBandRefines(b *testing.B) {
	sc := muscatScenario(b)
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		bg := sc.Clone()
		opt := bandOptions(bg)
		opt.Workers = max(1, runtime.GOMAXPROCS(0)-1)
		for ctx.Err() == nil {
			sweep.Run(ctx, bg, opt) //nolint:errcheck // cancelled at the end
		}
	}()
	defer func() { stop(); wg.Wait() }()
	sliderToChart(b, sc) // app_test.go
}

// The forecast table reads a change against the noise: after a drag, once
// the band of the new inputs is drawn, each model's forecast is followed by
// that band's P10-P90 ("46.6 · 35–58") and the line above the table says
// how many draws it has; a band of other inputs is never paired with the
// frame's forecasts (the cells show the forecast alone until the new band
// lands).
func TestForecastTableShowsTheFramesBand(t *testing.T) {
	h, b := liveHarness(t)
	b.rest = time.Hour // preliminary bands only
	us := h.u.current.ActorIndex("United States")
	h.u.sliders.actor.SetSelectedIndex(us)
	_, pos, _ := h.u.sliders.Sliders()
	drag(pos[0], 1, 3, 5)
	h.waitResult()
	h.until(60*time.Second, "the band of the dragged inputs", func() bool { r, _ := h.u.uncertainty.shownSweep(h.u.live); return r != nil })
	band, _ := h.u.uncertainty.shownSweep(h.u.live)
	bd := band.Issues[0].Models[0]
	if bd.Model != sweep.ModelBDM || len(bd.Values) == 0 {
		t.Fatalf("no BDM band on the first issue: %+v", bd)
	}
	is := &h.u.live.Issues[0]
	want := fmt.Sprintf("%.1f · %s", is.Shown(h.u.result.Issues[0].BDM.Forecast), bandRange(is, bd.P10, bd.P90))
	if verdict.LiesOutside(h.u.result.Issues[0].BDM.Forecast, bd.P10, bd.P90) {
		want += outsideMark
	}
	if got := h.shown(0, 1); got != want {
		t.Fatalf("forecast table BDM cell %q, want %q (the forecast and its band)", got, want)
	}
	if note := h.u.sliders.readoutNote.Text; !strings.Contains(note, "preliminary ("+itoa(band.Draws)+" draws)") {
		t.Fatalf("the line above the table says %q", note)
	}

	// The slider moves again: the old band is not shown with the new forecasts.
	pos[0].SetValue(90)
	h.waitResult()
	if r, _ := h.u.uncertainty.shownSweep(h.u.live); r == nil {
		if got := h.shown(0, 1); strings.Contains(got, "·") {
			t.Fatalf("after the move, before its band, the BDM cell shows %q (an older band)", got)
		}
	}
	h.until(60*time.Second, "the band of the new inputs", func() bool { r, _ := h.u.uncertainty.shownSweep(h.u.live); return r != nil })
	nb, _ := h.u.uncertainty.shownSweep(h.u.live)
	m := nb.Issues[0].Models[0]
	want = fmt.Sprintf("%.1f · %s", is.Shown(h.u.result.Issues[0].BDM.Forecast), bandRange(&h.u.live.Issues[0], m.P10, m.P90))
	if verdict.LiesOutside(h.u.result.Issues[0].BDM.Forecast, m.P10, m.P90) {
		want += outsideMark
	}
	if got := h.shown(0, 1); got != want {
		t.Fatalf("after the second move the BDM cell shows %q, want %q", got, want)
	}
}

// A forecast outside its own band is marked in the table ("90.0 · 12–80 !")
// and the line above says what the mark means; one inside is not marked.
// Muscat's BDM forecast on the scope of the agenda (90) lies above its band.
func TestForecastTableMarksAForecastOutsideItsBand(t *testing.T) {
	h := newHarness(t)
	v := h.u.uncertainty
	finished := false
	h.u.OnSweep = func() { finished = true }
	v.refresh()
	test.Tap(v.run)
	h.until(60*time.Second, "the Monte Carlo run", func() bool { return finished })
	res := v.Result()
	bd, mean := res.Issues[0].Models[0], res.Issues[0].Models[3]
	point := h.u.result.Issues[0].BDM.Forecast
	if bd.Model != sweep.ModelBDM || mean.Model != sweep.ModelMean || !(point > bd.P90) {
		t.Fatalf("precondition: BDM's scope forecast %v above its band %v-%v (models %s, %s)", point, bd.P10, bd.P90, bd.Model, mean.Model)
	}
	is := &h.u.live.Issues[0]
	if got, want := h.shown(0, 1), fmt.Sprintf("%.1f · %s !", is.Shown(point), bandRange(is, bd.P10, bd.P90)); got != want {
		t.Errorf("BDM cell %q, want %q", got, want)
	}
	wm := h.u.result.Issues[0].Baseline.Mean
	if got := h.shown(0, 7); !(wm >= mean.P10 && wm <= mean.P90) || strings.HasSuffix(got, outsideMark) {
		t.Errorf("weighted mean cell %q (forecast %v, band %v-%v): marked, or not inside its band", got, wm, mean.P10, mean.P90)
	}
	if note := h.u.sliders.readoutNote.Text; !strings.Contains(note, "! = the forecast lies outside its own band") {
		t.Errorf("the line above the table says %q", note)
	}
}
