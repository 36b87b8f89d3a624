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

/// Applies the migrations the file has not seen yet, each in its own transaction.
pub fn run(conn: &mut Connection, path: &Path) -> Result<()> {
    check_version(conn, path)?;
    let current = user_version(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
