package codec

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"parley/model"
)

// XLSX workbooks (see the package documentation, "# Spreadsheets").

// xlsxMagic opens every .xlsx file: it is a zip archive.
var xlsxMagic = []byte("PK\x03\x04")

// isXLSX reports whether data is a zip archive, as every .xlsx workbook is.
func isXLSX(data []byte) bool { return bytes.HasPrefix(data, xlsxMagic) }

// Limits on what a workbook may unpack to: a zip bomb is refused instead of
// filling memory. 256 MiB holds thousands of 250-actor scenarios.
const (
	xlsxUnzipLimit  = 256 << 20
	xlsxCellMaxRune = excelize.TotalCellChars // 32767 UTF-16 units: what a spreadsheet cell holds
)

// Rules quoted by the workbook reader and writer.
const (
	RuleSheet       = "known sheet"
	RuleCellLength  = "cell ≤ 32767 characters"
	RuleOneWhatIf   = "one value per what-if"
	RuleIssueColumn = "issue columns in pairs"
)

// The what-ifs sheet: one row per override, the what-if's own fields on its
// first row: the [scenario] columns (the first renamed "What-if"), then the
// override's.
var whatIfCols = func() []colSpec {
	var out []colSpec
	for _, ps := range parleySections {
		if ps.name == "scenario" {
			out = append(out, ps.cols...)
		}
	}
	out[0] = colSpec{name: "What-if", field: "name", required: true}
	return append(out,
		colSpec{name: "Actor", field: "actor"},
		colSpec{name: "Issue", field: "issue"},
		colSpec{name: "Field", field: "field"},
		colSpec{name: "Value", field: "value"},
		colSpec{name: "Rationale", field: "rationale"},
	)
}()

const whatIfSheet = "what-ifs"

// book is a workbook being read.
type book struct {
	ownScale bool   // the analyst chose the file's own scale (Options.OwnScale)
	name     string // the file's name, for messages
	f        *excelize.File
	sheets   map[string]string // lower-case name → the sheet's own name
	order    []string
}

// at is the place of a cell: "name: sheet S, cell D7".
func (b *book) at(sheet string, col, row int) place {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		c = fmt.Sprintf("R%dC%d", row, col)
	}
	return place{s: &src{name: fmt.Sprintf("%s: sheet %s, cell %s", b.name, sheet, c)}, off: -1}
}

func (b *book) sheetPlace(sheet string) place {
	return place{s: &src{name: fmt.Sprintf("%s: sheet %s", b.name, sheet)}, off: -1}
}

// rows reads a sheet's non-empty rows, every cell trimmed and placed; rows
// shorter than width are padded with empty cells (a spreadsheet does not
// store trailing empty cells).
func (b *book) rows(sheet string) ([]row, error) {
	recs, err := b.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, model.Invalid(b.sheetPlace(sheet).String(), RuleSyntax, "the sheet cannot be read: %v", err)
	}
	var out []row
	for i, rec := range recs {
		rw := row{where: b.at(sheet, 1, i+1)}
		for j, v := range rec {
			rw.cells = append(rw.cells, cell{text: crToLF.Replace(strings.TrimSpace(v)), where: b.at(sheet, j+1, i+1)})
		}
		rw.end = b.at(sheet, len(rec)+1, i+1)
		if rw.empty() {
			continue
		}
		out = append(out, rw)
	}
	return out, nil
}

// crToLF ends lines as the CSV readers do: a CR, alone or before a LF, is a line end.
var crToLF = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// pad gives r at least n cells, the missing ones empty and placed.
func (b *book) pad(sheet string, r row, n int) row {
	line := 1
	if _, rr, err := excelize.CellNameToCoordinates(cellName(r.where)); err == nil {
		line = rr
	}
	for len(r.cells) < n {
		r.cells = append(r.cells, cell{where: b.at(sheet, len(r.cells)+1, line)})
	}
	return r
}

// cellName returns "D7" of a place made by book.at.
func cellName(p place) string {
	if p.s == nil {
		return ""
	}
	_, c, _ := strings.Cut(p.s.name, ", cell ")
	return c
}

// table reads a sheet as a header row and data rows against spec.
func (b *book) table(sheet string, spec []colSpec) (*section, error) {
	rows, err := b.rows(sheet)
	if err != nil {
		return nil, err
	}
	sec := &section{marker: row{where: b.sheetPlace(sheet), end: b.at(sheet, 1, 2)}}
	if len(rows) == 0 {
		return nil, model.Invalid(b.at(sheet, 1, 1).String(), model.RuleRequired, "sheet %s is empty: it needs a header row (%s)", sheet, colNames(spec))
	}
	t, err := newTable("sheet "+sheet, rows[0], spec)
	if err != nil {
		return nil, err
	}
	sec.t = t
	sec.marker.end = b.at(sheet, 1, 2)
	for _, r := range rows[1:] {
		r, err := t.fit(b.pad(sheet, r, len(t.header.cells)))
		if err != nil {
			return nil, err
		}
		sec.rows = append(sec.rows, r)
	}
	return sec, nil
}

// fixDate turns a date cell that a spreadsheet stored as a day number
// (46059) back into the text Parley writes ("2026-02-06").
func (b *book) fixDate(sheet string, c *cell) {
	if c.text == "" || !decimalRE.MatchString(c.text) {
		return
	}
	name := cellName(c.where)
	if typ, err := b.f.GetCellType(sheet, name); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		return
	}
	v, err := strconv.ParseFloat(c.text, 64)
	if err != nil || v < 1 || v > 2958465 {
		return
	}
	if t, err := excelize.ExcelDateToTime(v, false); err == nil {
		c.text = t.Format(time.DateOnly)
	}
}

func readXLSX(name string, data []byte) (*Result, error) { return readXLSXWith(name, data, false) }

func readXLSXWith(name string, data []byte, ownScale bool) (*Result, error) {
	if name == "" {
		name = defaultSrcName
	}
	if len(data) > MaxFileSize {
		return nil, sizeError(name, len(data))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, model.Invalid(name, RuleSyntax, "the file starts like a zip archive but is not a readable .xlsx workbook (%v)", err)
	}
	defer f.Close()
	b := &book{name: name, f: f, sheets: map[string]string{}, ownScale: ownScale}
	for _, sh := range f.GetSheetList() {
		b.sheets[strings.ToLower(strings.TrimSpace(sh))] = sh
		b.order = append(b.order, sh)
	}
	if len(b.order) == 0 {
		return nil, model.Invalid(name, RuleSheet, "the workbook has no sheet")
	}
	_, hasScenario := b.sheets["scenario"]
	_, hasActors := b.sheets["actors"]
	if hasScenario || hasActors && len(b.order) > 1 {
		return b.readParley()
	}
	return b.readPlain(b.order[0])
}

// readParley reads Parley's own workbook: one sheet per table, as the
// sections of Parley CSV, and a what-ifs sheet.
func (b *book) readParley() (*Result, error) {
	file := &src{name: b.name}
	secs := map[string]*section{}
	for _, ps := range parleySections {
		sheet, ok := b.sheets[ps.name]
		if !ok {
			if ps.name == "scenario" {
				return nil, model.Invalid(b.name, RuleSheet, "the workbook has no sheet %q (a Parley workbook has the sheets scenario, issues, anchors, actors, stances and what-ifs)", ps.name)
			}
			continue
		}
		sec, err := b.table(sheet, ps.cols)
		if err != nil {
			return nil, err
		}
		if ps.name == "scenario" {
			for k := range sec.rows {
				if i, ok := sec.t.idx["date"]; ok {
					b.fixDate(sheet, &sec.rows[k].cells[i])
				}
			}
		}
		secs[ps.name] = sec
	}
	word := func(name string) string {
		if sh, ok := b.sheets[name]; ok {
			return "sheet " + sh
		}
		return "sheet " + name
	}
	base, err := parleyFromSections(file, secs, word)
	if err != nil {
		return nil, err
	}
	list := []*model.Scenario{base}
	if sheet, ok := b.sheets[whatIfSheet]; ok {
		wis, err := b.readWhatIfs(sheet, base)
		if err != nil {
			return nil, err
		}
		list = append(list, wis...)
	}
	return &Result{Scenarios: list}, nil
}

func (b *book) readWhatIfs(sheet string, base *model.Scenario) ([]*model.Scenario, error) {
	sec, err := b.table(sheet, whatIfCols)
	if err != nil {
		return nil, err
	}
	t := sec.t
	var list []*model.Scenario
	var locsOf []*locs
	byName := map[string]int{}
	firstRow := map[int]row{}
	var own []string
	for _, c := range whatIfCols[1:] {
		if c.field == "actor" {
			break
		}
		own = append(own, c.field) // the what-if's own fields, before the override's
	}
	for _, r := range sec.rows {
		if i, ok := t.idx["date"]; ok {
			b.fixDate(sheet, &r.cells[i])
		}
		nc := t.get(r, "name")
		if nc.text == "" {
			return nil, model.Invalid(nc.where.String(), model.RuleRequired, "the what-if's name is empty")
		}
		k, seen := byName[nc.text]
		if !seen {
			wi := &model.Scenario{}
			l := newLocs(&src{name: b.name})
			if err := parleyScenario(wi, t, r, l); err != nil {
				return nil, err
			}
			if err := checkSettings(wi.Settings, func(field string) place { return l.locate(ref{kind: "scenario", field: "settings." + field}) }); err != nil {
				return nil, err
			}
			// A what-if holds no actors or issues of its own: empty lists, as
			// Parley JSON writes them.
			wi.Base, wi.Issues, wi.Actors = base.Name, []model.Issue{}, []model.Actor{}
			k = len(list)
			byName[nc.text] = k
			list, locsOf, firstRow[k] = append(list, wi), append(locsOf, l), r
		} else {
			for _, f := range own {
				if c, c0 := t.get(r, f), t.get(firstRow[k], f); c.text != "" && c.text != c0.text {
					return nil, model.Invalid(c.where.String(), RuleOneWhatIf, "what-if %s has its %s on its first row (%s): leave it empty here or give the same value", quoteName(nc.text), t.header.cells[t.idx[f]].text, c0.where)
				}
			}
		}
		wi := list[k]
		ac, ic, fc, vc := t.get(r, "actor"), t.get(r, "issue"), t.get(r, "field"), t.get(r, "value")
		if ac.text == "" && ic.text == "" && fc.text == "" && vc.text == "" {
			continue // a row that only names the what-if
		}
		if ac.text == "" {
			return nil, model.Invalid(ac.where.String(), model.RuleRequired, "what-if %s: the override's actor is empty", quoteName(wi.Name))
		}
		v, err := number(vc, what{field: "override value", actor: ac.text})
		if err != nil {
			return nil, err
		}
		j := len(wi.Overrides)
		wi.Overrides = append(wi.Overrides, model.Override{Actor: ac.text, Issue: ic.text, Field: strings.ToLower(fc.text), Value: v, Rationale: t.get(r, "rationale").text})
		locsOf[k].row(ref{kind: "override", i: j}, t, r)
	}
	all := append([]*model.Scenario{base}, list...)
	err = checkFile(all, true, func(k int) locator {
		if k == 0 {
			return func(ref) place { return b.sheetPlace(b.sheets["scenario"]) }
		}
		return locsOf[k-1].locate
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// Column headers of the plain actor × issue sheet besides the issue pairs.
var plainCols = []colSpec{
	{name: "Actor", aliases: []string{"Stakeholder", "Name"}, field: "name", required: true},
	{name: "Capability", aliases: []string{"Resources", "Power", "Influence", "Clout"}, field: "capability", required: true},
	{name: "Label", field: "label"},
	{name: "Group", aliases: []string{"Bloc"}, field: "group"},
	{name: "Notes", aliases: []string{"Description"}, field: "notes"},
}

// statusQuoRow names the optional row that gives each issue's status quo.
const statusQuoRow = "status quo"

// readPlain reads the actor × issue sheet an analyst keeps: one row per
// actor, columns Actor and Capability, then "<issue> Position" and
// "<issue> Salience" for each issue (see the package documentation).
func (b *book) readPlain(sheet string) (*Result, error) {
	rows, err := b.rows(sheet)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, model.Invalid(b.at(sheet, 1, 1).String(), model.RuleRequired, "sheet %s is empty: expected a header row Actor, Capability, <issue> Position, <issue> Salience, …", sheet)
	}
	hdr := rows[0]
	fixed := map[string]int{}
	type pair struct {
		name     string
		pos, sal int // column indexes, -1 = not yet seen
	}
	var issues []*pair
	byIssue := map[string]*pair{}
	for j, c := range hdr.cells {
		if c.text == "" {
			continue
		}
		known := false
		for _, spec := range plainCols {
			if matchCol(c.text, spec) {
				if _, dup := fixed[spec.field]; dup {
					return nil, model.Invalid(c.where.String(), RuleKnownColumn, "column %q appears twice in sheet %s", c.text, sheet)
				}
				fixed[spec.field], known = j, true
			}
		}
		if known {
			continue
		}
		lower := strings.ToLower(c.text)
		var issue string
		isPos := false
		switch {
		case strings.HasSuffix(lower, " position"):
			issue, isPos = strings.TrimSpace(c.text[:len(c.text)-len(" position")]), true
		case strings.HasSuffix(lower, " salience"):
			issue = strings.TrimSpace(c.text[:len(c.text)-len(" salience")])
		default:
			return nil, model.Invalid(c.where.String(), RuleKnownColumn,
				"unknown column %q in sheet %s: an actor × issue sheet has the columns Actor, Capability, Label, Group, Notes and, per issue, \"<issue> Position\" and \"<issue> Salience\"", cutRunes(c.text, 40), sheet)
		}
		p := byIssue[strings.ToLower(issue)]
		if p == nil {
			p = &pair{name: issue, pos: -1, sal: -1}
			byIssue[strings.ToLower(issue)] = p
			issues = append(issues, p)
		}
		col := &p.sal
		if isPos {
			col = &p.pos
		}
		if *col >= 0 {
			return nil, model.Invalid(c.where.String(), RuleKnownColumn, "column %q appears twice in sheet %s", c.text, sheet)
		}
		*col = j
	}
	for _, spec := range plainCols {
		if _, ok := fixed[spec.field]; spec.required && !ok {
			return nil, model.Invalid(hdr.where.String(), model.RuleRequired, "sheet %s needs a column %q", sheet, spec.name)
		}
	}
	if len(issues) == 0 {
		return nil, model.Invalid(hdr.end.String(), RuleDimensions, "sheet %s has no issue: add the columns \"<issue> Position\" and \"<issue> Salience\"", sheet)
	}
	for _, p := range issues {
		if p.pos < 0 || p.sal < 0 {
			have, miss := "Salience", "Position"
			at := p.sal
			if p.sal < 0 {
				have, miss, at = "Position", "Salience", p.pos
			}
			return nil, model.Invalid(hdr.cells[at].where.String(), RuleIssueColumn, "issue %s has a %s column but no %q column", quoteName(p.name), have, p.name+" "+miss)
		}
	}
	names := make([]string, len(issues))
	for k, p := range issues {
		names[k] = p.name
	}
	keys := uniqueKeys(names)
	sc := &model.Scenario{Name: (&src{name: b.name}).base()}
	issueAt := make([]map[string]cell, len(issues))
	for k, p := range issues {
		sc.Issues = append(sc.Issues, model.Issue{Key: keys[k], Name: p.name})
		h := hdr.cells[p.pos]
		issueAt[k] = map[string]cell{"name": h, "key": h}
	}
	l := newLocs(&src{name: b.name})
	width := len(hdr.cells)
	get := func(r row, j int) cell { return r.cells[j] }
	type actorRow struct {
		r        row
		pos, sal []cell
	}
	var data []actorRow
	sqSeen := false
	for _, r := range rows[1:] {
		r = b.pad(sheet, r, width)
		if len(r.cells) > width {
			for j := width; j < len(r.cells); j++ {
				if r.cells[j].text != "" {
					return nil, model.Invalid(r.cells[j].where.String(), RuleFieldCount, "this cell of sheet %s lies right of the last column with a header", sheet)
				}
			}
		}
		nc := get(r, fixed["name"])
		if strings.EqualFold(nc.text, statusQuoRow) {
			if sqSeen {
				return nil, model.Invalid(nc.where.String(), model.RuleUnique, "a second %q row", nc.text)
			}
			sqSeen = true
			for k, p := range issues {
				c := get(r, p.pos)
				if c.text == "" {
					continue
				}
				v, err := number(c, what{field: "status quo", issue: p.name})
				if err != nil {
					return nil, err
				}
				sc.Issues[k].StatusQuo = v
				issueAt[k]["status_quo"] = c
			}
			continue
		}
		if nc.text == "" {
			return nil, model.Invalid(nc.where.String(), model.RuleRequired, "the actor's name is empty")
		}
		if len(sc.Actors) == model.MaxActors {
			return nil, model.Invalid(nc.where.String(), model.RuleMaxActors, "more than %d actors; Parley handles at most %d", model.MaxActors, model.MaxActors)
		}
		a := model.Actor{Name: nc.text, Stances: map[string]model.Stance{}}
		opt := func(field string) cell {
			if j, ok := fixed[field]; ok {
				return get(r, j)
			}
			return cell{where: r.where}
		}
		a.Label, a.Group, a.Notes = opt("label").text, opt("group").text, opt("notes").text
		if a.Capability, err = number(opt("capability"), what{field: "capability", actor: a.Name}); err != nil {
			return nil, err
		}
		ar := actorRow{r: r}
		for k, p := range issues {
			pc, scell := get(r, p.pos), get(r, p.sal)
			ar.pos = append(ar.pos, pc)
			if pc.text == "" && scell.text == "" {
				ar.sal = append(ar.sal, scell)
				continue // both cells empty: the stance is unset (left out of the models)
			}
			var st model.Stance
			if st.Position, err = number(pc, what{field: "position", actor: a.Name, issue: p.name}); err != nil {
				return nil, err
			}
			if st.Salience, err = number(scell, what{field: "salience", actor: a.Name, issue: p.name}); err != nil {
				return nil, err
			}
			a.Stances[keys[k]] = st
			ar.sal = append(ar.sal, scell)
			l.cells(ref{kind: "stance", i: len(sc.Actors), key: keys[k]}, pc.where, map[string]cell{"position": pc, "salience": scell})
		}
		l.cells(ref{kind: "actor", i: len(sc.Actors)}, nc.where, map[string]cell{"name": nc, "label": opt("label"), "capability": opt("capability")})
		sc.Actors = append(sc.Actors, a)
		data = append(data, ar)
	}
	if len(sc.Actors) == 0 {
		return nil, model.Invalid(hdr.end.String(), model.RuleRequired, "sheet %s has a header but no actors", sheet)
	}
	// Saliences kept as fractions (a cell formatted as 30 % stores 0.3): when
	// no salience on the sheet is above 1, all are read as 0-1 and multiplied by 100.
	var warn []string
	small := true
	for _, a := range sc.Actors {
		for _, st := range a.Stances {
			small = small && st.Salience <= 1
		}
	}
	if small {
		for i, d := range data {
			for k := range issues {
				if _, set := sc.Actors[i].Stances[keys[k]]; !set {
					continue
				}
				v, err := times100(d.sal[k], what{field: "salience"})
				if err != nil {
					return nil, err
				}
				st := sc.Actors[i].Stances[keys[k]]
				st.Salience = v
				sc.Actors[i].Stances[keys[k]] = st
			}
		}
		warn = append(warn, b.sheetPlace(sheet).String()+": saliences were on a 0-1 scale (none above 1) and were multiplied by 100.")
	}
	// A column of positions outside 0-100 is refused at its first such cell
	// unless the analyst chose the file's own scale; with that choice every
	// issue's positions (and status quo) are mapped from their [min, max].
	for k, p := range issues {
		lo, hi := math.Inf(1), math.Inf(-1)
		var first *cell
		for i, d := range data {
			st, set := sc.Actors[i].Stances[keys[k]]
			if !set {
				continue
			}
			lo, hi = math.Min(lo, st.Position), math.Max(hi, st.Position)
			if first == nil && (st.Position < model.ScaleMin || st.Position > model.ScaleMax) {
				c := d.pos[k]
				first = &c
			}
		}
		switch {
		case first != nil && !b.ownScale:
			return nil, model.Invalid(first.where.String(), RuleOwnScaleChoice,
				"position %s of issue %s is outside 0-100: correct it, or read the column on the file's own scale (\"use the file's own scale\" in the import preview, --rescale in parley-cli)",
				first.text, quoteName(p.name))
		case (first != nil || b.ownScale) && hi > lo:
			is := &sc.Issues[k]
			is.Scale = &model.IssueScale{Lo: lo, Hi: hi}
			for i := range sc.Actors {
				if st, set := sc.Actors[i].Stances[keys[k]]; set {
					st.Position = math.Min(100, math.Max(0, fromShown(is, st.Position)))
					sc.Actors[i].Stances[keys[k]] = st
				}
			}
			if _, ok := issueAt[k]["status_quo"]; ok {
				is.StatusQuo = math.Min(100, math.Max(0, fromShown(is, is.StatusQuo)))
			}
			warn = append(warn, fmt.Sprintf("%s: issue %s is on the file's own scale, %g-%g: it keeps it (shown and exported on it, modelled on 0-100).", hdr.cells[p.pos].where, quoteName(p.name), lo, hi))
		}
	}
	labels := make([]string, len(sc.Actors))
	for i, a := range sc.Actors {
		labels[i] = a.Name
	}
	derived := deriveLabels(labels)
	for i := range sc.Actors {
		if sc.Actors[i].Label == "" {
			sc.Actors[i].Label = derived[i]
		}
	}
	sc.Notes = fmt.Sprintf("Imported from sheet %s of %s.", sheet, (&src{name: b.name}).base())
	for k, p := range issues {
		l.cells(ref{kind: "issue", i: k}, hdr.cells[p.pos].where, issueAt[k])
	}
	l.cells(ref{kind: "scenario"}, hdr.where, nil)
	if err := checkScenario(sc, l.locate); err != nil {
		return nil, err
	}
	return &Result{Scenarios: []*model.Scenario{sc}, Warnings: warn}, nil
}

// sheetWriter writes rows of cells, refusing text a cell cannot hold.
type sheetWriter struct {
	f     *excelize.File
	scen  string
	sheet string
	line  int
	err   error
}

func (w *sheetWriter) put(vals ...any) {
	if w.err != nil {
		return
	}
	w.line++
	for j, v := range vals {
		if s, ok := v.(string); ok {
			s = cellEscape(s)
			vals[j] = s
			if len(utf16.Encode([]rune(s))) > xlsxCellMaxRune {
				c, _ := excelize.CoordinatesToCellName(j+1, w.line)
				w.err = model.Invalid(fmt.Sprintf("scenario %q: sheet %s, cell %s", w.scen, w.sheet, c), RuleCellLength,
					"the text has %d characters; a spreadsheet cell holds at most %d", runeLen(s), xlsxCellMaxRune)
				return
			}
			if s == "" {
				vals[j] = nil
			}
		}
	}
	// Numbers are written with every digit (a spreadsheet's own writer keeps
	// 15 and would change 4.444444444444445): SetCellDefault stores the text
	// as the cell's number.
	exact := map[int]string{}
	for j, v := range vals {
		if x, ok := v.(float64); ok {
			exact[j], vals[j] = formatNum(x), nil
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.line)
	err := w.f.SetSheetRow(w.sheet, cell, &vals)
	for j, text := range exact {
		if err == nil {
			c, _ := excelize.CoordinatesToCellName(j+1, w.line)
			err = w.f.SetCellDefault(w.sheet, c, text)
		}
	}
	if err != nil {
		w.err = &model.Error{Code: model.EINTERNAL, Message: "cannot write the workbook", Err: err}
	}
}

// cellEscape writes text the way spreadsheets store what XML cannot hold:
// a control character (or U+FFFE, U+FFFF) as _xHHHH_, and a literal
// "_xHHHH_" with its underscore escaped (_x005F_), so that reading the cell
// (which undoes both) gives the text back.
func cellEscape(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '_' || xmlUnsafe(r) }) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case xmlUnsafe(r):
			fmt.Fprintf(&b, "_x%04X_", r)
		case r == '_' && escapeLike(s[i:]):
			b.WriteString("_x005F_")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlUnsafe(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}

// escapeLike reports whether s starts like an escape: _x followed by four hex digits and _.
func escapeLike(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// header writes a bold, frozen header row.
func (w *sheetWriter) header(bold int, names ...string) {
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = n
	}
	w.put(vals...)
	if w.err != nil {
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(names), 1)
	_ = w.f.SetCellStyle(w.sheet, "A1", last, bold)
	_ = w.f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	end, _ := excelize.ColumnNumberToName(len(names))
	_ = w.f.SetColWidth(w.sheet, "A", end, 16)
}

func colHeaders(spec []colSpec) []string {
	h := make([]string, len(spec))
	for i, c := range spec {
		h[i] = c.name
	}
	return h
}

func num(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// writeXLSX writes s and its what-ifs as a Parley workbook: the sheets
// scenario, issues, anchors, actors, stances and what-ifs.
func writeXLSX(out io.Writer, s *model.Scenario, whatIfs []*model.Scenario) ([]string, error) {
	all := append([]*model.Scenario{s}, whatIfs...)
	if err := checkFile(all, true, func(k int) locator {
		return func(r ref) place {
			name := fmt.Sprintf("scenario %q", all[k].Name)
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
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the workbook", Err: err}
	}
	rng := func(r *model.Range) (any, any) {
		if r == nil {
			return nil, nil
		}
		return r.Low, r.High
	}
	var sheets []*sheetWriter
	sheet := func(name string, spec []colSpec) *sheetWriter {
		if len(sheets) == 0 {
			_ = f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			return &sheetWriter{err: &model.Error{Code: model.EINTERNAL, Message: "cannot write the workbook", Err: err}}
		}
		w := &sheetWriter{f: f, scen: s.Name, sheet: name}
		w.header(bold, colHeaders(spec)...)
		sheets = append(sheets, w)
		return w
	}
	spec := func(name string) []colSpec {
		for _, ps := range parleySections {
			if ps.name == name {
				return ps.cols
			}
		}
		return nil
	}
	settings := func(st model.Settings) []any {
		out := []any{st.BDMRounds, st.BDMQ, st.BlocTol, st.Quota, st.Spread, st.Draws, st.Seed}
		for _, c := range moreSettingsCells(st)[2:] {
			out = append(out, c) // the SMP's options by KTAB name
		}
		return out
	}
	w := sheet("scenario", spec("scenario"))
	w.put(append([]any{s.Name, s.Description, s.Date, s.Notes}, settings(s.Settings)...)...)
	w = sheet("issues", spec("issues"))
	for _, is := range s.Issues {
		var lo, hi any
		unit := ""
		if is.Scale != nil {
			lo, hi, unit = is.Scale.Lo, is.Scale.Hi, is.Scale.Unit
		}
		w.put(is.Key, is.Name, is.Description, is.Shown(is.StatusQuo), is.Source, is.Rationale, lo, hi, unit)
	}
	w = sheet("anchors", spec("anchors"))
	for _, is := range s.Issues {
		for _, a := range is.Anchors {
			w.put(is.Key, is.Shown(a.At), a.Label)
		}
	}
	w = sheet("actors", spec("actors"))
	for _, a := range s.Actors {
		lo, hi := rng(a.CapabilityRange)
		w.put(a.Name, a.Label, a.Group, a.Color, num(a.Capability), lo, hi, a.Notes, a.Source, a.Rationale)
	}
	w = sheet("stances", spec("stances"))
	for _, a := range s.Actors {
		for k := range s.Issues {
			is := &s.Issues[k]
			st, ok := a.Stances[is.Key]
			if !ok {
				continue // an unset stance: no row
			}
			plo, phi := rng(shownRange(is, st.PositionRange))
			slo, shi := rng(st.SalienceRange)
			w.put(a.Name, is.Key, is.Shown(st.Position), plo, phi, st.Salience, slo, shi, st.Source, st.Rationale)
		}
	}
	if len(s.NoBargain) > 0 {
		w = sheet("no-bargaining", spec("no-bargaining"))
		for _, p := range s.NoBargain {
			w.put(p.A, p.B, p.Rationale)
		}
	}
	w = sheet(whatIfSheet, whatIfCols)
	for _, wi := range whatIfs {
		own := append([]any{wi.Name, wi.Description, wi.Date, wi.Notes}, settings(wi.Settings)...)
		if len(wi.Overrides) == 0 {
			w.put(own...)
		}
		for j, o := range wi.Overrides {
			if j > 0 {
				own = make([]any, len(own))
				own[0] = wi.Name
			}
			w.put(append(own, o.Actor, o.Issue, o.Field, o.Value, o.Rationale)...)
		}
	}
	for _, w := range sheets {
		if w.err != nil {
			return nil, w.err
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(out); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the workbook", Err: err}
	}
	var warn []string
	for _, a := range s.Actors {
		if a.Name != strings.TrimSpace(a.Name) {
			warn = append(warn, fmt.Sprintf("actor %q: spaces around the name are dropped when the workbook is read back", a.Name))
		}
	}
	return warn, nil
}
