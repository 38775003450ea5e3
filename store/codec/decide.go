package codec

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"parley/model"
)

// Decide is the input format of the Decide exchange-model tools
// (foarsitter/decide-exchange-model, foarsitter/equal-gain): one row per
// line, `;`- or tab-separated, fields quoted with ' or " or not at all:
//
//	#A;id;name[;...]                          an actor
//	#P;id;name[;description]                  an issue
//	#M;issue;value[;meaning]                  a point of the issue's scale (the smallest and largest set it)
//	#D;actor;issue;position;salience;power    a stance: position on the issue's scale, salience 0-1, power
//
// Other rows starting with # (#O title, #/ comment) are ignored.
const Decide Format = "decide"

// Rules quoted by the Decide reader.
const (
	RuleDecideRow   = "a Decide row is #A, #P, #M or #D"
	RuleOnePower    = "one power per actor"
	RuleDecideScale = "two different #M values per issue"
)

// decideTags are the row types the reader knows; any other "#..." row is a comment.
var decideTags = map[string]int{"#A": 2, "#P": 2, "#M": 3, "#D": 6} // least fields

// isDecide reports whether the first non-blank line is a Decide row.
func isDecide(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		t := strings.TrimSpace(string(line))
		if t == "" {
			continue
		}
		t = strings.TrimLeft(t, `'"`)
		if len(t) < 2 || t[0] != '#' {
			return false
		}
		switch t[1] {
		case 'A', 'P', 'M', 'D', 'O', '/':
			return len(t) == 2 || strings.ContainsAny(t[2:3], "'\";\t")
		}
		return false
	}
	return false
}

// cp1252 turns Windows-1252 text (what the Decide tools' spreadsheets write)
// into UTF-8, one character per byte, so lines and columns stay where they were.
func cp1252(data []byte) []byte {
	const hi = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"
	table := []rune(hi)
	var b bytes.Buffer
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(table[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.Bytes()
}

// decideRows splits s into rows of cells with their places. The separator is
// a tab when the first row holds one, else ';'.
func decideRows(s *src) ([]row, error) {
	sep := byte(';')
	var rows []row
	for l := range s.lines {
		start := s.lines[l]
		end := len(s.data)
		if l+1 < len(s.lines) {
			end = s.lines[l+1] - 1
		}
		line := s.data[start:end]
		if bytes.HasSuffix(line, []byte("\r")) {
			line = line[:len(line)-1]
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if len(rows) == 0 && bytes.IndexByte(line, '\t') >= 0 {
			sep = '\t'
		}
		rw := row{where: place{s: s, off: start}, end: place{s: s, off: start + len(line)}}
		i := 0
		for {
			// skip spaces before the field
			j := i
			for j < len(line) && (line[j] == ' ' || (line[j] == '\t' && sep != '\t')) {
				j++
			}
			var text string
			k := j
			if j < len(line) && (line[j] == '\'' || line[j] == '"') {
				q := line[j]
				var b strings.Builder
				k = j + 1
				closed := false
				for k < len(line) {
					if line[k] == q {
						if k+1 < len(line) && line[k+1] == q {
							b.WriteByte(q)
							k += 2
							continue
						}
						k++
						closed = true
						break
					}
					b.WriteByte(line[k])
					k++
				}
				if !closed {
					return nil, model.Invalid(place{s: s, off: start + j}.String(), RuleSyntax, "the quote %c that opens this field is not closed on its line", q)
				}
				text = b.String()
				for k < len(line) && line[k] != sep {
					k++ // text after the closing quote belongs to the field
				}
			} else {
				for k < len(line) && line[k] != sep {
					k++
				}
				text = string(line[j:k])
			}
			rw.cells = append(rw.cells, cell{text: strings.TrimSpace(text), where: place{s: s, off: start + j}})
			if k >= len(line) {
				break
			}
			i = k + 1
		}
		if rw.empty() {
			continue
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

// readDecide reads a Decide file into one scenario. Positions are mapped from
// each issue's #M scale onto Parley's 0-100 (x = (raw − lower)·100/(upper −
// lower), 0-100 when an issue has no #M rows) and the #M points become the
// issue's anchors; saliences on 0-1 are multiplied by 100; each actor's power
// is its capability, which must be the same on every row. A stance the file
// does not give is set at salience 0 (so it weighs nothing in any model and
// takes part in no exchange), at the issue's weighted mean, and a warning says
// so. Decide files have no status quo: it is set to the low end of the scale.
func readDecide(s *src) (*Result, error) {
	rows, err := decideRows(s)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, model.Invalid(s.name+":1:1", model.RuleRequired, "the file is empty: expected #A, #P, #M and #D rows")
	}
	type issue struct {
		id, name, desc cell
		marks          []cell // #M value cells
		labels         []string
		lo, hi         float64
		hasScale       bool
	}
	type actor struct {
		r        row
		id, name cell
		power    cell // first #D power cell
		pw       float64
		hasPower bool
	}
	type stance struct {
		r           row
		pos, sal    cell
		a, i        int
		x, salience float64
	}
	var title string
	var issues []*issue
	var actors []*actor
	var stances []*stance
	issueIdx, actorIdx := map[string]int{}, map[string]int{}
	seen := map[[2]int]*stance{}
	for _, r := range rows {
		tag := strings.ToUpper(r.cells[0].text)
		need, known := decideTags[tag]
		if !known {
			if strings.HasPrefix(tag, "#") {
				if tag == "#O" && title == "" && len(r.cells) > 1 {
					title = r.cells[1].text
				}
				continue
			}
			return nil, model.Invalid(r.cells[0].where.String(), RuleDecideRow, "a row starting %q; Decide rows start with #A (actor), #P (issue), #M (scale point) or #D (stance)", cutRunes(r.cells[0].text, 20))
		}
		if len(r.cells) < need {
			return nil, model.Invalid(r.end.String(), RuleFieldCount, "a %s row needs at least %d fields, this one has %d", tag, need, len(r.cells))
		}
		c := r.cells
		get := func(k int) cell {
			if k < len(c) {
				return c[k]
			}
			return cell{where: r.end}
		}
		switch tag {
		case "#A":
			if c[1].text == "" {
				return nil, model.Invalid(c[1].where.String(), model.RuleRequired, "the actor's id is empty")
			}
			if k, dup := actorIdx[c[1].text]; dup {
				return nil, model.Invalid(c[1].where.String(), model.RuleUnique, "a second actor %q (the first is at %s)", c[1].text, actors[k].id.where)
			}
			actorIdx[c[1].text] = len(actors)
			actors = append(actors, &actor{r: r, id: c[1], name: get(2)})
		case "#P":
			if c[1].text == "" {
				return nil, model.Invalid(c[1].where.String(), model.RuleRequired, "the issue's id is empty")
			}
			if k, dup := issueIdx[c[1].text]; dup {
				return nil, model.Invalid(c[1].where.String(), model.RuleUnique, "a second issue %q (the first is at %s)", c[1].text, issues[k].id.where)
			}
			issueIdx[c[1].text] = len(issues)
			issues = append(issues, &issue{id: c[1], name: get(2), desc: get(3)})
		case "#M":
			k, ok := issueIdx[c[1].text]
			if !ok {
				return nil, model.Invalid(c[1].where.String(), model.RuleKnownIssue, "a scale point of issue %q, which no #P row above names", cutRunes(c[1].text, 40))
			}
			is := issues[k]
			v, err := number(c[2], what{field: "scale point", issue: is.id.text})
			if err != nil {
				return nil, err
			}
			if !is.hasScale {
				is.lo, is.hi, is.hasScale = v, v, true
			}
			is.lo, is.hi = math.Min(is.lo, v), math.Max(is.hi, v)
			is.marks = append(is.marks, c[2])
			is.labels = append(is.labels, get(3).text)
		case "#D":
			a, ok := actorIdx[c[1].text]
			if !ok {
				return nil, model.Invalid(c[1].where.String(), RuleKnownActor, "a stance of actor %q, which no #A row above names", cutRunes(c[1].text, 40))
			}
			i, ok := issueIdx[c[2].text]
			if !ok {
				return nil, model.Invalid(c[2].where.String(), model.RuleKnownIssue, "a stance on issue %q, which no #P row above names", cutRunes(c[2].text, 40))
			}
			if o, dup := seen[[2]int{a, i}]; dup {
				return nil, model.Invalid(r.where.String(), model.RuleUnique, "a second stance of %q on %q (the first is at %s)", c[1].text, c[2].text, o.r.where)
			}
			st := &stance{r: r, pos: c[3], sal: c[4], a: a, i: i}
			var err error
			w := what{actor: c[1].text, issue: c[2].text}
			w.field = "position"
			if st.x, err = number(c[3], w); err != nil {
				return nil, err
			}
			w.field = "salience"
			if st.salience, err = number(c[4], w); err != nil {
				return nil, err
			}
			w.field = "power"
			p, err := number(c[5], w)
			if err != nil {
				return nil, err
			}
			ac := actors[a]
			if !ac.hasPower {
				ac.power, ac.pw, ac.hasPower = c[5], p, true
			} else if p != ac.pw {
				return nil, model.Invalid(c[5].where.String(), RuleOnePower,
					"%q has power %g here but %g at %s; Parley gives each actor one capability on every issue", c[1].text, p, ac.pw, ac.power.where)
			}
			stances = append(stances, st)
			seen[[2]int{a, i}] = st
		}
	}
	if len(actors) == 0 {
		return nil, model.Invalid(s.name, model.RuleRequired, "the file has no #A (actor) rows")
	}
	if len(issues) == 0 {
		return nil, model.Invalid(s.name, model.RuleRequired, "the file has no #P (issue) rows")
	}
	for _, is := range issues {
		if !is.hasScale {
			is.lo, is.hi = 0, 100
		} else if !(is.hi > is.lo) {
			return nil, model.Invalid(is.marks[0].where.String(), RuleDecideScale, "issue %q has one scale value (%g); its #M rows must give the lowest and the highest point", is.id.text, is.lo)
		}
	}
	salScale100 := false
	for _, st := range stances {
		if st.salience > 1 {
			salScale100 = true
		}
	}
	var warn, notes []string
	notes = append(notes, fmt.Sprintf("Imported from the Decide file %s.", s.base()))
	for _, st := range stances {
		is := issues[st.i]
		if st.x < is.lo || st.x > is.hi {
			return nil, model.Invalid(st.pos.where.String(), model.RuleScale, "position %g of %q on %q lies outside the issue's scale %g-%g (its #M rows)", st.x, actors[st.a].id.text, is.id.text, is.lo, is.hi)
		}
		if st.salience < 0 || st.salience > 100 {
			return nil, model.Invalid(st.sal.where.String(), model.RuleScale, "salience %g of %q on %q is outside 0-1", st.salience, actors[st.a].id.text, is.id.text)
		}
		st.x = (st.x - is.lo) * (100 / (is.hi - is.lo))
		if !salScale100 {
			v, err := times100(st.sal, what{field: "salience"})
			if err != nil {
				return nil, err
			}
			st.salience = v
		}
	}
	if !salScale100 {
		notes = append(notes, "Saliences were on Decide's 0-1 scale and were multiplied by 100.")
	} else {
		m := "Some saliences are above 1: the file's saliences were read on a 0-100 scale."
		warn, notes = append(warn, m), append(notes, m)
	}

	l := newLocs(s)
	sc := &model.Scenario{Name: s.base(), Description: title}
	ids := make([]string, len(issues))
	for k, is := range issues {
		ids[k] = is.id.text
	}
	keys := uniqueKeys(ids)
	for k, is := range issues {
		iss := model.Issue{Key: keys[k], Name: is.id.text, StatusQuo: 0}
		desc := is.desc.text
		if desc == "" && is.name.text != is.id.text {
			desc = is.name.text
		}
		if desc != is.id.text {
			iss.Description = desc
		}
		for j, mc := range is.marks {
			v, _ := number(mc, what{})
			at := (v - is.lo) * (100 / (is.hi - is.lo))
			lab := is.labels[j]
			if lab == "" {
				lab = mc.text
			}
			iss.Anchors = append(iss.Anchors, model.Anchor{At: at, Label: strings.TrimSpace(cutRunes(lab, 200))})
		}
		if is.hasScale && (is.lo != 0 || is.hi != 100) {
			iss.Scale = &model.IssueScale{Lo: is.lo, Hi: is.hi}
			m := fmt.Sprintf("Issue %q runs from %g to %g in the file (its #M rows): it keeps that scale, on which it is shown and exported.", is.id.text, is.lo, is.hi)
			warn, notes = append(warn, m), append(notes, m)
		}
		sc.Issues = append(sc.Issues, iss)
		l.cells(ref{kind: "issue", i: k}, is.id.where, map[string]cell{"key": is.id, "name": is.id})
	}
	names := make([]string, len(actors))
	for k, a := range actors {
		names[k] = a.id.text
	}
	labels := deriveLabels(names)
	for k, a := range actors {
		ac := model.Actor{Name: a.id.text, Label: labels[k], Capability: a.pw, Stances: map[string]model.Stance{}}
		if a.name.text != "" && a.name.text != a.id.text {
			ac.Notes = a.name.text
		}
		sc.Actors = append(sc.Actors, ac)
		fields := map[string]cell{"name": a.id}
		if a.hasPower {
			fields["capability"] = a.power
		}
		l.cells(ref{kind: "actor", i: k}, a.id.where, fields)
	}
	for _, st := range stances {
		sc.Actors[st.a].Stances[sc.Issues[st.i].Key] = model.Stance{Position: st.x, Salience: st.salience}
		l.cells(ref{kind: "stance", i: st.a, key: sc.Issues[st.i].Key}, st.r.where, map[string]cell{"position": st.pos, "salience": st.sal})
	}
	missing := 0
	for i := range sc.Issues {
		key := sc.Issues[i].Key
		var num, den float64
		for _, a := range sc.Actors {
			if st, ok := a.Stances[key]; ok {
				num += a.Capability * st.Salience * st.Position
				den += a.Capability * st.Salience
			}
		}
		mean := 50.0
		if den > 0 {
			mean = num / den
		}
		for k := range sc.Actors {
			if _, ok := sc.Actors[k].Stances[key]; !ok {
				sc.Actors[k].Stances[key] = model.Stance{Position: mean, Salience: 0,
					Rationale: "not in the Decide file: salience 0, at the issue's weighted mean"}
				missing++
			}
		}
	}
	if missing > 0 {
		m := fmt.Sprintf("%d stance(s) are not in the file; they were set at salience 0 (no weight in any model, no part in any exchange), at the issue's weighted mean.", missing)
		warn, notes = append(warn, m), append(notes, m)
	}
	notes = append(notes, "Decide files have no status quo; every issue's was set to 0.")
	sc.Notes = strings.Join(notes, " ")
	l.cells(ref{kind: "scenario"}, rows[0].where, nil)
	if err := checkScenario(sc, l.locate); err != nil {
		return nil, err
	}
	return &Result{Scenarios: []*model.Scenario{sc}, Warnings: warn}, nil
}

// decideText returns data as UTF-8: unchanged when it is, read as
// Windows-1252 when it is not but looks like a Decide file (with a warning).
func decideText(data []byte) ([]byte, string) {
	if utf8.Valid(data) || !isDecide(data) {
		return data, ""
	}
	return cp1252(data), "The file is not UTF-8; it was read as Windows-1252 text, as the Decide tools' spreadsheets write it."
}
