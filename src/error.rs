//! The library's one error type. Variants carry data, not sentences: `i18n` turns each into one
//! sentence in the UI language, and `is_request` decides the exit status (2 for a wrong request,
//! 1 for a failure of the system).

use std::path::PathBuf;

use crate::model::{CodeProblem, Status, TextProblem, UnitKind};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not a date: {0}")]
    BadDate(String),
    #[error("bad text in {field:?}: {problem:?}")]
    BadText { field: Field, problem: TextProblem },
    #[error("not a valid {what:?}: {text}")]
    BadValue { what: ValueKind, text: String },
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    #[error("the day to report by is before today")]
    DueBeforeToday,
    #[error("inactive unit {0}")]
    InactiveUnit(String),
    #[error("unknown task {0}")]
    UnknownTask(String),
    #[error("unknown problem {0}")]
    UnknownProblem(String),
    #[error("unknown reference {0}")]
    UnknownRef(String),
    #[error("ambiguous reference {0}")]
    AmbiguousRef(String),
    #[error("task #{seq} cannot move from {from:?} to {to:?}")]
    ForbiddenMove { seq: i64, from: Status, to: Status },
    #[error("task #{seq} is {status:?}; only closed or submitted tasks can be reopened")]
    NotReopenable { seq: i64, status: Status },
    #[error("task #{seq} moves to {to:?} only through `zhenggai {command}`")]
    WrongCommand {
        seq: i64,
        to: Status,
        command: &'static str,
    },
    #[error("task #{0} is already closed")]
    AlreadyClosed(i64),
    #[error("problem {0} has no open task")]
    NothingToClose(String),
    #[error("problem code {0} exists")]
    DuplicateCode(String),
    #[error("problem code {0} has a space")]
    CodeHasSpace(String),
    #[error("problem code {0} looks like a task number")]
    CodeLooksLikeNumber(String),
    #[error("problem {problem} already has task #{seq} for {unit}")]
    DuplicateTask {
        problem: String,
        unit: String,
        seq: i64,
    },
    #[error("no unit chosen")]
    NoUnitChosen,
    #[error("unit {0} exists")]
    DuplicateUnit(String),
    #[error("no active unit of kind {0:?}")]
    NoUnitsOfKind(UnitKind),
    #[error("unit {unit} still has {open} open tasks")]
    UnitHasOpenTasks { unit: String, open: u32 },
    #[error("task #{0} was changed by someone else")]
    Conflict(i64),
    #[error("problem {0} was changed by someone else")]
    ProblemChanged(String),
    #[error("progress date {0} is after today")]
    FutureProgress(String),
    #[error("date {date} is after today ({today})")]
    FutureDate { date: String, today: String },
    #[error("date {date} of task #{seq} is before its last change on {last}")]
    BeforeLastChange {
        seq: i64,
        date: String,
        last: String,
    },
    #[error("date {date} of task #{seq} is before it was assigned on {assigned}")]
    BeforeAssigned {
        seq: i64,
        date: String,
        assigned: String,
    },
    #[error("task #{seq} was assigned on {assigned}, after {as_of}")]
    NotYetAssigned {
        seq: i64,
        assigned: String,
        as_of: String,
    },
    #[error("inspection round: {0:?}")]
    Round(RoundProblem),
    #[error("problem code {code} is in several rounds")]
    AmbiguousProblem {
        code: String,
        rounds: Vec<RoundName>,
    },
    #[error("not a deadline: {0}")]
    BadDeadline(String),
    #[error("task #{seq} cannot be extended: {problem:?}")]
    Extension { seq: i64, problem: ExtensionProblem },
    #[error("no setting {0}")]
    UnknownSetting(String),
    #[error("{key:?} cannot be {value}: {problem:?}")]
    BadSetting {
        key: crate::model::SettingKey,
        value: String,
        problem: crate::model::SettingProblem,
    },
    #[error("--since is for xlsx and md, not {0}")]
    SinceNeedsSheet(&'static str),
    #[error("the period starts {since}, after its end {until}")]
    BadPeriod { since: String, until: String },
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("{0} changed since; not undone")]
    UndoConflict(String),
    #[error("not a terminal")]
    NotATerminal,
    #[error("nothing to change")]
    NothingToChange,
    #[error("{0} exists")]
    LedgerExists(PathBuf),
    #[error("the ledger path is empty")]
    EmptyLedgerPath,
    #[error("no ledger at {0}")]
    NoLedger(PathBuf),
    #[error("{path} is not a ledger: {why:?}")]
    NotALedger { path: PathBuf, why: NotLedger },
    #[error("{log} does not belong to {ledger}: {why:?}")]
    ForeignLog {
        ledger: PathBuf,
        log: PathBuf,
        why: ForeignLog,
    },
    #[error("{path} was made by a newer version (schema {version})")]
    NewerLedger { path: PathBuf, version: i64 },
    #[error("{0} is read-only")]
    ReadOnly(PathBuf),
    #[error("{0} exists; not overwritten")]
    ExportExists(PathBuf),
    #[error("cannot write {path}: {reason}")]
    ExportFailed { path: PathBuf, reason: String },
    #[error("the sheet cannot be made: {0:?}")]
    Sheet(SheetProblem),
    #[error("the sheet cannot be imported: {0:?}")]
    SheetIn(SheetInProblem),
    #[error("packet: {0:?}")]
    Packet(PacketProblem),
    #[error("not UTF-8 at byte {offset}")]
    ImportNotUtf8 { offset: usize },
    #[error("not JSON at line {line}, column {column}")]
    ImportNotJson { line: usize, column: usize },
    #[error("not a zhenggai ledger document")]
    ImportNotOurs,
    #[error("a document of version {version}, newer than this zhenggai")]
    ImportNewer { version: u64 },
    #[error("{path}: {problem:?}")]
    ImportBadField { path: String, problem: FieldProblem },
    #[error("check found {0} problems")]
    CheckFailed(usize),
    #[error("the ledger is damaged: {0}")]
    Damaged(String),
    /// A task names a problem or unit that is not there: the file was edited behind our back
    /// (the foreign keys forbid it).
    #[error("task #{0} names a problem or unit that is not there")]
    TaskWithoutOwner(i64),
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    /// A fault of the program itself (a panic of the worker, caught).
    #[error("internal error: {0}")]
    Internal(String),
    /// An operation on a file the user named (or that sits beside one) failed.
    #[error("{path}: {cause:?}")]
    File { path: PathBuf, cause: FileCause },
    /// A folder on the way to a path is a file.
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

/// A round as messages name it: its number in `inspection list`, title and feedback date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundName {
    pub number: usize,
    pub title: String,
    pub date: String,
}

/// What is wrong with a reference to an inspection round, or with a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundProblem {
    /// No round is named so (by number, title or uuid prefix).
    Unknown(String),
    /// Several rounds are.
    Ambiguous {
        text: String,
        rounds: Vec<RoundName>,
    },
    /// A round of this title and feedback date exists already.
    Duplicate(RoundName),
}

/// Why a deadline cannot be extended (延期).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtensionProblem {
    /// Closed (销号): nothing is left to do by any deadline.
    Closed,
    /// A measure kept up without end (长期坚持) has no deadline to move.
    NoDeadline,
    /// The new deadline is not later than the one in force.
    NotLater { deadline: String, to: String },
    /// A correction (`task edit --deadline`) of an extended task to a day no later than the
    /// deadline the extension moved, or to none: it would undo the extension unlogged.
    CorrectedBelow { from: String },
}

/// Why an office's Excel 台账 cannot be imported (`import-sheet`); nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetInProblem {
    /// Not an Excel workbook (xlsx or xls) that can be read: another kind of file, or damaged.
    NotAWorkbook,
    /// `--sheet` names none of the workbook's sheets.
    NoSuchSheet { name: String, sheets: Vec<String> },
    /// No row of the sheet(s) reads as a header of a 台账 (问题, 整改措施, 责任单位, 整改时限).
    NoHeader { sheets: Vec<String> },
    /// The header lacks columns an import needs, by the names offices use.
    MissingColumns { sheet: String, columns: Vec<String> },
    /// A header, but no row below it.
    NoRows { sheet: String },
    /// Cells that cannot be read, each by row and column: the import takes none of the sheet.
    Rows(Vec<RowProblem>),
    /// Units the ledger does not have (`--create-units` makes them).
    UnknownUnits(Vec<String>),
}

/// Why packets (报送表) cannot be made, or a file cannot be collected as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PacketProblem {
    /// No unit chosen has an open task to report on.
    NothingToSend,
    /// An Excel file, but not a packet (no packet id in it).
    NotAPacket,
    /// A packet of another ledger (its id is not one this ledger made).
    OtherLedger,
    /// Two packets of one run would have one file name.
    SameFile(String),
    /// `collect` could not take some files, or some rows of them (each was reported).
    Incomplete { files: usize, rows: usize },
}

/// A cell of an imported sheet that cannot be read: its row (1-based) and column (`I`), the
/// header of the column, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: u32,
    pub column: String,
    pub header: String,
    pub what: CellProblem,
}

/// Why a cell of an imported sheet cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellProblem {
    /// Required and empty.
    Empty,
    /// Not a deadline in any form offices write.
    BadDeadline(String),
    /// Not a date.
    BadDate(String),
    /// A date after today (progress, a close).
    FutureDate(String),
    /// Before the task is assigned (the round's feedback date).
    BeforeAssigned {
        date: String,
        assigned: String,
    },
    /// A status the ledger does not know.
    BadStatus(String),
    /// A category the ledger does not know (共性问题, 薄弱环节, 其他).
    BadCategory(String),
    /// The only filled cell of its row, in a column of the table: part of the row above?
    Alone,
    /// A locked cell of a packet that is not what was sent.
    Changed {
        sent: String,
    },
    /// A row the unit added to a packet (no task of the packet is behind it).
    Added,
    /// A task the packet did not list.
    NotSent,
    /// 已销号 asked for: only the office closes (销号).
    OnlyOfficeCloses,
    /// A task's row a second time in one file.
    Repeated,
    /// No 进展日期, and the 填报日期 it would take is not a date.
    NoDate,
    /// The task has passed to another unit (named) since the packet was made.
    NoLongerTheirs(String),
    BadCode(String, CodeProblem),
    BadText(TextProblem),
}

/// Why the Excel sheet could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
    /// More rows than a sheet holds (1,048,576).
    TooManyRows,
    /// A text longer than a cell holds (32,767 characters).
    TextTooLong,
    Other(String),
}

/// What the system said when a file could not be used, in words `i18n` can translate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCause {
    NotFound,
    PermissionDenied,
    ReadOnlyFilesystem,
    /// A folder on the way is a file.
    NotADirectory,
    IsADirectory,
    AlreadyExists,
    NoSpace,
    /// Not a plain file (a pipe, a device, a link where none may be).
    NotAFile,
    /// Larger than what is read (`max` bytes).
    TooLarge {
        max: u64,
    },
    /// The ledger itself (or its log or index), which an export must not replace.
    IsTheLedger,
    /// Anything else, by the system's name for it.
    Other(String),
}

impl FileCause {
    pub fn of(error: &std::io::Error) -> FileCause {
        use std::io::ErrorKind as K;
        match (error.kind(), error.raw_os_error()) {
            (K::NotFound, _) => FileCause::NotFound,
            (K::PermissionDenied, _) => FileCause::PermissionDenied,
            (K::ReadOnlyFilesystem, _) | (_, Some(30)) => FileCause::ReadOnlyFilesystem,
            (K::NotADirectory, _) | (_, Some(20)) => FileCause::NotADirectory,
            (K::IsADirectory, _) | (_, Some(21)) => FileCause::IsADirectory,
            (K::AlreadyExists, _) => FileCause::AlreadyExists,
            (K::StorageFull, _) | (_, Some(28)) => FileCause::NoSpace,
            (kind, _) => FileCause::Other(format!("{kind}")),
        }
    }
}

/// A text field a person fills in; named in messages about bad text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Code,
    Title,
    Description,
    Measure,
    Person,
    UnitName,
    Note,
    Reason,
    ProgressText,
    Evidence,
    Actor,
    /// The issuing body of an inspection round (省督查组).
    Issuer,
    /// The note of an inspection round.
    RoundNote,
    /// The period (期次) of a packet.
    Period,
}

/// What is wrong with a field of an imported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// Not of its type or form; carries what the reader said or the value.
    Invalid(String),
    Text(TextProblem),
    Code(CodeProblem),
    /// Points at a uuid the document does not hold.
    Dangling(String),
    /// The value repeats what an earlier record of its kind has (a uuid, a name, a number).
    Duplicate(String),
    /// The key appears twice in one object.
    DuplicateKey,
    /// A date this version of the document must have is not there.
    MissingDate,
    NotAUuid(String),
    /// A date outside the years a ledger keeps.
    DateOutOfRange(String),
    /// A progress date after today.
    FutureDate(String),
    OutOfRange {
        value: i64,
        min: i64,
        max: i64,
    },
    Missing,
    /// A part of an extension (原定时限, 延期前时限, 批准日期, 原因) without the others.
    PartOfExtension,
    /// Set on a task that is not closed.
    NotClosed,
}

/// A kind of enumerated value a person types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Status,
    Category,
    UnitKind,
    Light,
    Language,
    Format,
    /// A number of entries to show (`history --limit`).
    Limit,
    /// The paper of the xlsx (`--paper`).
    Paper,
    /// The columns of the xlsx (`--columns`).
    Columns,
    /// The format of a notice or the report (`--format docx|md`).
    Document,
}

/// Why a file is refused as a ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotLedger {
    Directory,
    Empty,
    NotSqlite,
    OtherApplication,
    /// A pipe, a device or anything but a plain file.
    NotAFile,
    /// Our application id, but no schema: a ledger whose making was interrupted.
    Unfinished,
}

/// Why a write-ahead log beside a ledger is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignLog {
    /// Its bytes are not a write-ahead log.
    NotALog,
    /// Its pages are of another size than the ledger's.
    PageSize,
    /// Replayed into a copy of the ledger, it does not give a sound ledger.
    DoesNotFit,
}

impl From<rusqlite::Error> for Error {
    /// SQLite's word for a damaged file becomes ours, so that the user is told to restore.
    fn from(error: rusqlite::Error) -> Error {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Error::Damaged(error.to_string())
            }
            _ => Error::Sqlite(error),
        }
    }
}

impl Error {
    /// An error of the file at `path`.
    pub fn file(path: &std::path::Path, error: std::io::Error) -> Error {
        Error::File {
            path: path.to_path_buf(),
            cause: FileCause::of(&error),
        }
    }

    /// True when the request was wrong and nothing changed (exit status 2); false when the system
    /// failed (exit status 1).
    pub fn is_request(&self) -> bool {
        !matches!(
            self,
            Error::Damaged(_)
                | Error::TaskWithoutOwner(_)
                | Error::Sqlite(_)
                | Error::Io(_)
                | Error::ReadOnly(_)
                | Error::CheckFailed(_)
                | Error::ForeignLog { .. }
                | Error::Internal(_)
                | Error::Packet(PacketProblem::Incomplete { .. })
        ) && !matches!(
            self,
            Error::File {
                cause: FileCause::PermissionDenied
                    | FileCause::ReadOnlyFilesystem
                    | FileCause::NoSpace
                    | FileCause::Other(_),
                ..
            }
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
