-- zhenggai ledger schema, migration 1.
--
-- Applied once by the migration runner in src/store/migrate.rs, keyed on PRAGMA user_version.
-- Never edit this file in a way that changes an existing ledger: later changes are new migrations.
--
-- Conventions:
--   * every table is STRICT; enumerations are stored as stable English keys and checked here;
--   * dates people type are TEXT 'YYYY-MM-DD' (checked to be real dates);
--   * timestamps are TEXT 'YYYY-MM-DDTHH:MM:SS.sssZ' (UTC);
--   * every exchanged row carries a uuid; tasks also carry seq, the number people type (#12),
--     and version, bumped on every change so a stale copy can be refused.

CREATE TABLE inspection (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL CHECK (length(title) > 0),
    issuer        TEXT    NOT NULL DEFAULT '',
    feedback_date TEXT    NOT NULL CHECK (date(feedback_date) IS feedback_date),
    note          TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
    kind       TEXT    NOT NULL CHECK (kind IN ('county', 'department', 'office', 'other')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
) STRICT;

CREATE TABLE problem (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    inspection_id INTEGER NOT NULL REFERENCES inspection (id),
    code          TEXT    NOT NULL CHECK (length(code) > 0),
    category      TEXT    NOT NULL CHECK (category IN ('shared', 'weak', 'other')),
    title         TEXT    NOT NULL CHECK (length(title) > 0),
    description   TEXT    NOT NULL DEFAULT '',
    lead_unit_id  INTEGER REFERENCES unit (id),
    sort_order    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (inspection_id, code)
) STRICT;
CREATE INDEX problem_code ON problem (code);

CREATE TABLE task (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT    NOT NULL UNIQUE,
    seq            INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    problem_id     INTEGER NOT NULL REFERENCES problem (id),
    unit_id        INTEGER NOT NULL REFERENCES unit (id),
    measure        TEXT    NOT NULL CHECK (length(measure) > 0),
    person         TEXT    NOT NULL DEFAULT '',
    deadline       TEXT    NOT NULL CHECK (date(deadline) IS deadline),
    status         TEXT    NOT NULL DEFAULT 'not_started'
                   CHECK (status IN ('not_started', 'in_progress', 'submitted', 'closed', 'ongoing')),
    -- set while closed (销号), cleared by a reopen; the event log keeps every earlier value
    closed_at      TEXT,
    closed_by      TEXT,
    close_note     TEXT,
    close_evidence TEXT,
    -- the reason of the last reopen (回头看) or return (退回)
    reopen_reason  TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    UNIQUE (problem_id, unit_id),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CHECK (status <> 'closed' OR coalesce(length(close_note), 0) > 0)
) STRICT;
CREATE INDEX task_unit ON task (unit_id);
CREATE INDEX task_status_deadline ON task (status, deadline);

-- 配合单位: the supporting units of a task (many to many)
CREATE TABLE task_support (
    task_id INTEGER NOT NULL REFERENCES task (id),
    unit_id INTEGER NOT NULL REFERENCES unit (id),
    PRIMARY KEY (task_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_support_unit ON task_support (unit_id);

CREATE TABLE progress (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    task_id    INTEGER NOT NULL REFERENCES task (id),
    date       TEXT    NOT NULL CHECK (date(date) IS date),
    text       TEXT    NOT NULL CHECK (length(text) > 0),
    evidence   TEXT    NOT NULL DEFAULT '',
    author     TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;
-- the latest entry of a task is found by (task_id, date, id)
CREATE INDEX progress_task_date ON progress (task_id, date, id);

-- The operation log: one row per change of one record, in one write transaction `tx`.
-- `changes` is a JSON object {field: [old, new], ...}. Append-only: see the triggers below.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    tx          TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    entity      TEXT    NOT NULL
                CHECK (entity IN ('inspection', 'unit', 'problem', 'task', 'progress', 'setting')),
    entity_uuid TEXT    NOT NULL,
    action      TEXT    NOT NULL
                CHECK (action IN ('create', 'update', 'status', 'close', 'reopen', 'return',
                                  'rename', 'deactivate', 'activate', 'undo', 'import')),
    changes     TEXT    NOT NULL CHECK (json_valid(changes))
) STRICT;
CREATE INDEX event_entity ON event (entity_uuid, id);
CREATE INDEX event_tx ON event (tx);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TABLE setting (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
