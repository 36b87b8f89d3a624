//! The terminal UI: terminal setup and restore (on every exit, panics included) and the event
//! loop. State and `update` are in `app`, drawing in `view`, the keymap in `keys`.

pub mod app;
pub mod form;
pub mod keys;
pub mod view;

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::Store;
use app::{App, Msg};

/// How often the loop looks for changes made by other processes when no key comes.
const TICK: Duration = Duration::from_millis(500);

/// True when the TUI can run: both standard input and output are terminals.
pub fn has_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Runs the TUI on `store` until the user quits.
pub fn run(store: Store, lang: Lang, today: NaiveDate) -> Result<()> {
    let mut app = App::new(store, lang, today)?;
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    while !app.quit {
        terminal.draw(|frame| view::draw(frame, &app))?;
        let msg = if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Mouse(mouse) => Msg::Mouse(mouse),
                Event::Resize(w, h) => Msg::Resize(w, h),
                _ => continue,
            }
        } else {
            Msg::Tick
        };
        app.update(msg);
    }
    Ok(())
}

/// Puts the terminal into raw mode on the alternate screen, and back when dropped. A panic hook
/// restores it too, so a crash never leaves the user's terminal unusable.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
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
