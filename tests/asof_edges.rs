//! Edges of business dates a review found (issue 12): an old document with progress dated
//! before its tasks were recorded, an undo of a change the task has moved on from, an import's
//! update of a task that changed later.

mod common;

use common::Ledger;
use serde_json::Value;
use zhenggai::store::{NewProgress, Store};

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_version_1_document_with_progress_before_its_tasks_were_recorded_imports() {
    let original = Ledger::seeded();
    original
        .run(&["progress", "6", "--text", "培训", "--date", "2019-12-05"])
        .ok();
    let doc = original.export(&["--format", "json"]);
    let mut value: Value = serde_json::from_slice(&std::fs::read(&doc).unwrap()).unwrap();
    // as version 1 wrote it: no 交办日期, no 销号日期; the tasks recorded now, long after
    value["version"] = 1.into();
    for task in value["tasks"].as_array_mut().unwrap() {
        let task = task.as_object_mut().unwrap();
        task.remove("assigned");
        task.remove("closed_on");
        task.insert("created_at".into(), "2026-11-30T08:00:00.000Z".into());
    }
    std::fs::write(&doc, serde_json::to_vec(&value).unwrap()).unwrap();
    let copy = Ledger::missing();
    copy.run(&["init", "--empty"]).ok();
    copy.run(&["import", doc.to_str().unwrap()]).ok();
    // assigned by its earliest progress, so that the entry is in the ledger as of its day
    let task = copy
        .run(&["--today", "2019-12-05", "show", "6", "--json"])
        .json();
    assert_eq!(task["assigned"], "2019-12-05");
    assert_eq!(task["progress"][0]["text"], "培训");
    assert_eq!(copy.run(&["check"]).status, 0);
}

#[test]
fn an_undo_of_a_change_the_task_moved_on_from_is_refused() {
    let ledger = Ledger::seeded();
    let mut screen = Store::open(&ledger.path, "屏幕").unwrap();
    screen.set_today(day("2019-12-26"));
    let entry = NewProgress {
        date: day("2019-12-05"),
        text: "部署".into(),
        evidence: String::new(),
        status: None,
    };
    screen
        .add_progress(5, entry, day("2019-12-26"), None)
        .unwrap();
    let tx = screen.last_tx().unwrap().to_string();
    // elsewhere the task moves on, and back to where the undo would find it
    ledger
        .run(&["progress", "5", "--text", "完成", "--status", "submitted"])
        .ok();
    ledger.run(&["reopen", "5", "--reason", "退回补充"]).ok();
    let before = ledger.dump();
    let refused = screen.undo(&tx).unwrap_err();
    assert!(
        matches!(refused, zhenggai::error::Error::UndoConflict(_)),
        "{refused:?}"
    );
    assert_eq!(ledger.dump(), before);
    // the period still lists the return
    let changes = ledger
        .run(&["changes", "--since", "2019-12-01", "--json"])
        .json();
    assert_eq!(changes["counts"]["returned"], 1, "{changes:#}");
}

#[test]
fn an_imported_update_older_than_the_task_is_dated_after_its_last_change() {
    let a = Ledger::seeded();
    let doc = a.export(&["--format", "json"]);
    let b = Ledger::missing();
    b.run(&["init", "--empty"]).ok();
    b.run(&["import", doc.to_str().unwrap()]).ok();
    // b records progress on #5 dated 12-20; a, later, edits #5's measure, typed in as of 12-10
    b.run(&[
        "progress",
        "5",
        "--text",
        "更新网站",
        "--date",
        "2019-12-20",
    ])
    .ok();
    a.run(&[
        "--today",
        "2019-12-10",
        "task",
        "edit",
        "5",
        "--measure",
        "维护网站",
    ])
    .ok();
    let newer = a.export(&["--format", "json", "--force"]);
    b.run(&["--today", "2019-12-10", "import", newer.to_str().unwrap()])
        .ok();
    let task = b.run(&["show", "5", "--json"]).json();
    assert_eq!(task["measure"], "维护网站");
    let edit = task["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "import" && e["changes"].to_string().contains("维护网站"))
        .unwrap()
        .clone();
    // not before the status move of 12-20 it would otherwise precede
    assert_eq!(edit["date"], "2019-12-20", "{edit:#}");
    assert_eq!(b.run(&["check"]).status, 0);
}
