//! Runs one command against the ledger and prints its result to `out`.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::json;
use super::table;
use super::{Cli, Command, FilterArgs, Owners, ProblemCommand, TaskCommand, UnitCommand};
use crate::date;
use crate::error::{Error, Field, Result, ValueKind};
use crate::filter::Filter;
use crate::i18n::{self, Lang};
use crate::model::{Category, Clock, LatestProgress, Status, by_problem, check_text};
use crate::report;
use crate::store::{
    EventScope, NewProblem, NewProgress, NewTask, ProblemEdit, Ref, Store, TaskEdit,
};

/// What every command needs: the language, the day taken as today, and the open ledger.
pub struct Context {
    pub lang: Lang,
    pub today: NaiveDate,
    pub store: Store,
}

impl Context {
    fn clock(&self) -> Result<Clock> {
        self.store.clock(self.today)
    }

    fn date(&self, text: &str) -> Result<NaiveDate> {
        date::parse(text, self.today).map_err(|e| Error::BadDate(e.0))
    }
}

/// An option's value, where an empty one (say `ZHENGGAI_TODAY=`) counts as not given.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

/// The language of this run, from `--lang`/`ZHENGGAI_LANG`; Chinese by default.
pub fn language(cli: &Cli) -> Result<Lang> {
    match given(&cli.lang) {
        None => Ok(Lang::Zh),
        Some(text) => Lang::parse(text).ok_or_else(|| Error::BadValue {
            what: ValueKind::Language,
            text: text.to_string(),
        }),
    }
}

/// `--db`, else the platform's data directory (`~/.local/share/zhenggai/ledger.db` on Linux).
pub fn ledger_path(cli: &Cli) -> PathBuf {
    explicit_path(cli).unwrap_or_else(|| {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("zhenggai")
            .join("ledger.db")
    })
}

fn explicit_path(cli: &Cli) -> Option<PathBuf> {
    cli.db.as_deref().map(PathBuf::from)
}

/// `--user`, else `ZHENGGAI_USER` (both through clap), else the login name of the OS, else a
/// word for nobody known in the language of the run (未署名).
fn actor(cli: &Cli, lang: Lang) -> Result<String> {
    let name = given(&cli.user).map(str::to_string).unwrap_or_else(|| {
        ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
            .unwrap_or_else(|| lang.unknown_actor().to_string())
    });
    check_text(&name, true, false).map_err(|problem| Error::BadText {
        field: Field::Actor,
        problem,
    })?;
    Ok(name.trim().to_string())
}

/// What every run needs before the ledger is opened: language, today, actor and the file.
pub struct Session {
    pub lang: Lang,
    pub today: NaiveDate,
    pub actor: String,
    pub path: PathBuf,
    /// The path was given (`--db`, `ZHENGGAI_DB`): it is never created except by `init`, so a
    /// mistyped path is an error rather than a new ledger.
    pub explicit: bool,
}

pub fn session(cli: &Cli) -> Result<Session> {
    let lang = language(cli)?;
    // an empty `ZHENGGAI_DB=` is a slip, not a wish for the default ledger
    if cli.db.as_deref().is_some_and(|db| db.trim().is_empty()) {
        return Err(Error::EmptyLedgerPath);
    }
    let real_today = chrono::Local::now().date_naive();
    let today = match given(&cli.today) {
        Some(text) => date::parse(text, real_today).map_err(|e| Error::BadDate(e.0))?,
        None => real_today,
    };
    Ok(Session {
        lang,
        today,
        actor: actor(cli, lang)?,
        path: ledger_path(cli),
        explicit: explicit_path(cli).is_some(),
    })
}

/// Opens the ledger of the session. The default ledger is created and seeded on first use (and
/// `err` says so); a given path must hold a ledger already.
pub fn open_ledger(session: &Session, err: &mut dyn Write) -> Result<Store> {
    if session.explicit && std::fs::symlink_metadata(&session.path).is_err() {
        return Err(Error::NoLedger(session.path.clone()));
    }
    let (store, created) = Store::open_or_create(&session.path, &session.actor)?;
    if created {
        writeln!(
            err,
            "{}",
            session.lang.ledger_created_on_first_use(&session.path)
        )?;
    }
    Ok(store)
}

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
    let store = open_ledger(&session, err)?;
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
        Command::Show { reference, json } => show(cx, &reference, json, out),
        Command::Problem(command) => problem(cx, command, out),
        Command::Task(command) => task(cx, command, out),
        Command::Assign {
            problem,
            owners,
            measure,
            deadline,
            person,
        } => assign(cx, &problem, owners, &measure, &deadline, person, out),
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
            progress(cx, &task, new, if_version, out)
        }
        Command::Close {
            reference,
            note,
            evidence,
            if_version,
        } => close(cx, &reference, note, evidence, if_version, out),
        Command::Reopen {
            task,
            reason,
            if_version,
        } => reopen(cx, &task, reason, if_version, out),
        Command::Backup { file } => {
            cx.store.backup(&file)?;
            writeln!(out, "{}", cx.lang.backup_written(&file))?;
            Ok(())
        }
        Command::Check { json } => check(cx, json, out),
        Command::Unit(command) => unit(cx, command, out),
        Command::Stats { json } => stats(cx, json, out),
        Command::History {
            reference,
            limit,
            json,
        } => history(cx, reference.as_deref(), limit, json, out),
        Command::Export {
            format,
            output,
            force,
            title,
            filter,
        } => {
            let target = ExportTarget { output, force };
            export(cx, &format, target, title, filter, out, err)
        }
        Command::Import {
            file,
            dry_run,
            json,
        } => import(cx, &file, dry_run, json, out),
    }
}

fn bad_value(what: ValueKind, text: &str) -> Error {
    Error::BadValue {
        what,
        text: text.to_string(),
    }
}

fn parse_status(text: &str) -> Result<Status> {
    i18n::parse_status(text).ok_or_else(|| bad_value(ValueKind::Status, text))
}

fn parse_category(text: &str) -> Result<Category> {
    i18n::parse_category(text).ok_or_else(|| bad_value(ValueKind::Category, text))
}

/// Turns FILTER arguments into a `Filter`, checking that named units and problems exist.
pub(super) fn filter_from_args(cx: &Context, args: FilterArgs) -> Result<Filter> {
    let statuses = args
        .status
        .iter()
        .map(|s| parse_status(s))
        .collect::<Result<Vec<_>>>()?;
    let light = match args.light.as_deref() {
        Some(text) => {
            Some(i18n::parse_light(text).ok_or_else(|| bad_value(ValueKind::Light, text))?)
        }
        None => None,
    };
    let category = args.category.as_deref().map(parse_category).transpose()?;
    let unit = match args.unit {
        Some(name) => Some(cx.store.unit(&name)?.name),
        None => None,
    };
    let problem = match args.problem {
        Some(code) => Some(cx.store.problem(&code)?.code),
        None => None,
    };
    Ok(Filter {
        statuses,
        open: args.open,
        overdue: args.overdue,
        light,
        category,
        unit,
        problem,
        search: args.search.filter(|s| !s.trim().is_empty()),
    })
}

fn list(cx: &Context, args: FilterArgs, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let filter = filter_from_args(cx, args)?;
    let clock = cx.clock()?;
    let (all, texts, latest, problems) = cx.store.snapshot(|store| {
        let texts = filter
            .needs_search_text()
            .then(|| store.search_texts())
            .transpose()?;
        Ok((
            store.tasks()?,
            texts,
            store.latest_progress()?,
            store.problems()?,
        ))
    })?;
    let shown = filter.select(&all, &clock, texts.as_ref());
    let all_by = by_problem(&all);
    let shown_by = by_problem(shown);
    let problems: Vec<_> = problems
        .into_iter()
        .filter(|p| filter.is_empty() || shown_by.contains_key(&p.id))
        .collect();
    if as_json {
        let value = json::problems_with_tasks(&problems, &all_by, &shown_by, &latest, &clock);
        return json::print(out, &value);
    }
    let title = cx.store.ledger_title()?;
    let listing = table::Listing {
        title: &title,
        problems: &problems,
        all: &all_by,
        shown: &shown_by,
        latest: &latest,
    };
    table::ledger(out, cx.lang, &listing, &clock)
}

fn problems(cx: &Context, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let clock = cx.clock()?;
    let (problems, tasks) = cx
        .store
        .snapshot(|store| Ok((store.problems()?, store.tasks()?)))?;
    let by = by_problem(&tasks);
    if as_json {
        return json::print(out, &json::problem_summaries(&problems, &by, &clock));
    }
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

fn problem(cx: &mut Context, command: ProblemCommand, out: &mut dyn Write) -> Result<()> {
    let lang = cx.lang;
    match command {
        ProblemCommand::Add {
            code,
            category,
            title,
            description,
            lead,
        } => {
            let category = parse_category(&category)?;
            let problem = cx.store.add_problem(NewProblem {
                code,
                category: Some(category),
                title,
                description: description.unwrap_or_default(),
                lead_unit: lead,
            })?;
            writeln!(out, "{}", lang.problem_added(&problem.code))?;
        }
        ProblemCommand::Edit {
            problem,
            code,
            category,
            title,
            description,
            lead,
        } => {
            let category = category.as_deref().map(parse_category).transpose()?;
            let edited = cx.store.edit_problem(
                &problem,
                ProblemEdit {
                    code,
                    category,
                    title,
                    description,
                    lead_unit: lead,
                },
                None,
            )?;
            writeln!(out, "{}", lang.problem_edited(&edited.code))?;
        }
    }
    Ok(())
}

fn seq_of(cx: &Context, text: &str) -> Result<i64> {
    Ok(cx.store.task(text)?.seq)
}

fn task(cx: &mut Context, command: TaskCommand, out: &mut dyn Write) -> Result<()> {
    let lang = cx.lang;
    match command {
        TaskCommand::Add {
            problem,
            unit,
            measure,
            deadline,
            person,
            support,
        } => {
            let deadline = cx.date(&deadline)?;
            let seq = cx.store.add_task(NewTask {
                problem,
                unit,
                measure,
                deadline,
                person: person.unwrap_or_default(),
                support_units: support,
            })?;
            let task = cx.store.task(&seq.to_string())?;
            writeln!(
                out,
                "{}",
                lang.task_added(seq, &task.problem_code, &task.unit)
            )?;
        }
        TaskCommand::Edit {
            task,
            if_version,
            measure,
            deadline,
            person,
            unit,
            support,
        } => {
            let seq = seq_of(cx, &task)?;
            let deadline = deadline.as_deref().map(|d| cx.date(d)).transpose()?;
            let edit = TaskEdit {
                measure,
                deadline,
                person,
                unit,
                support_units: support,
            };
            cx.store.edit_task(seq, edit, if_version)?;
            writeln!(out, "{}", lang.task_edited(seq))?;
        }
    }
    Ok(())
}

fn seq_list(seqs: &[i64]) -> String {
    seqs.iter()
        .map(|s| format!("#{s}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn assign(
    cx: &mut Context,
    problem: &str,
    owners: Owners,
    measure: &str,
    deadline: &str,
    person: Option<String>,
    out: &mut dyn Write,
) -> Result<()> {
    let deadline = cx.date(deadline)?;
    let units = match owners.kind.as_deref() {
        Some(kind) => {
            let kind =
                i18n::parse_unit_kind(kind).ok_or_else(|| bad_value(ValueKind::UnitKind, kind))?;
            cx.store.unit_names_of_kind(kind)?
        }
        None => owners.units,
    };
    let seqs = cx.store.assign(
        problem,
        &units,
        measure,
        deadline,
        person.as_deref().unwrap_or_default(),
        &[],
    )?;
    let code = cx.store.problem(problem)?.code;
    writeln!(
        out,
        "{}",
        cx.lang.tasks_assigned(&code, seqs.len(), &seq_list(&seqs))
    )?;
    Ok(())
}

/// What `progress` was given.
struct ProgressArgs {
    text: Option<String>,
    date: Option<String>,
    evidence: Option<String>,
    status: Option<String>,
}

fn progress(
    cx: &mut Context,
    task: &str,
    args: ProgressArgs,
    if_version: Option<i64>,
    out: &mut dyn Write,
) -> Result<()> {
    let ProgressArgs {
        text,
        date,
        evidence,
        status,
    } = args;
    let seq = seq_of(cx, task)?;
    let date = match date.as_deref() {
        Some(text) => cx.date(text)?,
        None => cx.today,
    };
    let status = status.as_deref().map(parse_status).transpose()?;
    let new = NewProgress {
        date,
        text: text.unwrap_or_default(),
        evidence: evidence.unwrap_or_default(),
        status,
    };
    let task = cx.store.add_progress(seq, new, cx.today, if_version)?;
    writeln!(
        out,
        "{}",
        cx.lang.progress_added(seq, cx.lang.status(task.status))
    )?;
    Ok(())
}

fn close(
    cx: &mut Context,
    reference: &str,
    note: Option<String>,
    evidence: Option<String>,
    if_version: Option<i64>,
    out: &mut dyn Write,
) -> Result<()> {
    let note = note.unwrap_or_default();
    let evidence = evidence.unwrap_or_default();
    match cx.store.resolve(reference)? {
        Ref::Task(task) => {
            cx.store
                .close_task(task.seq, &note, &evidence, if_version)?;
            writeln!(out, "{}", cx.lang.task_closed(task.seq))?;
        }
        Ref::Problem(problem) => {
            let seqs = cx.store.close_problem(&problem.code, &note, &evidence)?;
            writeln!(
                out,
                "{}",
                cx.lang
                    .problem_closed(&problem.code, seqs.len(), &seq_list(&seqs))
            )?;
        }
    }
    Ok(())
}

fn reopen(
    cx: &mut Context,
    task: &str,
    reason: Option<String>,
    if_version: Option<i64>,
    out: &mut dyn Write,
) -> Result<()> {
    let before = cx.store.task(task)?;
    let after = cx.store.reopen(
        before.seq,
        reason.as_deref().unwrap_or_default(),
        if_version,
    )?;
    let message = if before.status == Status::Closed {
        cx.lang.task_reopened(after.seq)
    } else {
        cx.lang.task_returned(after.seq)
    };
    writeln!(out, "{message}")?;
    Ok(())
}

fn unit(cx: &mut Context, command: UnitCommand, out: &mut dyn Write) -> Result<()> {
    let lang = cx.lang;
    match command {
        UnitCommand::List { json: as_json } => {
            let units = cx.store.units()?;
            if as_json {
                return json::print(out, &units);
            }
            table::units(out, lang, &units)?;
        }
        UnitCommand::Add { name, kind } => {
            let kind = i18n::parse_unit_kind(&kind)
                .ok_or_else(|| bad_value(ValueKind::UnitKind, &kind))?;
            let unit = cx.store.add_unit(&name, kind)?;
            writeln!(out, "{}", lang.unit_added(&unit.name))?;
        }
        UnitCommand::Rename { old, new } => {
            let unit = cx.store.rename_unit(&old, &new)?;
            writeln!(out, "{}", lang.unit_renamed(&old, &unit.name))?;
        }
        UnitCommand::Deactivate { name } => {
            let unit = cx.store.set_unit_active(&name, false)?;
            writeln!(out, "{}", lang.unit_deactivated(&unit.name))?;
        }
        UnitCommand::Activate { name } => {
            let unit = cx.store.set_unit_active(&name, true)?;
            writeln!(out, "{}", lang.unit_activated(&unit.name))?;
        }
    }
    Ok(())
}

fn stats(cx: &Context, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let clock = cx.clock()?;
    let tallies = cx.store.unit_tallies(&clock)?;
    let stats = crate::model::Stats::from_tallies(&cx.store.units()?, &tallies);
    if as_json {
        return json::print(out, &json::stats(&stats, &clock));
    }
    table::stats(out, cx.lang, &stats, &clock)
}

/// Where `export` writes: `-o FILE`, `-o -` for standard output, or the default file.
struct ExportTarget {
    output: Option<PathBuf>,
    force: bool,
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
    let request = report::Request {
        format,
        filter: &filter,
        title,
        path: &path,
        force: target.force,
    };
    let clock = cx.clock()?;
    if to_stdout {
        // the file itself goes to standard output; what was done, to the messages
        let (rows, bytes) = report::render_export(&cx.store, cx.lang, &clock, &request)?;
        out.write_all(&bytes)?;
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
