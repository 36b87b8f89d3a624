//! 延期: an extension of a task's deadline, granted by the office. It moves the deadline and
//! keeps the one first given (which the assessment counts, 按期完成率), with the deadline it
//! moved, the day it was granted, the reason and who approved it; the log keeps every one.

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use serde_json::json;

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
            let mut patch = Patch::default();
            let day = |d: Option<NaiveDate>| d.map(date::format);
            let dated = |patch: &mut Patch, column, old: Option<NaiveDate>, new: NaiveDate| {
                if old != Some(new) {
                    patch.set(column, Sql::Text(date::format(new)));
                    patch.log(column, opt_json(&day(old)), json!(date::format(new)));
                }
            };
            dated(&mut patch, "deadline", task.deadline, extension.to);
            // the deadline first given stays what the first extension found
            if task.original_deadline.is_none() {
                dated(&mut patch, "original_deadline", None, deadline);
            }
            dated(&mut patch, "extended_from", task.extended_from, deadline);
            let on = date::from_stored(w.date()).unwrap_or(deadline);
            dated(&mut patch, "extended_on", task.extended_on, on);
            for (column, old, new) in [
                ("extension_reason", &task.extension_reason, reason.clone()),
                (
                    "extension_approved_by",
                    &task.extension_approved_by,
                    approver.clone(),
                ),
            ] {
                let new = Some(new).filter(|n| !n.is_empty());
                if *old != new {
                    patch.set(column, new.clone().map_or(Sql::Null, Sql::Text));
                    patch.log(column, opt_json(old), opt_json(&new));
                }
            }
            patch.apply(w, "task", task.id)?;
            w.event("task", &task.uuid, "extend", &patch.changes)?;
            read::task_by_seq(&w.tx, seq)
        })
    }
}
