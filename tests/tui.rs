//! The TUI driven by key messages on a real ledger file, its worker inline (so that every answer
//! is in when a key returns): reviewing, searching, filtering, the detail pane, the views, the
//! mouse. Its writes are in `tui_writes.rs`.

mod tui_support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui_support::*;
use zhenggai::i18n::Lang;
use zhenggai::store::{NewProgress, NewTask};
use zhenggai::tui::msg::Msg;
use zhenggai::tui::state::{Popup, View};

#[test]
fn the_ledger_opens_on_open_items() {
    let ledger = Ledger::seeded();
    let app = ledger.app();
    assert_eq!(problem_codes(&app.state).len(), 10);
    assert_eq!(task_seqs(&app.state), (1..=21).collect::<Vec<_>>());
    assert_eq!(selected(&app.state).as_deref(), Some("G1"));
    assert_eq!(app.state.view, View::Ledger);
    // the detail of the selection was read
    assert!(app.state.selected_detail().is_some());
}

#[test]
fn search_narrows_as_you_type_and_clears() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 12);
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "培");
    assert_eq!(problem_codes(&app.state), ["G4"]);
    assert_eq!(
        app.state.selected, 0,
        "the selection goes to the first row shown"
    );
    typing(&mut app, "训");
    assert_eq!(problem_codes(&app.state), ["G4"]);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(problem_codes(&app.state).len(), 10);
    typing(&mut app, "宣传");
    press(&mut app, KeyCode::Enter);
    assert!(!app.state.searching, "Enter keeps the search");
    assert_eq!(problem_codes(&app.state), ["G5"]);
    // keys act on the ledger again while the search stays
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected(&app.state).as_deref(), Some("#7"));
    // Esc drops the search, and the selection stays on its record (#7), not on G1
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.filter.search, None);
    assert_eq!(problem_codes(&app.state).len(), 10);
    assert_eq!(selected(&app.state).as_deref(), Some("#7"));
    // units, persons and progress are searched too, any length
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "石泉");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app.state), [11]);
}

#[test]
fn filters_combine() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    // the filter popup: status, category, unit, light
    press(&mut app, KeyCode::Char('f'));
    assert!(matches!(app.state.popup, Some(Popup::Form(_))));
    press(&mut app, KeyCode::Tab); // category
    press(&mut app, KeyCode::Right); // 共性问题
    press(&mut app, KeyCode::Tab); // unit
    typing(&mut app, "市"); // the first unit whose name has 市: 市“双打”办
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none());
    assert_eq!(app.state.filter.unit.as_deref(), Some("市“双打”办"));
    assert_eq!(
        problem_codes(&app.state),
        ["G1", "G2", "G3", "G4", "G5", "G6"]
    );
    assert_eq!(task_seqs(&app.state), [3, 4, 5, 6, 7, 8]);
    // with a search on top
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "信息");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app.state), [4, 5]);
    // and open-only: closing #4 elsewhere hides it, `o` shows it again
    ledger
        .store()
        .close_task(4, "已录入", "", None, None)
        .unwrap();
    tick(&mut app);
    assert_eq!(task_seqs(&app.state), [5]);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(task_seqs(&app.state), [4, 5]);
    // F clears every filter and the search at once
    press(&mut app, KeyCode::Char('F'));
    assert_eq!(task_seqs(&app.state).len(), 20);
    assert!(app.state.open_only);
}

#[test]
fn the_status_light_and_overdue_filters_work_and_a_status_overrides_open_only() {
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    store.close_task(3, "已查办", "", None, None).unwrap();
    store
        .add_task(NewTask {
            problem: "G2".into(),
            unit: "石泉县".into(),
            measure: "及时录入".into(),
            deadline: Some(day("2020-01-31")),
            person: String::new(),
            support_units: vec![],
            assigned: None,
        })
        .unwrap();
    let mut app = ledger.app();
    // status 已销号 (the last in the list) while open-only is on: the closed task shows, and the
    // filter line does not say 未销号 beside it
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 's');
    assert_eq!(task_seqs(&app.state), [3]);
    assert_eq!(app.state.filter_words(), "已销号");
    // light 绿: only the task due in January
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right); // status back to 全部
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typing(&mut app, "绿");
    ctrl(&mut app, 's');
    assert_eq!(task_seqs(&app.state), [22]);
    // 逾期, as of a day after the deadline: all open tasks but the one due in January
    let mut late = ledger.app_as_of(Lang::Zh, "2020-01-05");
    press(&mut late, KeyCode::Char('f'));
    press(&mut late, KeyCode::Right); // 逾期
    ctrl(&mut late, 's');
    assert_eq!(task_seqs(&late.state).len(), 20);
    assert!(!task_seqs(&late.state).contains(&22));
    assert!(late.state.filter_words().contains("逾期"));
}

#[test]
fn toggling_open_only_keeps_the_selected_row() {
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    store.close_task(2, "已查办", "", None, None).unwrap();
    store.close_task(4, "已录入", "", None, None).unwrap();
    let mut app = ledger.app();
    select_problem(&mut app, "G3");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(selected(&app.state).as_deref(), Some("G3"));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(selected(&app.state).as_deref(), Some("G3"));
}

#[test]
fn the_detail_pane_scrolls_within_its_text() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    resized(&mut app, 80, 24); // narrow: the pane takes the whole body
    press(&mut app, KeyCode::Enter);
    assert!(app.state.detail_focus);
    press(&mut app, KeyCode::Char('G'));
    let bottom = app.state.detail_scroll;
    assert!(bottom > 0, "G1's description is longer than the pane");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.state.detail_scroll, bottom,
        "it does not scroll past the end"
    );
    assert!(screen(&app).contains("操作日志"), "the end is on screen");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.state.detail_scroll, bottom - 1);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.state.detail_scroll, 0);
    press(&mut app, KeyCode::Esc);
    assert!(!app.state.detail_focus);
}

#[test]
fn views_switch_and_go_back_and_the_unit_board_filters_the_ledger() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.state.view, View::Units);
    assert_eq!(app.state.stats.units.len(), 13);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.view, View::Ledger, "Esc goes back to the ledger");
    press(&mut app, KeyCode::Char('2'));
    let index = app
        .state
        .stats
        .units
        .iter()
        .position(|u| u.unit.name == "石泉县")
        .unwrap();
    for _ in 0..index {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.view, View::Ledger);
    assert_eq!(task_seqs(&app.state), [11]);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.state.view, View::History);
    assert!(!app.state.history.is_empty());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.view, View::Ledger);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.state.view, View::Units);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.state.popup, Some(Popup::Help)));
    press(&mut app, KeyCode::Esc);
    assert!(app.state.popup.is_none());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.state.quit);
}

#[test]
fn a_line_of_the_log_opens_its_record_in_the_ledger() {
    let ledger = Ledger::seeded();
    ledger
        .store()
        .close_task(5, "网站已更新", "", None, None)
        .unwrap();
    let mut app = ledger.app();
    press(&mut app, KeyCode::Char('3'));
    // the newest event: the close of #5, which open-only hides
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.view, View::Ledger);
    assert_eq!(selected(&app.state).as_deref(), Some("#5"));
    assert!(!app.state.open_only, "the filter that hid it is set aside");
}

#[test]
fn the_mouse_selects_and_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    let mouse = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let text = screen(&app);
    let line_of_3 = text.lines().position(|l| l.contains(" #3 ")).unwrap() as u16;
    app.handle(mouse(MouseEventKind::Down(MouseButton::Left), line_of_3));
    assert_eq!(
        selected(&app.state).as_deref(),
        Some("#3"),
        "the click selects #3"
    );
    app.handle(mouse(MouseEventKind::ScrollDown, line_of_3));
    assert_eq!(app.state.selected, 6);
    app.handle(mouse(MouseEventKind::ScrollUp, line_of_3));
    assert_eq!(app.state.selected, 3);
}

#[test]
fn progress_added_elsewhere_shows_in_the_detail() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 1);
    let entry = NewProgress {
        date: day("2019-12-20"),
        text: "已开展专项执法检查12次".into(),
        evidence: String::new(),
        status: None,
    };
    ledger
        .store()
        .add_progress(1, entry, day("2019-12-26"), None)
        .unwrap();
    tick(&mut app);
    let detail = app.state.selected_detail().expect("read again");
    assert_eq!(detail.progress.len(), 1);
    assert!(screen(&app).contains("已开展专项执法检查12次"));
}
