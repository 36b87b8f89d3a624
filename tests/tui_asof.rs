//! The TUI as of another day (issue 12): `t` and a date show the ledger as it stood then, the
//! header says so, nothing can be written from it, and Esc comes back to today.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tui_support::*;
use zhenggai::i18n::Lang;
use zhenggai::model::Status;

/// A ledger closed and reopened on dated days, open in the TUI as of 2020-01-05.
fn a_month_later() -> (Ledger, zhenggai::tui::app::App) {
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    store.set_today(day("2020-01-05"));
    store
        .close_task(2, "已查办", "", Some(day("2019-12-15")), None)
        .unwrap();
    store
        .reopen(2, "回头看发现反弹", Some(day("2019-12-20")), None)
        .unwrap();
    store
        .close_task(5, "网站已更新", "", Some(day("2019-12-18")), None)
        .unwrap();
    drop(store);
    let app = ledger.app_as_of(Lang::Zh, "2020-01-05");
    (ledger, app)
}

fn status_of(app: &zhenggai::tui::app::App, seq: i64) -> Option<Status> {
    app.state
        .data
        .tasks
        .iter()
        .find(|t| t.seq == seq)
        .map(|t| t.status)
}

#[test]
fn a_date_shows_the_ledger_of_that_day_and_esc_comes_back() {
    let (_ledger, mut app) = a_month_later();
    assert_eq!(status_of(&app, 2), Some(Status::InProgress));
    assert!(!app.state.is_past());
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(form_title(&app.state), "查看截至某日的台账");
    typing(&mut app, "2019-12-16");
    press(&mut app, KeyCode::Enter);
    assert!(app.state.popup.is_none());
    assert!(app.state.is_past());
    assert_eq!(app.state.clock.today, day("2019-12-16"));
    assert_eq!(status_of(&app, 2), Some(Status::Closed));
    assert_eq!(status_of(&app, 5), Some(Status::NotStarted));
    let text = screen(&app);
    let header: String = text.lines().take(2).collect::<Vec<_>>().join("\n");
    assert!(header.contains("截至 2019-12-16"), "{header}");
    assert!(
        header.contains("往日视图：截至 2019-12-16 · 只读"),
        "{header}"
    );
    // nothing is written from a past view: the form does not open, and the notice says why
    select_task(&mut app, 3);
    press(&mut app, KeyCode::Char('p'));
    assert!(app.state.popup.is_none());
    assert!(
        notice(&app.state).contains("往日视图"),
        "{}",
        notice(&app.state)
    );
    // Esc: back to today
    press(&mut app, KeyCode::Esc);
    assert!(!app.state.is_past());
    assert_eq!(app.state.clock.today, day("2020-01-05"));
    assert_eq!(status_of(&app, 2), Some(Status::InProgress));
    assert_eq!(status_of(&app, 5), Some(Status::Closed));
}

#[test]
fn a_bad_date_is_refused_beside_its_field_and_an_empty_one_is_today() {
    let (_ledger, mut app) = a_month_later();
    press(&mut app, KeyCode::Char('t'));
    typing(&mut app, "2019-13-45");
    press(&mut app, KeyCode::Enter);
    assert!(form_error(&app.state).is_some(), "a bad date is refused");
    assert!(!app.state.is_past());
    press(&mut app, KeyCode::Esc);
    assert!(app.state.popup.is_none());
    // a relative day counts from today
    press(&mut app, KeyCode::Char('t'));
    typing(&mut app, "-20d");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.clock.today, day("2019-12-16"));
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.clock.today, day("2020-01-05"));
    assert!(!app.state.is_past());
}

#[test]
fn the_history_shows_the_changes_of_a_period() {
    let (_ledger, mut app) = a_month_later();
    press(&mut app, KeyCode::Char('3'));
    let all = app.state.history.len();
    assert!(all > 40, "{all}");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(form_title(&app.state), "只看某日之后的变动");
    typing(&mut app, "2019-12-16");
    press(&mut app, KeyCode::Enter);
    let dates: Vec<String> = app
        .state
        .history
        .iter()
        .map(|e| e.date.map(zhenggai::date::format).unwrap_or_default())
        .collect();
    // newest recorded first: the close of #5 (dated 12-18), the reopen of #2 (12-20); not the
    // close of #2 (12-15), before the period
    assert_eq!(dates, ["2019-12-18", "2019-12-20"]);
    let text = screen(&app);
    assert!(
        text.contains("操作日志 · 2019-12-16 之后至 2020-01-05"),
        "{text}"
    );
    // Esc drops the period, a second Esc goes back to the ledger
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.history.len(), all);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.view, zhenggai::tui::state::View::Ledger);
}

#[test]
fn a_close_typed_in_later_carries_the_day_it_was_verified() {
    let (ledger, mut app) = a_month_later();
    select_task(&mut app, 3);
    press(&mut app, KeyCode::Char('c'));
    typing(&mut app, "核查属实");
    press(&mut app, KeyCode::Tab); // evidence
    press(&mut app, KeyCode::Tab); // the date, today's by default
    for _ in 0.."2020-01-05".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "2019-12-01");
    ctrl(&mut app, 's');
    // before the task was assigned: refused beside the date, nothing written
    assert!(form_error(&app.state).is_some_and(|e| e.contains("2019-12-03")));
    let recorded = |seq| ledger.store().task_as_recorded(seq).unwrap();
    assert_eq!(recorded(3).status, Status::NotStarted);
    for _ in 0.."2019-12-01".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "2019-12-28");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    let task = recorded(3);
    assert_eq!(task.status, Status::Closed);
    assert_eq!(task.closed_on, Some(day("2019-12-28")));
}
