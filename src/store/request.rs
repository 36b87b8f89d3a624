//! What a write is asked to do: the records to add and the changes to make, as the command
//! line and the TUI fill them in.

use chrono::NaiveDate;

use crate::model::{Category, Status};

/// A new problem (问题).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewProblem {
    /// The round (its row id) it belongs to; the store's round, else the newest, when `None`.
    pub inspection: Option<i64>,
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
    /// None: a measure kept up without end (长期坚持).
    pub deadline: Option<NaiveDate>,
    pub person: String,
    pub support_units: Vec<String>,
    /// 交办日期; today when `None`.
    pub assigned: Option<NaiveDate>,
}

/// Changes to a task; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskEdit {
    pub measure: Option<String>,
    /// A correction of the deadline (`Some(None)`: none, 长期坚持); not an extension (延期).
    pub deadline: Option<Option<NaiveDate>>,
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
