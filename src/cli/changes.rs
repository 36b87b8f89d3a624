//! `zhenggai changes --since D1 [--until D2]`: 本期变化, what changed between two meetings, and
//! the units that recorded nothing (未报送).

use std::io::Write;

use serde::Serialize;

use super::FilterArgs;
use super::json;
use super::session::{Context, filter_from_args};
use crate::date;
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::{Key, Period, Task};
use crate::text::{clean_line, truncate};

pub(super) fn run(
    cx: &Context,
    since: &str,
    until: Option<&str>,
    args: FilterArgs,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let since = cx.date(since)?;
    let until = until.map(|d| cx.date(d)).transpose()?.unwrap_or(cx.today);
    let filter = filter_from_args(cx, args)?;
    let clock = crate::model::Clock {
        today: until,
        ..cx.clock()?
    };
    let texts = filter
        .needs_search_text()
        .then(|| cx.store.search_texts())
        .transpose()?;
    let period = cx.store.period(since, until, |tasks| {
        (!filter.is_empty()).then(|| {
            filter
                .select(tasks, &clock, texts.as_ref())
                .iter()
                .map(|t| t.id)
                .collect()
        })
    })?;
    if as_json {
        return json::print(out, &period_json(&period));
    }
    print(out, cx.lang, &period)
}

/// A task as `changes --json` shows it.
#[derive(Serialize)]
struct TaskBrief<'a> {
    seq: i64,
    problem: &'a str,
    unit: &'a str,
    measure: &'a str,
    assigned: String,
    deadline: Option<String>,
    status: &'static str,
}

impl<'a> From<&'a Task> for TaskBrief<'a> {
    fn from(task: &'a Task) -> Self {
        TaskBrief {
            seq: task.seq,
            problem: &task.problem_code,
            unit: &task.unit,
            measure: &task.measure,
            assigned: date::format(task.assigned),
            deadline: task.deadline.map(date::format),
            status: task.status.key(),
        }
    }
}

/// A progress entry of the period.
#[derive(Serialize)]
struct EntryJson<'a> {
    seq: i64,
    unit: &'a str,
    date: String,
    text: &'a str,
    evidence: &'a str,
    author: &'a str,
}

#[derive(Serialize)]
struct Counts {
    added: usize,
    moves: usize,
    closed: usize,
    reopened: usize,
    returned: usize,
    deadlines: usize,
    became_overdue: usize,
    progress: usize,
    not_reported: usize,
}

/// The stable JSON of a period: English keys, dates `YYYY-MM-DD`, statuses by their keys. Made
/// of typed parts, not a `Value` tree: a month at 100,000 tasks has a quarter million entries.
#[derive(Serialize)]
struct PeriodJson<'a> {
    since: String,
    until: String,
    counts: Counts,
    added: Vec<TaskBrief<'a>>,
    moves: &'a [crate::model::StatusMove],
    deadlines: &'a [crate::model::DeadlineMove],
    became_overdue: Vec<TaskBrief<'a>>,
    progress: Vec<EntryJson<'a>>,
    units: &'a [crate::model::UnitPeriod],
    not_reported: &'a [String],
}

fn period_json(period: &Period) -> PeriodJson<'_> {
    PeriodJson {
        since: date::format(period.since),
        until: date::format(period.until),
        counts: Counts {
            added: period.added.len(),
            moves: period.moves.len(),
            closed: period.closed(),
            reopened: period.count("reopen"),
            returned: period.count("return"),
            deadlines: period.deadlines.len(),
            became_overdue: period.became_overdue.len(),
            progress: period.progress.len(),
            not_reported: period.not_reported.len(),
        },
        added: period.added.iter().map(TaskBrief::from).collect(),
        moves: &period.moves,
        deadlines: &period.deadlines,
        became_overdue: period.became_overdue.iter().map(TaskBrief::from).collect(),
        progress: period
            .progress
            .iter()
            .map(|p| EntryJson {
                seq: p.seq,
                unit: &p.unit,
                date: date::format(p.entry.date),
                text: &p.entry.text,
                evidence: &p.entry.evidence,
                author: &p.entry.author,
            })
            .collect(),
        units: &period.units,
        not_reported: &period.not_reported,
    }
}

/// The period as text: counts first, then each kind of change, then the units.
fn print(out: &mut dyn Write, lang: Lang, period: &Period) -> Result<()> {
    let (since, until) = (date::format(period.since), date::format(period.until));
    writeln!(out, "{}", lang.period_title(&since, &until))?;
    writeln!(out, "{}", lang.period_counts(&period.counts()))?;
    let line = |task: &Task| {
        format!(
            "#{} {} {} {}",
            task.seq,
            task.problem_code,
            clean_line(&task.unit),
            truncate(&clean_line(&task.measure), 40)
        )
    };
    section(
        out,
        lang.period_added(),
        period.added.iter().map(|t| {
            format!(
                "{}  {} {}",
                line(t),
                lang.field("assigned"),
                date::format(t.assigned)
            )
        }),
    )?;
    section(
        out,
        lang.period_moves(),
        period.moves.iter().map(|m| {
            let from = m
                .from
                .map_or_else(String::new, |s| lang.status(s).to_string());
            let reason = m.reason.as_deref().map(clean_line).unwrap_or_default();
            format!(
                "{}  #{}  {}  {} → {}  {}",
                date::format(m.date),
                m.seq,
                lang.action(&m.action),
                from,
                lang.status(m.to),
                truncate(&reason, 40)
            )
        }),
    )?;
    section(
        out,
        lang.period_deadlines(),
        period.deadlines.iter().map(|m| {
            let mark = if m.extension {
                lang.aside(lang.label_extension())
            } else {
                String::new()
            };
            format!(
                "{}  #{}  {} → {}{mark}",
                date::format(m.date),
                m.seq,
                lang.deadline(m.from),
                lang.deadline(m.to)
            )
        }),
    )?;
    section(
        out,
        lang.period_overdue(),
        period.became_overdue.iter().map(|t| {
            format!(
                "{}  {} {}",
                line(t),
                lang.field("deadline"),
                lang.deadline(t.deadline)
            )
        }),
    )?;
    section(
        out,
        lang.period_progress(),
        period.progress.iter().map(|p| {
            format!(
                "{}  #{} {}  {}",
                date::format(p.entry.date),
                p.seq,
                clean_line(&p.unit),
                truncate(&clean_line(&p.entry.text), 50)
            )
        }),
    )?;
    section(
        out,
        lang.period_units(),
        period
            .units
            .iter()
            .map(|u| lang.period_unit_line(&clean_line(&u.unit), u.entries, u.open_tasks)),
    )?;
    let missing: Vec<String> = period.not_reported.iter().map(|u| clean_line(u)).collect();
    writeln!(
        out,
        "{}",
        lang.period_not_reported(&missing.join(lang.list_separator()))
    )?;
    Ok(())
}

/// A heading and its lines, or the heading and a word for none.
fn section(out: &mut dyn Write, heading: &str, lines: impl Iterator<Item = String>) -> Result<()> {
    writeln!(out, "\n{heading}")?;
    let mut any = false;
    for line in lines {
        writeln!(out, "  {line}")?;
        any = true;
    }
    if !any {
        writeln!(out, "  —")?;
    }
    Ok(())
}
