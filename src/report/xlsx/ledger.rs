//! Sheet 整改台账 as it is printed and handed round: a 附件 mark, the title, who files it and
//! when, the totals, then the header (repeated on every page) and one row per task, its
//! problem's cells merged down. The page is computed (`print`): at the default columns the body
//! prints at full size on A4; a problem that fits on a page begins one, and one that does not
//! repeats its cells on the next page marked （续）; a cell longer than Excel's tallest row goes
//! on in rows of its own, marked （续）, so no text is ever cut.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::print::{self, line_count, lines_of, row_height};
use super::{Formats, Marked, excel_date};
use crate::report::{Columns, Report, Row};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Number,
    /// Code, category, title and lead unit in one cell.
    Problem,
    Code,
    Category,
    Title,
    Lead,
    Measure,
    /// The responsible unit, and with `Columns::Folded` its supporting units under it.
    Unit,
    Support,
    Person,
    Deadline,
    Progress,
    /// The status, and with `Columns::Folded` the close under it.
    Status,
    ClosedOn,
    Remark,
}

use Field::*;

/// The columns of each layout and their widths (Excel's units: the digit of the body's font; a
/// Chinese character takes two). The folded ones, 116 units, print at full size on A4
/// landscape where a digit is 7 pixels (宋体) and at 96 % where a substitute font makes it 9
/// (LibreOffice with WenQuanYi, measured).
const FOLDED: [(Field, f64); 9] = [
    (Number, 4.0),
    (Problem, 17.0),
    (Measure, 23.0),
    (Unit, 12.0),
    (Person, 6.5),
    (Deadline, 10.0),
    (Progress, 25.0),
    (Status, 9.5),
    (Remark, 9.0),
];
/// Every column apart, 172 units: A3 landscape prints them at 90 % or more.
const ALL: [(Field, f64); 14] = [
    (Number, 4.5),
    (Code, 6.0),
    (Category, 8.5),
    (Title, 17.0),
    (Lead, 13.0),
    (Measure, 24.0),
    (Unit, 13.0),
    (Support, 13.0),
    (Person, 6.0),
    (Deadline, 10.5),
    (Progress, 26.0),
    (Status, 10.0),
    (ClosedOn, 10.5),
    (Remark, 10.0),
];

impl Field {
    /// The name `Lang::sheet_header` knows the column by.
    fn key(self) -> &'static str {
        match self {
            Number => "number",
            Problem => "problem",
            Code => "code",
            Category => "category",
            Title => "title",
            Lead => "lead",
            Measure => "measure",
            Unit => "unit",
            Support => "support",
            Person => "person",
            Deadline => "deadline",
            Progress => "progress",
            Status => "status",
            ClosedOn => "closed_on",
            Remark => "remark",
        }
    }

    /// The problem's cells, merged down over its tasks.
    fn of_problem(self) -> bool {
        matches!(self, Problem | Code | Category | Title | Lead)
    }
}

/// What the sheet's head and columns need to know of the rows before the first is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// How many rows (tasks) the sheet lists.
    pub rows: usize,
    /// The widest name of a unit in them, in display columns.
    pub longest_unit: usize,
}

impl Shape {
    pub fn of(rows: &[Row]) -> Shape {
        let mut shape = Shape::default();
        for row in rows {
            shape.note(&row.unit, &row.support_units);
        }
        shape
    }

    /// Notes a row of `unit`, with `support_units` as `Row` joins them.
    pub fn note(&mut self, unit: &str, support_units: &str) {
        self.rows += 1;
        let names = std::iter::once(unit).chain(support_units.split('、'));
        let widest = names.map(crate::text::width).max().unwrap_or(0);
        self.longest_unit = self.longest_unit.max(widest);
    }
}

/// The columns of `columns`' layout: a unit's name is never split, so its column is as wide
/// as the longest name needs.
fn columns(columns: Columns, longest_unit: usize) -> Vec<(Field, f64)> {
    let mut columns: Vec<(Field, f64)> = match columns {
        Columns::Folded => FOLDED.to_vec(),
        Columns::All => ALL.to_vec(),
    };
    for (field, width) in columns.iter_mut() {
        if matches!(field, Unit | Support | Lead) {
            *width = width.max(longest_unit as f64 + 2.0).min(24.0);
        }
    }
    columns
}

/// The text of a cell.
fn text(report: &Report, row: &Row, field: Field) -> String {
    let lang = report.lang;
    let folded = report.layout.columns == Columns::Folded;
    let supports = || row.support_units.split('、').filter(|s| !s.is_empty());
    match field {
        Number => row.number.to_string(),
        Problem => {
            let mut cell = format!(
                "{}　{}\n{}",
                row.problem_code,
                lang.category(row.category),
                row.problem_title
            );
            if !row.lead_unit.is_empty() {
                cell.push_str(&format!("\n{}{}", lang.paper_lead(), row.lead_unit));
            }
            cell
        }
        Code => row.problem_code.clone(),
        Category => lang.category(row.category).to_string(),
        Title => row.problem_title.clone(),
        Lead => row.lead_unit.clone(),
        Measure => row.measure.clone(),
        Unit if folded && !row.support_units.is_empty() => {
            let mut cell = format!("{}\n{}", row.unit, lang.paper_support());
            for unit in supports() {
                cell.push('\n');
                cell.push_str(unit);
            }
            cell
        }
        Unit => row.unit.clone(),
        Support => supports().collect::<Vec<_>>().join("\n"),
        Person => row.person.clone(),
        Deadline => row.deadline_text.clone(),
        Progress => row
            .entries
            .iter()
            .map(|e| {
                let mut line = format!("{} {}", crate::date::format(e.date), e.text);
                if !e.evidence.is_empty() {
                    line.push_str(&lang.aside(&format!("{}{}", lang.paper_evidence(), e.evidence)));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Status => {
            // the mark (（逾期）) on a line of its own: the column is narrow
            let status = lang.status(row.status);
            let mut cell = report.status_text(row);
            if let Some(mark) = cell.strip_prefix(status).filter(|m| !m.is_empty()) {
                cell = format!("{status}\n{mark}");
            }
            if folded && let Some(day) = row.closed_on {
                cell.push_str(&format!("\n{}", crate::date::format(day)));
                if !row.closed_by.is_empty() {
                    cell.push_str(&format!("\n{}{}", lang.paper_verified(), row.closed_by));
                }
            }
            cell
        }
        ClosedOn => row.closed_on.map(crate::date::format).unwrap_or_default(),
        Remark => row.remark.clone(),
    }
}

/// One row of the sheet: a task's, or one that goes on with its long cells (`part` > 0).
struct Line<'a> {
    row: &'a Row,
    part: usize,
    cells: Vec<String>,
    height: f64,
}

/// The rows of one task: one, or more when a cell is longer than the tallest row holds.
fn task_lines<'a>(report: &Report, row: &'a Row, columns: &[(Field, f64)]) -> Vec<Line<'a>> {
    let max = print::max_lines();
    let texts: Vec<String> = columns.iter().map(|(f, _)| text(report, row, *f)).collect();
    // the row's own cells: their lines, unless one is longer than a row holds
    let tallest = columns
        .iter()
        .zip(&texts)
        .filter(|((field, _), _)| !field.of_problem())
        .map(|((_, width), text)| line_count(text, *width))
        .max()
        .unwrap_or(1);
    if tallest <= max {
        return vec![Line {
            row,
            part: 0,
            cells: texts,
            height: row_height(tallest),
        }];
    }
    let parts: Vec<Vec<String>> = columns
        .iter()
        .zip(&texts)
        .map(|((field, width), text)| {
            if field.of_problem() || lines_of(text, *width).len() <= max {
                vec![text.clone()]
            } else {
                print::parts(text, *width, max)
            }
        })
        .collect();
    let count = parts.iter().map(Vec::len).max().unwrap_or(1);
    (0..count)
        .map(|part| {
            let cells: Vec<String> = parts
                .iter()
                .map(|p| p.get(part).cloned().unwrap_or_default())
                .collect();
            let tallest = columns
                .iter()
                .zip(&cells)
                .filter(|((field, _), _)| !field.of_problem())
                .map(|((_, width), cell)| lines_of(cell, *width).len())
                .max()
                .unwrap_or(1);
            Line {
                row,
                part,
                cells,
                height: row_height(tallest),
            }
        })
        .collect()
}

/// The sheet being written: its head first (`begin`), then problem by problem (`problem`),
/// each problem's rows made, measured, paged and written before the next is read.
pub struct Ledger<'a> {
    sheet: &'a mut Worksheet,
    report: &'a Report,
    f: &'a Formats,
    columns: Vec<(Field, f64)>,
    header_row: u32,
    /// How many sheet rows the problems written so far took.
    written: usize,
    pager: print::Pager,
    breaks: Vec<u32>,
}

impl<'a> Ledger<'a> {
    /// Writes the head: 附件, the title, who files it and when, the totals, the header.
    pub(super) fn begin(
        sheet: &'a mut Worksheet,
        report: &'a Report,
        f: &'a Formats,
        shape: Shape,
    ) -> Result<Ledger<'a>, XlsxError> {
        let lang = report.lang;
        sheet.set_name(lang.export_sheet_ledger())?;
        let columns = columns(report.layout.columns, shape.longest_unit);
        let widths: Vec<f64> = columns.iter().map(|(_, w)| *w).collect();
        let last = (columns.len() - 1) as u16;
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, *w)?;
        }
        let mut r = 0;
        let mut block = 0.0;
        if let Some(mark) = &report.layout.attachment {
            sheet.write_string_with_format(r, 0, lang.sheet_attachment(mark), &f.attachment)?;
            sheet.set_row_height(r, 22)?;
            (r, block) = (r + 1, block + 22.0);
        }
        sheet.merge_range(r, 0, r, last, &report.title, &f.title)?;
        sheet.set_row_height(r, 36)?;
        let filed_by = lang.sheet_filed_by(&report.organisation, report.as_of);
        sheet.merge_range(r + 1, 0, r + 1, last, &filed_by, &f.as_of)?;
        sheet.set_row_height(r + 1, 20)?;
        let mut totals = report.as_of_line();
        if report.scope.is_some() {
            totals.push_str(&format!("；{}", lang.sheet_listed(shape.rows)));
        }
        sheet.merge_range(r + 2, 0, r + 2, last, &totals, &f.as_of)?;
        sheet.set_row_height(r + 2, 20)?;
        let header_row = r + 3;
        block += 36.0 + 20.0 + 20.0;
        let folded = report.layout.columns == Columns::Folded;
        let header = |field: Field| lang.sheet_header(field.key(), folded);
        let header_lines = columns
            .iter()
            .map(|(field, _)| header(*field).split('\n').count())
            .max()
            .unwrap_or(1);
        let header_height = row_height(header_lines) + 4.0;
        for (c, (field, _)) in columns.iter().enumerate() {
            sheet.write_string_with_format(header_row, c as u16, header(*field), &f.header)?;
        }
        sheet.set_row_height(header_row, header_height)?;
        let scale = print::scale(&widths, report.layout.paper);
        let page = print::page_height(report.layout.paper, scale) - header_height;
        Ok(Ledger {
            sheet,
            report,
            f,
            columns,
            header_row,
            written: 0,
            pager: print::Pager::new(page - block, page),
            breaks: Vec::new(),
        })
    }

    /// Writes the rows of one problem (in number order, the first `first_of_problem`). Row by
    /// row, as the sheet's constant-memory mode needs: on each page the problem's cells first,
    /// merged down over its rows (the writer holds the rows below until they are written),
    /// （续） where it goes on; then the rows' own cells.
    pub fn problem(&mut self, rows: &[Row]) -> Result<(), XlsxError> {
        let (report, columns) = (self.report, &self.columns);
        let mut lines: Vec<Line> = rows
            .iter()
            .flat_map(|r| task_lines(report, r, columns))
            .collect();
        let Some(head) = lines.first() else {
            return Ok(());
        };
        // the merged cells need as much room as their text
        let problem_lines = columns
            .iter()
            .zip(&head.cells)
            .filter(|((field, _), _)| field.of_problem())
            .map(|((_, width), cell)| line_count(cell, *width))
            .max()
            .unwrap_or(0);
        let have: f64 = lines.iter().map(|l| l.height).sum();
        let need = row_height(problem_lines);
        if let Some(last) = lines.last_mut()
            && have < need
        {
            last.height += need - have;
        }
        let heights: Vec<f64> = lines.iter().map(|l| l.height).collect();
        let start = self.written;
        let first = self.header_row + 1 + start as u32;
        let breaks = self.pager.problem(&heights);
        self.breaks
            .extend(breaks.iter().map(|b| self.header_row + 1 + *b as u32));
        let mut cuts: Vec<usize> = vec![0];
        cuts.extend(breaks.iter().map(|b| b - start).filter(|b| *b > 0));
        cuts.push(lines.len());
        let lang = report.lang;
        for (k, pair) in cuts.windows(2).enumerate() {
            let (top, bottom) = (first + pair[0] as u32, first + pair[1] as u32 - 1);
            for (c, (field, _)) in columns.iter().enumerate() {
                if !field.of_problem() {
                    continue;
                }
                let mut cell = lines[0].cells[c].clone();
                if k > 0 && !cell.is_empty() {
                    cell = format!("{}{cell}", lang.paper_continued());
                }
                let format = if matches!(field, Title | Problem | Lead) {
                    &self.f.body
                } else {
                    &self.f.centred
                };
                let c = c as u16;
                if bottom > top {
                    self.sheet.merge_range(top, c, bottom, c, &cell, format)?;
                } else {
                    self.sheet.write_string_with_format(top, c, &cell, format)?;
                }
            }
            for (i, line) in (pair[0]..pair[1]).zip(&lines[pair[0]..pair[1]]) {
                write_line(self.sheet, report, self.f, columns, first + i as u32, line)?;
            }
        }
        self.written += heights.len();
        Ok(())
    }

    /// The page breaks; returns the row of the header (repeated on every page).
    pub(super) fn finish(self) -> Result<u32, XlsxError> {
        if !self.breaks.is_empty() {
            self.sheet.set_page_breaks(&self.breaks)?;
        }
        Ok(self.header_row)
    }
}

/// One row's cells but the problem's (written merged by the caller).
fn write_line(
    sheet: &mut Worksheet,
    report: &Report,
    f: &Formats,
    columns: &[(Field, f64)],
    r: u32,
    line: &Line,
) -> Result<(), XlsxError> {
    let row = line.row;
    let mark = row.mark;
    let Marked {
        body,
        centred,
        date,
    } = f.of_mark(mark);
    for (c, ((field, _), cell)) in columns.iter().zip(&line.cells).enumerate() {
        let c = c as u16;
        let go_on = |cell: &str| {
            if line.part > 0 && !cell.is_empty() {
                format!("{}{cell}", report.lang.paper_continued())
            } else {
                cell.to_string()
            }
        };
        match field {
            _ if field.of_problem() => {}
            Number if line.part > 0 => {
                sheet.write_string_with_format(r, c, report.lang.paper_continued(), centred)?;
            }
            Number => {
                sheet.write_number_with_format(r, c, row.number as f64, centred)?;
            }
            // a real date cell, unless the deadline is none (长期坚持) or says it was extended
            Deadline if line.part == 0 && row.deadline.is_some() && !row.extended => {
                let day = row.deadline.unwrap_or_default();
                sheet.write_date_with_format(r, c, &excel_date(day)?, date)?;
            }
            ClosedOn if line.part == 0 && row.closed_on.is_some() => {
                let day = row.closed_on.unwrap_or_default();
                sheet.write_date_with_format(r, c, &excel_date(day)?, date)?;
            }
            Deadline | ClosedOn | Status | Person => {
                sheet.write_string_with_format(r, c, go_on(cell), centred)?;
            }
            _ => {
                sheet.write_string_with_format(r, c, go_on(cell), body)?;
            }
        }
    }
    sheet.set_row_height(r, line.height)?;
    Ok(())
}
