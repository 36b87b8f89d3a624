//! The keymap as data: one table of bindings, read by `update` to turn a key into an action and
//! by the footer and the help overlay to say what the keys do. Change a key here and all three
//! follow.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;

/// Where the keys are pressed: each mode has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ledger,
    Units,
    History,
    /// Typing a search after `/`.
    Search,
    /// Any form or popup with fields.
    Form,
    /// The help overlay.
    Overlay,
    /// A question to answer yes or no.
    Confirm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Detail,
    NextView,
    ViewLedger,
    ViewUnits,
    ViewHistory,
    /// Esc in the unit board and the history: back to the ledger.
    Back,
    Search,
    Filter,
    ClearFilters,
    ToggleOpen,
    AddTask,
    AddProblem,
    Edit,
    Progress,
    Close,
    Reopen,
    /// 延期: extend the deadline of the selected task.
    Extend,
    Export,
    /// Show the ledger as of another day (a date prompt).
    AsOf,
    /// In the history: show the changes of a period (since a day).
    HistorySince,
    Undo,
    Redo,
    Help,
    Quit,
    /// In the unit board: show this unit's tasks in the ledger.
    FilterByUnit,
    /// In the history: show the record of this event in the ledger.
    OpenRecord,
    // search
    KeepSearch,
    ClearSearch,
    // forms
    NextField,
    PrevField,
    Save,
    Cancel,
    // questions
    Yes,
    No,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => event.code == code,
        }
    }

    /// How the key is written in the footer and the help.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

/// How a binding shows in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footer {
    Hidden,
    Shown,
    /// Shown as one item with the bindings beside it of the same kind: `1/2/3 台账/单位/日志`.
    Grouped,
}

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    pub footer: Footer,
}

use Footer::{Grouped, Hidden, Shown};
use Key::{Char, Code, Ctrl};
use Mode::{Confirm, Form, History, Ledger, Overlay, Search, Units};

const BROWSE: &[Mode] = &[Ledger, Units, History];

/// The one keymap. Order matters: the first binding of a mode that matches a key wins, and the
/// footer lists bindings in this order, as many as fit (so what must always show comes first).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { modes: BROWSE, keys: &[Char('j'), Code(KeyCode::Down)], action: Action::Down, footer: Hidden },
    Binding { modes: BROWSE, keys: &[Char('k'), Code(KeyCode::Up)], action: Action::Up, footer: Hidden },
    Binding { modes: BROWSE, keys: &[Code(KeyCode::PageDown), Ctrl('d')], action: Action::PageDown, footer: Hidden },
    Binding { modes: BROWSE, keys: &[Code(KeyCode::PageUp), Ctrl('u')], action: Action::PageUp, footer: Hidden },
    Binding { modes: BROWSE, keys: &[Char('g'), Code(KeyCode::Home)], action: Action::Top, footer: Hidden },
    Binding { modes: BROWSE, keys: &[Char('G'), Code(KeyCode::End)], action: Action::Bottom, footer: Hidden },
    Binding { modes: &[Ledger], keys: &[Code(KeyCode::Enter)], action: Action::Detail, footer: Hidden },
    Binding { modes: &[Ledger], keys: &[Code(KeyCode::Esc)], action: Action::ClearSearch, footer: Hidden },
    Binding { modes: &[Units], keys: &[Code(KeyCode::Enter)], action: Action::FilterByUnit, footer: Shown },
    Binding { modes: &[History], keys: &[Code(KeyCode::Enter)], action: Action::OpenRecord, footer: Shown },
    Binding { modes: &[Units, History], keys: &[Code(KeyCode::Esc)], action: Action::Back, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('?')], action: Action::Help, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('1')], action: Action::ViewLedger, footer: Grouped },
    Binding { modes: BROWSE, keys: &[Char('2')], action: Action::ViewUnits, footer: Grouped },
    Binding { modes: BROWSE, keys: &[Char('3')], action: Action::ViewHistory, footer: Grouped },
    Binding { modes: &[Ledger], keys: &[Char('/')], action: Action::Search, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('f')], action: Action::Filter, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('o')], action: Action::ToggleOpen, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('p')], action: Action::Progress, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('c')], action: Action::Close, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('r')], action: Action::Reopen, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('a')], action: Action::AddTask, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('e')], action: Action::Edit, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('u')], action: Action::Undo, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('x')], action: Action::Export, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('t')], action: Action::AsOf, footer: Shown },
    Binding { modes: &[History], keys: &[Char('s')], action: Action::HistorySince, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('F')], action: Action::ClearFilters, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('A')], action: Action::AddProblem, footer: Shown },
    Binding { modes: &[Ledger], keys: &[Char('d')], action: Action::Extend, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('U'), Ctrl('r')], action: Action::Redo, footer: Shown },
    Binding { modes: BROWSE, keys: &[Char('q')], action: Action::Quit, footer: Shown },
    Binding { modes: BROWSE, keys: &[Code(KeyCode::Tab)], action: Action::NextView, footer: Hidden },
    Binding { modes: &[Search], keys: &[Code(KeyCode::Enter)], action: Action::KeepSearch, footer: Shown },
    Binding { modes: &[Search], keys: &[Code(KeyCode::Esc)], action: Action::ClearSearch, footer: Shown },
    Binding { modes: &[Form], keys: &[Ctrl('s')], action: Action::Save, footer: Shown },
    Binding { modes: &[Form, Overlay], keys: &[Code(KeyCode::Esc)], action: Action::Cancel, footer: Shown },
    Binding { modes: &[Form], keys: &[Code(KeyCode::Tab)], action: Action::NextField, footer: Shown },
    Binding { modes: &[Form], keys: &[Code(KeyCode::BackTab)], action: Action::PrevField, footer: Hidden },
    Binding { modes: &[Overlay], keys: &[Char('q'), Char('?'), Code(KeyCode::Enter)], action: Action::Cancel, footer: Hidden },
    Binding { modes: &[Confirm], keys: &[Char('y'), Char('Y')], action: Action::Yes, footer: Shown },
    Binding { modes: &[Confirm], keys: &[Char('n'), Char('N'), Code(KeyCode::Esc)], action: Action::No, footer: Shown },
    Binding { modes: &[Ledger, Units, History, Search, Form, Overlay, Confirm], keys: &[Ctrl('c')], action: Action::Quit, footer: Hidden },
];

/// The action of a key in a mode, if the keymap has one.
pub fn action(mode: Mode, event: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

/// The bindings of a mode, footer ones only or all of them.
pub fn bindings(mode: Mode, footer_only: bool) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.modes.contains(&mode) && (b.footer != Hidden || !footer_only))
}

/// What an action does, for the footer and the help overlay.
pub fn label(action: Action, lang: Lang) -> &'static str {
    match action {
        Action::Up => lang.key_up(),
        Action::Down => lang.key_down(),
        Action::PageUp => lang.key_page_up(),
        Action::PageDown => lang.key_page_down(),
        Action::Top => lang.key_top(),
        Action::Bottom => lang.key_bottom(),
        Action::Detail => lang.key_detail(),
        Action::NextView => lang.key_next_view(),
        Action::ViewLedger => lang.key_view_ledger(),
        Action::ViewUnits => lang.key_view_units(),
        Action::ViewHistory => lang.key_view_history(),
        Action::Back => lang.key_back(),
        Action::Search => lang.key_search(),
        Action::Filter => lang.key_filter(),
        Action::ClearFilters => lang.key_clear_filters(),
        Action::ToggleOpen => lang.key_toggle_open(),
        Action::AddTask => lang.key_add_task(),
        Action::AddProblem => lang.key_add_problem(),
        Action::Edit => lang.key_edit(),
        Action::Progress => lang.key_progress(),
        Action::Close => lang.key_close(),
        Action::Reopen => lang.key_reopen(),
        Action::Extend => lang.key_extend(),
        Action::Export => lang.key_export(),
        Action::AsOf => lang.key_as_of(),
        Action::HistorySince => lang.key_history_since(),
        Action::Undo => lang.key_undo(),
        Action::Redo => lang.key_redo(),
        Action::Help => lang.key_help(),
        Action::Quit => lang.key_quit(),
        Action::FilterByUnit => lang.key_filter_by_unit(),
        Action::OpenRecord => lang.key_open_record(),
        Action::KeepSearch => lang.key_keep_search(),
        Action::ClearSearch => lang.key_clear_search(),
        Action::NextField => lang.key_next_field(),
        Action::PrevField => lang.key_prev_field(),
        Action::Save => lang.key_save(),
        Action::Cancel => lang.key_cancel(),
        Action::Yes => lang.key_yes(),
        Action::No => lang.key_no(),
    }
}

/// "j/↓" — the keys of a binding as one label.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions_by_mode() {
        assert_eq!(
            action(Mode::Ledger, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            action(Mode::Ledger, &key(KeyCode::Down)),
            Some(Action::Down)
        );
        assert_eq!(
            action(Mode::Ledger, &key(KeyCode::Enter)),
            Some(Action::Detail)
        );
        assert_eq!(
            action(Mode::Units, &key(KeyCode::Enter)),
            Some(Action::FilterByUnit)
        );
        assert_eq!(action(Mode::Units, &key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(action(Mode::Form, &key(KeyCode::Char('j'))), None);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Form, &ctrl_s), Some(Action::Save));
        assert_eq!(action(Mode::Ledger, &ctrl_s), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Form, &ctrl_c), Some(Action::Quit));
        // Ctrl-C is not `c` (close)
        assert_eq!(action(Mode::Ledger, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in [Ledger, Units, History, Search, Form, Overlay, Confirm] {
            let keys: Vec<Key> = bindings(mode, false)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} twice in {mode:?}");
            }
        }
    }
}
