package forecast

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"parley/model"
)

// Every part of a run is reported once, counted 1..total, and the parts are
// the issues by name plus the SMP and the exchange model.
func TestProgressReportsEveryPart(t *testing.T) {
	sc := muscat(t)
	opt := FromSettings(sc.Settings)
	var mu sync.Mutex
	var counts []int
	names := map[string]bool{}
	ctx := WithProgress(context.Background(), func(part string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		counts = append(counts, done)
		names[part] = true
		if total != len(sc.Issues)+2 {
			t.Errorf("total %d, want %d issues + SMP + exchange", total, len(sc.Issues))
		}
	})
	if _, err := Run(ctx, sc, opt); err != nil {
		t.Fatal(err)
	}
	if len(counts) != len(sc.Issues)+2 {
		t.Fatalf("%d parts reported, want %d", len(counts), len(sc.Issues)+2)
	}
	for k, c := range counts {
		if c != k+1 {
			t.Fatalf("done counts %v, want 1..%d in order", counts, len(counts))
		}
	}
	for _, is := range sc.Issues {
		if !names[is.Name] {
			t.Errorf("issue %q never reported", is.Name)
		}
	}
	for _, m := range []model.ModelID{model.ModelSMP, model.ModelExchange} {
		if !names[m.Label()] {
			t.Errorf("%s never reported (parts %v)", m.Label(), names)
		}
	}
}

// A 250 × 10 forecast (several seconds of work) cancelled after 200 ms
// returns the context's error promptly, and every goroutine it started ends.
func TestCancelStopsBigForecast(t *testing.T) {
	sc := bigScenario(250, 10)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	res, err := Run(ctx, sc, FromSettings(sc.Settings))
	took := time.Since(start)
	if err != context.Canceled || res != nil {
		t.Fatalf("cancelled run returned %v, %v", res != nil, err)
	}
	// The uncancelled run takes 4.5 s on an idle machine (BenchmarkForecast250x10).
	if took > 3*time.Second*slowdown {
		t.Fatalf("cancel took %v to stop the run", took)
	}
	deadline := time.Now().Add(2 * time.Second * slowdown)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left running after the cancelled run (%d before)", n, before)
	}
	t.Logf("stopped %v after the cancel", took-200*time.Millisecond)
}
