-- Parley schema v4: an issue's own scale (years 4-10, a Decide file's #M
-- points; NULL ends = Parley's 0-100), named checkpoints on runs ("brief of
-- 27 Nov"), and the briefing exports, so History can say what changed since
-- the last exported briefing.
ALTER TABLE issue ADD COLUMN scale_lo REAL;
ALTER TABLE issue ADD COLUMN scale_hi REAL;
ALTER TABLE issue ADD COLUMN scale_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE run ADD COLUMN checkpoint TEXT NOT NULL DEFAULT '';
CREATE TABLE export_event (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    run_id      INTEGER REFERENCES run(id) ON DELETE SET NULL,
    what        TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL
);
CREATE INDEX export_event_scenario ON export_event(scenario_id, created);
