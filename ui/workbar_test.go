package ui

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"parley/assets"
	"parley/model"
)

// bigTable is a seeded 250-actor × 10-issue scenario (the largest the
// README's budgets cover): every model on it takes 4.5 s on an idle machine.
func bigTable() *model.Scenario {
	r := rand.New(rand.NewPCG(250, 10))
	sc := &model.Scenario{Name: "Big table", Date: "2026-12-01", Settings: model.Settings{BDMRounds: 10}}
	for i := 0; i < 10; i++ {
		sc.Issues = append(sc.Issues, model.Issue{Key: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Issue %d", i), StatusQuo: 50})
	}
	for a := 0; a < 250; a++ {
		ac := model.Actor{Name: fmt.Sprintf("Actor %03d", a), Capability: 1 + 99*r.Float64(), Stances: map[string]model.Stance{}}
		for _, is := range sc.Issues {
			ac.Stances[is.Key] = model.Stance{Position: 100 * r.Float64(), Salience: 1 + 9*r.Float64()}
		}
		sc.Actors = append(sc.Actors, ac)
	}
	return sc
}

// cancelShownForecast waits for the progress bar of a running forecast,
// taps its Cancel and waits for the status line to say so; it returns how
// long the stop took after the tap.
func cancelShownForecast(t *testing.T, h *harness) time.Duration {
	t.Helper()
	h.until(10*time.Second, "the forecast's progress bar", func() bool {
		on, text := h.u.work.Shown()
		return on && strings.HasPrefix(text, "Forecasting Big table: ")
	})
	if !h.u.work.cancel.Visible() || h.u.work.cancel.Disabled() {
		t.Fatal("the progress bar has no Cancel to tap")
	}
	tapped := time.Now()
	test.Tap(h.u.work.cancel)
	h.until(10*time.Second*slowdown, "the cancelled forecast's end", func() bool {
		return h.u.runner.Idle() && len(h.queue) == 0 && strings.Contains(h.u.status.Text, "Forecast cancelled")
	})
	return time.Since(tapped)
}

// Opening a 250 × 10 scenario shows the forecast's progress (parts done of
// 12: ten issues, the SMP, the exchange model) under the views; Cancel stops
// the models within seconds (the whole run is 4.5-30 s), the status says
// "cancelled", no result of the scenario is drawn, the bar offers the run
// again, and no goroutine of the run is left behind.
func TestCancelBigForecastInWindow(t *testing.T) {
	h := newHarness(t)
	before := runtime.NumGoroutine()
	big := bigTable()
	if err := h.st.SaveScenario(big); err != nil {
		t.Fatal(err)
	}
	if err := h.u.Reload(big.Name); err != nil {
		t.Fatal(err)
	}
	took := cancelShownForecast(t, h)
	if took > 3*time.Second*slowdown {
		t.Errorf("Cancel took %v to stop the forecast", took)
	}
	if h.u.Result() != nil {
		t.Fatalf("a forecast of %q is on screen after the cancel", h.u.Result().Scenario)
	}
	if on, text := h.u.work.Shown(); !on || !h.u.work.again.Visible() || !strings.Contains(text, "cancelled") {
		t.Fatalf("after the cancel the bar shows %v %q without \"Forecast again\"", on, text)
	}
	deadline := time.Now().Add(3 * time.Second * slowdown)
	for runtime.NumGoroutine() > before+1 && time.Now().Before(deadline) { // +1: Fyne's test app may start a timer
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+1 {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after the cancelled run, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
	t.Logf("stopped %v after the tap", took)
}

// A slow forecast asked for while Muscat's frame is on screen (the sliders'
// request on a large scenario) is cancelled: the old frame stays, every
// view still draws Muscat's forecast, and the status says cancelled.
func TestCancelledForecastKeepsOldFrame(t *testing.T) {
	h := newHarness(t)
	old := h.u.Result()
	_, opt, gen, ok := h.u.s.Request()
	if !ok {
		t.Fatal("no scenario open")
	}
	big := bigTable()
	h.u.runner.Request(gen, big, opt)
	cancelShownForecast(t, h)
	if h.u.Result() != old || h.u.Live().Name != assets.MuscatName {
		t.Fatalf("the frame moved to %q after the cancel", h.u.Live().Name)
	}
	if got := h.u.status.Text; !strings.Contains(got, "the charts show the last forecast") {
		t.Fatalf("status %q", got)
	}
	// "Forecast again" runs the open scenario's forecast (Muscat's, quickly).
	test.Tap(h.u.work.again)
	h.waitResult()
	if h.u.Result() == nil || h.u.Result().Scenario != assets.MuscatName {
		t.Fatal("Forecast again did not bring a forecast")
	}
	if on, _ := h.u.work.Shown(); on {
		t.Fatal("the bar is still shown after the forecast")
	}
}
