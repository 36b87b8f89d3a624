//! The ledger view: the table of problems and their tasks (only the rows on screen are built)
//! beside the detail pane of the selection. Chinese text is wrapped here, by display columns,
//! before it reaches ratatui.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use super::{cell, filler, local_minute, shown_value, split_body};
use crate::i18n::Lang;
use crate::model::{Key, Light, Problem, ProblemSummary, Status, Task};
use crate::text::{clean_block, clean_line, width, wrap};
use crate::tui::app::{App, Row};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, body: Rect) {
    let (table, detail) = split_body(body);
    if app.detail_focus && detail.is_none() {
        draw_detail(frame, app, theme, body);
        return;
    }
    draw_table(frame, app, theme, table);
    if let Some(detail) = detail {
        draw_detail(frame, app, theme, detail);
    }
}

/// Column widths of the table for an inner width.
struct Columns {
    light: usize,
    code: usize,
    unit: usize,
    measure: usize,
    deadline: usize,
    status: usize,
    progress: usize,
}

impl Columns {
    fn new(lang: Lang, inner: usize, largest_seq: i64) -> Columns {
        let widest = |header: &str, names: &mut dyn Iterator<Item = &str>| {
            names.map(width).chain([width(header)]).max().unwrap_or(0)
        };
        let light = widest(
            lang.col_light(),
            &mut Light::ALL.iter().map(|l| lang.light(*l)),
        );
        let status = widest(
            lang.col_status(),
            &mut Status::ALL.iter().map(|s| lang.status(*s)),
        );
        let code = (format!(" #{largest_seq}").len()).max(5);
        let unit = if inner >= 90 { 14 } else { 12 };
        let deadline = 10;
        let progress = 5;
        let fixed = light + code + unit + deadline + status + progress + 6;
        Columns {
            light,
            code,
            unit,
            measure: inner.saturating_sub(fixed).max(6),
            deadline,
            status,
            progress,
        }
    }

    /// The width a problem's title spans: the unit and measure columns.
    fn title(&self) -> usize {
        self.unit + 1 + self.measure
    }

    /// The width the problem's count spans: deadline, status and progress.
    fn tail(&self) -> usize {
        self.deadline + 1 + self.status + 1 + self.progress
    }
}

fn draw_table(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang;
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", lang.tui_problems_tasks()),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = Columns::new(lang, usize::from(inner.width), app.largest_seq);
    let mut lines = vec![Line::styled(
        [
            cell(lang.col_light(), cols.light),
            cell(lang.col_code(), cols.code),
            cell(lang.col_unit(), cols.unit),
            cell(lang.col_measure(), cols.measure),
            cell(lang.col_deadline(), cols.deadline),
            cell(lang.col_status(), cols.status),
            cell(lang.col_progress_date(), cols.progress),
        ]
        .join(" "),
        theme.heading(),
    )];
    if app.rows.is_empty() {
        lines.push(Line::styled(lang.tui_no_rows(), theme.muted()));
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let end = (app.offset + height).min(app.rows.len());
    for index in app.offset..end {
        let selected = index == app.selected && !app.detail_focus;
        let line = match app.rows[index] {
            Row::Problem(p) => problem_line(app, theme, &cols, p),
            Row::Task(t) => task_line(app, theme, &cols, &app.data.tasks[t]),
        };
        lines.push(if selected {
            highlight(line, theme, usize::from(inner.width))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The selected row: reversed over the whole width, colours of the light kept.
fn highlight(line: Line<'static>, theme: Theme, columns: usize) -> Line<'static> {
    let used = line.width();
    let mut spans: Vec<Span> = line
        .spans
        .into_iter()
        .map(|s| {
            let style = s.style.patch(theme.selected());
            Span::styled(s.content, style)
        })
        .collect();
    spans.push(filler(columns.saturating_sub(used), theme.selected()));
    Line::from(spans)
}

fn light_span(app: &App, theme: Theme, cols: &Columns, light: Option<Light>) -> Span<'static> {
    let text = light.map_or("", |l| app.lang.light(l));
    Span::styled(cell(text, cols.light), theme.light(light))
}

fn problem_line(app: &App, theme: Theme, cols: &Columns, p: usize) -> Line<'static> {
    let problem = &app.data.problems[p];
    let tasks = app.data.tasks_of[p].iter().map(|&t| &app.data.tasks[t]);
    let summary = ProblemSummary::of(tasks, &app.clock);
    let count = app.lang.closed_of(summary.closed, summary.total);
    Line::from(vec![
        light_span(app, theme, cols, summary.light),
        Span::raw(" "),
        Span::styled(cell(&problem.code, cols.code), theme.problem_row()),
        Span::raw(" "),
        Span::styled(cell(&problem.title, cols.title()), theme.problem_row()),
        Span::raw(" "),
        Span::styled(cell(&count, cols.tail()), theme.muted()),
    ])
}

fn task_line(app: &App, theme: Theme, cols: &Columns, task: &Task) -> Line<'static> {
    let light = app.clock.light(task.status, task.deadline);
    let progress = task
        .last_progress_date
        .map(|date| date.format("%m-%d").to_string())
        .unwrap_or_default();
    Line::from(vec![
        light_span(app, theme, cols, light),
        Span::raw(" "),
        Span::raw(cell(&format!(" #{}", task.seq), cols.code)),
        Span::raw(" "),
        Span::raw(cell(&task.unit, cols.unit)),
        Span::raw(" "),
        Span::raw(cell(&task.measure, cols.measure)),
        Span::raw(" "),
        Span::raw(cell(&crate::date::format(task.deadline), cols.deadline)),
        Span::raw(" "),
        Span::styled(
            cell(app.lang.status(task.status), cols.status),
            status_style(theme, task.status),
        ),
        Span::raw(" "),
        Span::styled(cell(&progress, cols.progress), theme.muted()),
    ])
}

fn status_style(theme: Theme, status: Status) -> Style {
    match status {
        Status::Closed => theme.muted(),
        _ => Style::default(),
    }
}

/// Lines of the detail pane for the selection, wrapped to `columns`.
fn draw_detail(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let border = if app.detail_focus {
        theme.focused()
    } else {
        Style::default()
    };
    let block = Block::bordered().border_style(border).title(Span::styled(
        format!(" {} ", app.lang.tui_detail()),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = detail_lines(app, theme, inner);
    frame.render_widget(Paragraph::new(lines).scroll((app.detail_scroll, 0)), inner);
}

/// The lines of the detail pane for the selection, wrapped to the pane's inside.
fn detail_lines(app: &App, theme: Theme, inner: Rect) -> Vec<Line<'static>> {
    let columns = usize::from(inner.width.saturating_sub(1)).max(10);
    match app.selected_row() {
        Some(Row::Problem(p)) => problem_detail(app, theme, &app.data.problems[p], p, columns),
        Some(Row::Task(t)) => task_detail(app, theme, &app.data.tasks[t], columns),
        None => vec![Line::styled(app.lang.tui_select_something(), theme.muted())],
    }
}

/// How far the detail pane can scroll: its lines less the lines it shows.
pub fn detail_scroll_limit(app: &App) -> u16 {
    let body = super::areas(app.size).body;
    let area = split_body(body).1.unwrap_or(body);
    let inner = Block::bordered().inner(area);
    let lines = detail_lines(app, Theme { color: false }, inner).len();
    u16::try_from(lines.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
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
    app: &App,
    theme: Theme,
    problem: &Problem,
    p: usize,
    columns: usize,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines = wrapped(
        &format!("{} {}", problem.code, problem.title),
        columns,
        "",
        theme.title(),
    );
    let lead = problem.lead_unit.as_deref().unwrap_or(lang.none());
    lines.extend(wrapped(
        &format!(
            "{} · {} {}",
            lang.category(problem.category),
            lang.label_lead(),
            lead
        ),
        columns,
        "",
        Style::default(),
    ));
    if !problem.description.is_empty() {
        lines.push(heading(lang.label_description(), theme));
        lines.extend(wrapped(&problem.description, columns, "", Style::default()));
    }
    lines.push(heading(lang.label_tasks(), theme));
    for &t in &app.data.tasks_of[p] {
        let task = &app.data.tasks[t];
        let light = app.clock.light(task.status, task.deadline);
        let text = format!(
            "#{} {} {} {}",
            task.seq,
            clean_line(&task.unit),
            lang.status(task.status),
            light.map_or("", |l| lang.light(l))
        );
        lines.push(Line::styled(
            crate::text::truncate(&text, columns),
            theme.light(light),
        ));
    }
    history_lines(app, theme, columns, &mut lines);
    lines
}

fn task_detail(app: &App, theme: Theme, task: &Task, columns: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let problem_title = app
        .data
        .problems
        .iter()
        .find(|p| p.id == task.problem_id)
        .map(|p| p.title.as_str())
        .unwrap_or("");
    let mut lines = wrapped(
        &format!("#{} {} {}", task.seq, task.problem_code, problem_title),
        columns,
        "",
        theme.title(),
    );
    let light = app.clock.light(task.status, task.deadline);
    let mut facts = format!(
        "{} {} · {} {}",
        lang.col_unit(),
        task.unit,
        lang.col_status(),
        lang.status(task.status)
    );
    if let Some(light) = light {
        facts.push_str(&format!(" · {}", lang.light(light)));
    }
    lines.extend(wrapped(&facts, columns, "", theme.light(light)));
    lines.extend(wrapped(
        &format!(
            "{} {} · {} {}",
            lang.label_deadline(),
            crate::date::format(task.deadline),
            lang.label_person(),
            if task.person.is_empty() {
                lang.none()
            } else {
                &task.person
            }
        ),
        columns,
        "",
        Style::default(),
    ));
    if !task.support_units.is_empty() {
        lines.extend(wrapped(
            &format!("{} {}", lang.label_support(), task.support_units.join("、")),
            columns,
            "",
            Style::default(),
        ));
    }
    lines.push(heading(lang.label_measure(), theme));
    lines.extend(wrapped(&task.measure, columns, "", Style::default()));
    if task.status == Status::Closed {
        lines.push(heading(lang.label_closed(), theme));
        let by = task.closed_by.as_deref().unwrap_or("");
        let at = task
            .closed_at
            .as_deref()
            .map(local_minute)
            .unwrap_or_default();
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
    if app.detail.progress.is_empty() {
        lines.push(Line::styled(lang.none(), theme.muted()));
    }
    for entry in app.detail.progress.iter().rev() {
        let mut text = format!("{} {}", entry.date.format("%m-%d"), entry.text);
        if !entry.evidence.is_empty() {
            text.push_str(&format!(
                "（{}：{}）",
                lang.label_evidence(),
                entry.evidence
            ));
        }
        lines.extend(wrapped(&text, columns, "", Style::default()));
    }
    history_lines(app, theme, columns, &mut lines);
    lines
}

fn history_lines(app: &App, theme: Theme, columns: usize, lines: &mut Vec<Line<'static>>) {
    let lang = app.lang;
    lines.push(heading(lang.label_history(), theme));
    for event in &app.detail.history {
        let head = format!(
            "{} {} {}",
            local_minute(&event.at),
            event.actor,
            lang.action(&event.action)
        );
        lines.push(Line::styled(
            crate::text::truncate(&clean_line(&head), columns),
            theme.muted(),
        ));
        let created = event.changes.iter().all(|c| c.old.is_null());
        if created {
            continue;
        }
        for change in &event.changes {
            let text = format!(
                "{}：{} → {}",
                lang.field(&change.field),
                shown_value(app.lang, &change.field, &change.old),
                shown_value(app.lang, &change.field, &change.new)
            );
            lines.extend(wrapped(&text, columns, "  ", Style::default()));
        }
    }
}
