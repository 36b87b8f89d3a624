//! Sheet 单位统计 as offices rank: 县区 among 县区, 市直部门 among 市直部门 (and other units among
//! themselves), each kind under a line of its own; the office itself listed, not ranked; equal
//! rates share a rank (1, 1, 3); a 合计 row last. It always covers the whole ledger as of the
//! day, whatever a filter chose for the list.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{Formats, height, lines};
use crate::i18n::percent;
use crate::model::{Tally, UnitKind, UnitStats, rank};
use crate::report::Report;

const WIDTHS: [f64; 13] = [
    18.0, 10.0, 7.0, 7.0, 7.0, 7.0, 7.0, 9.0, 7.0, 7.0, 9.0, 11.0, 7.0,
];

/// The order the kinds are listed in; the office last, not ranked.
const KINDS: [UnitKind; 4] = [
    UnitKind::County,
    UnitKind::Department,
    UnitKind::Other,
    UnitKind::Office,
];

/// Writes the sheet; returns the row of the header.
pub(super) fn write(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<u32, XlsxError> {
    let lang = report.lang;
    sheet.set_name(lang.export_sheet_units())?;
    let columns = lang.export_unit_columns();
    let last = (columns.len() - 1) as u16;
    for (i, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    let title = format!(
        "{}{}",
        lang.export_sheet_units(),
        lang.aside(&report.as_of_line())
    );
    sheet.merge_range(0, 0, 0, last, &title, &f.as_of)?;
    sheet.set_row_height(0, 24)?;
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *name, &f.header)?;
    }
    sheet.set_row_height(1, 30)?;
    let mut r = 2;
    for kind in KINDS {
        let mut own: Vec<&UnitStats> = report
            .units
            .iter()
            .filter(|u| u.unit.kind == kind)
            .collect();
        if own.is_empty() {
            continue;
        }
        let ranks: Vec<Option<u32>> = if kind == UnitKind::Office {
            vec![None; own.len()]
        } else {
            rank(&own.iter().map(|u| u.tally).collect::<Vec<_>>())
        };
        let mut ranked: Vec<(&UnitStats, Option<u32>)> = own.drain(..).zip(ranks).collect();
        // stable: equal ranks keep the units' own order
        ranked.sort_by_key(|(_, rank)| rank.unwrap_or(u32::MAX));
        let heading = format!("{}（{}）", lang.unit_kind(kind), ranked.len());
        sheet.merge_range(r, 0, r, last, &heading, &f.section)?;
        sheet.set_row_height(r, 18)?;
        r += 1;
        for (line, rank) in ranked {
            let unranked = (kind == UnitKind::Office).then(|| lang.paper_office_rank());
            tally_row(
                sheet,
                f,
                r,
                &line.unit.name,
                lang.unit_kind(kind),
                &line.tally,
            )?;
            match (rank, unranked) {
                (Some(rank), _) => {
                    sheet.write_number_with_format(r, 12, f64::from(rank), &f.centred)?
                }
                (None, Some(text)) => sheet.write_string_with_format(r, 12, text, &f.centred)?,
                (None, None) => sheet.write_blank(r, 12, &f.centred)?,
            };
            sheet.set_row_height(r, height(lines(&line.unit.name, WIDTHS[0])))?;
            r += 1;
        }
    }
    tally_row(sheet, f, r, lang.paper_total(), "", &report.totals)?;
    sheet.write_blank(r, 12, &f.centred)?;
    sheet.set_row_height(r, height(1))?;
    Ok(1)
}

/// A unit's counts and rates (or the 合计's) in columns 0‥11.
fn tally_row(
    sheet: &mut Worksheet,
    f: &Formats,
    r: u32,
    name: &str,
    kind: &str,
    t: &Tally,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(r, 0, name, &f.body)?;
    sheet.write_string_with_format(r, 1, kind, &f.centred)?;
    let counts = [
        t.tasks,
        t.closed,
        t.submitted,
        t.in_progress,
        t.not_started,
        t.ongoing,
        t.overdue,
        t.extended,
    ];
    for (k, n) in counts.iter().enumerate() {
        sheet.write_number_with_format(r, 2 + k as u16, f64::from(*n), &f.centred)?;
    }
    for (c, rate) in [(10, t.completion_rate()), (11, t.on_time_rate())] {
        match rate {
            Some(rate) => sheet.write_number_with_format(r, c, rate, &f.percent)?,
            None => sheet.write_string_with_format(r, c, percent(None), &f.centred)?,
        };
    }
    Ok(())
}
