//! Forms: a title, fields (text, one line or many, or a choice from a list), the focused field,
//! and the message of the last refused save, shown beside its field. Editing keys go to the
//! focused field; what a save means is decided by `app`, which knows the ledger.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};

use crate::model::{Problem, Status};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// What a field holds, for its label and for matching an error to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    Code,
    Category,
    Title,
    Description,
    Lead,
    Unit,
    Measure,
    Person,
    Deadline,
    Support,
    Text,
    Date,
    Evidence,
    Status,
    Note,
    Reason,
    Light,
    Format,
    Path,
    Overwrite,
}

/// One option of a choice: what is shown and what is meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: String,
}

pub enum Input {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    Choice {
        options: Vec<Choice>,
        index: usize,
    },
}

pub struct FormField {
    pub key: FieldKey,
    pub input: Input,
}

impl FormField {
    /// A one-line text field that shows `hint` while it is empty.
    pub fn with_hint(key: FieldKey, hint: &str) -> FormField {
        let mut field = FormField::text(key, "", false);
        if let Input::Text { area, .. } = &mut field.input {
            area.set_placeholder_text(hint);
        }
        field
    }

    pub fn text(key: FieldKey, value: &str, multiline: bool) -> FormField {
        let lines: Vec<String> = if multiline {
            value.split('\n').map(str::to_string).collect()
        } else {
            vec![value.replace('\n', " ")]
        };
        let mut area = TextArea::new(lines);
        if multiline {
            area.set_wrap_mode(WrapMode::Glyph);
        }
        // no cursor until the field has the focus (see `Form::show_focus`)
        area.set_cursor_style(Style::default());
        area.set_cursor_line_style(Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        FormField {
            key,
            input: Input::Text {
                area: Box::new(area),
                multiline,
            },
        }
    }

    /// A choice with `selected` (a value) chosen, or the first option.
    pub fn choice(key: FieldKey, options: Vec<Choice>, selected: &str) -> FormField {
        let index = options
            .iter()
            .position(|o| o.value == selected)
            .unwrap_or(0);
        FormField {
            key,
            input: Input::Choice { options, index },
        }
    }

    /// The text of a text field (lines joined with newlines) or the value of a choice.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text { area, .. } => area.lines().join("\n"),
            Input::Choice { options, index } => options
                .get(*index)
                .map(|o| o.value.clone())
                .unwrap_or_default(),
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(
            self.input,
            Input::Text {
                multiline: true,
                ..
            }
        )
    }

    /// Lines the field takes on screen (its label excluded).
    pub fn height(&self) -> u16 {
        if self.is_multiline() { 4 } else { 1 }
    }
}

/// What saving the form does; carries what the form was opened on.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    AddProblem,
    /// Carries the problem as it was when the form opened, to refuse a save over another change.
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
    CloseProblem {
        code: String,
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
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The message of the last refused save, and the field it is about (if one).
    pub error: Option<(Option<FieldKey>, String)>,
}

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    /// Enter in a one-line field: save.
    Submit,
    Ignored,
}

impl Form {
    pub fn new(kind: FormKind, title: String, fields: Vec<FormField>) -> Form {
        let mut form = Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
        };
        form.show_focus();
        form
    }

    /// Only the focused text field shows a cursor.
    fn show_focus(&mut self) {
        for (i, field) in self.fields.iter_mut().enumerate() {
            if let Input::Text { area, .. } = &mut field.input {
                let style = if i == self.focus {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                area.set_cursor_style(style);
            }
        }
    }

    fn focus_on(&mut self, index: usize) {
        self.focus = index;
        self.show_focus();
    }

    pub fn value(&self, key: FieldKey) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(FormField::value)
            .unwrap_or_default()
    }

    pub fn next_field(&mut self) {
        self.focus_on((self.focus + 1) % self.fields.len().max(1));
    }

    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus_on((self.focus + n - 1) % n);
    }

    /// Shows `message` beside the first of `fields` this form has, and moves the focus there;
    /// with none of them, the message stands under the form.
    pub fn refuse(&mut self, fields: &[FieldKey], message: String) {
        let found = fields.iter().find_map(|k| {
            self.fields
                .iter()
                .position(|f| f.key == *k)
                .map(|i| (i, *k))
        });
        if let Some((i, _)) = found {
            self.focus_on(i);
        }
        self.error = Some((found.map(|(_, k)| k), message));
    }

    /// A key the keymap did not take: it edits the focused field.
    pub fn key(&mut self, event: KeyEvent) -> Edit {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Edit::Ignored;
        };
        match &mut field.input {
            Input::Text { area, multiline } => {
                if event.code == KeyCode::Enter && !*multiline {
                    return Edit::Submit;
                }
                if area.input(event) {
                    Edit::Changed
                } else {
                    Edit::Ignored
                }
            }
            Input::Choice { options, .. } if options.is_empty() => Edit::Ignored,
            Input::Choice { options, index } => {
                let n = options.len();
                match event.code {
                    KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                        *index = (*index + 1) % n
                    }
                    KeyCode::Left | KeyCode::Up => *index = (*index + n - 1) % n,
                    KeyCode::Enter => return Edit::Submit,
                    // typing jumps to the next option that contains the character
                    KeyCode::Char(c) => {
                        let found = (1..=n)
                            .map(|step| (*index + step) % n)
                            .find(|&i| options[i].label.to_lowercase().contains(c));
                        match found {
                            Some(i) => *index = i,
                            None => return Edit::Ignored,
                        }
                    }
                    _ => return Edit::Ignored,
                }
                Edit::Changed
            }
        }
    }

    /// Pasted text goes into the focused text field; one-line fields get it on one line.
    pub fn paste(&mut self, text: &str) {
        if let Some(FormField {
            input: Input::Text { area, multiline },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let text = if *multiline {
                text
            } else {
                text.replace('\n', " ")
            };
            area.insert_str(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

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
                        Choice {
                            label: "全部".into(),
                            value: String::new(),
                        },
                        Choice {
                            label: "整改中".into(),
                            value: "in_progress".into(),
                        },
                        Choice {
                            label: "已销号".into(),
                            value: "closed".into(),
                        },
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
    fn a_refusal_focuses_its_field() {
        let mut form = form();
        form.refuse(&[FieldKey::Date, FieldKey::Evidence], "太长".into());
        assert_eq!(form.focus, 1);
        assert_eq!(form.error, Some((Some(FieldKey::Evidence), "太长".into())));
    }
}
