//! One sentence (two at most) for every error: what was wrong and what to do.

use super::Lang;
use crate::error::{Error, Field, ValueKind};
use crate::model::{Category, Key, Light, Status, TextProblem, UnitKind};

/// Which front end shows a message: its advice names what to type or what to press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    Cli,
    Tui,
}

impl Lang {
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
            (Lang::Zh, Field::Issuer) => "反馈单位",
            (Lang::Zh, Field::RoundNote) => "备注",
            (Lang::Zh, Field::Period) => "期次",
            (Lang::En, Field::Code) => "problem code",
            (Lang::En, Field::Title) => "title",
            (Lang::En, Field::Description) => "description",
            (Lang::En, Field::Measure) => "measure",
            (Lang::En, Field::Person) => "person",
            (Lang::En, Field::UnitName) => "unit name",
            (Lang::En, Field::Note) => "closing note",
            (Lang::En, Field::Reason) => "reason",
            (Lang::En, Field::Issuer) => "issuer",
            (Lang::En, Field::RoundNote) => "note",
            (Lang::En, Field::Period) => "period",
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
            ValueKind::Limit => "1, 2, 3 …".to_string(),
            ValueKind::Paper => "a4 / a3".to_string(),
            ValueKind::Columns => "folded / all".to_string(),
            ValueKind::Document => "docx / md".to_string(),
        }
    }

    /// One sentence (two at most) that says what was wrong and what to do, with the advice of
    /// the command line.
    pub fn error(self, error: &Error) -> String {
        self.error_in(error, Front::Cli)
    }

    /// The sentence for `error` with advice for the front end that shows it: a key of the
    /// screen rather than a command to type. Whatever a value of the user's brings (a name, a
    /// code, a line of an imported file), no control character of it reaches the terminal.
    pub fn error_in(self, error: &Error, front: Front) -> String {
        crate::text::clean_line(&self.sentence(error, front))
    }

    fn sentence(self, error: &Error, front: Front) -> String {
        let zh = self == Lang::Zh;
        let s = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        let cli = front == Front::Cli;
        match error {
            Error::BadDate(text) => s(
                format!(
                    "无法识别的日期“{text}”。请使用 2019-12-31、2019/12/31、2019.12.31、20191231、2019年12月31日、今天（today）或 +7d 这样的写法。"
                ),
                format!(
                    "“{text}” is not a date. Use a form such as 2019-12-31, 2019/12/31, 2019.12.31, 20191231, 2019年12月31日, today or +7d."
                ),
            ),
            Error::BadDeadline(text) => s(
                format!(
                    "无法识别的整改时限“{text}”。请写一个日期（如 2019-12-31、2019年12月31日），或写“长期坚持”。"
                ),
                format!(
                    "“{text}” is not a deadline. Give a date (such as 2019-12-31) or “ongoing” (长期坚持)."
                ),
            ),
            Error::Extension { seq, problem } => self.extension_refused(*seq, problem, cli),
            Error::Round(problem) => self.round_refused(problem),
            Error::SheetIn(problem) => self.sheet_refused(problem),
            Error::Packet(problem) => self.packet_refused(problem),
            Error::AmbiguousProblem { code, rounds } => self.ambiguous_problem(code, rounds),
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
            Error::BadValue { what: ValueKind::Limit, text } => s(
                format!("“{text}”不是有效的条数，请给一个至少为 1 的整数。"),
                format!("“{text}” is not a number of entries; give a whole number of 1 or more."),
            ),
            Error::BadValue { what, text } => {
                let accepted = self.accepted_values(*what);
                s(
                    format!("无法识别“{text}”，可用的值：{accepted}。"),
                    format!("“{text}” is not understood; use one of: {accepted}."),
                )
            }
            Error::DueBeforeToday => s(
                "要求报送的日期早于今天；请给今天或以后的日期（--due）。".to_string(),
                "The day to report by is before today; give today or a later day (--due).".to_string(),
            ),
            Error::UnknownUnit(name) if cli => s(
                format!("没有名为“{name}”的单位；用 zhenggai unit list 查看单位。"),
                format!("There is no unit named “{name}”; see zhenggai unit list."),
            ),
            Error::UnknownUnit(name) => s(
                format!("没有名为“{name}”的单位；按 2 查看单位。"),
                format!("There is no unit named “{name}”; press 2 to see the units."),
            ),
            Error::InactiveUnit(name) if !cli => s(
                format!("单位“{name}”已停用，不能再承担任务。"),
                format!("The unit “{name}” is deactivated and cannot take tasks."),
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
            Error::WrongCommand { seq, to, command } if cli => s(
                format!("进展不能把任务 #{seq} 改为“{}”；请用 zhenggai {command}。", self.status(*to)),
                format!("Progress cannot move task #{seq} to {}; use zhenggai {command}.", self.status(*to)),
            ),
            Error::WrongCommand { seq, to, command } => {
                let key = if *command == "close" { "c" } else { "r" };
                s(
                    format!("进展不能把任务 #{seq} 改为“{}”；请关闭本表后按 {key}。", self.status(*to)),
                    format!("Progress cannot move task #{seq} to {}; close this form and press {key}.", self.status(*to)),
                )
            }
            Error::AlreadyClosed(seq) if !cli => s(
                format!("任务 #{seq} 已经销号；如需重新整改，请按 r 重开。"),
                format!("Task #{seq} is already closed; press r to rectify it again."),
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
                format!(
                    "问题 {problem} 已有 {unit} 的同一项整改措施（任务 #{seq}）；请修改该任务，或写另一项措施。"
                ),
                format!(
                    "Problem {problem} already has this measure for {unit} (task #{seq}); edit that task, or give another measure."
                ),
            ),
            Error::Internal(what) => s(
                format!("程序内部出错（{what}），这一步未完成；台账未受影响，请把这句话告诉维护人员。"),
                format!("An internal error ({what}) stopped this step; the ledger is as it was. Please tell whoever maintains zhenggai."),
            ),
            Error::NoUnitChosen => s(
                "请至少选择一个责任单位（在责任单位一栏按空格选中）。".to_string(),
                "Choose at least one responsible unit (Space picks one in the units field).".to_string(),
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
            Error::FutureDate { date, today } => s(
                format!("日期 {date} 晚于今天（{today}），请检查日期。"),
                format!("The date {date} is after today ({today}); check the date."),
            ),
            Error::BeforeLastChange { seq, date, last } => s(
                format!(
                    "#{seq} 最近一次变动在 {last}，日期 {date} 不能早于它；请检查日期，或用 --today 指定当天。"
                ),
                format!(
                    "#{seq} last changed on {last}; the date {date} cannot be earlier. Check the date, or give the day with --today."
                ),
            ),
            Error::BeforeAssigned {
                seq,
                date,
                assigned,
            } => s(
                format!("#{seq} 于 {assigned} 交办，日期 {date} 不能早于交办日期。"),
                format!("#{seq} was assigned on {assigned}; the date {date} cannot be earlier."),
            ),
            Error::NotYetAssigned {
                seq,
                assigned,
                as_of,
            } => s(
                format!("#{seq} 于 {assigned} 交办，截至 {as_of} 还没有这项任务。"),
                format!("#{seq} was assigned on {assigned}; as of {as_of} it did not exist yet."),
            ),
            Error::UnknownSetting(text) => self.unknown_setting(text),
            Error::BadSetting {
                key,
                value,
                problem,
            } => self.bad_setting(*key, value, *problem),
            Error::SinceNeedsSheet(format) => s(
                format!("--since 只用于 xlsx 和 md 格式，{format} 格式没有本期变化；请改用 xlsx 或 md，或用 zhenggai changes。"),
                format!("--since is for xlsx and md; a {format} export has no changes section. Use xlsx or md, or zhenggai changes."),
            ),
            Error::BadPeriod { since, until } => s(
                format!("起始日期 {since} 晚于截止日期 {until}，请调换或改正。"),
                format!("The period starts on {since}, after its end {until}; swap or correct them."),
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
            Error::LedgerExists(_)
            | Error::EmptyLedgerPath
            | Error::NoLedger(_)
            | Error::NotALedger { .. }
            | Error::NewerLedger { .. }
            | Error::ReadOnly(_)
            | Error::ExportExists(_)
            | Error::ExportFailed { .. }
            | Error::Sheet(_)
            | Error::ImportNotUtf8 { .. }
            | Error::ImportNotJson { .. }
            | Error::ImportNotOurs
            | Error::ImportNewer { .. }
            | Error::ImportBadField { .. }
            | Error::CheckFailed(_)
            | Error::Damaged(_)
            | Error::TaskWithoutOwner(_)
            | Error::Sqlite(_)
            | Error::ForeignLog { .. }
            | Error::File { .. }
            | Error::NotAFolder(_)
            | Error::Io(_) => self.file_sentence(error, cli),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{FileCause, ForeignLog, NotLedger, SheetProblem};

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
            Error::FutureDate {
                date: "2030-01-01".into(),
                today: "2019-12-26".into(),
            },
            Error::BeforeLastChange {
                seq: 3,
                date: "2019-12-01".into(),
                last: "2019-12-20".into(),
            },
            Error::BeforeAssigned {
                seq: 3,
                date: "2019-12-01".into(),
                assigned: "2019-12-03".into(),
            },
            Error::NotYetAssigned {
                seq: 3,
                assigned: "2019-12-20".into(),
                as_of: "2019-12-14".into(),
            },
            Error::SinceNeedsSheet("csv"),
            Error::UnknownSetting("colour".into()),
            Error::BadSetting {
                key: crate::model::SettingKey::WarnDays,
                value: "-1".into(),
                problem: crate::model::SettingProblem::NotDays,
            },
            Error::BadPeriod {
                since: "2020-01-05".into(),
                until: "2019-12-26".into(),
            },
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
            Error::NoUnitChosen,
            Error::EmptyLedgerPath,
            Error::NotALedger {
                path: path(),
                why: NotLedger::NotAFile,
            },
            Error::NotALedger {
                path: path(),
                why: NotLedger::Unfinished,
            },
            Error::ForeignLog {
                ledger: path(),
                log: path(),
                why: ForeignLog::DoesNotFit,
            },
            Error::File {
                path: path(),
                cause: FileCause::TooLarge { max: 256 << 20 },
            },
            Error::NotAFolder(path()),
            Error::Sheet(SheetProblem::TooManyRows),
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
