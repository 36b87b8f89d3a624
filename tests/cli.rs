//! The command line, through the real binary on real ledger files.

mod common;

use common::{COUNTIES, Ledger, seqs, tasks_of_list};
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
            "--assigned",
            "2019-12-10",
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
    ledger
        .run(&["close", "1", "--note", "已查办", "--date", "2019-12-20"])
        .ok();
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
