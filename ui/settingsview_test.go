package ui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"parley/model"
)

func (h *harness) settings() *settingsView {
	h.t.Helper()
	for _, v := range h.u.views {
		if s, ok := v.(*settingsView); ok {
			return s
		}
	}
	h.t.Fatal("no Settings tab")
	return nil
}

func bdmForecasts(h *harness) []float64 {
	var out []float64
	for _, is := range h.u.Result().Issues {
		f := math.NaN()
		if is.BDM != nil {
			f = is.BDM.Forecast
		}
		out = append(out, f)
	}
	return out
}

func smpMedians(h *harness) []float64 {
	var out []float64
	for _, f := range h.u.Result().SMP.Forecast {
		out = append(out, f.Median)
	}
	return out
}

func differ(a, b []float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return true
		}
	}
	return false
}

// The analyst opens Scenario › Model settings…, types Q = 0.6 (the panel
// warns it is unvalidated), picks the Binary victory probability for the SMP
// and taps Apply: BDM's and the SMP's forecasts move, the settings are saved
// with the scenario, the footer says so in words, and one undo puts every
// setting and forecast back.
func TestSettingsMoveForecastAndUndo(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("settings")
	if got := h.u.Tabs().Selected().Text; got != "Settings" {
		t.Fatalf("selected tab %q, want Settings", got)
	}
	v := h.settings()
	beforeBDM, beforeSMP := bdmForecasts(h), smpMedians(h)

	if v.q.Text != "" || !strings.Contains(v.qNote.Text, "published model") {
		t.Fatalf("Q shows %q with %q; want the default (empty) and the published model", v.q.Text, v.qNote.Text)
	}
	test.Type(v.q, "0.6")
	if !strings.Contains(v.qNote.Text, "unvalidated") {
		t.Errorf("Q 0.6 is not labelled unvalidated: %q", v.qNote.Text)
	}
	vp := v.smp[0]
	if vp.Selected != "Linear" || !strings.Contains(v.smpMeans[0].Text, "2 times in 3") {
		t.Fatalf("victory probability %q (%q), want KTAB's default Linear with its meaning", vp.Selected, v.smpMeans[0].Text)
	}
	vp.SetSelected("Binary")
	if !strings.Contains(v.smpMeans[0].Text, "10% advantage") {
		t.Errorf("Binary's explanation %q", v.smpMeans[0].Text)
	}
	test.Tap(v.apply)
	h.waitResult()

	st := h.u.Current().Settings
	if st.BDMQ != 0.6 || st.SMP.VictoryProb != "Binary" {
		t.Fatalf("settings after Apply %+v", st)
	}
	stored, err := h.st.LoadScenario("Muscat 2026")
	if err != nil || stored.Settings != st {
		t.Fatalf("stored settings %+v (%v), want %+v", stored.Settings, err, st)
	}
	if !differ(bdmForecasts(h), beforeBDM) {
		t.Error("Q = 0.6 did not move any BDM forecast")
	}
	if !differ(smpMedians(h), beforeSMP) {
		t.Error("the Binary victory probability did not move the SMP forecast")
	}
	if label, _ := h.u.CanUndo(); !strings.Contains(label, "BDM Q default → 0.6") || !strings.Contains(label, "victory probability Linear → Binary") {
		t.Errorf("undo label %q", label)
	}

	if err := h.u.Undo(); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	if st := h.u.Current().Settings; st.BDMQ != 0 || st.SMP != (model.SMPSettings{}) {
		t.Fatalf("settings after undo %+v", st)
	}
	if differ(bdmForecasts(h), beforeBDM) || differ(smpMedians(h), beforeSMP) {
		t.Errorf("undo did not restore the forecasts: BDM %v, was %v; SMP %v, was %v", bdmForecasts(h), beforeBDM, smpMedians(h), beforeSMP)
	}
	if v.q.Text != "" || v.smp[0].Selected != "Linear" {
		t.Errorf("the panel shows Q %q and %q after undo", v.q.Text, v.smp[0].Selected)
	}
}

// A setting the model refuses (Q = 2) changes nothing and says why.
func TestSettingsRefused(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("settings")
	v := h.settings()
	test.Type(v.q, "2")
	err := v.Apply()
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "0 ≤ Q ≤ 1") {
		t.Fatalf("err %v, want the Q rule", err)
	}
	if h.u.Current().Settings.BDMQ != 0 {
		t.Errorf("Q stored as %v", h.u.Current().Settings.BDMQ)
	}
	if _, ok := h.u.CanUndo(); ok {
		t.Error("a refused setting left an edit to undo")
	}
}

// A what-if keeps settings of its own: saved with it, its base untouched.
func TestSettingsOnWhatIf(t *testing.T) {
	h := newHarness(t)
	const wi = "Russia takes the stockpile"
	if err := h.u.Open(wi); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	h.u.ShowTab("settings")
	v := h.settings()
	v.smp[0].SetSelected("Square")
	test.Tap(v.apply)
	h.waitResult()
	got, err := h.st.LoadScenario(wi)
	if err != nil || got.Settings.SMP.VictoryProb != "Square" {
		t.Fatalf("what-if settings %+v (%v)", got.Settings, err)
	}
	base, _ := h.st.LoadScenario("Muscat 2026")
	if base.Settings.SMP.VictoryProb != "" {
		t.Errorf("the base's settings changed too: %+v", base.Settings)
	}
}
