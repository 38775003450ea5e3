package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// forecast --format json carries how BDM ended and the verdicts with their
// flags and evidence: the emissions case played 10 rounds cycles with period
// 5, and the verdict on BDM says so; on the default scenario BDM's scope
// forecast is a knife-edge whose input is named.
func TestForecastJSONCarriesVerdicts(t *testing.T) {
	out, stderr, code := cli(t, "forecast", "--format", "json", "--model", "bdm", "--rounds", "10", sharedFile(t, "inputs/bdm1994_emissions.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var o jsonOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	if b := o.BDM[0]; b.Status != "cycling (period 5)" || !strings.Contains(b.Cycle, "Belgium between") {
		t.Errorf("BDM status %q, cycle %q", b.Status, b.Cycle)
	}
	if m := o.BDM[0].Moves[0]; m.Risk <= 0 || m.PSelf <= 0 || !strings.Contains(m.Numbers, "eij = -0.115") {
		t.Errorf("first move's numbers: %+v", m)
	}
	if len(o.Verdicts) != 1 || len(o.Verdicts[0].Models) != 1 {
		t.Fatalf("verdicts %+v", o.Verdicts)
	}
	var cyc *jsonFlag
	for k, f := range o.Verdicts[0].Models[0].Flags {
		if f.Kind == "cycling" {
			cyc = &o.Verdicts[0].Models[0].Flags[k]
		}
	}
	if cyc == nil || cyc.Period == nil || *cyc.Period != 5 || cyc.Low == nil || cyc.High == nil || *cyc.High-*cyc.Low < 2 {
		t.Errorf("cycling flag %+v", cyc)
	}

	out, stderr, code = cli(t, "forecast", "--format", "json", "../../assets/muscat.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	o = jsonOut{}
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Verdicts) != 6 {
		t.Fatalf("%d verdicts for 6 issues", len(o.Verdicts))
	}
	scope := o.Verdicts[0]
	if scope.Issue != "Scope of the agenda" || scope.Best == "" || scope.Summary == "" {
		t.Fatalf("scope verdict %+v", scope)
	}
	var knife *jsonFlag
	for _, m := range scope.Models {
		if m.Model != "bdm" {
			continue
		}
		for k, f := range m.Flags {
			if f.Kind == "knife_edge" {
				knife = &m.Flags[k]
			}
		}
	}
	if knife == nil || knife.Input == "" || knife.InputFrom == nil || knife.ForecastTo == nil || !strings.Contains(knife.Text, knife.Input) {
		t.Errorf("BDM scope knife-edge flag %+v", knife)
	}
	for _, m := range o.Verdicts[0].Models {
		if m.Model == "nash" && (m.Forecast != nil || m.Reason == "") {
			t.Errorf("Nash on the scope: %+v (no number, with its reason)", m)
		}
	}
	if o.SMP == nil || len(o.SMP.Turns) < 2 || len(o.SMP.Turns[0].Explanation) == 0 {
		t.Errorf("SMP turns carry no explanation")
	}
}

// KTAB's 160-actor case once kept `forecast` busy for seven minutes probing
// every input for knife-edges; the probes are bounded by the scenario's size,
// the forecast answers with its verdicts, and the output says no input was
// probed (a small case's verdicts say nothing of the kind).
func TestLargeForecastSaysWhatWasNotProbed(t *testing.T) {
	out, stderr, code := cli(t, "forecast", "--format", "json", sharedFile(t, "inputs/ktab_dummyData-a160.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var o jsonOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Verdicts) == 0 || !strings.Contains(o.ProbeNote, "160 actors") || !strings.Contains(o.ProbeNote, "not flagged") {
		t.Fatalf("%d verdicts, probe note %q", len(o.Verdicts), o.ProbeNote)
	}
	text, _, code := cli(t, "forecast", sharedFile(t, "inputs/ktab_dummyData_3Dim.csv"))
	if code != 0 || strings.Contains(text, "knife-edge probes covered") || strings.Contains(text, "No knife-edge probes") {
		t.Fatalf("a small case is probed in full, but the text says otherwise (exit %d)", code)
	}
}
