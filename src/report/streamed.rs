//! The lists written as the ledger is read (issue 16): one problem's tasks in memory at a
//! time (`Store::each_problem`; a few for the xlsx, see `write_xlsx`), each row written as it
//! is made, in the bytes of the list built whole (`Report`). The heads' totals and the xlsx's
//! unit board are SQLite's counts.

use std::io::Write;
use std::sync::mpsc;

use super::{Report, Request, Row, Sheet, as_of_line, csv, markdown, sheet_title, xlsx};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::{Clock, Stats};
use crate::store::{ProblemTasks, Reads, Store};

/// Writes the CSV or Markdown list `request` asks for to `out`; returns how many rows.
pub(super) fn write(
    store: &Store,
    lang: Lang,
    clock: &Clock,
    request: &Request,
    out: &mut dyn Write,
) -> Result<usize> {
    let sheet = match request.format {
        super::Format::Sheet(Sheet::Markdown) => Sheet::Markdown,
        _ => Sheet::Csv,
    };
    // rows are written in small pieces: gathered here rather than each sent through `dyn Write`
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let filter = request.filter;
    let rows = store.snapshot(|store| {
        let head = match sheet {
            Sheet::Markdown => {
                let title = sheet_title(store, lang, request)?;
                let totals = Stats::from_tallies(&store.units()?, &store.unit_tallies(clock)?);
                markdown::head(lang, &title, &as_of_line(lang, clock.today, &totals.total))
            }
            _ => csv::head(lang),
        };
        out.write_all(head.as_bytes())?;
        let mut written = 0;
        let mut line = String::new();
        store.each_problem(filter, clock, |p| {
            let chosen = p.chosen(filter, clock);
            for (i, task) in chosen.iter().enumerate() {
                let place = (written + 1, i, chosen.len());
                let row = Row::of(lang, clock, p.problem, task, place, p.latest);
                line.clear();
                match sheet {
                    Sheet::Markdown => line.push_str(&markdown::row_line(lang, &row)),
                    _ => csv::push_row(&mut line, lang, &row),
                }
                out.write_all(line.as_bytes())?;
            }
            written += chosen.len();
            Ok(())
        })?;
        Ok(written)
    })?;
    out.flush()?;
    Ok(rows)
}

/// Writes the xlsx list `request` asks for to `out`; returns how many rows. The sheet's head
/// says how many rows it lists and its unit columns are as wide as the widest name: a first
/// pass counts them (without the progress). Then the ledger is read on this thread, each
/// problem's rows made with their progress entries, while another writes them into the sheet
/// (each of the two takes about as long; the machines we run on have two cores or more). A few
/// problems' rows are in memory at a time: those between the two threads.
pub(super) fn write_xlsx(
    store: &Store,
    lang: Lang,
    clock: &Clock,
    request: &Request,
    out: &mut dyn Write,
) -> Result<usize> {
    let filter = request.filter;
    let (bytes, rows) = store.snapshot(|store| {
        let mut shape = xlsx::Shape::default();
        store.each_problem_reading(filter, clock, Reads::Units, |p| {
            for task in p.chosen(filter, clock) {
                shape.note(&task.unit, &task.support_units.join("、"));
            }
            Ok(())
        })?;
        let stats = Stats::from_tallies(&store.units()?, &store.unit_tallies(clock)?);
        let title = sheet_title(store, lang, request)?;
        let report = Report::new(lang, title, clock.today, stats).for_request(store, request)?;
        // `None` says the reading failed: the writer stops rather than finish the workbook
        let (rows_out, rows_in) = mpsc::sync_channel::<Option<Vec<Row>>>(4);
        std::thread::scope(|threads| {
            let writer = threads.spawn(|| {
                xlsx::write_with(&report, shape, |ledger| {
                    for rows in rows_in {
                        let stop = || std::io::Error::from(std::io::ErrorKind::Interrupted);
                        let rows = rows.ok_or_else(stop)?;
                        ledger.problem(&rows).map_err(xlsx::failed)?;
                    }
                    Ok(())
                })
            });
            let mut writer_stopped = false;
            let mut written = 0;
            let read = store.each_problem_reading(filter, clock, Reads::Units, |p| {
                let rows = rows_of(store, lang, clock, request, p, written)?;
                written += rows.len();
                if rows.is_empty() {
                    return Ok(());
                }
                rows_out.send(Some(rows)).map_err(|_| {
                    writer_stopped = true;
                    std::io::Error::from(std::io::ErrorKind::BrokenPipe).into()
                })
            });
            if read.is_err() && !writer_stopped {
                let _ = rows_out.send(None);
            }
            drop(rows_out);
            let bytes = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            // the first to fail says why: the reading, unless the writer stopped it
            if !writer_stopped {
                read?;
            }
            Ok((bytes?, written))
        })
    })?;
    out.write_all(&bytes)?;
    Ok(rows)
}

/// The sheet's rows of one problem, the first numbered after the `written` before it, each with
/// the progress entries the layout prints (the sheet does not print `Row::progress`, so the
/// latest progress is not read with the tasks).
fn rows_of(
    store: &Store,
    lang: Lang,
    clock: &Clock,
    request: &Request,
    p: ProblemTasks,
    written: usize,
) -> Result<Vec<Row>> {
    let chosen = p.chosen(request.filter, clock);
    if chosen.is_empty() {
        return Ok(Vec::new());
    }
    let every = request.layout.all_progress;
    let mut entries = store.entry_lines_of_problem(p.problem.id, None, every)?;
    Ok((0..)
        .zip(&chosen)
        .map(|(i, task)| {
            let place = (written + 1, i, chosen.len());
            let mut row = Row::of(lang, clock, p.problem, task, place, p.latest);
            row.entries = entries.remove(&task.id).unwrap_or_default();
            row
        })
        .collect())
}
