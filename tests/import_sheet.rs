//! `import-sheet` (issue 13, part 1): offices' own 台账, written by writers other than ours
//! (openpyxl for xlsx, xlwt for xls, through `tests/support/write_sheet.py`), brought in: header
//! names and orders of their own, title rows, merged and blank cells, deadlines as text, several
//! units in a cell, section rows; bad cells refused by row and column with nothing written; and
//! our own sheet read back into an empty ledger as the same list.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use serde_json::{Value, json};

/// Writes a workbook from `sheets` (see the script) with openpyxl or xlwt.
fn workbook(dir: &Path, name: &str, format: &str, sheets: Value) -> PathBuf {
    let path = dir.join(name);
    let spec = json!({"path": path, "format": format, "sheets": sheets});
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/write_sheet.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .spawn()
        .expect("python3 runs (.ci/run installs openpyxl and xlwt)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(spec.to_string().as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "the writer made {name}");
    path
}

/// An office's plan as offices write them: an 附件 mark and a title above the header, their
/// own column names in their own order, section rows, a problem merged over its measures and
/// one repeated by blank cells, deadlines as dates, numbers and text, units several to a cell.
fn office_plan() -> Value {
    json!([{"name": "整改方案", "rows": [
        ["附件1"],
        ["安康市“双打”工作督查反馈问题整改方案"],
        ["序号", "存在问题", "整改任务", "责任单位", "配合单位", "完成时限", "责任领导", "完成情况", "备注"],
        ["一、共性问题"],
        [1, "侵权假冒案件办案量不达标", "开展专项执法检查", "市公安局、市农业农村局", "市“双打”办", {"date": "2019-12-31"}, "张局长", "2019-12-18 已查办案件2起", null],
        [null, null, "公开曝光典型案例", "市公安局", null, "年底前", null, null, null],
        [null, null, "建立快速核查机制", "市“双打”办", null, "长期坚持", null, null, "每月通报"],
        [2, "报送工作信息不达标", "及时录入两法衔接平台", "汉滨区\n汉阴县", null, "2019年12月底", null, null, null],
        ["二、薄弱环节"],
        [3, "市“双打”办综合协调能力需要提升", "定期检查", "市“双打”办", null, "12月20日前", null, null, null],
        [null, "", "年内发一期通报", "市“双打”办", null, 43830, null, null, null],
        [null, "", "组织考核", "市“双打”办", null, "立行立改", null, null, null]
    ], "merges": ["A5:A7", "B5:B7", "A4:I4", "A9:I9"]}])
}

fn tasks_by_seq(ledger: &Ledger) -> Vec<Value> {
    let list = ledger.run(&["list", "--json"]).json();
    let mut tasks = tasks_of_list(&list);
    tasks.sort_by_key(|t| t["seq"].as_i64());
    tasks
}

/// Runs `args`, which must be refused with `message` (exit 2) and leave the ledger as it was.
#[track_caller]
fn refused(ledger: &Ledger, args: &[&str], status: i32, message: &str) {
    let before = ledger.dump();
    let run = ledger.run(args);
    assert_eq!(run.status, status, "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    assert_eq!(ledger.dump(), before, "{args:?} changed the ledger");
}

#[test]
fn an_office_plan_comes_in_whole() {
    let ledger = Ledger::missing();
    ledger.run(&["init", "--empty"]).ok();
    let dir = ledger.dir.path();
    let sheet = workbook(dir, "plan.xlsx", "xlsx", office_plan());
    let out = ledger
        .run(&["import-sheet", sheet.to_str().unwrap(), "--create-units"])
        .ok();
    // the round is titled by the sheet (less 整改方案), dated by its earliest progress
    assert!(
        out.contains("新建督查反馈：安康市“双打”工作督查反馈问题（2019-12-18）"),
        "{out}"
    );
    assert!(out.contains("问题：新增 3，已有 0；任务：新增 9"), "{out}");
    let problems = ledger.run(&["problems", "--json"]).json();
    let codes: Vec<(&str, &str, &str)> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap(),
                p["category"].as_str().unwrap(),
                p["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("G1", "shared", "侵权假冒案件办案量不达标"),
            ("G2", "shared", "报送工作信息不达标"),
            ("W1", "weak", "市“双打”办综合协调能力需要提升"),
        ]
    );
    let tasks = tasks_by_seq(&ledger);
    let row = |seq: usize| &tasks[seq - 1];
    // the merged problem over three rows, its first row split into one task per unit
    assert_eq!(row(1)["unit"], "市公安局");
    assert_eq!(row(2)["unit"], "市农业农村局");
    assert_eq!(row(2)["support_units"], json!(["市“双打”办"]));
    assert_eq!(row(1)["person"], "张局长");
    assert_eq!(row(1)["status"], "in_progress");
    assert_eq!(row(1)["last_progress"]["text"], "已查办案件2起");
    assert_eq!(row(3)["deadline"], "2019-12-31", "年底前: the round's year");
    assert_eq!(row(4)["deadline"], Value::Null, "长期坚持");
    assert_eq!(row(4)["status"], "ongoing");
    assert_eq!(row(4)["last_progress"]["text"], "备注：每月通报");
    // one per line
    assert_eq!(
        (row(5)["unit"].as_str(), row(6)["unit"].as_str()),
        (Some("汉滨区"), Some("汉阴县"))
    );
    assert_eq!(row(5)["deadline"], "2019-12-31");
    // three measures of one unit under one problem, each with its own deadline
    let w1: Vec<(&str, &str)> = tasks[6..9]
        .iter()
        .map(|t| {
            (
                t["measure"].as_str().unwrap(),
                t["deadline"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        w1,
        [
            ("定期检查", "2019-12-20"),
            ("年内发一期通报", "2019-12-31"),
            ("组织考核", "2019-12-26"),
        ]
    );
    let units = ledger.run(&["unit", "list", "--json"]).json();
    let office = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "市“双打”办")
        .unwrap();
    assert_eq!(office["kind"], "office");
    assert!(ledger.run(&["check"]).ok().contains("检查通过"));
    // again: every measure is there already, nothing is added
    let again = ledger.run(&["import-sheet", sheet.to_str().unwrap()]).ok();
    assert!(again.contains("任务：新增 0，已有 9"), "{again}");
    assert_eq!(tasks_by_seq(&ledger).len(), 9);
}

#[test]
fn an_xls_of_the_older_excel_reads_the_same() {
    let xlsx = Ledger::missing();
    xlsx.run(&["init", "--empty"]).ok();
    let xls = Ledger::missing();
    xls.run(&["init", "--empty"]).ok();
    let a = workbook(xlsx.dir.path(), "plan.xlsx", "xlsx", office_plan());
    let b = workbook(xls.dir.path(), "plan.xls", "xls", office_plan());
    xlsx.run(&["import-sheet", a.to_str().unwrap(), "--create-units"])
        .ok();
    xls.run(&["import-sheet", b.to_str().unwrap(), "--create-units"])
        .ok();
    let strip = |tasks: Vec<Value>| -> Vec<Value> {
        tasks
            .into_iter()
            .map(|mut t| {
                t.as_object_mut().unwrap().remove("uuid");
                t
            })
            .collect()
    };
    assert_eq!(strip(tasks_by_seq(&xls)), strip(tasks_by_seq(&xlsx)));
}

#[test]
fn unknown_units_and_bad_cells_are_refused_and_nothing_is_written() {
    let ledger = Ledger::seeded();
    let dir = ledger.dir.path();
    let before = ledger.dump();
    let unknown = workbook(
        dir,
        "unknown.xlsx",
        "xlsx",
        json!([{"name": "台账", "rows": [
            ["反馈问题", "整改措施", "责任单位", "配合单位", "整改时限"],
            ["问题一", "措施一", "市市场监管局、汉滨区", "市文旅局", "2019-12-31"]
        ]}]),
    );
    refused(
        &ledger,
        &["import-sheet", unknown.to_str().unwrap()],
        2,
        "台账里没有这些单位：市市场监管局、市文旅局；请先用 zhenggai unit add 添加，或加 --create-units",
    );
    let bad = workbook(
        dir,
        "bad.xlsx",
        "xlsx",
        json!([{"name": "台账", "rows": [
            ["问题", "整改措施", "责任单位", "整改时限", "状态", "整改进展"],
            ["问题一", "措施一", "汉滨区", "下个月", null, null],
            ["问题一", "", "汉滨区", "2019-12-31", null, null],
            ["问题二", "措施二", "", "2019-12-31", "差不多", null],
            ["问题二", "措施三", "汉阴县", "2019-12-31", null, "2030-01-01 已完成"],
            ["问题三", "措施四", "石泉县", "2019-12-31", null, "2019-11-01 提前开展"]
        ]}]),
    );
    let run = ledger.run(&["import-sheet", bad.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    for line in [
        "第 2 行 D 列（整改时限）：无法识别的整改时限“下个月”",
        "第 3 行 B 列（整改措施）：不能为空",
        "第 4 行 C 列（责任单位）：不能为空",
        "第 4 行 E 列（状态）：无法识别的状态“差不多”",
        "第 5 行 F 列（整改进展）：日期 2030-01-01 晚于今天",
        "第 6 行 F 列（整改进展）：日期 2019-11-01 早于交办日期 2019-12-03",
        "表格有 6 处无法读取（见上），未导入任何内容",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert_eq!(ledger.dump(), before);
    // a category the ledger does not know, and progress written on a row of its own
    let stray = workbook(
        dir,
        "stray.xlsx",
        "xlsx",
        json!([{"name": "台账", "rows": [
            ["问题类别", "问题", "整改措施", "责任单位", "整改时限", "整改进展"],
            ["个性问题", "问题一", "措施一", "汉滨区", "2019-12-31", "2019-12-20 已部署"],
            [null, null, null, null, null, "2019-12-22 又查2次"]
        ]}]),
    );
    let run = ledger.run(&["import-sheet", stray.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    for line in [
        "第 2 行 A 列（问题类别）：无法识别的问题类别“个性问题”",
        "第 3 行 F 列（整改进展）：这一行只有这一格有内容",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert_eq!(ledger.dump(), before);
    // not a workbook, no such sheet, no header
    let text = dir.join("notes.xlsx");
    std::fs::write(&text, "这不是表格").unwrap();
    refused(
        &ledger,
        &["import-sheet", text.to_str().unwrap()],
        2,
        "不是能读取的 Excel 表格",
    );
    refused(
        &ledger,
        &["import-sheet", bad.to_str().unwrap(), "--sheet", "汇总"],
        2,
        "没有名为“汇总”的工作表；有：台账",
    );
    let headless = workbook(
        dir,
        "headless.xlsx",
        "xlsx",
        json!([{"name": "说明", "rows": [["会议纪要"], ["一、共性问题"]]}]),
    );
    refused(
        &ledger,
        &["import-sheet", headless.to_str().unwrap()],
        2,
        "找不到台账的表头",
    );
    let no_deadline = workbook(
        dir,
        "nodeadline.xlsx",
        "xlsx",
        json!([{"name": "台账", "rows": [
            ["问题", "整改措施", "责任单位"], ["问题一", "措施一", "汉滨区"]
        ]}]),
    );
    refused(
        &ledger,
        &["import-sheet", no_deadline.to_str().unwrap()],
        2,
        "表头缺少这些列：整改时限",
    );
    assert_eq!(ledger.dump(), before);
    // with --create-units the units are made, each of the kind its name says
    let out = ledger
        .run(&["import-sheet", unknown.to_str().unwrap(), "--create-units"])
        .ok();
    assert!(out.contains("新建单位：市市场监管局、市文旅局"), "{out}");
    let units = ledger.run(&["unit", "list", "--json"]).json();
    let kind = |name: &str| {
        units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == name)
            .map(|u| u["kind"].clone())
    };
    assert_eq!(kind("市市场监管局"), Some(json!("department")));
    assert!(ledger.run(&["check"]).ok().contains("检查通过"));
}

#[test]
fn a_dry_run_says_what_it_would_make_and_writes_nothing() {
    let ledger = Ledger::seeded();
    let sheet = workbook(ledger.dir.path(), "plan.xlsx", "xlsx", office_plan());
    let before = ledger.dump();
    let out = ledger
        .run(&[
            "import-sheet",
            sheet.to_str().unwrap(),
            "--create-units",
            "--dry-run",
        ])
        .ok();
    assert!(out.starts_with("试导入（未写入任何内容）："), "{out}");
    // into the seed's round: its problems found by title (the sheet gives no codes)
    assert!(
        out.contains("督查反馈：省“双打”工作督查反馈意见（2019-12-03）"),
        "{out}"
    );
    assert!(out.contains("G1 侵权假冒案件办案量不达标（已有）"), "{out}");
    assert!(
        out.contains("W4 市“双打”办综合协调能力需要提升（已有）"),
        "{out}"
    );
    assert!(
        out.contains("问题：新增 0，已有 3；任务：新增 9，已有 0"),
        "{out}"
    );
    assert!(
        out.contains("#22 市公安局 开展专项执法检查 2019-12-31"),
        "{out}"
    );
    assert_eq!(ledger.dump(), before);
}

#[test]
fn our_own_sheet_comes_back_as_the_same_list() {
    let original = Ledger::seeded();
    for args in [
        &[
            "progress",
            "1",
            "--text",
            "查办案件2起",
            "--date",
            "2019-12-18",
        ][..],
        &[
            "progress",
            "6",
            "--text",
            "举办培训班",
            "--date",
            "2019-12-20",
            "--status",
            "submitted",
        ],
        &[
            "close",
            "6",
            "--note",
            "材料齐全，同意销号",
            "--date",
            "2019-12-24",
        ],
        &[
            "progress",
            "11",
            "--text",
            "已起草方案",
            "--date",
            "2019-12-22",
            "--status",
            "ongoing",
        ],
        &[
            "task",
            "add",
            "--problem",
            "W4",
            "--unit",
            "市“双打”办",
            "--measure",
            "组织考核",
            "--deadline",
            "长期坚持",
        ],
        &[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "石泉县",
            "--measure",
            "专项检查",
            "--deadline",
            "2020-01-15",
            "--support",
            "市公安局",
        ],
        &[
            "extend",
            "2",
            "--to",
            "2020-01-15",
            "--reason",
            "周期长",
            "--date",
            "2019-12-10",
        ],
    ] {
        original.run(args).ok();
    }
    let sheet = original.export(&["--format", "xlsx"]);
    let copy = Ledger::missing();
    copy.run(&["init", "--empty"]).ok();
    copy.run(&["import-sheet", sheet.to_str().unwrap(), "--create-units"])
        .ok();
    // what a list shows of each task, in its order (a sheet carries no task numbers: the copy
    // numbers them in the order of the sheet)
    let shown = |ledger: &Ledger| -> Vec<Value> {
        let list = ledger.run(&["list", "--json"]).json();
        tasks_of_list(&list)
            .into_iter()
            .map(|t| {
                json!([
                    t["problem"],
                    t["unit"],
                    t["support_units"],
                    t["measure"],
                    t["person"],
                    t["deadline"],
                    t["original_deadline"],
                    t["status"],
                    t["light"],
                    t["closed_on"],
                    t["close_note"],
                    t["last_progress"]
                ])
            })
            .collect()
    };
    assert_eq!(shown(&copy), shown(&original));
    let problems = |ledger: &Ledger| -> Vec<Value> {
        let list = ledger.run(&["problems", "--json"]).json();
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| {
                json!([
                    p["code"],
                    p["category"],
                    p["title"],
                    p["closed"],
                    p["total"]
                ])
            })
            .collect()
    };
    assert_eq!(problems(&copy), problems(&original));
    assert!(copy.run(&["check"]).ok().contains("检查通过"));
}
