//! The lines of the detail pane for the selection, wrapped by display columns: what `view`
//! draws and what `update` counts to know how far the pane scrolls.

use ratatui::style::Style;
use ratatui::text::Line;

use super::layout::Layout;
use super::msg::RowKey;
use super::state::State;
use super::theme::Theme;
use crate::model::{Event, Problem, Status, Task};
use crate::text::{clean_block, clean_line, truncate, width, wrap};

/// The lines of the detail pane for the selection, wrapped to `columns`.
pub fn lines(state: &State, theme: Theme, columns: usize) -> Vec<Line<'static>> {
    let columns = columns.max(10);
    match state.selected_row() {
        Some(RowKey::Problem(id)) => match state.data.problem(id) {
            Some(problem) => problem_detail(state, theme, problem, columns),
            None => Vec::new(),
        },
        Some(RowKey::Task(id)) => match (state.selected_whole_task(), state.data.task(id)) {
            (Some(task), _) => task_detail(state, theme, task, columns),
            // the whole task comes with the detail, a moment after the selection
            (None, Some(line)) => vec![
                Line::styled(
                    truncate(&format!("#{} {}", line.seq, line.problem_code), columns),
                    theme.title(),
                ),
                Line::styled(state.lang.tui_task_reading_short(), theme.muted()),
            ],
            (None, None) => Vec::new(),
        },
        None => vec![Line::styled(
            state.lang.tui_select_something(),
            theme.muted(),
        )],
    }
}

/// The columns the detail pane's text is wrapped to, for its area.
pub fn columns(layout: &Layout) -> usize {
    usize::from(Layout::inner(layout.detail_area()).width.saturating_sub(1))
}

/// How far the detail pane can scroll: its lines less the lines it shows.
pub fn scroll_limit(state: &State) -> u16 {
    let inner = Layout::inner(state.layout.detail_area());
    let count = lines(state, Theme { color: false }, columns(&state.layout)).len();
    u16::try_from(count.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
}

/// `text` wrapped to `columns` with `indent` before every line.
fn wrapped(text: &str, columns: usize, indent: &str, style: Style) -> Vec<Line<'static>> {
    wrap(&clean_block(text), columns.saturating_sub(width(indent)))
        .into_iter()
        .map(|l| Line::styled(format!("{indent}{l}"), style))
        .collect()
}

fn heading(text: &str, theme: Theme) -> Line<'static> {
    Line::styled(text.to_string(), theme.heading())
}

fn problem_detail(
    state: &State,
    theme: Theme,
    problem: &Problem,
    columns: usize,
) -> Vec<Line<'static>> {
    let lang = state.lang;
    let mut lines = wrapped(
        &format!("{} {}", problem.code, problem.title),
        columns,
        "",
        theme.title(),
    );
    let lead = problem.lead_unit.as_deref().unwrap_or(lang.none());
    lines.extend(wrapped(
        &lang.problem_facts(lang.category(problem.category), lead),
        columns,
        "",
        Style::default(),
    ));
    // which round, when the ledger holds several (their codes may repeat)
    if state.data.inspections.len() > 1 {
        let round = lang.labelled(lang.field_round(), &state.round_name(problem.inspection_id));
        lines.extend(wrapped(&round, columns, "", theme.muted()));
    }
    if !problem.description.is_empty() {
        lines.push(heading(lang.label_description(), theme));
        lines.extend(wrapped(&problem.description, columns, "", Style::default()));
    }
    lines.push(heading(lang.label_tasks(), theme));
    for task in state.data.tasks_of_problem(problem.id) {
        let light = state.clock.light(task.status, task.deadline);
        let text = format!(
            "#{} {} {} {}",
            task.seq,
            clean_line(&task.unit),
            lang.status(task.status),
            light.map_or("", |l| lang.light(l))
        );
        lines.push(Line::styled(truncate(&text, columns), theme.light(light)));
    }
    history_lines(state, theme, columns, &mut lines);
    lines
}

fn task_detail(state: &State, theme: Theme, task: &Task, columns: usize) -> Vec<Line<'static>> {
    let lang = state.lang;
    let problem_title = state
        .data
        .problem(task.problem_id)
        .map(|p| p.title.as_str())
        .unwrap_or("");
    let mut lines = wrapped(
        &format!("#{} {} {}", task.seq, task.problem_code, problem_title),
        columns,
        "",
        theme.title(),
    );
    let light = state.clock.light(task.status, task.deadline);
    let mut facts = lang.task_facts(&task.unit, lang.status(task.status));
    if let Some(light) = light {
        facts.push_str(&format!(" · {}", lang.light(light)));
    }
    if let Some(days) = state.clock.days_overdue(task.status, task.deadline) {
        facts.push_str(&format!(" · {}", lang.tui_overdue_days(days)));
    }
    lines.extend(wrapped(&facts, columns, "", theme.light(light)));
    let person = if task.person.is_empty() {
        lang.none()
    } else {
        &task.person
    };
    lines.extend(wrapped(
        &lang.deadline_facts(&lang.deadline_full(task), person),
        columns,
        "",
        Style::default(),
    ));
    if !task.support_units.is_empty() {
        lines.extend(wrapped(
            &lang.support_facts(&task.support_units.join(lang.list_separator())),
            columns,
            "",
            Style::default(),
        ));
    }
    if let Some(facts) = lang.extension_facts(task) {
        let line = lang.labelled(lang.label_extension(), &facts);
        lines.extend(wrapped(&line, columns, "", Style::default()));
    }
    lines.push(heading(lang.label_measure(), theme));
    lines.extend(wrapped(&task.measure, columns, "", Style::default()));
    if task.status == Status::Closed {
        lines.push(heading(lang.label_closed(), theme));
        let by = task.closed_by.as_deref().unwrap_or("");
        // the business date of the close (销号日期), not when it was typed in
        let at = task.closed_on.map(crate::date::format).unwrap_or_default();
        lines.extend(wrapped(
            &lang.closed_by_line(&at, by),
            columns,
            "",
            Style::default(),
        ));
        if let Some(note) = &task.close_note {
            lines.extend(wrapped(note, columns, "", Style::default()));
        }
    }
    if let Some(reason) = task
        .reopen_reason
        .as_deref()
        .filter(|_| !task.status.is_closed())
    {
        lines.push(heading(lang.label_reopen_reason(), theme));
        lines.extend(wrapped(reason, columns, "", Style::default()));
    }
    lines.push(heading(lang.label_progress(), theme));
    match state.selected_detail() {
        None => lines.push(Line::styled("…", theme.muted())),
        Some(detail) if detail.progress.is_empty() => {
            lines.push(Line::styled(lang.none(), theme.muted()))
        }
        Some(detail) => {
            for entry in detail.progress.iter().rev() {
                let text = lang.progress_line(
                    &entry.date.format("%m-%d").to_string(),
                    &entry.text,
                    &entry.evidence,
                );
                lines.extend(wrapped(&text, columns, "", Style::default()));
            }
        }
    }
    history_lines(state, theme, columns, &mut lines);
    lines
}

fn history_lines(state: &State, theme: Theme, columns: usize, lines: &mut Vec<Line<'static>>) {
    let lang = state.lang;
    lines.push(heading(lang.label_history(), theme));
    let Some(detail) = state.selected_detail() else {
        lines.push(Line::styled("…", theme.muted()));
        return;
    };
    for event in &detail.history {
        // the day it took effect leads; when it was typed in on another day, a line says so
        let (day, recorded) = when(lang, event);
        let head = format!("{day} {} {}", event.actor, lang.event_summary(event));
        lines.push(Line::styled(
            truncate(&clean_line(&head), columns),
            theme.muted(),
        ));
        if !recorded.is_empty() {
            lines.push(Line::styled(truncate(&recorded, columns), theme.muted()));
        }
        if created(event) {
            continue;
        }
        for change in &event.changes {
            let text = lang.change_line(
                &lang.field(&change.field),
                &shown_value(lang, event, &change.field, &change.old),
                &shown_value(lang, event, &change.field, &change.new),
            );
            lines.extend(wrapped(&text, columns, "  ", Style::default()));
        }
    }
}

/// An event that made a record: its summary says what was made.
fn created(event: &Event) -> bool {
    event.changes.iter().all(|c| c.old.is_null())
}

/// The day an event took effect, when it is not the day it was recorded (`at`, local).
fn business_date(event: &Event, at: &str) -> Option<String> {
    event
        .date
        .map(crate::date::format)
        .filter(|date| !at.starts_with(date.as_str()))
}

/// When an event took effect: the business date (or the time of recording, when that is the
/// same day), and `（记录于 …）` when it was typed in on another day (else nothing).
pub fn when(lang: crate::i18n::Lang, event: &Event) -> (String, String) {
    let at = local_minute(&event.at);
    match business_date(event, &at) {
        Some(date) => (date, lang.recorded_at(&at)),
        None => (at, String::new()),
    }
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
pub fn shown_value(
    lang: crate::i18n::Lang,
    event: &crate::model::Event,
    field: &str,
    value: &serde_json::Value,
) -> String {
    match value.as_str() {
        Some(stored) if field.ends_with("_at") => local_minute(stored),
        _ => lang.logged_value(event, field, value),
    }
}
