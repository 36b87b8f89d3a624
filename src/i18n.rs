//! Every string a person sees, in 中文 (the first language) and English. Front ends ask a `Lang`
//! for a label or a sentence; they never spell one themselves.

use std::path::Path;

use crate::error::{Error, Field, FieldProblem, NotLedger, ValueKind};
use crate::model::{Category, Key, Light, Status, TextProblem, UnitKind, UnitStats};
use crate::store::Check;
use crate::tui::keys::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "中文" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Labels: `fn name(self) -> &'static str`.
macro_rules! labels {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        impl Lang {
            $(pub fn $name(self) -> &'static str {
                match self { Lang::Zh => $zh, Lang::En => $en }
            })*
        }
    };
}

/// Sentences with arguments: `fn name(self, args…) -> String`; the literals name the arguments.
macro_rules! sentences {
    ($($name:ident ($($arg:ident : $ty:ty),*) => $zh:literal, $en:literal;)*) => {
        impl Lang {
            $(pub fn $name(self, $($arg: $ty),*) -> String {
                match self { Lang::Zh => format!($zh), Lang::En => format!($en) }
            })*
        }
    };
}

/// Help texts for the command line, in both languages at once (they are shown before the
/// language of the run is known).
pub mod help {
    pub const ABOUT: &str = "整改台账：督查反馈问题的整改、销号与台账导出 · \
        a rectification ledger for the problems an inspection team raised";
    pub const DB: &str = "台账文件 · the ledger file";
    pub const TODAY: &str = "以此日期为“今天”（红黄绿灯、截至日期）· the date taken as today";
    pub const LANG: &str = "界面语言 zh|en · language of messages";
    pub const USER: &str = "记录在操作日志中的操作人 · the person recorded as making changes";
    pub const INIT: &str =
        "新建台账（默认含省督查组反馈）· create a ledger (seeded unless --empty)";
    pub const EMPTY: &str = "不含反馈内容的空台账 · an empty ledger";
    pub const LIST: &str = "按问题分组列出任务 · tasks grouped by problem";
    pub const PROBLEMS: &str = "每个问题一行 · one line per problem";
    pub const SHOW: &str = "查看问题或任务（G1、12、#12、uuid 前缀）· show a problem or task";
    pub const PROBLEM: &str = "新增或修改问题 · add or edit a problem";
    pub const TASK: &str = "新增或修改任务 · add or edit a task";
    pub const ASSIGN: &str = "把问题分解到多个单位 · split a problem into one task per unit";
    pub const PROGRESS: &str = "记录进展 · add progress to a task";
    pub const CLOSE: &str =
        "销号（任务，或问题下全部未销号任务）· close a task or a problem's open tasks";
    pub const REOPEN: &str = "回头看重开或退回 · reopen a closed task or return a submitted one";
    pub const UNIT: &str = "单位管理 · units";
    pub const STATS: &str = "按单位统计与排名 · totals and ranking by unit";
    pub const HISTORY: &str = "操作日志（最新在前）· the event log, newest first";
    pub const JSON: &str = "输出 JSON · print JSON";
    pub const STATUS: &str = "状态（可重复）· status (repeatable): not_started in_progress submitted closed ongoing / 未启动 整改中 待销号 已销号 长期坚持";
    pub const OPEN: &str = "只看未销号 · not closed only";
    pub const OVERDUE: &str = "只看逾期 · overdue only";
    pub const LIGHT: &str = "灯色 red|yellow|green（红|黄|绿）· light";
    pub const CATEGORY: &str = "问题类别 shared|weak|other（共性问题|薄弱环节|其他）· category";
    pub const UNIT_FILTER: &str = "责任单位 · responsible unit";
    pub const PROBLEM_FILTER: &str = "问题编号 · problem code";
    pub const SEARCH: &str = "搜索文字（任意长度，含中文）· search text";
    pub const DATE: &str =
        "日期：2019-12-31、2019/12/31、20191231、2019年12月31日、今天、+7d · a date";
    pub const KIND: &str =
        "单位类型 县区|市直部门|双打办|其他 (county|department|office|other) · unit kind";
    pub const SUPPORT: &str = "配合单位（可重复；--support \"\" 清空）· supporting units (repeatable; --support \"\" clears)";
    pub const EXPORT: &str = "导出整改台账（Excel、CSV、Markdown）或整个台账（JSON）· export the meeting list or the whole ledger";
    pub const FORMAT: &str = "格式 · format: xlsx | csv | md | json";
    pub const OUTPUT: &str = "输出文件（默认 整改台账-YYYYMMDD.<扩展名>）· output file";
    pub const FORCE: &str = "覆盖已有文件 · overwrite an existing file";
    pub const TITLE: &str = "表格标题（默认 <督查反馈标题>整改台账）· title of the sheet";
    pub const IMPORT: &str =
        "导入 JSON 台账文件，按 uuid 合并 · merge a JSON ledger document by uuid";
    pub const DRY_RUN: &str =
        "只报告将会导入什么，不写入 · report what would change, write nothing";
    pub const IF_VERSION: &str = "只在任务仍为此版本时修改（见 show --json 的 version），否则报冲突 · change only if the task is still at this version";
    pub const BACKUP: &str =
        "在线备份台账到新文件（台账使用中也安全）· online backup into a new file";
    pub const CHECK: &str = "检查台账文件的完整性与一致性 · check integrity and consistency";
    pub const LIMIT: &str = "最多显示条数 · at most this many events";
}

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

impl Lang {
    /// The header of the meeting list, DESIGN.md §8.
    pub fn export_columns(self) -> [&'static str; 13] {
        match self {
            Lang::Zh => [
                "序号",
                "问题编号",
                "问题类别",
                "反馈问题",
                "整改措施",
                "责任单位",
                "配合单位",
                "责任人",
                "整改时限",
                "整改进展",
                "状态",
                "销号时间",
                "备注",
            ],
            Lang::En => [
                "No.",
                "Code",
                "Category",
                "Problem",
                "Measure",
                "Responsible unit",
                "Supporting units",
                "Person",
                "Deadline",
                "Progress",
                "Status",
                "Closed on",
                "Remark",
            ],
        }
    }

    /// The header of the unit board (`stats` and the TUI's 单位看板), rank first.
    pub fn unit_board_header(self) -> [&'static str; 11] {
        [
            self.col_rank(),
            self.col_unit_name(),
            self.col_kind(),
            self.col_tasks(),
            self.status(Status::Closed),
            self.status(Status::Submitted),
            self.status(Status::InProgress),
            self.status(Status::NotStarted),
            self.status(Status::Ongoing),
            self.col_overdue(),
            self.col_rate(),
        ]
    }

    /// One unit's line of the unit board, as text, in the order of `unit_board_header`.
    pub fn unit_board_row(self, line: &UnitStats) -> [String; 11] {
        let t = &line.tally;
        [
            line.rank.map_or_else(|| "—".to_string(), |r| r.to_string()),
            line.unit.name.clone(),
            self.unit_kind(line.unit.kind).to_string(),
            t.tasks.to_string(),
            t.closed.to_string(),
            t.submitted.to_string(),
            t.in_progress.to_string(),
            t.not_started.to_string(),
            t.ongoing.to_string(),
            t.overdue.to_string(),
            percent(t.completion_rate()),
        ]
    }

    /// The header of the unit summary.
    pub fn export_unit_columns(self) -> [&'static str; 11] {
        match self {
            Lang::Zh => [
                "单位",
                "类型",
                "任务数",
                "已销号",
                "待销号",
                "整改中",
                "未启动",
                "长期坚持",
                "逾期",
                "完成率",
                "排名",
            ],
            Lang::En => [
                "Unit",
                "Kind",
                "Tasks",
                "Closed",
                "Submitted",
                "In progress",
                "Not started",
                "Ongoing",
                "Overdue",
                "Done",
                "Rank",
            ],
        }
    }

    /// `截至2019年12月26日　任务21项，已销号0项，逾期0项，完成率0.0%`
    pub fn export_as_of(
        self,
        day: chrono::NaiveDate,
        tasks: u32,
        closed: u32,
        overdue: u32,
        rate: &str,
    ) -> String {
        use chrono::Datelike;
        match self {
            Lang::Zh => format!(
                "截至{}年{}月{}日　任务{tasks}项，已销号{closed}项，逾期{overdue}项，完成率{rate}",
                day.year(),
                day.month(),
                day.day()
            ),
            Lang::En => format!(
                "As of {}: {tasks} tasks, {closed} closed, {overdue} overdue, {rate} done",
                day.format("%Y-%m-%d")
            ),
        }
    }

    /// The page header of the sheet: the as-of date.
    pub fn export_page_header(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Lang::Zh => format!("截至{}年{}月{}日", day.year(), day.month(), day.day()),
            Lang::En => format!("As of {}", day.format("%Y-%m-%d")),
        }
    }

    /// What a check of `zhenggai check` looks at.
    pub fn check_name(self, check: Check) -> &'static str {
        let (zh, en) = match check {
            Check::Integrity => ("文件完整性", "file integrity"),
            Check::ForeignKeys => ("外键", "foreign keys"),
            Check::ApplicationId => ("文件标识", "application id"),
            Check::TaskWithoutProblem => ("任务缺少所属问题", "task without its problem"),
            Check::TaskWithoutUnit => ("任务缺少责任单位", "task without its unit"),
            Check::ClosedWithoutNote => (
                "已销号任务缺少销号说明或时间",
                "closed task without note or time",
            ),
            Check::OpenWithCloseTime => ("未销号任务带有销号时间", "open task with a closing time"),
            Check::EventsOutOfOrder => ("操作日志时间倒序", "event log out of time order"),
            Check::LatestProgressOutOfStep => (
                "任务的最新进展日期与进展记录不符",
                "task's latest progress date differs from its progress entries",
            ),
        };
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// What a key does, for the footer and the help overlay.
    pub fn action_label(self, action: Action) -> &'static str {
        use Action::*;
        let (zh, en) = match action {
            Up => ("上移", "up"),
            Down => ("下移", "down"),
            PageUp => ("上翻页", "page up"),
            PageDown => ("下翻页", "page down"),
            Top => ("到顶", "top"),
            Bottom => ("到底", "bottom"),
            Detail => ("详情", "detail"),
            NextView => ("切换视图", "next view"),
            ViewLedger => ("台账", "ledger"),
            ViewUnits => ("单位", "units"),
            ViewHistory => ("日志", "history"),
            Search => ("搜索", "search"),
            Filter => ("筛选", "filter"),
            ToggleOpen => ("未销号/全部", "open/all"),
            AddTask => ("新增任务", "add task"),
            AddProblem => ("新增问题", "add problem"),
            Edit => ("编辑", "edit"),
            Progress => ("进展", "progress"),
            Close => ("销号", "close"),
            Reopen => ("重开", "reopen"),
            Export => ("导出", "export"),
            Undo => ("撤销", "undo"),
            Help => ("帮助", "help"),
            Quit => ("退出", "quit"),
            FilterByUnit => ("看该单位任务", "show its tasks"),
            KeepSearch => ("保留搜索", "keep search"),
            ClearSearch => ("清除搜索", "clear search"),
            NextField => ("下一项", "next field"),
            PrevField => ("上一项", "previous field"),
            Save => ("保存", "save"),
            Cancel => ("取消/关闭", "cancel/close"),
        };
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn status(self, status: Status) -> &'static str {
        match (self, status) {
            (Lang::Zh, Status::NotStarted) => "未启动",
            (Lang::Zh, Status::InProgress) => "整改中",
            (Lang::Zh, Status::Submitted) => "待销号",
            (Lang::Zh, Status::Ongoing) => "长期坚持",
            (Lang::Zh, Status::Closed) => "已销号",
            (Lang::En, Status::NotStarted) => "not started",
            (Lang::En, Status::InProgress) => "in progress",
            (Lang::En, Status::Submitted) => "submitted",
            (Lang::En, Status::Ongoing) => "ongoing",
            (Lang::En, Status::Closed) => "closed",
        }
    }

    pub fn category(self, category: Category) -> &'static str {
        match (self, category) {
            (Lang::Zh, Category::Shared) => "共性问题",
            (Lang::Zh, Category::Weak) => "薄弱环节",
            (Lang::Zh, Category::Other) => "其他",
            (Lang::En, Category::Shared) => "shared",
            (Lang::En, Category::Weak) => "weak point",
            (Lang::En, Category::Other) => "other",
        }
    }

    pub fn unit_kind(self, kind: UnitKind) -> &'static str {
        match (self, kind) {
            (Lang::Zh, UnitKind::County) => "县区",
            (Lang::Zh, UnitKind::Department) => "市直部门",
            (Lang::Zh, UnitKind::Office) => "双打办",
            (Lang::Zh, UnitKind::Other) => "其他",
            (Lang::En, UnitKind::County) => "county",
            (Lang::En, UnitKind::Department) => "department",
            (Lang::En, UnitKind::Office) => "office",
            (Lang::En, UnitKind::Other) => "other",
        }
    }

    pub fn light(self, light: Light) -> &'static str {
        match (self, light) {
            (Lang::Zh, Light::Red) => "红",
            (Lang::Zh, Light::Yellow) => "黄",
            (Lang::Zh, Light::Green) => "绿",
            (Lang::En, Light::Red) => "red",
            (Lang::En, Light::Yellow) => "yellow",
            (Lang::En, Light::Green) => "green",
        }
    }

    /// A field name of the event log (`status`, `close_note`, …) as people read it.
    pub fn field(self, key: &str) -> String {
        let zh = match key {
            "status" => "状态",
            "measure" => "整改措施",
            "person" => "责任人",
            "deadline" => "整改时限",
            "unit" | "unit_id" => "责任单位",
            "problem_id" => "问题",
            "lead_unit_id" => "牵头单位",
            "inspection_id" => "督查反馈",
            "sort_order" => "排序",
            "support_units" => "配合单位",
            "problem" => "问题",
            "seq" => "编号",
            "task" => "任务",
            "code" => "问题编号",
            "category" => "问题类别",
            "title" => "标题",
            "description" => "问题描述",
            "lead_unit" => "牵头单位",
            "closed_at" => "销号时间",
            "closed_by" => "销号人",
            "close_note" => "销号说明",
            "close_evidence" => "销号佐证",
            "reopen_reason" => "重开/退回原因",
            "date" => "日期",
            "text" => "内容",
            "evidence" => "佐证材料",
            "name" => "名称",
            "kind" => "类型",
            "active" => "启用",
            "issuer" => "发文单位",
            "feedback_date" => "反馈日期",
            "note" => "备注",
            other => other,
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => key.replace('_', " "),
        }
    }

    /// An event's action as people read it.
    pub fn action(self, action: &str) -> String {
        let (zh, en) = match action {
            "create" => ("新增", "created"),
            "update" => ("修改", "edited"),
            "status" => ("状态变更", "status changed"),
            "close" => ("销号", "closed"),
            "reopen" => ("重开（回头看）", "reopened"),
            "return" => ("退回", "returned"),
            "rename" => ("更名", "renamed"),
            "deactivate" => ("停用", "deactivated"),
            "activate" => ("启用", "activated"),
            "undo" => ("撤销", "undone"),
            "import" => ("导入", "imported"),
            other => (other, other),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// An event's record kind as people read it.
    pub fn entity(self, entity: &str) -> String {
        let (zh, en) = match entity {
            "task" => ("任务", "task"),
            "problem" => ("问题", "problem"),
            "progress" => ("进展", "progress"),
            "unit" => ("单位", "unit"),
            "inspection" => ("督查反馈", "inspection"),
            "setting" => ("设置", "setting"),
            other => (other, other),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// A stored value of the event log as people read it: enumeration keys get their names.
    pub fn value(self, field: &str, value: &serde_json::Value) -> String {
        use serde_json::Value;
        match value {
            Value::Null => self.empty_value().to_string(),
            Value::String(s) if s.is_empty() => self.empty_value().to_string(),
            Value::String(s) => match field {
                "status" => Status::from_key(s).map_or(s.clone(), |v| self.status(v).into()),
                "category" => Category::from_key(s).map_or(s.clone(), |v| self.category(v).into()),
                "kind" => UnitKind::from_key(s).map_or(s.clone(), |v| self.unit_kind(v).into()),
                _ => s.clone(),
            },
            Value::Bool(b) => if *b { self.yes() } else { self.no() }.to_string(),
            Value::Array(items) if items.is_empty() => self.empty_value().to_string(),
            Value::Array(items) => items
                .iter()
                .map(|item| self.value(field, item))
                .collect::<Vec<_>>()
                .join("、"),
            other => other.to_string(),
        }
    }

    fn field_name(self, field: Field) -> &'static str {
        match (self, field) {
            (Lang::Zh, Field::Code) => "问题编号",
            (Lang::Zh, Field::Title) => "标题",
            (Lang::Zh, Field::Description) => "问题描述",
            (Lang::Zh, Field::Measure) => "整改措施",
            (Lang::Zh, Field::Person) => "责任人",
            (Lang::Zh, Field::UnitName) => "单位名称",
            (Lang::Zh, Field::Note) => "销号说明",
            (Lang::Zh, Field::Reason) => "原因",
            (Lang::Zh, Field::ProgressText) => "进展内容",
            (Lang::Zh, Field::Evidence) => "佐证材料",
            (Lang::Zh, Field::Actor) => "操作人",
            (Lang::En, Field::Code) => "problem code",
            (Lang::En, Field::Title) => "title",
            (Lang::En, Field::Description) => "description",
            (Lang::En, Field::Measure) => "measure",
            (Lang::En, Field::Person) => "person",
            (Lang::En, Field::UnitName) => "unit name",
            (Lang::En, Field::Note) => "closing note",
            (Lang::En, Field::Reason) => "reason",
            (Lang::En, Field::ProgressText) => "progress text",
            (Lang::En, Field::Evidence) => "evidence",
            (Lang::En, Field::Actor) => "user name",
        }
    }

    fn accepted_values(self, what: ValueKind) -> String {
        let list = |names: Vec<String>| names.join(" / ");
        match what {
            ValueKind::Status => list(
                Status::ALL
                    .iter()
                    .map(|s| format!("{} {}", s.key(), Lang::Zh.status(*s)))
                    .collect(),
            ),
            ValueKind::Category => list(
                Category::ALL
                    .iter()
                    .map(|c| format!("{} {}", c.key(), Lang::Zh.category(*c)))
                    .collect(),
            ),
            ValueKind::UnitKind => list(
                UnitKind::ALL
                    .iter()
                    .map(|k| format!("{} {}", k.key(), Lang::Zh.unit_kind(*k)))
                    .collect(),
            ),
            ValueKind::Light => list(
                Light::ALL
                    .iter()
                    .map(|l| format!("{} {}", l.key(), Lang::Zh.light(*l)))
                    .collect(),
            ),
            ValueKind::Language => "zh / en".to_string(),
            ValueKind::Format => "xlsx / csv / md / json".to_string(),
        }
    }

    /// One sentence (two at most) that says what was wrong and what to do.
    pub fn error(self, error: &Error) -> String {
        let zh = self == Lang::Zh;
        let s = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        match error {
            Error::BadDate(text) => s(
                format!(
                    "无法识别的日期“{text}”。请使用 2019-12-31、2019/12/31、2019.12.31、20191231、2019年12月31日、今天（today）或 +7d 这样的写法。"
                ),
                format!(
                    "“{text}” is not a date. Use a form such as 2019-12-31, 2019/12/31, 2019.12.31, 20191231, 2019年12月31日, today or +7d."
                ),
            ),
            Error::BadText { field, problem } => {
                let name = self.field_name(*field);
                match problem {
                    TextProblem::Empty => s(
                        format!("{name}不能为空。"),
                        format!("The {name} must not be empty."),
                    ),
                    TextProblem::TooLong { max } => s(
                        format!("{name}太长，最多 {max} 个字符。"),
                        format!("The {name} is too long; at most {max} characters."),
                    ),
                    TextProblem::ControlCharacter => s(
                        format!("{name}含有不允许的控制字符（名称类字段也不能换行）。"),
                        format!(
                            "The {name} contains a control character that is not allowed (names cannot hold line breaks)."
                        ),
                    ),
                }
            }
            Error::BadValue { what, text } => {
                let accepted = self.accepted_values(*what);
                s(
                    format!("无法识别“{text}”，可用的值：{accepted}。"),
                    format!("“{text}” is not understood; use one of: {accepted}."),
                )
            }
            Error::UnknownUnit(name) => s(
                format!("没有名为“{name}”的单位；用 zhenggai unit list 查看单位。"),
                format!("There is no unit named “{name}”; see zhenggai unit list."),
            ),
            Error::InactiveUnit(name) => s(
                format!("单位“{name}”已停用，不能再承担任务；可先用 zhenggai unit activate 启用。"),
                format!(
                    "The unit “{name}” is deactivated and cannot take tasks; activate it first."
                ),
            ),
            Error::UnknownTask(text) => s(
                format!("没有任务 {text}；用 zhenggai list 查看任务编号。"),
                format!("There is no task {text}; see zhenggai list for task numbers."),
            ),
            Error::UnknownProblem(code) => s(
                format!("没有编号为“{code}”的问题；用 zhenggai problems 查看问题编号。"),
                format!("There is no problem “{code}”; see zhenggai problems for the codes."),
            ),
            Error::UnknownRef(text) => s(
                format!(
                    "找不到“{text}”：请输入问题编号（如 G1）、任务编号（如 12 或 #12）或 uuid 前缀。"
                ),
                format!(
                    "Nothing is called “{text}”: give a problem code (G1), a task number (12 or #12) or a uuid prefix."
                ),
            ),
            Error::AmbiguousRef(text) => s(
                format!("“{text}”对应不止一条记录，请输入更长的 uuid 前缀。"),
                format!("“{text}” matches more than one record; give a longer uuid prefix."),
            ),
            Error::ForbiddenMove { seq, from, to } => s(
                format!(
                    "任务 #{seq} 不能从“{}”改为“{}”。",
                    self.status(*from),
                    self.status(*to)
                ),
                format!(
                    "Task #{seq} cannot move from {} to {}.",
                    self.status(*from),
                    self.status(*to)
                ),
            ),
            Error::NotReopenable { seq, status } => s(
                format!(
                    "任务 #{seq} 当前为“{}”，只有已销号或待销号的任务才能重开或退回。",
                    self.status(*status)
                ),
                format!(
                    "Task #{seq} is {}; only closed or submitted tasks can be reopened or returned.",
                    self.status(*status)
                ),
            ),
            Error::WrongCommand { seq, to, command } => s(
                format!("进展不能把任务 #{seq} 改为“{}”；请用 zhenggai {command}。", self.status(*to)),
                format!("Progress cannot move task #{seq} to {}; use zhenggai {command}.", self.status(*to)),
            ),
            Error::AlreadyClosed(seq) => s(
                format!("任务 #{seq} 已经销号；如需重新整改，请用 zhenggai reopen。"),
                format!("Task #{seq} is already closed; use zhenggai reopen to rectify it again."),
            ),
            Error::NothingToClose(code) => s(
                format!("问题 {code} 没有未销号的任务。"),
                format!("Problem {code} has no task left to close."),
            ),
            Error::DuplicateCode(code) => s(
                format!("问题编号 {code} 已被使用，请换一个编号。"),
                format!("The problem code {code} is taken; choose another."),
            ),
            Error::CodeHasSpace(code) => s(
                format!("问题编号“{code}”含有空格，请去掉空格。"),
                format!("The problem code “{code}” contains a space; remove it."),
            ),
            Error::CodeLooksLikeNumber(code) => s(
                format!("问题编号“{code}”是纯数字，会与任务编号混淆；请加上字母，如 G7。"),
                format!(
                    "The problem code “{code}” is all digits and would be read as a task number; add a letter, e.g. G7."
                ),
            ),
            Error::DuplicateTask { problem, unit, seq } => s(
                format!("问题 {problem} 已有 {unit} 的任务 #{seq}；请修改该任务。"),
                format!(
                    "Problem {problem} already has task #{seq} for {unit}; edit that task instead."
                ),
            ),
            Error::DuplicateUnit(name) => s(
                format!("已有名为“{name}”的单位。"),
                format!("A unit named “{name}” exists."),
            ),
            Error::NoUnitsOfKind(kind) => s(
                format!("没有类型为“{}”的在用单位。", self.unit_kind(*kind)),
                format!("There is no active unit of kind {}.", self.unit_kind(*kind)),
            ),
            Error::UnitHasOpenTasks { unit, open } => s(
                format!("单位“{unit}”还有 {open} 项未销号任务，请先销号或改派后再停用。"),
                format!(
                    "The unit “{unit}” still has {open} tasks not closed; close or reassign them first."
                ),
            ),
            Error::Conflict(seq) => s(
                format!("任务 #{seq} 已被他人修改，未保存；请刷新后再改。"),
                format!(
                    "Task #{seq} was changed by someone else and nothing was saved; refresh and try again."
                ),
            ),
            Error::ProblemChanged(code) => s(
                format!("问题 {code} 已被他人修改，未保存；请刷新后再改。"),
                format!("Problem {code} was changed by someone else and nothing was saved; refresh and try again."),
            ),
            Error::FutureProgress(day) => s(
                format!("进展日期 {day} 晚于今天，请检查日期。"),
                format!("The progress date {day} is after today; check the date."),
            ),
            Error::NothingToUndo => s(
                "没有可以撤销的修改。".to_string(),
                "There is nothing to undo.".to_string(),
            ),
            Error::UndoConflict(what) => s(
                format!("{what} 在此之后又被修改过，未撤销。"),
                format!("{what} was changed again since; nothing was undone."),
            ),
            Error::NotATerminal => s(
                "终端界面需要在终端中运行；在脚本中请使用子命令（zhenggai --help）。".to_string(),
                "The terminal UI needs a terminal; from a script use the subcommands (zhenggai --help).".to_string(),
            ),
            Error::NothingToChange => s(
                "没有需要修改的内容。".to_string(),
                "Nothing to change.".to_string(),
            ),
            Error::LedgerExists(path) => s(
                format!("{path:?} 已存在，未做任何改动；请换一个路径。"),
                format!("{path:?} exists and was left untouched; choose another path."),
            ),
            Error::NoLedger(path) => s(
                format!("{path:?} 没有台账文件；新建请用 zhenggai --db {path:?} init。"),
                format!("There is no ledger at {path:?}; create one with zhenggai --db {path:?} init."),
            ),
            Error::NotALedger { path, why } => {
                let (zh_why, en_why) = match why {
                    NotLedger::Directory => ("这是一个文件夹", "it is a directory"),
                    NotLedger::Empty => ("这是一个空文件", "it is an empty file"),
                    NotLedger::NotSqlite => {
                        ("它不是 SQLite 数据库", "it is not an SQLite database")
                    }
                    NotLedger::OtherApplication => {
                        ("它是其他程序的数据库", "it is another program's database")
                    }
                };
                s(
                    format!(
                        "{path:?} 不是整改台账（{zh_why}），未做任何改动；请用 --db 指定台账文件。"
                    ),
                    format!(
                        "{path:?} is not a zhenggai ledger ({en_why}) and was left untouched; point --db at a ledger."
                    ),
                )
            }
            Error::NewerLedger { path, version } => s(
                format!(
                    "{path:?} 由更新版本的 zhenggai 创建（结构版本 {version}），请升级后再打开。"
                ),
                format!(
                    "{path:?} was made by a newer version of zhenggai (schema {version}); upgrade to open it."
                ),
            ),
            Error::ReadOnly(path) => s(
                format!("{path:?} 是只读文件，不能修改；可以查看，修改前请检查文件权限。"),
                format!(
                    "{path:?} is read-only: you can read it, but check the file's permissions before changing it."
                ),
            ),
            Error::ExportExists(path) => s(
                format!("{path:?} 已存在，未覆盖；要覆盖请加 --force，或用 -o 指定其他文件。"),
                format!("{path:?} exists and was not overwritten; add --force, or choose another file with -o."),
            ),
            Error::ExportFailed { path, reason } => s(
                format!("无法写入 {path:?}（{reason}），未写入任何内容；请检查路径和权限。"),
                format!("Cannot write {path:?} ({reason}); nothing was written. Check the path and permissions."),
            ),
            Error::ImportNotUtf8 { offset } => s(
                format!("文件在第 {offset} 字节处不是 UTF-8 文本，未导入。"),
                format!("The file is not UTF-8 text at byte {offset}; nothing was imported."),
            ),
            Error::ImportNotJson { line, column } => s(
                format!("文件不是有效的 JSON（第 {line} 行第 {column} 列），未导入。"),
                format!("The file is not valid JSON (line {line}, column {column}); nothing was imported."),
            ),
            Error::ImportNotOurs => s(
                "这不是 zhenggai 导出的台账文件（format 应为 zhenggai-ledger），未导入。".to_string(),
                "This is not a ledger document exported by zhenggai (format must be zhenggai-ledger); nothing was imported.".to_string(),
            ),
            Error::ImportNewer { version } => s(
                format!("这份台账文件由更新版本的 zhenggai 导出（版本 {version}），请升级后再导入。"),
                format!("This document was made by a newer version of zhenggai (version {version}); upgrade to import it."),
            ),
            Error::ImportBadField { path, problem } => {
                let (zh, en) = match problem {
                    FieldProblem::Invalid(what) => (format!("值不正确（{what}）"), format!("is not valid ({what})")),
                    FieldProblem::Text(TextProblem::Empty) => ("不能为空".to_string(), "must not be empty".to_string()),
                    FieldProblem::Text(TextProblem::TooLong { max }) => (format!("太长，最多 {max} 个字符"), format!("is too long, at most {max} characters")),
                    FieldProblem::Text(TextProblem::ControlCharacter) => ("含有不允许的控制字符".to_string(), "holds a control character that is not allowed".to_string()),
                    FieldProblem::Dangling(uuid) => (format!("指向文件中不存在的记录 {uuid}"), format!("points at {uuid}, which the document does not hold")),
                    FieldProblem::Duplicate(uuid) => (format!("重复的 uuid {uuid}"), format!("repeats the uuid {uuid}")),
                    FieldProblem::Missing => ("缺失（已销号的任务必须有销号时间和销号说明）".to_string(), "is missing (a closed task needs its closing time and note)".to_string()),
                    FieldProblem::NotClosed => ("只能出现在已销号的任务上".to_string(), "belongs to closed tasks only".to_string()),
                };
                s(
                    format!("导入文件的 {path} {zh}，未导入任何内容。"),
                    format!("In the document, {path} {en}; nothing was imported."),
                )
            }
            Error::CheckFailed(count) => s(
                format!("检查发现 {count} 处问题（见上）；请用备份恢复，或把这份清单交给维护人员。"),
                format!("The check found {count} problems (listed above); restore a backup, or hand the list to whoever maintains the ledger."),
            ),
            Error::Damaged(what) => s(
                format!("台账文件已损坏（{what}）；请用备份恢复。"),
                format!("The ledger is damaged ({what}); restore it from a backup."),
            ),
            Error::TaskWithoutOwner(seq) => s(
                format!("任务 #{seq} 所属的问题或责任单位不存在，台账文件被改动过；请运行 zhenggai check，并用备份恢复。"),
                format!("Task #{seq} names a problem or unit that is not there: the ledger file was changed outside zhenggai. Run zhenggai check and restore a backup."),
            ),
            Error::Sqlite(e) => s(
                format!("数据库出错：{e}。"),
                format!("Database error: {e}."),
            ),
            Error::Io(e) => s(format!("文件出错：{e}。"), format!("File error: {e}.")),
        }
    }
}

/// A completion rate as people read it: `33.3%`, or `—` when there is nothing to complete.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// Reads an enumeration from its key or from its name in any language (`submitted`, `待销号`).
pub fn parse_status(text: &str) -> Option<Status> {
    parse_named(text, Lang::status)
}

pub fn parse_category(text: &str) -> Option<Category> {
    parse_named(text, Lang::category)
}

pub fn parse_unit_kind(text: &str) -> Option<UnitKind> {
    parse_named(text, Lang::unit_kind)
}

pub fn parse_light(text: &str) -> Option<Light> {
    let text = text.trim();
    parse_named(text.strip_suffix('灯').unwrap_or(text), Lang::light)
}

fn parse_named<K: Key>(text: &str, name: fn(Lang, K) -> &'static str) -> Option<K> {
    let text = text.trim();
    let normal = text.to_ascii_lowercase().replace('-', "_");
    K::ALL.iter().copied().find(|value| {
        value.key() == normal
            || [Lang::Zh, Lang::En]
                .into_iter()
                .any(|lang| name(lang, *value).eq_ignore_ascii_case(text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_both_languages() {
        assert_eq!(parse_status("submitted"), Some(Status::Submitted));
        assert_eq!(parse_status("待销号"), Some(Status::Submitted));
        assert_eq!(parse_status("in-progress"), Some(Status::InProgress));
        assert_eq!(parse_status("In Progress"), Some(Status::InProgress));
        assert_eq!(parse_status("done"), None);
        assert_eq!(parse_category("薄弱环节"), Some(Category::Weak));
        assert_eq!(parse_unit_kind("县区"), Some(UnitKind::County));
        assert_eq!(parse_light("红灯"), Some(Light::Red));
        assert_eq!(parse_light("yellow"), Some(Light::Yellow));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
    }

    #[test]
    fn every_error_has_one_line_in_each_language() {
        use std::path::PathBuf;
        let path = || PathBuf::from("/tmp/x.db");
        let errors = vec![
            Error::BadDate("明天见".into()),
            Error::BadText {
                field: Field::Note,
                problem: TextProblem::Empty,
            },
            Error::BadText {
                field: Field::Title,
                problem: TextProblem::TooLong { max: 200 },
            },
            Error::BadText {
                field: Field::Measure,
                problem: TextProblem::ControlCharacter,
            },
            Error::BadValue {
                what: ValueKind::Status,
                text: "x".into(),
            },
            Error::BadValue {
                what: ValueKind::Category,
                text: "x".into(),
            },
            Error::BadValue {
                what: ValueKind::UnitKind,
                text: "x".into(),
            },
            Error::BadValue {
                what: ValueKind::Light,
                text: "x".into(),
            },
            Error::BadValue {
                what: ValueKind::Language,
                text: "x".into(),
            },
            Error::UnknownUnit("x".into()),
            Error::InactiveUnit("x".into()),
            Error::UnknownTask("#9".into()),
            Error::UnknownProblem("G9".into()),
            Error::UnknownRef("x".into()),
            Error::AmbiguousRef("x".into()),
            Error::ForbiddenMove {
                seq: 3,
                from: Status::Closed,
                to: Status::Submitted,
            },
            Error::NotReopenable {
                seq: 3,
                status: Status::NotStarted,
            },
            Error::WrongCommand {
                seq: 3,
                to: Status::Closed,
                command: "close",
            },
            Error::AlreadyClosed(3),
            Error::NothingToClose("G1".into()),
            Error::DuplicateCode("G1".into()),
            Error::CodeHasSpace("G 1".into()),
            Error::CodeLooksLikeNumber("12".into()),
            Error::DuplicateTask {
                problem: "G1".into(),
                unit: "u".into(),
                seq: 1,
            },
            Error::DuplicateUnit("u".into()),
            Error::NoUnitsOfKind(UnitKind::County),
            Error::UnitHasOpenTasks {
                unit: "u".into(),
                open: 2,
            },
            Error::Conflict(3),
            Error::ProblemChanged("G1".into()),
            Error::FutureProgress("2030-01-01".into()),
            Error::NothingToUndo,
            Error::UndoConflict("#3".into()),
            Error::NotATerminal,
            Error::NothingToChange,
            Error::LedgerExists(path()),
            Error::NoLedger(path()),
            Error::NotALedger {
                path: path(),
                why: NotLedger::Directory,
            },
            Error::NotALedger {
                path: path(),
                why: NotLedger::Empty,
            },
            Error::NotALedger {
                path: path(),
                why: NotLedger::NotSqlite,
            },
            Error::NotALedger {
                path: path(),
                why: NotLedger::OtherApplication,
            },
            Error::NewerLedger {
                path: path(),
                version: 9,
            },
            Error::ReadOnly(path()),
            Error::Damaged("x".into()),
            Error::TaskWithoutOwner(3),
            Error::CheckFailed(2),
            Error::Sqlite(rusqlite::Error::InvalidQuery),
            Error::Io(std::io::Error::other("x")),
        ];
        for error in &errors {
            let zh = Lang::Zh.error(error);
            let en = Lang::En.error(error);
            for text in [&zh, &en] {
                assert!(!text.trim().is_empty(), "{error:?}");
                assert!(!text.contains('\n'), "{error:?}: {text}");
            }
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert_ne!(zh, en, "{error:?}");
        }
        let error = Error::ForbiddenMove {
            seq: 3,
            from: Status::Closed,
            to: Status::Submitted,
        };
        assert_eq!(
            Lang::Zh.error(&error),
            "任务 #3 不能从“已销号”改为“待销号”。"
        );
        assert_eq!(
            Lang::En.error(&error),
            "Task #3 cannot move from closed to submitted."
        );
    }
}
