package store

import (
	"encoding/json"

	"parley/assets"
	"parley/model"
)

// SeedDefault loads the embedded "Muscat 2026" scenario and its what-ifs into
// an empty project file, in one transaction. A project that already holds a
// scenario is left alone.
func SeedDefault(s *Store) error {
	empty, err := s.IsEmpty()
	if err != nil || !empty {
		return err
	}
	var f model.File
	if err := json.Unmarshal(assets.MuscatJSON, &f); err != nil {
		return &model.Error{Code: model.EINTERNAL, Message: "the built-in default scenario is damaged", Err: err}
	}
	return s.SaveFile(f.Scenarios)
}
