//! Drawing: a pure function of the app's state onto a frame. One file per screen or popup; the
//! layout lives here so that `update` can map a mouse click to a row with the same numbers.

mod form;
mod help;
mod history;
mod ledger;
pub mod theme;
mod units;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::app::{App, Notice, Popup, View};
use super::keys;
use crate::model::Light;
use crate::text::{clean_line, truncate, width};
pub use ledger::detail_scroll_limit;
use theme::Theme;

/// The smallest screen the layout is made for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Below this width the detail pane is not beside the table but replaces it (Enter).
const SIDE_BY_SIDE: u16 = 100;

/// Where things go on a screen of `size`.
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn areas(size: (u16, u16)) -> Areas {
    let screen = Rect::new(0, 0, size.0, size.1);
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    Areas {
        header,
        body,
        status,
        footer,
    }
}

/// The ledger table (with its border) and the detail pane, if they stand side by side.
pub fn split_body(body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= SIDE_BY_SIDE {
        let [table, detail] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(body);
        (table, Some(detail))
    } else {
        (body, None)
    }
}

pub fn table_area(size: (u16, u16)) -> Rect {
    split_body(areas(size).body).0
}

/// Rows of the ledger table that fit: the area less its border and the column header.
pub fn table_height(size: (u16, u16)) -> usize {
    usize::from(table_area(size).height.saturating_sub(3))
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let message = app.lang.tui_too_small(area.width, area.height);
        frame.render_widget(Paragraph::new(message).style(theme.error()), area);
        return;
    }
    let areas = areas((area.width, area.height));
    header(frame, app, theme, areas.header);
    match app.view {
        View::Ledger => ledger::draw(frame, app, theme, areas.body),
        View::Units => units::draw(frame, app, theme, areas.body),
        View::History => history::draw(frame, app, theme, areas.body),
    }
    status_line(frame, app, theme, areas.status);
    footer(frame, app, theme, areas.footer);
    match &app.popup {
        Some(Popup::Form(f)) => form::draw(frame, app, theme, f, area),
        Some(Popup::Help) => help::draw(frame, app, theme, area),
        None => {}
    }
}

/// Title, file, as-of date and counts; then the active filter or the read-only banner.
fn header(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang;
    let (red, yellow) = app.light_counts;
    // the counts stand at the right and are never cut; the title gives way first
    let right = vec![
        Span::raw(format!(
            "{}   {} {}  ",
            lang.as_of(&crate::date::format(app.clock.today)),
            lang.tui_open_only(),
            app.stats.total.open()
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
    let file = app
        .store
        .path()
        .file_name()
        .map(|n| clean_line(&n.to_string_lossy()))
        .unwrap_or_default();
    let title = format!(" {} · {}", lang.app_title(), clean_line(&app.data.title));
    let room = usize::from(area.width).saturating_sub(right_width + 2);
    let with_file = format!("{title}   {file}");
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
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(spans)), first);
    // a read-only ledger says so before the filter, which stays in sight
    let mut second_line = Vec::new();
    if app.is_read_only() {
        second_line.push(Span::styled(
            format!(" {} ", lang.tui_read_only()),
            theme.banner(),
        ));
    }
    second_line.push(Span::styled(
        format!(" {}", filter_summary(app)),
        theme.muted(),
    ));
    frame.render_widget(Paragraph::new(Line::from(second_line)), second);
}

/// "筛选：未销号 · 搜索“培训” · 单位 石泉县 · 12 行"
fn filter_summary(app: &App) -> String {
    let lang = app.lang;
    let mut parts = vec![if app.open_only {
        lang.tui_open_only().to_string()
    } else {
        lang.tui_all().to_string()
    }];
    let f = &app.filter;
    if let Some(search) = f.search.as_deref().filter(|s| !s.is_empty()) {
        parts.push(lang.tui_search_active(&clean_line(search)));
    }
    parts.extend(f.statuses.iter().map(|s| lang.status(*s).to_string()));
    if let Some(c) = f.category {
        parts.push(lang.category(c).to_string());
    }
    if let Some(u) = &f.unit {
        parts.push(lang.tui_unit_filter(&clean_line(u)));
    }
    if let Some(l) = f.light {
        parts.push(lang.light(l).to_string());
    }
    parts.push(lang.tui_rows(app.rows.len()));
    lang.tui_filter_line(&parts.join(" · "))
}

/// The search being typed, or the last notice.
fn status_line(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let line = if app.searching {
        let text = clean_line(app.search_text().unwrap_or(""));
        Line::from(vec![
            Span::styled(app.lang.tui_search_prompt(&text), theme.focused()),
            Span::styled("▏", theme.focused()),
        ])
    } else {
        match &app.notice {
            Some(Notice::Info(text)) => {
                Line::styled(format!(" {}", clean_line(text)), theme.info())
            }
            Some(Notice::Error(text)) => {
                Line::styled(format!(" {}", clean_line(text)), theme.error())
            }
            None => Line::default(),
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The keys that work now, from the keymap, as many as fit.
fn footer(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0;
    for binding in keys::bindings(app.mode(), true) {
        let key = keys::keys_label(binding);
        let label = keys::label(binding.action, app.lang);
        let item = width(&key) + 1 + width(label) + 2;
        if used + item > usize::from(area.width) {
            break;
        }
        used += item;
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
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

/// A box in the middle of `area`, `w`×`h` at most.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A stored UTC timestamp in local time, to the minute.
pub fn local_minute(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| stored.to_string())
}

/// A value of the event log as people read it; times (`…_at`) in local time.
pub fn shown_value(lang: crate::i18n::Lang, field: &str, value: &serde_json::Value) -> String {
    match value.as_str() {
        Some(stored) if field.ends_with("_at") => local_minute(stored),
        _ => lang.value(field, value),
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
