//! The as-of prompt (`t`): a day to show the ledger as of — the sheet of a past meeting, on the
//! screen. A day other than today is a view to read: nothing is written from it, and Esc in the
//! ledger comes back to today. And the history's period (`s` in the history): the changes after
//! a day, up to the day shown — what changed since the last meeting.

use crate::error::Error;
use crate::i18n::Front;
use crate::tui::forms::{FieldKey, Form, FormField, FormKind, Refusal, Submit};
use crate::tui::state::State;

pub fn open(state: &State) -> Form {
    let lang = state.lang;
    // empty, it means today, which its hint says
    let fields = vec![FormField::with_hint(
        FieldKey::Date,
        "",
        &crate::date::format(state.today),
    )];
    let note = lang.form_as_of_note(&crate::date::format(state.today));
    Form::new(FormKind::AsOf, lang.form_as_of().into(), fields).with_note(note)
}

pub fn submit(form: &Form, state: &State) -> Result<Submit, Refusal> {
    let text = form.value(FieldKey::Date);
    let day = match text.trim() {
        "" => state.today,
        typed => parsed(state, typed)?,
    };
    Ok(Submit::AsOf(day))
}

/// A day typed into the prompt; relative days (`-7d`, 今天) count from today, not from the day
/// shown.
fn parsed(state: &State, typed: &str) -> Result<chrono::NaiveDate, Refusal> {
    crate::date::parse(typed, state.today).map_err(|e| Refusal {
        fields: &[FieldKey::Date],
        message: state.lang.error_in(&Error::BadDate(e.0), Front::Tui),
    })
}

/// The history's period (`s` in the history): the day after which its changes are listed.
pub fn open_since(state: &State) -> Form {
    let lang = state.lang;
    let shown = state
        .history_since
        .map(crate::date::format)
        .unwrap_or_default();
    let fields = vec![FormField::with_hint(FieldKey::Date, &shown, "")];
    let note = lang.form_history_since_note(&crate::date::format(state.clock.today));
    Form::new(
        FormKind::HistorySince,
        lang.form_history_since().into(),
        fields,
    )
    .with_note(note)
}

pub fn submit_since(form: &Form, state: &State) -> Result<Submit, Refusal> {
    let since = match form.value(FieldKey::Date).trim() {
        "" => None,
        typed => Some(parsed(state, typed)?),
    };
    Ok(Submit::HistorySince(since))
}
