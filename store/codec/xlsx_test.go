package codec

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"parley/assets"
	"parley/model"
)

// Every shared input, read by its own codec, goes to .xlsx and comes back
// identical: every capability, position, salience, range, source, rationale,
// note, label and anchor.
func TestXLSXRoundTripInputs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(inputsDir, "*"))
	if len(files) == 0 {
		t.Fatalf("no reference inputs in %s", inputsDir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res, err := Read(filepath.Base(f), readInput(t, filepath.Base(f)))
			if err != nil {
				t.Fatal(err)
			}
			back := roundTrip(t, XLSX, res.Scenarios[0])
			if !reflect.DeepEqual(back.Scenarios, res.Scenarios) {
				t.Errorf("xlsx round trip differs:\n got %+v\nwant %+v", back.Scenarios[0], res.Scenarios[0])
			}
		})
	}
}

// The default scenario and its four what-ifs, and the hand-built scenario
// that uses every field, come back equal field by field.
func TestXLSXRoundTripMuscatAndWhatIfs(t *testing.T) {
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	back := roundTrip(t, XLSX, f.Scenarios[0], f.Scenarios[1:]...)
	if len(back.Scenarios) != 5 {
		t.Fatalf("%d scenarios back, want the base and 4 what-ifs", len(back.Scenarios))
	}
	if !reflect.DeepEqual(back.Scenarios, f.Scenarios) {
		for k := range f.Scenarios {
			if !reflect.DeepEqual(back.Scenarios[k], f.Scenarios[k]) {
				t.Errorf("scenario %q differs:\n got %+v\nwant %+v", f.Scenarios[k].Name, back.Scenarios[k], f.Scenarios[k])
			}
		}
	}
	base, whatIfs := handBuilt()
	var b bytes.Buffer
	warn, err := Write(&b, XLSX, base, whatIfs...)
	if err != nil || len(warn) != 0 {
		t.Fatalf("write: %v, warnings %q (a workbook holds what-ifs)", err, warn)
	}
	res, err := Read("hand.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// A what-if read from a workbook has empty (not nil) lists of its own
	// actors and issues, as Parley JSON files carry them.
	for _, wi := range whatIfs {
		wi.Issues, wi.Actors = []model.Issue{}, []model.Actor{}
	}
	if want := append([]*model.Scenario{base}, whatIfs...); !reflect.DeepEqual(res.Scenarios, want) {
		t.Errorf("hand-built round trip differs:\n got %+v\nwant %+v", res.Scenarios, want)
	}
}

// muscatBook writes the default scenario as a workbook and lets edit change it.
func muscatBook(t *testing.T, edit func(f *excelize.File)) []byte {
	t.Helper()
	mf, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := Write(&b, XLSX, mf.Scenarios[0], mf.Scenarios[1:]...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(f)
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

// A bad workbook is refused with its sheet, cell and rule.
func TestXLSXRefusals(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(f *excelize.File)
		where     string
		rule      string
		inMessage string
	}{
		{"ErrSalienceAbove100", func(f *excelize.File) { set(t, f, "stances", "F7", 140) },
			"Muscat.xlsx: sheet stances, cell F7", model.RuleScale, "140 is outside 0-100"},
		{"ErrPositionNotANumber", func(f *excelize.File) { set(t, f, "stances", "C3", "high") },
			"Muscat.xlsx: sheet stances, cell C3", RuleNumber, `"high", not a number`},
		{"ErrNegativeCapability", func(f *excelize.File) { set(t, f, "actors", "E4", -3) },
			"Muscat.xlsx: sheet actors, cell E4", model.RuleNonNeg, "negative"},
		{"ErrRangeWithoutHigh", func(f *excelize.File) { set(t, f, "stances", "D2", 10); set(t, f, "stances", "E2", nil) },
			"Muscat.xlsx: sheet stances, cell E2", model.RuleRange, "give both or neither"},
		{"ErrUnknownColumn", func(f *excelize.File) { set(t, f, "actors", "K1", "Budget") },
			"Muscat.xlsx: sheet actors, cell K1", RuleKnownColumn, `unknown column "Budget" in sheet actors`},
		{"ErrUnknownActorInStances", func(f *excelize.File) { set(t, f, "stances", "A5", "Atlantis") },
			"Muscat.xlsx: sheet stances, cell A5", RuleKnownActor, `no actor "Atlantis" in sheet actors`},
		{"ErrWhatIfUnknownField", func(f *excelize.File) { set(t, f, whatIfSheet, "T2", "colour") },
			"Muscat.xlsx: sheet what-ifs, cell T2", "override field", "capability, position or salience"},
		{"ErrUnknownSMPOption", func(f *excelize.File) { set(t, f, "scenario", "L2", "Cubic") },
			"Muscat.xlsx: sheet scenario, cell L2", "known SMP option", `VictoryProbModel "Cubic" is not one of KTAB's choices`},
		{"ErrNegativeSeed", func(f *excelize.File) { set(t, f, "scenario", "K2", -4) },
			"Muscat.xlsx: sheet scenario, cell K2", RuleInteger, "not a whole number ≥ 0"},
		{"ErrWhatIfTwoDates", func(f *excelize.File) { set(t, f, whatIfSheet, "C3", "2027-01-01") },
			"Muscat.xlsx: sheet what-ifs, cell C3", RuleOneWhatIf, "first row"},
		{"ErrNoScenarioSheet", func(f *excelize.File) { _ = f.DeleteSheet("scenario") },
			"Muscat.xlsx", RuleSheet, `no sheet "scenario"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read("Muscat.xlsx", muscatBook(t, tt.edit))
			var e *model.Error
			if !errors.As(err, &e) || res != nil {
				t.Fatalf("err %v, res %v: want a refusal", err, res)
			}
			if e.Where != tt.where || e.Rule != tt.rule || !strings.Contains(e.Message, tt.inMessage) {
				t.Errorf("got %q\nwant at %q, rule %q, message with %q", e.Error(), tt.where, tt.rule, tt.inMessage)
			}
		})
	}
	// Not a workbook at all, though it starts like one.
	if _, err := Read("x.xlsx", []byte("PK\x03\x04 not really")); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "x.xlsx") {
		t.Errorf("broken zip: %v", err)
	}
}

// plainBook builds an actor × issue sheet as an analyst keeps it.
func plainBook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "Talks")
	for i, r := range rows {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Talks", c, &r); err != nil {
			t.Fatal(err)
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A plain actor × issue sheet: one row per actor, a Position and a Salience
// column per issue, an optional status-quo row; saliences kept as fractions
// are read as percentages.
func TestXLSXPlainSheet(t *testing.T) {
	data := plainBook(t, [][]any{
		{"Actor", "Capability", "Group", "Scope Position", "Scope Salience", "Enrichment Position", "Enrichment Salience"},
		{"Status quo", nil, nil, 10, nil, 60, nil},
		{"United States", 100, "West", 90, 0.7, 0, 0.6},
		{"Iran's Supreme Leader", 80, "Iran", 0, 0.95, 90, 0.9},
		{"Oman", 15, nil, 20, 0.3, 50, 0.25},
	})
	res, err := Read("gulf talks.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != XLSX || len(res.Scenarios) != 1 {
		t.Fatalf("format %s, %d scenarios", res.Format, len(res.Scenarios))
	}
	sc := res.Scenarios[0]
	if sc.Name != "gulf talks" || len(sc.Actors) != 3 || len(sc.Issues) != 2 {
		t.Fatalf("%q: %d actors × %d issues, want \"gulf talks\": 3 × 2", sc.Name, len(sc.Actors), len(sc.Issues))
	}
	if sc.Issues[0].Key != "scope" || sc.Issues[1].Name != "Enrichment" || sc.Issues[0].StatusQuo != 10 || sc.Issues[1].StatusQuo != 60 {
		t.Errorf("issues %+v", sc.Issues)
	}
	us, st := stance(t, sc, "United States", "enrichment")
	if us.Capability != 100 || us.Group != "West" || us.Label != "US" || st.Position != 0 || st.Salience != 60 {
		t.Errorf("United States: %+v, on enrichment %+v", us, st)
	}
	if _, st := stance(t, sc, "Oman", "scope"); st.Salience != 30 {
		t.Errorf("Oman's salience on scope %v, want 30 (0.3 as a percentage)", st.Salience)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "multiplied by 100") {
		t.Errorf("warnings %q", res.Warnings)
	}

	for _, tt := range []struct {
		name  string
		rows  [][]any
		where string
		rule  string
	}{
		{"ErrSalienceAbove100", [][]any{{"Actor", "Capability", "Scope Position", "Scope Salience"}, {"A", 1, 10, 50}, {"B", 2, 20, 140}, {"C", 3, 30, 60}},
			"t.xlsx: sheet Talks, cell D3", model.RuleScale},
		{"ErrPositionMissing", [][]any{{"Actor", "Capability", "Scope Position", "Scope Salience"}, {"A", 1, 10, 50}, {"B", 2, nil, 40}},
			"t.xlsx: sheet Talks, cell C3", model.RuleRequired},
		{"ErrSalienceColumnMissing", [][]any{{"Actor", "Capability", "Scope Position"}, {"A", 1, 10}},
			"t.xlsx: sheet Talks, cell C1", RuleIssueColumn},
		{"ErrUnknownColumn", [][]any{{"Actor", "Capability", "Scope Position", "Scope Salience", "Budget"}, {"A", 1, 10, 50}},
			"t.xlsx: sheet Talks, cell E1", RuleKnownColumn},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("t.xlsx", plainBook(t, tt.rows))
			var e *model.Error
			if !errors.As(err, &e) || e.Where != tt.where || e.Rule != tt.rule {
				t.Errorf("err %v, want at %q rule %q", err, tt.where, tt.rule)
			}
		})
	}
}

// A date a spreadsheet turned into a day number reads back as the date.
func TestXLSXDateCell(t *testing.T) {
	data := muscatBook(t, func(f *excelize.File) { set(t, f, "scenario", "C2", 46059) })
	res, err := Read("m.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Scenarios[0].Date; got != "2026-02-06" {
		t.Errorf("date %q, want 2026-02-06", got)
	}
}

func TestXLSXDetectAndRefuseLongText(t *testing.T) {
	base, _ := handBuilt()
	var b bytes.Buffer
	if _, err := Write(&b, XLSX, base); err != nil {
		t.Fatal(err)
	}
	if f, err := Detect("no-extension", b.Bytes()); err != nil || f != XLSX {
		t.Errorf("Detect = %s, %v; want xlsx from the magic bytes", f, err)
	}
	base.Actors[0].Rationale = strings.Repeat("x", 40000)
	_, err := Write(&bytes.Buffer{}, XLSX, base)
	var e *model.Error
	if !errors.As(err, &e) || e.Rule != RuleCellLength || !strings.Contains(e.Where, "sheet actors, cell J2") {
		t.Errorf("err %v, want the cell J2 of sheet actors refused", err)
	}
}

// A 250-actor × 10-issue workbook, read and written (figures in the report;
// no budget of PRODUCT.md names workbooks).
func BenchmarkXLSX(b *testing.B) {
	res, err := Read("big.csv", big250x10())
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, XLSX, res.Scenarios[0]); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("read-250x10", func(b *testing.B) {
		for b.Loop() {
			if _, err := Read("big.xlsx", data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write-250x10", func(b *testing.B) {
		for b.Loop() {
			if _, err := Write(io.Discard, XLSX, res.Scenarios[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Text XML cannot carry (control characters, U+FFFE) and text that looks like
// a spreadsheet's own escape ("_x0041_") come back as written.
// Cases found by thinking about the fuzz property: excelize decodes _xHHHH_
// on read but does not escape it on write.
func TestXLSXTextXMLCannotHold(t *testing.T) {
	for _, text := range []string{"bell\x07", "nul\x00byte", "\ufffe", "_x0041_ stays", "tab\tand\nline", "=SUM(A1)", "_x00_ short"} {
		sc := &model.Scenario{Name: "S", Notes: text, Issues: []model.Issue{{Key: "k", Name: "I", Rationale: text}}}
		for i, n := range []string{"A", "B", "C"} {
			sc.Actors = append(sc.Actors, model.Actor{Name: n, Capability: float64(i + 1), Notes: text,
				Stances: map[string]model.Stance{"k": {Position: 1, Salience: 2, Rationale: text}}})
		}
		back := roundTrip(t, XLSX, sc)
		if !reflect.DeepEqual(back.Scenarios[0], sc) {
			t.Errorf("%q comes back as %q", text, back.Scenarios[0].Notes)
		}
	}
}
