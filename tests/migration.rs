//! A ledger of schema version 4 (made by the release before issue 13, `tests/fixtures/
//! ledger-v4.db`: the seed, a fortnight of progress, closes, a reopen, a 分解, a corrected
//! deadline, a new unit and a setting) opened by this version: migrated in place after a copy,
//! every record and event as it was, and what the old version printed still printed.

mod common;

use common::*;
use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ledger-v4");

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURE}.{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A copy of the version 4 ledger in a temporary folder.
fn old_ledger() -> Ledger {
    let ledger = Ledger::missing();
    std::fs::copy(format!("{FIXTURE}.db"), &ledger.path).unwrap();
    ledger
}

/// Every field `old` has, `new` has with the same value (new fields may be added beside).
#[track_caller]
fn holds_all_of(old: &Value, new: &Value, path: &str) {
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => {
            for (key, value) in old {
                let there = new
                    .get(key)
                    .unwrap_or_else(|| panic!("{path}.{key} is gone"));
                holds_all_of(value, there, &format!("{path}.{key}"));
            }
        }
        (Value::Array(old), Value::Array(new)) => {
            assert_eq!(old.len(), new.len(), "{path}: length");
            for (i, (a, b)) in old.iter().zip(new).enumerate() {
                holds_all_of(a, b, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(old, new, "{path}"),
    }
}

#[test]
fn a_ledger_of_version_4_is_migrated_whole() {
    let ledger = old_ledger();
    let check = ledger.run(&["check"]).ok();
    // the log was copied event by event: the head is the one the old version printed
    assert!(
        check.contains("操作日志 68 条，末条指纹 249fb030dfa4"),
        "{check}"
    );
    let copies: Vec<_> = std::fs::read_dir(ledger.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ledger.db.v4-") && n.ends_with(".bak"))
        .collect();
    assert_eq!(copies.len(), 1, "the copy made before the migration");
    for day in ["2019-12-12", "2019-12-21", "2019-12-28"] {
        let now = ledger.run(&["--today", day, "list", "--json"]).json();
        holds_all_of(&fixture(&format!("list-{day}.json")), &now, day);
    }
    let stats = ledger
        .run(&["--today", "2019-12-28", "stats", "--json"])
        .json();
    holds_all_of(&fixture("stats.json"), &stats, "stats");
    let history = ledger
        .run(&[
            "--today",
            "2019-12-28",
            "history",
            "--json",
            "--limit",
            "1000",
        ])
        .json();
    let (now, then) = (history.as_array().unwrap(), fixture("history.json"));
    let then = then.as_array().unwrap();
    assert_eq!(now.len(), then.len(), "events");
    for (a, b) in now.iter().zip(then) {
        assert!(a == b, "event {} differs:\n{a}\n{b}", b["id"]);
    }
    // and the ledger does what version 5 can: a second measure of a unit, an extension
    ledger
        .run(&[
            "--today",
            "2019-12-28",
            "task",
            "add",
            "--problem",
            "G2",
            "--unit",
            "市市场监管局",
            "--measure",
            "第二项措施",
            "--deadline",
            "长期坚持",
        ])
        .ok();
    ledger
        .run(&[
            "--today",
            "2019-12-28",
            "extend",
            "22",
            "--to",
            "2020-01-10",
            "--reason",
            "人手不足",
        ])
        .ok();
    let check = ledger.run(&["check"]).ok();
    assert!(check.contains("检查通过"), "{check}");
}

#[test]
fn a_read_only_ledger_of_version_4_is_read_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = old_ledger();
    std::fs::set_permissions(&ledger.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes_of(&ledger.path);
    let now = ledger
        .run(&["--today", "2019-12-28", "list", "--json"])
        .json();
    holds_all_of(&fixture("list-2019-12-28.json"), &now, "read-only");
    let tasks = tasks_of_list(&now);
    assert!(tasks.iter().all(|t| t["original_deadline"].is_null()));
    assert!(ledger.run(&["check"]).ok().contains("检查通过"));
    assert!(bytes_of(&ledger.path) == before, "the file is as it was");
    assert_eq!(std::fs::read_dir(ledger.dir.path()).unwrap().count(), 1);
}
