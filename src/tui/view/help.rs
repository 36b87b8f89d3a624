//! The help overlay: every binding of the keymap, grouped by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::clear_popup;
use crate::text::{pad, width};
use crate::tui::keys::{self, Mode};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: Theme) {
    let lang = state.lang;
    let area = state.layout.screen;
    // the history's own keys go under the unit board's heading, which names both
    let groups = [
        (Some(lang.tui_help_browse()), Mode::Ledger),
        (Some(lang.tui_help_units()), Mode::Units),
        (None, Mode::History),
        (Some(lang.tui_help_search()), Mode::Search),
        (Some(lang.tui_help_form()), Mode::Form),
    ];
    let key_width = keys::BINDINGS
        .iter()
        .map(|b| width(&keys::keys_label(b)))
        .max()
        .unwrap_or(8);
    let mut lines = Vec::new();
    for (title, mode) in groups {
        if let Some(title) = title {
            lines.push(Line::styled(title.to_string(), theme.heading()));
        }
        for binding in keys::bindings(mode, false) {
            // the unit board and the history share the browsing keys; list what is theirs
            if matches!(mode, Mode::Units | Mode::History) && binding.modes.contains(&Mode::Ledger)
            {
                continue;
            }
            // a binding of both is listed once, under the unit board
            if mode == Mode::History && binding.modes.contains(&Mode::Units) {
                continue;
            }
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", pad(&keys::keys_label(binding), key_width)),
                    theme.key(),
                ),
                Span::raw(format!("  {}", keys::label(binding.action, lang))),
            ]));
        }
    }
    // the ledger's settings, which `zhenggai setting` changes
    lines.push(Line::styled(
        lang.tui_help_settings().to_string(),
        theme.heading(),
    ));
    for (key, value) in &state.data.settings {
        let line = format!(
            "  {}  {}",
            lang.setting_name(*key),
            lang.setting_value(*key, value.as_deref())
        );
        lines.push(Line::raw(crate::text::truncate(
            &crate::text::clean_line(&line),
            36,
        )));
    }
    // one column when it fits the screen, else two side by side
    let rows = usize::from(area.height.saturating_sub(4));
    let columns = if lines.len() <= rows { 1 } else { 2 };
    let per_column = lines.len().div_ceil(columns);
    let column_width = 38u16;
    let rect = if columns == 1 {
        state
            .layout
            .centered(column_width + 3, per_column as u16 + 2)
    } else {
        state
            .layout
            .centered(2 * column_width + 4, per_column as u16 + 2)
    };
    clear_popup(frame, rect);
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", lang.tui_help(), lang.tui_help_title()),
        theme.title(),
    ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut chunks = lines.chunks(per_column.max(1));
    for i in 0..columns as u16 {
        let Some(chunk) = chunks.next() else { break };
        let x = inner.x + 1 + i * (column_width + 1);
        let column = Rect::new(x, inner.y, column_width.min(inner.width), inner.height);
        frame.render_widget(Paragraph::new(chunk.to_vec()), column);
    }
}
