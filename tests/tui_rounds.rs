//! The TUI's round filter (issue 13, part 3): with several inspection rounds, `f` offers them;
//! the ledger then shows one round's problems, and a problem added there (`A`) joins it.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tui_support::*;
use zhenggai::store::{NewInspection, NewProblem, NewTask};

/// The seed and a 回头看 round dated 2019-12-20 with its own G1 and one task (#22).
fn two_rounds() -> Ledger {
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    let round = store
        .add_inspection(NewInspection {
            title: "回头看反馈意见".into(),
            issuer: "省督查组".into(),
            feedback_date: day("2019-12-20"),
            note: String::new(),
        })
        .unwrap();
    store.set_round(Some(round.id));
    store
        .add_problem(NewProblem {
            code: "G1".into(),
            title: "案件查办仍不平衡".into(),
            ..NewProblem::default()
        })
        .unwrap();
    store
        .add_task(NewTask {
            problem: "G1".into(),
            unit: "市公安局".into(),
            measure: "再查办一批案件".into(),
            deadline: Some(day("2020-01-31")),
            person: String::new(),
            support_units: vec![],
            assigned: None,
        })
        .unwrap();
    ledger
}

#[test]
fn the_filter_shows_one_round_and_a_problem_added_there_joins_it() {
    let ledger = two_rounds();
    let mut app = ledger.app();
    assert_eq!(problem_codes(&app.state).len(), 11, "both rounds");
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right); // 全部轮次 → 第1轮
    press(&mut app, KeyCode::Right); // → 第2轮
    ctrl(&mut app, 's');
    assert_eq!(problem_codes(&app.state), ["G1"]);
    assert_eq!(task_seqs(&app.state), [22]);
    // the unit board counts the round shown, as `stats --inspection` does
    assert_eq!(app.state.stats.total.tasks, 1);
    let screen = render(&app.state, 120, 40);
    assert!(screen.contains("第2轮 回头看反馈意见"), "{screen}");
    // with several rounds a problem's title says its round, its codes may repeat
    assert!(screen.contains("〔2〕案件查办仍不平衡"), "{screen}");
    // a new problem goes to the round shown
    press(&mut app, KeyCode::Char('A'));
    typing(&mut app, "W1");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "领导小组运转不畅");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    assert_eq!(problem_codes(&app.state), ["G1", "W1"]);
    // and a task added to this G1 is this G1's, though the first round has one too
    select_problem(&mut app, "G1");
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "通报典型案例");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    assert_eq!(ledger.task(23).problem_code, "G1");
    assert_eq!(ledger.task(23).inspection_id, ledger.task(22).inspection_id);
    // the filter cleared: every round again
    press(&mut app, KeyCode::Char('F'));
    assert_eq!(problem_codes(&app.state).len(), 12);
    assert_eq!(app.state.stats.total.tasks, 23);
}
