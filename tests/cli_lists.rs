//! What the command line shows: filters that combine, short Chinese searches, an aligned list,
//! units ranked, the latest progress. The real binary on real ledger files.

mod common;

use common::{Ledger, seqs, tasks_of_list};
use serde_json::Value;

#[test]
fn filters_combine() {
    let ledger = Ledger::seeded();
    ledger
        .run(&["close", "11", "--note", "领导小组已建立"])
        .ok();
    let ids = |args: &[&str]| {
        let mut full = vec!["list", "--json"];
        full.extend_from_slice(args);
        seqs(&tasks_of_list(&ledger.run(&full).json()))
    };
    assert_eq!(ids(&["--unit", "石泉县"]), vec![11]);
    assert_eq!(ids(&["--unit", "石泉县", "--open"]), Vec::<i64>::new());
    assert_eq!(ids(&["--status", "closed"]), vec![11]);
    assert_eq!(ids(&["--status", "已销号", "--status", "未启动"]).len(), 21);
    assert_eq!(ids(&["--category", "weak", "--open"]).len(), 12);
    assert_eq!(
        ids(&["--category", "共性问题"]),
        (1..=8).collect::<Vec<_>>()
    );
    assert_eq!(ids(&["--problem", "g1"]), vec![1, 2, 3]);
    assert_eq!(ids(&["--problem", "W1", "--open"]).len(), 9);
}

#[test]
fn search_finds_short_chinese_words() {
    let ledger = Ledger::seeded();
    let search = |text: &str| {
        let list = ledger.run(&["list", "--search", text, "--json"]).json();
        let codes: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap().to_string())
            .collect();
        codes
    };
    assert_eq!(search("培训"), ["G4"]);
    assert_eq!(search("宣传"), ["G5"]);
    assert_eq!(search("培"), ["G4"]);
    assert_eq!(search("石泉县"), ["W1"]);
    assert_eq!(search("没有这样的文字"), Vec::<String>::new());
    // progress text is searched too
    ledger
        .run(&[
            "--today",
            "2019-12-26",
            "progress",
            "13",
            "--text",
            "已召开联席会议",
        ])
        .ok();
    assert_eq!(search("联席"), ["W1"]);
    let text = ledger.run(&["list", "--search", "联席"]).ok();
    assert!(text.contains("紫阳县"), "{text}");
    assert!(!text.contains("石泉县"), "{text}");
}

/// The `list` table keeps its columns aligned in display columns, Chinese text and five-digit
/// task numbers included, in both languages.
#[test]
fn list_is_aligned() {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G3",
            "--unit",
            "市公安局",
            "--measure",
            "a mixed 中英文 measure, with “quotes” and a very long tail that is cut",
            "--deadline",
            "2019-12-30",
        ])
        .ok();
    {
        let conn = rusqlite::Connection::open(&ledger.path).unwrap();
        conn.execute("UPDATE task SET seq = 12345 WHERE seq = 21", [])
            .unwrap();
    }
    ledger.run(&["close", "2", "--note", "已查办"]).ok();
    for lang in ["zh", "en"] {
        let out = ledger
            .run(&["--lang", lang, "--today", "2019-12-26", "list"])
            .ok();
        assert!(out.contains("#12345"), "{out}");
        let task_lines: Vec<&str> = out.lines().filter(|l| l.contains(" #")).collect();
        assert_eq!(task_lines.len(), 22);
        let columns_before = |line: &str, needle: &str| {
            let at = line
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} in {line}"));
            unicode_width::UnicodeWidthStr::width(&line[..at])
        };
        let deadline_column = columns_before(task_lines[0], "2019-12-3");
        // the deadline is ten columns, then two spaces
        let status_column = deadline_column + 12;
        for line in &task_lines {
            assert_eq!(columns_before(line, "2019-12-3"), deadline_column, "{line}");
            let status = match (line.contains(" #2 "), lang) {
                (true, "zh") => "已销号",
                (true, _) => "closed",
                (false, "zh") => "未启动",
                (false, _) => "not started",
            };
            assert_eq!(columns_before(line, status), status_column, "{line}");
        }
        let header = out.lines().nth(1).unwrap();
        let deadline_header = if lang == "zh" { "时限" } else { "Deadline" };
        assert_eq!(columns_before(header, deadline_header), deadline_column);
    }
}

#[test]
fn stats_rank_units() {
    let ledger = Ledger::seeded();
    ledger.run(&["close", "11", "--note", "已建立"]).ok();
    ledger.run(&["close", "2", "--note", "已查办"]).ok();
    let stats = ledger
        .run(&["--today", "2020-01-05", "stats", "--json"])
        .json();
    assert_eq!(stats["total"]["tasks"], 21);
    assert_eq!(stats["total"]["closed"], 2);
    assert_eq!(stats["total"]["overdue"], 19);
    let units = stats["units"].as_array().unwrap();
    assert_eq!(units.len(), 13);
    let first: Vec<&str> = units[..2]
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["市农业农村局", "石泉县"]);
    assert_eq!(units[0]["rank"], 1);
    assert_eq!(units[1]["rank"], 1);
    assert_eq!(units[0]["completion_rate"], 1.0);
    // the office has 9 tasks, all overdue: last
    let last = units.last().unwrap();
    assert_eq!(last["unit"], "市“双打”办");
    assert_eq!(last["overdue"], 9);
    assert_eq!(last["rank"], 13);
    let text = ledger.run(&["--today", "2020-01-05", "stats"]).ok();
    assert!(text.contains("完成率 9.5%"), "{text}");
}

/// The latest progress entry, date and text, wherever a task is listed; an earlier entry added
/// later does not take its place.
#[test]
fn the_latest_progress_is_shown_with_its_text() {
    let ledger = Ledger::seeded();
    for (date, text) in [
        ("2019-12-20", "已开展检查12次"),
        ("2019-12-10", "已制定检查方案"),
    ] {
        ledger
            .run(&[
                "--today=2019-12-26",
                "progress",
                "5",
                "--text",
                text,
                "--date",
                date,
            ])
            .ok();
    }
    let latest = "2019-12-20 已开展检查12次";
    let brief = serde_json::json!({"date": "2019-12-20", "text": "已开展检查12次"});
    let listed = ledger.run(&["list", "--json"]).json();
    let listed = tasks_of_list(&listed);
    let fifth = listed.iter().find(|t| t["seq"] == 5).unwrap();
    assert_eq!(fifth["last_progress"], brief);
    let untouched = listed.iter().find(|t| t["seq"] == 6).unwrap();
    assert_eq!(untouched["last_progress"], Value::Null);
    let table = ledger.run(&["list"]).ok();
    assert!(table.contains(latest), "{table}");
    let problem = ledger.task_json(5)["problem"].as_str().unwrap().to_string();
    let shown = ledger.run(&["show", &problem]).ok();
    assert!(shown.contains(latest), "{shown}");
    let shown = ledger.run(&["show", &problem, "--json"]).json();
    let shown = shown["tasks"].as_array().unwrap();
    let fifth = shown.iter().find(|t| t["seq"] == 5).unwrap();
    assert_eq!(fifth["last_progress"], brief);
    assert_eq!(ledger.task_json(5)["last_progress"], brief);
}
