package store

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"parley/model"
)

var _ model.CheckpointRepository = (*Store)(nil)

// NameRun gives run runID of the named scenario the checkpoint name ("brief
// of 27 Nov"), in one transaction; an empty name removes it. The run must be
// the scenario's own.
func (s *Store) NameRun(scenario string, runID int64, name string) error {
	name = strings.TrimSpace(name)
	if name != "" {
		if err := model.CheckName("checkpoint name", name); err != nil {
			return err
		}
	}
	return s.write("name a checkpoint of scenario "+strconv.Quote(scenario), func(tx *sql.Tx) error {
		id, err := scenarioID(tx, scenario)
		if err != nil {
			return err
		}
		res, err := tx.Exec("UPDATE run SET checkpoint = ? WHERE id = ? AND scenario_id = ?", name, runID, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return model.Errorf(model.ENOTFOUND, "scenario %q has no run %d to name", scenario, runID)
		}
		return nil
	})
}

// RecordExport stores that e.What of the named scenario was exported, tied to
// its newest run (the one the export showed), in one transaction.
func (s *Store) RecordExport(scenario string, e model.ExportEvent) error {
	if err := model.CheckName("export", e.What); err != nil {
		return err
	}
	created := e.Created
	if created.IsZero() {
		created = s.Now()
	}
	return s.write("record an export of scenario "+strconv.Quote(scenario), func(tx *sql.Tx) error {
		id, err := scenarioID(tx, scenario)
		if err != nil {
			return err
		}
		var run sql.NullInt64
		if e.RunID > 0 {
			run = sql.NullInt64{Int64: e.RunID, Valid: true}
		} else if err := tx.QueryRow("SELECT id FROM run WHERE scenario_id = ? ORDER BY created DESC, id DESC LIMIT 1", id).Scan(&run); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.Exec("INSERT INTO export_event (scenario_id, run_id, what, path, created) VALUES (?,?,?,?,?)",
			id, run, e.What, e.Path, created.UTC().Format(timeLayout))
		return err
	})
}

// LastExport returns the named scenario's newest export event.
func (s *Store) LastExport(scenario string) (e model.ExportEvent, ok bool, err error) {
	err = s.read("read the exports of scenario "+strconv.Quote(scenario), func(q querier) error {
		id, err := scenarioID(q, scenario)
		if err != nil {
			return err
		}
		var run sql.NullInt64
		var created string
		err = q.QueryRow("SELECT run_id, what, path, created FROM export_event WHERE scenario_id = ? ORDER BY created DESC, id DESC LIMIT 1", id).
			Scan(&run, &e.What, &e.Path, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		e.RunID, ok = run.Int64, true
		if e.Created, err = time.Parse(time.RFC3339Nano, created); err != nil {
			return &model.Error{Code: model.EINTERNAL, Where: s.path, Message: "an export of scenario " + strconv.Quote(scenario) + " has a damaged date", Err: err}
		}
		return nil
	})
	return e, ok, err
}

func scenarioID(q querier, scenario string) (int64, error) {
	var id int64
	err := q.QueryRow("SELECT id FROM scenario WHERE name = ?", scenario).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound(scenario)
	}
	return id, err
}
