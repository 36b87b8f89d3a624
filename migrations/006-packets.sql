-- Migration 6: units in the loop (issue 14).
--
-- A packet (报送表) is a fill-in sheet sent to one unit for one period: the tasks it listed, each
-- with the version it had and what its locked cells said, so that a sheet coming back can be
-- checked against what was sent (a digest in the file is only a guard; this is the real check).
-- Its collection (收回) is recorded on it: when, by whom, who filled it in.

CREATE TABLE packet (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT    NOT NULL UNIQUE,
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    -- 期次, as the office writes it: `2019年12月`, `第3期`
    period       TEXT    NOT NULL CHECK (length(period) > 0),
    -- the day it is to come back by (none: not set)
    due          TEXT    CHECK (date(due) IS due),
    -- the business date it was made on, the time and the person that made it
    made_on      TEXT    NOT NULL CHECK (date(made_on) IS made_on),
    made_at      TEXT    NOT NULL,
    made_by      TEXT    NOT NULL,
    -- its first collection: the business date, the time, who collected it, who filled it in
    collected_on TEXT    CHECK (date(collected_on) IS collected_on),
    collected_at TEXT,
    collected_by TEXT,
    reporter     TEXT,
    CHECK ((collected_on IS NULL) = (collected_at IS NULL))
) STRICT;
CREATE INDEX packet_unit ON packet (unit_id, made_on);

-- the tasks a packet listed, in its order, with their version and locked cells then
CREATE TABLE packet_task (
    packet_id INTEGER NOT NULL REFERENCES packet (id),
    task_id   INTEGER NOT NULL REFERENCES task (id),
    place     INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    -- the locked cells as sent, a JSON array of texts
    locked    TEXT    NOT NULL CHECK (json_valid(locked)),
    PRIMARY KEY (packet_id, task_id)
) STRICT, WITHOUT ROWID;

DROP TRIGGER event_append_only;
CREATE TRIGGER event_append_only BEFORE INSERT ON event
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM event)
     OR NEW.date IS NULL OR date(NEW.date) IS NOT NEW.date
     OR NEW.entity NOT IN ('inspection', 'unit', 'problem', 'task', 'progress', 'setting',
                           'packet')
     OR NEW.action NOT IN ('create', 'update', 'status', 'close', 'reopen', 'return', 'rename',
                           'deactivate', 'activate', 'undo', 'import', 'extend', 'collect')
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only, and every event has a date and a known kind');
END;
