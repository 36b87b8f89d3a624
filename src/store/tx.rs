//! The write transaction: every write of the ledger is one IMMEDIATE transaction (`Store::write`)
//! with an id, the time of recording and the actor, that appends one event per changed record
//! to the hash-chained log (`chain`). `Patch` is one UPDATE of one row with the changes it logs.

use chrono::{SecondsFormat, Utc};
use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, TransactionBehavior, params, params_from_iter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::Store;
use super::chain;
use crate::date;
use crate::error::{Error, Result};
use chrono::NaiveDate;

/// One write transaction: its id, its time, who makes it, and the events it appends.
pub(super) struct Writer<'c> {
    pub(super) tx: rusqlite::Transaction<'c>,
    id: String,
    at: String,
    actor: String,
    /// The business date (业务日期) of the changes of this write, `YYYY-MM-DD`, unless an
    /// event names its own (`event_on`).
    date: String,
    /// The id and hash of the newest event: the link the next event hangs on.
    last_event: std::cell::RefCell<(i64, Option<Vec<u8>>)>,
}

impl Writer<'_> {
    /// The time of this write, in the stored form.
    pub(super) fn at(&self) -> &str {
        &self.at
    }

    pub(super) fn actor(&self) -> &str {
        &self.actor
    }

    /// The business date of this write.
    pub(super) fn date(&self) -> &str {
        &self.date
    }

    /// Appends one event dated as the write is: `changes` holds (field, old, new) for each field
    /// that changed.
    pub(super) fn event(
        &self,
        entity: &str,
        uuid: &str,
        action: &str,
        changes: &[(&str, Value, Value)],
    ) -> Result<()> {
        self.event_on(&self.date, entity, uuid, action, changes)
    }

    /// Appends one event with its own business date (an undo takes the date of what it undoes,
    /// an imported record its own). It takes the next id and the hash that links it to the
    /// event before (see `chain`).
    pub(super) fn event_on(
        &self,
        date: &str,
        entity: &str,
        uuid: &str,
        action: &str,
        changes: &[(&str, Value, Value)],
    ) -> Result<()> {
        let map: serde_json::Map<String, Value> = changes
            .iter()
            .map(|(field, old, new)| (field.to_string(), json!([old, new])))
            .collect();
        let changes = Value::Object(map).to_string();
        let mut last = self.last_event.borrow_mut();
        let id = last.0 + 1;
        let link = chain::Link {
            id,
            tx: &self.id,
            at: &self.at,
            actor: &self.actor,
            entity,
            entity_uuid: uuid,
            action,
            changes: &changes,
            date: Some(date),
        };
        let hash = chain::hash(last.1.as_deref(), &link);
        self.tx
            .prepare_cached(
                "INSERT INTO event (id, tx, at, actor, entity, entity_uuid, action, changes, hash,
                                    date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                id, self.id, self.at, self.actor, entity, uuid, action, changes, hash, date
            ])?;
        *last = (id, Some(hash));
        Ok(())
    }
}

/// The newest event's id and hash (0 and none in an empty log).
fn last_event(conn: &rusqlite::Connection) -> Result<(i64, Option<Vec<u8>>)> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, None)))
}

/// The time of recording, from the system clock as it is: a clock that was once wrong must not
/// push every later time into the future. The order of events is their id.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(super) fn new_uuid() -> String {
    Uuid::new_v4().to_string()
}

pub(super) fn opt_json(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::Null, |s| json!(s))
}

/// The columns to set and the changes to log for one UPDATE of one row.
#[derive(Default)]
pub(super) struct Patch {
    sets: Vec<(&'static str, Sql)>,
    pub(super) changes: Vec<(&'static str, Value, Value)>,
}

impl Patch {
    pub(super) fn set(&mut self, column: &'static str, value: Sql) {
        self.sets.push((column, value));
    }

    pub(super) fn log(&mut self, field: &'static str, old: Value, new: Value) {
        self.changes.push((field, old, new));
    }

    /// A text column whose field name in the log is the column name.
    pub(super) fn text(&mut self, column: &'static str, old: &str, new: &str) {
        if old != new {
            self.set(column, Sql::Text(new.to_string()));
            self.log(column, json!(old), json!(new));
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// `UPDATE table SET … WHERE id = ?`; tasks also get a new version.
    pub(super) fn apply(&self, w: &Writer, table: &'static str, id: i64) -> Result<()> {
        let mut columns: Vec<String> = self
            .sets
            .iter()
            .map(|(column, _)| format!("{column} = ?"))
            .collect();
        columns.push("updated_at = ?".to_string());
        if table == "task" {
            columns.push("version = version + 1".to_string());
        }
        let sql = format!("UPDATE {table} SET {} WHERE id = ?", columns.join(", "));
        let values = self
            .sets
            .iter()
            .map(|(_, v)| v.clone())
            .chain([Sql::Text(w.at().to_string()), Sql::Integer(id)]);
        w.tx.execute(&sql, params_from_iter(values))?;
        Ok(())
    }
}

impl Store {
    /// Runs `f` as one write transaction dated today; nothing of it stays when it returns an
    /// error.
    pub(super) fn write<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        self.transact(true, self.today, f)
    }

    /// Runs `f` as one write transaction whose changes took effect on `date`.
    pub(super) fn write_on<T>(
        &mut self,
        date: NaiveDate,
        f: impl FnOnce(&Writer) -> Result<T>,
    ) -> Result<T> {
        self.transact(true, date, f)
    }

    /// Runs `f` in a write transaction dated `date`, committed only with `commit` (a dry run
    /// rolls back everything it did, events included). A change cannot take effect after today,
    /// nor after the clock's today whatever `--today` says.
    pub(super) fn transact<T>(
        &mut self,
        commit: bool,
        date: NaiveDate,
        f: impl FnOnce(&Writer) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly(self.path.clone()));
        }
        let latest = self.today.min(super::clock_today());
        if date > latest {
            return Err(Error::FutureDate {
                date: date::format(date),
                today: date::format(latest),
            });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let last = last_event(&tx)?;
        let writer = Writer {
            tx,
            id: new_uuid(),
            at: now(),
            actor: self.actor.clone(),
            date: date::format(date),
            last_event: std::cell::RefCell::new(last),
        };
        let out = f(&writer)?;
        let Writer { tx, id, .. } = writer;
        if commit {
            tx.commit()?;
            self.last_tx = Some(id);
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }
}
