//! Adding and editing a problem (`A`, `e` on a problem row).

use crate::error::Error;
use crate::model::{Category, Key};
use crate::store::{NewProblem, ProblemEdit};
use crate::tui::forms::{Choice, FieldKey, Form, FormField, FormKind, Refusal, Submit};
use crate::tui::msg::Request;
use crate::tui::state::State;

fn category_choices(state: &State) -> Vec<Choice> {
    Category::ALL
        .iter()
        .map(|c| Choice::new(state.lang.category(*c), c.key()))
        .collect()
}

/// The active units to choose from, with "none" first, and `current` even when it is
/// deactivated since, so that saving never changes a lead nobody touched.
fn lead_choices(state: &State, current: &str) -> Vec<Choice> {
    std::iter::once(Choice::new(state.lang.tui_no_lead(), ""))
        .chain(
            state
                .data
                .units
                .iter()
                .filter(|u| u.active || u.name == current)
                .map(|u| Choice::new(u.name.clone(), u.name.clone())),
        )
        .collect()
}

pub fn open_add(state: &State) -> Form {
    let fields = vec![
        FormField::text(FieldKey::Code, "", false),
        FormField::choice(FieldKey::Category, category_choices(state), "other"),
        FormField::text(FieldKey::Title, "", false),
        FormField::text(FieldKey::Description, "", true),
        FormField::choice(FieldKey::Lead, lead_choices(state, ""), ""),
    ];
    // with several rounds, the title says which one the problem goes to: the one shown, else
    // the newest
    let lang = state.lang;
    let all = &state.data.inspections;
    let round = state.filter.inspection.or_else(|| {
        all.iter()
            .max_by_key(|i| (i.feedback_date, i.id))
            .map(|i| i.id)
    });
    let title = match round.filter(|_| all.len() > 1) {
        Some(round) => format!(
            "{}{}",
            lang.form_add_problem(),
            lang.aside(&state.round_name(round))
        ),
        None => lang.form_add_problem().into(),
    };
    Form::new(
        FormKind::AddProblem {
            inspection: state.filter.inspection,
        },
        title,
        fields,
    )
}

pub fn open_edit(state: &State) -> Result<Form, String> {
    let Some(problem) = state.selected_problem().cloned() else {
        return Err(state.lang.tui_select_something().into());
    };
    let lead = problem.lead_unit.clone().unwrap_or_default();
    let fields = vec![
        FormField::text(FieldKey::Code, &problem.code, false),
        FormField::choice(
            FieldKey::Category,
            category_choices(state),
            problem.category.key(),
        ),
        FormField::text(FieldKey::Title, &problem.title, false),
        FormField::text(FieldKey::Description, &problem.description, true),
        FormField::choice(FieldKey::Lead, lead_choices(state, &lead), &lead),
    ];
    let title = state.lang.form_edit_problem().into();
    Ok(Form::new(
        FormKind::EditProblem {
            original: Box::new(problem),
        },
        title,
        fields,
    ))
}

pub fn submit(form: &Form, state: &State) -> Result<Submit, Refusal> {
    let value = |key| form.value(key);
    let request = match &form.kind {
        FormKind::EditProblem { original } => Request::EditProblem {
            original: original.clone(),
            edit: ProblemEdit {
                code: Some(value(FieldKey::Code)),
                category: Category::from_key(&value(FieldKey::Category)),
                title: Some(value(FieldKey::Title)),
                description: Some(value(FieldKey::Description)),
                lead_unit: Some(value(FieldKey::Lead)),
            },
        },
        FormKind::AddProblem { inspection } => Request::AddProblem(NewProblem {
            inspection: *inspection,
            code: value(FieldKey::Code),
            category: Category::from_key(&value(FieldKey::Category)),
            title: value(FieldKey::Title),
            description: value(FieldKey::Description),
            lead_unit: Some(value(FieldKey::Lead)).filter(|l| !l.trim().is_empty()),
        }),
        _ => return Err(super::refusal(state, &Error::NothingToChange)),
    };
    Ok(Submit::Write(request))
}
