-- Migration 4: every change has the date it happened (业务日期), apart from when it was
-- recorded (issue 12).
--
-- `event.date` is the business date of a change: a progress entry its date, a task its 交办日期,
-- a close its 销号 date, anything else the day it was made. `event.at` stays the true time of
-- recording. The ledger as of a day D is what the changes dated up to D make it.
--
-- The dates of the events written before this migration, and the new columns of the tasks
-- written before it, are filled in by the migration runner (src/store/dated.rs): it verifies the
-- hash chain first, and hashes it again afterwards with the dates in it. The trigger that
-- forbids updates is set aside for that moment and made again after it.

ALTER TABLE event ADD COLUMN date TEXT;
-- the changes of a kind of record dated after a day (what an earlier day takes back, what a
-- period lists), and the newest date of each kind (whether any change is dated after a day)
CREATE INDEX event_date ON event (entity, date);

-- 交办日期: the day the task was given to its unit
ALTER TABLE task ADD COLUMN assigned TEXT;
-- 销号日期: the business date of the close, while closed (`closed_at` is when it was recorded)
ALTER TABLE task ADD COLUMN closed_on TEXT;

DROP TRIGGER event_no_update;

-- an event takes the next id and carries a real date
DROP TRIGGER event_append_only;
CREATE TRIGGER event_append_only BEFORE INSERT ON event
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM event)
     OR NEW.date IS NULL OR date(NEW.date) IS NOT NEW.date
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only, and every event has a date');
END;

-- a task has a 交办日期, and a 销号日期 exactly while it is closed
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
