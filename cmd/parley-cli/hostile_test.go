package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"parley/model"
)

// project imports two scenario files into a new project and returns its path.
func project(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "p.db")
	for _, c := range []struct{ file, name string }{{"inputs/bdm1994_emissions.csv", "Emissions"}, {"inputs/ktab_dummyData_3Dim.csv", "Dummy"}} {
		if _, stderr, code := cli(t, "import", sharedFile(t, c.file), "--db", db, "--scenario", c.name); code != 0 {
			t.Fatalf("import %s: %s", c.file, stderr)
		}
	}
	return db
}

func sqlExec(t *testing.T, db string, q string) {
	t.Helper()
	h, err := sql.Open("sqlite3", "file:"+db+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// A project damaged by another SQLite tool: +Inf capability in one scenario,
// or a stance on an issue row that is not there. show names that scenario
// and lists the other; forecast of it is refused with the same message;
// nothing panics; check lists the problem.
func TestDamagedScenarioShowsTheRest(t *testing.T) {
	for _, c := range []struct{ name, sql, want string }{
		{"InfCapability", `UPDATE actor SET capability = 9e999 WHERE ord = 0 AND scenario_id = (SELECT id FROM scenario WHERE name = 'Emissions')`, "+Inf is not a finite number"},
		{"OrphanStance", `UPDATE stance SET issue_id = 424242 WHERE actor_id = (SELECT id FROM actor WHERE ord = 0 AND scenario_id = (SELECT id FROM scenario WHERE name = 'Emissions'))`, "issue row 424242"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := project(t)
			sqlExec(t, db, c.sql)
			out, stderr, code := cli(t, "show", "--db", db)
			if code != 1 || strings.Contains(out+stderr, "panic") || strings.Contains(out+stderr, "goroutine") {
				t.Fatalf("show exit %d\n%s\n%s", code, out, stderr)
			}
			if !strings.Contains(out, `Scenario "Emissions" cannot be opened: scenario "Emissions"`) || !strings.Contains(out, c.want) {
				t.Errorf("show does not name the damaged scenario and why:\n%s", out)
			}
			if !strings.Contains(out, `Scenario "Dummy"`) || !strings.Contains(out, "Actors:") {
				t.Errorf("show does not list the sound scenario:\n%s", out)
			}
			if !strings.Contains(stderr, "1 of 2 scenarios could not be opened") {
				t.Errorf("stderr: %s", stderr)
			}
			_, stderr, code = cli(t, "forecast", "--db", db, "--scenario", "Emissions")
			if code != 1 || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "panic") {
				t.Errorf("forecast of the damaged scenario: exit %d: %s", code, stderr)
			}
			if _, stderr, code := cli(t, "forecast", "--db", db, "--scenario", "Dummy", "--model", "baselines"); code != 0 {
				t.Errorf("forecast of the sound scenario: exit %d: %s", code, stderr)
			}
			out, _, code = cli(t, "check", "--db", db)
			if code != 1 || !strings.Contains(out, "2 scenarios, 1 open") || !strings.Contains(out, c.want) {
				t.Errorf("check: exit %d\n%s", code, out)
			}
			t.Log(out)
		})
	}
}

func TestCheckSoundProject(t *testing.T) {
	db := project(t)
	out, stderr, code := cli(t, "check", "--db", db)
	if code != 0 || !strings.Contains(out, "2 scenarios, 2 open") || !strings.Contains(out, "ok: nothing wrong found") {
		t.Fatalf("check: exit %d\n%s%s", code, out, stderr)
	}
}

// A project file cut to 1 byte, and a PNG renamed to .db: every command that
// opens a project refuses them and leaves them byte-identical (sha256).
func TestDamagedProjectFileRefusedByteIdentical(t *testing.T) {
	good := project(t)
	data, _ := os.ReadFile(good)
	png, err := os.ReadFile(filepath.Join("..", "..", "assets", "icon.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated to 1 byte", data[:1], "cut short"},
		{"truncated by 1 byte", data[:len(data)-1], "cut short or damaged"},
		{"renamed PNG", png, "it is a PNG image"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			os.WriteFile(db, c.data, 0o644)
			before := sha256.Sum256(c.data)
			for _, args := range [][]string{
				{"show", "--db", db},
				{"import", sharedFile(t, "inputs/bdm1994_emissions.csv"), "--db", db},
				{"forecast", "--db", db, "--scenario", "Emissions"},
				{"check", "--db", db},
			} {
				_, stderr, code := cli(t, args...)
				after, _ := os.ReadFile(db)
				if code != 1 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "untouched") {
					t.Errorf("%s: exit %d: %s", args[0], code, stderr)
				}
				if sha256.Sum256(after) != before {
					t.Fatalf("%s changed the file: sha256 %x → %x", args[0], before, sha256.Sum256(after))
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(db))
			if len(entries) != 1 {
				t.Errorf("files beside the project: %v", entries)
			}
		})
	}
}

// wideJSON writes a Parley JSON scenario of n actors × k issues.
func wideJSON(t *testing.T, n, k int) string {
	var b bytes.Buffer
	b.WriteString(`{"format": "parley-scenario", "version": 1, "scenarios": [{"name": "Wide", "issues": [`)
	for i := range k {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"key": "i%d", "name": "Issue %d", "status_quo": 0}`, i, i)
	}
	b.WriteString(`], "actors": [`)
	for a := range n {
		if a > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name": "Actor %d", "capability": %d, "stances": {`, a, a+1)
		for i := range k {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"i%d": {"position": %d, "salience": 1}`, i, (a*7+i)%101)
		}
		b.WriteString("}}")
	}
	b.WriteString("]}]}\n")
	p := filepath.Join(t.TempDir(), "wide.json")
	os.WriteFile(p, b.Bytes(), 0o644)
	return p
}

// The 250 actors × 500 issues scenario (125,000 stances) that forecast ran
// past 60 s on is refused at once, at its first issue past the limit.
func TestForecast250x500Refused(t *testing.T) {
	p := wideJSON(t, 250, 500)
	cli(t, "help") // build first: the time below is the refusal's
	start := time.Now()
	_, stderr, code := cli(t, "forecast", p)
	took := time.Since(start)
	if code != 1 || !strings.Contains(stderr, model.RuleMaxIssues) || !strings.Contains(stderr, p+":1:") {
		t.Fatalf("exit %d after %v: %s", code, took, stderr)
	}
	t.Logf("refused in %v (process start included; TestJSON250x500 times the reader alone): %s", took, strings.TrimSpace(stderr))
}

// A forecast of a scenario larger than the stated limit is refused before
// any model starts.
func TestForecastTooLargeRefused(t *testing.T) {
	n, k := model.MaxActors, model.MaxForecastStances/model.MaxActors+1
	p := wideJSON(t, n, k)
	start := time.Now()
	_, stderr, code := cli(t, "forecast", p)
	took := time.Since(start)
	want := fmt.Sprintf("%d actors × %d issues = %s stances", n, k, model.Thousands(n*k))
	if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, model.RuleForecastStance) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("refused in %v: %s", took, stderr)
}

// Ctrl-C during a forecast stops it with a message, not a stack trace.
func TestInterruptedForecastStops(t *testing.T) {
	cli(t, "help") // build
	// 250 actors × 10 issues: seconds of models (KTAB's 160-actor case now
	// takes a quarter of a second, its verdicts' probes being bounded).
	cmd := exec.Command(binPath, "forecast", wideJSON(t, 250, 10))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	took := time.Since(start)
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("forecast finished before the interrupt (%v); stderr %s", err, stderr.String())
	}
	if ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "stopped on request") {
		t.Fatalf("exit %d: %s", ee.ExitCode(), stderr.String())
	}
	t.Logf("stopped %v after Ctrl-C: %s", took, strings.TrimSpace(stderr.String()))
}

// A panic inside a command reaches the analyst as the one error type's
// message, exit 3, no stack trace.
func TestPanicBecomesMessage(t *testing.T) {
	var stderr bytes.Buffer
	err := safely("show", func() error { var s []int; _ = s[3]; return nil }, &stderr)
	if model.ErrorCode(err) != model.EINTERNAL || !strings.Contains(err.Error(), "an unexpected error stopped the command") || stderr.Len() != 0 {
		t.Fatalf("got %v, stderr %q", err, stderr.String())
	}
}
