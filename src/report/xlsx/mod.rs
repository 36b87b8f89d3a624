//! The print-ready Excel workbook (DESIGN.md §8): sheet 整改台账 with a merged title, the as-of
//! line and the header repeated on every page, one row per task with its problem's cells merged
//! down, red and yellow rows for overdue and due-soon tasks; sheet 单位统计 with the ranking.
//! Column widths and row heights are set here for Chinese text (autofit undercounts it).

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

mod ledger;
mod print;
mod units;

pub use ledger::{Ledger, Shape};

use super::changes::Changes;
use super::{Mark, Report};
use crate::error::{Error, Result, SheetProblem};
use crate::text::width;

/// Column widths in Excel's units (about one Latin character; a Chinese character takes two).
const CHANGE_WIDTHS: [f64; 5] = [16.0, 11.0, 7.0, 14.0, 60.0];

/// Points per line of 10-point 宋体, and what a row needs besides its lines.
const LINE_HEIGHT: f64 = 13.5;
const ROW_PADDING: f64 = 4.0;

const RED_FILL: u32 = 0xFFC7CE;
const RED_TEXT: u32 = 0x9C0006;
const YELLOW_FILL: u32 = 0xFFEB9C;
const YELLOW_TEXT: u32 = 0x9C5700;
const HEADER_FILL: u32 = 0xD9D9D9;

struct Formats {
    attachment: Format,
    section: Format,
    title: Format,
    as_of: Format,
    header: Format,
    body: Format,
    centred: Format,
    percent: Format,
    /// The body's formats in the colours of each mark: unmarked, overdue, due soon.
    marked: [Marked; 3],
}

/// The formats of a row's own cells in the colours of its mark.
struct Marked {
    body: Format,
    centred: Format,
    date: Format,
}

impl Marked {
    fn of(body: &Format, centred: &Format, date: &Format, mark: Option<Mark>) -> Marked {
        Marked {
            body: marked(body, mark),
            centred: marked(centred, mark),
            date: marked(date, mark),
        }
    }
}

impl Formats {
    fn new() -> Formats {
        // 五号: the body prints at full size at the default columns (see `print`)
        let body = Format::new()
            .set_font_name("宋体")
            .set_font_size(10.5)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let centred = body.clone().set_align(FormatAlign::Center);
        let date = centred.clone().set_num_format("yyyy-mm-dd");
        let marked = [None, Some(Mark::Overdue), Some(Mark::DueSoon)]
            .map(|mark| Marked::of(&body, &centred, &date, mark));
        Formats {
            section: Format::new()
                .set_font_name("黑体")
                .set_font_size(10.5)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter),
            attachment: Format::new()
                .set_font_name("黑体")
                .set_font_size(14)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
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
            percent: centred.clone().set_num_format("0.0%"),
            centred,
            body,
            marked,
        }
    }

    /// The formats of a row's own cells in the colours of `mark`.
    fn of_mark(&self, mark: Option<Mark>) -> &Marked {
        match mark {
            None => &self.marked[0],
            Some(Mark::Overdue) => &self.marked[1],
            Some(Mark::DueSoon) => &self.marked[2],
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

/// The workbook of `report`, its rows in hand.
pub fn write(report: &Report) -> Result<Vec<u8>> {
    write_with(report, Shape::of(&report.rows), |ledger| {
        for rows in report.rows.chunk_by(|_, next| !next.first_of_problem) {
            ledger.problem(rows).map_err(failed)?;
        }
        Ok(())
    })
}

/// The workbook of `report` with the rows of its ledger sheet given by `fill` problem by
/// problem, rather than taken from `report.rows` (which stays empty): `shape` says what they
/// hold.
pub fn write_with(
    report: &Report,
    shape: Shape,
    fill: impl FnOnce(&mut Ledger) -> Result<()>,
) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    // column widths count in digits of the default font: the body's, so that a width means
    // the same text in Excel, WPS and LibreOffice (Calibri, the writer's own default, is a
    // font a Chinese office's LibreOffice may not have)
    let default = Format::new().set_font_name("宋体").set_font_size(10.5);
    workbook
        .set_default_format(&default, 20, 64)
        .map_err(failed)?;
    let formats = Formats::new();
    // the ledger's rows go to a temporary file as they are written, not kept in memory
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .map_err(failed)?;
    let mut ledger = Ledger::begin(sheet, report, &formats, shape).map_err(failed)?;
    fill(&mut ledger)?;
    let header = ledger.finish().map_err(failed)?;
    print_setup(sheet, report, header).map_err(failed)?;
    let sheet = workbook.add_worksheet();
    let header = units::write(sheet, report, &formats).map_err(failed)?;
    print_setup(sheet, report, header).map_err(failed)?;
    if let Some(changes) = &report.changes {
        changes_sheet(workbook.add_worksheet(), report, changes, &formats).map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}

/// The page: the paper, landscape, one page wide, the margins `print` computes with, the row of
/// the header repeated on every page.
fn print_setup(sheet: &mut Worksheet, report: &Report, header: u32) -> Result<(), XlsxError> {
    sheet.set_paper_size(print::paper_code(report.layout.paper));
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    let (side, top) = (print::MARGIN_SIDE, print::MARGIN_TOP);
    sheet.set_margins(side, side, top, top, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(header, header)?;
    sheet.set_freeze_panes(header + 1, 0)?;
    sheet.set_header(format!(
        "&R{}",
        report.lang.export_page_header(report.as_of)
    ));
    sheet.set_footer(format!("&C{}", report.lang.export_page_footer()));
    Ok(())
}

pub(super) fn excel_date(day: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
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
    print_setup(sheet, report, 2)
}
