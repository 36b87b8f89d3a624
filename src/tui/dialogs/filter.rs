//! The filter popup (`f`): the inspection round (when the ledger has several), status (or 逾期),
//! category, unit and light.

use crate::filter::Filter;
use crate::model::{Category, Key, Light, Status};
use crate::tui::forms::{Choice, FieldKey, Form, FormField, FormKind, Refusal, Submit};
use crate::tui::state::State;

/// The value of the 逾期 choice of the status field.
const OVERDUE: &str = "overdue";

pub fn open(state: &State) -> Result<Form, String> {
    let lang = state.lang;
    let any = || Choice::new(lang.tui_any(), "");
    let statuses = std::iter::once(any())
        .chain(std::iter::once(Choice::new(lang.tui_overdue(), OVERDUE)))
        .chain(
            Status::ALL
                .iter()
                .map(|s| Choice::new(lang.status(*s), s.key())),
        )
        .collect();
    let categories = std::iter::once(any())
        .chain(
            Category::ALL
                .iter()
                .map(|c| Choice::new(lang.category(*c), c.key())),
        )
        .collect();
    let units = std::iter::once(any())
        .chain(
            state
                .data
                .units
                .iter()
                .map(|u| Choice::new(u.name.clone(), u.name.clone())),
        )
        .collect();
    let lights = std::iter::once(any())
        .chain(
            Light::ALL
                .iter()
                .map(|l| Choice::new(lang.light(*l), l.key())),
        )
        .collect();
    let f = &state.filter;
    let status = if f.overdue {
        OVERDUE
    } else {
        f.statuses.first().map_or("", |s| s.key())
    };
    let mut fields = Vec::new();
    if state.data.inspections.len() > 1 {
        let rounds = std::iter::once(Choice::new(lang.all_rounds(), ""))
            .chain(
                state
                    .data
                    .inspections
                    .iter()
                    .map(|i| Choice::new(state.round_name(i.id), i.id.to_string())),
            )
            .collect();
        let chosen = f.inspection.map(|id| id.to_string()).unwrap_or_default();
        fields.push(FormField::choice(FieldKey::Round, rounds, &chosen));
    }
    fields.extend([
        FormField::choice(FieldKey::Status, statuses, status),
        FormField::choice(
            FieldKey::Category,
            categories,
            f.category.map_or("", |c| c.key()),
        ),
        FormField::choice(FieldKey::Unit, units, f.unit.as_deref().unwrap_or("")),
        FormField::choice(FieldKey::Light, lights, f.light.map_or("", |l| l.key())),
    ]);
    Ok(Form::new(
        FormKind::Filter,
        lang.form_filter().into(),
        fields,
    ))
}

pub fn submit(form: &Form) -> Result<Submit, Refusal> {
    let status = form.value(FieldKey::Status);
    let unit = form.value(FieldKey::Unit);
    Ok(Submit::Filter(Filter {
        inspection: form.value(FieldKey::Round).parse().ok(),
        statuses: Status::from_key(&status).into_iter().collect(),
        overdue: status == OVERDUE,
        category: Category::from_key(&form.value(FieldKey::Category)),
        unit: (!unit.trim().is_empty()).then_some(unit),
        light: Light::from_key(&form.value(FieldKey::Light)),
        ..Filter::default()
    }))
}
