//! The names of enumerations and the headers of tables and sheets.

use super::{Lang, percent};
use crate::model::{Category, Light, Status, UnitKind, UnitStats};
use crate::store::Check;

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
    pub fn unit_board_header(self) -> [&'static str; 13] {
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
            self.col_extended(),
            self.col_rate(),
            self.col_on_time_rate(),
        ]
    }

    /// One unit's line of the unit board, as text, in the order of `unit_board_header`.
    pub fn unit_board_row(self, line: &UnitStats) -> [String; 13] {
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
            t.extended.to_string(),
            percent(t.completion_rate()),
            percent(t.on_time_rate()),
        ]
    }

    /// The header of the unit summary.
    pub fn export_unit_columns(self) -> [&'static str; 13] {
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
                "延期",
                "完成率",
                "按期完成率",
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
                "Extended",
                "Done",
                "On time",
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
            Check::SchemaMissing => (
                "缺少本版本的表、索引或触发器",
                "missing table, index or trigger",
            ),
            Check::SchemaChanged => (
                "表、索引或触发器与本版本不符",
                "table, index or trigger not as this version makes it",
            ),
            Check::SchemaExtra => (
                "不属于台账的表、索引或触发器",
                "table, index or trigger that is not the ledger's",
            ),
            Check::LogAltered => (
                "操作日志被改动（哈希链断开）于事件",
                "event log altered (hash chain broken) at event",
            ),
            Check::LogGap => (
                "操作日志有缺失，缺在事件",
                "events missing from the log before event",
            ),
            Check::NotInLog => ("记录在操作日志中没有来历", "record the log never created"),
            Check::MissingFromLog => ("操作日志记载的记录已不存在", "record in the log is gone"),
            Check::DiffersFromLog => (
                "记录与操作日志最后记载的值不符",
                "record differs from what the log last gave it",
            ),
            Check::BadCode => (
                "问题编号不合规则（纯数字、含空格或大小写重复）",
                "problem code breaks the rules (digits only, a space, or a twin in another case)",
            ),
            Check::DateOutOfRange => ("日期超出 1900–2999 年", "date outside 1900–2999"),
            Check::LatestProgressOutOfStep => (
                "任务的最新进展（日期或内容）与进展记录不符",
                "task's latest progress (date or text) differs from its progress entries",
            ),
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
}
