//! The printed page, computed rather than left to the printer: how wide a column prints, the
//! scale a sheet prints at when fitted to the paper's width, how many lines a cell takes, where
//! the pages break. Excel and LibreOffice lay out from the same numbers (column widths in
//! units of the default font's digit, row heights in points), so what is computed here is what
//! comes out of the printer.

use crate::report::Paper;
use crate::text::wrap;

/// Pixels of a column of width 1 (the digit of the workbook's default font, Calibri 11), and
/// the padding Excel adds to every column; 96 pixels to the inch.
const PX_PER_UNIT: f64 = 7.0;
const PX_PAD: f64 = 5.0;
const MM_PER_PX: f64 = 25.4 / 96.0;
const PT_PER_MM: f64 = 72.0 / 25.4;

/// The margins of every sheet: left and right, top and bottom (inches, as Excel takes them).
pub const MARGIN_SIDE: f64 = 0.4;
pub const MARGIN_TOP: f64 = 0.6;

/// Points per line of the body (10.5 pt, 五号: Excel's own row height for 宋体 of that size)
/// and what a row needs besides its lines; the tallest row Excel allows.
pub const LINE: f64 = 13.5;
pub const PADDING: f64 = 3.0;
pub const MAX_ROW: f64 = 409.0;
/// The most manual page breaks a sheet may have (Excel's limit).
pub const MAX_BREAKS: usize = 1023;

/// Excel's numbers for the papers.
pub fn paper_code(paper: Paper) -> u8 {
    match paper {
        Paper::A4 => 9,
        Paper::A3 => 8,
    }
}

/// The paper's size in millimetres, landscape: width and height.
fn landscape_mm(paper: Paper) -> (f64, f64) {
    match paper {
        Paper::A4 => (297.0, 210.0),
        Paper::A3 => (420.0, 297.0),
    }
}

/// The width in millimetres a column of `units` prints at full size.
pub fn column_mm(units: f64) -> f64 {
    (units * PX_PER_UNIT + PX_PAD).floor() * MM_PER_PX
}

/// The scale a sheet of these column widths prints at, fitted to one page wide (never more
/// than full size).
pub fn scale(widths: &[f64], paper: Paper) -> f64 {
    let sheet: f64 = widths.iter().map(|w| column_mm(*w)).sum();
    let printable = landscape_mm(paper).0 - 2.0 * MARGIN_SIDE * 25.4;
    (printable / sheet).min(1.0)
}

/// The height in points the rows of one page may take, at `scale`.
pub fn page_height(paper: Paper, scale: f64) -> f64 {
    let printable = landscape_mm(paper).1 * PT_PER_MM - 2.0 * MARGIN_TOP * 72.0;
    printable / scale
}

/// How many display columns of body text a column of `units` holds on a line (a Chinese
/// character takes two, at the body's size as wide as two digits of the default font).
pub fn capacity(units: f64) -> usize {
    (units as usize).saturating_sub(1).max(2)
}

/// The lines `text` takes in a column of `units`, broken as a person would (no line starts
/// with 、 or ，; see `text::wrap`).
pub fn lines_of(text: &str, units: f64) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    wrap(text, capacity(units))
}

/// How many lines `lines_of(text, units)` gives.
pub fn line_count(text: &str, units: f64) -> usize {
    crate::text::line_count(text, capacity(units))
}

/// The height of a row of `lines` lines.
pub fn row_height(lines: usize) -> f64 {
    lines.max(1) as f64 * LINE + PADDING
}

/// How many lines fit in the tallest row.
pub fn max_lines() -> usize {
    ((MAX_ROW - PADDING) / LINE).floor() as usize
}

/// `text` cut into parts of at most `max` lines each in a column of `units`: each part whole
/// paragraphs where it can, a paragraph longer than a part cut where a line ends.
pub fn parts(text: &str, units: f64, max: usize) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    let mut used = 0;
    for paragraph in text.split('\n') {
        let lines = lines_of(paragraph, units);
        if used + lines.len() <= max {
            if used > 0 {
                part.push('\n');
            }
            part.push_str(paragraph);
            used += lines.len();
            continue;
        }
        // the paragraph does not fit: its lines follow on, a new part where one is full
        for (n, line) in lines.iter().enumerate() {
            if used == max {
                parts.push(std::mem::take(&mut part));
                used = 0;
            } else if n == 0 && used > 0 {
                part.push('\n');
            }
            part.push_str(line);
            used += 1;
        }
    }
    parts.push(part);
    parts
}

/// Where the pages of a sheet break, worked out problem by problem as the rows come: a problem
/// that fits on a page begins one when the page it would begin on has no room for it; a longer
/// one breaks where a page is full. Breaks after the first `MAX_BREAKS` are not kept: the pages
/// after them break where the reader fills them.
pub struct Pager {
    /// What the page being filled has left, and what every page after the first has.
    room: f64,
    page: f64,
    /// The rows seen so far, and the breaks kept.
    rows: usize,
    kept: usize,
}

impl Pager {
    /// `first` is what the first page has for rows, `page` what every other page has.
    pub fn new(first: f64, page: f64) -> Pager {
        Pager {
            room: first,
            page,
            rows: 0,
            kept: 0,
        }
    }

    /// Takes the heights of one problem's rows; returns the rows (counted from the first of the
    /// sheet) that begin a new page.
    pub fn problem(&mut self, heights: &[f64]) -> Vec<usize> {
        let start = self.rows;
        self.rows += heights.len();
        let group: f64 = heights.iter().sum();
        let mut breaks = Vec::new();
        if group <= self.room {
            self.room -= group;
        } else if group <= self.page && start > 0 {
            breaks.push(start);
            self.room = self.page - group;
        } else {
            for (r, h) in (start..).zip(heights) {
                if *h > self.room && r > 0 && self.room < self.page {
                    breaks.push(r);
                    self.room = self.page;
                }
                self.room -= h;
            }
        }
        breaks.truncate(MAX_BREAKS - self.kept);
        self.kept += breaks.len();
        breaks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_computed() {
        // 139 units print at full size on A4 landscape, 207 do not
        let folded = [5.0, 20.0, 28.0, 14.0, 7.0, 11.0, 32.0, 10.0, 12.0];
        assert_eq!(scale(&folded, Paper::A4), 1.0);
        let all = [
            5.0, 7.0, 9.0, 24.0, 36.0, 12.0, 12.0, 8.0, 11.0, 36.0, 14.0, 11.0, 12.0,
        ];
        let a4 = scale(&all, Paper::A4);
        assert!((0.6..0.75).contains(&a4), "{a4}");
        assert_eq!(scale(&all, Paper::A3), 1.0);
        assert!((page_height(Paper::A4, 1.0) - 508.9).abs() < 1.0);
        assert_eq!(max_lines(), 30);
    }

    #[test]
    fn long_text_is_cut_into_parts_of_whole_lines() {
        let text = "一二三四五六七八九十".repeat(10);
        let parts = parts(&text, 11.0, 3);
        // ten columns hold five characters a line: fifteen characters a part
        assert_eq!(parts.len(), 7);
        assert_eq!(parts.concat(), text);
        assert!(parts.iter().all(|p| lines_of(p, 11.0).len() <= 3));
        let two = parts_of_paragraphs();
        assert_eq!(two, ["第一段\n第二段", "第三段"]);
    }

    fn parts_of_paragraphs() -> Vec<String> {
        parts("第一段\n第二段\n第三段", 11.0, 2)
    }

    #[test]
    fn a_problem_that_fits_on_a_page_is_kept_on_one() {
        // rows of 100 pt; pages of 350 (the first) and 450; problems of 3, 3 and 2 rows
        let mut pager = Pager::new(350.0, 450.0);
        let breaks: Vec<Vec<usize>> = [3, 3, 2]
            .iter()
            .map(|n| pager.problem(&vec![100.0; *n]))
            .collect();
        assert_eq!(breaks, [vec![], vec![3], vec![6]]);
        // one problem longer than a page breaks where a page is full
        let mut pager = Pager::new(350.0, 450.0);
        assert_eq!(pager.problem(&[100.0; 8]), [3, 7]);
    }

    #[test]
    fn no_more_breaks_are_kept_than_excel_takes() {
        // every problem of a page's height begins a page of its own
        let mut pager = Pager::new(100.0, 100.0);
        let kept: usize = (0..MAX_BREAKS + 10)
            .map(|_| pager.problem(&[100.0]).len())
            .sum();
        assert_eq!(kept, MAX_BREAKS);
    }
}
