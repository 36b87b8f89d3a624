//! Copies of a ledger: `backup` (SQLite's online backup, safe while others write) and the copy
//! made before a schema migration. A copy is a ledger like any other, readable by its owner only,
//! and appears whole or not at all: it is written under a temporary name beside its place and
//! given its name only when complete, so a copy cut short never looks like a real one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::Store;
use crate::error::{Error, FileCause, Result};

/// Pages copied per step; between steps other connections may write.
const PAGES_PER_STEP: std::ffi::c_int = 512;
const PAUSE: Duration = Duration::from_millis(2);

/// The folder a path is in (`.` for a bare name).
pub(super) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new private file beside `target`, with a name nobody can guess or plant first.
pub(super) fn temporary_beside(target: &Path) -> Result<tempfile::NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .tempfile_in(folder_of(target))
        .map_err(|e| Error::file(target, e))
}

/// Gives the finished temporary file its name, unless something has taken the name meanwhile.
pub(super) fn put_in_place(file: tempfile::NamedTempFile, target: &Path) -> Result<()> {
    file.as_file()
        .sync_all()
        .map_err(|e| Error::file(target, e))?;
    match file.persist_noclobber(target) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::LedgerExists(target.to_path_buf()));
        }
        Err(e) => return Err(Error::file(target, e.error)),
    }
    // the new name itself survives a crash only once its folder is on disk
    if let Ok(folder) = std::fs::File::open(folder_of(target)) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Copies the database of `source` into a new file at `target` (which must not exist).
pub(super) fn copy(source: &Connection, target: &Path) -> Result<()> {
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(Error::LedgerExists(target.to_path_buf()));
    }
    let file = temporary_beside(target)?;
    {
        let mut destination = Connection::open(file.path())?;
        Backup::new(source, &mut destination)?.run_to_completion(PAGES_PER_STEP, PAUSE, None)?;
    }
    put_in_place(file, target)
}

/// The copy before a migration from `version`: beside the ledger, dated, under a name no other
/// file has (two runs in one second get `…-2.bak`).
pub(super) fn copy_before_migration(
    source: &Connection,
    ledger: &Path,
    version: i64,
) -> Result<()> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = ledger
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ledger.db".into());
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let target = ledger.with_file_name(format!("{name}.v{version}-{stamp}{suffix}.bak"));
        match copy(source, &target) {
            Err(Error::LedgerExists(_)) => continue,
            done => return done,
        }
    }
    Err(Error::File {
        path: ledger.to_path_buf(),
        cause: FileCause::AlreadyExists,
    })
}

impl Store {
    /// An online backup of the ledger into `target`, a new file.
    pub fn backup(&self, target: &Path) -> Result<()> {
        copy(&self.conn, target)
    }
}
