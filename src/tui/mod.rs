//! The terminal UI as an Elm loop: `state` (plain data), `msg` (messages in, effects out),
//! `update` (no I/O), `view` (drawing), and a `worker` that owns the ledger and carries the
//! effects out on a thread of its own, so the screen keeps drawing and taking keys while it
//! works. `app` joins them; this module puts the terminal up, feeds it input and draws.

pub mod app;
pub mod data;
pub mod detail;
pub mod dialogs;
pub mod forms;
pub mod input;
pub mod keys;
pub mod latest;
pub mod layout;
pub mod msg;
pub mod paste;
pub mod rows;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::Store;
use app::App;
use msg::Msg;

/// How often the loop ticks: it looks for changes of other processes, and counts the time of a
/// save or an export.
const TICK: Duration = Duration::from_millis(500);

/// Keys that come in faster than this many at once were pasted, not typed.
const BURST: usize = 3;

/// How long the rest of a burst may take to follow its start (a large paste arrives in several
/// reads).
const BURST_TAIL: Duration = Duration::from_millis(15);

/// True when the TUI can run: both standard input and output are terminals.
pub fn has_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Runs the TUI on `store` until the user quits.
pub fn run(store: Store, lang: Lang, today: NaiveDate) -> Result<()> {
    let mut app = App::new(store, lang, today)?;
    app.state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.handle(Msg::Resize(size.width, size.height));
    let input = app.sender();
    std::thread::spawn(move || read_input(input));
    let started = Instant::now();
    let mut last_tick = Instant::now();
    while !app.state.quit {
        terminal.draw(|frame| view::draw(frame, &app.state))?;
        // one message, then every other already waiting, then one frame for them all
        let waited = app.wait(TICK.saturating_sub(last_tick.elapsed()));
        if waited {
            app.take_answers();
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            app.handle(Msg::Tick((started.elapsed().as_millis() / 100) as u64));
        }
    }
    // a save under way is finished, and the ledger closed, before the terminal is given back
    app.finish();
    Ok(())
}

/// Reads the terminal's events and sends them to the loop as messages. Keys that arrive in a
/// burst (a paste the terminal did not bracket) become one paste: a newline in them never
/// submits a form, and 100 KB is one message, not a redraw per key.
fn read_input(inbox: Sender<Msg>) {
    loop {
        let Ok(first) = event::read() else { return };
        let mut batch = vec![first];
        // what is there already; once a burst is seen, what follows it closely too
        let mut wait = Duration::ZERO;
        while event::poll(wait).unwrap_or(false) {
            match event::read() {
                Ok(event) => batch.push(event),
                Err(_) => break,
            }
            if batch.len() > BURST {
                wait = BURST_TAIL;
            }
        }
        for msg in messages(batch) {
            if inbox.send(msg).is_err() {
                return;
            }
        }
    }
}

/// The messages of a batch of events: runs of typed text longer than `BURST` as pastes.
fn messages(batch: Vec<Event>) -> Vec<Msg> {
    let mut out = Vec::new();
    let mut run: Vec<KeyEvent> = Vec::new();
    let flush = |run: &mut Vec<KeyEvent>, out: &mut Vec<Msg>| {
        if run.len() > BURST {
            out.push(Msg::Burst(std::mem::take(run)));
        } else {
            out.extend(run.drain(..).map(Msg::Key));
        }
    };
    for event in batch {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Release => {}
            Event::Key(key) if is_text(&key) => run.push(key),
            Event::Key(key) => {
                flush(&mut run, &mut out);
                out.push(Msg::Key(key));
            }
            other => {
                flush(&mut run, &mut out);
                match other {
                    Event::Paste(text) => out.push(Msg::Paste(text)),
                    Event::Mouse(mouse) => out.push(Msg::Mouse(mouse)),
                    Event::Resize(w, h) => out.push(Msg::Resize(w, h)),
                    _ => {}
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A key that types text (a character, Enter, Tab without modifiers).
fn is_text(key: &KeyEvent) -> bool {
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    plain && matches!(key.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab)
}

/// Puts the terminal into raw mode on the alternate screen, and back when dropped. A panic hook
/// restores it too, so a crash never leaves the user's terminal unusable.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // the worker's panics are caught and shown on the screen, which goes on; only a
            // panic of the screen's own thread ends it
            if std::thread::current().name() == Some("worker") {
                return;
            }
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )?;
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

impl From<Error> for io::Error {
    fn from(error: Error) -> io::Error {
        io::Error::other(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn a_burst_of_keys_is_a_paste_and_typing_is_keys() {
        let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let burst = vec![key('第'), key('一'), enter.clone(), key('第'), key('二')];
        match messages(burst).as_slice() {
            [Msg::Burst(keys)] => assert_eq!(keys.len(), 5),
            other => panic!("{other:?}"),
        }
        let typed = messages(vec![key('j'), enter]);
        assert!(matches!(typed.as_slice(), [Msg::Key(_), Msg::Key(_)]));
        let ctrl_s = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        let mixed = messages(vec![key('a'), key('b'), key('c'), key('d'), ctrl_s]);
        assert!(matches!(mixed.as_slice(), [Msg::Burst(_), Msg::Key(_)]));
    }
}
