//! The help overlay: every binding of the keymap, grouped by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::theme::Theme;
use crate::text::{pad, width};
use crate::tui::app::App;
use crate::tui::keys::{self, Mode};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang;
    let groups = [
        (lang.tui_help_browse(), Mode::Ledger),
        (lang.tui_help_units(), Mode::Units),
        (lang.tui_help_search(), Mode::Search),
        (lang.tui_help_form(), Mode::Form),
    ];
    let key_width = keys::BINDINGS
        .iter()
        .map(|b| width(&keys::keys_label(b)))
        .max()
        .unwrap_or(8);
    let mut lines = Vec::new();
    for (title, mode) in groups {
        lines.push(Line::styled(title.to_string(), theme.heading()));
        for binding in keys::bindings(mode, false) {
            // units share the browsing keys; list only what is special to them
            if mode == Mode::Units && binding.modes.contains(&Mode::Ledger) {
                continue;
            }
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", pad(&keys::keys_label(binding), key_width)),
                    theme.key(),
                ),
                Span::raw(format!("  {}", keys::describe(lang, binding.action))),
            ]));
        }
    }
    let rect = centered(area, 64, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", lang.tui_help(), lang.tui_help_title()),
        theme.title(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
