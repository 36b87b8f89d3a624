//! The ledger view: the table of problems and their tasks (only the rows on screen are built)
//! beside the detail pane of the selection. Chinese text is wrapped by display columns before it
//! reaches ratatui.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{cell, filler};
use crate::i18n::Lang;
use crate::model::{Key, Light, ProblemSummary, Status, TaskLine};
use crate::text::width;
use crate::tui::layout::Layout;
use crate::tui::msg::RowKey;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: Theme) {
    let layout = &state.layout;
    if state.detail_focus && layout.detail.is_none() {
        draw_detail(frame, state, theme, layout.body);
        return;
    }
    draw_table(frame, state, theme, layout.table);
    if let Some(detail) = layout.detail {
        draw_detail(frame, state, theme, detail);
    }
}

/// From this inner width on, the progress column shows the latest entry's text too.
const WIDE: usize = 150;

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
        // wide screens give the latest progress room; narrow ones its date
        let progress = if inner >= WIDE { (inner - 60) / 3 } else { 5 };
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

/// Why nothing is shown, and what to press.
fn empty_hint(state: &State) -> &'static str {
    let lang = state.lang;
    if state.data.problems.is_empty() {
        lang.tui_no_problems()
    } else if state.is_filtered() {
        lang.tui_no_match()
    } else {
        lang.tui_all_closed()
    }
}

fn draw_table(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let lang = state.lang;
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", lang.tui_problems_tasks()),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = Columns::new(lang, usize::from(inner.width), state.largest_seq);
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
    if state.rows.is_empty() && state.loaded {
        lines.push(Line::styled(empty_hint(state), theme.muted()));
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let end = (state.offset + height).min(state.rows.len());
    for index in state.offset..end {
        let selected = index == state.selected && !state.detail_focus;
        let line = match state.rows[index] {
            RowKey::Problem(id) => problem_line(state, theme, &cols, id),
            RowKey::Task(id) => match state.data.task(id) {
                Some(task) => task_line(state, theme, &cols, task),
                None => Line::default(),
            },
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

fn light_span(state: &State, theme: Theme, cols: &Columns, light: Option<Light>) -> Span<'static> {
    let text = light.map_or("", |l| state.lang.light(l));
    Span::styled(cell(text, cols.light), theme.light(light))
}

fn problem_line(state: &State, theme: Theme, cols: &Columns, id: i64) -> Line<'static> {
    let Some(problem) = state.data.problem(id) else {
        return Line::default();
    };
    let summary = ProblemSummary::of(state.data.tasks_of_problem(id), &state.clock);
    let count = state.lang.closed_of(summary.closed, summary.total);
    let title = format!(
        "{}{}",
        state.round_mark(problem.inspection_id),
        problem.title
    );
    Line::from(vec![
        light_span(state, theme, cols, summary.light),
        Span::raw(" "),
        Span::styled(cell(&problem.code, cols.code), theme.problem_row()),
        Span::raw(" "),
        Span::styled(cell(&title, cols.title()), theme.problem_row()),
        Span::raw(" "),
        Span::styled(cell(&count, cols.tail()), theme.muted()),
    ])
}

fn task_line(state: &State, theme: Theme, cols: &Columns, task: &TaskLine) -> Line<'static> {
    let light = state.clock.light(task.status, task.deadline);
    let mut progress = task
        .last_progress_date
        .map(|date| date.format("%m-%d").to_string())
        .unwrap_or_default();
    if cols.progress > 5
        && let Some(latest) = &state.latest
        && let Some(at) = state.data.task_position(task.id)
        && let text = latest.get(at)
        && !text.is_empty()
    {
        progress = format!("{progress} {text}");
    }
    // an overdue task says by how much, where the deadline would stand
    let deadline = match state.clock.days_overdue(task.status, task.deadline) {
        Some(days) => state.lang.tui_overdue_days_cell(days),
        None => state.lang.deadline_cell(task),
    };
    Line::from(vec![
        light_span(state, theme, cols, light),
        Span::raw(" "),
        Span::raw(cell(&format!(" #{}", task.seq), cols.code)),
        Span::raw(" "),
        Span::raw(cell(&task.unit, cols.unit)),
        Span::raw(" "),
        Span::raw(cell(&task.measure, cols.measure)),
        Span::raw(" "),
        Span::styled(
            cell(&deadline, cols.deadline),
            theme.light(light.filter(|l| *l == Light::Red)),
        ),
        Span::raw(" "),
        Span::styled(
            cell(state.lang.status(task.status), cols.status),
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

fn draw_detail(frame: &mut Frame, state: &State, theme: Theme, area: Rect) {
    let border = if state.detail_focus {
        theme.focused()
    } else {
        Style::default()
    };
    let block = Block::bordered().border_style(border).title(Span::styled(
        format!(" {} ", state.lang.tui_detail()),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let columns = crate::tui::detail::columns(&state.layout);
    debug_assert_eq!(inner, Layout::inner(area));
    let lines = crate::tui::detail::lines(state, theme, columns);
    frame.render_widget(
        Paragraph::new(lines).scroll((state.detail_scroll, 0)),
        inner,
    );
}
