//! The meeting sheet as a printer sees it, read back with openpyxl (not the writer we use): the
//! print scale worked out from the column widths, paper and margins; page breaks that keep a
//! problem on one page and mark its cells （续） where it cannot fit; long text carried on （续）
//! rows without losing a character; the titles of filtered sheets; the 附件 mark; progress with
//! its date and evidence.

mod common;

use common::Ledger;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const CONTINUED: &str = "（续）";

/// What openpyxl reads of one sheet (see `tests/support/read_print.py`).
fn print_of(book: &Path, sheet: &str) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/read_print.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(book)
        .arg(sheet)
        .output()
        .expect("python3 runs (.ci/run installs openpyxl)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cell(print: &Value, row: usize, column: usize) -> String {
    print["cells"][row][column]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap_or(15.0))
        .collect()
}

/// The fit-to-width scale a printer uses, from openpyxl's widths: a column of width `w` is
/// `w` digits wide, a digit `digit_px` pixels at 96 dpi.
fn print_scale(print: &Value, digit_px: f64) -> f64 {
    let (paper_w, _) = landscape_mm(print);
    let margins = numbers(&print["margins"]);
    let printable = paper_w - (margins[0] + margins[1]) * 25.4;
    let sheet: f64 = numbers(&print["widths"]).iter().sum::<f64>() * digit_px * 25.4 / 96.0;
    (printable / sheet).min(1.0)
}

fn landscape_mm(print: &Value) -> (f64, f64) {
    assert_eq!(print["orientation"], "landscape");
    match print["paper"].as_i64() {
        Some(9) => (297.0, 210.0),
        Some(8) => (420.0, 297.0),
        other => panic!("paper {other:?}"),
    }
}

/// A ledger whose G1 is too long for one page: ten more county tasks, one with a measure of
/// about a thousand characters.
fn crowded() -> (Ledger, String) {
    let ledger = Ledger::seeded();
    let long: String = (1..40)
        .map(|i| format!("第{i}条措施：组织开展专项检查，查办案件并公开曝光，"))
        .collect();
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "汉滨区",
            "--measure",
            &long,
            "--deadline",
            "2020-01-31",
            "--support",
            "石泉县",
            "--support",
            "汉阴县",
        ])
        .ok();
    for unit in [
        "汉阴县",
        "石泉县",
        "宁陕县",
        "紫阳县",
        "岚皋县",
        "平利县",
        "镇坪县",
    ] {
        ledger
            .run(&[
                "task",
                "add",
                "--problem",
                "G1",
                "--unit",
                unit,
                "--measure",
                "开展专项检查，查办案件并公开曝光，建立长效机制，每月报送进展情况",
                "--deadline",
                "2020-01-31",
            ])
            .ok();
    }
    (ledger, long)
}

#[test]
fn the_default_sheet_prints_at_least_90_percent_on_a4() {
    let ledger = Ledger::seeded();
    let print = print_of(&ledger.export(&["--format", "xlsx"]), "整改台账");
    assert_eq!(print["paper"], 9, "A4");
    assert!(print["fit_to_page"].as_bool().unwrap());
    assert_eq!(print["fit_height"], 0, "as many pages high as it needs");
    // SimSun's digit is 7 px at 10.5 pt; other fonts a reader may substitute are wider: even
    // with 9 px the body prints at 90 % or more
    let scale = print_scale(&print, 9.0);
    assert!(scale >= 0.90, "scale {scale:.3} with a 9 px digit");
    assert_eq!(print["print_titles"], "$4:$4", "the header row repeats");

    // every column apart needs A3 to stay readable
    let all = print_of(
        &ledger.export(&["--format", "xlsx", "--columns", "all", "--paper", "a3"]),
        "整改台账",
    );
    assert_eq!(all["paper"], 8, "A3");
    let scale = print_scale(&all, 9.0);
    assert!(scale >= 0.90, "A3 scale {scale:.3}");
}

#[test]
fn a_problem_stays_on_one_page_or_says_it_goes_on() {
    let (ledger, long) = crowded();
    let print = print_of(&ledger.export(&["--format", "xlsx"]), "整改台账");
    let heights = numbers(&print["heights"]);
    let breaks: Vec<usize> = print["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as usize)
        .collect();
    assert!(!breaks.is_empty(), "the sheet runs over several pages");
    // the page height at full size, the most rows any page may hold
    let margins = numbers(&print["margins"]);
    let page = landscape_mm(&print).1 * 72.0 / 25.4 - (margins[2] + margins[3]) * 72.0;
    let header = 3; // 0-based row of the repeated header
    let first = header + 1;
    let last = print["cells"].as_array().unwrap().len();
    // each data row's problem code: the merged cell above it when blank
    let mut code_of = vec![String::new(); last];
    for r in first..last {
        let text = cell(&print, r, 1);
        code_of[r] = match text.trim_start_matches(CONTINUED).split('　').next() {
            Some(code) if !code.is_empty() => code.to_string(),
            _ => code_of[r - 1].clone(),
        };
    }
    // pages of data rows (0-based), from the breaks openpyxl gives 1-based
    let mut pages: Vec<Vec<usize>> = vec![vec![]];
    for r in first..last {
        pages.last_mut().unwrap().push(r);
        if breaks.contains(&(r + 1)) {
            pages.push(vec![]);
        }
    }
    pages.retain(|p| !p.is_empty());
    for (n, rows) in pages.iter().enumerate() {
        let title_block: f64 = if n == 0 {
            heights[..header].iter().sum()
        } else {
            0.0
        };
        let used = title_block + heights[header] + rows.iter().map(|&r| heights[r]).sum::<f64>();
        assert!(used <= page, "page {n} holds {used} pt of {page}");
        assert!(rows.iter().all(|&r| heights[r] <= 409.0));
        // a problem begun on an earlier page is named again, marked （续）
        let top = rows[0];
        if n > 0 && code_of[top] == code_of[pages[n - 1].last().copied().unwrap()] {
            assert!(
                cell(&print, top, 1).starts_with(CONTINUED),
                "page {n} row {top}: {:?}",
                cell(&print, top, 1)
            );
        }
    }
    // a merge never crosses a page break
    for merge in print["merges"].as_array().unwrap() {
        let (top, bottom) = (
            merge[0].as_u64().unwrap() as usize,
            merge[2].as_u64().unwrap() as usize,
        );
        assert!(
            !breaks.iter().any(|&b| b > top && b <= bottom),
            "merge {merge} crosses a break"
        );
    }
    // a problem short enough for a page is on one page
    for code in ["G2", "G3", "W1", "W2"] {
        let on: Vec<usize> = (0..pages.len())
            .filter(|&n| pages[n].iter().any(|&r| code_of[r] == code))
            .collect();
        assert_eq!(on.len(), 1, "{code} on pages {on:?}");
    }

    // the long measure goes on over （续） rows; every character is kept, in order
    let start = (first..last)
        .find(|&r| cell(&print, r, 2).starts_with("第1条措施"))
        .unwrap();
    let mut rebuilt = cell(&print, start, 2);
    let mut r = start + 1;
    while cell(&print, r, 0) == CONTINUED {
        let part = cell(&print, r, 2);
        rebuilt.push_str(part.strip_prefix(CONTINUED).expect("each part marked"));
        r += 1;
    }
    assert!(r > start + 2, "a thousand characters need several rows");
    assert_eq!(rebuilt, long);
    // the task after it is numbered on
    assert_eq!(
        cell(&print, r, 0).parse::<usize>().unwrap(),
        cell(&print, start, 0).parse::<usize>().unwrap() + 1
    );
}

#[test]
fn a_filtered_sheet_says_what_it_lists_and_units_cover_the_ledger() {
    let ledger = Ledger::seeded();
    let print = print_of(
        &ledger.export(&["--format", "xlsx", "--unit", "石泉县"]),
        "整改台账",
    );
    assert_eq!(
        cell(&print, 0, 0),
        "安康市落实省“双打”工作督查反馈意见整改台账（石泉县）"
    );
    assert_eq!(
        cell(&print, 2, 0),
        "截至2019年12月26日　任务21项，已销号0项，逾期0项，完成率0.0%；本表列出 1 项"
    );
    let units = print_of(
        &ledger.export(&[
            "--format",
            "xlsx",
            "--unit",
            "石泉县",
            "--columns",
            "folded",
        ]),
        "单位统计",
    );
    let total = units["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row[0] == "合计")
        .expect("a 合计 row");
    assert_eq!(total[2], "21", "every task of the ledger");

    // an overdue sheet says so
    ledger
        .run(&["--today=2020-01-05", "progress", "1", "--text", "推进中"])
        .ok();
    ledger
        .run(&[
            "--today=2020-01-05",
            "export",
            "--format",
            "xlsx",
            "--overdue",
            "-o",
            ledger.dir.path().join("overdue.xlsx").to_str().unwrap(),
        ])
        .ok();
    let overdue = print_of(&ledger.dir.path().join("overdue.xlsx"), "整改台账");
    assert!(
        cell(&overdue, 0, 0).ends_with("（逾期）"),
        "{}",
        cell(&overdue, 0, 0)
    );
    assert!(cell(&overdue, 2, 0).ends_with("本表列出 21 项"));
}

#[test]
fn units_rank_within_their_kind_and_ties_stay_ties() {
    let ledger = Ledger::seeded();
    let id_of = |unit: &str| {
        let list = ledger.run(&["list", "--unit", unit, "--json"]).json();
        list[0]["tasks"][0]["seq"].as_i64().unwrap().to_string()
    };
    let (hanyin, shiquan, police) = (id_of("汉阴县"), id_of("石泉县"), id_of("市公安局"));
    ledger.run(&["close", &hanyin, "--note", "已完成"]).ok();
    ledger.run(&["close", &police, "--note", "已完成"]).ok();
    ledger
        .run(&[
            "progress",
            &shiquan,
            "--text",
            "申请销号",
            "--status",
            "待销号",
        ])
        .ok();
    let units = print_of(&ledger.export(&["--format", "xlsx"]), "单位统计");
    let rows = units["cells"].as_array().unwrap();
    let line = |name: &str| rows.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(line("汉阴县")[12], "1");
    // 待销号 is counted apart and is not yet done: 石泉县 ties with the other eight counties
    assert_eq!(line("石泉县")[4], "1", "待销号");
    assert_eq!(line("石泉县")[3], "0", "已销号");
    for county in ["石泉县", "汉滨区", "白河县"] {
        assert_eq!(line(county)[12], "2", "{county}");
    }
    // 市直部门 are ranked among themselves, from 1 again
    assert_eq!(line("市公安局")[12], "1");
    assert_eq!(line("市农业农村局")[12], "2");
    assert_eq!(line("市“双打”办")[12], "不排名");
    assert_eq!(line("合计")[3], "2");
    assert_eq!(line("合计")[4], "1");
}

#[test]
fn attachment_mark_progress_with_evidence_and_every_entry() {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            "progress",
            "1",
            "--text",
            "已开展检查 12 次",
            "--date",
            "2019-12-10",
        ])
        .ok();
    ledger
        .run(&[
            "progress",
            "1",
            "--text",
            "查办案件 3 起",
            "--date",
            "2019-12-20",
            "--evidence",
            "安公发〔2019〕12号",
        ])
        .ok();
    let print = print_of(
        &ledger.export(&["--format", "xlsx", "--attachment", "2"]),
        "整改台账",
    );
    assert_eq!(cell(&print, 0, 0), "附件2");
    assert!(cell(&print, 1, 0).starts_with("安康市落实"));
    assert_eq!(
        print["print_titles"], "$5:$5",
        "the header moved down one row"
    );
    assert_eq!(cell(&print, 4, 0), "序号");
    // the latest entry, its full date and its evidence
    assert_eq!(
        cell(&print, 5, 6),
        "2019-12-20 查办案件 3 起（佐证：安公发〔2019〕12号）"
    );
    // every entry of the period
    let every = print_of(
        &ledger.export(&[
            "--format",
            "xlsx",
            "--all-progress",
            "--since",
            "2019-12-01",
        ]),
        "整改台账",
    );
    assert_eq!(
        cell(&every, 4, 6),
        "2019-12-10 已开展检查 12 次\n2019-12-20 查办案件 3 起（佐证：安公发〔2019〕12号）"
    );
}
