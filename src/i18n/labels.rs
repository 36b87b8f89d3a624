//! Labels and sentences of the screens and the commands.

use std::path::Path;

use super::Lang;

labels! {
    // what a key does, for the footer and the help overlay (tui::keys::label)
    key_up => "上移", "up";
    key_down => "下移", "down";
    key_page_up => "上翻页", "page up";
    key_page_down => "下翻页", "page down";
    key_top => "到顶", "top";
    key_bottom => "到底", "bottom";
    key_detail => "详情", "detail";
    key_next_view => "切换视图", "next view";
    key_view_ledger => "台账", "ledger";
    key_view_units => "单位", "units";
    key_view_history => "日志", "history";
    key_search => "搜索", "search";
    key_filter => "筛选", "filter";
    key_toggle_open => "未销号/全部", "open/all";
    key_add_task => "新增任务", "add task";
    key_add_problem => "新增问题", "add problem";
    key_edit => "编辑", "edit";
    key_progress => "进展", "progress";
    key_close => "销号", "close";
    key_reopen => "重开", "reopen";
    key_export => "导出", "export";
    key_undo => "撤销", "undo";
    key_help => "帮助", "help";
    key_quit => "退出", "quit";
    key_filter_by_unit => "看该单位任务", "show its tasks";
    key_keep_search => "保留搜索", "keep search";
    key_clear_search => "清除搜索", "clear search";
    key_next_field => "下一项", "next field";
    key_prev_field => "上一项", "previous field";
    key_save => "保存", "save";
    key_cancel => "取消/关闭", "cancel/close";
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
    tui_open_only => "未销号", "open";
    tui_all => "全部", "all";
    tui_read_only => "只读：此台账文件不可写，只能查看", "READ-ONLY: this ledger file cannot be written; viewing only";
    tui_problems_tasks => "问题与任务", "Problems and tasks";
    tui_detail => "详情", "Detail";
    tui_units_board => "单位看板", "Units";
    tui_history => "操作日志", "History";
    tui_help => "帮助", "Help";
    tui_no_rows => "没有符合条件的问题或任务。按 o 显示全部，或 Esc 清除搜索。", "Nothing matches. Press o to show all, or Esc to clear the search.";
    tui_select_task => "请先选择一项任务（问题行下方的 #编号 行）。", "Select a task first (a #number row under a problem).";
    tui_no_units => "还没有单位：请先用 zhenggai unit add 新增单位。", "There are no units yet: add one with zhenggai unit add first.";
    tui_select_something => "没有选中的问题或任务。", "Nothing is selected.";
    tui_nothing_to_undo => "本次运行还没有可撤销的修改。", "No change of this run to undo.";
    tui_refreshed => "台账已被其他程序修改，已刷新。", "The ledger was changed by another program; refreshed.";
    tui_choice_hint => "←/→ 选择", "←/→ choose";
    tui_keep => "不变", "unchanged";
    tui_any => "全部", "any";
    tui_no_lead => "（无）", "(none)";
    tui_help_title => "按键 · ? 或 Esc 关闭", "Keys · ? or Esc closes";
    tui_help_browse => "浏览", "Browsing";
    tui_help_units => "单位看板", "Unit board";
    tui_help_search => "搜索", "Searching";
    tui_help_form => "表单", "Forms";
    form_add_problem => "新增问题", "Add a problem";
    form_edit_problem => "修改问题", "Edit the problem";
    form_filter => "筛选", "Filter";
    field_code => "问题编号", "Code";
    field_category => "问题类别", "Category";
    field_title => "反馈问题", "Problem";
    field_description => "问题描述", "Description";
    field_lead => "牵头单位", "Lead unit";
    field_unit => "责任单位", "Responsible unit";
    field_measure => "整改措施", "Measure";
    field_person => "责任人", "Person";
    field_deadline => "整改时限", "Deadline";
    field_support => "配合单位（用、或,分隔）", "Supporting units (comma separated)";
    field_text => "进展内容", "Progress";
    field_date => "日期", "Date";
    field_evidence => "佐证材料", "Evidence";
    field_status => "状态", "Status";
    field_note => "销号说明", "Closing note";
    field_reason => "原因", "Reason";
    field_light => "灯", "Light";
    field_format => "格式", "Format";
    field_path => "文件（留空则用默认文件名，存于当前文件夹）", "File (empty: the default name, in the working folder)";
    field_overwrite => "覆盖已有文件", "Overwrite an existing file";
    form_export => "导出当前筛选的整改台账", "Export the ledger as filtered now";
}

sentences! {
    tui_too_small(w: u16, h: u16) => "窗口太小（{w}×{h}）：请放大到至少 80×24。", "The window is too small ({w}×{h}); make it at least 80×24.";
    tui_search_prompt(text: &str) => "搜索：{text}", "Search: {text}";
    tui_search_active(text: &str) => "搜索“{text}”", "search “{text}”";
    tui_unit_filter(unit: &str) => "单位 {unit}", "unit {unit}";
    tui_rows(count: usize) => "{count} 行", "{count} rows";
    tui_filter_line(parts: &str) => "筛选：{parts}", "Filter: {parts}";
    backup_written(path: &Path) => "已备份到 {path:?}。", "Backed up to {path:?}.";
    folder_created(path: &Path) => "已新建文件夹 {path:?}。", "Created the folder {path:?}.";
    export_overdue(status: &str) => "{status}（逾期）", "{status} (overdue)";
    export_due_soon(status: &str) => "{status}（临期）", "{status} (due soon)";
    export_written_to_stdout(rows: usize) => "已导出到标准输出（{rows} 项任务）。", "Exported to standard output ({rows} tasks).";
    output_failed_after_write(cause: &str)
        => "修改已保存；但结果无法写到标准输出（{cause}），不要重试。",
           "The change was saved, but its result could not be written to standard output ({cause}); do not retry it.";
    output_failed(cause: &str) => "结果无法写到标准输出（{cause}）。", "The result could not be written to standard output ({cause}).";
    export_written(path: &Path, rows: usize) => "已导出 {path:?}（{rows} 项任务）。", "Exported {path:?} ({rows} tasks).";
    export_title(inspection: &str) => "{inspection}整改台账", "{inspection} rectification ledger";
    import_line(kind: &str, added: usize, updated: usize, skipped: usize)
        => "{kind}：新增 {added}，更新 {updated}，跳过 {skipped}", "{kind}: {added} added, {updated} updated, {skipped} skipped";
    import_renumbered(old: i64, new: i64) => "任务 #{old} 的编号已被占用，导入为 #{new}", "task #{old} was imported as #{new} (its number was taken)";
    tui_undone(count: usize) => "已撤销上一次修改（{count} 条记录）。", "Undid the last change ({count} records).";
    tui_conflict_refreshed(message: &str) => "{message} 已刷新。", "{message} Refreshed.";
    form_add_task(code: &str) => "为 {code} 新增任务", "Add a task to {code}";
    form_edit_task(seq: i64) => "修改任务 #{seq}", "Edit task #{seq}";
    form_close_task(seq: i64) => "销号 #{seq}", "Close #{seq}";
    form_close_problem(code: &str, count: usize) => "销号 {code}：将销号其全部 {count} 项未销号任务", "Close {code}: all its {count} open tasks will be closed";
    form_progress_of(seq: i64) => "记录 #{seq} 的进展", "Add progress to #{seq}";
    form_reopen_of(seq: i64, status: &str) => "#{seq}（{status}）重开 / 退回", "Reopen / return #{seq} ({status})";
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
    tasks_assigned(problem: &str, count: usize, seqs: &str)
        => "已把 {problem} 分解为 {count} 项任务：{seqs}。",
           "Split {problem} into {count} tasks: {seqs}.";
    task_edited(seq: i64) => "已修改任务 #{seq}。", "Edited task #{seq}.";
    problem_added(code: &str) => "已新增问题 {code}。", "Added problem {code}.";
    problem_edited(code: &str) => "已修改问题 {code}。", "Edited problem {code}.";
    progress_added(seq: i64, status: &str)
        => "已记录 #{seq} 的进展，状态：{status}。", "Recorded progress on #{seq}; status: {status}.";
    task_closed(seq: i64) => "已销号 #{seq}。", "Closed #{seq}.";
    problem_closed(code: &str, count: usize, seqs: &str)
        => "已销号 {code} 的 {count} 项任务：{seqs}。", "Closed {count} tasks of {code}: {seqs}.";
    task_reopened(seq: i64) => "已重开 #{seq}（回头看），状态：整改中。",
        "Reopened #{seq} (re-inspection); status: in progress.";
    task_returned(seq: i64) => "已退回 #{seq}，状态：整改中。", "Returned #{seq}; status: in progress.";
    unit_added(name: &str) => "已新增单位 {name}。", "Added unit {name}.";
    unit_renamed(old: &str, new: &str) => "已将单位 {old} 更名为 {new}。", "Renamed unit {old} to {new}.";
    unit_deactivated(name: &str) => "已停用单位 {name}。", "Deactivated unit {name}.";
    unit_activated(name: &str) => "已启用单位 {name}。", "Activated unit {name}.";
    closed_by_line(at: &str, by: &str) => "{at} 由 {by} 销号", "closed {at} by {by}";
}
