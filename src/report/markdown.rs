//! The list as Markdown, for pasting into reports: title, as-of line, summary and the table.
//! A problem's code, category and title stand on its first row only, as if merged.

use super::Report;
use super::changes::Changes;

/// Escapes what would break a table cell: `|`, line breaks, and a leading character that
/// Markdown would read as markup.
fn cell(text: &str) -> String {
    let one_line = text
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>");
    match one_line.chars().next() {
        Some('#' | '>' | '*' | '-' | '+' | '=' | '`') => format!("\\{one_line}"),
        _ => one_line,
    }
}

pub fn write(report: &Report) -> String {
    let columns = report.lang.export_columns();
    let mut out = format!("# {}\n\n{}\n\n", cell(&report.title), report.as_of_line());
    out.push_str(&format!(
        "| {} |\n|{}\n",
        columns.join(" | "),
        "---|".repeat(columns.len())
    ));
    for row in &report.rows {
        let mut cells = report.cells(row);
        if !row.first_of_problem {
            for c in &mut cells[1..4] {
                c.clear();
            }
        }
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if let Some(changes) = &report.changes {
        out.push_str(&changes_section(report, changes));
    }
    out
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
