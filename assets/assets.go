// Package assets holds what Parley embeds in its binary: the app icon and the
// default "Muscat 2026" scenario (built from the seed text, every number with
// its rationale), loaded into a fresh project file on first start.
package assets

import _ "embed"

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
