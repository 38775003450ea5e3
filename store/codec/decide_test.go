package codec

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/model"
)

var exchangeData = filepath.Join("..", "..", "..", "shared", "testdata", "exchange")

// TestDecideFiles reads every published Decide input: the right actors, issues
// and numbers, with each issue's #M scale mapped onto 0-100.
func TestDecideFiles(t *testing.T) {
	cases := []struct {
		path           string
		actors, issues int
		given          int // #D rows
		firstActor     string
		issue          string
		actor          string
		pos, sal, cap  float64
		warnSubstr     string
	}{
		{"fetched/decide-exchange-model@51dee66/data/input/sample_data.txt", 10, 6, 60, "Willems", "tol-hoogte", "Willems", (3.0 - 0.5) * (100 / 6.5), 70, 1, "0.5 to 7"},
		{"fetched/decide-exchange-model@51dee66/data/input/copenhagen.csv", 11, 7, 77, "USA", "", "", 0, 0, 0, ""},
		{"fetched/decide-exchange-model@51dee66/data/input/cop21.csv", 15, 13, 195, "African_grp", "", "", 0, 0, 0, ""},
		{"fetched/equal-gain@36a0589/inst/CoP21.csv", 15, 13, 181, "Africangrp", "differentiation", "ALBA", 80, 65, 0.05, "Windows-1252"},
		{"fetched/equal-gain@36a0589/inst/data_short.csv", 15, 3, 0, "African_grp", "", "", 0, 0, 0, ""},
		{"reference/inputs/us_iran_toy.csv", 5, 3, 15, "USA", "sanct", "IRN", 95, 95, 0.6, ""},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(exchangeData, c.path))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Detect(c.path, data)
			if err != nil || f != Decide {
				t.Fatalf("Detect = %v, %v; want decide", f, err)
			}
			res, err := Read(c.path, data)
			if err != nil {
				t.Fatal(err)
			}
			sc := res.Scenarios[0]
			if len(sc.Actors) != c.actors || len(sc.Issues) != c.issues || sc.Actors[0].Name != c.firstActor {
				t.Fatalf("%d actors (first %q), %d issues; want %d (%q), %d", len(sc.Actors), sc.Actors[0].Name, len(sc.Issues), c.actors, c.firstActor, c.issues)
			}
			if err := model.ValidateErr(sc); err != nil {
				t.Fatal(err)
			}
			if c.given > 0 && c.given < c.actors*c.issues {
				if !strings.Contains(strings.Join(res.Warnings, " "), "not in the file") {
					t.Errorf("%d stances missing but no warning: %v", c.actors*c.issues-c.given, res.Warnings)
				}
			}
			if c.warnSubstr != "" && !strings.Contains(strings.Join(res.Warnings, " "), c.warnSubstr) {
				t.Errorf("warnings %q do not say %q", res.Warnings, c.warnSubstr)
			}
			if c.issue != "" {
				a, i := sc.ActorIndex(c.actor), sc.IssueIndex(c.issue)
				st := sc.Stance(a, i)
				if math.Abs(st.Position-c.pos) > 1e-12 || st.Salience != c.sal || sc.Actors[a].Capability != c.cap {
					t.Errorf("%s on %s: position %v salience %v capability %v; want %v %v %v", c.actor, c.issue, st.Position, st.Salience, sc.Actors[a].Capability, c.pos, c.sal, c.cap)
				}
			}
		})
	}
}

const decideGood = `#A;X;Actor X
#A;Y;Actor Y
#P;p;Issue p
#P;q;Issue q
#M;p;0;none
#M;p;10;all
#D;X;p;2;0.5;1
#D;X;q;30;0.7;1
#D;Y;p;8;0.4;2
#D;Y;q;60;0.2;2
`

// TestDecideSmall: tab or ';', quoted with ' or " or not, the #M scale applied.
func TestDecideSmall(t *testing.T) {
	tabbed := strings.NewReplacer(";", "\t").Replace(decideGood)
	quoted := ""
	for _, line := range strings.Split(strings.TrimSpace(decideGood), "\n") {
		f := strings.Split(line, ";")
		for k := range f {
			if k%2 == 0 {
				f[k] = "'" + f[k] + "'"
			} else {
				f[k] = `"` + f[k] + `"`
			}
		}
		quoted += strings.Join(f, "\t") + "\r\n"
	}
	for name, text := range map[string]string{"semicolon": decideGood, "tab": tabbed, "quoted": quoted} {
		res, err := Read("d.csv", []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sc := res.Scenarios[0]
		if res.Format != Decide || len(sc.Actors) != 2 || len(sc.Issues) != 2 {
			t.Fatalf("%s: %s, %d actors, %d issues", name, res.Format, len(sc.Actors), len(sc.Issues))
		}
		x := sc.Stance(0, 0)
		if x.Position != 20 || x.Salience != 50 || sc.Actors[1].Capability != 2 {
			t.Errorf("%s: X on p at %v salience %v, Y capability %v; want 20, 50, 2", name, x.Position, x.Salience, sc.Actors[1].Capability)
		}
		if a := sc.Issues[0].Anchors; len(a) != 2 || a[1].At != 100 || a[1].Label != "all" {
			t.Errorf("%s: anchors %v", name, a)
		}
	}
}

// TestDecideRefusals: a bad Decide file is refused at its file:line:col with the rule, and nothing is returned.
func TestDecideRefusals(t *testing.T) {
	cases := []badCase{
		{"CommentRow", "d.csv", edit(decideGood, 3, "#X;some note\n#P;p;Issue p"), "", "", ""},
		{"NotARow", "d.csv", edit(decideGood, 3, "P;p;Issue p"), "d.csv:3:1", RuleDecideRow, ""},
		{"ShortStance", "d.csv", edit(decideGood, 8, "#D;X;q;30;0.7"), "d.csv:8:14", RuleFieldCount, ""},
		{"UnknownActor", "d.csv", edit(decideGood, 9, "#D;Z;p;8;0.4;2"), "d.csv:9:4", RuleKnownActor, ""},
		{"UnknownIssue", "d.csv", edit(decideGood, 9, "#D;Y;r;8;0.4;2"), "d.csv:9:6", model.RuleKnownIssue, ""},
		{"PositionOffScale", "d.csv", edit(decideGood, 9, "#D;Y;p;12;0.4;2"), "d.csv:9:8", model.RuleScale, ""},
		{"PositionNotANumber", "d.csv", edit(decideGood, 9, "#D;Y;p;eight;0.4;2"), "d.csv:9:8", RuleNumber, ""},
		{"SalienceNegative", "d.csv", edit(decideGood, 10, "#D;Y;q;60;-0.2;2"), "d.csv:10:11", model.RuleScale, ""},
		{"PowerChanges", "d.csv", edit(decideGood, 10, "#D;Y;q;60;0.2;3"), "d.csv:10:15", RuleOnePower, ""},
		{"NegativePower", "d.csv", edit(edit(decideGood, 9, "#D;Y;p;8;0.4;-2"), 10, "#D;Y;q;60;0.2;-2"), "d.csv:9:14", model.RuleNonNeg, ""},
		{"DuplicateActor", "d.csv", edit(decideGood, 2, "#A;X;Again"), "d.csv:2:4", model.RuleUnique, ""},
		{"DuplicateStance", "d.csv", edit(decideGood, 8, "#D;X;p;3;0.5;1"), "d.csv:8:1", model.RuleUnique, ""},
		{"OneScalePoint", "d.csv", edit(decideGood, 6, "#M;p;0;again"), "d.csv:5:6", RuleDecideScale, ""},
		{"ScaleOfUnknownIssue", "d.csv", edit(decideGood, 6, "#M;r;10"), "d.csv:6:4", model.RuleKnownIssue, ""},
		{"UnclosedQuote", "d.csv", edit(decideGood, 9, "#D;'Y;p;8;0.4;2"), "d.csv:9:4", RuleSyntax, ""},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.file, []byte(tt.data))
			if tt.where == "" { // an unknown #-row is a comment: the file still reads
				if err != nil {
					t.Fatalf("a #X row should be skipped as a comment: %v", err)
				}
				return
			}
			if res != nil {
				t.Errorf("a result came with the error: %+v", res)
			}
			var e *model.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want a *model.Error", err)
			}
			if e.Where != tt.where || e.Rule != tt.rule || e.Code != model.EINVALID {
				t.Errorf("got  %s [%s]\nwant where %q rule %q", e, e.Code, tt.where, tt.rule)
			}
			t.Log(e)
		})
	}
}
