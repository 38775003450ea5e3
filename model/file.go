package model

// FileFormat and FileVersion identify Parley's JSON scenario file. A file with a
// higher version was written by a newer Parley and is refused.
const (
	FileFormat  = "parley-scenario"
	FileVersion = 1
)

// File is Parley's JSON scenario file: one base scenario and any number of
// what-ifs derived from it (each with Base set and only Overrides filled in).
type File struct {
	Format    string      `json:"format"`
	Version   int         `json:"version"`
	Scenarios []*Scenario `json:"scenarios"`
}
