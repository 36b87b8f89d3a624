//! The only code that speaks SQL. Opens a ledger (refusing files that are not ours before SQLite
//! touches them), applies migrations, seeds new ledgers, answers typed queries and performs writes,
//! each write one transaction that also appends its events.

mod asof;
mod backup;
mod chain;
mod check;
mod dated;
mod events;
mod exchange;
mod extend;
mod gate;
mod insert;
mod listed;
mod load;
mod logged;
mod migrate;
mod notices;
mod packets;
mod period;
mod read;
mod records;
mod request;
mod resolve;
mod rewind;
mod rounds;
mod seed;
mod settings;
mod sheet;
mod status;
mod stream;
mod texts;
mod tx;
mod undo;
mod wal;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use chain::short as short_hash;

pub use check::{Check, Finding, Report};
pub use events::{Changed, EventScope};
pub use extend::Extension;
pub use listed::{CountedTask, ListedRow, ListedTask};
pub use request::{NewProblem, NewProgress, NewTask, ProblemEdit, TaskEdit};
pub use resolve::Ref;
pub use rounds::{InspectionEdit, NewInspection};
pub use sheet::SheetImport;
pub use stream::{ProblemTasks, Reads};

/// `PRAGMA application_id` of every zhenggai ledger: "ZGLD".
pub const APPLICATION_ID: i32 = 0x5a47_4c44;

/// How long a writer waits for another writer's lock before giving up.
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// An open ledger and the person whose changes it records.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    read_only: bool,
    /// The transaction id of the last write made through this handle (for undo).
    last_tx: Option<String>,
    /// The day taken as today (`--today`, else the clock): the business date of a write that
    /// names none, and the day the readers show the ledger as of (see `asof`).
    today: chrono::NaiveDate,
    /// The inspection round (its row id) that problem codes are looked up in and new problems
    /// go to (`--inspection`); none: every round, new problems to the newest.
    round: Option<i64>,
}

impl Store {
    /// Opens an existing ledger. Anything that is not a zhenggai ledger this build may open is
    /// refused before SQLite touches it (see `gate`), and stays as it was, byte for byte.
    pub fn open(path: &Path, actor: &str) -> Result<Store> {
        gate::inspect(path, migrate::SCHEMA_VERSION, APPLICATION_ID)?;
        let writable = may_write(path);
        let mut conn = if writable {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?
        } else {
            open_read_only(path)?
        };
        configure(&conn, writable)?;
        if writable {
            migrate::run(&mut conn, path)?;
        } else {
            migrate::read_as_current(&conn)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            read_only: !writable,
            last_tx: None,
            today: clock_today(),
            round: None,
        })
    }

    /// Creates a new ledger at `path`, seeded with the bundled feedback unless `seeded` is false.
    /// Refuses to touch an existing file. The ledger is made whole under a temporary name beside
    /// `path` and given its name only when complete, so that an interrupted `init` leaves
    /// nothing that looks like a ledger. It is readable by its owner only.
    pub fn create(path: &Path, actor: &str, seeded: bool) -> Result<Store> {
        if fs::symlink_metadata(path).is_ok() {
            return Err(Error::LedgerExists(path.to_path_buf()));
        }
        make_folders(&backup::folder_of(path))?;
        let file = backup::temporary_beside(path)?;
        Store::build(file.path(), actor, seeded)?;
        backup::put_in_place(file, path)?;
        Store::open(path, actor)
    }

    /// Opens the ledger at `path`, creating and seeding it first when there is no file there.
    /// The flag says whether it was created.
    pub fn open_or_create(path: &Path, actor: &str) -> Result<(Store, bool)> {
        if fs::symlink_metadata(path).is_err() {
            match Store::create(path, actor, true) {
                Ok(store) => return Ok((store, true)),
                // another process made it first: open theirs
                Err(Error::LedgerExists(_)) => {}
                Err(other) => return Err(other),
            }
        }
        Ok((Store::open(path, actor)?, false))
    }

    /// Makes the whole ledger in the (empty) file at `path`: our id, the schema, the seed, and
    /// the write-ahead log switched on last. Nothing needs to survive a crash here (an
    /// unfinished file is thrown away), so nothing is synced until `create` syncs the file.
    fn build(path: &Path, actor: &str, seeded: bool) -> Result<()> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "journal_mode", "MEMORY")?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate::run(&mut conn, path)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            read_only: false,
            last_tx: None,
            today: clock_today(),
            round: None,
        };
        if seeded {
            store.write_on(seed::feedback_date(), seed::seed)?;
        }
        let mode: String =
            store
                .conn
                .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Damaged(format!("journal_mode {mode}")));
        }
        // closing checkpoints the log into the file and removes it
        store.conn.close().map_err(|(_, e)| Error::from(e))
    }

    /// Another handle on this ledger, for reading on another thread (the TUI's search index).
    /// It is made through SQLite alone: the gate reads the files with descriptors of its own,
    /// and closing them would drop the locks SQLite holds on them in this process (POSIX locks
    /// belong to the process), letting another process take this ledger for closed and fold its
    /// log away under it. So the gate runs once per process, before SQLite opens the ledger.
    pub fn sibling(&self) -> Result<Store> {
        Ok(Store {
            conn: reader(&self.path, self.read_only)?,
            path: self.path.clone(),
            actor: self.actor.clone(),
            read_only: true,
            last_tx: None,
            today: self.today,
            round: self.round,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Takes `day` as today from now on: what reads show (the ledger as of the end of that day)
    /// and the date of writes that give none.
    pub fn set_today(&mut self, day: chrono::NaiveDate) {
        self.today = day;
    }

    /// The day taken as today.
    pub fn today(&self) -> chrono::NaiveDate {
        self.today
    }

    /// The transaction id of the last write made through this handle.
    pub fn last_tx(&self) -> Option<&str> {
        self.last_tx.as_deref()
    }

    /// Lets SQLite keep up to `mib` MiB of the file in memory (its default is 2 MiB). Someone
    /// browsing the TUI goes back and forth over the same records, and the history of one
    /// problem of a hundred tasks alone touches more pages than the default holds.
    pub fn set_cache_mib(&self, mib: u32) -> Result<()> {
        let kib = -i64::from(mib) * 1024;
        Ok(self.conn.pragma_update(None, "cache_size", kib)?)
    }

    /// Changes whenever another connection commits to the file (`PRAGMA data_version`).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }
}

/// Pragmas every connection needs: wait for locks, write-ahead log, full sync, foreign keys.
/// Today by the clock, in local time: the latest business date a write may have.
pub(crate) fn clock_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn configure(conn: &Connection, writable: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
    if writable {
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Damaged(format!("journal_mode {mode}")));
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// A file nobody may write to. Without a write-ahead log beside it, it is opened `immutable`:
/// SQLite then makes no `-wal`/`-shm` files of its own next to a file that is not ours to change.
/// With a log (the last writer did not finish), SQLite must read the log too.
fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if gate::sidecar(path, "-wal").exists() {
        return Ok(Connection::open_with_flags(path, flags)?);
    }
    let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
    Ok(Connection::open_with_flags(
        uri,
        flags | OpenFlags::SQLITE_OPEN_URI,
    )?)
}

/// Another connection to a ledger that is open, for reading only (`load` reads half the tasks on
/// it). It waits for locks like any other.
fn reader(path: &Path, read_only: bool) -> Result<Connection> {
    let conn = if read_only {
        let conn = open_read_only(path)?;
        migrate::read_as_current(&conn)?;
        conn
    } else {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    };
    conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
    Ok(conn)
}

/// A path as the path of a `file:` URI: every byte but the unreserved ones percent-encoded.
pub(super) fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Whether this process may change the ledger: the file says it may be written (a 0444 file is
/// kept read-only even for root), and the system lets this user write both the file and its
/// folder (SQLite makes its log and index beside the file). A file of another owner, a folder
/// or a mount that is read-only: the ledger is opened for reading.
fn may_write(path: &Path) -> bool {
    let marked = fs::metadata(path).is_ok_and(|m| !m.permissions().readonly());
    marked && can_write(path) && can_write(&backup::folder_of(path))
}

#[cfg(unix)]
fn can_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(name) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `name` is a valid C string that lives across the call; faccessat only reads it.
    unsafe { libc::faccessat(libc::AT_FDCWD, name.as_ptr(), libc::W_OK, libc::AT_EACCESS) == 0 }
}

#[cfg(not(unix))]
fn can_write(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// Makes the folders on the way to a new ledger, naming the one that is in the way when a file
/// stands where a folder should be.
fn make_folders(folder: &Path) -> Result<()> {
    if let Err(error) = fs::create_dir_all(folder) {
        let blocked = folder
            .ancestors()
            .find(|a| fs::metadata(a).is_ok_and(|m| !m.is_dir()));
        return Err(match blocked {
            Some(file) => Error::NotAFolder(file.to_path_buf()),
            None => Error::file(folder, error),
        });
    }
    Ok(())
}
