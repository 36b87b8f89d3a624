//! Shared helpers of the integration tests: a ledger in a temporary directory, the real binary,
//! and a dump of the ledger's content to prove that a refused request changed nothing.

#![allow(dead_code)]

pub mod packets;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::{Connection, OpenFlags};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_zhenggai");

/// A ledger file in its own temporary directory (removed when dropped).
pub struct Ledger {
    pub dir: TempDir,
    pub path: PathBuf,
}

/// What a run of the binary gave back.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(
            self.status, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self.stdout
    }

    #[track_caller]
    pub fn json(self) -> serde_json::Value {
        let out = self.ok();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }
}

/// The day a test's ledger lives on unless the test names another: its writes are dated on it
/// and its reads show the ledger as of it (`ZHENGGAI_TODAY`; `--today` overrides it).
pub const TEST_DAY: &str = "2019-12-26";

/// The ten county-level divisions the seed gives a task of W1 each, in unit order.
pub const COUNTIES: [&str; 10] = [
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

/// The binary with a clean environment: no ledger, language or user from the caller, and the
/// day `TEST_DAY` (a test of the clock's own today removes it).
pub fn command() -> Command {
    let mut command = Command::new(BIN);
    for var in [
        "ZHENGGAI_DB",
        "ZHENGGAI_TODAY",
        "ZHENGGAI_LANG",
        "ZHENGGAI_USER",
    ] {
        command.env_remove(var);
    }
    command.env("ZHENGGAI_USER", "测试员");
    command.env("ZHENGGAI_TODAY", TEST_DAY);
    command
}

/// `cargo test` builds the examples beside the test binaries' folder.
pub fn genledger() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = target
        .join("examples")
        .join(format!("genledger{}", std::env::consts::EXE_SUFFIX));
    assert!(path.is_file(), "{path:?}: cargo test builds the examples");
    path
}

/// A synthetic ledger of `tasks` tasks (seed 2019, as of `TEST_DAY`) at `path`.
pub fn generate(tasks: usize, path: &Path) {
    let status = Command::new(genledger())
        .args(["--tasks", &tasks.to_string(), "--out"])
        .arg(path)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "genledger --tasks {tasks}");
}

pub fn run_with(args: &[&str], db: &Path) -> Run {
    Run::from(
        command()
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .expect("the binary runs"),
    )
}

impl Ledger {
    /// A new seeded ledger made by `zhenggai init`.
    pub fn seeded() -> Ledger {
        let ledger = Ledger::missing();
        ledger.run(&["init"]).ok();
        ledger
    }

    /// A path in a fresh directory where no ledger exists yet.
    pub fn missing() -> Ledger {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("ledger.db");
        Ledger { dir, path }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_with(args, &self.path)
    }

    /// Every row of every table, in a stable order, as text.
    pub fn dump(&self) -> String {
        dump(&self.path)
    }

    pub fn task_json(&self, seq: i64) -> serde_json::Value {
        self.run(&["show", &seq.to_string(), "--json"]).json()
    }

    /// Exports as of 2019-12-26 with `args` to a file of the ledger's folder named after them;
    /// fails the test if the export fails.
    pub fn export(&self, args: &[&str]) -> PathBuf {
        let out = self
            .dir
            .path()
            .join(format!("out-{}", args.join("_").replace('/', "")));
        let mut full = vec!["--today=2019-12-26", "export", "-o", out.to_str().unwrap()];
        full.extend_from_slice(args);
        self.run(&full).ok();
        out
    }
}

pub fn dump(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the ledger opens read-only");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
        }
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    out.push_str(&format!("user_version {version}\n"));
    out
}

/// The tasks of `list --json` (over all problems), flattened.
pub fn tasks_of_list(list: &serde_json::Value) -> Vec<serde_json::Value> {
    list.as_array()
        .expect("a list of problems")
        .iter()
        .flat_map(|p| p["tasks"].as_array().cloned().unwrap_or_default())
        .collect()
}

pub fn seqs(tasks: &[serde_json::Value]) -> Vec<i64> {
    tasks.iter().map(|t| t["seq"].as_i64().unwrap()).collect()
}

/// The seed of a randomized test: `ZHENGGAI_TEST_SEED` to replay a run, else the clock. It is
/// printed, so that a failure can be replayed.
pub fn seed() -> u64 {
    let seed = std::env::var("ZHENGGAI_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(7)
                ^ u64::from(std::process::id())
        });
    eprintln!("seed {seed} (replay with ZHENGGAI_TEST_SEED={seed})");
    seed
}

/// A small generator of pseudo-random numbers (xorshift; no dependency for a test's dice).
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A ledger file and its sidecars, byte for byte (`None` where there is no file).
pub fn bytes_of(path: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            (suffix.to_string(), std::fs::read(PathBuf::from(name)).ok())
        })
        .collect()
}

pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Runs `args` on `path` and asserts the status, a part of the message, and that the file and
/// its sidecars are exactly as they were.
#[track_caller]
pub fn refused_untouched(path: &Path, args: &[&str], status: i32, message: &str) {
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
