//! `update`: a message in, the state changed, effects out. No I/O: what needs the ledger goes
//! to the worker as an effect, and its answer comes back as a message. Input (keys, mouse,
//! paste) is in `input`; the worker's answers are here.

use super::data::Search;
use super::layout::Layout;
use super::msg::{Changes, Effect, Loaded, Msg, Outcome};
use super::state::{Keep, Notice, Purpose, State, Undoable, View};
use super::{input, paste};
use crate::error::Error;
use crate::i18n::Front;
use crate::model::TaskLine;

/// The one entry point: applies a message and says what the worker is to do.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => input::key(state, key),
        Msg::Paste(text) => paste::paste(state, &text),
        Msg::Burst(keys) => paste::burst(state, keys),
        Msg::Mouse(mouse) => input::mouse(state, mouse),
        Msg::Resize(w, h) => {
            state.layout = Layout::of((w, h));
            state.keep_in_view();
            state.detail_scroll = state.detail_scroll.min(super::detail::scroll_limit(state));
            Vec::new()
        }
        Msg::Tick(now) => {
            state.now = now;
            if state.loaded {
                vec![Effect::CheckForChanges]
            } else {
                Vec::new()
            }
        }
        Msg::Loaded(loaded) => loaded_data(state, *loaded),
        Msg::Changed(changes) => changed(state, *changes),
        Msg::SearchReady { generation, index } => {
            if generation != state.generation {
                return Vec::new();
            }
            let mut index = *index;
            if let Search::Building { changed } = &mut state.search {
                // tasks written while it was built: their texts as they are now
                for (id, text) in changed.drain(..) {
                    if let Some(at) = state.data.task_position(id) {
                        index.tasks.set(at, text);
                    }
                }
            }
            state.search = Search::Ready(index);
            if state.filter.needle().is_some() {
                // the search typed while it was built applies now
                return state.rebuild_rows(Keep::First);
            }
            Vec::new()
        }
        Msg::LatestReady { generation, latest } => {
            if generation == state.generation {
                state.latest = Some(*latest);
            }
            Vec::new()
        }
        Msg::Detail { key, detail } => {
            state.detail = Some((key, *detail));
            state.detail_scroll = state.detail_scroll.min(super::detail::scroll_limit(state));
            Vec::new()
        }
        Msg::History(events) => {
            // the selection stays on its event while new ones come in on top
            let kept = state.history.get(state.history_selected).map(|e| e.id);
            state.history = events;
            state.history_selected = kept
                .and_then(|id| state.history.iter().position(|e| e.id == id))
                .unwrap_or(0);
            Vec::new()
        }
        Msg::Done { id, result } => done(state, id, result),
    }
}

/// After the data changed: counts, rows with the selection kept (or on the record a write just
/// made), the detail and the log read again.
fn settle(state: &mut State, from_elsewhere: bool) -> Vec<Effect> {
    state.recount();
    // what the detail said may be what just changed
    state.detail = None;
    let mut effects = state.rebuild_rows(Keep::Record);
    if effects.is_empty() {
        effects = state.detail_effect();
    }
    if state.view == View::History {
        effects.push(Effect::History(state.history_since));
    }
    if from_elsewhere {
        state.notice = Some(Notice::Info(state.lang.tui_refreshed().into()));
    }
    effects
}

fn loaded_data(state: &mut State, loaded: Loaded) -> Vec<Effect> {
    state.data = loaded.data;
    state.clock.today = loaded.as_of;
    state.generation = loaded.generation;
    state.search = Search::Building {
        changed: Vec::new(),
    };
    // the first problems only: shown, but not counted until the whole ledger is in
    state.loaded = !loaded.partial;
    settle(state, loaded.from_elsewhere)
}

fn changed(state: &mut State, changes: Changes) -> Vec<Effect> {
    for (task, text) in changes.tasks {
        let id = task.id;
        match state.data.put(TaskLine::from(&task)) {
            Some(at) => match &mut state.search {
                Search::Ready(index) => index.tasks.set(at, text),
                Search::Building { changed } => changed.push((id, text)),
            },
            // a task of a problem the screen does not have: read everything again
            None => return vec![Effect::Load],
        }
    }
    settle(state, changes.from_elsewhere)
}

/// The answer to a write or an export (id 0: a load or a refresh that failed).
fn done(state: &mut State, id: u64, result: Result<Outcome, Error>) -> Vec<Effect> {
    let lang = state.lang;
    let flight = match &state.in_flight {
        Some(flight) if flight.id == id => state.in_flight.take(),
        _ => None,
    };
    let Some(flight) = flight else {
        if let Err(error) = result {
            state.notice = Some(Notice::Error(lang.error_in(&error, Front::Tui)));
        }
        return Vec::new();
    };
    let form_open = state.form().is_some_and(|f| f.pending == Some(id));
    match (result, flight.purpose) {
        (Ok(mut outcome), purpose) => {
            if form_open {
                state.popup = None;
            }
            match purpose {
                Purpose::Form(request) => {
                    push_undo(state, &outcome, Some(request));
                    state.redo.clear();
                }
                Purpose::Redo(request, label) => {
                    outcome.message = lang.tui_redone(&label);
                    outcome.label = label;
                    push_undo(state, &outcome, Some(request));
                }
                Purpose::Undo(undone) => {
                    if let Some(request) = undone.request {
                        state.redo.push((request, undone.label));
                    }
                }
                Purpose::Export => {}
            }
            state.notice = Some(Notice::Info(outcome.message));
            // the data already holds what the write made (the worker sent it first)
            if let Some(key) = outcome.select {
                return state.select_key(key);
            }
        }
        (Err(error), purpose) => {
            let message = lang.error_in(&error, Front::Tui);
            let stale = matches!(error, Error::Conflict(_) | Error::ProblemChanged(_));
            match purpose {
                // a save over a change made meanwhile: nothing was written, the screen shows
                // the change (the worker reads it), and the form, made from the old copy, goes
                _ if stale => {
                    if form_open {
                        state.popup = None;
                    }
                    state.notice = Some(Notice::Error(lang.tui_conflict_refreshed(&message)));
                }
                Purpose::Form(_) | Purpose::Export if form_open => {
                    let refusal = super::dialogs::refusal(state, &error);
                    if let Some(form) = state.form_mut() {
                        form.refuse(refusal);
                    }
                }
                // a lock held too long may pass: that undo stays to be tried again; any other
                // failure (the record changed since) never will, and must not hide the older ones
                Purpose::Undo(undone) => {
                    if passing(&error) {
                        state.undo.push(undone);
                    }
                    state.notice = Some(Notice::Error(message));
                }
                Purpose::Redo(request, label) => {
                    state.redo.push((request, label));
                    state.notice = Some(Notice::Error(message));
                }
                _ => state.notice = Some(Notice::Error(message)),
            }
        }
    }
    Vec::new()
}

/// A failure that may pass if tried again: another writer held the lock too long.
fn passing(error: &Error) -> bool {
    match error {
        Error::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ),
        _ => false,
    }
}

fn push_undo(state: &mut State, outcome: &Outcome, request: Option<super::msg::Request>) {
    if let Some(tx) = &outcome.tx {
        state.undo.push(Undoable {
            tx: tx.clone(),
            label: outcome.label.clone(),
            request,
        });
    }
}
