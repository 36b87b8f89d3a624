//! The ledger file itself: what SQLite says of it, and the guarantees the schema enforces.

mod common;

use std::process::Command;

use common::Ledger;

fn sqlite3(path: &std::path::Path, sql: &str) -> (bool, String) {
    let output = Command::new("sqlite3")
        .arg(path)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell is installed (.ci/run installs it)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn sqlite_finds_the_ledger_sound() {
    let ledger = Ledger::seeded();
    ledger.run(&["close", "G2", "--note", "已录入"]).ok();
    let (ok, text) = sqlite3(&ledger.path, "PRAGMA integrity_check");
    assert!(ok, "{text}");
    assert_eq!(text.trim(), "ok");
    let (ok, text) = sqlite3(&ledger.path, "PRAGMA foreign_key_check");
    assert!(ok && text.trim().is_empty(), "{text}");
    let (_, mode) = sqlite3(&ledger.path, "PRAGMA journal_mode");
    assert_eq!(mode.trim(), "wal");
    let (_, id) = sqlite3(&ledger.path, "PRAGMA application_id");
    assert_eq!(id.trim(), zhenggai::store::APPLICATION_ID.to_string());
}

#[test]
fn the_event_log_refuses_delete_and_update() {
    let ledger = Ledger::seeded();
    let before = ledger.dump();
    let (ok, text) = sqlite3(&ledger.path, "DELETE FROM event");
    assert!(!ok, "DELETE FROM event succeeded: {text}");
    assert!(text.contains("append-only"), "{text}");
    let (ok, text) = sqlite3(&ledger.path, "UPDATE event SET actor = 'x'");
    assert!(!ok, "UPDATE event succeeded: {text}");
    assert_eq!(ledger.dump(), before);
}

#[test]
fn the_schema_refuses_what_the_rules_forbid() {
    let ledger = Ledger::seeded();
    let conn = rusqlite::Connection::open(&ledger.path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    for sql in [
        "UPDATE task SET status = 'done' WHERE seq = 1",
        "UPDATE task SET deadline = '2019-13-01' WHERE seq = 1",
        "UPDATE task SET deadline = '2019/12/31' WHERE seq = 1",
        "UPDATE task SET status = 'closed' WHERE seq = 1",
        "UPDATE task SET seq = 2 WHERE seq = 1",
        "UPDATE task SET unit_id = 999 WHERE seq = 1",
        "UPDATE unit SET name = '市公安局' WHERE name = '汉滨区'",
        "UPDATE unit SET kind = 'city' WHERE name = '汉滨区'",
        "UPDATE problem SET code = 'G2' WHERE code = 'G1'",
        "UPDATE problem SET category = 'serious' WHERE code = 'G1'",
        "INSERT INTO event (tx, at, actor, entity, entity_uuid, action, changes)
         VALUES ('t', 'a', 'b', 'task', 'u', 'create', 'not json')",
    ] {
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
}

#[cfg(unix)]
#[test]
fn a_new_ledger_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = Ledger::seeded();
    let mode = std::fs::metadata(&ledger.path)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_store_api_reads_what_it_wrote() {
    use zhenggai::store::{NewProgress, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.db");
    let mut store = Store::create(&path, "接口测试", true).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2019, 12, 20).unwrap();
    let task = store.task("5").unwrap();
    let progress = NewProgress {
        date: day,
        text: "网站已更新".into(),
        evidence: String::new(),
        status: None,
    };
    // a stale version is a conflict, and nothing is written
    let stale = store.add_progress(5, progress.clone(), day, Some(task.version + 1));
    assert!(matches!(stale, Err(zhenggai::Error::Conflict(5))));
    assert!(store.progress(&task).unwrap().is_empty());
    let after = store
        .add_progress(5, progress, day, Some(task.version))
        .unwrap();
    assert_eq!(after.status, zhenggai::model::Status::InProgress);
    assert_eq!(after.version, task.version + 1);
    assert!(store.last_tx().is_some());
    drop(store);
    let reopened = Store::open(&path, "另一人").unwrap();
    assert_eq!(reopened.progress(&after).unwrap()[0].text, "网站已更新");
    assert_eq!(reopened.progress(&after).unwrap()[0].author, "接口测试");
}

/// The counts SQLite makes for `stats` agree with the counts made from the tasks (the TUI's).
#[test]
fn unit_tallies_agree_with_the_tasks() {
    use zhenggai::model::Stats;
    use zhenggai::store::{NewProgress, Store};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("l.db"), "t", true).unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    store.close_task(1, "已查办", "", None, None).unwrap();
    store.close_task(11, "已建立", "", None, None).unwrap();
    let submitted = NewProgress {
        date: day("2019-12-20"),
        text: "已完成".into(),
        evidence: String::new(),
        status: Some(zhenggai::model::Status::Submitted),
    };
    store
        .add_progress(12, submitted, day("2020-01-05"), None)
        .unwrap();
    for today in ["2019-12-20", "2020-01-05"] {
        let clock = store.clock(day(today)).unwrap();
        let units = store.units().unwrap();
        let from_tasks = Stats::build(&units, &store.tasks().unwrap(), &clock);
        let from_sql = Stats::from_tallies(&units, &store.unit_tallies(&clock).unwrap());
        assert_eq!(from_sql, from_tasks, "{today}");
    }
}

/// The date of a task's latest progress, which the task carries for speed, follows every way an
/// entry comes and goes: added (later or earlier than the latest), undone, imported.
#[test]
fn a_task_carries_the_date_of_its_latest_progress() {
    use zhenggai::store::{NewProgress, Store};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("l.db"), "t", true).unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let entry = |date: &str| NewProgress {
        date: day(date),
        text: format!("{date} 的进展"),
        evidence: String::new(),
        status: None,
    };
    let latest = |store: &Store| store.task("7").unwrap().last_progress_date;
    assert_eq!(latest(&store), None);
    let today = day("2019-12-26");
    store
        .add_progress(7, entry("2019-12-10"), today, None)
        .unwrap();
    assert_eq!(latest(&store), Some(day("2019-12-10")));
    store
        .add_progress(7, entry("2019-12-20"), today, None)
        .unwrap();
    let twentieth = store.last_tx().unwrap().to_string();
    // an entry dated earlier than the latest does not move it back
    store
        .add_progress(7, entry("2019-12-05"), today, None)
        .unwrap();
    assert_eq!(latest(&store), Some(day("2019-12-20")));
    let all = store.tasks().unwrap();
    let seventh = all.iter().find(|t| t.seq == 7).unwrap();
    assert_eq!(seventh.last_progress_date, Some(day("2019-12-20")));
    let texts = store.latest_progress().unwrap();
    assert_eq!(
        texts.of(seventh).unwrap().line(),
        "2019-12-20 2019-12-20 的进展"
    );
    // the undo of the entry of the 20th leaves the 10th as the latest
    store.undo(&twentieth).unwrap();
    assert_eq!(latest(&store), Some(day("2019-12-10")));
    assert!(store.check().unwrap().findings.is_empty());

    // a ledger that takes the entries in by import carries the same date
    let copy = dir.path().join("copy.db");
    let mut other = Store::create(&copy, "t", false).unwrap();
    other.import(&store.records().unwrap(), false).unwrap();
    assert_eq!(latest(&other), Some(day("2019-12-10")));
    assert!(other.check().unwrap().findings.is_empty());
}
