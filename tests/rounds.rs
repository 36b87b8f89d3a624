//! Inspection rounds (issue 13, part 3): a 回头看 added beside the 2019 feedback, its own G1, the
//! readers scoped by `--inspection`, a shared code read from the newest round and refused to a
//! write that does not say which, and the bad requests refused with nothing written.

mod common;

use calamine::{Reader, Xlsx, open_workbook};
use common::*;

/// The seed and a 回头看 of 2020 with its own G1 (one task of 市公安局, #22).
fn two_rounds() -> Ledger {
    let ledger = Ledger::seeded();
    let day = ["--today", "2020-07-01"];
    let run = |args: &[&str]| {
        let mut full = day.to_vec();
        full.extend_from_slice(args);
        ledger.run(&full).ok()
    };
    let out = run(&[
        "inspection",
        "add",
        "--title",
        "2020年“回头看”反馈意见",
        "--issuer",
        "省督查组",
        "--date",
        "2020-06-15",
        "--note",
        "安双打办〔2020〕5号",
    ]);
    assert!(
        out.contains("第2轮 2020年“回头看”反馈意见（2020-06-15）"),
        "{out}"
    );
    run(&[
        "--inspection",
        "2",
        "problem",
        "add",
        "--code",
        "G1",
        "--category",
        "共性问题",
        "--title",
        "案件查办仍不平衡",
    ]);
    run(&[
        "--inspection",
        "回头看",
        "task",
        "add",
        "--problem",
        "G1",
        "--unit",
        "市公安局",
        "--measure",
        "再查办一批案件",
        "--deadline",
        "2020-09-30",
    ]);
    ledger
}

fn codes_and_seqs(list: &serde_json::Value) -> Vec<(String, Vec<i64>)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let tasks = p["tasks"].as_array().cloned().unwrap_or_default();
            (p["code"].as_str().unwrap().to_string(), seqs(&tasks))
        })
        .collect()
}

#[test]
fn rounds_are_numbered_as_added_and_held_from_their_feedback_day() {
    let ledger = two_rounds();
    let list = ledger
        .run(&["--today", "2020-07-01", "inspection", "list"])
        .ok();
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[1].starts_with("1 ") && lines[1].contains("2019-12-03"),
        "{list}"
    );
    assert!(
        lines[2].starts_with("2 ") && lines[2].contains("安双打办〔2020〕5号"),
        "{list}"
    );
    let rounds = ledger
        .run(&["--today", "2020-07-01", "inspection", "list", "--json"])
        .json();
    assert_eq!(rounds[1]["problems"], 1);
    assert_eq!(rounds[1]["tasks"], 1);
    assert_eq!(rounds[0]["tasks"], 21);
    // as of a day before the 回头看, the ledger held one round, and its title alone
    let then = ledger.run(&["inspection", "list", "--json"]).json();
    assert_eq!(then.as_array().unwrap().len(), 1, "{then}");
    let title = ledger.run(&["list", "--problem", "G2"]).ok();
    assert!(
        title.starts_with("整改台账 · 省“双打”工作督查反馈意见 · 截至 2019-12-26"),
        "{title}"
    );
    let now = ledger
        .run(&["--today", "2020-07-01", "list", "--problem", "G2"])
        .ok();
    assert!(
        now.contains("省“双打”工作督查反馈意见、2020年“回头看”反馈意见"),
        "{now}"
    );
    // an older feedback date, edited by a part of the title: the numbers stay as they are
    ledger
        .run(&[
            "--today",
            "2020-07-01",
            "inspection",
            "edit",
            "回头看",
            "--date",
            "2019-11-01",
            "--issuer",
            "省“双打”办",
        ])
        .ok();
    let rounds = ledger
        .run(&["--today", "2020-07-01", "inspection", "list", "--json"])
        .json();
    assert_eq!(rounds[1]["number"], 2);
    assert_eq!(rounds[1]["issuer"], "省“双打”办");
    assert_eq!(rounds[1]["feedback_date"], "2019-11-01");
    assert!(ledger.run(&["check"]).ok().contains("检查通过"));
}

#[test]
fn readers_take_one_round() {
    let ledger = two_rounds();
    let day = "--today=2020-07-01";
    let second = ledger
        .run(&[day, "--inspection", "2", "list", "--json"])
        .json();
    assert_eq!(codes_and_seqs(&second), [("G1".to_string(), vec![22])]);
    let first = ledger
        .run(&[day, "--inspection", "1", "list", "--json"])
        .json();
    assert_eq!(codes_and_seqs(&first).len(), 10);
    assert!(codes_and_seqs(&first).iter().all(|(_, s)| !s.contains(&22)));
    // every round: both G1s, under --problem too, each title leading with its round
    let text = ledger.run(&[day, "list", "--problem", "G1"]).ok();
    assert!(text.contains("〔1〕侵权假冒案件办案量不达标"), "{text}");
    assert!(text.contains("〔2〕案件查办仍不平衡"), "{text}");
    let both = ledger
        .run(&[day, "list", "--problem", "G1", "--json"])
        .json();
    assert_eq!(
        codes_and_seqs(&both),
        [
            ("G1".to_string(), vec![1, 2, 3]),
            ("G1".to_string(), vec![22])
        ]
    );
    let problems = ledger
        .run(&[day, "--inspection", "2", "problems", "--json"])
        .json();
    assert_eq!(problems.as_array().unwrap().len(), 1);
    let stats = ledger
        .run(&[day, "--inspection", "2", "stats", "--json"])
        .json();
    assert_eq!(stats["total"]["tasks"], 1);
    let changes = ledger
        .run(&[
            day,
            "--inspection",
            "2",
            "changes",
            "--since",
            "2020-06-01",
            "--json",
        ])
        .json();
    assert_eq!(changes["counts"]["added"], 1, "{changes}");
    // the sheet of a round is titled by it and counts it alone
    let path = ledger.dir.path().join("round2.xlsx");
    ledger
        .run(&[
            day,
            "--inspection",
            "2",
            "export",
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap(),
        ])
        .ok();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("整改台账").unwrap();
    let cell = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    assert_eq!(cell(0, 0), "安康市落实2020年“回头看”反馈意见整改台账");
    assert!(cell(2, 0).contains("任务1项"), "{}", cell(2, 0));
    assert!(cell(4, 1).starts_with("G1　"), "{}", cell(4, 1));
    assert_eq!(cell(5, 0), "", "one row");
}

#[test]
fn a_shared_code_is_read_from_the_newest_round_and_a_write_asks_which() {
    let ledger = two_rounds();
    let show = ledger.run(&["--today", "2020-07-01", "show", "G1"]);
    assert_eq!(show.status, 0, "{}", show.stderr);
    assert!(show.stdout.contains("案件查办仍不平衡"), "{}", show.stdout);
    assert!(
        show.stderr
            .contains("2 轮督查都有问题 G1，这里显示的是最新的第2轮"),
        "{}",
        show.stderr
    );
    let first = ledger
        .run(&["--today", "2020-07-01", "--inspection", "1", "show", "G1"])
        .ok();
    assert!(first.contains("侵权假冒案件办案量不达标"), "{first}");
    // as of a day before the 回头看, G1 is the first round's, and nothing needs saying
    let then = ledger.run(&["--today", "2019-12-26", "show", "G1"]);
    assert!(
        then.stdout.contains("侵权假冒案件办案量不达标"),
        "{}",
        then.stdout
    );
    assert_eq!(then.stderr, "");
    let before = ledger.dump();
    for args in [
        &["close", "G1", "--note", "x"][..],
        &[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "汉滨区",
            "--measure",
            "m",
            "--deadline",
            "2020-09-30",
        ],
        &[
            "assign",
            "G1",
            "--kind",
            "县区",
            "--measure",
            "m",
            "--deadline",
            "2020-09-30",
        ],
        &["problem", "edit", "G1", "--title", "改"],
    ] {
        let mut full = vec!["--today", "2020-07-01"];
        full.extend_from_slice(args);
        let run = ledger.run(&full);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("多轮督查都有问题 G1：第1轮"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("请加 --inspection"), "{}", run.stderr);
    }
    assert_eq!(ledger.dump(), before);
    // with the round named, the write goes to that round's G1
    ledger
        .run(&[
            "--today",
            "2020-07-01",
            "--inspection",
            "1",
            "close",
            "G1",
            "--note",
            "已查办",
        ])
        .ok();
    let status = |seq: &str| {
        ledger
            .run(&["--today", "2020-07-01", "show", seq, "--json"])
            .json()["status"]
            .clone()
    };
    assert_eq!(status("1"), "closed");
    assert_eq!(status("22"), "not_started");
}

#[test]
fn bad_rounds_change_nothing() {
    let ledger = two_rounds();
    #[rustfmt::skip]
    let cases: &[(&[&str], &str)] = &[
        (&["inspection", "add", "--title", "2020年“回头看”反馈意见", "--date", "2020-06-15"], "已有同一标题、同一反馈日期的督查反馈：第2轮"),
        (&["inspection", "add", "--title", "  ", "--date", "2020-06-15"], "标题不能为空"),
        (&["inspection", "add", "--title", "新一轮", "--date", "2020-13-01"], "无法识别的日期"),
        (&["inspection", "add", "--title", "新一轮", "--date", "2030-01-01"], "晚于今天"),
        (&["inspection", "edit", "9", "--title", "x"], "没有“9”这一轮督查反馈"),
        (&["inspection", "edit", "反馈意见", "--title", "x"], "“反馈意见”可以指多轮督查反馈"),
        (&["inspection", "edit", "2"], "没有需要修改的内容"),
        (&["inspection", "edit", "2", "--title", "省“双打”工作督查反馈意见", "--date", "2019-12-03"], "已有同一标题"),
        (&["inspection", "edit", "2", "--date", "2020-08-01"], "晚于今天"),
        (&["--inspection", "3", "list"], "没有“3”这一轮督查反馈"),
        (&["--inspection", "2", "problem", "add", "--code", "g1", "--category", "其他", "--title", "重复"], "问题编号 g1 已被使用"),
        (&["--inspection", "2", "show", "G2"], "找不到“G2”"),
    ];
    let before = ledger.dump();
    for (args, message) in cases {
        let mut full = vec!["--today", "2020-07-01"];
        full.extend_from_slice(args);
        let run = ledger.run(&full);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(ledger.dump(), before, "{args:?} changed the ledger");
    }
}
