//! What the TUI tests share: an app on a real ledger (its worker inline, so every answer is in
//! before a key returns), keys, the rows shown, and the screen drawn on ratatui's `TestBackend`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use zhenggai::i18n::Lang;
use zhenggai::model::Task;
use zhenggai::store::Store;
use zhenggai::tui::app::App;
use zhenggai::tui::msg::{Msg, RowKey};
use zhenggai::tui::state::{Notice, Popup, State};
use zhenggai::tui::view;

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A seeded ledger in a temporary directory.
pub struct Ledger {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl Ledger {
    pub fn seeded() -> Ledger {
        Ledger::new(true)
    }

    pub fn empty() -> Ledger {
        Ledger::new(false)
    }

    fn new(seeded: bool) -> Ledger {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        drop(Store::create(&path, "测试员", seeded).unwrap());
        Ledger { dir, path }
    }

    /// Another process's handle on the ledger, writing as of 2019-12-26 (the day most tests
    /// show the ledger as of).
    pub fn store(&self) -> Store {
        let mut store = Store::open(&self.path, "另一人").unwrap();
        store.set_today(day("2019-12-26"));
        store
    }

    /// The TUI on the ledger as of `today`, 120×40, its worker inline.
    pub fn app_as_of(&self, lang: Lang, today: &str) -> App {
        let store = Store::open(&self.path, "测试员").unwrap();
        let mut app = App::inline(store, lang, day(today)).unwrap();
        app.handle(Msg::Resize(120, 40));
        app
    }

    pub fn app(&self) -> App {
        self.app_as_of(Lang::Zh, "2019-12-26")
    }

    pub fn task(&self, seq: i64) -> Task {
        self.store().task(&seq.to_string()).unwrap()
    }
}

pub fn path_of(ledger: &Ledger) -> &Path {
    &ledger.path
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

pub fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// A tick: the app looks whether another process changed the ledger.
pub fn tick(app: &mut App) {
    let now = app.state.now + 5;
    app.handle(Msg::Tick(now));
}

/// The codes of the problem rows shown.
pub fn problem_codes(state: &State) -> Vec<String> {
    state
        .rows
        .iter()
        .filter_map(|row| match row {
            RowKey::Problem(id) => state.data.problem(*id).map(|p| p.code.clone()),
            RowKey::Task(_) => None,
        })
        .collect()
}

pub fn task_seqs(state: &State) -> Vec<i64> {
    state
        .rows
        .iter()
        .filter_map(|row| match row {
            RowKey::Task(id) => state.data.task(*id).map(|t| t.seq),
            RowKey::Problem(_) => None,
        })
        .collect()
}

/// The selection, as a problem code or a task number.
pub fn selected(state: &State) -> Option<String> {
    match state.selected_row()? {
        RowKey::Problem(id) => state.data.problem(id).map(|p| p.code.clone()),
        RowKey::Task(id) => state.data.task(id).map(|t| format!("#{}", t.seq)),
    }
}

/// Moves the selection to the row of problem `code`.
pub fn select_problem(app: &mut App, code: &str) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.state.rows.len() {
        if selected(&app.state).as_deref() == Some(code) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no row for {code}");
}

pub fn select_task(app: &mut App, seq: i64) {
    let name = format!("#{seq}");
    press(app, KeyCode::Char('g'));
    for _ in 0..app.state.rows.len() {
        if selected(&app.state).as_deref() == Some(name.as_str()) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no row for #{seq}");
}

pub fn notice(state: &State) -> String {
    match &state.notice {
        Some(Notice::Info(text)) | Some(Notice::Error(text)) => text.clone(),
        None => String::new(),
    }
}

pub fn form_error(state: &State) -> Option<String> {
    state
        .form()
        .and_then(|f| f.error.as_ref().map(|(_, m)| m.clone()))
}

pub fn form_title(state: &State) -> String {
    match &state.popup {
        Some(Popup::Form(form)) => form.title.clone(),
        _ => String::new(),
    }
}

pub fn buffer(state: &State, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text: one line per row, each wide character once.
pub fn render(state: &State, w: u16, h: u16) -> String {
    let buffer = buffer(state, w, h);
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            // a wide character covers the next cell too
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// The screen at the app's own size.
pub fn screen(app: &App) -> String {
    let size = app.state.layout.screen;
    render(&app.state, size.width, size.height)
}

pub fn resized(app: &mut App, w: u16, h: u16) {
    app.handle(Msg::Resize(w, h));
}
