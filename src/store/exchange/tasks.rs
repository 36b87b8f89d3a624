//! Merging tasks and their progress: the largest records of a document, and the ones whose
//! natural key (problem, unit and measure) and number (`seq`) may already be taken here.

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::super::insert::twin;
use super::{Merge, option_change, set_support, text_change, unit_name};

/// A change of a date column, as the merge applies it.
fn date_change(
    column: &'static str,
    old: Option<chrono::NaiveDate>,
    new: Option<chrono::NaiveDate>,
) -> (&'static str, Value, Value, Sql) {
    let text = |d: Option<chrono::NaiveDate>| d.map(date::format);
    option_change(column, &text(old), &text(new))
}
use crate::date;
use crate::error::{Error, FieldProblem, Result};
use crate::exchange::{ProgressRecord, TaskRecord};
use crate::model::{Key, Status};
use chrono::NaiveDate;

/// The changes of one event: (field, old, new).
type Changes = Vec<(&'static str, Value, Value)>;

impl Merge<'_, '_> {
    pub(super) fn task(&mut self, i: usize, r: &TaskRecord) -> Result<()> {
        let problem = self.id_of("problem", &r.problem)?;
        let unit = self.id_of("unit", &r.unit)?;
        let support = r
            .support_units
            .iter()
            .map(|u| self.id_of("unit", u))
            .collect::<Result<Vec<_>>>()?;
        // the same task by its uuid, else the same measure of the problem's unit, else the one
        // task of the problem's unit when the document too gives it one
        let mut found = self.find(
            "task",
            &r.uuid,
            "problem_id = ?1 AND unit_id = ?2 AND measure = ?3",
            params![problem, unit, r.measure.trim()],
        )?;
        if found.is_none()
            && self
                .lone_pairs
                .contains(&(r.problem.clone(), r.unit.clone()))
        {
            found = self.find(
                "task",
                &r.uuid,
                "problem_id = ?1 AND unit_id = ?2
                 AND (SELECT count(*) FROM task WHERE problem_id = ?1 AND unit_id = ?2) = 1",
                params![problem, unit],
            )?;
        }
        let deadline = r.deadline.map(date::format);
        let (id, added, updated) = match found {
            Some(found) => {
                let current = super::super::read::task_by_uuid(&self.w.tx, &found.uuid)?;
                if twin(&self.w.tx, problem, unit, &r.measure, Some(found.id))?.is_some() {
                    return Err(Error::ImportBadField {
                        path: format!("tasks[{i}].measure"),
                        problem: FieldProblem::Duplicate(r.measure.clone()),
                    });
                }
                let support_names = support
                    .iter()
                    .map(|&id| unit_name(self.w, id))
                    .collect::<Result<Vec<_>>>()?;
                let mut old_support = current.support_units.clone();
                let mut new_support = support_names.clone();
                old_support.sort();
                new_support.sort();
                let support_change = if old_support == new_support {
                    vec![]
                } else {
                    vec![(
                        "support_units",
                        json!(current.support_units),
                        json!(support_names),
                    )]
                };
                let fields: Vec<(&'static str, Value, Value, Sql)> = vec![
                    (
                        "unit_id",
                        json!(current.unit),
                        json!(unit_name(self.w, unit)?),
                        Sql::Integer(unit),
                    ),
                    (
                        "problem_id",
                        json!(current.problem_id),
                        json!(problem),
                        Sql::Integer(problem),
                    ),
                    text_change("measure", &current.measure, &r.measure),
                    text_change("person", &current.person, &r.person),
                    option_change("deadline", &current.deadline.map(date::format), &deadline),
                    text_change("status", current.status.key(), r.status.key()),
                    option_change("closed_at", &current.closed_at, &r.closed_at),
                    option_change("closed_by", &current.closed_by, &r.closed_by),
                    option_change("close_note", &current.close_note, &r.close_note),
                    option_change("close_evidence", &current.close_evidence, &r.close_evidence),
                    option_change("reopen_reason", &current.reopen_reason, &r.reopen_reason),
                    date_change("assigned", Some(current.assigned), r.assigned),
                    date_change("closed_on", current.closed_on, r.closed_on),
                    date_change(
                        "original_deadline",
                        current.original_deadline,
                        r.original_deadline,
                    ),
                    date_change("extended_from", current.extended_from, r.extended_from),
                    date_change("extended_on", current.extended_on, r.extended_on),
                    option_change(
                        "extension_reason",
                        &current.extension_reason,
                        &r.extension_reason,
                    ),
                    option_change(
                        "extension_approved_by",
                        &current.extension_approved_by,
                        &r.extension_approved_by,
                    ),
                ];
                let updated = self.update("task", &found, &r.updated_at, fields, support_change)?;
                if updated {
                    set_support(self.w, found.id, &support)?;
                }
                (found.id, false, updated)
            }
            None => {
                let taken: bool = self
                    .w
                    .tx
                    .query_row("SELECT 1 FROM task WHERE seq = ?1", [r.seq], |_| Ok(()))
                    .optional()?
                    .is_some();
                let seq = if taken {
                    let next: i64 = self.w.tx.query_row(
                        "SELECT coalesce(max(seq), 0) + 1 FROM task",
                        [],
                        |q| q.get(0),
                    )?;
                    self.summary.renumbered.push((r.seq, next));
                    next
                } else {
                    r.seq
                };
                self.w.tx.execute(
                    "INSERT INTO task (uuid, seq, problem_id, unit_id, measure, person, deadline,
                                       status, closed_at, closed_by, close_note, close_evidence,
                                       reopen_reason, version, created_at, updated_at, assigned,
                                       closed_on, original_deadline, extended_from, extended_on,
                                       extension_reason, extension_approved_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                             ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                    params![
                        r.uuid,
                        seq,
                        problem,
                        unit,
                        r.measure,
                        r.person,
                        deadline,
                        r.status.key(),
                        r.closed_at,
                        r.closed_by,
                        r.close_note,
                        r.close_evidence,
                        r.reopen_reason,
                        r.version,
                        r.created_at,
                        r.updated_at,
                        r.assigned.map(date::format),
                        r.closed_on.map(date::format),
                        r.original_deadline.map(date::format),
                        r.extended_from.map(date::format),
                        r.extended_on.map(date::format),
                        r.extension_reason,
                        r.extension_approved_by
                    ],
                )?;
                let id = self.w.tx.last_insert_rowid();
                set_support(self.w, id, &support)?;
                let mut record = serde_json::to_value(r);
                // a closed or extended task is logged as it stood when assigned, then its
                // extension and its close, each on its own date, so that the ledger as of a day
                // between shows it as it was then
                let close = r.closed_on.filter(|_| r.status == Status::Closed);
                let close_fields = [
                    "closed_on",
                    "closed_at",
                    "closed_by",
                    "close_note",
                    "close_evidence",
                ];
                let extension_fields = [
                    "original_deadline",
                    "extended_from",
                    "extended_on",
                    "extension_reason",
                    "extension_approved_by",
                ];
                let mut later: Vec<(NaiveDate, Changes)> = Vec::new();
                if let Ok(Value::Object(map)) = &mut record {
                    map.insert("seq".into(), json!(seq));
                    if let (Some(day), Some(original)) = (r.extended_on, r.original_deadline) {
                        let first = json!(date::format(original));
                        let now = map.insert("deadline".into(), first.clone());
                        let mut moved = vec![("deadline", first, now.unwrap_or_default())];
                        for field in extension_fields {
                            let value = map.insert(field.into(), Value::Null);
                            moved.push((field, Value::Null, value.unwrap_or_default()));
                        }
                        later.push((day, moved));
                    }
                    if let Some(day) = close {
                        map.insert("status".into(), json!(Status::InProgress.key()));
                        let mut closed = Vec::new();
                        for field in close_fields {
                            let value = map.insert(field.into(), Value::Null);
                            closed.push((field, Value::Null, value.unwrap_or_default()));
                        }
                        closed.push((
                            "status",
                            json!(Status::InProgress.key()),
                            json!(Status::Closed.key()),
                        ));
                        later.push((day, closed));
                    }
                }
                let assigned = r.assigned.map(date::format);
                self.created_on(assigned.as_deref(), "task", &r.uuid, record)?;
                later.sort_by_key(|(day, _)| *day);
                for (day, changes) in later {
                    let day = date::format(day);
                    self.w.event_on(&day, "task", &r.uuid, "import", &changes)?;
                }
                (id, true, false)
            }
        };
        self.ids.insert(("task", r.uuid.clone()), id);
        let seq: i64 = self
            .w
            .tx
            .query_row("SELECT seq FROM task WHERE id = ?1", [id], |q| q.get(0))?;
        self.note("task", format!("#{seq}"), added, updated);
        Self::count(&mut self.summary.tasks, added, updated);
        Ok(())
    }

    pub(super) fn progress(&mut self, r: &ProgressRecord) -> Result<()> {
        let task = self.id_of("task", &r.task)?;
        let here: bool = self
            .w
            .tx
            .query_row("SELECT 1 FROM progress WHERE uuid = ?1", [&r.uuid], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if here {
            // progress entries never change once written
            self.summary.progress.skipped += 1;
            return Ok(());
        }
        self.w.tx.execute(
            "INSERT INTO progress (uuid, task_id, date, text, evidence, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.uuid,
                task,
                date::format(r.date),
                r.text,
                r.evidence,
                r.author,
                r.created_at
            ],
        )?;
        let day = date::format(r.date);
        self.created_on(Some(&day), "progress", &r.uuid, serde_json::to_value(r))?;
        let seq: i64 = self
            .w
            .tx
            .query_row("SELECT seq FROM task WHERE id = ?1", [task], |q| q.get(0))?;
        self.note(
            "progress",
            format!("#{seq} {}", date::format(r.date)),
            true,
            false,
        );
        self.summary.progress.added += 1;
        Ok(())
    }
}
