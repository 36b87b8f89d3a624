//! The TUI's screens drawn on ratatui's `TestBackend`: snapshots in `tests/snapshots/` at
//! 120×40 and 80×24 in both languages, colours, text from the ledger that must not drive the
//! terminal, and what a new user was shown wrong (hints, footers, English, wrapping).

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use tui_support::*;
use zhenggai::i18n::Lang;
use zhenggai::store::NewProgress;
use zhenggai::tui::app::App;

/// Snapshots of a screen at both sizes; times of the event log are replaced, they change.
fn snapshot(name: &str, setup: impl Fn(&Ledger, &mut App), lang: Lang) {
    for (w, h) in [(120, 40), (80, 24)] {
        let ledger = Ledger::seeded();
        let mut app = ledger.app_as_of(lang, "2019-12-26");
        resized(&mut app, w, h);
        setup(&ledger, &mut app);
        let text = render(&app.state, w, h);
        let lang_name = if lang == Lang::Zh { "zh" } else { "en" };
        insta::with_settings!({
            // the time of recording; and its minutes, where a popup covers the rest of it
            filters => vec![
                (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "YYYY-MM-DD hh:mm"),
                (r"│:?\d{1,2}([）)])", "│mm$1"),
                (r"\d{4}-\d{2}-\d{2} \d{1,2}(:\d{0,2})?…", "YYYY-MM-DD hh…"),
            ],
            snapshot_suffix => format!("{lang_name}_{w}x{h}"),
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

fn both_languages(name: &str, setup: impl Fn(&Ledger, &mut App) + Copy) {
    snapshot(name, setup, Lang::Zh);
    snapshot(name, setup, Lang::En);
}

#[test]
fn snapshot_ledger_view() {
    // the first row, G1, has the longest description: the detail pane wraps it
    both_languages("ledger", |_, _| {});
}

#[test]
fn snapshot_task_detail() {
    both_languages("task_detail", |ledger, app| {
        let entry = NewProgress {
            date: day("2019-12-20"),
            text:
                "已开展食品、药品领域专项执法检查12次，查办侵权假冒案件2起，其中1起已移送司法机关"
                    .into(),
            evidence: "安公〔2019〕88号".into(),
            status: None,
        };
        ledger
            .store()
            .add_progress(1, entry, day("2019-12-26"), None)
            .unwrap();
        tick(app);
        select_task(app, 1);
        press(app, KeyCode::Enter);
    });
}

#[test]
fn snapshot_close_form() {
    both_languages("close_form", |_, app| {
        select_task(app, 6);
        press(app, KeyCode::Char('c'));
        typing(app, "已于12月20日组织“两法”衔接培训，培训执法人员86人");
        press(app, KeyCode::Tab);
        typing(app, "安双打办〔2019〕12号");
    });
}

#[test]
fn snapshot_close_form_refused() {
    both_languages("close_form_refused", |_, app| {
        select_problem(app, "G1");
        press(app, KeyCode::Char('c'));
        ctrl(app, 's');
    });
}

#[test]
fn snapshot_add_task_form() {
    both_languages("add_task_form", |_, app| {
        select_problem(app, "W2");
        press(app, KeyCode::Char('a'));
        press(app, KeyCode::Right);
        press(app, KeyCode::Char(' '));
    });
}

#[test]
fn snapshot_unit_board() {
    both_languages("unit_board", |ledger, app| {
        ledger
            .store()
            .close_task(11, "领导小组已建立", "", None, None)
            .unwrap();
        tick(app);
        press(app, KeyCode::Char('2'));
        press(app, KeyCode::Char('j'));
    });
}

#[test]
fn snapshot_history() {
    both_languages("history", |ledger, app| {
        ledger
            .store()
            .close_task(5, "网站已更新", "", None, None)
            .unwrap();
        tick(app);
        press(app, KeyCode::Char('3'));
    });
}

#[test]
fn snapshot_help_overlay() {
    both_languages("help", |_, app| press(app, KeyCode::Char('?')));
}

#[test]
fn a_small_window_says_so() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    resized(&mut app, 60, 20);
    let text = render(&app.state, 60, 20);
    assert!(text.contains("窗口太小"), "{text}");
    assert!(text.contains("80×24"), "{text}");
}

#[test]
fn lights_are_coloured_and_written() {
    let ledger = Ledger::seeded();
    ledger
        .store()
        .close_task(1, "已查办", "", None, None)
        .unwrap();
    let app = ledger.app();
    let mut overdue = ledger.app_as_of(Lang::Zh, "2020-01-05");
    for (app, word, color) in [(&app, "黄", Color::Yellow), (&overdue, "红", Color::Red)] {
        let buffer = buffer(&app.state, 120, 40);
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
    // an overdue task says by how much, in the table and in the detail
    select_task(&mut overdue, 2);
    let text = screen(&overdue);
    assert!(text.contains("逾期5天"), "{text}");
    assert!(text.contains("逾期 5 天"), "{text}");
    // without colour the words stay
    overdue.state.color = false;
    let buffer = buffer(&overdue.state, 120, 40);
    let reds: Vec<_> = (0..40)
        .map(|y| &buffer[(1, y)])
        .filter(|c| c.symbol() == "红")
        .collect();
    assert!(reds.len() >= 20);
    assert!(reds.iter().all(|c| c.fg == Color::Reset));
}

#[test]
fn text_from_the_ledger_cannot_drive_the_terminal() {
    let ledger = Ledger::seeded();
    rusqlite::Connection::open(&ledger.path)
        .unwrap()
        .execute(
            "UPDATE problem SET title = 'x\u{1b}[2J\u{1b}]0;owned\u{7}y' WHERE code = 'G1'",
            [],
        )
        .unwrap();
    let app = ledger.app();
    let text = screen(&app);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(text.contains("x␛[2J"), "{text}");
}

#[test]
fn the_footer_keeps_the_view_keys_in_sight() {
    let ledger = Ledger::seeded();
    for lang in [Lang::Zh, Lang::En] {
        let mut app = ledger.app_as_of(lang, "2019-12-26");
        let footer = |app: &App| screen(app).lines().last().unwrap().to_string();
        let line = footer(&app);
        assert!(line.contains("1/2/3"), "{lang:?}: {line}");
        for view in ['2', '3'] {
            press(&mut app, KeyCode::Char(view));
            let line = footer(&app);
            assert!(line.contains("Esc"), "{lang:?} view {view}: {line}");
            assert!(line.contains("1/2/3"), "{lang:?} view {view}: {line}");
        }
    }
}

#[test]
fn an_empty_list_says_why_and_what_to_press() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    // a red light as of the meeting before the deadline: nothing is red
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typing(&mut app, "红");
    ctrl(&mut app, 's');
    assert!(app.state.rows.is_empty());
    let text = screen(&app);
    assert!(text.contains("按 F 清除筛选"), "{text}");
    assert!(!text.contains("按 o 显示全部"), "{text}");
    press(&mut app, KeyCode::Char('F'));
    assert_eq!(task_seqs(&app.state).len(), 21);
    // everything closed: `o` shows it all
    let mut store = ledger.store();
    for problem in ["G1", "G2", "G3", "G4", "G5", "G6", "W1", "W2", "W3", "W4"] {
        store.close_problem(problem, "已完成", "", None).unwrap();
    }
    tick(&mut app);
    assert!(screen(&app).contains("所有任务均已销号。按 o 显示全部"));
    // and the footer says what `o` will do
    assert!(screen(&app).contains("o 显示全部"));
    press(&mut app, KeyCode::Char('o'));
    assert!(screen(&app).contains("o 只看未销号"));
}

#[test]
fn english_screens_have_english_punctuation_and_counts() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app_as_of(Lang::En, "2020-01-05");
    resized(&mut app, 160, 50);
    select_task(&mut app, 2);
    let full_width = ['：', '（', '）', '；', '，'];
    // the chrome: header, detail facts, footer (the ledger's own Chinese text aside)
    let text = screen(&app);
    for line in text.lines() {
        let chrome = line.contains("unit ")
            || line.contains("deadline ")
            || line.contains("Filter:")
            || line.contains("overdue");
        if chrome {
            let stripped: String = line
                .chars()
                .filter(|c| !('\u{4e00}'..='\u{9fff}').contains(c))
                .collect();
            assert!(!stripped.chars().any(|c| full_width.contains(&c)), "{line}");
        }
    }
    assert!(text.contains("5 days overdue"), "{text}");
    // one of a thing is one, not ones
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "石泉");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.rows.len(), 2);
    press(&mut app, KeyCode::Char('x'));
    let note = app.state.form().and_then(|f| f.note.clone()).unwrap();
    assert!(note.contains("the 1 task of"), "{note}");
    assert!(!note.contains("1 tasks"), "{note}");
    // every form's keys fit its bottom border
    let text = screen(&app);
    assert!(text.contains("Esc cancel"), "{text}");
}

#[test]
fn a_refused_form_message_is_wrapped_to_the_columns_it_is_drawn_in() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    resized(&mut app, 80, 24);
    select_task(&mut app, 6);
    press(&mut app, KeyCode::Char('p'));
    typing(&mut app, "已部署");
    press(&mut app, KeyCode::Tab);
    // a date that is none: its message names every form of date, over several lines
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "明天见");
    ctrl(&mut app, 's');
    let message = form_error(&app.state).expect("refused");
    let text = screen(&app);
    // every character of the message is on the screen, in order, none cut at a line's end
    let shown: String = text
        .lines()
        .filter(|l| l.contains('│'))
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' ').to_string())
        .collect();
    let compact: String = message.chars().filter(|c| !c.is_whitespace()).collect();
    let shown: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(shown.contains(&compact), "{message}\n{text}");
}

#[test]
fn a_text_near_its_limit_shows_how_much_is_left() {
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    select_task(&mut app, 6);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab); // evidence: 200 characters at most
    app.handle(zhenggai::tui::msg::Msg::Paste("证".repeat(190)));
    assert!(screen(&app).contains("190/200 字"), "{}", screen(&app));
    // a paste past the limit keeps what fits, and says so
    app.handle(zhenggai::tui::msg::Msg::Paste("号".repeat(50)));
    assert!(screen(&app).contains("200/200 字"));
    assert!(
        notice(&app.state).contains("只保留了前 200 个字"),
        "{}",
        notice(&app.state)
    );
    // and typing past it is refused
    typing(&mut app, "再");
    assert!(screen(&app).contains("200/200 字"));
}

#[test]
fn wide_screens_show_the_latest_progress() {
    let ledger = Ledger::seeded();
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
    let mut app = ledger.app();
    resized(&mut app, 250, 70);
    let text = screen(&app);
    let row = text.lines().find(|l| l.contains(" #1 ")).unwrap();
    assert!(row.contains("12-20 已开展专项执法检查12次"), "{row}");
}
