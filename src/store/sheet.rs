//! Bringing an office's Excel 台账 in (`import-sheet`), as `report::sheet_in` read it: into the
//! round the store is scoped to, else the newest, else a round made for it. One transaction:
//! units it names and the ledger lacks (only when asked to make them), problems found by code
//! or title in the round or added, measures added unless the problem's unit has the same one,
//! each with its progress and status. The write is dated on the round's feedback date (the
//! tasks' 交办日期); progress, moves and closes on their own dates.

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use serde_json::json;

use super::Store;
use super::extend::extension_patch;
use super::insert::{
    Measure, active_unit, checked, insert_inspection, insert_problem, insert_progress, insert_task,
    insert_unit, support_units, twin,
};
use super::read;
use super::request::NewProblem;
use super::status::close_patch;
use super::tx::{Patch, Writer};
use crate::date;
use crate::error::{Error, Field, Result, SheetInProblem};
use crate::exchange::{PlannedProblem, PlannedTask, SheetPlan, SheetSummary, SummaryLine};
use crate::model::{Category, Inspection, Key, Problem, Status, UnitKind};

/// How a sheet is brought in.
#[derive(Debug, Clone, Default)]
pub struct SheetImport {
    /// Make the units the ledger lacks (else they are refused by name).
    pub create_units: bool,
    /// Say what would be made, and write nothing.
    pub dry_run: bool,
    /// The title of a round made for the sheet when it has none of its own.
    pub fallback_title: String,
    /// The close note of a task the sheet says is done without a note of its own.
    pub close_note: String,
    /// The reason of an extension the sheet shows without one.
    pub extension_reason: String,
    /// What a remark (备注) of an open task is kept under in its progress: `备注：`.
    pub remark_label: String,
}

/// The kind a unit made from a sheet gets, by its name: 县 and 区 are counties and districts,
/// an …办 the coordinating office while the ledger has none, 市… the city's departments.
fn kind_by_name(name: &str, has_office: bool) -> UnitKind {
    if name.ends_with('县') || name.ends_with('区') {
        UnitKind::County
    } else if name.ends_with('办') && !has_office {
        UnitKind::Office
    } else if name.starts_with('市') {
        UnitKind::Department
    } else {
        UnitKind::Other
    }
}

/// The earliest day the sheet gives (progress, closes): a round made for it began no later.
fn earliest(plan: &SheetPlan) -> Option<NaiveDate> {
    plan.problems
        .iter()
        .flat_map(|p| &p.tasks)
        .flat_map(|t| [t.progress.as_ref().and_then(|p| p.0), t.closed_on])
        .flatten()
        .min()
}

impl Store {
    /// The round a sheet goes to: the store's, else the newest; `None` when the ledger has none.
    pub fn round_for_sheet(&self) -> Result<Option<Inspection>> {
        let all = read::inspections(&self.conn)?;
        Ok(match self.round {
            Some(id) => all.into_iter().find(|i| i.id == id),
            None => super::rounds::newest(&all).cloned(),
        })
    }

    /// Brings `plan` in; see the module.
    pub fn import_sheet(&mut self, plan: &SheetPlan, how: &SheetImport) -> Result<SheetSummary> {
        let round = self.round_for_sheet()?;
        let today = self.today.min(super::clock_today());
        let day = match &round {
            Some(round) => round.feedback_date,
            None => earliest(plan).map_or(today, |d| d.min(today)),
        };
        // units refused before anything is begun: a refused sheet leaves the file as it was
        let missing = missing_units(&self.conn, plan)?;
        if !missing.is_empty() && !how.create_units {
            return Err(Error::SheetIn(SheetInProblem::UnknownUnits(missing)));
        }
        self.transact(!how.dry_run, day, |w| {
            let mut summary = SheetSummary::default();
            let (round_id, name) = match round {
                Some(round) => (round.id, round.title),
                None => {
                    let title = Some(plan.title.trim())
                        .filter(|t| !t.is_empty())
                        .unwrap_or(&how.fallback_title);
                    summary.round_created = true;
                    (insert_inspection(w, title, "", day, "")?, title.to_string())
                }
            };
            summary.round = format!("{name}（{}）", date::format(day));
            make_units(w, &missing, &mut summary)?;
            for planned in &plan.problems {
                let problem = problem_for(w, round_id, planned, &mut summary)?;
                for task in &planned.tasks {
                    add_task(w, &problem, task, today, how, &mut summary)?;
                }
            }
            Ok(summary)
        })
    }
}

/// The units the sheet names that the ledger lacks, in the order the sheet names them.
fn missing_units(conn: &rusqlite::Connection, plan: &SheetPlan) -> Result<Vec<String>> {
    let mut missing: Vec<String> = Vec::new();
    let named = plan.problems.iter().flat_map(|p| {
        p.lead
            .iter()
            .map(String::as_str)
            .chain(p.tasks.iter().flat_map(|t| {
                std::iter::once(t.unit.as_str()).chain(t.support.iter().map(String::as_str))
            }))
    });
    for name in named {
        if !missing.iter().any(|m| m == name) && read::unit_by_name(conn, name).is_err() {
            missing.push(name.to_string());
        }
    }
    Ok(missing)
}

/// Makes the units the ledger lacks, each of the kind its name says.
fn make_units(w: &Writer, missing: &[String], summary: &mut SheetSummary) -> Result<()> {
    for name in missing {
        let has_office = read::units(&w.tx)?
            .iter()
            .any(|u| u.kind == UnitKind::Office);
        insert_unit(w, name, kind_by_name(name, has_office))?;
        summary.units_created.push(name.clone());
    }
    Ok(())
}

/// The next code of a category in the round: G for 共性问题, W for 薄弱环节, Q for the rest.
fn next_code(w: &Writer, round: i64, category: Category) -> Result<String> {
    let prefix = match category {
        Category::Shared => "G",
        Category::Weak => "W",
        Category::Other => "Q",
    };
    let mut stmt =
        w.tx.prepare_cached("SELECT code FROM problem WHERE inspection_id = ?1")?;
    let codes: Vec<String> = stmt
        .query_map([round], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let highest = codes
        .iter()
        .filter_map(|c| c.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{}", highest + 1))
}

/// The problem of the round with the sheet's code (or, without one, its title), else a new one.
fn problem_for(
    w: &Writer,
    round: i64,
    planned: &PlannedProblem,
    summary: &mut SheetSummary,
) -> Result<Problem> {
    let existing = read::problems(&w.tx)?.into_iter().find(|p| {
        p.inspection_id == round
            && match &planned.code {
                Some(code) => p.code.eq_ignore_ascii_case(code),
                None => p.title == planned.title,
            }
    });
    let (problem, added) = match existing {
        Some(problem) => {
            summary.problems_found += 1;
            (problem, false)
        }
        None => {
            let category = planned.category.unwrap_or(Category::Other);
            let code = match &planned.code {
                Some(code) => code.clone(),
                None => next_code(w, round, category)?,
            };
            let lead = match &planned.lead {
                Some(name) => Some(active_unit(&w.tx, name)?),
                None => None,
            };
            let new = NewProblem {
                code,
                category: Some(category),
                title: checked(Field::Title, &planned.title, true, false)?,
                description: checked(Field::Description, &planned.description, false, true)?,
                ..NewProblem::default()
            };
            summary.problems_added += 1;
            (insert_problem(w, round, &new, lead.as_ref())?, true)
        }
    };
    summary.lines.push(SummaryLine::Problem {
        code: problem.code.clone(),
        title: problem.title.clone(),
        added,
    });
    Ok(problem)
}

/// The extension the sheet shows (`A → B（延期）`), granted on the day the task was assigned:
/// the sheet says neither when nor by whom.
fn extend(w: &Writer, seq: i64, to: NaiveDate, reason: &str) -> Result<()> {
    let task = read::task_by_seq(&w.tx, seq)?;
    let patch = extension_patch(&task, to, task.assigned, reason, None);
    patch.apply(w, "task", task.id)?;
    w.event("task", &task.uuid, "extend", &patch.changes)
}

/// One measure of the sheet: added with its progress and status, unless the problem's unit has
/// the same measure already.
fn add_task(
    w: &Writer,
    problem: &Problem,
    planned: &PlannedTask,
    today: NaiveDate,
    how: &SheetImport,
    summary: &mut SheetSummary,
) -> Result<()> {
    let unit = active_unit(&w.tx, &planned.unit)?;
    if twin(&w.tx, problem.id, unit.id, &planned.measure, None)?.is_some() {
        summary.tasks_found += 1;
        return Ok(());
    }
    let support = support_units(w, &planned.support, &unit, &[])?;
    let measure = Measure {
        text: planned.measure.trim(),
        deadline: planned.original_deadline.or(planned.deadline),
        person: &planned.person,
        support: &support,
    };
    let seq = insert_task(w, problem, &unit, &measure)?;
    if let (Some(_), Some(to)) = (planned.original_deadline, planned.deadline) {
        extend(w, seq, to, &how.extension_reason)?;
    }
    let task = read::task_by_seq(&w.tx, seq)?;
    summary.tasks_added += 1;
    summary.lines.push(SummaryLine::Task {
        seq,
        unit: unit.name.clone(),
        measure: planned.measure.clone(),
        deadline: planned.deadline.map(date::format),
    });
    let status = planned
        .status
        .unwrap_or(match (planned.deadline, &planned.progress) {
            (None, _) => Status::Ongoing,
            (Some(_), Some(_)) => Status::InProgress,
            (Some(_), None) => Status::NotStarted,
        });
    let closed = status == Status::Closed;
    // an open task's remark is kept as progress; a closed one's is its close note
    let remark = planned.remark.trim();
    let label = &how.remark_label;
    let text = match (&planned.progress, remark.is_empty() || closed) {
        (Some((_, text)), true) => Some(text.clone()),
        (Some((_, text)), false) => Some(format!("{text}\n{label}{remark}")),
        (None, false) => Some(format!("{label}{remark}")),
        (None, true) => None,
    };
    let progress_day = planned.progress.as_ref().and_then(|p| p.0);
    if let Some(text) = text {
        let day = progress_day.unwrap_or(today);
        insert_progress(w, &task, day, &text, "", w.actor())?;
        summary.progress_added += 1;
    }
    if status == Status::NotStarted {
        return Ok(());
    }
    let (mut patch, action, on) = if closed {
        // the reader holds a close to no earlier than the task's 交办日期 of an existing
        // round, and a round made for the sheet is no later than its earliest day
        let on = planned.closed_on.unwrap_or(today).max(task.assigned);
        let note = if remark.is_empty() {
            how.close_note.as_str()
        } else {
            remark
        };
        let patch = close_patch(w, &task, &date::format(on), note, "");
        (patch, "close", on)
    } else {
        // a move made with its progress, else when the task was assigned
        let on = progress_day.unwrap_or(task.assigned).max(task.assigned);
        (Patch::default(), "status", on)
    };
    patch.set("status", Sql::Text(status.key().to_string()));
    patch.log("status", json!(task.status.key()), json!(status.key()));
    patch.apply(w, "task", task.id)?;
    w.event_on(
        &date::format(on),
        "task",
        &task.uuid,
        action,
        &patch.changes,
    )
}
