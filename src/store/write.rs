//! Writes. Each public method is one IMMEDIATE transaction that checks its input, changes the
//! rows and appends one event per changed record (old and new value of every changed field).
//! A wrong request returns an error before anything is written; the transaction is then dropped.

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, TransactionBehavior, params, params_from_iter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::Store;
use super::chain;
use super::read;
use crate::date;
use crate::error::{Error, Field, Result};
use crate::model::{
    Category, CodeProblem, Key, Move, Problem, Status, Task, Unit, UnitKind, check_text,
    classify_move,
};

/// One write transaction: its id, its time, who makes it, and the events it appends.
pub(super) struct Writer<'c> {
    pub(super) tx: rusqlite::Transaction<'c>,
    id: String,
    at: String,
    actor: String,
    /// The id and hash of the newest event: the link the next event hangs on.
    last_event: std::cell::RefCell<(i64, Option<Vec<u8>>)>,
}

impl Writer<'_> {
    /// The time of this write, in the stored form.
    pub(super) fn at(&self) -> &str {
        &self.at
    }

    pub(super) fn actor(&self) -> &str {
        &self.actor
    }

    /// Appends one event: `changes` holds (field, old, new) for each field that changed. It
    /// takes the next id and the hash that links it to the event before (see `chain`).
    pub(super) fn event(
        &self,
        entity: &str,
        uuid: &str,
        action: &str,
        changes: &[(&str, Value, Value)],
    ) -> Result<()> {
        let map: serde_json::Map<String, Value> = changes
            .iter()
            .map(|(field, old, new)| (field.to_string(), json!([old, new])))
            .collect();
        let changes = Value::Object(map).to_string();
        let mut last = self.last_event.borrow_mut();
        let id = last.0 + 1;
        let link = chain::Link {
            id,
            tx: &self.id,
            at: &self.at,
            actor: &self.actor,
            entity,
            entity_uuid: uuid,
            action,
            changes: &changes,
        };
        let hash = chain::hash(last.1.as_deref(), &link);
        self.tx
            .prepare_cached(
                "INSERT INTO event (id, tx, at, actor, entity, entity_uuid, action, changes, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id, self.id, self.at, self.actor, entity, uuid, action, changes, hash
            ])?;
        *last = (id, Some(hash));
        Ok(())
    }
}

/// The newest event's id and hash (0 and none in an empty log).
fn last_event(conn: &rusqlite::Connection) -> Result<(i64, Option<Vec<u8>>)> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, None)))
}

/// The time of recording, from the system clock as it is: a clock that was once wrong must not
/// push every later time into the future. The order of events is their id.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(super) fn new_uuid() -> String {
    Uuid::new_v4().to_string()
}

/// Checks a text field a person filled in; see `model::check_text`.
fn checked(field: Field, text: &str, required: bool, long: bool) -> Result<String> {
    check_text(text, required, long).map_err(|problem| Error::BadText { field, problem })?;
    Ok(text.trim().to_string())
}

/// An active unit by name; new tasks and leads cannot go to a deactivated unit.
fn active_unit(conn: &rusqlite::Connection, name: &str) -> Result<Unit> {
    let unit = read::unit_by_name(conn, name)?;
    if !unit.active {
        return Err(Error::InactiveUnit(unit.name));
    }
    Ok(unit)
}

fn check_version(task: &Task, expected: Option<i64>) -> Result<()> {
    match expected {
        Some(version) if version != task.version => Err(Error::Conflict(task.seq)),
        _ => Ok(()),
    }
}

fn opt_json(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::Null, |s| json!(s))
}

/// The columns to set and the changes to log for one UPDATE of one row.
#[derive(Default)]
pub(super) struct Patch {
    sets: Vec<(&'static str, Sql)>,
    changes: Vec<(&'static str, Value, Value)>,
}

impl Patch {
    pub(super) fn set(&mut self, column: &'static str, value: Sql) {
        self.sets.push((column, value));
    }

    fn log(&mut self, field: &'static str, old: Value, new: Value) {
        self.changes.push((field, old, new));
    }

    /// A text column whose field name in the log is the column name.
    fn text(&mut self, column: &'static str, old: &str, new: &str) {
        if old != new {
            self.set(column, Sql::Text(new.to_string()));
            self.log(column, json!(old), json!(new));
        }
    }

    fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// `UPDATE table SET … WHERE id = ?`; tasks also get a new version.
    pub(super) fn apply(&self, w: &Writer, table: &'static str, id: i64) -> Result<()> {
        let mut columns: Vec<String> = self
            .sets
            .iter()
            .map(|(column, _)| format!("{column} = ?"))
            .collect();
        columns.push("updated_at = ?".to_string());
        if table == "task" {
            columns.push("version = version + 1".to_string());
        }
        let sql = format!("UPDATE {table} SET {} WHERE id = ?", columns.join(", "));
        let values = self
            .sets
            .iter()
            .map(|(_, v)| v.clone())
            .chain([Sql::Text(w.at().to_string()), Sql::Integer(id)]);
        w.tx.execute(&sql, params_from_iter(values))?;
        Ok(())
    }
}

/// A new problem (问题).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewProblem {
    pub code: String,
    pub category: Option<Category>,
    pub title: String,
    pub description: String,
    pub lead_unit: Option<String>,
}

/// Changes to a problem; `None` leaves a field as it is. `lead_unit: Some("")` clears the lead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProblemEdit {
    pub code: Option<String>,
    pub category: Option<Category>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub lead_unit: Option<String>,
}

/// A new task (整改任务) of a problem.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTask {
    pub problem: String,
    pub unit: String,
    pub measure: String,
    pub deadline: NaiveDate,
    pub person: String,
    pub support_units: Vec<String>,
}

/// Changes to a task; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskEdit {
    pub measure: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub person: Option<String>,
    pub unit: Option<String>,
    pub support_units: Option<Vec<String>>,
}

/// A progress entry (进展) as reported by a unit, with an optional status move.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProgress {
    pub date: NaiveDate,
    pub text: String,
    pub evidence: String,
    pub status: Option<Status>,
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
fn check_code_free(w: &Writer, inspection_id: i64, code: &str) -> Result<()> {
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
fn support_units(w: &Writer, names: &[String], owner: &Unit, kept: &[String]) -> Result<Vec<Unit>> {
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

fn set_support(w: &Writer, task_id: i64, units: &[Unit]) -> Result<()> {
    w.tx.execute("DELETE FROM task_support WHERE task_id = ?1", [task_id])?;
    let mut insert =
        w.tx.prepare_cached("INSERT INTO task_support (task_id, unit_id) VALUES (?1, ?2)")?;
    for unit in units {
        insert.execute([task_id, unit.id])?;
    }
    Ok(())
}

fn names(units: &[Unit]) -> Vec<String> {
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

/// Inserts one task after checking it; shared by `add_task`, `assign` and the seed.
pub(super) fn insert_task(
    w: &Writer,
    problem: &Problem,
    unit: &Unit,
    measure: &str,
    deadline: NaiveDate,
    person: &str,
    support: &[Unit],
) -> Result<i64> {
    check_no_task_for(w, problem.id, &problem.code, unit)?;
    let seq: i64 =
        w.tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM task", [], |r| {
            r.get(0)
        })?;
    let uuid = new_uuid();
    let deadline = date::format(deadline);
    w.tx.prepare_cached(
        "INSERT INTO task (uuid, seq, problem_id, unit_id, measure, person, deadline, status,
                           created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'not_started', ?8, ?8)",
    )?
    .execute(params![
        uuid,
        seq,
        problem.id,
        unit.id,
        measure,
        person,
        deadline,
        w.at()
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
        ],
    )?;
    Ok(seq)
}

/// A problem has at most one task per responsible unit.
fn check_no_task_for(w: &Writer, problem_id: i64, code: &str, unit: &Unit) -> Result<()> {
    let existing: Option<i64> =
        w.tx.query_row(
            "SELECT seq FROM task WHERE problem_id = ?1 AND unit_id = ?2",
            [problem_id, unit.id],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(seq) => Err(Error::DuplicateTask {
            problem: code.to_string(),
            unit: unit.name.clone(),
            seq,
        }),
        None => Ok(()),
    }
}

/// The fields a close sets and a reopen clears; the log keeps their earlier values.
const CLOSE_FIELDS: [&str; 4] = ["closed_at", "closed_by", "close_note", "close_evidence"];

/// Moves a task to a new status, logging the move; `extra` adds the fields that go with it.
fn move_task(w: &Writer, task: &Task, to: Status, action: &str, mut patch: Patch) -> Result<()> {
    patch.set("status", Sql::Text(to.key().to_string()));
    patch.log("status", json!(task.status.key()), json!(to.key()));
    patch.apply(w, "task", task.id)?;
    w.event("task", &task.uuid, action, &patch.changes)
}

/// The fields a close sets; a reopen clears them again.
fn close_patch(w: &Writer, task: &Task, note: &str, evidence: &str) -> Patch {
    let mut patch = Patch::default();
    let olds = [
        &task.closed_at,
        &task.closed_by,
        &task.close_note,
        &task.close_evidence,
    ];
    let news = [w.at(), w.actor(), note, evidence];
    for ((column, old), new) in CLOSE_FIELDS.into_iter().zip(olds).zip(news) {
        // an empty evidence is no evidence: stored as NULL, and not logged as a change
        let new = (!new.is_empty()).then(|| new.to_string());
        if *old != new {
            patch.set(column, new.clone().map_or(Sql::Null, Sql::Text));
            patch.log(column, opt_json(old), opt_json(&new));
        }
    }
    patch
}

impl Store {
    /// Runs `f` as one write transaction; nothing of it stays when it returns an error.
    pub(super) fn write<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        self.transact(true, f)
    }

    /// Runs `f` in a write transaction, committed only with `commit` (a dry run rolls back
    /// everything it did, events included).
    pub(super) fn transact<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Writer) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly(self.path.clone()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let last = last_event(&tx)?;
        let writer = Writer {
            tx,
            id: new_uuid(),
            at: now(),
            actor: self.actor.clone(),
            last_event: std::cell::RefCell::new(last),
        };
        let out = f(&writer)?;
        let Writer { tx, id, .. } = writer;
        if commit {
            tx.commit()?;
            self.last_tx = Some(id);
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    /// Adds a problem to the newest inspection round (one is made when the ledger has none).
    pub fn add_problem(&mut self, new: NewProblem) -> Result<Problem> {
        let code = check_code(&new.code)?;
        let title = checked(Field::Title, &new.title, true, false)?;
        let description = checked(Field::Description, &new.description, false, true)?;
        let category = new.category.unwrap_or(Category::Other);
        self.write(|w| {
            let lead = match new.lead_unit.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(name) => Some(active_unit(&w.tx, name)?),
                None => None,
            };
            let inspection_id = match read::inspections(&w.tx)?.last() {
                Some(inspection) => inspection.id,
                None => super::seed::default_inspection(w)?,
            };
            check_code_free(w, inspection_id, &code)?;
            let problem = NewProblem {
                code: code.clone(),
                category: Some(category),
                title: title.clone(),
                description: description.clone(),
                lead_unit: None,
            };
            insert_problem(w, inspection_id, &problem, lead.as_ref())
        })
    }

    /// Edits a problem's code, category, title, description or lead unit.
    /// Edits a problem. With `expected` (the copy the edit was made from) the edit is refused
    /// when the problem changed since.
    pub fn edit_problem(
        &mut self,
        code: &str,
        edit: ProblemEdit,
        expected: Option<&Problem>,
    ) -> Result<Problem> {
        self.write(|w| {
            let problem = read::problem_by_code(&w.tx, code)?;
            if expected.is_some_and(|e| *e != problem) {
                return Err(Error::ProblemChanged(problem.code));
            }
            let mut patch = Patch::default();
            if let Some(new_code) = &edit.code {
                let new_code = check_code(new_code)?;
                if new_code != problem.code {
                    if !new_code.eq_ignore_ascii_case(&problem.code) {
                        check_code_free(w, problem.inspection_id, &new_code)?;
                    }
                    patch.text("code", &problem.code, &new_code);
                }
            }
            if let Some(category) = edit.category.filter(|c| *c != problem.category) {
                patch.set("category", Sql::Text(category.key().to_string()));
                patch.log(
                    "category",
                    json!(problem.category.key()),
                    json!(category.key()),
                );
            }
            if let Some(title) = &edit.title {
                patch.text(
                    "title",
                    &problem.title,
                    &checked(Field::Title, title, true, false)?,
                );
            }
            if let Some(description) = &edit.description {
                let description = checked(Field::Description, description, false, true)?;
                patch.text("description", &problem.description, &description);
            }
            if let Some(lead) = &edit.lead_unit {
                let lead = match lead.trim() {
                    "" => None,
                    same if problem.lead_unit.as_deref() == Some(same) => {
                        Some(read::unit_by_name(&w.tx, same)?)
                    }
                    name => Some(active_unit(&w.tx, name)?),
                };
                let new_name = lead.as_ref().map(|u| u.name.clone());
                if new_name != problem.lead_unit {
                    patch.set(
                        "lead_unit_id",
                        lead.map_or(Sql::Null, |u| Sql::Integer(u.id)),
                    );
                    patch.log(
                        "lead_unit",
                        opt_json(&problem.lead_unit),
                        opt_json(&new_name),
                    );
                }
            }
            if patch.is_empty() {
                return Err(Error::NothingToChange);
            }
            patch.apply(w, "problem", problem.id)?;
            w.event("problem", &problem.uuid, "update", &patch.changes)?;
            read::problem_by_id(&w.tx, problem.id)
        })
    }

    /// Adds one task; returns its number.
    pub fn add_task(&mut self, new: NewTask) -> Result<i64> {
        let measure = checked(Field::Measure, &new.measure, true, true)?;
        let person = checked(Field::Person, &new.person, false, false)?;
        self.write(|w| {
            let problem = read::problem_by_code(&w.tx, &new.problem)?;
            let unit = active_unit(&w.tx, &new.unit)?;
            let support = support_units(w, &new.support_units, &unit, &[])?;
            insert_task(
                w,
                &problem,
                &unit,
                &measure,
                new.deadline,
                &person,
                &support,
            )
        })
    }

    /// 分解: one task per unit for a problem, all or none, each with the supporting units
    /// (less the task's own unit). Returns the new numbers.
    pub fn assign(
        &mut self,
        problem: &str,
        units: &[String],
        measure: &str,
        deadline: NaiveDate,
        person: &str,
        support: &[String],
    ) -> Result<Vec<i64>> {
        let measure = checked(Field::Measure, measure, true, true)?;
        let person = checked(Field::Person, person, false, false)?;
        // the same unit named twice gets one task
        let mut distinct: Vec<&str> = Vec::new();
        for name in units.iter().map(|u| u.trim()) {
            if !distinct.contains(&name) {
                distinct.push(name);
            }
        }
        self.write(|w| {
            let problem = read::problem_by_code(&w.tx, problem)?;
            let mut seqs = Vec::new();
            for name in distinct {
                let unit = active_unit(&w.tx, name)?;
                let helpers = support_units(w, support, &unit, &[])?;
                seqs.push(insert_task(
                    w, &problem, &unit, &measure, deadline, &person, &helpers,
                )?);
            }
            Ok(seqs)
        })
    }

    /// The names of the active units of a kind, in their order.
    pub fn unit_names_of_kind(&self, kind: UnitKind) -> Result<Vec<String>> {
        let names: Vec<String> = self
            .units()?
            .into_iter()
            .filter(|u| u.active && u.kind == kind)
            .map(|u| u.name)
            .collect();
        if names.is_empty() {
            return Err(Error::NoUnitsOfKind(kind));
        }
        Ok(names)
    }

    /// Edits a task's measure, deadline, person, unit or supporting units. With `expected_version`
    /// the edit is refused when the task changed since that version was read.
    pub fn edit_task(
        &mut self,
        seq: i64,
        edit: TaskEdit,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        self.write(|w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            let mut patch = Patch::default();
            if let Some(measure) = &edit.measure {
                let measure = checked(Field::Measure, measure, true, true)?;
                patch.text("measure", &task.measure, &measure);
            }
            if let Some(person) = &edit.person {
                patch.text(
                    "person",
                    &task.person,
                    &checked(Field::Person, person, false, false)?,
                );
            }
            if let Some(deadline) = edit.deadline.filter(|d| *d != task.deadline) {
                patch.text(
                    "deadline",
                    &date::format(task.deadline),
                    &date::format(deadline),
                );
            }
            // a deactivated unit keeps the tasks it has; it only takes no new ones
            let owner = match &edit.unit {
                Some(name) if name.trim() != task.unit => active_unit(&w.tx, name)?,
                _ => read::unit_by_name(&w.tx, &task.unit)?,
            };
            if owner.name != task.unit {
                check_no_task_for(w, task.problem_id, &task.problem_code, &owner)?;
                patch.set("unit_id", Sql::Integer(owner.id));
                patch.log("unit", json!(task.unit), json!(owner.name));
            }
            let support = match &edit.support_units {
                Some(names) => Some(support_units(w, names, &owner, &task.support_units)?),
                // a new owner cannot also support its own task
                None if owner.name != task.unit => Some(support_units(
                    w,
                    &task.support_units,
                    &owner,
                    &task.support_units,
                )?),
                None => None,
            };
            if let Some(support) = &support {
                let new_names = names(support);
                if new_names != task.support_units {
                    set_support(w, task.id, support)?;
                    patch.log("support_units", json!(task.support_units), json!(new_names));
                }
            }
            if patch.is_empty() {
                return Err(Error::NothingToChange);
            }
            patch.apply(w, "task", task.id)?;
            w.event("task", &task.uuid, "update", &patch.changes)?;
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// Appends a progress entry (进展). A task not yet started moves to 整改中 unless another
    /// status is given; the status may only advance (see `model::classify_move`).
    pub fn add_progress(
        &mut self,
        seq: i64,
        new: NewProgress,
        today: NaiveDate,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let text = checked(Field::ProgressText, &new.text, true, true)?;
        let evidence = checked(Field::Evidence, &new.evidence, false, false)?;
        if new.date > today {
            return Err(Error::FutureProgress(date::format(new.date)));
        }
        self.write(|w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            let target = match new.status {
                Some(to) if to == task.status => None,
                Some(to) => match classify_move(task.status, to) {
                    Some(Move::Advance) => Some(to),
                    Some(other) => {
                        return Err(Error::WrongCommand {
                            seq,
                            to,
                            command: if other == Move::Close {
                                "close"
                            } else {
                                "reopen"
                            },
                        });
                    }
                    None => {
                        return Err(Error::ForbiddenMove {
                            seq,
                            from: task.status,
                            to,
                        });
                    }
                },
                None if task.status == Status::NotStarted => Some(Status::InProgress),
                None => None,
            };
            let uuid = new_uuid();
            let day = date::format(new.date);
            w.tx.prepare_cached(
                "INSERT INTO progress (uuid, task_id, date, text, evidence, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                uuid,
                task.id,
                day,
                text,
                evidence,
                w.actor(),
                w.at()
            ])?;
            w.event(
                "progress",
                &uuid,
                "create",
                &[
                    ("task", Value::Null, json!(format!("#{seq}"))),
                    ("date", Value::Null, json!(day)),
                    ("text", Value::Null, json!(text)),
                    ("evidence", Value::Null, json!(evidence)),
                ],
            )?;
            if let Some(to) = target {
                move_task(w, &task, to, "status", Patch::default())?;
            }
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// 销号: closes a task with a note; records the verifier (the actor) and the time.
    pub fn close_task(
        &mut self,
        seq: i64,
        note: &str,
        evidence: &str,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let note = checked(Field::Note, note, true, true)?;
        let evidence = checked(Field::Evidence, evidence, false, false)?;
        self.write(|w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            close_one(w, &task, &note, &evidence)?;
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// 销号 of every task of a problem that is not closed yet; returns their numbers.
    pub fn close_problem(&mut self, code: &str, note: &str, evidence: &str) -> Result<Vec<i64>> {
        let note = checked(Field::Note, note, true, true)?;
        let evidence = checked(Field::Evidence, evidence, false, false)?;
        self.write(|w| {
            let problem = read::problem_by_code(&w.tx, code)?;
            let open: Vec<Task> = read::tasks_of_problem(&w.tx, problem.id)?
                .into_iter()
                .filter(|t| !t.status.is_closed())
                .collect();
            if open.is_empty() {
                return Err(Error::NothingToClose(problem.code));
            }
            for task in &open {
                close_one(w, task, &note, &evidence)?;
            }
            Ok(open.iter().map(|t| t.seq).collect())
        })
    }

    /// 销号 of the tasks `seqs`, all or none (the open tasks a problem row shows). With
    /// `expected_version`, the one task given must still be at that version.
    pub fn close_tasks(
        &mut self,
        seqs: &[i64],
        note: &str,
        evidence: &str,
        expected_version: Option<i64>,
    ) -> Result<Vec<Task>> {
        let note = checked(Field::Note, note, true, true)?;
        let evidence = checked(Field::Evidence, evidence, false, false)?;
        self.write(|w| {
            let mut closed = Vec::new();
            for &seq in seqs {
                let task = read::task_by_seq(&w.tx, seq)?;
                if seqs.len() == 1 {
                    check_version(&task, expected_version)?;
                }
                close_one(w, &task, &note, &evidence)?;
                closed.push(read::task_by_seq(&w.tx, seq)?);
            }
            Ok(closed)
        })
    }

    /// 回头看 (closed → 整改中) or 退回 (待销号 → 整改中), with a reason.
    pub fn reopen(
        &mut self,
        seq: i64,
        reason: &str,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let reason = checked(Field::Reason, reason, true, true)?;
        self.write(|w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            let action = match classify_move(task.status, Status::InProgress) {
                Some(Move::Reopen) => "reopen",
                Some(Move::Return) => "return",
                _ => {
                    return Err(Error::NotReopenable {
                        seq,
                        status: task.status,
                    });
                }
            };
            let mut patch = Patch::default();
            let olds = [
                &task.closed_at,
                &task.closed_by,
                &task.close_note,
                &task.close_evidence,
            ];
            for (column, old) in CLOSE_FIELDS.into_iter().zip(olds) {
                if old.is_some() {
                    patch.set(column, Sql::Null);
                    patch.log(column, opt_json(old), Value::Null);
                }
            }
            patch.set("reopen_reason", Sql::Text(reason.clone()));
            patch.log(
                "reopen_reason",
                opt_json(&task.reopen_reason),
                json!(reason),
            );
            move_task(w, &task, Status::InProgress, action, patch)?;
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// Adds a unit at the end of the unit order.
    pub fn add_unit(&mut self, name: &str, kind: UnitKind) -> Result<Unit> {
        let name = checked(Field::UnitName, name, true, false)?;
        self.write(|w| {
            if read::unit_by_name(&w.tx, &name).is_ok() {
                return Err(Error::DuplicateUnit(name.clone()));
            }
            insert_unit(w, &name, kind)?;
            read::unit_by_name(&w.tx, &name)
        })
    }

    pub fn rename_unit(&mut self, old: &str, new: &str) -> Result<Unit> {
        let new = checked(Field::UnitName, new, true, false)?;
        self.write(|w| {
            let unit = read::unit_by_name(&w.tx, old)?;
            if unit.name == new {
                return Err(Error::NothingToChange);
            }
            if read::unit_by_name(&w.tx, &new).is_ok() {
                return Err(Error::DuplicateUnit(new.clone()));
            }
            let mut patch = Patch::default();
            patch.text("name", &unit.name, &new);
            patch.apply(w, "unit", unit.id)?;
            w.event("unit", &unit.uuid, "rename", &patch.changes)?;
            read::unit_by_name(&w.tx, &new)
        })
    }

    /// Deactivates a unit (no new tasks) or activates it again. A unit with tasks not yet closed
    /// cannot be deactivated: they would have no owner to report on them.
    pub fn set_unit_active(&mut self, name: &str, active: bool) -> Result<Unit> {
        self.write(|w| {
            let unit = read::unit_by_name(&w.tx, name)?;
            if unit.active == active {
                return Err(Error::NothingToChange);
            }
            if !active {
                let open: u32 = w.tx.query_row(
                    "SELECT count(*) FROM task WHERE unit_id = ?1 AND status <> 'closed'",
                    [unit.id],
                    |r| r.get(0),
                )?;
                if open > 0 {
                    return Err(Error::UnitHasOpenTasks {
                        unit: unit.name,
                        open,
                    });
                }
            }
            let mut patch = Patch::default();
            patch.set("active", Sql::Integer(i64::from(active)));
            patch.log("active", json!(unit.active), json!(active));
            patch.apply(w, "unit", unit.id)?;
            let action = if active { "activate" } else { "deactivate" };
            w.event("unit", &unit.uuid, action, &patch.changes)?;
            read::unit_by_name(&w.tx, name)
        })
    }
}

fn close_one(w: &Writer, task: &Task, note: &str, evidence: &str) -> Result<()> {
    match classify_move(task.status, Status::Closed) {
        Some(Move::Close) => {
            let patch = close_patch(w, task, note, evidence);
            move_task(w, task, Status::Closed, "close", patch)
        }
        _ if task.status.is_closed() => Err(Error::AlreadyClosed(task.seq)),
        _ => Err(Error::ForbiddenMove {
            seq: task.seq,
            from: task.status,
            to: Status::Closed,
        }),
    }
}
