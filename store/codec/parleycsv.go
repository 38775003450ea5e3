package codec

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"parley/model"
)

// parleyMarker is the first field of a Parley CSV file; the second is its version.
const (
	parleyMarker     = "Parley CSV"
	parleyCSVVersion = 1
)

// The sections of a Parley CSV file, in the order Parley writes them.
var parleySections = []struct {
	name string
	cols []colSpec
}{
	{"scenario", []colSpec{
		{name: "Name", field: "name", required: true},
		{name: "Description", field: "description"},
		{name: "Date", field: "date"},
		{name: "Notes", field: "notes"},
		{name: "BDM Rounds", field: "settings.bdm_rounds"},
		{name: "BDM Q", field: "settings.bdm_q"},
		{name: "Bloc Tolerance", field: "settings.bloc_tolerance"},
		{name: "Quota", field: "settings.quota"},
		{name: "Spread", field: "settings.spread"},
		{name: "Draws", field: "settings.draws"},
		{name: "Seed", field: "settings.seed"},
		{name: "VictoryProbModel", field: "settings.smp.victory_prob"},
		{name: "PCEModel", field: "settings.smp.pce"},
		{name: "VotingRule", field: "settings.smp.voting_rule"},
		{name: "BigRRange", field: "settings.smp.big_r_range"},
		{name: "BigRAdjust", field: "settings.smp.big_r_adjust"},
		{name: "ThirdPartyCommit", field: "settings.smp.third_party"},
	}},
	{"issues", []colSpec{
		{name: "Key", field: "key", required: true},
		{name: "Name", field: "name", required: true},
		{name: "Description", field: "description"},
		{name: "Status Quo", field: "status_quo", required: true},
		{name: "Source", field: "source"},
		{name: "Rationale", field: "rationale"},
		// An issue's own scale (model.IssueScale): when both ends are
		// given, the issue's status quo, anchors and positions in this
		// file are on that scale (years 4-10), not on Parley's 0-100.
		{name: "Scale Low", field: "scale.lo"},
		{name: "Scale High", field: "scale.hi"},
		{name: "Scale Unit", field: "scale.unit"},
	}},
	{"anchors", []colSpec{
		{name: "Issue", field: "issue", required: true},
		{name: "At", field: "at", required: true},
		{name: "Label", field: "label", required: true},
	}},
	{"actors", []colSpec{
		{name: "Name", field: "name", required: true},
		{name: "Label", field: "label"},
		{name: "Group", field: "group", aliases: []string{"Bloc"}},
		{name: "Colour", field: "color", aliases: []string{"Color"}},
		{name: "Capability", field: "capability", required: true},
		{name: "Capability Low", field: "capability_range.low"},
		{name: "Capability High", field: "capability_range.high"},
		{name: "Notes", field: "notes"},
		{name: "Source", field: "source"},
		{name: "Rationale", field: "rationale"},
	}},
	{"stances", []colSpec{
		{name: "Actor", field: "actor", required: true},
		{name: "Issue", field: "issue", required: true},
		{name: "Position", field: "position", required: true},
		{name: "Position Low", field: "position_range.low"},
		{name: "Position High", field: "position_range.high"},
		{name: "Salience", field: "salience", required: true},
		{name: "Salience Low", field: "salience_range.low"},
		{name: "Salience High", field: "salience_range.high"},
		{name: "Source", field: "source"},
		{name: "Rationale", field: "rationale"},
	}},
	// Pairs of actors who do not bargain directly (model.NoBargainPair).
	{"no-bargaining", []colSpec{
		{name: "Actor", field: "a", required: true},
		{name: "Other Actor", field: "b", required: true},
		{name: "Rationale", field: "rationale"},
	}},
}

// section is one [name] block of a Parley CSV file.
type section struct {
	marker row
	t      *table
	rows   []row
}

func sectionName(r row) (string, bool) {
	r = r.trimTrailing(1)
	if len(r.cells) != 1 {
		return "", false
	}
	t := r.cells[0].text
	if len(t) > 2 && t[0] == '[' && t[len(t)-1] == ']' {
		return strings.ToLower(strings.TrimSpace(t[1 : len(t)-1])), true
	}
	return "", false
}

// readParleyCSV reads Parley's sectioned CSV (see the package documentation).
func readParleyCSV(s *src) (*Result, error) {
	rows, err := csvRows(s, false)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || !strings.EqualFold(rows[0].cells[0].text, parleyMarker) {
		where := place{s: s, off: 0}
		if len(rows) > 0 {
			where = rows[0].where
		}
		return nil, model.Invalid(where.String(), model.RuleRequired, "a Parley CSV file starts with the line %q", parleyMarker+",1")
	}
	first := rows[0].trimTrailing(2)
	if len(first.cells) != 2 || !isWholeNumber(first.cells[1].text) {
		return nil, model.Invalid(first.end.String(), RuleVersion, "the first line must be %q: the format's version is missing", parleyMarker+",1")
	}
	if v, _ := strconv.Atoi(first.cells[1].text); v > parleyCSVVersion {
		return nil, &model.Error{Code: model.EVERSION, Where: first.cells[1].where.String(), Rule: RuleVersion,
			Message: fmt.Sprintf("the file was written by a newer Parley (Parley CSV version %d; this Parley reads up to %d): update Parley to open it", v, parleyCSVVersion)}
	} else if v < 1 {
		return nil, model.Invalid(first.cells[1].where.String(), RuleVersion, "the Parley CSV version must be 1 or more, not %d", v)
	}

	secs := map[string]*section{}
	var cur *section
	for k := 1; k < len(rows); k++ {
		r := rows[k]
		name, isMarker := sectionName(r)
		if !isMarker {
			if cur == nil {
				return nil, model.Invalid(r.where.String(), RuleKnownSection, "expected a section line such as [scenario] before the data")
			}
			rr, err := cur.t.fit(r)
			if err != nil {
				return nil, err
			}
			cur.rows = append(cur.rows, rr)
			continue
		}
		var spec []colSpec
		for _, ps := range parleySections {
			if ps.name == name {
				spec = ps.cols
			}
		}
		if spec == nil {
			return nil, model.Invalid(r.where.String(), RuleKnownSection, "unknown section [%s]; the sections are [scenario], [issues], [anchors], [actors], [stances], [no-bargaining]", cutRunes(name, 40))
		}
		if prev, dup := secs[name]; dup {
			return nil, model.Invalid(r.where.String(), RuleKnownSection, "section [%s] appears twice (first at %s)", name, prev.marker.where)
		}
		if k+1 >= len(rows) {
			return nil, model.Invalid(r.end.String(), model.RuleRequired, "section [%s] needs a header line", name)
		}
		if _, m := sectionName(rows[k+1]); m {
			return nil, model.Invalid(rows[k+1].where.String(), model.RuleRequired, "section [%s] needs a header line before the next section", name)
		}
		t, err := newTable("["+name+"]", rows[k+1], spec)
		if err != nil {
			return nil, err
		}
		k++
		cur = &section{marker: r, t: t}
		secs[name] = cur
	}
	if secs["scenario"] == nil {
		return nil, model.Invalid(place{s: s, off: s.lineStart(2)}.String(), model.RuleRequired, "the [scenario] section is missing: it follows the first line")
	}
	sc, err := parleyFromSections(s, secs, func(name string) string { return "[" + name + "]" })
	if err != nil {
		return nil, err
	}
	return &Result{Scenarios: []*model.Scenario{sc}}, nil
}

// parleyFromSections builds one scenario from the sections of a Parley CSV
// file or the sheets of a Parley .xlsx workbook (secs["scenario"] is set);
// word names a section in messages ("[issues]", "sheet issues").
func parleyFromSections(s *src, secs map[string]*section, word func(name string) string) (*model.Scenario, error) {
	l := newLocs(s)
	sc := &model.Scenario{}
	sec := secs["scenario"]
	if sec == nil {
		return nil, model.Invalid(s.name+": "+word("scenario"), model.RuleRequired, "the %s is missing", word("scenario"))
	}
	if len(sec.rows) != 1 {
		where := sec.marker.end
		if len(sec.rows) > 1 {
			where = sec.rows[1].where
		}
		return nil, model.Invalid(where.String(), RuleRowCount, "%s holds exactly one row, not %d", word("scenario"), len(sec.rows))
	}
	if err := parleyScenario(sc, sec.t, sec.rows[0], l); err != nil {
		return nil, err
	}
	if sec := secs["issues"]; sec != nil {
		for i, r := range sec.rows {
			t := sec.t
			sq, err := number(t.get(r, "status_quo"), what{field: "status quo", issue: t.get(r, "name").text})
			if err != nil {
				return nil, err
			}
			own, err := ownScale(t, r, t.get(r, "name").text)
			if err != nil {
				return nil, err
			}
			is := model.Issue{Key: t.get(r, "key").text, Name: t.get(r, "name").text, Scale: own,
				Description: t.get(r, "description").text, Source: t.get(r, "source").text, Rationale: t.get(r, "rationale").text}
			is.StatusQuo = fromShown(&is, sq)
			sc.Issues = append(sc.Issues, is)
			l.row(ref{kind: "issue", i: i}, t, r)
		}
	}
	if sec := secs["anchors"]; sec != nil {
		for _, r := range sec.rows {
			t := sec.t
			ic := t.get(r, "issue")
			i := sc.IssueIndex(ic.text)
			if i < 0 {
				return nil, model.Invalid(ic.where.String(), model.RuleKnownIssue, "no issue %s in %s", quoteName(ic.text), word("issues"))
			}
			at, err := number(t.get(r, "at"), what{field: "anchor point", issue: sc.Issues[i].Name})
			if err != nil {
				return nil, err
			}
			j := len(sc.Issues[i].Anchors)
			sc.Issues[i].Anchors = append(sc.Issues[i].Anchors, model.Anchor{At: fromShown(&sc.Issues[i], at), Label: t.get(r, "label").text})
			l.row(ref{kind: "anchor", i: i, j: j}, t, r)
		}
	}
	if sec := secs["actors"]; sec != nil {
		for i, r := range sec.rows {
			t := sec.t
			a := model.Actor{Name: t.get(r, "name").text, Label: t.get(r, "label").text, Group: t.get(r, "group").text,
				Color: t.get(r, "color").text, Notes: t.get(r, "notes").text, Source: t.get(r, "source").text,
				Rationale: t.get(r, "rationale").text, Stances: map[string]model.Stance{}}
			var err error
			if a.Capability, err = number(t.get(r, "capability"), what{field: "capability", actor: a.Name}); err != nil {
				return nil, err
			}
			if a.CapabilityRange, err = rangeOf(t.get(r, "capability_range.low"), t.get(r, "capability_range.high"), what{field: "capability range", actor: a.Name}); err != nil {
				return nil, err
			}
			sc.Actors = append(sc.Actors, a)
			l.row(ref{kind: "actor", i: i}, t, r)
		}
	}
	if sec := secs["stances"]; sec != nil {
		firstLine := map[[2]int]place{}
		for _, r := range sec.rows {
			t := sec.t
			ac, ic := t.get(r, "actor"), t.get(r, "issue")
			a := sc.ActorIndex(ac.text)
			if a < 0 {
				return nil, model.Invalid(ac.where.String(), RuleKnownActor, "no actor %s in %s", quoteName(ac.text), word("actors"))
			}
			i := sc.IssueIndex(ic.text)
			if i < 0 {
				return nil, model.Invalid(ic.where.String(), model.RuleKnownIssue, "no issue %s in %s", quoteName(ic.text), word("issues"))
			}
			if prev, dup := firstLine[[2]int{a, i}]; dup {
				return nil, model.Invalid(r.where.String(), model.RuleUnique, "a second stance of %q on %q (the first is at %s)", sc.Actors[a].Name, sc.Issues[i].Key, prev)
			}
			firstLine[[2]int{a, i}] = r.where
			var st model.Stance
			var err error
			w := func(field string) what { return what{field: field, actor: sc.Actors[a].Name, issue: sc.Issues[i].Name} }
			if st.Position, err = number(t.get(r, "position"), w("position")); err != nil {
				return nil, err
			}
			if st.PositionRange, err = rangeOf(t.get(r, "position_range.low"), t.get(r, "position_range.high"), w("position range")); err != nil {
				return nil, err
			}
			if st.Salience, err = number(t.get(r, "salience"), w("salience")); err != nil {
				return nil, err
			}
			if st.SalienceRange, err = rangeOf(t.get(r, "salience_range.low"), t.get(r, "salience_range.high"), w("salience range")); err != nil {
				return nil, err
			}
			st.Source, st.Rationale = t.get(r, "source").text, t.get(r, "rationale").text
			if is := &sc.Issues[i]; is.Scale != nil {
				st.Position = fromShown(is, st.Position)
				if pr := st.PositionRange; pr != nil {
					pr.Low, pr.High = fromShown(is, pr.Low), fromShown(is, pr.High)
				}
			}
			sc.SetStance(a, i, st)
			l.row(ref{kind: "stance", i: a, key: sc.Issues[i].Key}, t, r)
		}
	}
	if sec := secs["no-bargaining"]; sec != nil {
		for _, r := range sec.rows {
			t := sec.t
			sc.NoBargain = append(sc.NoBargain, model.NoBargainPair{A: t.get(r, "a").text, B: t.get(r, "b").text, Rationale: t.get(r, "rationale").text})
		}
	}
	if err := checkScenario(sc, l.locate); err != nil {
		return nil, err
	}
	return sc, nil
}

func parleyScenario(sc *model.Scenario, t *table, r row, l *locs) error {
	sc.Name, sc.Description, sc.Date, sc.Notes = t.get(r, "name").text, t.get(r, "description").text, t.get(r, "date").text, t.get(r, "notes").text
	for _, f := range []struct {
		field string
		dst   *float64
	}{{"settings.bdm_q", &sc.Settings.BDMQ}, {"settings.bloc_tolerance", &sc.Settings.BlocTol}, {"settings.quota", &sc.Settings.Quota}, {"settings.spread", &sc.Settings.Spread}} {
		v, _, err := optNumber(t.get(r, f.field), what{field: strings.TrimPrefix(f.field, "settings.")})
		if err != nil {
			return err
		}
		*f.dst = v
	}
	if c := t.get(r, "settings.bdm_rounds"); c.text != "" {
		n, err := strconv.Atoi(c.text)
		if !isWholeNumber(c.text) || err != nil {
			return model.Invalid(c.where.String(), RuleInteger, "BDM rounds %s is not a whole number", quoteName(c.text))
		}
		sc.Settings.BDMRounds = n
	}
	if err := moreSettings(&sc.Settings, t, r); err != nil {
		return err
	}
	l.row(ref{kind: "scenario"}, t, r)
	return nil
}

// numCell is a number column's cell: written as it is, never escaped.
type numCell string

// writeParleyCSV writes one scenario in Parley's sectioned CSV.
func writeParleyCSV(w io.Writer, s *model.Scenario) ([]string, error) {
	cw := csv.NewWriter(w)
	raw := func(rec ...string) { _ = cw.Write(rec) }
	// Text cells are escaped against formula injection (inject.go); numbers
	// come from formatNum and never start with anything but a digit or -.
	put := func(rec ...any) {
		out := make([]string, len(rec))
		for k, c := range rec {
			switch c := c.(type) {
			case numCell:
				out[k] = string(c)
			case string:
				out[k] = escapeCell(c)
			}
		}
		_ = cw.Write(out)
	}
	num := func(v float64) numCell { return numCell(formatNum(v)) }
	header := func(name string) {
		raw("[" + name + "]")
		for _, ps := range parleySections {
			if ps.name == name {
				h := make([]string, len(ps.cols))
				for i, c := range ps.cols {
					h[i] = c.name
				}
				raw(h...)
			}
		}
	}
	rng := func(r *model.Range) (numCell, numCell) {
		if r == nil {
			return "", ""
		}
		return num(r.Low), num(r.High)
	}
	raw(parleyMarker, strconv.Itoa(parleyCSVVersion))
	header("scenario")
	// Settings are always written (0 = the model's default), so that no data
	// row has only its first field filled and cannot be taken for a [section].
	st := s.Settings
	cells := []any{s.Name, s.Description, s.Date, s.Notes, numCell(strconv.Itoa(st.BDMRounds)), num(st.BDMQ), num(st.BlocTol), num(st.Quota), num(st.Spread)}
	for k, c := range moreSettingsCells(st) {
		if k < 2 { // draws and seed are numbers; the SMP's options are words
			cells = append(cells, numCell(c))
		} else {
			cells = append(cells, c)
		}
	}
	put(cells...)
	header("issues")
	for _, is := range s.Issues {
		lo, hi, unit := numCell(""), numCell(""), ""
		if is.Scale != nil {
			lo, hi, unit = num(is.Scale.Lo), num(is.Scale.Hi), is.Scale.Unit
		}
		put(is.Key, is.Name, is.Description, num(is.Shown(is.StatusQuo)), is.Source, is.Rationale, lo, hi, unit)
	}
	header("anchors")
	for _, is := range s.Issues {
		for _, a := range is.Anchors {
			put(is.Key, num(is.Shown(a.At)), a.Label)
		}
	}
	header("actors")
	for _, a := range s.Actors {
		lo, hi := rng(a.CapabilityRange)
		put(a.Name, a.Label, a.Group, a.Color, num(a.Capability), lo, hi, a.Notes, a.Source, a.Rationale)
	}
	header("stances")
	for _, a := range s.Actors {
		for k := range s.Issues {
			is := &s.Issues[k]
			st, ok := a.Stances[is.Key]
			if !ok {
				continue // an unset stance: no row
			}
			plo, phi := rng(shownRange(is, st.PositionRange))
			slo, shi := rng(st.SalienceRange)
			put(a.Name, is.Key, num(is.Shown(st.Position)), plo, phi, num(st.Salience), slo, shi, st.Source, st.Rationale)
		}
	}
	if len(s.NoBargain) > 0 {
		header("no-bargaining")
		for _, p := range s.NoBargain {
			put(p.A, p.B, p.Rationale)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the CSV file", Err: err}
	}
	var warn []string
	for _, a := range s.Actors {
		if a.Name != strings.TrimSpace(a.Name) {
			warn = append(warn, fmt.Sprintf("actor %q: spaces around the name are dropped when the CSV is read back", a.Name))
		}
	}
	return warn, nil
}

// ownScale reads an issue row's Scale Low, Scale High and Scale Unit: nil
// when both ends are empty, refused when one is given without the other.
func ownScale(t *table, r row, issue string) (*model.IssueScale, error) {
	loC, hiC := t.get(r, "scale.lo"), t.get(r, "scale.hi")
	lo, okLo, err := optNumber(loC, what{field: "scale low", issue: issue})
	if err != nil {
		return nil, err
	}
	hi, okHi, err := optNumber(hiC, what{field: "scale high", issue: issue})
	if err != nil {
		return nil, err
	}
	switch {
	case !okLo && !okHi:
		return nil, nil
	case !okLo:
		return nil, model.Invalid(loC.where.String(), model.RuleOwnScale, "issue %s has a scale high end (%g) but no low end", quoteName(issue), hi)
	case !okHi:
		return nil, model.Invalid(hiC.where.String(), model.RuleOwnScale, "issue %s has a scale low end (%g) but no high end", quoteName(issue), lo)
	}
	sc := &model.IssueScale{Lo: lo, Hi: hi, Unit: t.get(r, "scale.unit").text}
	if err := model.CheckIssueScale("", sc); err != nil {
		return nil, placed(loC.where, err)
	}
	return sc, nil
}

// fromShown is v, a value on the issue's own scale as a file holds it, on
// Parley's 0-100, rounded to 1e-9 so that values written from round numbers
// come back as they were (7 years on 4-10 is 50, not 50.000000000000007).
func fromShown(is *model.Issue, v float64) float64 {
	if is.Scale == nil {
		return v
	}
	return math.Round(is.Stored(v)*1e9) / 1e9
}

// shownRange is r on the issue's own scale.
func shownRange(is *model.Issue, r *model.Range) *model.Range {
	if r == nil || is.Scale == nil {
		return r
	}
	return &model.Range{Low: is.Shown(r.Low), High: is.Shown(r.High)}
}
