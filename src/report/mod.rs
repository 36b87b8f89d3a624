//! The rectification list (整改台账) for meetings: the rows and the unit summary are built once
//! here, from the tasks a filter chose; one writer per format turns them into a file.

mod csv;
pub mod json;
mod markdown;
mod xlsx;

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::i18n::{Lang, percent};
use crate::model::{
    Category, Clock, LatestProgress, Light, Problem, Stats, Status, Tally, Task, Unit, UnitStats,
    by_problem,
};
use crate::store::Store;

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
    pub measure: String,
    pub unit: String,
    pub support_units: String,
    pub person: String,
    pub deadline: NaiveDate,
    /// The latest progress with its date: `12-20 已开展检查12次`.
    pub progress: String,
    pub status: Status,
    pub mark: Option<Mark>,
    /// The day of 销号, in local time.
    pub closed_on: Option<NaiveDate>,
    /// 备注: the close note, or the reason of a reopen while the task is open again.
    pub remark: String,
}

/// The list as it goes to the meeting.
pub struct Report {
    pub lang: Lang,
    pub title: String,
    pub as_of: NaiveDate,
    pub rows: Vec<Row>,
    pub totals: Tally,
    /// One line per unit with tasks in the list, best first.
    pub units: Vec<UnitStats>,
}

impl Report {
    /// Builds the list of `tasks` (already filtered, in ledger order) of `problems`.
    pub fn build(
        lang: Lang,
        title: String,
        problems: &[Problem],
        tasks: &[&Task],
        latest: &LatestProgress,
        units: &[Unit],
        clock: &Clock,
    ) -> Report {
        let mut rows = Vec::with_capacity(tasks.len());
        let by_problem = by_problem(tasks.iter().copied());
        for problem in problems {
            let own = by_problem.get(&problem.id).map_or(&[][..], Vec::as_slice);
            for (i, task) in own.iter().enumerate() {
                rows.push(Row {
                    number: rows.len() + 1,
                    first_of_problem: i == 0,
                    problem_rows: own.len(),
                    problem_code: problem.code.clone(),
                    category: problem.category,
                    problem_title: problem.title.clone(),
                    measure: task.measure.clone(),
                    unit: task.unit.clone(),
                    support_units: task.support_units.join("、"),
                    person: task.person.clone(),
                    deadline: task.deadline,
                    progress: latest.of(task).map(|p| p.line()).unwrap_or_default(),
                    status: task.status,
                    mark: match clock.light(task.status, task.deadline) {
                        Some(Light::Red) => Some(Mark::Overdue),
                        Some(Light::Yellow) => Some(Mark::DueSoon),
                        _ => None,
                    },
                    closed_on: task.closed_at.as_deref().and_then(local_day),
                    remark: remark(task),
                });
            }
        }
        let stats = Stats::build(units, tasks.iter().copied(), clock);
        Report {
            lang,
            title,
            as_of: clock.today,
            rows,
            totals: stats.total,
            units: stats
                .units
                .into_iter()
                .filter(|u| u.tally.tasks > 0)
                .collect(),
        }
    }

    /// The status as the sheet writes it: `未启动（逾期）`.
    pub fn status_text(&self, row: &Row) -> String {
        let status = self.lang.status(row.status);
        match row.mark {
            Some(Mark::Overdue) => self.lang.export_overdue(status),
            Some(Mark::DueSoon) => self.lang.export_due_soon(status),
            None => status.to_string(),
        }
    }

    /// The cells of a row in the order of `Lang::export_columns`, as text.
    pub fn cells(&self, row: &Row) -> [String; 13] {
        [
            row.number.to_string(),
            row.problem_code.clone(),
            self.lang.category(row.category).to_string(),
            row.problem_title.clone(),
            row.measure.clone(),
            row.unit.clone(),
            row.support_units.clone(),
            row.person.clone(),
            crate::date::format(row.deadline),
            row.progress.clone(),
            self.status_text(row),
            row.closed_on.map(crate::date::format).unwrap_or_default(),
            row.remark.clone(),
        ]
    }

    /// `截至2019年12月26日　任务21项，已销号0项，逾期0项，完成率0.0%`
    pub fn as_of_line(&self) -> String {
        let t = &self.totals;
        self.lang.export_as_of(
            self.as_of,
            t.tasks,
            t.closed,
            t.overdue,
            &percent(t.completion_rate()),
        )
    }
}

/// The local day of a stored UTC timestamp.
fn local_day(stored: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| t.with_timezone(&chrono::Local).date_naive())
}

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

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over. An existing file is replaced only with `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(Error::ExportExists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.part", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(Error::ExportFailed {
            path: path.to_path_buf(),
            reason: e.to_string(),
        });
    }
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
}

/// Exports the tasks `request.filter` chooses, as of `clock`, to `request.path`; returns how
/// many tasks went out. The command line and the TUI's export dialog both come here.
pub fn export(store: &Store, lang: Lang, clock: &Clock, request: Request) -> Result<usize> {
    let (count, bytes) = match request.format {
        Format::Json => document(store, request.filter, clock)?,
        Format::Sheet(sheet) => {
            let report = store.snapshot(|store| {
                let all = store.tasks()?;
                let chosen = choose(store, request.filter, &all, clock)?;
                let title = match request.title {
                    Some(title) => title,
                    None => lang.export_title(&store.ledger_title()?),
                };
                Ok(Report::build(
                    lang,
                    title,
                    &store.problems()?,
                    &chosen,
                    &store.latest_progress()?,
                    &store.units()?,
                    clock,
                ))
            })?;
            (report.rows.len(), render(&report, sheet)?)
        }
    };
    write_file(request.path, &bytes, request.force)?;
    Ok(count)
}

/// The tasks of `all` that `filter` chooses (reading the search texts if it searches).
fn choose<'a>(
    store: &Store,
    filter: &Filter,
    all: &'a [Task],
    clock: &Clock,
) -> Result<Vec<&'a Task>> {
    let texts = filter
        .needs_search_text()
        .then(|| store.search_texts())
        .transpose()?;
    Ok(filter.select(all, clock, texts.as_ref()))
}

/// The JSON document of the ledger, or of the tasks `filter` chooses, and how many tasks it has.
fn document(store: &Store, filter: &Filter, clock: &Clock) -> Result<(usize, Vec<u8>)> {
    let records = store.snapshot(|store| {
        let records = store.records()?;
        if filter.is_empty() {
            return Ok(records);
        }
        let all = store.tasks()?;
        let keep: HashSet<&str> = choose(store, filter, &all, clock)?
            .iter()
            .map(|t| t.uuid.as_str())
            .collect();
        Ok(records.only_tasks(|t| keep.contains(t.uuid.as_str())))
    })?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Ok((records.tasks.len(), json::write(records, now)?))
}
