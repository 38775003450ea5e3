package store

import (
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"parley/model"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open Parley project file.
type Store struct {
	db   *sql.DB
	path string
	// Now is the clock used for modification times; tests replace it.
	Now func() time.Time
}

var _ model.Repository = (*Store)(nil)

// BusyTimeout is how long a write waits for another process's lock before
// giving up with a "busy" message.
const BusyTimeout = 5 * time.Second

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %q: name must start with a number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the newest schema this build of Parley knows.
func SchemaVersion() int {
	ms, _ := migrations()
	return ms[len(ms)-1].version
}

func dsn(path string) string {
	return "file:" + path + "?_foreign_keys=on&_busy_timeout=" + strconv.Itoa(int(BusyTimeout/time.Millisecond)) +
		"&_journal_mode=DELETE&_synchronous=FULL&_txlock=immediate"
}

// Open opens (creating if needed) the project file at path and brings its schema
// up to date. A database written by a newer Parley is refused untouched (code
// model.EVERSION). An older one is migrated after a backup copy is written
// beside it as PATH.vN.bak.
func Open(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, &model.Error{Code: model.EINTERNAL, Where: path, Message: "cannot create the folder for the project file", Err: err}
		}
	}
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Where: path, Message: "cannot open the project file", Err: err}
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path is the project file's path.
func (s *Store) Path() string { return s.path }

// DB exposes the database handle to this module's tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the project file. After a clean close no journal file remains.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate() error {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return wrapErr(s.path, "read the schema version", err)
	}
	ms, err := migrations()
	if err != nil {
		return &model.Error{Code: model.EINTERNAL, Message: "the built-in schema is broken", Err: err}
	}
	latest := ms[len(ms)-1].version
	if v > latest {
		return &model.Error{Code: model.EVERSION, Where: s.path, Rule: "schema version",
			Message: fmt.Sprintf("this project file was written by a newer Parley (schema %d; this version knows up to %d). It was left untouched: open it with the newer Parley", v, latest)}
	}
	if v > 0 && v < latest {
		bak := fmt.Sprintf("%s.v%d.bak", s.path, v)
		os.Remove(bak)
		if _, err := s.db.Exec("VACUUM INTO ?", bak); err != nil {
			return wrapErr(s.path, "write a backup before upgrading", err)
		}
	}
	for _, m := range ms {
		if m.version <= v {
			continue
		}
		tx, err := s.db.Begin()
		if err != nil {
			return wrapErr(s.path, "upgrade the schema", err)
		}
		if _, err := tx.Exec(m.sql); err != nil {
			tx.Rollback()
			return wrapErr(s.path, "apply migration "+m.name, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return wrapErr(s.path, "record migration "+m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return wrapErr(s.path, "commit migration "+m.name, err)
		}
	}
	return nil
}

// wrapErr turns a database error into a model.Error an analyst can act on.
func wrapErr(where, op string, err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return &model.Error{Code: model.ECONFLICT, Where: where, Message: "could not " + op + ": another Parley window or program is writing to this project file; try again in a moment", Err: err}
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return &model.Error{Code: model.EINVALID, Where: where, Rule: "SQLite project file", Message: "could not " + op + ": this is not a Parley project file, or it is damaged", Err: err}
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			return &model.Error{Code: model.EINVALID, Where: where, Rule: "writable file", Message: "could not " + op + ": the file cannot be opened for writing", Err: err}
		}
	}
	return &model.Error{Code: model.EINTERNAL, Where: where, Message: "could not " + op, Err: err}
}

func (s *Store) now() string { return s.Now().UTC().Format(time.RFC3339Nano) }

// IsEmpty reports whether the project file holds no scenario yet.
func (s *Store) IsEmpty() (bool, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM scenario").Scan(&n)
	return n == 0, wrapErr(s.path, "count scenarios", err)
}

// ListScenarios lists every scenario, bases first in name order, each base's
// what-ifs right after it.
func (s *Store) ListScenarios() ([]model.ScenarioInfo, error) {
	rows, err := s.db.Query(`
		SELECT s.id, s.name, COALESCE(b.name, ''), s.date, s.modified,
		       (SELECT count(*) FROM actor WHERE scenario_id = COALESCE(s.base_id, s.id)),
		       (SELECT count(*) FROM issue WHERE scenario_id = COALESCE(s.base_id, s.id))
		FROM scenario s LEFT JOIN scenario b ON b.id = s.base_id
		ORDER BY COALESCE(b.name, s.name), s.base_id IS NOT NULL, s.name`)
	if err != nil {
		return nil, wrapErr(s.path, "list scenarios", err)
	}
	defer rows.Close()
	var out []model.ScenarioInfo
	for rows.Next() {
		var i model.ScenarioInfo
		if err := rows.Scan(&i.ID, &i.Name, &i.Base, &i.Date, &i.Modified, &i.Actors, &i.Issues); err != nil {
			return nil, wrapErr(s.path, "list scenarios", err)
		}
		out = append(out, i)
	}
	return out, wrapErr(s.path, "list scenarios", rows.Err())
}

type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}

// LoadScenario reads the named scenario in one read transaction. A what-if is
// returned resolved: its base with its overrides applied.
func (s *Store) LoadScenario(name string) (*model.Scenario, error) {
	tx, err := s.db.Begin()
	if err != nil {
		return nil, wrapErr(s.path, "open scenario "+strconv.Quote(name), err)
	}
	defer tx.Rollback()
	sc, baseName, err := loadRaw(tx, name)
	if err != nil {
		return nil, wrapErr(s.path, "open scenario "+strconv.Quote(name), err)
	}
	if baseName == "" {
		return sc, nil
	}
	base, _, err := loadRaw(tx, baseName)
	if err != nil {
		return nil, wrapErr(s.path, "open base scenario "+strconv.Quote(baseName), err)
	}
	return model.ApplyOverrides(base, sc)
}

func nullRange(lo, hi sql.NullFloat64) *model.Range {
	if !lo.Valid || !hi.Valid {
		return nil
	}
	return &model.Range{Low: lo.Float64, High: hi.Float64}
}

func loadRaw(q querier, name string) (*model.Scenario, string, error) {
	sc := &model.Scenario{}
	var settings, base string
	err := q.QueryRow(`SELECT s.id, s.name, s.description, s.date, s.notes, s.settings, COALESCE(b.name, '')
		FROM scenario s LEFT JOIN scenario b ON b.id = s.base_id WHERE s.name = ?`, name).
		Scan(&sc.ID, &sc.Name, &sc.Description, &sc.Date, &sc.Notes, &settings, &base)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", model.Errorf(model.ENOTFOUND, "there is no scenario called %q in this project", name)
	} else if err != nil {
		return nil, "", err
	}
	sc.Base = base
	if err := json.Unmarshal([]byte(settings), &sc.Settings); err != nil {
		return nil, "", fmt.Errorf("settings: %w", err)
	}
	// Overrides (what-ifs only).
	rows, err := q.Query(`SELECT actor, issue, field, value, rationale FROM override WHERE scenario_id = ? ORDER BY ord`, sc.ID)
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var o model.Override
		if err := rows.Scan(&o.Actor, &o.Issue, &o.Field, &o.Value, &o.Rationale); err != nil {
			rows.Close()
			return nil, "", err
		}
		sc.Overrides = append(sc.Overrides, o)
	}
	rows.Close()
	// Issues and their anchors.
	issueByID := map[int64]int{}
	rows, err = q.Query(`SELECT id, key, name, description, status_quo, rationale, source FROM issue WHERE scenario_id = ? ORDER BY ord`, sc.ID)
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var id int64
		var is model.Issue
		if err := rows.Scan(&id, &is.Key, &is.Name, &is.Description, &is.StatusQuo, &is.Rationale, &is.Source); err != nil {
			rows.Close()
			return nil, "", err
		}
		issueByID[id] = len(sc.Issues)
		sc.Issues = append(sc.Issues, is)
	}
	rows.Close()
	rows, err = q.Query(`SELECT a.issue_id, a.at, a.label FROM anchor a JOIN issue i ON i.id = a.issue_id WHERE i.scenario_id = ? ORDER BY a.issue_id, a.ord`, sc.ID)
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var id int64
		var a model.Anchor
		if err := rows.Scan(&id, &a.At, &a.Label); err != nil {
			rows.Close()
			return nil, "", err
		}
		k := issueByID[id]
		sc.Issues[k].Anchors = append(sc.Issues[k].Anchors, a)
	}
	rows.Close()
	// Actors and stances.
	actorByID := map[int64]int{}
	rows, err = q.Query(`SELECT id, name, label, grp, color, capability, cap_low, cap_high, notes, source, rationale FROM actor WHERE scenario_id = ? ORDER BY ord`, sc.ID)
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var id int64
		var a model.Actor
		var lo, hi sql.NullFloat64
		if err := rows.Scan(&id, &a.Name, &a.Label, &a.Group, &a.Color, &a.Capability, &lo, &hi, &a.Notes, &a.Source, &a.Rationale); err != nil {
			rows.Close()
			return nil, "", err
		}
		a.CapabilityRange = nullRange(lo, hi)
		a.Stances = map[string]model.Stance{}
		actorByID[id] = len(sc.Actors)
		sc.Actors = append(sc.Actors, a)
	}
	rows.Close()
	rows, err = q.Query(`SELECT st.actor_id, st.issue_id, st.position, st.salience, st.pos_low, st.pos_high, st.sal_low, st.sal_high, st.source, st.rationale
		FROM stance st JOIN actor a ON a.id = st.actor_id WHERE a.scenario_id = ?`, sc.ID)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	for rows.Next() {
		var aid, iid int64
		var st model.Stance
		var pl, ph, sl, sh sql.NullFloat64
		if err := rows.Scan(&aid, &iid, &st.Position, &st.Salience, &pl, &ph, &sl, &sh, &st.Source, &st.Rationale); err != nil {
			return nil, "", err
		}
		st.PositionRange, st.SalienceRange = nullRange(pl, ph), nullRange(sl, sh)
		sc.Actors[actorByID[aid]].Stances[sc.Issues[issueByID[iid]].Key] = st
	}
	return sc, base, rows.Err()
}

func rangeArgs(r *model.Range) (any, any) {
	if r == nil {
		return nil, nil
	}
	return r.Low, r.High
}

// SaveScenario validates sc and writes it whole in one transaction, replacing
// any scenario of the same name (its what-ifs are kept and still refer to it).
// A what-if (sc.Base set) is stored as its overrides only. Nothing is written
// when validation fails.
func (s *Store) SaveScenario(sc *model.Scenario) error {
	if err := model.ValidateErr(sc); err != nil {
		return err
	}
	tx, err := s.db.Begin()
	if err != nil {
		return wrapErr(s.path, "save scenario "+strconv.Quote(sc.Name), err)
	}
	defer tx.Rollback()
	id, err := saveTx(tx, sc, s.now())
	if err != nil {
		return wrapErr(s.path, "save scenario "+strconv.Quote(sc.Name), err)
	}
	if err := tx.Commit(); err != nil {
		return wrapErr(s.path, "save scenario "+strconv.Quote(sc.Name), err)
	}
	sc.ID = id
	return nil
}

// SaveFile writes every scenario of f (base first, then its what-ifs) in one transaction.
func (s *Store) SaveFile(scs []*model.Scenario) error {
	for _, sc := range scs {
		if err := model.ValidateErr(sc); err != nil {
			return err
		}
	}
	tx, err := s.db.Begin()
	if err != nil {
		return wrapErr(s.path, "import scenarios", err)
	}
	defer tx.Rollback()
	for _, sc := range scs {
		if _, err := saveTx(tx, sc, s.now()); err != nil {
			return wrapErr(s.path, "import scenario "+strconv.Quote(sc.Name), err)
		}
	}
	return wrapErr(s.path, "import scenarios", tx.Commit())
}

func saveTx(tx *sql.Tx, sc *model.Scenario, now string) (int64, error) {
	settings, err := json.Marshal(sc.Settings)
	if err != nil {
		return 0, err
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
	err = tx.QueryRow("SELECT id FROM scenario WHERE name = ?", sc.Name).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.Exec(`INSERT INTO scenario (name, description, date, notes, base_id, settings, modified) VALUES (?,?,?,?,?,?,?)`,
			sc.Name, sc.Description, sc.Date, sc.Notes, baseID, string(settings), now)
		if err != nil {
			return 0, err
		}
		id, _ = res.LastInsertId()
	case err != nil:
		return 0, err
	default:
		if _, err := tx.Exec(`UPDATE scenario SET description=?, date=?, notes=?, base_id=?, settings=?, modified=? WHERE id=?`,
			sc.Description, sc.Date, sc.Notes, baseID, string(settings), now, id); err != nil {
			return 0, err
		}
		for _, t := range []string{"DELETE FROM issue WHERE scenario_id = ?", "DELETE FROM actor WHERE scenario_id = ?", "DELETE FROM override WHERE scenario_id = ?"} {
			if _, err := tx.Exec(t, id); err != nil {
				return 0, err
			}
		}
	}
	if sc.Base != "" {
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
	insIssue, err := tx.Prepare(`INSERT INTO issue (scenario_id, ord, key, name, description, status_quo, rationale, source) VALUES (?,?,?,?,?,?,?,?)`)
	if err != nil {
		return 0, err
	}
	defer insIssue.Close()
	insAnchor, err := tx.Prepare(`INSERT INTO anchor (issue_id, ord, at, label) VALUES (?,?,?,?)`)
	if err != nil {
		return 0, err
	}
	defer insAnchor.Close()
	issueIDs := map[string]int64{}
	for k, is := range sc.Issues {
		res, err := insIssue.Exec(id, k, is.Key, is.Name, is.Description, is.StatusQuo, is.Rationale, is.Source)
		if err != nil {
			return 0, err
		}
		iid, _ := res.LastInsertId()
		issueIDs[is.Key] = iid
		for j, a := range is.Anchors {
			if _, err := insAnchor.Exec(iid, j, a.At, a.Label); err != nil {
				return 0, err
			}
		}
	}
	insActor, err := tx.Prepare(`INSERT INTO actor (scenario_id, ord, name, label, grp, color, capability, cap_low, cap_high, notes, source, rationale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return 0, err
	}
	defer insActor.Close()
	insStance, err := tx.Prepare(`INSERT INTO stance (actor_id, issue_id, position, salience, pos_low, pos_high, sal_low, sal_high, source, rationale) VALUES (?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return 0, err
	}
	defer insStance.Close()
	for k, a := range sc.Actors {
		lo, hi := rangeArgs(a.CapabilityRange)
		res, err := insActor.Exec(id, k, a.Name, a.Label, a.Group, a.Color, a.Capability, lo, hi, a.Notes, a.Source, a.Rationale)
		if err != nil {
			return 0, err
		}
		aid, _ := res.LastInsertId()
		for _, is := range sc.Issues {
			st := a.Stances[is.Key]
			pl, ph := rangeArgs(st.PositionRange)
			sl, sh := rangeArgs(st.SalienceRange)
			if _, err := insStance.Exec(aid, issueIDs[is.Key], st.Position, st.Salience, pl, ph, sl, sh, st.Source, st.Rationale); err != nil {
				return 0, err
			}
		}
	}
	return id, nil
}

// DeleteScenario removes the named scenario, and with a base, its what-ifs.
func (s *Store) DeleteScenario(name string) error {
	res, err := s.db.Exec("DELETE FROM scenario WHERE name = ?", name)
	if err != nil {
		return wrapErr(s.path, "delete scenario "+strconv.Quote(name), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return model.Errorf(model.ENOTFOUND, "there is no scenario called %q in this project", name)
	}
	return nil
}

// SaveAs writes a consistent copy of the whole project to path (VACUUM INTO,
// never a raw copy of a live file). An existing file at path is replaced only
// after the copy succeeded.
func (s *Store) SaveAs(path string) error {
	tmp := path + ".parley-tmp"
	os.Remove(tmp)
	if _, err := s.db.Exec("VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return wrapErr(path, "save a copy of the project", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "could not save a copy of the project", Err: err}
	}
	return nil
}

// RenameScenario renames a scenario in place: its what-ifs, runs and undo
// history stay attached to it.
func (s *Store) RenameScenario(old, name string) error {
	if err := model.CheckName("scenario name", name); err != nil {
		return err
	}
	res, err := s.db.Exec("UPDATE scenario SET name = ?, modified = ? WHERE name = ?", name, s.now(), old)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
			return model.Invalid("scenario name", model.RuleUnique, "another scenario is already called %q", name)
		}
		return wrapErr(s.path, "rename scenario "+strconv.Quote(old), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return model.Errorf(model.ENOTFOUND, "there is no scenario called %q in this project", old)
	}
	return nil
}
