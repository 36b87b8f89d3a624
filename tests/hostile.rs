//! The ledger attacked as a careless or a hostile user would: files that are not what they seem,
//! logs that belong elsewhere, interrupted inits, planted links, bad documents, a tampered log,
//! output that cannot be written, a reader without the right to write. Each case compares the
//! bytes of every file concerned (and of its sidecars) before and after. Everything runs the real
//! binary on real files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{BIN, Ledger, run_with};
use rusqlite::Connection;

/// A ledger file and its sidecars, byte for byte (`None` where there is no file).
fn bytes_of(path: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            (suffix.to_string(), std::fs::read(PathBuf::from(name)).ok())
        })
        .collect()
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Runs `args` on `path` and asserts the status, a part of the message, and that the file and
/// its sidecars are exactly as they were.
#[track_caller]
fn refused_untouched(path: &Path, args: &[&str], status: i32, message: &str) {
    let before = bytes_of(path);
    let run = run_with(args, path);
    assert_eq!(run.status, status, "{path:?} {args:?}: {}", run.stderr);
    assert!(
        run.stderr.contains(message),
        "{path:?} {args:?}: {}",
        run.stderr
    );
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert!(
        bytes_of(path) == before,
        "{path:?} or a file beside it changed by {args:?}"
    );
}

/// A connection that writes through the log without ever folding it back, so the log and its
/// index stay beside the file as a crash would leave them.
fn logging(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn
}

/// Copies a ledger with its log and index (`-wal`, `-shm`) into `dir` while `conn` holds them:
/// what a process killed at that moment leaves.
fn crashed_copy(path: &Path, dir: &Path, name: &str, with_index: bool) -> PathBuf {
    let copy = dir.join(name);
    std::fs::copy(path, &copy).unwrap();
    std::fs::copy(sidecar(path, "-wal"), sidecar(&copy, "-wal")).unwrap();
    if with_index {
        std::fs::copy(sidecar(path, "-shm"), sidecar(&copy, "-shm")).unwrap();
    }
    copy
}

#[test]
fn a_ledger_of_a_newer_schema_is_refused_before_any_pragma() {
    let ledger = Ledger::seeded();
    // rollback-journal mode, as `VACUUM INTO` makes it: opening it for writing would switch
    // the file to WAL (header bytes 18–19) before the version was read
    let newer = ledger.dir.path().join("newer.db");
    Connection::open(&ledger.path)
        .unwrap()
        .execute_batch(&format!("VACUUM INTO '{}'", newer.display()))
        .unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    for args in [&["list"][..], &["close", "1", "--note", "x"], &["check"]] {
        refused_untouched(
            &newer,
            args,
            2,
            "由更新版本的 zhenggai 创建（结构版本 999）",
        );
    }
    // the version sits only in the log of a newer ledger that was not closed: it is read
    // from there, and neither the log nor its index is checkpointed or removed
    let conn = logging(&ledger.path);
    conn.pragma_update(None, "user_version", 999).unwrap();
    let crashed = crashed_copy(&ledger.path, ledger.dir.path(), "crashed.db", true);
    drop(conn);
    refused_untouched(&crashed, &["list"], 2, "结构版本 999");
    let no_index = ledger.dir.path().join("no-index.db");
    std::fs::copy(&crashed, &no_index).unwrap();
    std::fs::copy(sidecar(&crashed, "-wal"), sidecar(&no_index, "-wal")).unwrap();
    refused_untouched(&no_index, &["list"], 2, "结构版本 999");
}

#[test]
fn only_a_ledger_being_made_is_initialised() {
    let dir = tempfile::tempdir().unwrap();
    // our application id, but no schema and tables of its own
    let theirs = dir.path().join("theirs.db");
    Connection::open(&theirs)
        .unwrap()
        .execute_batch(
            "PRAGMA application_id = 1514622020;
             CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');",
        )
        .unwrap();
    refused_untouched(&theirs, &["list"], 2, "没有建完的台账");
    refused_untouched(
        &theirs,
        &["--lang", "en", "list"],
        2,
        "whose making was interrupted",
    );
    // and with no tables at all (an interrupted init of an older version)
    let bare = dir.path().join("bare.db");
    Connection::open(&bare)
        .unwrap()
        .execute_batch("PRAGMA application_id = 1514622020; CREATE TABLE x (y); DROP TABLE x;")
        .unwrap();
    refused_untouched(&bare, &["close", "1", "--note", "x"], 2, "没有建完的台账");
}

#[test]
fn a_log_of_another_database_is_never_replayed() {
    let ledger = Ledger::seeded();
    let dir = ledger.dir.path();
    // another ledger, written by zhenggai while a connection keeps its log open (as when a
    // process that had it open was killed)
    let other = dir.join("other.db");
    run_with(&["init"], &other).ok();
    let conn = logging(&other);
    conn.query_row("SELECT count(*) FROM task", [], |r| r.get::<_, i64>(0))
        .unwrap();
    for n in ["1", "2", "3"] {
        run_with(&["progress", n, "--text", "别的台账的进展"], &other).ok();
    }
    std::fs::copy(sidecar(&other, "-wal"), sidecar(&ledger.path, "-wal")).unwrap();
    refused_untouched(&ledger.path, &["list"], 1, "不属于这份台账");
    drop(conn);

    // another program's log (other page size)
    let program = dir.join("program.db");
    let conn = Connection::open(&program).unwrap();
    conn.execute_batch(
        "PRAGMA page_size = 1024; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE t (x); INSERT INTO t VALUES (1);",
    )
    .unwrap();
    std::fs::copy(sidecar(&program, "-wal"), sidecar(&ledger.path, "-wal")).unwrap();
    refused_untouched(&ledger.path, &["list"], 1, "页大小与台账不同");
    drop(conn);

    // bytes that are no log at all
    std::fs::write(
        sidecar(&ledger.path, "-wal"),
        "这不是预写日志，只是一个名字碰巧相同的文件，长度超过三十二个字节。",
    )
    .unwrap();
    refused_untouched(&ledger.path, &["list"], 1, "不是 SQLite 的预写日志");

    // this ledger's own log, left by a process that died, is replayed: nothing is lost
    std::fs::remove_file(sidecar(&ledger.path, "-wal")).unwrap();
    let conn = logging(&ledger.path);
    conn.execute_batch("INSERT INTO setting (key, value) VALUES ('title', '崩溃前的标题');")
        .unwrap();
    for (name, with_index) in [("with-index.db", true), ("without-index.db", false)] {
        let copy = crashed_copy(&ledger.path, dir, name, with_index);
        let list = run_with(&["list"], &copy);
        assert_eq!(list.status, 0, "{name}: {}", list.stderr);
        assert!(
            list.stdout.contains("崩溃前的标题"),
            "{name}: {}",
            list.stdout
        );
        assert_eq!(run_with(&["check"], &copy).status, 0, "{name}");
    }

    // a header a crash cut short or left zeroed is what SQLite takes for an empty log: the
    // ledger opens as it was
    let header_start = std::fs::read(sidecar(&ledger.path, "-wal")).unwrap()[..10].to_vec();
    drop(conn);
    for (what, bytes) in [("zeroed", vec![0u8; 32]), ("cut", header_start)] {
        std::fs::write(sidecar(&ledger.path, "-wal"), &bytes).unwrap();
        let list = ledger.run(&["list"]);
        assert_eq!(list.status, 0, "{what}: {}", list.stderr);
        assert!(list.stdout.contains("侵权假冒案件办案量不达标"), "{what}");
        assert_eq!(ledger.run(&["check"]).status, 0, "{what}");
    }
}

#[test]
fn an_interrupted_init_leaves_nothing_that_looks_like_a_ledger() {
    let seed = common::seed();
    let mut dice = common::Dice::new(seed);
    let dir = tempfile::tempdir().unwrap();
    for round in 0..20 {
        let path = dir.path().join(format!("l{round}.db"));
        let mut child = Command::new(BIN)
            .arg("--db")
            .arg(&path)
            .arg("init")
            .env("ZHENGGAI_USER", "测试员")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(dice.below(60_000)));
        let _ = child.kill();
        let _ = child.wait();
        if path.exists() {
            // there is a file only once the ledger is whole
            let check = run_with(&["check"], &path);
            assert_eq!(
                check.status, 0,
                "seed {seed} round {round}: {}",
                check.stdout
            );
            let list = run_with(&["list", "--json"], &path).json();
            assert_eq!(common::tasks_of_list(&list).len(), 21, "seed {seed}");
        } else {
            // and a new init makes one
            run_with(&["init"], &path).ok();
        }
    }
    // two inits of one path at once: one makes it, the other says it exists
    let path = dir.path().join("twice.db");
    let children: Vec<_> = (0..2)
        .map(|_| {
            Command::new(BIN)
                .arg("--db")
                .arg(&path)
                .arg("init")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut statuses: Vec<(i32, String)> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            (
                out.status.code().unwrap(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect();
    statuses.sort();
    assert_eq!(statuses[0].0, 0, "{statuses:?}");
    assert_eq!(statuses[1].0, 2, "{statuses:?}");
    assert!(statuses[1].1.contains("已存在"), "{statuses:?}");
}

#[test]
fn exports_never_replace_what_is_not_a_plain_file() {
    let ledger = Ledger::seeded();
    let dir = ledger.dir.path();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "别人的文件").unwrap();
    let link = dir.join("link.xlsx");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let fifo = dir.join("pipe.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let folder = dir.join("folder.md");
    std::fs::create_dir(&folder).unwrap();
    let mut specials: Vec<(PathBuf, &str)> = vec![
        (link.clone(), "xlsx"),
        (fifo.clone(), "csv"),
        (folder.clone(), "md"),
    ];
    // a device node of our own (CI runs as root; elsewhere it cannot be made, and is skipped)
    let device = dir.join("null.json");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        specials.push((device.clone(), "json"));
    } else {
        eprintln!("skipped the device node: mknod needs root here");
    }
    for (path, format) in &specials {
        let kind = std::fs::symlink_metadata(path).unwrap().file_type();
        let run = ledger.run(&[
            "export",
            "--format",
            format,
            "--force",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(run.status, 2, "{path:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("不是普通文件"),
            "{path:?}: {}",
            run.stderr
        );
        assert_eq!(std::fs::symlink_metadata(path).unwrap().file_type(), kind);
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "别人的文件");
    // nothing half-written is left beside them
    let parts: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(parts.is_empty(), "{parts:?}");
}

#[test]
fn exports_go_to_standard_output_and_keep_their_modes() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = Ledger::seeded();
    let dir = ledger.dir.path();
    let file = dir.join("list.csv");
    ledger
        .run(&["export", "--format", "csv", "-o", file.to_str().unwrap()])
        .ok();
    let out = common::command()
        .arg("--db")
        .arg(&ledger.path)
        .args(["export", "--format", "csv", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, std::fs::read(&file).unwrap());
    assert!(String::from_utf8_lossy(&out.stderr).contains("标准输出"));
    assert!(!dir.join("-").exists());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // the whole ledger is private; a sheet follows the umask (022 here: 0644)
    let json = dir.join("all.json");
    let umask = |cmd: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("umask 022; {cmd}"))
            .env("Z", BIN)
            .env("L", &ledger.path)
            .status()
            .unwrap()
    };
    assert!(
        umask(&format!(
            "\"$Z\" --db \"$L\" export --format json -o {}",
            json.display()
        ))
        .success()
    );
    assert_eq!(mode(&json), 0o600);
    let sheet = dir.join("sheet.md");
    assert!(
        umask(&format!(
            "\"$Z\" --db \"$L\" export --format md -o {}",
            sheet.display()
        ))
        .success()
    );
    assert_eq!(mode(&sheet), 0o644);
    // --force never widens the mode of the file it replaces
    std::fs::set_permissions(&sheet, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(
        umask(&format!(
            "\"$Z\" --db \"$L\" export --format md --force -o {}",
            sheet.display()
        ))
        .success()
    );
    assert_eq!(mode(&sheet), 0o600);
}

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
        ("twin-task", edited(&|v| {
            let unit = v["tasks"][0]["unit"].clone();
            let problem = v["tasks"][0]["problem"].clone();
            v["tasks"][1]["unit"] = unit;
            v["tasks"][1]["problem"] = problem;
        }), "tasks[1].unit"),
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
