//! Human output of the command line: tables aligned in display columns (a Chinese character is
//! two columns wide) and detail views. Text from the ledger is neutralised before it is printed.

use std::collections::HashMap;
use std::io::Write;

use crate::error::Result;
use crate::i18n::{Lang, percent};
use crate::model::{
    Category, Clock, Event, Key, LatestProgress, Light, Problem, ProblemSummary, Progress, Stats,
    Status, Task, Unit,
};
use crate::text::{clean_block, clean_line, push_clean, push_padded, width};

/// A column: its width in display columns.
pub(super) struct Columns(pub(super) Vec<usize>);

impl Columns {
    /// One line: every cell padded (or cut) to its column, the last cell left as it is.
    pub(super) fn line(&self, cells: &[&str]) -> String {
        let mut out = String::new();
        self.push_line(&mut out, cells);
        out
    }

    /// `line`, appended to `out`.
    pub(super) fn push_line(&self, out: &mut String, cells: &[&str]) {
        let start = out.len();
        for (i, cell) in cells.iter().enumerate() {
            match self.0.get(i) {
                Some(&w) if i + 1 < cells.len() => {
                    push_padded(out, cell, w);
                    out.push_str("  ");
                }
                _ => push_clean(out, cell),
            }
        }
        let kept = start + out[start..].trim_end().len();
        out.truncate(kept);
    }
}

/// A table whose columns are as wide as their widest cell.
pub(super) fn fitted(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let widths = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|row| width(&clean_line(&row[i])))
                .chain([width(header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let columns = Columns(widths);
    writeln!(out, "{}", columns.line(header))?;
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(out, "{}", columns.line(&cells))?;
    }
    Ok(())
}

pub(super) fn light_text(lang: Lang, light: Option<Light>) -> &'static str {
    light.map_or("", |l| lang.light(l))
}

/// The width of a column that holds one of `names` under `header`, so that none is cut.
pub(super) fn widest<'a>(header: &str, names: impl IntoIterator<Item = &'a str>) -> usize {
    names
        .into_iter()
        .map(width)
        .chain([width(header)])
        .max()
        .unwrap_or(0)
}

fn brief(latest: &LatestProgress, task: &Task) -> String {
    latest.of(task).map(|p| p.line()).unwrap_or_default()
}

/// Tasks grouped by problem id (`model::by_problem`).
type Groups<'a> = HashMap<i64, Vec<&'a Task>>;

/// The summary of a problem's own tasks.
fn summary_of(problem: &Problem, groups: &Groups, clock: &Clock) -> ProblemSummary {
    let own = groups.get(&problem.id).map_or(&[][..], Vec::as_slice);
    ProblemSummary::of(own.iter().copied(), clock)
}

/// `problems`: one line per problem.
pub fn problems(
    out: &mut dyn Write,
    lang: Lang,
    problems: &[Problem],
    tasks: &Groups,
    clock: &Clock,
) -> Result<()> {
    let category_width = widest(
        lang.col_category(),
        Category::ALL.iter().map(|c| lang.category(*c)),
    );
    let columns = Columns(vec![5, category_width, 34, 12, 14, 0]);
    writeln!(
        out,
        "{}",
        columns.line(&[
            lang.col_code(),
            lang.col_category(),
            lang.col_problem(),
            lang.col_lead(),
            lang.col_closed_of(),
            lang.col_light(),
        ])
    )?;
    for problem in problems {
        let summary = summary_of(problem, tasks, clock);
        writeln!(
            out,
            "{}",
            columns.line(&[
                &problem.code,
                lang.category(problem.category),
                &problem.title,
                problem.lead_unit.as_deref().unwrap_or(""),
                &lang.closed_of(summary.closed, summary.total),
                light_text(lang, summary.light),
            ])
        )?;
    }
    Ok(())
}

fn indented(out: &mut dyn Write, indent: &str, text: &str) -> Result<()> {
    for line in clean_block(text).lines() {
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}

fn or_none(lang: Lang, text: &str) -> &str {
    if text.is_empty() { lang.none() } else { text }
}

/// `show CODE`.
pub fn problem_detail(
    out: &mut dyn Write,
    lang: Lang,
    problem: &Problem,
    tasks: &[Task],
    latest: &LatestProgress,
    history: &[Event],
    clock: &Clock,
) -> Result<()> {
    let summary = ProblemSummary::of(tasks, clock);
    writeln!(
        out,
        "{}  {}",
        clean_line(&problem.code),
        clean_line(&problem.title)
    )?;
    writeln!(
        out,
        "{} · {} · {} · {}",
        lang.category(problem.category),
        lang.labelled(
            lang.label_lead(),
            &clean_line(or_none(lang, problem.lead_unit.as_deref().unwrap_or("")))
        ),
        lang.closed_of(summary.closed, summary.total),
        light_text(lang, summary.light),
    )?;
    if !problem.description.is_empty() {
        writeln!(out, "{}", lang.heading(lang.label_description()))?;
        indented(out, "  ", &problem.description)?;
    }
    writeln!(out, "{}", lang.heading(lang.label_tasks()))?;
    for task in tasks {
        writeln!(
            out,
            "  #{}  {}  {}  {}  {}",
            task.seq,
            clean_line(&task.unit),
            lang.status(task.status),
            lang.deadline_full(task),
            light_text(lang, clock.light(task.status, task.deadline)),
        )?;
        indented(
            out,
            "      ",
            &lang.labelled(lang.label_measure(), &task.measure),
        )?;
        let line = brief(latest, task);
        if !line.is_empty() {
            indented(
                out,
                "      ",
                &lang.labelled(lang.col_last_progress(), &line),
            )?;
        }
    }
    writeln!(out, "{}", lang.heading(lang.label_history()))?;
    history_lines(out, lang, history, "  ")
}

/// `show N`.
pub fn task_detail(
    out: &mut dyn Write,
    lang: Lang,
    problem: &Problem,
    task: &Task,
    progress: &[Progress],
    history: &[Event],
    clock: &Clock,
) -> Result<()> {
    writeln!(
        out,
        "#{}  {} {}",
        task.seq,
        clean_line(&problem.code),
        clean_line(&problem.title)
    )?;
    let support = task.support_units.join(lang.list_separator());
    writeln!(
        out,
        "{} · {} · {}",
        lang.labelled(lang.col_unit(), &clean_line(&task.unit)),
        lang.labelled(lang.label_support(), &clean_line(or_none(lang, &support))),
        lang.labelled(
            lang.label_person(),
            &clean_line(or_none(lang, &task.person))
        ),
    )?;
    let light = clock
        .light(task.status, task.deadline)
        .map(|l| format!(" · {}", lang.labelled(lang.col_light(), lang.light(l))))
        .unwrap_or_default();
    writeln!(
        out,
        "{} · {}{light}",
        lang.labelled(lang.label_deadline(), &lang.deadline_full(task)),
        lang.labelled(lang.col_status(), lang.status(task.status)),
    )?;
    if let Some(facts) = lang.extension_facts(task) {
        indented(out, "", &lang.labelled(lang.label_extension(), &facts))?;
    }
    indented(out, "", &lang.labelled(lang.label_measure(), &task.measure))?;
    if task.status == Status::Closed {
        // the business date of the close (销号日期), not when it was typed in
        let at = task.closed_on.map(crate::date::format).unwrap_or_default();
        let by = task.closed_by.clone().unwrap_or_default();
        writeln!(
            out,
            "{}",
            lang.labelled(
                lang.label_closed(),
                &clean_line(&lang.closed_by_line(&at, &by))
            )
        )?;
        let note = task.close_note.as_deref().unwrap_or("");
        indented(out, "", &lang.labelled(lang.label_close_note(), note))?;
        if let Some(evidence) = task.close_evidence.as_deref().filter(|e| !e.is_empty()) {
            indented(out, "", &lang.labelled(lang.label_evidence(), evidence))?;
        }
    }
    // the reason of a reopen matters while the task is open again, not after it is closed
    if let Some(reason) = task
        .reopen_reason
        .as_ref()
        .filter(|_| !task.status.is_closed())
    {
        indented(out, "", &lang.labelled(lang.label_reopen_reason(), reason))?;
    }
    writeln!(out, "{}", lang.heading(lang.label_progress()))?;
    if progress.is_empty() {
        writeln!(out, "  {}", lang.none())?;
    }
    for entry in progress {
        let evidence = if entry.evidence.is_empty() {
            String::new()
        } else {
            lang.aside(&lang.labelled(lang.label_evidence(), &entry.evidence))
        };
        indented(
            out,
            "  ",
            &format!(
                "{}  {}{}  · {}",
                crate::date::format(entry.date),
                entry.text,
                evidence,
                entry.author
            ),
        )?;
    }
    writeln!(out, "{}", lang.heading(lang.label_history()))?;
    history_lines(out, lang, history, "  ")
}

/// An event time (stored in UTC) in the local time zone, to the second.
fn local_time(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| stored.to_string())
}

fn history_lines(out: &mut dyn Write, lang: Lang, events: &[Event], indent: &str) -> Result<()> {
    if events.is_empty() {
        writeln!(out, "{indent}{}", lang.no_events())?;
    }
    for event in events {
        let at = local_time(&event.at);
        // the business date, when it is not the day of recording
        let date = event
            .date
            .map(crate::date::format)
            .filter(|date| !at.starts_with(date.as_str()));
        writeln!(
            out,
            "{indent}{}  {}  {} {}  {}",
            lang.recorded_and_dated(&at, date.as_deref()),
            clean_line(&event.actor),
            lang.entity(&event.entity),
            clean_line(&event.label),
            lang.action(&event.action),
        )?;
        // a new record has no old values: show what it was created with
        let created = event.changes.iter().all(|c| c.old.is_null());
        for change in &event.changes {
            let value = |v: &serde_json::Value| match v.as_str() {
                // timestamps are stored in UTC; people read them in their own time
                Some(stored) if change.field.ends_with("_at") => local_time(stored),
                _ => lang.logged_value(event, &change.field, v),
            };
            let new = value(&change.new);
            let line = if created {
                lang.set_line(&lang.field(&change.field), &new)
            } else {
                lang.change_line(&lang.field(&change.field), &value(&change.old), &new)
            };
            writeln!(out, "{indent}    {}", clean_line(&line))?;
        }
    }
    Ok(())
}

/// `history`.
pub fn history(out: &mut dyn Write, lang: Lang, events: &[Event]) -> Result<()> {
    history_lines(out, lang, events, "")
}

/// `unit list`.
pub fn units(out: &mut dyn Write, lang: Lang, units: &[Unit]) -> Result<()> {
    let header = [lang.col_unit_name(), lang.col_kind(), lang.col_active()];
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|unit| {
            vec![
                unit.name.clone(),
                lang.unit_kind(unit.kind).to_string(),
                if unit.active { lang.yes() } else { lang.no() }.to_string(),
            ]
        })
        .collect();
    fitted(out, &header, &rows)?;
    Ok(())
}

/// `stats`: totals, then one ranked line per unit.
pub fn stats(out: &mut dyn Write, lang: Lang, stats: &Stats, clock: &Clock) -> Result<()> {
    let total = &stats.total;
    writeln!(
        out,
        "{} · {}",
        lang.as_of(&crate::date::format(clock.today)),
        lang.totals_line(
            total.tasks,
            total.closed,
            total.overdue,
            &percent(total.completion_rate())
        )
    )?;
    let header = lang.unit_board_header();
    let rows: Vec<Vec<String>> = stats
        .units
        .iter()
        .map(|line| lang.unit_board_row(line).to_vec())
        .collect();
    fitted(out, &header, &rows)?;
    Ok(())
}

/// `import`: what was added, updated and skipped, by kind of record.
pub fn import_summary(
    out: &mut dyn Write,
    lang: Lang,
    summary: &crate::exchange::ImportSummary,
    dry_run: bool,
) -> Result<()> {
    let head = if dry_run {
        lang.import_dry_run()
    } else {
        lang.import_done()
    };
    writeln!(out, "{head}")?;
    for (kind, c) in [
        (lang.kind_inspections(), &summary.inspections),
        (lang.kind_units(), &summary.units),
        (lang.kind_problems(), &summary.problems),
        (lang.kind_tasks(), &summary.tasks),
        (lang.kind_progress(), &summary.progress),
    ] {
        writeln!(
            out,
            "  {}",
            lang.import_line(kind, c.added, c.updated, c.skipped)
        )?;
    }
    for (old, new) in &summary.renumbered {
        writeln!(out, "  {}", lang.import_renumbered(*old, *new))?;
    }
    for record in &summary.records {
        let action = if record.added { "create" } else { "update" };
        writeln!(
            out,
            "  {} {} {}",
            lang.action(action),
            lang.entity(record.entity),
            clean_line(&record.label)
        )?;
    }
    Ok(())
}

/// `check`: each finding on its own line, or one line that all is well.
pub fn findings(out: &mut dyn Write, lang: Lang, report: &crate::store::Report) -> Result<()> {
    if report.findings.is_empty() {
        writeln!(out, "{}", lang.check_passed())?;
    }
    if let Some(head) = &report.head {
        let head = crate::store::short_hash(head);
        writeln!(out, "{}", lang.check_log_head(report.events, &head))?;
    }
    for finding in &report.findings {
        writeln!(
            out,
            "{}",
            lang.labelled(lang.check_name(finding.what), &clean_line(&finding.detail))
        )?;
    }
    Ok(())
}
