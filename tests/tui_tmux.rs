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
        let socket = format!("zhenggai-e2e-{}", std::process::id());
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
    }

    /// Types text literally (Chinese included).
    fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
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
        let _ = self.cmd().arg("kill-server").status();
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
