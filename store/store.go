package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"parley/model"
)

// Store is an open Parley project file.
type Store struct {
	db   *sql.DB
	path string
	busy time.Duration
	// Now is the clock used for modification times; tests replace it.
	Now func() time.Time
}

var (
	_ model.Repository     = (*Store)(nil)
	_ model.Journal        = (*Store)(nil)
	_ model.DeckRepository = (*Store)(nil)
)

// BusyTimeout is how long a write waits for another process's lock before
// giving up with a "busy" message (a model.ECONFLICT error).
const BusyTimeout = 5 * time.Second

// Option changes how Open opens a project file.
type Option func(*Store)

// WithBusyTimeout sets how long a read or write waits for another Parley
// window or program to release the project file before giving up with a
// model.ECONFLICT error. The default is BusyTimeout.
func WithBusyTimeout(d time.Duration) Option {
	return func(s *Store) {
		if d >= 0 {
			s.busy = d
		}
	}
}

// dsn is the go-sqlite3 URI for the project file at path. The path is escaped,
// so a file called "Iran #2 (50% draft)?.db" opens as itself. The pragmas are
// set on every pooled connection; the journal mode is deliberately not among
// them (see doc.go and migrate).
func dsn(path string, busy time.Duration) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", strconv.FormatInt(busy.Milliseconds(), 10))
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String(), nil
}

// Open opens (creating if needed) the project file at path and brings its schema
// up to date. A database written by a newer Parley is refused untouched (code
// model.EVERSION). An older one is migrated after a backup copy is written
// beside it as PATH.vN.bak.
func Open(path string, opts ...Option) (*Store, error) {
	ms, err := migrations()
	if err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "the built-in schema is broken", Err: err}
	}
	return open(path, ms, opts...)
}

func open(path string, ms []migration, opts ...Option) (*Store, error) {
	s := &Store{path: path, busy: BusyTimeout, Now: time.Now}
	for _, o := range opts {
		o(s)
	}
	// Nothing may write to an existing file before it is known to be an
	// intact Parley project (open.go): only an absent or empty file becomes
	// a new project.
	fresh, hot, err := preflight(path)
	if err != nil {
		return nil, err
	}
	latest := ms[len(ms)-1].version
	if !fresh && !hot {
		if err := inspectReadOnly(path, s.busy, latest); err != nil {
			return nil, err
		}
	}
	if dir := filepath.Dir(path); fresh && dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, &model.Error{Code: model.EINTERNAL, Where: path, Message: "cannot create the folder for the project file", Err: err}
		}
	}
	name, err := dsn(path, s.busy)
	if err != nil {
		return nil, &model.Error{Code: model.EINVALID, Where: path, Rule: "file path", Message: "cannot use this path for a project file", Err: err}
	}
	db, err := sql.Open("sqlite3", name)
	if err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Where: path, Message: "cannot open the project file", Err: err}
	}
	s.db = db
	if hot { // a crash's journal is rolled back (or a WAL file read) by this first read
		if err := inspect(db, path, latest); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := s.migrate(ms); err != nil {
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

// fail turns a database error into a model.Error an analyst can act on; op
// says what was being done ("save scenario \"Muscat\"").
func (s *Store) fail(op string, err error) error { return s.failAt(s.path, op, err) }

func (s *Store) failAt(where, op string, err error) error {
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
			return &model.Error{Code: model.ECONFLICT, Where: where, Err: err, Message: fmt.Sprintf(
				"could not %s: another Parley window or program is writing to this project file and kept it locked for more than %s. "+
					"Nothing was changed: wait for the other program to finish (or close it) and try again", op, waitText(s.busy))}
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return &model.Error{Code: model.EINVALID, Where: where, Rule: "SQLite project file", Message: "could not " + op + ": this is not a Parley project file, or it is damaged", Err: err}
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			return &model.Error{Code: model.EINVALID, Where: where, Rule: "writable file", Message: "could not " + op + ": the file cannot be opened for writing", Err: err}
		case sqlite3.ErrFull:
			return &model.Error{Code: model.EINTERNAL, Where: where, Message: "could not " + op + ": the disk is full. Nothing was changed: free some space and try again", Err: err}
		}
	}
	return &model.Error{Code: model.EINTERNAL, Where: where, Message: "could not " + op, Err: err}
}

// waitText says a wait in words an analyst reads: "5 seconds", "200ms".
func waitText(d time.Duration) string {
	switch {
	case d == time.Second:
		return "1 second"
	case d > time.Second && d%time.Second == 0:
		return fmt.Sprintf("%d seconds", d/time.Second)
	}
	return d.String()
}

// write runs f in one write transaction (BEGIN IMMEDIATE: it takes the file's
// write lock first, waiting up to the busy timeout), and commits when f
// returns nil. Either everything f wrote is stored or nothing is.
func (s *Store) write(op string, f func(tx *sql.Tx) error) error {
	tx, err := s.db.Begin()
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return s.fail(op, err)
	}
	return s.fail(op, tx.Commit())
}

// read runs f in one read transaction (BEGIN DEFERRED): f sees one
// consistent state of the file, and reading never holds the write lock, so
// it does not keep another window from saving.
func (s *Store) read(op string, f func(q querier) error) (err error) {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.fail(op, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return s.fail(op, err)
	}
	defer func() {
		if _, rerr := conn.ExecContext(ctx, "ROLLBACK"); rerr != nil {
			// Never hand a connection stuck in a transaction back to the pool.
			conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = s.fail(op, rerr)
			}
		}
	}()
	return s.fail(op, f(connQuerier{ctx, conn}))
}

// querier is what the loaders need: a *sql.Tx or a connection in a read transaction.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}

type connQuerier struct {
	ctx  context.Context
	conn *sql.Conn
}

func (c connQuerier) QueryRow(query string, args ...any) *sql.Row {
	return c.conn.QueryRowContext(c.ctx, query, args...)
}

func (c connQuerier) Query(query string, args ...any) (*sql.Rows, error) {
	return c.conn.QueryContext(c.ctx, query, args...)
}

// timeLayout is how the store writes times: RFC 3339 in UTC with a fixed
// number of digits, so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func (s *Store) now() string { return s.Now().UTC().Format(timeLayout) }

func notFound(name string) error {
	return model.Errorf(model.ENOTFOUND, "there is no scenario called %q in this project", name)
}

// IsEmpty reports whether the project file holds no scenario yet.
func (s *Store) IsEmpty() (bool, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM scenario").Scan(&n)
	return n == 0, s.fail("count scenarios", err)
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
		return nil, s.fail("list scenarios", err)
	}
	defer rows.Close()
	var out []model.ScenarioInfo
	for rows.Next() {
		var i model.ScenarioInfo
		if err := rows.Scan(&i.ID, &i.Name, &i.Base, &i.Date, &i.Modified, &i.Actors, &i.Issues); err != nil {
			return nil, s.fail("list scenarios", err)
		}
		out = append(out, i)
	}
	return out, s.fail("list scenarios", rows.Err())
}

// LoadScenario reads the named scenario in one read transaction. A what-if is
// returned resolved: its base with its overrides applied. What is read is
// validated as a save would: a file damaged outside Parley (a NaN, a value
// off the scale) is refused with where and why, never handed to a model.
func (s *Store) LoadScenario(name string) (*model.Scenario, error) {
	var sc *model.Scenario
	err := s.read("open scenario "+strconv.Quote(name), func(q querier) error {
		var err error
		sc, _, err = loadResolved(q, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := model.ValidateErr(sc); err != nil {
		e := &model.Error{Code: model.EINVALID, Where: s.path, Message: "the stored scenario " + strconv.Quote(name) + " breaks a rule: " + err.Error(), Err: err}
		var me *model.Error
		if errors.As(err, &me) {
			e.Rule, e.Loc = me.Rule, me.Loc
		}
		return nil, e
	}
	return sc, nil
}

// loadResolved reads the named scenario; for a what-if it also returns the
// base (raw) and the what-if resolved against it.
func loadResolved(q querier, name string) (sc, base *model.Scenario, err error) {
	sc, baseName, err := loadRaw(q, name)
	if err != nil || baseName == "" {
		return sc, nil, err
	}
	base, _, err = loadRaw(q, baseName)
	if err != nil {
		return nil, nil, fmt.Errorf("base scenario %q: %w", baseName, err)
	}
	sc, err = model.ApplyOverrides(base, sc)
	if err == nil {
		err = checkLoaded(sc)
	}
	return sc, base, err
}

func nullRange(lo, hi sql.NullFloat64) *model.Range {
	if !lo.Valid || !hi.Valid {
		return nil
	}
	return &model.Range{Low: lo.Float64, High: hi.Float64}
}

func loadRaw(q querier, name string) (*model.Scenario, string, error) {
	sc := &model.Scenario{}
	var settings, base, noBargain string
	err := q.QueryRow(`SELECT s.id, s.name, s.description, s.date, s.notes, s.settings, s.no_bargain, COALESCE(b.name, ''), s.modified
		FROM scenario s LEFT JOIN scenario b ON b.id = s.base_id WHERE s.name = ?`, name).
		Scan(&sc.ID, &sc.Name, &sc.Description, &sc.Date, &sc.Notes, &settings, &noBargain, &base, &sc.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", notFound(name)
	} else if err != nil {
		return nil, "", err
	}
	sc.Base = base
	if err := json.Unmarshal([]byte(settings), &sc.Settings); err != nil {
		return nil, "", badRow(sc.Name, "settings", "model settings as JSON", "its settings are not valid JSON (%v)", err)
	}
	if err := json.Unmarshal([]byte(noBargain), &sc.NoBargain); err != nil {
		return nil, "", fmt.Errorf("no-bargaining pairs: %w", err)
	}
	if len(sc.NoBargain) == 0 {
		sc.NoBargain = nil
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
	if err := closeRows(rows); err != nil {
		return nil, "", err
	}
	// Issues and their anchors.
	issueByID := map[int64]int{}
	rows, err = q.Query(`SELECT id, key, name, description, status_quo, rationale, source, scale_lo, scale_hi, scale_unit FROM issue WHERE scenario_id = ? ORDER BY ord`, sc.ID)
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var id int64
		var is model.Issue
		var lo, hi sql.NullFloat64
		var unit string
		if err := rows.Scan(&id, &is.Key, &is.Name, &is.Description, &is.StatusQuo, &is.Rationale, &is.Source, &lo, &hi, &unit); err != nil {
			rows.Close()
			return nil, "", err
		}
		if lo.Valid && hi.Valid {
			is.Scale = &model.IssueScale{Lo: lo.Float64, Hi: hi.Float64, Unit: unit}
		}
		issueByID[id] = len(sc.Issues)
		sc.Issues = append(sc.Issues, is)
	}
	if err := closeRows(rows); err != nil {
		return nil, "", err
	}
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
		k, ok := issueByID[id]
		if !ok {
			rows.Close()
			return nil, "", badRow(sc.Name, "anchor", model.RuleKnownIssue, "an anchor refers to issue row %d, which is missing", id)
		}
		sc.Issues[k].Anchors = append(sc.Issues[k].Anchors, a)
	}
	if err := closeRows(rows); err != nil {
		return nil, "", err
	}
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
		a.Stances = make(map[string]model.Stance, len(sc.Issues))
		actorByID[id] = len(sc.Actors)
		sc.Actors = append(sc.Actors, a)
	}
	if err := closeRows(rows); err != nil {
		return nil, "", err
	}
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
		a, aok := actorByID[aid]
		i, iok := issueByID[iid]
		if !aok || !iok {
			return nil, "", orphanStance(sc, a, aok, iid)
		}
		sc.Actors[a].Stances[sc.Issues[i].Key] = st
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	return sc, base, checkLoaded(sc)
}

// closeRows closes rows and reports an error that ended the iteration early.
func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	rows.Close()
	return err
}

func rangeArgs(r *model.Range) (any, any) {
	if r == nil {
		return nil, nil
	}
	return r.Low, r.High
}

// SaveScenario validates sc and writes it whole in one transaction, replacing
// any scenario of the same name (its what-ifs, deck, runs and undo history are
// kept and still refer to it). A what-if (sc.Base set) is stored as its
// overrides only. Nothing is written when validation fails.
func (s *Store) SaveScenario(sc *model.Scenario) error {
	if err := model.ValidateErr(sc); err != nil {
		return err
	}
	var id int64
	var now string
	err := s.write("save scenario "+strconv.Quote(sc.Name), func(tx *sql.Tx) (err error) {
		now = s.now()
		id, _, err = writeScenario(tx, sc, now, false)
		return err
	})
	if err != nil {
		return err
	}
	sc.ID, sc.Version = id, now
	return nil
}

// SaveFile writes every scenario of f (base first, then its what-ifs) in one transaction.
func (s *Store) SaveFile(scs []*model.Scenario) error {
	for _, sc := range scs {
		if err := model.ValidateErr(sc); err != nil {
			return err
		}
	}
	return s.write("import scenarios", func(tx *sql.Tx) error { return saveAll(tx, scs, s.now()) })
}

func saveAll(tx *sql.Tx, scs []*model.Scenario, now string) error {
	for _, sc := range scs {
		if _, err := saveTx(tx, sc, now); err != nil {
			return fmt.Errorf("scenario %q: %w", sc.Name, err)
		}
	}
	// A replaced base must still carry every what-if the project has for it.
	for _, sc := range scs {
		if sc.Base == "" {
			if err := checkWhatIfs(tx, sc); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpdateScenario reads the named scenario, lets f change it and writes it
// back, all in one write transaction: no other window or program can write
// between the read and the write, so two of them editing the same project at
// once never lose each other's edits. f gets the scenario as LoadScenario
// returns it (a what-if resolved against its base); a what-if is stored
// again as the overrides that turn its base into what f left. When f returns
// an error, or leaves the scenario invalid or renamed (use RenameScenario),
// nothing is written and that error is returned.
func (s *Store) UpdateScenario(name string, f func(*model.Scenario) error) error {
	var ferr error
	err := s.write("update scenario "+strconv.Quote(name), func(tx *sql.Tx) error {
		sc, base, err := loadResolved(tx, name)
		if err != nil {
			return err
		}
		if ferr = f(sc); ferr != nil {
			return ferr
		}
		if sc.Name != name {
			ferr = model.Invalid("scenario name", "rename with RenameScenario", "an update cannot rename %q to %q", name, sc.Name)
			return ferr
		}
		if ferr = model.ValidateErr(sc); ferr != nil {
			return ferr
		}
		if base != nil {
			sc.Base = base.Name
		}
		sc.Version = ""
		if _, _, err = writeScenario(tx, sc, s.now(), true); err != nil && model.ErrorCode(err) == model.EINVALID {
			ferr = err
		}
		return err
	})
	if ferr != nil {
		return ferr
	}
	return err
}

// DeleteScenario removes the named scenario with its deck, runs and undo
// history, and with a base, its what-ifs.
func (s *Store) DeleteScenario(name string) error {
	return s.write("delete scenario "+strconv.Quote(name), func(tx *sql.Tx) error {
		res, err := tx.Exec("DELETE FROM scenario WHERE name = ?", name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(name)
		}
		return nil
	})
}

// RenameScenario renames a scenario in place: its what-ifs, deck, runs and
// undo history stay attached to it.
func (s *Store) RenameScenario(old, name string) error {
	if err := model.CheckName("scenario name", name); err != nil {
		return err
	}
	return s.write("rename scenario "+strconv.Quote(old), func(tx *sql.Tx) error {
		res, err := tx.Exec("UPDATE scenario SET name = ?, modified = ? WHERE name = ?", name, s.now(), old)
		if err != nil {
			var se sqlite3.Error
			if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
				return model.Invalid("scenario name", model.RuleUnique, "another scenario is already called %q", name)
			}
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(old)
		}
		return nil
	})
}

// SaveAs writes a consistent copy of the whole project to path (VACUUM INTO,
// never a raw copy of a live file), flushed to disk. An existing file at path
// is replaced only after the copy is complete; the open project stays open.
func (s *Store) SaveAs(path string) error {
	if same, _ := sameFile(path, s.path); same {
		return model.Invalid(path, "another file", "this is the project file that is open; Save As needs a different file name")
	}
	tmp := path + ".parley-tmp"
	os.Remove(tmp)
	if _, err := s.db.Exec("VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return s.failAt(path, "save a copy of the project", err)
	}
	if err := replaceWith(tmp, path); err != nil {
		os.Remove(tmp)
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "could not save a copy of the project", Err: err}
	}
	return nil
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// replaceWith moves the finished database tmp to path durably: tmp is
// flushed to disk first (VACUUM INTO does not), a stale rollback journal left
// beside path by a crash is removed (SQLite would otherwise "roll back" the
// new file with the old file's pages), then the rename and the folder are
// flushed.
func replaceWith(tmp, path string) error {
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Remove(path + "-journal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (a rename) where the system allows it;
// Windows does not, and there the rename is already durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
