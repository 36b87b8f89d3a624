//! Undo of one write: the events of its transaction are applied backwards, newest first, as a new
//! write whose own events (action `undo`) keep every value it takes away. A record made by the
//! write is removed again; a changed field gets its old value back. When a record changed again
//! since, the undo is refused rather than overwrite that later change.

use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use super::Store;
use super::insert::twin;
use super::tx::{Patch, Writer};
use super::{logged, read};
use crate::error::{Error, Result};
use crate::model::{Key, Task};

/// One event of the write being undone.
struct Logged {
    id: i64,
    entity: String,
    uuid: String,
    action: String,
    /// Its business date, which the undo takes: the change never happened, on any day.
    date: String,
    changes: Vec<(String, Value, Value)>,
}

fn logged_events(w: &Writer, tx: &str) -> Result<Vec<Logged>> {
    let mut stmt = w.tx.prepare(
        "SELECT entity, entity_uuid, action, changes, date, id FROM event WHERE tx = ?1
         ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([tx], |r| {
        let changes: String = r.get(3)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            changes,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    let mut events = Vec::new();
    for row in rows {
        let (entity, uuid, action, changes, date, id) = row?;
        let changes = match serde_json::from_str::<Value>(&changes) {
            Ok(Value::Object(map)) => map
                .into_iter()
                .map(|(field, pair)| (field, pair[0].clone(), pair[1].clone()))
                .collect(),
            _ => return Err(Error::Damaged(format!("event changes of {uuid}"))),
        };
        events.push(Logged {
            id,
            entity,
            uuid,
            action,
            date,
            changes,
        });
    }
    Ok(events)
}

/// The value of a task field as the event log writes it.
fn task_value(task: &Task, field: &str) -> Option<Value> {
    let optional = |v: &Option<String>| v.as_deref().map_or(Value::Null, |s| json!(s));
    Some(match field {
        "measure" => json!(task.measure),
        "person" => json!(task.person),
        "deadline" => optional(&task.deadline.map(crate::date::format)),
        "status" => json!(task.status.key()),
        "unit" => json!(task.unit),
        "support_units" => json!(task.support_units),
        "closed_on" => optional(&task.closed_on.map(crate::date::format)),
        "assigned" => json!(crate::date::format(task.assigned)),
        "closed_at" => optional(&task.closed_at),
        "closed_by" => optional(&task.closed_by),
        "close_note" => optional(&task.close_note),
        "close_evidence" => optional(&task.close_evidence),
        "reopen_reason" => optional(&task.reopen_reason),
        "original_deadline" => optional(&task.original_deadline.map(crate::date::format)),
        "extended_from" => optional(&task.extended_from.map(crate::date::format)),
        "extended_on" => optional(&task.extended_on.map(crate::date::format)),
        "extension_reason" => optional(&task.extension_reason),
        "extension_approved_by" => optional(&task.extension_approved_by),
        _ => return None,
    })
}

fn sql_of(value: &Value) -> Sql {
    match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map_or(Sql::Null, Sql::Integer),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn conflict(label: String) -> Error {
    Error::UndoConflict(label)
}

impl Store {
    /// Undoes the write with transaction id `tx` (see `last_tx`). Returns how many records it
    /// restored or removed.
    pub fn undo(&mut self, tx: &str) -> Result<usize> {
        self.write(|w| {
            let events = logged_events(w, tx)?;
            if events.is_empty() || events.iter().any(|e| e.action == "undo") {
                return Err(Error::NothingToUndo);
            }
            for event in &events {
                match (event.entity.as_str(), event.action.as_str()) {
                    ("task", "create") => remove_task(w, event)?,
                    ("progress", "create") => remove_row(w, event, "progress")?,
                    ("problem", "create") => remove_row(w, event, "problem")?,
                    ("unit", "create") => remove_row(w, event, "unit")?,
                    ("inspection", "create") => remove_row(w, event, "inspection")?,
                    ("task", _) => revert_task(w, event)?,
                    ("problem", _) => revert_problem(w, event)?,
                    ("unit", _) => revert_unit(w, event)?,
                    _ => return Err(Error::NothingToUndo),
                }
            }
            Ok(events.len())
        })
    }
}

/// Removes a task the write created, unless work was recorded on it since.
fn remove_task(w: &Writer, event: &Logged) -> Result<()> {
    let task = read::task_by_uuid(&w.tx, &event.uuid)?;
    let progress: i64 = w.tx.query_row(
        "SELECT count(*) FROM progress WHERE task_id = ?1",
        [task.id],
        |r| r.get(0),
    )?;
    let later: i64 = w.tx.query_row(
        "SELECT count(*) FROM event WHERE entity_uuid = ?1 AND action <> 'create'",
        [&event.uuid],
        |r| r.get(0),
    )?;
    if progress > 0 || later > 0 {
        return Err(conflict(format!("#{}", task.seq)));
    }
    let gone: Vec<(&str, Value, Value)> = event
        .changes
        .iter()
        .map(|(field, _, _)| {
            let now = match field.as_str() {
                "seq" => json!(task.seq),
                "problem" => json!(task.problem_code),
                other => task_value(&task, other).unwrap_or(Value::Null),
            };
            (field.as_str(), now, Value::Null)
        })
        .collect();
    w.tx.execute("DELETE FROM task_support WHERE task_id = ?1", [task.id])?;
    w.tx.execute("DELETE FROM task WHERE id = ?1", [task.id])?;
    w.event_on(&event.date, "task", &event.uuid, "undo", &gone)
}

/// Removes a progress entry, problem, unit or inspection the write created; the foreign keys
/// refuse it when something refers to the record now, and that becomes a conflict.
fn remove_row(w: &Writer, event: &Logged, table: &'static str) -> Result<()> {
    let removed = w.tx.execute(
        &format!("DELETE FROM {table} WHERE uuid = ?1"),
        [&event.uuid],
    );
    match removed {
        Ok(1) => {}
        Ok(_) => return Err(conflict(event.uuid.clone())),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            return Err(conflict(event.uuid.clone()));
        }
        Err(other) => return Err(other.into()),
    }
    let gone: Vec<(&str, Value, Value)> = event
        .changes
        .iter()
        .map(|(field, _, new)| (field.as_str(), new.clone(), Value::Null))
        .collect();
    w.event_on(&event.date, &event.entity, &event.uuid, "undo", &gone)
}

/// Whether the record of `event` changed after it (a value changed and changed back, too): an
/// undo puts old values back as the newest change, which is right only when none came since.
fn changed_since(w: &Writer, event: &Logged) -> Result<bool> {
    let later: i64 = w.tx.query_row(
        "SELECT count(*) FROM event WHERE entity_uuid = ?1 AND id > ?2
         AND tx IS NOT (SELECT tx FROM event WHERE id = ?2)",
        rusqlite::params![event.uuid, event.id],
        |r| r.get(0),
    )?;
    Ok(later > 0)
}

/// Puts the old values of a task's changed fields back, if nobody changed them since.
fn revert_task(w: &Writer, event: &Logged) -> Result<()> {
    let task = read::task_by_uuid(&w.tx, &event.uuid)?;
    if changed_since(w, event)? {
        return Err(conflict(format!("#{}", task.seq)));
    }
    let mut patch = Patch::default();
    let mut unit_back = None;
    for (field, old, new) in &event.changes {
        if task_value(&task, field).as_ref() != Some(new) {
            return Err(conflict(format!("#{}", task.seq)));
        }
        match field.as_str() {
            "unit" => {
                let name = old.as_str().unwrap_or_default();
                let unit = read::unit_by_name(&w.tx, name)?;
                unit_back = Some(unit.id);
                patch.set("unit_id", Sql::Integer(unit.id));
            }
            "support_units" => {
                w.tx.execute("DELETE FROM task_support WHERE task_id = ?1", [task.id])?;
                for name in old.as_array().into_iter().flatten() {
                    let unit = read::unit_by_name(&w.tx, name.as_str().unwrap_or_default())?;
                    w.tx.execute(
                        "INSERT INTO task_support (task_id, unit_id) VALUES (?1, ?2)",
                        [task.id, unit.id],
                    )?;
                }
            }
            other => patch.set(column(other)?, sql_of(old)),
        }
    }
    // another task of the unit may have taken the measure this one goes back to
    let measure_back = event.changes.iter().find(|(f, _, _)| f == "measure");
    if unit_back.is_some() || measure_back.is_some() {
        let measure = measure_back
            .and_then(|(_, old, _)| old.as_str())
            .unwrap_or(&task.measure);
        let unit = unit_back.unwrap_or(task.unit_id);
        if twin(&w.tx, task.problem_id, unit, measure, Some(task.id))?.is_some() {
            return Err(conflict(format!("#{}", task.seq)));
        }
    }
    patch.apply(w, "task", task.id)?;
    w.event_on(&event.date, "task", &event.uuid, "undo", &swapped(event))
}

fn revert_problem(w: &Writer, event: &Logged) -> Result<()> {
    let problem = read::problem_by_uuid(&w.tx, &event.uuid)?;
    if changed_since(w, event)? {
        return Err(conflict(problem.code));
    }
    let mut patch = Patch::default();
    for (field, old, new) in &event.changes {
        let now = match field.as_str() {
            "code" => json!(problem.code),
            "category" => json!(problem.category.key()),
            "title" => json!(problem.title),
            "description" => json!(problem.description),
            "lead_unit" => json!(problem.lead_unit),
            _ => Value::Null,
        };
        if now != *new {
            return Err(conflict(problem.code));
        }
        if field == "lead_unit" {
            let id = match old.as_str() {
                Some(name) => Sql::Integer(read::unit_by_name(&w.tx, name)?.id),
                None => Sql::Null,
            };
            patch.set("lead_unit_id", id);
        } else {
            patch.set(column(field)?, sql_of(old));
        }
    }
    patch.apply(w, "problem", problem.id)?;
    w.event_on(&event.date, "problem", &event.uuid, "undo", &swapped(event))
}

fn revert_unit(w: &Writer, event: &Logged) -> Result<()> {
    let unit = read::unit_by_uuid(&w.tx, &event.uuid)?;
    if changed_since(w, event)? {
        return Err(conflict(unit.name));
    }
    let mut patch = Patch::default();
    for (field, old, new) in &event.changes {
        let now = match field.as_str() {
            "name" => json!(unit.name),
            "kind" => json!(unit.kind.key()),
            "active" => json!(unit.active),
            _ => Value::Null,
        };
        if now != *new {
            return Err(conflict(unit.name));
        }
        patch.set(column(field)?, sql_of(old));
    }
    patch.apply(w, "unit", unit.id)?;
    w.event_on(&event.date, "unit", &event.uuid, "undo", &swapped(event))
}

/// The changes of `event` the other way round: what the undo changed.
fn swapped(event: &Logged) -> Vec<(&str, Value, Value)> {
    event
        .changes
        .iter()
        .map(|(field, old, new)| (field.as_str(), new.clone(), old.clone()))
        .collect()
}

/// The column a logged field is stored in; the event log is our own, but a damaged one must not
/// reach SQL as a column name.
fn column(field: &str) -> Result<&'static str> {
    [logged::TASK, logged::PROBLEM, logged::UNIT]
        .into_iter()
        .flatten()
        .find(|c| **c == field)
        .copied()
        .ok_or_else(|| Error::Damaged(format!("unknown field {field} in the event log")))
}
