-- Migration 8: each task carries the text of its latest progress entry too (issue 16).
--
-- Migration 2 keeps the date of a task's latest entry on the task. Its text was still looked up
-- entry by entry, and those look-ups touch nearly every page of the progress table: at 10,000
-- tasks, 2,500 of the 4,400 page reads of `list`. Now the text is kept beside the date by the
-- same triggers. Like the date it is derived: never in the event log or an export, and `check`
-- compares it with the progress table. The latest entry is the one of the latest date, and of
-- two on that date the one recorded last (the larger id), as the readers always took it.

ALTER TABLE task ADD COLUMN last_progress_text TEXT;

UPDATE task SET last_progress_text =
    (SELECT text FROM progress WHERE task_id = task.id ORDER BY date DESC, id DESC LIMIT 1);

DROP TRIGGER progress_inserted;
DROP TRIGGER progress_deleted;
DROP TRIGGER progress_moved;

-- an entry added is the latest unless one of a later date is there already
CREATE TRIGGER progress_inserted AFTER INSERT ON progress
WHEN NEW.date >= coalesce((SELECT last_progress_date FROM task WHERE id = NEW.task_id), '')
BEGIN
    UPDATE task SET (last_progress_date, last_progress_text) =
        (SELECT date, text FROM progress WHERE task_id = task.id ORDER BY date DESC, id DESC
         LIMIT 1)
    WHERE id = NEW.task_id;
END;

CREATE TRIGGER progress_deleted AFTER DELETE ON progress
BEGIN
    UPDATE task SET (last_progress_date, last_progress_text) =
        (SELECT date, text FROM progress WHERE task_id = task.id ORDER BY date DESC, id DESC
         LIMIT 1)
    WHERE id = OLD.task_id;
END;

CREATE TRIGGER progress_changed AFTER UPDATE OF task_id, date, text ON progress
BEGIN
    UPDATE task SET (last_progress_date, last_progress_text) =
        (SELECT date, text FROM progress WHERE task_id = task.id ORDER BY date DESC, id DESC
         LIMIT 1)
    WHERE id IN (OLD.task_id, NEW.task_id);
END;
