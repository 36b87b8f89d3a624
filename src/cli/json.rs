//! The stable JSON shapes of `--json` (DESIGN.md §6): English field names, enumeration keys,
//! dates as `YYYY-MM-DD`. Scripts rely on these names; add fields, never rename them.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::model::{
    Category, Clock, Event, LatestProgress, Light, Problem, ProblemState, ProblemSummary, Progress,
    ProgressBrief, Stats, Status, Task, UnitKind,
};

pub fn print(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

#[derive(Serialize)]
pub struct TaskJson<'a> {
    seq: i64,
    uuid: &'a str,
    problem: &'a str,
    unit: &'a str,
    support_units: &'a [String],
    measure: &'a str,
    person: &'a str,
    /// null for a measure kept up without end (长期坚持)
    deadline: Option<String>,
    /// 交办日期
    assigned: String,
    status: Status,
    light: Option<Light>,
    overdue: bool,
    /// 销号日期, the business date of the close (`closed_at` is when it was recorded)
    closed_on: Option<String>,
    closed_at: Option<&'a str>,
    closed_by: Option<&'a str>,
    close_note: Option<&'a str>,
    close_evidence: Option<&'a str>,
    reopen_reason: Option<&'a str>,
    /// 延期: the deadline first given while an extension has moved it, and the latest extension
    original_deadline: Option<String>,
    extended_from: Option<String>,
    extended_on: Option<String>,
    extended_late: bool,
    extension_reason: Option<&'a str>,
    extension_approved_by: Option<&'a str>,
    version: i64,
    last_progress: Option<ProgressBrief<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<&'a [Progress]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a [Event]>,
}

/// A task; `last_progress` is its latest entry with the text (the task has only the date).
fn task_json<'a>(
    task: &'a Task,
    last_progress: Option<ProgressBrief<'a>>,
    clock: &Clock,
) -> TaskJson<'a> {
    TaskJson {
        seq: task.seq,
        uuid: &task.uuid,
        problem: &task.problem_code,
        unit: &task.unit,
        support_units: &task.support_units,
        measure: &task.measure,
        person: &task.person,
        deadline: task.deadline.map(crate::date::format),
        assigned: crate::date::format(task.assigned),
        status: task.status,
        light: clock.light(task.status, task.deadline),
        overdue: clock.is_overdue(task.status, task.deadline),
        closed_on: task.closed_on.map(crate::date::format),
        closed_at: task.closed_at.as_deref(),
        closed_by: task.closed_by.as_deref(),
        close_note: task.close_note.as_deref(),
        close_evidence: task.close_evidence.as_deref(),
        reopen_reason: task.reopen_reason.as_deref(),
        original_deadline: task.original_deadline.map(crate::date::format),
        extended_from: task.extended_from.map(crate::date::format),
        extended_on: task.extended_on.map(crate::date::format),
        extended_late: task.extended_late(),
        extension_reason: task.extension_reason.as_deref(),
        extension_approved_by: task.extension_approved_by.as_deref(),
        version: task.version,
        last_progress,
        progress: None,
        history: None,
    }
}

#[derive(Serialize)]
pub struct ProblemJson<'a> {
    code: &'a str,
    category: Category,
    title: &'a str,
    description: &'a str,
    lead_unit: Option<&'a str>,
    uuid: &'a str,
    state: ProblemState,
    closed: u32,
    total: u32,
    light: Option<Light>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tasks: Option<Vec<TaskJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a [Event]>,
}

/// A problem with the summary of `own` (all its tasks) and, if any, the tasks listed under it.
fn problem_json<'a>(
    problem: &'a Problem,
    own: &[&Task],
    shown: Option<Vec<TaskJson<'a>>>,
    clock: &Clock,
) -> ProblemJson<'a> {
    problem_json_of(
        problem,
        ProblemSummary::of(own.iter().copied(), clock),
        shown,
    )
}

fn problem_json_of<'a>(
    problem: &'a Problem,
    summary: ProblemSummary,
    shown: Option<Vec<TaskJson<'a>>>,
) -> ProblemJson<'a> {
    ProblemJson {
        code: &problem.code,
        category: problem.category,
        title: &problem.title,
        description: &problem.description,
        lead_unit: problem.lead_unit.as_deref(),
        uuid: &problem.uuid,
        state: summary.state,
        closed: summary.closed,
        total: summary.total,
        light: summary.light,
        tasks: shown,
        history: None,
    }
}

/// The tasks of a problem in a grouping by problem (none when it has none).
fn own<'g, 'a>(groups: &'g Groups<'a>, problem: &Problem) -> &'g [&'a Task] {
    groups.get(&problem.id).map_or(&[], Vec::as_slice)
}

type Groups<'a> = HashMap<i64, Vec<&'a Task>>;

/// One problem of `list --json`: summed up over all its tasks, with those the filter passed.
pub fn problem_with_tasks<'a>(
    problem: &'a Problem,
    summary: ProblemSummary,
    shown: &[&'a Task],
    latest: &'a LatestProgress,
    clock: &Clock,
) -> ProblemJson<'a> {
    let listed = shown
        .iter()
        .map(|t| task_json(t, latest.of(t), clock))
        .collect();
    problem_json_of(problem, summary, Some(listed))
}

/// `problems --json`: one summary per problem.
pub fn problem_summaries<'a>(
    problems: &'a [Problem],
    all: &Groups,
    clock: &Clock,
) -> Vec<ProblemJson<'a>> {
    problems
        .iter()
        .map(|p| problem_json(p, own(all, p), None, clock))
        .collect()
}

/// `show CODE --json`: the problem, its tasks with their progress, and its history.
pub fn problem_detail<'a>(
    problem: &'a Problem,
    tasks: &'a [Task],
    progress: &'a [Vec<Progress>],
    history: &'a [Event],
    clock: &Clock,
) -> ProblemJson<'a> {
    let listed = tasks
        .iter()
        .zip(progress)
        .map(|(t, p)| TaskJson {
            progress: Some(p),
            ..task_json(t, p.last().map(Progress::brief), clock)
        })
        .collect();
    let own: Vec<&Task> = tasks.iter().collect();
    ProblemJson {
        history: Some(history),
        ..problem_json(problem, &own, Some(listed), clock)
    }
}

/// `show N --json`: the task with its progress and history.
pub fn task_detail<'a>(
    task: &'a Task,
    progress: &'a [Progress],
    history: &'a [Event],
    clock: &Clock,
) -> TaskJson<'a> {
    TaskJson {
        progress: Some(progress),
        history: Some(history),
        ..task_json(task, progress.last().map(Progress::brief), clock)
    }
}

#[derive(Serialize)]
pub struct TallyJson {
    tasks: u32,
    closed: u32,
    submitted: u32,
    in_progress: u32,
    not_started: u32,
    ongoing: u32,
    overdue: u32,
    /// 延期: tasks whose deadline an extension moved
    extended: u32,
    completion_rate: Option<f64>,
    /// 按期完成率: closed by the deadline first given, of all tasks
    on_time: u32,
    on_time_rate: Option<f64>,
}

impl From<&crate::model::Tally> for TallyJson {
    fn from(t: &crate::model::Tally) -> Self {
        TallyJson {
            tasks: t.tasks,
            closed: t.closed,
            submitted: t.submitted,
            in_progress: t.in_progress,
            not_started: t.not_started,
            ongoing: t.ongoing,
            overdue: t.overdue,
            extended: t.extended,
            completion_rate: t.completion_rate(),
            on_time: t.on_time,
            on_time_rate: t.on_time_rate(),
        }
    }
}

#[derive(Serialize)]
pub struct UnitStatsJson<'a> {
    unit: &'a str,
    kind: UnitKind,
    rank: Option<u32>,
    #[serde(flatten)]
    tally: TallyJson,
    /// 催办次数: urge notices sent to the unit up to the day
    notices: u32,
}

#[derive(Serialize)]
pub struct StatsJson<'a> {
    as_of: String,
    total: TallyJson,
    units: Vec<UnitStatsJson<'a>>,
}

pub fn stats<'a>(
    stats: &'a Stats,
    clock: &Clock,
    notices: &std::collections::HashMap<i64, u32>,
) -> StatsJson<'a> {
    StatsJson {
        as_of: crate::date::format(clock.today),
        total: (&stats.total).into(),
        units: stats
            .units
            .iter()
            .map(|line| UnitStatsJson {
                unit: &line.unit.name,
                kind: line.unit.kind,
                rank: line.rank,
                tally: (&line.tally).into(),
                notices: notices.get(&line.unit.id).copied().unwrap_or(0),
            })
            .collect(),
    }
}
