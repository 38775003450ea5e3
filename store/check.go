package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"parley/model"
)

// Report is what Check found in a project file.
type Report struct {
	Path string
	// Schema is the file's schema version (0 when it could not be read).
	Schema int
	// Scenarios lists every scenario the file holds; Opened how many of them
	// load and validate.
	Scenarios []string
	Opened    int
	// Problems are the messages of everything wrong, each naming where; none
	// means the file is sound.
	Problems []string
}

// OK reports whether the file is sound.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Check reads the project file at path without writing to it, ever: the
// file's header, SQLite's integrity_check and foreign_key_check, the
// application id and schema version, then every scenario as Parley would
// load it. A file that cannot be read at all returns the error that Open
// would refuse it with; otherwise each problem found is one line of the
// report.
func Check(path string) (*Report, error) {
	r := &Report{Path: path}
	ms, err := migrations()
	if err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "the built-in schema is broken", Err: err}
	}
	fresh, hot, err := preflight(path)
	if err != nil {
		return nil, err
	}
	if fresh {
		return nil, &model.Error{Code: model.ENOTFOUND, Where: path, Message: "no project here (the file is absent or empty)"}
	}
	if hot {
		// Only a read-write connection may roll a crash's journal back (or
		// read a WAL file): check, which never writes, stops here.
		r.Problems = append(r.Problems, path+": a rollback journal (or a WAL log) lies beside the file: a write is under way or was interrupted. "+
			"Open the project in Parley (or run parley-cli show) to roll it back to the last whole save, then check again")
		return r, nil
	}
	latest := ms[len(ms)-1].version
	if err := inspectReadOnly(path, BusyTimeout, latest); err != nil {
		return nil, err
	}
	name, err := dsn(path, BusyTimeout)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", name+"&mode=ro")
	if err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Where: path, Message: "cannot open the project file", Err: err}
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.QueryRow("PRAGMA user_version").Scan(&r.Schema); err != nil {
		return nil, damaged(path, err)
	}
	if r.Schema < latest {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: schema %d, older than this Parley's %d: opening it upgrades it after writing a backup %s", path, r.Schema, latest, BackupPath(path, r.Schema)))
	}
	var integrity string
	if err := db.QueryRow("PRAGMA integrity_check(1)").Scan(&integrity); err != nil {
		return nil, damaged(path, err)
	} else if integrity != "ok" {
		r.Problems = append(r.Problems, path+": integrity_check: "+integrity)
	}
	if err := foreignKeys(db, r); err != nil {
		return nil, damaged(path, err)
	}
	s := &Store{db: db, path: path, busy: BusyTimeout, Now: time.Now}
	list, err := s.ListScenarios()
	if err != nil {
		return nil, err
	}
	for _, info := range list {
		r.Scenarios = append(r.Scenarios, info.Name)
		if _, err := s.LoadScenario(info.Name); err != nil {
			r.Problems = append(r.Problems, model.ErrorMessage(err))
			continue
		}
		r.Opened++
	}
	return r, nil
}

// foreignKeys adds a line per table whose rows refer to missing rows.
func foreignKeys(db *sql.DB, r *Report) error {
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	n := map[string]int{}
	var order []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		key := table + " → " + parent
		if n[key] == 0 {
			order = append(order, key)
		}
		n[key]++
	}
	for _, k := range order {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: %s rows refer to a missing row (%s)", r.Path, strconv.Itoa(n[k]), k))
	}
	return rows.Err()
}
