package store

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"sync"

	"parley/model"
)

// MaxJournal is how many edits the journal keeps per scenario and stack
// (undo, redo); the oldest are dropped.
const MaxJournal = 500

// SaveWithJournal writes the scenario and its undo/redo stacks in one
// transaction, under the what-if rules of writeScenario (a resolved what-if
// is stored as its overrides, which are set on sc), so that after a crash or a restart the stored scenario and
// the history that led to it always agree. Each stack keeps its newest
// MaxJournal edits.
//
// The scenarios in also (what-ifs whose overrides follow the change) are
// saved in the same transaction. A base scenario is refused, and nothing is
// written, when afterwards one of its what-ifs would override an actor or an
// issue it no longer has.
func (s *Store) SaveWithJournal(sc *model.Scenario, undo, redo []model.Edit, also ...*model.Scenario) error {
	for _, x := range append([]*model.Scenario{sc}, also...) {
		if err := model.ValidateErr(x); err != nil {
			return err
		}
	}
	var id int64
	var now string
	var stored *model.Scenario
	err := s.write("save scenario "+strconv.Quote(sc.Name)+" with its undo history", func(tx *sql.Tx) (err error) {
		now = s.now()
		if id, stored, err = writeScenario(tx, sc, now, true); err != nil {
			return err
		}
		for _, x := range also {
			if _, _, err := writeScenario(tx, x, now, true); err != nil {
				return err
			}
		}
		return writeJournal(tx, id, undo, redo, now)
	})
	if err != nil {
		return err
	}
	sc.ID, sc.Version = id, now
	if stored != sc {
		sc.Overrides = stored.Overrides
	}
	for _, x := range also {
		x.Version = now
	}
	return nil
}

// writeJournal makes the stored stacks of scenario id equal to undo and redo.
// The journal is stored incrementally: an edit already stored in its place
// keeps its row, so the usual save (one edit pushed, undone or redone) writes
// a row or two, not the whole history again (≈2 MB at MaxJournal edits of a
// 250-actor scenario). Within each stack, rows are read back in seq order;
// new rows take seqs above every stored one.
func writeJournal(tx *sql.Tx, id int64, undo, redo []model.Edit, now string) error {
	// The oldest edits go first: the bottom of the undo stack, and the bottom
	// of the redo stack (the edit undone first, furthest from now).
	if len(undo) > MaxJournal {
		undo = undo[len(undo)-MaxJournal:]
	}
	if len(redo) > MaxJournal {
		redo = redo[len(redo)-MaxJournal:]
	}
	want := [2][][]byte{}
	for k, stack := range [2][]model.Edit{undo, redo} {
		for _, e := range stack {
			b, err := editJSON.marshal(e)
			if err != nil {
				return err
			}
			want[k] = append(want[k], b)
		}
	}
	var have [2][]storedEdit
	var last int64
	rows, err := tx.Query("SELECT seq, undone, payload FROM edit WHERE scenario_id = ? ORDER BY seq", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var e storedEdit
		var undone int
		if err := rows.Scan(&e.seq, &undone, &e.payload); err != nil {
			rows.Close()
			return err
		}
		have[min(max(undone, 0), 1)] = append(have[min(max(undone, 0), 1)], e)
		last = e.seq
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	del, err := tx.Prepare("DELETE FROM edit WHERE scenario_id = ? AND seq = ?")
	if err != nil {
		return err
	}
	defer del.Close()
	ins, err := tx.Prepare("INSERT INTO edit (scenario_id, seq, label, payload, undone, created) VALUES (?,?,?,?,?,?)")
	if err != nil {
		return err
	}
	defer ins.Close()
	for undone, stack := range [2][]model.Edit{undo, redo} {
		drop, kept := align(have[undone], want[undone])
		for _, seq := range drop {
			if _, err := del.Exec(id, seq); err != nil {
				return err
			}
		}
		for k := kept; k < len(stack); k++ {
			last++
			if _, err := ins.Exec(id, last, stack[k].Label, string(want[undone][k]), undone, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// editJSON remembers each journal edit's JSON (issue 19, budget "save
// 250×10 ≤ 50 ms"). Every save of the window sends the whole undo history,
// up to MaxJournal edits of whole actors, of which usually one is new;
// marshalling all of them again took about 13 ms of each save. An edit in a
// model.History never changes once made (its ops are copies), so its JSON is
// kept by the identity of its ops (the backing array, shared by every copy
// of the stacks) with its label and time. It is a memo of json.Marshal only:
// what is stored is decided, as before, by comparing with the stored rows.
var editJSON = &editMemo{m: map[editKey][]byte{}}

type editKey struct {
	ops       *model.Op
	n         int
	label, at string
}

type editMemo struct {
	mu sync.Mutex
	m  map[editKey][]byte
}

// memoMax bounds the memo (two windows' worth of full stacks); past it the
// memo starts again.
const memoMax = 4 * MaxJournal

func (c *editMemo) marshal(e model.Edit) ([]byte, error) {
	if len(e.Ops) == 0 {
		return json.Marshal(e)
	}
	k := editKey{ops: &e.Ops[0], n: len(e.Ops), label: e.Label, at: e.At}
	c.mu.Lock()
	b, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.m) >= memoMax {
		c.m = map[editKey][]byte{}
	}
	c.m[k] = b
	c.mu.Unlock()
	return b, nil
}

// storedEdit is one journal row as stored.
type storedEdit struct {
	seq     int64
	payload string
}

// align matches a stored stack against the wanted one: it keeps the longest
// run of stored rows, starting where the wanted stack's oldest edit is
// stored, that equals the wanted stack's start. It returns the seqs of the
// other stored rows (to delete) and how many wanted edits the kept run holds
// (the rest are appended after it).
func align(stored []storedEdit, want [][]byte) (drop []int64, kept int) {
	start := len(stored)
	if len(want) > 0 {
		for k, e := range stored {
			if e.payload == string(want[0]) {
				start = k
				break
			}
		}
	}
	for start+kept < len(stored) && kept < len(want) && stored[start+kept].payload == string(want[kept]) {
		kept++
	}
	for k, e := range stored {
		if k < start || k >= start+kept {
			drop = append(drop, e.seq)
		}
	}
	return drop, kept
}

// LoadJournal returns the named scenario's undo and redo stacks, oldest
// first, as SaveWithJournal stored them (both empty for a scenario without
// history).
func (s *Store) LoadJournal(name string) (undo, redo []model.Edit, err error) {
	err = s.read("read the undo history of scenario "+strconv.Quote(name), func(q querier) error {
		rows, err := q.Query(`SELECT e.payload, e.undone FROM edit e JOIN scenario s ON s.id = e.scenario_id WHERE s.name = ? ORDER BY e.seq`, name)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var payload string
			var undone int
			if err := rows.Scan(&payload, &undone); err != nil {
				return err
			}
			var e model.Edit
			if err := json.Unmarshal([]byte(payload), &e); err != nil {
				return &model.Error{Code: model.EINTERNAL, Where: s.path, Message: "the undo history of scenario " + strconv.Quote(name) + " is damaged", Err: err}
			}
			if undone == 1 {
				redo = append(redo, e)
			} else {
				undo = append(undo, e)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	return undo, redo, nil
}

// checkWhatIfs verifies, inside tx, that every what-if of base still applies
// to it: each override names an actor and an issue the base has. base is the
// scenario saveTx has just written in tx, so it is exactly what is stored.
//
// Performance (issue 19, budget "save 250×10 ≤ 50 ms"): this runs on every
// save of a base, i.e. after every slider release. It used to reload the
// whole base (2,500 stance rows at 250×10) even when the base had no
// what-if, and to clone it once per what-if. Now it lists the what-ifs
// first (nothing more to do without any) and applies their overrides to a
// skeleton of the base (its actors' and issues' names only): whether an
// override applies depends on nothing else (model.ApplyOverrides), so the
// rule stays model's and the check costs a few rows per what-if.
func checkWhatIfs(tx *sql.Tx, base *model.Scenario) error {
	rows, err := tx.Query(`SELECT s.name FROM scenario s JOIN scenario b ON b.id = s.base_id WHERE b.name = ?`, base.Name)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		names = append(names, n)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	if len(names) == 0 {
		return nil
	}
	skel := skeleton(base)
	for _, n := range names {
		wi, _, err := loadRaw(tx, n)
		if err != nil {
			return err
		}
		if _, err := model.ApplyOverrides(skel, wi); err != nil {
			return model.Errorf(model.ECONFLICT, "the what-if %q would no longer apply to %q (%s): remove or change its overrides first", n, base.Name, model.ErrorMessage(err))
		}
	}
	return nil
}

// skeleton is sc with its issue keys and names and its actor names and labels only (what
// ActorIndex and IssueIndex match) (no stances,
// anchors or texts): enough to tell whether an override applies, cheap to
// clone.
func skeleton(sc *model.Scenario) *model.Scenario {
	sk := &model.Scenario{Name: sc.Name, Issues: make([]model.Issue, len(sc.Issues)), Actors: make([]model.Actor, len(sc.Actors))}
	for i, is := range sc.Issues {
		sk.Issues[i] = model.Issue{Key: is.Key, Name: is.Name}
	}
	for a, ac := range sc.Actors {
		sk.Actors[a] = model.Actor{Name: ac.Name, Label: ac.Label}
	}
	return sk
}
