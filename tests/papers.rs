//! The papers the office sends, through the real binary and read back with python-docx (not
//! the writer we use): urge notices (催办单) numbered by the ledger, logged, counted in `stats`;
//! the report draft (整改情况报告) on the GB/T 9704 page with its sections and counts; bad input
//! refused with the ledger and the folder left as they were.

mod common;

use common::{Ledger, dump};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn read_docx(path: &Path) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/read_docx.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 runs (.ci/run installs python-docx)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn texts(doc: &Value) -> Vec<String> {
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A ledger where, on 2020-01-05, 市公安局's G1 task is overdue (with progress) and a new task
/// of 石泉县 is due in three days; everything else of the seed is overdue too.
fn ledger() -> Ledger {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            "--today=2019-12-26",
            "progress",
            "1",
            "--text",
            "已开展检查 12 次",
            "--date",
            "2019-12-20",
        ])
        .ok();
    ledger
        .run(&[
            "--today=2019-12-26",
            "task",
            "add",
            "--problem",
            "G2",
            "--unit",
            "石泉县",
            "--measure",
            "按月报送执法信息",
            "--deadline",
            "2020-01-08",
        ])
        .ok();
    ledger
}

#[test]
fn notices_are_numbered_logged_and_counted() {
    let ledger = ledger();
    ledger.run(&["setting", "notice_prefix", "安双打催"]).ok();
    let dir = ledger.dir.path().join("notices");
    let out = ledger
        .run(&[
            "--today=2020-01-05",
            "notice",
            "--unit",
            "石泉县",
            "--unit",
            "市公安局",
            "-o",
            dir.to_str().unwrap(),
        ])
        .ok();
    // units in the ledger's order, numbered from 1 in the year of the day
    assert!(
        out.contains("安双打催〔2020〕1号  市公安局（逾期 1 项，临期 0 项）"),
        "{out}"
    );
    assert!(
        out.contains("安双打催〔2020〕2号  石泉县（逾期 1 项，临期 1 项）"),
        "{out}"
    );
    assert_eq!(
        files(&dir),
        ["催办单2020-1号-市公安局.docx", "催办单2020-2号-石泉县.docx"]
    );

    let doc = read_docx(&dir.join("催办单2020-2号-石泉县.docx"));
    let lines = texts(&doc);
    assert!(
        lines.contains(&"安双打催〔2020〕2号".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"石泉县：".to_string()));
    assert!(
        lines.iter().any(|l| l.starts_with("截至2020年1月5日")
            && l.contains("有1项已超过整改时限、1项临近整改时限")),
        "{lines:?}"
    );
    // the default due day is a week on
    assert!(
        lines
            .iter()
            .any(|l| l.contains("于1月12日前将整改进展及佐证材料报送安康市“双打”办")),
        "{lines:?}"
    );
    let table = &doc["tables"][0];
    assert_eq!(table[0][4], "逾期/剩余");
    // red first, then yellow
    assert!(table[1][1].as_str().unwrap().starts_with("W1"), "{table}");
    assert_eq!(table[1][4], "逾期5天");
    assert_eq!(table[1][5], "（未报送进展）");
    assert_eq!(table[2][2], "按月报送执法信息");
    assert_eq!(table[2][4], "剩余3天");
    assert_eq!(table.as_array().unwrap().len(), 3);
    // the reply slip names the notice
    let receipt = &doc["tables"][1];
    assert_eq!(receipt[0][1], "安双打催〔2020〕2号");
    assert_eq!(receipt[1][1], "石泉县");
    let police = read_docx(&dir.join("催办单2020-1号-市公安局.docx"));
    assert_eq!(police["tables"][0][1][5], "2019-12-20 已开展检查 12 次");

    // the next run goes on counting; markdown is the same notice
    let out = ledger
        .run(&[
            "--today=2020-01-06",
            "notice",
            "--unit",
            "石泉县",
            "--format",
            "md",
            "--due",
            "2020-01-10",
            "-o",
            dir.to_str().unwrap(),
        ])
        .ok();
    assert!(out.contains("安双打催〔2020〕3号  石泉县"), "{out}");
    let md = std::fs::read_to_string(dir.join("催办单2020-3号-石泉县.md")).unwrap();
    assert!(md.contains("| 1 | W1　"), "{md}");
    assert!(md.contains("于1月10日前"), "{md}");

    // each notice is one event of the log
    let history = ledger
        .run(&["--today=2020-01-06", "history", "--limit", "3", "--json"])
        .json();
    let issued: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "notice")
        .collect();
    assert_eq!(issued.len(), 3, "{history}");
    assert_eq!(issued[0]["action"], "issue");
    let text = ledger
        .run(&["--today=2020-01-06", "history", "--limit", "1"])
        .ok();
    assert!(
        text.contains("催办单") && text.contains("安双打催〔2020〕3号"),
        "{text}"
    );

    // 催办次数 per unit, as of the day
    let count = |day: &str, unit: &str| {
        let stats = ledger.run(&[day, "stats", "--json"]).json();
        stats["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == unit)
            .unwrap()["notices"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count("--today=2020-01-06", "石泉县"), 2);
    assert_eq!(count("--today=2020-01-05", "石泉县"), 1);
    assert_eq!(count("--today=2020-01-06", "市公安局"), 1);
    assert_eq!(count("--today=2020-01-06", "汉滨区"), 0);
    assert!(
        ledger.run(&["check"]).status == 0,
        "the log agrees with the notices"
    );
}

#[test]
fn no_notice_for_units_with_nothing_red_or_yellow() {
    let ledger = ledger();
    let dir = ledger.dir.path().join("none");
    let before = dump(&ledger.path);
    // on 2019-12-10 every deadline is three weeks away
    let out = ledger
        .run(&["--today=2019-12-10", "notice", "-o", dir.to_str().unwrap()])
        .ok();
    assert!(
        out.contains("没有单位有逾期或临期的任务，未印发催办单"),
        "{out}"
    );
    assert!(!dir.exists(), "no folder made for nothing");
    assert_eq!(dump(&ledger.path), before);
}

#[test]
fn bad_notice_requests_change_nothing() {
    let ledger = ledger();
    let dir = ledger.dir.path().join("bad");
    let before = dump(&ledger.path);
    let refused = |args: &[&str], says: &str| {
        let mut full = vec!["--today=2020-01-05", "notice", "-o", dir.to_str().unwrap()];
        full.extend_from_slice(args);
        let run = ledger.run(&full);
        assert_ne!(run.status, 0, "{args:?} was taken");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(dump(&ledger.path), before, "{args:?} changed the ledger");
        assert!(files(&dir).is_empty(), "{args:?} left files");
    };
    refused(&["--unit", "不存在县"], "没有名为“不存在县”的单位");
    refused(&["--format", "pdf"], "docx / md");
    refused(&["--due", "2020-01-01"], "要求报送的日期早于今天");
    refused(&["--due", "明年"], "明年");
    // a file in the way is refused without --force, and nothing is recorded
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("催办单2020-1号-市“双打”办.docx"), "mine").unwrap();
    let run = ledger.run(&["--today=2020-01-05", "notice", "-o", dir.to_str().unwrap()]);
    assert_ne!(run.status, 0);
    assert_eq!(dump(&ledger.path), before);
    assert_eq!(files(&dir), ["催办单2020-1号-市“双打”办.docx"]);
    assert_eq!(
        std::fs::read(dir.join("催办单2020-1号-市“双打”办.docx")).unwrap(),
        b"mine"
    );
}

#[test]
fn the_report_draft_has_its_sections_and_counts() {
    let ledger = ledger();
    ledger
        .run(&["--today=2019-12-28", "close", "G4", "--note", "培训已组织"])
        .ok();
    ledger
        .run(&[
            "--today=2019-12-29",
            "progress",
            "5",
            "--text",
            "已更新网站",
            "--status",
            "待销号",
        ])
        .ok();
    let path = ledger.dir.path().join("报告.docx");
    let out = ledger
        .run(&["--today=2020-01-05", "report", "-o", path.to_str().unwrap()])
        .ok();
    assert!(out.contains("整改情况报告"), "{out}");
    let doc = read_docx(&path);
    // GB/T 9704: A4, margins 37/35/28/26 mm, page numbers as a field
    let page = &doc["page"];
    assert_eq!(
        [
            &page["width"],
            &page["height"],
            &page["top"],
            &page["bottom"],
            &page["left"],
            &page["right"]
        ],
        [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]
    );
    assert_eq!(
        doc["page_fields"], 2,
        "odd and even footers number the page"
    );
    assert!(doc["footers"][0].as_str().unwrap().starts_with("— "));

    let paragraphs = doc["paragraphs"].as_array().unwrap();
    let lines = texts(&doc);
    assert_eq!(lines[0], "关于落实省“双打”工作督查反馈意见整改情况的报告");
    assert_eq!(paragraphs[0]["font"], "方正小标宋简体");
    assert_eq!(paragraphs[0]["size"], 22.0);
    assert_eq!(lines[1], "省督查组：");
    let at = |text: &str| {
        lines
            .iter()
            .position(|l| l == text)
            .unwrap_or_else(|| panic!("{text}: {lines:?}"))
    };
    let sections = [
        "一、总体情况",
        "二、逐项整改情况",
        "三、存在的问题",
        "四、下一步工作打算",
    ];
    let places: Vec<usize> = sections.iter().map(|s| at(s)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
    for place in &places {
        assert_eq!(paragraphs[*place]["font"], "黑体");
        assert_eq!(paragraphs[*place]["size"], 16.0);
    }
    // the counts: 22 tasks, G4's closed, G3's submitted, 19 open of which all overdue but
    // 石泉县's new one
    assert_eq!(
        lines[places[0] + 1],
        "反馈问题共10个（共性问题6个、薄弱环节4个），细化为整改任务22项。截至2020年1月5日，\
         已完成整改并销号1项，待销号1项，正在整改20项（其中逾期19项），长期坚持0项，完成率4.5%；\
         1个问题已全部完成整改。"
    );
    assert_eq!(paragraphs[places[0] + 1]["font"], "仿宋");
    // problem by problem: a 楷体 heading, its state, its measures numbered 一是…
    let g1 = at("（一）关于“侵权假冒案件办案量不达标”的问题");
    assert_eq!(paragraphs[g1]["font"], "楷体");
    assert_eq!(lines[g1 + 1], "该问题正在整改，3项任务中已销号0项。");
    assert!(
        lines[g1 + 2].starts_with("一是紧盯重点领域")
            && lines[g1 + 2]
                .contains("市公安局：2019年12月20日，已开展检查 12 次；市农业农村局尚未报送进展"),
        "{}",
        lines[g1 + 2]
    );
    let g4 = at("（四）关于“未开展‘两法’衔接培训”的问题");
    assert_eq!(lines[g4 + 1], "该问题已完成整改。");
    let g2 = at("（二）关于“报送工作信息不达标”的问题");
    assert!(
        lines[g2 + 3].starts_with("二是按月报送执法信息"),
        "{}",
        lines[g2 + 3]
    );
    // what remains: the overdue tasks by unit; 石泉县's is not yet overdue
    let remains = &lines[places[2] + 1..places[3]];
    assert!(
        remains
            .iter()
            .any(|l| l.starts_with("市公安局：1项任务逾期未完成。一是G1“紧盯"))
    );
    assert!(
        remains
            .iter()
            .any(|l| l.starts_with("石泉县：1项任务逾期未完成。一是W1")),
        "{remains:?}"
    );
    // the next steps are left for the clerk, marked
    assert!(paragraphs[places[3] + 1]["highlight"].as_bool().unwrap());
    assert!(lines[places[3] + 1].starts_with("【待填写"));
    // signed by the office, dated
    assert_eq!(lines[lines.len() - 2], "安康市“双打”办");
    assert_eq!(lines[lines.len() - 1], "2020年1月5日");

    // the same draft in Markdown
    let md_path = ledger.dir.path().join("报告.md");
    ledger
        .run(&[
            "--today=2020-01-05",
            "report",
            "--format",
            "md",
            "-o",
            md_path.to_str().unwrap(),
        ])
        .ok();
    let md = std::fs::read_to_string(md_path).unwrap();
    assert!(md.starts_with(
        "# 关于落实省“双打”工作督查反馈意见整改情况的报告\n\n省督查组：\n\n## 一、总体情况"
    ));
    // written whole or not at all: an existing file is kept without --force
    let again = ledger.run(&["--today=2020-01-05", "report", "-o", path.to_str().unwrap()]);
    assert_ne!(again.status, 0);
}
