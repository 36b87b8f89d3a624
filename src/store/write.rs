//! Writes of problems, tasks and units. Each public method is one IMMEDIATE transaction that
//! checks its input, changes the rows and appends one event per changed record (old and new
//! value of every changed field). A wrong request returns an error before anything is written;
//! the transaction is then dropped. Status moves are in `status`.

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use serde_json::json;

use super::Store;
use super::insert::{
    Measure, active_unit, check_code, check_code_free, check_no_twin, checked, insert_problem,
    insert_task, insert_unit, names, set_support, support_units,
};
use super::read;
use super::request::{NewProblem, NewTask, ProblemEdit, TaskEdit};
use super::tx::{Patch, Writer, opt_json};
use crate::date;
use crate::error::{Error, ExtensionProblem, Field, Result};
use crate::model::{Category, Key, Problem, Task, Unit, UnitKind};

pub(super) fn check_version(task: &Task, expected: Option<i64>) -> Result<()> {
    match expected {
        Some(version) if version != task.version => Err(Error::Conflict(task.seq)),
        _ => Ok(()),
    }
}

/// The business date of the latest change of a task record (its progress entries aside).
pub(super) fn last_change(w: &Writer, task: &Task) -> Result<Option<String>> {
    Ok(w.tx
        .prepare_cached("SELECT max(date) FROM event WHERE entity_uuid = ?1")?
        .query_row([&task.uuid], |r| r.get(0))?)
}

/// Refuses a change of `task` dated before the change before it: the as-of readers take a
/// task's changes in the order they were dated, and that must be the order they were made.
pub(super) fn check_in_order(w: &Writer, task: &Task) -> Result<()> {
    match last_change(w, task)? {
        Some(last) if last.as_str() > w.date() => Err(Error::BeforeLastChange {
            seq: task.seq,
            date: w.date().to_string(),
            last,
        }),
        _ => Ok(()),
    }
}

impl Store {
    /// Adds a problem to the round the store is scoped to, else to the newest (one is made when
    /// the ledger has none).
    pub fn add_problem(&mut self, new: NewProblem) -> Result<Problem> {
        let code = check_code(&new.code)?;
        let title = checked(Field::Title, &new.title, true, false)?;
        let description = checked(Field::Description, &new.description, false, true)?;
        let category = new.category.unwrap_or(Category::Other);
        let round = new.inspection.or(self.round);
        self.write(|w| {
            let lead = match new.lead_unit.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(name) => Some(active_unit(&w.tx, name)?),
                None => None,
            };
            let all = read::inspections(&w.tx)?;
            let inspection_id = match (round, super::rounds::newest(&all)) {
                (Some(round), _) => round,
                (None, Some(newest)) => newest.id,
                (None, None) => super::seed::default_inspection(w)?,
            };
            check_code_free(w, inspection_id, &code)?;
            let problem = NewProblem {
                code: code.clone(),
                category: Some(category),
                title: title.clone(),
                description: description.clone(),
                ..NewProblem::default()
            };
            insert_problem(w, inspection_id, &problem, lead.as_ref())
        })
    }

    /// Edits a problem's code, category, title, description or lead unit.
    /// Edits a problem. With `expected` (the copy the edit was made from) the edit is refused
    /// when the problem changed since.
    pub fn edit_problem(
        &mut self,
        code: &str,
        edit: ProblemEdit,
        expected: Option<&Problem>,
    ) -> Result<Problem> {
        let round = self.round;
        self.write(|w| {
            let problem = read::problem_by_code(&w.tx, code, round)?;
            if expected.is_some_and(|e| *e != problem) {
                return Err(Error::ProblemChanged(problem.code));
            }
            let mut patch = Patch::default();
            if let Some(new_code) = &edit.code {
                let new_code = check_code(new_code)?;
                if new_code != problem.code {
                    if !new_code.eq_ignore_ascii_case(&problem.code) {
                        check_code_free(w, problem.inspection_id, &new_code)?;
                    }
                    patch.text("code", &problem.code, &new_code);
                }
            }
            if let Some(category) = edit.category.filter(|c| *c != problem.category) {
                patch.set("category", Sql::Text(category.key().to_string()));
                patch.log(
                    "category",
                    json!(problem.category.key()),
                    json!(category.key()),
                );
            }
            if let Some(title) = &edit.title {
                patch.text(
                    "title",
                    &problem.title,
                    &checked(Field::Title, title, true, false)?,
                );
            }
            if let Some(description) = &edit.description {
                let description = checked(Field::Description, description, false, true)?;
                patch.text("description", &problem.description, &description);
            }
            if let Some(lead) = &edit.lead_unit {
                let lead = match lead.trim() {
                    "" => None,
                    same if problem.lead_unit.as_deref() == Some(same) => {
                        Some(read::unit_by_name(&w.tx, same)?)
                    }
                    name => Some(active_unit(&w.tx, name)?),
                };
                let new_name = lead.as_ref().map(|u| u.name.clone());
                if new_name != problem.lead_unit {
                    patch.set(
                        "lead_unit_id",
                        lead.map_or(Sql::Null, |u| Sql::Integer(u.id)),
                    );
                    patch.log(
                        "lead_unit",
                        opt_json(&problem.lead_unit),
                        opt_json(&new_name),
                    );
                }
            }
            if patch.is_empty() {
                return Err(Error::NothingToChange);
            }
            patch.apply(w, "problem", problem.id)?;
            w.event("problem", &problem.uuid, "update", &patch.changes)?;
            read::problem_by_id(&w.tx, problem.id)
        })
    }

    /// Adds one task; returns its number.
    pub fn add_task(&mut self, new: NewTask) -> Result<i64> {
        let measure = checked(Field::Measure, &new.measure, true, true)?;
        let person = checked(Field::Person, &new.person, false, false)?;
        let round = self.round;
        self.write_on(new.assigned.unwrap_or(self.today), |w| {
            let problem = read::problem_by_code(&w.tx, &new.problem, round)?;
            let unit = active_unit(&w.tx, &new.unit)?;
            let support = support_units(w, &new.support_units, &unit, &[])?;
            let new = Measure {
                text: &measure,
                deadline: new.deadline,
                person: &person,
                support: &support,
            };
            insert_task(w, &problem, &unit, &new)
        })
    }

    /// 分解: one task per unit for a problem, all or none, each with the supporting units
    /// (less the task's own unit), assigned on `assigned` (today when `None`). Returns the new
    /// numbers.
    #[allow(clippy::too_many_arguments)]
    pub fn assign(
        &mut self,
        problem: &str,
        units: &[String],
        measure: &str,
        deadline: Option<NaiveDate>,
        person: &str,
        support: &[String],
        assigned: Option<NaiveDate>,
    ) -> Result<Vec<i64>> {
        let measure = checked(Field::Measure, measure, true, true)?;
        let person = checked(Field::Person, person, false, false)?;
        // the same unit named twice gets one task
        let mut distinct: Vec<&str> = Vec::new();
        for name in units.iter().map(|u| u.trim()) {
            if !distinct.contains(&name) {
                distinct.push(name);
            }
        }
        let round = self.round;
        self.write_on(assigned.unwrap_or(self.today), |w| {
            let problem = read::problem_by_code(&w.tx, problem, round)?;
            let mut seqs = Vec::new();
            for name in distinct {
                let unit = active_unit(&w.tx, name)?;
                let helpers = support_units(w, support, &unit, &[])?;
                let new = Measure {
                    text: &measure,
                    deadline,
                    person: &person,
                    support: &helpers,
                };
                seqs.push(insert_task(w, &problem, &unit, &new)?);
            }
            Ok(seqs)
        })
    }

    /// The names of the active units of a kind, in their order.
    pub fn unit_names_of_kind(&self, kind: UnitKind) -> Result<Vec<String>> {
        let names: Vec<String> = self
            .units()?
            .into_iter()
            .filter(|u| u.active && u.kind == kind)
            .map(|u| u.name)
            .collect();
        if names.is_empty() {
            return Err(Error::NoUnitsOfKind(kind));
        }
        Ok(names)
    }

    /// Edits a task's measure, deadline, person, unit or supporting units. With `expected_version`
    /// the edit is refused when the task changed since that version was read.
    pub fn edit_task(
        &mut self,
        seq: i64,
        edit: TaskEdit,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        self.write(|w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            // an edit takes effect on the day it is made, which cannot be before the last change
            check_in_order(w, &task)?;
            let mut patch = Patch::default();
            let measure = match &edit.measure {
                Some(measure) => checked(Field::Measure, measure, true, true)?,
                None => task.measure.clone(),
            };
            patch.text("measure", &task.measure, &measure);
            if let Some(person) = &edit.person {
                patch.text(
                    "person",
                    &task.person,
                    &checked(Field::Person, person, false, false)?,
                );
            }
            // a correction of the deadline, not an extension: the deadline first given, which
            // the assessment counts, moves with it unless an extension has kept it apart
            if let Some(deadline) = edit.deadline.filter(|d| *d != task.deadline) {
                // an extended task keeps its extension: a correction stays after what it moved
                if let Some(from) = task.extended_from
                    && deadline.is_none_or(|d| d <= from)
                {
                    return Err(Error::Extension {
                        seq,
                        problem: ExtensionProblem::CorrectedBelow {
                            from: date::format(from),
                        },
                    });
                }
                let (old, new) = (task.deadline.map(date::format), deadline.map(date::format));
                patch.set("deadline", new.clone().map_or(Sql::Null, Sql::Text));
                patch.log("deadline", opt_json(&old), opt_json(&new));
            }
            // a deactivated unit keeps the tasks it has; it only takes no new ones
            let owner = match &edit.unit {
                Some(name) if name.trim() != task.unit => active_unit(&w.tx, name)?,
                _ => read::unit_by_name(&w.tx, &task.unit)?,
            };
            if owner.name != task.unit || measure != task.measure {
                let problem = read::problem_by_id(&w.tx, task.problem_id)?;
                check_no_twin(w, &problem, &owner, &measure, Some(task.id))?;
            }
            if owner.name != task.unit {
                patch.set("unit_id", Sql::Integer(owner.id));
                patch.log("unit", json!(task.unit), json!(owner.name));
            }
            let support = match &edit.support_units {
                Some(names) => Some(support_units(w, names, &owner, &task.support_units)?),
                // a new owner cannot also support its own task
                None if owner.name != task.unit => Some(support_units(
                    w,
                    &task.support_units,
                    &owner,
                    &task.support_units,
                )?),
                None => None,
            };
            if let Some(support) = &support {
                let new_names = names(support);
                if new_names != task.support_units {
                    set_support(w, task.id, support)?;
                    patch.log("support_units", json!(task.support_units), json!(new_names));
                }
            }
            if patch.is_empty() {
                return Err(Error::NothingToChange);
            }
            patch.apply(w, "task", task.id)?;
            w.event("task", &task.uuid, "update", &patch.changes)?;
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// Adds a unit at the end of the unit order.
    pub fn add_unit(&mut self, name: &str, kind: UnitKind) -> Result<Unit> {
        let name = checked(Field::UnitName, name, true, false)?;
        self.write(|w| {
            if read::unit_by_name(&w.tx, &name).is_ok() {
                return Err(Error::DuplicateUnit(name.clone()));
            }
            insert_unit(w, &name, kind)?;
            read::unit_by_name(&w.tx, &name)
        })
    }

    pub fn rename_unit(&mut self, old: &str, new: &str) -> Result<Unit> {
        let new = checked(Field::UnitName, new, true, false)?;
        self.write(|w| {
            let unit = read::unit_by_name(&w.tx, old)?;
            if unit.name == new {
                return Err(Error::NothingToChange);
            }
            if read::unit_by_name(&w.tx, &new).is_ok() {
                return Err(Error::DuplicateUnit(new.clone()));
            }
            let mut patch = Patch::default();
            patch.text("name", &unit.name, &new);
            patch.apply(w, "unit", unit.id)?;
            w.event("unit", &unit.uuid, "rename", &patch.changes)?;
            read::unit_by_name(&w.tx, &new)
        })
    }

    /// Deactivates a unit (no new tasks) or activates it again. A unit with tasks not yet closed
    /// cannot be deactivated: they would have no owner to report on them.
    pub fn set_unit_active(&mut self, name: &str, active: bool) -> Result<Unit> {
        self.write(|w| {
            let unit = read::unit_by_name(&w.tx, name)?;
            if unit.active == active {
                return Err(Error::NothingToChange);
            }
            if !active {
                let open: u32 = w.tx.query_row(
                    "SELECT count(*) FROM task WHERE unit_id = ?1 AND status <> 'closed'",
                    [unit.id],
                    |r| r.get(0),
                )?;
                if open > 0 {
                    return Err(Error::UnitHasOpenTasks {
                        unit: unit.name,
                        open,
                    });
                }
            }
            let mut patch = Patch::default();
            patch.set("active", Sql::Integer(i64::from(active)));
            patch.log("active", json!(unit.active), json!(active));
            patch.apply(w, "unit", unit.id)?;
            let action = if active { "activate" } else { "deactivate" };
            w.event("unit", &unit.uuid, action, &patch.changes)?;
            read::unit_by_name(&w.tx, name)
        })
    }
}
