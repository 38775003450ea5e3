package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"gonum.org/v1/plot"
)

// The Uncertainty tab offers every model the Monte Carlo runs, the exchange
// model and Nash included, in the forecast table's order; with the exchange
// model chosen after a run, the histogram shows its forecasts and the tornado
// what moves them.
func TestUncertaintyOffersEveryModel(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Uncertainty")
	v := h.u.uncertainty
	finished := false
	h.u.OnSweep = func() { finished = true }
	v.refresh()
	v.draws.SetText("")
	test.Type(v.draws, "200")
	test.Tap(v.run)
	h.until(60*time.Second, "the Monte Carlo run", func() bool { return finished })
	res := v.Result()
	if res == nil || res.Draws != 200 {
		t.Fatalf("result %+v", res)
	}
	var ran []string
	for _, m := range res.Issues[0].Models {
		ran = append(ran, m.Model)
	}
	if !reflect.DeepEqual(v.model.Options, ran) {
		t.Fatalf("the Model list offers %q; the Monte Carlo gives %q", v.model.Options, ran)
	}

	v.model.SetSelected("Exchange")
	p, err := v.hist.Plot()
	if err != nil || p == nil {
		t.Fatalf("exchange histogram: %v", err)
	}
	issue := h.u.live.Issues[0].Name
	if want := fmt.Sprintf("%s: Exchange forecast over 200 draws", issue); p.Title.Text != want {
		t.Fatalf("histogram title %q, want %q", p.Title.Text, want)
	}
	h.until(60*time.Second, "the exchange model's tornado", func() bool {
		v.mu.Lock()
		defer v.mu.Unlock()
		return v.tornKey == "0/Exchange" && v.tornado != nil
	})
	tp, err := v.torn.Plot()
	if err != nil || tp == nil || !strings.Contains(tp.Title.Text, "the Exchange forecast most") {
		t.Fatalf("exchange tornado %v: %v", tp, err)
	}

	// On a laptop's pane the tornado keeps to the inputs whose two-line
	// labels fit, and says how many it shows; a taller window shows more.
	rowsAt := func(w, hgt float32) (int, *plot.Plot) {
		h.w.Resize(fyne.NewSize(w, hgt))
		h.w.Canvas().Capture()
		tp, err := v.torn.Plot()
		if err != nil || tp == nil {
			t.Fatalf("tornado at %v×%v: %v", w, hgt, err)
		}
		n := 0
		for _, tk := range tp.Y.Tick.Marker.Ticks(tp.Y.Min, tp.Y.Max) {
			if tk.Label != "" {
				n++
			}
		}
		return n, tp
	}
	small, sp := rowsAt(1326, 700)
	large, _ := rowsAt(1600, 1400)
	if !(small >= 3 && small < large && large <= 12) {
		t.Fatalf("the tornado shows %d inputs in a laptop window and %d in a tall one", small, large)
	}
	v.mu.Lock()
	varied := 0
	for _, r := range v.tornado {
		if !r.Failed {
			varied++
		}
	}
	v.mu.Unlock()
	if want := fmt.Sprintf("The %d of %d inputs that move the Exchange forecast most", small, varied); sp.Title.Text != want {
		t.Fatalf("laptop tornado title %q, want %q", sp.Title.Text, want)
	}
}
