//! The unit board (单位看板): the `stats` table, ranked, with the selection; Enter shows the
//! selected unit's tasks in the ledger.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{cell, list_line};
use crate::i18n::percent;
use crate::text::width;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let lang = state.lang;
    let total = &state.stats.total;
    let title = format!(
        " {} · {} ",
        lang.tui_units_board(),
        lang.totals_line(
            total.tasks,
            total.closed,
            total.overdue,
            &percent(total.completion_rate())
        )
    );
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // the board's columns, then 最近报送 once the office has sent packets
    let reports = &state.data.reports;
    let mut header: Vec<&str> = lang.unit_board_header().to_vec();
    if !reports.is_empty() {
        header.push(lang.col_last_report());
    }
    let rows: Vec<Vec<String>> = state
        .stats
        .units
        .iter()
        .map(|line| {
            let mut row = lang.unit_board_row(line).to_vec();
            if !reports.is_empty() {
                let sent = reports.iter().filter(|p| p.unit_id == line.unit.id);
                row.push(lang.board_report(sent, state.clock.today));
            }
            row
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // on a narrow screen the kind, extensions and the status breakdown give way, then the
    // on-time rate; rank, tasks, closed, overdue and the rate the ranking rests on stay
    let mut shown: Vec<usize> = (0..header.len()).collect();
    let total = |shown: &[usize]| shown.iter().map(|&i| widths[i] + 2).sum::<usize>();
    for optional in [2, 10, 8, 5, 7, 6, 12, 13] {
        if total(&shown) <= usize::from(inner.width) {
            break;
        }
        shown.retain(|&i| i != optional);
    }
    let join = |cells: &[String]| {
        shown
            .iter()
            .map(|&i| cell(&cells[i], widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut lines = vec![Line::styled(join(&header), theme.heading())];
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = state.unit_selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(offset).take(height) {
        let text = join(row);
        lines.push(list_line(
            text,
            i == state.unit_selected,
            usize::from(inner.width),
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
