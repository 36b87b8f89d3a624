//! The records of a ledger as the front ends read them.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Category, Status, UnitKind};

/// A round of inspection feedback (督查反馈).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    pub title: String,
    pub issuer: String,
    pub feedback_date: NaiveDate,
    pub note: String,
}

/// A unit (单位) that owns or supports tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub kind: UnitKind,
    pub sort_order: i64,
    pub active: bool,
}

/// A problem (问题) raised by an inspection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    #[serde(skip)]
    pub id: i64,
    #[serde(skip)]
    pub inspection_id: i64,
    pub code: String,
    pub category: Category,
    pub title: String,
    pub description: String,
    pub lead_unit: Option<String>,
    pub uuid: String,
}

/// A task (整改任务): one measure of a problem owned by one responsible unit (a unit may hold
/// several measures of a problem), with the date of its latest progress entry (the text is read
/// apart: `LatestProgress`).
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: i64,
    pub uuid: String,
    pub seq: i64,
    pub problem_id: i64,
    /// The inspection round of its problem.
    pub inspection_id: i64,
    pub problem_code: String,
    /// The category of the task's problem (filters need it).
    pub category: Category,
    pub unit_id: i64,
    pub unit: String,
    pub support_units: Vec<String>,
    pub measure: String,
    pub person: String,
    /// 整改时限; none for a measure kept up without end (长期坚持).
    pub deadline: Option<NaiveDate>,
    pub status: Status,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub close_note: Option<String>,
    pub close_evidence: Option<String>,
    pub reopen_reason: Option<String>,
    pub version: i64,
    pub last_progress_date: Option<NaiveDate>,
    /// 交办日期: the day the task was given to its unit.
    pub assigned: NaiveDate,
    /// 销号日期: the business date of the close, while closed (`closed_at` is when it was
    /// recorded).
    pub closed_on: Option<NaiveDate>,
    /// 延期: the deadline first given, while an extension has moved it.
    pub original_deadline: Option<NaiveDate>,
    /// The latest extension: the deadline it moved, the day it was granted, why and by whom.
    pub extended_from: Option<NaiveDate>,
    pub extended_on: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub extension_approved_by: Option<String>,
}

/// The deadline the assessment counts, whether it was extended and closed on time: see
/// `TaskFacts`, which a task and its line share.
impl Task {
    /// Whether its latest extension was granted after the deadline it moved had passed.
    pub fn extended_late(&self) -> bool {
        matches!((self.extended_on, self.extended_from), (Some(on), Some(from)) if on > from)
    }
}

/// The texts of tasks' latest progress entries, by task id. Lists and sheets show them beside
/// the date each task carries; the TUI's ledger does not, so loading the tasks does not read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LatestProgress(pub HashMap<i64, String>);

impl LatestProgress {
    /// From each task's entries (in date order, as `Store::progress` gives them).
    pub fn of_entries(tasks: &[Task], entries: &[Vec<Progress>]) -> LatestProgress {
        let texts = tasks
            .iter()
            .zip(entries)
            .filter_map(|(task, own)| own.last().map(|e| (task.id, e.text.clone())))
            .collect();
        LatestProgress(texts)
    }

    /// The latest progress of `task`, if it has any. Its text is empty only if the entries and
    /// the date the task carries are out of step, which `check` reports.
    pub fn of<'a>(&'a self, task: &Task) -> Option<ProgressBrief<'a>> {
        let date = task.last_progress_date?;
        let text = self.0.get(&task.id).map_or("", String::as_str);
        Some(ProgressBrief { date, text })
    }
}

/// The date and text of a task's latest progress entry.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProgressBrief<'a> {
    pub date: NaiveDate,
    pub text: &'a str,
}

impl Progress {
    /// The entry as the latest progress of its task.
    pub fn brief(&self) -> ProgressBrief<'_> {
        ProgressBrief {
            date: self.date,
            text: &self.text,
        }
    }
}

impl ProgressBrief<'_> {
    /// `2019-12-20 已开展检查12次`: how a list or a sheet shows it, with the year, since a
    /// ledger as of a day shows entries of whatever year they were.
    pub fn line(&self) -> String {
        let mut line = String::new();
        self.push_line(&mut line);
        line
    }

    /// `line`, appended to `out`.
    pub fn push_line(&self, out: &mut String) {
        crate::date::push(out, self.date);
        out.push(' ');
        out.push_str(self.text);
    }
}

/// One progress entry (进展) of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    pub date: NaiveDate,
    pub text: String,
    pub evidence: String,
    pub author: String,
    pub created_at: String,
}

/// A progress entry as a printed sheet shows it: its date, text and evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLine {
    pub date: NaiveDate,
    pub text: String,
    pub evidence: String,
}

/// One entry of the operation log: a change of one record, with old and new value of each field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub tx: String,
    /// The true time it was recorded (UTC).
    pub at: String,
    /// The business date (业务日期) it took effect.
    pub date: Option<NaiveDate>,
    pub actor: String,
    pub entity: String,
    pub entity_uuid: String,
    /// How people name the record now: `#12`, `G1`, a unit's name; empty when it is gone.
    pub label: String,
    pub action: String,
    pub changes: Vec<Change>,
}

impl Event {
    /// Whether it removed its record (an undo of the write that made it): every value it
    /// leaves is none.
    pub fn removes_record(&self) -> bool {
        self.action == "undo" && self.changes.iter().all(|c| c.new.is_null())
    }
}

/// A field's value before and after a change (`null` where there was none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

/// An urge notice (催办单) as the ledger records it: its number, the unit it went to, the day
/// the unit is to report by, and the tasks it listed with their light then.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedNotice {
    pub uuid: String,
    pub year: i32,
    pub seq: i64,
    /// The number as printed: `<prefix>〔<year>〕<seq>号`.
    pub number: String,
    pub unit: String,
    pub due: NaiveDate,
    pub tasks: Vec<(String, super::Light)>,
}
