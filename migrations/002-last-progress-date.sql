-- Migration 2: each task carries the date of its latest progress entry (最新进展), kept by
-- triggers, so that reading the whole ledger does not look up the latest of 500,000 entries
-- (at 100,000 tasks that lookup was half the time of opening the TUI; issue 6).
--
-- The column is derived: it never appears in the event log or in an export, and `check`
-- compares it with the progress table.

ALTER TABLE task ADD COLUMN last_progress_date TEXT;

UPDATE task SET last_progress_date = (SELECT max(date) FROM progress WHERE task_id = task.id);

CREATE TRIGGER progress_inserted AFTER INSERT ON progress
BEGIN
    UPDATE task SET last_progress_date =
        (SELECT max(date) FROM progress WHERE task_id = NEW.task_id)
    WHERE id = NEW.task_id;
END;

CREATE TRIGGER progress_deleted AFTER DELETE ON progress
BEGIN
    UPDATE task SET last_progress_date =
        (SELECT max(date) FROM progress WHERE task_id = OLD.task_id)
    WHERE id = OLD.task_id;
END;

CREATE TRIGGER progress_moved AFTER UPDATE OF task_id, date ON progress
BEGIN
    UPDATE task SET last_progress_date =
        (SELECT max(date) FROM progress WHERE task_id = task.id)
    WHERE id IN (OLD.task_id, NEW.task_id);
END;
