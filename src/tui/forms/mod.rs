//! Forms: a title, a line that says what the form will do, fields, the focused field, the message
//! of the last refused save beside its field, and the id of a save in flight. One module per
//! form says how it opens on the state of the screen and what saving it asks for; no form writes
//! anything itself.

mod export;
mod field;
mod filter;
mod problem;
mod record;
mod task;

pub use export::{follow_format, open as open_export};
pub use field::{Choice, Edit, FieldKey, FormField, Input, Pick};
pub use filter::open as open_filter;
pub use problem::{open_add as open_add_problem, open_edit as open_edit_problem};
pub use record::{open_close, open_progress, open_reopen};
pub use task::{open_add as open_add_task, open_edit as open_edit_task};

use super::msg::{ExportRequest, Request};
use super::state::State;
use crate::error::{Error, Field};
use crate::filter::Filter;
use crate::i18n::Front;
use crate::model::{Problem, Status};

/// What saving the form asks for; carries what the form was opened on.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    AddProblem,
    /// The problem as it was when the form opened, to refuse a save over another change.
    EditProblem {
        original: Box<Problem>,
    },
    AddTask {
        problem: String,
    },
    EditTask {
        seq: i64,
        version: i64,
    },
    Progress {
        seq: i64,
        version: i64,
    },
    CloseTask {
        seq: i64,
        version: i64,
    },
    /// The open tasks of the problem that the screen shows: only they are closed.
    CloseProblem {
        code: String,
        seqs: Vec<i64>,
    },
    Reopen {
        seq: i64,
        version: i64,
        from: Status,
    },
    Filter,
    Export,
}

pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// What the form will do, said before it does it (how many rows an export writes).
    pub note: Option<String>,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The message of the last refused save, and the field it is about (if one).
    pub error: Option<(Option<FieldKey>, String)>,
    /// The id of the save in flight.
    pub pending: Option<u64>,
}

/// What a form asks for when it is saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Submit {
    Write(Request),
    Export(ExportRequest),
    /// A filter for the screen: nothing is written.
    Filter(Filter),
}

/// Why a form cannot be saved as it is: a message and the fields it may be about.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub fields: &'static [FieldKey],
    pub message: String,
}

impl Form {
    pub fn new(kind: FormKind, title: String, fields: Vec<FormField>) -> Form {
        let mut form = Form {
            kind,
            title,
            note: None,
            fields,
            focus: 0,
            error: None,
            pending: None,
        };
        form.focus_on(0);
        form
    }

    pub fn with_note(mut self, note: String) -> Form {
        self.note = Some(note);
        self
    }

    fn focus_on(&mut self, index: usize) {
        self.focus = index;
        for (i, field) in self.fields.iter_mut().enumerate() {
            field.focus(i == index);
        }
    }

    pub fn value(&self, key: FieldKey) -> String {
        self.field(key).map(FormField::value).unwrap_or_default()
    }

    pub fn field(&self, key: FieldKey) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: FieldKey) -> Option<&mut FormField> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    pub fn next_field(&mut self) {
        self.focus_on((self.focus + 1) % self.fields.len().max(1));
    }

    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus_on((self.focus + n - 1) % n);
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(FormField::is_dirty)
    }

    /// Shows `message` beside the first of `fields` this form has, and moves the focus there;
    /// with none of them, the message stands under the form.
    pub fn refuse(&mut self, refusal: Refusal) {
        let found = refusal.fields.iter().find_map(|k| {
            self.fields
                .iter()
                .position(|f| f.key == *k)
                .map(|i| (i, *k))
        });
        if let Some((i, _)) = found {
            self.focus_on(i);
        }
        self.error = Some((found.map(|(_, k)| k), refusal.message));
        self.pending = None;
    }

    /// A key for the focused field. A change takes back the message of the last refusal: it
    /// spoke of what was there before.
    pub fn key(&mut self, event: ratatui::crossterm::event::KeyEvent) -> Edit {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Edit::Ignored;
        };
        let edit = field.key(event);
        if edit == Edit::Changed {
            self.error = None;
        }
        edit
    }

    /// Pasted text for the focused field; says whether some did not fit.
    pub fn paste(&mut self, text: &str) -> bool {
        self.error = None;
        self.fields
            .get_mut(self.focus)
            .is_some_and(|field| field.paste(text))
    }

    /// What saving the form asks for, or why it cannot be saved.
    pub fn submit(&self, state: &State) -> Result<Submit, Refusal> {
        match &self.kind {
            FormKind::AddProblem | FormKind::EditProblem { .. } => problem::submit(self),
            FormKind::AddTask { .. } | FormKind::EditTask { .. } => task::submit(self, state),
            FormKind::Progress { .. }
            | FormKind::CloseTask { .. }
            | FormKind::CloseProblem { .. }
            | FormKind::Reopen { .. } => record::submit(self, state),
            FormKind::Filter => filter::submit(self),
            FormKind::Export => export::submit(self, state),
        }
    }
}

/// A refusal of `error`, with the fields the error may be about, the likeliest first.
pub fn refusal(state: &State, error: &Error) -> Refusal {
    Refusal {
        fields: fields_of(error),
        message: state.lang.error_in(error, Front::Tui),
    }
}

/// The form fields an error may be about, the likeliest first; the form shows the message beside
/// the first one it has.
pub fn fields_of(error: &Error) -> &'static [FieldKey] {
    use FieldKey as K;
    match error {
        Error::BadText { field, .. } => match field {
            Field::Code => &[K::Code],
            Field::Title => &[K::Title],
            Field::Description => &[K::Description],
            Field::Measure => &[K::Measure],
            Field::Person => &[K::Person],
            Field::Note => &[K::Note],
            Field::Reason => &[K::Reason],
            Field::ProgressText => &[K::Text],
            Field::Evidence => &[K::Evidence],
            Field::UnitName | Field::Actor => &[],
        },
        Error::BadDate(_) | Error::FutureProgress(_) => &[K::Date, K::Deadline],
        Error::DuplicateCode(_) | Error::CodeLooksLikeNumber(_) | Error::CodeHasSpace(_) => {
            &[K::Code]
        }
        Error::UnknownUnit(_) | Error::InactiveUnit(_) => &[K::Support, K::Unit, K::Lead],
        Error::DuplicateTask { .. } | Error::NoUnitChosen => &[K::Unit],
        Error::ForbiddenMove { .. } | Error::WrongCommand { .. } => &[K::Status],
        Error::ExportExists(_) | Error::ExportFailed { .. } | Error::File { .. } => {
            &[K::Path, K::Overwrite]
        }
        _ => &[],
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

/// Unit names typed into one field: separated by `、`, `,`, `，`, `;` or `；`.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The refusal of an action that needs what the screen does not offer, as a notice.
pub fn notice_of(state: &State, error: &Error) -> String {
    state.lang.error_in(error, Front::Tui)
}
