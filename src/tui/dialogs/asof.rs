//! The as-of prompt (`t`): a day to show the ledger as of — the sheet of a past meeting, on the
//! screen. A day other than today is a view to read: nothing is written from it, and Esc in the
//! ledger comes back to today.

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
        // relative days (`-7d`, 今天) count from today, not from the day shown
        typed => crate::date::parse(typed, state.today).map_err(|e| Refusal {
            fields: &[FieldKey::Date],
            message: state.lang.error_in(&Error::BadDate(e.0), Front::Tui),
        })?,
    };
    Ok(Submit::AsOf(day))
}
