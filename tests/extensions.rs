//! Deadline extensions (延期, issue 13 part 4): the deadline moves, the original is kept and still
//! counts for the assessment (按期完成率), an extension granted late is marked, and every bad
//! request is refused with nothing written.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;

fn extend(ledger: &Ledger, args: &[&str]) -> String {
    let mut full = vec!["extend"];
    full.extend_from_slice(args);
    ledger.run(&full).ok()
}

/// The `stats --json` line of a unit.
fn unit_line(stats: &Value, unit: &str) -> Value {
    stats["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == unit)
        .cloned()
        .unwrap_or_else(|| panic!("{unit} in {stats}"))
}

#[test]
fn an_extension_moves_the_deadline_and_keeps_the_original() {
    let ledger = Ledger::seeded();
    let out = extend(
        &ledger,
        &[
            "1",
            "--to",
            "2020-01-15",
            "--reason",
            "案件办理周期长",
            "--approved-by",
            "李主任",
            "--date",
            "2019-12-20",
        ],
    );
    assert!(
        out.contains("由 2019-12-31 延至 2020-01-15（延期）"),
        "{out}"
    );
    let task = ledger.task_json(1);
    assert_eq!(task["deadline"], "2020-01-15");
    assert_eq!(task["original_deadline"], "2019-12-31");
    assert_eq!(task["extended_on"], "2019-12-20");
    assert_eq!(task["extended_late"], false);
    assert_eq!(task["extension_approved_by"], "李主任");
    let shown = ledger.run(&["show", "1"]).ok();
    assert!(shown.contains("2019-12-31 → 2020-01-15（延期）"), "{shown}");
    assert!(
        shown.contains("2019-12-20 批准（李主任），原因：案件办理周期长"),
        "{shown}"
    );
    // the light follows the deadline in force: not overdue on 2020-01-05
    let later = ledger
        .run(&["--today", "2020-01-05", "show", "1", "--json"])
        .json();
    assert_eq!(later["overdue"], false);
    // as of a day before it was granted, the task had its first deadline
    let before = ledger
        .run(&["--today", "2019-12-19", "show", "1", "--json"])
        .json();
    assert_eq!(before["deadline"], "2019-12-31");
    assert_eq!(before["original_deadline"], Value::Null);
    // the log says 延期 with every field it moved; a second one keeps the first deadline
    let history = ledger.run(&["history", "1", "--limit", "1"]).ok();
    assert!(
        history.contains("延期") && history.contains("原定时限"),
        "{history}"
    );
    extend(
        &ledger,
        &[
            "#1",
            "--to",
            "2020-01-31",
            "--reason",
            "再延",
            "--date",
            "2019-12-24",
        ],
    );
    let task = ledger.task_json(1);
    assert_eq!(task["original_deadline"], "2019-12-31");
    assert_eq!(task["extended_from"], "2020-01-15");
    // +15d: fifteen days more than the deadline in force
    extend(
        &ledger,
        &[
            "1",
            "--to",
            "+15d",
            "--reason",
            "三延",
            "--date",
            "2019-12-25",
        ],
    );
    assert_eq!(ledger.task_json(1)["deadline"], "2020-02-15");
    assert_eq!(
        task["extension_approved_by"], "测试员",
        "the recorder by default"
    );
    assert!(ledger.run(&["check"]).ok().contains("检查通过"));
}

#[test]
fn an_extension_granted_after_the_deadline_is_marked() {
    let ledger = Ledger::seeded();
    let out = ledger
        .run(&[
            "--today",
            "2020-01-03",
            "extend",
            "2",
            "--to",
            "2020-01-20",
            "--reason",
            "补办",
        ])
        .ok();
    assert!(out.contains("逾期后延期"), "{out}");
    let task = ledger
        .run(&["--today", "2020-01-03", "show", "2", "--json"])
        .json();
    assert_eq!(task["extended_late"], true);
    let shown = ledger.run(&["--today", "2020-01-03", "show", "2"]).ok();
    assert!(
        shown.contains("2019-12-31 → 2020-01-20（逾期后延期）"),
        "{shown}"
    );
}

#[test]
fn on_time_counts_the_original_deadline() {
    let ledger = Ledger::seeded();
    // 汉滨区 (#9) closes before the first deadline; 汉阴县 (#10) is extended and closes after
    // it, within the new one; 石泉县 (#11) is extended and still open
    ledger
        .run(&["--today", "2019-12-30", "close", "9", "--note", "已建立"])
        .ok();
    for seq in ["10", "11"] {
        ledger
            .run(&[
                "--today",
                "2019-12-28",
                "extend",
                seq,
                "--to",
                "2020-01-10",
                "--reason",
                "换届",
            ])
            .ok();
    }
    ledger
        .run(&["--today", "2020-01-08", "close", "10", "--note", "已建立"])
        .ok();
    let stats = ledger
        .run(&["--today", "2020-01-08", "stats", "--json"])
        .json();
    let on_time = unit_line(&stats, "汉滨区");
    assert_eq!(
        (on_time["closed"].as_u64(), on_time["on_time"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(on_time["on_time_rate"], 1.0);
    let late = unit_line(&stats, "汉阴县");
    assert_eq!(late["closed"], 1);
    assert_eq!(late["completion_rate"], 1.0);
    assert_eq!(late["on_time"], 0, "closed after the deadline first given");
    assert_eq!(late["on_time_rate"], 0.0);
    assert_eq!(late["extended"], 1);
    assert_eq!(
        unit_line(&stats, "石泉县")["overdue"],
        0,
        "the new deadline is ahead"
    );
    assert_eq!(stats["total"]["extended"], 2);
    assert_eq!(stats["total"]["on_time"], 1);
    let table = ledger.run(&["--today", "2020-01-08", "stats"]).ok();
    assert!(
        table.contains("延期") && table.contains("按期完成率"),
        "{table}"
    );
    // the 单位统计 sheet, read back by another reader than the writer
    let path = ledger.dir.path().join("sheet.xlsx");
    ledger
        .run(&[
            "--today",
            "2020-01-08",
            "export",
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap(),
        ])
        .ok();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let units = book.worksheet_range("单位统计").unwrap();
    let header: Vec<String> = (0..13)
        .map(|c| {
            units
                .get_value((1, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(header[9], "延期");
    assert_eq!(header[11], "按期完成率");
    let row = (2..units.height() as u32)
        .find(|&r| units.get_value((r, 0)).map(|d| d.to_string()) == Some("汉阴县".into()))
        .expect("汉阴县's line");
    assert_eq!(units.get_value((row, 9)), Some(&Data::Float(1.0)));
    assert_eq!(units.get_value((row, 10)), Some(&Data::Float(1.0)));
    assert_eq!(units.get_value((row, 11)), Some(&Data::Float(0.0)));
    // the ledger sheet says from what to what, as text the clerk can read
    let sheet = book.worksheet_range("整改台账").unwrap();
    let deadline = (4..sheet.height() as u32)
        .find(|&r| sheet.get_value((r, 3)).map(|d| d.to_string()) == Some("石泉县".into()))
        .and_then(|r| sheet.get_value((r, 5)).cloned());
    assert_eq!(
        deadline,
        Some(Data::String("2019-12-31 → 2020-01-10（延期）".into()))
    );
}

#[test]
fn bad_extensions_change_nothing() {
    let ledger = Ledger::seeded();
    ledger.run(&["close", "4", "--note", "已录入"]).ok();
    ledger
        .run(&["progress", "5", "--text", "已更新", "--date", "2019-12-24"])
        .ok();
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G3",
            "--unit",
            "市公安局",
            "--measure",
            "长期维护",
            "--deadline",
            "长期坚持",
        ])
        .ok();
    ledger
        .run(&[
            "extend",
            "2",
            "--to",
            "2020-03-31",
            "--reason",
            "x",
            "--date",
            "2019-12-20",
        ])
        .ok();
    #[rustfmt::skip]
    let cases: &[(&[&str], &str)] = &[
        (&["extend", "1", "--to", "2019-12-31", "--reason", "x"], "应晚于 #1 现在的时限 2019-12-31"),
        (&["extend", "1", "--to", "2019-12-01", "--reason", "x"], "应晚于"),
        (&["extend", "4", "--to", "2020-01-31", "--reason", "x"], "#4 已经销号，不能延期"),
        (&["extend", "22", "--to", "2020-01-31", "--reason", "x"], "长期坚持的措施"),
        (&["extend", "1", "--to", "2020-01-31"], "原因不能为空"),
        (&["extend", "1", "--to", "2020-01-31", "--reason", "  "], "原因不能为空"),
        (&["extend", "1", "--to", "明天见", "--reason", "x"], "无法识别的日期“明天见”"),
        (&["extend", "5", "--to", "2020-01-31", "--reason", "x", "--date", "2019-12-20"], "最近一次变动在 2019-12-24"),
        (&["extend", "1", "--to", "2020-01-31", "--reason", "x", "--date", "2019-12-30"], "晚于今天"),
        (&["extend", "99", "--to", "2020-01-31", "--reason", "x"], "没有任务 #99"),
        (&["extend", "1", "--to", "2020-01-31", "--reason", "x", "--if-version", "7"], "已被他人修改"),
        // a correction of an extended task cannot take the extension back unlogged
        (&["task", "edit", "2", "--deadline", "2019-12-25"], "#2 已延期（延期前的时限是 2019-12-31）；更正后的时限须晚于 2019-12-31"),
        (&["task", "edit", "2", "--deadline", "长期坚持"], "更正后的时限须晚于 2019-12-31"),
    ];
    let before = ledger.dump();
    for (args, message) in cases {
        let run = ledger.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(ledger.dump(), before, "{args:?} changed the ledger");
    }
}

#[test]
fn a_corrected_deadline_says_it_is_no_extension() {
    let ledger = Ledger::seeded();
    let out = ledger
        .run(&["task", "edit", "3", "--deadline", "2020-01-10"])
        .ok();
    assert!(out.contains("这是更正，不算延期"), "{out}");
    let task = ledger.task_json(3);
    assert_eq!(task["deadline"], "2020-01-10");
    assert_eq!(task["original_deadline"], Value::Null);
    // 长期坚持 by correction: no deadline at all
    ledger
        .run(&["task", "edit", "3", "--deadline", "长期坚持"])
        .ok();
    assert_eq!(ledger.task_json(3)["deadline"], Value::Null);
    let history = ledger.run(&["history", "3", "--limit", "1"]).ok();
    assert!(history.contains("2020-01-10 → 长期坚持"), "{history}");
}

#[test]
fn an_extension_travels_in_the_ledger_document_on_its_own_date() {
    let original = Ledger::seeded();
    original
        .run(&[
            "extend",
            "3",
            "--to",
            "2020-02-28",
            "--reason",
            "换届",
            "--date",
            "2019-12-22",
        ])
        .ok();
    let doc = original.export(&["--format", "json"]);
    let copy = Ledger::missing();
    copy.run(&["init", "--empty"]).ok();
    copy.run(&["import", doc.to_str().unwrap()]).ok();
    let now = copy.task_json(3);
    assert_eq!(now["deadline"], "2020-02-28");
    assert_eq!(now["original_deadline"], "2019-12-31");
    assert_eq!(now["extension_reason"], "换届");
    // as of a day before it was granted, the copy shows the first deadline too
    let before = copy
        .run(&["--today", "2019-12-21", "show", "3", "--json"])
        .json();
    assert_eq!(before["deadline"], "2019-12-31");
    assert_eq!(before["original_deadline"], Value::Null);
    let stats = copy
        .run(&["--today", "2019-12-21", "stats", "--json"])
        .json();
    assert_eq!(stats["total"]["extended"], 0);
    assert!(copy.run(&["check"]).ok().contains("检查通过"));
}
