package codec

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"parley/model"
)

var ktabFixedCols = []colSpec{
	{name: "Actor", aliases: []string{"Name"}, field: "name"},
	{name: "Description", aliases: []string{"Desc"}, field: "notes"},
	{name: "Power", aliases: []string{"Influence", "Capability", "Clout", "Resources"}, field: "capability"},
}

const maxKTABDims = 1000

// isKTABHeader reports whether a record starts like KTAB's header line.
func isKTABHeader(fields []string) bool {
	if len(fields) < 5 {
		return false
	}
	for k, spec := range ktabFixedCols {
		if !matchCol(fields[k], spec) {
			return false
		}
	}
	return true
}

// readKTABCSV reads KTAB's SMP CSV: a first line <name>,<description>,<#actors>,<#dims>,
// a header Actor,Description,Power,<dim> Position,<dim> Salience,... and one row per actor.
// Surrounding spaces and quotes are trimmed, and trailing empty fields ignored.
func readKTABCSV(s *src) (*Result, error) {
	rows, err := csvRows(s, true)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, model.Invalid(s.name+":1:1", model.RuleRequired, "the file is empty: a KTAB CSV starts with <name>,<description>,<#actors>,<#dims>")
	}
	first := rows[0]
	if len(first.cells) < 4 {
		return nil, model.Invalid(first.end.String(), RuleFieldCount, "the first line has %d fields; KTAB's is <name>,<description>,<#actors>,<#dims>", len(first.cells))
	}
	nA, err := wholeCell(first.cells[2], "the number of actors")
	if err != nil {
		return nil, err
	}
	if nA < ktabMinActors || nA > ktabMaxActors {
		return nil, model.Invalid(first.cells[2].where.String(), RuleActorCount, "the first line declares %d actors; KTAB scenarios have 3 to 250", nA)
	}
	nD, err := wholeCell(first.cells[3], "the number of dimensions")
	if err != nil {
		return nil, err
	}
	if nD < 1 || nD > maxKTABDims {
		return nil, model.Invalid(first.cells[3].where.String(), RuleDimensions, "the first line declares %d dimensions; give 1 to %d", nD, maxKTABDims)
	}
	if nD > model.MaxIssues {
		return nil, model.Invalid(first.cells[3].where.String(), model.RuleMaxIssues, "the first line declares %d dimensions; Parley handles at most %d issues", nD, model.MaxIssues)
	}
	width := 3 + 2*nD
	if len(rows) < 2 {
		return nil, model.Invalid(first.end.String(), model.RuleRequired, "the header line (Actor,Description,Power,...) is missing")
	}
	header := rows[1].trimTrailing(width)
	if len(header.cells) != width {
		at := header.end
		if len(header.cells) > width {
			at = header.cells[width].where
		}
		return nil, model.Invalid(at.String(), RuleFieldCount, "the header has %d columns; with %d dimension(s) it needs %d: Actor, Description, Power, then a Position and a Salience column per dimension", len(header.cells), nD, width)
	}
	for k, spec := range ktabFixedCols {
		if c := header.cells[k]; !matchCol(c.text, spec) {
			return nil, model.Invalid(c.where.String(), RuleKnownColumn, "column %d is %q; KTAB's is %q", k+1, cutRunes(c.text, 40), spec.name)
		}
	}
	raw := &ktabRaw{name: first.cells[0], desc: first.cells[1], actorsAt: first.cells[2].where}
	for d := range nD {
		c := header.cells[3+2*d]
		c.text = dimName(c.text)
		raw.dims = append(raw.dims, c)
	}
	data := rows[2:]
	if len(data) != nA {
		if len(data) > nA {
			return nil, model.Invalid(data[nA].where.String(), RuleRowCount, "the first line declares %d actors but more rows follow", nA)
		}
		return nil, model.Invalid(first.cells[2].where.String(), RuleRowCount, "the first line declares %d actors but %d rows follow", nA, len(data))
	}
	for _, r := range data {
		r = r.trimTrailing(width)
		if len(r.cells) != width {
			at := r.end
			if len(r.cells) > width {
				at = r.cells[width].where
			}
			return nil, model.Invalid(at.String(), RuleFieldCount, "this row has %d fields; the header has %d", len(r.cells), width)
		}
		a := ktabActor{where: r.where, name: r.cells[0], desc: r.cells[1], capability: r.cells[2]}
		for d := range nD {
			a.pos = append(a.pos, r.cells[3+2*d])
			a.sal = append(a.sal, r.cells[4+2*d])
		}
		raw.actors = append(raw.actors, a)
	}
	sc, err := raw.build(s)
	if err != nil {
		return nil, err
	}
	return &Result{Scenarios: []*model.Scenario{sc}}, nil
}

// dimName takes a dimension's name from its position column ("XYZ Position" → "XYZ").
func dimName(h string) string {
	if len(h) > len("position") && strings.EqualFold(h[len(h)-len("position"):], "position") {
		if t := strings.TrimRightFunc(h[:len(h)-len("position")], unicode.IsSpace); t != "" {
			return t
		}
	}
	return h
}

func wholeCell(c cell, what string) (int, error) {
	if c.text == "" {
		return 0, model.Invalid(c.where.String(), model.RuleRequired, "%s is empty", what)
	}
	n, err := strconv.Atoi(c.text)
	if !isWholeNumber(c.text) || err != nil {
		return 0, model.Invalid(c.where.String(), RuleInteger, "%s %s is not a whole number", what, quoteName(c.text))
	}
	return n, nil
}

// ktabCSVClean makes text safe for KTAB's CSV reader, which splits on every
// comma and trims quotes: commas become semicolons, double quotes become
// apostrophes and control characters spaces.
func ktabCSVClean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ',':
			return ';'
		case r == '"':
			return '\''
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

func writeKTABCSV(w io.Writer, s *model.Scenario) ([]string, error) {
	o, err := ktabExport(s, ktabCSVClean)
	if err != nil {
		return nil, err
	}
	o.dims = uniqueDims(o.dims)
	bw := bufio.NewWriter(w)
	// Text cells are escaped against formula injection (inject.go), numbers not.
	fmt.Fprintf(bw, "%s,%s,%d,%d,\n", escapeCell(o.name), escapeCell(o.desc), len(o.actors), len(o.dims))
	bw.WriteString("Actor,Description,Power")
	for _, d := range o.dims {
		fmt.Fprintf(bw, ",%s,%s", escapeCell(d+" Position"), escapeCell(d+" Salience"))
	}
	bw.WriteString("\n")
	for _, a := range o.actors {
		fmt.Fprintf(bw, "%s,%s,%s", escapeCell(a.name), escapeCell(a.desc), formatNum(a.capability))
		for d := range o.dims {
			fmt.Fprintf(bw, ",%s,%s", formatNum(a.pos[d]), formatNum(a.sal[d]))
		}
		bw.WriteString("\n")
	}
	if err := bw.Flush(); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the KTAB CSV file", Err: err}
	}
	return o.warnings, nil
}

// uniqueDims numbers repeated dimension names (cleaning can make two equal),
// keeping each within model.MaxNameLen.
func uniqueDims(dims []string) []string {
	used := map[string]bool{}
	for d, n := range dims {
		for k := 2; used[dims[d]]; k++ {
			suf := " " + strconv.Itoa(k)
			dims[d] = strings.TrimSpace(cutRunes(n, model.MaxNameLen-len(suf))) + suf
		}
		used[dims[d]] = true
	}
	return dims
}
