-- Migration 5: the ledger as offices keep it (issue 13).
--
-- * A task is one measure (整改措施): a unit may hold several measures of one problem, so the
--   rule "one task per problem and unit" goes (a task is told from its twins by its measure).
-- * A measure kept up without end (长期坚持) has no deadline: `deadline` may be NULL.
-- * Deadline extensions (延期): `original_deadline` keeps the deadline first given (the one the
--   assessment counts, 按期完成率) while an extension moves `deadline`; the latest extension's
--   deadline before it, day, reason and approver are kept beside it, every earlier one in the log.
-- * The kinds of record and of change the log may hold are named by its trigger rather than by
--   checks of the table, so that a later kind is a new trigger, not a copy of the whole log.
--
-- SQLite cannot drop a constraint: both tables are made anew and their rows copied, ids, hashes
-- and all (the hash chain covers the events' columns, not the table). The migration runner turns
-- foreign keys off and `legacy_alter_table` on around this file (the triggers of `progress` name
-- `task` while it is briefly gone), and checks the foreign keys before it commits.

CREATE TABLE task_new (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT    NOT NULL UNIQUE,
    seq            INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    problem_id     INTEGER NOT NULL REFERENCES problem (id),
    unit_id        INTEGER NOT NULL REFERENCES unit (id),
    measure        TEXT    NOT NULL CHECK (length(measure) > 0),
    person         TEXT    NOT NULL DEFAULT '',
    -- 整改时限; none for a measure kept up without end (长期坚持)
    deadline       TEXT    CHECK (date(deadline) IS deadline),
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
    -- derived (migration 2): the date of the latest progress entry, kept by triggers
    last_progress_date TEXT,
    -- 交办日期 and, while closed, 销号日期 (migration 4)
    assigned       TEXT,
    closed_on      TEXT,
    -- 延期: the deadline first given, while an extension has moved it (none: never extended)
    original_deadline     TEXT CHECK (date(original_deadline) IS original_deadline),
    -- the latest extension: the deadline it moved, the day it was granted, why, approved by whom
    extended_from         TEXT CHECK (date(extended_from) IS extended_from),
    extended_on           TEXT CHECK (date(extended_on) IS extended_on),
    extension_reason      TEXT,
    extension_approved_by TEXT,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CHECK (status <> 'closed' OR coalesce(length(close_note), 0) > 0),
    CHECK ((original_deadline IS NULL) = (extended_on IS NULL))
) STRICT;

INSERT INTO task_new (id, uuid, seq, problem_id, unit_id, measure, person, deadline, status,
                      closed_at, closed_by, close_note, close_evidence, reopen_reason, version,
                      created_at, updated_at, last_progress_date, assigned, closed_on)
SELECT id, uuid, seq, problem_id, unit_id, measure, person, deadline, status,
       closed_at, closed_by, close_note, close_evidence, reopen_reason, version,
       created_at, updated_at, last_progress_date, assigned, closed_on
FROM task;

DROP TABLE task;
ALTER TABLE task_new RENAME TO task;

-- a problem's tasks (the unique pair that served this is gone), and the indexes of before;
-- `stats` counts extensions and tasks closed on time from the last one alone
CREATE INDEX task_problem ON task (problem_id, unit_id);
CREATE INDEX task_status_deadline ON task (status, deadline);
CREATE INDEX task_unit_status ON task (unit_id, status, deadline, original_deadline, closed_on);

CREATE TRIGGER task_dated_insert BEFORE INSERT ON task
WHEN NEW.assigned IS NULL OR date(NEW.assigned) IS NOT NEW.assigned
     OR (NEW.status = 'closed') <> (NEW.closed_on IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a task needs its assignment date, and a close date while closed');
END;

CREATE TRIGGER task_dated_update BEFORE UPDATE ON task
WHEN NEW.assigned IS NULL OR date(NEW.assigned) IS NOT NEW.assigned
     OR (NEW.status = 'closed') <> (NEW.closed_on IS NOT NULL)
     OR (NEW.closed_on IS NOT NULL AND date(NEW.closed_on) IS NOT NEW.closed_on)
BEGIN
    SELECT RAISE(ABORT, 'a task needs its assignment date, and a close date while closed');
END;

CREATE TABLE event_new (
    id          INTEGER PRIMARY KEY,
    tx          TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_uuid TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    changes     TEXT    NOT NULL CHECK (json_valid(changes)),
    -- SHA-256 over the previous event's hash and this event's columns (migration 3)
    hash        BLOB,
    -- the business date (业务日期) of the change (migration 4)
    date        TEXT
) STRICT;

INSERT INTO event_new (id, tx, at, actor, entity, entity_uuid, action, changes, hash, date)
SELECT id, tx, at, actor, entity, entity_uuid, action, changes, hash, date FROM event;

DROP TABLE event;
ALTER TABLE event_new RENAME TO event;

CREATE INDEX event_entity ON event (entity_uuid, id);
CREATE INDEX event_tx ON event (tx);
CREATE INDEX event_date ON event (entity, date);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

-- an event takes the next id, carries a real date, and is of a kind of record and of change
-- the ledger knows
CREATE TRIGGER event_append_only BEFORE INSERT ON event
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM event)
     OR NEW.date IS NULL OR date(NEW.date) IS NOT NEW.date
     OR NEW.entity NOT IN ('inspection', 'unit', 'problem', 'task', 'progress', 'setting')
     OR NEW.action NOT IN ('create', 'update', 'status', 'close', 'reopen', 'return', 'rename',
                           'deactivate', 'activate', 'undo', 'import', 'extend')
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only, and every event has a date and a known kind');
END;
