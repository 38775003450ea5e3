// Package assets holds what Parley embeds in its binary: the app icon and the
// default "Muscat 2026" scenario (built from the seed text, every number with
// its rationale), loaded into a fresh project file on first start.
package assets

import (
	_ "embed"
	"encoding/json"

	"parley/model"
)

// Icon is the app icon, 512×512 PNG (drawn by gen_icon.go).
//
//go:embed icon.png
var Icon []byte

// MuscatJSON is the default scenario and its what-ifs as a Parley JSON file.
//
//go:embed muscat.json
var MuscatJSON []byte

// MuscatName is the name of the default scenario's base.
const MuscatName = "Muscat 2026"

// Muscat returns a fresh copy of the default scenario file: the base
// "Muscat 2026" first, then its what-ifs.
func Muscat() (*model.File, error) {
	var f model.File
	if err := json.Unmarshal(MuscatJSON, &f); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "the built-in default scenario is damaged", Err: err}
	}
	return &f, nil
}
