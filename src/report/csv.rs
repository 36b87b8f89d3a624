//! The list as CSV: UTF-8 with a byte order mark (so Excel on Chinese Windows reads it right),
//! RFC 4180 quoting and line ends, and a guard against formula injection.

use super::{Report, Row};
use crate::i18n::Lang;

const BOM: &str = "\u{feff}";

/// Appends `cell` as a field: RFC 4180 quoting (a field with a comma, a quote or a line break
/// is quoted, its quotes doubled), and a guard against formula injection (a cell that a
/// spreadsheet would take as a formula, starting `=`, `+`, `-`, `@`, tab or CR, gets a leading
/// `'`, so it is shown as the text it is).
fn push_field(out: &mut String, cell: &str) {
    let guarded = matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    let quoted = cell.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    match quoted {
        true => out.push_str(&cell.replace('"', "\"\"")),
        false => out.push_str(cell),
    }
    if quoted {
        out.push('"');
    }
}

/// Appends a line of fields, ended by CR LF.
fn push_line<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, cell);
    }
    out.push_str("\r\n");
}

pub fn write(report: &Report) -> Vec<u8> {
    let mut out = head(report.lang);
    for row in &report.rows {
        push_row(&mut out, report.lang, row);
    }
    out.into_bytes()
}

/// What comes before the rows: the byte order mark and the column names.
pub fn head(lang: Lang) -> String {
    let mut out = String::from(BOM);
    push_line(&mut out, lang.export_columns().iter().copied());
    out
}

/// Appends the line of one row.
pub fn push_row(out: &mut String, lang: Lang, row: &Row) {
    push_line(out, row.cells(lang).iter().map(|c| c.as_ref()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(cell: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, cell);
        out
    }

    #[test]
    fn quoting_and_the_guard() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说“好”"), "说“好”");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("两行\n文字"), "\"两行\n文字\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-3"), "'-3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("-a,b"), "\"'-a,b\"");
        assert_eq!(field("正常文字"), "正常文字");
        let mut line = String::new();
        push_line(&mut line, ["=HYPERLINK(\"http://x\",\"y\")", "x"]);
        assert_eq!(line, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",x\r\n");
    }
}
