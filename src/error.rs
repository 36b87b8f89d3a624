//! The library's one error type. Variants carry data, not sentences: `i18n` turns each into one
//! sentence in the UI language, and `is_request` decides the exit status (2 for a wrong request,
//! 1 for a failure of the system).

use std::path::PathBuf;

use crate::model::{Status, TextProblem, UnitKind};

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
    #[error("no ledger at {0}")]
    NoLedger(PathBuf),
    #[error("{path} is not a ledger: {why:?}")]
    NotALedger { path: PathBuf, why: NotLedger },
    #[error("{path} was made by a newer version (schema {version})")]
    NewerLedger { path: PathBuf, version: i64 },
    #[error("{0} is read-only")]
    ReadOnly(PathBuf),
    #[error("{0} exists; not overwritten")]
    ExportExists(PathBuf),
    #[error("cannot write {path}: {reason}")]
    ExportFailed { path: PathBuf, reason: String },
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
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
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
}

/// What is wrong with a field of an imported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// Not of its type or form; carries what the reader said or the value.
    Invalid(String),
    Text(TextProblem),
    /// Points at a uuid the document does not hold.
    Dangling(String),
    Duplicate(String),
    Missing,
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
}

/// Why a file is refused as a ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotLedger {
    Directory,
    Empty,
    NotSqlite,
    OtherApplication,
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
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
