package codec

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"

	"parley/model"
)

var simpleCols = []colSpec{
	{name: "Actor", aliases: []string{"Stakeholder", "Name"}, field: "name", required: true},
	{name: "Capability", aliases: []string{"Resources", "Power", "Influence", "Clout"}, field: "capability", required: true},
	{name: "Position", field: "position", required: true},
	{name: "Salience", field: "salience", required: true},
}

// The one issue of a simple table.
const (
	simpleIssueKey  = "issue"
	simpleIssueName = "Issue"
)

// isSimpleHeader reports whether a first line looks like a simple table's
// header: it names the actor column and at least one other simple-table
// column (unknown columns are left for the reader to report).
func isSimpleHeader(fields []string) bool {
	hasName, others := false, 0
	for _, f := range fields {
		for _, c := range simpleCols {
			if matchCol(f, c) {
				if c.field == "name" {
					hasName = true
				} else {
					others++
				}
			}
		}
	}
	return hasName && others >= 1
}

// RuleOwnScaleChoice is quoted when a column lies outside 0-100 and the
// analyst has not chosen to read the file on its own scale.
const RuleOwnScaleChoice = "0-100, or the file's own scale"

// readSimple reads the one-issue table Actor,Capability,Position,Salience.
//
// Saliences: if any is above 1 the column is on a 0-100 scale, else on 0-1
// and every salience is multiplied by 100. Positions are kept as they are when
// all lie within 0-100 (so 0-1 stays 0-1: the forecast comes out on the
// file's own scale). A position outside 0-100 is refused at its cell unless
// the analyst chose the file's own scale (Options.OwnScale: the preview's
// "use the file's own scale", parley-cli's --rescale): then the positions
// are mapped from [min, max] onto 0-100 and the issue keeps [min, max] as its
// own scale (model.IssueScale), on which it is shown and exported. The same
// choice puts a column within 0-100 (years 4-10) on its own scale too.
func readSimple(s *src) (*Result, error) {
	rows, err := csvRows(s, false)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, model.Invalid(s.name+":1:1", model.RuleRequired, "the file is empty: expected the header Actor,Capability,Position,Salience")
	}
	t, err := newTable("the table", rows[0], simpleCols)
	if err != nil {
		return nil, err
	}
	if len(rows) == 1 {
		return nil, model.Invalid(rows[0].end.String(), model.RuleRequired, "the table has a header but no actors")
	}
	if len(rows)-1 > model.MaxActors {
		return nil, model.Invalid(rows[model.MaxActors+1].where.String(), model.RuleMaxActors, "%d actors; Parley handles at most %d", len(rows)-1, model.MaxActors)
	}
	type line struct {
		r             row
		cap, pos, sal float64
	}
	data := make([]line, 0, len(rows)-1)
	salScale100 := false
	for _, r := range rows[1:] {
		r, err := t.fit(r)
		if err != nil {
			return nil, err
		}
		name := t.get(r, "name").text
		if name == "" {
			return nil, model.Invalid(t.get(r, "name").where.String(), model.RuleRequired, "the actor's name is empty")
		}
		ln := line{r: r}
		if ln.cap, err = number(t.get(r, "capability"), what{field: "capability", actor: name}); err != nil {
			return nil, err
		}
		if ln.pos, err = number(t.get(r, "position"), what{field: "position", actor: name}); err != nil {
			return nil, err
		}
		if ln.sal, err = number(t.get(r, "salience"), what{field: "salience", actor: name}); err != nil {
			return nil, err
		}
		if ln.sal > 1 {
			salScale100 = true
		}
		data = append(data, ln)
	}

	var warn, notes []string
	notes = append(notes, fmt.Sprintf("Imported from the simple table %s.", s.base()))
	if !salScale100 {
		for k := range data {
			if data[k].sal, err = times100(t.get(data[k].r, "salience"), what{field: "salience"}); err != nil {
				return nil, err
			}
		}
		m := "Saliences were on a 0-1 scale (none above 1) and were multiplied by 100."
		warn, notes = append(warn, t.colPlace("salience")+": "+m), append(notes, m)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, d := range data {
		lo, hi = math.Min(lo, d.pos), math.Max(hi, d.pos)
	}
	var own *model.IssueScale
	outside := lo < model.ScaleMin || hi > model.ScaleMax
	switch {
	case outside && !s.ownScale:
		// Refused, with the first position outside 0-100 (a typo, 140 among
		// values up to 60, must not silently rescale the whole column).
		for _, d := range data {
			if d.pos < model.ScaleMin || d.pos > model.ScaleMax {
				c := t.get(d.r, "position")
				return nil, model.Invalid(c.where.String(), RuleOwnScaleChoice,
					"position %g of %s is outside 0-100: correct it, or read the column on the file's own scale (\"use the file's own scale\" in the import preview, --rescale in parley-cli)",
					d.pos, quoteName(t.get(d.r, "name").text))
			}
		}
	case (outside || s.ownScale) && hi > lo:
		own = &model.IssueScale{Lo: lo, Hi: hi}
		is := &model.Issue{Scale: own}
		for k := range data {
			data[k].pos = math.Min(100, math.Max(0, fromShown(is, data[k].pos)))
		}
		m := fmt.Sprintf("Positions are on the file's own scale, %g-%g: the issue keeps it (shown and exported on %g-%g, modelled on 0-100).", lo, hi, lo, hi)
		warn, notes = append(warn, t.colPlace("position")+": "+m), append(notes, m)
	case outside:
		for k := range data {
			data[k].pos = 50
		}
		m := fmt.Sprintf("Every position was %g, outside 0-100: all were set to 50.", lo)
		warn, notes = append(warn, t.colPlace("position")+": "+m), append(notes, m)
	case hi <= 1 && hi > 0:
		m := fmt.Sprintf("Positions lie within %g-%g and are kept on that scale: forecasts are reported on it too.", lo, hi)
		warn, notes = append(warn, t.colPlace("position")+": "+m), append(notes, m)
	default:
		notes = append(notes, fmt.Sprintf("Positions are on the file's own scale (%g-%g); forecasts are reported on it too.", lo, hi))
	}

	l := newLocs(s)
	sc := &model.Scenario{Name: s.base(), Notes: strings.Join(notes, " "),
		Issues: []model.Issue{{Key: simpleIssueKey, Name: simpleIssueName, Scale: own}}}
	names := make([]string, len(data))
	for k, d := range data {
		names[k] = t.get(d.r, "name").text
	}
	labels := deriveLabels(names)
	for k, d := range data {
		sc.Actors = append(sc.Actors, model.Actor{Name: names[k], Label: labels[k], Capability: d.cap,
			Stances: map[string]model.Stance{simpleIssueKey: {Position: d.pos, Salience: d.sal}}})
		l.row(ref{kind: "actor", i: k}, t, d.r)
		l.row(ref{kind: "stance", i: k, key: simpleIssueKey}, t, d.r)
	}
	l.cells(ref{kind: "scenario"}, rows[0].where, nil)
	if err := checkScenario(sc, l.locate); err != nil {
		return nil, err
	}
	return &Result{Scenarios: []*model.Scenario{sc}, Warnings: warn}, nil
}

// writeSimple writes a one-issue scenario as Actor,Capability,Position,Salience
// (salience on 0-100).
func writeSimple(w io.Writer, s *model.Scenario) ([]string, error) {
	if len(s.Issues) != 1 {
		return nil, model.Invalid(fmt.Sprintf("scenario %q", s.Name), RuleOneIssue,
			"the scenario has %d issues; a simple table holds exactly one: export it as Parley CSV, JSON or KTAB instead", len(s.Issues))
	}
	is := &s.Issues[0]
	key := is.Key
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"Actor", "Capability", "Position", "Salience"})
	lost, allSmall, unset := false, true, 0
	for _, a := range s.Actors {
		st, ok := a.Stances[key]
		if !ok {
			unset++
			continue // an unset stance: the actor has no row
		}
		_ = cw.Write([]string{escapeCell(a.Name), formatNum(a.Capability), formatNum(is.Shown(st.Position)), formatNum(st.Salience)})
		lost = lost || a.CapabilityRange != nil || st.PositionRange != nil || st.SalienceRange != nil ||
			a.Source != "" || a.Rationale != "" || st.Source != "" || st.Rationale != "" || a.Group != "" || a.Notes != "" || a.Color != ""
		allSmall = allSmall && st.Salience <= 1
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the CSV file", Err: err}
	}
	var warn []string
	if lost {
		warn = append(warn, "a simple table keeps names, capabilities, positions and saliences only: ranges, sources, rationales, notes, groups and colours were not written")
	}
	if is.Scale != nil {
		warn = append(warn, fmt.Sprintf("positions were written on the issue's own scale, %g-%g; a simple table does not name its scale: read it back with \"use the file's own scale\" (--rescale)", is.Scale.Lo, is.Scale.Hi))
	}
	if unset > 0 {
		warn = append(warn, fmt.Sprintf("%s without a stance on the issue were left out", model.Count(unset, "actor")))
	}
	if allSmall && len(s.Actors) > 0 {
		warn = append(warn, "every salience is 1 or less: a reader will take them for a 0-1 scale and multiply them by 100")
	}
	return warn, nil
}
