//! Nothing lost: processes killed mid-write, writers at once, files that are not what they
//! claim, backups and checks, hostile text. Everything runs the real binary on real files.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{BIN, Ledger};
use rusqlite::Connection;

/// A shell loop of writes through the binary, in its own process group so that one SIGKILL
/// takes the shell and the write under way.
fn shell(script: &str, ledger: &Path) -> std::process::Child {
    use std::os::unix::process::CommandExt;
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("Z", BIN)
        .env("L", ledger)
        .env("ZHENGGAI_USER", "写入者")
        .env_remove("ZHENGGAI_DB")
        .env_remove("ZHENGGAI_TODAY")
        .env_remove("ZHENGGAI_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("sh runs")
}

fn kill_group(child: &std::process::Child) {
    let status = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(status.success());
}

fn count(conn: &Connection, sql: &str, param: &str) -> i64 {
    conn.query_row(sql, [param], |r| r.get(0)).unwrap()
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Writes in a loop — progress with status moves, closes, reopens — killed with SIGKILL at
/// random moments. After each kill the file opens, is sound, and holds every write the loop had
/// reported as done.
#[test]
fn a_process_killed_at_any_moment_loses_nothing_it_reported() {
    let ledger = Ledger::seeded();
    let script = r#"
        i=0
        while true; do
            i=$((i+1))
            n=$((i % 21 + 1))
            "$Z" --db "$L" progress $n --text "w$ROUND-$i" --status submitted >/dev/null 2>&1 && echo "p w$ROUND-$i"
            "$Z" --db "$L" close $n --note "c$ROUND-$i" >/dev/null 2>&1 && echo "c c$ROUND-$i"
            "$Z" --db "$L" reopen $n --reason "r$ROUND-$i" >/dev/null 2>&1 && echo "r r$ROUND-$i"
        done
    "#;
    let seed = common::seed();
    let mut dice = common::Dice::new(seed);
    for round in 0..30 {
        let mut child = {
            use std::os::unix::process::CommandExt;
            Command::new("sh")
                .arg("-c")
                .arg(script)
                .env("Z", BIN)
                .env("L", &ledger.path)
                .env("ROUND", round.to_string())
                .env("ZHENGGAI_USER", "写入者")
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap()
        };
        // the first write reported, then a kill at a random moment of the ones after it
        let (sender, receiver) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let reading = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.is_empty() {
                    let _ = sender.send(());
                }
                lines.push(line);
            }
            lines
        });
        if receiver.recv_timeout(Duration::from_secs(60)).is_err() {
            kill_group(&child);
            panic!("seed {seed} round {round}: the loop reported no write in a minute");
        }
        std::thread::sleep(Duration::from_millis(dice.below(200)));
        kill_group(&child);
        let _ = child.wait();
        let lines = reading.join().unwrap();

        assert_eq!(integrity(&ledger.path), "ok", "seed {seed} round {round}");
        let check = ledger.run(&["check"]);
        assert_eq!(
            check.status, 0,
            "seed {seed} round {round}: {}",
            check.stdout
        );
        let conn = Connection::open(&ledger.path).unwrap();
        for line in &lines {
            let (kind, mark) = line.split_once(' ').unwrap();
            let present = match kind {
                "p" => count(&conn, "SELECT count(*) FROM progress WHERE text = ?1", mark),
                "c" => count(
                    &conn,
                    "SELECT count(*) FROM event WHERE action = 'close' AND instr(changes, ?1) > 0",
                    &format!("\"{mark}\""),
                ),
                _ => count(
                    &conn,
                    "SELECT count(*) FROM event WHERE action = 'reopen' AND instr(changes, ?1) > 0",
                    &format!("\"{mark}\""),
                ),
            };
            assert_eq!(
                present, 1,
                "seed {seed} round {round}: {line} was reported but is not there"
            );
        }
    }
}

/// Four processes write at once: progress (never refused) and edits made from the version
/// they read (refused when another got there first). Every write succeeds or is refused as a
/// conflict; the counts add up, and the log holds one event per change.
#[test]
fn four_writers_at_once_all_succeed_or_conflict_cleanly() {
    let ledger = Ledger::seeded();
    let script = r#"
        i=0
        while [ $i -lt 100 ]; do
            i=$((i+1))
            if "$Z" --db "$L" progress 2 --text "$W-$i" --date 2019-12-20 --today 2019-12-26 >/dev/null 2>/tmp/zg-err-$$; then
                echo progress
            else
                echo "fail $(cat /tmp/zg-err-$$)"
            fi
            v=$("$Z" --db "$L" show 5 --json | sed -n 's/^  "version": \([0-9]*\),$/\1/p')
            if "$Z" --db "$L" task edit 5 --person "$W-$i" --if-version "$v" >/dev/null 2>/tmp/zg-err-$$; then
                echo edit
            elif grep -q '已被他人修改' /tmp/zg-err-$$; then
                echo conflict
            else
                echo "fail $(cat /tmp/zg-err-$$)"
            fi
        done
        rm -f /tmp/zg-err-$$
    "#;
    let writers: Vec<_> = (0..4)
        .map(|w| {
            use std::os::unix::process::CommandExt;
            Command::new("sh")
                .arg("-c")
                .arg(script)
                .env("Z", BIN)
                .env("L", &ledger.path)
                .env("W", format!("w{w}"))
                .env("ZHENGGAI_USER", format!("写入者{w}"))
                .stdout(Stdio::piped())
                .process_group(0)
                .spawn()
                .unwrap()
        })
        .collect();
    let mut progress = 0;
    let mut edits = 0;
    let mut conflicts = 0;
    for writer in writers {
        let output = writer.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 200, "{text}");
        for line in lines {
            match line {
                "progress" => progress += 1,
                "edit" => edits += 1,
                "conflict" => conflicts += 1,
                other => panic!("a write failed: {other}"),
            }
        }
    }
    assert_eq!(progress, 400);
    assert_eq!(edits + conflicts, 400);
    // the first edit of all was made from the version nobody had changed yet
    assert!(edits >= 1, "no edit landed");
    let conn = Connection::open(&ledger.path).unwrap();
    let task2: i64 = conn
        .query_row("SELECT id FROM task WHERE seq = 2", [], |r| r.get(0))
        .unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM progress WHERE task_id = ?1",
            [task2],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 400);
    let progress_events: i64 = conn
        .query_row(
            "SELECT count(*) FROM event WHERE entity = 'progress'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(progress_events, 400);
    let edit_events: i64 = conn
        .query_row(
            "SELECT count(*) FROM event e JOIN task t ON t.uuid = e.entity_uuid
             WHERE t.seq = 5 AND e.action = 'update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(edit_events, edits);
    let version: i64 = conn
        .query_row("SELECT version FROM task WHERE seq = 5", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1 + edits, "one version per edit that landed");
    assert_eq!(ledger.run(&["check"]).status, 0);
}

fn hash(path: &Path) -> Vec<u8> {
    if path.is_dir() {
        return b"dir".to_vec();
    }
    std::fs::read(path).unwrap()
}

/// Files that are not what they claim: each refused with its message and status, and never
/// modified.
#[test]
fn files_that_are_not_what_they_claim() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let make = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let random = make(
        "random.db",
        &(0..5000u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    );
    let other = d.join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    let newer = d.join("newer.db");
    let truncated = d.join("truncated.db");
    let read_only = d.join("read-only.db");
    for path in [&newer, &truncated, &read_only] {
        common::run_with(&["init"], path).ok();
    }
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let mut perms = std::fs::metadata(&read_only).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&read_only, perms).unwrap();
    let folder = d.join("a-folder");
    std::fs::create_dir(&folder).unwrap();

    #[rustfmt::skip]
    let cases: Vec<(&Path, &[&str], i32, &str)> = vec![
        (&folder, &["list"], 2, "这是一个文件夹"),
        (&random, &["list"], 2, "它不是 SQLite 数据库"),
        (&random, &["close", "1", "--note", "x"], 2, "不是整改台账"),
        (&other, &["list"], 2, "它是其他程序的数据库"),
        (&newer, &["list"], 2, "由更新版本的 zhenggai 创建"),
        (&newer, &["--lang", "en", "list"], 2, "was made by a newer version"),
        (&truncated, &["list"], 1, "已损坏"),
        (&truncated, &["check"], 1, "已损坏"),
        (&read_only, &["close", "1", "--note", "x"], 1, "只读"),
        (&read_only, &["task", "edit", "1", "--person", "x"], 1, "只读"),
    ];
    for (path, args, status, message) in &cases {
        let before = hash(path);
        let run = common::run_with(args, path);
        assert_eq!(run.status, *status, "{path:?} {args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(message),
            "{path:?} {args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert_eq!(hash(path), before, "{path:?} was modified by {args:?}");
    }
    // a read-only ledger can be read, and nothing appears beside it
    let before = hash(&read_only);
    let list = common::run_with(&["list", "--json"], &read_only).json();
    assert_eq!(common::tasks_of_list(&list).len(), 21);
    assert_eq!(hash(&read_only), before);
    assert!(!d.join("read-only.db-wal").exists() && !d.join("read-only.db-shm").exists());

    // a missing parent folder: init makes it and says so; other commands refuse
    let deep = d.join("new").join("place").join("ledger.db");
    let refused = common::run_with(&["list"], &deep);
    assert_eq!(refused.status, 2);
    assert!(!d.join("new").exists());
    let made = common::run_with(&["init"], &deep);
    assert_eq!(made.status, 0, "{}", made.stderr);
    assert!(made.stderr.contains("已新建文件夹"), "{}", made.stderr);
    assert!(deep.is_file());
}

#[cfg(unix)]
#[test]
fn ledgers_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = Ledger::seeded();
    let copy = ledger.dir.path().join("copy.db");
    ledger.run(&["backup", copy.to_str().unwrap()]).ok();
    for path in [&ledger.path, &copy] {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{path:?}");
    }
}

/// A backup taken while another process writes is a sound ledger; `check` says so.
#[test]
fn backup_while_another_process_writes() {
    let ledger = Ledger::seeded();
    let script = r#"
        i=0
        while true; do
            i=$((i+1))
            "$Z" --db "$L" progress $((i % 21 + 1)) --text "b$i" >/dev/null 2>&1
        done
    "#;
    let mut writer = shell(script, &ledger.path);
    let entries = |path: &Path| -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row("SELECT count(*) FROM progress", [], |r| r.get(0))
            .unwrap()
    };
    // the copies are taken once the writer has written, while it goes on
    while entries(&ledger.path) == 0 {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut copies = Vec::new();
    for n in 0..5 {
        let copy = ledger.dir.path().join(format!("copy-{n}.db"));
        let run = ledger.run(&["backup", copy.to_str().unwrap()]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        copies.push(copy);
        std::thread::sleep(Duration::from_millis(100));
    }
    kill_group(&writer);
    let _ = writer.wait();
    let mut last = 1;
    for copy in &copies {
        let check = common::run_with(&["check"], copy);
        assert_eq!(
            check.status, 0,
            "{copy:?}: {}{}",
            check.stdout, check.stderr
        );
        assert!(check.stdout.contains("检查通过"));
        let held = entries(copy);
        assert!(
            held >= last,
            "later copies hold at least as much: {held} < {last}"
        );
        last = held;
    }
    // a backup never overwrites
    let again = ledger.run(&["backup", copies[0].to_str().unwrap()]);
    assert_eq!(again.status, 2);
}

/// A ledger broken on purpose with the sqlite3 tool: `check` lists what is wrong, exit 1.
#[test]
fn check_reports_a_ledger_broken_on_purpose() {
    let ledger = Ledger::seeded();
    let ok = ledger.run(&["check"]);
    assert_eq!(ok.status, 0, "{}", ok.stdout);
    let output = Command::new("sqlite3")
        .arg(&ledger.path)
        .arg(
            "PRAGMA foreign_keys = OFF;
             UPDATE task SET unit_id = 999 WHERE seq = 3;
             PRAGMA ignore_check_constraints = ON;
             UPDATE task SET status = 'closed', closed_at = '2019-12-01T00:00:00.000Z',
                             closed_on = '2019-12-01' WHERE seq = 4;
             UPDATE task SET last_progress_date = '2001-01-01' WHERE seq = 5;
             DROP TRIGGER event_no_update;
             UPDATE event SET actor = 'x' WHERE id = 3;",
        )
        .output()
        .expect("the sqlite3 shell is installed (.ci/run installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let broken = ledger.run(&["check"]);
    assert_eq!(broken.status, 1, "{}{}", broken.stdout, broken.stderr);
    for expected in [
        "外键：task",
        "任务缺少责任单位：#3",
        "已销号任务缺少销号说明或时间：#4",
        "操作日志被改动（哈希链断开）于事件：3",
        "缺少本版本的表、索引或触发器：trigger event_no_update",
        "记录与操作日志最后记载的值不符：task #4 status",
        "任务的最新进展（日期或内容）与进展记录不符：#5",
    ] {
        assert!(
            broken.stdout.contains(expected),
            "{expected}: {}",
            broken.stdout
        );
    }
    assert!(broken.stderr.contains("检查发现"), "{}", broken.stderr);
    // what reads every task refuses the ledger and says which task and what to do
    let list = ledger.run(&["list"]);
    assert_eq!(list.status, 1, "{}{}", list.stdout, list.stderr);
    assert!(
        list.stderr.contains("任务 #3") && list.stderr.contains("zhenggai check"),
        "{}",
        list.stderr
    );
}

/// Quotes, SQL and shell text through every text field of the command line: stored verbatim.
#[test]
fn hostile_text_is_stored_verbatim() {
    let ledger = Ledger::seeded();
    let nasty = [
        "'; DROP TABLE task; --",
        "Robert'); DROP TABLE unit;--",
        "\"双引号\" 与 '单引号'",
        "100% _通配_ \\ 反斜杠",
        "$(rm -rf /) `id`",
    ];
    for (i, text) in nasty.iter().enumerate() {
        let unit = format!("单位{i}{text}");
        let code = format!("Q{i}'\"");
        ledger.run(&["unit", "add", &unit, "--kind", "其他"]).ok();
        ledger
            .run(&[
                "--user",
                text,
                "problem",
                "add",
                "--code",
                &code,
                "--category",
                "other",
                "--title",
                text,
                "--description",
                text,
                "--lead",
                &unit,
            ])
            .ok();
        ledger
            .run(&[
                "task",
                "add",
                "--problem",
                &code,
                "--unit",
                &unit,
                "--measure",
                text,
                "--person",
                text,
                "--deadline",
                "2019-12-31",
                "--assigned",
                "2019-12-10",
                "--support",
                "市公安局",
            ])
            .ok();
        let seq = (22 + i).to_string();
        ledger
            .run(&[
                "--today=2019-12-26",
                "progress",
                &seq,
                "--text",
                text,
                "--evidence",
                text,
                "--date",
                "2019-12-20",
            ])
            .ok();
        ledger
            .run(&["close", &seq, "--note", text, "--evidence", text])
            .ok();
        ledger.run(&["reopen", &seq, "--reason", text]).ok();
        let task = ledger.task_json(22 + i as i64);
        assert_eq!(task["measure"], *text);
        assert_eq!(task["person"], *text);
        assert_eq!(task["unit"], unit);
        assert_eq!(task["problem"], code);
        assert_eq!(task["reopen_reason"], *text);
        assert_eq!(task["progress"][0]["text"], *text);
        assert_eq!(task["progress"][0]["evidence"], *text);
        let closed = task["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "close")
            .unwrap();
        assert!(
            closed
                .to_string()
                .contains(&serde_json::to_string(text).unwrap())
        );
        let problem = ledger.run(&["show", &code, "--json"]).json();
        assert_eq!(problem["title"], *text);
        assert_eq!(problem["description"], *text);
        assert_eq!(problem["lead_unit"], unit);
        // the oldest event of the problem is its creation, by the hostile user name
        let history = problem["history"].as_array().unwrap();
        assert_eq!(history.last().unwrap()["actor"], *text);
        let found = ledger.run(&["list", "--search", text, "--json"]).json();
        assert!(
            !common::tasks_of_list(&found).is_empty(),
            "search for {text}"
        );
        let renamed = format!("{unit}改");
        ledger.run(&["unit", "rename", &unit, &renamed]).ok();
        assert_eq!(ledger.task_json(22 + i as i64)["unit"], renamed);
    }
    // and every table is still there
    assert_eq!(ledger.run(&["check"]).status, 0);
    assert_eq!(
        common::tasks_of_list(&ledger.run(&["list", "--json"]).json()).len(),
        26
    );
}

/// A lock held by another writer is waited for, not reported as a failure.
#[test]
fn a_writer_waits_for_a_lock_instead_of_failing() {
    let ledger = Ledger::seeded();
    let conn = Connection::open(&ledger.path).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(&ledger.path)
        .args(["close", "3", "--note", "等锁后销号"])
        .env("ZHENGGAI_USER", "等待者")
        .env("ZHENGGAI_TODAY", common::TEST_DAY)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "it waits while the lock is held"
    );
    let released = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    conn.execute_batch("COMMIT").unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    let task = ledger.task_json(3);
    assert_eq!(task["status"], "closed");
    // it was written after the lock was let go, not before (the clock of this very machine)
    assert!(
        task["closed_at"].as_str().unwrap() >= released.as_str(),
        "{} < {released}",
        task["closed_at"]
    );
}
