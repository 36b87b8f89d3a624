//! 延期: an extension of a task's deadline, granted by the office. It moves the deadline and
//! keeps the one first given (which the assessment counts, 按期完成率), with the deadline it
//! moved, the day it was granted, the reason and who approved it; the log keeps every one.

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;

use super::Store;
use super::insert::checked;
use super::read;
use super::tx::{Patch, opt_json};
use super::write::{check_in_order, check_version};
use crate::date;
use crate::error::{Error, ExtensionProblem, Field, Result};
use crate::model::Task;

/// An extension as the office grants it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    /// The new deadline: later than the one in force.
    pub to: NaiveDate,
    pub reason: String,
    /// Who approved it; the person recording it when `None`.
    pub approved_by: Option<String>,
    /// The day it was granted (its business date); today when `None`.
    pub on: Option<NaiveDate>,
}

/// The changes an extension of `task` to `to`, granted on `on`, makes: the deadline moved, the
/// one first given kept (the first extension sets it), the deadline it moved, the day, the
/// reason and the approver (none: not known).
pub(super) fn extension_patch(
    task: &Task,
    to: NaiveDate,
    on: NaiveDate,
    reason: &str,
    approver: Option<&str>,
) -> Patch {
    let mut patch = Patch::default();
    let day = |d: Option<NaiveDate>| d.map(date::format);
    let mut dated = |column, old: Option<NaiveDate>, new: Option<NaiveDate>| {
        if old != new {
            let text = day(new);
            patch.set(column, text.clone().map_or(Sql::Null, Sql::Text));
            patch.log(column, opt_json(&day(old)), opt_json(&text));
        }
    };
    dated("deadline", task.deadline, Some(to));
    dated(
        "original_deadline",
        task.original_deadline,
        task.original_deadline.or(task.deadline),
    );
    dated("extended_from", task.extended_from, task.deadline);
    dated("extended_on", task.extended_on, Some(on));
    for (column, old, new) in [
        ("extension_reason", &task.extension_reason, Some(reason)),
        (
            "extension_approved_by",
            &task.extension_approved_by,
            approver,
        ),
    ] {
        let new = new.filter(|n| !n.is_empty()).map(str::to_string);
        if *old != new {
            patch.set(column, new.clone().map_or(Sql::Null, Sql::Text));
            patch.log(column, opt_json(old), opt_json(&new));
        }
    }
    patch
}

impl Store {
    /// Extends the deadline of task `seq`. With `expected_version` it is refused when the task
    /// changed since that version was read.
    pub fn extend(
        &mut self,
        seq: i64,
        extension: Extension,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let reason = checked(Field::Reason, &extension.reason, true, true)?;
        let approver = extension.approved_by.as_deref().unwrap_or(&self.actor);
        let approver = checked(Field::Person, approver, false, false)?;
        self.write_on(extension.on.unwrap_or(self.today), |w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            let refused = |problem| Err(Error::Extension { seq, problem });
            if task.status.is_closed() {
                return refused(ExtensionProblem::Closed);
            }
            let Some(deadline) = task.deadline else {
                return refused(ExtensionProblem::NoDeadline);
            };
            if extension.to <= deadline {
                return refused(ExtensionProblem::NotLater {
                    deadline: date::format(deadline),
                    to: date::format(extension.to),
                });
            }
            check_in_order(w, &task)?;
            let on = date::from_stored(w.date()).unwrap_or(deadline);
            let patch = extension_patch(&task, extension.to, on, &reason, Some(&approver));
            patch.apply(w, "task", task.id)?;
            w.event("task", &task.uuid, "extend", &patch.changes)?;
            read::task_by_seq(&w.tx, seq)
        })
    }
}
