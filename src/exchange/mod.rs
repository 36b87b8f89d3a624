//! The records one ledger hands to another: everything but the event log, each record named by
//! its uuid and pointing at others by theirs. Plain data; the JSON document around them is
//! `report::json`, reading and merging them is `store`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Category, Status, UnitKind};

mod packet;
mod sheet;

pub use packet::*;
pub use sheet::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionRecord {
    pub uuid: String,
    pub title: String,
    pub issuer: String,
    pub feedback_date: NaiveDate,
    pub note: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub uuid: String,
    pub name: String,
    pub kind: UnitKind,
    pub sort_order: i64,
    pub active: bool,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemRecord {
    pub uuid: String,
    /// The uuid of its inspection.
    pub inspection: String,
    pub code: String,
    pub category: Category,
    pub title: String,
    pub description: String,
    /// The uuid of its lead unit.
    pub lead_unit: Option<String>,
    pub sort_order: i64,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskRecord {
    pub uuid: String,
    pub seq: i64,
    /// The uuid of its problem.
    pub problem: String,
    /// The uuid of its responsible unit.
    pub unit: String,
    /// The uuids of its supporting units.
    pub support_units: Vec<String>,
    pub measure: String,
    pub person: String,
    /// None: a measure kept up without end (长期坚持; version 3).
    pub deadline: Option<NaiveDate>,
    pub status: Status,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub close_note: Option<String>,
    pub close_evidence: Option<String>,
    pub reopen_reason: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// 交办日期 (document version 2; a version 1 document gets the day the task was recorded).
    #[serde(default)]
    pub assigned: Option<NaiveDate>,
    /// 销号日期 while closed (version 2; from version 1, the day the close was recorded).
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    /// 延期 (version 3): the deadline first given, while an extension has moved it, and the
    /// latest extension's deadline before it, day, reason and approver.
    #[serde(default)]
    pub original_deadline: Option<NaiveDate>,
    #[serde(default)]
    pub extended_from: Option<NaiveDate>,
    #[serde(default)]
    pub extended_on: Option<NaiveDate>,
    #[serde(default)]
    pub extension_reason: Option<String>,
    #[serde(default)]
    pub extension_approved_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressRecord {
    pub uuid: String,
    /// The uuid of its task.
    pub task: String,
    pub date: NaiveDate,
    pub text: String,
    pub evidence: String,
    pub author: String,
    pub created_at: String,
}

/// A whole ledger, or the part of it a filter chose, without its event log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub inspections: Vec<InspectionRecord>,
    pub units: Vec<UnitRecord>,
    pub problems: Vec<ProblemRecord>,
    pub tasks: Vec<TaskRecord>,
    pub progress: Vec<ProgressRecord>,
}

/// What an import did (or, in a dry run, would do) to one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
}

/// One record an import added or changed: its kind (`task`, …), how people name it, and whether
/// it was new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub entity: &'static str,
    pub label: String,
    pub added: bool,
}

/// What an import did, by kind of record; `renumbered` lists tasks whose number was taken here;
/// `records` names every record added or changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub inspections: Counts,
    pub units: Counts,
    pub problems: Counts,
    pub tasks: Counts,
    pub progress: Counts,
    pub renumbered: Vec<(i64, i64)>,
    pub records: Vec<Imported>,
}

impl Records {
    /// Keeps the tasks `keep` chooses and what they need: their progress, problems, units and
    /// inspections.
    pub fn only_tasks(mut self, keep: impl Fn(&TaskRecord) -> bool) -> Records {
        self.tasks.retain(|t| keep(t));
        let tasks: std::collections::HashSet<&str> =
            self.tasks.iter().map(|t| t.uuid.as_str()).collect();
        self.progress.retain(|p| tasks.contains(p.task.as_str()));
        let problems: std::collections::HashSet<&str> =
            self.tasks.iter().map(|t| t.problem.as_str()).collect();
        self.problems.retain(|p| problems.contains(p.uuid.as_str()));
        let mut units: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for task in &self.tasks {
            units.insert(&task.unit);
            units.extend(task.support_units.iter().map(String::as_str));
        }
        units.extend(self.problems.iter().filter_map(|p| p.lead_unit.as_deref()));
        self.units.retain(|u| units.contains(u.uuid.as_str()));
        let inspections: std::collections::HashSet<&str> = self
            .problems
            .iter()
            .map(|p| p.inspection.as_str())
            .collect();
        self.inspections
            .retain(|i| inspections.contains(i.uuid.as_str()));
        self
    }
}
