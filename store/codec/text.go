package codec

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"parley/model"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// src is one input file being read: its name for messages, its text with any
// byte-order mark removed and lone carriage returns turned into newlines, and
// where each line starts.
type src struct {
	name  string
	data  []byte
	lines []int // byte offset of the start of each line
	// ownScale: the analyst chose "use the file's own scale" (Options).
	ownScale bool
}

// newSrc refuses files that are too large or not UTF-8 text.
func newSrc(name string, data []byte) (*src, error) {
	if name == "" {
		name = defaultSrcName
	}
	if len(data) > MaxFileSize {
		return nil, sizeError(name, len(data))
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, model.Invalid(name+":1:1", model.RuleUTF8, "the file is UTF-16 text; save it as UTF-8")
	}
	d := bytes.TrimPrefix(data, utf8BOM)
	if bytes.IndexByte(d, '\r') >= 0 { // old Mac line ends: a lone CR ends a line
		d = bytes.Clone(d)
		for i, c := range d {
			if c == '\r' && (i+1 == len(d) || d[i+1] != '\n') {
				d[i] = '\n'
			}
		}
	}
	s := &src{name: name, data: d, lines: []int{0}}
	for i, c := range d {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	if !utf8.Valid(d) {
		off := 0
		for off < len(d) {
			r, n := utf8.DecodeRune(d[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, model.Invalid(s.at(off), model.RuleUTF8, "byte 0x%02X is not UTF-8 text; save the file as UTF-8", d[off])
	}
	return s, nil
}

// pos returns the 1-based line and column (in characters) of byte offset off.
func (s *src) pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(s.data) {
		off = len(s.data)
	}
	l := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	start := s.lines[l]
	return l + 1, utf8.RuneCount(s.data[start:off]) + 1
}

// at returns "name:line:col" for byte offset off.
func (s *src) at(off int) string {
	l, c := s.pos(off)
	return fmt.Sprintf("%s:%d:%d", s.name, l, c)
}

// lc returns the place of a 1-based line and a 1-based byte column (as
// encoding/csv reports them).
func (s *src) lc(line, byteCol int) place {
	if line < 1 || line > len(s.lines) {
		return place{s: s, off: len(s.data)}
	}
	start := s.lines[line-1]
	end := len(s.data)
	if line < len(s.lines) {
		end = s.lines[line]
	}
	off := start + byteCol - 1
	if off > end {
		off = end
	}
	if off < start {
		off = start
	}
	return place{s: s, off: off}
}

// base is the file's name without directory and extension, for a scenario name.
func (s *src) base() string {
	b := strings.ToValidUTF8(filepath.Base(s.name), "?")
	b = strings.TrimSpace(strings.TrimSuffix(b, filepath.Ext(b)))
	if b == "" || b == "." || b == defaultSrcName {
		return "Imported scenario"
	}
	return strings.TrimSpace(cutRunes(b, model.MaxNameLen))
}

// place is where something sits in the input. It is turned into
// "name:line:col" only when a message needs it, so reading stays linear even
// for one very long line.
type place struct {
	s    *src
	off  int    // byte offset; -1 = the file as a whole
	path string // the XML element path, if any
}

// String returns "name:line:col", with " (path)" for XML elements.
func (p place) String() string {
	if p.s == nil {
		return defaultSrcName
	}
	if p.off < 0 || len(p.s.lines) == 0 { // no offset, or a source without lines (a workbook's cell)
		if p.path != "" {
			return p.s.name + " (" + p.path + ")"
		}
		return p.s.name
	}
	w := p.s.at(p.off)
	if p.path != "" {
		w += " (" + p.path + ")"
	}
	return w
}

// cell is one field of the input with where it sits.
type cell struct {
	text  string // trimmed
	where place
}

// row is one CSV record.
type row struct {
	where place // its first column
	cells []cell
	end   place // where a missing field after the last one would go
}

// empty reports whether every field of the row is empty.
func (r row) empty() bool {
	for _, c := range r.cells {
		if c.text != "" {
			return false
		}
	}
	return true
}

// trimTrailing drops empty fields beyond the first n (KTAB rows end in commas).
func (r row) trimTrailing(n int) row {
	for len(r.cells) > n && r.cells[len(r.cells)-1].text == "" {
		r.cells = r.cells[:len(r.cells)-1]
	}
	return r
}

// csvRows reads every record of s, trimming each field's surrounding spaces
// (and, for KTAB, surrounding quotes). Rows whose fields are all empty are
// skipped, as spreadsheets write them.
func csvRows(s *src, ktab bool) ([]row, error) {
	r := csv.NewReader(bytes.NewReader(s.data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	r.TrimLeadingSpace = ktab
	r.LazyQuotes = ktab
	var rows []row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, model.Invalid(s.lc(pe.Line, pe.Column).String(), RuleSyntax, "%s", csvErrText(pe.Err))
			}
			return nil, model.Invalid(s.at(int(r.InputOffset())), RuleSyntax, "%v", err)
		}
		line, _ := r.FieldPos(0)
		rw := row{where: s.lc(line, 1)}
		for i, f := range rec {
			l, c := r.FieldPos(i)
			t := strings.TrimSpace(f)
			if ktab {
				t = strings.TrimSpace(strings.Trim(t, `"`))
			}
			// The quote a CSV writer put before a formula-like text (inject.go).
			rw.cells = append(rw.cells, cell{text: unescapeCell(t), where: s.lc(l, c)})
		}
		l, c := r.FieldPos(len(rec) - 1)
		rw.end = s.lc(l, c+len(rec[len(rec)-1]))
		if rw.empty() {
			continue
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

func csvErrText(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a " appears inside a field that does not start with a quote; double it ("") or quote the whole field`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted field is not closed, or text follows its closing quote`
	}
	return err.Error()
}

// firstCSVRecords returns the trimmed fields of up to n first non-empty CSV
// records (fewer when the CSV breaks off).
func firstCSVRecords(data []byte, n int) [][]string {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	var out [][]string
	for range n + 5 {
		rec, err := r.Read()
		if err != nil {
			break
		}
		fields := make([]string, len(rec))
		blank := true
		for i, f := range rec {
			fields[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(f), `"`))
			if fields[i] != "" {
				blank = false
			}
		}
		if !blank {
			out = append(out, fields)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

var (
	decimalRE = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
	wholeRE   = regexp.MustCompile(`^[+-]?\d+$`)
)

func isWholeNumber(s string) bool { return wholeRE.MatchString(strings.TrimSpace(s)) }

// what names a value in messages ("position of actor "Iran" on "Scope"").
// It is formatted only when a message needs it.
type what struct {
	field, actor, issue string
}

func (w what) String() string {
	switch {
	case w.actor != "" && w.issue != "":
		return fmt.Sprintf("%s of actor %s on %s", w.field, quoteName(w.actor), quoteName(w.issue))
	case w.actor != "":
		return fmt.Sprintf("%s of actor %s", w.field, quoteName(w.actor))
	case w.issue != "":
		return fmt.Sprintf("%s of issue %s", w.field, quoteName(w.issue))
	}
	return w.field
}

// number parses a decimal number; w names it in messages.
func number(c cell, w what) (float64, error) {
	t := c.text
	if t == "" {
		return 0, model.Invalid(c.where.String(), model.RuleRequired, "%s is empty", w)
	}
	switch strings.ToLower(strings.TrimLeft(t, "+-")) {
	case "nan", "inf", "infinity":
		return 0, model.Invalid(c.where.String(), model.RuleFinite, "%s is %q, not a finite number", w, t)
	}
	if !decimalRE.MatchString(t) {
		return 0, model.Invalid(c.where.String(), RuleNumber, "%s is %q, not a number (write it like 12.5)", w, cutRunes(t, 40))
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		return 0, model.Invalid(c.where.String(), model.RuleFinite, "%s is %s, too large to be a finite number", w, cutRunes(t, 40))
	}
	return v + 0, nil // + 0 turns -0 into 0
}

// optNumber is number for an optional field: empty gives ok = false.
func optNumber(c cell, w what) (v float64, ok bool, err error) {
	if c.text == "" {
		return 0, false, nil
	}
	v, err = number(c, w)
	return v, err == nil, err
}

// times100 multiplies a decimal by 100 exactly as the text says ("0.3" → 30,
// not 30.000000000000004), by shifting the exponent before parsing.
func times100(c cell, w what) (float64, error) {
	if _, err := number(c, w); err != nil {
		return 0, err
	}
	t := c.text
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		e, err := strconv.Atoi(t[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			v, _ := strconv.ParseFloat(t, 64)
			return v * 100, nil
		}
		t = t[:i] + "e" + strconv.Itoa(e+2)
	} else {
		t += "e2"
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil && math.IsInf(v, 0) {
		return 0, model.Invalid(c.where.String(), model.RuleFinite, "%s is %s, too large to be a finite number", w, cutRunes(c.text, 40))
	}
	return v + 0, nil
}

// formatNum writes a float so that reading it back gives the same float.
func formatNum(v float64) string {
	a := math.Abs(v)
	if v == 0 || (a >= 1e-6 && a < 1e15) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// deriveLabels gives each name a chart label of at most 8 characters, all
// different: the name itself when short enough, else the name without spaces
// and punctuation ("SActor-00" → "SActor00"), else the initials of its
// capitalised words ("Costa Rica" → "CR"), else its first 8 letters and digits.
// A clash gets a number at the end ("Zhuron2").
func deriveLabels(names []string) []string {
	out := make([]string, len(names))
	used := map[string]bool{}
	for i, n := range names {
		l := labelFor(n)
		if used[l] {
			for k := 2; ; k++ {
				suf := strconv.Itoa(k)
				c := strings.TrimSpace(cutRunes(l, model.MaxLabelLen-len(suf))) + suf
				if !used[c] {
					l = c
					break
				}
			}
		}
		used[l] = true
		out[i] = l
	}
	return out
}

func labelFor(name string) string {
	name = strings.TrimSpace(name)
	if runeLen(name) <= model.MaxLabelLen {
		return name
	}
	var compact []rune
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			compact = append(compact, r)
		}
	}
	if len(compact) > 0 && len(compact) <= model.MaxLabelLen {
		return string(compact)
	}
	var initials []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '/' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			initials = append(initials, r)
		}
	}
	if len(initials) >= 2 && len(initials) <= model.MaxLabelLen {
		return string(initials)
	}
	if len(compact) > 0 {
		return string(compact[:model.MaxLabelLen])
	}
	// No letters or digits: the name's first characters, without the spaces
	// a cut may leave at the end (a reader would trim them).
	return strings.TrimSpace(cutRunes(name, model.MaxLabelLen))
}

// slug turns an issue name into a key: lower case letters and digits joined by
// "_" ("XYZ Position" → "xyz_position"), at most 32 characters.
func slug(name string) string {
	var b strings.Builder
	sep := false
	n := 0
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
				n++
			}
			sep = false
			b.WriteRune(r)
			n++
			if n >= 32 {
				break
			}
		} else {
			sep = true
		}
	}
	if b.Len() == 0 {
		return "issue"
	}
	return b.String()
}

// uniqueKeys makes a slug of each name, numbering repeats ("dim", "dim_2").
func uniqueKeys(names []string) []string {
	out := make([]string, len(names))
	used := map[string]bool{}
	for i, n := range names {
		k := slug(n)
		if used[k] {
			for j := 2; ; j++ {
				c := fmt.Sprintf("%s_%d", k, j)
				if !used[c] {
					k = c
					break
				}
			}
		}
		used[k] = true
		out[i] = k
	}
	return out
}

// prefix puts subject in front of a *model.Error's message ("actor "Iran": ...").
func prefix(err error, subject string) error {
	var e *model.Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Message = subject + ": " + c.Message
	return &c
}

// lineStart returns the byte offset where 1-based line n starts (the end of
// the file for a line past it).
func (s *src) lineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return len(s.data)
	}
	return s.lines[n-1]
}
