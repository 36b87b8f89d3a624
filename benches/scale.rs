//! Benchmarks at the three sizes of issue 6: the seeded ledger (21 tasks), 3,000 and 100,000
//! tasks (synthetic, `zhenggai::synthetic`, made once into `target/bench-ledgers/`).
//!
//! ```sh
//! cargo bench --bench scale                 # all sizes
//! ZHENGGAI_BENCH_SIZES=100000 cargo bench --bench scale
//! ```
//!
//! The TUI is measured as a person meets it: a key through `update` (its worker inline, so the
//! time includes what the worker reads for it), then a frame drawn on ratatui's `TestBackend`
//! at 160×50; and a frame drawn while the worker, on its own thread, exports the whole ledger.
//! A refresh after another process changed every task is measured too. Commands are measured as
//! whole processes of the release binary, as a script meets them; so are packets (报送表): made
//! for every unit, and all of them, filled in once by openpyxl, collected back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use zhenggai::filter::Filter;
use zhenggai::i18n::Lang;
use zhenggai::report;
use zhenggai::store::Store;
use zhenggai::tui::app::App;
use zhenggai::tui::msg::{Msg, RowKey};
use zhenggai::tui::view;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 12, 26).unwrap()
}

/// A day of the generated ledger's past: about half its closes and a third of its progress
/// entries are dated after it.
const PAST_DAY: &str = "2019-12-10";

fn past_day() -> NaiveDate {
    NaiveDate::parse_from_str(PAST_DAY, "%Y-%m-%d").unwrap()
}

fn sizes() -> Vec<usize> {
    std::env::var("ZHENGGAI_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![0, 3_000, 100_000])
}

/// The ledger of a size, made once and kept (0 is the seeded ledger).
fn ledger(tasks: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-ledgers");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{tasks}.db"));
    if !path.exists() {
        let partial = dir.join(format!("{tasks}.db.part"));
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::create(&partial, "bench", tasks == 0).unwrap();
        if tasks > 0 {
            // dated on the ledger's own today: the benchmarks' "today" is then the ledger as is
            store.set_today(today());
            let records = zhenggai::synthetic::records(tasks, today(), 2019);
            store.import(&records, false).unwrap();
        }
        drop(store);
        std::fs::rename(&partial, &path).unwrap();
    }
    path
}

/// A copy for benchmarks that write, so the kept ledger stays as made.
fn scratch_copy(path: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(name);
    Store::open(path, "bench").unwrap().backup(&copy).unwrap();
    (dir, copy)
}

fn open_app(path: &Path) -> App {
    let mut app = App::inline(Store::open(path, "bench").unwrap(), Lang::Zh, today()).unwrap();
    app.handle(Msg::Resize(WIDTH, HEIGHT));
    app
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| view::draw(f, &app.state)).unwrap();
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn binary() -> PathBuf {
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/zhenggai");
    assert!(
        release.is_file(),
        "build the release binary first: cargo build --release"
    );
    release
}

fn tui(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for size in sizes() {
        let path = ledger(size);
        group.bench_with_input(
            BenchmarkId::new("open_and_first_frame", size),
            &path,
            |b, p| {
                b.iter_custom(|iterations| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iterations {
                        // as in a terminal: the worker on its own thread loads, the screen
                        // draws the first frame with the data it sends
                        let started = std::time::Instant::now();
                        let store = Store::open(p, "bench").unwrap();
                        let mut app = App::new(store, Lang::Zh, today()).unwrap();
                        app.handle(Msg::Resize(WIDTH, HEIGHT));
                        app.wait_until(Duration::from_secs(60), |s| s.loaded);
                        frame(&mut terminal(), &app);
                        spent += started.elapsed();
                        // untimed: let the search index finish, so that its thread does not
                        // run into the next open (a person opens the ledger once)
                        app.wait_until(Duration::from_secs(60), |s| {
                            s.search.ready().is_some() && s.latest.is_some()
                        });
                    }
                    spent
                })
            },
        );

        // `t` and a date: the whole ledger read again as of that day by the worker on its
        // thread, as in a terminal, and the first frame of it drawn
        let store = Store::open(&path, "bench").unwrap();
        let mut app = App::new(store, Lang::Zh, today()).unwrap();
        app.handle(Msg::Resize(WIDTH, HEIGHT));
        app.wait_until(Duration::from_secs(60), |s| s.loaded);
        let mut term = terminal();
        let mut past = false;
        group.bench_function(BenchmarkId::new("switch_to_a_past_day", size), |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    past = !past;
                    let day = if past { past_day() } else { today() };
                    let started = std::time::Instant::now();
                    key(&mut app, KeyCode::Char('t'));
                    for c in day.format("%Y-%m-%d").to_string().chars() {
                        key(&mut app, KeyCode::Char(c));
                    }
                    key(&mut app, KeyCode::Enter);
                    app.wait_until(Duration::from_secs(60), |s| s.clock.today == day);
                    frame(&mut term, &app);
                    spent += started.elapsed();
                    // untimed: the search index of the new load, built on its own thread
                    app.wait_until(Duration::from_secs(60), |s| s.search.ready().is_some());
                }
                spent
            })
        });
        drop(app);

        let mut app = open_app(&path);
        let mut term = terminal();
        // the first search waits for the index; later keystrokes are what a person feels
        key(&mut app, KeyCode::Char('/'));
        key(&mut app, KeyCode::Char('查'));
        key(&mut app, KeyCode::Backspace);
        group.bench_function(BenchmarkId::new("search_keystroke", size), |b| {
            let mut typed = false;
            b.iter(|| {
                if typed {
                    key(&mut app, KeyCode::Backspace);
                } else {
                    key(&mut app, KeyCode::Char('检'));
                }
                typed = !typed;
                frame(&mut term, &app);
            })
        });
        key(&mut app, KeyCode::Esc);

        let mut down = true;
        group.bench_function(BenchmarkId::new("move_selection", size), |b| {
            b.iter(|| {
                key(
                    &mut app,
                    if down {
                        KeyCode::Char('j')
                    } else {
                        KeyCode::Char('k')
                    },
                );
                down = !down;
                frame(&mut term, &app);
            })
        });

        let mut overdue = true;
        group.bench_function(BenchmarkId::new("apply_filter", size), |b| {
            b.iter(|| {
                // the filter popup: light 红, or back to any light
                key(&mut app, KeyCode::Char('f'));
                for _ in 0..3 {
                    key(&mut app, KeyCode::Tab);
                }
                key(
                    &mut app,
                    if overdue {
                        KeyCode::Right
                    } else {
                        KeyCode::Left
                    },
                );
                overdue = !overdue;
                ctrl(&mut app, 's');
                frame(&mut term, &app);
            })
        });
        drop(app);

        // each close takes the next open task; a copy of the ledger is made again (untimed)
        // when none is left, so that every timed close really closes one
        let (_dir, copy) = scratch_copy(&path, "close.db");
        let mut app = open_app(&copy);
        group.bench_function(BenchmarkId::new("close_task", size), |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    key(&mut app, KeyCode::Char('g'));
                    key(&mut app, KeyCode::Char('j'));
                    if !matches!(app.state.selected_row(), Some(RowKey::Task(_))) {
                        drop(std::mem::replace(&mut app, open_app(&path)));
                        let _ = std::fs::remove_file(&copy);
                        Store::open(&path, "bench").unwrap().backup(&copy).unwrap();
                        app = open_app(&copy);
                        key(&mut app, KeyCode::Char('g'));
                        key(&mut app, KeyCode::Char('j'));
                    }
                    let started = std::time::Instant::now();
                    key(&mut app, KeyCode::Char('c'));
                    app.handle(Msg::Paste("经核查整改到位".into()));
                    ctrl(&mut app, 's');
                    frame(&mut term, &app);
                    spent += started.elapsed();
                }
                spent
            })
        });
    }
    group.finish();
}

/// A frame drawn while the worker, on its own thread, writes the whole ledger as a sheet: the
/// screen keeps its frame budget (16 ms) whatever the worker does.
fn frame_during_export(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui");
    group.sample_size(20).warm_up_time(Duration::from_secs(1));
    for size in sizes() {
        let path = ledger(size);
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&path, "bench").unwrap();
        let mut app = App::new(store, Lang::Zh, today()).unwrap();
        app.handle(Msg::Resize(WIDTH, HEIGHT));
        app.wait_until(Duration::from_secs(60), |s| s.loaded);
        let mut term = terminal();
        let out = dir.path().join("list.xlsx");
        let export = |app: &mut App| {
            key(app, KeyCode::Char('x'));
            key(app, KeyCode::Tab);
            app.handle(Msg::Paste(out.display().to_string()));
            key(app, KeyCode::Tab);
            key(app, KeyCode::Right); // overwrite
            ctrl(app, 's');
            // the dialog goes; the export goes on, and the ledger is browsed meanwhile
            key(app, KeyCode::Esc);
        };
        export(&mut app);
        let (mut frames, mut busy, mut exports) = (0u64, 0u64, 1u64);
        group.bench_function(BenchmarkId::new("frame_during_export", size), |b| {
            b.iter(|| {
                app.take_answers();
                if app.state.in_flight.is_none() {
                    export(&mut app);
                    exports += 1;
                }
                busy += u64::from(app.state.in_flight.is_some());
                frames += 1;
                key(&mut app, KeyCode::Char('j'));
                frame(&mut term, &app);
            })
        });
        app.wait_until(Duration::from_secs(120), |s| s.in_flight.is_none());
        // what was measured was drawn while an export ran
        println!("{frames} frames, {busy} of them while an export ran; {exports} exports started");
        assert!(out.is_file());
    }
    group.finish();
}

/// The refresh after another process changed every task (an import of the whole ledger): the
/// changes are looked up once each, and past a few hundred the ledger is read again.
fn refresh_after_a_large_import(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for size in sizes() {
        let path = ledger(size);
        let (_dir, copy) = scratch_copy(&path, "refresh.db");
        let mut app = open_app(&copy);
        let records = Store::open(&copy, "bench").unwrap().records().unwrap();
        let mut round = 0u64;
        group.bench_function(BenchmarkId::new("refresh_after_import", size), |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for n in 0..iterations {
                    // untimed: another process updates every task (a newer copy of each, with
                    // a person never given before, so that every task really changes)
                    round += 1;
                    let mut newer = records.clone();
                    for task in &mut newer.tasks {
                        task.person = format!("第{round}次");
                        task.updated_at =
                            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                    }
                    Store::open(&copy, "other")
                        .unwrap()
                        .import(&newer, false)
                        .unwrap();
                    let started = std::time::Instant::now();
                    app.handle(Msg::Tick(n + 1));
                    spent += started.elapsed();
                }
                spent
            })
        });
    }
    group.finish();
}

fn commands(c: &mut Criterion) {
    let bin = binary();
    let mut group = c.benchmark_group("command");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for size in sizes() {
        let path = ledger(size);
        let run_on = |day: &str, args: &[&str]| {
            let output = Command::new(&bin)
                .arg("--db")
                .arg(&path)
                .arg(format!("--today={day}"))
                .args(args)
                .output()
                .unwrap();
            assert!(output.status.success());
        };
        let run = |args: &[&str]| run_on("2019-12-26", args);
        group.bench_function(BenchmarkId::new("list_open_json", size), |b| {
            b.iter(|| run(&["list", "--open", "--json"]))
        });
        // the same as of a past day: the tables rewound by the changes dated after it
        group.bench_function(BenchmarkId::new("list_open_json_past_day", size), |b| {
            b.iter(|| run_on(PAST_DAY, &["list", "--open", "--json"]))
        });
        // 本期变化 over a month
        group.bench_function(BenchmarkId::new("changes_a_month", size), |b| {
            b.iter(|| run(&["changes", "--since", "2019-11-26", "--json"]))
        });
        group.bench_function(BenchmarkId::new("stats", size), |b| {
            b.iter(|| run(&["stats"]))
        });
    }
    group.finish();
}

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for size in sizes() {
        let path = ledger(size);
        let store = Store::open(&path, "bench").unwrap();
        let clock = store.clock(today()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (name, format) in [("xlsx", "xlsx"), ("csv", "csv")] {
            let out = dir.path().join(format!("list.{format}"));
            group.bench_function(BenchmarkId::new(name, size), |b| {
                b.iter(|| {
                    let request = report::Request {
                        format: report::Format::parse(format).unwrap(),
                        filter: &Filter::default(),
                        title: None,
                        path: &out,
                        force: true,
                        since: None,
                        layout: report::Layout::default(),
                        scope: None,
                    };
                    report::export(&store, Lang::Zh, &clock, request).unwrap();
                })
            });
        }
    }
    group.finish();
}

/// Runs the release binary on `db` as of the benchmarks' today; fails if the command fails.
fn run_binary(bin: &Path, db: &Path, args: &[&str]) {
    let output = Command::new(bin)
        .arg("--db")
        .arg(db)
        .arg("--today=2019-12-26")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The packets of every unit of a size, made once on a kept copy of its ledger and filled in
/// by openpyxl (every row: this period's progress), as units send them back.
fn filled_packets(bin: &Path, size: usize) -> (PathBuf, Vec<PathBuf>) {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-ledgers/{size}-packets"));
    let db = dir.join("ledger.db");
    let filled = dir.join("filled");
    if !filled.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Store::open(&ledger(size), "bench")
            .unwrap()
            .backup(&db)
            .unwrap();
        let sent = dir.join("sent");
        run_binary(
            bin,
            &db,
            &["packet", "--period", "bench", "-o", sent.to_str().unwrap()],
        );
        let partial = dir.join("filled.part");
        std::fs::create_dir_all(&partial).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/fill_packet.py");
        for entry in std::fs::read_dir(&sent).unwrap() {
            let from = entry.unwrap().path();
            let spec = serde_json::json!({
                "in": from, "out": partial.join(from.file_name().unwrap()),
                "every_row": {"progress": "本期已按计划推进，召开专题会议一次"},
                "footer": {"填报人": "填报员"}
            });
            let mut child = Command::new("python3")
                .arg(script)
                .stdin(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(spec.to_string().as_bytes()).unwrap();
            drop(stdin);
            assert!(child.wait().unwrap().success());
        }
        std::fs::rename(&partial, &filled).unwrap();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&filled)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    (db, files)
}

/// 报送表: the packets of every unit with open tasks made by the release binary, and all of
/// them, filled in, collected back into a fresh copy of the ledger that sent them.
fn packets(c: &mut Criterion) {
    let bin = binary();
    let mut group = c.benchmark_group("packets");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for size in sizes() {
        let (_dir, copy) = scratch_copy(&ledger(size), "packets.db");
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().to_str().unwrap().to_string();
        group.bench_function(BenchmarkId::new("make_every_unit", size), |b| {
            b.iter(|| {
                run_binary(
                    &bin,
                    &copy,
                    &["packet", "--period", "bench", "--force", "-o", &out],
                )
            })
        });
        let (sent_from, files) = filled_packets(&bin, size);
        let mut args = vec!["collect".to_string()];
        args.extend(files.iter().map(|f| f.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        group.bench_function(BenchmarkId::new("collect_every_unit", size), |b| {
            b.iter_batched(
                || scratch_copy(&sent_from, "collect.db"),
                |(_dir, db)| run_binary(&bin, &db, &args),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    tui,
    frame_during_export,
    refresh_after_a_large_import,
    commands,
    export,
    packets
);
criterion_main!(benches);
