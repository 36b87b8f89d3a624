//! The commands that write: problems, tasks, 分解, progress, 销号, reopening, units. Each is one
//! write of the store; what it did is printed to `out`.

use std::io::Write;

use super::json;
use super::session::{Context, bad_value, parse_category, parse_status};
use super::table;
use super::{Owners, ProblemCommand, TaskCommand, UnitCommand};
use crate::error::{Result, ValueKind};
use crate::i18n;
use crate::model::Status;
use crate::store::{Extension, NewProblem, NewProgress, NewTask, ProblemEdit, Ref, TaskEdit};

pub(super) fn problem(
    cx: &mut Context,
    command: ProblemCommand,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    match command {
        ProblemCommand::Add {
            code,
            category,
            title,
            description,
            lead,
        } => {
            let category = parse_category(&category)?;
            let problem = cx.store.add_problem(NewProblem {
                inspection: None,
                code,
                category: Some(category),
                title,
                description: description.unwrap_or_default(),
                lead_unit: lead,
            })?;
            writeln!(out, "{}", lang.problem_added(&problem.code))?;
        }
        ProblemCommand::Edit {
            problem,
            code,
            category,
            title,
            description,
            lead,
        } => {
            let category = category.as_deref().map(parse_category).transpose()?;
            let edited = cx.store.edit_problem(
                &problem,
                ProblemEdit {
                    code,
                    category,
                    title,
                    description,
                    lead_unit: lead,
                },
                None,
            )?;
            writeln!(out, "{}", lang.problem_edited(&edited.code))?;
        }
    }
    Ok(())
}

pub(super) fn seq_of(cx: &Context, text: &str) -> Result<i64> {
    Ok(cx.store.task(text)?.seq)
}

pub(super) fn task(cx: &mut Context, command: TaskCommand, out: &mut dyn Write) -> Result<()> {
    let lang = cx.lang;
    match command {
        TaskCommand::Add {
            problem,
            unit,
            measure,
            deadline,
            person,
            support,
            assigned,
        } => {
            let deadline = cx.deadline(&deadline)?;
            let assigned = assigned.as_deref().map(|d| cx.date(d)).transpose()?;
            let seq = cx.store.add_task(NewTask {
                problem,
                unit,
                measure,
                deadline,
                person: person.unwrap_or_default(),
                support_units: support,
                assigned,
            })?;
            let task = cx.store.task(&seq.to_string())?;
            writeln!(
                out,
                "{}",
                lang.task_added(seq, &task.problem_code, &task.unit)
            )?;
        }
        TaskCommand::Edit {
            task,
            if_version,
            measure,
            deadline,
            person,
            unit,
            support,
        } => {
            let seq = seq_of(cx, &task)?;
            let deadline = deadline.as_deref().map(|d| cx.deadline(d)).transpose()?;
            let edit = TaskEdit {
                measure,
                deadline,
                person,
                unit,
                support_units: support,
            };
            let before = cx.store.task_as_recorded(seq)?.deadline;
            let after = cx.store.edit_task(seq, edit, if_version)?;
            writeln!(out, "{}", lang.task_edited(seq))?;
            if after.deadline != before {
                writeln!(out, "{}", lang.deadline_corrected(seq))?;
            }
        }
    }
    Ok(())
}

pub(super) fn seq_list(seqs: &[i64]) -> String {
    seqs.iter()
        .map(|s| format!("#{s}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `assign` was given.
pub(super) struct AssignArgs {
    pub(super) owners: Owners,
    pub(super) measure: String,
    pub(super) deadline: String,
    pub(super) person: Option<String>,
    pub(super) assigned: Option<String>,
}

pub(super) fn assign(
    cx: &mut Context,
    problem: &str,
    args: AssignArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let AssignArgs {
        owners,
        measure,
        deadline,
        person,
        assigned,
    } = args;
    let deadline = cx.deadline(&deadline)?;
    let assigned = assigned.as_deref().map(|d| cx.date(d)).transpose()?;
    let units = match owners.kind.as_deref() {
        Some(kind) => {
            let kind =
                i18n::parse_unit_kind(kind).ok_or_else(|| bad_value(ValueKind::UnitKind, kind))?;
            cx.store.unit_names_of_kind(kind)?
        }
        None => owners.units,
    };
    let seqs = cx.store.assign(
        problem,
        &units,
        &measure,
        deadline,
        person.as_deref().unwrap_or_default(),
        &[],
        assigned,
    )?;
    let code = cx.store.problem(problem)?.code;
    writeln!(
        out,
        "{}",
        cx.lang.tasks_assigned(&code, seqs.len(), &seq_list(&seqs))
    )?;
    Ok(())
}

/// What `progress` was given.
pub(super) struct ProgressArgs {
    pub(super) text: Option<String>,
    pub(super) date: Option<String>,
    pub(super) evidence: Option<String>,
    pub(super) status: Option<String>,
}

pub(super) fn progress(
    cx: &mut Context,
    task: &str,
    args: ProgressArgs,
    if_version: Option<i64>,
    out: &mut dyn Write,
) -> Result<()> {
    let ProgressArgs {
        text,
        date,
        evidence,
        status,
    } = args;
    let seq = seq_of(cx, task)?;
    let date = match date.as_deref() {
        Some(text) => cx.date(text)?,
        None => cx.today,
    };
    let status = status.as_deref().map(parse_status).transpose()?;
    let new = NewProgress {
        date,
        text: text.unwrap_or_default(),
        evidence: evidence.unwrap_or_default(),
        status,
    };
    let task = cx.store.add_progress(seq, new, cx.today, if_version)?;
    writeln!(
        out,
        "{}",
        cx.lang.progress_added(seq, cx.lang.status(task.status))
    )?;
    Ok(())
}

/// What `close` and `reopen` were given besides the task.
pub(super) struct Verdict {
    /// The note of a close, the reason of a reopen.
    pub(super) text: Option<String>,
    pub(super) evidence: Option<String>,
    pub(super) date: Option<String>,
    pub(super) if_version: Option<i64>,
}

pub(super) fn close(
    cx: &mut Context,
    reference: &str,
    verdict: Verdict,
    out: &mut dyn Write,
) -> Result<()> {
    let note = verdict.text.unwrap_or_default();
    let evidence = verdict.evidence.unwrap_or_default();
    let on = verdict.date.as_deref().map(|d| cx.date(d)).transpose()?;
    match cx.store.resolve(reference)? {
        Ref::Task(task) => {
            cx.store
                .close_task(task.seq, &note, &evidence, on, verdict.if_version)?;
            writeln!(out, "{}", cx.lang.task_closed(task.seq))?;
        }
        Ref::Problem(problem) => {
            let seqs = cx
                .store
                .close_problem(&problem.code, &note, &evidence, on)?;
            writeln!(
                out,
                "{}",
                cx.lang
                    .problem_closed(&problem.code, seqs.len(), &seq_list(&seqs))
            )?;
        }
    }
    Ok(())
}

pub(super) fn reopen(
    cx: &mut Context,
    task: &str,
    verdict: Verdict,
    out: &mut dyn Write,
) -> Result<()> {
    let seq = seq_of(cx, task)?;
    // the status it has now, which a reopen dated earlier may not show
    let was_closed = cx.store.task_as_recorded(seq)?.status == Status::Closed;
    let on = verdict.date.as_deref().map(|d| cx.date(d)).transpose()?;
    let after = cx.store.reopen(
        seq,
        verdict.text.as_deref().unwrap_or_default(),
        on,
        verdict.if_version,
    )?;
    let message = if was_closed {
        cx.lang.task_reopened(after.seq)
    } else {
        cx.lang.task_returned(after.seq)
    };
    writeln!(out, "{message}")?;
    Ok(())
}

/// What `extend` was given.
pub(super) struct ExtendArgs {
    pub(super) to: String,
    pub(super) reason: Option<String>,
    pub(super) approved_by: Option<String>,
    pub(super) date: Option<String>,
}

/// 延期: says from what to what, and whether the deadline had passed when it was granted.
pub(super) fn extend(
    cx: &mut Context,
    task: &str,
    args: ExtendArgs,
    if_version: Option<i64>,
    out: &mut dyn Write,
) -> Result<()> {
    let seq = seq_of(cx, task)?;
    // `--to +30d` is thirty days more than the deadline in force
    let base = cx.store.task_as_recorded(seq)?.deadline.unwrap_or(cx.today);
    let to = crate::date::parse(&args.to, base).map_err(|e| crate::error::Error::BadDate(e.0))?;
    let extension = Extension {
        to,
        reason: args.reason.unwrap_or_default(),
        approved_by: args.approved_by,
        on: args.date.as_deref().map(|d| cx.date(d)).transpose()?,
    };
    let after = cx.store.extend(seq, extension, if_version)?;
    let from = cx.lang.deadline(after.extended_from);
    let to = cx.lang.deadline(after.deadline);
    let message = if after.extended_late() {
        cx.lang.extended_late(seq, &from, &to)
    } else {
        cx.lang.extended(seq, &from, &to)
    };
    writeln!(out, "{message}")?;
    Ok(())
}

pub(super) fn unit(cx: &mut Context, command: UnitCommand, out: &mut dyn Write) -> Result<()> {
    let lang = cx.lang;
    match command {
        UnitCommand::List { json: as_json } => {
            let units = cx.store.units()?;
            if as_json {
                return json::print(out, &units);
            }
            table::units(out, lang, &units)?;
        }
        UnitCommand::Add { name, kind } => {
            let kind = i18n::parse_unit_kind(&kind)
                .ok_or_else(|| bad_value(ValueKind::UnitKind, &kind))?;
            let unit = cx.store.add_unit(&name, kind)?;
            writeln!(out, "{}", lang.unit_added(&unit.name))?;
        }
        UnitCommand::Rename { old, new } => {
            let unit = cx.store.rename_unit(&old, &new)?;
            writeln!(out, "{}", lang.unit_renamed(&old, &unit.name))?;
        }
        UnitCommand::Deactivate { name } => {
            let unit = cx.store.set_unit_active(&name, false)?;
            writeln!(out, "{}", lang.unit_deactivated(&unit.name))?;
        }
        UnitCommand::Activate { name } => {
            let unit = cx.store.set_unit_active(&name, true)?;
            writeln!(out, "{}", lang.unit_activated(&unit.name))?;
        }
    }
    Ok(())
}
