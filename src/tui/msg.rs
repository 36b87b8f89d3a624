//! What flows through the TUI: messages into `update` (input, and the worker's answers) and the
//! effects `update` asks the worker to carry out. Plain data: the worker owns the ledger, and
//! nothing here speaks to it.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::data::{Data, Detail, Searchable};
use super::latest::LatestTexts;
use crate::error::Error;
use crate::filter::Filter;
use crate::model::{Event, Status, Task};
use crate::report::Format;
use crate::store::{NewProblem, NewProgress, ProblemEdit, TaskEdit};

/// A record a row of the ledger shows: the key the selection is held by, never a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKey {
    Problem(i64),
    Task(i64),
}

/// Messages `update` understands.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted at once (a bracketed paste).
    Paste(String),
    /// Keys that came in faster than anyone types: a paste the terminal did not bracket, or
    /// keys held back by a slow connection. Text where a text is typed; else the keys, one by one.
    Burst(Vec<KeyEvent>),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Time passed (tenths of a second since the start): look for changes of other processes,
    /// and say for how long a save or an export has run.
    Tick(u64),
    /// The whole ledger, read (at the start, or when a change was too wide to take in piece
    /// by piece).
    Loaded(Box<Loaded>),
    /// Tasks read again after a change, with their search texts.
    Changed(Box<Changes>),
    /// The search index of a load, built on a thread of its own.
    SearchReady {
        generation: u64,
        index: Box<Searchable>,
    },
    /// The texts of the latest progress entries of a load, for wide screens.
    LatestReady {
        generation: u64,
        latest: Box<LatestTexts>,
    },
    Detail {
        key: RowKey,
        detail: Box<Detail>,
    },
    History(Vec<Event>),
    /// A write or an export finished.
    Done {
        id: u64,
        result: Result<Outcome, Error>,
    },
}

/// A load of the ledger.
#[derive(Debug)]
pub struct Loaded {
    pub generation: u64,
    /// The day the data shows the ledger as of.
    pub as_of: chrono::NaiveDate,
    pub data: Data,
    /// Another process changed the ledger (rather than this screen).
    pub from_elsewhere: bool,
    /// Only the first problems, for the first screen while the rest is read: the whole
    /// ledger follows in another `Loaded`.
    pub partial: bool,
}

/// Tasks changed since the screen last looked; each with its search text.
#[derive(Debug)]
pub struct Changes {
    pub tasks: Vec<(Task, String)>,
    pub from_elsewhere: bool,
}

/// What the worker is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the whole ledger.
    Load,
    /// Show the ledger as it stood at the end of this day: read it all again as of then.
    AsOf(chrono::NaiveDate),
    /// Look whether another process changed the ledger; take the changes in if so.
    CheckForChanges,
    /// Read the progress and history of a record.
    Detail(RowKey),
    /// Read the event log for the history view: of the period after this day, or all.
    History(Option<chrono::NaiveDate>),
    /// Write to the ledger; the answer is `Done` with the same id, then what changed.
    Write { id: u64, request: Request },
    /// Write a file; the answer is `Done`.
    Export { id: u64, request: ExportRequest },
}

/// One change to the ledger, as a form, an undo or a redo asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    AddProblem(NewProblem),
    EditProblem {
        original: Box<crate::model::Problem>,
        edit: ProblemEdit,
    },
    /// One task per unit (several units: 分解).
    AddTasks {
        problem: String,
        units: Vec<String>,
        measure: String,
        deadline: Option<chrono::NaiveDate>,
        person: String,
        support: Vec<String>,
    },
    EditTask {
        seq: i64,
        version: i64,
        edit: TaskEdit,
    },
    Progress {
        seq: i64,
        version: i64,
        entry: NewProgress,
    },
    /// 销号 of these tasks (one task from its form, or the open tasks a problem row shows: then
    /// `problem` is its code).
    Close {
        seqs: Vec<i64>,
        problem: Option<String>,
        /// The version the form was opened on, for a single task.
        version: Option<i64>,
        note: String,
        evidence: String,
        /// 销号日期.
        on: chrono::NaiveDate,
    },
    Reopen {
        seq: i64,
        version: i64,
        from: Status,
        reason: String,
        /// The date of the reopen or return.
        on: chrono::NaiveDate,
    },
    /// 延期 of a task's deadline.
    Extend {
        seq: i64,
        version: i64,
        extension: crate::store::Extension,
    },
    /// Undo the write of transaction `tx`, which `label` names.
    Undo {
        tx: String,
        label: String,
    },
}

/// A file to write: the meeting list or the whole ledger, of the tasks `filter` chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    pub format: Format,
    pub filter: Filter,
    pub path: PathBuf,
    pub force: bool,
}

/// What a write or an export did, in words, and what it lets the screen do next.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub message: String,
    /// The transaction, for undo; `label` names it ("#9 销号").
    pub tx: Option<String>,
    pub label: String,
    /// The record to select (a record just added).
    pub select: Option<RowKey>,
}
