//! The 公文 page of GB/T 9704 in docx, through docx-rs: A4 with margins of 37 mm (top), 35 mm
//! (bottom), 28 mm (left) and 26 mm (right); the body in 3号仿宋 on fixed lines of 28.95 pt (22
//! lines a page); titles in 2号小标宋; first-level headings in 3号黑体, second-level in 楷体;
//! page numbers `— 1 —` in 4号宋体, odd pages on the right and even pages on the left.
//!
//! docx names a font and cannot give a fallback: a reader without 方正小标宋简体 shows the title
//! in the font it substitutes (LibreOffice: its CJK serif).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table, TableCell, TableRow, VAlignType, WidthType,
};

use crate::error::Result;

pub const TITLE_FONT: &str = "方正小标宋简体";
pub const BODY_FONT: &str = "仿宋";
pub const HEADING_FONT: &str = "黑体";
pub const SUBHEADING_FONT: &str = "楷体";
pub const NUMBER_FONT: &str = "宋体";

/// Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt.
pub const SIZE_2: usize = 44;
pub const SIZE_3: usize = 32;
pub const SIZE_4: usize = 28;
pub const SIZE_SMALL_4: usize = 24;

/// One line of body text: 28.95 pt, in twentieths of a point.
const LINE: i32 = 579;

/// Millimetres in twips (twentieths of a point).
pub fn mm(value: f64) -> i32 {
    (value * 1440.0 / 25.4).round() as i32
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

/// A run of `text` in `font` at `size`: a line break for each `\n`.
pub fn run(text: &str, font: &str, size: usize) -> Run {
    let mut run = Run::new().fonts(fonts(font)).size(size);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// An empty A4 page of GB/T 9704, with its page numbers.
pub fn page() -> Docx {
    let number = |align: AlignmentType, side: (Option<i32>, Option<i32>)| {
        Paragraph::new()
            .align(align)
            .indent(side.0, None, side.1, None)
            .add_run(run("— ", NUMBER_FONT, SIZE_4))
            .add_page_num(PageNum::new())
            .add_run(run(" —", NUMBER_FONT, SIZE_4))
            .fonts(fonts(NUMBER_FONT))
            .size(SIZE_4)
    };
    // one character (4号) in from the edge of the text
    let one = 280;
    Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(21.0)),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(SIZE_3)
        .footer(Footer::new().add_paragraph(number(AlignmentType::Right, (None, Some(one)))))
        .even_footer(Footer::new().add_paragraph(number(AlignmentType::Left, (Some(one), None))))
}

fn line() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE)
}

/// The title: centred, 2号小标宋, with a blank line under it.
pub fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(700)
                .after(LINE as u32),
        )
        .add_run(run(text, TITLE_FONT, SIZE_2))
}

/// A paragraph of body text: indented two characters, justified.
pub fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(line())
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * 320)),
            None,
            None,
        )
        .add_run(run(text, BODY_FONT, SIZE_3))
}

/// A body line without indent, aligned as given (the addressee, the signature).
pub fn plain(text: &str, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(line())
        .add_run(run(text, BODY_FONT, SIZE_3))
}

/// A first-level heading (`一、`) in 黑体, or a second-level one (`（一）`) in 楷体.
pub fn heading(text: &str, level: usize) -> Paragraph {
    let font = if level == 1 {
        HEADING_FONT
    } else {
        SUBHEADING_FONT
    };
    Paragraph::new()
        .line_spacing(line())
        .keep_next(true)
        .outline_lvl(level - 1)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * 320)),
            None,
            None,
        )
        .add_run(run(text, font, SIZE_3))
}

/// A blank body line.
pub fn blank() -> Paragraph {
    Paragraph::new().line_spacing(line())
}

/// A table of `widths` (mm) in 小四: a bold 黑体 header row, then `rows`; a cell may hold
/// several lines.
pub fn table(widths: &[f64], header: Option<&[&str]>, rows: &[Vec<String>]) -> Table {
    let cell = |text: &str, font: &str, width: f64, center: bool| {
        let mut paragraph = Paragraph::new().line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(260),
        );
        if center {
            paragraph = paragraph.align(AlignmentType::Center);
        }
        TableCell::new()
            .width(mm(width) as usize, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(paragraph.add_run(run(text, font, SIZE_SMALL_4)))
    };
    let mut out: Vec<TableRow> = Vec::new();
    if let Some(header) = header {
        let cells = header
            .iter()
            .zip(widths)
            .map(|(text, w)| cell(text, HEADING_FONT, *w, true))
            .collect();
        out.push(TableRow::new(cells));
    }
    for row in rows {
        let cells = row
            .iter()
            .zip(widths)
            .map(|(text, w)| cell(text, BODY_FONT, *w, false))
            .collect();
        out.push(TableRow::new(cells).cant_split());
    }
    let grid = widths.iter().map(|w| mm(*w) as usize).collect();
    let total: f64 = widths.iter().sum();
    Table::new(out)
        .set_grid(grid)
        .width(mm(total) as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
}

/// The document as the bytes of a .docx file.
pub fn bytes(docx: Docx) -> Result<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(out.into_inner())
}
