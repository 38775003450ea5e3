-- Parley schema v1: scenarios, their what-ifs, actors, issues, stances, runs and the edit journal.
CREATE TABLE scenario (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    base_id     INTEGER REFERENCES scenario(id) ON DELETE CASCADE,
    settings    TEXT NOT NULL DEFAULT '{}',
    modified    TEXT NOT NULL
);

CREATE TABLE issue (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status_quo  REAL NOT NULL CHECK (status_quo BETWEEN 0 AND 100),
    rationale   TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    UNIQUE (scenario_id, key),
    UNIQUE (scenario_id, ord)
);

CREATE TABLE anchor (
    issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    at       REAL NOT NULL CHECK (at BETWEEN 0 AND 100),
    label    TEXT NOT NULL,
    PRIMARY KEY (issue_id, ord)
);

CREATE TABLE actor (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    grp         TEXT NOT NULL DEFAULT '',
    color       TEXT NOT NULL DEFAULT '',
    capability  REAL NOT NULL CHECK (capability >= 0),
    cap_low     REAL,
    cap_high    REAL,
    notes       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    rationale   TEXT NOT NULL DEFAULT '',
    UNIQUE (scenario_id, name),
    UNIQUE (scenario_id, ord)
);

CREATE TABLE stance (
    actor_id  INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
    issue_id  INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
    position  REAL NOT NULL CHECK (position BETWEEN 0 AND 100),
    salience  REAL NOT NULL CHECK (salience BETWEEN 0 AND 100),
    pos_low   REAL,
    pos_high  REAL,
    sal_low   REAL,
    sal_high  REAL,
    source    TEXT NOT NULL DEFAULT '',
    rationale TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (actor_id, issue_id)
);

-- A what-if stores only what it changes.
CREATE TABLE override (
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    issue       TEXT NOT NULL DEFAULT '',
    field       TEXT NOT NULL CHECK (field IN ('capability', 'position', 'salience')),
    value       REAL NOT NULL,
    rationale   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (scenario_id, ord)
);

-- A model run: enough to reproduce any chart made from it.
CREATE TABLE run (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    model       TEXT NOT NULL,
    options     TEXT NOT NULL DEFAULT '{}',
    fingerprint TEXT NOT NULL,
    results     TEXT NOT NULL,
    created     TEXT NOT NULL
);

-- The edit journal behind undo/redo: one row per undoable edit.
CREATE TABLE edit (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    label       TEXT NOT NULL,
    payload     TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0,
    created     TEXT NOT NULL,
    UNIQUE (scenario_id, seq)
);

CREATE INDEX issue_scenario ON issue(scenario_id);
CREATE INDEX actor_scenario ON actor(scenario_id);
CREATE INDEX stance_issue ON stance(issue_id);
CREATE INDEX run_scenario ON run(scenario_id, created);
