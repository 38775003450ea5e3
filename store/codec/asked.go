package codec

import (
	"bytes"
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"parley/model"
)

// Options are the choices an analyst makes in the import preview.
type Options struct {
	// OwnScale reads a column of positions on the file's own scale: a simple
	// table's positions outside 0-100 (refused otherwise) are mapped onto
	// 0-100 and the issue keeps the file's scale (model.IssueScale).
	OwnScale bool
}

// ReadWith reads like Read, with the analyst's choices o.
func ReadWith(name string, data []byte, o Options) (*Result, error) {
	if !o.OwnScale {
		return Read(name, data)
	}
	if isXLSX(data) {
		res, err := readXLSXWith(name, data, true)
		if err != nil {
			return nil, err
		}
		res.Format = XLSX
		return res, nil
	}
	data, note := decideText(data)
	s, err := newSrc(name, data)
	if err != nil {
		return nil, err
	}
	s.ownScale = true
	f, err := detect(s)
	if err != nil {
		return nil, err
	}
	return withNote(s.read(f))(note)
}

// Limits on collecting problems: enough for an analyst to fix a file in one
// go, bounded so that a hopeless file (or a very large one) is not re-read
// without end.
const (
	maxProblems           = 50
	maxProblemsRereadSize = 4 << 20
)

// Problems reads data like ReadWith and, when the file is refused, lists
// every problem with its place, in file order, not just the first. For the
// line-based formats (simple table, Parley CSV, KTAB CSV, Decide) each
// problem's line is set aside and the file read again, until it reads or a
// problem has no line of its own; what follows only from a line set aside (a
// stance naming an issue whose line was set aside, "no actors left") is not
// listed. Other formats report their first problem. The result is nil when
// problems is not empty.
func Problems(name string, data []byte, o Options) (res *Result, problems []error) {
	res, err := ReadWith(name, data, o)
	if err == nil {
		return res, nil
	}
	problems = append(problems, err)
	f, ferr := Detect(name, data)
	if ferr != nil || len(data) > maxProblemsRereadSize {
		return nil, problems
	}
	switch f {
	case Simple, CSV, KTABCSV, Decide:
	case XLSX:
		return nil, xlsxProblems(name, data, o, err, problems)
	default:
		return nil, problems
	}
	text, _ := decideText(data)
	text = bytes.TrimPrefix(text, utf8BOM)
	lines := bytes.SplitAfter(bytes.Clone(text), []byte("\n"))
	setAside := map[int]bool{}
	prefix := strings.ToValidUTF8(name, "?")
	if prefix == "" {
		prefix = defaultSrcName
	}
	for len(problems) < maxProblems {
		ln := problemLine(err, prefix)
		if ln < 1 || ln > len(lines) || setAside[ln] {
			break
		}
		setAside[ln] = true
		l := lines[ln-1]
		end := len(l)
		for end > 0 && (l[end-1] == '\n' || l[end-1] == '\r') {
			end--
		}
		lines[ln-1] = l[end:] // the line's end only: every other line keeps its number
		_, err = ReadWith(name, bytes.Join(lines, nil), o)
		if err == nil {
			break
		}
		if consequential(err) {
			break // what is left follows from the lines set aside
		}
		problems = append(problems, err)
	}
	return nil, sortProblems(problems, prefix)
}

// consequential reports whether err can follow from a line set aside rather
// than be a problem of its own.
func consequential(err error) bool {
	var e *model.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Rule {
	case model.RuleKnownIssue, RuleKnownActor, RuleRowCount, RuleActorCount, model.RuleRequired, model.RuleStance:
		return true
	}
	return false
}

// problemLine is the line number of "name:LINE:COL" in err's place, or 0.
func problemLine(err error, name string) int {
	var e *model.Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Where, name+":") {
		return 0
	}
	rest := strings.TrimPrefix(e.Where, name+":")
	n, _, _ := strings.Cut(rest, ":")
	v, convErr := strconv.Atoi(n)
	if convErr != nil {
		return 0
	}
	return v
}

// sortProblems puts the problems in file order (by line; placeless last).
func sortProblems(ps []error, name string) []error {
	out := append([]error(nil), ps...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0; j-- {
			a, b := problemLine(out[j-1], name), problemLine(out[j], name)
			if a == 0 {
				a = 1 << 30
			}
			if b == 0 {
				b = 1 << 30
			}
			if b >= a {
				break
			}
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// ReadAsked is what the window's import preview calls: the scenarios read
// (base first) and the warnings, or every problem with its place; and
// whether the analyst may choose "use the file's own scale" (the file was
// refused for a column outside 0-100, or holds a one-issue table whose
// positions could be read on their own scale).
func ReadAsked(name string, data []byte, ownScale bool) (scs []*model.Scenario, warnings []string, problems []error, canOwnScale bool) {
	res, problems := Problems(name, data, Options{OwnScale: ownScale})
	for _, p := range problems {
		var e *model.Error
		if errors.As(p, &e) && e.Rule == RuleOwnScaleChoice {
			canOwnScale = true
		}
	}
	if res == nil {
		return nil, nil, problems, canOwnScale
	}
	if res.Format == Simple || res.Format == XLSX && len(res.Scenarios) == 1 && res.Scenarios[0].Notes != "" && strings.HasPrefix(res.Scenarios[0].Notes, "Imported from sheet") {
		canOwnScale = true
	}
	return res.Scenarios, res.Warnings, nil, canOwnScale
}

// cellRE reads the sheet and cell of a workbook problem's place.
var cellRE = regexp.MustCompile(`: sheet (.+), cell ([A-Z]+)([0-9]+)$`)

// xlsxProblems is Problems for a workbook: each problem's row is emptied
// (every other row keeps its number) and the workbook read again.
func xlsxProblems(name string, data []byte, o Options, err error, problems []error) []error {
	f, ferr := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: 16 << 20})
	if ferr != nil {
		return problems
	}
	defer f.Close()
	setAside := map[string]bool{}
	for len(problems) < maxProblems {
		var e *model.Error
		if !errors.As(err, &e) {
			break
		}
		m := cellRE.FindStringSubmatch(e.Where)
		if m == nil {
			break
		}
		sheet, rowNum := m[1], m[3]
		key := sheet + "!" + rowNum
		n, convErr := strconv.Atoi(rowNum)
		if setAside[key] || convErr != nil || n <= 1 { // never the header row
			break
		}
		setAside[key] = true
		cols, cerr := f.GetCols(sheet)
		if cerr != nil {
			break
		}
		for c := range cols {
			cell, _ := excelize.CoordinatesToCellName(c+1, n)
			_ = f.SetCellValue(sheet, cell, nil)
		}
		var buf bytes.Buffer
		if _, werr := f.WriteTo(&buf); werr != nil {
			break
		}
		if _, err = ReadWith(name, buf.Bytes(), o); err == nil || consequential(err) {
			break
		}
		problems = append(problems, err)
	}
	// In file order: by sheet (as first met), then by row.
	sheetAt := map[string]int{}
	key := func(p error) (int, int) {
		var e *model.Error
		if !errors.As(p, &e) {
			return 1 << 30, 0
		}
		m := cellRE.FindStringSubmatch(e.Where)
		if m == nil {
			return 1 << 30, 0
		}
		if _, ok := sheetAt[m[1]]; !ok {
			sheetAt[m[1]] = len(sheetAt)
		}
		n, _ := strconv.Atoi(m[3])
		return sheetAt[m[1]], n
	}
	for _, p := range problems {
		key(p)
	}
	sort.SliceStable(problems, func(i, j int) bool {
		si, ri := key(problems[i])
		sj, rj := key(problems[j])
		return si < sj || si == sj && ri < rj
	})
	return problems
}
