//! The only code that speaks SQL. Opens a ledger (refusing files that are not ours before SQLite
//! touches them), applies migrations, seeds new ledgers, answers typed queries and performs writes,
//! each write one transaction that also appends its events.

mod backup;
mod check;
mod exchange;
mod load;
mod migrate;
mod read;
mod seed;
mod undo;
mod write;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, NotLedger, Result};

pub use check::{Check, Finding};
pub use read::{EventScope, Ref};
pub use write::{NewProblem, NewProgress, NewTask, ProblemEdit, TaskEdit};

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
}

impl Store {
    /// Opens an existing ledger. Anything that is not a zhenggai ledger is refused untouched.
    pub fn open(path: &Path, actor: &str) -> Result<Store> {
        check_header(path)?;
        let writable = !fs::metadata(path)?.permissions().readonly();
        let mut conn = if writable {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?
        } else {
            open_read_only(path)?
        };
        configure(&conn, writable)?;
        migrate::check_version(&conn, path)?;
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
        })
    }

    /// Creates a new ledger at `path`, seeded with the bundled feedback unless `seeded` is false.
    /// Refuses to touch an existing file. The file is readable by its owner only.
    pub fn create(path: &Path, actor: &str, seeded: bool) -> Result<Store> {
        if fs::symlink_metadata(path).is_ok() {
            return Err(Error::LedgerExists(path.to_path_buf()));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        create_private_file(path)?;
        let created = Store::initialise(path, actor, seeded);
        if created.is_err() {
            // A half-made file would later be refused as "not a ledger"; leave nothing behind.
            let _ = fs::remove_file(path);
        }
        created
    }

    /// Opens the ledger at `path`, creating and seeding it first when there is no file there.
    /// The flag says whether it was created.
    pub fn open_or_create(path: &Path, actor: &str) -> Result<(Store, bool)> {
        if fs::symlink_metadata(path).is_err() {
            return Ok((Store::create(path, actor, true)?, true));
        }
        Ok((Store::open(path, actor)?, false))
    }

    fn initialise(path: &Path, actor: &str, seeded: bool) -> Result<Store> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Written before the file switches to WAL, so the id sits in the main file's header
        // from the start and `check_header` can read it without SQLite.
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrate::run(&mut conn, path)?;
        configure(&conn, true)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            read_only: false,
            last_tx: None,
        };
        if seeded {
            store.write(seed::seed)?;
        }
        Ok(store)
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
    if wal_path(path).exists() {
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

fn wal_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

/// A path as the path of a `file:` URI: every byte but the unreserved ones percent-encoded.
fn uri_path(path: &Path) -> String {
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

/// Reads the first 100 bytes ourselves, so that a file that is not a zhenggai ledger is refused
/// before SQLite opens (and might write to) it.
fn check_header(path: &Path) -> Result<()> {
    let refuse = |why| {
        Err(Error::NotALedger {
            path: path.to_path_buf(),
            why,
        })
    };
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return refuse(NotLedger::Directory);
    }
    if meta.len() == 0 {
        return refuse(NotLedger::Empty);
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path)?;
    if file.read_exact(&mut header).is_err() || &header[..16] != b"SQLite format 3\0" {
        return refuse(NotLedger::NotSqlite);
    }
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != APPLICATION_ID {
        return refuse(NotLedger::OtherApplication);
    }
    // The header says how many pages the file has (when its "valid for" counter matches the
    // change counter). Fewer bytes than that, and no log holding the rest: the file was cut.
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = u64::from(be32(28));
    if be32(24) == be32(92) && meta.len() < pages * page_size && !wal_path(path).exists() {
        return Err(Error::Damaged(format!(
            "{} < {} bytes",
            meta.len(),
            pages * page_size
        )));
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    Ok(())
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> Result<()> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    Ok(())
}
