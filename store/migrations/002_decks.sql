-- Parley schema v2: the briefing deck saved with each scenario.
-- One deck per scenario; slides is the JSON array of model.Slide (chart spec,
-- title, takeaway) in the order they are briefed.
CREATE TABLE deck (
    scenario_id INTEGER PRIMARY KEY REFERENCES scenario(id) ON DELETE CASCADE,
    name        TEXT NOT NULL DEFAULT '',
    slides      TEXT NOT NULL DEFAULT '[]',
    modified    TEXT NOT NULL
);
