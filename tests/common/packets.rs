//! Packets (报送表) in the tests: made by the real binary, filled in by openpyxl
//! (`tests/support/fill_packet.py`), the way a unit's own program would.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::Ledger;

/// The file name `packet` gives a unit's packet of a period.
pub fn packet_name(period: &str, unit: &str) -> String {
    format!("{period}-{unit}-整改进展报送表.xlsx")
}

impl Ledger {
    /// Makes packets on `day` into the ledger's folder `out` with `args`; returns the folder.
    pub fn packets(&self, day: &str, args: &[&str]) -> PathBuf {
        let folder = self.dir.path().join("out");
        let mut full = vec![
            format!("--today={day}"),
            "packet".into(),
            "-o".into(),
            folder.display().to_string(),
        ];
        full.extend(args.iter().map(|a| a.to_string()));
        let full: Vec<&str> = full.iter().map(String::as_str).collect();
        self.run(&full).ok();
        folder
    }
}

/// Fills the packet `from` as `spec` says (see the script) and saves it as `to`.
pub fn fill(from: &Path, to: &Path, spec: Value) -> PathBuf {
    let mut spec = spec;
    spec["in"] = json!(from);
    spec["out"] = json!(to);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/fill_packet.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .spawn()
        .expect("python3 runs (.ci/run installs openpyxl)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(spec.to_string().as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "openpyxl filled {to:?}");
    to.to_path_buf()
}
