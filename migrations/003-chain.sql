-- Migration 3: a log that cannot be rewritten unseen (issue 10).
--
-- Every event carries `hash`, SHA-256 over the hash of the event before it and its own columns
-- (src/store/chain.rs computes it; SQLite has no SHA-256 of its own). The hashes of the events
-- written before this migration are filled in by the migration runner, with the trigger that
-- forbids updates set aside for that moment and made again after it.
--
-- `REPLACE INTO event` deleted an event without firing `event_no_delete` (a REPLACE removes the
-- row it conflicts with without DELETE triggers): an insert must now take the next id, so it can
-- neither replace an event nor be put in between two.

ALTER TABLE event ADD COLUMN hash BLOB;

DROP TRIGGER event_no_update;

CREATE TRIGGER event_append_only BEFORE INSERT ON event
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM event)
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
