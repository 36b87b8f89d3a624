//! What a run of the command line needs before and around its command: the language, the day
//! taken as today, the actor, the ledger's path and the open ledger; and reading the values
//! people type for enumerations.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Cli, FilterArgs};
use crate::date;
use crate::error::{Error, Field, Result, ValueKind};
use crate::filter::Filter;
use crate::i18n::{self, Lang};
use crate::model::{Category, Clock, Status, check_text};
use crate::store::Store;

/// What every command needs: the language, the day taken as today, and the open ledger.
pub struct Context {
    pub lang: Lang,
    pub today: NaiveDate,
    pub store: Store,
}

impl Context {
    pub(super) fn clock(&self) -> Result<Clock> {
        self.store.clock(self.today)
    }

    pub(super) fn date(&self, text: &str) -> Result<NaiveDate> {
        date::parse(text, self.today).map_err(|e| Error::BadDate(e.0))
    }

    /// A deadline: a date, or 长期坚持 for none.
    pub(super) fn deadline(&self, text: &str) -> Result<Option<NaiveDate>> {
        date::parse_deadline(text, self.today).map_err(|e| Error::BadDeadline(e.0))
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

pub(super) fn bad_value(what: ValueKind, text: &str) -> Error {
    Error::BadValue {
        what,
        text: text.to_string(),
    }
}

pub(super) fn parse_status(text: &str) -> Result<Status> {
    i18n::parse_status(text).ok_or_else(|| bad_value(ValueKind::Status, text))
}

pub(super) fn parse_category(text: &str) -> Result<Category> {
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
    // a code several rounds have chooses the problem of that code in each
    let problem = match args.problem {
        Some(code) => match cx.store.problem(&code) {
            Ok(problem) => Some(problem.code),
            Err(Error::AmbiguousProblem { code, .. }) => Some(code),
            Err(other) => return Err(other),
        },
        None => None,
    };
    Ok(Filter {
        inspection: cx.store.round(),
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
