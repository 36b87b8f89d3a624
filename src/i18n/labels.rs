//! Labels and sentences of the screens and the commands.

use std::path::Path;

use super::{Lang, plural};

labels! {
    app_title => "整改台账", "Rectification ledger";
    col_light => "灯", "Light";
    col_code => "编号", "No.";
    col_unit => "责任单位", "Unit";
    col_measure => "整改措施", "Measure";
    col_deadline => "时限", "Deadline";
    col_status => "状态", "Status";
    col_last_progress => "最新进展", "Latest progress";
    col_progress_date => "进展", "Last";
    col_category => "类别", "Category";
    col_problem => "反馈问题", "Problem";
    col_lead => "牵头单位", "Lead unit";
    col_closed_of => "销号", "Closed";
    col_rank => "排名", "Rank";
    col_unit_name => "单位", "Unit";
    col_kind => "类型", "Kind";
    col_tasks => "任务", "Tasks";
    col_overdue => "逾期", "Overdue";
    col_rate => "完成率", "Done";
    col_active => "启用", "Active";
    label_description => "问题描述", "Description";
    label_measure => "整改措施", "Measure";
    label_person => "责任人", "Person";
    label_support => "配合单位", "Supporting units";
    label_deadline => "整改时限", "Deadline";
    label_progress => "进展", "Progress";
    label_history => "操作日志", "History";
    label_tasks => "任务", "Tasks";
    label_closed => "销号", "Closed";
    label_close_note => "销号说明", "Closing note";
    label_evidence => "佐证材料", "Evidence";
    label_reopen_reason => "重开/退回原因", "Reason for reopening";
    label_lead => "牵头单位", "Lead unit";
    none => "（无）", "(none)";
    empty_value => "（空）", "(empty)";
    no_tasks_match => "没有符合条件的任务。", "No task matches.";
    no_events => "没有操作记录。", "No events.";
    yes => "是", "yes";
    no => "否", "no";
    check_passed => "检查通过：文件完整，外键与台账规则均无问题。", "Check passed: the file is sound, foreign keys and ledger rules hold.";
    export_file_stem => "整改台账", "rectification-ledger";
    export_sheet_ledger => "整改台账", "Ledger";
    export_sheet_units => "单位统计", "Units";
    export_page_footer => "第 &P 页 共 &N 页", "Page &P of &N";
    import_done => "已导入：", "Imported:";
    import_dry_run => "试导入（未写入任何内容）：", "Dry run (nothing was written):";
    kind_inspections => "督查反馈", "inspections";
    kind_units => "单位", "units";
    kind_problems => "问题", "problems";
    kind_tasks => "任务", "tasks";
    kind_progress => "进展", "progress entries";
}

sentences! {
    backup_written(path: &Path) => "已备份到 {path:?}。", "Backed up to {path:?}.";
    folder_created(path: &Path) => "已新建文件夹 {path:?}。", "Created the folder {path:?}.";
    export_overdue(status: &str) => "{status}（逾期）", "{status} (overdue)";
    export_due_soon(status: &str) => "{status}（临期）", "{status} (due soon)";
    output_failed_after_write(cause: &str)
        => "修改已保存；但结果无法写到标准输出（{cause}），不要重试。",
           "The change was saved, but its result could not be written to standard output ({cause}); do not retry it.";
    output_failed(cause: &str) => "结果无法写到标准输出（{cause}）。", "The result could not be written to standard output ({cause}).";
    export_title(inspection: &str) => "{inspection}整改台账", "{inspection} rectification ledger";
    import_line(kind: &str, added: usize, updated: usize, skipped: usize)
        => "{kind}：新增 {added}，更新 {updated}，跳过 {skipped}", "{kind}: {added} added, {updated} updated, {skipped} skipped";
    import_renumbered(old: i64, new: i64) => "任务 #{old} 的编号已被占用，导入为 #{new}", "task #{old} was imported as #{new} (its number was taken)";
}

sentences! {
    check_log_head(events: u64, head: &str)
        => "操作日志 {events} 条，末条指纹 {head}（记下它，日后再查时可核对日志是否被整体改写）。",
           "Event log: {events} events, newest fingerprint {head} (note it: a later check can tell whether the log was rewritten).";
    ledger_created(path: &Path, problems: usize, tasks: usize, units: usize)
        => "已新建台账 {path:?}：{problems} 个问题、{tasks} 项任务、{units} 个单位。",
           "Created the ledger {path:?}: {problems} problems, {tasks} tasks, {units} units.";
    ledger_created_on_first_use(path: &Path)
        => "首次使用，已新建台账 {path:?}（含省督查组反馈的问题）。",
           "First use: created the ledger {path:?} with the inspection team's feedback.";
    as_of(date: &str) => "截至 {date}", "as of {date}";
    summary(tasks: u32, open: u32, red: u32, yellow: u32)
        => "任务 {tasks} · 未销号 {open} · 红 {red} · 黄 {yellow}",
           "{tasks} tasks · {open} open · {red} red · {yellow} yellow";
    closed_of(closed: u32, total: u32) => "{closed}/{total} 已销号", "{closed}/{total} closed";
    totals_line(tasks: u32, closed: u32, overdue: u32, rate: &str)
        => "任务 {tasks} · 已销号 {closed} · 逾期 {overdue} · 完成率 {rate}",
           "{tasks} tasks · {closed} closed · {overdue} overdue · {rate} done";
    task_added(seq: i64, problem: &str, unit: &str)
        => "已新增任务 #{seq}（{problem} · {unit}）。", "Added task #{seq} ({problem} · {unit}).";
    task_edited(seq: i64) => "已修改任务 #{seq}。", "Edited task #{seq}.";
    problem_added(code: &str) => "已新增问题 {code}。", "Added problem {code}.";
    problem_edited(code: &str) => "已修改问题 {code}。", "Edited problem {code}.";
    progress_added(seq: i64, status: &str)
        => "已记录 #{seq} 的进展，状态：{status}。", "Recorded progress on #{seq}; status: {status}.";
    task_closed(seq: i64) => "已销号 #{seq}。", "Closed #{seq}.";
    task_reopened(seq: i64) => "已重开 #{seq}（回头看），状态：整改中。",
        "Reopened #{seq} (re-inspection); status: in progress.";
    task_returned(seq: i64) => "已退回 #{seq}，状态：整改中。", "Returned #{seq}; status: in progress.";
    unit_added(name: &str) => "已新增单位 {name}。", "Added unit {name}.";
    unit_renamed(old: &str, new: &str) => "已将单位 {old} 更名为 {new}。", "Renamed unit {old} to {new}.";
    unit_deactivated(name: &str) => "已停用单位 {name}。", "Deactivated unit {name}.";
    unit_activated(name: &str) => "已启用单位 {name}。", "Activated unit {name}.";
    closed_by_line(at: &str, by: &str) => "{at} 由 {by} 销号", "closed {at} by {by}";
}

impl Lang {
    pub fn export_written(self, path: &Path, rows: usize) -> String {
        let path = crate::text::clean_line(&format!("{path:?}"));
        match self {
            Lang::Zh => format!("已导出 {path}（{rows} 项任务）。"),
            Lang::En => format!("Exported {path} ({}).", plural(rows, "task", "tasks")),
        }
    }

    pub fn export_written_to_stdout(self, rows: usize) -> String {
        match self {
            Lang::Zh => format!("已导出到标准输出（{rows} 项任务）。"),
            Lang::En => format!(
                "Exported to standard output ({}).",
                plural(rows, "task", "tasks")
            ),
        }
    }

    pub fn tasks_assigned(self, problem: &str, count: usize, seqs: &str) -> String {
        let (problem, seqs) = (
            crate::text::clean_line(problem),
            crate::text::clean_line(seqs),
        );
        match self {
            Lang::Zh => format!("已把 {problem} 分解为 {count} 项任务：{seqs}。"),
            Lang::En => format!(
                "Split {problem} into {}: {seqs}.",
                plural(count, "task", "tasks")
            ),
        }
    }

    pub fn problem_closed(self, code: &str, count: usize, seqs: &str) -> String {
        let (code, seqs) = (crate::text::clean_line(code), crate::text::clean_line(seqs));
        match self {
            Lang::Zh => format!("已销号 {code} 的 {count} 项任务：{seqs}。"),
            Lang::En => format!(
                "Closed {} of {code}: {seqs}.",
                plural(count, "task", "tasks")
            ),
        }
    }
}
