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
use crate::model::{Category, Key, LatestProgress, Problem, Status, Task, Unit};

/// The newest business date in the log: the newest of each kind of record, each one step down
/// the index `event_date` (entity, date).
pub(super) fn latest_date(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT max(latest) FROM (
                 SELECT (SELECT max(date) FROM event WHERE entity = 'task') AS latest
                 UNION ALL SELECT (SELECT max(date) FROM event WHERE entity = 'progress')
                 UNION ALL SELECT (SELECT max(date) FROM event WHERE entity = 'problem')
                 UNION ALL SELECT (SELECT max(date) FROM event WHERE entity = 'unit')
                 UNION ALL SELECT (SELECT max(date) FROM event WHERE entity = 'inspection')
                 UNION ALL SELECT (SELECT max(date) FROM event WHERE entity = 'setting'))",
            [],
            |r| r.get(0),
        )
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
        "deadline" => task.deadline = day(),
        "original_deadline" => task.original_deadline = day(),
        "extended_from" => task.extended_from = day(),
        "extended_on" => task.extended_on = day(),
        "extension_reason" => task.extension_reason = text(),
        "extension_approved_by" => task.extension_approved_by = text(),
        "status" => {
            if let Some(status) = old.as_str().and_then(Status::from_key) {
                task.status = status;
            }
        }
        "closed_on" => task.closed_on = day(),
        "assigned" => {
            if let Some(d) = day() {
                task.assigned = d;
            }
        }
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
    changes: &serde_json::Map<String, Value>,
    units: &mut Option<UnitNames>,
    conn: &Connection,
) -> Result<()> {
    // a creation has nothing to go back to: a task shown on a day has been made by then, and a
    // creation dated later (an import that moved its 交办日期) must not empty its fields
    if is_creation(changes) {
        return Ok(());
    }
    for (field, pair) in changes {
        take_back(task, field, &pair[0], units, conn)?;
    }
    Ok(())
}

/// Whether an event made its record: every field it names had no value before.
fn is_creation(changes: &serde_json::Map<String, Value>) -> bool {
    changes.values().all(|pair| pair[0].is_null())
}

/// The fields an event changed, as the log keeps them.
fn parsed(seq_or_uuid: &str, changes: &str) -> Result<serde_json::Map<String, Value>> {
    match serde_json::from_str::<Value>(changes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::Damaged(format!("event changes of {seq_or_uuid}"))),
    }
}

/// The date of the latest progress entry of a task up to `day`.
fn last_progress_up_to(conn: &Connection, task_id: i64, day: &str) -> Result<Option<NaiveDate>> {
    let last: Option<String> = conn
        .prepare_cached("SELECT max(date) FROM progress WHERE task_id = ?1 AND date <= ?2")?
        .query_row(rusqlite::params![task_id, day], |r| r.get(0))?;
    Ok(last.map(|d| stored_date(&d)).transpose()?)
}

/// A change of a task dated after some day, as the log keeps it.
pub(super) struct Later {
    pub uuid: String,
    pub action: String,
    pub date: NaiveDate,
    pub changes: serde_json::Map<String, Value>,
}

/// The changes of tasks dated after `day`, newest first (the index `event_date` holds just
/// these; they are put in order here, where a sort in SQLite would carry every change).
pub(super) fn later_changes(conn: &Connection, day: NaiveDate) -> Result<Vec<Later>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, entity_uuid, action, date, changes FROM event
         WHERE entity = 'task' AND date > ?1",
    )?;
    let mut rows = stmt.query([date::format(day)])?;
    let mut later = Vec::new();
    while let Some(r) = rows.next()? {
        let uuid: String = r.get(1)?;
        let changes = parsed(&uuid, r.get_ref(4)?.as_str().unwrap_or_default())?;
        let id: i64 = r.get(0)?;
        let change = Later {
            action: r.get(2)?,
            date: stored_date(r.get_ref(3)?.as_str().unwrap_or_default())?,
            uuid,
            changes,
        };
        later.push((id, change));
    }
    later.sort_unstable_by_key(|(id, _)| std::cmp::Reverse(*id));
    Ok(later.into_iter().map(|(_, change)| change).collect())
}

/// `tasks` as they stood at the end of `day`, given the changes dated after it that they still
/// have (newest first): those assigned later left out, the rest with the changes taken back and
/// their latest progress up to the day.
pub(super) fn take_back_all<'a>(
    conn: &Connection,
    day: NaiveDate,
    mut tasks: Vec<Task>,
    later: impl Iterator<Item = &'a Later>,
) -> Result<Vec<Task>> {
    let day_text = date::format(day);
    let mut by_task: HashMap<&str, Vec<&serde_json::Map<String, Value>>> = HashMap::new();
    for change in later {
        by_task
            .entry(&change.uuid)
            .or_default()
            .push(&change.changes);
    }
    // each task's latest progress up to the day, where its latest is later, in one query
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, (SELECT max(date) FROM progress WHERE task_id = t.id AND date <= ?1)
         FROM task t WHERE t.last_progress_date > ?1",
    )?;
    let latest: HashMap<i64, Option<String>> = stmt
        .query_map([&day_text], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut units = None;
    for task in &mut tasks {
        if let Some(changes) = by_task.get(task.uuid.as_str()) {
            for changes in changes {
                take_back_event(task, changes, &mut units, conn)?;
            }
        }
        if let Some(last) = latest.get(&task.id) {
            task.last_progress_date = last.as_deref().map(stored_date).transpose()?;
        }
    }
    // after the take-back: an import may have moved a 交办日期
    tasks.retain(|t| t.assigned <= day);
    relabel(conn, day, &mut tasks)?;
    Ok(tasks)
}

/// The days of warning (`warn_days`) as they were at the end of `day`: the old value of the
/// first change dated after it, if any (else the value now, `None` when unset).
pub(super) fn warn_days_on(conn: &Connection, day: NaiveDate) -> Result<Option<Option<String>>> {
    let first_later: Option<String> = conn
        .query_row(
            "SELECT changes FROM event
             WHERE entity = 'setting' AND entity_uuid = 'warn_days' AND date > ?1
             ORDER BY id LIMIT 1",
            [date::format(day)],
            |r| r.get(0),
        )
        .optional()?;
    let Some(changes) = first_later else {
        return Ok(None);
    };
    let old = parsed("warn_days", &changes)?
        .get("warn_days")
        .and_then(|pair| pair[0].as_str().map(str::to_string));
    Ok(Some(old))
}

/// `tasks` (as the tables hold them) as they stood at the end of `day`.
pub(super) fn rewind(conn: &Connection, day: NaiveDate, tasks: Vec<Task>) -> Result<Vec<Task>> {
    let later = later_changes(conn, day)?;
    take_back_all(conn, day, tasks, later.iter())
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
        let changes = parsed(&task.uuid, changes)?;
        take_back_event(&mut task, &changes, &mut units, conn)?;
    }
    if task.last_progress_date.is_some_and(|d| d > day) {
        task.last_progress_date = last_progress_up_to(conn, task.id, &day_text)?;
    }
    // an import may have moved its 交办日期 after the day
    if task.assigned > day {
        return Ok(None);
    }
    relabel(conn, day, std::slice::from_mut(&mut task))?;
    Ok(Some(task))
}

/// The problems recorded after `day` that had no task assigned by then: not yet in the ledger.
/// Those recorded later are few (usually none), and only they are looked at further.
pub(super) fn problems_after(
    conn: &Connection,
    day: NaiveDate,
) -> Result<std::collections::HashSet<i64>> {
    let day = date::format(day);
    let mut stmt = conn.prepare_cached(
        "SELECT p.id FROM problem p
         WHERE (SELECT date FROM event WHERE entity_uuid = p.uuid ORDER BY id LIMIT 1) > ?1",
    )?;
    let later: Vec<i64> = stmt
        .query_map([&day], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut has_task = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM task WHERE problem_id = ?1 AND assigned <= ?2)",
    )?;
    let mut hidden = std::collections::HashSet::new();
    for id in later {
        if !has_task.query_row(rusqlite::params![id, day], |r| r.get::<_, bool>(0))? {
            hidden.insert(id);
        }
    }
    Ok(hidden)
}

/// The text of every task's latest progress entry dated up to `day`.
pub(super) fn latest_progress_up_to(conn: &Connection, day: NaiveDate) -> Result<LatestProgress> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id,
                CASE WHEN t.last_progress_date <= ?1 THEN t.last_progress_text
                     ELSE (SELECT text FROM progress WHERE task_id = t.id AND date <= ?1
                           ORDER BY date DESC, id DESC LIMIT 1) END
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

/// The old value of `field` in each change of a kind of record dated after `day`, by the
/// record's row id, as it was at the end of the day (the changes read newest first, so the one
/// kept is the value before the first of them).
fn names_on(
    conn: &Connection,
    day: NaiveDate,
    table: &str,
    field: &str,
) -> Result<HashMap<i64, Value>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.id, e.changes FROM event e JOIN {table} r ON r.uuid = e.entity_uuid
         WHERE e.entity = '{table}' AND e.date > ?1 ORDER BY e.id DESC"
    ))?;
    let mut rows = stmt.query([date::format(day)])?;
    let mut then = HashMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let changes = parsed(table, r.get_ref(1)?.as_str().unwrap_or_default())?;
        // a creation has no earlier value; the record did not exist then
        if let Some(pair) = changes.get(field).filter(|pair| !pair[0].is_null()) {
            then.insert(id, pair[0].clone());
        }
    }
    Ok(then)
}

/// Units as they were named at the end of `day`.
pub(super) fn units_on(conn: &Connection, day: NaiveDate, units: &mut [Unit]) -> Result<()> {
    let names = names_on(conn, day, "unit", "name")?;
    for unit in units {
        if let Some(name) = names.get(&unit.id).and_then(Value::as_str) {
            unit.name = name.to_string();
        }
    }
    Ok(())
}

/// Problems as they stood at the end of `day`: the changes dated later taken back, newest first.
pub(super) fn problems_on(
    conn: &Connection,
    day: NaiveDate,
    problems: &mut [Problem],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_uuid, changes FROM event WHERE entity = 'problem' AND date > ?1
         ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([date::format(day)])?;
    let index: HashMap<String, usize> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| (p.uuid.clone(), i))
        .collect();
    while let Some(r) = rows.next()? {
        let uuid: String = r.get(0)?;
        let Some(&i) = index.get(&uuid) else {
            continue;
        };
        let changes = parsed(&uuid, r.get_ref(1)?.as_str().unwrap_or_default())?;
        if is_creation(&changes) {
            continue;
        }
        let problem = &mut problems[i];
        for (field, pair) in &changes {
            let old = &pair[0];
            match field.as_str() {
                "code" => problem.code = old.as_str().unwrap_or(&problem.code).to_string(),
                "title" => problem.title = old.as_str().unwrap_or(&problem.title).to_string(),
                "description" => problem.description = old.as_str().unwrap_or_default().to_string(),
                "category" => {
                    if let Some(category) = old.as_str().and_then(Category::from_key) {
                        problem.category = category;
                    }
                }
                "lead_unit" | "lead_unit_id" => {
                    problem.lead_unit = old.as_str().map(str::to_string)
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Tasks labelled as of `day`: their units and supporting units by the names of then, their
/// problems by the codes of then.
fn relabel(conn: &Connection, day: NaiveDate, tasks: &mut [Task]) -> Result<()> {
    let names = names_on(conn, day, "unit", "name")?;
    let codes = names_on(conn, day, "problem", "code")?;
    if names.is_empty() && codes.is_empty() {
        return Ok(());
    }
    // supporting units are held by their names now
    let mut now = conn.prepare_cached("SELECT id, name FROM unit")?;
    let renamed: HashMap<String, String> = now
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(id, name)| Some((name, names.get(&id)?.as_str()?.to_string())))
        .collect();
    for task in tasks {
        if let Some(name) = names.get(&task.unit_id).and_then(Value::as_str) {
            task.unit = name.to_string();
        }
        for support in &mut task.support_units {
            if let Some(then) = renamed.get(support) {
                *support = then.clone();
            }
        }
        if let Some(code) = codes.get(&task.problem_id).and_then(Value::as_str) {
            task.problem_code = code.to_string();
        }
    }
    Ok(())
}
