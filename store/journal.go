package store

import (
	"database/sql"
	"encoding/json"
	"strconv"

	"parley/model"
)

// MaxJournal is how many edits the journal keeps per scenario (oldest dropped).
const MaxJournal = 500

// SaveWithJournal writes the scenario and its undo/redo stacks in one
// transaction, so that after a crash or a restart the stored scenario and
// the history that led to it always agree.
func (s *Store) SaveWithJournal(sc *model.Scenario, undo, redo []model.Edit) error {
	if err := model.ValidateErr(sc); err != nil {
		return err
	}
	tx, err := s.db.Begin()
	if err != nil {
		return wrapErr(s.path, "save scenario "+strconv.Quote(sc.Name), err)
	}
	defer tx.Rollback()
	now := s.now()
	id, err := saveTx(tx, sc, now)
	if err != nil {
		return wrapErr(s.path, "save scenario "+strconv.Quote(sc.Name), err)
	}
	if err := writeJournal(tx, id, undo, redo, now); err != nil {
		return wrapErr(s.path, "save the undo history", err)
	}
	if err := tx.Commit(); err != nil {
		return wrapErr(s.path, "save scenario "+strconv.Quote(sc.Name), err)
	}
	sc.ID = id
	return nil
}

func writeJournal(tx *sql.Tx, id int64, undo, redo []model.Edit, now string) error {
	if _, err := tx.Exec("DELETE FROM edit WHERE scenario_id = ?", id); err != nil {
		return err
	}
	if len(undo) > MaxJournal {
		undo = undo[len(undo)-MaxJournal:]
	}
	stmt, err := tx.Prepare("INSERT INTO edit (scenario_id, seq, label, payload, undone, created) VALUES (?,?,?,?,?,?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	seq := 0
	put := func(e model.Edit, undone int) error {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		seq++
		_, err = stmt.Exec(id, seq, e.Label, string(b), undone, now)
		return err
	}
	for _, e := range undo {
		if err := put(e, 0); err != nil {
			return err
		}
	}
	// Redo entries are stored newest-undone last, as the stack holds them.
	for _, e := range redo {
		if err := put(e, 1); err != nil {
			return err
		}
	}
	return nil
}

// LoadJournal returns the named scenario's undo and redo stacks.
func (s *Store) LoadJournal(name string) (undo, redo []model.Edit, err error) {
	rows, err := s.db.Query(`SELECT e.payload, e.undone FROM edit e JOIN scenario s ON s.id = e.scenario_id WHERE s.name = ? ORDER BY e.seq`, name)
	if err != nil {
		return nil, nil, wrapErr(s.path, "read the undo history", err)
	}
	defer rows.Close()
	for rows.Next() {
		var payload string
		var undone int
		if err := rows.Scan(&payload, &undone); err != nil {
			return nil, nil, wrapErr(s.path, "read the undo history", err)
		}
		var e model.Edit
		if err := json.Unmarshal([]byte(payload), &e); err != nil {
			return nil, nil, &model.Error{Code: model.EINTERNAL, Where: s.path, Message: "the undo history is damaged", Err: err}
		}
		if undone == 1 {
			redo = append(redo, e)
		} else {
			undo = append(undo, e)
		}
	}
	return undo, redo, wrapErr(s.path, "read the undo history", rows.Err())
}
