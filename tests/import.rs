//! The ledger document read back in: a JSON export imported into another ledger, the newer of
//! two copies winning whole, and every kind of bad document refused whole. The real binary on
//! real files.

mod common;

use std::path::{Path, PathBuf};

use common::{Ledger, tasks_of_list};
use serde_json::Value;

const DAY: &str = "--today=2019-12-26";

/// The whole ledger goes out as JSON and comes back into an empty ledger unchanged.
#[test]
fn json_round_trip_into_an_empty_ledger() {
    let original = Ledger::seeded();
    original
        .run(&[
            DAY,
            "progress",
            "11",
            "--text",
            "已成立领导小组",
            "--evidence",
            "石政办〔2019〕9号",
            "--status",
            "submitted",
        ])
        .ok();
    original.run(&["close", "G2", "--note", "已录入平台"]).ok();
    original
        .run(&[
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
        ])
        .ok();
    let doc = original.export(&["--format", "json"]);
    let value: Value = serde_json::from_slice(&std::fs::read(&doc).unwrap()).unwrap();
    assert_eq!(value["format"], "zhenggai-ledger");
    assert_eq!(value["version"], 3);

    let copy = Ledger::missing();
    copy.run(&["init", "--empty"]).ok();
    let out = copy.run(&["import", doc.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 22"), "{out}");
    assert_eq!(
        copy.run(&[DAY, "list", "--json"]).json(),
        original.run(&[DAY, "list", "--json"]).json()
    );
    assert_eq!(
        copy.run(&["show", "11", "--json"]).json()["progress"],
        original.run(&["show", "11", "--json"]).json()["progress"]
    );
    // the copy wrote its own events, as imports; the original's log was not copied
    let history = copy.run(&["history", "--json", "--limit", "1000"]).json();
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"] == "import")
    );

    // importing twice changes nothing
    let before = copy.dump();
    let again = copy.run(&["import", doc.to_str().unwrap()]).ok();
    assert!(again.contains("任务：新增 0，更新 0，跳过 22"), "{again}");
    assert_eq!(copy.dump(), before);
}

#[test]
fn a_newer_copy_wins_and_an_older_one_is_skipped() {
    let a = Ledger::seeded();
    let first = a.export(&["--format", "json"]);
    let b = Ledger::missing();
    b.run(&["init", "--empty"]).ok();
    b.run(&["import", first.to_str().unwrap()]).ok();

    // a changes #5 later: its copy is newer and wins in b
    a.run(&["close", "5", "--note", "网站已更新"]).ok();
    let newer = a.dir.path().join("newer.json");
    a.run(&[
        DAY,
        "export",
        "--format",
        "json",
        "-o",
        newer.to_str().unwrap(),
    ])
    .ok();
    let dry = b
        .run(&["import", "--dry-run", newer.to_str().unwrap()])
        .ok();
    assert!(
        dry.contains("试导入") && dry.contains("任务：新增 0，更新 1"),
        "{dry}"
    );
    assert_eq!(
        b.task_json(5)["status"],
        "not_started",
        "a dry run writes nothing"
    );
    let out = b.run(&["import", newer.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 0，更新 1，跳过 20"), "{out}");
    assert_eq!(b.task_json(5)["status"], "closed");
    assert_eq!(b.task_json(5)["close_note"], "网站已更新");

    // b then changes #5 itself; the older copy from a is skipped
    b.run(&["reopen", "5", "--reason", "回头看：网站仍未更新"])
        .ok();
    let out = b.run(&["import", newer.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 0，更新 0，跳过 21"), "{out}");
    assert_eq!(b.task_json(5)["status"], "in_progress");
}
/// times are compared as times, whatever their offset; a copy from the future is refused.
#[test]
fn a_newer_copy_wins_whole_and_times_are_compared_as_times() {
    let a = Ledger::seeded();
    let doc_path = a.export(&["--format", "json"]);
    let b = Ledger::missing();
    b.run(&["init", "--empty"]).ok();
    b.run(&["import", doc_path.to_str().unwrap()]).ok();
    let doc: Value = serde_json::from_slice(&std::fs::read(&doc_path).unwrap()).unwrap();
    let unit_uuid = |name: &str| {
        doc["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == name)
            .unwrap()["uuid"]
            .clone()
    };
    let mut moved = doc.clone();
    moved["tasks"][0]["unit"] = unit_uuid("石泉县");
    moved["tasks"][0]["support_units"] = serde_json::json!([unit_uuid("汉阴县")]);
    let soon = chrono::Utc::now() + chrono::Duration::hours(2);
    moved["tasks"][0]["updated_at"] = soon.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string().into();
    // the same clock reading at +23:59 is almost a day earlier: older than the copy here
    moved["tasks"][1]["measure"] = "旧的副本".into();
    moved["tasks"][1]["updated_at"] = soon
        .format("%Y-%m-%dT%H:%M:%S%.3f+23:59")
        .to_string()
        .into();
    let dir = b.dir.path();
    let newer = write(dir, "moved.json", &serde_json::to_vec(&moved).unwrap());
    let out = b.run(&["import", newer.to_str().unwrap()]).ok();
    assert!(out.contains("任务：新增 0，更新 1，跳过 20"), "{out}");
    let task = b.task_json(1);
    assert_eq!(task["unit"], "石泉县");
    assert_eq!(task["support_units"], serde_json::json!(["汉阴县"]));
    assert_ne!(b.task_json(2)["measure"], "旧的副本");

    let mut future = doc.clone();
    future["tasks"][2]["updated_at"] = "2999-01-01T00:00:00.000Z".into();
    let future = write(dir, "future.json", &serde_json::to_vec(&future).unwrap());
    let run = b.run(&["import", future.to_str().unwrap()]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("tasks[2].updated_at"), "{}", run.stderr);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Each kind of bad document: exit 2, a message that names the problem, nothing written.
#[test]
fn bad_documents_are_refused_whole() {
    let ledger = Ledger::seeded();
    let doc = ledger.export(&["--format", "json"]);
    let good: Value = serde_json::from_slice(&std::fs::read(&doc).unwrap()).unwrap();
    let target = Ledger::missing();
    target.run(&["init", "--empty"]).ok();
    let before = target.dump();
    let dir = target.dir.path();
    let edited = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        serde_json::to_vec(&v).unwrap()
    };
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(dir, "latin1.json", b"{\"format\": \"zhenggai-ledger\xe9\"}"),
            "不是 UTF-8",
        ),
        (
            write(dir, "broken.json", b"{\"format\": "),
            "不是有效的 JSON",
        ),
        (
            write(
                dir,
                "other.json",
                b"{\"name\": \"package\", \"version\": 1}",
            ),
            "不是 zhenggai 导出的台账文件",
        ),
        (
            write(dir, "newer.json", &edited(&|v| v["version"] = 4.into())),
            "更新版本",
        ),
        (
            write(
                dir,
                "type.json",
                &edited(&|v| v["tasks"][3]["seq"] = "four".into()),
            ),
            "tasks[3].seq",
        ),
        (
            write(
                dir,
                "date.json",
                &edited(&|v| v["tasks"][0]["deadline"] = "2019-13-01".into()),
            ),
            "tasks[0].deadline",
        ),
        (
            write(
                dir,
                "status.json",
                &edited(&|v| v["tasks"][2]["status"] = "done".into()),
            ),
            "tasks[2].status",
        ),
        (
            write(
                dir,
                "dangling.json",
                &edited(&|v| v["tasks"][5]["unit"] = "00000000-dead-beef-0000-000000000000".into()),
            ),
            "tasks[5].unit",
        ),
        (
            write(
                dir,
                "closed.json",
                &edited(&|v| v["tasks"][1]["status"] = "closed".into()),
            ),
            "tasks[1].closed_at",
        ),
        (
            write(
                dir,
                "control.json",
                &edited(&|v| v["problems"][0]["title"] = "x\u{1b}[2J".into()),
            ),
            "problems[0].title",
        ),
        (
            write(
                dir,
                "extra.json",
                &edited(&|v| v["units"][0]["colour"] = "red".into()),
            ),
            "units[0]",
        ),
        (
            write(
                dir,
                "codes.json",
                &edited(&|v| v["problems"][1]["code"] = "g1".into()),
            ),
            "problems[1].code",
        ),
        (
            write(
                dir,
                "closer.json",
                &edited(&|v| {
                    v["tasks"][0]["status"] = "closed".into();
                    v["tasks"][0]["closed_at"] = "2019-12-20T00:00:00.000Z".into();
                    v["tasks"][0]["close_note"] = "ok".into();
                    v["tasks"][0]["closed_by"] = "\u{1b}[2Jevil".into();
                }),
            ),
            "tasks[0].closed_by",
        ),
        (
            write(
                dir,
                "author.json",
                &edited(&|v| {
                    v["progress"] = serde_json::json!([{
                        "uuid": "0b4c1e4e-5a52-4f7e-9c37-3b3b1f0c9a11", "task": v["tasks"][0]["uuid"].clone(),
                        "date": "2019-12-20", "text": "x", "evidence": "", "author": "\u{7}",
                        "created_at": "2019-12-20T00:00:00.000Z"
                    }])
                }),
            ),
            "progress[0].author",
        ),
    ];
    for (path, message) in &cases {
        let run = target.run(&["import", path.to_str().unwrap()]);
        assert_eq!(run.status, 2, "{path:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{path:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert_eq!(target.dump(), before, "{path:?} changed the ledger");
    }
    // the good document still goes in
    target.run(&["import", doc.to_str().unwrap()]).ok();
    assert_eq!(
        tasks_of_list(&target.run(&["list", "--json"]).json()).len(),
        21
    );
}
