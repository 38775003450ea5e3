package store

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"parley/model"
)

// ApplicationID is the SQLite application id (PRAGMA application_id, the
// header's bytes 68-71) Parley writes into every project file it creates:
// "PRLY". A file with another non-zero id belongs to another program.
const ApplicationID = 0x50524C59

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// Rules quoted when a project file is refused.
const (
	RuleProjectFile = "Parley project file"
	RuleIntact      = "intact SQLite file (quick_check)"
)

// fileKind names what a file that is not a database seems to be, from its
// first bytes, so the refusal says more than "not a database".
func fileKind(head []byte) string {
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "a PNG image"
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "a PDF document"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "a ZIP archive (or an Office document)"
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return "a JPEG image"
	case len(t) > 0 && t[0] == '{':
		return "a JSON text file (import it with File › Import, or parley-cli import)"
	case len(t) > 0 && t[0] == '<':
		return "an XML or HTML text file"
	}
	return "not a SQLite database"
}

// preflight looks at the file at path before SQLite touches it. fresh means
// there is nothing to keep: the file is absent or empty (0 bytes), the only
// files that may become a new project. Anything else must be a whole SQLite
// database; a file that is not (another kind of file, one cut short) is
// refused here with what is wrong, and nothing has opened it for writing.
// hot reports a rollback journal beside the file (a crash in mid-write, which
// only a read-write connection may roll back) or a file in WAL mode: such a
// file is inspected through the read-write connection, before migrate.
func preflight(path string) (fresh, hot bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return true, false, nil
	}
	if err != nil {
		return false, false, &model.Error{Code: model.EINVALID, Where: path, Rule: "readable file", Message: "cannot read the project file", Err: err}
	}
	if st.IsDir() {
		return false, false, model.Invalid(path, RuleProjectFile, "this is a folder, not a project file")
	}
	if st.Size() == 0 {
		return true, false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, false, &model.Error{Code: model.EINVALID, Where: path, Rule: "readable file", Message: "cannot read the project file: " + err.Error(), Err: err}
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, false, &model.Error{Code: model.EINVALID, Where: path, Rule: "readable file", Message: "cannot read the project file", Err: err}
	}
	untouched := " It was left untouched."
	if !bytes.HasPrefix(head, []byte(sqliteMagic)) {
		if n < len(sqliteMagic) && bytes.HasPrefix([]byte(sqliteMagic), head) {
			return false, false, model.Invalid(path, RuleProjectFile, "the file is only %s long: it is the start of a SQLite database that was cut short (truncated).%s Use a backup copy", bytesText(n), untouched)
		}
		return false, false, model.Invalid(path, RuleProjectFile, "this is not a Parley project file: it is %s.%s", fileKind(head), untouched)
	}
	if n < 100 {
		return false, false, model.Invalid(path, RuleProjectFile, "the file is only %d bytes long, shorter than a SQLite database's 100-byte header: it was cut short (truncated).%s Use a backup copy", n, untouched)
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return false, false, model.Invalid(path, RuleProjectFile, "the file's SQLite header is damaged (page size %d).%s Use a backup copy", pageSize, untouched)
	}
	wal := head[18] == 2 || head[19] == 2
	journal, jerr := os.Stat(path + "-journal")
	hot = wal || (jerr == nil && journal.Size() > 0)
	if hot {
		// Another process may be writing (or a crash left its journal): the
		// file's length can be mid-change; SQLite itself settles it.
		return false, true, nil
	}
	size := st.Size()
	if size%pageSize != 0 {
		return false, false, model.Invalid(path, RuleProjectFile, "the file is %d bytes long, not a whole number of %d-byte pages: it was cut short or damaged.%s Use a backup copy", size, pageSize, untouched)
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	valid := binary.BigEndian.Uint32(head[24:28]) == binary.BigEndian.Uint32(head[92:96])
	if valid && pages > 0 && size < pages*pageSize {
		return false, false, model.Invalid(path, RuleProjectFile, "the file holds %d of its %d pages: it was cut short (truncated).%s Use a backup copy", size/pageSize, pages, untouched)
	}
	return false, false, nil
}

// inspect checks an existing project file through db before anything writes
// to it: SQLite's quick_check, the application id and the schema version.
func inspect(db *sql.DB, path string, latest int) error {
	rows, err := db.Query("PRAGMA quick_check")
	if err != nil {
		return damaged(path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return damaged(path, err)
		}
		if line != "ok" {
			problems = append(problems, strings.Join(strings.Fields(line), " "))
		}
	}
	if err := closeRows(rows); err != nil {
		return damaged(path, err)
	}
	if len(problems) > 0 {
		more := ""
		if len(problems) > 3 {
			more = fmt.Sprintf(" (and %d more)", len(problems)-3)
			problems = problems[:3]
		}
		return model.Invalid(path, RuleIntact, "the project file is damaged: %s%s. It was left untouched: use a backup copy", strings.Join(problems, "; "), more)
	}
	var app, v, tables int
	if err := db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return damaged(path, err)
	}
	if app != 0 && app != ApplicationID {
		return model.Invalid(path, RuleProjectFile, "this SQLite database belongs to another program (application id %#x). It was left untouched: choose a Parley project file, or a new file name", uint32(app))
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return damaged(path, err)
	}
	if v > latest {
		return &model.Error{Code: model.EVERSION, Where: path, Rule: "schema version",
			Message: fmt.Sprintf("this project file was written by a newer Parley (schema %d; this version knows up to %d). It was left untouched: open it with the newer Parley", v, latest)}
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return damaged(path, err)
	}
	if v == 0 && tables > 0 {
		return model.Invalid(path, RuleProjectFile, "this SQLite database was not made by Parley (it already holds other tables). It was left untouched: choose a Parley project file, or a new file name")
	}
	return nil
}

func damaged(path string, err error) error {
	return &model.Error{Code: model.EINVALID, Where: path, Rule: RuleIntact,
		Message: "the project file cannot be read as a SQLite database: it is damaged. It was left untouched: use a backup copy", Err: err}
}

// inspectReadOnly opens path read-only and inspects it.
func inspectReadOnly(path string, busy time.Duration, latest int) error {
	name, err := dsn(path, busy)
	if err != nil {
		return &model.Error{Code: model.EINVALID, Where: path, Rule: "file path", Message: "cannot use this path for a project file", Err: err}
	}
	db, err := sql.Open("sqlite3", name+"&mode=ro")
	if err != nil {
		return &model.Error{Code: model.EINTERNAL, Where: path, Message: "cannot open the project file", Err: err}
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return inspect(db, path, latest)
}

func bytesText(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
