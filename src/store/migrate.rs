//! Schema migrations keyed on `PRAGMA user_version`: migration N brings a file to version N.
//! `schema.sql` is migration 1; later changes are files in `migrations/`, appended here and
//! never edited once released.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// One step of the schema: its SQL, and what must be computed in Rust after it (SQLite cannot
/// hash, for one).
#[derive(Clone, Copy)]
pub(super) struct Migration {
    sql: &'static str,
    then: Option<fn(&Connection) -> Result<()>>,
    /// It makes tables anew (SQLite cannot drop a constraint): run with foreign keys off and
    /// the old way of renaming tables, the foreign keys checked before it commits.
    rebuilds: bool,
}

const fn sql(sql: &'static str) -> Migration {
    Migration {
        sql,
        then: None,
        rebuilds: false,
    }
}

const MIGRATIONS: &[Migration] = &[
    sql(include_str!("../../schema.sql")),
    sql(include_str!("../../migrations/002-scale.sql")),
    Migration {
        sql: include_str!("../../migrations/003-chain.sql"),
        then: Some(chain_the_log),
        rebuilds: false,
    },
    Migration {
        sql: include_str!("../../migrations/004-dates.sql"),
        then: Some(super::dated::date_the_log),
        rebuilds: false,
    },
    Migration {
        sql: include_str!("../../migrations/005-measures.sql"),
        then: None,
        rebuilds: true,
    },
    sql(include_str!("../../migrations/006-packets.sql")),
    sql(include_str!("../../migrations/007-notices.sql")),
    sql(include_str!("../../migrations/008-latest-text.sql")),
];

/// The trigger `003-chain.sql` sets aside while the hashes of the older events are filled in.
const EVENT_NO_UPDATE: &str = "CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;";

fn chain_the_log(conn: &Connection) -> Result<()> {
    super::chain::fill(conn, false)?;
    Ok(conn.execute_batch(EVENT_NO_UPDATE)?)
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies the migrations the file has not seen yet, in one transaction. A ledger that has data
/// is copied first (`<name>.v<N>-<time>.bak` beside it), so a migration can be undone.
pub fn run(conn: &mut Connection, path: &Path) -> Result<()> {
    run_with(conn, path, MIGRATIONS)
}

/// The schema of a ledger of `version`, made in memory: what `check` compares a file's with.
pub(super) fn fresh_schema(version: i64) -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    let steps = &MIGRATIONS[..(version.max(0) as usize).min(MIGRATIONS.len())];
    {
        let _rebuilding = Rebuilding::start(&conn, steps)?;
        for migration in steps {
            apply(&conn, migration)?;
        }
    }
    Ok(conn)
}

fn run_with(conn: &mut Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
    let latest = migrations.len() as i64;
    if user_version(conn)? == latest {
        return Ok(());
    }
    // outside the transaction: SQLite ignores `foreign_keys` inside one
    let conn: &Connection = conn;
    let rebuilding = Rebuilding::start(conn, migrations)?;
    // Two processes may open an older ledger at once (a script and the TUI after an upgrade):
    // the write lock comes first, and the version is read again under it, so that one of them
    // copies and migrates and the other finds the work done.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let current = user_version(&tx)?;
    if current > latest {
        return Err(Error::NewerLedger {
            path: path.to_path_buf(),
            version: current,
        });
    }
    if current > 0 && current < latest {
        // read through a connection of its own: a backup cannot read through one that holds
        // a transaction, and the lock held here keeps what it reads as it is
        let committed = super::reader(path, false)?;
        super::backup::copy_before_migration(&committed, path, current)?;
    }
    for (index, migration) in migrations.iter().enumerate().skip(current as usize) {
        apply(&tx, migration)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    if rebuilding.is_some() {
        foreign_keys_hold(&tx)?;
    }
    tx.commit()?;
    drop(rebuilding);
    Ok(())
}

fn apply(conn: &Connection, migration: &Migration) -> Result<()> {
    conn.execute_batch(migration.sql)?;
    if let Some(then) = migration.then {
        then(conn)?;
    }
    Ok(())
}

/// A table made anew must leave every reference to it whole.
fn foreign_keys_hold(conn: &Connection) -> Result<()> {
    let broken: Option<String> = conn
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .optional()?;
    match broken {
        Some(table) => Err(Error::Damaged(format!("foreign keys of {table}"))),
        None => Ok(()),
    }
}

/// While migrations that make tables anew run: foreign keys off (dropping the old table would
/// otherwise count as deleting every row others refer to) and renames that leave the triggers
/// of other tables as they are written (they name the table by the name it gets back). Both
/// are put back when this is dropped.
struct Rebuilding<'c> {
    conn: &'c Connection,
    foreign_keys: bool,
}

impl<'c> Rebuilding<'c> {
    fn start(conn: &'c Connection, migrations: &[Migration]) -> Result<Option<Rebuilding<'c>>> {
        let pending = user_version(conn)?.max(0) as usize;
        if !migrations.iter().skip(pending).any(|m| m.rebuilds) {
            return Ok(None);
        }
        let foreign_keys: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", false)?;
        conn.pragma_update(None, "legacy_alter_table", true)?;
        Ok(Some(Rebuilding { conn, foreign_keys }))
    }
}

impl Drop for Rebuilding<'_> {
    fn drop(&mut self) {
        // a connection that cannot take its pragmas back is one SQLite has failed on; the
        // next statement on it says so
        let _ = self.conn.pragma_update(None, "legacy_alter_table", false);
        let _ = self
            .conn
            .pragma_update(None, "foreign_keys", self.foreign_keys);
    }
}

/// What makes an older ledger read as the current schema without changing it, for files that
/// may not be written (and so cannot be migrated): views in the connection's own temporary
/// schema, which unqualified names find before the file's tables. Entry N-1 lists the columns
/// migration N added that reads need, computed, by table; each table gets one view with the
/// columns of every migration the file has not had.
const READ_AS_CURRENT: &[&[(&str, &str)]] = &[
    // 1: nothing (a file of version 0 is not a ledger yet)
    &[],
    // 2: the date of the latest progress, computed (migration 2 keeps it on the task)
    &[(
        "task",
        "(SELECT max(date) FROM progress WHERE task_id = main.task.id) AS last_progress_date",
    )],
    // 3: nothing (only `check` reads the hashes, and it knows a log without them)
    &[],
    // 4: business dates, near enough: an entry's own date, else the day it was recorded
    &[
        (
            "event",
            "coalesce(CASE WHEN entity = 'progress' THEN json_extract(changes, '$.date[1]') END,
                      date(at, 'localtime')) AS date",
        ),
        // assigned no later than its round's feedback, as the seed's are
        (
            "task",
            "min(date(created_at, 'localtime'),
                 coalesce((SELECT min(date) FROM progress WHERE task_id = main.task.id),
                          '9999-12-31'),
                 coalesce((SELECT i.feedback_date FROM main.problem p
                           JOIN main.inspection i ON i.id = p.inspection_id
                           WHERE p.id = main.task.problem_id), '9999-12-31')) AS assigned",
        ),
        (
            "task",
            "CASE WHEN status = 'closed' THEN date(closed_at, 'localtime') END AS closed_on",
        ),
    ],
    // 5: no extension yet (several measures and optional deadlines change no column)
    &[(
        "task",
        "NULL AS original_deadline, NULL AS extended_from, NULL AS extended_on,
         NULL AS extension_reason, NULL AS extension_approved_by",
    )],
    // 6: no packets (their tables are new: see `ADDED_TABLES`)
    &[],
    // 7: no notices (new tables too)
    &[],
    // 8: the text of the latest progress, computed (migration 8 keeps it on the task)
    &[(
        "task",
        "(SELECT text FROM progress WHERE task_id = main.task.id
          ORDER BY date DESC, id DESC LIMIT 1) AS last_progress_text",
    )],
];

/// Tables a migration added, as the empty views an older file is read with: the version that
/// added them and the views.
const ADDED_TABLES: &[(i64, &str)] = &[
    (
        6,
        "CREATE TEMP VIEW packet AS
         SELECT NULL AS id, NULL AS uuid, NULL AS unit_id, NULL AS period, NULL AS due,
                NULL AS made_on, NULL AS made_at, NULL AS made_by, NULL AS collected_on,
                NULL AS collected_at, NULL AS collected_by, NULL AS reporter
         WHERE 0;
     CREATE TEMP VIEW packet_task AS
         SELECT NULL AS packet_id, NULL AS task_id, NULL AS place, NULL AS version,
                NULL AS locked
         WHERE 0;",
    ),
    (
        7,
        "CREATE TEMP VIEW notice AS
         SELECT NULL AS id, NULL AS uuid, NULL AS year, NULL AS seq, NULL AS number,
                NULL AS unit_id, NULL AS due, NULL AS issued_on, NULL AS issued_at,
                NULL AS issued_by
         WHERE 0;
     CREATE TEMP VIEW notice_task AS
         SELECT NULL AS notice_id, NULL AS task_id, NULL AS place, NULL AS light WHERE 0;",
    ),
];

const _: () = assert!(READ_AS_CURRENT.len() == MIGRATIONS.len());

/// Lets `conn`, on a file of an older version that it may not write, read as the current schema.
pub fn read_as_current(conn: &Connection) -> Result<()> {
    let current = user_version(conn)?;
    let mut views: Vec<(&str, Vec<&str>)> = Vec::new();
    for columns in READ_AS_CURRENT.iter().skip(current.max(1) as usize) {
        for (table, column) in columns.iter() {
            match views.iter_mut().find(|(t, _)| t == table) {
                Some((_, list)) => list.push(column),
                None => views.push((table, vec![column])),
            }
        }
    }
    for (table, columns) in views {
        conn.execute_batch(&format!(
            "CREATE TEMP VIEW {table} AS SELECT *, {} FROM main.{table};",
            columns.join(", ")
        ))?;
    }
    for (version, views) in ADDED_TABLES {
        if *version > current {
            conn.execute_batch(views)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    /// The copies made before a migration in `dir`.
    fn copies_beside(dir: &Path) -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".bak"))
            .collect()
    }

    #[test]
    fn a_ledger_is_copied_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        drop(crate::store::Store::create(&path, "t", true).unwrap());
        let mut conn = Connection::open(&path).unwrap();
        let mut next = MIGRATIONS.to_vec();
        next.push(sql("ALTER TABLE setting ADD COLUMN note TEXT;"));
        run_with(&mut conn, &path, &next).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION + 1);
        let copies = copies_beside(dir.path());
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
        assert_eq!(copies_beside(dir.path()).len(), 1);
    }

    /// A seeded ledger with progress on task 5, taken back to schema version 1 (undoing what
    /// the migrations from `002-scale.sql` to `004-dates.sql` do, and the fields of the log
    /// that version 1 did not write).
    fn ledger_of_version_1(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("old.db");
        let mut store = crate::store::Store::create(&path, "t", true).unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2019, 12, d).unwrap();
        for (date, text) in [(day(20), "已推进"), (day(5), "已部署")] {
            let entry = crate::store::NewProgress {
                date,
                text: text.into(),
                evidence: String::new(),
                status: None,
            };
            store.add_progress(5, entry, day(26), None).unwrap();
        }
        drop(store);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE notice_task; DROP TABLE notice; DROP TABLE packet_task; DROP TABLE packet;
             DROP TRIGGER event_no_update;
             UPDATE event SET changes = json_remove(changes, '$.assigned', '$.closed_on');
             DROP TRIGGER progress_inserted; DROP TRIGGER progress_deleted;
             DROP TRIGGER progress_changed;",
        )
        .unwrap();
        // the tables migration 5 made anew, as schema.sql makes them (with their indexes and
        // triggers), holding the columns version 1 had
        as_first_made(
            &conn,
            "task",
            "CREATE INDEX task_unit ON task (unit_id);
             CREATE INDEX task_status_deadline ON task (status, deadline);",
        );
        as_first_made(
            &conn,
            "event",
            &format!(
                "CREATE INDEX event_entity ON event (entity_uuid, id);
                 CREATE INDEX event_tx ON event (tx);
                  {EVENT_NO_UPDATE}
                 {}",
                first_made("CREATE TRIGGER event_no_delete", "END;")
            ),
        );
        conn.execute_batch("PRAGMA user_version = 1; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        path
    }

    /// The statement of `schema.sql` from `start` to the first `end` after it.
    fn first_made(start: &str, end: &str) -> &'static str {
        let schema = include_str!("../../schema.sql");
        let from = schema.find(start).unwrap();
        &schema[from..from + schema[from..].find(end).unwrap() + end.len()]
    }

    /// Makes `table` again as `schema.sql` first made it, keeping the rows (in the columns that
    /// had then), and runs `then` (its indexes and triggers).
    fn as_first_made(conn: &Connection, table: &str, then: &str) {
        let create = first_made(&format!("CREATE TABLE {table} ("), ") STRICT;");
        let columns: Vec<String> = create
            .lines()
            .skip(1)
            .map(str::trim)
            .filter_map(|l| l.split_whitespace().next())
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(str::to_string)
            .collect();
        let columns = columns.join(", ");
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             CREATE TEMP TABLE kept AS SELECT {columns} FROM {table};
             DROP TABLE {table};
             {create}
             INSERT INTO {table} ({columns}) SELECT {columns} FROM kept;
             DROP TABLE kept;
             {then}"
        ))
        .unwrap();
    }

    /// A seeded ledger taken back to schema version 3 (before business dates), one of its
    /// events changed behind the triggers' back.
    fn tampered_ledger_of_version_3(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("v3.db");
        drop(crate::store::Store::create(&path, "t", true).unwrap());
        let conn = Connection::open(&path).unwrap();
        // the triggers of progress as migration 2 made them
        let scale = include_str!("../../migrations/002-scale.sql");
        let from = scale.find("CREATE TRIGGER progress_inserted").unwrap();
        let to = scale.find("-- `stats` counts").unwrap();
        let progress_triggers = &scale[from..to];
        conn.execute_batch(&format!(
            "DROP TABLE notice_task; DROP TABLE notice; DROP TABLE packet_task; DROP TABLE packet;
             DROP TRIGGER task_dated_insert; DROP TRIGGER task_dated_update;
             DROP TRIGGER event_no_update;
             UPDATE event SET changes = json_remove(changes, '$.assigned', '$.closed_on');
             DROP TRIGGER event_append_only; DROP INDEX event_date;
             ALTER TABLE event DROP COLUMN date;
             DROP INDEX task_unit_status;
             ALTER TABLE task DROP COLUMN assigned; ALTER TABLE task DROP COLUMN closed_on;
             CREATE INDEX task_unit_status ON task (unit_id, status, deadline);
             DROP TRIGGER progress_inserted; DROP TRIGGER progress_deleted;
             DROP TRIGGER progress_changed; ALTER TABLE task DROP COLUMN last_progress_text;
             {progress_triggers}
             CREATE TRIGGER event_append_only BEFORE INSERT ON event
             WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM event)
             BEGIN
                 SELECT RAISE(ABORT, 'the event log is append-only');
             END;
             PRAGMA user_version = 3;",
        ))
        .unwrap();
        // the chain as version 3 made it, then one event changed under it
        super::super::chain::fill(&conn, false).unwrap();
        conn.execute_batch(&format!(
            "UPDATE event SET actor = '改过的人' WHERE id = 7;
             {EVENT_NO_UPDATE}
             PRAGMA wal_checkpoint(TRUNCATE);"
        ))
        .unwrap();
        path
    }

    /// Migration 4 hashes the chain again with the dates in it; an event that did not hold
    /// before must not be blessed by that.
    #[test]
    fn an_event_altered_before_migration_4_is_still_reported_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = tampered_ledger_of_version_3(dir.path());
        let store = crate::store::Store::open(&path, "t").unwrap();
        assert_eq!(user_version(&store.conn).unwrap(), SCHEMA_VERSION);
        let findings = store.check().unwrap().findings;
        let altered: Vec<&str> = findings
            .iter()
            .filter(|f| f.what == crate::store::Check::LogAltered)
            .map(|f| f.detail.as_str())
            .collect();
        assert_eq!(altered, ["7"], "{findings:?}");
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
        // migration 8: and the text of it
        let latest = store.latest_progress().unwrap();
        let five = store.task("5").unwrap();
        assert_eq!(latest.of(&five).map(|p| p.text), Some("已推进"));
        let findings = store.check().unwrap().findings;
        assert!(findings.is_empty(), "{findings:?}");
        // migration 4: the seeded tasks were assigned on the feedback date, each progress entry
        // and the status move made with it are dated as the entry, the rest as recorded
        let feedback = chrono::NaiveDate::from_ymd_opt(2019, 12, 3).unwrap();
        assert_eq!(store.task("6").unwrap().assigned, feedback);
        let dates: Vec<(String, String, String)> = store
            .conn
            .prepare(
                "SELECT entity, action, date FROM event
                      WHERE entity = 'progress' OR action = 'status' ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let moved = (
            "task".to_string(),
            "status".to_string(),
            "2019-12-20".to_string(),
        );
        assert_eq!(
            dates[0],
            ("progress".into(), "create".into(), "2019-12-20".into())
        );
        assert_eq!(dates[1], moved);
        assert_eq!(
            dates[2],
            ("progress".into(), "create".into(), "2019-12-05".into())
        );
        let undated: i64 = store
            .conn
            .query_row("SELECT count(*) FROM event WHERE date IS NULL", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(undated, 0);
        // as of a day before the entries, task 5 had none and was not started
        let mut store = store;
        store.set_today(chrono::NaiveDate::from_ymd_opt(2019, 12, 4).unwrap());
        let early = store.task("5").unwrap();
        assert_eq!(
            (early.status, early.last_progress_date),
            (Status::NotStarted, None)
        );
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
        let findings = store.check().unwrap().findings;
        assert!(findings.is_empty(), "{findings:?}");
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            beside.len(),
            1,
            "no copy, log or index beside it: {beside:?}"
        );
    }

    /// Two processes opening an older ledger at once: one copies and migrates it, the other
    /// waits for the lock and finds the work done.
    #[test]
    fn two_openers_of_an_older_ledger_migrate_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_of_version_1(dir.path());
        let start = std::sync::Barrier::new(4);
        std::thread::scope(|threads| {
            let openers: Vec<_> = (0..4)
                .map(|_| {
                    threads.spawn(|| {
                        start.wait();
                        crate::store::Store::open(&path, "t").map(|store| date_of_task_5(&store))
                    })
                })
                .collect();
            for opener in openers {
                let date = opener.join().unwrap().unwrap();
                assert_eq!(date, chrono::NaiveDate::from_ymd_opt(2019, 12, 20));
            }
        });
        assert_eq!(copies_beside(dir.path()).len(), 1);
    }
}
