package ui

import (
	"testing"
)

// Opening a what-if does not forecast its base on the UI goroutine: Open
// returns before the base's forecast exists, which lands later and becomes
// the readout's reference (the base's own forecast, not the what-if's).
func TestOpenWhatIfForecastsBaseOffTheUIGoroutine(t *testing.T) {
	h := newHarness(t)
	list, err := h.st.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	name := ""
	for _, info := range list {
		if info.Base != "" {
			name = info.Name
			break
		}
	}
	if name == "" {
		t.Fatal("the default project has no what-if")
	}
	if err := h.u.Open(name); err != nil {
		t.Fatal(err)
	}
	if h.u.baseResult != nil {
		t.Fatal("Open computed the base's forecast on the UI goroutine")
	}
	h.waitResult()
	if h.u.baseResult == nil || h.u.baseResult.Scenario != h.u.base.Name {
		t.Fatalf("the base's forecast did not land as the readout's reference: %+v", h.u.baseResult)
	}
}
