//! The unit board (单位看板): the `stats` table, ranked, with the selection; Enter shows the
//! selected unit's tasks in the ledger.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use super::{cell, filler};
use crate::model::Status;
use crate::text::width;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang;
    let total = &app.stats.total;
    let rate = |r: Option<f64>| r.map_or_else(|| "—".to_string(), |r| format!("{:.1}%", r * 100.0));
    let title = format!(
        " {} · {} ",
        lang.tui_units_board(),
        lang.totals_line(
            total.tasks,
            total.closed,
            total.overdue,
            &rate(total.completion_rate())
        )
    );
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let header = [
        lang.col_rank().to_string(),
        lang.col_unit_name().to_string(),
        lang.col_kind().to_string(),
        lang.col_tasks().to_string(),
        lang.status(Status::Closed).to_string(),
        lang.status(Status::Submitted).to_string(),
        lang.status(Status::InProgress).to_string(),
        lang.status(Status::NotStarted).to_string(),
        lang.status(Status::Ongoing).to_string(),
        lang.col_overdue().to_string(),
        lang.col_rate().to_string(),
    ];
    let rows: Vec<[String; 11]> = app
        .stats
        .units
        .iter()
        .map(|line| {
            let t = &line.tally;
            [
                line.rank.map_or_else(|| "—".to_string(), |r| r.to_string()),
                line.unit.name.clone(),
                lang.unit_kind(line.unit.kind).to_string(),
                t.tasks.to_string(),
                t.closed.to_string(),
                t.submitted.to_string(),
                t.in_progress.to_string(),
                t.not_started.to_string(),
                t.ongoing.to_string(),
                t.overdue.to_string(),
                rate(t.completion_rate()),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(&header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // on a narrow screen the status breakdown gives way; rank, tasks, closed, overdue and the
    // rate the ranking rests on stay
    let mut shown: Vec<usize> = (0..header.len()).collect();
    let total = |shown: &[usize]| shown.iter().map(|&i| widths[i] + 2).sum::<usize>();
    for optional in [2, 8, 5, 7, 6] {
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
    let mut lines = vec![Line::styled(join(&header), theme.heading())];
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.unit_selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(offset).take(height) {
        let text = join(row);
        let line = if i == app.unit_selected {
            let fill = usize::from(inner.width).saturating_sub(width(&text));
            Line::from(vec![
                Span::styled(text, theme.selected()),
                filler(fill, theme.selected()),
            ])
        } else {
            Line::raw(text)
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
