package main

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley/assets"
)

// `parley-cli COMMAND --help` (and -h, and `help COMMAND`) prints the
// command's usage and flags on standard output and exits 0.
func TestEveryCommandHelp(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			out, stderr, code := cli(t, args...)
			if code != 0 || stderr != "" {
				t.Errorf("%v: exit %d, stderr %q; want 0 and nothing", args, code, stderr)
			}
			if !strings.HasPrefix(out, "usage: parley-cli "+c.name) {
				t.Errorf("%v: output does not start with the usage line:\n%s", args, out)
			}
			if c.name != "validate" && !strings.Contains(out, "  -") {
				t.Errorf("%v: no flags listed:\n%s", args, out)
			}
		}
	}
}

// Warnings go to standard error, results to standard output.
func TestWarningsOnStderr(t *testing.T) {
	out, stderr, code := cli(t, "validate", sharedFile(t, "inputs/masad_HondurasCrisisData.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out, "warning") || !strings.Contains(out, "5 actors, 1 issue\n") {
		t.Errorf("stdout %q: want the verdict only, with \"1 issue\"", out)
	}
	if strings.Count(stderr, "warning: ") != 2 {
		t.Errorf("stderr %q: want the two import warnings", stderr)
	}
}

// sensitivity on a file without settings uses the window's default spread
// (5): the bands open up instead of 300 identical draws, and it says so on
// standard error.
func TestSensitivityDefaultSpread(t *testing.T) {
	out, stderr, code := cli(t, "sensitivity", "--draws", "60", sharedFile(t, "inputs/bdm1994_emissions.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var o sensOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if o.Spread != 5 {
		t.Errorf("spread %v, want the window's default 5", o.Spread)
	}
	open := 0
	for _, m := range o.Issues[0].Models {
		if m.P10 != nil && *m.P90-*m.P10 > 0 {
			open++
		}
	}
	if open == 0 {
		t.Errorf("every band has zero width: %+v", o.Issues[0].Models)
	}
	if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, "±5") {
		t.Errorf("stderr %q does not say the default spread was used", stderr)
	}
}

// KTAB's own ktab_SOE-Pol-Comp.csv (a 32-character scenario name) imports,
// and its SMP run through the built CLI matches KTAB's published history:
// every position at 0.1, every winning probability at 1e-4, 28 states.
func TestKTABPolCompThroughCLI(t *testing.T) {
	out, stderr, code := cli(t, "forecast", "--model", "smp", "--format", "json", sharedFile(t, "inputs/ktab_SOE-Pol-Comp.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var o jsonOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	if o.Scenario != "China Policy/Competitive; scen 2" || len(o.Actors) != 13 || len(o.Issues) != 2 {
		t.Fatalf("scenario %q: %d actors, %d issues", o.Scenario, len(o.Actors), len(o.Issues))
	}
	turns := o.SMP.Turns
	if len(turns) != 28 {
		t.Fatalf("%d states, want 28 (turns 0..27)", len(turns))
	}
	f, err := os.Open(sharedFile(t, "expected/ktab_ref_SOE_history.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	index := func(list []string, name string) int {
		for i, n := range list {
			if n == name {
				return i
			}
		}
		return -1
	}
	sc := bufio.NewScanner(f)
	checked := 0
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ", ")
		a := index(o.Actors, name)
		if !ok || a < 0 {
			continue
		}
		label, vals, _ := strings.Cut(rest, ":")
		label = strings.TrimSpace(label)
		fields := strings.Fields(vals)
		if len(fields) != 28 {
			t.Fatalf("%s %s: %d published states", name, label, len(fields))
		}
		for turn, s := range fields {
			want, _ := strconv.ParseFloat(s, 64)
			if issue, isPos := strings.CutSuffix(label, " Position"); isPos {
				d := index(o.Issues, issue)
				if d < 0 {
					t.Fatalf("no issue %q in %q", issue, o.Issues)
				}
				if got := turns[turn].Positions[a][d]; math.Abs(got-want) > 0.05+1e-9 {
					t.Errorf("%s %s state %d: %.3f, published %.1f", name, label, turn, got, want)
				}
			} else if got := turns[turn].Probabilities[a]; math.Abs(got-want) > 0.00005+1e-12 {
				t.Errorf("%s prob state %d: %.5f, published %.4f", name, turn, got, want)
			}
			checked++
		}
	}
	if checked != 13*3*28 {
		t.Fatalf("checked %d values, want %d", checked, 13*3*28)
	}
}

// sensitivity takes draws and seed from the scenario's settings (the
// Settings tab) unless --draws and --seed say otherwise.
func TestSensitivityScenarioDrawsAndSeed(t *testing.T) {
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	f.Scenarios = f.Scenarios[:1]
	f.Scenarios[0].Settings.Draws, f.Scenarios[0].Settings.Seed = 30, 7
	data, _ := json.Marshal(f)
	path := filepath.Join(t.TempDir(), "settings.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, o := sensitivity(t, path); o.Draws != 30 || o.Seed != 7 {
		t.Errorf("draws %d seed %d, want the scenario's 30 and 7", o.Draws, o.Seed)
	}
	if _, o := sensitivity(t, path, "--draws", "20", "--seed", "3"); o.Draws != 20 || o.Seed != 3 {
		t.Errorf("draws %d seed %d, want the flags' 20 and 3", o.Draws, o.Seed)
	}
}
