//! Inserting records, with the checks every way of adding them shares: the command line, the
//! TUI, `assign` and the seed. Each insert logs its event.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::read;
use super::request::NewProblem;
use super::tx::{Writer, new_uuid};
use crate::date;
use crate::error::{Error, Field, Result};
use crate::model::{Category, CodeProblem, Key, Problem, Status, Unit, UnitKind, check_text};

/// Checks a text field a person filled in; see `model::check_text`.
pub(super) fn checked(field: Field, text: &str, required: bool, long: bool) -> Result<String> {
    check_text(text, required, long).map_err(|problem| Error::BadText { field, problem })?;
    Ok(text.trim().to_string())
}

/// An active unit by name; new tasks and leads cannot go to a deactivated unit.
pub(super) fn active_unit(conn: &rusqlite::Connection, name: &str) -> Result<Unit> {
    let unit = read::unit_by_name(conn, name)?;
    if !unit.active {
        return Err(Error::InactiveUnit(unit.name));
    }
    Ok(unit)
}

pub(super) fn check_code(code: &str) -> Result<String> {
    let trimmed = code.trim().to_string();
    match crate::model::check_code(code) {
        Ok(()) => Ok(trimmed),
        Err(CodeProblem::Text(problem)) => Err(Error::BadText {
            field: Field::Code,
            problem,
        }),
        Err(CodeProblem::Space) => Err(Error::CodeHasSpace(trimmed)),
        Err(CodeProblem::LooksLikeNumber) => Err(Error::CodeLooksLikeNumber(trimmed)),
    }
}

/// Refuses a code that another problem of the same inspection already has (case aside).
pub(super) fn check_code_free(w: &Writer, inspection_id: i64, code: &str) -> Result<()> {
    let taken: Option<i64> =
        w.tx.query_row(
            "SELECT id FROM problem WHERE inspection_id = ?1 AND code = ?2 COLLATE NOCASE",
            params![inspection_id, code],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(Error::DuplicateCode(code.to_string())),
        None => Ok(()),
    }
}

/// Resolves supporting units: distinct, not the responsible unit itself, and active unless the
/// task has them already (`kept`).
pub(super) fn support_units(
    w: &Writer,
    names: &[String],
    owner: &Unit,
    kept: &[String],
) -> Result<Vec<Unit>> {
    let mut units: Vec<Unit> = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let unit = if kept.iter().any(|k| k == name.trim()) {
            read::unit_by_name(&w.tx, name)?
        } else {
            active_unit(&w.tx, name)?
        };
        if unit.id != owner.id && !units.iter().any(|u| u.id == unit.id) {
            units.push(unit);
        }
    }
    Ok(units)
}

pub(super) fn set_support(w: &Writer, task_id: i64, units: &[Unit]) -> Result<()> {
    w.tx.execute("DELETE FROM task_support WHERE task_id = ?1", [task_id])?;
    let mut insert =
        w.tx.prepare_cached("INSERT INTO task_support (task_id, unit_id) VALUES (?1, ?2)")?;
    for unit in units {
        insert.execute([task_id, unit.id])?;
    }
    Ok(())
}

pub(super) fn names(units: &[Unit]) -> Vec<String> {
    units.iter().map(|u| u.name.clone()).collect()
}

/// Inserts a unit at the end of the unit order.
pub(super) fn insert_unit(w: &Writer, name: &str, kind: UnitKind) -> Result<()> {
    let uuid = new_uuid();
    w.tx.prepare_cached(
        "INSERT INTO unit (uuid, name, kind, sort_order, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(sort_order), 0) + 1 FROM unit), 1, ?4, ?4)",
    )?
    .execute(params![uuid, name, kind.key(), w.at()])?;
    w.event(
        "unit",
        &uuid,
        "create",
        &[
            ("name", Value::Null, json!(name)),
            ("kind", Value::Null, json!(kind.key())),
        ],
    )
}

/// Inserts an inspection round; returns its row id.
pub(super) fn insert_inspection(
    w: &Writer,
    title: &str,
    issuer: &str,
    feedback_date: NaiveDate,
    note: &str,
) -> Result<i64> {
    let uuid = new_uuid();
    let day = date::format(feedback_date);
    w.tx.execute(
        "INSERT INTO inspection (uuid, title, issuer, feedback_date, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![uuid, title, issuer, day, note, w.at()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.event(
        "inspection",
        &uuid,
        "create",
        &[
            ("title", Value::Null, json!(title)),
            ("issuer", Value::Null, json!(issuer)),
            ("feedback_date", Value::Null, json!(day)),
            ("note", Value::Null, json!(note)),
        ],
    )?;
    Ok(id)
}

/// Inserts a checked problem at the end of its inspection's order (`new.lead_unit` is ignored:
/// the caller resolves the lead).
pub(super) fn insert_problem(
    w: &Writer,
    inspection_id: i64,
    new: &NewProblem,
    lead: Option<&Unit>,
) -> Result<Problem> {
    let uuid = new_uuid();
    let category = new.category.unwrap_or(Category::Other);
    w.tx.prepare_cached(
        "INSERT INTO problem (uuid, inspection_id, code, category, title, description,
                              lead_unit_id, sort_order, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                 (SELECT coalesce(max(sort_order), 0) + 1 FROM problem WHERE inspection_id = ?2),
                 ?8, ?8)",
    )?
    .execute(params![
        uuid,
        inspection_id,
        new.code,
        category.key(),
        new.title,
        new.description,
        lead.map(|u| u.id),
        w.at()
    ])?;
    let id = w.tx.last_insert_rowid();
    w.event(
        "problem",
        &uuid,
        "create",
        &[
            ("code", Value::Null, json!(new.code)),
            ("category", Value::Null, json!(category.key())),
            ("title", Value::Null, json!(new.title)),
            ("description", Value::Null, json!(new.description)),
            ("lead_unit", Value::Null, json!(lead.map(|u| &u.name))),
        ],
    )?;
    read::problem_by_id(&w.tx, id)
}

/// What a new task is asked to do, and by when.
pub(super) struct Measure<'a> {
    pub text: &'a str,
    /// None: kept up without end (长期坚持).
    pub deadline: Option<NaiveDate>,
    pub person: &'a str,
    pub support: &'a [Unit],
}

/// Inserts one task after checking it, assigned on the date of the write; shared by `add_task`,
/// `assign`, the seed and `import-sheet`.
pub(super) fn insert_task(
    w: &Writer,
    problem: &Problem,
    unit: &Unit,
    new: &Measure,
) -> Result<i64> {
    let Measure {
        text: measure,
        deadline,
        person,
        support,
    } = *new;
    check_no_twin(w, problem, unit, measure, None)?;
    let seq: i64 =
        w.tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM task", [], |r| {
            r.get(0)
        })?;
    let uuid = new_uuid();
    let deadline = deadline.map(date::format);
    // 交办日期: the date of the write
    w.tx.prepare_cached(
        "INSERT INTO task (uuid, seq, problem_id, unit_id, measure, person, deadline, status,
                           created_at, updated_at, assigned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'not_started', ?8, ?8, ?9)",
    )?
    .execute(params![
        uuid,
        seq,
        problem.id,
        unit.id,
        measure,
        person,
        deadline,
        w.at(),
        w.date()
    ])?;
    let task_id = w.tx.last_insert_rowid();
    set_support(w, task_id, support)?;
    w.event(
        "task",
        &uuid,
        "create",
        &[
            ("seq", Value::Null, json!(seq)),
            ("problem", Value::Null, json!(problem.code)),
            ("unit", Value::Null, json!(unit.name)),
            ("support_units", Value::Null, json!(names(support))),
            ("measure", Value::Null, json!(measure)),
            ("person", Value::Null, json!(person)),
            ("deadline", Value::Null, json!(deadline)),
            ("status", Value::Null, json!(Status::NotStarted.key())),
            ("assigned", Value::Null, json!(w.date())),
        ],
    )?;
    Ok(seq)
}

/// A unit may hold several measures of a problem, but not the same measure twice: a task is
/// told from its twins by its measure (as a sheet without task numbers names it). `except` is
/// the task being changed, which is no twin of itself.
pub(super) fn check_no_twin(
    w: &Writer,
    problem: &Problem,
    unit: &Unit,
    measure: &str,
    except: Option<i64>,
) -> Result<()> {
    match twin(&w.tx, problem.id, unit.id, measure, except)? {
        Some(seq) => Err(Error::DuplicateTask {
            problem: problem.code.clone(),
            unit: unit.name.clone(),
            seq,
        }),
        None => Ok(()),
    }
}

/// The number of the task of `problem_id` and `unit_id` with this measure, other than `except`.
pub(super) fn twin(
    conn: &rusqlite::Connection,
    problem_id: i64,
    unit_id: i64,
    measure: &str,
    except: Option<i64>,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq FROM task WHERE problem_id = ?1 AND unit_id = ?2 AND measure = ?3
             AND id IS NOT ?4",
        )?
        .query_row(params![problem_id, unit_id, measure.trim(), except], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Appends a progress entry of `task` by `author`, logged on its own date.
pub(super) fn insert_progress(
    w: &Writer,
    task: &crate::model::Task,
    day: NaiveDate,
    text: &str,
    evidence: &str,
    author: &str,
) -> Result<()> {
    let uuid = new_uuid();
    let day = date::format(day);
    w.tx.prepare_cached(
        "INSERT INTO progress (uuid, task_id, date, text, evidence, author, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![uuid, task.id, day, text, evidence, author, w.at()])?;
    w.event_on(
        &day,
        "progress",
        &uuid,
        "create",
        &[
            ("task", Value::Null, json!(format!("#{}", task.seq))),
            ("date", Value::Null, json!(day)),
            ("text", Value::Null, json!(text)),
            ("evidence", Value::Null, json!(evidence)),
        ],
    )
}
