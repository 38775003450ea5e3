package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"parley/assets"
)

const muscatFile = "../../assets/muscat.json"

func sensitivity(t *testing.T, args ...string) (string, sensOut) {
	t.Helper()
	out, stderr, code := cli(t, append([]string{"sensitivity"}, args...)...)
	if code != 0 {
		t.Fatalf("sensitivity %v: exit %d: %s", args, code, stderr)
	}
	var o sensOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return out, o
}

// The same --seed twice prints the same JSON; another seed does not.
func TestSensitivitySeedReproducible(t *testing.T) {
	a, o := sensitivity(t, muscatFile, "--draws", "80", "--seed", "42")
	b, _ := sensitivity(t, "--seed", "42", "--draws", "80", muscatFile)
	if a != b {
		t.Fatal("same seed, different output")
	}
	if c, _ := sensitivity(t, muscatFile, "--draws", "80", "--seed", "43"); c == a {
		t.Fatal("seeds 42 and 43 printed the same output")
	}
	if o.Scenario != "Muscat 2026" || o.Draws != 80 || o.Seed != 42 || o.Spread != 5 || o.TornadoModel != "BDM" || len(o.Issues) != 6 {
		t.Fatalf("header %+v", o)
	}
	for _, is := range o.Issues {
		// BDM, SMP, weighted median and mean, Nash, exchange
		if len(is.Models) != 6 || is.Models[5].Model != "Exchange" || len(is.Tornado) == 0 || is.TornadoError != "" {
			t.Fatalf("issue %s: %d models, %d tornado rows (%s)", is.Issue, len(is.Models), len(is.Tornado), is.TornadoError)
		}
		for _, m := range is.Models {
			n := m.Failed
			for _, c := range m.Histogram.Counts {
				n += c
			}
			if n != 80 || len(m.Histogram.Edges) != 41 {
				t.Errorf("issue %s %s: %d draws counted", is.Issue, m.Model, n)
			}
			if m.P10 != nil && !(*m.P10 <= *m.P50 && *m.P50 <= *m.P90) {
				t.Errorf("issue %s %s: P10 %v P50 %v P90 %v", is.Issue, m.Model, *m.P10, *m.P50, *m.P90)
			}
		}
		for k := 1; k < len(is.Tornado); k++ {
			if is.Tornado[k].Swing > is.Tornado[k-1].Swing {
				t.Errorf("issue %s: tornado not sorted by swing", is.Issue)
			}
		}
	}
}

// --spread 0 on a scenario without ranges of its own: every band has zero width.
func TestSensitivitySpreadZero(t *testing.T) {
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	sc := f.Scenarios[0]
	for a := range sc.Actors {
		sc.Actors[a].CapabilityRange = nil
		for k, st := range sc.Actors[a].Stances {
			st.PositionRange, st.SalienceRange = nil, nil
			sc.Actors[a].Stances[k] = st
		}
	}
	f.Scenarios = f.Scenarios[:1]
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bare.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, o := sensitivity(t, path, "--draws", "20", "--spread", "0", "--model", "mean")
	if o.Spread != 0 {
		t.Fatalf("spread %v, want 0", o.Spread)
	}
	for _, is := range o.Issues {
		for _, m := range is.Models {
			if m.P10 == nil {
				if m.Failed != 20 || m.Point != nil {
					t.Errorf("issue %s %s: no quantiles, yet %d failed, point %v", is.Issue, m.Model, m.Failed, m.Point)
				}
				continue
			}
			if *m.P10 != *m.P50 || *m.P50 != *m.P90 || m.Point == nil || *m.Point != *m.P50 {
				t.Errorf("issue %s %s: P10 %v P50 %v P90 %v point %v; want all equal", is.Issue, m.Model, *m.P10, *m.P50, *m.P90, m.Point)
			}
		}
		if len(is.Tornado) != 0 {
			t.Errorf("issue %s: %d tornado rows with no ranges", is.Issue, len(is.Tornado))
		}
	}
	// Without --spread the scenario's own spread (5) applies and the bands open up.
	_, o = sensitivity(t, path, "--draws", "20")
	if o.Spread != 5 || *o.Issues[0].Models[0].P10 == *o.Issues[0].Models[0].P90 && *o.Issues[0].Models[2].P10 == *o.Issues[0].Models[2].P90 {
		t.Errorf("scenario spread: %v, bands %+v", o.Spread, o.Issues[0].Models)
	}
}

func TestSensitivityBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{muscatFile, "--draws", "0"},
		{muscatFile, "--spread", "-3"},
		{muscatFile, "--model", "ouija"},
		{muscatFile, "--dist", "normal"},
		{},
	} {
		if _, stderr, code := cli(t, append([]string{"sensitivity"}, args...)...); code != 1 || stderr == "" {
			t.Errorf("sensitivity %v: exit %d, stderr %q; want 1 and a message", args, code, stderr)
		}
	}
}
