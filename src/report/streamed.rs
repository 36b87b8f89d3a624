//! The lists written as the ledger is read (issue 16): one problem's tasks in memory at a
//! time (`Store::each_problem`), each row written as it is made, in the bytes of the list built
//! whole (`Report`). The heads' totals and the xlsx's unit board are SQLite's counts.

use std::io::Write;
use std::sync::mpsc;

use super::{Report, Request, Row, Sheet, as_of_line, csv, markdown, sheet_title, xlsx};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::{Clock, Stats};
use crate::store::{Reads, Store};

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
/// (each of the two takes about as long; the machines we run on have two cores or more).
pub(super) fn write_xlsx(
    store: &Store,
    lang: Lang,
    clock: &Clock,
    request: &Request,
    out: &mut dyn Write,
) -> Result<usize> {
    let filter = request.filter;
    let every = request.layout.all_progress;
    let (bytes, rows) = store.snapshot(|store| {
        let mut shape = xlsx::Shape::default();
        store.each_problem_reading(filter, clock, Reads::Units, |p| {
            for task in p.chosen(filter, clock) {
                shape.note(&task.unit, &task.support_units.join("、"));
            }
            Ok(())
        })?;
        let stats = Stats::from_tallies(&store.units()?, &store.unit_tallies(clock)?);
        let mut report = Report::new(lang, sheet_title(store, lang, request)?, clock.today, stats);
        report.layout = request.layout.clone();
        report.organisation = store.organisation()?;
        report.scope = request.scope.clone();
        // a few problems' rows between the two threads: enough that neither waits long
        let (rows_out, rows_in) = mpsc::sync_channel::<Vec<Row>>(4);
        std::thread::scope(|threads| {
            let writer = threads.spawn(|| {
                xlsx::write_with(&report, shape, |ledger| {
                    for rows in rows_in {
                        ledger.problem(&rows).map_err(xlsx::failed)?;
                    }
                    Ok(())
                })
            });
            let mut written = 0;
            let read = store.each_problem(filter, clock, |p| {
                let chosen = p.chosen(filter, clock);
                if chosen.is_empty() {
                    return Ok(());
                }
                let mut entries = store.entry_lines_of_problem(p.problem.id, None, every)?;
                let rows: Vec<Row> = (0..)
                    .zip(&chosen)
                    .map(|(i, task)| {
                        let place = (written + 1, i, chosen.len());
                        let mut row = Row::of(lang, clock, p.problem, task, place, p.latest);
                        row.entries = entries.remove(&task.id).unwrap_or_default();
                        row
                    })
                    .collect();
                written += rows.len();
                // the writer stopped: its error is the one to report
                rows_out
                    .send(rows)
                    .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe).into())
            });
            drop(rows_out);
            let bytes = match writer.join() {
                Ok(bytes) => bytes?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            read?;
            Ok((bytes, written))
        })
    })?;
    out.write_all(&bytes)?;
    Ok(rows)
}
