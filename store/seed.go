package store

import (
	"database/sql"

	"parley/assets"
	"parley/model"
)

// SeedDefault loads the embedded "Muscat 2026" scenario and its what-ifs into
// an empty project file, in one transaction. A project that already holds a
// scenario is left alone; the check and the load are one transaction, so two
// windows starting on a new file at once seed it once.
func SeedDefault(s *Store) error {
	f, err := assets.Muscat()
	if err != nil {
		return err
	}
	for _, sc := range f.Scenarios {
		if err := model.ValidateErr(sc); err != nil {
			return &model.Error{Code: model.EINTERNAL, Message: "the built-in default scenario is damaged", Err: err}
		}
	}
	return s.write("load the default scenario", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM scenario").Scan(&n); err != nil || n > 0 {
			return err
		}
		return saveAll(tx, f.Scenarios, s.now())
	})
}
