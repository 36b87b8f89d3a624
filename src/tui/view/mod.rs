//! Drawing: a pure function of the state onto a frame, by the numbers of `layout`. One file per
//! screen or popup.

mod form;
mod help;
mod history;
mod ledger;
mod units;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::keys::{self, Action, Footer};
use super::state::{Busy, Notice, Popup, Question, State, View};
use super::theme::Theme;
use crate::model::Light;
use crate::text::{clean_line, truncate, width, wrap};

pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    let theme = Theme { color: state.color };
    let layout = &state.layout;
    if layout.too_small() || area.width < layout.screen.width || area.height < layout.screen.height
    {
        let message = state.lang.tui_too_small(area.width, area.height);
        frame.render_widget(Paragraph::new(message).style(theme.error()), area);
        return;
    }
    header(frame, state, theme, layout.header);
    match state.view {
        View::Ledger => ledger::draw(frame, state, theme),
        View::Units => units::draw(frame, state, theme, layout.body),
        View::History => history::draw(frame, state, theme, layout.body),
    }
    status_line(frame, state, theme, layout.status);
    footer(frame, state, theme, layout.footer);
    match &state.popup {
        Some(Popup::Form(f)) => form::draw(frame, state, theme, f),
        Some(Popup::Help) => help::draw(frame, state, theme),
        Some(Popup::Confirm { question, .. }) => confirm(frame, state, theme, *question),
        None => {}
    }
}

/// Title, file, as-of date and counts; then the read-only banner and the active filter.
fn header(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let lang = state.lang;
    // counts of part of the ledger are not shown while the rest is read
    let count = |n: usize| match state.loaded {
        true => n.to_string(),
        false => lang.tui_counting().to_string(),
    };
    let (red, yellow) = (count(state.light_counts.0), count(state.light_counts.1));
    // the counts stand at the right and are never cut; the title gives way first
    let right = vec![
        Span::raw(format!(
            "{}   {} {}  ",
            lang.as_of(&crate::date::format(state.clock.today)),
            lang.tui_open_only(),
            count(state.stats.total.open() as usize)
        )),
        Span::styled(
            format!("{} {}", lang.light(Light::Red), red),
            theme.light(Some(Light::Red)),
        ),
        Span::raw("  "),
        Span::styled(
            format!("{} {} ", lang.light(Light::Yellow), yellow),
            theme.light(Some(Light::Yellow)),
        ),
    ];
    let right_width: usize = right.iter().map(|s| width(&s.content)).sum();
    let title = format!(" {} · {}", lang.app_title(), clean_line(&state.data.title));
    let room = usize::from(area.width).saturating_sub(right_width + 2);
    let with_file = format!("{title}   {}", clean_line(&state.file_name));
    let left = if width(&with_file) <= room {
        with_file
    } else {
        truncate(&title, room)
    };
    let gap = usize::from(area.width).saturating_sub(width(&left) + right_width);
    let mut spans = vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(gap)),
    ];
    spans.extend(right);
    let [first, second] =
        Split::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(spans)), first);
    let mut second_line = Vec::new();
    if state.is_past() {
        let day = crate::date::format(state.clock.today);
        second_line.push(Span::styled(
            format!(" {} ", lang.tui_past_banner(&day)),
            theme.banner(),
        ));
    }
    if state.read_only {
        second_line.push(Span::styled(
            format!(" {} ", lang.tui_read_only()),
            theme.banner(),
        ));
    }
    let rows = match state.loaded {
        true => lang.tui_rows(state.rows.len()),
        false => lang.tui_counting().to_string(),
    };
    let summary = format!("{} · {rows}", state.filter_words());
    second_line.push(Span::styled(
        format!(" {}", lang.tui_filter_line(&summary)),
        theme.muted(),
    ));
    frame.render_widget(Paragraph::new(Line::from(second_line)), second);
}

/// The search being typed, what is in flight, or the last notice.
fn status_line(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let lang = state.lang;
    let busy = state.in_flight.as_ref().map(|flight| match flight.what {
        Busy::Saving => lang.tui_saving().to_string(),
        Busy::Undoing => lang.tui_undoing().to_string(),
        Busy::Exporting => lang.tui_exporting(state.now.saturating_sub(flight.since) / 10),
    });
    let line = if state.searching {
        let text = clean_line(state.filter.search.as_deref().unwrap_or(""));
        let mut spans = vec![
            Span::styled(lang.tui_search_prompt(&text), theme.focused()),
            Span::styled("▏", theme.focused()),
        ];
        if state.search_waiting() {
            spans.push(Span::styled(
                format!("  {}", lang.tui_search_waiting()),
                theme.muted(),
            ));
        }
        Line::from(spans)
    } else if let Some(busy) = busy {
        Line::styled(format!(" {busy}"), theme.focused())
    } else if !state.loaded && state.notice.is_none() {
        Line::styled(format!(" {}", lang.tui_loading()), theme.muted())
    } else {
        match &state.notice {
            Some(Notice::Info(text)) => {
                Line::styled(format!(" {}", clean_line(text)), theme.info())
            }
            Some(Notice::Error(text)) => {
                Line::styled(format!(" {}", clean_line(text)), theme.error())
            }
            None if state.search_waiting() => {
                Line::styled(format!(" {}", lang.tui_search_waiting()), theme.muted())
            }
            None => Line::default(),
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The label of a binding in the footer; `o` says what it will show.
fn footer_label(state: &State, action: Action) -> &'static str {
    match action {
        Action::ToggleOpen if state.open_only => state.lang.key_show_all(),
        Action::ToggleOpen => state.lang.key_open_only(),
        Action::Save
            if state
                .form()
                .is_some_and(|f| f.kind == super::forms::FormKind::Filter) =>
        {
            state.lang.key_apply()
        }
        other => keys::label(other, state.lang),
    }
}

/// The footer's items for the mode: `(keys, what they do)`, grouped bindings as one.
pub fn footer_items(state: &State) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = Vec::new();
    let mut grouping = false;
    for binding in keys::bindings(state.mode(), true) {
        let key = keys::keys_label(binding);
        let label = footer_label(state, binding.action).to_string();
        match (binding.footer, grouping, items.last_mut()) {
            (Footer::Grouped, true, Some(last)) => {
                last.0.push('/');
                last.0.push_str(&key);
                last.1.push('/');
                last.1.push_str(&label);
            }
            _ => items.push((key, label)),
        }
        grouping = binding.footer == Footer::Grouped;
    }
    items
}

/// The keys that work now, from the keymap, as many as fit.
fn footer(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in footer_items(state) {
        let item = width(&key) + 1 + width(&label) + 2;
        if used + item > usize::from(area.width) {
            break;
        }
        used += item;
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn confirm(frame: &mut Frame, state: &State, theme: Theme, question: Question) {
    let lang = state.lang;
    let text = match question {
        Question::QuitWithUnsaved => lang.tui_quit_unsaved(),
    };
    let inner_width = 50usize;
    let lines: Vec<Line> = wrap(text, inner_width)
        .into_iter()
        .map(|l| Line::styled(l, theme.title()))
        .collect();
    let keys: Vec<String> = keys::bindings(super::keys::Mode::Confirm, true)
        .map(|b| format!("{} {}", keys::keys_label(b), keys::label(b.action, lang)))
        .collect();
    let rect = state
        .layout
        .centered(inner_width as u16 + 4, lines.len() as u16 + 4);
    clear_popup(frame, rect);
    let block = Block::bordered()
        .border_style(theme.error())
        .title_bottom(Line::from(format!(" {} ", keys.join(" · "))));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(
            inner.x + 1,
            inner.y + 1,
            inner.width.saturating_sub(2),
            inner.height.saturating_sub(1),
        ),
    );
}

/// Clears the ground of a popup. A wide character of the screen beneath whose right half falls
/// under the popup's left border is blanked too: a terminal cannot show half of it, and would
/// drop the border instead.
pub fn clear_popup(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let left = &mut buffer[(rect.x - 1, y)];
        if width(left.symbol()) > 1 {
            left.set_symbol(" ");
        }
    }
}

/// A cell of exactly `columns` display columns (cut with `…`, padded with spaces).
pub fn cell(text: &str, columns: usize) -> String {
    crate::text::pad(&clean_line(text), columns)
}

/// `text` cut to `columns`, not padded.
pub fn fit(text: &str, columns: usize) -> String {
    truncate(&clean_line(text), columns)
}

/// A span that fills the rest of a line with the given style (for the selected row).
pub fn filler(columns: usize, style: Style) -> Span<'static> {
    Span::styled(" ".repeat(columns), style)
}

/// A line of a list, reversed over the whole width when it is the selected one.
pub fn list_line(text: String, selected: bool, columns: usize, theme: Theme) -> Line<'static> {
    if !selected {
        return Line::raw(text);
    }
    let fill = columns.saturating_sub(width(&text));
    Line::from(vec![
        Span::styled(text, theme.selected()),
        filler(fill, theme.selected()),
    ])
}
