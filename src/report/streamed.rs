//! The CSV and Markdown lists written as the ledger is read (issue 16): one problem's tasks in
//! memory at a time (`Store::each_problem`), each row written as it is made, in the bytes of
//! the list built whole (`Report`). The Markdown head's totals are SQLite's counts.

use std::io::Write;

use super::{Request, Row, Sheet, as_of_line, csv, markdown, sheet_title};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::{Clock, Stats};
use crate::store::Store;

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
