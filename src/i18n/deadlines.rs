//! The words of deadlines: one kept up without end (长期坚持), one moved by an extension (延期),
//! and what `extend` says.

use chrono::NaiveDate;

use super::Lang;
use crate::date;
use crate::error::ExtensionProblem;
use crate::model::{Task, TaskFacts};

labels! {
    no_deadline => "长期坚持", "ongoing";
    label_extension => "延期", "Extension";
    label_original_deadline => "原定时限", "Original deadline";
    col_extended => "延期", "Extended";
    col_on_time_rate => "按期完成率", "On time";
    key_extend => "延期", "extend";
    field_extend_to => "延至", "New deadline";
    field_approved_by => "批准人", "Approved by";
    tui_approved_by_hint => "空着即为操作人", "empty: the person recording it";
    tui_extend_hint => "如 2020-01-15；+30d 即现时限后 30 天", "e.g. 2020-01-15; +30d is 30 days after the deadline now";
}

sentences! {
    extended(seq: i64, from: &str, to: &str) =>
        "已将 #{seq} 的整改时限由 {from} 延至 {to}（延期）；考核仍按原定时限。",
        "Extended the deadline of #{seq} from {from} to {to}; the assessment still counts the original deadline.";
    extended_late(seq: i64, from: &str, to: &str) =>
        "已将 #{seq} 的整改时限由 {from} 延至 {to}（逾期后延期：批准时原时限已过）；考核仍按原定时限。",
        "Extended the deadline of #{seq} from {from} to {to}, granted after that deadline had passed; the assessment still counts the original deadline.";
    deadline_corrected(seq: i64) =>
        "已更正 #{seq} 的整改时限（这是更正，不算延期；延期请用 zhenggai extend）。",
        "Corrected the deadline of #{seq} (a correction, not an extension; use zhenggai extend for one).";
    form_extend_of(seq: i64, deadline: &str) =>
        "#{seq} 延期（现时限 {deadline}；原定时限仍用于考核）",
        "Extend #{seq} (deadline now {deadline}; the original still counts for the assessment)";
    task_extended(seq: i64, to: &str) => "已将 #{seq} 延期至 {to}。", "Extended #{seq} to {to}.";
    label_extend(seq: i64) => "#{seq} 延期", "extending #{seq}";
}

impl Lang {
    /// A deadline as a cell shows it: the date, or 长期坚持 when there is none.
    pub fn deadline(self, deadline: Option<NaiveDate>) -> String {
        deadline.map_or_else(|| self.no_deadline().to_string(), date::format)
    }

    /// A task's deadline in a narrow column: the one in force, marked when an extension moved it.
    pub fn deadline_brief(self, task: &Task) -> String {
        self.deadline_marked(task.deadline, task.is_extended())
    }

    /// `deadline_brief` of a deadline in force, `extended` or not.
    pub fn deadline_marked(self, deadline: Option<NaiveDate>, extended: bool) -> String {
        let mut text = String::new();
        self.push_deadline_marked(&mut text, deadline, extended);
        text
    }

    /// `deadline_marked`, appended to `out`.
    pub fn push_deadline_marked(
        self,
        out: &mut String,
        deadline: Option<NaiveDate>,
        extended: bool,
    ) {
        match deadline {
            Some(day) => date::push(out, day),
            None => out.push_str(self.no_deadline()),
        }
        match (extended, self) {
            (false, _) => {}
            (true, Lang::Zh) => out.push_str("（延期）"),
            (true, Lang::En) => out.push_str(" (extended)"),
        }
    }

    /// A task's deadline in a cell of ten columns (the TUI's table): the date, or for an
    /// extended task `延至01-20`.
    pub fn deadline_cell(self, task: &impl TaskFacts) -> String {
        match (task.deadline(), task.is_extended(), self) {
            (Some(day), true, Lang::Zh) => format!("延至{}", day.format("%m-%d")),
            (Some(day), true, Lang::En) => format!("ext {}", day.format("%m-%d")),
            _ => self.deadline(task.deadline()),
        }
    }

    /// A task's deadline in full: `2019-12-31 → 2020-01-15（延期）` when an extension moved it
    /// (`（逾期后延期）` when it was granted after the deadline had passed).
    pub fn deadline_full(self, task: &Task) -> String {
        let now = self.deadline(task.deadline);
        let Some(original) = task.original_deadline else {
            return now;
        };
        let mark = match (self, task.extended_late()) {
            (Lang::Zh, false) => "（延期）",
            (Lang::Zh, true) => "（逾期后延期）",
            (Lang::En, false) => " (extended)",
            (Lang::En, true) => " (extended after it had passed)",
        };
        format!("{} → {now}{mark}", date::format(original))
    }

    /// The latest extension of a task: when, by whom, why (none when it was never extended).
    pub fn extension_facts(self, task: &Task) -> Option<String> {
        let on = date::format(task.extended_on?);
        let reason = task.extension_reason.as_deref().unwrap_or_default();
        let by = task
            .extension_approved_by
            .as_deref()
            .filter(|b| !b.is_empty());
        Some(match (self, by) {
            (Lang::Zh, Some(by)) => format!("{on} 批准（{by}），原因：{reason}"),
            (Lang::Zh, None) => format!("{on} 批准，原因：{reason}"),
            (Lang::En, Some(by)) => format!("granted {on} by {by}; reason: {reason}"),
            (Lang::En, None) => format!("granted {on}; reason: {reason}"),
        })
    }

    /// Why a deadline cannot be extended, with advice for the front end that shows it.
    pub(super) fn extension_refused(
        self,
        seq: i64,
        problem: &ExtensionProblem,
        cli: bool,
    ) -> String {
        let (correct, reopen) = match (self, cli) {
            (Lang::Zh, true) => (
                "更正时限请用 zhenggai task edit --deadline",
                "请先用 zhenggai reopen 重开",
            ),
            (Lang::Zh, false) => ("更正时限请在任务上按 e 编辑", "请先按 r 重开"),
            (Lang::En, true) => (
                "to correct a deadline use zhenggai task edit --deadline",
                "reopen it first with zhenggai reopen",
            ),
            (Lang::En, false) => (
                "to correct a deadline press e on the task",
                "reopen it first with r",
            ),
        };
        match (self, problem) {
            (Lang::Zh, ExtensionProblem::Closed) => {
                format!("#{seq} 已经销号，不能延期；如需重新整改，{reopen}。")
            }
            (Lang::En, ExtensionProblem::Closed) => {
                format!("#{seq} is closed and cannot be extended; {reopen}.")
            }
            (Lang::Zh, ExtensionProblem::NoDeadline) => {
                format!("#{seq} 是长期坚持的措施，没有整改时限可以延期。")
            }
            (Lang::En, ExtensionProblem::NoDeadline) => {
                format!("#{seq} is an ongoing measure with no deadline to extend.")
            }
            (Lang::Zh, ExtensionProblem::NotLater { deadline, to }) => {
                format!("延期后的时限 {to} 应晚于 #{seq} 现在的时限 {deadline}；{correct}。")
            }
            (Lang::En, ExtensionProblem::NotLater { deadline, to }) => format!(
                "The new deadline {to} must be later than the deadline of #{seq}, {deadline}; {correct}."
            ),
            (Lang::Zh, ExtensionProblem::CorrectedBelow { from }) => {
                format!("#{seq} 已延期（延期前的时限是 {from}）；更正后的时限须晚于 {from}。")
            }
            (Lang::En, ExtensionProblem::CorrectedBelow { from }) => format!(
                "#{seq} was extended (from {from}); a corrected deadline must be later than {from}."
            ),
        }
    }
}
