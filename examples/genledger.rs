//! Makes a synthetic ledger for benchmarks and tests of scale:
//!
//! ```sh
//! cargo run --release --example genledger -- --tasks 100000 --out /tmp/big.db
//! ```
//!
//! `--tasks 0` gives the seeded ledger; otherwise the records of `zhenggai::synthetic` (as of
//! `--today`, default 2019-12-26; `--seed` makes another ledger of the same size) go in through
//! `Store::import`: one transaction, with the events an import writes.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use zhenggai::store::Store;
use zhenggai::synthetic;

struct Options {
    tasks: usize,
    out: PathBuf,
    today: NaiveDate,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut tasks = None;
    let mut out = None;
    let mut today = NaiveDate::from_ymd_opt(2019, 12, 26).expect("a date");
    let mut seed = 2019;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--tasks" => tasks = Some(value()?.parse().map_err(|e| format!("--tasks: {e}"))?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--today" => {
                today = NaiveDate::parse_from_str(&value()?, "%Y-%m-%d")
                    .map_err(|e| format!("--today: {e}"))?
            }
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options {
        tasks: tasks.ok_or("--tasks N is required")?,
        out: out.ok_or("--out FILE is required")?,
        today,
        seed,
    })
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(message) => {
            eprintln!(
                "genledger: {message}\nusage: genledger --tasks N --out FILE [--today YYYY-MM-DD] [--seed S]"
            );
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let seeded = o.tasks == 0;
    let mut store = match Store::create(&o.out, "genledger", seeded) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("genledger: {}", zhenggai::i18n::Lang::En.error(&e));
            return ExitCode::from(2);
        }
    };
    if !seeded {
        // the import is dated on the ledger's own today, as an office would have typed it in
        store.set_today(o.today);
        let records = synthetic::records(o.tasks, o.today, o.seed);
        if let Err(e) = store.import(&records, false) {
            eprintln!("genledger: {}", zhenggai::i18n::Lang::En.error(&e));
            return ExitCode::from(1);
        }
        eprintln!(
            "genledger: {} units, {} problems, {} tasks, {} progress entries in {:.1} s",
            records.units.len(),
            records.problems.len(),
            records.tasks.len(),
            records.progress.len(),
            started.elapsed().as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}
