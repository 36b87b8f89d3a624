//! What each form is opened on and what saving it asks for: one module per form. A form opens
//! on the state of the screen (the selection, the units, the filter) and its save becomes a
//! request for the worker, a filter, or a refusal beside its field.

mod asof;
mod export;
mod filter;
mod problem;
mod record;
mod task;

pub use asof::{open as open_as_of, open_since as open_history_since};
pub use export::{follow_format, open as open_export};
pub use filter::open as open_filter;
pub use problem::{open_add as open_add_problem, open_edit as open_edit_problem};
pub use record::{open_close, open_extend, open_progress, open_reopen};
pub use task::{open_add as open_add_task, open_edit as open_edit_task};

use super::forms::{FieldKey, Form, FormKind, Refusal, Submit, fields_of};
use super::state::State;
use crate::error::Error;
use crate::i18n::Front;

/// What saving the form asks for, or why it cannot be saved.
pub fn submit(form: &Form, state: &State) -> Result<Submit, Refusal> {
    match &form.kind {
        FormKind::AddProblem { .. } | FormKind::EditProblem { .. } => problem::submit(form, state),
        FormKind::AddTask { .. } | FormKind::EditTask { .. } => task::submit(form, state),
        FormKind::Progress { .. }
        | FormKind::CloseTask { .. }
        | FormKind::CloseProblem { .. }
        | FormKind::Reopen { .. }
        | FormKind::Extend { .. } => record::submit(form, state),
        FormKind::Filter => filter::submit(form),
        FormKind::Export => export::submit(form, state),
        FormKind::AsOf => asof::submit(form, state),
        FormKind::HistorySince => asof::submit_since(form, state),
    }
}

/// A refusal of `error`, with the fields the error may be about, the likeliest first.
pub fn refusal(state: &State, error: &Error) -> Refusal {
    Refusal {
        fields: fields_of(error),
        message: state.lang.error_in(error, Front::Tui),
    }
}

/// A date typed into a form, as the command line reads it.
pub fn date_of(state: &State, text: &str, key: FieldKey) -> Result<chrono::NaiveDate, Refusal> {
    crate::date::parse(text, state.clock.today).map_err(|e| Refusal {
        fields: if key == FieldKey::Date {
            &[FieldKey::Date]
        } else {
            &[FieldKey::Deadline]
        },
        message: state.lang.error_in(&Error::BadDate(e.0), Front::Tui),
    })
}

/// A deadline typed in a form: a date, or 长期坚持 for none.
pub fn deadline_of(state: &State, text: &str) -> Result<Option<chrono::NaiveDate>, Refusal> {
    crate::date::parse_deadline(text, state.clock.today).map_err(|e| Refusal {
        fields: &[FieldKey::Deadline],
        message: state.lang.error_in(&Error::BadDeadline(e.0), Front::Tui),
    })
}

/// The refusal of an action that needs what the screen does not offer, as a notice.
pub fn notice_of(state: &State, error: &Error) -> String {
    state.lang.error_in(error, Front::Tui)
}
