//! The TUI's writes, driven by key messages on a real ledger file, its worker inline (so that
//! every answer is in when a key returns): the forms and what they write, undo and redo, other
//! processes' changes, a read-only ledger, a lock held elsewhere, the export dialog.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tui_support::*;
use zhenggai::i18n::Lang;
use zhenggai::model::Status;
use zhenggai::store::{NewTask, Store, TaskEdit};
use zhenggai::tui::app::App;
use zhenggai::tui::msg::Msg;
use zhenggai::tui::state::Popup;

#[test]
fn a_deactivated_unit_survives_an_edit_that_does_not_touch_it() {
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    store
        .add_task(NewTask {
            problem: "G3".into(),
            unit: "市公安局".into(),
            measure: "协助维护网站".into(),
            deadline: Some(day("2019-12-31")),
            person: String::new(),
            support_units: vec![],
            assigned: None,
        })
        .unwrap();
    store.close_task(22, "已完成", "", None, None).unwrap();
    store.close_task(1, "已查办", "", None, None).unwrap();
    store.set_unit_active("市公安局", false).unwrap();
    let mut app = ledger.app();
    press(&mut app, KeyCode::Char('o')); // show closed tasks too
    select_task(&mut app, 22);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab); // measure
    // a long text opens at its start: go to its end to add to it
    press(&mut app, KeyCode::End);
    typing(&mut app, "（补充）");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    let t = ledger.task(22);
    assert_eq!(t.unit, "市公安局", "the unit stays");
    assert!(t.measure.ends_with("（补充）"), "{}", t.measure);
}

#[test]
fn the_close_form_refuses_an_empty_note_and_writes_nothing() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 6);
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.state.popup, Some(Popup::Form(_))));
    ctrl(&mut app, 's');
    let error = form_error(&app.state).expect("the form stays open with a message");
    assert!(error.contains("销号说明不能为空"), "{error}");
    // typing takes the message back: it spoke of the empty note
    typing(&mut app, "   ");
    assert_eq!(form_error(&app.state), None);
    ctrl(&mut app, 's');
    assert!(form_error(&app.state).is_some());
    assert_eq!(ledger.task(6).status, Status::NotStarted);
    // with a note it closes
    typing(&mut app, "已组织培训");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    let closed = ledger.task(6);
    assert_eq!(closed.status, Status::Closed);
    assert_eq!(closed.close_note.as_deref(), Some("已组织培训"));
    assert_eq!(closed.closed_by.as_deref(), Some("测试员"));
    assert!(notice(&app.state).contains("#6"), "{}", notice(&app.state));
}

#[test]
fn closing_a_problem_row_closes_the_open_tasks_it_shows() {
    let ledger = Ledger::seeded();
    ledger
        .store()
        .close_task(2, "已查办", "", None, None)
        .unwrap();
    let mut app = ledger.app();
    select_problem(&mut app, "G1");
    press(&mut app, KeyCode::Char('c'));
    assert!(
        form_title(&app.state).contains("2 项"),
        "{}",
        form_title(&app.state)
    );
    typing(&mut app, "经核查全部整改到位");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    for seq in [1, 3] {
        let t = ledger.task(seq);
        assert_eq!(t.status, Status::Closed);
        assert_eq!(t.close_note.as_deref(), Some("经核查全部整改到位"));
    }
    assert_eq!(ledger.task(2).close_note.as_deref(), Some("已查办"));
    assert!(
        notice(&app.state).contains("2 项任务"),
        "{}",
        notice(&app.state)
    );
    // G1 has nothing open now: it leaves the open-only ledger
    assert!(!problem_codes(&app.state).contains(&"G1".to_string()));
}

#[test]
fn undo_says_what_it_undid_keeps_the_place_and_redo_does_it_again() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    // progress with a status change
    select_task(&mut app, 11);
    press(&mut app, KeyCode::Char('p'));
    typing(&mut app, "已成立领导小组");
    press(&mut app, KeyCode::Tab); // date
    press(&mut app, KeyCode::Tab); // evidence
    press(&mut app, KeyCode::Tab); // status
    press(&mut app, KeyCode::Right); // 未启动
    press(&mut app, KeyCode::Right); // 整改中
    press(&mut app, KeyCode::Right); // 待销号
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    assert_eq!(ledger.task(11).status, Status::Submitted);
    // an edit of the measure
    let original = ledger.task(12).measure;
    select_task(&mut app, 12);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::End);
    typing(&mut app, "，年内完成");
    ctrl(&mut app, 's');
    assert!(ledger.task(12).measure.ends_with("年内完成"));

    // undo: the edit is taken back, the notice names it, the selection stays on #12
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(ledger.task(12).measure, original, "{}", notice(&app.state));
    assert_eq!(notice(&app.state), "已撤销：修改 #12");
    assert_eq!(selected(&app.state).as_deref(), Some("#12"));
    press(&mut app, KeyCode::Char('u'));
    let t = ledger.task(11);
    assert_eq!(t.status, Status::NotStarted);
    assert!(ledger.store().progress(&t).unwrap().is_empty());
    assert_eq!(notice(&app.state), "已撤销：#11 的进展");
    press(&mut app, KeyCode::Char('u'));
    assert!(
        notice(&app.state).contains("没有可撤销"),
        "{}",
        notice(&app.state)
    );

    // redo: the progress again, then the edit
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(
        ledger.task(11).status,
        Status::Submitted,
        "{}",
        notice(&app.state)
    );
    assert_eq!(notice(&app.state), "已重做：#11 的进展");
    press(&mut app, KeyCode::Char('U'));
    assert!(
        ledger.task(12).measure.ends_with("年内完成"),
        "{}",
        notice(&app.state)
    );
    press(&mut app, KeyCode::Char('U'));
    assert!(notice(&app.state).contains("没有可以重做"));
    // what was redone can be undone again
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(ledger.task(12).measure, original);
}

/// Issue 10 A: a task (or a problem) added and left selected, then undone: the rows were
/// positions into the data the undo replaced (`index out of bounds: the len is 21 but the index
/// is 21`). An added record is selected; after its undo the selection stays at its place.
#[test]
fn undoing_an_added_record_left_selected_never_panics() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_problem(&mut app, "G2");
    press(&mut app, KeyCode::Char('a'));
    typing(&mut app, "石"); // the cursor to 石泉县
    press(&mut app, KeyCode::Char(' ')); // pick it too
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "建立信息报送台账");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    assert_eq!(
        selected(&app.state).as_deref(),
        Some("#22"),
        "the new task is selected"
    );
    press(&mut app, KeyCode::Char('u'));
    assert!(
        !task_seqs(&app.state).contains(&22),
        "{}",
        notice(&app.state)
    );
    render(&app.state, 120, 40);
    press(&mut app, KeyCode::Char('A'));
    typing(&mut app, "X1");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "新问题");
    ctrl(&mut app, 's');
    assert_eq!(
        selected(&app.state).as_deref(),
        Some("X1"),
        "the new problem is selected"
    );
    press(&mut app, KeyCode::Char('u'));
    assert!(!problem_codes(&app.state).contains(&"X1".to_string()));
    render(&app.state, 120, 40);
    for key in ['j', 'k', 'G', 'g', 'e', 'c', 'p', 'u', 'U'] {
        press(&mut app, KeyCode::Char(key));
        press(&mut app, KeyCode::Esc);
        render(&app.state, 120, 40);
    }
}

#[test]
fn a_write_updates_the_search_in_place() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 13);
    press(&mut app, KeyCode::Char('p'));
    typing(&mut app, "召开联席会议研究部署");
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "联席");
    press(&mut app, KeyCode::Enter);
    assert_eq!(task_seqs(&app.state), [13]);
}

#[test]
fn another_process_writing_refreshes_the_screen_and_undo_then_refuses() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    // this run closes #8; then another process edits #8 again
    select_task(&mut app, 8);
    press(&mut app, KeyCode::Char('c'));
    typing(&mut app, "已建立机制");
    ctrl(&mut app, 's');
    let mut other = ledger.store();
    other
        .close_task(7, "宣传报道已刊发", "", None, None)
        .unwrap();
    other.reopen(8, "复查发现未落实", None, None).unwrap();
    assert!(task_seqs(&app.state).contains(&7));
    tick(&mut app);
    assert!(!task_seqs(&app.state).contains(&7));
    assert!(
        notice(&app.state).contains("已刷新"),
        "{}",
        notice(&app.state)
    );
    // the undo of this run's close would overwrite the other's reopen: refused, nothing lost
    press(&mut app, KeyCode::Char('u'));
    assert!(
        notice(&app.state).contains("之后又被修改过"),
        "{}",
        notice(&app.state)
    );
    assert_eq!(
        ledger.task(8).reopen_reason.as_deref(),
        Some("复查发现未落实")
    );
    render(&app.state, 120, 40);
}

#[test]
fn an_edit_of_a_task_changed_underneath_is_refused() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 9);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    typing(&mut app, "（本人修改）");
    // meanwhile someone else edits the same task
    let edit = TaskEdit {
        person: Some("张三".into()),
        ..Default::default()
    };
    ledger.store().edit_task(9, edit, None).unwrap();
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none());
    assert!(
        notice(&app.state).contains("已被他人修改"),
        "{}",
        notice(&app.state)
    );
    let t = ledger.task(9);
    assert_eq!(t.person, "张三");
    assert!(
        !t.measure.contains("本人修改"),
        "the stale edit must not land"
    );
    // the screen shows the new copy
    let shown = app.state.data.tasks.iter().find(|t| t.seq == 9).unwrap();
    assert_eq!(shown.version, t.version);
    let whole = app
        .state
        .selected_whole_task()
        .expect("the detail read again");
    assert_eq!(whole.person, "张三");
}

#[test]
fn a_read_only_ledger_says_why_it_cannot_write() {
    let ledger = Ledger::seeded();
    let mut perms = std::fs::metadata(&ledger.path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ledger.path, perms).unwrap();
    let mut app = ledger.app();
    assert!(app.state.read_only);
    select_task(&mut app, 6);
    for key in ['c', 'p', 'e', 'a', 'A', 'u', 'U'] {
        press(&mut app, KeyCode::Char(key));
        assert!(app.state.popup.is_none(), "{key} opened a form");
        assert!(
            notice(&app.state).contains("只读"),
            "{key}: {}",
            notice(&app.state)
        );
    }
    assert!(screen(&app).contains("只读"));
}

#[test]
fn pasting_into_a_form_keeps_chinese_and_line_breaks() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 8);
    press(&mut app, KeyCode::Char('c'));
    app.handle(Msg::Paste("第一行：已建立机制\r\n第二行：已通报".into()));
    ctrl(&mut app, 's');
    assert_eq!(
        ledger.task(8).close_note.as_deref(),
        Some("第一行：已建立机制\n第二行：已通报")
    );
}

#[test]
fn the_export_dialog_writes_the_list_as_filtered_and_names_the_file_whole() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    let path = ledger.dir.path().join("石泉县.csv");
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "石泉");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('x'));
    // the dialog says what it will write before it writes
    let note = app.state.form().and_then(|f| f.note.clone()).unwrap();
    assert!(
        note.contains("搜索“石泉”") && note.contains("1 项任务"),
        "{note}"
    );
    press(&mut app, KeyCode::Right); // csv
    press(&mut app, KeyCode::Tab);
    app.handle(Msg::Paste(path.display().to_string()));
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    assert!(
        notice(&app.state).contains("1 项任务"),
        "{}",
        notice(&app.state)
    );
    let csv = std::fs::read_to_string(&path).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("石泉县"));
    // again: the file exists; the form says so beside the file, with the advice of the screen
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    app.handle(Msg::Paste(path.display().to_string()));
    ctrl(&mut app, 's');
    let error = form_error(&app.state).expect("refused");
    assert!(error.contains("已存在"), "{error}");
    assert!(!error.contains("--force"), "{error}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // overwrite: yes
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    // a name given without a folder is said with its folder
    let relative = "石泉县-2.md";
    let here = std::env::current_dir().unwrap();
    std::env::set_current_dir(ledger.dir.path()).unwrap();
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Tab);
    typing(&mut app, relative);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // md: the name follows the format
    ctrl(&mut app, 's');
    std::env::set_current_dir(here).unwrap();
    let written = ledger.dir.path().join(relative);
    assert!(written.is_file(), "{}", notice(&app.state));
    assert!(
        notice(&app.state).contains(&ledger.dir.path().display().to_string()),
        "{}",
        notice(&app.state)
    );
}

/// The worker on its own thread: a save that waits on another process's lock keeps the screen
/// drawing and taking keys, and the answer comes later.
#[test]
fn a_save_waiting_on_a_lock_keeps_the_screen_usable() {
    let ledger = Ledger::seeded();
    let store = Store::open(&ledger.path, "测试员").unwrap();
    let mut app = App::new(store, Lang::Zh, day("2019-12-26")).unwrap();
    app.handle(Msg::Resize(120, 40));
    let timeout = std::time::Duration::from_secs(20);
    assert!(app.wait_until(timeout, |s| s.loaded && s.selected_detail().is_some()));
    select_task(&mut app, 6);
    press(&mut app, KeyCode::Char('c'));
    typing(&mut app, "已组织培训");
    let lock = rusqlite::Connection::open(&ledger.path).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    ctrl(&mut app, 's');
    // the save is in flight; the form waits, says so, and the screen draws
    assert!(app.state.in_flight.is_some());
    assert!(screen(&app).contains("保存中"), "{}", screen(&app));
    // keys act meanwhile: the help opens and closes, a search is typed and dropped
    press(&mut app, KeyCode::Esc); // the form goes; its save goes on
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "培训");
    assert_eq!(problem_codes(&app.state), ["G4"]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        ledger.task(6).status,
        Status::NotStarted,
        "not yet: the lock is held"
    );
    lock.execute_batch("COMMIT").unwrap();
    assert!(app.wait_until(timeout, |s| s.in_flight.is_none()));
    assert!(app.wait_until(timeout, |s| notice(s).contains("已销号 #6")));
    assert_eq!(ledger.task(6).status, Status::Closed);
}

/// Issue 11, friction 1: the TUI opens on 未销号 and `x` exports what it shows. The task rows
/// follow the filter, but the totals and the unit sheet describe the whole ledger: with #11
/// (石泉县's only task) and #4 closed, the sheet says 2 of 21 closed and ranks 石泉县 first.
#[test]
fn the_sheet_exported_from_the_open_view_counts_the_whole_ledger() {
    use calamine::{Reader, Xlsx, open_workbook};
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    store
        .close_task(11, "领导小组已建立", "", None, None)
        .unwrap();
    store.close_task(4, "已录入", "", None, None).unwrap();
    let mut app = ledger.app();
    let path = ledger.dir.path().join("会议.xlsx");
    press(&mut app, KeyCode::Char('x'));
    let note = app.state.form().and_then(|f| f.note.clone()).unwrap();
    assert!(note.contains("未销号的 19 项任务"), "{note}");
    assert!(note.contains("合计与单位统计按全部台账"), "{note}");
    press(&mut app, KeyCode::Tab);
    app.handle(Msg::Paste(path.display().to_string()));
    ctrl(&mut app, 's');
    assert!(app.state.popup.is_none(), "{:?}", form_error(&app.state));
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("整改台账").unwrap();
    let cell = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        cell(2, 0),
        "截至2019年12月26日　任务21项，已销号2项，逾期0项，完成率9.5%；本表列出 19 项"
    );
    assert_eq!(
        cell(0, 0),
        "安康市落实省“双打”工作督查反馈意见整改台账（未销号）"
    );
    let rows = (4..40).take_while(|&r| !cell(r, 0).is_empty()).count();
    assert_eq!(rows, 19, "the rows are the open tasks shown");
    let units = book.worksheet_range("单位统计").unwrap();
    let unit = |r: u32, c: u32| {
        units
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(unit(2, 0), "县区（10）");
    assert_eq!(
        unit(3, 0),
        "石泉县",
        "the county that closed its only task ranks first among counties"
    );
    assert_eq!(
        unit(3, 10),
        "1",
        "完成率 100%, a number cell shown as a percent"
    );
    assert_eq!(unit(3, 12), "1", "排名 1");
    // three headings, 13 units and the 合计 row
    let lines = (2..30).take_while(|&r| !unit(r, 0).is_empty()).count();
    assert_eq!(lines, 3 + 13 + 1, "every unit of the ledger");
}

/// The TUI's second connection (its search index) is made through SQLite alone: the gate's own
/// reads of the file would drop the locks SQLite holds in this process, and then a command run
/// meanwhile took the ledger for closed, folded the log into the file and removed it under the
/// TUI, whose later writes were lost. (Here the window is narrow and the old code may pass; the
/// second tmux test, with the TUI idle in a terminal, lost the write every time.)
#[test]
fn a_command_run_while_the_tui_is_open_never_takes_its_log_away() {
    let ledger = Ledger::seeded();
    let store = Store::open(&ledger.path, "测试员").unwrap();
    let mut app = App::new(store, Lang::Zh, day("2019-12-26")).unwrap();
    app.handle(Msg::Resize(120, 40));
    let timeout = std::time::Duration::from_secs(20);
    assert!(app.wait_until(timeout, |s| s.loaded && s.search.ready().is_some()));
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zhenggai"))
            .arg("--db")
            .arg(&ledger.path)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(cli(&["list"]).status.success());
    let mut log = ledger.path.as_os_str().to_owned();
    log.push("-wal");
    assert!(
        std::path::Path::new(&log).exists(),
        "the log of the open ledger is still there"
    );
    select_task(&mut app, 3);
    press(&mut app, KeyCode::Char('c'));
    typing(&mut app, "已查办");
    ctrl(&mut app, 's');
    assert!(app.wait_until(timeout, |s| notice(s).contains("已销号 #3")));
    let shown = String::from_utf8(cli(&["show", "3", "--json"]).stdout).unwrap();
    assert!(shown.contains("\"status\": \"closed\""), "{shown}");
}
