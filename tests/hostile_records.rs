//! Records, the log and output attacked as a careless or a hostile user would: documents whose
//! records break the rules, references meant to reach another record, a tampered log, a clock
//! that was wrong, output that cannot be written, a reader without the right to write, names
//! with control characters. The real binary on real files, compared byte for byte.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{BIN, Ledger, bytes_of, run_with};

/// A seeded ledger's JSON document as a value, to be spoiled case by case.
fn document(ledger: &Ledger) -> serde_json::Value {
    let path = ledger.dir.path().join("doc.json");
    ledger
        .run(&["export", "--format", "json", "-o", path.to_str().unwrap()])
        .ok();
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn imported_records_obey_the_rules_typed_records_obey() {
    let source = Ledger::seeded();
    let doc = document(&source);
    let target = Ledger::seeded();
    let dir = target.dir.path();
    let before = target.dump();
    let edited = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = doc.clone();
        edit(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };
    #[rustfmt::skip]
    let cases: Vec<(&str, String, &str)> = vec![
        ("hash-code", edited(&|v| v["problems"][0]["code"] = "#7".into()), "problems[0].code 会被当作任务编号"),
        ("digit-code", edited(&|v| v["problems"][0]["code"] = "5".into()), "problems[0].code 会被当作任务编号"),
        ("spaced-code", edited(&|v| v["problems"][0]["code"] = "G 1".into()), "problems[0].code 含有空格"),
        ("twin-code", edited(&|v| v["problems"][1]["code"] = "g1".into()), "problems[1].code"),
        ("negative-year", edited(&|v| v["tasks"][0]["deadline"] = "-0001-01-01".into()), "tasks[0].deadline 日期 -0001-01-01 超出"),
        ("far-year", edited(&|v| v["tasks"][0]["deadline"] = "3000-01-01".into()), "tasks[0].deadline"),
        ("old-feedback", edited(&|v| v["inspections"][0]["feedback_date"] = "1066-10-14".into()), "inspections[0].feedback_date"),
        ("largest-seq", edited(&|v| v["tasks"][0]["seq"] = i64::MAX.into()), "tasks[0].seq 数值 9223372036854775807 超出"),
        ("twin-seq", edited(&|v| v["tasks"][1]["seq"] = 1.into()), "tasks[1].seq"),
        ("negative-version", edited(&|v| v["tasks"][0]["version"] = (-1).into()), "tasks[0].version"),
        ("huge-order", edited(&|v| v["units"][0]["sort_order"] = i64::MAX.into()), "units[0].sort_order"),
        ("not-a-uuid", edited(&|v| v["units"][0]["uuid"] = "unit-1".into()), "units[0].uuid 不是 uuid"),
        ("capital-uuid", edited(&|v| {
            let upper = v["tasks"][0]["uuid"].as_str().unwrap().to_uppercase();
            v["tasks"][0]["uuid"] = upper.into();
        }), "tasks[0].uuid"),
        ("twin-unit", edited(&|v| {
            let name = v["units"][0]["name"].clone();
            v["units"][1]["name"] = name;
        }), "units[1].name"),
        // a unit may hold several measures of a problem, but not the same one twice
        ("twin-task", edited(&|v| {
            let unit = v["tasks"][0]["unit"].clone();
            let problem = v["tasks"][0]["problem"].clone();
            v["tasks"][1]["unit"] = unit;
            v["tasks"][1]["problem"] = problem;
        }), "tasks[1].measure"),
        ("half-extension", edited(&|v| v["tasks"][0]["original_deadline"] = "2019-12-20".into()), "tasks[0].extended_from"),
        ("extension-not-later", edited(&|v| {
            v["tasks"][0]["original_deadline"] = "2019-12-31".into();
            v["tasks"][0]["extended_from"] = "2019-12-31".into();
            v["tasks"][0]["extended_on"] = "2019-12-20".into();
            v["tasks"][0]["extension_reason"] = "x".into();
        }), "tasks[0].deadline"),
        ("future-progress", edited(&|v| {
            v["progress"] = serde_json::json!([{
                "uuid": "0b4c1e4e-5a52-4f7e-9c37-3b3b1f0c9a11", "task": v["tasks"][0]["uuid"].clone(),
                "date": "2019-12-30", "text": "x", "evidence": "", "author": "a",
                "created_at": "2019-12-20T00:00:00.000Z"
            }])
        }), "progress[0].date 日期 2019-12-30 晚于今天"),
    ];
    let mut paths = Vec::new();
    for (name, text, message) in &cases {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, text).unwrap();
        let run = target.run(&["--today", "2019-12-26", "import", path.to_str().unwrap()]);
        assert_eq!(run.status, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{name}: {}", run.stderr);
        assert_eq!(target.dump(), before, "{name} changed the ledger");
        paths.push(path);
    }
    // a key twice in one object: the first would hide behind the second
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let doubled = text.replacen("\"seq\": 1,", "\"seq\": 1,\n      \"seq\": 9,", 1);
    let path = dir.join("doubled.json");
    std::fs::write(&path, doubled).unwrap();
    let run = target.run(&["import", path.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("tasks[0].seq 在同一对象中出现了两次"),
        "{}",
        run.stderr
    );
    // a byte-order mark is no reason to refuse a document
    let bom = dir.join("bom.json");
    std::fs::write(&bom, [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat()).unwrap();
    let run = target.run(&["import", "--dry-run", bom.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(target.dump(), before);
}

#[test]
fn import_reads_plain_files_of_a_sane_size_only() {
    let ledger = Ledger::seeded();
    let dir = ledger.dir.path();
    let before = ledger.dump();
    let fifo = dir.join("pipe.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len((256 << 20) + 1)
        .unwrap();
    let missing = dir.join("missing.json");
    #[rustfmt::skip]
    let cases: Vec<(&Path, &str)> = vec![
        (&fifo, "不是普通文件"),
        (Path::new("/dev/zero"), "不是普通文件"),
        (&huge, "太大（最多 256 MiB）"),
        (&missing, "missing.json\"：不存在"),
        (dir, "这是一个文件夹"),
    ];
    for (path, message) in cases {
        // a pipe would hang the import; the child is given a few seconds
        let mut child = common::command()
            .arg("--db")
            .arg(&ledger.path)
            .arg("import")
            .arg(path)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                panic!("import of {path:?} hangs");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{path:?}: {stderr}");
        assert!(stderr.contains(message), "{path:?}: {stderr}");
    }
    assert_eq!(ledger.dump(), before);
}

#[test]
fn references_never_resolve_to_another_record() {
    let ledger = Ledger::seeded();
    // a ledger from before the rule, holding a problem coded like a task number
    Command::new("sqlite3")
        .arg(&ledger.path)
        .arg("UPDATE problem SET code = '5' WHERE code = 'G2'")
        .status()
        .unwrap();
    let shown = ledger.run(&["show", "5", "--json"]).json();
    assert_eq!(shown["seq"], 5, "`show 5` is task #5: {shown}");
    ledger.run(&["close", "5", "--note", "核实完成"]).ok();
    let list = common::tasks_of_list(&ledger.run(&["list", "--json"]).json());
    let closed: Vec<i64> = list
        .iter()
        .filter(|t| t["status"] == "closed")
        .map(|t| t["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(closed, vec![5]);
    // and `check` names the code that breaks the rule
    let check = ledger.run(&["check"]);
    assert!(
        check.stdout.contains("问题编号不合规则"),
        "{}",
        check.stdout
    );
}

/// Runs SQL on the ledger with the sqlite3 shell; says whether it succeeded.
fn sqlite3(path: &Path, sql: &str) -> bool {
    Command::new("sqlite3")
        .arg(path)
        .arg(sql)
        .stderr(Stdio::null())
        .status()
        .expect("the sqlite3 shell is installed (.ci/run installs it)")
        .success()
}

#[test]
fn the_log_cannot_be_rewritten_unseen() {
    let ledger = Ledger::seeded();
    ledger.run(&["progress", "3", "--text", "已部署"]).ok();
    let before = ledger.dump();
    // REPLACE deletes without firing DELETE triggers: it is refused like any other rewrite
    assert!(!sqlite3(
        &ledger.path,
        "REPLACE INTO event (id, tx, at, actor, entity, entity_uuid, action, changes)
         VALUES (1, 't', '2019-01-01T00:00:00.000Z', '冒名', 'task', 'u', 'update', '{}')"
    ));
    assert!(!sqlite3(
        &ledger.path,
        "INSERT INTO event (tx, at, actor, entity, entity_uuid, action, changes) VALUES ('t', 'x', 'y', 'task', 'u', 'update', '{}')"
    ));
    assert!(!sqlite3(
        &ledger.path,
        "UPDATE event SET actor = '冒名' WHERE id = 1"
    ));
    assert!(!sqlite3(&ledger.path, "DELETE FROM event WHERE id = 1"));
    assert_eq!(ledger.dump(), before);
    assert_eq!(ledger.run(&["check"]).status, 0);

    #[rustfmt::skip]
    let tamperings: Vec<(&str, &str, Vec<&str>)> = vec![
        ("triggers dropped, log emptied",
         "DROP TRIGGER event_no_delete; DELETE FROM event;",
         vec!["缺少本版本的表、索引或触发器：trigger event_no_delete", "记录在操作日志中没有来历：task #1", "记录在操作日志中没有来历：unit 市公安局"]),
        ("a task deleted",
         "PRAGMA foreign_keys = OFF; DELETE FROM task WHERE seq = 7;",
         vec!["操作日志记载的记录已不存在"]),
        ("a progress entry deleted",
         "DELETE FROM progress;",
         vec!["操作日志记载的记录已不存在"]),
        ("a status set by hand",
         "UPDATE task SET status = 'submitted' WHERE seq = 2;",
         vec!["记录与操作日志最后记载的值不符：task #2 status"]),
        ("an event in the middle removed",
         "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = 10;",
         vec!["操作日志有缺失，缺在事件：11", "操作日志被改动（哈希链断开）于事件：11"]),
        ("the newest events cut off",
         "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id > (SELECT max(id) - 2 FROM event);",
         vec!["记录在操作日志中没有来历"]),
    ];
    for (what, sql, findings) in tamperings {
        let copy = ledger.dir.path().join("copy.db");
        let _ = std::fs::remove_file(&copy);
        ledger.run(&["backup", copy.to_str().unwrap()]).ok();
        assert!(sqlite3(&copy, sql), "{what}");
        let check = run_with(&["check"], &copy);
        assert_eq!(check.status, 1, "{what}: {}", check.stdout);
        for finding in findings {
            assert!(
                check.stdout.contains(finding),
                "{what}: {finding}\n{}",
                check.stdout
            );
        }
    }
}

#[test]
fn a_clock_that_was_once_wrong_pins_no_time() {
    let ledger = Ledger::seeded();
    // the newest event says 2099: a machine whose clock was wrong once
    assert!(sqlite3(
        &ledger.path,
        "DROP TRIGGER event_no_update;
         UPDATE event SET at = '2099-01-01T00:00:00.000Z' WHERE id = (SELECT max(id) FROM event);"
    ));
    ledger.run(&["close", "4", "--note", "按期完成"]).ok();
    let task = ledger.task_json(4);
    let closed_at = task["closed_at"].as_str().unwrap();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    assert!(closed_at <= now.as_str(), "{closed_at} is after {now}");
    assert!(closed_at.starts_with(&now[..4]), "{closed_at}");
}

#[test]
fn a_saved_write_is_reported_as_saved() {
    let ledger = Ledger::seeded();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = common::command()
        .arg("--db")
        .arg(&ledger.path)
        .args(["progress", "1", "--text", "只写一次"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("修改已保存") && stderr.contains("不要重试"),
        "{stderr}"
    );
    let task = ledger.task_json(1);
    assert_eq!(task["progress"].as_array().unwrap().len(), 1);
    // a read that cannot be written out is a failure
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = common::command()
        .arg("--db")
        .arg(&ledger.path)
        .arg("list")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("磁盘已满"));
}

/// Runs the binary as the unprivileged user 65534 (nobody), when the machine allows it.
fn as_nobody(db: &Path, args: &[&str]) -> Option<common::Run> {
    let probe = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            BIN,
            "--version",
        ])
        .output();
    match probe {
        Ok(out) if out.status.success() => {}
        _ => {
            eprintln!(
                "skipped: cannot run {BIN} as user 65534 here (setpriv, or the path is not readable)"
            );
            return None;
        }
    }
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
        .arg("--db")
        .arg(db)
        .args(args)
        .env("ZHENGGAI_USER", "来访者")
        .env_remove("ZHENGGAI_DB")
        .output()
        .unwrap();
    Some(common::Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

#[test]
fn a_ledger_one_may_read_but_not_write_is_readable() {
    use std::os::unix::fs::PermissionsExt;
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: making files of another owner needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let open = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    open(dir.path(), 0o755).unwrap();
    // a 0644 ledger of another owner (root), in a folder nobody may write
    let theirs = dir.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    open(&theirs, 0o755).unwrap();
    let ledger = theirs.join("ledger.db");
    run_with(&["init"], &ledger).ok();
    open(&ledger, 0o644).unwrap();
    // a ledger the user owns, in a folder they may not write
    let shut = dir.path().join("shut");
    std::fs::create_dir(&shut).unwrap();
    let own = shut.join("own.db");
    run_with(&["init"], &own).ok();
    std::os::unix::fs::chown(&own, Some(65534), Some(65534)).unwrap();
    open(&shut, 0o555).unwrap();
    for path in [&ledger, &own] {
        let before = bytes_of(path);
        let Some(list) = as_nobody(path, &["list", "--json"]) else {
            return;
        };
        assert_eq!(list.status, 0, "{path:?}: {}", list.stderr);
        assert_eq!(common::tasks_of_list(&list.json()).len(), 21);
        let close = as_nobody(path, &["close", "1", "--note", "x"]).unwrap();
        assert_eq!(close.status, 1, "{path:?}: {}", close.stderr);
        assert!(close.stderr.contains("只读"), "{path:?}: {}", close.stderr);
        assert!(bytes_of(path) == before, "{path:?} changed");
    }
}

#[test]
fn messages_name_the_file_and_the_cause() {
    let ledger = Ledger::seeded();
    let dir = ledger.dir.path();
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let under = file.join("ledger.db");
    let run = run_with(&["init"], &under);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("a-file\" 是一个文件，不是文件夹"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    let run = ledger.run(&["history", "--limit", "0"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("至少为 1"), "{}", run.stderr);
    let run = common::command()
        .env("ZHENGGAI_DB", "")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("台账路径是空的"));
}

#[test]
fn no_control_character_of_the_user_reaches_the_terminal() {
    let ledger = Ledger::seeded();
    let evil = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m";
    #[rustfmt::skip]
    let runs: Vec<Vec<&str>> = vec![
        vec!["show", evil],
        vec!["close", evil, "--note", "x"],
        vec!["unit", "add", evil, "--kind", "其他"],
        vec!["unit", "rename", evil, "新名"],
        vec!["unit", "deactivate", evil],
        vec!["task", "add", "--problem", evil, "--unit", "市公安局", "--measure", "m", "--deadline", "2019-12-31"],
        vec!["task", "add", "--problem", "G1", "--unit", evil, "--measure", "m", "--deadline", "2019-12-31"],
        vec!["problem", "add", "--code", evil, "--category", "other", "--title", "t"],
        vec!["progress", "1", "--text", "x", "--date", evil],
        vec!["list", "--unit", evil],
        vec!["list", "--status", evil],
        vec!["export", "--format", evil],
        vec!["history", evil],
        vec!["--user", "好人", "problem", "add", "--code", "Q1", "--category", "other", "--title", "t", "--lead", evil],
    ];
    for args in runs {
        let run = ledger.run(&args);
        for text in [&run.stdout, &run.stderr] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{args:?}: {text:?}"
            );
        }
        assert_ne!(run.status, 0, "{args:?}");
    }
}
