package codec

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"parley/model"
)

// formulaScenario has actors whose names a spreadsheet would run as
// formulas, one whose name starts with a quote, and a negative number.
func formulaScenario() *model.Scenario {
	sc := &model.Scenario{Name: "=HYPERLINK(\"http://x\",\"x\")", Description: "@SUM(A1:A9)",
		Issues: []model.Issue{{Key: "scope", Name: "+scope", StatusQuo: 50, Rationale: "-1+1 points"}}}
	for k, n := range []string{"=1+1", "@A1", "+cmd", "-2+3", "'=quoted", "'t Hooft", "Oman"} {
		sc.Actors = append(sc.Actors, model.Actor{Name: n, Label: strings.Repeat("L", k+1), Capability: float64(10 + k),
			Stances: map[string]model.Stance{"scope": {Position: float64(10 * k), Salience: 50}}})
	}
	return sc
}

// spreadsheetFormula reports whether a spreadsheet opening the cell would
// evaluate it: it starts with =, +, -, @, tab or CR and is not a number.
func spreadsheetFormula(cell string) bool {
	if cell == "" || !formulaStart(cell[0]) {
		return false
	}
	_, err := strconv.ParseFloat(cell, 64)
	return err != nil
}

// TestCSVExportsCannotInjectFormulas: the exported CSV of an actor named
// =1+1 (and the other formula-like texts) holds no cell a spreadsheet would
// evaluate: each is written '=1+1, which a spreadsheet shows as text; number
// cells stay numbers; reading the file back gives every name unchanged.
func TestCSVExportsCannotInjectFormulas(t *testing.T) {
	for _, f := range []Format{CSV, KTABCSV, Simple} {
		t.Run(string(f), func(t *testing.T) {
			sc := formulaScenario()
			var b bytes.Buffer
			if _, err := Write(&b, f, sc); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(bytes.NewReader(b.Bytes()))
			r.FieldsPerRecord, r.LazyQuotes = -1, true
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			sawEscaped, sawNumber := false, false
			for i, rec := range recs {
				for j, c := range rec {
					if spreadsheetFormula(c) {
						t.Errorf("line %d field %d: %q would run as a formula\n%s", i+1, j+1, c, b.String())
					}
					sawEscaped = sawEscaped || c == "'=1+1"
					sawNumber = sawNumber || c == "16" // Oman's capability, as a number
				}
			}
			if !sawEscaped || !sawNumber {
				t.Errorf("no cell '=1+1 (%v) or number 16 (%v) in\n%s", sawEscaped, sawNumber, b.String())
			}
			res, err := Read("back"+f.Ext(), b.Bytes())
			if err != nil {
				t.Fatalf("read back: %v\n%s", err, b.String())
			}
			back := res.Scenarios[0]
			for k, a := range sc.Actors {
				want := a.Name
				if f == KTABCSV {
					want = ktabCSVClean(want)
				}
				if back.Actors[k].Name != want {
					t.Errorf("actor %d read back as %q, want %q", k+1, back.Actors[k].Name, want)
				}
			}
			if f == CSV && (back.Name != sc.Name || back.Description != sc.Description || back.Issues[0].Rationale != sc.Issues[0].Rationale) {
				t.Errorf("scenario texts read back as %q, %q, %q", back.Name, back.Description, back.Issues[0].Rationale)
			}
		})
	}
}

// A simple table's file name becomes its scenario name; exported again as
// Parley CSV, that name is escaped like any other text.
func TestSimpleTableFileNameCannotInject(t *testing.T) {
	res, err := Read("=cmd|' -C calc'!A0.csv", []byte("Actor,Capability,Position,Salience\nA,1,10,50\nB,2,20,50\nC,3,30,50\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := Write(&b, CSV, res.Scenarios[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\n'=cmd|") || strings.Contains(b.String(), "\n=cmd") {
		t.Errorf("the scenario name from the file name is not escaped:\n%s", b.String())
	}
}

// The escape is exactly invertible: every text reads back as written.
func TestEscapeCellRoundTrip(t *testing.T) {
	for _, s := range []string{"", "=", "'", "''", "'=", "''=", "'a", "a'", "-5", "@", "\t=1", "plain"} {
		if got := unescapeCell(escapeCell(s)); got != s {
			t.Errorf("%q → %q → %q", s, escapeCell(s), got)
		}
	}
}
