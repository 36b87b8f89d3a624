//! The sentences of errors of files, ledgers and documents: what is wrong with a path, a
//! ledger file, a log beside it, an export or an imported document.

use super::Lang;
use crate::error::{Error, FieldProblem, FileCause, ForeignLog, NotLedger, SheetProblem};
use crate::model::{CodeProblem, TextProblem};

impl Lang {
    fn text_problem(self, problem: &TextProblem) -> (String, String) {
        match problem {
            TextProblem::Empty => ("不能为空".to_string(), "must not be empty".to_string()),
            TextProblem::TooLong { max } => (
                format!("太长，最多 {max} 个字符"),
                format!("is too long, at most {max} characters"),
            ),
            TextProblem::ControlCharacter => (
                "含有不允许的控制字符".to_string(),
                "holds a control character that is not allowed".to_string(),
            ),
        }
    }

    pub fn file_cause(self, cause: &FileCause) -> String {
        let zh = self == Lang::Zh;
        let (zh_text, en_text) = match cause {
            FileCause::NotFound => ("不存在".to_string(), "does not exist".to_string()),
            FileCause::PermissionDenied => {
                ("没有权限".to_string(), "permission denied".to_string())
            }
            FileCause::ReadOnlyFilesystem => (
                "所在磁盘是只读的".to_string(),
                "is on a read-only disk".to_string(),
            ),
            FileCause::NotADirectory => (
                "路径中有一段不是文件夹".to_string(),
                "a part of the path is not a folder".to_string(),
            ),
            FileCause::IsADirectory => ("这是一个文件夹".to_string(), "is a folder".to_string()),
            FileCause::AlreadyExists => ("已存在".to_string(), "exists already".to_string()),
            FileCause::NoSpace => ("磁盘已满".to_string(), "the disk is full".to_string()),
            FileCause::NotAFile => (
                "不是普通文件（可能是管道、设备或链接）".to_string(),
                "is not a plain file (a pipe, a device or a link)".to_string(),
            ),
            FileCause::IsTheLedger => (
                "是台账文件本身，不能被导出的文件覆盖".to_string(),
                "is the ledger itself, which no export may replace".to_string(),
            ),
            FileCause::TooLarge { max } => (
                format!("太大（最多 {} MiB）", max >> 20),
                format!("is too large (at most {} MiB)", max >> 20),
            ),
            FileCause::Other(what) => (
                format!("系统报告：{what}"),
                format!("the system says: {what}"),
            ),
        };
        if zh { zh_text } else { en_text }
    }

    /// The sentence of an error of files (`cli`: with the command line's advice).
    pub(super) fn file_sentence(self, error: &Error, cli: bool) -> String {
        let zh = self == Lang::Zh;
        let s = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        match error {
            Error::LedgerExists(path) => s(
                format!("{path:?} 已存在，未做任何改动；请换一个路径。"),
                format!("{path:?} exists and was left untouched; choose another path."),
            ),
            Error::EmptyLedgerPath => s(
                "--db 或 ZHENGGAI_DB 给出的台账路径是空的；请给出台账文件的路径，或不设置它以使用默认台账。".to_string(),
                "The ledger path given with --db or ZHENGGAI_DB is empty; give the ledger file's path, or leave it unset for the default ledger.".to_string(),
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
                    NotLedger::NotAFile => (
                        "它不是普通文件，而是管道、设备或类似的东西",
                        "it is not a plain file but a pipe, a device or the like",
                    ),
                    NotLedger::Unfinished => (
                        "它是一份没有建完的台账，可能是新建时被中断；可删除后重新 init",
                        "it is a ledger whose making was interrupted; remove it and init again",
                    ),
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
            Error::ExportExists(path) if !cli => s(
                format!("{path:?} 已存在，未覆盖；要覆盖请把“覆盖已有文件”选为“是”，或换一个文件名。"),
                format!("{path:?} exists and was not overwritten; set “Overwrite” to yes, or choose another name."),
            ),
            Error::ExportExists(path) => s(
                format!("{path:?} 已存在，未覆盖；要覆盖请加 --force，或用 -o 指定其他文件。"),
                format!("{path:?} exists and was not overwritten; add --force, or choose another file with -o."),
            ),
            Error::ExportFailed { path, reason } => s(
                format!("无法写入 {path:?}（{reason}），未写入任何内容；请检查路径和权限。"),
                format!("Cannot write {path:?} ({reason}); nothing was written. Check the path and permissions."),
            ),
            Error::Sheet(problem) => {
                let (zh_why, en_why) = match problem {
                    SheetProblem::TooManyRows => ("行数超过 Excel 的上限 1,048,576 行".to_string(), "more rows than Excel holds (1,048,576)".to_string()),
                    SheetProblem::TextTooLong => ("有文字超过单元格上限 32,767 个字符".to_string(), "a text is longer than a cell holds (32,767 characters)".to_string()),
                    SheetProblem::Other(what) => (format!("表格程序报告 {what}"), format!("the sheet writer says {what}")),
                };
                s(
                    format!("无法生成 Excel 表格：{zh_why}，未写入任何文件；可改导出 CSV，或用筛选缩小范围。"),
                    format!("The Excel sheet cannot be made: {en_why}. Nothing was written; export CSV instead, or narrow the filter."),
                )
            }
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
                    FieldProblem::Text(p) => self.text_problem(p),
                    FieldProblem::Dangling(uuid) => (format!("指向文件中不存在的记录 {uuid}"), format!("points at {uuid}, which the document does not hold")),
                    FieldProblem::Code(CodeProblem::Text(p)) => self.text_problem(p),
                    FieldProblem::Code(CodeProblem::Space) => ("含有空格".to_string(), "holds a space".to_string()),
                    FieldProblem::Code(CodeProblem::LooksLikeNumber) => ("会被当作任务编号（纯数字或以 # 开头）".to_string(), "would be read as a task number (digits, or a leading #)".to_string()),
                    FieldProblem::Duplicate(value) => (format!("与前面的记录重复（{value}）"), format!("repeats an earlier record ({value})")),
                    FieldProblem::DuplicateKey => ("在同一对象中出现了两次".to_string(), "appears twice in one object".to_string()),
                    FieldProblem::MissingDate => ("缺少此日期（第 2 版文档必须有）".to_string(), "is missing (a version 2 document must have it)".to_string()),
                    FieldProblem::NotAUuid(value) => (format!("不是 uuid（{value}）"), format!("is not a uuid ({value})")),
                    FieldProblem::DateOutOfRange(day) => (format!("日期 {day} 超出 1900–2999 年"), format!("has the date {day}, outside 1900–2999")),
                    FieldProblem::FutureDate(day) => (format!("日期 {day} 晚于今天"), format!("has the date {day}, after today")),
                    FieldProblem::OutOfRange { value, min, max } => (format!("数值 {value} 超出 {min}–{max}"), format!("holds {value}, outside {min}–{max}")),
                    FieldProblem::Missing => ("缺失（已销号的任务必须有销号时间和销号说明）".to_string(), "is missing (a closed task needs its closing time and note)".to_string()),
                    FieldProblem::PartOfExtension => ("缺失（延期的任务须有原定时限、延期前时限、批准延期日期、延期原因，以及整改时限）".to_string(), "is missing (an extended task has its original deadline, the deadline it moved, the day and reason of the extension, and a deadline)".to_string()),
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
            Error::ForeignLog { ledger, log, why } => {
                let (zh_why, en_why) = match why {
                    ForeignLog::NotALog => ("它不是 SQLite 的预写日志", "it is not an SQLite write-ahead log"),
                    ForeignLog::PageSize => ("它的页大小与台账不同", "its page size differs from the ledger's"),
                    ForeignLog::DoesNotFit => ("把它并入台账的副本后，副本不再是完整的台账", "merged into a copy of the ledger, it leaves no sound ledger"),
                };
                s(
                    format!("台账 {ledger:?} 旁边的 {log:?} 不属于这份台账（{zh_why}），两个文件都未改动。把它移走后可打开台账最后保存的状态，或用备份恢复。"),
                    format!("{log:?} beside the ledger {ledger:?} does not belong to it ({en_why}); neither file was changed. Move it away to open the ledger as last saved, or restore a backup."),
                )
            }
            Error::File { path, cause } => {
                let cause = self.file_cause(cause);
                s(
                    format!("无法使用 {path:?}：{cause}。"),
                    format!("Cannot use {path:?}: it {cause}."),
                )
            }
            Error::NotAFolder(path) => s(
                format!("{path:?} 是一个文件，不是文件夹，无法在其中新建文件；请换一个路径。"),
                format!("{path:?} is a file, not a folder, so nothing can be made inside it; choose another path."),
            ),
            Error::Io(e) => {
                let cause = self.file_cause(&FileCause::of(e));
                s(format!("文件出错：{cause}。"), format!("File error: {cause}."))
            }
            // every other error has its sentence in `errors`
            _ => String::new(),
        }
    }
}
