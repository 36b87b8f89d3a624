//! The synthetic ledger generator at 3,000 tasks, checked with `zhenggai check`. (The figures at
//! 100,000 tasks are measured by `cargo bench`, not here: no timing is asserted in tests.)

mod common;

use std::process::Command;

use common::genledger;

#[test]
fn a_generated_ledger_of_3000_tasks_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("3000.db");
    common::generate(3000, &path);
    let check = common::run_with(&["check"], &path);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
    let stats = common::run_with(&["--today", "2019-12-26", "stats", "--json"], &path).json();
    assert_eq!(stats["total"]["tasks"], 3000);
    assert_eq!(stats["units"].as_array().unwrap().len(), 100);
    // a mix of statuses and lights, and about five progress entries per task
    let total = &stats["total"];
    for key in [
        "closed",
        "submitted",
        "in_progress",
        "not_started",
        "ongoing",
        "overdue",
    ] {
        assert!(total[key].as_u64().unwrap() > 0, "{key}: {total}");
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let entries: i64 = conn
        .query_row("SELECT count(*) FROM progress", [], |r| r.get(0))
        .unwrap();
    assert!(
        (12_000..=18_000).contains(&entries),
        "{entries} progress entries"
    );
    let problems: i64 = conn
        .query_row("SELECT count(*) FROM problem", [], |r| r.get(0))
        .unwrap();
    assert_eq!(problems, 30);
    // the generator refuses to overwrite
    let again = Command::new(genledger())
        .args(["--tasks", "10", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}
