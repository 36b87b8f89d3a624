//! The rectification list (整改台账) for meetings: the rows and the unit summary are built once
//! here, from the tasks a filter chose; one writer per format turns them into a file.

mod changes;
mod csv;
mod document;
mod docx;
pub mod draft;
mod export;
mod files;
pub mod json;
mod markdown;
pub mod notice;
pub mod packet;
pub mod pretty;
pub mod sheet_in;
mod streamed;
mod strict_json;
mod xlsx;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, FileCause, Result};
use crate::filter::Filter;
use crate::i18n::{Lang, percent};
use crate::model::{
    Category, Clock, LatestProgress, Light, Problem, Stats, Status, Tally, Task, TaskFacts, Unit,
    UnitStats, by_problem,
};
use crate::store::Store;

pub use export::{export, write_export};
pub use files::{MAX_DOCUMENT, Staged, read_document, stage, stage_with, write_file};

/// The formats of the meeting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Xlsx,
    Csv,
    Markdown,
}

/// What `export` writes: the meeting list in one of its formats, or the whole ledger as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Sheet(Sheet),
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Sheet(Sheet::Xlsx),
        Format::Sheet(Sheet::Csv),
        Format::Sheet(Sheet::Markdown),
        Format::Json,
    ];

    pub fn parse(text: &str) -> Option<Format> {
        let text = text.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == text || (text == "markdown" && f.extension() == "md"))
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Sheet(Sheet::Xlsx) => "xlsx",
            Format::Sheet(Sheet::Csv) => "csv",
            Format::Sheet(Sheet::Markdown) => "md",
            Format::Json => "json",
        }
    }
}

/// The paper the sheet is printed on (landscape).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

/// The columns of the printed sheet: `Folded` puts what can share a cell together (the code
/// and category with the problem, 配合单位 under 责任单位, the close under 状态) so that A4 prints
/// at full size; `All` gives every column apart (for A3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Columns {
    #[default]
    Folded,
    All,
}

/// How the xlsx is laid out for print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub paper: Paper,
    pub columns: Columns,
    /// The 附件 mark at the top left (`附件1`), the 公文 habit.
    pub attachment: Option<String>,
    /// Every progress entry (of the period, with `--since`) instead of the latest.
    pub all_progress: bool,
}

impl Paper {
    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "a3" => Some(Paper::A3),
            _ => None,
        }
    }
}

impl Columns {
    pub fn parse(text: &str) -> Option<Columns> {
        match text.trim().to_ascii_lowercase().as_str() {
            "folded" | "合并" => Some(Columns::Folded),
            "all" | "全部" => Some(Columns::All),
            _ => None,
        }
    }
}

/// How a row is marked for the meeting: overdue (red) or due soon (yellow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Overdue,
    DueSoon,
}

/// One line of the list: a task with what the meeting reads about it and its problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 序号, from 1 over all rows.
    pub number: usize,
    /// Rows of one problem follow each other; the first of them has `first_of_problem`, and
    /// `problem_rows` says how many there are (for merged cells).
    pub first_of_problem: bool,
    pub problem_rows: usize,
    pub problem_code: String,
    pub category: Category,
    pub problem_title: String,
    /// 牵头单位 of the problem (empty when it has none).
    pub lead_unit: String,
    pub measure: String,
    pub unit: String,
    pub support_units: String,
    pub person: String,
    /// The deadline in force; none for a measure kept up without end (长期坚持).
    pub deadline: Option<NaiveDate>,
    /// Whether an extension moved it (the sheet then says from what: `deadline_text`).
    pub extended: bool,
    /// The deadline as text: `2019-12-31`, `长期坚持`, `2019-12-31 → 2020-01-15（延期）`.
    pub deadline_text: String,
    /// The latest progress with its date: `2019-12-20 已开展检查12次`.
    pub progress: String,
    /// The entries the sheet prints: the latest, or every one of the period.
    pub entries: Vec<crate::model::EntryLine>,
    pub status: Status,
    pub mark: Option<Mark>,
    /// The day of 销号, in local time, and who verified it (recorded the close).
    pub closed_on: Option<NaiveDate>,
    pub closed_by: String,
    /// 备注: the close note, or the reason of a reopen while the task is open again.
    pub remark: String,
}

impl Row {
    /// The row of `task` of `problem`, at `(first, i, n)`: the `i`th of the problem's `n` rows,
    /// whose first is numbered `first`. Without the entries of `Layout::all_progress`.
    pub fn of(
        lang: Lang,
        clock: &Clock,
        problem: &Problem,
        task: &Task,
        (first, i, n): (usize, usize, usize),
        latest: &LatestProgress,
    ) -> Row {
        Row {
            number: first + i,
            first_of_problem: i == 0,
            problem_rows: n,
            problem_code: problem.code.clone(),
            category: problem.category,
            problem_title: problem.title.clone(),
            lead_unit: problem.lead_unit.clone().unwrap_or_default(),
            measure: task.measure.clone(),
            unit: task.unit.clone(),
            support_units: task.support_units.join("、"),
            person: task.person.clone(),
            deadline: task.deadline,
            extended: task.is_extended(),
            deadline_text: lang.deadline_full(task),
            progress: latest.of(task).map(|p| p.line()).unwrap_or_default(),
            entries: Vec::new(),
            status: task.status,
            mark: match clock.light(task.status, task.deadline) {
                Some(Light::Red) => Some(Mark::Overdue),
                Some(Light::Yellow) => Some(Mark::DueSoon),
                _ => None,
            },
            // the business date of the close, never the day it was typed in
            closed_on: task.closed_on,
            closed_by: task
                .closed_by
                .clone()
                .filter(|_| task.status.is_closed())
                .unwrap_or_default(),
            remark: remark(task),
        }
    }

    /// The status as the sheet writes it: `未启动（逾期）`.
    pub fn status_text(&self, lang: Lang) -> String {
        let status = lang.status(self.status);
        match self.mark {
            Some(Mark::Overdue) => lang.export_overdue(status),
            Some(Mark::DueSoon) => lang.export_due_soon(status),
            None => status.to_string(),
        }
    }

    /// The cells in the order of `Lang::export_columns`, as text.
    pub fn cells(&self, lang: Lang) -> [Cow<'_, str>; 13] {
        [
            Cow::Owned(self.number.to_string()),
            Cow::Borrowed(&self.problem_code),
            Cow::Borrowed(lang.category(self.category)),
            Cow::Borrowed(&self.problem_title),
            Cow::Borrowed(&self.measure),
            Cow::Borrowed(&self.unit),
            Cow::Borrowed(&self.support_units),
            Cow::Borrowed(&self.person),
            Cow::Borrowed(&self.deadline_text),
            Cow::Borrowed(&self.progress),
            Cow::Owned(self.status_text(lang)),
            Cow::Owned(self.closed_on.map(crate::date::format).unwrap_or_default()),
            Cow::Borrowed(&self.remark),
        ]
    }
}

/// The list as it goes to the meeting.
pub struct Report {
    pub lang: Lang,
    pub title: String,
    pub as_of: NaiveDate,
    pub rows: Vec<Row>,
    /// The totals of the whole ledger, whatever the rows a filter chose.
    pub totals: Tally,
    /// One line per unit with tasks in the ledger, best first (the ranking is of the whole
    /// ledger: a filter that shows open tasks only must not leave out a unit that closed all).
    pub units: Vec<UnitStats>,
    /// 本期变化, when the export was asked for the changes since a day.
    pub changes: Option<changes::Changes>,
    /// How the xlsx is laid out for print.
    pub layout: Layout,
    /// The organisation that keeps the ledger (填报单位; the `organisation` setting).
    pub organisation: String,
    /// What a filter chose, in words (`逾期 · 石泉县`); none for the whole ledger.
    pub scope: Option<String>,
}

/// What a report is built from: the ledger's problems, units and tasks, and the tasks a filter
/// chose for its rows.
pub struct Sources<'a> {
    pub problems: &'a [Problem],
    pub units: &'a [Unit],
    pub all: &'a [Task],
    pub chosen: &'a [&'a Task],
    pub latest: &'a LatestProgress,
    /// The entries the sheet prints, by task id (see `Layout::all_progress`).
    pub entries: &'a HashMap<i64, Vec<crate::model::EntryLine>>,
}

impl Report {
    /// Builds the list: rows of the chosen tasks (in ledger order), totals and units of all.
    pub fn build(lang: Lang, title: String, sources: Sources, clock: &Clock) -> Report {
        let Sources {
            problems,
            units,
            all,
            chosen: tasks,
            latest,
            entries,
        } = sources;

        let mut rows = Vec::with_capacity(tasks.len());
        let by_problem = by_problem(tasks.iter().copied());
        for problem in problems {
            let own = by_problem.get(&problem.id).map_or(&[][..], Vec::as_slice);
            let first = rows.len() + 1;
            for (i, task) in own.iter().enumerate() {
                let mut row = Row::of(lang, clock, problem, task, (first, i, own.len()), latest);
                row.entries = entries.get(&task.id).cloned().unwrap_or_default();
                rows.push(row);
            }
        }
        let mut report = Report::new(lang, title, clock.today, Stats::build(units, all, clock));
        report.rows = rows;
        report
    }

    /// A list of no rows yet, with the totals and the unit board of `stats`.
    pub fn new(lang: Lang, title: String, as_of: NaiveDate, stats: Stats) -> Report {
        Report {
            lang,
            title,
            as_of,
            rows: Vec::new(),
            totals: stats.total,
            units: stats
                .units
                .into_iter()
                .filter(|u| u.tally.tasks > 0)
                .collect(),
            changes: None,
            layout: Layout::default(),
            organisation: String::new(),
            scope: None,
        }
    }

    /// With the layout and scope `request` asks for, and the ledger's organisation (填报单位).
    fn for_request(mut self, store: &Store, request: &Request) -> Result<Report> {
        self.layout = request.layout.clone();
        self.organisation = store.organisation()?;
        self.scope = request.scope.clone();
        Ok(self)
    }

    /// The status as the sheet writes it: `未启动（逾期）`.
    pub fn status_text(&self, row: &Row) -> String {
        row.status_text(self.lang)
    }

    /// `截至2019年12月26日　任务21项，已销号0项，逾期0项，完成率0.0%`
    pub fn as_of_line(&self) -> String {
        as_of_line(self.lang, self.as_of, &self.totals)
    }
}

/// The sheet's title: the one the user wrote, as written, or ours, which says whose and what.
fn sheet_title(store: &Store, lang: Lang, request: &Request) -> Result<String> {
    if let Some(title) = &request.title {
        return Ok(title.clone());
    }
    let round = store.title_of(request.filter.inspection)?;
    Ok(lang.sheet_title(
        &lang.export_title(&round),
        &store.organisation()?,
        request.scope.as_deref(),
    ))
}

/// `截至2019年12月26日　任务21项，已销号0项，逾期0项，完成率0.0%`: the totals of the ledger.
fn as_of_line(lang: Lang, as_of: NaiveDate, t: &Tally) -> String {
    lang.export_as_of(
        as_of,
        t.tasks,
        t.closed,
        t.overdue,
        &percent(t.completion_rate()),
    )
}

/// 备注: the close note, or the reason of a reopen while the task is open again.
fn remark(task: &Task) -> String {
    if task.status.is_closed() {
        task.close_note.clone().unwrap_or_default()
    } else {
        task.reopen_reason.clone().unwrap_or_default()
    }
}

/// The file a format writes when no `-o` is given: `整改台账-20191226.xlsx` in the working folder.
pub fn default_path(lang: Lang, as_of: NaiveDate, format: Format) -> PathBuf {
    PathBuf::from(format!(
        "{}-{}.{}",
        lang.export_file_stem(),
        as_of.format("%Y%m%d"),
        format.extension()
    ))
}

/// Refuses a target that is the ledger itself or its log or index (`--force -o ledger.db` would
/// put a sheet in its place).
fn refuse_the_ledger(ledger: &Path, target: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(target_meta) = fs::metadata(target) else {
            return Ok(());
        };
        for suffix in ["", "-wal", "-shm"] {
            let mut name = ledger.as_os_str().to_owned();
            name.push(suffix);
            if let Ok(meta) = fs::metadata(PathBuf::from(name))
                && meta.dev() == target_meta.dev()
                && meta.ino() == target_meta.ino()
            {
                return Err(Error::File {
                    path: target.to_path_buf(),
                    cause: FileCause::IsTheLedger,
                });
            }
        }
    }
    let _ = (ledger, target);
    Ok(())
}

/// The bytes of the list in one of its formats.
pub fn render(report: &Report, sheet: Sheet) -> Result<Vec<u8>> {
    match sheet {
        Sheet::Xlsx => xlsx::write(report),
        Sheet::Csv => Ok(csv::write(report)),
        Sheet::Markdown => Ok(markdown::write(report).into_bytes()),
    }
}

/// What to export, where.
pub struct Request<'a> {
    pub format: Format,
    pub filter: &'a Filter,
    /// The sheet's title; default `<inspection title>整改台账`.
    pub title: Option<String>,
    pub path: &'a Path,
    /// Replace an existing file.
    pub force: bool,
    /// Add 本期变化 since this day (xlsx and md).
    pub since: Option<NaiveDate>,
    /// How the xlsx is laid out for print.
    pub layout: Layout,
    /// What the filter chose, in words, for the sheet's title; none for the whole ledger.
    pub scope: Option<String>,
}
