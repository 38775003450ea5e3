package store

import (
	"database/sql"

	"parley/model"
)

// The what-if rules, in one place, applied inside the transaction of every
// save that can touch a what-if (SaveWithJournal, SaveScenario,
// UpdateScenario), so the window and the CLI obey the same rules:
//
//   - a what-if handed over resolved (with actors, as LoadScenario returns
//     it) is stored as the overrides that turn its base, as stored now, into
//     it; a change an override cannot hold (a label, a rationale, an actor
//     or issue added) is refused; the rationale of an override already
//     stored is kept;
//   - a base whose actor is renamed by an edit (SaveWithJournal: actors
//     matched by position) carries the rename into every what-if of it, in
//     the same transaction; a whole replacement (SaveScenario, an import)
//     does not guess at renames;
//   - a base change that would leave a what-if overriding an actor or issue
//     the base no longer has is refused (checkWhatIfs).

// storedForm returns what is written for sc: sc itself for a base or a
// what-if already in its stored form (overrides only), else the overrides
// derived from sc's base as stored in tx.
func storedForm(tx *sql.Tx, sc *model.Scenario) (*model.Scenario, error) {
	if sc.Base == "" || len(sc.Actors) == 0 && len(sc.Issues) == 0 {
		return sc, nil
	}
	base, _, err := loadRaw(tx, sc.Base)
	if err != nil {
		return nil, err
	}
	ov, err := model.CheckWhatIf(base, sc)
	if err != nil {
		return nil, err
	}
	if old, _, err := loadRaw(tx, sc.Name); err == nil {
		model.KeepRationales(old.Overrides, ov)
	} else if model.ErrorCode(err) != model.ENOTFOUND {
		return nil, err
	}
	model.KeepRationales(sc.Overrides, ov)
	return sc.StoredWhatIf(sc.Base, ov), nil
}

// followRenames rewrites, inside tx, the overrides of every what-if of base
// scenario sc that name an actor sc (as about to be written) calls
// differently from the stored copy: actors are matched by position, so a
// rename (or its undo) keeps every what-if working. It must run before sc
// is written.
func followRenames(tx *sql.Tx, sc *model.Scenario) error {
	if sc.Base != "" {
		return nil
	}
	rows, err := tx.Query(`SELECT a.name FROM actor a JOIN scenario s ON s.id = a.scenario_id WHERE s.name = ? ORDER BY a.ord`, sc.Name)
	if err != nil {
		return err
	}
	var old []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		old = append(old, n)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	if len(old) != len(sc.Actors) {
		return nil
	}
	renamed := map[string]string{}
	for a := range old {
		if old[a] != sc.Actors[a].Name {
			renamed[old[a]] = sc.Actors[a].Name
		}
	}
	if len(renamed) == 0 {
		return nil
	}
	// Two passes through names no actor has, so a swap of two names holds.
	stmt, err := tx.Prepare(`UPDATE override SET actor = ? WHERE actor = ? AND scenario_id IN
		(SELECT w.id FROM scenario w JOIN scenario b ON b.id = w.base_id WHERE b.name = ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for from := range renamed {
		if _, err := stmt.Exec("\x00"+from, from, sc.Name); err != nil {
			return err
		}
	}
	for from, to := range renamed {
		if _, err := stmt.Exec(to, "\x00"+from, sc.Name); err != nil {
			return err
		}
	}
	return nil
}

// writeScenario applies the what-if rules and writes sc in tx, returning its
// id and what was stored; edit says sc comes from an edit of the stored copy
// (so a changed actor name at a position is a rename).
func writeScenario(tx *sql.Tx, sc *model.Scenario, now string, edit bool) (int64, *model.Scenario, error) {
	stored, err := storedForm(tx, sc)
	if err != nil {
		return 0, nil, err
	}
	if edit {
		if err := followRenames(tx, stored); err != nil {
			return 0, nil, err
		}
	}
	id, err := saveTx(tx, stored, now)
	if err != nil {
		return 0, nil, err
	}
	if stored.Base == "" {
		if err := checkWhatIfs(tx, stored); err != nil {
			return 0, nil, err
		}
	}
	return id, stored, nil
}
