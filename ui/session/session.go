// Package session is the window's state without the window: the open
// scenario as stored, the live exploration of the sliders on top of it, a
// what-if's base, the undo history, and the frame on screen (a scenario and
// the forecast computed from it, always together). It imports no fyne, so
// the rules of editing, applying, discarding and saving as a what-if are
// tested without widgets; the window (package ui) only wires widgets to it.
//
// Storage rules (what a what-if stores, renames carried into what-ifs,
// refusals) are the store's, applied inside its transaction: the session
// hands the store resolved scenarios and their undo stacks.
package session

import (
	"context"
	"fmt"
	"strings"
	"time"

	"parley/model"
	"parley/model/forecast"
)

// Store is what the session needs from storage.
type Store interface {
	model.Repository
	model.Journal
}

// Frame is what the views draw: a scenario and the forecast computed from
// exactly that scenario (Result nil until it arrives).
type Frame struct {
	Scenario *model.Scenario
	Result   *forecast.Result
}

// Session owns the state of one window on one project.
type Session struct {
	repo Store

	current *model.Scenario // as stored (a what-if resolved against its base)
	live    *model.Scenario // current plus the sliders' pending changes
	base    *model.Scenario // a what-if's base (nil for a base)
	history model.History

	frame Frame
	// ref is the forecast "Δ vs base" compares with: a what-if's base, or a
	// base as stored (before the sliders' pending changes).
	ref *forecast.Result
	// gen counts opened scenarios and switched projects: a forecast
	// requested before the last one is never shown.
	gen uint64
	// LastAction is what the last edit, undo or redo did.
	LastAction string
	// Now stamps edits (tests may replace it).
	Now func() time.Time
}

// New returns a session on repo with nothing open.
func New(repo Store) *Session { return &Session{repo: repo, Now: time.Now} }

// Repo is the project's storage.
func (s *Session) Repo() Store { return s.repo }

// SwitchProject puts the session on another project: nothing is open and
// every forecast still on its way is dropped.
func (s *Session) SwitchProject(repo Store) {
	s.repo = repo
	s.Close()
}

// Close leaves the open scenario (after a delete, or a project switch).
func (s *Session) Close() {
	s.current, s.live, s.base, s.frame, s.ref = nil, nil, nil, Frame{}, nil
	s.history = model.History{}
	s.LastAction = ""
	s.gen++
}

// Open loads the named scenario with its base and undo history.
func (s *Session) Open(name string) error {
	sc, err := s.repo.LoadScenario(name)
	if err != nil {
		return err
	}
	var base *model.Scenario
	if sc.Base != "" {
		if base, err = s.repo.LoadScenario(sc.Base); err != nil {
			return err
		}
	}
	undo, redo, err := s.repo.LoadJournal(name)
	if err != nil {
		return err
	}
	s.Close()
	s.current, s.base, s.live = sc, base, sc.Clone()
	s.history.Restore(undo, redo)
	s.frame = Frame{Scenario: sc.Clone()}
	return nil
}

// SetBaseReference makes res, the forecast of the base scenario named base,
// the reference of "Δ vs base", if that base is still the open what-if's: a
// what-if's base is forecast off the UI goroutine, so its result may land
// after another scenario was opened. It reports whether res was taken.
func (s *Session) SetBaseReference(base string, res *forecast.Result) bool {
	if s.base == nil || s.base.Name != base || res == nil {
		return false
	}
	s.ref = res
	return true
}

// Current is the open scenario as stored (nil when none is open).
func (s *Session) Current() *model.Scenario { return s.current }

// Live is the open scenario with the sliders' pending changes.
func (s *Session) Live() *model.Scenario { return s.live }

// Base is a what-if's base scenario (nil for a base).
func (s *Session) Base() *model.Scenario { return s.base }

// Frame is what the views draw.
func (s *Session) Frame() Frame { return s.frame }

// Reference is the forecast "Δ vs base" compares with.
func (s *Session) Reference() *forecast.Result { return s.ref }

// ReferenceName says what Reference is, for the column header: "base" (a
// what-if's base scenario) or "stored" (a base as stored, before the
// sliders' pending changes).
func (s *Session) ReferenceName() string {
	if s.base == nil { // a base scenario, or none open yet
		return "stored"
	}
	return "base"
}

// ReferenceText says the same in a sentence.
func (s *Session) ReferenceText() string {
	if s.base != nil {
		return "Δ is against the base scenario " + s.base.Name + "."
	}
	return "Δ is against " + s.current.Name + " as stored, before the sliders' changes."
}

// History is the undo history (a copy).
func (s *Session) History() model.History { return s.history }

// Options are the model options of the live scenario.
func (s *Session) Options() forecast.Options {
	if s.live == nil {
		return forecast.Options{}
	}
	return forecast.FromSettings(s.live.Settings)
}

// Request is what to forecast next: a copy of the live scenario, its
// options and the generation to hand back to Arrive.
func (s *Session) Request() (*model.Scenario, forecast.Options, uint64, bool) {
	if s.live == nil {
		return nil, forecast.Options{}, 0, false
	}
	return s.live.Clone(), s.Options(), s.gen, true
}

// IsCurrent reports whether gen is the generation of the scenario open now (a
// failed forecast of an earlier one is not worth saying).
func (s *Session) IsCurrent(gen uint64) bool { return gen == s.gen && s.current != nil }

// Arrive takes a finished forecast of sc (requested in generation gen) as
// the frame on screen. It reports whether the result is shown, and whether
// it is the forecast of the scenario as stored (then worth recording).
func (s *Session) Arrive(gen uint64, sc *model.Scenario, res *forecast.Result) (shown, stored bool) {
	if gen != s.gen || s.current == nil || res == nil {
		return false, false
	}
	s.frame = Frame{Scenario: sc, Result: res}
	stored = res.Fingerprint == forecast.Fingerprint(s.current, forecast.FromSettings(s.current.Settings))
	if stored && s.base == nil {
		s.ref = res
	}
	return true, stored
}

// Pending reports whether the sliders hold changes not applied yet.
func (s *Session) Pending() bool {
	if s.current == nil || s.live == nil {
		return false
	}
	return len(s.changes()) > 0
}

// change is one value the sliders moved.
type change struct {
	actor, issue int // issue -1 for capability
	field        model.Field
	from, to     float64
}

func (s *Session) changes() []change {
	var out []change
	cur, live := s.current, s.live
	if len(cur.Actors) != len(live.Actors) || len(cur.Issues) != len(live.Issues) {
		return nil
	}
	for a := range cur.Actors {
		if c, l := cur.Actors[a].Capability, live.Actors[a].Capability; c != l {
			out = append(out, change{a, -1, model.FieldCapability, c, l})
		}
		for i := range cur.Issues {
			c, l := cur.Stance(a, i), live.Stance(a, i)
			if c.Position != l.Position {
				out = append(out, change{a, i, model.FieldPosition, c.Position, l.Position})
			}
			if c.Salience != l.Salience {
				out = append(out, change{a, i, model.FieldSalience, c.Salience, l.Salience})
			}
		}
	}
	return out
}

// Value is actor a's field (on issue i for a stance) in sc.
func Value(sc *model.Scenario, a int, f model.Field, i int) float64 {
	if f == model.FieldCapability {
		return sc.Actors[a].Capability
	}
	st := sc.Stance(a, i)
	if f == model.FieldPosition {
		return st.Position
	}
	return st.Salience
}

// SetLive sets actor a's field (on issue i) in the live scenario, as a
// slider moves: nothing is stored until Apply or SaveAsWhatIf.
func (s *Session) SetLive(a int, f model.Field, i int, v float64) {
	if s.live == nil || a < 0 || a >= len(s.live.Actors) {
		return
	}
	work := s.live.Clone()
	switch f {
	case model.FieldCapability:
		work.Actors[a].SetCapability(v)
	case model.FieldPosition, model.FieldSalience:
		if i < 0 || i >= len(work.Issues) {
			return
		}
		st := work.Stance(a, i)
		if f == model.FieldPosition {
			st.SetPosition(v)
		} else {
			st.SetSalience(v)
		}
		work.SetStance(a, i, st)
	}
	s.live = work
}

// BaseValue is what a slider's "reset to base" goes back to, and whether
// the live value differs from it. For a what-if that is its base (so every
// override shows); for a base, the value as stored.
func (s *Session) BaseValue(a int, f model.Field, i int) (float64, bool) {
	ref := s.base
	if ref == nil {
		ref = s.current
	}
	if ref == nil || s.live == nil || a < 0 || a >= len(ref.Actors) || a >= len(s.live.Actors) || (f != model.FieldCapability && (i < 0 || i >= len(ref.Issues) || i >= len(s.live.Issues))) {
		return 0, false
	}
	r := Value(ref, a, f, i)
	return r, Value(s.live, a, f, i) != r
}

// Discard drops the sliders' pending changes.
func (s *Session) Discard() {
	if s.current != nil {
		s.live = s.current.Clone()
	}
}

// liveEdit is the one edit that turns current into live (every actor the
// sliders changed), with a label naming the changes.
func (s *Session) liveEdit() (model.Edit, bool) {
	ch := s.changes()
	if len(ch) == 0 {
		return model.Edit{}, false
	}
	cur := s.current
	var e model.Edit
	seen := map[int]bool{}
	var words []string
	for _, c := range ch {
		target := cur.Actors[c.actor].ShortLabel() + " " + string(c.field)
		if c.issue >= 0 {
			target += " on " + cur.Issues[c.issue].Name
		}
		words = append(words, model.Describe(target, round1(c.from), round1(c.to)))
		if !seen[c.actor] {
			seen[c.actor] = true
			e.Ops = append(e.Ops, model.ChangeActor(cur, c.actor, s.live.Actors[c.actor], "").Ops...)
		}
	}
	e.Label = words[0]
	if len(words) > 1 {
		e.Label = fmt.Sprintf("%d slider changes: %s", len(words), strings.Join(words, "; "))
	}
	e.At = s.Now().UTC().Format(time.RFC3339Nano)
	return e, true
}

func round1(v float64) float64 {
	if v < 0 {
		return -float64(int64(-v*10+0.5)) / 10
	}
	return float64(int64(v*10+0.5)) / 10
}

// Apply stores the sliders' pending changes in the open scenario as one
// undoable edit.
func (s *Session) Apply() error {
	e, ok := s.liveEdit()
	if !ok {
		return nil
	}
	return s.Do(e)
}

// Do applies an edit to the open scenario and stores it with its journal in
// one transaction. The sliders' pending changes are dropped (a refused edit
// changes nothing, and keeps them).
func (s *Session) Do(e model.Edit) error {
	if s.current == nil {
		return model.Errorf(model.ENOTFOUND, "no scenario is open")
	}
	work := s.current.Clone()
	h := s.history
	if e.At == "" {
		e.At = s.Now().UTC().Format(time.RFC3339Nano)
	}
	if err := h.Do(work, e); err != nil {
		return err
	}
	if err := s.persist(work, &h); err != nil {
		return err
	}
	s.history, s.current, s.live = h, work, work.Clone()
	s.LastAction = e.Label
	return nil
}

// Undo reverts the last edit; Redo re-applies the last undone one. Either
// drops the sliders' pending changes. The label of the step is returned.
func (s *Session) Undo() (string, error) { return s.step((*model.History).Undo, "Undid") }

// Redo re-applies the last undone edit.
func (s *Session) Redo() (string, error) { return s.step((*model.History).Redo, "Redid") }

func (s *Session) step(f func(*model.History, *model.Scenario) (model.Edit, bool, error), verb string) (string, error) {
	if s.current == nil {
		return "", nil
	}
	work := s.current.Clone()
	h := s.history
	e, ok, err := f(&h, work)
	if err != nil || !ok {
		return "", err
	}
	if err := s.persist(work, &h); err != nil {
		return "", err
	}
	s.history, s.current, s.live = h, work, work.Clone()
	s.LastAction = verb + ": " + e.Label
	return s.LastAction, nil
}

// persist stores sc with the history h; the store applies the what-if rules.
func (s *Session) persist(sc *model.Scenario, h *model.History) error {
	undo, redo := h.Stacks()
	return s.repo.SaveWithJournal(sc, undo, redo)
}

// SaveAsWhatIf stores the live scenario as a new what-if called name of the
// open scenario's base (the open scenario itself, for a base), in one
// transaction: the what-if holds every slider change as an override, its
// undo history the one edit that made them, and the open scenario (and its
// base) are left exactly as stored. The session then opens the what-if.
func (s *Session) SaveAsWhatIf(name, date string, nameFree func(string) error) error {
	if s.live == nil {
		return nil
	}
	if err := nameFree(name); err != nil {
		return err
	}
	base := s.base
	if base == nil {
		base = s.current
	}
	e, changed := s.liveEdit()
	wi := s.live.Clone()
	wi.ID, wi.Version, wi.Name, wi.Base, wi.Date = 0, "", name, base.Name, date
	wi.Overrides = append([]model.Override(nil), s.current.Overrides...) // their rationales are kept
	ov, err := model.CheckWhatIf(base, wi)
	if err != nil {
		return err
	}
	wi.Description = fmt.Sprintf("What-if of %s: %s", base.Name, model.Count(len(ov), "change"))
	var undo []model.Edit
	if changed {
		undo = []model.Edit{e}
	}
	if err := s.repo.SaveWithJournal(wi, undo, nil); err != nil {
		return err
	}
	return s.Open(name)
}

func bg() context.Context { return context.Background() }
