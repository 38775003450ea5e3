package model

import "time"

// ExportEvent records that a briefing (or a chart) of a scenario was
// exported, and which stored run it showed, so that History can say what
// changed since the last exported briefing.
type ExportEvent struct {
	What    string    // what was exported: "briefing PDF", "briefing PNGs"
	Path    string    // where it was written
	RunID   int64     // the scenario's newest run when it was exported (0: none)
	Created time.Time // when
}

// CheckpointRepository names runs and records exports; store.Store implements it.
type CheckpointRepository interface {
	// NameRun gives the run the checkpoint name (empty removes it).
	NameRun(scenario string, runID int64, name string) error
	// RecordExport stores e, tied to the scenario's newest run.
	RecordExport(scenario string, e ExportEvent) error
	// LastExport is the newest export of the scenario (ok false without any).
	LastExport(scenario string) (e ExportEvent, ok bool, err error)
}
