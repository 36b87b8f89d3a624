//! Files attacked as a careless or a hostile user would: files that are not what they seem,
//! logs that belong elsewhere, interrupted inits, planted links in the way of an export. Each
//! case compares the bytes of every file concerned (and of its sidecars) before and after.
//! Everything runs the real binary on real files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{BIN, Ledger, refused_untouched, run_with, sidecar};
use rusqlite::Connection;

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
