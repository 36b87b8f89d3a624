//! The command line, through the real binary on real ledger files.

mod common;

use common::{Ledger, seqs, tasks_of_list};
use serde_json::Value;

const TITLES: [(&str, &str, &str); 10] = [
    ("G1", "shared", "侵权假冒案件办案量不达标"),
    ("G2", "shared", "报送工作信息不达标"),
    ("G3", "shared", "维护和管理“侵权假冒网”不达标"),
    ("G4", "shared", "未开展“两法”衔接培训"),
    ("G5", "shared", "宣传报道网监侵权假冒工作不力"),
    ("G6", "shared", "社会对打击侵权假冒工作满意度不高"),
    ("W1", "weak", "个别县区“双打”工作领导小组未建立"),
    ("W2", "weak", "工作机制尚未完全理顺"),
    ("W3", "weak", "重点工作任务欠账较大"),
    ("W4", "weak", "市“双打”办综合协调能力需要提升"),
];

const COUNTIES: [&str; 10] = [
    "汉滨区",
    "汉阴县",
    "石泉县",
    "宁陕县",
    "紫阳县",
    "岚皋县",
    "平利县",
    "镇坪县",
    "旬阳县",
    "白河县",
];

#[test]
fn a_new_ledger_holds_the_feedback() {
    let ledger = Ledger::seeded();

    let problems = ledger.run(&["problems", "--json"]).json();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 10);
    for (problem, (code, category, title)) in problems.iter().zip(TITLES) {
        assert_eq!(problem["code"], code);
        assert_eq!(problem["category"], category);
        assert_eq!(problem["title"], title);
        assert_eq!(problem["lead_unit"], "市“双打”办");
        assert_eq!(problem["closed"], 0);
        assert!(problem["uuid"].as_str().unwrap().len() == 36);
    }

    let list = ledger.run(&["list", "--json"]).json();
    let tasks = tasks_of_list(&list);
    assert_eq!(tasks.len(), 21);
    assert_eq!(seqs(&tasks), (1..=21).collect::<Vec<_>>());
    for task in &tasks {
        assert_eq!(task["deadline"], "2019-12-31");
        assert_eq!(task["status"], "not_started");
    }
    let owners = |code: &str| -> Vec<String> {
        tasks
            .iter()
            .filter(|t| t["problem"] == code)
            .map(|t| t["unit"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(owners("G1"), ["市公安局", "市农业农村局", "市“双打”办"]);
    assert_eq!(owners("W1"), COUNTIES);
    for code in ["G2", "G3", "G4", "G5", "G6", "W2", "W3", "W4"] {
        assert_eq!(owners(code), ["市“双打”办"], "{code}");
    }

    let units = ledger.run(&["unit", "list", "--json"]).json();
    let units = units.as_array().unwrap();
    assert_eq!(units.len(), 13);
    let kinds: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u["name"].as_str().unwrap(), u["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds[0], ("市“双打”办", "office"));
    assert_eq!(kinds[1], ("市公安局", "department"));
    assert_eq!(kinds[2], ("市农业农村局", "department"));
    assert_eq!(
        kinds[3..].iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        COUNTIES
    );
    assert!(kinds[3..].iter().all(|(_, k)| *k == "county"));

    let g4 = ledger.run(&["show", "G4", "--json"]).json();
    assert_eq!(g4["title"], "未开展“两法”衔接培训");
    assert_eq!(g4["category"], "shared");
    let g4_tasks = g4["tasks"].as_array().unwrap();
    assert_eq!(g4_tasks.len(), 1);
    assert_eq!(g4_tasks[0]["measure"], "组织开展“两法”衔接培训");
    assert_eq!(g4_tasks[0]["unit"], "市“双打”办");
    assert!(
        g4["description"]
            .as_str()
            .unwrap()
            .contains("未开展“两法”衔接培训")
    );
    assert!(!g4["history"].as_array().unwrap().is_empty());
}

#[test]
fn a_given_path_without_a_ledger_is_refused_not_created() {
    let ledger = Ledger::missing();
    for args in [&["problems"][..], &["close", "99", "--note", "x"]] {
        let run = ledger.run(args);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(run.stderr.contains("没有台账文件"), "{}", run.stderr);
        assert!(run.stderr.contains("init"), "{}", run.stderr);
    }
    assert!(!ledger.path.exists());
    assert_eq!(std::fs::read_dir(ledger.dir.path()).unwrap().count(), 0);
}

#[test]
fn init_refuses_an_existing_file() {
    let ledger = Ledger::seeded();
    let before = ledger.dump();
    let again = ledger.run(&["init"]);
    assert_eq!(again.status, 2);
    assert!(again.stderr.contains("已存在"), "{}", again.stderr);
    assert_eq!(ledger.dump(), before);
}

#[test]
fn an_empty_ledger_has_no_feedback() {
    let ledger = Ledger::missing();
    ledger.run(&["init", "--empty"]).ok();
    assert_eq!(
        ledger.run(&["problems", "--json"]).json(),
        Value::Array(vec![])
    );
    ledger
        .run(&["unit", "add", "石泉县", "--kind", "县区"])
        .ok();
    ledger
        .run(&[
            "problem",
            "add",
            "--code",
            "X1",
            "--category",
            "其他",
            "--title",
            "新问题",
        ])
        .ok();
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "X1",
            "--unit",
            "石泉县",
            "--measure",
            "立即整改",
            "--deadline",
            "2020-03-31",
        ])
        .ok();
    let x1 = ledger.run(&["show", "X1", "--json"]).json();
    assert_eq!(x1["tasks"][0]["seq"], 1);
    assert_eq!(x1["category"], "other");
}

/// The whole life of tasks through the binary, each step checked in the ledger afterwards.
#[test]
fn the_life_of_a_task() {
    let ledger = Ledger::seeded();
    let at = |day: &str| format!("--today={day}");

    // task add prints the new number
    let out = ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "石泉县",
            "--measure",
            "开展食品药品专项检查",
            "--deadline",
            "2019/12/28",
            "--person",
            "王五",
            "--support",
            "市公安局",
        ])
        .ok();
    assert!(out.contains("#22"), "{out}");
    let task = ledger.task_json(22);
    assert_eq!(task["problem"], "G1");
    assert_eq!(task["unit"], "石泉县");
    assert_eq!(task["person"], "王五");
    assert_eq!(task["deadline"], "2019-12-28");
    assert_eq!(task["support_units"], serde_json::json!(["市公安局"]));

    // assign: one task per county
    let out = ledger
        .run(&[
            "assign",
            "W2",
            "--kind",
            "县区",
            "--measure",
            "确定专门科室和联络员",
            "--deadline",
            "2019年12月31日",
        ])
        .ok();
    assert!(out.contains("10"), "{out}");
    let w2 = ledger.run(&["show", "W2", "--json"]).json();
    let w2_tasks = w2["tasks"].as_array().unwrap();
    assert_eq!(w2_tasks.len(), 11);
    let county_units: Vec<&str> = w2_tasks[1..]
        .iter()
        .map(|t| t["unit"].as_str().unwrap())
        .collect();
    assert_eq!(county_units, COUNTIES);
    assert_eq!(seqs(&w2_tasks[1..]), (23..=32).collect::<Vec<_>>());

    // progress with a status change
    ledger
        .run(&[
            &at("2019-12-26"),
            "progress",
            "#22",
            "--text",
            "已开展检查 12 次，查办案件 2 起",
            "--date",
            "2019-12-20",
            "--evidence",
            "石双打〔2019〕5号",
            "--status",
            "待销号",
        ])
        .ok();
    let task = ledger.task_json(22);
    assert_eq!(task["status"], "submitted");
    assert_eq!(task["last_progress"]["date"], "2019-12-20");
    assert_eq!(
        task["last_progress"]["text"],
        "已开展检查 12 次，查办案件 2 起"
    );
    assert_eq!(task["progress"][0]["evidence"], "石双打〔2019〕5号");
    assert_eq!(task["progress"][0]["author"], "测试员");

    // close with a note: verifier and time recorded
    ledger
        .run(&[
            "--user",
            "李科长",
            "close",
            "22",
            "--note",
            "经核查，整改到位，同意销号",
            "--evidence",
            "核查记录",
        ])
        .ok();
    let task = ledger.task_json(22);
    assert_eq!(task["status"], "closed");
    assert_eq!(task["close_note"], "经核查，整改到位，同意销号");
    assert_eq!(task["closed_by"], "李科长");
    assert_eq!(task["close_evidence"], "核查记录");
    let closed_at = task["closed_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(closed_at).is_ok(),
        "{closed_at}"
    );

    // reopen with a reason (回头看)
    ledger
        .run(&["reopen", "22", "--reason", "回头看发现问题反弹"])
        .ok();
    let task = ledger.task_json(22);
    assert_eq!(task["status"], "in_progress");
    assert_eq!(task["reopen_reason"], "回头看发现问题反弹");
    assert_eq!(task["closed_at"], Value::Null);
    assert_eq!(task["close_note"], Value::Null);

    // close G2 closes every open task of G2 and leaves the closed one alone
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G2",
            "--unit",
            "汉阴县",
            "--measure",
            "及时录入执法信息",
            "--deadline",
            "2019-12-31",
        ])
        .ok();
    let out = ledger
        .run(&["close", "G2", "--note", "信息已全部录入"])
        .ok();
    assert!(out.contains("2 项任务：#4 #33"), "{out}");
    let g2 = ledger.run(&["show", "G2", "--json"]).json();
    let g2_tasks = g2["tasks"].as_array().unwrap();
    assert_eq!(g2_tasks.len(), 2);
    for task in g2_tasks {
        assert_eq!(task["status"], "closed");
        assert_eq!(task["close_note"], "信息已全部录入");
    }
    assert_eq!(g2["state"], "closed");
    let again = ledger.run(&["close", "G2", "--note", "再次销号"]);
    assert_eq!(again.status, 2, "{}", again.stderr);

    // history shows each change with old and new values
    let history = ledger.task_json(22)["history"].clone();
    let history = history.as_array().unwrap();
    let actions: Vec<&str> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["reopen", "close", "status", "create", "create"]);
    let change = |event: &Value, field: &str| -> (Value, Value) {
        let c = event["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["field"] == field)
            .unwrap_or_else(|| panic!("no change of {field} in {event}"));
        (c["old"].clone(), c["new"].clone())
    };
    assert_eq!(
        change(&history[0], "status"),
        ("closed".into(), "in_progress".into())
    );
    assert_eq!(
        change(&history[0], "close_note"),
        ("经核查，整改到位，同意销号".into(), Value::Null)
    );
    assert_eq!(
        change(&history[1], "status"),
        ("submitted".into(), "closed".into())
    );
    assert_eq!(history[1]["actor"], "李科长");
    assert_eq!(
        change(&history[2], "status"),
        ("not_started".into(), "submitted".into())
    );
    assert_eq!(history[3]["entity"], "progress");
    assert_eq!(
        change(&history[3], "text"),
        (Value::Null, "已开展检查 12 次，查办案件 2 起".into())
    );

    // and the text history says the same, in Chinese
    let text = ledger.run(&["history", "22"]).ok();
    assert!(text.contains("状态：已销号 → 整改中"), "{text}");
    assert!(
        text.contains("重开/退回原因：（空） → 回头看发现问题反弹"),
        "{text}"
    );
    assert!(text.contains("李科长"), "{text}");
}

#[test]
fn a_submitted_task_can_be_returned() {
    let ledger = Ledger::seeded();
    ledger
        .run(&[
            "--today",
            "2019-12-26",
            "progress",
            "6",
            "--text",
            "培训已组织",
            "--status",
            "submitted",
        ])
        .ok();
    let out = ledger
        .run(&["reopen", "6", "--reason", "佐证材料不全"])
        .ok();
    assert!(out.contains("退回"), "{out}");
    let task = ledger.task_json(6);
    assert_eq!(task["status"], "in_progress");
    assert_eq!(task["history"][0]["action"], "return");
}

#[test]
fn lights_and_overdue_follow_the_day() {
    let ledger = Ledger::seeded();
    ledger.run(&["close", "1", "--note", "已查办"]).ok();
    for (day, light, overdue) in [
        ("2019-12-20", "green", false),
        ("2019-12-26", "yellow", false),
        ("2020-01-05", "red", true),
    ] {
        let list = ledger.run(&["--today", day, "list", "--json"]).json();
        let tasks = tasks_of_list(&list);
        for task in &tasks {
            if task["seq"] == 1 {
                assert_eq!(task["light"], Value::Null, "a closed task has no light");
                assert_eq!(task["overdue"], false);
            } else {
                assert_eq!(task["light"], light, "{day} #{}", task["seq"]);
                assert_eq!(task["overdue"], overdue, "{day}");
            }
        }
        let by_light = tasks_of_list(
            &ledger
                .run(&["--today", day, "list", "--light", light, "--json"])
                .json(),
        );
        assert_eq!(seqs(&by_light), (2..=21).collect::<Vec<_>>(), "{day}");
        let overdue_list = tasks_of_list(
            &ledger
                .run(&["--today", day, "list", "--overdue", "--json"])
                .json(),
        );
        let expected: Vec<i64> = if overdue { (2..=21).collect() } else { vec![] };
        assert_eq!(seqs(&overdue_list), expected, "{day}");
        // the Chinese name of the light filters the same
        let zh = match light {
            "green" => "绿",
            "yellow" => "黄",
            _ => "红",
        };
        let by_zh = tasks_of_list(
            &ledger
                .run(&["--today", day, "list", "--light", zh, "--json"])
                .json(),
        );
        assert_eq!(seqs(&by_zh), seqs(&by_light));
    }
    // ZHENGGAI_TODAY is the same as --today
    let run = common::command()
        .env("ZHENGGAI_TODAY", "2020-01-05")
        .arg("--db")
        .arg(&ledger.path)
        .args(["list", "--overdue", "--json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(tasks_of_list(&list).len(), 20);
}

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
fn messages_follow_the_language() {
    let ledger = Ledger::seeded();
    let zh = ledger.run(&["close", "999", "--note", "x"]);
    assert_eq!(zh.status, 2);
    assert!(zh.stderr.contains("没有任务"), "{}", zh.stderr);
    let en = ledger.run(&["--lang", "en", "close", "999", "--note", "x"]);
    assert_eq!(en.status, 2);
    assert!(en.stderr.contains("There is no task"), "{}", en.stderr);
    let list = ledger.run(&["--lang", "en", "list"]).ok();
    assert!(list.contains("not started"), "{list}");
    let bad = ledger.run(&["--lang", "fr", "list"]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("zh / en"), "{}", bad.stderr);
}

/// Each kind of bad input: exit status 2, one sentence on stderr, and the ledger unchanged.
#[test]
fn bad_input_changes_nothing() {
    let ledger = Ledger::seeded();
    ledger.run(&["close", "4", "--note", "已录入"]).ok();
    #[rustfmt::skip]
    let cases: &[(&[&str], &str)] = &[
        (&["progress", "1", "--text", "x", "--date", "2019-13-01"], "无法识别的日期“2019-13-01”"),
        (&["progress", "1", "--text", "x", "--date", "明天见"], "无法识别的日期“明天见”"),
        (&["progress", "1", "--text", "x", "--date", "+3000000d"], "无法识别的日期“+3000000d”"),
        (&["task", "edit", "1", "--deadline", "明天见"], "无法识别的日期"),
        (&["task", "edit", "1", "--deadline", "-800000d"], "无法识别的日期“-800000d”"),
        (&["task", "edit", "1", "--deadline", "1899-12-31"], "无法识别的日期“1899-12-31”"),
        (&["--today", "明天见", "list"], "无法识别的日期"),
        (&["close", "1", "--note", ""], "销号说明不能为空"),
        (&["close", "1", "--note", "   "], "销号说明不能为空"),
        (&["close", "1"], "销号说明不能为空"),
        (&["close", "G1"], "销号说明不能为空"),
        (&["reopen", "4", "--reason", ""], "原因不能为空"),
        (&["task", "add", "--problem", "G1", "--unit", "西安市", "--measure", "m", "--deadline", "2019-12-31"], "没有名为“西安市”的单位"),
        (&["assign", "W3", "--units", "汉滨区,不存在县", "--measure", "m", "--deadline", "2019-12-31"], "没有名为“不存在县”的单位"),
        (&["list", "--unit", "西安市"], "没有名为“西安市”的单位"),
        (&["close", "99", "--note", "x"], "没有任务 #99"),
        (&["progress", "#99", "--text", "x"], "没有任务 #99"),
        (&["show", "G9"], "找不到“G9”"),
        (&["close", "G9", "--note", "x"], "找不到“G9”"),
        (&["task", "add", "--problem", "G9", "--unit", "汉滨区", "--measure", "m", "--deadline", "2019-12-31"], "没有编号为“G9”的问题"),
        (&["progress", "1", "--text", "x", "--status", "closed"], "请用 zhenggai close"),
        (&["progress", "4", "--text", "x", "--status", "submitted"], "不能从“已销号”改为“待销号”"),
        (&["progress", "4", "--text", "x", "--status", "in_progress"], "请用 zhenggai reopen"),
        (&["progress", "1", "--text", "x", "--status", "done"], "无法识别“done”"),
        (&["reopen", "1", "--reason", "x"], "只有已销号或待销号的任务才能重开"),
        (&["problem", "add", "--code", "G1", "--category", "shared", "--title", "重复"], "问题编号 G1 已被使用"),
        (&["problem", "add", "--code", "g1", "--category", "shared", "--title", "重复"], "问题编号 g1 已被使用"),
        (&["problem", "edit", "G1", "--code", "G2"], "问题编号 G2 已被使用"),
        (&["problem", "add", "--code", "12", "--category", "shared", "--title", "数字"], "纯数字"),
        (&["problem", "add", "--code", "G 7", "--category", "shared", "--title", "空格"], "含有空格"),
        (&["problem", "add", "--code", "G7", "--category", "严重", "--title", "类别"], "无法识别“严重”"),
        (&["close", "4", "--note", "再次销号"], "任务 #4 已经销号"),
        (&["close", "#4", "--note", "再次销号"], "任务 #4 已经销号"),
        (&["task", "add", "--problem", "G1", "--unit", "市公安局", "--measure", "m", "--deadline", "2019-12-31"], "已有 市公安局 的任务 #1"),
        (&["progress", "1", "--text", "x", "--date", "2030-01-01"], "晚于今天"),
        (&["progress", "1", "--text", "bad\u{1b}[31m"], "控制字符"),
        (&["unit", "add", "汉滨区", "--kind", "县区"], "已有名为“汉滨区”的单位"),
        (&["unit", "deactivate", "汉滨区"], "还有 1 项未销号任务"),
        (&["task", "edit", "1"], "没有需要修改的内容"),
    ];
    let before = ledger.dump();
    for (args, message) in cases {
        let run = ledger.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim().lines().count(),
            1,
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert_eq!(ledger.dump(), before, "{args:?} changed the ledger");
    }
}

/// Files that are not ledgers are refused with a clear message and left exactly as they were.
#[test]
fn files_that_are_not_ledgers_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let random_path = dir.path().join("random.db");
    std::fs::write(&random_path, &random).unwrap();
    let text_path = dir.path().join("notes.txt");
    std::fs::write(&text_path, "整改台账\n这不是数据库\n").unwrap();
    let empty_path = dir.path().join("empty.db");
    std::fs::write(&empty_path, "").unwrap();
    let other_path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other_path).unwrap();
        conn.execute_batch("CREATE TABLE task (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO task (name) VALUES ('x');")
            .unwrap();
    }
    let cases = [
        (&random_path, "不是 SQLite 数据库"),
        (&text_path, "不是 SQLite 数据库"),
        (&empty_path, "空文件"),
        (&other_path, "其他程序的数据库"),
    ];
    for (path, why) in cases {
        let before = std::fs::read(path).unwrap();
        for args in [&["list"][..], &["close", "1", "--note", "x"], &["problems"]] {
            let run = common::run_with(args, path);
            assert_eq!(run.status, 2, "{path:?} {args:?}: {}", run.stderr);
            assert!(run.stderr.contains("不是整改台账"), "{}", run.stderr);
            assert!(run.stderr.contains(why), "{}", run.stderr);
        }
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "{path:?} was modified"
        );
    }
    // a directory
    let run = common::run_with(&["list"], dir.path());
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("文件夹"), "{}", run.stderr);
    // and nothing new appeared beside them (no -wal, -shm or journal)
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["empty.db", "notes.txt", "other.sqlite", "random.db"]
    );
}

#[test]
fn a_ledger_from_a_newer_version_is_refused() {
    let ledger = Ledger::seeded();
    {
        let conn = rusqlite::Connection::open(&ledger.path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = ledger.dump();
    let run = ledger.run(&["list"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("更新版本"), "{}", run.stderr);
    assert_eq!(ledger.dump(), before);
}

#[test]
fn help_and_a_bare_run_explain_themselves_without_a_terminal() {
    let help = common::command().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for command in [
        "init", "list", "problems", "show", "assign", "progress", "close", "reopen", "stats",
        "history",
    ] {
        assert!(help.contains(command), "{command} missing in {help}");
    }
    // without a terminal the TUI refuses with a hint, and touches no ledger
    let ledger = Ledger::missing();
    let bare = ledger.run(&[]);
    assert_eq!(bare.status, 2);
    assert!(bare.stderr.contains("zhenggai --help"), "{}", bare.stderr);
    assert!(!ledger.path.exists());
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

#[test]
fn units_can_be_renamed_and_deactivated() {
    let ledger = Ledger::seeded();
    ledger
        .run(&["unit", "add", "市市场监管局", "--kind", "市直部门"])
        .ok();
    ledger.run(&["unit", "rename", "旬阳县", "旬阳市"]).ok();
    assert_eq!(ledger.task_json(17)["unit"], "旬阳市");
    ledger.run(&["unit", "deactivate", "市市场监管局"]).ok();
    let run = ledger.run(&[
        "task",
        "add",
        "--problem",
        "G1",
        "--unit",
        "市市场监管局",
        "--measure",
        "m",
        "--deadline",
        "2019-12-31",
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("已停用"), "{}", run.stderr);
    let history = ledger.run(&["history", "--limit", "3", "--json"]).json();
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["deactivate", "rename", "create"]);
}

#[test]
fn escape_sequences_in_the_ledger_are_not_printed_raw() {
    let ledger = Ledger::seeded();
    {
        // old data, or another program, may have stored what our checks now refuse
        let conn = rusqlite::Connection::open(&ledger.path).unwrap();
        conn.execute(
            "UPDATE task SET measure = 'ok\u{1b}[2J\u{1b}]0;pwned\u{7}' WHERE seq = 1",
            [],
        )
        .unwrap();
    }
    for args in [&["list"][..], &["show", "1"], &["show", "G1"]] {
        let out = ledger.run(args).ok();
        assert!(!out.contains('\u{1b}'), "{args:?}: {out:?}");
        assert!(!out.contains('\u{7}'), "{args:?}");
    }
}

#[test]
fn the_default_ledger_lives_in_the_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let run = common::command()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .arg("problems")
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let path = data.join("zhenggai").join("ledger.db");
    assert!(path.is_file(), "no ledger at {path:?}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tasks: i64 = conn
        .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tasks, 21);
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
    let latest = "12-20 已开展检查12次";
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
