//! Schema migrations keyed on `PRAGMA user_version`: migration N brings a file to version N.
//! `schema.sql` is migration 1; later schema changes are appended here, never edited in place.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[include_str!("../../schema.sql")];

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
        let next = [MIGRATIONS[0], "ALTER TABLE setting ADD COLUMN note TEXT;"];
        run_with(&mut conn, &path, &next).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
        let copies: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".bak"))
            .collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        assert!(copies[0].to_string_lossy().contains("ledger.db.v1-"));
        let copy = Connection::open(&copies[0]).unwrap();
        assert_eq!(user_version(&copy).unwrap(), 1);
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
}
