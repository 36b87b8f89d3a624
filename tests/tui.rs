//! The TUI without a terminal: `update` driven by key messages on a real ledger file, and the
//! screens drawn on ratatui's `TestBackend` (snapshots in `tests/snapshots/`).

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use tempfile::TempDir;
use zhenggai::i18n::Lang;
use zhenggai::model::Status;
use zhenggai::store::Store;
use zhenggai::tui::app::{App, Msg, Notice, Popup, Row, View};
use zhenggai::tui::view;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A seeded ledger in a temporary directory and an app on it, as of 2019-12-26.
fn app_with(lang: Lang) -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("ledger.db"), "测试员", true).unwrap();
    let app = App::new(store, lang, day("2019-12-26")).unwrap();
    (dir, app)
}

fn app() -> (TempDir, App) {
    app_with(Lang::Zh)
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The codes of the problem rows shown.
fn problem_codes(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .filter_map(|row| match row {
            Row::Problem(p) => Some(app.data.problems[*p].code.clone()),
            Row::Task(_) => None,
        })
        .collect()
}

fn task_seqs(app: &App) -> Vec<i64> {
    app.rows
        .iter()
        .filter_map(|row| match row {
            Row::Task(t) => Some(app.data.tasks[*t].seq),
            Row::Problem(_) => None,
        })
        .collect()
}

fn task(app: &App, seq: i64) -> zhenggai::model::Task {
    app.store.task(&seq.to_string()).unwrap()
}

/// Moves the selection to the row of problem `code`.
fn select_problem(app: &mut App, code: &str) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.rows.len() {
        if let Some(Row::Problem(p)) = app.selected_row()
            && app.data.problems[p].code == code
        {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no row for {code}");
}

fn select_task(app: &mut App, seq: i64) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.rows.len() {
        if let Some(Row::Task(t)) = app.selected_row()
            && app.data.tasks[t].seq == seq
        {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no row for #{seq}");
}

fn notice(app: &App) -> String {
    match &app.notice {
        Some(Notice::Info(text)) | Some(Notice::Error(text)) => text.clone(),
        None => String::new(),
    }
}

fn form_error(app: &App) -> Option<String> {
    match &app.popup {
        Some(Popup::Form(form)) => form.error.as_ref().map(|(_, m)| m.clone()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// update

#[test]
fn the_ledger_opens_on_open_items() {
    let (_dir, app) = app();
    assert_eq!(problem_codes(&app).len(), 10);
    assert_eq!(task_seqs(&app), (1..=21).collect::<Vec<_>>());
    assert_eq!(app.selected_row(), Some(Row::Problem(0)));
    assert_eq!(app.view, View::Ledger);
}

#[test]
fn search_narrows_as_you_type_and_clears() {
    let (_dir, mut app) = app();
    select_task(&mut app, 12);
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "培");
    assert_eq!(problem_codes(&app), ["G4"]);
    assert_eq!(app.selected, 0, "the selection goes to the first row shown");
    typing(&mut app, "训");
    assert_eq!(problem_codes(&app), ["G4"]);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(problem_codes(&app).len(), 10);
    typing(&mut app, "宣传");
    press(&mut app, KeyCode::Enter);
    assert!(!app.searching, "Enter keeps the search");
    assert_eq!(problem_codes(&app), ["G5"]);
    // keys act on the ledger again while the search stays
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.selected_row().map(|r| matches!(r, Row::Task(_))),
        Some(true)
    );
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.search_text(), None, "Esc clears it");
    assert_eq!(problem_codes(&app).len(), 10);
    // units, persons and progress are searched too, any length
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "石泉");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app), [11]);
}

#[test]
fn filters_combine() {
    let (_dir, mut app) = app();
    // the filter popup: status, category, unit, light
    press(&mut app, KeyCode::Char('f'));
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    press(&mut app, KeyCode::Tab); // category
    press(&mut app, KeyCode::Right); // 共性问题
    press(&mut app, KeyCode::Tab); // unit
    typing(&mut app, "市"); // the first unit whose name has 市: 市“双打”办
    ctrl(&mut app, 's');
    assert!(app.popup.is_none());
    assert_eq!(app.filter.unit.as_deref(), Some("市“双打”办"));
    assert_eq!(problem_codes(&app), ["G1", "G2", "G3", "G4", "G5", "G6"]);
    assert_eq!(task_seqs(&app), [3, 4, 5, 6, 7, 8]);
    // with a search on top
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "信息");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app), [4, 5]);
    // and open-only: closing #4 hides it, `o` shows it again
    app.store.close_task(4, "已录入", "", None).unwrap();
    app.reload().unwrap();
    assert_eq!(task_seqs(&app), [5]);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(task_seqs(&app), [4, 5]);
}

#[test]
fn the_status_and_light_filters_work_and_a_status_overrides_open_only() {
    let (dir, _) = app();
    let store = Store::open(&dir.path().join("ledger.db"), "测试员").unwrap();
    let mut app = App::new(store, Lang::Zh, day("2019-12-26")).unwrap();
    app.store.close_task(3, "已查办", "", None).unwrap();
    app.store
        .add_task(zhenggai::store::NewTask {
            problem: "G2".into(),
            unit: "石泉县".into(),
            measure: "及时录入".into(),
            deadline: day("2020-01-31"),
            person: String::new(),
            support_units: vec![],
        })
        .unwrap();
    app.reload().unwrap();
    // status 已销号 (the last status in the list) while open-only is on: the closed task shows
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 's');
    assert_eq!(task_seqs(&app), [3]);
    // light 绿: only the task due in January
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right); // status back to 全部
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typing(&mut app, "绿");
    ctrl(&mut app, 's');
    assert_eq!(task_seqs(&app), [22]);
}

#[test]
fn toggling_open_only_keeps_the_selected_row() {
    let (_dir, mut app) = app();
    app.store.close_task(2, "已查办", "", None).unwrap();
    app.store.close_task(4, "已录入", "", None).unwrap();
    app.reload().unwrap();
    select_problem(&mut app, "G3");
    let before = app.selected_row();
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        app.selected_row().map(|r| match r {
            Row::Problem(p) => app.data.problems[p].code.clone(),
            Row::Task(t) => app.data.tasks[t].seq.to_string(),
        }),
        Some("G3".to_string())
    );
    assert_ne!(app.selected_row(), None);
    assert!(before.is_some());
}

#[test]
fn the_detail_pane_scrolls_within_its_text() {
    let (_dir, mut app) = app();
    resized(&mut app, 80, 24); // narrow: the pane takes the whole body
    press(&mut app, KeyCode::Enter);
    assert!(app.detail_focus);
    press(&mut app, KeyCode::Char('G'));
    let bottom = app.detail_scroll;
    assert!(bottom > 0, "G1's description is longer than the pane");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.detail_scroll, bottom, "it does not scroll past the end");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("操作日志"),
        "the end is on screen: {screen}"
    );
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.detail_scroll, bottom - 1);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.detail_scroll, 0);
    press(&mut app, KeyCode::Esc);
    assert!(!app.detail_focus);
}

#[test]
fn an_empty_ledger_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("ledger.db"), "测试员", false).unwrap();
    let mut app = App::new(store, Lang::Zh, day("2019-12-26")).unwrap();
    for (w, h) in [(120, 40), (80, 24), (40, 10)] {
        resized(&mut app, w, h);
        render(&app, w, h);
    }
    resized(&mut app, 120, 40);
    // a problem first, then a task: there is no unit yet
    press(&mut app, KeyCode::Char('A'));
    typing(&mut app, "X1");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "新问题");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    assert_eq!(problem_codes(&app), ["X1"]);
    press(&mut app, KeyCode::Char('a'));
    assert!(app.popup.is_none());
    assert!(notice(&app).contains("还没有单位"), "{}", notice(&app));
    for key in [
        'j', 'k', 'G', 'g', 'c', 'p', 'r', 'e', 'f', 'o', '2', '3', '1', '?',
    ] {
        press(&mut app, KeyCode::Char(key));
        typing(&mut app, "z");
        press(&mut app, KeyCode::Esc);
        render(&app, 120, 40);
    }
}

#[test]
fn a_deactivated_unit_survives_an_edit_that_does_not_touch_it() {
    let (_dir, mut app) = app();
    app.store
        .add_task(zhenggai::store::NewTask {
            problem: "G3".into(),
            unit: "市公安局".into(),
            measure: "协助维护网站".into(),
            deadline: day("2019-12-31"),
            person: String::new(),
            support_units: vec![],
        })
        .unwrap();
    app.store.close_task(22, "已完成", "", None).unwrap();
    app.store.close_task(1, "已查办", "", None).unwrap();
    app.store.set_unit_active("市公安局", false).unwrap();
    app.reload().unwrap();
    press(&mut app, KeyCode::Char('o')); // show closed tasks too
    select_task(&mut app, 22);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab); // measure
    typing(&mut app, "（补充）");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    let t = task(&app, 22);
    assert_eq!(t.unit, "市公安局", "the unit stays");
    assert!(t.measure.ends_with("（补充）"));
}

#[test]
fn the_close_form_refuses_an_empty_note_and_writes_nothing() {
    let (_dir, mut app) = app();
    select_task(&mut app, 6);
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    ctrl(&mut app, 's');
    let error = form_error(&app).expect("the form stays open with a message");
    assert!(error.contains("销号说明不能为空"), "{error}");
    typing(&mut app, "   ");
    ctrl(&mut app, 's');
    assert!(form_error(&app).is_some());
    assert_eq!(task(&app, 6).status, Status::NotStarted);
    // with a note it closes
    typing(&mut app, "已组织培训");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    let closed = task(&app, 6);
    assert_eq!(closed.status, Status::Closed);
    assert_eq!(closed.close_note.as_deref(), Some("已组织培训"));
    assert_eq!(closed.closed_by.as_deref(), Some("测试员"));
    assert!(notice(&app).contains("#6"), "{}", notice(&app));
}

#[test]
fn closing_a_problem_row_closes_all_its_open_tasks() {
    let (_dir, mut app) = app();
    app.store.close_task(2, "已查办", "", None).unwrap();
    app.reload().unwrap();
    select_problem(&mut app, "G1");
    press(&mut app, KeyCode::Char('c'));
    match &app.popup {
        Some(Popup::Form(form)) => assert!(form.title.contains("2 项"), "{}", form.title),
        _ => panic!("no close form"),
    }
    typing(&mut app, "经核查全部整改到位");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    for seq in [1, 3] {
        let t = task(&app, seq);
        assert_eq!(t.status, Status::Closed);
        assert_eq!(t.close_note.as_deref(), Some("经核查全部整改到位"));
    }
    assert_eq!(task(&app, 2).close_note.as_deref(), Some("已查办"));
    assert!(notice(&app).contains("2 项任务"), "{}", notice(&app));
    // G1 has nothing open now: it leaves the open-only ledger
    assert!(!problem_codes(&app).contains(&"G1".to_string()));
}

#[test]
fn undo_restores_the_old_values() {
    let (_dir, mut app) = app();
    // progress with a status change, then undo: the entry is gone and the status is back
    select_task(&mut app, 11);
    press(&mut app, KeyCode::Char('p'));
    typing(&mut app, "已成立领导小组");
    press(&mut app, KeyCode::Tab); // date
    press(&mut app, KeyCode::Tab); // evidence
    press(&mut app, KeyCode::Tab); // status
    press(&mut app, KeyCode::Right); // 整改中
    press(&mut app, KeyCode::Right); // 待销号
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    let t = task(&app, 11);
    assert_eq!(t.status, Status::Submitted);
    assert_eq!(app.store.progress(&t).unwrap().len(), 1);

    // an edit of the measure, then undo
    let original = task(&app, 12).measure;
    select_task(&mut app, 12);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab); // measure
    typing(&mut app, "，年内完成");
    ctrl(&mut app, 's');
    assert!(task(&app, 12).measure.ends_with("年内完成"));

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(task(&app, 12).measure, original, "{}", notice(&app));
    press(&mut app, KeyCode::Char('u'));
    let t = task(&app, 11);
    assert_eq!(t.status, Status::NotStarted);
    assert!(app.store.progress(&t).unwrap().is_empty());
    press(&mut app, KeyCode::Char('u'));
    assert!(notice(&app).contains("没有可撤销"), "{}", notice(&app));

    // each undo is itself in the log
    let events = app
        .store
        .events(zhenggai::store::EventScope::Task(t.id), 10)
        .unwrap();
    assert!(events.iter().any(|e| e.action == "undo"));
}

/// Issue 10 A: a task (or a problem) added and left selected, then undone: the rows were
/// positions into the data the undo replaced (`index out of bounds: the len is 21 but the index
/// is 21`).
#[test]
fn undoing_an_added_record_left_selected_never_panics() {
    let (_dir, mut app) = app();
    select_problem(&mut app, "G2");
    press(&mut app, KeyCode::Char('a'));
    typing(&mut app, "石");
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "建立信息报送台账");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    select_task(&mut app, 22);
    press(&mut app, KeyCode::Char('u'));
    assert!(!task_seqs(&app).contains(&22), "{}", notice(&app));
    render(&app, 120, 40);
    press(&mut app, KeyCode::Char('A'));
    typing(&mut app, "X1");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "新问题");
    ctrl(&mut app, 's');
    select_problem(&mut app, "X1");
    press(&mut app, KeyCode::Char('u'));
    assert!(!problem_codes(&app).contains(&"X1".to_string()));
    render(&app, 120, 40);
    for key in ['j', 'k', 'G', 'g', 'e', 'c', 'p'] {
        press(&mut app, KeyCode::Char(key));
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn a_write_updates_the_search_in_place() {
    let (_dir, mut app) = app();
    // make the index ready first, so the write updates it rather than rebuilding it
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "培训");
    press(&mut app, KeyCode::Esc);
    select_task(&mut app, 13);
    press(&mut app, KeyCode::Char('p'));
    typing(&mut app, "召开联席会议研究部署");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "联席");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app), [13]);
    // a new task is found too, under its problem
    press(&mut app, KeyCode::Esc);
    select_problem(&mut app, "G2");
    press(&mut app, KeyCode::Char('a'));
    typing(&mut app, "石"); // the unit: 石泉县
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "建立信息报送台账");
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "报送台账");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app), [22]);
    assert_eq!(problem_codes(&app), ["G2"]);
}

#[test]
fn another_process_writing_refreshes_the_screen() {
    let (dir, mut app) = app();
    let mut other = Store::open(&dir.path().join("ledger.db"), "另一人").unwrap();
    other.close_task(7, "宣传报道已刊发", "", None).unwrap();
    assert!(task_seqs(&app).contains(&7));
    app.update(Msg::Tick);
    assert!(!task_seqs(&app).contains(&7));
    assert!(notice(&app).contains("已刷新"), "{}", notice(&app));
}

#[test]
fn an_edit_of_a_task_changed_underneath_is_refused() {
    let (dir, mut app) = app();
    select_task(&mut app, 9);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "（本人修改）");
    // meanwhile someone else edits the same task
    let mut other = Store::open(&dir.path().join("ledger.db"), "另一人").unwrap();
    let edit = zhenggai::store::TaskEdit {
        person: Some("张三".into()),
        ..Default::default()
    };
    other.edit_task(9, edit, None).unwrap();
    ctrl(&mut app, 's');
    assert!(app.popup.is_none());
    assert!(notice(&app).contains("已被他人修改"), "{}", notice(&app));
    let t = task(&app, 9);
    assert_eq!(t.person, "张三");
    assert!(
        !t.measure.contains("本人修改"),
        "the stale edit must not land"
    );
    // the screen shows the new copy
    let shown = app.data.tasks.iter().find(|t| t.seq == 9).unwrap();
    assert_eq!(shown.person, "张三");
}

#[test]
fn a_read_only_ledger_says_why_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    drop(Store::create(&path, "测试员", true).unwrap());
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let store = Store::open(&path, "测试员").unwrap();
    let mut app = App::new(store, Lang::Zh, day("2019-12-26")).unwrap();
    assert!(app.is_read_only());
    select_task(&mut app, 6);
    for key in ['c', 'p', 'e', 'a', 'u'] {
        press(&mut app, KeyCode::Char(key));
        assert!(app.popup.is_none(), "{key} opened a form");
        assert!(notice(&app).contains("只读"), "{key}: {}", notice(&app));
    }
    let screen = render(&app, 120, 40);
    assert!(screen.contains("只读"), "{screen}");
}

#[test]
fn views_switch_and_the_unit_board_filters_the_ledger() {
    let (_dir, mut app) = app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view, View::Units);
    assert_eq!(app.stats.units.len(), 13);
    // the units are ranked; pick 石泉县
    let index = app
        .stats
        .units
        .iter()
        .position(|u| u.unit.name == "石泉县")
        .unwrap();
    for _ in 0..index {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Ledger);
    assert_eq!(task_seqs(&app), [11]);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.view, View::History);
    assert!(!app.history.is_empty());
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::Ledger);
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.popup, Some(Popup::Help)));
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn pasting_into_a_form_keeps_chinese_and_line_breaks() {
    let (_dir, mut app) = app();
    select_task(&mut app, 8);
    press(&mut app, KeyCode::Char('c'));
    app.update(Msg::Paste("第一行：已建立机制\r\n第二行：已通报".into()));
    ctrl(&mut app, 's');
    assert_eq!(
        task(&app, 8).close_note.as_deref(),
        Some("第一行：已建立机制\n第二行：已通报")
    );
}

#[test]
fn the_export_dialog_writes_the_list_as_filtered() {
    let (dir, mut app) = app();
    let path = dir.path().join("石泉县.csv");
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "石泉");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Right); // csv
    press(&mut app, KeyCode::Tab);
    app.update(Msg::Paste(path.display().to_string()));
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
    assert!(notice(&app).contains("1 项任务"), "{}", notice(&app));
    let csv = std::fs::read_to_string(&path).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("石泉县"));
    // again: the file exists; the form says so beside the file, and overwrites when asked
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    app.update(Msg::Paste(path.display().to_string()));
    ctrl(&mut app, 's');
    let error = form_error(&app).expect("refused");
    assert!(error.contains("已存在"), "{error}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // overwrite: yes
    ctrl(&mut app, 's');
    assert!(app.popup.is_none(), "{:?}", form_error(&app));
}

#[test]
fn the_mouse_selects_and_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let (_dir, mut app) = app();
    resized(&mut app, 120, 40);
    let mouse = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // rows start under the header (2 lines), the border and the column header: y = 4
    let text = render(&app, 120, 40);
    let line_of_3 = text.lines().position(|l| l.contains(" #3 ")).unwrap() as u16;
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), line_of_3));
    assert_eq!(
        app.selected_row(),
        Some(Row::Task(2)),
        "the click selects #3"
    );
    app.update(mouse(MouseEventKind::ScrollDown, line_of_3));
    assert_eq!(app.selected, 6);
    app.update(mouse(MouseEventKind::ScrollUp, line_of_3));
    assert_eq!(app.selected, 3);
}

// ---------------------------------------------------------------------------------------------
// rendering

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text: one line per row, each wide character once.
fn render(app: &App, w: u16, h: u16) -> String {
    let buffer = buffer(app, w, h);
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

fn resized(app: &mut App, w: u16, h: u16) {
    app.update(Msg::Resize(w, h));
}

/// Snapshots of a screen at both sizes; times of the event log are replaced, they change.
fn snapshot(name: &str, setup: impl Fn(&mut App), lang: Lang) {
    for (w, h) in [(120, 40), (80, 24)] {
        let (_dir, mut app) = app_with(lang);
        resized(&mut app, w, h);
        setup(&mut app);
        let text = render(&app, w, h);
        let lang_name = if lang == Lang::Zh { "zh" } else { "en" };
        insta::with_settings!({
            filters => vec![(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "YYYY-MM-DD hh:mm")],
            snapshot_suffix => format!("{lang_name}_{w}x{h}"),
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

fn both_languages(name: &str, setup: impl Fn(&mut App) + Copy) {
    snapshot(name, setup, Lang::Zh);
    snapshot(name, setup, Lang::En);
}

#[test]
fn snapshot_ledger_view() {
    // the first row, G1, has the longest description: the detail pane wraps it
    both_languages("ledger", |_| {});
}

#[test]
fn snapshot_task_detail() {
    both_languages("task_detail", |app| {
        app.store
            .add_progress(
                1,
                zhenggai::store::NewProgress {
                    date: day("2019-12-20"),
                    text: "已开展食品、药品领域专项执法检查12次，查办侵权假冒案件2起，其中1起已移送司法机关".into(),
                    evidence: "安公〔2019〕88号".into(),
                    status: None,
                },
                day("2019-12-26"),
                None,
            )
            .unwrap();
        app.reload().unwrap();
        select_task(app, 1);
        press(app, KeyCode::Enter);
    });
}

#[test]
fn snapshot_close_form() {
    both_languages("close_form", |app| {
        select_task(app, 6);
        press(app, KeyCode::Char('c'));
        typing(app, "已于12月20日组织“两法”衔接培训，培训执法人员86人");
        press(app, KeyCode::Tab);
        typing(app, "安双打办〔2019〕12号");
    });
}

#[test]
fn snapshot_close_form_refused() {
    both_languages("close_form_refused", |app| {
        select_problem(app, "G1");
        press(app, KeyCode::Char('c'));
        ctrl(app, 's');
    });
}

#[test]
fn snapshot_unit_board() {
    both_languages("unit_board", |app| {
        app.store
            .close_task(11, "领导小组已建立", "", None)
            .unwrap();
        app.reload().unwrap();
        press(app, KeyCode::Char('2'));
        press(app, KeyCode::Char('j'));
    });
}

#[test]
fn snapshot_help_overlay() {
    both_languages("help", |app| press(app, KeyCode::Char('?')));
}

#[test]
fn snapshot_small_window() {
    let (_dir, app) = app();
    let text = render(&app, 60, 20);
    assert!(text.contains("窗口太小"), "{text}");
    assert!(text.contains("80×24"), "{text}");
}

#[test]
fn lights_are_coloured_and_written() {
    let (_dir, mut app) = app();
    app.store.close_task(1, "已查办", "", None).unwrap();
    let mut overdue = App::new(
        Store::open(app.store.path(), "测试员").unwrap(),
        Lang::Zh,
        day("2020-01-05"),
    )
    .unwrap();
    app.reload().unwrap();
    resized(&mut overdue, 120, 40);
    for (app, word, color) in [(&app, "黄", Color::Yellow), (&overdue, "红", Color::Red)] {
        let buffer = buffer(app, 120, 40);
        // the light column of the table: find the task rows and read their first cell
        let mut coloured = 0;
        for y in 0..40 {
            let first = &buffer[(1, y)];
            if first.symbol() == word {
                assert_eq!(first.fg, color, "row {y}");
                coloured += 1;
            }
        }
        assert!(coloured >= 20, "{word}: {coloured} coloured lights");
    }
    // without colour the words stay
    overdue.color = false;
    let buffer = buffer(&overdue, 120, 40);
    let reds: Vec<_> = (0..40)
        .map(|y| &buffer[(1, y)])
        .filter(|c| c.symbol() == "红")
        .collect();
    assert!(reds.len() >= 20);
    assert!(reds.iter().all(|c| c.fg == Color::Reset));
}

#[test]
fn text_from_the_ledger_cannot_drive_the_terminal() {
    let (dir, _) = app();
    {
        let conn = rusqlite::Connection::open(dir.path().join("ledger.db")).unwrap();
        conn.execute(
            "UPDATE problem SET title = 'x\u{1b}[2J\u{1b}]0;owned\u{7}y' WHERE code = 'G1'",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&dir.path().join("ledger.db"), "测试员").unwrap();
    let app = App::new(store, Lang::Zh, day("2019-12-26")).unwrap();
    let text = render(&app, 120, 40);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(text.contains("x␛[2J"), "{text}");
}
