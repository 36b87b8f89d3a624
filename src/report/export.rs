//! `export`: the list or the whole ledger, to a file written whole or to any writer. JSON, CSV
//! and Markdown are written as the ledger is read (`document`, `streamed`); the xlsx, and a
//! Markdown list with 本期变化 or of one round, are built whole first (`Report`).

use std::collections::HashSet;
use std::io::Write;

use super::{
    Format, Report, Request, Sheet, Sources, changes, document, files, refuse_the_ledger, render,
    sheet_title, streamed,
};
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::i18n::Lang;
use crate::model::{Clock, Task};
use crate::store::Store;

/// Exports the tasks `request.filter` chooses, as of `clock`, to `request.path`; returns how
/// many tasks went out. The command line and the TUI's export dialog both come here.
pub fn export(store: &Store, lang: Lang, clock: &Clock, request: Request) -> Result<usize> {
    refuse_the_ledger(store.path(), request.path)?;
    let private = request.format == Format::Json;
    let (staged, count) = files::stage_with(request.path, request.force, private, |out| {
        write_export(store, lang, clock, &request, out)
    })?;
    staged.place()?;
    Ok(count)
}

/// Writes the export to `out` and returns how many tasks it holds.
pub fn write_export(
    store: &Store,
    lang: Lang,
    clock: &Clock,
    request: &Request,
    out: &mut dyn Write,
) -> Result<usize> {
    let with_changes = matches!(request.format, Format::Sheet(Sheet::Xlsx | Sheet::Markdown));
    if request.since.is_some() && !with_changes {
        return Err(Error::SinceNeedsSheet(request.format.extension()));
    }
    match request.format {
        Format::Json => {
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            document::write(store, request.filter, clock, &now, out)
        }
        Format::Sheet(Sheet::Csv) => streamed::write(store, lang, clock, request, out),
        // the totals of the whole ledger come from SQLite's counts; those of one round do not
        Format::Sheet(Sheet::Markdown) if streams(request) => {
            streamed::write(store, lang, clock, request, out)
        }
        Format::Sheet(Sheet::Xlsx) if streams(request) => {
            streamed::write_xlsx(store, lang, clock, request, out)
        }
        Format::Sheet(sheet) => {
            let report = build(store, lang, clock, request)?;
            out.write_all(&render(&report, sheet)?)?;
            Ok(report.rows.len())
        }
    }
}

/// Whether the sheet can be written as the ledger is read: not with 本期变化, nor of one round
/// (whose totals and units are of its tasks only, not SQLite's counts of the ledger).
fn streams(request: &Request) -> bool {
    request.since.is_none() && request.filter.inspection.is_none()
}

/// The whole list in memory, with its unit board and 本期变化.
fn build(store: &Store, lang: Lang, clock: &Clock, request: &Request) -> Result<Report> {
    store.snapshot(|store| {
        // a sheet of one round is that round's ledger: its totals and units too
        let mut all = store.tasks()?;
        all.retain(|t| request.filter.keeps_round(t.inspection_id));
        let mut problems = store.problems()?;
        problems.retain(|p| request.filter.keeps_round(p.inspection_id));
        let chosen = choose(store, request.filter, &all, clock)?;
        let layout = &request.layout;
        let after = request.since.filter(|_| layout.all_progress);
        let sources = Sources {
            problems: &problems,
            units: &store.units()?,
            all: &all,
            chosen: &chosen,
            latest: &store.latest_progress()?,
            entries: &store.entry_lines(after, layout.all_progress)?,
        };
        let title = sheet_title(store, lang, request)?;
        let mut report = Report::build(lang, title, sources, clock).for_request(store, request)?;
        if let Some(since) = request.since {
            // the period ends today: its tasks are those the rows were chosen from
            let ids: HashSet<i64> = chosen.iter().map(|t| t.id).collect();
            let only = (!request.filter.is_empty()).then_some(ids);
            let period = store.period(since, clock.today, |_| only)?;
            report.changes = Some(changes::Changes::of(lang, &period));
        }
        Ok(report)
    })
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
