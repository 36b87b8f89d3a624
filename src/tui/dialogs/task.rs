//! Adding tasks to a problem (`a`), one unit or several at once (分解: all 县区, all 市直部门, or
//! any units picked), and editing a task (`e` on a task row).

use super::{deadline_of, refusal};
use crate::error::Error;
use crate::model::UnitKind;
use crate::store::TaskEdit;
use crate::tui::forms::{
    Choice, FieldKey, Form, FormField, FormKind, Pick, Refusal, Submit, split_names,
};
use crate::tui::msg::Request;
use crate::tui::state::State;

/// The units to pick from for a new task of the problem: the groups first, then every active
/// unit, each noting the task it has of the problem already (it may take another measure).
fn picks(state: &State, problem_id: i64) -> Vec<Pick> {
    let lang = state.lang;
    let has = |name: &str| {
        state
            .data
            .tasks_of_problem(problem_id)
            .find(|t| &*t.unit == name)
            .map(|t| lang.tui_taken(t.seq))
    };
    let active: Vec<_> = state.data.units.iter().filter(|u| u.active).collect();
    let group = |label: &str, kind: UnitKind| {
        let values: Vec<String> = active
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| u.name.clone())
            .collect();
        (!values.is_empty()).then(|| Pick {
            label: label.to_string(),
            values,
            has: None,
        })
    };
    let groups = [
        group(lang.tui_all_counties(), UnitKind::County),
        group(lang.tui_all_departments(), UnitKind::Department),
    ];
    groups
        .into_iter()
        .flatten()
        .chain(active.iter().map(|u| Pick {
            label: u.name.clone(),
            values: vec![u.name.clone()],
            has: has(&u.name),
        }))
        .collect()
}

pub fn open_add(state: &State) -> Result<Form, String> {
    let lang = state.lang;
    if !state.data.units.iter().any(|u| u.active) {
        return Err(lang.tui_no_units().into());
    }
    let Some(problem) = state.selected_problem().cloned() else {
        return Ok(super::open_add_problem(state));
    };
    let picks = picks(state, problem.id);
    // the office chosen to begin with (it may hold another measure); never a unit nobody named
    let default: Vec<String> = state
        .data
        .units
        .iter()
        .find(|u| u.active && u.kind == UnitKind::Office)
        .map(|u| vec![u.name.clone()])
        .unwrap_or_default();
    // the latest deadline of the problem's tasks, unless it has passed: typing after an
    // overdue date would make a date nobody meant
    let deadline = state
        .data
        .tasks_of_problem(problem.id)
        .filter_map(|t| t.deadline)
        .max()
        .filter(|d| *d >= state.clock.today)
        .map(crate::date::format)
        .unwrap_or_default();
    let fields = vec![
        FormField::picks(FieldKey::Unit, picks, default),
        FormField::text(FieldKey::Measure, "", true),
        FormField::text(FieldKey::Person, "", false),
        FormField::with_hint(FieldKey::Deadline, &deadline, lang.tui_deadline_hint()),
        FormField::text(FieldKey::Support, "", false),
    ];
    let title = lang.form_add_task(&problem.code);
    Ok(Form::new(
        FormKind::AddTask {
            problem: problem.uuid,
        },
        title,
        fields,
    ))
}

/// The active units to choose from, and `current` even when it is deactivated since, so that
/// opening and saving a form never changes a unit nobody touched.
fn unit_choices(state: &State, current: &str) -> Vec<Choice> {
    state
        .data
        .units
        .iter()
        .filter(|u| u.active || u.name == current)
        .map(|u| Choice::new(u.name.clone(), u.name.clone()))
        .collect()
}

pub fn open_edit(state: &State) -> Result<Form, String> {
    if state.selected_task().is_none() {
        return Err(state.lang.tui_select_task().into());
    }
    // the line does not hold the person and the supporting units: the detail's whole task does
    let Some(task) = state.selected_whole_task() else {
        return Err(state.lang.tui_task_reading().into());
    };
    let lang = state.lang;
    let fields = vec![
        FormField::choice(FieldKey::Unit, unit_choices(state, &task.unit), &task.unit),
        FormField::text(FieldKey::Measure, &task.measure, true),
        FormField::text(FieldKey::Person, &task.person, false),
        FormField::text(FieldKey::Deadline, &lang.deadline(task.deadline), false),
        FormField::text(
            FieldKey::Support,
            &task.support_units.join(lang.list_separator()),
            false,
        ),
    ];
    Ok(Form::new(
        FormKind::EditTask {
            seq: task.seq,
            version: task.version,
        },
        lang.form_edit_task(task.seq),
        fields,
    ))
}

pub fn submit(form: &Form, state: &State) -> Result<Submit, Refusal> {
    let value = |key| form.value(key);
    let deadline = deadline_of(state, &value(FieldKey::Deadline))?;
    let request = match &form.kind {
        FormKind::EditTask { seq, version } => Request::EditTask {
            seq: *seq,
            version: *version,
            edit: TaskEdit {
                measure: Some(value(FieldKey::Measure)),
                deadline: Some(deadline),
                person: Some(value(FieldKey::Person)),
                unit: Some(value(FieldKey::Unit)),
                support_units: Some(split_names(&value(FieldKey::Support))),
            },
        },
        _ => {
            let problem = match &form.kind {
                FormKind::AddTask { problem } => problem.clone(),
                _ => String::new(),
            };
            let units = form
                .field(FieldKey::Unit)
                .map(|f| f.chosen())
                .unwrap_or_default();
            if units.is_empty() {
                return Err(refusal(state, &Error::NoUnitChosen));
            }
            Request::AddTasks {
                problem,
                units,
                measure: value(FieldKey::Measure),
                deadline,
                person: value(FieldKey::Person),
                support: split_names(&value(FieldKey::Support)),
            }
        }
    };
    Ok(Submit::Write(request))
}
