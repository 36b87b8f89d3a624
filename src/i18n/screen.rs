//! Labels and sentences of the terminal UI: keys, views, forms and their fields.

use super::{Lang, plural};

labels! {
    // what a key does, for the footer and the help overlay (`tui::keys::label`)
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
    key_back => "返回台账", "back";
    key_search => "搜索", "search";
    key_filter => "筛选", "filter";
    key_clear_filters => "清除筛选", "clear filters";
    key_toggle_open => "未销号/全部", "open/all";
    key_show_all => "显示全部", "show all";
    key_open_only => "只看未销号", "open only";
    key_add_task => "新增任务", "add task";
    key_add_problem => "新增问题", "add problem";
    key_edit => "编辑", "edit";
    key_progress => "进展", "progress";
    key_close => "销号", "close";
    key_reopen => "重开", "reopen";
    key_export => "导出", "export";
    key_as_of => "查看某日", "as of a day";
    key_history_since => "本期变化", "since a day";
    form_history_since => "只看某日之后的变动", "Show the changes after a day";
    key_undo => "撤销", "undo";
    key_redo => "重做", "redo";
    key_help => "帮助", "help";
    key_quit => "退出", "quit";
    key_filter_by_unit => "看该单位任务", "its tasks";
    key_open_record => "在台账中查看", "show in ledger";
    key_keep_search => "保留搜索", "keep search";
    key_clear_search => "清除搜索", "clear search";
    key_next_field => "下一项", "next field";
    key_prev_field => "上一项", "previous field";
    key_save => "保存", "save";
    key_apply => "应用", "apply";
    key_cancel => "取消", "cancel";
    key_yes => "是", "yes";
    key_no => "否", "no";
    tui_open_only => "未销号", "open";
    tui_all => "全部", "all";
    tui_read_only => "只读：此台账文件不可写，只能查看", "READ-ONLY: this ledger file cannot be written; viewing only";
    tui_problems_tasks => "问题与任务", "Problems and tasks";
    tui_detail => "详情", "Detail";
    tui_units_board => "单位看板", "Units";
    tui_history => "操作日志", "History";
    tui_help => "帮助", "Help";
    tui_loading => "正在读取台账…", "Reading the ledger…";
    // in place of a count while the first screen shows part of the ledger
    tui_counting => "…", "…";
    tui_no_problems => "台账中还没有问题。按 A 新增问题。", "The ledger has no problem yet. Press A to add one.";
    tui_all_closed => "所有任务均已销号。按 o 显示全部。", "Every task is closed. Press o to show all.";
    tui_no_match => "没有符合条件的问题或任务。按 F 清除筛选与搜索。", "Nothing matches. Press F to clear the filters and the search.";
    tui_select_task => "请先选择一项任务（问题行下方的 #编号 行）。", "Select a task first (a #number row under a problem).";
    tui_no_units => "还没有单位；单位须在命令行用 zhenggai unit add 新增。", "There are no units yet; units are added on the command line (zhenggai unit add).";
    tui_select_something => "没有选中的问题或任务。", "Nothing is selected.";
    tui_nothing_to_undo => "本次运行还没有可撤销的修改。", "No change of this run to undo.";
    tui_nothing_to_redo => "没有可以重做的修改。", "Nothing to redo.";
    tui_refreshed => "台账已被其他程序修改，已刷新。", "The ledger was changed by another program; refreshed.";
    tui_task_reading => "正在读取所选任务，请稍候再试。", "Still reading the selected task; try again in a moment.";
    tui_task_reading_short => "读取中…", "Reading…";
    tui_search_waiting => "正在建立搜索索引，建好后即按搜索筛选…", "Building the search index; the search applies as soon as it is ready…";
    tui_saving => "保存中…", "Saving…";
    tui_undoing => "撤销中…", "Undoing…";
    tui_busy => "上一项修改还在保存，请稍候。", "The last change is still being saved; wait a moment.";
    tui_quit_unsaved => "表单中有未保存的内容。仍要退出吗？", "The form holds text not saved. Quit anyway?";
    tui_record_gone => "这条记录已不在台账中。", "That record is no longer in the ledger.";
    tui_choice_hint => "←/→ 选择", "←/→ choose";
    tui_picks_hint => "←/→ 移动 · 空格 选中/取消", "←/→ move · Space pick/drop";
    tui_any => "全部", "any";
    tui_keep => "不变", "unchanged";
    tui_overdue => "逾期", "overdue";
    tui_no_lead => "（无）", "(none)";
    tui_all_counties => "全部县区", "all counties";
    tui_all_departments => "全部市直部门", "all city departments";
    tui_deadline_hint => "如 2020-01-31、20200131 或 +30d", "e.g. 2020-01-31, 20200131 or +30d";
    tui_help_title => "按键 · ? 或 Esc 关闭", "Keys · ? or Esc closes";
    tui_help_browse => "浏览", "Browsing";
    tui_help_units => "单位看板与日志", "Unit board and history";
    tui_help_search => "搜索", "Searching";
    tui_help_form => "表单", "Forms";
    unknown_actor => "未署名", "unknown";
    form_add_problem => "新增问题", "Add a problem";
    form_edit_problem => "修改问题", "Edit the problem";
    form_filter => "筛选", "Filter";
    form_export => "导出整改台账", "Export the ledger";
    form_as_of => "查看截至某日的台账", "Show the ledger as of a day";
    field_code => "问题编号", "Code";
    field_category => "问题类别", "Category";
    field_title => "反馈问题", "Problem";
    field_description => "问题描述", "Description";
    field_lead => "牵头单位", "Lead unit";
    field_unit => "责任单位", "Responsible unit";
    field_units => "责任单位（空格选中，可选多个以分解）", "Responsible units (Space picks; several split the problem)";
    field_measure => "整改措施", "Measure";
    field_person => "责任人", "Person";
    field_deadline => "整改时限", "Deadline";
    field_support => "配合单位（用、或 , 分隔）", "Supporting units (comma separated)";
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
}

sentences! {
    form_as_of_note(today: &str) =>
        "台账将显示截至该日结束时的样子（该日及以前的变动）；往日视图只读。输入日期，如 2019-12-20、-7d；留空为今天（{today}）。在台账中按 Esc 回到今天。",
        "The ledger as it stood at the end of that day (the changes dated up to it); a past view is read-only. Type a date such as 2019-12-20 or -7d; empty is today ({today}). Esc in the ledger comes back to today.";
    tui_past_read_only(day: &str) =>
        "这是截至 {day} 的往日视图，只能查看；按 Esc 回到今天再修改。",
        "This is the ledger as of {day}, a past view to read; press Esc to come back to today and make changes.";
    form_history_since_note(day: &str) =>
        "日志只列出该日之后、截至 {day} 的变动（本期变化）。输入日期，如 2019-12-20、-7d；留空为全部。在日志中按 Esc 取消。",
        "The history lists only the changes dated after that day, up to {day} (a period). Type a date such as 2019-12-20 or -7d; empty shows all. Esc in the history drops it.";
    tui_history_period(since: &str, until: &str) =>
        "{since} 之后至 {until}",
        "after {since} up to {until}";
    tui_past_banner(day: &str) =>
        "往日视图：截至 {day} · 只读 · Esc 回到今天",
        "PAST VIEW: as of {day} · read-only · Esc for today";
    tui_too_small(w: u16, h: u16) => "窗口太小（{w}×{h}）：请放大到至少 80×24。", "The window is too small ({w}×{h}); make it at least 80×24.";
    tui_search_prompt(text: &str) => "搜索：{text}", "Search: {text}";
    tui_search_active(text: &str) => "搜索“{text}”", "search “{text}”";
    tui_unit_filter(unit: &str) => "单位 {unit}", "unit {unit}";
    tui_filter_line(parts: &str) => "筛选：{parts}", "Filter: {parts}";
    tui_exporting(seconds: u64) => "导出中…（已 {seconds} 秒）", "Exporting… ({seconds} s)";
    tui_undone(label: &str) => "已撤销：{label}", "Undone: {label}";
    tui_redone(label: &str) => "已重做：{label}", "Redone: {label}";
    tui_conflict_refreshed(message: &str) => "{message} 已刷新。", "{message} Refreshed.";
    tui_pasted_cut(max: usize) => "粘贴的内容超过上限，只保留了前 {max} 个字。", "The pasted text was longer than the field takes; the first {max} characters were kept.";
    tui_fill(held: usize, max: usize) => "{held}/{max} 字", "{held}/{max} characters";
    tui_picked(names: &str) => "已选：{names}", "Chosen: {names}";
    tui_taken(seq: i64) => "（已有 #{seq}）", " (has #{seq})";
    tui_overdue_days_cell(days: i64) => "逾期{days}天", "{days}d late";
    form_add_task(code: &str) => "为 {code} 新增任务", "Add a task to {code}";
    form_edit_task(seq: i64) => "修改任务 #{seq}", "Edit task #{seq}";
    form_close_task(seq: i64) => "销号 #{seq}", "Close #{seq}";
    form_progress_of(seq: i64) => "记录 #{seq} 的进展", "Add progress to #{seq}";
    form_reopen_of(seq: i64, status: &str) => "#{seq}（{status}）重开 / 退回", "Reopen / return #{seq} ({status})";
    label_close(seq: i64) => "#{seq} 销号", "closing #{seq}";
    label_progress_of(seq: i64) => "#{seq} 的进展", "progress on #{seq}";
    label_reopen(seq: i64) => "#{seq} 重开", "reopening #{seq}";
    label_return(seq: i64) => "#{seq} 退回", "returning #{seq}";
    label_edit_task(seq: i64) => "修改 #{seq}", "the edit of #{seq}";
    label_add_task(seq: i64) => "新增任务 #{seq}", "adding task #{seq}";
    label_add_problem(code: &str) => "新增问题 {code}", "adding problem {code}";
    label_edit_problem(code: &str) => "修改问题 {code}", "the edit of problem {code}";
}

impl Lang {
    /// `共性问题 · 牵头单位 市“双打”办` / `shared · lead unit 市“双打”办`.
    pub fn problem_facts(self, category: &str, lead: &str) -> String {
        match self {
            Lang::Zh => format!("{category} · 牵头单位 {lead}"),
            Lang::En => format!("{category} · lead unit {lead}"),
        }
    }

    pub fn task_facts(self, unit: &str, status: &str) -> String {
        match self {
            Lang::Zh => format!("责任单位 {unit} · 状态 {status}"),
            Lang::En => format!("unit {unit} · {status}"),
        }
    }

    pub fn deadline_facts(self, deadline: &str, person: &str) -> String {
        match self {
            Lang::Zh => format!("整改时限 {deadline} · 责任人 {person}"),
            Lang::En => format!("deadline {deadline} · person {person}"),
        }
    }

    pub fn support_facts(self, units: &str) -> String {
        match self {
            Lang::Zh => format!("配合单位 {units}"),
            Lang::En => format!("supporting units {units}"),
        }
    }

    /// A progress entry in the detail pane: `12-20 已开展检查（佐证材料：安公〔2019〕88号）`.
    pub fn progress_line(self, date: &str, text: &str, evidence: &str) -> String {
        match (self, evidence.is_empty()) {
            (_, true) => format!("{date} {text}"),
            (Lang::Zh, false) => format!("{date} {text}（佐证材料：{evidence}）"),
            (Lang::En, false) => format!("{date} {text} (evidence: {evidence})"),
        }
    }

    /// `12 行` / `1 row` / `12 rows`.
    pub fn tui_rows(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("{count} 行"),
            Lang::En => plural(count, "row", "rows"),
        }
    }

    /// "逾期 5 天" in the detail pane.
    pub fn tui_overdue_days(self, days: i64) -> String {
        match self {
            Lang::Zh => format!("逾期 {days} 天"),
            Lang::En => format!("{} overdue", plural(days as usize, "day", "days")),
        }
    }

    /// The title of the close form on a problem row.
    pub fn form_close_problem(self, code: &str, count: usize) -> String {
        let code = crate::text::clean_line(code);
        match self {
            Lang::Zh => format!("销号 {code}：将销号当前显示的 {count} 项未销号任务"),
            Lang::En => format!(
                "Close {code}: the {} shown will be closed",
                plural(count, "open task", "open tasks")
            ),
        }
    }

    /// What the close form on a problem row leaves alone.
    pub fn form_close_hidden(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("另有 {count} 项未销号任务被筛选或搜索隐藏，不会销号。"),
            Lang::En => format!(
                "{} hidden by the filter or the search will stay open.",
                plural(count, "more open task", "more open tasks")
            ),
        }
    }

    /// What the export dialog will write, said before it writes.
    pub fn form_export_note(self, filter: &str, rows: usize) -> String {
        match self {
            Lang::Zh => format!("将导出{filter}的 {rows} 项任务；合计与单位统计按全部台账计算。"),
            Lang::En => format!(
                "Exports the {} of {filter}; totals and the unit sheet count the whole ledger.",
                plural(rows, "task", "tasks")
            ),
        }
    }

    /// `{code} 销号 3 项` / `closing 3 tasks of {code}`.
    pub fn label_close_many(self, code: &str, count: usize) -> String {
        match self {
            Lang::Zh => format!("{code} 销号 {count} 项"),
            Lang::En => format!("closing {} of {code}", plural(count, "task", "tasks")),
        }
    }

    /// `{code} 分解为 3 项任务` / `splitting {code} into 3 tasks`.
    pub fn label_split(self, code: &str, count: usize) -> String {
        match self {
            Lang::Zh => format!("{code} 分解为 {count} 项任务"),
            Lang::En => format!("splitting {code} into {}", plural(count, "task", "tasks")),
        }
    }
}
