//! The fields of a form: a text (one line or many), a choice from a list, or several units
//! chosen at once. A field knows its longest text, what it held when the form opened (so that
//! a form with unsaved text can ask before it is dropped), and how a key edits it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::model::{MAX_LONG_TEXT, MAX_NAME};

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
    /// The deadline an extension (延期) moves to.
    ExtendTo,
    /// Who approved an extension (延期).
    ApprovedBy,
    /// The inspection round of the filter.
    Round,
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

impl Choice {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Choice {
        Choice {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// One option of a choice of several: a unit, or a group of them (all 县区); `has` notes the
/// tasks the unit holds of the problem already (it may take another measure all the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub label: String,
    /// The names it stands for: one unit, or all units of a group.
    pub values: Vec<String>,
    pub has: Option<String>,
}

pub enum Input {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
        /// The longest text the field takes, in characters.
        max: usize,
    },
    Choice {
        options: Vec<Choice>,
        index: usize,
    },
    /// Several of `picks` chosen; the cursor on one of them.
    Picks {
        picks: Vec<Pick>,
        chosen: Vec<String>,
        cursor: usize,
    },
}

pub struct FormField {
    pub key: FieldKey,
    pub input: Input,
    /// The value when the form opened.
    initial: String,
}

/// What a key did to a field.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    /// Enter in a one-line field: save.
    Submit,
    /// A character past the field's longest text was refused.
    Full,
    Ignored,
}

fn text_area(value: &str, multiline: bool) -> TextArea<'static> {
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
    if multiline {
        // a long text is read from its start
        area.move_cursor(CursorMove::Top);
        area.move_cursor(CursorMove::Head);
    } else {
        area.move_cursor(CursorMove::End);
    }
    area
}

impl FormField {
    fn new(key: FieldKey, input: Input) -> FormField {
        let mut field = FormField {
            key,
            input,
            initial: String::new(),
        };
        field.initial = field.value();
        field
    }

    /// A text field; long texts (many lines) take up to 10,000 characters, names 200.
    pub fn text(key: FieldKey, value: &str, multiline: bool) -> FormField {
        let max = if multiline { MAX_LONG_TEXT } else { MAX_NAME };
        let area = Box::new(text_area(value, multiline));
        FormField::new(
            key,
            Input::Text {
                area,
                multiline,
                max,
            },
        )
    }

    /// A one-line text field that shows `hint` while it is empty.
    pub fn with_hint(key: FieldKey, value: &str, hint: &str) -> FormField {
        let mut field = FormField::text(key, value, false);
        if let Input::Text { area, .. } = &mut field.input {
            area.set_placeholder_text(hint);
        }
        field
    }

    /// A choice with `selected` (a value) chosen, or the first option.
    pub fn choice(key: FieldKey, options: Vec<Choice>, selected: &str) -> FormField {
        let index = options
            .iter()
            .position(|o| o.value == selected)
            .unwrap_or(0);
        FormField::new(key, Input::Choice { options, index })
    }

    /// A choice of several, `chosen` chosen from the start, the cursor on the first of them.
    pub fn picks(key: FieldKey, picks: Vec<Pick>, chosen: Vec<String>) -> FormField {
        let cursor = chosen
            .first()
            .and_then(|name| picks.iter().position(|p| p.values == [name.clone()]))
            .unwrap_or(0);
        FormField::new(
            key,
            Input::Picks {
                picks,
                chosen,
                cursor,
            },
        )
    }

    /// The text of a text field (lines joined with newlines), the value of a choice, or the
    /// chosen names joined with newlines.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text { area, .. } => area.lines().join("\n"),
            Input::Choice { options, index } => options
                .get(*index)
                .map(|o| o.value.clone())
                .unwrap_or_default(),
            Input::Picks { chosen, .. } => chosen.join("\n"),
        }
    }

    /// The names chosen in a choice of several.
    pub fn chosen(&self) -> Vec<String> {
        match &self.input {
            Input::Picks { chosen, .. } => chosen.clone(),
            _ => Vec::new(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.value() != self.initial
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

    /// Characters held and the most the field takes, for a text field.
    pub fn fill(&self) -> Option<(usize, usize)> {
        match &self.input {
            Input::Text { area, max, .. } => {
                let lines = area.lines();
                let held: usize = lines.iter().map(|l| l.chars().count()).sum::<usize>()
                    + lines.len().saturating_sub(1);
                Some((held, *max))
            }
            _ => None,
        }
    }

    /// Lines the field takes on screen (its label excluded).
    pub fn height(&self) -> u16 {
        match &self.input {
            Input::Text {
                multiline: true, ..
            } => 4,
            Input::Picks { .. } => 2,
            _ => 1,
        }
    }

    pub fn focus(&mut self, focused: bool) {
        if let Input::Text { area, .. } = &mut self.input {
            let style = if focused {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            area.set_cursor_style(style);
        }
    }

    /// A key the keymap did not take: it edits the field.
    pub fn key(&mut self, event: KeyEvent) -> Edit {
        match &mut self.input {
            Input::Text {
                area,
                multiline,
                max,
            } => {
                if event.code == KeyCode::Enter && !*multiline {
                    return Edit::Submit;
                }
                let adds = matches!(event.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab)
                    && !event.modifiers.contains(KeyModifiers::CONTROL);
                if adds && full(area, *max) {
                    return Edit::Full;
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
                    KeyCode::Char(c) => match jump(options.iter().map(|o| &o.label), *index, c) {
                        Some(i) => *index = i,
                        None => return Edit::Ignored,
                    },
                    _ => return Edit::Ignored,
                }
                Edit::Changed
            }
            Input::Picks { picks, .. } if picks.is_empty() => Edit::Ignored,
            Input::Picks {
                picks,
                chosen,
                cursor,
            } => {
                let n = picks.len();
                match event.code {
                    KeyCode::Right | KeyCode::Down => *cursor = (*cursor + 1) % n,
                    KeyCode::Left | KeyCode::Up => *cursor = (*cursor + n - 1) % n,
                    KeyCode::Char(' ') => toggle(&picks[*cursor], chosen, picks),
                    KeyCode::Enter => return Edit::Submit,
                    KeyCode::Char(c) => match jump(picks.iter().map(|p| &p.label), *cursor, c) {
                        Some(i) => *cursor = i,
                        None => return Edit::Ignored,
                    },
                    _ => return Edit::Ignored,
                }
                Edit::Changed
            }
        }
    }

    /// Pasted text goes into a text field, up to its longest text; a one-line field gets it on
    /// one line. Says whether some of it did not fit.
    pub fn paste(&mut self, text: &str) -> bool {
        let Some((held, max)) = self.fill() else {
            return false;
        };
        let Input::Text {
            area, multiline, ..
        } = &mut self.input
        else {
            return false;
        };
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if *multiline {
            text
        } else {
            text.replace(['\n', '\t'], " ")
        };
        let room = max.saturating_sub(held);
        let cut = text.chars().count() > room;
        let kept: String = text.chars().take(room).collect();
        area.insert_str(kept);
        cut
    }
}

/// True when the text area holds `max` characters already.
fn full(area: &TextArea, max: usize) -> bool {
    let lines = area.lines();
    let held: usize =
        lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1);
    held >= max
}

/// The next label after `from` that holds `c`, case aside.
fn jump<'a>(labels: impl Iterator<Item = &'a String>, from: usize, c: char) -> Option<usize> {
    let labels: Vec<&String> = labels.collect();
    let n = labels.len();
    let c = c.to_lowercase().next().unwrap_or(c);
    (1..=n)
        .map(|step| (from + step) % n)
        .find(|&i| labels[i].to_lowercase().contains(c))
}

/// Chooses a pick (all of its names), or takes it back when all are chosen already.
fn toggle(pick: &Pick, chosen: &mut Vec<String>, picks: &[Pick]) {
    let names = &pick.values;
    if names.is_empty() {
        return;
    }
    if names.iter().all(|v| chosen.contains(v)) {
        chosen.retain(|c| !names.contains(c));
    } else {
        for v in names {
            if !chosen.contains(v) {
                chosen.push(v.clone());
            }
        }
    }
    // in the order of the list, whatever the order of choosing
    let place = |name: &String| {
        picks
            .iter()
            .position(|p| p.values.len() == 1 && &p.values[0] == name)
    };
    chosen.sort_by_key(place);
}
