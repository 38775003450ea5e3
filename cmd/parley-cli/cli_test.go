package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const shared = "../../../shared/testdata"

func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(shared, rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("reference file missing: %s (the shared/ folder must sit beside the project)", p)
	}
	return p
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// cli builds parley-cli once and runs it, returning stdout, stderr and the exit code.
func cli(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "parley-cli")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "parley-cli")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = &exec.ExitError{Stderr: out}
		}
	})
	if buildErr != nil {
		t.Fatalf("build parley-cli: %v", buildErr)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(binPath, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// The built CLI reproduces the published BDM emissions run: every actor's
// position in every round (10 rounds, no early stop) within 1e-6.
func TestForecastEmissionsThroughCLI(t *testing.T) {
	out, stderr, code := cli(t, "forecast", "--model", "bdm", "--rounds", "10", sharedFile(t, "inputs/bdm1994_emissions.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var o jsonOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	f, _ := os.Open(sharedFile(t, "expected/bdm_sc_emissions_trajectory.csv"))
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	header := strings.Split(sc.Text(), ",")
	if strings.Join(header[3:], ",") != strings.Join(o.Actors, ",") {
		t.Fatalf("actors %v, want %v", o.Actors, header[3:])
	}
	rounds := o.BDM[0].Rounds
	n := 0
	for sc.Scan() {
		rec := strings.Split(sc.Text(), ",")
		r, _ := strconv.Atoi(rec[0])
		if r >= len(rounds) {
			t.Fatalf("CLI printed %d rounds, expected file has round %d", len(rounds), r)
		}
		for k, s := range rec[1:] {
			want, _ := strconv.ParseFloat(s, 64)
			var got float64
			switch k {
			case 0:
				got = rounds[r].Median
			case 1:
				got = rounds[r].Mean
			default:
				got = rounds[r].Positions[k-2]
			}
			if math.Abs(got-want) > 1e-6 {
				t.Errorf("round %d column %s: %v, want %v", r, header[k+1], got, want)
			}
		}
		n++
	}
	if n != 11 || len(o.BDM[0].Moves) != 30 {
		t.Fatalf("%d rounds compared, %d moves; want 11 and 30", n, len(o.BDM[0].Moves))
	}
	m := o.BDM[0].Moves[0]
	if m.Actor != "Belgium" || m.Kind != "compromise" || m.Counterpart != "France" || math.Abs(m.To-8.415932) > 1e-6 || math.Abs(m.EUSelf+0.114831) > 1e-6 || m.Explanation == "" {
		t.Fatalf("first move %+v", m)
	}
}

// The built CLI reproduces KTAB's own 3-issue run: every position at 0.1,
// every winning probability at 1e-4, stopping after 10 turns.
func TestForecastKTABThroughCLI(t *testing.T) {
	out, stderr, code := cli(t, "forecast", "--model", "smp", "--format", "json", sharedFile(t, "inputs/ktab_dummyData_3Dim.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var o jsonOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	turns := o.SMP.Turns
	if len(turns) != 11 {
		t.Fatalf("%d turns, want 0..10", len(turns))
	}
	f, _ := os.Open(sharedFile(t, "expected/ktab_ref_3Dim_history.txt"))
	defer f.Close()
	sc := bufio.NewScanner(f)
	checked := 0
	for sc.Scan() {
		line := sc.Text()
		name, rest, ok := strings.Cut(line, ", ")
		if !ok {
			continue
		}
		a := -1
		for i, n := range o.Actors {
			if n == name {
				a = i
			}
		}
		if a < 0 {
			continue
		}
		label, vals, _ := strings.Cut(rest, ":")
		fields := strings.Fields(vals)
		for turn, s := range fields {
			want, _ := strconv.ParseFloat(s, 64)
			if strings.HasPrefix(label, "Pstn") {
				d, _ := strconv.Atoi(strings.TrimPrefix(label, "Pstn"))
				got := turns[turn].Positions[a][d-1]
				if math.Abs(got-want) > 0.05+1e-9 {
					t.Errorf("%s %s turn %d: %.3f, published %.1f", name, label, turn, got, want)
				}
			} else {
				got := turns[turn].Probabilities[a]
				if math.Abs(got-want) > 0.00005+1e-12 {
					t.Errorf("%s prob turn %d: %.5f, published %.4f", name, turn, got, want)
				}
			}
			checked++
		}
	}
	if checked != 7*4*11 {
		t.Fatalf("checked %d values, want %d", checked, 7*4*11)
	}
}

// A bad file exits non-zero with FILE:LINE: what is wrong on stderr.
func TestForecastBadFileNamesLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Actor,Capability,Position,Salience\nA,1,10,50\nB,-2,20,50\nC,1,30,50\n"), 0o644)
	_, stderr, code := cli(t, "forecast", bad)
	if code == 0 || !strings.Contains(stderr, bad+":3:") {
		t.Fatalf("exit %d, stderr %q; want non-zero and %s:3:", code, stderr, bad)
	}
}

// import → show → export through the CLI on one project file.
func TestImportShowExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if _, stderr, code := cli(t, "import", sharedFile(t, "inputs/ktab_dummyData_3Dim.csv"), "--db", db, "--scenario", "Dummy"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	out, stderr, code := cli(t, "show", "--db", db)
	if code != 0 || !strings.Contains(out, `Scenario "Dummy"`) || !strings.Contains(out, "SActor-06") {
		t.Fatalf("show: exit %d %s\n%s", code, stderr, out)
	}
	xml := filepath.Join(dir, "d.xml")
	if _, stderr, code := cli(t, "export", "--db", db, "--scenario", "Dummy", "--format", "ktab-xml", "--out", xml); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	out, stderr, code = cli(t, "validate", xml)
	if code != 0 || !strings.Contains(out, "7 actors, 3 issues") {
		t.Fatalf("validate exported XML: exit %d %s %s", code, stderr, out)
	}
}

// Importing over a scenario the project already has is refused unless
// --replace says so.
func TestImportRefusesExistingName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	file := sharedFile(t, "inputs/ktab_dummyData_3Dim.csv")
	if _, stderr, code := cli(t, "import", file, "--db", db); code != 0 {
		t.Fatalf("first import: %s", stderr)
	}
	_, stderr, code := cli(t, "import", file, "--db", db)
	if code == 0 || !strings.Contains(stderr, "--replace") {
		t.Fatalf("second import: exit %d, %q", code, stderr)
	}
	if _, stderr, code := cli(t, "import", file, "--db", db, "--replace"); code != 0 {
		t.Fatalf("import --replace: %s", stderr)
	}
}

// A column of positions outside 0-100 is refused with its place and the
// hint; --rescale imports it on the file's own scale, kept by the issue.
// A file with several problems lists each.
func TestImportRescale(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	file := filepath.Join(dir, "Bad_table.csv")
	if err := os.WriteFile(file, []byte("Actor,Capability,Position,Salience\nA,1,20,50\nB,2,140,60\nC,3,60,70\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "import", file, "--db", db)
	if code == 0 || !strings.Contains(stderr, "Bad_table.csv:3:5: position 140") || !strings.Contains(stderr, "--rescale") {
		t.Fatalf("import without --rescale: exit %d, %q", code, stderr)
	}
	if _, stderr, code := cli(t, "import", file, "--db", db, "--rescale"); code != 0 {
		t.Fatalf("import --rescale: %s", stderr)
	}
	out, stderr, code := cli(t, "show", "--db", db, "--json")
	if code != 0 || !strings.Contains(out, `"scale":{"lo":20,"hi":140}`) && !strings.Contains(out, `"lo": 20`) {
		t.Fatalf("the imported issue lacks its own scale 20-140: exit %d %s %s", code, stderr, out)
	}
	// show prints the issue on its own scale: B stands at 140, not at 100.
	if out, _, _ := cli(t, "show", "--db", db); !strings.Contains(out, "20-140") || !strings.Contains(out, "140/60") || !strings.Contains(out, "1 scenario\n") {
		t.Errorf("show does not print the file's own scale:\n%s", out)
	}
	three := filepath.Join(dir, "three.csv")
	if err := os.WriteFile(three, []byte("Actor,Capability,Position,Salience\nA,x,20,50\nB,2,140,60\nC,3,60,y\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = cli(t, "import", three, "--db", db)
	for _, want := range []string{"three.csv:2:3:", "three.csv:3:5:", "three.csv:4:8:", "3 problems, nothing imported:"} {
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}
}

// forecast and validate take --rescale too: a file they would refuse for a
// column outside 0-100 is read on its own scale.
func TestForecastRescale(t *testing.T) {
	file := filepath.Join(t.TempDir(), "wide.csv")
	if err := os.WriteFile(file, []byte("Actor,Capability,Position,Salience\nA,1,200,50\nB,2,300,60\nC,3,400,70\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "forecast", "--model", "bdm", file); code == 0 || !strings.Contains(stderr, "wide.csv:2:5: position 200") {
		t.Fatalf("forecast without --rescale: exit %d %s", code, stderr)
	}
	if out, stderr, code := cli(t, "forecast", "--model", "bdm", "--rescale", file); code != 0 || out == "" {
		t.Fatalf("forecast --rescale: exit %d %s", code, stderr)
	}
	if out, stderr, code := cli(t, "validate", "--rescale", file); code != 0 || !strings.Contains(out, "3 actors, 1 issue") {
		t.Fatalf("validate --rescale: exit %d %s %s", code, stderr, out)
	}
}
