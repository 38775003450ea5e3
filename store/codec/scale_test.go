package codec

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"parley/model"
)

// yearsScenario is the emissions case on its own scale: years 4-10.
func yearsScenario() *model.Scenario {
	is := model.Issue{Key: "years", Name: "Years to the target", StatusQuo: 100, Scale: &model.IssueScale{Lo: 4, Hi: 10, Unit: "years"},
		Anchors: []model.Anchor{{At: 0, Label: "4 years"}, {At: 50, Label: "7 years"}, {At: 100, Label: "10 years"}}}
	st := func(p float64) model.Stance {
		return model.Stance{Position: p, Salience: 80, PositionRange: &model.Range{Low: math.Max(0, p-10), High: math.Min(100, p+10)}}
	}
	return &model.Scenario{Name: "Emissions", Issues: []model.Issue{is, {Key: "other", Name: "Other", StatusQuo: 30}},
		Actors: []model.Actor{
			{Name: "Netherlands", Capability: 8, Stances: map[string]model.Stance{"years": st(0), "other": st(40)}},
			{Name: "Belgium", Capability: 8, Stances: map[string]model.Stance{"years": st(50), "other": st(45)}},
			{Name: "UK", Capability: 16, Stances: map[string]model.Stance{"years": st(100.0 / 3), "other": st(60)}},
		}}
}

// sameWithin compares two scenarios' numbers on 0-100 to 1e-9 and
// everything else exactly.
func sameWithin(t *testing.T, f Format, got, want *model.Scenario) {
	t.Helper()
	for i, is := range want.Issues {
		g := got.Issues[i]
		if (is.Scale == nil) != (g.Scale == nil) || is.Scale != nil && *is.Scale != *g.Scale {
			t.Errorf("%s: issue %s scale %+v, want %+v", f, is.Key, g.Scale, is.Scale)
		}
		if math.Abs(g.StatusQuo-is.StatusQuo) > 1e-9 || len(g.Anchors) != len(is.Anchors) {
			t.Errorf("%s: issue %s status quo %v anchors %v, want %v %v", f, is.Key, g.StatusQuo, g.Anchors, is.StatusQuo, is.Anchors)
		}
		for k := range is.Anchors {
			if math.Abs(g.Anchors[k].At-is.Anchors[k].At) > 1e-9 {
				t.Errorf("%s: anchor %v, want %v", f, g.Anchors[k], is.Anchors[k])
			}
		}
	}
	for a, ac := range want.Actors {
		for k, st := range ac.Stances {
			g, ok := got.Actors[a].Stances[k]
			if !ok || math.Abs(g.Position-st.Position) > 1e-9 || g.Salience != st.Salience ||
				math.Abs(g.PositionRange.Low-st.PositionRange.Low) > 1e-9 || math.Abs(g.PositionRange.High-st.PositionRange.High) > 1e-9 {
				t.Errorf("%s: %s on %s is %+v, want %+v", f, ac.Name, k, g, st)
			}
		}
		if len(got.Actors[a].Stances) != len(ac.Stances) {
			t.Errorf("%s: %s has %d stances, want %d", f, ac.Name, len(got.Actors[a].Stances), len(ac.Stances))
		}
	}
}

// An issue's own scale survives Parley JSON, Parley CSV and .xlsx; CSV and
// .xlsx write its positions, status quo and anchors on that scale (7 years,
// not 50), and the issues table says which scale (Scale Low/High/Unit).
func TestOwnScaleRoundTrips(t *testing.T) {
	in := yearsScenario()
	for _, f := range []Format{JSON, CSV, XLSX} {
		back := roundTrip(t, f, in)
		sameWithin(t, f, back.Scenarios[0], in)
		if f == JSON && back.Scenarios[0].Issues[0].Scale.Unit != "years" {
			t.Errorf("JSON lost the unit")
		}
	}
	var b bytes.Buffer
	if _, err := Write(&b, CSV, in); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"Key,Name,Description,Status Quo,Source,Rationale,Scale Low,Scale High,Scale Unit",
		"years,Years to the target,,10,,,4,10,years", // status quo 100 → 10 years
		"years,7,7 years",            // the anchor at 50 → 7 years
		"Belgium,years,7,6.4,7.6,80", // position 50 ± 10 → 7 years (6.4-7.6)
		"other,Other,,30,,,,,",       // an issue without a scale stays on 0-100
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, text)
		}
	}
	// A scale with one end only is refused at its cell.
	bad := strings.Replace(text, "years,Years to the target,,10,,,4,10,years", "years,Years to the target,,10,,,4,,years", 1)
	if _, err := Read("bad.csv", []byte(bad)); err == nil || !strings.Contains(err.Error(), "bad.csv:") || model.ErrorCode(err) != model.EINVALID ||
		!strings.Contains(err.Error(), "no high end") {
		t.Fatalf("one-ended scale: %v", err)
	}
}

// A simple table writes its issue on its own scale; read back on its own
// scale it gives the positions again.
func TestSimpleOwnScale(t *testing.T) {
	in := yearsScenario()
	in.Issues = in.Issues[:1]
	for a := range in.Actors {
		delete(in.Actors[a].Stances, "other")
	}
	var b bytes.Buffer
	warn, err := Write(&b, Simple, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Belgium,8,7,80") || len(warn) == 0 {
		t.Fatalf("simple table on its own scale:\n%s\nwarnings %q", b.String(), warn)
	}
	// The emissions case (positions 4-10) on its own scale.
	res, err := ReadWith("bdm1994_emissions.csv", readInput(t, "bdm1994_emissions.csv"), Options{OwnScale: true})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scenarios[0]
	if s := sc.Issues[0].Scale; s == nil || s.Lo != 4 || s.Hi != 10 {
		t.Fatalf("emissions scale %+v, want 4-10", s)
	}
	_, uk := stance(t, sc, "UK", "issue")
	if is := &sc.Issues[0]; math.Abs(is.Shown(uk.Position)-10) > 1e-9 || uk.Position != 100 {
		t.Errorf("UK at %v (shown %v), want 100 (10 years)", uk.Position, is.Shown(uk.Position))
	}
	// Without the choice the file reads as before: within 0-100, no scale.
	res, _ = Read("bdm1994_emissions.csv", readInput(t, "bdm1994_emissions.csv"))
	if res.Scenarios[0].Issues[0].Scale != nil {
		t.Error("the emissions case got a scale without the analyst's choice")
	}
}

// A Decide file's #M points are the issue's own scale.
func TestDecideKeepsItsScale(t *testing.T) {
	res, err := Read("d.csv", []byte(decideGood))
	if err != nil {
		t.Fatal(err)
	}
	p, q := res.Scenarios[0].Issues[0], res.Scenarios[0].Issues[1]
	if p.Scale == nil || p.Scale.Lo != 0 || p.Scale.Hi != 10 || q.Scale != nil {
		t.Fatalf("scales %+v and %+v, want 0-10 (#M rows) and none", p.Scale, q.Scale)
	}
	if x := res.Scenarios[0].Stance(0, 0); p.Shown(x.Position) != 2 {
		t.Errorf("X on p shown at %v, want 2 as in the file", p.Shown(x.Position))
	}
}

// An import with three errors lists all three, each at its line and column,
// in file order; a good file has none.
func TestProblemsListsEvery(t *testing.T) {
	data := []byte("Actor,Capability,Position,Salience\n" +
		"A,ten,20,50\n" + // line 2: capability not a number
		"B,2,30,60\n" +
		"C,3,140,70\n" + // line 4: position outside 0-100 among values up to 60
		"D,4,60,80\n" +
		"E,5,40,lots\n") // line 6: salience not a number
	res, ps := Problems("Bad_table.csv", data, Options{})
	if res != nil || len(ps) != 3 {
		t.Fatalf("%d problems, want 3: %v", len(ps), ps)
	}
	for k, want := range []string{"Bad_table.csv:2:3: ", "Bad_table.csv:4:5: position 140", "Bad_table.csv:6:8: salience"} {
		if !strings.HasPrefix(ps[k].Error(), want) {
			t.Errorf("problem %d is %q, want it to start %q", k+1, ps[k], want)
		}
	}
	// The analyst's choice of the file's own scale leaves the two others.
	if _, ps := Problems("Bad_table.csv", data, Options{OwnScale: true}); len(ps) != 2 {
		t.Errorf("with the own scale: %v, want the two number errors", ps)
	}
	scs, _, ps, can := ReadAsked("Bad_table.csv", data, false)
	if scs != nil || len(ps) != 3 || !can {
		t.Errorf("ReadAsked: %d scenarios, %d problems, own scale offered %v", len(scs), len(ps), can)
	}
	if res, ps := Problems("good.csv", []byte("Actor,Capability,Position,Salience\nA,1,20,50\nB,2,30,60\nC,3,40,70\n"), Options{}); res == nil || ps != nil {
		t.Errorf("a good file: %v", ps)
	}
}

// A plain actor × issue sheet: a column of positions outside 0-100 is
// refused at its cell unless the analyst chooses the file's own scale; an
// empty position and salience pair is an unset stance.
func TestXLSXPlainOwnScaleAndUnset(t *testing.T) {
	data := plainBook(t, [][]any{
		{"Actor", "Capability", "Years Position", "Years Salience", "Scope Position", "Scope Salience"},
		{"Status quo", nil, 10, nil, 20, nil},
		{"A", 1, 4, 80, 10, 50},
		{"B", 2, 7, 40, nil, nil},
		{"C", 3, 140, 60, 30, 60},
	})
	_, err := Read("t.xlsx", data)
	var e *model.Error
	if !errors.As(err, &e) || e.Where != "t.xlsx: sheet Talks, cell C5" || e.Rule != RuleOwnScaleChoice {
		t.Fatalf("err %v, want at cell C5 with rule %q", err, RuleOwnScaleChoice)
	}
	res, err := ReadWith("t.xlsx", data, Options{OwnScale: true})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scenarios[0]
	y := &sc.Issues[0]
	if y.Scale == nil || y.Scale.Lo != 4 || y.Scale.Hi != 140 || math.Abs(y.Shown(y.StatusQuo)-10) > 1e-9 {
		t.Fatalf("years scale %+v, status quo shown %v", y.Scale, y.Shown(y.StatusQuo))
	}
	if _, st := stance(t, sc, "C", "years"); st.Position != 100 {
		t.Errorf("C at %v, want 100 (140 on 4-140)", st.Position)
	}
	if b := sc.ActorIndex("B"); sc.HasStance(b, 1) {
		t.Errorf("B's empty scope cells gave a stance %+v", sc.Stance(b, 1))
	}
	if sc.Issues[1].Scale == nil || sc.Issues[1].Scale.Lo != 10 || sc.Issues[1].Scale.Hi != 30 {
		t.Errorf("scope (chosen own scale, 10-30) %+v", sc.Issues[1].Scale)
	}
}

// A workbook with three bad cells lists all three, each with its sheet and cell.
func TestXLSXProblemsListsEvery(t *testing.T) {
	data := plainBook(t, [][]any{
		{"Actor", "Capability", "Scope Position", "Scope Salience"},
		{"A", "ten", 10, 50},
		{"B", 2, 20, 40},
		{"C", 3, 140, 60},
		{"D", 4, 30, "lots"},
		{"E", 5, 40, 70},
	})
	res, ps := Problems("t.xlsx", data, Options{})
	if res != nil || len(ps) != 3 {
		t.Fatalf("%d problems, want 3: %v", len(ps), ps)
	}
	for k, want := range []string{"t.xlsx: sheet Talks, cell B2", "t.xlsx: sheet Talks, cell C4", "t.xlsx: sheet Talks, cell D5"} {
		var e *model.Error
		if !errors.As(ps[k], &e) || e.Where != want {
			t.Errorf("problem %d at %v, want %s", k+1, ps[k], want)
		}
	}
}

// An unset stance is not written by Parley CSV or .xlsx (it reads back
// unset), and KTAB, which needs every stance, gets salience 0 with a warning.
func TestUnsetStanceWritten(t *testing.T) {
	in := yearsScenario()
	delete(in.Actors[1].Stances, "other")
	for _, f := range []Format{JSON, CSV, XLSX} {
		back := roundTrip(t, f, in).Scenarios[0]
		if back.HasStance(1, 1) || !back.HasStance(1, 0) {
			t.Errorf("%s: Belgium's unset stance came back set (%+v)", f, back.Actors[1].Stances)
		}
	}
	var b bytes.Buffer
	warn, err := Write(&b, KTABCSV, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(warn, "\n"), `"Belgium" has no stance on "Other"`) {
		t.Errorf("KTAB warnings %q", warn)
	}
}

// BenchmarkProblems50: a 250-actor simple table with 50 bad lines, every
// problem listed (the file is read 51 times).
func BenchmarkProblems50(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Actor,Capability,Position,Salience\n")
	for k := 0; k < 250; k++ {
		if k%5 == 0 {
			fmt.Fprintf(&sb, "Actor %d,x,%d,50\n", k, k%100)
		} else {
			fmt.Fprintf(&sb, "Actor %d,%d,%d,50\n", k, k+1, k%100)
		}
	}
	data := []byte(sb.String())
	for b.Loop() {
		if _, ps := Problems("big.csv", data, Options{}); len(ps) != 50 {
			b.Fatalf("%d problems", len(ps))
		}
	}
}
