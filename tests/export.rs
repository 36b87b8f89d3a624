//! The meeting list and the ledger document, through the real binary: Excel read back with
//! calamine, CSV and Markdown read as text, JSON written whole; no export replaces the ledger.
//! Importing is in `import.rs`.

mod common;

use calamine::{Data, Dimensions, Reader, Xlsx, open_workbook};
use common::Ledger;
use serde_json::Value;

const DAY: &str = "--today=2019-12-26";

fn text(value: Option<&Data>) -> String {
    match value {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        // Excel counts days from 1899-12-30
        Some(Data::DateTime(d)) => (chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
            + chrono::Days::new(d.as_f64() as u64))
        .to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

fn merged(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Dimensions> {
    book.merge_cells_by_sheet_name(sheet).expect("merged cells")
}

fn has_merge(merges: &[Dimensions], start: (u32, u32), end: (u32, u32)) -> bool {
    merges.iter().any(|m| m.start == start && m.end == end)
}

#[test]
fn the_sheet_reads_back_as_the_meeting_list() {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            DAY,
            "progress",
            "1",
            "--text",
            "已开展检查 12 次",
            "--date",
            "2019-12-20",
        ])
        .ok();
    ledger
        .run(&["close", "6", "--note", "培训已组织，同意销号"])
        .ok();
    let path = ledger.export(&["--format", "xlsx"]);
    let mut book: Xlsx<_> = open_workbook(&path).expect("an xlsx calamine can read");
    assert_eq!(book.sheet_names(), ["整改台账", "单位统计"]);

    let sheet = book.worksheet_range("整改台账").unwrap();
    let cell = |r: u32, c: u32| text(sheet.get_value((r, c)));
    // the title names the place from the organisation; the filer and date under it
    assert_eq!(cell(0, 0), "安康市落实省“双打”工作督查反馈意见整改台账");
    assert_eq!(
        cell(1, 0),
        "填报单位：安康市“双打”办　　填报日期：2019年12月26日"
    );
    assert_eq!(
        cell(2, 0),
        "截至2019年12月26日　任务21项，已销号1项，逾期0项，完成率4.8%"
    );
    // the default folds nine columns so that A4 landscape prints the body near full size
    let header: Vec<String> = (0..9).map(|c| cell(3, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "反馈问题",
            "整改措施",
            "责任单位\n（配合单位）",
            "责任人",
            "整改\n时限",
            "整改进展",
            "状态\n（销号）",
            "备注"
        ]
    );
    assert_eq!(cell(3, 9), "", "nine columns");
    // 21 task rows, numbered 1..21
    let numbers: Vec<String> = (4..25).map(|r| cell(r, 0)).collect();
    assert_eq!(numbers, (1..=21).map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(cell(25, 0), "", "nothing after the last task");
    // code, category, title and lead unit share the problem cell; the deadline is a real date
    assert_eq!(
        cell(4, 1),
        "G1　共性问题\n侵权假冒案件办案量不达标\n牵头单位：市“双打”办"
    );
    assert_eq!(cell(4, 3), "市公安局");
    assert!(matches!(sheet.get_value((4, 5)), Some(Data::DateTime(_))));
    assert_eq!(cell(4, 5), "2019-12-31");
    assert_eq!(cell(4, 6), "2019-12-20 已开展检查 12 次");
    assert_eq!(cell(4, 7), "整改中\n（临期）");
    // #6 (G4) closed: its status cell gives the close day and who verified it
    let g4 = (4..25).find(|&r| cell(r, 1).starts_with("G4")).unwrap();
    assert_eq!(cell(g4, 7), "已销号\n2019-12-26\n核实：测试员");
    assert_eq!(cell(g4, 8), "培训已组织，同意销号");

    let merges = merged(&mut book, "整改台账");
    for row in 0..3 {
        assert!(
            has_merge(&merges, (row, 0), (row, 8)),
            "row {row}: {merges:?}"
        );
    }
    // G1's three tasks (rows 5-7) share its cell; W1's ten too
    assert!(has_merge(&merges, (4, 1), (6, 1)), "G1 {merges:?}");
    let w1 = (4..25).find(|&r| cell(r, 1).starts_with("W1")).unwrap();
    assert!(has_merge(&merges, (w1, 1), (w1 + 9, 1)), "W1 title");
    // a problem with one task is not merged
    assert!(!merges.iter().any(|m| m.start == (g4, 1)));

    let units = book.worksheet_range("单位统计").unwrap();
    let unit = |r: u32, c: u32| text(units.get_value((r, c)));
    assert_eq!(unit(1, 0), "单位");
    assert_eq!(unit(1, 9), "延期");
    assert_eq!(unit(1, 11), "按期完成率");
    assert_eq!(unit(1, 12), "排名");
    // 县区 ranked among themselves, 市直部门 among themselves; the office is listed, not ranked
    assert_eq!(unit(2, 0), "县区（10）");
    let counties: Vec<String> = (3..13).map(|r| unit(r, 12)).collect();
    assert!(counties.iter().all(|r| r == "1"), "ties: {counties:?}");
    assert_eq!(unit(13, 0), "市直部门（2）");
    assert_eq!(unit(16, 0), "双打办（1）");
    assert_eq!(unit(17, 0), "市“双打”办");
    assert_eq!(unit(17, 2), "9");
    assert_eq!(unit(17, 3), "1");
    assert_eq!(unit(17, 12), "不排名");
    assert_eq!(unit(18, 0), "合计");
    assert_eq!(unit(18, 2), "21");
    assert_eq!(unit(18, 3), "1");

    // only the header row repeats on every printed page
    let names = book.defined_names();
    assert!(
        names
            .iter()
            .any(|(name, value)| name == "_xlnm.Print_Titles" && value.ends_with("$4:$4")),
        "{names:?}"
    );
}

#[test]
fn every_column_apart_on_a3() {
    let ledger = Ledger::seeded();
    let path = ledger.export(&["--format", "xlsx", "--columns", "all", "--paper", "a3"]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("整改台账").unwrap();
    let cell = |r: u32, c: u32| text(sheet.get_value((r, c)));
    let header: Vec<String> = (0..14).map(|c| cell(3, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "问题\n编号",
            "问题\n类别",
            "反馈问题",
            "牵头单位",
            "整改措施",
            "责任单位",
            "配合单位",
            "责任人",
            "整改\n时限",
            "整改进展",
            "状态",
            "销号\n时间",
            "备注"
        ]
    );
    assert_eq!(cell(4, 1), "G1");
    assert_eq!(cell(4, 2), "共性问题");
    assert_eq!(cell(4, 4), "市“双打”办");
    let merges = merged(&mut book, "整改台账");
    for c in 1..=4 {
        assert!(has_merge(&merges, (4, c), (6, c)), "G1 column {c}");
    }
}

#[test]
fn overdue_and_due_soon_rows_are_marked_in_words() {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G3",
            "--unit",
            "石泉县",
            "--measure",
            "及时更新网站",
            "--deadline",
            "2020-02-01",
        ])
        .ok();
    let out = ledger.dir.path().join("late.csv");
    ledger
        .run(&[
            "--today=2020-01-05",
            "export",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ])
        .ok();
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.matches("未启动（逾期）").count(), 21, "{csv}");
    assert_eq!(csv.matches("未启动（临期）").count(), 0);
    let soon = ledger.dir.path().join("soon.csv");
    ledger
        .run(&[
            "--today=2020-01-28",
            "export",
            "--format",
            "csv",
            "-o",
            soon.to_str().unwrap(),
        ])
        .ok();
    let csv = std::fs::read_to_string(&soon).unwrap();
    assert_eq!(csv.matches("未启动（临期）").count(), 1, "{csv}");
}

#[test]
fn csv_has_a_bom_quotes_rfc_4180_and_guards_formulas() {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            "task",
            "edit",
            "1",
            "--measure",
            "=HYPERLINK(\"http://x\",\"y\")",
            "--person",
            "张三, 李四",
        ])
        .ok();
    ledger
        .run(&["task", "edit", "2", "--measure", "第一行\n第二行，说\"好\""])
        .ok();
    ledger
        .run(&["task", "edit", "3", "--measure", "-1 项欠账"])
        .ok();
    let path = ledger.export(&["--format", "csv"]);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("序号,问题编号,问题类别,反馈问题,"),
        "{text}"
    );
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    // the formula is text now: quoted, its quotes doubled, a ' in front
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","),
        "{text}"
    );
    assert!(text.contains(",\"张三, 李四\","), "a comma is quoted");
    assert!(
        text.contains(",\"第一行\n第二行，说\"\"好\"\"\","),
        "a line break and quotes are quoted: {text}"
    );
    assert!(text.contains(",'-1 项欠账,"), "{text}");
    // 22 records: header and 21 tasks (one of them spans two lines)
    assert_eq!(text.matches("\r\n").count(), 22);
}

#[test]
fn markdown_keeps_its_table_whole() {
    let ledger = Ledger::seeded();
    ledger
        .run(&["task", "edit", "1", "--measure", "a | b\n第二行"])
        .ok();
    let path = ledger.export(&["--format", "md"]);
    let md = std::fs::read_to_string(path).unwrap();
    assert!(
        md.starts_with("# 安康市落实省“双打”工作督查反馈意见整改台账\n\n截至2019年12月26日"),
        "{md}"
    );
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), 22, "header and 21 tasks");
    let columns = |line: &str| line.replace("\\|", "").matches('|').count();
    assert!(rows.iter().all(|r| columns(r) == 14), "{md}");
    assert!(md.contains("a \\| b<br>第二行"), "{md}");
}

#[test]
fn filters_and_the_title_apply_to_every_format() {
    let ledger = Ledger::seeded();
    let path = ledger.export(&[
        "--format",
        "xlsx",
        "--unit",
        "石泉县",
        "--title",
        "石泉县整改清单",
    ]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("整改台账").unwrap();
    assert_eq!(text(sheet.get_value((0, 0))), "石泉县整改清单");
    assert_eq!(text(sheet.get_value((4, 3))), "石泉县");
    assert_eq!(text(sheet.get_value((5, 0))), "", "one task only");
    let csv =
        std::fs::read_to_string(ledger.export(&["--format", "csv", "--open", "--search", "培训"]))
            .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    let doc: Value = serde_json::from_slice(
        &std::fs::read(ledger.export(&["--format", "json", "--problem", "W1"])).unwrap(),
    )
    .unwrap();
    assert_eq!(doc["tasks"].as_array().unwrap().len(), 10);
    assert_eq!(doc["problems"].as_array().unwrap().len(), 1);
    // the ten counties and the lead unit
    assert_eq!(doc["units"].as_array().unwrap().len(), 11);
}

#[test]
fn the_default_file_is_dated_and_never_overwritten_without_force() {
    let ledger = Ledger::seeded();
    let run = |args: &[&str]| {
        let output = common::command()
            .current_dir(ledger.dir.path())
            .arg("--db")
            .arg(&ledger.path)
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    assert_eq!(run(&[DAY, "export", "--format", "xlsx"]).0, Some(0));
    let path = ledger.dir.path().join("整改台账-20191226.xlsx");
    assert!(path.is_file());
    let before = std::fs::read(&path).unwrap();
    let (status, message) = run(&[DAY, "export", "--format", "xlsx", "--status", "closed"]);
    assert_eq!(status, Some(2));
    assert!(
        message.contains("已存在") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        run(&[
            DAY, "export", "--format", "xlsx", "--force", "--status", "closed"
        ])
        .0,
        Some(0)
    );
    assert_ne!(std::fs::read(&path).unwrap(), before);
}

/// A newer copy that moves a task to another unit and changes its supporting units wins whole;

#[test]
fn bad_export_requests_write_nothing() {
    let ledger = Ledger::seeded();
    let run = ledger.run(&["export", "--format", "pdf"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("xlsx / csv / md / json"),
        "{}",
        run.stderr
    );
    let nowhere = ledger.dir.path().join("no-such-folder").join("x.xlsx");
    let run = ledger.run(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no-such-folder\"：不存在"),
        "{}",
        run.stderr
    );
    assert!(!nowhere.parent().unwrap().exists());
    let names: Vec<String> = std::fs::read_dir(ledger.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("ledger.db")),
        "{names:?}"
    );
}

#[test]
fn no_export_replaces_the_ledger_or_its_log_even_with_force() {
    let ledger = Ledger::seeded();
    let before = std::fs::read(&ledger.path).unwrap();
    let wal = ledger.path.with_file_name("ledger.db-wal");
    let log_before = std::fs::read(&wal).ok();
    // the ledger by its own name, through another name for the same file, and its log
    let alias = ledger.dir.path().join("alias.xlsx");
    std::fs::hard_link(&ledger.path, &alias).unwrap();
    let mut targets = vec![ledger.path.clone(), alias];
    if log_before.is_some() {
        targets.push(wal.clone());
    }
    for target in &targets {
        for format in ["xlsx", "json"] {
            let run = ledger.run(&[
                "export",
                "--force",
                "--format",
                format,
                "-o",
                target.to_str().unwrap(),
            ]);
            assert_eq!(run.status, 2, "{target:?} {format}: {}", run.stderr);
            assert!(run.stderr.contains("是台账文件本身"), "{}", run.stderr);
        }
    }
    assert_eq!(std::fs::read(&ledger.path).unwrap(), before);
    assert_eq!(std::fs::read(&wal).ok(), log_before);
    assert!(ledger.run(&["check"]).status == 0);
}

/// A text longer than a cell holds, in the second of 30 problems: the sheet's writer stops
/// while the ledger is still being read on the other thread (which finds its rows no longer
/// taken), and nothing is written, as streamed or built whole (with 本期变化).
#[test]
fn a_sheet_the_writer_refuses_leaves_no_file() {
    let ledger = Ledger::missing();
    common::generate(3000, &ledger.path);
    let conn = rusqlite::Connection::open(&ledger.path).unwrap();
    let long = "长".repeat(40_000);
    let changed = conn
        .execute(
            "UPDATE problem SET title = ?1
             WHERE id = (SELECT id FROM problem ORDER BY id LIMIT 1 OFFSET 1)",
            [&long],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    for extra in [&[][..], &["--since", "2019-12-01"][..]] {
        let out = ledger.dir.path().join("refused.xlsx");
        let mut args = vec![
            DAY,
            "export",
            "--format",
            "xlsx",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let run = ledger.run(&args);
        assert_eq!(run.status, 2, "{extra:?}: {}", run.stderr);
        assert!(run.stderr.contains("32,767"), "{extra:?}: {}", run.stderr);
        assert!(!out.exists(), "{extra:?}: a file was left");
        let leftovers: Vec<_> = std::fs::read_dir(ledger.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with("ledger.db"))
            .collect();
        assert!(leftovers.is_empty(), "{extra:?}: {leftovers:?}");
    }
}
