//! Schema migrations keyed on `PRAGMA user_version`: migration N brings a file to version N.
//! `schema.sql` is migration 1; later changes are files in `migrations/`, appended here and
//! never edited once released.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../../migrations/002-scale.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Refuses a ledger written by a newer zhenggai, whose schema this build does not know.
pub fn check_version(conn: &Connection, path: &Path) -> Result<()> {
    let version = user_version(conn)?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerLedger {
            path: path.to_path_buf(),
            version,
        });
    }
    Ok(())
}

/// Applies the migrations the file has not seen yet, each in its own transaction. A ledger that
/// has data is copied first (`<name>.v<N>-<time>.bak` beside it), so a migration can be undone.
pub fn run(conn: &mut Connection, path: &Path) -> Result<()> {
    run_with(conn, path, MIGRATIONS)
}

/// True when the file was written by an older build and has migrations to take.
pub fn is_behind(conn: &Connection) -> Result<bool> {
    Ok(user_version(conn)? < SCHEMA_VERSION)
}

/// Brings an in-memory copy of a ledger up to date, without the copy beside the file that `run`
/// makes (there is no file: this is how a read-only older ledger is read).
pub fn run_in_memory(conn: &mut Connection) -> Result<()> {
    apply(conn, MIGRATIONS)
}

fn run_with(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<()> {
    let current = user_version(conn)?;
    if current > migrations.len() as i64 {
        return Err(Error::NewerLedger {
            path: path.to_path_buf(),
            version: current,
        });
    }
    if current > 0 && current < migrations.len() as i64 {
        super::backup::copy(conn, &super::backup::before_migration_path(path, current))?;
    }
    apply(conn, migrations)
}

fn apply(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let current = user_version(conn)?;
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_is_copied_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        drop(crate::store::Store::create(&path, "t", true).unwrap());
        let mut conn = Connection::open(&path).unwrap();
        let mut next = MIGRATIONS.to_vec();
        next.push("ALTER TABLE setting ADD COLUMN note TEXT;");
        run_with(&mut conn, &path, &next).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION + 1);
        let copies: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".bak"))
            .collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        let before = format!("ledger.db.v{SCHEMA_VERSION}-");
        assert!(copies[0].to_string_lossy().contains(&before));
        let copy = Connection::open(&copies[0]).unwrap();
        assert_eq!(user_version(&copy).unwrap(), SCHEMA_VERSION);
        let tasks: i64 = copy
            .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tasks, 21);
        // nothing to do: no second copy
        run_with(&mut conn, &path, &next).unwrap();
        let count = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .to_string_lossy()
                    .ends_with(".bak")
            })
            .count();
        assert_eq!(count, 1);
    }

    /// A seeded ledger with progress on task 5, taken back to schema version 1 (undoing what
    /// `migrations/002-scale.sql` does).
    fn ledger_of_version_1(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("old.db");
        let mut store = crate::store::Store::create(&path, "t", true).unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2019, 12, d).unwrap();
        for date in [day(20), day(5)] {
            let entry = crate::store::NewProgress {
                date,
                text: "已推进".into(),
                evidence: String::new(),
                status: None,
            };
            store.add_progress(5, entry, day(26), None).unwrap();
        }
        drop(store);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER progress_inserted; DROP TRIGGER progress_deleted;
             DROP TRIGGER progress_moved; ALTER TABLE task DROP COLUMN last_progress_date;
             DROP INDEX task_unit_status; CREATE INDEX task_unit ON task (unit_id);
             PRAGMA user_version = 1; PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
        path
    }

    fn date_of_task_5(store: &crate::store::Store) -> Option<chrono::NaiveDate> {
        store.task("5").unwrap().last_progress_date
    }

    #[test]
    fn a_ledger_of_version_1_learns_its_latest_progress_dates() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_of_version_1(dir.path());
        let store = crate::store::Store::open(&path, "t").unwrap();
        assert_eq!(user_version(&store.conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(
            date_of_task_5(&store),
            chrono::NaiveDate::from_ymd_opt(2019, 12, 20)
        );
        assert_eq!(store.task("6").unwrap().last_progress_date, None);
        assert!(store.check().unwrap().is_empty());
    }

    /// A read-only ledger of version 1 cannot be migrated in place: it is read through an
    /// upgraded copy in memory, and the file is left exactly as it was.
    #[test]
    fn a_read_only_ledger_of_version_1_is_read_as_it_is() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_of_version_1(dir.path());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let store = crate::store::Store::open(&path, "t").unwrap();
        assert!(store.is_read_only());
        assert_eq!(
            date_of_task_5(&store),
            chrono::NaiveDate::from_ymd_opt(2019, 12, 20)
        );
        assert_eq!(store.tasks().unwrap().len(), 21);
        assert!(store.check().unwrap().is_empty());
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            beside.len(),
            1,
            "no copy, log or index beside it: {beside:?}"
        );
    }
}
