//! The list as Markdown, for pasting into reports: title, as-of line, summary and the table.
//! A problem's code, category and title stand on its first row only, as if merged.

use super::changes::Changes;
use super::{Report, Row};
use crate::i18n::Lang;

/// Escapes what would break a table cell: `|`, line breaks, and a leading character that
/// Markdown would read as markup.
fn cell(text: &str) -> String {
    let one_line = match text.contains(['\\', '|', '\r', '\n']) {
        false => text.to_string(),
        true => text
            .replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace("\r\n", "<br>")
            .replace(['\n', '\r'], "<br>"),
    };
    match one_line.chars().next() {
        Some('#' | '>' | '*' | '-' | '+' | '=' | '`') => format!("\\{one_line}"),
        _ => one_line,
    }
}

pub fn write(report: &Report) -> String {
    let mut out = head(report.lang, &report.title, &report.as_of_line());
    for row in &report.rows {
        out.push_str(&row_line(report.lang, row));
    }
    if let Some(changes) = &report.changes {
        out.push_str(&changes_section(report, changes));
    }
    out
}

/// What comes before the rows: the title, the as-of line and the table's head.
pub fn head(lang: Lang, title: &str, as_of_line: &str) -> String {
    let columns = lang.export_columns();
    format!(
        "# {}\n\n{as_of_line}\n\n| {} |\n|{}\n",
        cell(title),
        columns.join(" | "),
        "---|".repeat(columns.len())
    )
}

/// The table line of one row; a problem's code, category and title only on its first.
pub fn row_line(lang: Lang, row: &Row) -> String {
    let mut cells = row.cells(lang);
    if !row.first_of_problem {
        for c in &mut cells[1..4] {
            *c = "".into();
        }
    }
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// 本期变化 after the list: its title, counts and one table row per change.
fn changes_section(report: &Report, changes: &Changes) -> String {
    let columns = Changes::columns(report.lang);
    let mut out = format!(
        "\n## {}\n\n{}\n\n| {} |\n|{}\n",
        cell(&changes.title),
        cell(&changes.counts),
        columns.join(" | "),
        "---|".repeat(columns.len())
    );
    for line in &changes.lines {
        let cells: Vec<String> = line.cells().iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("第一行\n第二行"), "第一行<br>第二行");
        assert_eq!(cell("# 标题"), "\\# 标题");
        assert_eq!(cell("正文"), "正文");
    }
}
