//! `update` alone, on a state made in memory (no ledger file, no worker): each friction a new
//! user met, seen in the state and in the effects `update` asks for. Then every key in every
//! view and popup, on an empty ledger, the seeded one and one with a record added and undone:
//! nothing panics.

mod tui_support;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{Ledger, day, render};
use zhenggai::i18n::Lang;
use zhenggai::model::{Category, Clock, Problem, Status, Task, TaskLine, Unit, UnitKind};
use zhenggai::tui::data::{Data, Detail, Searchable};
use zhenggai::tui::forms::FieldKey;
use zhenggai::tui::msg::{Effect, Loaded, Msg, Request, RowKey};
use zhenggai::tui::state::{Popup, State};
use zhenggai::tui::update::update;

fn unit(id: i64, name: &str, kind: UnitKind) -> Unit {
    Unit {
        id,
        uuid: format!("u{id}"),
        name: name.into(),
        kind,
        sort_order: id,
        active: true,
    }
}

fn problem(id: i64, code: &str, title: &str) -> Problem {
    Problem {
        id,
        inspection_id: 1,
        code: code.into(),
        category: Category::Weak,
        title: title.into(),
        description: String::new(),
        lead_unit: None,
        uuid: format!("p{id}"),
    }
}

fn task(id: i64, problem: &Problem, unit: &Unit, measure: &str) -> Task {
    Task {
        id,
        uuid: format!("t{id}"),
        seq: id,
        problem_id: problem.id,
        inspection_id: problem.inspection_id,
        problem_code: problem.code.clone(),
        category: problem.category,
        unit_id: unit.id,
        unit: unit.name.clone(),
        support_units: Vec::new(),
        measure: measure.into(),
        person: String::new(),
        deadline: Some(day("2019-12-31")),
        status: Status::NotStarted,
        closed_at: None,
        closed_by: None,
        close_note: None,
        close_evidence: None,
        reopen_reason: None,
        version: 1,
        last_progress_date: None,
        assigned: day("2019-12-03"),
        closed_on: None,
        original_deadline: None,
        extended_from: None,
        extended_on: None,
        extension_reason: None,
        extension_approved_by: None,
    }
}

/// A ledger in memory: W1 with a task for each of three counties, G2 with the office's, and
/// its search index, as of `today`.
fn state_as_of(today: &str) -> State {
    let units = vec![
        unit(1, "市“双打”办", UnitKind::Office),
        unit(2, "市公安局", UnitKind::Department),
        unit(3, "汉滨区", UnitKind::County),
        unit(4, "汉阴县", UnitKind::County),
        unit(5, "石泉县", UnitKind::County),
        unit(6, "宁陕县", UnitKind::County),
    ];
    let w1 = problem(1, "W1", "个别县区“双打”工作领导小组未建立");
    let g2 = problem(2, "G2", "报送工作信息不达标");
    let tasks = [
        task(1, &w1, &units[2], "建立领导小组"),
        task(2, &w1, &units[3], "建立领导小组"),
        task(3, &w1, &units[4], "建立领导小组，石泉先行"),
        task(4, &g2, &units[0], "严格信息通报制度"),
    ];
    let clock = Clock {
        today: day(today),
        warn_days: 7,
    };
    let mut state = State::new(Lang::Zh, clock, "ledger.db".into(), false);
    let texts: Vec<String> = tasks.iter().map(|t| t.measure.clone()).collect();
    let problems = vec![w1.title.clone(), g2.title.clone()];
    let data = Data::new(
        "测试台账".into(),
        vec![w1, g2],
        tasks.iter().map(TaskLine::from).collect(),
        units,
    );
    send(
        &mut state,
        Msg::Loaded(Box::new(Loaded {
            generation: 1,
            as_of: day(today),
            data,
            from_elsewhere: false,
            partial: false,
        })),
    );
    let index = Searchable {
        tasks: zhenggai::search::SearchIndex::build(texts),
        problems,
    };
    send(
        &mut state,
        Msg::SearchReady {
            generation: 1,
            index: Box::new(index),
        },
    );
    state
}

fn state() -> State {
    state_as_of("2019-12-26")
}

fn send(state: &mut State, msg: Msg) -> Vec<Effect> {
    update(state, msg)
}

fn key(state: &mut State, code: KeyCode) -> Vec<Effect> {
    send(state, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(state: &mut State, c: char) -> Vec<Effect> {
    send(
        state,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn typing(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn writes(effects: &[Effect]) -> Vec<Request> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Write { request, .. } => Some(request.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn closing_a_problem_row_closes_only_what_is_shown() {
    let mut state = state();
    key(&mut state, KeyCode::Char('/'));
    typing(&mut state, "石泉");
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.selected_row(), Some(RowKey::Problem(1)));
    key(&mut state, KeyCode::Char('c'));
    let form = state.form().expect("the close form");
    assert!(form.title.contains("当前显示的 1 项"), "{}", form.title);
    assert!(
        form.note.as_deref().unwrap().contains("另有 2 项"),
        "{:?}",
        form.note
    );
    typing(&mut state, "已核实");
    let effects = ctrl(&mut state, 's');
    match writes(&effects).as_slice() {
        [Request::Close { seqs, .. }] => assert_eq!(seqs, &[3]),
        other => panic!("{other:?}"),
    }
    // the form waits for the worker's answer
    assert!(state.form().is_some_and(|f| f.pending.is_some()));
    assert!(state.in_flight.is_some());
}

/// The edit form needs the whole task (person, supporting units), which comes with the
/// selection's detail: until it is read, `e` says so and opens nothing.
#[test]
fn editing_waits_for_the_whole_task() {
    let mut state = state();
    key(&mut state, KeyCode::Char('j'));
    assert_eq!(state.selected_row(), Some(RowKey::Task(1)));
    key(&mut state, KeyCode::Char('e'));
    assert!(state.form().is_none());
    let shown = format!("{:?}", state.notice);
    assert!(shown.contains(Lang::Zh.tui_task_reading()), "{shown}");
    let mut whole = task(
        1,
        &problem(1, "W1", ""),
        &unit(3, "汉滨区", UnitKind::County),
        "建立领导小组",
    );
    whole.person = "王五".into();
    let detail = Detail {
        task: Some(whole),
        ..Detail::default()
    };
    send(
        &mut state,
        Msg::Detail {
            key: RowKey::Task(1),
            detail: Box::new(detail),
        },
    );
    key(&mut state, KeyCode::Char('e'));
    let form = state.form().expect("the edit form");
    assert_eq!(form.value(FieldKey::Person), "王五");
}

#[test]
fn ctrl_c_in_a_form_with_text_asks_first() {
    let mut state = state();
    key(&mut state, KeyCode::Char('j')); // #1
    key(&mut state, KeyCode::Char('c'));
    ctrl(&mut state, 'c');
    assert!(state.quit, "an untouched form does not ask");
    let mut state = self::state();
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Char('c'));
    typing(&mut state, "写了一半的销号说明");
    ctrl(&mut state, 'c');
    assert!(!state.quit);
    assert!(matches!(state.popup, Some(Popup::Confirm { .. })));
    key(&mut state, KeyCode::Char('n'));
    let form = state.form().expect("back to the form");
    assert_eq!(form.value(FieldKey::Note), "写了一半的销号说明");
    ctrl(&mut state, 'c');
    key(&mut state, KeyCode::Char('y'));
    assert!(state.quit);
}

#[test]
fn nothing_acts_behind_the_window_too_small_screen() {
    let mut state = state();
    send(&mut state, Msg::Resize(60, 20));
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Char('c'));
    typing(&mut state, "看不见的字");
    let effects = ctrl(&mut state, 's');
    assert!(state.popup.is_none());
    assert!(effects.is_empty());
    assert_eq!(state.selected, 0);
    send(&mut state, Msg::Paste("粘贴".into()));
    key(&mut state, KeyCode::Char('x'));
    ctrl(&mut state, 's');
    assert!(state.popup.is_none());
    // a resize brings it back; quit works all along
    send(&mut state, Msg::Resize(120, 40));
    key(&mut state, KeyCode::Char('q'));
    assert!(state.quit);
}

#[test]
fn esc_then_a_key_read_as_alt_is_both_keys() {
    let mut state = state();
    key(&mut state, KeyCode::Char('c'));
    assert!(state.form().is_some());
    send(
        &mut state,
        Msg::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT)),
    );
    assert!(state.popup.is_none(), "Esc closed the form");
    assert_eq!(state.selected, 1, "and j moved down");
}

#[test]
fn a_pasted_newline_never_submits_a_one_line_form() {
    let mut state = state();
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Char('r')); // #1 is not closed: refused, no form
    assert!(state.popup.is_none());
    key(&mut state, KeyCode::Char('x')); // the export dialog: one-line fields
    key(&mut state, KeyCode::Tab);
    let effects = send(&mut state, Msg::Paste("a\nb.csv".into()));
    assert!(effects.is_empty());
    let form = state.form().expect("still open");
    assert_eq!(form.value(FieldKey::Path), "a b.csv");
    assert!(form.pending.is_none());
}

/// Keys that arrive too fast to be typed (a paste the terminal did not bracket).
fn burst(state: &mut State, text: &str) -> Vec<Effect> {
    let keys = text
        .chars()
        .map(|c| match c {
            '\r' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        })
        .collect();
    send(state, Msg::Burst(keys))
}

#[test]
fn a_burst_of_keys_is_text_where_text_is_typed() {
    // in a form, the whole burst is text: its return is a space, nothing is saved
    let mut state = state();
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Char('c'));
    let effects = burst(&mut state, "已核实\r见附件q");
    assert!(writes(&effects).is_empty());
    assert!(!state.quit, "q in the burst was text");
    let form = state.form().expect("still open");
    assert!(
        form.value(FieldKey::Note).starts_with("已核实"),
        "{}",
        form.value(FieldKey::Note)
    );
    assert!(form.pending.is_none());

    // from the ledger: the key that opens the search, its text, the return that keeps it,
    // then keys again
    let mut state = self::state();
    burst(&mut state, "/石泉\rj");
    assert!(!state.searching, "the return ended the search");
    assert_eq!(state.filter.search.as_deref(), Some("石泉"));
    assert_eq!(state.selected, 1, "and j moved down");

    // a key that opens a form: the rest of the burst is the form's text, even a q
    let mut state = self::state();
    let effects = burst(&mut state, "jc说明q\r");
    let form = state.form().expect("the close form of #1");
    assert!(form.title.contains("#1"), "{}", form.title);
    assert!(
        form.value(FieldKey::Note).starts_with("说明q"),
        "{}",
        form.value(FieldKey::Note)
    );
    assert!(!state.quit);
    assert!(writes(&effects).is_empty());
}

#[test]
fn adding_tasks_offers_several_units_each_saying_what_it_has() {
    let mut state = state();
    key(&mut state, KeyCode::Char('a')); // on W1
    let form = state.form().expect("the add form");
    let chosen = form.field(FieldKey::Unit).unwrap().chosen();
    // W1 has 汉滨区, 汉阴县, 石泉县: the default is the office, which it has not
    assert_eq!(chosen, ["市“双打”办"]);
    // the deadline of its tasks is still ahead: offered
    assert_eq!(form.value(FieldKey::Deadline), "2019-12-31");
    key(&mut state, KeyCode::Char(' ')); // drop the office
    typing(&mut state, "全"); // the cursor to 全部县区
    key(&mut state, KeyCode::Char(' '));
    key(&mut state, KeyCode::Tab);
    typing(&mut state, "补建领导小组");
    let effects = ctrl(&mut state, 's');
    match writes(&effects).as_slice() {
        // a unit may hold several measures of a problem: every county takes the new one
        [Request::AddTasks { units, .. }] => {
            assert_eq!(units, &["汉滨区", "汉阴县", "石泉县", "宁陕县"])
        }
        other => panic!("{other:?}"),
    }
    // as of a day after the deadline, none is offered: typing would append to it
    let mut late = state_as_of("2020-01-05");
    key(&mut late, KeyCode::Char('a'));
    assert_eq!(late.form().unwrap().value(FieldKey::Deadline), "");
    // nothing picked: the form says so beside the field
    key(&mut late, KeyCode::Char(' '));
    key(&mut late, KeyCode::Tab);
    typing(&mut late, "措施");
    key(&mut late, KeyCode::Tab);
    key(&mut late, KeyCode::Tab);
    typing(&mut late, "+30d");
    let effects = ctrl(&mut late, 's');
    assert!(writes(&effects).is_empty());
    let error = late.form().unwrap().error.clone().unwrap();
    assert_eq!(error.0, Some(FieldKey::Unit));
}

#[test]
fn the_search_keeps_the_place_and_waits_for_its_index() {
    let mut state = state();
    key(&mut state, KeyCode::Char('G')); // the last row: #4
    assert_eq!(state.selected_row(), Some(RowKey::Task(4)));
    key(&mut state, KeyCode::Char('/'));
    typing(&mut state, "领导");
    assert_eq!(state.selected, 0, "typing goes to the first row shown");
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Char('j'));
    let on = state.selected_row();
    key(&mut state, KeyCode::Esc);
    assert_eq!(state.selected_row(), on, "Esc keeps the record");
    // a load whose index is not built yet: the search waits and says so
    let mut fresh = state_as_of("2019-12-26");
    let data = Data::new(
        "x".into(),
        fresh.data.problems.clone(),
        fresh.data.tasks.clone(),
        fresh.data.units.clone(),
    );
    let as_of = fresh.clock.today;
    send(
        &mut fresh,
        Msg::Loaded(Box::new(Loaded {
            generation: 2,
            as_of,
            data,
            from_elsewhere: false,
            partial: false,
        })),
    );
    key(&mut fresh, KeyCode::Char('/'));
    typing(&mut fresh, "石泉");
    assert!(fresh.search_waiting());
    assert!(render(&fresh, 120, 40).contains("正在建立搜索索引"));
}

#[test]
fn esc_leaves_the_unit_board_and_the_history() {
    let mut state = state();
    for view in ['2', '3'] {
        key(&mut state, KeyCode::Char(view));
        key(&mut state, KeyCode::Esc);
        assert_eq!(state.view, zhenggai::tui::state::View::Ledger);
    }
}

/// Every key, in every view and popup, on a ledger as the worker gives it: nothing panics.
fn sweep(ledger: &Ledger) {
    let mut app = ledger.app();
    let mut codes: Vec<KeyCode> = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .map(KeyCode::Char)
        .collect();
    codes.extend("?/ -,.".chars().map(KeyCode::Char));
    codes.extend([
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
    ]);
    let contexts: &[&[char]] = &[
        &[],
        &['2'],
        &['3'],
        &['?'],
        &['/'],
        &['a'],
        &['A'],
        &['e'],
        &['p'],
        &['c'],
        &['r'],
        &['f'],
        &['x'],
        &['j', 'a'],
        &['j', 'e'],
        &['j', 'p'],
        &['j', 'c'],
        &['G', 'c'],
    ];
    for context in contexts {
        for code in &codes {
            for _ in 0..3 {
                tui_support::press(&mut app, KeyCode::Esc);
            }
            tui_support::press(&mut app, KeyCode::Char('1'));
            for c in *context {
                tui_support::press(&mut app, KeyCode::Char(*c));
            }
            tui_support::press(&mut app, *code);
            render(&app.state, 120, 40);
            app.state.quit = false;
        }
        // and the control keys that do something, but the save of the export dialog (it
        // would write a file into the working folder)
        for c in ['d', 'u', 'r', 's'] {
            if c == 's' && context.contains(&'x') {
                continue;
            }
            tui_support::ctrl(&mut app, c);
            render(&app.state, 120, 40);
        }
        tui_support::resized(&mut app, 80, 24);
        render(&app.state, 80, 24);
        tui_support::resized(&mut app, 120, 40);
    }
}

#[test]
fn every_key_in_every_view_and_popup_never_panics() {
    sweep(&Ledger::empty());
    sweep(&Ledger::seeded());
    // a record added and undone in another run
    let ledger = Ledger::seeded();
    let mut app = ledger.app();
    tui_support::select_problem(&mut app, "G2");
    tui_support::press(&mut app, KeyCode::Char('a'));
    tui_support::press(&mut app, KeyCode::Tab);
    tui_support::typing(&mut app, "新措施");
    tui_support::ctrl(&mut app, 's');
    tui_support::press(&mut app, KeyCode::Char('u'));
    drop(app);
    sweep(&ledger);
}

/// The first problems are drawn while the rest of the ledger is read; nothing is counted from
/// them, and the whole ledger takes their place, the selection kept.
#[test]
fn the_first_problems_show_before_the_ledger_is_counted() {
    let whole = state_as_of("2019-12-26");
    let mut state = State::new(Lang::Zh, whole.clock, "ledger.db".into(), false);
    let w1 = whole.data.problems[0].clone();
    let first: Vec<_> = whole
        .data
        .tasks
        .iter()
        .filter(|t| t.problem_id == w1.id)
        .cloned()
        .collect();
    let part = Data::new("测试台账".into(), vec![w1], first, whole.data.units.clone());
    let as_of = whole.clock.today;
    send(
        &mut state,
        Msg::Loaded(Box::new(Loaded {
            generation: 0,
            as_of,
            data: part,
            from_elsewhere: false,
            partial: true,
        })),
    );
    assert!(!state.loaded);
    let screen = render(&state, 120, 40);
    assert!(screen.contains("石泉先行"), "{screen}");
    assert!(!screen.contains("严格信息通报制度"), "{screen}");
    let head: String = screen.lines().take(2).collect();
    assert!(
        head.contains("未销号 …") && head.contains("黄 …"),
        "{screen}"
    );
    assert!(head.contains("未销号 · …"), "{screen}");
    assert!(screen.contains("正在读取台账"), "{screen}");
    key(&mut state, KeyCode::Down);
    let on = state.selected_row();
    let data = Data::new(
        "测试台账".into(),
        whole.data.problems.clone(),
        whole.data.tasks.clone(),
        whole.data.units.clone(),
    );
    send(
        &mut state,
        Msg::Loaded(Box::new(Loaded {
            generation: 1,
            as_of,
            data,
            from_elsewhere: false,
            partial: false,
        })),
    );
    assert!(state.loaded);
    assert_eq!(
        state.selected_row(),
        on,
        "the selection stays on its record"
    );
    let screen = render(&state, 120, 40);
    assert!(screen.contains("严格信息通报制度"), "{screen}");
    assert!(screen.contains("未销号 4"), "{screen}");
    let head: String = screen.lines().take(2).collect();
    assert!(!head.contains("…") && head.contains("6 行"), "{screen}");
}
