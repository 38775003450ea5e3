package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"parley/model"
)

// A scenario above the forecast limit (250 actors × 21 issues: 5,250
// stances), picked in the scenario browser, gets a status line naming the
// limit instead of a window that silently shows nothing new; no model runs.
func TestTooLargeForecastIsRefusedInTheWindow(t *testing.T) {
	h := newHarness(t)
	sc := &model.Scenario{Name: "Big table", Date: "2026-12-01"}
	for i := 0; i < 21; i++ {
		sc.Issues = append(sc.Issues, model.Issue{Key: fmt.Sprintf("i%02d", i), Name: fmt.Sprintf("Issue %d", i), StatusQuo: 50})
	}
	for a := 0; a < 250; a++ {
		ac := model.Actor{Name: fmt.Sprintf("Actor %03d", a), Capability: float64(1 + a%10), Stances: map[string]model.Stance{}}
		for i, is := range sc.Issues {
			ac.Stances[is.Key] = model.Stance{Position: float64((a*7 + i*13) % 101), Salience: 50}
		}
		sc.Actors = append(sc.Actors, ac)
	}
	if err := h.st.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	if err := h.u.Reload(sc.Name); err != nil {
		t.Fatal(err)
	}
	h.until(30*time.Second, "the refusal", func() bool {
		return h.u.runner.Idle() && len(h.queue) == 0 && strings.Contains(h.u.status.Text, "No forecast")
	})
	if got := h.u.status.Text; !strings.Contains(got, "No forecast") || !strings.Contains(got, model.RuleForecastStance) {
		t.Fatalf("status %q, want the forecast limit", got)
	}
	if h.u.result != nil && h.u.result.Scenario == sc.Name {
		t.Fatal("a forecast of the too-large scenario is on screen")
	}
}
