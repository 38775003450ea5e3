package codec

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"unicode/utf8"

	"parley/model"
)

// Format names a scenario file format. The names are what the CLI's --format
// flags take.
type Format string

// The file formats Parley reads and writes.
const (
	// JSON is Parley's own scenario file (model.File): a base scenario and its
	// what-ifs, with every range, anchor, source and rationale. Nothing is lost.
	JSON Format = "json"
	// CSV is Parley's own sectioned CSV (see the package documentation): one
	// scenario with its issues, anchors, actors and stances, ranges, sources
	// and rationales. What-ifs are not part of it.
	CSV Format = "csv"
	// Simple is the one-issue table `Actor,Capability,Position,Salience` taught
	// with the Bueno de Mesquita method (also `Stakeholder,Resources,...`).
	Simple Format = "simple"
	// KTABCSV is the SMP CSV of KTAB, the KAPSARC Toolkit for Behavioral Analysis.
	KTABCSV Format = "ktab-csv"
	// KTABXML is KTAB's SMP XML scenario.
	KTABXML Format = "ktab-xml"
	// XLSX is a spreadsheet workbook: Parley's own (one sheet per table and
	// the what-ifs, nothing lost) or a plain actor × issue sheet (xlsx.go).
	XLSX Format = "xlsx"
)

// Formats lists every format, in the order a menu shows them.
var Formats = []Format{JSON, CSV, Simple, KTABCSV, KTABXML, XLSX}

// MaxFileSize is the largest file Read accepts (model.MaxFileSize, 16 MiB): a
// 250-actor × 10-issue scenario with full rationales is well under 1 MiB.
const MaxFileSize = model.MaxFileSize

// Rules quoted by this package's messages, beside the model.Rule* ones.
const (
	RuleFileSize     = "file ≤ 16 MiB"
	RuleFormat       = "known file format"
	RuleSyntax       = "well-formed file"
	RuleFieldCount   = "field count"
	RuleKnownColumn  = "known column"
	RuleKnownSection = "known section"
	RuleKnownElement = "known element"
	RuleKnownField   = "known field"
	RuleUniqueKey    = "each key once"
	RuleValueType    = "value type"
	RuleNumber       = "decimal number"
	RuleInteger      = "whole number"
	RuleVersion      = "file version"
	RuleWhatIf       = "what-if of the base"
	RuleKnownActor   = "known actor"
	RuleActorCount   = "3 ≤ actors ≤ 250"
	RuleRowCount     = "counts match the rows"
	RuleKTABName     = "name 1-25 characters"
	RuleKTABDesc     = "description ≤ 256 characters"
	RuleSalienceSum  = "Σ salience per actor ≤ 100"
	RuleOneIssue     = "a simple table holds one issue"
	RuleDimensions   = "at least one issue"
	RuleSettings     = "settings within 0-1000000"
)

// KTAB's limits (MODELS.md §2.2).
const (
	ktabMinActors  = 3
	ktabMaxActors  = 250
	ktabMaxName    = 25
	ktabMaxDesc    = 256
	ktabMaxSalSum  = 100
	salSumEpsilon  = 1e-6 // float noise allowed above 100 in a salience sum
	defaultSrcName = "(input)"
)

// String returns the format's name.
func (f Format) String() string { return string(f) }

// Ext returns the file extension the format is written with (".json", ".csv", ".xml").
func (f Format) Ext() string {
	switch f {
	case JSON:
		return ".json"
	case KTABXML:
		return ".xml"
	case XLSX:
		return ".xlsx"
	default:
		return ".csv"
	}
}

// ParseFormat returns the format called s (as the CLI's --format flag spells it).
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(strings.TrimSpace(s), string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", model.Invalid("format", RuleFormat, "unknown format %q; use one of %s", s, strings.Join(names, ", "))
}

// Result is what Read found in a file.
type Result struct {
	// Format is the format the file was read as.
	Format Format
	// Scenarios holds the base scenario first, then its what-ifs (JSON files
	// only). Every scenario passed model.Validate.
	Scenarios []*model.Scenario
	// Warnings are things an analyst should know about the import, e.g. that
	// saliences on a 0-1 scale were multiplied by 100.
	Warnings []string
}

// Read reads a scenario file in whichever format Detect finds. name is used in
// messages ("name:LINE:COL: message (rule: ...)"); data is the whole file.
// Every error is a *model.Error whose Where names the file and the place;
// nothing is returned with it.
func Read(name string, data []byte) (*Result, error) {
	if isXLSX(data) {
		return ReadAs(name, data, XLSX)
	}
	data, note := decideText(data)
	s, err := newSrc(name, data)
	if err != nil {
		return nil, err
	}
	f, err := detect(s)
	if err != nil {
		return nil, err
	}
	return withNote(s.read(f))(note)
}

// ReadAs reads data as format f, without guessing.
func ReadAs(name string, data []byte, f Format) (*Result, error) {
	if f == XLSX {
		res, err := readXLSX(name, data)
		if err != nil {
			return nil, err
		}
		res.Format = XLSX
		return res, nil
	}
	note := ""
	if f == Decide {
		data, note = decideText(data)
	}
	s, err := newSrc(name, data)
	if err != nil {
		return nil, err
	}
	return withNote(s.read(f))(note)
}

// withNote adds a reader's warning about the file's encoding to its result.
func withNote(res *Result, err error) func(string) (*Result, error) {
	return func(note string) (*Result, error) {
		if err == nil && note != "" {
			res.Warnings = append([]string{note}, res.Warnings...)
		}
		return res, err
	}
}

func (s *src) read(f Format) (*Result, error) {
	var res *Result
	var err error
	switch f {
	case JSON:
		res, err = readJSON(s)
	case CSV:
		res, err = readParleyCSV(s)
	case Simple:
		res, err = readSimple(s)
	case KTABCSV:
		res, err = readKTABCSV(s)
	case KTABXML:
		res, err = readKTABXML(s)
	case Decide:
		res, err = readDecide(s)
	default:
		_, err = ParseFormat(string(f))
	}
	if err != nil {
		return nil, err
	}
	res.Format = f
	return res, nil
}

// Detect tells which format data is in, from the content first:
//   - '{' followed by a key (or '}') is Parley JSON;
//   - a first line starting #A, #P, #M, #D, #O or #/ (quoted or not) is a
//     Decide file (a Decide file in Windows-1252 is read as such);
//   - a first CSV record whose third and fourth fields are whole numbers is
//     KTAB CSV (<name>,<description>,<#actors>,<#dims>), even when the name
//     starts with '<' or '{';
//   - '<' is KTAB XML;
//   - a first record "Parley CSV,<version>" is Parley CSV;
//   - a second record starting Actor,Description,Power (or Influence) is KTAB
//     CSV with a broken first line (Read then says what is wrong with it);
//   - a header naming Actor (or Stakeholder) and one more simple-table column
//     is a simple table (unknown columns are left for Read to report).
//
// Only when the content says nothing does the extension decide (.json, .xml).
// Files that are too large or not UTF-8 text are refused here already.
func Detect(name string, data []byte) (Format, error) {
	if isXLSX(data) { // a zip archive: its magic bytes say it
		return XLSX, nil
	}
	data, _ = decideText(data)
	s, err := newSrc(name, data)
	if err != nil {
		return "", err
	}
	return detect(s)
}

func detect(s *src) (Format, error) {
	t := bytes.TrimLeft(s.data, " \t\r\n")
	if len(t) > 0 && t[0] == '{' {
		// A JSON object opens with a key or closes at once; a KTAB CSV whose
		// scenario name starts with '{' does neither (KTAB names hold no '"').
		if u := bytes.TrimLeft(t[1:], " \t\r\n"); len(u) == 0 || u[0] == '"' || u[0] == '}' {
			return JSON, nil
		}
	}
	if isDecide(s.data) {
		return Decide, nil
	}
	recs := firstCSVRecords(s.data, 2)
	var first []string
	if len(recs) > 0 {
		first = recs[0]
	}
	if len(first) >= 4 && isWholeNumber(first[2]) && isWholeNumber(first[3]) {
		return KTABCSV, nil
	}
	if len(t) > 0 && t[0] == '<' {
		return KTABXML, nil
	}
	switch {
	case first == nil:
	case strings.EqualFold(first[0], parleyMarker) && allEmpty(first[min(2, len(first)):]):
		return CSV, nil
	case len(recs) > 1 && isKTABHeader(recs[1]):
		return KTABCSV, nil
	case isSimpleHeader(first):
		return Simple, nil
	}
	switch strings.ToLower(filepath.Ext(s.name)) {
	case ".json":
		return JSON, nil
	case ".xml":
		return KTABXML, nil
	}
	if len(t) == 0 {
		what := "the file is empty"
		if len(s.data) > 0 {
			what = "the file holds only blank space"
		}
		return "", model.Invalid(s.name+":1:1", RuleFormat, "%s", what)
	}
	return "", model.Invalid(s.name+":1:1", RuleFormat,
		"cannot tell the file's format: expected a Parley JSON file, a Parley CSV starting with %q, "+
			"a KTAB CSV starting with <name>,<description>,<#actors>,<#dims>, KTAB XML, "+
			"or a simple table with the header Actor,Capability,Position,Salience", parleyMarker+",1")
}

// Write writes scenario s (and, for JSON, its what-ifs) to w in format f.
// s must pass model.Validate. Warnings say what the format could not carry or
// what was changed to fit it (e.g. saliences rescaled for KTAB); an error means
// nothing useful was written.
func Write(w io.Writer, f Format, s *model.Scenario, whatIfs ...*model.Scenario) (warnings []string, err error) {
	if s == nil {
		return nil, model.Invalid("scenario", model.RuleRequired, "no scenario to write")
	}
	for _, sc := range append([]*model.Scenario{s}, whatIfs...) {
		if sc == nil {
			return nil, model.Invalid("what-if", model.RuleRequired, "a what-if is missing (nil)")
		}
		if err := model.ValidateErr(sc); err != nil {
			return nil, err
		}
		if path, bad := invalidText(reflect.ValueOf(sc).Elem()); bad {
			return nil, model.Invalid(fmt.Sprintf("scenario %q %s", sc.Name, path), model.RuleUTF8, "the text is not valid UTF-8")
		}
		if err := checkSettings(sc.Settings, func(field string) place {
			return place{s: &src{name: fmt.Sprintf("scenario %q setting %s", sc.Name, field)}, off: -1}
		}); err != nil {
			return nil, err
		}
	}
	if f != JSON && f != XLSX && len(whatIfs) > 0 {
		warnings = append(warnings, fmt.Sprintf("%s holds one scenario: %s not written (use JSON or xlsx to keep them)", f, model.Count(len(whatIfs), "what-if")))
	}
	var more []string
	switch f {
	case JSON:
		more, err = writeJSON(w, s, whatIfs)
	case CSV:
		more, err = writeParleyCSV(w, s)
	case Simple:
		more, err = writeSimple(w, s)
	case KTABCSV:
		more, err = writeKTABCSV(w, s)
	case KTABXML:
		more, err = writeKTABXML(w, s)
	case XLSX:
		more, err = writeXLSX(w, s, whatIfs)
	default:
		_, err = ParseFormat(string(f))
	}
	if err != nil {
		return nil, err
	}
	return append(warnings, more...), nil
}

// invalidText returns the path of the first string in v that is not valid
// UTF-8, e.g. "actors[1].stances.scope.rationale" (built only when one is found).
func invalidText(v reflect.Value) (string, bool) {
	p, bad := badString(v)
	return strings.TrimPrefix(p, "."), bad
}

func badString(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		return "", !utf8.ValidString(v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			return badString(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if p, bad := badString(v.Field(i)); bad {
					return "." + jsonName(f) + p, true
				}
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p, bad := badString(v.Index(i)); bad {
				return fmt.Sprintf("[%d]%s", i, p), true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if !utf8.ValidString(iter.Key().String()) {
				return " key", true
			}
			if p, bad := badString(iter.Value()); bad {
				return "." + iter.Key().String() + p, true
			}
		}
	}
	return "", false
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if f != "" {
			return false
		}
	}
	return true
}

func sizeError(name string, n int) error {
	if n == MaxFileSize+1 { // read through a limit of one byte more: the whole size is unknown
		return model.Invalid(name+":1:1", RuleFileSize, "the file is larger than %d MiB, the most Parley reads in a scenario file", MaxFileSize>>20)
	}
	return model.Invalid(name+":1:1", RuleFileSize, "the file is %.1f MiB; Parley reads scenario files up to %d MiB", float64(n)/(1<<20), MaxFileSize>>20)
}

// ReadScenarios reads a file as the window's import takes it: its scenarios
// (base first) and the warnings to show, or the refusal (see Read).
func ReadScenarios(name string, data []byte) ([]*model.Scenario, []string, error) {
	res, err := Read(name, data)
	if err != nil {
		return nil, nil, err
	}
	return res.Scenarios, res.Warnings, nil
}

// WriteNamed writes s (and its what-ifs, where the format holds them) in the
// format named as ParseFormat reads it, for the window's File › Export data….
func WriteNamed(format string, w io.Writer, s *model.Scenario, whatIfs ...*model.Scenario) ([]string, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	return Write(w, f, s, whatIfs...)
}
