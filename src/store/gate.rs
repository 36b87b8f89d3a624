//! Decides, from the bytes on disk and before SQLite opens anything, whether a file is a ledger
//! this build may open. SQLite writes as soon as it opens a file: it switches the journal mode,
//! replays a log that lies beside it, checkpoints and deletes it on close. So everything that
//! can refuse a file is decided here, from the database header (the newest one, which may be in
//! the log) and from what the log and its index say of themselves.
//!
//! The gate opens the files with descriptors of its own. Closing a descriptor drops every POSIX
//! lock its process holds on that file, SQLite's among them; so it runs only where this process
//! has not opened the ledger through SQLite yet (`Store::open`), and a second handle in a process
//! that has one is made through SQLite alone (`Store::sibling`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::wal::{self, Log};
use crate::error::{Error, ForeignLog, NotLedger, Result};

/// What the gate read of a ledger it lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    /// `PRAGMA user_version`: the schema version.
    pub version: i64,
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

fn be32(header: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
}

fn page_size(header: &[u8]) -> usize {
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => usize::from(size),
    }
}

/// Lets `path` through as a ledger of at most `newest` schema version, or says why not.
pub(super) fn inspect(path: &Path, newest: i64, application_id: i32) -> Result<Header> {
    let refuse = |why| {
        Err(Error::NotALedger {
            path: path.to_path_buf(),
            why,
        })
    };
    let meta = fs::metadata(path).map_err(|e| Error::file(path, e))?;
    if meta.is_dir() {
        return refuse(NotLedger::Directory);
    }
    // a pipe or a device would block or never end; a ledger is a plain file
    if !meta.is_file() {
        return refuse(NotLedger::NotAFile);
    }
    if meta.len() == 0 {
        return refuse(NotLedger::Empty);
    }
    // no log now means no log at the moment of the size read below: a checkpoint grows the
    // file before it removes the log, so a file found short after that is really cut
    let log_path = sidecar(path, "-wal");
    let no_log = !log_path.exists();
    let mut main = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|e| Error::file(path, e))?;
    if file.read_exact(&mut main).is_err() || &main[..16] != b"SQLite format 3\0" {
        return refuse(NotLedger::NotSqlite);
    }
    let len = file.metadata().map_err(|e| Error::file(path, e))?.len();
    drop(file);
    let (header, replays) = match read_log(path, &log_path, page_size(&main))? {
        LogState::Nothing => (main.to_vec(), false),
        LogState::Vouched(page_one) => (page_one.unwrap_or_else(|| main.to_vec()), false),
        LogState::Unvouched(page_one) => (page_one.unwrap_or_else(|| main.to_vec()), true),
    };
    if be32(&header, 68) as i32 != application_id {
        return refuse(NotLedger::OtherApplication);
    }
    let version = i64::from(be32(&header, 60) as i32);
    if version == 0 {
        // ours by its id, but never finished: only `Store::create` may make a ledger of it
        return refuse(NotLedger::Unfinished);
    }
    if version > newest {
        return Err(Error::NewerLedger {
            path: path.to_path_buf(),
            version,
        });
    }
    // The header says how many pages the file has (when its "valid for" counter matches the
    // change counter). Fewer bytes than that, and no log holding the rest: the file was cut.
    let pages = u64::from(be32(&main, 28));
    let expected = pages * page_size(&main) as u64;
    if no_log && be32(&main, 24) == be32(&main, 92) && len < expected {
        return Err(Error::Damaged(format!("{len} < {expected} bytes")));
    }
    if replays {
        // the pair may change while it is copied (another opener folds the log in): a log
        // that does not fit is looked at once more before it is refused
        if let Err(refused) = try_the_pair(path, &log_path, application_id) {
            match read_log(path, &log_path, page_size(&main))? {
                LogState::Unvouched(_) => return Err(refused),
                LogState::Nothing | LogState::Vouched(_) => {}
            }
        }
    }
    Ok(Header { version })
}

/// What the log beside a ledger adds to it.
enum LogState {
    /// No log, or none of its frames would be replayed.
    Nothing,
    /// A log SQLite's own index vouches for, held open by another process right now: the pair
    /// is in use together. With the newest copy of page 1 when the log has one.
    Vouched(Option<Vec<u8>>),
    /// Committed frames that no index vouches for.
    Unvouched(Option<Vec<u8>>),
}

/// How often the log and its index are read again when they disagree: a writer may be between
/// writing one and the other, or may have just removed both.
const TRIES: u32 = 5;

fn read_log(ledger: &Path, log_path: &Path, page_size: usize) -> Result<LogState> {
    let foreign = |why| Error::ForeignLog {
        ledger: ledger.to_path_buf(),
        log: log_path.to_path_buf(),
        why,
    };
    let index_path = sidecar(ledger, "-shm");
    let mut attempt = 0;
    loop {
        attempt += 1;
        let last = attempt == TRIES;
        let outcome = (|| -> Result<Option<LogState>> {
            let frames = match wal::read(log_path)? {
                // a header cut short or zeroed (a crash while it was written): SQLite replays
                // nothing of it, and neither does this
                Log::Empty | Log::Torn => return Ok(Some(LogState::Nothing)),
                Log::Garbage if last => return Err(foreign(ForeignLog::NotALog)),
                Log::Garbage => return Ok(None),
                Log::Frames(f) if f.page_size != page_size && last => {
                    return Err(foreign(ForeignLog::PageSize));
                }
                Log::Frames(f) if f.page_size != page_size => return Ok(None),
                Log::Frames(f) => f,
            };
            let mut frames = frames;
            // an index that matches the log vouches for it only while a process holds it open:
            // a pair left by a process that died may lie beside a file restored since
            let index = wal::read_index(&index_path)?;
            if let Some(index) = index.filter(|i| {
                i.salts == frames.salts
                    && i.page_size == frames.page_size
                    && wal::index_in_use(&index_path)
            }) {
                let page_one = frames.page_one_within(index.frames)?;
                return Ok(Some(LogState::Vouched(page_one)));
            }
            let committed = frames.committed()?;
            if committed.frames == 0 {
                return Ok(Some(LogState::Nothing));
            }
            Ok(last.then_some(LogState::Unvouched(committed.page_one)))
        })();
        match outcome {
            Ok(Some(state)) => return Ok(state),
            // removed or cut while being read: its last writer closed it; read again
            Err(Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::UnexpectedEof
                ) && !last => {}
            Err(Error::Io(e)) => return Err(Error::file(log_path, e)),
            Err(other) => return Err(other),
            Ok(None) => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A log that no live index vouches for (a copy, a leftover of a crash, or another database's
/// log put beside this one): SQLite is let replay it into copies of both files, in a folder of
/// our own. The result must be a sound file with our schema and our id whose hash chain holds,
/// and its event log must go on from the one in the file alone (the log is append-only: a log
/// of this ledger only ever adds to it). Only then may the real pair be opened. This reads the
/// whole ledger, but happens only in that rare case. A log that changes nothing the event log
/// covers, and leaves a sound file, cannot be told from this ledger's own (nothing in either
/// file binds one to the other).
fn try_the_pair(path: &Path, log_path: &Path, application_id: i32) -> Result<()> {
    let foreign = || Error::ForeignLog {
        ledger: path.to_path_buf(),
        log: log_path.to_path_buf(),
        why: ForeignLog::DoesNotFit,
    };
    // beside the ledger where it may be written (a copy the size of the ledger may not fit in
    // a small temporary folder), else in the system's
    let folder = tempfile::Builder::new()
        .prefix(".zhenggai-trial.")
        .tempdir_in(super::backup::folder_of(path))
        .or_else(|_| tempfile::tempdir())
        .map_err(|e| Error::file(&std::env::temp_dir(), e))?;
    let copy = folder.path().join("trial.db");
    fs::copy(path, &copy).map_err(|e| Error::file(path, e))?;
    // the event log as the file alone has it: what the replayed one must go on from
    let before = newest_event(&Connection::open_with_flags(
        format!("file:{}?mode=ro&immutable=1", super::uri_path(&copy)),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    ));
    fs::copy(log_path, sidecar(&copy, "-wal")).map_err(|e| Error::file(log_path, e))?;
    let sound = (|| -> Result<bool> {
        let conn = Connection::open_with_flags(
            &copy,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let integrity: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if id != application_id || integrity != "ok" || !super::check::schema_holds(&conn)? {
            return Ok(false);
        }
        let has_chain: bool = conn.query_row(
            "SELECT count(*) > 0 FROM pragma_table_info('event') WHERE name = 'hash'",
            [],
            |r| r.get(0),
        )?;
        if has_chain {
            let walk = super::chain::walk(&conn, |_, _| Ok(()))?;
            if !walk.broken.is_empty() || !walk.gaps.is_empty() {
                return Ok(false);
            }
        }
        Ok(match before {
            Some((id, hash)) => {
                let replayed: Option<Option<Vec<u8>>> = conn
                    .query_row("SELECT hash FROM event WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?;
                // the event must be there, with the same hash
                replayed == Some(hash)
            }
            None => true,
        })
    })();
    match sound {
        Ok(true) => Ok(()),
        // what SQLite could not read as a database is no fit either
        Ok(false) | Err(Error::Damaged(_) | Error::Sqlite(_)) => Err(foreign()),
        Err(other) => Err(other),
    }
}

/// The newest event's id and hash, if the file has an event log with hashes.
fn newest_event(conn: &rusqlite::Result<Connection>) -> Option<(i64, Option<Vec<u8>>)> {
    let conn = conn.as_ref().ok()?;
    conn.query_row(
        "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ok()
}
