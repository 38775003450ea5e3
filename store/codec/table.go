package codec

import (
	"strings"

	"parley/model"
)

// colSpec is one column a CSV table may have.
type colSpec struct {
	name     string   // as Parley writes it
	aliases  []string // other spellings accepted on read (compared case-insensitively)
	field    string   // the ref field it fills ("capability", "position_range.low")
	required bool
}

// table maps a header row onto column specs.
type table struct {
	what   string // "[actors]", "the simple table"
	header row
	idx    map[string]int // field → index of its cell in each row
}

// newTable reads a header: every column must be known, none twice, all required present.
func newTable(what string, header row, spec []colSpec) (*table, error) {
	t := &table{what: what, header: header, idx: map[string]int{}}
	header = header.trimTrailing(0)
	t.header = header
	for i, c := range header.cells {
		var found *colSpec
		for k := range spec {
			if matchCol(c.text, spec[k]) {
				found = &spec[k]
				break
			}
		}
		if found == nil {
			return nil, model.Invalid(c.where.String(), RuleKnownColumn, "unknown column %q in %s; the columns are %s", cutRunes(c.text, 40), what, colNames(spec))
		}
		if _, dup := t.idx[found.field]; dup {
			return nil, model.Invalid(c.where.String(), RuleKnownColumn, "column %q appears twice in %s", c.text, what)
		}
		t.idx[found.field] = i
	}
	for _, c := range spec {
		if _, ok := t.idx[c.field]; c.required && !ok {
			return nil, model.Invalid(header.where.String(), model.RuleRequired, "%s needs a column %q", what, c.name)
		}
	}
	return t, nil
}

func matchCol(h string, c colSpec) bool {
	if strings.EqualFold(h, c.name) {
		return true
	}
	for _, a := range c.aliases {
		if strings.EqualFold(h, a) {
			return true
		}
	}
	return false
}

func colNames(spec []colSpec) string {
	n := make([]string, len(spec))
	for i, c := range spec {
		n[i] = c.name
	}
	return strings.Join(n, ", ")
}

// fit checks a data row's field count against the header (extra empty fields are fine).
func (t *table) fit(r row) (row, error) {
	n := len(t.header.cells)
	r = r.trimTrailing(n)
	if len(r.cells) > n {
		return r, model.Invalid(r.cells[n].where.String(), RuleFieldCount, "this row of %s has %d fields, its header %d", t.what, len(r.cells), n)
	}
	if len(r.cells) < n {
		return r, model.Invalid(r.end.String(), RuleFieldCount, "this row of %s has %d fields, its header %d (column %q is missing)", t.what, len(r.cells), n, t.header.cells[len(r.cells)].text)
	}
	return r, nil
}

// get returns the row's cell for field (an empty cell at the row's end when the column is absent).
func (t *table) get(r row, field string) cell {
	if i, ok := t.idx[field]; ok && i < len(r.cells) {
		return r.cells[i]
	}
	return cell{where: r.where}
}

// has reports whether the table has a column for field.
func (t *table) has(field string) bool {
	_, ok := t.idx[field]
	return ok
}

// locs records where each part of a scenario was read, for checkScenario:
// one entry per part (a row, an element), which knows where its fields are.
type locs struct {
	s *src
	m map[ref]entry // by ref without field
}

type entry struct {
	where place
	field func(string) (place, bool) // nil = no field known
}

func newLocs(s *src) *locs { return &locs{s: s, m: map[ref]entry{}} }

// row records a table row as the place of part r and of its columns.
func (l *locs) row(r ref, t *table, rw row) {
	l.m[r] = entry{where: rw.where, field: func(f string) (place, bool) {
		if i, ok := t.idx[f]; ok && i < len(rw.cells) {
			return rw.cells[i].where, true
		}
		return place{}, false
	}}
}

// cells records part r at where, with the given fields' places.
func (l *locs) cells(r ref, where place, fields map[string]cell) {
	l.m[r] = entry{where: where, field: func(f string) (place, bool) {
		c, ok := fields[f]
		return c.where, ok
	}}
}

// locate finds the recorded place of r, or of the part it belongs to.
func (l *locs) locate(r ref) place {
	field := r.field
	r.field = ""
	if e, ok := l.m[r]; ok {
		if field != "" && e.field != nil {
			if p, ok := e.field(field); ok {
				return p
			}
			if p, ok := e.field(field + ".low"); ok && strings.HasSuffix(field, "_range") {
				return p // a range as a whole: its low cell
			}
		}
		return e.where
	}
	switch r.kind {
	case "stance":
		return l.locate(ref{kind: "actor", i: r.i})
	case "anchor":
		return l.locate(ref{kind: "issue", i: r.i})
	case "file":
		return place{s: l.s, off: 0} // the file as a whole: its first line
	}
	return l.locate(ref{kind: "file"})
}

// rangeOf reads an optional low/high pair: both empty = no range.
func rangeOf(lo, hi cell, w what) (*model.Range, error) {
	wl, wh := w, w
	wl.field += " low"
	wh.field += " high"
	l, okL, err := optNumber(lo, wl)
	if err != nil {
		return nil, err
	}
	h, okH, err := optNumber(hi, wh)
	if err != nil {
		return nil, err
	}
	switch {
	case !okL && !okH:
		return nil, nil
	case !okL:
		return nil, model.Invalid(lo.where.String(), model.RuleRange, "%s has a high but no low: give both or neither", w)
	case !okH:
		return nil, model.Invalid(hi.where.String(), model.RuleRange, "%s has a low but no high: give both or neither", w)
	}
	return &model.Range{Low: l, High: h}, nil
}

// quoteName quotes a name for a message, cut to 40 characters ("…" marks a cut).
func quoteName(s string) string { return model.Quote(s) }

// colPlace is where a column's header sits ("file:1:9"), for a warning
// about the whole column.
func (t *table) colPlace(field string) string {
	if k, ok := t.idx[field]; ok && k < len(t.header.cells) {
		return t.header.cells[k].where.String()
	}
	return t.header.where.String()
}
