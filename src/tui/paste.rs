//! Text that arrives at once: a bracketed paste, or keys too fast to be typed (a paste the
//! terminal did not bracket). Where text is typed it is text, so a newline in it never saves a
//! form; elsewhere the keys act one after the other. No I/O.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::input::key;
use super::msg::Effect;
use super::state::{Keep, Notice, State};

/// Keys in a burst: pasted text where a text is typed (a form, the search), so that a newline in
/// it never saves a form; anywhere else the keys themselves, one after the other.
pub fn burst(state: &mut State, keys: Vec<KeyEvent>) -> Vec<Effect> {
    // the search is one line whose Enter only keeps it: a return in the burst ends the search
    // there, and what follows is keys again
    if state.searching
        && state.form().is_none()
        && let Some(at) = keys.iter().position(|k| k.code == KeyCode::Enter)
    {
        let mut keys = keys;
        let rest = keys.split_off(at + 1);
        let enter = keys.pop().expect("the return found above");
        let mut effects = burst(state, keys);
        effects.extend(key(state, enter));
        effects.extend(burst(state, rest));
        return effects;
    }
    if state.form().is_some() || state.searching {
        let text: String = keys
            .iter()
            .map(|k| match k.code {
                KeyCode::Char(c) => c,
                KeyCode::Tab => '\t',
                _ => '\n',
            })
            .collect();
        return paste(state, &text);
    }
    let mut effects = Vec::new();
    let mut keys = keys.into_iter();
    while let Some(event) = keys.next() {
        effects.extend(key(state, event));
        // what follows a key that opened a form or the search is text for it
        if state.form().is_some() || state.searching {
            effects.extend(burst(state, keys.collect()));
            break;
        }
    }
    effects
}

/// A bracketed paste: into the focused field of a form, or the search.
pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    if state.layout.too_small() {
        return Vec::new();
    }
    if let Some(form) = state.form_mut() {
        if form.pending.is_some() {
            return Vec::new();
        }
        let max = form.focused().and_then(|f| f.fill()).map(|(_, max)| max);
        if form.paste(text) {
            state.notice = Some(Notice::Error(
                state.lang.tui_pasted_cut(max.unwrap_or_default()),
            ));
        }
        return Vec::new();
    }
    if state.searching {
        let line: String = text.chars().filter(|c| !c.is_control()).collect();
        state
            .filter
            .search
            .get_or_insert_with(String::new)
            .push_str(&line);
        return state.rebuild_rows(Keep::First);
    }
    Vec::new()
}
