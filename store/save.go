package store

import (
	"database/sql"
	"encoding/json"
	"errors"

	"parley/model"
)

// saveTx writes sc inside tx and returns its id. A scenario already stored is
// updated in place, row by row: issues are matched by key, actors by name,
// stances by actor and issue. SQLite leaves a page untouched when a row is
// rewritten with the bytes it already holds, so a save after one slider
// release writes (and journals, and flushes) a few pages, not the whole
// scenario. Rows the scenario no longer has are deleted with what hangs off
// them.
func saveTx(tx *sql.Tx, sc *model.Scenario, now string) (int64, error) {
	settings, err := json.Marshal(sc.Settings)
	if err != nil {
		return 0, err
	}
	noBargain := []byte("[]")
	if len(sc.NoBargain) > 0 && sc.Base == "" {
		if noBargain, err = json.Marshal(sc.NoBargain); err != nil {
			return 0, err
		}
	}
	var baseID sql.NullInt64
	if sc.Base != "" {
		if err := tx.QueryRow("SELECT id FROM scenario WHERE name = ? AND base_id IS NULL", sc.Base).Scan(&baseID); errors.Is(err, sql.ErrNoRows) {
			return 0, model.Errorf(model.ENOTFOUND, "the what-if %q is based on %q, which is not in this project", sc.Name, sc.Base)
		} else if err != nil {
			return 0, err
		}
	}
	var id int64
	var modified string
	var wasWhatIf bool
	err = tx.QueryRow("SELECT id, modified, base_id IS NOT NULL FROM scenario WHERE name = ?", sc.Name).Scan(&id, &modified, &wasWhatIf)
	if err == nil {
		// Never turn a base into a what-if (or back) by saving over its name,
		// and never overwrite what another window saved since sc was loaded.
		if wasWhatIf != (sc.Base != "") {
			kind := "scenario"
			if wasWhatIf {
				kind = "what-if"
			}
			return 0, model.Invalid("scenario name", model.RuleUnique, "another %s is already called %q; choose another name", kind, sc.Name)
		}
		if sc.Version != "" && sc.Version != modified {
			return 0, model.Errorf(model.ECONFLICT, "%q was changed in another window or program since it was opened here; nothing was saved: reopen it to see the other changes, then edit again", sc.Name)
		}
	}
	if sc.Base != "" {
		if err := checkOverrides(tx, sc); err != nil {
			return 0, err
		}
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.Exec(`INSERT INTO scenario (name, description, date, notes, base_id, settings, no_bargain, modified) VALUES (?,?,?,?,?,?,?,?)`,
			sc.Name, sc.Description, sc.Date, sc.Notes, baseID, string(settings), string(noBargain), now)
		if err != nil {
			return 0, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	default:
		if _, err := tx.Exec(`UPDATE scenario SET description=?, date=?, notes=?, base_id=?, settings=?, no_bargain=?, modified=? WHERE id=?`,
			sc.Description, sc.Date, sc.Notes, baseID, string(settings), string(noBargain), now, id); err != nil {
			return 0, err
		}
	}
	if _, err := tx.Exec("DELETE FROM override WHERE scenario_id = ?", id); err != nil {
		return 0, err
	}
	if sc.Base != "" {
		// A what-if stores its overrides only (a handful of rows).
		for _, t := range []string{"DELETE FROM issue WHERE scenario_id = ?", "DELETE FROM actor WHERE scenario_id = ?"} {
			if _, err := tx.Exec(t, id); err != nil {
				return 0, err
			}
		}
		stmt, err := tx.Prepare(`INSERT INTO override (scenario_id, ord, actor, issue, field, value, rationale) VALUES (?,?,?,?,?,?,?)`)
		if err != nil {
			return 0, err
		}
		defer stmt.Close()
		for k, o := range sc.Overrides {
			if _, err := stmt.Exec(id, k, o.Actor, o.Issue, o.Field, o.Value, o.Rationale); err != nil {
				return 0, err
			}
		}
		return id, nil
	}
	issueIDs, err := saveIssues(tx, id, sc.Issues)
	if err != nil {
		return 0, err
	}
	return id, saveActors(tx, id, sc, issueIDs)
}

// stored is what a scenario already holds of one table: row id and order by key.
type stored struct {
	id  map[string]int64
	ord map[string]int
}

// loadStored reads (id, key, ord) rows and deletes those whose key is not in
// keep. It reports whether a kept row must move to another position.
func loadStored(tx *sql.Tx, query, del string, scenario int64, keep map[string]int) (stored, bool, error) {
	st := stored{id: map[string]int64{}, ord: map[string]int{}}
	rows, err := tx.Query(query, scenario)
	if err != nil {
		return st, false, err
	}
	var gone []int64
	moved := false
	for rows.Next() {
		var id int64
		var key string
		var ord int
		if err := rows.Scan(&id, &key, &ord); err != nil {
			rows.Close()
			return st, false, err
		}
		k, ok := keep[key]
		if !ok {
			gone = append(gone, id)
			continue
		}
		st.id[key], st.ord[key] = id, ord
		moved = moved || k != ord
	}
	if err := closeRows(rows); err != nil {
		return st, false, err
	}
	for _, id := range gone {
		if _, err := tx.Exec(del, id); err != nil {
			return st, false, err
		}
	}
	return st, moved, nil
}

// saveIssues writes the issues and their anchors, returning issue ids by key.
func saveIssues(tx *sql.Tx, scenario int64, issues []model.Issue) (map[string]int64, error) {
	keep := make(map[string]int, len(issues))
	for k, is := range issues {
		keep[is.Key] = k
	}
	old, moved, err := loadStored(tx, "SELECT id, key, ord FROM issue WHERE scenario_id = ?", "DELETE FROM issue WHERE id = ?", scenario, keep)
	if err != nil {
		return nil, err
	}
	if moved {
		// Through ords no row uses, so UNIQUE (scenario_id, ord) holds at every step.
		if _, err := tx.Exec("UPDATE issue SET ord = -1 - ord WHERE scenario_id = ?", scenario); err != nil {
			return nil, err
		}
	}
	ins, err := tx.Prepare(`INSERT INTO issue (scenario_id, ord, key, name, description, status_quo, rationale, source, scale_lo, scale_hi, scale_unit) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return nil, err
	}
	defer ins.Close()
	upd, err := tx.Prepare(`UPDATE issue SET ord=?, name=?, description=?, status_quo=?, rationale=?, source=?, scale_lo=?, scale_hi=?, scale_unit=? WHERE id=?`)
	if err != nil {
		return nil, err
	}
	defer upd.Close()
	putAnchor, err := tx.Prepare(`INSERT INTO anchor (issue_id, ord, at, label) VALUES (?,?,?,?)
		ON CONFLICT (issue_id, ord) DO UPDATE SET at = excluded.at, label = excluded.label`)
	if err != nil {
		return nil, err
	}
	defer putAnchor.Close()
	dropAnchors, err := tx.Prepare(`DELETE FROM anchor WHERE issue_id = ? AND ord >= ?`)
	if err != nil {
		return nil, err
	}
	defer dropAnchors.Close()
	ids := make(map[string]int64, len(issues))
	for k, is := range issues {
		iid, ok := old.id[is.Key]
		lo, hi, unit := scaleCols(is.Scale)
		if ok {
			if _, err := upd.Exec(k, is.Name, is.Description, is.StatusQuo, is.Rationale, is.Source, lo, hi, unit, iid); err != nil {
				return nil, err
			}
		} else {
			res, err := ins.Exec(scenario, k, is.Key, is.Name, is.Description, is.StatusQuo, is.Rationale, is.Source, lo, hi, unit)
			if err != nil {
				return nil, err
			}
			if iid, err = res.LastInsertId(); err != nil {
				return nil, err
			}
		}
		ids[is.Key] = iid
		for j, a := range is.Anchors {
			if _, err := putAnchor.Exec(iid, j, a.At, a.Label); err != nil {
				return nil, err
			}
		}
		if ok {
			if _, err := dropAnchors.Exec(iid, len(is.Anchors)); err != nil {
				return nil, err
			}
		}
	}
	return ids, nil
}

// saveActors writes the actors and every actor's stance on every issue.
func saveActors(tx *sql.Tx, scenario int64, sc *model.Scenario, issueIDs map[string]int64) error {
	keep := make(map[string]int, len(sc.Actors))
	for k, a := range sc.Actors {
		keep[a.Name] = k
	}
	old, moved, err := loadStored(tx, "SELECT id, name, ord FROM actor WHERE scenario_id = ?", "DELETE FROM actor WHERE id = ?", scenario, keep)
	if err != nil {
		return err
	}
	if moved {
		if _, err := tx.Exec("UPDATE actor SET ord = -1 - ord WHERE scenario_id = ?", scenario); err != nil {
			return err
		}
	}
	ins, err := tx.Prepare(`INSERT INTO actor (scenario_id, ord, name, label, grp, color, capability, cap_low, cap_high, notes, source, rationale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	upd, err := tx.Prepare(`UPDATE actor SET ord=?, label=?, grp=?, color=?, capability=?, cap_low=?, cap_high=?, notes=?, source=?, rationale=? WHERE id=?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	putStance, err := tx.Prepare(`INSERT INTO stance (actor_id, issue_id, position, salience, pos_low, pos_high, sal_low, sal_high, source, rationale) VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (actor_id, issue_id) DO UPDATE SET position = excluded.position, salience = excluded.salience,
			pos_low = excluded.pos_low, pos_high = excluded.pos_high, sal_low = excluded.sal_low, sal_high = excluded.sal_high,
			source = excluded.source, rationale = excluded.rationale`)
	if err != nil {
		return err
	}
	defer putStance.Close()
	dropStance, err := tx.Prepare(`DELETE FROM stance WHERE actor_id = ? AND issue_id = ?`)
	if err != nil {
		return err
	}
	defer dropStance.Close()
	for k, a := range sc.Actors {
		lo, hi := rangeArgs(a.CapabilityRange)
		aid, ok := old.id[a.Name]
		if ok {
			if _, err := upd.Exec(k, a.Label, a.Group, a.Color, a.Capability, lo, hi, a.Notes, a.Source, a.Rationale, aid); err != nil {
				return err
			}
		} else {
			res, err := ins.Exec(scenario, k, a.Name, a.Label, a.Group, a.Color, a.Capability, lo, hi, a.Notes, a.Source, a.Rationale)
			if err != nil {
				return err
			}
			if aid, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		for _, is := range sc.Issues {
			st, set := a.Stances[is.Key]
			if !set { // an unset stance has no row (a stored one is dropped)
				if ok {
					if _, err := dropStance.Exec(aid, issueIDs[is.Key]); err != nil {
						return err
					}
				}
				continue
			}
			pl, ph := rangeArgs(st.PositionRange)
			sl, sh := rangeArgs(st.SalienceRange)
			if _, err := putStance.Exec(aid, issueIDs[is.Key], st.Position, st.Salience, pl, ph, sl, sh, st.Source, st.Rationale); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkOverrides refuses a what-if whose overrides do not apply to its base
// (an actor or issue it does not have): stored, it could never be opened.
func checkOverrides(tx *sql.Tx, wi *model.Scenario) error {
	base, _, err := loadRaw(tx, wi.Base)
	if err != nil {
		return err
	}
	_, err = model.ApplyOverrides(base, &model.Scenario{Name: wi.Name, Overrides: wi.Overrides})
	return err
}

// scaleCols are an issue's own scale as the issue row stores it: NULL ends
// for Parley's 0-100.
func scaleCols(sc *model.IssueScale) (lo, hi sql.NullFloat64, unit string) {
	if sc == nil {
		return lo, hi, ""
	}
	return sql.NullFloat64{Float64: sc.Lo, Valid: true}, sql.NullFloat64{Float64: sc.Hi, Valid: true}, sc.Unit
}
