//! Migration 4's work in Rust: the best business dates an older ledger has, given to its events
//! and tasks, and the hash chain made again over them.
//!
//! The dates, by what each event was:
//! - written in the transaction that made an inspection round (the seed, or an import of one):
//!   the round's feedback date;
//! - a progress entry made: the entry's date, and so the status move made with it;
//! - a task made: its 交办日期, which is the day it was recorded (the feedback date when seeded),
//!   or its earliest progress entry if that is earlier;
//! - anything else: the day it was recorded, in local time.
//!
//! A task's changes are then made to follow each other: none is dated before the one before it,
//! which is what the as-of readers (`asof`) rely on and what new writes are held to.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde_json::Value;

use super::chain;
use crate::error::Result;

/// The trigger `004-dates.sql` sets aside while the dates are filled in.
const EVENT_NO_UPDATE: &str = "CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;";

/// The setting that keeps the events whose hashes did not hold before the chain was made again:
/// `check` goes on reporting them, so a migration never blesses a log that was tampered with.
pub(super) const ALTERED_BEFORE: &str = "log_altered_before_v4";

struct Old {
    id: i64,
    tx: String,
    at: String,
    entity: String,
    uuid: String,
    action: String,
    changes: serde_json::Map<String, Value>,
}

/// The local calendar day of a stored UTC time (`2019-12-20T02:00:00.000Z`).
fn local_day(at: &str) -> Option<String> {
    let time = chrono::DateTime::parse_from_rfc3339(at).ok()?;
    Some(
        time.with_timezone(&chrono::Local)
            .date_naive()
            .format("%Y-%m-%d")
            .to_string(),
    )
}

fn new_value<'a>(changes: &'a serde_json::Map<String, Value>, field: &str) -> Option<&'a str> {
    changes.get(field)?.get(1)?.as_str()
}

fn read_old(conn: &Connection) -> Result<Vec<Old>> {
    let mut stmt = conn.prepare(
        "SELECT id, tx, at, entity, entity_uuid, action, changes FROM event ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let changes: String = r.get(6)?;
        let changes = match serde_json::from_str::<Value>(&changes) {
            Ok(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        Ok(Old {
            id: r.get(0)?,
            tx: r.get(1)?,
            at: r.get(2)?,
            entity: r.get(3)?,
            uuid: r.get(4)?,
            action: r.get(5)?,
            changes,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Fills `event.date`, `task.assigned` and `task.closed_on`, then hashes the chain again.
pub(super) fn date_the_log(conn: &Connection) -> Result<()> {
    let before = chain::walk_dated(conn, false, |_, _| Ok(()))?;
    let altered: Vec<String> = before
        .broken
        .iter()
        .chain(&before.gaps)
        .map(i64::to_string)
        .collect();
    if !altered.is_empty() {
        conn.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?1, ?2)",
            params![ALTERED_BEFORE, altered.join(",")],
        )?;
    }
    let events = read_old(conn)?;
    let earliest_progress = earliest_progress(conn)?;
    // the feedback date of each transaction that made an inspection round
    let mut round_of_tx: HashMap<&str, &str> = HashMap::new();
    // the date of the progress entry each transaction made
    let mut progress_of_tx: HashMap<&str, &str> = HashMap::new();
    for e in &events {
        let made = matches!(e.action.as_str(), "create" | "import");
        if e.entity == "inspection"
            && made
            && let Some(day) = new_value(&e.changes, "feedback_date")
        {
            round_of_tx.entry(&e.tx).or_insert(day);
        }
        if e.entity == "progress"
            && made
            && let Some(day) = new_value(&e.changes, "date")
        {
            progress_of_tx.entry(&e.tx).or_insert(day);
        }
    }
    let task_ids = task_ids(conn)?;
    let mut last_of_task: HashMap<&str, String> = HashMap::new();
    let mut closed_on: HashMap<&str, String> = HashMap::new();
    let mut update = conn.prepare("UPDATE event SET date = ?2 WHERE id = ?1")?;
    for e in &events {
        let recorded = local_day(&e.at).unwrap_or_else(|| e.at.chars().take(10).collect());
        let mut day = match round_of_tx.get(e.tx.as_str()) {
            Some(day) => day.to_string(),
            None => recorded,
        };
        let made = matches!(e.action.as_str(), "create" | "import");
        if e.entity == "progress"
            && made
            && let Some(own) = new_value(&e.changes, "date")
        {
            day = own.to_string();
        }
        if e.entity == "task" {
            if e.action == "status"
                && let Some(own) = progress_of_tx.get(e.tx.as_str())
            {
                day = own.to_string();
            }
            let first = !last_of_task.contains_key(e.uuid.as_str());
            if first {
                let id = task_ids.get(&e.uuid);
                if let Some(early) = id.and_then(|id| earliest_progress.get(id)) {
                    day = day.min(early.clone());
                }
            }
            if let Some(previous) = last_of_task.get(e.uuid.as_str()) {
                day = day.max(previous.clone());
            }
            last_of_task.insert(&e.uuid, day.clone());
            if e.action == "close" || new_value(&e.changes, "status") == Some("closed") {
                closed_on.insert(&e.uuid, day.clone());
            }
        }
        update.execute(params![e.id, day])?;
    }
    date_the_tasks(conn, &last_of_task, &closed_on, &events)?;
    chain::fill(conn, true)?;
    Ok(conn.execute_batch(EVENT_NO_UPDATE)?)
}

/// A task as migration 4 finds it: id, uuid, status, when it was recorded and closed.
type OldTask = (i64, String, String, String, Option<String>);

/// Gives every task its 交办日期 (the date of its first event) and, while closed, its 销号日期.
fn date_the_tasks(
    conn: &Connection,
    last_of_task: &HashMap<&str, String>,
    closed_on: &HashMap<&str, String>,
    events: &[Old],
) -> Result<()> {
    let mut first_of_task: HashMap<&str, String> = HashMap::new();
    let mut dates = conn.prepare("SELECT id, date FROM event WHERE entity = 'task'")?;
    let dated: HashMap<i64, String> = dates
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for e in events.iter().filter(|e| e.entity == "task") {
        if let Some(day) = dated.get(&e.id) {
            first_of_task.entry(&e.uuid).or_insert_with(|| day.clone());
        }
    }
    let mut stmt = conn.prepare("SELECT id, uuid, status, created_at, closed_at FROM task")?;
    let tasks: Vec<OldTask> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE task SET assigned = ?2, closed_on = ?3 WHERE id = ?1")?;
    for (id, uuid, status, created_at, closed_at) in tasks {
        // a task no event made (a file written by hand) gets the day it was recorded
        let recorded =
            local_day(&created_at).unwrap_or_else(|| created_at.chars().take(10).collect());
        let assigned = first_of_task
            .get(uuid.as_str())
            .cloned()
            .unwrap_or(recorded);
        let closed = (status == "closed").then(|| {
            closed_on
                .get(uuid.as_str())
                .cloned()
                .or_else(|| closed_at.as_deref().and_then(local_day))
                .unwrap_or_else(|| {
                    last_of_task
                        .get(uuid.as_str())
                        .cloned()
                        .unwrap_or(assigned.clone())
                })
        });
        update.execute(params![id, assigned, closed])?;
    }
    Ok(())
}

/// The date of each task's earliest progress entry, by task id.
fn earliest_progress(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT task_id, min(date) FROM progress GROUP BY task_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each task's row id by uuid.
fn task_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT uuid, id FROM task")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
