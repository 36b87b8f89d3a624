-- Migration 7: urge notices (催办单, issue 15).
--
-- A notice is a document the office sends a unit whose tasks are overdue or close to their
-- deadline. It carries a number the ledger counts, `<prefix>〔<year>〕<seq>号`, one sequence a
-- year (the year of the business date it was issued on), so numbers are never given twice. The
-- tasks it listed are kept with the light they had, for `stats` (催办次数) and for the record.

CREATE TABLE notice (
    id        INTEGER PRIMARY KEY,
    uuid      TEXT    NOT NULL UNIQUE,
    year      INTEGER NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq > 0),
    -- the number as printed, prefix and all
    number    TEXT    NOT NULL CHECK (length(number) > 0),
    unit_id   INTEGER NOT NULL REFERENCES unit (id),
    -- the day the unit is asked to report by
    due       TEXT    NOT NULL CHECK (date(due) IS due),
    issued_on TEXT    NOT NULL CHECK (date(issued_on) IS issued_on),
    issued_at TEXT    NOT NULL,
    issued_by TEXT    NOT NULL,
    UNIQUE (year, seq)
) STRICT;
CREATE INDEX notice_unit ON notice (unit_id, issued_on);

CREATE TABLE notice_task (
    notice_id INTEGER NOT NULL REFERENCES notice (id),
    task_id   INTEGER NOT NULL REFERENCES task (id),
    place     INTEGER NOT NULL,
    light     TEXT    NOT NULL CHECK (light IN ('red', 'yellow')),
    PRIMARY KEY (notice_id, task_id)
) STRICT, WITHOUT ROWID;

DROP TRIGGER event_append_only;
CREATE TRIGGER event_append_only BEFORE INSERT ON event
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM event)
     OR NEW.date IS NULL OR date(NEW.date) IS NOT NEW.date
     OR NEW.entity NOT IN ('inspection', 'unit', 'problem', 'task', 'progress', 'setting',
                           'packet', 'notice')
     OR NEW.action NOT IN ('create', 'update', 'status', 'close', 'reopen', 'return', 'rename',
                           'deactivate', 'activate', 'undo', 'import', 'extend', 'collect',
                           'issue')
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only, and every event has a date and a known kind');
END;
