//! What the command line refuses and how it says so: bad input, files that are not ledgers, a
//! ledger of a newer version, a path without a ledger, escape sequences, help without a terminal.
//! The real binary on real ledger files; every refusal is shown to change nothing.

mod common;

use common::Ledger;

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
    // a second measure of 市公安局 under G1 (#22): a unit may hold several
    ledger
        .run(&[
            "task",
            "add",
            "--problem",
            "G1",
            "--unit",
            "市公安局",
            "--measure",
            "第二项措施",
            "--deadline",
            "2019-12-31",
        ])
        .ok();
    #[rustfmt::skip]
    let cases: &[(&[&str], &str)] = &[
        (&["progress", "1", "--text", "x", "--date", "2019-13-01"], "无法识别的日期“2019-13-01”"),
        (&["progress", "1", "--text", "x", "--date", "明天见"], "无法识别的日期“明天见”"),
        (&["progress", "1", "--text", "x", "--date", "+3000000d"], "无法识别的日期“+3000000d”"),
        (&["task", "edit", "1", "--deadline", "明天见"], "无法识别的整改时限"),
        (&["task", "edit", "1", "--deadline", "-800000d"], "无法识别的整改时限“-800000d”"),
        (&["task", "edit", "1", "--deadline", "1899-12-31"], "无法识别的整改时限“1899-12-31”"),
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
        (&["task", "add", "--problem", "G1", "--unit", "市公安局", "--measure", "紧盯重点领域、重点行业开展专项执法检查和专项整治，查办大案要案并公开曝光", "--deadline", "2019-12-31"], "已有 市公安局 的同一项整改措施（任务 #1）"),
        (&["task", "edit", "22", "--measure", "紧盯重点领域、重点行业开展专项执法检查和专项整治，查办大案要案并公开曝光"], "已有 市公安局 的同一项整改措施（任务 #1）"),
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
