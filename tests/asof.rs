//! Issue 12: every change has the date it happened. A ledger built over several business days
//! (with `--today`), read and exported as of each of them, then again after later changes;
//! `changes` over a scripted month; the log's recorded times against the real clock; and the
//! dates the writes refuse.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{COUNTIES, Ledger};
use rusqlite::{Connection, OpenFlags};

/// Runs `args` as of `day`.
fn on(ledger: &Ledger, day: &str, args: &[&str]) -> String {
    let mut full = vec!["--today", day];
    full.extend_from_slice(args);
    ledger.run(&full).ok()
}

/// The scripted month of the seeded ledger (its tasks assigned 2019-12-03): each change typed
/// on the day it happened, as an office that records as it goes.
fn scripted_month() -> Ledger {
    let ledger = Ledger::seeded();
    on(
        &ledger,
        "2019-12-05",
        &["progress", "1", "--text", "已部署专项检查"],
    );
    on(
        &ledger,
        "2019-12-10",
        &[
            "progress",
            "2",
            "--text",
            "检查完毕",
            "--status",
            "submitted",
        ],
    );
    on(
        &ledger,
        "2019-12-12",
        &[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "石泉县",
            "--measure",
            "开展食品专项检查",
            "--deadline",
            "2019-12-20",
        ],
    );
    on(
        &ledger,
        "2019-12-15",
        &["close", "2", "--note", "核查属实，同意销号"],
    );
    on(
        &ledger,
        "2019-12-16",
        &["reopen", "2", "--reason", "回头看发现问题反弹"],
    );
    on(
        &ledger,
        "2019-12-18",
        &["task", "edit", "3", "--deadline", "2020-01-10"],
    );
    on(
        &ledger,
        "2019-12-20",
        &[
            "progress",
            "4",
            "--text",
            "信息已录入",
            "--status",
            "submitted",
        ],
    );
    on(
        &ledger,
        "2019-12-22",
        &["reopen", "4", "--reason", "录入不全，退回"],
    );
    on(
        &ledger,
        "2019-12-25",
        &["close", "1", "--note", "案件已查办"],
    );
    ledger
}

fn task_at(ledger: &Ledger, day: &str, seq: i64) -> serde_json::Value {
    serde_json::from_str(&on(ledger, day, &["show", &seq.to_string(), "--json"])).unwrap()
}

#[test]
fn the_ledger_as_of_a_day_shows_what_was_dated_by_then() {
    let ledger = scripted_month();
    assert_eq!(task_at(&ledger, "2019-12-04", 2)["status"], "not_started");
    assert_eq!(task_at(&ledger, "2019-12-10", 2)["status"], "submitted");
    let closed = task_at(&ledger, "2019-12-15", 2);
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["closed_on"], "2019-12-15");
    assert_eq!(task_at(&ledger, "2019-12-16", 2)["status"], "in_progress");
    // the deadline as it was before its edit, and after
    assert_eq!(task_at(&ledger, "2019-12-17", 3)["deadline"], "2019-12-31");
    assert_eq!(task_at(&ledger, "2019-12-18", 3)["deadline"], "2020-01-10");
    // a task assigned later does not exist yet, and says so
    let early = ledger.run(&["--today", "2019-12-11", "show", "22"]);
    assert_eq!(early.status, 2, "{}", early.stderr);
    assert!(early.stderr.contains("2019-12-12"), "{}", early.stderr);
    let list = |day: &str| {
        let value: serde_json::Value =
            serde_json::from_str(&on(&ledger, day, &["list", "--json"])).unwrap();
        common::tasks_of_list(&value).len()
    };
    assert_eq!((list("2019-12-11"), list("2019-12-12")), (21, 22));
    // progress dated after the day is not shown, nor is the status it brought
    let first = task_at(&ledger, "2019-12-04", 1);
    assert_eq!(first["progress"].as_array().unwrap().len(), 0);
    assert_eq!(first["status"], "not_started");
    // stats count the statuses of the day
    let stats: serde_json::Value =
        serde_json::from_str(&on(&ledger, "2019-12-15", &["stats", "--json"])).unwrap();
    assert_eq!(stats["total"]["closed"], 1, "{stats}");
    let stats: serde_json::Value =
        serde_json::from_str(&on(&ledger, "2019-12-26", &["stats", "--json"])).unwrap();
    assert_eq!(stats["total"]["closed"], 1, "{stats}");
    assert_eq!(stats["total"]["tasks"], 22, "{stats}");
}

/// Every cell of every sheet of an xlsx, as text.
fn cells(path: &std::path::Path) -> Vec<Vec<Vec<String>>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_sheet_made_again_for_a_past_day_is_the_sheet_made_that_day() {
    let ledger = Ledger::seeded();
    on(
        &ledger,
        "2019-12-05",
        &["progress", "1", "--text", "已部署专项检查"],
    );
    on(
        &ledger,
        "2019-12-09",
        &["close", "5", "--note", "网站已更新"],
    );
    let export = |day: &str, format: &str, name: &str| {
        let path = ledger.dir.path().join(name);
        on(
            &ledger,
            day,
            &["export", "--format", format, "-o", path.to_str().unwrap()],
        );
        path
    };
    let days = ["2019-12-05", "2019-12-10"];
    let mut first = Vec::new();
    for day in days {
        for format in ["csv", "md", "xlsx"] {
            first.push(export(day, format, &format!("{day}-first.{format}")));
        }
    }
    // later: a week of reports typed in at once, a close, a reopen, an edit, a new task
    on(
        &ledger,
        "2019-12-20",
        &[
            "progress",
            "1",
            "--text",
            "查办案件2起",
            "--date",
            "2019-12-12",
        ],
    );
    on(
        &ledger,
        "2019-12-20",
        &["close", "1", "--note", "已查办", "--date", "2019-12-18"],
    );
    on(
        &ledger,
        "2019-12-21",
        &["reopen", "5", "--reason", "回头看：网站未更新"],
    );
    on(
        &ledger,
        "2019-12-21",
        &["task", "edit", "6", "--measure", "组织两次培训"],
    );
    // and what is not a task: a unit renamed, a problem's title and code edited, the warning
    on(
        &ledger,
        "2019-12-21",
        &["unit", "rename", "汉阴县", "汉阴县（新）"],
    );
    on(
        &ledger,
        "2019-12-21",
        &[
            "problem",
            "edit",
            "G3",
            "--title",
            "网站维护不到位",
            "--code",
            "G3A",
        ],
    );
    on(&ledger, "2019-12-21", &["setting", "warn_days", "30"]);
    on(
        &ledger,
        "2019-12-22",
        &[
            "task",
            "add",
            "--problem",
            "G2",
            "--unit",
            "汉滨区",
            "--measure",
            "补录信息",
            "--deadline",
            "2019-12-30",
        ],
    );
    let mut i = 0;
    for day in days {
        for format in ["csv", "md", "xlsx"] {
            let again = export(day, format, &format!("{day}-again.{format}"));
            if format == "xlsx" {
                assert_eq!(cells(&first[i]), cells(&again), "{day} {format}");
            } else {
                let (a, b) = (
                    std::fs::read(&first[i]).unwrap(),
                    std::fs::read(&again).unwrap(),
                );
                assert!(a == b, "{day} {format} differs");
            }
            i += 1;
        }
    }
    // and as of the end the later changes are there
    let end = export("2019-12-26", "csv", "end.csv");
    let text = std::fs::read_to_string(end).unwrap();
    assert!(
        text.contains("组织两次培训") && text.contains("补录信息") && text.contains("汉阴县（新）"),
        "{text}"
    );
    assert!(text.contains("2019-12-12 查办案件2起"), "{text}");
}

#[test]
fn the_log_keeps_the_true_time_of_recording_whatever_today_says() {
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let ledger = scripted_month();
    let after = chrono::Utc::now() + chrono::Duration::seconds(1);
    let conn = Connection::open_with_flags(&ledger.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT at, date FROM event").unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.len() > 40);
    for (at, date) in &rows {
        let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
        assert!(before <= at && at <= after, "{at} was not recorded now");
        assert!(date.starts_with("2019-12"), "business date {date}");
    }
    let dates: std::collections::BTreeSet<&str> = rows.iter().map(|(_, d)| d.as_str()).collect();
    assert!(
        dates.contains("2019-12-03") && dates.contains("2019-12-25"),
        "{dates:?}"
    );
    // `history` shows both when they differ
    let history = ledger.run(&["history", "2", "--limit", "3"]).ok();
    assert!(
        history.contains("记录于") && history.contains("日期 2019-12-16"),
        "{history}"
    );
}

#[test]
fn changes_over_a_scripted_month() {
    let ledger = scripted_month();
    let value: serde_json::Value = serde_json::from_str(
        &ledger
            .run(&[
                "--today",
                "2020-01-05",
                "changes",
                "--since",
                "2019-12-10",
                "--json",
            ])
            .ok(),
    )
    .unwrap();
    let counts = &value["counts"];
    assert_eq!(counts["added"], 1, "{value:#}");
    assert_eq!(counts["closed"], 2);
    assert_eq!(counts["reopened"], 1);
    assert_eq!(counts["returned"], 1);
    // close #2, reopen #2, #4 to submitted, return #4, close #1
    assert_eq!(counts["moves"], 5);
    assert_eq!(counts["deadlines"], 1);
    // every open task with the year-end deadline, and #22 (due 12-20); not #3 (moved to 01-10)
    assert_eq!(counts["became_overdue"], 20);
    assert_eq!(counts["progress"], 1);
    let returned = value["moves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["action"] == "return")
        .unwrap();
    assert_eq!(returned["seq"], 4);
    assert_eq!(returned["reason"], "录入不全，退回");
    let mut not_reported: Vec<&str> = value["not_reported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    not_reported.sort();
    let mut expected = vec!["市农业农村局"];
    expected.extend(COUNTIES);
    expected.sort();
    assert_eq!(not_reported, expected);
    // a shorter period, and a filter
    let value: serde_json::Value = serde_json::from_str(
        &ledger
            .run(&[
                "changes",
                "--since",
                "2019-12-14",
                "--until",
                "2019-12-16",
                "--unit",
                "市农业农村局",
                "--json",
            ])
            .ok(),
    )
    .unwrap();
    assert_eq!(value["counts"]["closed"], 1, "{value:#}");
    assert_eq!(value["counts"]["reopened"], 1);
    assert_eq!(value["not_reported"], serde_json::json!(["市农业农村局"]));
    let text = ledger.run(&["changes", "--since", "2019-12-14"]).ok();
    assert!(
        text.contains("未报送") && text.contains("市农业农村局"),
        "{text}"
    );
}

#[test]
fn dates_that_cannot_be_are_refused_and_change_nothing() {
    let ledger = scripted_month();
    let before = ledger.dump();
    let cases: &[(&[&str], &str)] = &[
        (
            &["progress", "5", "--text", "x", "--date", "2030-01-01"],
            "2030-01-01",
        ),
        (
            &["close", "5", "--note", "x", "--date", "2030-01-01"],
            "2030-01-01",
        ),
        (
            &["progress", "5", "--text", "x", "--date", "2019-12-01"],
            "2019-12-03",
        ),
        (
            &["close", "2", "--note", "x", "--date", "2019-12-14"],
            "2019-12-16",
        ),
        (
            &["reopen", "1", "--reason", "x", "--date", "2019-12-20"],
            "2019-12-25",
        ),
        (
            &[
                "--today",
                "2019-12-15",
                "task",
                "edit",
                "2",
                "--measure",
                "y",
            ],
            "2019-12-16",
        ),
        (
            &["changes", "--since", "2020-01-05", "--until", "2019-12-26"],
            "2020-01-05",
        ),
    ];
    for (args, named) in cases {
        let run = ledger.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(named), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert_eq!(ledger.dump(), before, "{args:?} changed the ledger");
    }
}

#[test]
fn an_undone_close_was_never_made_on_any_day() {
    let ledger = Ledger::seeded();
    // undo is the TUI's; through the store, as the TUI's worker does it
    let mut store = zhenggai::store::Store::open(&ledger.path, "测试员").unwrap();
    store.set_today(chrono::NaiveDate::from_ymd_opt(2019, 12, 28).unwrap());
    let on = chrono::NaiveDate::from_ymd_opt(2019, 12, 20);
    store.close_task(3, "已销号", "", on, None).unwrap();
    let tx = store.last_tx().unwrap().to_string();
    store.undo(&tx).unwrap();
    drop(store);
    for day in ["2019-12-20", "2019-12-27"] {
        assert_eq!(task_at(&ledger, day, 3)["status"], "not_started", "{day}");
    }
    let check = ledger.run(&["check"]);
    assert_eq!(check.status, 0, "{}", check.stdout);
}

#[test]
fn a_sheet_with_the_changes_since_the_last_meeting() {
    let ledger = scripted_month();
    let path = ledger.dir.path().join("meeting.xlsx");
    let out = path.to_str().unwrap();
    on(
        &ledger,
        "2020-01-05",
        &[
            "export",
            "--format",
            "xlsx",
            "--since",
            "2019-12-10",
            "-o",
            out,
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["整改台账", "单位统计", "本期变化"]);
    let sheet = book.worksheet_range("本期变化").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "本期变化：2019-12-10 之后至 2020-01-05");
    assert!(rows[1][0].contains("销号 2 项"), "{:?}", rows[1]);
    assert_eq!(rows[2], ["类别", "日期", "任务", "责任单位", "内容"]);
    let kinds = |kind: &str| rows.iter().filter(|r| r[0] == kind).count();
    assert_eq!(kinds("新交办任务"), 1);
    assert_eq!(kinds("状态变化（销号、重开、退回）"), 5);
    assert_eq!(kinds("整改时限调整"), 1);
    assert_eq!(kinds("本期新增逾期"), 20);
    assert_eq!(kinds("本期进展"), 1);
    assert_eq!(kinds("未报送"), 11);
    let returned = rows
        .iter()
        .find(|r| r[2] == "#4" && r[4].starts_with("退回"))
        .unwrap();
    assert_eq!(returned[1], "2019-12-22");
    assert!(returned[4].contains("录入不全，退回"), "{returned:?}");
    // the same in Markdown, and a format without such a section refuses the option
    let md = ledger.dir.path().join("meeting.md");
    on(
        &ledger,
        "2020-01-05",
        &[
            "export",
            "--format",
            "md",
            "--since",
            "2019-12-10",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("## 本期变化：2019-12-10 之后至 2020-01-05"),
        "{text}"
    );
    assert!(text.contains("| 未报送 |  |  | 市农业农村局 |"), "{text}");
    let before = ledger.dump();
    let csv = ledger.dir.path().join("meeting.csv");
    let run = ledger.run(&[
        "export",
        "--format",
        "csv",
        "--since",
        "2019-12-10",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("xlsx"), "{}", run.stderr);
    assert!(!csv.exists());
    assert_eq!(ledger.dump(), before);
}
