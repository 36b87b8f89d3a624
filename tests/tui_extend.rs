//! The TUI's 延期 (`d`): a form with the new deadline, the reason, the approver and the day; a
//! refusal beside its field; undo and redo of the extension.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tui_support::*;

#[test]
fn d_extends_the_selected_task_and_u_takes_it_back() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 11);
    press(&mut app, KeyCode::Char('d'));
    assert!(
        form_title(&app.state).contains("#11 延期"),
        "{}",
        form_title(&app.state)
    );
    // a new deadline that is not later: refused beside the field, nothing written
    typing(&mut app, "2019-12-30");
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "换届后补建");
    ctrl(&mut app, 's');
    let error = form_error(&app.state).expect("the form stays open");
    assert!(
        error.contains("应晚于 #11 现在的时限 2019-12-31"),
        "{error}"
    );
    assert_eq!(ledger.task(11).original_deadline, None);
    // the refusal put the focus on the deadline: a later day there
    for _ in 0.."2019-12-30".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "2020-01-20");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "王主任");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    let task = ledger.task(11);
    assert_eq!(task.deadline, Some(day("2020-01-20")));
    assert_eq!(task.original_deadline, Some(day("2019-12-31")));
    assert_eq!(task.extension_approved_by.as_deref(), Some("王主任"));
    assert_eq!(task.extension_reason.as_deref(), Some("换届后补建"));
    assert_eq!(notice(&app.state), "已将 #11 延期至 2020-01-20。");
    // the table says it moved, the detail pane from what to what
    let screen = render(&app.state, 120, 40);
    assert!(screen.contains("延至01-20"), "{screen}");
    assert!(screen.contains("2019-12-31 → 2020-01-20"), "{screen}");
    press(&mut app, KeyCode::Char('u'));
    let task = ledger.task(11);
    assert_eq!(task.deadline, Some(day("2019-12-31")));
    assert_eq!(task.original_deadline, None);
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(ledger.task(11).deadline, Some(day("2020-01-20")));
    // +10d is ten days more than the deadline in force
    press(&mut app, KeyCode::Char('d'));
    typing(&mut app, "+10d");
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "再延");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    assert_eq!(ledger.task(11).deadline, Some(day("2020-01-30")));
    assert!(ledger.store().check().unwrap().findings.is_empty());
}

#[test]
fn d_on_a_closed_task_says_why_not() {
    let ledger = Ledger::seeded();
    ledger
        .store()
        .close_task(4, "已录入", "", None, None)
        .unwrap();
    let mut app = ledger.app();
    press(&mut app, KeyCode::Char('o')); // closed tasks too
    select_task(&mut app, 4);
    press(&mut app, KeyCode::Char('d'));
    assert!(app.state.popup.is_none());
    assert!(
        notice(&app.state).contains("#4 已经销号，不能延期"),
        "{}",
        notice(&app.state)
    );
}
