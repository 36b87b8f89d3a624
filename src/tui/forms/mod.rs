//! Forms: a title, a line that says what the form will do, fields, the focused field, the message
//! of the last refused save beside its field, and the id of a save in flight. What each form is
//! opened on and what saving it asks for is `dialogs`; no form writes anything itself.

mod field;

pub use field::{Choice, Edit, FieldKey, FormField, Input, Pick};

use super::msg::{ExportRequest, Request};
use crate::error::{Error, Field};
use crate::filter::Filter;
use crate::model::{Problem, Status};

/// What saving the form asks for; carries what the form was opened on.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    /// The day to show the ledger as of.
    AsOf,
    /// The day after which the history shows the changes.
    HistorySince,
    /// A new problem, of the round the ledger is filtered to (else the newest).
    AddProblem {
        inspection: Option<i64>,
    },
    /// The problem as it was when the form opened, to refuse a save over another change.
    EditProblem {
        original: Box<Problem>,
    },
    /// New tasks of the problem with this uuid (codes repeat across rounds).
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
    /// 延期 of a task, whose deadline is `deadline` (what `+30d` counts from).
    Extend {
        seq: i64,
        version: i64,
        deadline: chrono::NaiveDate,
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
    /// Show the ledger as of this day.
    AsOf(chrono::NaiveDate),
    /// Show the history of the period after this day (all of it when `None`).
    HistorySince(Option<chrono::NaiveDate>),
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
            Field::UnitName | Field::Actor | Field::Issuer | Field::RoundNote | Field::Period => {
                &[]
            }
        },
        Error::BadDate(_)
        | Error::FutureProgress(_)
        | Error::FutureDate { .. }
        | Error::BeforeLastChange { .. }
        | Error::BeforeAssigned { .. } => &[K::Date, K::Deadline],
        Error::BadDeadline(_) | Error::Extension { .. } => &[K::ExtendTo, K::Deadline],
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

/// Unit names typed into one field: separated by `、`, `,`, `，`, `;` or `；`.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new(
            FormKind::Filter,
            "t".into(),
            vec![
                FormField::text(FieldKey::Note, "", true),
                FormField::text(FieldKey::Evidence, "", false),
                FormField::choice(
                    FieldKey::Status,
                    vec![
                        Choice::new("全部", ""),
                        Choice::new("整改中", "in_progress"),
                        Choice::new("已销号", "closed"),
                    ],
                    "",
                ),
            ],
        )
    }

    #[test]
    fn typing_and_pasting_chinese() {
        let mut form = form();
        for c in "已整改".chars() {
            assert_eq!(form.key(key(KeyCode::Char(c))), Edit::Changed);
        }
        assert_eq!(form.key(key(KeyCode::Enter)), Edit::Changed);
        form.paste("第二行\r\n第三行");
        assert_eq!(form.value(FieldKey::Note), "已整改\n第二行\n第三行");
        form.next_field();
        form.paste("文号\n2019");
        assert_eq!(form.value(FieldKey::Evidence), "文号 2019");
        assert_eq!(form.key(key(KeyCode::Enter)), Edit::Submit);
        assert!(form.is_dirty());
    }

    #[test]
    fn choices_cycle_and_jump() {
        let mut form = form();
        form.prev_field();
        assert_eq!(form.value(FieldKey::Status), "");
        form.key(key(KeyCode::Right));
        assert_eq!(form.value(FieldKey::Status), "in_progress");
        form.key(key(KeyCode::Left));
        form.key(key(KeyCode::Left));
        assert_eq!(form.value(FieldKey::Status), "closed");
        form.key(key(KeyCode::Char('整')));
        assert_eq!(form.value(FieldKey::Status), "in_progress");
    }

    #[test]
    fn a_refusal_focuses_its_field_and_an_edit_takes_it_back() {
        let mut form = form();
        form.refuse(Refusal {
            fields: &[FieldKey::Date, FieldKey::Evidence],
            message: "太长".into(),
        });
        assert_eq!(form.focus, 1);
        assert_eq!(form.error, Some((Some(FieldKey::Evidence), "太长".into())));
        form.key(key(KeyCode::Char('x')));
        assert_eq!(form.error, None);
    }

    #[test]
    fn a_field_takes_no_more_than_its_limit() {
        let mut field = FormField::text(FieldKey::Evidence, &"证".repeat(199), false);
        assert_eq!(field.key(key(KeyCode::Char('号'))), Edit::Changed);
        assert_eq!(field.key(key(KeyCode::Char('号'))), Edit::Full);
        assert_eq!(field.fill(), Some((200, 200)));
        let mut field = FormField::text(FieldKey::Evidence, "", false);
        assert!(field.paste(&"号".repeat(300)));
        assert_eq!(field.fill(), Some((200, 200)));
    }

    #[test]
    fn picks_take_a_group_or_a_unit_that_has_a_task_already() {
        let pick = |label: &str, values: &[&str], has: bool| Pick {
            label: label.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
            has: has.then(|| "（已有 #1）".to_string()),
        };
        let mut field = FormField::picks(
            FieldKey::Unit,
            vec![
                pick("全部县区", &["汉滨区", "汉阴县"], false),
                pick("汉滨区", &["汉滨区"], true),
                pick("汉阴县", &["汉阴县"], false),
            ],
            Vec::new(),
        );
        field.key(key(KeyCode::Char(' ')));
        assert_eq!(field.chosen(), ["汉滨区", "汉阴县"]);
        field.key(key(KeyCode::Right));
        field.key(key(KeyCode::Char(' ')));
        // a unit may hold several measures of a problem: one with a task is chosen like any
        assert_eq!(field.chosen(), ["汉阴县"], "the unit alone taken back");
        field.key(key(KeyCode::Char(' ')));
        assert_eq!(field.chosen(), ["汉滨区", "汉阴县"], "and chosen again");
        field.key(key(KeyCode::Left));
        field.key(key(KeyCode::Char(' ')));
        assert!(field.chosen().is_empty(), "the group again takes it back");
    }
}
