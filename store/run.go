package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"parley/model"
)

// Run is one stored model run (model.Run).
type Run = model.Run

var _ model.RunRepository = (*Store)(nil)

// SaveRun stores r as a run of the named scenario, in one transaction.
// Options and Results are kept exactly as given and must be JSON; a zero
// Created is stamped with the store's clock.
func (s *Store) SaveRun(scenario string, r Run) error {
	if err := model.CheckName("run model", r.Model); err != nil {
		return err
	}
	if strings.TrimSpace(r.Fingerprint) == "" {
		return model.Invalid("run fingerprint", model.RuleRequired, "a run needs the fingerprint of its inputs")
	}
	if strings.TrimSpace(r.Options) == "" {
		r.Options = "{}"
	}
	if !json.Valid([]byte(r.Options)) {
		return model.Invalid("run options", "JSON", "the options of a %s run are not valid JSON", r.Model)
	}
	if !json.Valid([]byte(r.Results)) {
		return model.Invalid("run results", "JSON", "the results of a %s run are not valid JSON", r.Model)
	}
	created := r.Created
	if created.IsZero() {
		created = s.Now()
	}
	return s.write("save a "+r.Model+" run of scenario "+strconv.Quote(scenario), func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRow("SELECT id FROM scenario WHERE name = ?", scenario).Scan(&id); errors.Is(err, sql.ErrNoRows) {
			return notFound(scenario)
		} else if err != nil {
			return err
		}
		_, err := tx.Exec("INSERT INTO run (scenario_id, model, options, fingerprint, results, created) VALUES (?,?,?,?,?,?)",
			id, r.Model, r.Options, r.Fingerprint, r.Results, created.UTC().Format(timeLayout))
		return err
	})
}

// Runs returns the named scenario's stored runs, oldest first.
func (s *Store) Runs(scenario string) ([]Run, error) {
	var out []Run
	err := s.read("read the runs of scenario "+strconv.Quote(scenario), func(q querier) error {
		var id int64
		if err := q.QueryRow("SELECT id FROM scenario WHERE name = ?", scenario).Scan(&id); errors.Is(err, sql.ErrNoRows) {
			return notFound(scenario)
		} else if err != nil {
			return err
		}
		rows, err := q.Query("SELECT id, model, options, fingerprint, results, created, checkpoint FROM run WHERE scenario_id = ? ORDER BY created, id", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Run
			var created string
			if err := rows.Scan(&r.ID, &r.Model, &r.Options, &r.Fingerprint, &r.Results, &created, &r.Checkpoint); err != nil {
				return err
			}
			if r.Created, err = time.Parse(time.RFC3339Nano, created); err != nil {
				return &model.Error{Code: model.EINTERNAL, Where: s.path, Message: "run " + strconv.FormatInt(r.ID, 10) + " has a damaged date", Err: err}
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
