//! Units in the loop (issue 14): packets made by the real binary, read with calamine, filled in
//! with openpyxl as a unit's own program would, collected back; the ledger checked for entries,
//! dates, authors, status moves and conflicts; a second collect adds nothing; `reports` and
//! packets that went through other programs.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::packets::{fill, packet_name};
use common::*;
use serde_json::{Value, json};

const OFFICE: &str = "市“双打”办";
const PERIOD: &str = "2019年12月";

/// The tasks of the office's packet, in its rows: its own open tasks in ledger order.
const OFFICE_TASKS: [i64; 9] = [3, 4, 5, 6, 7, 8, 19, 20, 21];

fn progress_of(ledger: &Ledger, seq: i64) -> Vec<Value> {
    ledger.task_json(seq)["progress"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn cell(sheet: &calamine::Range<Data>, row: u32, column: u32) -> String {
    sheet
        .get_value((row, column))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn each_unit_gets_a_sheet_of_its_own_open_tasks() {
    let ledger = Ledger::seeded();
    // the seed names the office: 安康市“双打”办
    // a closed task is not sent; the supporting unit of #1 sees it as 配合任务
    ledger
        .run(&["--today=2019-12-05", "close", "5", "--note", "已完成"])
        .ok();
    ledger
        .run(&[
            "--today=2019-12-05",
            "task",
            "edit",
            "1",
            "--support",
            "石泉县",
        ])
        .ok();
    let folder = ledger.packets("2019-12-10", &["--due", "2019-12-20", "--period", PERIOD]);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 13, "{names:?}");
    assert!(names.contains(&packet_name(PERIOD, OFFICE)));

    let path = folder.join(packet_name(PERIOD, OFFICE));
    let mut book: Xlsx<_> = open_workbook(&path).expect("calamine reads the packet");
    assert_eq!(book.sheet_names(), ["整改进展报送表", "报送表标识"]);
    let sheet = book.worksheet_range("整改进展报送表").unwrap();
    let start = sheet.start().unwrap();
    assert_eq!(start, (0, 0));
    assert_eq!(cell(&sheet, 0, 0), "市“双打”办整改进展报送表");
    let line = cell(&sheet, 1, 0);
    assert!(line.contains("期次：2019年12月"), "{line}");
    assert!(line.contains("请于 2019年12月20日 前报送"), "{line}");
    assert!(line.contains("发出单位：安康市“双打”办"), "{line}");
    let header: Vec<String> = (0..12).map(|c| cell(&sheet, 3, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "问题编号",
            "反馈问题",
            "整改措施",
            "整改时限",
            "当前状态",
            "上次进展",
            "本期进展",
            "进展日期",
            "佐证材料",
            "申请状态",
            "任务标识"
        ]
    );
    // #5 was closed: eight open tasks, numbered, with their problem and deadline
    let rows: Vec<u32> = (4..20)
        .take_while(|&r| !cell(&sheet, r, 11).is_empty())
        .collect();
    assert_eq!(rows.len(), 8);
    assert_eq!(cell(&sheet, 4, 0), "1");
    assert_eq!(cell(&sheet, 4, 1), "G1");
    assert_eq!(cell(&sheet, 4, 4), "2019-12-31");
    assert_eq!(cell(&sheet, 4, 5), "未启动");
    assert_eq!(
        cell(&sheet, 4, 11),
        ledger.task_json(3)["uuid"].as_str().unwrap()
    );
    let footer: Vec<String> = (13..16).map(|r| cell(&sheet, r, 0)).collect();
    assert_eq!(footer, ["填报人", "单位负责人（签字）", ""]);

    // the id sheet: the marker, the packet's id, each task's uuid, version and digest
    let ids = book.worksheet_range("报送表标识").unwrap();
    assert_eq!(cell(&ids, 0, 0), "zhenggai-packet");
    assert_eq!(
        cell(&ids, 2, 0),
        ledger.task_json(3)["uuid"].as_str().unwrap()
    );
    assert_eq!(cell(&ids, 2, 1), "1");
    assert_eq!(cell(&ids, 2, 2).len(), 16);

    // 石泉县: its own task, and #1 it supports, to read
    let path = folder.join(packet_name(PERIOD, "石泉县"));
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("整改进展报送表").unwrap();
    let all: Vec<String> = sheet.rows().flatten().map(|d| d.to_string()).collect();
    assert!(all.iter().any(|c| c.starts_with("配合任务")), "{all:?}");
    assert!(all.iter().any(|c| c == "市公安局"), "{all:?}");

    // the packets are recorded as sent, not yet back
    let reports = ledger
        .run(&["--today=2019-12-15", "reports", "--json"])
        .json();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 13);
    assert_eq!(reports[0]["unit"], OFFICE);
    assert_eq!(reports[0]["made_on"], "2019-12-10");
    assert_eq!(reports[0]["due"], "2019-12-20");
    assert_eq!(reports[0]["tasks"], 8);
    assert_eq!(reports[0]["state"], "waiting");
    let late = ledger
        .run(&["--today=2019-12-21", "reports", "--json"])
        .json();
    assert_eq!(late[0]["state"], "late");
    // as of a day before they were made there were none
    let before = ledger.run(&["--today=2019-12-09", "reports"]).ok();
    assert!(before.contains("还没有发出过报送表"), "{before}");
}

#[test]
fn a_filled_packet_comes_back_as_entries_and_status_moves() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--due", "2019-12-20", "--period", PERIOD]);
    let sent = folder.join(packet_name(PERIOD, OFFICE));
    let filled = fill(
        &sent,
        &ledger.dir.path().join("filled.xlsx"),
        json!({
            "rows": {
                "1": {"progress": "已开展联合检查3次", "date": "2019-12-05",
                      "evidence": "安双打〔2019〕5号\n检查记录", "status": "待销号"},
                "2": {"progress": "召开信息通报会", "date": "2019-12-06", "date_as": "number"},
                "3": {"progress": "更新网站信息", "date": "2019-12-07", "date_as": "text"},
                "4": {"progress": "培训已筹备"},
                "5": {"status": "长期坚持"}
            },
            "footer": {"填报人": "李四", "联系电话": "0915-1234567", "填报日期": "2019-12-08"},
            "footer_date_as": "number"
        }),
    );
    let before = ledger.dump();
    let dry = ledger
        .run(&[
            "--today=2019-12-15",
            "collect",
            "--dry-run",
            filled.to_str().unwrap(),
        ])
        .ok();
    assert!(dry.contains("试收取"), "{dry}");
    assert_eq!(ledger.dump(), before, "a dry run writes nothing");

    let out = ledger
        .run(&["--today=2019-12-15", "collect", filled.to_str().unwrap()])
        .ok();
    assert_eq!(
        out.trim(),
        "市“双打”办：进展 4 条，申请销号 1 项，状态变更 1 项。",
        "{out}"
    );
    // row 1: its date, evidence on one line, the reporter as author, and 待销号
    let entries = progress_of(&ledger, 3);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["date"], "2019-12-05");
    assert_eq!(entries[0]["text"], "已开展联合检查3次");
    assert_eq!(entries[0]["evidence"], "安双打〔2019〕5号；检查记录");
    assert_eq!(entries[0]["author"], "李四");
    assert_eq!(ledger.task_json(3)["status"], "submitted");
    // a date that came back as a serial number, and as text
    assert_eq!(progress_of(&ledger, 4)[0]["date"], "2019-12-06");
    assert_eq!(progress_of(&ledger, 5)[0]["date"], "2019-12-07");
    // no 进展日期: the 填报日期 (itself a serial number here)
    assert_eq!(progress_of(&ledger, 6)[0]["date"], "2019-12-08");
    // the first progress moves a task not started, as `progress` does
    assert_eq!(ledger.task_json(4)["status"], "in_progress");
    // a status asked for without progress
    assert_eq!(ledger.task_json(7)["status"], "ongoing");
    assert!(progress_of(&ledger, 7).is_empty());
    // the status change is dated with its entry; the log has the true time apart
    let history = ledger.task_json(3)["history"].clone();
    let moved = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "status")
        .unwrap();
    // asked on a sheet made on 12-10: not dated before the sheet offered it
    assert_eq!(moved["date"], "2019-12-10");
    assert!(!moved["at"].as_str().unwrap().starts_with("2019"));

    // collected twice: nothing new
    let after = ledger.dump();
    let again = ledger
        .run(&["--today=2019-12-16", "collect", filled.to_str().unwrap()])
        .ok();
    assert!(again.contains("此前已收取，没有新内容"), "{again}");
    assert_eq!(ledger.dump(), after);

    let reports = ledger
        .run(&["--today=2019-12-21", "reports", "--json"])
        .json();
    let office = &reports[0];
    assert_eq!(office["unit"], OFFICE);
    assert_eq!(office["state"], "collected");
    assert_eq!(office["collected_on"], "2019-12-15");
    assert_eq!(office["reporter"], "李四");
    assert_eq!(reports[1]["state"], "late");
    let text = ledger.run(&["--today=2019-12-21", "reports"]).ok();
    assert!(
        text.contains("已报送 1 个单位，未报送 0 个，逾期未报送 12 个"),
        "{text}"
    );
    assert_eq!(ledger.run(&["check"]).status, 0);
}

#[test]
fn a_status_move_on_a_task_changed_since_the_packet_is_a_conflict() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    // the office records progress on #3 after the packet went out
    ledger
        .run(&[
            "--today=2019-12-11",
            "progress",
            "3",
            "--text",
            "办公室核实中",
        ])
        .ok();
    let filled = fill(
        &folder.join(packet_name(PERIOD, OFFICE)),
        &ledger.dir.path().join("filled.xlsx"),
        json!({"rows": {"1": {"progress": "已全部完成", "date": "2019-12-12", "status": "待销号"}},
               "footer": {"填报人": "李四"}}),
    );
    let out = ledger
        .run(&["--today=2019-12-15", "collect", filled.to_str().unwrap()])
        .ok();
    assert!(
        out.contains("1 项状态未改（发出后已有变动：#3），其进展已收"),
        "{out}"
    );
    let task = ledger.task_json(3);
    assert_eq!(task["status"], "in_progress");
    let texts: Vec<&str> = task["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["办公室核实中", "已全部完成"]);
    let as_json = ledger
        .run(&[
            "--today=2019-12-15",
            "collect",
            "--json",
            filled.to_str().unwrap(),
        ])
        .json();
    assert_eq!(as_json[0]["again"], true);
    assert_eq!(as_json[0]["conflicts"], json!([3]));
}

#[test]
fn a_packet_saved_by_other_programs_still_collects() {
    // unprotected, columns and the id sheet unhidden, restyled, sheets reordered: the same
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    let sent = folder.join(packet_name(PERIOD, OFFICE));
    let rows = json!({"1": {"progress": "甲", "date": "2019-12-05", "date_as": "text"},
                      "9": {"progress": "乙", "date": "2019-12-06", "date_as": "number",
                            "status": "整改中"}});
    let handled = fill(
        &sent,
        &ledger.dir.path().join("handled.xlsx"),
        json!({"rows": rows, "unprotect": true, "unhide": true, "restyle": true,
               "reorder": true, "footer": {"填报人": "王五"}}),
    );
    let out = ledger
        .run(&["--today=2019-12-15", "collect", handled.to_str().unwrap()])
        .ok();
    assert_eq!(out.trim(), "市“双打”办：进展 2 条，状态变更 1 项。");
    assert_eq!(progress_of(&ledger, 3)[0]["date"], "2019-12-05");
    assert_eq!(progress_of(&ledger, 3)[0]["author"], "王五");
    assert_eq!(progress_of(&ledger, OFFICE_TASKS[8])[0]["text"], "乙");

    // the hidden id column deleted: each row is found by its 序号 in the id sheet
    let other = Ledger::seeded();
    let folder = other.packets("2019-12-10", &["--period", PERIOD]);
    let without = fill(
        &folder.join(packet_name(PERIOD, OFFICE)),
        &other.dir.path().join("without.xlsx"),
        json!({"rows": rows, "drop_id_column": true}),
    );
    let out = other
        .run(&["--today=2019-12-15", "collect", without.to_str().unwrap()])
        .ok();
    assert_eq!(out.trim(), "市“双打”办：进展 2 条，状态变更 1 项。");
    assert_eq!(
        progress_of(&other, 3)[0]["author"],
        OFFICE,
        "no reporter: the unit"
    );
    assert_eq!(progress_of(&other, OFFICE_TASKS[8])[0]["text"], "乙");
}

#[test]
fn an_english_packet_comes_back_too() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--unit", "石泉县", "--period", "P1"]);
    let made = ledger
        .run(&[
            "--lang=en",
            "--today=2019-12-10",
            "packet",
            "--unit",
            "汉阴县",
            "-o",
        ])
        .status;
    assert_eq!(made, 2, "-o needs its folder");
    let en = ledger.dir.path().join("en");
    ledger
        .run(&[
            "--lang=en",
            "--today=2019-12-10",
            "packet",
            "--unit",
            "汉阴县",
            "--period",
            "P1",
            "-o",
            en.to_str().unwrap(),
        ])
        .ok();
    let path = en.join("P1-汉阴县-Progress report.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("the English packet");
    let sheet = book.worksheet_range("Progress report").unwrap();
    assert_eq!(cell(&sheet, 3, 7), "Progress");
    assert!(folder.join(packet_name("P1", "石泉县")).exists());
    let filled = fill(
        &path,
        &ledger.dir.path().join("filled-en.xlsx"),
        json!({"lang": "en", "rows": {"1": {"progress": "Group set up", "status": "待销号"}},
               "footer": {"填报人": "Li Si", "填报日期": "2019-12-09"}}),
    );
    let out = ledger
        .run(&[
            "--lang=en",
            "--today=2019-12-15",
            "collect",
            filled.to_str().unwrap(),
        ])
        .ok();
    assert_eq!(
        out.trim(),
        "汉阴县: 1 progress entries, 1 asking to be closed."
    );
    let entries = progress_of(&ledger, 10);
    assert_eq!(entries[0]["date"], "2019-12-09");
    assert_eq!(entries[0]["author"], "Li Si");
    assert_eq!(ledger.task_json(10)["status"], "submitted");
}

#[test]
fn a_packet_sent_back_with_nothing_new_counts_as_reported() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    let back = fill(
        &folder.join(packet_name(PERIOD, "石泉县")),
        &ledger.dir.path().join("back.xlsx"),
        json!({"footer": {"填报人": "张三"}}),
    );
    let out = ledger
        .run(&["--today=2019-12-15", "collect", back.to_str().unwrap()])
        .ok();
    assert_eq!(out.trim(), "石泉县：进展 0 条。");
    let changes = ledger
        .run(&[
            "changes",
            "--since",
            "2019-12-10",
            "--until",
            "2019-12-20",
            "--json",
        ])
        .json();
    let silent: Vec<&str> = changes["not_reported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(!silent.contains(&"石泉县"), "{silent:?}");
    assert!(silent.contains(&"汉滨区"), "{silent:?}");
    // before it came back, it had not reported
    let earlier = ledger
        .run(&[
            "changes",
            "--since",
            "2019-12-10",
            "--until",
            "2019-12-14",
            "--json",
        ])
        .json();
    assert!(
        earlier["not_reported"]
            .as_array()
            .unwrap()
            .contains(&json!("石泉县"))
    );
}
