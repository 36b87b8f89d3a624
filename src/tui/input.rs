//! Keys, pastes and clicks: each turned by the keymap into an action on the state, and into the
//! effects the worker must carry out. No I/O.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::dialogs;
use super::forms::{self, Edit, FieldKey, FormKind, Submit};
use super::keys::{self, Action, Mode};
use super::msg::{Effect, Request, RowKey};
use super::state::{Busy, InFlight, Keep, Notice, Popup, Purpose, Question, State, View};
use crate::error::Error;
use crate::filter::Filter;

pub fn key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    // Esc followed quickly by a key arrives as Alt and the key: no binding uses Alt, so it is
    // taken for what the user typed, the two keys
    if key.modifiers.contains(KeyModifiers::ALT) && matches!(key.code, KeyCode::Char(_)) {
        let mut effects = self::key(state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
        effects.extend(self::key(state, plain));
        return effects;
    }
    let mode = state.mode();
    let action = keys::action(mode, &key);
    // nothing acts unseen: a screen too small to draw takes only a quit
    if state.layout.too_small() {
        if action == Some(Action::Quit) && !state.form().is_some_and(|f| f.is_dirty()) {
            state.quit = true;
        }
        return Vec::new();
    }
    match mode {
        Mode::Search => search_key(state, key, action),
        Mode::Form => form_key(state, key, action),
        Mode::Confirm => confirm(state, action),
        Mode::Overlay => {
            match action {
                Some(Action::Quit) => state.quit = true,
                Some(_) => state.popup = None,
                None => {}
            }
            Vec::new()
        }
        Mode::Ledger | Mode::Units | Mode::History => match action {
            Some(action) => {
                state.notice = None;
                act(state, action)
            }
            None => Vec::new(),
        },
    }
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    let page = state.page() as isize;
    match action {
        Action::Down => move_by(state, 1),
        Action::Up => move_by(state, -1),
        Action::PageDown => move_by(state, page),
        Action::PageUp => move_by(state, -page),
        Action::Top => move_by(state, isize::MIN / 2),
        Action::Bottom => move_by(state, isize::MAX / 2),
        Action::Detail => {
            state.detail_focus = !state.detail_focus && state.selected_key.is_some();
            state.detail_scroll = 0;
            Vec::new()
        }
        Action::NextView => {
            let next = match state.view {
                View::Ledger => View::Units,
                View::Units => View::History,
                View::History => View::Ledger,
            };
            show(state, next)
        }
        // Esc in the history: drop its period first, then back to the ledger
        Action::Back if state.view == View::History && state.history_since.is_some() => {
            state.history_since = None;
            state.history_selected = 0;
            vec![Effect::History(None)]
        }
        Action::ViewLedger | Action::Back => show(state, View::Ledger),
        Action::ViewUnits => show(state, View::Units),
        Action::ViewHistory => show(state, View::History),
        Action::Search => {
            state.searching = true;
            state.detail_focus = false;
            Vec::new()
        }
        Action::Filter => open(state, dialogs::open_filter(state)),
        Action::ClearFilters => {
            state.filter = Filter::default();
            state.open_only = true;
            state.rebuild_rows(Keep::Record)
        }
        Action::ToggleOpen => {
            state.open_only = !state.open_only;
            state.rebuild_rows(Keep::Record)
        }
        Action::AddTask => writable(state, dialogs::open_add_task),
        Action::AddProblem => writable(state, |s| Ok(dialogs::open_add_problem(s))),
        Action::Edit => writable(state, |s| match s.selected_row() {
            Some(RowKey::Task(_)) => dialogs::open_edit_task(s),
            _ => dialogs::open_edit_problem(s),
        }),
        Action::Progress => writable(state, dialogs::open_progress),
        Action::Close => writable(state, dialogs::open_close),
        Action::Reopen => writable(state, dialogs::open_reopen),
        Action::Extend => writable(state, dialogs::open_extend),
        Action::Export => open(state, dialogs::open_export(state)),
        Action::AsOf => open(state, Ok(dialogs::open_as_of(state))),
        Action::HistorySince => open(state, Ok(dialogs::open_history_since(state))),
        Action::Undo => undo(state),
        Action::Redo => redo(state),
        Action::Help => {
            state.popup = Some(Popup::Help);
            Vec::new()
        }
        Action::Quit => {
            state.quit = true;
            Vec::new()
        }
        Action::FilterByUnit => match state.stats.units.get(state.unit_selected) {
            Some(line) => {
                state.filter.unit = Some(line.unit.name.clone());
                let mut effects = show(state, View::Ledger);
                effects.extend(state.rebuild_rows(Keep::First));
                effects
            }
            None => Vec::new(),
        },
        Action::OpenRecord => open_record(state),
        // Esc in the ledger: leave the detail pane, else drop a kept search (the selection
        // stays on its record)
        Action::ClearSearch if state.detail_focus => {
            state.detail_focus = false;
            Vec::new()
        }
        Action::ClearSearch => match state.filter.search.take() {
            Some(_) => state.rebuild_rows(Keep::Record),
            // nothing else to clear: a view of another day goes back to today
            None if state.is_past() => vec![Effect::AsOf(state.today)],
            None => Vec::new(),
        },
        Action::KeepSearch
        | Action::NextField
        | Action::PrevField
        | Action::Save
        | Action::Cancel
        | Action::Yes
        | Action::No => Vec::new(),
    }
}

/// Puts a form up, or says why it cannot be.
fn open(state: &mut State, form: Result<forms::Form, String>) -> Vec<Effect> {
    match form {
        Ok(form) => state.popup = Some(Popup::Form(form)),
        Err(message) => state.notice = Some(Notice::Error(message)),
    }
    Vec::new()
}

/// Whether the ledger may be written; when not, the notice says why.
fn may_write(state: &mut State) -> bool {
    if state.is_past() {
        let day = crate::date::format(state.clock.today);
        state.notice = Some(Notice::Error(state.lang.tui_past_read_only(&day)));
        return false;
    }
    if state.read_only {
        let error = Error::ReadOnly(state.file_name.clone().into());
        state.notice = Some(Notice::Error(dialogs::notice_of(state, &error)));
        return false;
    }
    true
}

/// Whether an undo or a redo may start now: on a ledger that may be written, and one at a time
/// (the answer of the last write says what there is to undo).
fn may_start(state: &mut State) -> bool {
    if !may_write(state) {
        return false;
    }
    if state.in_flight.is_some() {
        state.notice = Some(Notice::Error(state.lang.tui_busy().into()));
        return false;
    }
    true
}

/// Opens a form that writes, unless the ledger may not be written.
fn writable(
    state: &mut State,
    form: impl FnOnce(&State) -> Result<forms::Form, String>,
) -> Vec<Effect> {
    if !may_write(state) {
        return Vec::new();
    }
    let form = form(state);
    open(state, form)
}

fn show(state: &mut State, view: View) -> Vec<Effect> {
    state.view = view;
    state.detail_focus = false;
    if view == View::History {
        state.history_selected = 0;
        return vec![Effect::History(state.history_since)];
    }
    Vec::new()
}

fn move_by(state: &mut State, delta: isize) -> Vec<Effect> {
    match state.view {
        View::Ledger if state.detail_focus => {
            let last = super::detail::scroll_limit(state);
            let moved = (state.detail_scroll as isize).saturating_add(delta);
            state.detail_scroll = moved.clamp(0, last as isize) as u16;
            Vec::new()
        }
        View::Ledger => {
            let index = state.selected.saturating_add_signed(delta);
            state.select_index(index)
        }
        View::Units => {
            let last = state.stats.units.len().saturating_sub(1);
            state.unit_selected = state.unit_selected.saturating_add_signed(delta).min(last);
            Vec::new()
        }
        View::History => {
            let last = state.history.len().saturating_sub(1);
            state.history_selected = state
                .history_selected
                .saturating_add_signed(delta)
                .min(last);
            Vec::new()
        }
    }
}

/// Enter on a line of the log: the ledger, with the record it is about selected (the filters
/// set aside when they hide it).
fn open_record(state: &mut State) -> Vec<Effect> {
    let Some(event) = state.history.get(state.history_selected) else {
        return Vec::new();
    };
    let key = match event.entity.as_str() {
        // a task, and a progress entry, are labelled with the task's number as it is now
        "task" | "progress" => crate::model::parse_seq(&event.label).and_then(|seq| {
            state
                .data
                .tasks
                .iter()
                .find(|t| t.seq == seq)
                .map(|t| RowKey::Task(t.id))
        }),
        "problem" => state
            .data
            .problems
            .iter()
            .find(|p| p.uuid == event.entity_uuid)
            .map(|p| RowKey::Problem(p.id)),
        _ => None,
    };
    let Some(key) = key else {
        state.notice = Some(Notice::Error(state.lang.tui_record_gone().into()));
        return Vec::new();
    };
    let mut effects = show(state, View::Ledger);
    let mut selected = state.select_key(key);
    if state.selected_key != Some(key) {
        state.filter = Filter::default();
        state.open_only = false;
        state.selected_key = Some(key);
        selected = state.rebuild_rows(Keep::Record);
    }
    effects.extend(selected);
    effects
}

/// Typing a search: each change narrows the ledger at once, and the selection goes to the
/// first row shown; Esc drops the search and keeps the selection on its record.
fn search_key(state: &mut State, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let text = state.filter.search.get_or_insert_with(String::new);
    match action {
        Some(Action::KeepSearch) => {
            state.searching = false;
            if text.is_empty() {
                state.filter.search = None;
            }
            Vec::new()
        }
        Some(Action::ClearSearch) => {
            state.searching = false;
            state.filter.search = None;
            state.rebuild_rows(Keep::Record)
        }
        Some(Action::Quit) => {
            state.quit = true;
            Vec::new()
        }
        _ => {
            match key.code {
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    text.push(c);
                }
                _ => return Vec::new(),
            }
            state.rebuild_rows(Keep::First)
        }
    }
}

fn form_key(state: &mut State, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let (lang, today) = (state.lang, state.clock.today);
    let Some(form) = state.form_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Cancel) => state.popup = None,
        // typed text not saved: ask; a form being saved is not lost (the quit waits for it)
        Some(Action::Quit) if form.is_dirty() && form.pending.is_none() => {
            if let Some(Popup::Form(form)) = state.popup.take() {
                state.popup = Some(Popup::Confirm {
                    question: Question::QuitWithUnsaved,
                    form: Some(Box::new(form)),
                });
            }
        }
        Some(Action::Quit) => state.quit = true,
        // a save in flight: the form waits for its answer
        _ if form.pending.is_some() => {}
        Some(Action::NextField) => form.next_field(),
        Some(Action::PrevField) => form.prev_field(),
        Some(Action::Save) => return save(state),
        _ => {
            let on_format = form.focused().is_some_and(|f| f.key == FieldKey::Format);
            match form.key(key) {
                Edit::Submit => return save(state),
                Edit::Changed if on_format && form.kind == FormKind::Export => {
                    dialogs::follow_format(form, lang, today)
                }
                _ => {}
            }
        }
    }
    Vec::new()
}

fn confirm(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    let Some(Popup::Confirm { question, form }) = state.popup.take() else {
        return Vec::new();
    };
    match (question, action) {
        (Question::QuitWithUnsaved, Some(Action::Yes | Action::Quit)) => state.quit = true,
        (_, Some(Action::No)) => state.popup = form.map(|f| Popup::Form(*f)),
        // any other key: the question stays
        (question, _) => state.popup = Some(Popup::Confirm { question, form }),
    }
    Vec::new()
}

/// Saves the open form: a filter applies at once; a write or an export goes to the worker,
/// and the form waits for its answer (a refusal comes back beside its field).
fn save(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.form() else {
        return Vec::new();
    };
    let submitted = dialogs::submit(form, state);
    match submitted {
        Err(refusal) => {
            if let Some(form) = state.form_mut() {
                form.refuse(refusal);
            }
            Vec::new()
        }
        Ok(Submit::Filter(filter)) => {
            state.filter = Filter {
                search: state.filter.search.take(),
                ..filter
            };
            state.popup = None;
            state.rebuild_rows(Keep::First)
        }
        Ok(Submit::Write(request)) => {
            start(state, Busy::Saving, Purpose::Form(request.clone()), |id| {
                Effect::Write { id, request }
            })
        }
        Ok(Submit::Export(request)) => start(state, Busy::Exporting, Purpose::Export, |id| {
            Effect::Export { id, request }
        }),
        Ok(Submit::AsOf(day)) => {
            state.popup = None;
            vec![Effect::AsOf(day)]
        }
        Ok(Submit::HistorySince(since)) => {
            state.popup = None;
            state.history_since = since;
            state.history_selected = 0;
            vec![Effect::History(since)]
        }
    }
}

/// Hands a write or an export to the worker, one at a time.
fn start(
    state: &mut State,
    what: Busy,
    purpose: Purpose,
    effect: impl FnOnce(u64) -> Effect,
) -> Vec<Effect> {
    // an export is no write: a read-only ledger may be exported
    if state.in_flight.is_some() {
        state.notice = Some(Notice::Error(state.lang.tui_busy().into()));
        return Vec::new();
    }
    let id = state.next_id();
    if let Some(form) = state.form_mut()
        && !matches!(purpose, Purpose::Undo(_) | Purpose::Redo(..))
    {
        form.pending = Some(id);
    }
    state.in_flight = Some(InFlight {
        id,
        what,
        since: state.now,
        purpose,
    });
    vec![effect(id)]
}

fn undo(state: &mut State) -> Vec<Effect> {
    if !may_start(state) {
        return Vec::new();
    }
    let Some(last) = state.undo.pop() else {
        state.notice = Some(Notice::Info(state.lang.tui_nothing_to_undo().into()));
        return Vec::new();
    };
    let request = Request::Undo {
        tx: last.tx.clone(),
        label: last.label.clone(),
    };
    start(state, Busy::Undoing, Purpose::Undo(last), |id| {
        Effect::Write { id, request }
    })
}

fn redo(state: &mut State) -> Vec<Effect> {
    if !may_start(state) {
        return Vec::new();
    }
    let Some((request, label)) = state.redo.pop() else {
        state.notice = Some(Notice::Info(state.lang.tui_nothing_to_redo().into()));
        return Vec::new();
    };
    let request = fresh(state, request);
    let again = request.clone();
    start(state, Busy::Saving, Purpose::Redo(again, label), |id| {
        Effect::Write { id, request }
    })
}

/// A write to do again, made from the records as they are now (the undo changed their
/// versions).
fn fresh(state: &State, request: Request) -> Request {
    let version = |seq: i64| {
        state
            .data
            .tasks
            .iter()
            .find(|t| t.seq == seq)
            .map(|t| t.version)
    };
    match request {
        Request::EditTask {
            seq,
            version: v,
            edit,
        } => Request::EditTask {
            seq,
            version: version(seq).unwrap_or(v),
            edit,
        },
        Request::Progress {
            seq,
            version: v,
            entry,
        } => Request::Progress {
            seq,
            version: version(seq).unwrap_or(v),
            entry,
        },
        Request::Reopen {
            seq,
            version: v,
            from,
            reason,
            on,
        } => Request::Reopen {
            seq,
            version: version(seq).unwrap_or(v),
            from,
            reason,
            on,
        },
        Request::Extend {
            seq,
            version: v,
            extension,
        } => Request::Extend {
            seq,
            version: version(seq).unwrap_or(v),
            extension,
        },
        Request::Close {
            seqs,
            problem,
            version: Some(v),
            note,
            evidence,
            on,
        } => Request::Close {
            version: seqs.first().and_then(|s| version(*s)).or(Some(v)),
            seqs,
            problem,
            note,
            evidence,
            on,
        },
        Request::EditProblem { original, edit } => Request::EditProblem {
            original: Box::new(
                state
                    .data
                    .problems
                    .iter()
                    .find(|p| p.id == original.id)
                    .cloned()
                    .unwrap_or(*original),
            ),
            edit,
        },
        other => other,
    }
}

pub fn mouse(state: &mut State, mouse: MouseEvent) -> Vec<Effect> {
    if state.popup.is_some() || state.layout.too_small() {
        return Vec::new();
    }
    match mouse.kind {
        MouseEventKind::ScrollDown => move_by(state, 3),
        MouseEventKind::ScrollUp => move_by(state, -3),
        MouseEventKind::Down(_) if state.view == View::Ledger => {
            let at = Position::new(mouse.column, mouse.row);
            let first = state.layout.first_row_y();
            if state.layout.table.contains(at) && mouse.row >= first {
                let index = state.offset + usize::from(mouse.row - first);
                if index < state.rows.len() {
                    state.detail_focus = false;
                    return state.select_index(index);
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
