package codec

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"parley/model"
)

// hostile writes a generated file into t.TempDir() (large files are never
// committed) and reads it back as the CLI does.
func hostile(t *testing.T, name string, build func(*bytes.Buffer)) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	build(&b)
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, data
}

// refusedFast reads data and wants a refusal naming rule at a file:line:col
// place, within one second.
func refusedFast(t *testing.T, path string, data []byte, rule, where, msg string) {
	t.Helper()
	start := time.Now()
	res, err := Read(path, data)
	took := time.Since(start)
	var e *model.Error
	if !errors.As(err, &e) || res != nil {
		t.Fatalf("%s (%d bytes): got %v, %v; want a refusal", filepath.Base(path), len(data), res, err)
	}
	t.Logf("%.1f MB refused in %v: %s", float64(len(data))/1e6, took, cutRunes(e.Error(), 300))
	if took > refuseWithin {
		t.Errorf("refused after %v; a limit must refuse within %v", took, refuseWithin)
	}
	if e.Rule != rule || e.Where != path+where || !strings.Contains(e.Message, msg) {
		t.Errorf("got %q (rule %q)\nwant at %s%s, rule %q, a message with %q", e.Error(), e.Rule, path, where, rule, msg)
	}
}

func TestXMLNestedTooDeep(t *testing.T) {
	for _, n := range []int{200_000, 2_000_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p, data := hostile(t, "deep.xml", func(b *bytes.Buffer) {
				b.WriteString("<?xml version=\"1.0\"?>\n")
				for range n {
					b.WriteString("<a>")
				}
				for range n {
					b.WriteString("</a>")
				}
			})
			// The 33rd <a> on line 2 starts at column 3*32+1.
			refusedFast(t, p, data, model.RuleXMLDepth, ":2:97", "nested more than 32 deep")
		})
	}
}

func TestXMLTooManyElements(t *testing.T) {
	p, data := hostile(t, "wide.xml", func(b *bytes.Buffer) {
		b.WriteString("<Scenario>\n<Actors>\n")
		for range 1_500_000 {
			b.WriteString("<Actor/>\n")
		}
		b.WriteString("</Actors>\n</Scenario>\n")
	})
	// Elements 1 and 2 are <Scenario> and <Actors>; the one past the limit
	// is <Actor/> number MaxXMLElements-1, on line 2+MaxXMLElements-1.
	refusedFast(t, p, data, model.RuleXMLElements, fmt.Sprintf(":%d:1", 1+model.MaxXMLElements), "more than "+model.Thousands(model.MaxXMLElements)+" XML elements")
}

// TestXMLAtTheLimits: a KTAB XML of 250 actors × 50 issues, the largest
// scenario Parley holds, is read; one issue more is refused at its <dName>.
func TestXMLAtTheLimits(t *testing.T) {
	build := func(dims int) func(*bytes.Buffer) {
		return func(b *bytes.Buffer) {
			b.WriteString("<Scenario>\n<name>Big</name>\n<Dimensions>\n")
			for d := range dims {
				fmt.Fprintf(b, "<dName>D%d</dName>\n", d)
			}
			b.WriteString("</Dimensions>\n<Actors>\n")
			for a := range model.MaxActors {
				fmt.Fprintf(b, "<Actor><name>A%d</name><capability>%d</capability><Position>", a, a+1)
				for d := range dims {
					fmt.Fprintf(b, "<dCoord>%d</dCoord>", (a*7+d)%101)
				}
				b.WriteString("</Position><Salience>")
				for range dims {
					fmt.Fprintf(b, "<dSal>%g</dSal>", 100.0/float64(dims))
				}
				b.WriteString("</Salience></Actor>\n")
			}
			b.WriteString("</Actors>\n</Scenario>\n")
		}
	}
	p, data := hostile(t, "big.xml", build(model.MaxIssues))
	res, err := Read(p, data)
	if err != nil {
		t.Fatalf("%d × %d refused: %v", model.MaxActors, model.MaxIssues, err)
	}
	if sc := res.Scenarios[0]; len(sc.Actors) != model.MaxActors || len(sc.Issues) != model.MaxIssues {
		t.Fatalf("read %d actors × %d issues", len(sc.Actors), len(sc.Issues))
	}
	p, data = hostile(t, "bigger.xml", build(model.MaxIssues+1))
	refusedFast(t, p, data, model.RuleMaxIssues, fmt.Sprintf(":%d:1 (/Scenario/Dimensions/dName[%d])", 4+model.MaxIssues, model.MaxIssues+1), fmt.Sprintf("more than %d dimensions", model.MaxIssues))
}

// bigJSON is a Parley JSON scenario of na actors × ni issues.
func bigJSON(b *bytes.Buffer, na, ni int) {
	b.WriteString(`{"format": "parley-scenario", "version": 1, "scenarios": [{"name": "Big", "issues": [` + "\n")
	for i := range ni {
		sep := ","
		if i == ni-1 {
			sep = ""
		}
		fmt.Fprintf(b, `{"key": "i%d", "name": "Issue %d", "status_quo": 0}%s`+"\n", i, i, sep)
	}
	b.WriteString(`], "actors": [` + "\n")
	for a := range na {
		fmt.Fprintf(b, `{"name": "Actor %d", "capability": %d, "stances": {`, a, a+1)
		for i := range ni {
			sep := ","
			if i == ni-1 {
				sep = ""
			}
			fmt.Fprintf(b, `"i%d": {"position": %d, "salience": %g}%s`, i, (a*7+i)%101, 100.0/float64(ni), sep)
		}
		sep := ","
		if a == na-1 {
			sep = ""
		}
		b.WriteString("}}" + sep + "\n")
	}
	b.WriteString("]}]}\n")
}

// TestJSON250x500: the 250 actors × 500 issues scenario (125,000 stances,
// about 5 MB) is refused at its first issue past the limit, at once.
func TestJSON250x500(t *testing.T) {
	p, data := hostile(t, "wide.json", func(b *bytes.Buffer) { bigJSON(b, 250, 500) })
	refusedFast(t, p, data, model.RuleMaxIssues, fmt.Sprintf(":%d:1", 2+model.MaxIssues), fmt.Sprintf("more than %d issues", model.MaxIssues))
}

func TestTooLargeFile(t *testing.T) {
	p, data := hostile(t, "huge.csv", func(b *bytes.Buffer) {
		b.WriteString("Actor,Capability,Position,Salience\n")
		for b.Len() <= 17<<20 {
			b.WriteString("A,1,2,3\n")
		}
	})
	refusedFast(t, p, data, RuleFileSize, ":1:1", "up to 16 MiB")
}

func TestLongName(t *testing.T) {
	data := []byte(edit(simpleGood, 3, strings.Repeat("n", 10_000)+",20,30,40"))
	refusedFast(t, "s.csv", data, model.RuleNameLen, ":3:1", "longer than 64 characters")
}

// TestEveryRefusalHasAPlace: every bad case of the corpus whose file has any
// text is refused at a line and a column.
func TestEveryRefusalHasAPlace(t *testing.T) {
	lc := regexp.MustCompile(`^[^:]+:\d+:\d+( \(.*\))?$`)
	for _, c := range badCases {
		_, err := Read(c.file, []byte(c.data))
		var e *model.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v is not a *model.Error", c.name, err)
			continue
		}
		if !lc.MatchString(e.Where) {
			t.Errorf("%s: refused at %q, not at a line and column: %v", c.name, e.Where, e)
		}
	}
}

// TestSharedInputsWithinLimits: no published input meets a size limit.
func TestSharedInputsWithinLimits(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(inputsDir, "*"))
	if len(files) == 0 {
		t.Fatal("no shared inputs found")
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Read(p, data)
		var e *model.Error
		if errors.As(err, &e) {
			t.Logf("%s: %v", filepath.Base(p), err)
			switch e.Rule {
			case RuleFileSize, model.RuleMaxActors, model.RuleMaxIssues, model.RuleNameLen, model.RuleXMLDepth, model.RuleXMLElements:
				t.Errorf("%s refused by a limit: %v", filepath.Base(p), err)
			}
		}
	}
}
