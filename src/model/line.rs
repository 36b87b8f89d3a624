//! The small form of a task that a screen of the whole ledger holds of each one: what its line
//! shows and what the filter and the counts read (issue 16: at 300,000 tasks whole `Task`s took
//! 190 MB of the TUI's memory). The rest of a task is read when it is selected.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Category, Status, Task};

/// What the filter, the counts and a deadline cell read of a task: a whole `Task` or its
/// `TaskLine`.
pub trait TaskFacts {
    fn status(&self) -> Status;
    /// 整改时限 now; none for a measure kept up without end (长期坚持).
    fn deadline(&self) -> Option<NaiveDate>;
    /// 延期: the deadline first given, while an extension has moved it.
    fn original_deadline(&self) -> Option<NaiveDate>;
    /// 销号日期: the business date of the close, while closed.
    fn closed_on(&self) -> Option<NaiveDate>;
    fn unit_id(&self) -> i64;
    fn unit(&self) -> &str;
    /// The inspection round of its problem.
    fn inspection_id(&self) -> i64;
    fn problem_code(&self) -> &str;
    fn category(&self) -> Category;

    /// The deadline the assessment counts (按期): the one first given, whatever extensions
    /// moved it to since.
    fn assessed_deadline(&self) -> Option<NaiveDate> {
        self.original_deadline().or(self.deadline())
    }

    /// Whether an extension moved its deadline.
    fn is_extended(&self) -> bool {
        self.original_deadline().is_some()
    }

    /// 按期完成: closed no later than the deadline first given (a measure without one: closed).
    fn closed_on_time(&self) -> bool {
        match (
            self.status().is_closed(),
            self.closed_on(),
            self.assessed_deadline(),
        ) {
            (false, _, _) => false,
            (true, Some(on), Some(deadline)) => on <= deadline,
            (true, _, _) => true,
        }
    }
}

/// A task as a line of the ledger: 120 bytes and its measure, where a `Task` takes about 600
/// with its texts. The names of its unit and problem are shared with the other lines.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub id: i64,
    pub seq: i64,
    pub problem_id: i64,
    pub inspection_id: i64,
    pub unit_id: i64,
    /// The version a write made from the line (progress, a close) expects to find.
    pub version: i64,
    pub problem_code: Arc<str>,
    pub unit: Arc<str>,
    pub measure: Box<str>,
    pub category: Category,
    pub status: Status,
    pub deadline: Option<NaiveDate>,
    pub original_deadline: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub last_progress_date: Option<NaiveDate>,
}

impl From<&Task> for TaskLine {
    fn from(task: &Task) -> TaskLine {
        TaskLine {
            id: task.id,
            seq: task.seq,
            problem_id: task.problem_id,
            inspection_id: task.inspection_id,
            unit_id: task.unit_id,
            version: task.version,
            problem_code: task.problem_code.as_str().into(),
            unit: task.unit.as_str().into(),
            measure: task.measure.as_str().into(),
            category: task.category,
            status: task.status,
            deadline: task.deadline,
            original_deadline: task.original_deadline,
            closed_on: task.closed_on,
            last_progress_date: task.last_progress_date,
        }
    }
}

/// `TaskFacts` read from the fields of the same names, which a task and its line both have.
macro_rules! facts_from_fields {
    ($($kind:ty),*) => {$(
        impl TaskFacts for $kind {
            fn status(&self) -> Status {
                self.status
            }
            fn deadline(&self) -> Option<NaiveDate> {
                self.deadline
            }
            fn original_deadline(&self) -> Option<NaiveDate> {
                self.original_deadline
            }
            fn closed_on(&self) -> Option<NaiveDate> {
                self.closed_on
            }
            fn unit_id(&self) -> i64 {
                self.unit_id
            }
            fn unit(&self) -> &str {
                &self.unit
            }
            fn inspection_id(&self) -> i64 {
                self.inspection_id
            }
            fn problem_code(&self) -> &str {
                &self.problem_code
            }
            fn category(&self) -> Category {
                self.category
            }
        }
    )*};
}

facts_from_fields!(Task, TaskLine);

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of a task says what the task says, and is the size its comment gives.
    #[test]
    fn a_line_holds_the_facts_of_its_task() {
        assert!(std::mem::size_of::<TaskLine>() <= 120);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let task = Task {
            id: 7,
            uuid: "u".into(),
            seq: 3,
            problem_id: 2,
            inspection_id: 1,
            problem_code: "共性问题一".into(),
            category: Category::Shared,
            unit_id: 5,
            unit: "石泉县".into(),
            support_units: vec!["市公安局".into()],
            measure: "组织培训".into(),
            person: "张三".into(),
            deadline: Some(day("2020-01-15")),
            status: Status::Closed,
            closed_at: None,
            closed_by: Some("李四".into()),
            close_note: None,
            close_evidence: None,
            reopen_reason: None,
            version: 4,
            last_progress_date: Some(day("2019-12-20")),
            assigned: day("2019-11-01"),
            closed_on: Some(day("2020-01-10")),
            original_deadline: Some(day("2019-12-31")),
            extended_from: Some(day("2019-12-31")),
            extended_on: Some(day("2019-12-30")),
            extension_reason: None,
            extension_approved_by: None,
        };
        let line = TaskLine::from(&task);
        assert_eq!(
            (
                line.status(),
                line.deadline(),
                line.unit(),
                line.problem_code()
            ),
            (
                task.status(),
                task.deadline(),
                task.unit(),
                task.problem_code()
            )
        );
        assert!(line.is_extended() && task.is_extended());
        // closed after the deadline first given: not on time, however far it was extended
        assert!(!line.closed_on_time() && !task.closed_on_time());
        assert_eq!(&*line.measure, task.measure);
    }
}
