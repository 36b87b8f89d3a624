//! The peak memory of the TUI on a ledger: open it (the worker on its own thread, as in a real
//! terminal), draw the first frame at 160×50, wait for the search index, search, browse 2,000
//! rows, and print the peak resident size the kernel counted (Linux).
//!
//! ```sh
//! cargo run --release --example tui_memory -- target/bench-ledgers/100000.db
//! ```

use std::process::ExitCode;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use zhenggai::i18n::Lang;
use zhenggai::store::Store;
use zhenggai::tui::app::App;
use zhenggai::tui::msg::Msg;
use zhenggai::tui::view;

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tui_memory LEDGER");
        return ExitCode::from(2);
    };
    let today = chrono::NaiveDate::from_ymd_opt(2019, 12, 26).expect("a date");
    let store = match Store::open(path.as_ref(), "memory") {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", Lang::En.error(&e));
            return ExitCode::from(2);
        }
    };
    let mut app = App::new(store, Lang::Zh, today).expect("the ledger loads");
    app.handle(Msg::Resize(160, 50));
    let wait = Duration::from_secs(120);
    app.wait_until(wait, |s| s.loaded);
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("a test terminal");
    let mut draw = |app: &App| terminal.draw(|f| view::draw(f, &app.state)).map(|_| ());
    draw(&app).expect("a frame");
    app.wait_until(wait, |s| s.search.ready().is_some() && s.latest.is_some());
    for code in [
        KeyCode::Char('/'),
        KeyCode::Char('检'),
        KeyCode::Char('查'),
        KeyCode::Enter,
    ] {
        app.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        draw(&app).expect("a frame");
    }
    // browse: the search found, then the whole ledger, 2,000 rows down (each one's detail read)
    let found = app.state.rows.len();
    for code in [KeyCode::Char('/'), KeyCode::Esc]
        .into_iter()
        .chain(std::iter::repeat_n(KeyCode::Char('j'), 2_000))
    {
        app.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        draw(&app).expect("a frame");
    }
    app.wait_until(Duration::from_secs(5), |s| s.selected_detail().is_some());
    println!(
        "search found {found} rows; browsed to row {} of {}; peak resident memory {} MiB",
        app.state.selected,
        app.state.rows.len(),
        peak_kib().map_or(0, |k| k / 1024)
    );
    ExitCode::SUCCESS
}
