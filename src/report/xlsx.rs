//! The print-ready Excel workbook (DESIGN.md §8): sheet 整改台账 with a merged title, the as-of
//! line and the header repeated on every page, one row per task with its problem's cells merged
//! down, red and yellow rows for overdue and due-soon tasks; sheet 单位统计 with the ranking.
//! Column widths and row heights are set here for Chinese text (autofit undercounts it).

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::changes::Changes;
use super::{Mark, Report};
use crate::error::{Error, Result, SheetProblem};
use crate::i18n::percent;
use crate::text::width;

/// Column widths in Excel's units (about one Latin character; a Chinese character takes two).
const LEDGER_WIDTHS: [f64; 13] = [
    5.0, 7.0, 9.0, 24.0, 36.0, 12.0, 12.0, 8.0, 11.0, 36.0, 14.0, 11.0, 12.0,
];
const UNIT_WIDTHS: [f64; 13] = [
    16.0, 10.0, 8.0, 8.0, 8.0, 8.0, 8.0, 9.0, 8.0, 8.0, 9.0, 11.0, 6.0,
];
const CHANGE_WIDTHS: [f64; 5] = [16.0, 11.0, 7.0, 14.0, 60.0];

/// Points per line of 10-point 宋体, and what a row needs besides its lines.
const LINE_HEIGHT: f64 = 13.5;
const ROW_PADDING: f64 = 4.0;

/// Paper size 9 is A4 in Excel's numbering.
const A4: u8 = 9;

const RED_FILL: u32 = 0xFFC7CE;
const RED_TEXT: u32 = 0x9C0006;
const YELLOW_FILL: u32 = 0xFFEB9C;
const YELLOW_TEXT: u32 = 0x9C5700;
const HEADER_FILL: u32 = 0xD9D9D9;

struct Formats {
    title: Format,
    as_of: Format,
    header: Format,
    body: Format,
    centred: Format,
    date: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let body = Format::new()
            .set_font_name("宋体")
            .set_font_size(10)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_font_name("黑体")
                .set_font_size(18)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            as_of: Format::new()
                .set_font_name("宋体")
                .set_font_size(11)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_font_name("黑体")
                .set_font_size(11)
                .set_background_color(HEADER_FILL)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            centred: body.clone().set_align(FormatAlign::Center),
            date: body
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy-mm-dd"),
            percent: body
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("0.0%"),
            body,
        }
    }
}

/// A format in the colours of a row's mark: fill and text, so that a print in black and white
/// still has the words (the 状态 cell says 逾期/临期 too).
fn marked(format: &Format, mark: Option<Mark>) -> Format {
    match mark {
        Some(Mark::Overdue) => format
            .clone()
            .set_background_color(RED_FILL)
            .set_font_color(RED_TEXT),
        Some(Mark::DueSoon) => format
            .clone()
            .set_background_color(YELLOW_FILL)
            .set_font_color(YELLOW_TEXT),
        None => format.clone(),
    }
}

/// What the sheet writer refused, in our words (its own are English and name its internals).
pub(super) fn failed(e: XlsxError) -> Error {
    Error::Sheet(match e {
        XlsxError::RowColumnLimitError => SheetProblem::TooManyRows,
        XlsxError::MaxStringLengthExceeded => SheetProblem::TextTooLong,
        other => SheetProblem::Other(format!("{other:?}").chars().take(80).collect()),
    })
}

/// Lines a text takes in a wrapped cell of `columns` width.
pub(super) fn lines(text: &str, columns: f64) -> usize {
    let per_line = (columns - 1.0).max(1.0);
    text.split('\n')
        .map(|line| ((width(line) as f64) / per_line).ceil().max(1.0) as usize)
        .sum()
}

pub(super) fn height(lines: usize) -> f64 {
    lines as f64 * LINE_HEIGHT + ROW_PADDING
}

pub fn write(report: &Report) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    ledger_sheet(workbook.add_worksheet(), report, &formats).map_err(failed)?;
    units_sheet(workbook.add_worksheet(), report, &formats).map_err(failed)?;
    if let Some(changes) = &report.changes {
        changes_sheet(workbook.add_worksheet(), report, changes, &formats).map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}

fn print_setup(sheet: &mut Worksheet, report: &Report, header_rows: u32) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(0, header_rows - 1)?;
    sheet.set_freeze_panes(header_rows, 0)?;
    sheet.set_header(format!(
        "&R{}",
        report.lang.export_page_header(report.as_of)
    ));
    sheet.set_footer(format!("&C{}", report.lang.export_page_footer()));
    Ok(())
}

fn ledger_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    let lang = report.lang;
    sheet.set_name(lang.export_sheet_ledger())?;
    let columns = lang.export_columns();
    let last = (columns.len() - 1) as u16;
    for (i, w) in LEDGER_WIDTHS.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    sheet.merge_range(0, 0, 0, last, &report.title, &f.title)?;
    sheet.set_row_height(0, 36)?;
    sheet.merge_range(1, 0, 1, last, &report.as_of_line(), &f.as_of)?;
    sheet.set_row_height(1, 20)?;
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *name, &f.header)?;
    }
    sheet.set_row_height(2, 30)?;

    let first_row = 3u32;
    let heights = row_heights(report);
    for (i, row) in report.rows.iter().enumerate() {
        let r = first_row + i as u32;
        let cells = report.cells(row);
        let body = marked(&f.body, row.mark);
        let centred = marked(&f.centred, row.mark);
        let date = marked(&f.date, row.mark);
        sheet.write_number_with_format(r, 0, row.number as f64, &centred)?;
        // the problem's cells, merged down over its tasks, in the neutral format
        if row.first_of_problem {
            let bottom = r + row.problem_rows as u32 - 1;
            for (c, format) in [(1u16, &f.centred), (2, &f.centred), (3, &f.body)] {
                let text = &cells[c as usize];
                if bottom > r {
                    sheet.merge_range(r, c, bottom, c, text, format)?;
                } else {
                    sheet.write_string_with_format(r, c, text, format)?;
                }
            }
        }
        for c in [4u16, 5, 6, 7, 9, 12] {
            sheet.write_string_with_format(r, c, &cells[c as usize], &body)?;
        }
        // a real date cell, unless the deadline is none (长期坚持) or says what it was extended from
        match row.deadline.filter(|_| !row.extended) {
            Some(day) => sheet.write_date_with_format(r, 8, &excel_date(day)?, &date)?,
            None => sheet.write_string_with_format(r, 8, &cells[8], &centred)?,
        };
        sheet.write_string_with_format(r, 10, &cells[10], &centred)?;
        match row.closed_on {
            Some(day) => sheet.write_date_with_format(r, 11, &excel_date(day)?, &date)?,
            None => sheet.write_blank(r, 11, &date)?,
        };
        sheet.set_row_height(r, heights[i])?;
    }
    print_setup(sheet, report, first_row)
}

pub(super) fn excel_date(day: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// The height of each row: enough lines for its longest wrapped cell; a problem's merged title
/// gets what it lacks added to its last row.
fn row_heights(report: &Report) -> Vec<f64> {
    let mut heights: Vec<f64> = report
        .rows
        .iter()
        .map(|row| {
            let cells = report.cells(row);
            let most = [4usize, 5, 6, 7, 8, 9, 10, 12]
                .iter()
                .map(|&c| lines(&cells[c], LEDGER_WIDTHS[c]))
                .max()
                .unwrap_or(1);
            let own_title = if row.problem_rows == 1 {
                lines(&row.problem_title, LEDGER_WIDTHS[3])
            } else {
                1
            };
            height(most.max(own_title))
        })
        .collect();
    let mut start = 0;
    for (i, row) in report.rows.iter().enumerate() {
        if row.first_of_problem {
            start = i;
        }
        let last_of_problem = i + 1 == start + row.problem_rows;
        if last_of_problem && row.problem_rows > 1 {
            let needed = height(lines(&row.problem_title, LEDGER_WIDTHS[3]));
            let have: f64 = heights[start..=i].iter().sum();
            if have < needed {
                heights[i] += needed - have;
            }
        }
    }
    heights
}

fn units_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    let lang = report.lang;
    sheet.set_name(lang.export_sheet_units())?;
    let columns = lang.export_unit_columns();
    let last = (columns.len() - 1) as u16;
    for (i, w) in UNIT_WIDTHS.iter().enumerate() {
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
    for (i, line) in report.units.iter().enumerate() {
        let r = 2 + i as u32;
        let t = &line.tally;
        sheet.write_string_with_format(r, 0, &line.unit.name, &f.body)?;
        sheet.write_string_with_format(r, 1, lang.unit_kind(line.unit.kind), &f.centred)?;
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
        match line.rank {
            Some(rank) => sheet.write_number_with_format(r, 12, f64::from(rank), &f.centred)?,
            None => sheet.write_blank(r, 12, &f.centred)?,
        };
        sheet.set_row_height(r, height(lines(&line.unit.name, UNIT_WIDTHS[0])))?;
    }
    print_setup(sheet, report, 2)
}

/// Sheet 本期变化: the period's title and counts, then one row per change.
fn changes_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    changes: &Changes,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    sheet.set_name(lang.period_sheet())?;
    for (i, w) in CHANGE_WIDTHS.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    let last = (CHANGE_WIDTHS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last, &changes.title, &f.as_of)?;
    sheet.set_row_height(0, 24)?;
    sheet.merge_range(1, 0, 1, last, &changes.counts, &f.body)?;
    let total = CHANGE_WIDTHS.iter().sum::<f64>();
    sheet.set_row_height(1, height(lines(&changes.counts, total)))?;
    let columns = Changes::columns(lang);
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *name, &f.header)?;
    }
    for (i, line) in changes.lines.iter().enumerate() {
        let r = 3 + i as u32;
        for (c, text) in line.cells().iter().enumerate() {
            let format = if c == 4 || c == 3 {
                &f.body
            } else {
                &f.centred
            };
            sheet.write_string_with_format(r, c as u16, *text, format)?;
        }
        let tallest = line
            .cells()
            .iter()
            .zip(CHANGE_WIDTHS)
            .map(|(text, w)| lines(text, w))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(r, height(tallest))?;
    }
    print_setup(sheet, report, 3)
}
