//! The history view (操作日志): the event log, newest first, one line per change of a record.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph};

use super::{fit, list_line};
use crate::tui::detail::{shown_value, when};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let lang = state.lang;
    // a period, when one is chosen: the changes after a day up to the day shown
    let period = state.history_since.map(|since| {
        let (since, until) = (
            crate::date::format(since),
            crate::date::format(state.clock.today),
        );
        format!(" · {}", lang.tui_history_period(&since, &until))
    });
    let block = Block::bordered().title(Span::styled(
        format!(" {}{} ", lang.tui_history(), period.unwrap_or_default()),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let columns = usize::from(inner.width);
    let height = usize::from(inner.height);
    if state.history.is_empty() {
        frame.render_widget(Paragraph::new(lang.no_events()), inner);
        return;
    }
    let offset = state
        .history_selected
        .saturating_sub(height.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, event) in state.history.iter().enumerate().skip(offset).take(height) {
        let changes: Vec<String> = event
            .changes
            .iter()
            .map(|c| {
                let new = shown_value(lang, event, &c.field, &c.new);
                if c.old.is_null() {
                    lang.set_line(&lang.field(&c.field), &new)
                } else {
                    let old = shown_value(lang, event, &c.field, &c.old);
                    lang.change_line(&lang.field(&c.field), &old, &new)
                }
            })
            .collect();
        // the day it took effect leads; when it was typed in on another day, the line ends so
        let (day, recorded) = when(lang, event);
        let text = format!(
            "{day}  {}  {} {}  {}  {}{recorded}",
            event.actor,
            lang.entity(&event.entity),
            event.label,
            lang.action(&event.action),
            changes.join(lang.changes_separator())
        );
        let text = fit(&text, columns);
        lines.push(list_line(text, i == state.history_selected, columns, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
