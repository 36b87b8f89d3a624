//! The list as CSV: UTF-8 with a byte order mark (so Excel on Chinese Windows reads it right),
//! RFC 4180 quoting and line ends, and a guard against formula injection.

use super::Report;

const BOM: &str = "\u{feff}";

/// A cell that a spreadsheet would take as a formula (`=`, `+`, `-`, `@`, tab, CR at the start)
/// gets a leading `'`, so it is shown as the text it is.
fn guarded(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn line(cells: impl IntoIterator<Item = String>) -> String {
    let fields: Vec<String> = cells.into_iter().map(|c| quoted(&guarded(&c))).collect();
    format!("{}\r\n", fields.join(","))
}

pub fn write(report: &Report) -> Vec<u8> {
    let mut out = String::from(BOM);
    out.push_str(&line(
        report.lang.export_columns().iter().map(|c| c.to_string()),
    ));
    for row in &report.rows {
        out.push_str(&line(report.cells(row)));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_the_guard() {
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("说“好”"), "说“好”");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("两行\n文字"), "\"两行\n文字\"");
        assert_eq!(guarded("=1+1"), "'=1+1");
        assert_eq!(guarded("-3"), "'-3");
        assert_eq!(guarded("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guarded("\tx"), "'\tx");
        assert_eq!(guarded("正常文字"), "正常文字");
        assert_eq!(
            line(["=HYPERLINK(\"http://x\",\"y\")".to_string()]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n"
        );
    }
}
