//! The words of 本期变化 (`changes`, and the sheet and section of that name).

use super::Lang;

labels! {
    period_sheet => "本期变化", "Changes";
    period_added => "新交办任务", "Tasks assigned";
    period_moves => "状态变化（销号、重开、退回）", "Status moves (closes, reopens, returns)";
    period_deadlines => "整改时限调整", "Deadlines changed";
    period_overdue => "本期新增逾期", "Became overdue";
    period_progress => "本期进展", "Progress in the period";
    period_units => "各单位报送", "Reports by unit";
    period_not_reported_kind => "未报送", "Not reported";
    period_columns_kind => "类别", "Kind";
    period_columns_date => "日期", "Date";
    period_columns_task => "任务", "Task";
    period_columns_unit => "责任单位", "Unit";
    period_columns_what => "内容", "What";
}

sentences! {
    period_title(since: &str, until: &str) =>
        "本期变化：{since} 之后至 {until}",
        "Changes after {since} up to {until}";
    period_unit_line(unit: &str, entries: u32, open: u32) =>
        "{unit}  进展 {entries} 条  未销号任务 {open} 项",
        "{unit}  {entries} entries  {open} open tasks";
    period_open_tasks(open: u32) =>
        "本期无进展，未销号任务 {open} 项",
        "nothing reported, {open} open tasks";
    period_not_reported(units: &str) =>
        "未报送：{units}",
        "Not reported: {units}";
}

impl Lang {
    /// The counts of a period, in the order `changes` prints its sections.
    pub fn period_counts(self, counts: &[usize; 8]) -> String {
        let [
            added,
            closed,
            reopened,
            returned,
            deadlines,
            overdue,
            progress,
            missing,
        ] = *counts;
        match self {
            Lang::Zh => format!(
                "新交办 {added} 项 · 销号 {closed} 项 · 重开 {reopened} 项 · 退回 {returned} 项 · 时限调整 {deadlines} 项 · 新增逾期 {overdue} 项 · 进展 {progress} 条 · 未报送单位 {missing} 个"
            ),
            Lang::En => format!(
                "{added} assigned · {closed} closed · {reopened} reopened · {returned} returned · {deadlines} deadlines changed · {overdue} became overdue · {progress} progress entries · {missing} units not reported"
            ),
        }
    }
}
