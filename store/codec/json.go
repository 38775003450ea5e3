package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"parley/model"
)

// readJSON reads a Parley JSON scenario file (model.File).
func readJSON(s *src) (*Result, error) {
	w := &jsonWalker{src: s, dec: json.NewDecoder(bytes.NewReader(s.data)), pos: map[string]int{}}
	w.dec.UseNumber()
	if err := w.walk("", reflect.TypeFor[model.File](), 0); err != nil {
		return nil, err
	}
	if _, err := w.dec.Token(); err != io.EOF {
		return nil, model.Invalid(s.at(w.skip(int(w.dec.InputOffset()))), RuleSyntax, "unexpected text after the end of the JSON object")
	}

	if t := w.skip(0); t >= len(s.data) || s.data[t] != '{' {
		return nil, model.Invalid(s.at(t), model.RuleRequired, "not a Parley scenario file: expected a JSON object with \"format\": %q", model.FileFormat)
	}
	var hdr struct {
		Format  any `json:"format"`
		Version any `json:"version"`
	}
	if err := json.Unmarshal(s.data, &hdr); err != nil {
		return nil, w.typeError(err)
	}
	if f, _ := hdr.Format.(string); f != model.FileFormat {
		return nil, model.Invalid(w.where("format"), model.RuleRequired, "not a Parley scenario file: \"format\" must be %q", model.FileFormat)
	}
	v, ok := hdr.Version.(float64)
	if ok && v > model.FileVersion {
		return nil, &model.Error{Code: model.EVERSION, Where: w.where("version"), Rule: RuleVersion,
			Message: fmt.Sprintf("the file was written by a newer Parley (file version %g; this Parley reads up to %d): update Parley to open it", v, model.FileVersion)}
	}
	if !ok || v != float64(int(v)) || v < 1 {
		return nil, model.Invalid(w.where("version"), RuleVersion, "\"version\" must be a whole number from 1 (this Parley writes %d)", model.FileVersion)
	}
	if w.schemaErr != nil {
		return nil, w.schemaErr
	}

	var file model.File
	if err := json.Unmarshal(s.data, &file); err != nil {
		return nil, w.typeError(err)
	}
	if len(file.Scenarios) == 0 {
		return nil, model.Invalid(w.where("scenarios"), model.RuleRequired, "the file holds no scenario")
	}
	for _, sc := range file.Scenarios {
		normalise(sc)
	}
	if err := checkFile(file.Scenarios, false, func(k int) locator { return w.locator(fmt.Sprintf("scenarios[%d]", k)) }); err != nil {
		return nil, err
	}
	return &Result{Scenarios: file.Scenarios}, nil
}

// checkFile checks the scenarios of a Parley JSON file: each valid, names
// unique, the first a base scenario (or a what-if complete with its actors),
// the others what-ifs of the first whose overrides apply to it.
// Scenarios already validated (when writing) skip checkScenario: validated is true.
func checkFile(list []*model.Scenario, validated bool, locFor func(k int) locator) error {
	seen := map[string]int{}
	for k, sc := range list {
		loc := locFor(k)
		if sc == nil {
			return model.Invalid(loc(ref{kind: "scenario"}).String(), model.RuleRequired, "scenario %d is null", k+1)
		}
		if err := placed(loc(ref{kind: "scenario", field: "name"}), model.CheckName("", sc.Name)); err != nil {
			return prefix(err, "scenario name")
		}
		if j, dup := seen[sc.Name]; dup {
			return model.Invalid(loc(ref{kind: "scenario", field: "name"}).String(), model.RuleUnique, "scenario %d is already called %q", j+1, sc.Name)
		}
		seen[sc.Name] = k
		switch {
		case sc.Base != "" && sc.Base == sc.Name:
			return model.Invalid(loc(ref{kind: "scenario", field: "base"}).String(), RuleWhatIf, "scenario %q is a what-if of itself: a what-if is based on another scenario", sc.Name)
		case k == 0 && sc.Base != "" && len(sc.Actors) == 0:
			return model.Invalid(loc(ref{kind: "scenario", field: "base"}).String(), RuleWhatIf,
				"the first scenario is a what-if of %q, which is not in the file: put the base first, or the what-if with its actors", sc.Base)
		case k > 0 && sc.Base != list[0].Name:
			return model.Invalid(loc(ref{kind: "scenario", field: "base"}).String(), RuleWhatIf,
				"scenario %q must be a what-if of the first scenario %q (its \"base\" is %q)", sc.Name, list[0].Name, sc.Base)
		}
		if !validated && (k == 0 || len(sc.Actors) > 0 || len(sc.Issues) > 0) {
			if err := checkScenario(sc, loc); err != nil {
				return err
			}
		}
		if k > 0 {
			if err := checkWhatIf(list[0], sc, loc); err != nil {
				return err
			}
		}
	}
	return nil
}

// normalise makes empty optional lists nil, as writing drops them ("omitempty"):
// a scenario then reads back identical after a round trip.
func normalise(sc *model.Scenario) {
	if sc == nil {
		return
	}
	if len(sc.Overrides) == 0 {
		sc.Overrides = nil
	}
	for i := range sc.Issues {
		if len(sc.Issues[i].Anchors) == 0 {
			sc.Issues[i].Anchors = nil
		}
	}
}

func writeJSON(w io.Writer, s *model.Scenario, whatIfs []*model.Scenario) ([]string, error) {
	f := model.File{Format: model.FileFormat, Version: model.FileVersion, Scenarios: append([]*model.Scenario{s}, whatIfs...)}
	// Refuse what Read would refuse, so that every file written reads back.
	if err := checkFile(f.Scenarios, true, func(k int) locator {
		return func(r ref) place {
			name := fmt.Sprintf("scenario %q", f.Scenarios[k].Name)
			if r.kind == "override" {
				name += fmt.Sprintf(" override %d", r.i+1)
			}
			if r.field != "" {
				name += " " + r.field
			}
			return place{s: &src{name: name}, off: -1}
		}
	}); err != nil {
		return nil, err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the JSON file", Err: err}
	}
	return nil, nil
}

// jsonWalker reads the token stream once to learn where every value starts
// (by path, e.g. "scenarios[0].actors[3].capability"), to report syntax errors
// at their line and column, and to refuse unknown or repeated keys.
type jsonWalker struct {
	src       *src
	dec       *json.Decoder
	pos       map[string]int
	starts    []int // sorted value starts, for locating type errors
	schemaErr error // the first unknown or repeated key: reported after the version check
}

const maxJSONDepth = 64

// skip moves off past white space, ':' and ',' to the start of the next value.
func (w *jsonWalker) skip(off int) int {
	for off < len(w.src.data) {
		switch w.src.data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

func (w *jsonWalker) token() (json.Token, int, error) {
	start := w.skip(int(w.dec.InputOffset()))
	t, err := w.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, start, model.Invalid(w.src.at(int(se.Offset)), RuleSyntax, "JSON syntax: %s", strings.TrimPrefix(se.Error(), "json: "))
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, start, model.Invalid(w.src.at(len(w.src.data)), RuleSyntax, "JSON syntax: the file ends before the JSON object does")
		}
		return nil, start, model.Invalid(w.src.at(start), RuleSyntax, "JSON syntax: %v", err)
	}
	return t, start, nil
}

// walk reads one value at path, whose Go type is t (nil when unknown).
func (w *jsonWalker) walk(path string, t reflect.Type, depth int) error {
	tok, start, err := w.token()
	if err != nil {
		return err
	}
	w.pos[path] = start
	w.starts = append(w.starts, start)
	if depth > maxJSONDepth {
		return model.Invalid(w.src.at(start), RuleSyntax, "the JSON is nested more than %d levels deep", maxJSONDepth)
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	d, ok := tok.(json.Delim)
	if !ok {
		// A null number would silently become 0 (issue 18): refuse it.
		if tok == nil && t != nil && t.Kind() == reflect.Float64 && w.schemaErr == nil {
			w.schemaErr = model.Invalid(w.src.at(start), model.RuleRequired, "%s is null; it must be a number", describe(path))
		}
		return nil
	}
	switch d {
	case '{':
		seen := map[string]bool{}
		defer func() {
			// Numbers a missing key would silently set to 0 (issue 18).
			for _, k := range requiredJSON[t] {
				if !seen[k] && w.schemaErr == nil {
					w.schemaErr = model.Invalid(w.src.at(start), model.RuleRequired, "%s has no %q; it must be given as a number", describe(path), k)
				}
			}
		}()
		for w.dec.More() {
			kt, kstart, err := w.token()
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			var ft reflect.Type
			name := key
			if t != nil {
				switch t.Kind() {
				case reflect.Struct:
					f, ok := jsonField(t, key)
					if !ok && w.schemaErr == nil {
						w.schemaErr = model.Invalid(w.src.at(kstart), RuleKnownField, "unknown field %q in %s (known: %s)", key, describe(path), strings.Join(jsonFieldNames(t), ", "))
					}
					ft, name = f.Type, jsonName(f)
				case reflect.Map:
					ft = t.Elem()
				}
			}
			if seen[name] && w.schemaErr == nil {
				w.schemaErr = model.Invalid(w.src.at(kstart), RuleUniqueKey, "%q appears twice in %s", key, describe(path))
			}
			seen[name] = true
			p := name
			if path != "" {
				p = path + "." + name
			}
			if err := w.walk(p, ft, depth+1); err != nil {
				return err
			}
		}
	case '[':
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.limit(et, i); err != nil {
				return err
			}
			if err := w.walk(fmt.Sprintf("%s[%d]", path, i), et, depth+1); err != nil {
				return err
			}
		}
	}
	_, _, err = w.token() // the closing delimiter
	return err
}

// requiredJSON lists, per type, the keys a Parley JSON object must have:
// numbers with no default that reads as an analyst's choice.
var requiredJSON = map[reflect.Type][]string{
	reflect.TypeFor[model.Stance](): {"position", "salience"},
	reflect.TypeFor[model.Actor]():  {"capability"},
}

// jsonField finds the struct field that encoding/json would fill from key:
// an exact match first, else one that differs only in case.
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	var fold *reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		n := jsonName(f)
		if n == "-" || !f.IsExported() {
			continue
		}
		if n == key {
			return f, true
		}
		if fold == nil && strings.EqualFold(n, key) {
			fold = &f
		}
	}
	if fold != nil {
		return *fold, true
	}
	return reflect.StructField{}, false
}

func jsonName(f reflect.StructField) string {
	n, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if n == "" {
		return f.Name
	}
	return n
}

func jsonFieldNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if n := jsonName(t.Field(i)); n != "-" && t.Field(i).IsExported() {
			out = append(out, n)
		}
	}
	return out
}

// describe turns a path into words for messages.
func describe(path string) string {
	if path == "" {
		return "the file"
	}
	return `"` + path + `"`
}

// where returns "file:line:col" of the value at path, or of its closest enclosing value.
func (w *jsonWalker) where(path string) string { return w.place(path).String() }

func (w *jsonWalker) place(path string) place {
	for {
		if off, ok := w.pos[path]; ok {
			return place{s: w.src, off: off}
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			if off, ok := w.pos[""]; ok {
				return place{s: w.src, off: off}
			}
			return place{s: w.src, off: -1}
		}
		path = path[:i]
	}
}

// locator maps scenario refs to JSON paths under the scenario at path p.
func (w *jsonWalker) locator(p string) locator {
	return func(r ref) place {
		var q string
		switch r.kind {
		case "file":
			return w.place(p) // the scenario as a whole: where its object starts
		case "scenario":
			q = p
		case "issue":
			q = fmt.Sprintf("%s.issues[%d]", p, r.i)
		case "anchor":
			q = fmt.Sprintf("%s.issues[%d].anchors[%d]", p, r.i, r.j)
		case "actor":
			q = fmt.Sprintf("%s.actors[%d]", p, r.i)
		case "stance":
			q = fmt.Sprintf("%s.actors[%d].stances.%s", p, r.i, r.key)
		case "override":
			q = fmt.Sprintf("%s.overrides[%d]", p, r.i)
		}
		if r.field != "" {
			q += "." + r.field
		}
		return w.place(q)
	}
}

// typeError explains an encoding/json decoding error at the value it concerns.
func (w *jsonWalker) typeError(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return model.Invalid(w.src.name, RuleSyntax, "JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	sort.Ints(w.starts)
	off := int(te.Offset)
	i := sort.SearchInts(w.starts, off) // te.Offset is just past the value
	if i > 0 {
		off = w.starts[i-1]
	}
	field := te.Field
	if j := strings.LastIndex(field, "."); j >= 0 {
		field = field[j+1:]
	}
	if strings.HasPrefix(te.Value, "number") {
		return model.Invalid(w.src.at(off), RuleValueType, "%q: %s does not fit a %s", field, te.Value, kindWord(te.Type))
	}
	return model.Invalid(w.src.at(off), RuleValueType, "%q must be %s, not %s", field, kindWord(te.Type), te.Value)
}

func kindWord(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list [...]"
	case reflect.Map, reflect.Struct:
		return "an object {...}"
	case reflect.Bool:
		return "true or false"
	}
	return strconv.Quote(t.String())
}
