//! End to end in a real terminal: the binary runs in tmux on a fresh ledger, and the test types
//! as a person would and reads the screen back. CI runs it on the release binary (it sets
//! `ZHENGGAI_E2E_BIN`); elsewhere it uses the binary cargo built for the tests.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server of our own (its own socket), killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str, width: u16, height: u16) -> Tmux {
        // one server per test: tests run at once
        static SERVERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SERVERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let socket = format!("zhenggai-e2e-{}-{n}", std::process::id());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd()
            .args(["-u", "new-session", "-d", "-s", "e2e", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux did not start");
        tmux
    }

    fn cmd(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "e2e"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
        // a person's keystrokes are tens of milliseconds apart; keys that follow each other
        // closer than 15 ms read as one paste, so each call here is a separate keystroke
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Types text literally (Chinese included).
    fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    fn resize(&self, width: u16, height: u16) {
        let status = self
            .cmd()
            .args(["resize-window", "-t", "e2e", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "e2e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `ready`; fails with the last screen after 15 s.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .cmd()
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
    }
}

fn binary() -> PathBuf {
    std::env::var_os("ZHENGGAI_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(common::BIN))
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn review_search_and_close_in_a_real_terminal() {
    let ledger = common::Ledger::seeded();
    let bin = binary();
    let command = format!(
        "env ZHENGGAI_USER=e2e {} --db {} --today 2019-12-26",
        quoted(&bin),
        quoted(&ledger.path)
    );
    let tmux = Tmux::start(&command, 120, 40);

    let first = tmux.wait_for("the ledger", |s| s.contains("侵权假冒案件办案量不达标"));
    assert!(first.contains("截至 2019-12-26"), "{first}");
    assert!(first.contains("黄 21"), "{first}");

    tmux.keys(&["/"]);
    tmux.type_text("培训");
    tmux.keys(&["Enter"]);
    let found = tmux.wait_for("the search", |s| {
        s.contains("搜索“培训”") && !s.contains("侵权假冒案件办案量不达标")
    });
    assert!(found.contains("G4"), "{found}");
    assert!(found.contains("未开展“两法”衔接培训"), "{found}");
    assert!(!found.contains("G1 "), "{found}");

    let note = "12月20日已组织两法衔接培训，培训86人";
    tmux.keys(&["c"]);
    tmux.wait_for("the close form", |s| s.contains("销号说明"));
    tmux.type_text(note);
    tmux.keys(&["C-s"]);
    tmux.wait_for("the close", |s| s.contains("已销号 G4 的 1 项任务"));
    tmux.keys(&["q"]);

    let g4 = ledger.run(&["show", "G4", "--json"]).json();
    let task = &g4["tasks"][0];
    assert_eq!(task["status"], "closed", "{g4}");
    assert_eq!(task["close_note"], note);
    assert_eq!(task["closed_by"], "e2e");
}

/// The rest of a meeting's morning, in a real terminal: the sheet exported from the view the TUI
/// opens on, a task added and undone, a paste the terminal does not bracket (typed keys in a
/// burst, a carriage return among them), and the window resized under an open form.
#[test]
fn export_add_undo_paste_and_resize_in_a_real_terminal() {
    use calamine::{Reader, Xlsx, open_workbook};
    let ledger = common::Ledger::seeded();
    ledger
        .run(&["close", "11", "--note", "领导小组已建立"])
        .ok();
    let bin = binary();
    let command = format!(
        "cd {} && env ZHENGGAI_USER=e2e {} --db {} --today 2019-12-26",
        quoted(ledger.dir.path()),
        quoted(&bin),
        quoted(&ledger.path)
    );
    let tmux = Tmux::start(&command, 120, 40);
    tmux.wait_for("the ledger", |s| s.contains("侵权假冒案件办案量不达标"));

    // the sheet of the open view: its totals are the whole ledger's
    tmux.keys(&["x"]);
    tmux.wait_for("the export dialog", |s| s.contains("未销号的 20 项任务"));
    tmux.keys(&["C-s"]);
    tmux.wait_for("the export", |s| s.contains("已导出"));
    let sheet = ledger.dir.path().join("整改台账-20191226.xlsx");
    let mut book: Xlsx<_> = open_workbook(&sheet).expect("the sheet");
    let range = book.worksheet_range("整改台账").unwrap();
    let as_of = range
        .get_value((2, 0))
        .map(|v| v.to_string())
        .unwrap_or_default();
    assert!(as_of.contains("任务21项，已销号1项"), "{as_of}");

    // a task added to G2, then undone
    tmux.keys(&["/"]);
    tmux.type_text("信息");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the search", |s| s.contains("搜索“信息”"));
    tmux.keys(&["a"]);
    tmux.wait_for("the add form", |s| s.contains("为 G2 新增任务"));
    tmux.keys(&["Tab"]);
    tmux.type_text("建立信息报送台账");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the new task", |s| s.contains("已新增任务 #22"));
    tmux.keys(&["u"]);
    tmux.wait_for("the undo", |s| s.contains("已撤销：新增任务 #22"));
    assert_eq!(ledger.run(&["show", "22"]).status, 2, "the task is gone");

    // a plain paste into the one-line evidence field: the return in it does not save the form
    tmux.keys(&["Escape"]);
    tmux.keys(&["/"]);
    tmux.type_text("通报制度");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the search", |s| s.contains("搜索“通报制度”"));
    tmux.keys(&["j"]);
    tmux.keys(&["c"]);
    tmux.wait_for("the close form", |s| s.contains("销号 #4"));
    tmux.type_text(&"已录入两法衔接平台，".repeat(30));
    tmux.keys(&["Tab"]);
    tmux.type_text("安双打办\r2019号");
    std::thread::sleep(Duration::from_millis(300));
    let screen = tmux.screen();
    assert!(
        screen.contains("销号 #4"),
        "the form is still open:\n{screen}"
    );
    assert!(screen.contains("安双打办 2019号"), "{screen}");

    // the window shrinks under the form and grows back: what was typed is kept, and keys
    // typed while nothing could be seen did nothing
    tmux.resize(60, 20);
    tmux.wait_for("the small window", |s| s.contains("窗口太小"));
    tmux.type_text("zz");
    tmux.resize(120, 40);
    let back = tmux.wait_for("the form again", |s| s.contains("销号 #4"));
    assert!(back.contains("安双打办 2019号"), "{back}");
    assert!(!back.contains("2019号zz"), "{back}");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the close", |s| s.contains("已销号 #4"));
    tmux.keys(&["q"]);
    let task = ledger.task_json(4);
    let log = ledger.run(&["history", "--limit", "3"]).stdout;
    assert_eq!(task["status"], "closed", "{log}");
    assert_eq!(task["status"], "closed");
    assert_eq!(task["close_evidence"], "安双打办 2019号");
    assert!(
        task["close_note"]
            .as_str()
            .unwrap()
            .starts_with("已录入两法衔接平台，")
    );
}
