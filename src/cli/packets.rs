//! Units in the loop on the command line: `packet` makes each unit's fill-in sheet (报送表),
//! `collect` takes the filled sheets back, each file on its own, and `reports` lists who has
//! reported.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::json;
use super::session::{Context, bad_value};
use super::table::fitted;
use crate::error::{Error, PacketProblem, Result, ValueKind};
use crate::exchange::{Collected, PacketState, latest_per_unit};
use crate::i18n::{self, Lang};
use crate::model::SettingKey;
use crate::report::{self, packet};

/// What `packet` was given.
pub(super) struct PacketArgs {
    pub(super) units: Vec<String>,
    pub(super) kind: Option<String>,
    pub(super) output: Option<PathBuf>,
    pub(super) due: Option<String>,
    pub(super) period: Option<String>,
    pub(super) force: bool,
}

/// `packet`: every file is written whole beside its place first, then each gets its name, then
/// the packets are recorded in one transaction. A run that fails on the way takes back the
/// files it named: no file without its record, no record without its file.
pub(super) fn make(
    cx: &mut Context,
    args: PacketArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    let kind = args
        .kind
        .as_deref()
        .map(|k| i18n::parse_unit_kind(k).ok_or_else(|| bad_value(ValueKind::UnitKind, k)))
        .transpose()?;
    let period = match args.period.as_deref().map(str::trim) {
        Some(text) => crate::model::check_text(text, true, false)
            .map(|_| text.to_string())
            .map_err(|problem| Error::BadText {
                field: crate::error::Field::Period,
                problem,
            })?,
        None => lang.default_period(cx.today),
    };
    let request = packet::Request {
        units: args.units,
        kind,
        period: period.clone(),
        due: args.due.as_deref().map(|d| cx.date(d)).transpose()?,
    };
    let organisation = cx
        .store
        .settings()?
        .into_iter()
        .find(|(key, _)| *key == SettingKey::Organisation)
        .and_then(|(_, value)| value)
        .unwrap_or_default();
    let packets = packet::plan(&cx.store, lang, &request, &organisation)?;
    let folder = args.output.unwrap_or_else(|| PathBuf::from("."));
    if !folder.exists() {
        std::fs::create_dir_all(&folder).map_err(|e| Error::file(&folder, e))?;
        writeln!(err, "{}", lang.folder_created(&folder))?;
    }
    let mut staged = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for p in &packets {
        let name = lang.packet_file(&p.period, &p.unit);
        if names.contains(&name) {
            return Err(Error::Packet(PacketProblem::SameFile(name)));
        }
        let bytes = packet::write(p, lang)?;
        staged.push(report::stage(
            &folder.join(&name),
            &bytes,
            args.force,
            false,
        )?);
        names.push(name);
    }
    let mut placed = Vec::new();
    let result = staged
        .into_iter()
        .zip(&names)
        .try_for_each(|(file, name)| {
            file.place()?;
            placed.push(folder.join(name));
            Ok(())
        })
        .and_then(|()| cx.store.record_packets(&packets));
    if let Err(error) = result {
        // a file replaced with --force is gone either way; a new one is taken back
        for path in placed {
            let _ = std::fs::remove_file(path);
        }
        return Err(error);
    }
    writeln!(
        out,
        "{}",
        lang.packet_written(packets.len(), &folder.display().to_string())
    )?;
    for (p, name) in packets.iter().zip(&names) {
        writeln!(
            out,
            "{}",
            lang.packet_file_line(&p.unit, p.rows.len(), name)
        )?;
    }
    Ok(())
}

/// A collected file as `--json` gives it: what was taken, and each refused row in words.
#[derive(Serialize)]
struct CollectedJson<'a> {
    #[serde(flatten)]
    collected: Option<&'a Collected>,
    file: String,
    refused: Vec<RefusedJson>,
    /// Why the whole file was not taken (not a packet, another ledger's, unreadable).
    error: Option<String>,
}

#[derive(Serialize)]
struct RefusedJson {
    row: u32,
    column: String,
    header: String,
    reason: String,
}

/// `collect`: each file on its own, one transaction each; a file that cannot be taken is
/// reported and the others still are. Fails (exit 1) when anything was not taken.
pub(super) fn collect(
    cx: &mut Context,
    files: &[PathBuf],
    dry_run: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    // a file's transaction touches pages all over a large ledger: keep them in memory rather
    // than spill them to the log before the commit
    cx.store.set_cache_mib(64)?;
    let mut shown = Vec::new();
    let (mut failed, mut refused) = (0, 0);
    for file in files {
        let name = file.display().to_string();
        match collect_one(cx, file, &name, dry_run) {
            Ok(collected) => {
                refused += collected.refused.len();
                if !as_json {
                    writeln!(out, "{}", lang.collected_line(&collected))?;
                }
                shown.push((Some(collected), name, None));
            }
            Err(error) => {
                failed += 1;
                if !as_json {
                    writeln!(out, "{}", lang.collect_failed(&name, &lang.error(&error)))?;
                }
                shown.push((None, name, Some(lang.error(&error))));
            }
        }
    }
    if as_json {
        let rows: Vec<CollectedJson> = shown
            .iter()
            .map(|(collected, file, error)| CollectedJson {
                collected: collected.as_ref(),
                file: file.clone(),
                refused: collected
                    .iter()
                    .flat_map(|c| &c.refused)
                    .map(|p| RefusedJson {
                        row: p.row,
                        column: p.column.clone(),
                        header: p.header.clone(),
                        reason: lang.sheet_row_problem(p),
                    })
                    .collect(),
                error: error.clone(),
            })
            .collect();
        json::print(out, &rows)?;
    } else if dry_run {
        writeln!(out, "{}", lang.collect_dry_run())?;
    }
    if failed + refused > 0 {
        return Err(Error::Packet(PacketProblem::Incomplete {
            files: failed,
            rows: refused,
        }));
    }
    Ok(())
}

fn collect_one(cx: &mut Context, file: &Path, name: &str, dry_run: bool) -> Result<Collected> {
    let bytes = report::read_document(file)?;
    let filled = packet::read(&bytes, cx.today)?;
    cx.store.collect(&filled, name, dry_run)
}

/// A unit's latest packet as `reports` lists it.
#[derive(Serialize)]
struct ReportJson<'a> {
    #[serde(flatten)]
    packet: &'a PacketState,
    /// collected | waiting | late
    state: &'static str,
}

/// `reports`: each unit's latest packet (of `period`, or of any), and whether it came back.
pub(super) fn reports(
    cx: &Context,
    period: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    let latest = latest_per_unit(&cx.store.packets(period)?);
    let state = |p: &PacketState| match (p.collected_on, p.due) {
        (Some(_), _) => "collected",
        (None, Some(due)) if due < cx.today => "late",
        _ => "waiting",
    };
    if as_json {
        let rows: Vec<ReportJson> = latest
            .iter()
            .map(|p| ReportJson {
                packet: p,
                state: state(p),
            })
            .collect();
        return json::print(out, &rows);
    }
    if latest.is_empty() {
        writeln!(out, "{}", lang.no_packets())?;
        return Ok(());
    }
    let day = |d: Option<chrono::NaiveDate>| d.map_or("—".to_string(), crate::date::format);
    let rows: Vec<Vec<String>> = latest
        .iter()
        .map(|p| {
            vec![
                p.unit.clone(),
                p.period.clone(),
                crate::date::format(p.made_on),
                day(p.due),
                day(p.collected_on),
                report_state(lang, state(p)).to_string(),
                p.reporter.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        lang.col_unit_name(),
        lang.col_period(),
        lang.col_sent(),
        lang.col_due(),
        lang.col_collected(),
        lang.col_report_state(),
        lang.packet_reporter(),
    ];
    fitted(out, &header, &rows)?;
    let count = |s: &str| latest.iter().filter(|p| state(p) == s).count();
    writeln!(
        out,
        "{}",
        lang.reports_summary(count("collected"), count("waiting"), count("late"))
    )?;
    Ok(())
}

fn report_state(lang: Lang, state: &str) -> &'static str {
    match state {
        "collected" => lang.report_collected(),
        "late" => lang.report_late(),
        _ => lang.report_waiting(),
    }
}
