package backtest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"parley/model"
)

// Capability is how an actor's clout is set when the models weigh it.
type Capability string

// The capability schemes of BACKTEST.md.
const (
	// Equal gives every actor capability 1.
	Equal Capability = "equal"
	// Votes gives DEU actors their Council votes by treaty period (the
	// Commission and the EP the largest member-state value of the issue); for
	// Parley cases it keeps the scenario's own capabilities.
	Votes Capability = "votes"
)

// ParseCapability reads "equal" or "votes".
func ParseCapability(s string) (Capability, error) {
	switch c := Capability(strings.ToLower(strings.TrimSpace(s))); c {
	case Equal, Votes:
		return c, nil
	}
	return "", model.Invalid("capability", "equal | votes", "unknown capability scheme %q: use equal or votes", s)
}

// Case is one scored issue: its actors (only those with both a position and
// a salience), the reference point when known, and the outcome.
type Case struct {
	ID       string // issue id ("d00032i1")
	Proposal string // the proposal (DEU) or scenario (Parley) it belongs to
	Issue    string // issue name as the analyst reads it (may equal ID)

	Names      []string
	Capability []float64 // per the chosen scheme
	Position   []float64 // 0-100
	Salience   []float64 // 0-100

	StatusQuo    float64 // the reference point, or 50 when HasStatusQuo is false
	HasStatusQuo bool
	Outcome      float64 // 0-100

	// Subsets places the case in the "errors by subset" tables: for DEU
	// "wave" (DEU I/II/III), "procedure" (COD/CNS), "voting" (QMV/Unan...).
	Subsets map[string]string
}

// Data is a set of cases read from one file.
type Data struct {
	Source     string     // the file name, for messages and the view's title
	Format     string     // "deu" or "parley-cases"
	Capability Capability // the scheme the cases' Capability columns follow
	Cases      []Case     // scored issues, in file order
	Skipped    int        // issues in the file that are not scored (no outcome, < 3 actors)
}

// Proposals counts the distinct proposals of d's cases.
func (d *Data) Proposals() int {
	seen := map[string]bool{}
	for _, c := range d.Cases {
		seen[c.Proposal] = true
	}
	return len(seen)
}

// Read reads a file of past cases: the DEU tab-separated format (recognised by
// its header) or Parley's own cases format (JSON; see ReadParley).
func Read(data []byte, name string, capability Capability) (*Data, error) {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return ReadParley(data, name, capability)
	}
	return ReadDEU(bytes.NewReader(data), name, capability)
}

// DEU member states in column order (after com and ep), BACKTEST.md.
var deuStates = strings.Fields("at be bu cr cy cz dk ee fi fr de el hu ie it lv lt lu mt nl pl pt ro si sk es se uk")

// Council votes by treaty period (BACKTEST.md "votes").
var (
	votesPreNice = map[string]float64{"de": 10, "fr": 10, "it": 10, "uk": 10, "es": 8, "be": 5, "el": 5, "nl": 5, "pt": 5,
		"at": 4, "se": 4, "dk": 3, "ie": 3, "fi": 3, "lu": 2}
	votesNice = map[string]float64{"de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13,
		"be": 12, "cz": 12, "el": 12, "hu": 12, "pt": 12, "at": 10, "bu": 10, "se": 10,
		"dk": 7, "ie": 7, "lt": 7, "sk": 7, "fi": 7, "cr": 7, "ee": 4, "lv": 4, "si": 4, "cy": 4, "lu": 4, "mt": 3}
	votesPopulation = map[string]float64{"de": 83.12, "fr": 67.44, "uk": 67.79, "it": 58.97, "es": 48.95, "pl": 37.84,
		"ro": 19.19, "nl": 17.61, "be": 11.57, "el": 10.38, "cz": 10.57, "pt": 10.75, "se": 10.37, "hu": 9.73,
		"at": 8.93, "bu": 6.92, "dk": 5.83, "fi": 5.53, "sk": 5.42, "ie": 5.01, "cr": 4.04, "lt": 2.80, "si": 2.11,
		"lv": 1.86, "ee": 1.33, "cy": 0.90, "lu": 0.63, "mt": 0.52}
)

// CouncilVotes returns a member state's capability under "votes" in year y.
func CouncilVotes(state string, year int) float64 {
	switch {
	case year <= 2004:
		return votesPreNice[state]
	case year <= 2014:
		return votesNice[state]
	}
	return votesPopulation[state]
}

// deuYear reads a DEU date cell: the last two-digit field is the year (YY ≥
// 90 → 19YY, else 20YY), whether the cell is DD-MM-YY or a spreadsheet's
// retyped 19YY-MM-DD; "999" or blank is unknown (ok false).
func deuYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "999" {
		return 0, false
	}
	f := strings.Split(s, "-")
	last := f[len(f)-1]
	if len(f) != 3 || len(last) != 2 {
		return 0, false
	}
	yy, err := strconv.Atoi(last)
	if err != nil {
		return 0, false
	}
	if yy >= 90 {
		return 1900 + yy, true
	}
	return 2000 + yy, true
}

// Wave names the DEU wave of a proposal from its introduction year: DEU I
// covers proposals introduced up to 2001, DEU II 2002-2009, DEU III from
// 2010. On deu3.csv this splits the proposals exactly at the file's own
// proposal numbering (prnrnmc 1-69, 70-125, 126-141).
func Wave(introYear int) string {
	switch {
	case introYear <= 2001:
		return "DEU I"
	case introYear <= 2009:
		return "DEU II"
	}
	return "DEU III"
}

// ReadDEU reads the DEU file (BACKTEST.md): tab-separated with a header, an
// optional GDP row without an issue id (skipped), one issue per row. Only
// scored issues become cases. A cell that is not a number fails with
// FILE:LINE:COLUMN.
func ReadDEU(r io.Reader, name string, capability Capability) (*Data, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, model.Invalid(name+":1:1", "DEU header", "cannot read the header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.Trim(h, "\ufeff"))] = i
	}
	actors := append([]string{"com", "ep"}, deuStates...)
	need := []string{"prnr", "isnr", "proc", "counvte", "intro", "finact", "rp", "out"}
	for _, a := range actors {
		need = append(need, "p"+a, "s"+a)
	}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, model.Invalid(name+":1:1", "DEU header", "the header has no column %q: not a DEU file", n)
		}
	}
	d := &Data{Source: name, Format: "deu", Capability: capability}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, model.Invalid(fmt.Sprintf("%s:%d:1", name, line), "tab-separated DEU rows", "%v", err)
		}
		cell := func(k string) string {
			i := col[k]
			if i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		num := func(k string) (float64, bool, error) {
			s := cell(k)
			if s == "" {
				return 0, false, nil
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				_, c := cr.FieldPos(col[k])
				return 0, false, model.Invalid(fmt.Sprintf("%s:%d:%d", name, line, c), "numbers in number columns", "%s is %q, not a number", k, s)
			}
			return v, true, nil
		}
		id := cell("isnr")
		if id == "" {
			continue // the GDP row
		}
		out, hasOut, err := num("out")
		if err != nil {
			return nil, err
		}
		rp, hasRP, err := num("rp")
		if err != nil {
			return nil, err
		}
		c := Case{ID: id, Issue: id, Proposal: cell("prnr"), Outcome: out, StatusQuo: 50}
		if hasRP && rp >= 0 && rp <= 100 {
			c.StatusQuo, c.HasStatusQuo = rp, true
		}
		// The treaty period follows the year of the final act; "999" (not
		// known) counts as 2007, a blank one falls back to the introduction.
		year, ok := deuYear(cell("finact"))
		intro, iok := deuYear(cell("intro"))
		switch {
		case ok:
		case cell("finact") == "999":
			year = 2007
		case iok:
			year = intro
		default:
			year = 2007
		}
		if !iok {
			intro = year
		}
		c.Subsets = map[string]string{"wave": Wave(intro), "procedure": cell("proc"), "voting": cell("counvte")}
		var states []int // indices into c of member states
		for _, a := range actors {
			p, hp, err := num("p" + a)
			if err != nil {
				return nil, err
			}
			s, hs, err := num("s" + a)
			if err != nil {
				return nil, err
			}
			if !hp || !hs || p < 0 || p > 100 || s < 0 || s > 100 {
				continue
			}
			cap := 1.0
			if capability == Votes && a != "com" && a != "ep" {
				cap = CouncilVotes(a, year)
				states = append(states, len(c.Names))
			}
			c.Names = append(c.Names, a)
			c.Position = append(c.Position, p)
			c.Salience = append(c.Salience, s)
			c.Capability = append(c.Capability, cap)
		}
		if !hasOut || out < 0 || out > 100 || len(c.Names) < 3 {
			d.Skipped++
			continue
		}
		if capability == Votes {
			var top float64
			for _, i := range states {
				top = max(top, c.Capability[i])
			}
			for i, n := range c.Names {
				if n == "com" || n == "ep" {
					c.Capability[i] = top
				}
			}
			if top > 0 {
				for i := range c.Capability {
					c.Capability[i] *= 100 / top
				}
			}
		}
		d.Cases = append(d.Cases, c)
	}
	if len(d.Cases) == 0 {
		return nil, model.Invalid(name, "at least one scored issue", "no issue has an outcome in 0-100 and at least 3 actors with a position and a salience")
	}
	return d, nil
}

// ParleyCase is one past case in Parley's own cases format: a Parley JSON
// scenario (the fields of model.Scenario) plus "outcomes", the legislated or
// agreed outcome of each issue on its 0-100 scale, by issue key, and optional
// "subsets" (e.g. {"region": "Gulf"}) for the errors-by-subset tables.
//
//	{"format": "parley-cases", "cases": [
//	  {"name": "Muscat 2025", "issues": [...], "actors": [...],
//	   "outcomes": {"enrichment": 3.67, "sanctions": 40}, "subsets": {"mediator": "Oman"}}]}
//
// A single scenario object with "outcomes" is a file of one case. Each
// scenario is one proposal (its issues are the dimensions of the joint SMP);
// an issue's status quo is its reference point; an issue without an outcome
// is not scored.
type ParleyCase struct {
	model.Scenario
	Outcomes map[string]float64 `json:"outcomes"`
	Subsets  map[string]string  `json:"subsets,omitempty"`
}

// ParleyCases is the file: a list of cases.
type ParleyCases struct {
	Format string       `json:"format"`
	Cases  []ParleyCase `json:"cases"`
}

// ReadParley reads Parley's cases format (see ParleyCase). Under Equal every
// actor's capability is 1; under Votes the scenario's own capabilities count.
func ReadParley(data []byte, name string, capability Capability) (*Data, error) {
	var f ParleyCases
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, jsonError(name, data, err)
	}
	if _, ok := probe["cases"]; ok {
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, jsonError(name, data, err)
		}
	} else {
		var one ParleyCase
		if err := json.Unmarshal(data, &one); err != nil {
			return nil, jsonError(name, data, err)
		}
		f.Cases = []ParleyCase{one}
	}
	d := &Data{Source: name, Format: "parley-cases", Capability: capability}
	seen := map[string]bool{}
	for k, pc := range f.Cases {
		where := fmt.Sprintf("%s: case %d (%q)", name, k+1, pc.Name)
		if pc.Name == "" {
			pc.Name = fmt.Sprintf("case %d", k+1)
		}
		if seen[pc.Name] {
			return nil, model.Invalid(where, "unique case names", "two cases are named %q", pc.Name)
		}
		seen[pc.Name] = true
		if len(pc.Outcomes) == 0 {
			return nil, model.Invalid(where, "outcomes by issue key", "the case has no \"outcomes\": give the outcome of each issue by its key")
		}
		if errs := model.Validate(&pc.Scenario); len(errs) > 0 {
			return nil, model.Invalid(where, "", "%s", model.ErrorMessage(errs[0]))
		}
		keys := make([]string, 0, len(pc.Outcomes))
		for key := range pc.Outcomes {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			if pc.IssueIndex(key) < 0 {
				return nil, model.Invalid(where+" outcomes", "outcomes name issues of the case", "no issue has key %q", key)
			}
		}
		for _, is := range pc.Issues {
			out, ok := pc.Outcomes[is.Key]
			if !ok {
				d.Skipped++
				continue
			}
			if math.IsNaN(out) || out < model.ScaleMin || out > model.ScaleMax {
				return nil, model.Invalid(where+" outcome "+is.Key, "0 ≤ outcome ≤ 100", "outcome %v is outside 0-100", out)
			}
			c := Case{ID: pc.Name + "/" + is.Key, Proposal: pc.Name, Issue: is.Name, Outcome: out,
				StatusQuo: is.StatusQuo, HasStatusQuo: true, Subsets: pc.Subsets}
			for a, ac := range pc.Actors {
				st, ok := ac.Stances[is.Key]
				if !ok {
					continue
				}
				cap := ac.Capability
				if capability == Equal {
					cap = 1
				}
				c.Names = append(c.Names, pc.Actors[a].Name)
				c.Position = append(c.Position, st.Position)
				c.Salience = append(c.Salience, st.Salience)
				c.Capability = append(c.Capability, cap)
			}
			if len(c.Names) < 3 {
				d.Skipped++
				continue
			}
			d.Cases = append(d.Cases, c)
		}
	}
	if len(d.Cases) == 0 {
		return nil, model.Invalid(name, "at least one scored issue", "no issue has an outcome and at least 3 actors with a stance on it")
	}
	return d, nil
}

func jsonError(name string, data []byte, err error) error {
	var off int64
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	default:
		return model.Invalid(name, "Parley cases JSON", "%v", err)
	}
	line, colm := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, colm = line+1, 1
		} else {
			colm++
		}
	}
	return model.Invalid(fmt.Sprintf("%s:%d:%d", name, line, colm), "Parley cases JSON", "%v", err)
}
