//! What `collect` and `packet` refuse (issue 14): each kind of bad row reported by row with the
//! rest of its file taken, and the refused rows' tasks untouched; whole files that are not this
//! ledger's packets, or not readable, leave the ledger as it was; bad requests make no file and
//! record no packet.

mod common;

use common::packets::{fill, packet_name};
use common::*;
use serde_json::json;

const OFFICE: &str = "市“双打”办";
const PERIOD: &str = "2019年12月";

fn collect(ledger: &Ledger, files: &[&std::path::Path]) -> Run {
    let mut args = vec!["--today=2019-12-15".to_string(), "collect".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ledger.run(&args)
}

fn untouched(ledger: &Ledger, seq: i64) {
    let task = ledger.task_json(seq);
    assert_eq!(task["progress"], json!([]), "#{seq} got an entry");
    assert_eq!(task["status"], "not_started", "#{seq} moved");
}

#[test]
fn bad_rows_are_refused_by_row_and_the_rest_is_taken() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    // rows 1‥9 of the table are sheet rows 5‥13 (the header is row 4)
    let filled = fill(
        &folder.join(packet_name(PERIOD, OFFICE)),
        &ledger.dir.path().join("filled.xlsx"),
        json!({
            "rows": {
                "1": {"progress": "按时推进", "date": "2019-12-05"},
                "2": {"progress": "措施改了", "date": "2019-12-05"},
                "3": {"progress": "都办完了", "status": "已销号"},
                "4": {"progress": "下周再说", "date_text": "下周"},
                "5": {"progress": "写早了", "date": "2019-11-20"},
                "7": {"progress": "写晚了", "date": "2019-12-20"},
                "8": {"status": "办完了吧"}
            },
            "locked": {"2": {"整改措施": "换一个措施"}},
            "add_row": {"measure": "我们自己加的", "progress": "新进展"},
            "delete_row": 6
        }),
    );
    let run = collect(&ledger, &[&filled]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "市“双打”办：进展 1 条；拒收 7 行（\
         第 6 行：整改措施被修改；\
         第 7 行：申请状态填了已销号（销号由双打办办理）；\
         第 8 行：进展日期“下周”不是日期；\
         第 9 行：进展日期 2019-11-20 早于交办日期 2019-12-03；\
         第 10 行：进展日期 2019-12-20 晚于今天；\
         第 11 行：申请状态“办完了吧”无法识别；\
         第 13 行：新加的行）；表中删去了 #8。"
    );
    assert!(run.stderr.contains("7 行被拒收"), "{}", run.stderr);
    assert_eq!(ledger.task_json(3)["progress"][0]["text"], "按时推进");
    for seq in [4, 5, 6, 7, 8, 19, 20] {
        untouched(&ledger, seq);
    }
    // the packet counts as collected: what was sound came back
    let reports = ledger
        .run(&["--today=2019-12-15", "reports", "--json"])
        .json();
    assert_eq!(reports[0]["state"], "collected");

    // the full reasons, for a script
    let as_json = ledger
        .run(&[
            "--today=2019-12-15",
            "collect",
            "--json",
            filled.to_str().unwrap(),
        ])
        .stdout;
    let as_json: serde_json::Value = serde_json::from_str(&as_json).unwrap();
    let first = &as_json[0]["refused"][0];
    assert_eq!(first["row"], 6);
    assert_eq!(first["column"], "D");
    assert_eq!(first["header"], "整改措施");
    assert!(
        first["reason"].as_str().unwrap().contains("发出时为"),
        "{first}"
    );
    assert_eq!(as_json[0]["again"], true);
}

#[test]
fn files_that_are_not_this_ledgers_packets_leave_it_as_it_was() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    let good = fill(
        &folder.join(packet_name(PERIOD, "石泉县")),
        &ledger.dir.path().join("good.xlsx"),
        json!({"rows": {"1": {"progress": "已建立领导小组", "date": "2019-12-09"}}}),
    );
    // a packet of another ledger
    let other = Ledger::seeded();
    let theirs = other.packets("2019-12-10", &["--period", PERIOD]);
    let theirs = theirs.join(packet_name(PERIOD, "石泉县"));
    // an xlsx that is not a packet: the meeting list
    let export = ledger.export(&["--format", "xlsx"]);
    // a corrupt packet (cut in half) and a text file named like one
    let bytes = std::fs::read(folder.join(packet_name(PERIOD, "汉阴县"))).unwrap();
    let cut = ledger.dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let text = ledger.dir.path().join("text.xlsx");
    std::fs::write(&text, "序号,本期进展\n1,已完成\n").unwrap();

    let before = ledger.dump();
    for (file, message) in [
        (&theirs, "不是本台账发出的"),
        (&export, "不是 zhenggai 生成的报送表"),
        (&cut, "文件已损坏"),
        (&text, "文件已损坏"),
    ] {
        let run = collect(&ledger, &[file]);
        assert_eq!(run.status, 1, "{file:?}");
        assert!(run.stdout.contains("未收取"), "{file:?}: {}", run.stdout);
        assert!(run.stdout.contains(message), "{file:?}: {}", run.stdout);
        assert!(run.stderr.contains("1 个文件整份未收取"), "{}", run.stderr);
        assert_eq!(ledger.dump(), before, "{file:?} changed the ledger");
    }
    // several files at once: each on its own; the sound one is taken
    let run = collect(&ledger, &[&cut, &good, &theirs]);
    assert_eq!(run.status, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with(&format!("{}：未收取", cut.display())));
    assert_eq!(lines[1], "石泉县：进展 1 条。");
    assert!(run.stderr.contains("2 个文件整份未收取"), "{}", run.stderr);
    assert_eq!(
        ledger.task_json(11)["progress"][0]["text"],
        "已建立领导小组"
    );
}

#[test]
fn bad_packet_requests_make_no_file_and_record_nothing() {
    let ledger = Ledger::seeded();
    let folder = ledger.dir.path().join("out");
    let before = ledger.dump();
    let refusals: [(&[&str], &str); 5] = [
        (&["--unit", "不存在的单位"], "不存在的单位"),
        (&["--kind", "省直部门"], "省直部门"),
        (&["--due", "明年"], "明年"),
        (&["--period", ""], "期次"),
        (&["--unit", "汉滨区", "--kind", "县区"], "--kind"),
    ];
    for (args, message) in refusals {
        let mut full = vec!["packet", "-o", folder.to_str().unwrap()];
        full.extend_from_slice(args);
        let run = ledger.run(&full);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(ledger.dump(), before, "{args:?}");
        assert!(!folder.exists(), "{args:?} made the folder");
    }
    // a unit with nothing open has nothing to fill in
    ledger.run(&["close", "11", "--note", "已建立"]).ok();
    let before = ledger.dump();
    let run = ledger.run(&["packet", "--unit", "石泉县", "-o", folder.to_str().unwrap()]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("没有报送表可发"), "{}", run.stderr);
    assert_eq!(ledger.dump(), before);

    // a file in the way: refused before anything is written or recorded
    std::fs::create_dir_all(&folder).unwrap();
    let in_the_way = folder.join(packet_name(PERIOD, "汉阴县"));
    std::fs::write(&in_the_way, "mine").unwrap();
    let run = ledger.run(&["packet", "--period", PERIOD, "-o", folder.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(ledger.dump(), before);
    let left: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(left.len(), 1, "only the file that was there");
    assert_eq!(std::fs::read(&in_the_way).unwrap(), b"mine");
    // with --force it is replaced, and every packet is recorded
    ledger
        .run(&[
            "packet",
            "--period",
            PERIOD,
            "--force",
            "-o",
            folder.to_str().unwrap(),
        ])
        .ok();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 12);
    let reports = ledger
        .run(&["reports", "--period", PERIOD, "--json"])
        .json();
    assert_eq!(reports.as_array().unwrap().len(), 12);
    assert_eq!(ledger.run(&["check"]).status, 0);
}

#[test]
fn rows_the_ledger_cannot_take_as_they_stand_are_named() {
    let ledger = Ledger::seeded();
    // #7 is kept up without end (长期坚持) before the packet; #20 passes to 汉滨区 after it
    ledger
        .run(&[
            "--today=2019-12-05",
            "progress",
            "7",
            "--text",
            "常态化",
            "--status",
            "长期坚持",
        ])
        .ok();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    ledger
        .run(&[
            "--today=2019-12-11",
            "task",
            "edit",
            "20",
            "--unit",
            "汉滨区",
        ])
        .ok();
    let filled = fill(
        &folder.join(packet_name(PERIOD, OFFICE)),
        &ledger.dir.path().join("filled.xlsx"),
        json!({
            "rows": {
                "1": {"progress": "第一行", "date": "2019-12-12"},
                "5": {"progress": "坚持宣传", "date": "2019-12-12", "status": "待销号"},
                "6": {"progress": "没有日期"},
                "8": {"progress": "已不归我们", "date": "2019-12-12"}
            },
            "footer": {"填报日期": "12月8日"},
            "footer_date_as": "raw",
            "copy_row": 1,
            "copy_progress": "抄来的一行"
        }),
    );
    let run = collect(&ledger, &[&filled]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "市“双打”办：进展 2 条；1 项申请的状态不能由当前状态转入（#7），其进展已收；拒收 4 行（\
         第 10 行：进展日期为空且填报日期无法识别；\
         第 12 行：任务已改由汉滨区负责；\
         第 14 行：重复的行；\
         第 17 行：填报日期“12月8日”不是日期）。"
    );
    assert_eq!(ledger.task_json(7)["status"], "ongoing");
    let texts = |seq| -> Vec<String> {
        ledger.task_json(seq)["progress"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(3), ["第一行"]);
    assert_eq!(texts(7), ["常态化", "坚持宣传"]);
    untouched(&ledger, 8);
    assert!(texts(20).is_empty());
}

#[test]
fn a_file_collected_again_on_another_day_adds_nothing() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD]);
    // no 进展日期 and no 填报日期: the entry takes the day the file first came back
    let filled = fill(
        &folder.join(packet_name(PERIOD, "石泉县")),
        &ledger.dir.path().join("filled.xlsx"),
        json!({"rows": {"1": {"progress": "已推进"}}}),
    );
    let first = collect(&ledger, &[&filled]);
    assert_eq!(first.stdout.trim(), "石泉县：进展 1 条。");
    let after = ledger.dump();
    let again = ledger
        .run(&["--today=2019-12-18", "collect", filled.to_str().unwrap()])
        .ok();
    assert!(
        again.contains("进展 0 条（此前已收取，没有新内容）"),
        "{again}"
    );
    assert_eq!(ledger.dump(), after);
    assert_eq!(ledger.task_json(11)["progress"][0]["date"], "2019-12-15");

    // the office sends the period's packet again (a corrected due date): 石泉县 has reported
    ledger
        .run(&[
            "--today=2019-12-16",
            "packet",
            "--period",
            PERIOD,
            "--due",
            "2019-12-18",
            "--force",
            "-o",
            folder.to_str().unwrap(),
        ])
        .ok();
    let reports = ledger
        .run(&["--today=2019-12-20", "reports", "--json"])
        .json();
    let state = |unit: &str| {
        reports
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == unit)
            .map(|r| r["state"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(state("石泉县"), "collected");
    assert_eq!(state("汉滨区"), "late");
}

#[test]
fn a_file_whose_every_row_is_refused_has_not_reported() {
    let ledger = Ledger::seeded();
    let folder = ledger.packets("2019-12-10", &["--period", PERIOD, "--due", "2019-12-20"]);
    let filled = fill(
        &folder.join(packet_name(PERIOD, "石泉县")),
        &ledger.dir.path().join("filled.xlsx"),
        json!({"rows": {"1": {"progress": "已推进"}},
               "locked": {"1": {"整改措施": "换一个"}}, "footer": {"填报人": "张三"}}),
    );
    let run = collect(&ledger, &[&filled]);
    assert_eq!(
        run.stdout.trim(),
        "石泉县：进展 0 条；拒收 1 行（第 5 行：整改措施被修改）。"
    );
    let reports = ledger
        .run(&["--today=2019-12-15", "reports", "--json"])
        .json();
    let shiquan = reports
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"] == "石泉县")
        .unwrap();
    assert_eq!(shiquan["state"], "waiting");
    assert_eq!(shiquan["collected_on"], json!(null));
    untouched(&ledger, 11);
}
