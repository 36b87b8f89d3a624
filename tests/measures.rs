//! Several measures (整改措施) of one problem for one unit (issue 13, part 2): added one by one or
//! by 分解, kept apart in lists and sheets, merged by uuid or by problem, unit and measure, and
//! undone; the same measure twice is refused.

mod common;

use common::*;
use serde_json::Value;
use zhenggai::store::{Store, TaskEdit};

/// The (seq, unit, measure) of the tasks of `code`, as `list --json` orders them.
fn measures(ledger: &Ledger, code: &str) -> Vec<(i64, String, String)> {
    let list = ledger.run(&["list", "--problem", code, "--json"]).json();
    tasks_of_list(&list)
        .iter()
        .map(|t| {
            (
                t["seq"].as_i64().unwrap(),
                t["unit"].as_str().unwrap().to_string(),
                t["measure"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn add(ledger: &Ledger, code: &str, unit: &str, measure: &str, deadline: &str) -> String {
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            code,
            "--unit",
            unit,
            "--measure",
            measure,
            "--deadline",
            deadline,
        ])
        .ok()
}

/// W4's three measures for the office, as the plan lists them, each with its own deadline.
fn w4_in_three(ledger: &Ledger) {
    add(ledger, "W4", "市“双打”办", "定期检查", "2019-12-20");
    add(ledger, "W4", "市“双打”办", "年内发一期通报", "2019-12-31");
    add(ledger, "W4", "市“双打”办", "组织考核", "长期坚持");
}

#[test]
fn a_unit_holds_several_measures_of_a_problem_in_order() {
    let ledger = Ledger::seeded();
    w4_in_three(&ledger);
    let w4 = measures(&ledger, "W4");
    let office = "市“双打”办".to_string();
    assert_eq!(
        w4.iter().map(|(seq, ..)| *seq).collect::<Vec<_>>(),
        [21, 22, 23, 24]
    );
    assert!(w4.iter().all(|(_, unit, _)| *unit == office));
    assert_eq!(w4[1].2, "定期检查");
    assert_eq!(w4[3].2, "组织考核");
    // each keeps its own deadline; the ongoing one has none and no light
    let shown = ledger.task_json(24);
    assert_eq!(shown["deadline"], Value::Null);
    assert_eq!(shown["overdue"], false);
    let late = ledger
        .run(&["--today", "2020-01-05", "show", "22", "--json"])
        .json();
    assert_eq!(late["light"], "red");
    let text = ledger.run(&["list", "--problem", "W4"]).ok();
    assert!(text.contains("长期坚持"), "{text}");
    // the sheet keeps them apart, in the same order, W4 merged over all four
    let csv =
        std::fs::read_to_string(ledger.export(&["--format", "csv", "--problem", "W4"])).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(
        rows[1].contains("定期检查") && rows[3].contains("长期坚持"),
        "{csv}"
    );
    // the same measure again is a twin, refused by name; a twin by a changed measure too
    let twin = ledger.run(&[
        "task",
        "add",
        "--problem",
        "W4",
        "--unit",
        "市“双打”办",
        "--measure",
        "定期检查",
        "--deadline",
        "2019-12-31",
    ]);
    assert_eq!(twin.status, 2);
    assert!(twin.stderr.contains("（任务 #22）"), "{}", twin.stderr);
    let before = ledger.dump();
    let edit = ledger.run(&["task", "edit", "23", "--measure", " 定期检查 "]);
    assert_eq!(edit.status, 2, "{}", edit.stderr);
    assert_eq!(ledger.dump(), before);
}

#[test]
fn assign_gives_every_county_a_second_measure_all_or_none() {
    let ledger = Ledger::seeded();
    let out = ledger
        .run(&[
            "assign",
            "W1",
            "--kind",
            "县区",
            "--measure",
            "明确办公室单位及其职责",
            "--deadline",
            "2019-12-31",
        ])
        .ok();
    assert!(out.contains("10 项任务"), "{out}");
    let w1 = measures(&ledger, "W1");
    assert_eq!(w1.len(), 20);
    for county in COUNTIES {
        let own: Vec<_> = w1.iter().filter(|(_, u, _)| u == county).collect();
        assert_eq!(own.len(), 2, "{county}: {own:?}");
    }
    // once more: every county has it, and nothing is added for any
    let before = ledger.dump();
    let again = ledger.run(&[
        "assign",
        "W1",
        "--units",
        "宁陕县,汉滨区",
        "--measure",
        "明确办公室单位及其职责",
        "--deadline",
        "2019-12-31",
    ]);
    assert_eq!(again.status, 2);
    assert!(again.stderr.contains("宁陕县"), "{}", again.stderr);
    assert_eq!(ledger.dump(), before);
}

#[test]
fn documents_merge_measures_by_uuid_or_by_problem_unit_and_measure() {
    let original = Ledger::seeded();
    w4_in_three(&original);
    let doc = original.export(&["--format", "json"]);
    // into an empty ledger: the same list
    let copy = Ledger::missing();
    copy.run(&["init", "--empty"]).ok();
    copy.run(&["import", doc.to_str().unwrap()]).ok();
    assert_eq!(measures(&copy, "W4"), measures(&original, "W4"));
    // again: all there by uuid, nothing added
    let out = copy.run(&["import", doc.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 0"), "{out}");
    // into another seeded ledger (other uuids): the seed's W4 task is the same measure of the
    // same unit and is not added twice; the three new measures are
    let other = Ledger::seeded();
    let out = other.run(&["import", doc.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 3"), "{out}");
    let merged = measures(&other, "W4");
    assert_eq!(merged.len(), 4, "{merged:?}");
    assert_eq!(
        merged
            .iter()
            .map(|(_, _, m)| m.as_str())
            .collect::<Vec<_>>()[1..],
        ["定期检查", "年内发一期通报", "组织考核"]
    );
}

#[test]
fn a_measure_reworded_elsewhere_merges_into_the_one_task_of_its_unit() {
    let here = Ledger::seeded();
    let there = Ledger::seeded();
    there
        .run(&["task", "edit", "1", "--measure", "改写后的措施"])
        .ok();
    let doc = there.export(&["--format", "json"]);
    let out = here.run(&["import", doc.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 0"), "{out}");
    assert_eq!(
        measures(&here, "G1")[0],
        (1, "市公安局".to_string(), "改写后的措施".to_string())
    );
    // but where the unit holds several measures, an unknown one is a measure of its own
    there
        .run(&[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "市公安局",
            "--measure",
            "第二项",
            "--deadline",
            "2019-12-31",
        ])
        .ok();
    there
        .run(&["task", "edit", "22", "--measure", "第二项（改）"])
        .ok();
    let doc = there.export(&["--format", "json", "--force"]);
    let out = here.run(&["import", doc.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 1"), "{out}");
    assert_eq!(measures(&here, "G1").len(), 4);
}

/// A measure of 市公安局 under G1, kept up without end.
fn police_g1(measure: &str) -> zhenggai::store::NewTask {
    zhenggai::store::NewTask {
        problem: "G1".into(),
        unit: "市公安局".into(),
        measure: measure.into(),
        deadline: None,
        person: String::new(),
        support_units: vec![],
        assigned: None,
    }
}

#[test]
fn undo_takes_a_measure_back_unless_a_twin_came_since() {
    let ledger = Ledger::seeded();
    let mut store = Store::open(&ledger.path, "测试员").unwrap();
    store.set_today(chrono::NaiveDate::from_ymd_opt(2019, 12, 26).unwrap());
    let seq = store.add_task(police_g1("第二项措施")).unwrap();
    assert_eq!(seq, 22);
    let added = store.last_tx().unwrap().to_string();
    store.undo(&added).unwrap();
    assert!(store.task("22").is_err(), "the new measure is gone");
    // #22 again, its measure edited; then the old measure given to a new task of the unit:
    // undoing the edit would make two tasks of one measure, and is refused
    let seq = store.add_task(police_g1("甲")).unwrap();
    let edit = TaskEdit {
        measure: Some("乙".into()),
        ..TaskEdit::default()
    };
    store.edit_task(seq, edit, None).unwrap();
    let edited = store.last_tx().unwrap().to_string();
    store.add_task(police_g1("甲")).unwrap();
    assert!(matches!(
        store.undo(&edited),
        Err(zhenggai::error::Error::UndoConflict(_))
    ));
    assert_eq!(store.task(&seq.to_string()).unwrap().measure, "乙");
    assert!(store.check().unwrap().findings.is_empty());
}
