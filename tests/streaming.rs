//! Streaming changes nothing a script sees: at 3,000 generated tasks, each listing and text
//! export gives the very bytes the in-memory readers gave before (their SHA-256 digests were
//! taken from the binary of commit 123584b, before any reader streamed, and are kept in
//! `tests/golden/streaming-3000.sha256`). The JSON export's `exported_at` and `updated_at` are
//! true times of recording, which differ from one generated file to the next, so there they are
//! masked before hashing; nothing else is. The xlsx sheets are compared by their parts (every
//! file of the workbook but `docProps/core.xml`, which says when it was made), read with the
//! `zip` crate, and their digests were taken from the binary of 3b8d247, before the sheet
//! streamed (`tests/golden/streaming-xlsx-3000.sha256`).

mod common;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// Name of the output, then the arguments that make it.
const CASES: &[(&str, &[&str])] = &[
    ("list.json", &["list", "--json"]),
    ("list-open.json", &["list", "--open", "--json"]),
    ("list-overdue.json", &["list", "--overdue", "--json"]),
    ("list-search.json", &["list", "--search", "培训", "--json"]),
    ("list-unit.json", &["list", "--unit", "汉滨县", "--json"]),
    (
        "list-asof.json",
        &["--today", "2019-12-12", "list", "--json"],
    ),
    ("list.txt", &["list"]),
    ("list-open.txt", &["list", "--open"]),
    (
        "list-overdue-en.txt",
        &["--lang", "en", "list", "--overdue"],
    ),
    ("export.csv", &["export", "--format", "csv", "-o", "-"]),
    (
        "export-open.csv",
        &["export", "--format", "csv", "--open", "-o", "-"],
    ),
    ("export.md", &["export", "--format", "md", "-o", "-"]),
    (
        "export-unit.md",
        &["export", "--format", "md", "--unit", "汉滨县", "-o", "-"],
    ),
    ("export.json", &["export", "--format", "json", "-o", "-"]),
    (
        "export-open.json",
        &["export", "--format", "json", "--open", "-o", "-"],
    ),
];

/// The xlsx cases: name, then the arguments. The last is built whole (本期变化).
const SHEETS: &[(&str, &[&str])] = &[
    ("export.xlsx", &["export", "--format", "xlsx", "-o", "-"]),
    (
        "export-open-a3.xlsx",
        &[
            "export",
            "--format",
            "xlsx",
            "--open",
            "--paper",
            "a3",
            "--columns",
            "all",
            "--attachment",
            "1",
            "-o",
            "-",
        ],
    ),
    (
        "export-all-progress.xlsx",
        &[
            "export",
            "--format",
            "xlsx",
            "--all-progress",
            "--unit",
            "汉滨县",
            "-o",
            "-",
        ],
    ),
    (
        "export-asof-search.xlsx",
        &[
            "--today",
            "2019-12-12",
            "export",
            "--format",
            "xlsx",
            "--search",
            "培训",
            "-o",
            "-",
        ],
    ),
    (
        "export-overdue-en.xlsx",
        &[
            "--lang",
            "en",
            "export",
            "--format",
            "xlsx",
            "--overdue",
            "-o",
            "-",
        ],
    ),
    (
        "export-since.xlsx",
        &[
            "export",
            "--format",
            "xlsx",
            "--since",
            "2019-12-01",
            "-o",
            "-",
        ],
    ),
];

fn digests(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(digest, name)| (name.to_string(), digest.to_string()))
        .collect()
}

/// `2019-12-26T08:00:00.123Z` → `<T>`: the true time of recording, which a new file renews.
fn mask_recorded_times(bytes: &[u8]) -> Vec<u8> {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:dd";
    let fits = |at: usize| {
        bytes.len() >= at + SHAPE.len()
            && SHAPE
                .iter()
                .zip(&bytes[at..])
                .all(|(shape, b)| match shape {
                    b'd' => b.is_ascii_digit(),
                    other => other == b,
                })
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if fits(at) {
            let mut end = at + SHAPE.len();
            while end < bytes.len() && (bytes[end] == b'.' || bytes[end].is_ascii_digit()) {
                end += 1;
            }
            if bytes.get(end) == Some(&b'Z') {
                out.extend_from_slice(b"<T>");
                at = end + 1;
                continue;
            }
        }
        out.push(bytes[at]);
        at += 1;
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs each of `cases` on a generated ledger of 3,000 tasks and compares `digest` of what it
/// prints (given the case's name) with the case's digest in `golden`; an output that differs
/// is kept in the temporary folder for a look while the test reports.
fn check_against(golden: &str, cases: &[(&str, &[&str])], digest: impl Fn(&str, &[u8]) -> String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("3000.db");
    common::generate(3000, &path);
    let golden = digests(golden);
    assert_eq!(golden.len(), cases.len(), "one digest per case");
    let mut wrong = Vec::new();
    for (name, args) in cases {
        let output = common::command()
            .arg("--db")
            .arg(&path)
            .args(*args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stdout.is_empty(), "{name}: nothing printed");
        let digest = digest(name, &output.stdout);
        if golden.get(*name) != Some(&digest) {
            let kept = std::env::temp_dir().join(format!("zhenggai-streaming-{name}"));
            std::fs::write(&kept, &output.stdout).unwrap();
            wrong.push(format!("{name}: {digest}, written to {}", kept.display()));
        }
    }
    assert!(wrong.is_empty(), "outputs changed:\n{}", wrong.join("\n"));
}

#[test]
fn streamed_listings_and_exports_are_the_bytes_of_the_in_memory_readers() {
    let golden = include_str!("golden/streaming-3000.sha256");
    check_against(golden, CASES, |name, printed| {
        match name.starts_with("export") && name.ends_with(".json") {
            true => hex(&Sha256::digest(mask_recorded_times(printed))),
            false => hex(&Sha256::digest(printed)),
        }
    });
}

/// SHA-256 over each part of the workbook but `docProps/core.xml`, in the container's order:
/// its name, a line break, its bytes.
fn workbook_digest(xlsx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut hash = Sha256::new();
    let mut parts = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name() == "docProps/core.xml" {
            continue;
        }
        hash.update(format!("{}\n", part.name()).as_bytes());
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        hash.update(&bytes);
        parts += 1;
    }
    assert!(parts >= 8, "a workbook of {parts} parts");
    hex(&hash.finalize())
}

#[test]
fn streamed_sheets_are_the_workbooks_built_whole() {
    let golden = include_str!("golden/streaming-xlsx-3000.sha256");
    check_against(golden, SHEETS, |_, printed| workbook_digest(printed));
}

#[test]
fn the_mask_hides_only_times_of_recording() {
    let masked = mask_recorded_times(
        "\"at\": \"2026-12-05T07:12:31.990Z\", 2019-12-26, 2019-12-26T08:00:00 见".as_bytes(),
    );
    assert_eq!(
        String::from_utf8(masked).unwrap(),
        "\"at\": \"<T>\", 2019-12-26, 2019-12-26T08:00:00 见"
    );
}
