//! The ledger as it stood at the end of a day (截至): what the changes dated up to that day make
//! it. The tables hold the ledger as every change made it; a reader for an earlier day starts
//! from them and takes back, newest first, the changes dated after the day, from the old values
//! the event log keeps. A task's changes are dated in the order they were made (the writes hold
//! them to it, see `status::check_in_order`), so what is taken back is the tail of each task's
//! changes. Progress entries carry their own date and are simply left out after the day.
//!
//! The readers of `asof` call these only for a day some change is dated after.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use super::read::stored_date;
use crate::date;
use crate::error::{Error, Result};
use crate::model::{Key, LatestProgress, Status, Task};

/// The newest business date in the log.
pub(super) fn latest_date(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT max(date) FROM event", [], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Units by every name they have had (a task's log names its unit as it was called then), with
/// the name each has now.
struct UnitNames(HashMap<String, (i64, String)>);

impl UnitNames {
    fn read(conn: &Connection) -> Result<UnitNames> {
        let mut names = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, uuid, name FROM unit")?;
        let units: Vec<(i64, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_uuid = HashMap::new();
        for (id, uuid, name) in &units {
            names.insert(name.clone(), (*id, name.clone()));
            by_uuid.insert(uuid.as_str(), (*id, name.clone()));
        }
        let mut renames = conn.prepare_cached(
            "SELECT entity_uuid, json_extract(changes, '$.name[0]') FROM event
             WHERE entity = 'unit' AND json_extract(changes, '$.name[0]') IS NOT NULL",
        )?;
        let old_names: Vec<(String, String)> = renames
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uuid, old) in old_names {
            if let Some(unit) = by_uuid.get(uuid.as_str()) {
                names.entry(old).or_insert_with(|| unit.clone());
            }
        }
        Ok(UnitNames(names))
    }

    fn get(&self, name: &str) -> Option<&(i64, String)> {
        self.0.get(name)
    }
}

/// Gives `task` back the old value of one logged field.
fn take_back(
    task: &mut Task,
    field: &str,
    old: &Value,
    units: &mut Option<UnitNames>,
    conn: &Connection,
) -> Result<()> {
    let text = || old.as_str().map(str::to_string);
    let day = || old.as_str().and_then(|d| stored_date(d).ok());
    match field {
        "measure" => task.measure = text().unwrap_or_default(),
        "person" => task.person = text().unwrap_or_default(),
        "deadline" => {
            if let Some(d) = day() {
                task.deadline = d;
            }
        }
        "status" => {
            if let Some(status) = old.as_str().and_then(Status::from_key) {
                task.status = status;
            }
        }
        "closed_on" => task.closed_on = day(),
        "closed_at" => task.closed_at = text(),
        "closed_by" => task.closed_by = text(),
        "close_note" => task.close_note = text(),
        "close_evidence" => task.close_evidence = text(),
        "reopen_reason" => task.reopen_reason = text(),
        "unit" | "unit_id" => {
            let names = match units {
                Some(names) => names,
                None => units.insert(UnitNames::read(conn)?),
            };
            if let Some((id, name)) = old.as_str().and_then(|n| names.get(n)) {
                task.unit_id = *id;
                task.unit = name.clone();
            }
        }
        "support_units" => {
            let names = match units {
                Some(names) => names,
                None => units.insert(UnitNames::read(conn)?),
            };
            task.support_units = old
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_str())
                .map(|n| names.get(n).map_or_else(|| n.to_string(), |u| u.1.clone()))
                .collect();
        }
        _ => {}
    }
    Ok(())
}

/// Takes back the changes of one event from `task`.
fn take_back_event(
    task: &mut Task,
    changes: &str,
    units: &mut Option<UnitNames>,
    conn: &Connection,
) -> Result<()> {
    let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(changes) else {
        return Err(Error::Damaged(format!("event changes of #{}", task.seq)));
    };
    for (field, pair) in &changes {
        take_back(task, field, &pair[0], units, conn)?;
    }
    Ok(())
}

/// The date of the latest progress entry of a task up to `day`.
fn last_progress_up_to(conn: &Connection, task_id: i64, day: &str) -> Result<Option<NaiveDate>> {
    let last: Option<String> = conn
        .prepare_cached("SELECT max(date) FROM progress WHERE task_id = ?1 AND date <= ?2")?
        .query_row(rusqlite::params![task_id, day], |r| r.get(0))?;
    Ok(last.map(|d| stored_date(&d)).transpose()?)
}

/// `tasks` (as the tables hold them) as they stood at the end of `day`: those assigned later
/// left out, the rest with the changes dated later taken back.
pub(super) fn rewind(conn: &Connection, day: NaiveDate, mut tasks: Vec<Task>) -> Result<Vec<Task>> {
    tasks.retain(|t| t.assigned <= day);
    let day_text = date::format(day);
    let index: HashMap<String, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.uuid.clone(), i))
        .collect();
    let mut units = None;
    let mut stmt = conn.prepare_cached(
        "SELECT entity_uuid, changes FROM event
         WHERE date > ?1 AND entity = 'task' ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([&day_text])?;
    while let Some(r) = rows.next()? {
        let uuid = r.get_ref(0)?.as_str().unwrap_or_default();
        if let Some(&i) = index.get(uuid) {
            let changes = r.get_ref(1)?.as_str().unwrap_or_default();
            take_back_event(&mut tasks[i], changes, &mut units, conn)?;
        }
    }
    for task in &mut tasks {
        if task.last_progress_date.is_some_and(|d| d > day) {
            task.last_progress_date = last_progress_up_to(conn, task.id, &day_text)?;
        }
    }
    Ok(tasks)
}

/// One task as it stood at the end of `day`; `None` when it was assigned later.
pub(super) fn rewind_one(
    conn: &Connection,
    day: NaiveDate,
    mut task: Task,
) -> Result<Option<Task>> {
    if task.assigned > day {
        return Ok(None);
    }
    let day_text = date::format(day);
    let mut stmt = conn.prepare_cached(
        "SELECT changes FROM event WHERE entity_uuid = ?1 AND date > ?2 ORDER BY id DESC",
    )?;
    let later: Vec<String> = stmt
        .query_map(rusqlite::params![task.uuid, day_text], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut units = None;
    for changes in &later {
        take_back_event(&mut task, changes, &mut units, conn)?;
    }
    if task.last_progress_date.is_some_and(|d| d > day) {
        task.last_progress_date = last_progress_up_to(conn, task.id, &day_text)?;
    }
    Ok(Some(task))
}

/// The problems recorded after `day` that had no task assigned by then: not yet in the ledger.
pub(super) fn problems_after(
    conn: &Connection,
    day: NaiveDate,
) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id FROM problem p
         JOIN event e ON e.entity_uuid = p.uuid AND e.action IN ('create', 'import')
         WHERE e.id = (SELECT min(id) FROM event WHERE entity_uuid = p.uuid)
           AND e.date > ?1
           AND NOT EXISTS (SELECT 1 FROM task t WHERE t.problem_id = p.id AND t.assigned <= ?1)",
    )?;
    let ids = stmt.query_map([date::format(day)], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The text of every task's latest progress entry dated up to `day`.
pub(super) fn latest_progress_up_to(conn: &Connection, day: NaiveDate) -> Result<LatestProgress> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id,
                (SELECT text FROM progress WHERE task_id = t.id AND date <= ?1
                 ORDER BY date DESC, id DESC LIMIT 1)
         FROM task t
         WHERE t.last_progress_date IS NOT NULL",
    )?;
    let texts = stmt
        .query_map([date::format(day)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?
        .filter_map(|row| row.map(|(id, text)| text.map(|t| (id, t))).transpose())
        .collect::<rusqlite::Result<_>>()?;
    Ok(LatestProgress(texts))
}
