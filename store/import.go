package store

import (
	"database/sql"
	"errors"

	"parley/model"
)

// SaveFileNew writes every scenario of an imported file (base first, then
// its what-ifs) in one write transaction, like SaveFile, but only when the
// project has no scenario of any of those names yet. The check and the write
// are the same transaction (BEGIN IMMEDIATE takes the write lock first), so
// of two programs importing the same name at once exactly one succeeds and
// the other is refused (EINVALID, rule model.RuleUnique) with nothing
// written: an import without --replace never overwrites.
func (s *Store) SaveFileNew(scs []*model.Scenario) error {
	for _, sc := range scs {
		if err := model.ValidateErr(sc); err != nil {
			return err
		}
	}
	return s.write("import scenarios", func(tx *sql.Tx) error {
		for _, sc := range scs {
			var one int
			err := tx.QueryRow("SELECT 1 FROM scenario WHERE name = ?", sc.Name).Scan(&one)
			if err == nil {
				return model.Invalid(s.path, model.RuleUnique, "the project already has a scenario called %s; nothing was imported", model.Quote(sc.Name))
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		return saveAll(tx, scs, s.now())
	})
}
