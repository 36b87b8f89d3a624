//! Copies of a ledger: `backup` (SQLite's online backup, safe while others write) and the copy
//! made before a schema migration. A copy is a ledger like any other, readable by its owner only.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{Store, create_private_file};
use crate::error::{Error, Result};

/// Pages copied per step; between steps other connections may write.
const PAGES_PER_STEP: std::ffi::c_int = 512;
const PAUSE: Duration = Duration::from_millis(2);

/// Copies the database of `source` into a new file at `target` (which must not exist).
pub(super) fn copy(source: &Connection, target: &Path) -> Result<()> {
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(Error::LedgerExists(target.to_path_buf()));
    }
    create_private_file(target).map_err(|e| Error::ExportFailed {
        path: target.to_path_buf(),
        reason: e.to_string(),
    })?;
    let copied = (|| -> Result<()> {
        let mut destination = Connection::open(target)?;
        Backup::new(source, &mut destination)?.run_to_completion(PAGES_PER_STEP, PAUSE, None)?;
        Ok(())
    })();
    if copied.is_err() {
        let _ = std::fs::remove_file(target);
    }
    copied
}

/// Where the copy before a migration from `version` goes: beside the ledger, dated.
pub(super) fn before_migration_path(ledger: &Path, version: i64) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = ledger
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ledger.db".into());
    ledger.with_file_name(format!("{name}.v{version}-{stamp}.bak"))
}

impl Store {
    /// An online backup of the ledger into `target`, a new file.
    pub fn backup(&self, target: &Path) -> Result<()> {
        copy(&self.conn, target)
    }
}
