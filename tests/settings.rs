//! `zhenggai setting` (issue 13, part 5): the ledger's settings listed, read and changed, each
//! change one event; bad values refused with nothing changed; `check` holds the table to the log.

mod common;

use common::{Ledger, tasks_of_list};
use rusqlite::Connection;

fn light_of_first(ledger: &Ledger, day: &str) -> serde_json::Value {
    let list = ledger.run(&["--today", day, "list", "--json"]).json();
    tasks_of_list(&list)[0]["light"].clone()
}

#[test]
fn settings_are_listed_read_and_changed() {
    let ledger = Ledger::seeded();
    let listing = ledger.run(&["setting"]).ok();
    for key in ["title", "organisation", "warn_days", "notice_prefix"] {
        assert!(listing.contains(key), "{listing}");
    }
    assert!(listing.contains("7（默认）"), "{listing}");
    assert_eq!(
        ledger.run(&["setting", "warn_days"]).ok().trim(),
        "7（默认）"
    );
    // nine days before the deadline of 2019-12-31: green with 7 days of warning, yellow with 10
    assert_eq!(light_of_first(&ledger, "2019-12-22"), "green");
    let out = ledger
        .run(&["--today", "2019-12-20", "setting", "warn_days", "10"])
        .ok();
    assert!(out.contains("10"), "{out}");
    assert_eq!(light_of_first(&ledger, "2019-12-22"), "yellow");
    ledger
        .run(&["setting", "organisation", "石泉县“双打”办"])
        .ok();
    ledger.run(&["setting", "title", "2019年“双打”整改"]).ok();
    let list = ledger.run(&["list", "--problem", "G1"]).ok();
    assert!(list.starts_with("整改台账 · 2019年“双打”整改"), "{list}");
    let json = ledger.run(&["setting", "--json"]).json();
    assert_eq!(json["warn_days"], "10");
    assert_eq!(json["organisation"], "石泉县“双打”办");
    assert_eq!(json["notice_prefix"], serde_json::Value::Null);
    // each change is one event, and the ledger checks clean
    let history = ledger.run(&["history", "--limit", "3", "--json"]).json();
    let entities: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity"].as_str().unwrap())
        .collect();
    assert_eq!(entities, ["setting", "setting", "setting"]);
    assert_eq!(ledger.run(&["check"]).status, 0);
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let ledger = Ledger::seeded();
    ledger.run(&["setting", "warn_days", "10"]).ok();
    let before = ledger.dump();
    let cases: &[(&[&str], &str)] = &[
        (&["setting", "warn_days", "-1"], "0 到 90"),
        (&["setting", "warn_days", "91"], "0 到 90"),
        (&["setting", "warn_days", "七天"], "0 到 90"),
        (&["setting", "title", "  "], "不能为空"),
        (&["setting", "organisation", "安康\u{1b}[2J"], "控制字符"),
        (&["setting", "colour", "red"], "没有名为“colour”的设置"),
        (&["setting", "colour"], "没有名为“colour”的设置"),
        (&["setting", "warn_days", "10"], ""),
    ];
    for (args, message) in cases {
        let run = ledger.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert_eq!(ledger.dump(), before, "{args:?} changed the ledger");
    }
}

#[test]
fn check_finds_a_setting_changed_behind_the_log() {
    let ledger = Ledger::seeded();
    // set by hand before settings were logged: taken as it is
    let conn = Connection::open(&ledger.path).unwrap();
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('notice_prefix', '手改')",
        [],
    )
    .unwrap();
    drop(conn);
    assert_eq!(ledger.run(&["check"]).status, 0);
    // changed by hand after the log gave it a value: reported
    ledger.run(&["setting", "warn_days", "10"]).ok();
    let conn = Connection::open(&ledger.path).unwrap();
    conn.execute(
        "UPDATE setting SET value = '30' WHERE key = 'warn_days'",
        [],
    )
    .unwrap();
    drop(conn);
    let check = ledger.run(&["check", "--json"]);
    assert_eq!(check.status, 1, "{}", check.stdout);
    let findings: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(
        findings,
        serde_json::json!([{"check": "DiffersFromLog", "detail": "setting warn_days"}])
    );
}

#[test]
fn the_lights_of_a_past_day_use_the_warning_set_then() {
    let ledger = Ledger::seeded();
    ledger
        .run(&["--today", "2019-12-24", "setting", "warn_days", "3"])
        .ok();
    // the deadline is 2019-12-31. As of 12-24 (seven days before) the 3 days set that day
    // apply: green, where 7 would say yellow; as of 12-27 (four days) green; as of 12-29 (two
    // days) yellow
    assert_eq!(light_of_first(&ledger, "2019-12-24"), "green");
    assert_eq!(light_of_first(&ledger, "2019-12-27"), "green");
    assert_eq!(light_of_first(&ledger, "2019-12-29"), "yellow");
    // a later change applies from its own day: before it, the value of then
    ledger
        .run(&["--today", "2019-12-26", "setting", "warn_days", "9"])
        .ok();
    assert_eq!(light_of_first(&ledger, "2019-12-24"), "green");
    assert_eq!(light_of_first(&ledger, "2019-12-27"), "yellow");
    // and before any change, the default 7 days: seven days before the deadline is yellow
    let fresh = Ledger::seeded();
    fresh
        .run(&["--today", "2019-12-26", "setting", "warn_days", "3"])
        .ok();
    assert_eq!(light_of_first(&fresh, "2019-12-24"), "yellow");
}
