package model

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"time"
)

// Scale is the app's position and salience scale: every position and salience
// an analyst enters lies in [ScaleMin, ScaleMax].
const (
	ScaleMin = 0.0
	ScaleMax = 100.0
)

// MaxLabelLen is the longest short label an actor may carry (it is what charts print).
const MaxLabelLen = 8

// Range is an optional uncertainty interval around a point value: the analyst
// believes the true value lies between Low and High. Low ≤ point ≤ High.
type Range struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Anchor labels a point of an issue's 0-100 scale, e.g. 0 = "nuclear file only".
type Anchor struct {
	At    float64 `json:"at"`
	Label string  `json:"label"`
}

// Issue is one question under negotiation, measured on a 0-100 scale whose
// meaning the anchors spell out. StatusQuo is where the issue stands if nobody
// agrees to anything.
type Issue struct {
	Key         string   `json:"key"`  // short stable id, used by stances ("enrichment")
	Name        string   `json:"name"` // what the analyst reads ("Enrichment level")
	Description string   `json:"description,omitempty"`
	Anchors     []Anchor `json:"anchors,omitempty"`
	StatusQuo   float64  `json:"status_quo"`
	Rationale   string   `json:"rationale,omitempty"` // why the status quo is where it is
	Source      string   `json:"source,omitempty"`
	// Scale, when set, is the issue's own scale in its source (years 4-10, a
	// Decide file's #M points): the models keep reading 0-100, and every axis,
	// slider, table and export shows the issue on this scale (Shown, Stored).
	Scale *IssueScale `json:"scale,omitempty"`
}

// IssueScale is an issue's own scale: Lo is what 0 on Parley's 0-100 means,
// Hi what 100 means (Lo < Hi), Unit what the numbers count ("years"; may be empty).
type IssueScale struct {
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
	Unit string  `json:"unit,omitempty"`
}

// Shown is p (a position, status quo or anchor on 0-100) on the issue's own
// scale; p itself when the issue has none.
func (is *Issue) Shown(p float64) float64 {
	if is == nil || is.Scale == nil {
		return p
	}
	return is.Scale.Lo + p*(is.Scale.Hi-is.Scale.Lo)/ScaleMax
}

// Stored is v (a value on the issue's own scale) on Parley's 0-100: the
// inverse of Shown.
func (is *Issue) Stored(v float64) float64 {
	if is == nil || is.Scale == nil {
		return v
	}
	return (v - is.Scale.Lo) * ScaleMax / (is.Scale.Hi - is.Scale.Lo)
}

// ShownDistance is a distance d on 0-100 (a move, a band's width, a Δ) in the
// issue's own units.
func (is *Issue) ShownDistance(d float64) float64 {
	if is == nil || is.Scale == nil {
		return d
	}
	return d * (is.Scale.Hi - is.Scale.Lo) / ScaleMax
}

// ShownEnds are the two ends of the issue's scale as shown: 0 and 100, or Lo and Hi.
func (is *Issue) ShownEnds() (lo, hi float64) {
	if is == nil || is.Scale == nil {
		return ScaleMin, ScaleMax
	}
	return is.Scale.Lo, is.Scale.Hi
}

// Stance is where one actor stands on one issue. Position is on the issue's
// 0-100 scale. Salience is how much the actor cares: 0 = indifferent, 100 = the
// issue dominates everything else it wants.
type Stance struct {
	Position      float64 `json:"position"`
	Salience      float64 `json:"salience"`
	PositionRange *Range  `json:"position_range,omitempty"`
	SalienceRange *Range  `json:"salience_range,omitempty"`
	Source        string  `json:"source,omitempty"`
	Rationale     string  `json:"rationale,omitempty"` // the sentence the numbers rest on
}

// Actor is a party with a stake in the negotiation. Capability is its clout on a
// ratio scale (≥ 0): only ratios between actors matter, so 0-100 or GDP units both work.
type Actor struct {
	Name            string            `json:"name"`
	Label           string            `json:"label"` // ≤ 8 characters, printed on charts
	Group           string            `json:"group,omitempty"`
	Color           string            `json:"color,omitempty"` // "#rrggbb"; empty = palette
	Capability      float64           `json:"capability"`
	CapabilityRange *Range            `json:"capability_range,omitempty"`
	Notes           string            `json:"notes,omitempty"`
	Source          string            `json:"source,omitempty"`
	Rationale       string            `json:"rationale,omitempty"` // why this capability
	Stances         map[string]Stance `json:"stances"`             // by Issue.Key
}

// Settings are a scenario's model options.
type Settings struct {
	BDMRounds int     `json:"bdm_rounds,omitempty"` // 0 = default (10)
	BDMQ      float64 `json:"bdm_q,omitempty"`      // 0 = default (1)
	BlocTol   float64 `json:"bloc_tolerance,omitempty"`
	Quota     float64 `json:"quota,omitempty"`  // share of total weight a winning coalition needs; 0 = simple majority
	Spread    float64 `json:"spread,omitempty"` // default ± uncertainty in points where no range is set
	// The SMP's enumerated options, the Monte Carlo's draws and seed
	// (settings_smp.go); zero = KTAB's defaults, DefaultDraws, DefaultSeed.
	SMP   SMPSettings `json:"smp,omitzero"`
	Draws int         `json:"draws,omitempty"`
	Seed  int64       `json:"seed,omitempty"`
}

// Override is one change a what-if scenario makes to its base: set Field
// ("capability", "position" or "salience") of Actor (on Issue, for the last two) to Value.
type Override struct {
	Actor     string  `json:"actor"`
	Issue     string  `json:"issue,omitempty"`
	Field     string  `json:"field"`
	Value     float64 `json:"value"`
	Rationale string  `json:"rationale,omitempty"`
}

// Scenario is a named, dated set of actors, issues and stances with its notes
// and model settings. A what-if names its Base and lists its Overrides; its
// Actors and Issues are then the base's with the overrides applied.
type Scenario struct {
	ID          int64      `json:"-"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Date        string     `json:"date,omitempty"` // YYYY-MM-DD of the analysis
	Notes       string     `json:"notes,omitempty"`
	Base        string     `json:"base,omitempty"`
	Overrides   []Override `json:"overrides,omitempty"`
	// Version is the stored scenario's modification stamp when it was loaded
	// (empty for one never stored). A save that carries a Version is refused
	// when the stored one has moved on: another window changed it meanwhile.
	Version  string   `json:"-"`
	Settings Settings `json:"settings"`
	Issues   []Issue  `json:"issues"`
	Actors   []Actor  `json:"actors"`
	// NoBargain lists the pairs of actors that never bargain directly (model/nobargain.go).
	NoBargain []NoBargainPair `json:"no_bargain,omitempty"`
}

// IssueIndex returns the index of the issue with key or name k, or -1.
func (s *Scenario) IssueIndex(k string) int {
	for i, is := range s.Issues {
		if is.Key == k {
			return i
		}
	}
	for i, is := range s.Issues {
		if is.Name == k {
			return i
		}
	}
	return -1
}

// ActorIndex returns the index of the actor with name or label k, or -1.
func (s *Scenario) ActorIndex(k string) int {
	for i, a := range s.Actors {
		if a.Name == k {
			return i
		}
	}
	for i, a := range s.Actors {
		if a.Label == k {
			return i
		}
	}
	return -1
}

// Stance returns actor a's stance on issue i (zero Stance if missing).
func (s *Scenario) Stance(a, i int) Stance {
	return s.Actors[a].Stances[s.Issues[i].Key]
}

// SetStance replaces actor a's stance on issue i.
func (s *Scenario) SetStance(a, i int, st Stance) {
	if s.Actors[a].Stances == nil {
		s.Actors[a].Stances = map[string]Stance{}
	}
	s.Actors[a].Stances[s.Issues[i].Key] = st
}

// Clone returns a deep copy: edits to it never reach s.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.Overrides = append([]Override(nil), s.Overrides...)
	c.NoBargain = append([]NoBargainPair(nil), s.NoBargain...)
	c.Issues = make([]Issue, len(s.Issues))
	for i, is := range s.Issues {
		is.Anchors = append([]Anchor(nil), is.Anchors...)
		c.Issues[i] = is
	}
	c.Actors = make([]Actor, len(s.Actors))
	for i, a := range s.Actors {
		a.CapabilityRange = cloneRange(a.CapabilityRange)
		st := make(map[string]Stance, len(a.Stances))
		for k, v := range a.Stances {
			v.PositionRange = cloneRange(v.PositionRange)
			v.SalienceRange = cloneRange(v.SalienceRange)
			st[k] = v
		}
		a.Stances = st
		c.Actors[i] = a
	}
	return &c
}

func cloneRange(r *Range) *Range {
	if r == nil {
		return nil
	}
	c := *r
	return &c
}

// Column is one issue's model input: one entry per actor, in actor order.
type Column struct {
	Names      []string
	Capability []float64
	Position   []float64
	Salience   []float64 // 0-100
}

// Column returns the per-actor inputs for issue i.
func (s *Scenario) Column(i int) Column {
	n := len(s.Actors)
	c := Column{Names: make([]string, n), Capability: make([]float64, n), Position: make([]float64, n), Salience: make([]float64, n)}
	key := s.Issues[i].Key
	for a, ac := range s.Actors {
		st := ac.Stances[key]
		c.Names[a], c.Capability[a], c.Position[a], c.Salience[a] = ac.Name, ac.Capability, st.Position, st.Salience
	}
	return c
}

// ApplyOverrides returns a copy of base with the overrides applied and the
// what-if's own name, description and date. Unknown actors or issues are an error.
func ApplyOverrides(base *Scenario, whatIf *Scenario) (*Scenario, error) {
	out := base.Clone()
	out.ID, out.Name, out.Description, out.Notes, out.Base, out.Version = whatIf.ID, whatIf.Name, whatIf.Description, whatIf.Notes, base.Name, whatIf.Version
	if whatIf.Date != "" {
		out.Date = whatIf.Date
	}
	if whatIf.Settings != (Settings{}) {
		out.Settings = whatIf.Settings
	}
	out.Overrides = append([]Override(nil), whatIf.Overrides...)
	for k, o := range whatIf.Overrides {
		where := fmt.Sprintf("what-if %s override %d", Quote(whatIf.Name), k+1)
		a := out.ActorIndex(o.Actor)
		if a < 0 {
			return nil, Invalid(where, "known actor", "no actor %s in base scenario %s", Quote(o.Actor), Quote(base.Name))
		}
		switch o.Field {
		case "capability":
			out.Actors[a].Capability = o.Value
			out.Actors[a].CapabilityRange = nil
		case "position", "salience":
			i := out.IssueIndex(o.Issue)
			if i < 0 {
				return nil, Invalid(where, "known issue", "no issue %s in base scenario %s", Quote(o.Issue), Quote(base.Name))
			}
			st := out.Stance(a, i)
			if o.Field == "position" {
				st.Position, st.PositionRange = o.Value, nil
			} else {
				st.Salience, st.SalienceRange = o.Value, nil
			}
			out.SetStance(a, i, st)
		default:
			return nil, Invalid(where, "override field", "field must be capability, position or salience, not %s", Quote(o.Field))
		}
	}
	return out, nil
}

// StoredWhatIf is what is stored of a what-if of base: its own fields and
// the overrides ov, without actors and issues (those are the base's).
func (s *Scenario) StoredWhatIf(base string, ov []Override) *Scenario {
	return &Scenario{ID: s.ID, Name: s.Name, Description: s.Description, Date: s.Date, Notes: s.Notes,
		Base: base, Overrides: append([]Override(nil), ov...), Settings: s.Settings, Version: s.Version}
}

// SortedIssueKeys is a helper for deterministic iteration over stance maps.
func SortedIssueKeys(m map[string]Stance) []string {
	k := make([]string, 0, len(m))
	for key := range m {
		k = append(k, key)
	}
	sort.Strings(k)
	return k
}

// ScenarioInfo is what a scenario browser lists: enough to choose one without loading it.
type ScenarioInfo struct {
	ID       int64
	Name     string
	Base     string // for a what-if, the name of its base scenario
	Date     string
	Modified string // RFC 3339, UTC
	Actors   int
	Issues   int
}

// Repository is how the UI reaches stored scenarios; store.Store implements it.
type Repository interface {
	ListScenarios() ([]ScenarioInfo, error)
	// LoadScenario returns the named scenario; a what-if comes back resolved
	// (its base with the overrides applied) and still lists its Overrides.
	LoadScenario(name string) (*Scenario, error)
	// SaveScenario writes the whole scenario in one transaction, replacing any
	// scenario of the same name.
	SaveScenario(s *Scenario) error
	// SaveFile stores several scenarios (a base first, then its what-ifs) in
	// one transaction: an import, or an undone deletion.
	SaveFile(s []*Scenario) error
	DeleteScenario(name string) error
	// RenameScenario renames a scenario in place; its what-ifs follow it.
	RenameScenario(old, name string) error
}

// Diff returns the overrides that turn base into s: every capability,
// position and salience that differs. It fails when s differs from base in
// anything an override cannot express (actors, issues, names, ranges aside).
func Diff(base, s *Scenario) ([]Override, error) {
	if len(base.Actors) != len(s.Actors) || len(base.Issues) != len(s.Issues) {
		return nil, Errorf(EINVALID, "a what-if can change capabilities, positions and saliences only; add or remove actors and issues in the base scenario %q", base.Name)
	}
	var out []Override
	for a := range s.Actors {
		ba, sa := &base.Actors[a], &s.Actors[a]
		if ba.Name != sa.Name {
			return nil, Errorf(EINVALID, "a what-if cannot rename actors; rename %q in the base scenario", ba.Name)
		}
		if ba.Capability != sa.Capability {
			out = append(out, Override{Actor: sa.Name, Field: "capability", Value: sa.Capability})
		}
		for i, is := range s.Issues {
			if base.Issues[i].Key != is.Key {
				return nil, Errorf(EINVALID, "a what-if cannot change issues; change %q in the base scenario", base.Issues[i].Name)
			}
			bs, ss := base.Stance(a, i), s.Stance(a, i)
			if bs.Position != ss.Position {
				out = append(out, Override{Actor: sa.Name, Issue: is.Key, Field: "position", Value: ss.Position})
			}
			if bs.Salience != ss.Salience {
				out = append(out, Override{Actor: sa.Name, Issue: is.Key, Field: "salience", Value: ss.Salience})
			}
		}
	}
	return out, nil
}

// CheckWhatIf reports whether s can be stored as a what-if of base: whether
// base with Diff's overrides gives s back, ranges aside (a what-if keeps only
// point values). Anything else (a label, a rationale, an anchor) would be
// lost, so it is refused with a message saying where to make the change.
func CheckWhatIf(base, s *Scenario) ([]Override, error) {
	ov, err := Diff(base, s)
	if err != nil {
		return nil, err
	}
	back, err := ApplyOverrides(base, &Scenario{Name: s.Name, Description: s.Description, Date: s.Date, Notes: s.Notes, Overrides: ov})
	if err != nil {
		return nil, err
	}
	a, b := withoutRanges(back), withoutRanges(s)
	a.ID, a.Overrides, a.Settings, a.Base, a.Version = 0, nil, Settings{}, "", ""
	b.ID, b.Overrides, b.Settings, b.Base, b.Version = 0, nil, Settings{}, "", ""
	if !reflect.DeepEqual(a, b) {
		return nil, Errorf(EINVALID, "a what-if keeps only capabilities, positions and saliences; make other changes (names, labels, rationales, issues) in the base scenario %q", base.Name)
	}
	return ov, nil
}

func withoutRanges(s *Scenario) *Scenario {
	c := s.Clone()
	for a := range c.Actors {
		c.Actors[a].CapabilityRange = nil
		for k, st := range c.Actors[a].Stances {
			st.PositionRange, st.SalienceRange = nil, nil
			c.Actors[a].Stances[k] = st
		}
	}
	return c
}

// KeepRationales copies the rationale of each override in old onto the
// override of the same target in now, so re-deriving a what-if's overrides
// keeps the analyst's words.
func KeepRationales(old, now []Override) {
	type target struct{ a, i, f string }
	why := map[target]string{}
	for _, o := range old {
		why[target{o.Actor, o.Issue, o.Field}] = o.Rationale
	}
	for k := range now {
		o := &now[k]
		if r, ok := why[target{o.Actor, o.Issue, o.Field}]; ok && o.Rationale == "" {
			o.Rationale = r
		}
	}
}

// Journal is storage that also keeps each scenario's undo history, so that
// undo survives a restart. store.Store implements it.
type Journal interface {
	// SaveWithJournal stores s with its undo and redo stacks, and the what-ifs
	// in also (e.g. a base's what-ifs whose overrides follow a renamed
	// actor), in one transaction.
	SaveWithJournal(s *Scenario, undo, redo []Edit, also ...*Scenario) error
	LoadJournal(name string) (undo, redo []Edit, err error)
}

// ActorNames lists the actors' names in order.
func (s *Scenario) ActorNames() []string {
	out := make([]string, len(s.Actors))
	for i, a := range s.Actors {
		out[i] = a.Name
	}
	return out
}

// Shift returns r moved with its point value from old to new, so the
// analyst's stated uncertainty travels with the value, clipped to [lo, hi]
// (0-100 for positions and saliences; 0-MaxCapability for capability). A nil
// range stays nil.
func (r *Range) Shift(old, new, lo, hi float64) *Range {
	if r == nil {
		return nil
	}
	d := new - old
	out := &Range{Low: math.Max(lo, math.Min(r.Low+d, new)), High: math.Min(hi, math.Max(r.High+d, new))}
	return out
}

// SetPosition sets the stance's position, shifting its range with it.
func (st *Stance) SetPosition(v float64) {
	st.PositionRange = st.PositionRange.Shift(st.Position, v, ScaleMin, ScaleMax)
	st.Position = v
}

// SetSalience sets the stance's salience, shifting its range with it.
func (st *Stance) SetSalience(v float64) {
	st.SalienceRange = st.SalienceRange.Shift(st.Salience, v, ScaleMin, ScaleMax)
	st.Salience = v
}

// SetCapability sets the actor's capability, shifting its range with it.
func (a *Actor) SetCapability(v float64) {
	a.CapabilityRange = a.CapabilityRange.Shift(a.Capability, v, 0, MaxCapability)
	a.Capability = v
}

// Run is one stored model run: which model ran, with which options, on which
// inputs, and what it found, so that a chart exported from it can be drawn
// again later and checked against the scenario as it is now.
type Run struct {
	ID          int64
	Model       string    // the model's name, e.g. "bdm", "smp" or "all"
	Options     string    // the model's options as JSON text ("{}" when none)
	Fingerprint string    // a digest of every input the run read; another fingerprint means other inputs
	Results     string    // the results as JSON text, as the caller produced them
	Created     time.Time // when the run was made
	// Checkpoint is the name the analyst gave the run ("brief of 27 Nov"); empty for most.
	Checkpoint string
}

// RunRepository keeps a scenario's model runs, oldest first.
type RunRepository interface {
	SaveRun(scenario string, r Run) error
	Runs(scenario string) ([]Run, error)
}
