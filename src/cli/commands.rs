//! Runs one command against the ledger and prints its result to `out`: the readers and the
//! exports here, the writes in `writes`.

use std::io::Write;
use std::path::PathBuf;

use super::json;
use super::session::{Context, bad_value, filter_from_args, open_ledger, session};
use super::writes::{self, AssignArgs, ExtendArgs, ProgressArgs, Verdict};
use super::{Cli, Command, FilterArgs, rounds};
use super::{listing, table};
use crate::error::{Error, Result, ValueKind};
use crate::filter::Filter;
use crate::model::{Clock, LatestProgress, by_problem};
use crate::report::{self, pretty::PrettyArray};
use crate::store::{EventScope, Ref, Store};

/// Runs the subcommand of `cli` (the binary runs the TUI when there is none). Messages about
/// the run itself go to `err`; results go to `out`. Says whether the ledger was changed, so that
/// a change is reported as done even when `out` could not be written.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<bool> {
    let session = session(&cli)?;
    let lang = session.lang;
    let Some(command) = cli.command else {
        return Err(Error::NotATerminal);
    };
    if let Command::Init { empty } = command {
        let path = &session.path;
        let new_folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && !p.exists())
            .map(|p| p.to_path_buf());
        let store = Store::create(path, &session.actor, !empty)?;
        if let Some(folder) = new_folder {
            writeln!(err, "{}", lang.folder_created(&folder))?;
        }
        let (problems, tasks, units) = (
            store.problems()?.len(),
            store.tasks()?.len(),
            store.units()?.len(),
        );
        writeln!(out, "{}", lang.ledger_created(path, problems, tasks, units))?;
        return Ok(true);
    }
    let mut store = open_ledger(&session, err)?;
    store.set_today(session.today);
    rounds::scope(&mut store, cli.inspection.as_deref())?;
    let mut cx = Context {
        lang,
        today: session.today,
        store,
    };
    dispatch(&mut cx, command, out, err)?;
    Ok(cx.store.last_tx().is_some())
}

fn dispatch(
    cx: &mut Context,
    command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match command {
        Command::Init { .. } => unreachable!("handled before the ledger is opened"),
        Command::List { filter, json } => list(cx, filter, json, out),
        Command::Problems { json } => problems(cx, json, out),
        Command::Show { reference, json } => {
            rounds::note_shared_code(cx, &reference, err)?;
            show(cx, &reference, json, out)
        }
        Command::Inspection(command) => rounds::inspection(cx, command, out),
        Command::Problem(command) => writes::problem(cx, command, out),
        Command::Task(command) => writes::task(cx, command, out),
        Command::Assign {
            problem,
            owners,
            measure,
            deadline,
            person,
            assigned,
        } => {
            let args = AssignArgs {
                owners,
                measure,
                deadline,
                person,
                assigned,
            };
            writes::assign(cx, &problem, args, out)
        }
        Command::Progress {
            task,
            text,
            date,
            evidence,
            status,
            if_version,
        } => {
            let new = ProgressArgs {
                text,
                date,
                evidence,
                status,
            };
            writes::progress(cx, &task, new, if_version, out)
        }
        Command::Close {
            reference,
            note,
            evidence,
            date,
            if_version,
        } => {
            let verdict = Verdict {
                text: note,
                evidence,
                date,
                if_version,
            };
            writes::close(cx, &reference, verdict, out)
        }
        Command::Reopen {
            task,
            reason,
            date,
            if_version,
        } => {
            let verdict = Verdict {
                text: reason,
                evidence: None,
                date,
                if_version,
            };
            writes::reopen(cx, &task, verdict, out)
        }
        Command::Extend {
            task,
            to,
            reason,
            approved_by,
            date,
            if_version,
        } => {
            let args = ExtendArgs {
                to,
                reason,
                approved_by,
                date,
            };
            writes::extend(cx, &task, args, if_version, out)
        }
        Command::Setting { key, value, json } => {
            super::settings::run(cx, key.as_deref(), value.as_deref(), json, out)
        }
        Command::Changes {
            since,
            until,
            filter,
            json,
        } => super::changes::run(cx, &since, until.as_deref(), filter, json, out),
        Command::Backup { file } => {
            cx.store.backup(&file)?;
            writeln!(out, "{}", cx.lang.backup_written(&file))?;
            Ok(())
        }
        Command::Check { json } => check(cx, json, out),
        Command::Unit(command) => writes::unit(cx, command, out),
        Command::Stats { json } => stats(cx, json, out),
        Command::History {
            reference,
            limit,
            json,
        } => {
            if let Some(reference) = &reference {
                rounds::note_shared_code(cx, reference, err)?;
            }
            history(cx, reference.as_deref(), limit, json, out)
        }
        Command::Export {
            format,
            output,
            force,
            title,
            since,
            paper,
            columns,
            attachment,
            all_progress,
            filter,
        } => {
            let layout = report::Layout {
                paper: paper
                    .as_deref()
                    .map(|p| report::Paper::parse(p).ok_or_else(|| bad_value(ValueKind::Paper, p)))
                    .transpose()?
                    .unwrap_or_default(),
                columns: columns
                    .as_deref()
                    .map(|c| {
                        report::Columns::parse(c).ok_or_else(|| bad_value(ValueKind::Columns, c))
                    })
                    .transpose()?
                    .unwrap_or_default(),
                attachment: attachment.filter(|a| !a.trim().is_empty()),
                all_progress,
            };
            let target = ExportTarget {
                output,
                force,
                since,
                layout,
            };
            export(cx, &format, target, title, filter, out, err)
        }
        Command::Import {
            file,
            dry_run,
            json,
        } => import(cx, &file, dry_run, json, out),
        Command::ImportSheet {
            file,
            sheet,
            create_units,
            dry_run,
            json,
        } => {
            let args = super::sheet::SheetArgs {
                sheet,
                create_units,
                dry_run,
                json,
            };
            super::sheet::import(cx, &file, args, out, err)
        }
        Command::Packet {
            units,
            kind,
            output,
            due,
            period,
            force,
        } => {
            let args = super::packets::PacketArgs {
                units,
                kind,
                output,
                due,
                period,
                force,
            };
            super::packets::make(cx, args, out, err)
        }
        Command::Notice {
            units,
            output,
            format,
            due,
            force,
        } => {
            let args = super::papers::NoticeArgs {
                units,
                output,
                format,
                due,
                force,
            };
            super::papers::notice(cx, args, out, err)
        }
        Command::Report {
            output,
            format,
            force,
        } => super::papers::report(cx, output, &format, force, out),
        Command::Collect {
            files,
            dry_run,
            json,
        } => super::packets::collect(cx, &files, dry_run, json, out),
        Command::Reports { period, json } => {
            super::packets::reports(cx, period.as_deref(), json, out)
        }
    }
}

fn list(cx: &Context, args: FilterArgs, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let filter = filter_from_args(cx, args)?;
    let clock = cx.clock()?;
    if as_json {
        return list_json(cx, &filter, &clock, out);
    }
    listing::list_table(cx, &filter, &clock, out)
}

/// `list --json`, written problem by problem as the ledger is read: memory holds one problem's
/// tasks, whatever the size of the ledger.
fn list_json(cx: &Context, filter: &Filter, clock: &Clock, out: &mut dyn Write) -> Result<()> {
    // serde_json writes in small pieces: gathered here rather than each sent through `dyn Write`
    let mut array = PrettyArray::begin(std::io::BufWriter::with_capacity(1 << 16, &mut *out), 0)?;
    cx.store.each_problem(filter, clock, |p| {
        let shown = p.chosen(filter, clock);
        if filter.narrows_tasks() && shown.is_empty() {
            return Ok(());
        }
        let summary = p.summary(clock);
        array.item(&json::problem_with_tasks(
            p.problem, summary, &shown, p.latest, clock,
        ))
    })?;
    let (mut buffered, _) = array.end()?;
    writeln!(buffered)?;
    buffered.flush()?;
    Ok(())
}

fn problems(cx: &Context, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let clock = cx.clock()?;
    let (mut problems, tasks) = cx
        .store
        .snapshot(|store| Ok((store.problems()?, store.tasks()?)))?;
    problems.retain(|p| cx.store.round().is_none_or(|r| r == p.inspection_id));
    let by = by_problem(&tasks);
    if as_json {
        return json::print(out, &json::problem_summaries(&problems, &by, &clock));
    }
    rounds::mark_rounds(cx, &mut problems)?;
    table::problems(out, cx.lang, &problems, &by, &clock)
}

fn show(cx: &Context, reference: &str, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let clock = cx.clock()?;
    match cx.store.resolve(reference)? {
        Ref::Problem(problem) => {
            let (tasks, progress, history) = cx.store.snapshot(|store| {
                let tasks = store.tasks_of(&problem)?;
                let progress = tasks
                    .iter()
                    .map(|t| store.progress(t))
                    .collect::<Result<Vec<_>>>()?;
                let history = store.events(EventScope::Problem(problem.id), usize::MAX)?;
                Ok((tasks, progress, history))
            })?;
            if as_json {
                let value = json::problem_detail(&problem, &tasks, &progress, &history, &clock);
                return json::print(out, &value);
            }
            let latest = LatestProgress::of_entries(&tasks, &progress);
            table::problem_detail(out, cx.lang, &problem, &tasks, &latest, &history, &clock)
        }
        Ref::Task(task) => {
            let (progress, history, problem) = cx.store.snapshot(|store| {
                Ok((
                    store.progress(&task)?,
                    store.events(EventScope::Task(task.id), usize::MAX)?,
                    store.problem_of(&task)?,
                ))
            })?;
            if as_json {
                let value = json::task_detail(&task, &progress, &history, &clock);
                return json::print(out, &value);
            }
            table::task_detail(out, cx.lang, &problem, &task, &progress, &history, &clock)
        }
    }
}

fn stats(cx: &Context, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let clock = cx.clock()?;
    let units = cx.store.units()?;
    let stats = match cx.store.round() {
        // one round: counted from its tasks
        Some(round) => {
            let tasks = cx.store.tasks()?;
            let own = tasks.iter().filter(|t| t.inspection_id == round);
            crate::model::Stats::build(&units, own, &clock)
        }
        None => crate::model::Stats::from_tallies(&units, &cx.store.unit_tallies(&clock)?),
    };
    if as_json {
        let notices = cx.store.notice_counts()?;
        return json::print(out, &json::stats(&stats, &clock, &notices));
    }
    table::stats(out, cx.lang, &stats, &clock)
}

/// Where `export` writes: `-o FILE`, `-o -` for standard output, or the default file.
struct ExportTarget {
    output: Option<PathBuf>,
    force: bool,
    /// 本期变化 since this day.
    since: Option<String>,
    layout: report::Layout,
}

fn export(
    cx: &Context,
    format: &str,
    target: ExportTarget,
    title: Option<String>,
    args: FilterArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let format =
        report::Format::parse(format).ok_or_else(|| bad_value(ValueKind::Format, format))?;
    let filter = filter_from_args(cx, args)?;
    let to_stdout = target.output.as_deref() == Some(std::path::Path::new("-"));
    let path = target
        .output
        .unwrap_or_else(|| report::default_path(cx.lang, cx.today, format));
    let since = target.since.as_deref().map(|d| cx.date(d)).transpose()?;
    let request = report::Request {
        format,
        filter: &filter,
        title,
        path: &path,
        force: target.force,
        since,
        scope: cx.lang.sheet_scope(&filter),
        layout: target.layout,
    };
    let clock = cx.clock()?;
    if to_stdout {
        // the file itself goes to standard output; what was done, to the messages
        let rows = report::write_export(&cx.store, cx.lang, &clock, &request, out)?;
        writeln!(err, "{}", cx.lang.export_written_to_stdout(rows))?;
        return Ok(());
    }
    let rows = report::export(&cx.store, cx.lang, &clock, request)?;
    writeln!(out, "{}", cx.lang.export_written(&path, rows))?;
    Ok(())
}

fn import(
    cx: &mut Context,
    file: &std::path::Path,
    dry_run: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let bytes = report::read_document(file)?;
    let records = report::json::read(&bytes, cx.today)?;
    let summary = cx.store.import(&records, dry_run)?;
    if as_json {
        return json::print(out, &summary);
    }
    table::import_summary(out, cx.lang, &summary, dry_run)
}

/// `check`: nothing found is exit 0; anything found is listed and the exit status is 1.
fn check(cx: &Context, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let report = cx.store.check()?;
    let findings = &report.findings;
    if as_json {
        let rows: Vec<_> = findings
            .iter()
            .map(|f| serde_json::json!({"check": format!("{:?}", f.what), "detail": f.detail}))
            .collect();
        json::print(out, &rows)?;
    } else {
        table::findings(out, cx.lang, &report)?;
    }
    if findings.is_empty() {
        Ok(())
    } else {
        Err(Error::CheckFailed(findings.len()))
    }
}

fn history(
    cx: &Context,
    reference: Option<&str>,
    limit: usize,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let scope = match reference {
        None => EventScope::All,
        Some(text) => match cx.store.resolve(text)? {
            Ref::Problem(problem) => EventScope::Problem(problem.id),
            Ref::Task(task) => EventScope::Task(task.id),
        },
    };
    if limit == 0 {
        return Err(bad_value(ValueKind::Limit, "0"));
    }
    let events = cx.store.events(scope, limit)?;
    if as_json {
        return json::print(out, &events);
    }
    table::history(out, cx.lang, &events)
}
