//! The unit board's 最近报送 (issue 14): the day each unit's last packet came back, and a
//! 未报送 mark (逾期未报送 past its due date) while its newest packet is still out.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tui_support::*;
use zhenggai::i18n::Lang;
use zhenggai::report::packet;

/// The line of the board that names `unit`.
fn board_line(screen: &str, unit: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(&format!(" {unit} ")))
        .unwrap_or_else(|| panic!("{unit} is on the board:\n{screen}"))
        .to_string()
}

#[test]
fn the_unit_board_shows_who_has_reported() {
    let ledger = Ledger::seeded();
    let mut store = ledger.store();
    store.set_today(day("2019-12-10"));
    let request = packet::Request {
        period: "2019年12月".into(),
        due: Some(day("2019-12-20")),
        ..packet::Request::default()
    };
    let packets = packet::plan(&store, Lang::Zh, &request, "").unwrap();
    store.record_packets(&packets).unwrap();
    // 石泉县 sends its packet back on 12-15, as it was (nothing to add this period)
    let shiquan = packets.iter().find(|p| p.unit == "石泉县").unwrap();
    let bytes = packet::write(shiquan, Lang::Zh).unwrap();
    store.set_today(day("2019-12-15"));
    let filled = packet::read(&bytes, day("2019-12-15")).unwrap();
    let collected = store.collect(&filled, "石泉县.xlsx", false).unwrap();
    assert_eq!(collected.unit, "石泉县");
    drop(store);

    let mut app = ledger.app_as_of(Lang::Zh, "2019-12-16");
    press(&mut app, KeyCode::Char('2'));
    let shown = screen(&app);
    assert!(shown.contains("最近报送"), "{shown}");
    assert!(
        board_line(&shown, "石泉县").contains("2019-12-15"),
        "{shown}"
    );
    let waiting = board_line(&shown, "汉滨区");
    assert!(
        waiting.contains("未报送") && !waiting.contains("逾期"),
        "{shown}"
    );

    // after the due date the units still out are late; as of before the packets, nothing
    let mut app = ledger.app_as_of(Lang::Zh, "2019-12-21");
    press(&mut app, KeyCode::Char('2'));
    let shown = screen(&app);
    assert!(
        board_line(&shown, "汉滨区").contains("逾期未报送"),
        "{shown}"
    );
    assert!(!board_line(&shown, "石泉县").contains("未报送"), "{shown}");
    let mut app = ledger.app_as_of(Lang::Zh, "2019-12-09");
    press(&mut app, KeyCode::Char('2'));
    let shown = screen(&app);
    assert!(!shown.contains("未报送"), "{shown}");
}
