//! `zhenggai check`: what SQLite says of the file (integrity, foreign keys), whether its schema
//! (triggers included) is the one this version makes, whether the event log's hash chain holds,
//! whether every record is accounted for by the log and is as the log says, and the rules of the
//! ledger that the schema cannot say. Each failure is one finding.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use serde_json::{Value, json};

use super::{APPLICATION_ID, Store, chain, logged, migrate};
use crate::error::Result;
use crate::model::{Key, SettingKey};

/// One thing found wrong, in words for the person who runs `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub what: Check,
    pub detail: String,
}

/// The checks, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Integrity,
    ForeignKeys,
    ApplicationId,
    /// A table, index or trigger of ours is missing.
    SchemaMissing,
    /// A table, index or trigger of ours is not as this version makes it.
    SchemaChanged,
    /// A table, index or trigger that is not ours.
    SchemaExtra,
    /// An event's hash is not the one its place in the chain gives: it was changed, or one
    /// before it was removed or put in.
    LogAltered,
    /// Event ids do not follow each other: events were removed.
    LogGap,
    /// A record that no event of the log created.
    NotInLog,
    /// A record the log created (and did not remove) that is gone.
    MissingFromLog,
    /// A field whose value is not the last one the log gave it.
    DiffersFromLog,
    TaskWithoutProblem,
    TaskWithoutUnit,
    ClosedWithoutNote,
    OpenWithCloseTime,
    /// The date a task carries (kept by triggers) is not that of its latest entry.
    LatestProgressOutOfStep,
    /// A problem code that `problem add` would refuse (a number, a space, a twin in another case).
    BadCode,
    /// A date outside the years people may type (1900–2999).
    DateOutOfRange,
}

/// What `check` found, with what it read of the log.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub events: u64,
    /// The newest event's hash: note it, and a later check tells whether the log was rewritten.
    pub head: Option<Vec<u8>>,
}

/// Queries that list what breaks a rule, one row (a text) per finding.
const RULES: &[(Check, &str)] = &[
    (
        Check::TaskWithoutProblem,
        "SELECT '#' || seq FROM task WHERE problem_id NOT IN (SELECT id FROM problem)",
    ),
    (
        Check::TaskWithoutUnit,
        "SELECT '#' || seq FROM task WHERE unit_id NOT IN (SELECT id FROM unit)",
    ),
    (
        Check::ClosedWithoutNote,
        "SELECT '#' || seq FROM task WHERE status = 'closed'
         AND (close_note IS NULL OR trim(close_note) = '' OR closed_at IS NULL)",
    ),
    (
        Check::OpenWithCloseTime,
        "SELECT '#' || seq FROM task WHERE status <> 'closed' AND closed_at IS NOT NULL",
    ),
    (
        Check::LatestProgressOutOfStep,
        "SELECT '#' || seq FROM task t
         WHERE (last_progress_date, last_progress_text) IS NOT
               (SELECT date, text FROM progress WHERE task_id = t.id
                ORDER BY date DESC, id DESC LIMIT 1)",
    ),
    (
        Check::BadCode,
        "SELECT group_concat(code, ' / ') FROM problem
         GROUP BY inspection_id, lower(code) HAVING count(*) > 1",
    ),
    (
        Check::DateOutOfRange,
        "SELECT '#' || seq || ' ' || deadline FROM task
             WHERE deadline NOT BETWEEN '1900-01-01' AND '2999-12-31'
         UNION ALL SELECT 'progress ' || uuid || ' ' || date FROM progress
             WHERE date NOT BETWEEN '1900-01-01' AND '2999-12-31'
         UNION ALL SELECT title || ' ' || feedback_date FROM inspection
             WHERE feedback_date NOT BETWEEN '1900-01-01' AND '2999-12-31'",
    ),
];

fn texts(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
    Ok(rows
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// The tables, indexes and triggers of a schema: (type, name) → SQL.
fn schema_of(conn: &Connection) -> Result<BTreeMap<(String, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM main.sqlite_schema
         WHERE name NOT LIKE 'sqlite_%'",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the schema of `conn` is the one this version makes for its version.
pub(super) fn schema_holds(conn: &Connection) -> Result<bool> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(schema_of(&migrate::fresh_schema(version)?)? == schema_of(conn)?)
}

/// The fields of each kind of record that every event writing them names the same way, so the
/// last value the log gives each can be compared with the row: (entity, table, how a finding
/// names the record, fields, the field every creation and removal names).
type Logs = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

const LOGGED: &[Logs] = &[
    ("task", "task", "'#' || seq", logged::TASK, "seq"),
    ("progress", "progress", "uuid", logged::PROGRESS, "date"),
    ("problem", "problem", "code", logged::PROBLEM, "code"),
    ("unit", "unit", "name", logged::UNIT, "name"),
    (
        "inspection",
        "inspection",
        "title",
        logged::INSPECTION,
        "title",
    ),
    ("packet", "packet", "period", logged::PACKET, "period"),
    ("notice", "notice", "number", logged::NOTICE, "number"),
];

/// What the log says of one record: whether it exists and the last value of each field that
/// is compared, by its place in the kind's list of fields. (A map of field names to values
/// took 1.1 GB for the 580,000 records of a ledger of 100,000 tasks; issue 16.)
#[derive(Default)]
struct Logged {
    exists: bool,
    fields: Vec<(u8, Value)>,
}

impl Logged {
    fn set(&mut self, field: u8, value: Value) {
        match self.fields.iter_mut().find(|(f, _)| *f == field) {
            Some((_, last)) => *last = value,
            None => self.fields.push((field, value)),
        }
    }

    fn get(&self, field: u8) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }
}

/// Reads the log once: the chain, and for every record what the log last made of it.
fn read_log(conn: &Connection) -> Result<(chain::Walk, HashMap<Box<str>, Logged>)> {
    let mut records: HashMap<Box<str>, Logged> = HashMap::new();
    let walk = chain::walk(conn, |event, _| {
        let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(event.changes) else {
            return Ok(());
        };
        let Some((_, _, _, fields, key)) = LOGGED.iter().find(|l| l.0 == event.entity) else {
            return Ok(());
        };
        let record = records.entry(event.entity_uuid.into()).or_default();
        // an undo that takes every field to nothing, the record's key among them, removed a
        // record the write had made (a revert gives a key its old value, never nothing)
        let removal = event.action == "undo"
            && changes.contains_key(*key)
            && changes.values().all(|pair| pair[1].is_null());
        record.exists = !removal;
        if !removal {
            for (field, pair) in changes {
                if let Some(at) = fields.iter().position(|f| *f == field) {
                    record.set(at as u8, pair[1].clone());
                }
            }
        }
        Ok(())
    })?;
    Ok((walk, records))
}

/// A stored value as the log writes it (`active` is a boolean there, an integer here).
fn as_logged(field: &str, value: rusqlite::types::Value) -> Value {
    use rusqlite::types::Value as Sql;
    match value {
        Sql::Null => Value::Null,
        Sql::Integer(i) if field == "active" => Value::Bool(i != 0),
        Sql::Integer(i) => Value::from(i),
        Sql::Real(f) => Value::from(f),
        Sql::Text(t) => Value::String(t),
        Sql::Blob(_) => Value::Null,
    }
}

/// Every record against what the log says of it.
fn compare_with_log(
    conn: &Connection,
    log: &mut HashMap<Box<str>, Logged>,
) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    for (entity, table, label, fields, _) in LOGGED {
        let sql = format!("SELECT uuid, {label}, {} FROM {table}", fields.join(", "));
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let uuid: String = r.get(0)?;
            let name: String = r.get::<_, Option<String>>(1)?.unwrap_or_default();
            let Some(logged) = log.get_mut(uuid.as_str()).filter(|l| l.exists) else {
                findings.push(Finding {
                    what: Check::NotInLog,
                    detail: format!("{entity} {name}"),
                });
                continue;
            };
            logged.exists = false; // seen: what is left over is missing
            for (i, field) in fields.iter().enumerate() {
                let Some(last) = logged.get(i as u8) else {
                    continue;
                };
                let value = as_logged(field, r.get(i + 2)?);
                // an empty text and no text are one to the log
                let same = *last == value
                    || (last.as_str() == Some("") && value.is_null())
                    || (last.is_null() && value.as_str() == Some(""));
                if !same {
                    findings.push(Finding {
                        what: Check::DiffersFromLog,
                        detail: format!("{entity} {name} {field}"),
                    });
                }
            }
        }
    }
    Ok(findings)
}

impl Store {
    /// Runs every check; no findings means the ledger is sound. SQLite's own checks run on a
    /// second connection, on the other core, while the log is walked on this one (issue 16:
    /// one after the other they took 2.6 times as long as SQLite's checks alone).
    pub fn check(&self) -> Result<Report> {
        let other = super::reader(&self.path, self.read_only).ok();
        run(&self.conn, other)
    }
}

/// What SQLite finds of the file itself: its integrity, then its foreign keys.
fn sqlite_checks(conn: &Connection) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut found = |what, detail: String| findings.push(Finding { what, detail });
    for line in texts(conn, "PRAGMA integrity_check")?
        .into_iter()
        .filter(|l| l != "ok")
    {
        found(Check::Integrity, line);
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let keys: Vec<String> = stmt
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let row: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!("{table} {} → {parent}", row.unwrap_or_default()))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for line in keys {
        found(Check::ForeignKeys, line);
    }
    Ok(findings)
}

/// Every check on the ledger `conn` reads; SQLite's own on `other` at the same time, if given.
pub(super) fn run(conn: &Connection, other: Option<Connection>) -> Result<Report> {
    std::thread::scope(|threads| {
        let apart = other.map(|other| threads.spawn(move || sqlite_checks(&other)));
        let (own, rest) = match apart {
            Some(apart) => {
                let rest = our_checks(conn);
                let own = apart
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (own, rest)
            }
            None => (sqlite_checks(conn), our_checks(conn)),
        };
        let mut report = rest?;
        let mut findings = own?;
        findings.append(&mut report.findings);
        report.findings = findings;
        Ok(report)
    })
}

/// The checks of what is ours: the schema, the rules, the log and the records against it.
fn our_checks(conn: &Connection) -> Result<Report> {
    let mut report = Report::default();
    let mut findings = Vec::new();
    let mut found = |what, detail: String| findings.push(Finding { what, detail });
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id != APPLICATION_ID {
        found(Check::ApplicationId, id.to_string());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let (ours, theirs) = (
        schema_of(&migrate::fresh_schema(version)?)?,
        schema_of(conn)?,
    );
    for (key, sql) in &ours {
        match theirs.get(key) {
            None => found(Check::SchemaMissing, format!("{} {}", key.0, key.1)),
            Some(other) if other != sql => {
                found(Check::SchemaChanged, format!("{} {}", key.0, key.1))
            }
            _ => {}
        }
    }
    for key in theirs.keys().filter(|k| !ours.contains_key(*k)) {
        found(Check::SchemaExtra, format!("{} {}", key.0, key.1));
    }
    for (what, sql) in RULES {
        for row in texts(conn, sql)? {
            found(*what, row);
        }
    }
    for problem in super::read::problems(conn)? {
        if super::insert::check_code(&problem.code).is_err() {
            found(Check::BadCode, problem.code);
        }
    }
    if version >= 3 {
        let (walk, mut log) = read_log(conn)?;
        for id in &walk.broken {
            found(Check::LogAltered, id.to_string());
        }
        for id in &walk.gaps {
            found(Check::LogGap, id.to_string());
        }
        // what did not hold when migration 4 hashed the chain again goes on being reported
        if let Some(ids) = super::read::setting(conn, super::dated::ALTERED_BEFORE)? {
            for id in ids.split(',').filter(|id| !id.is_empty()) {
                found(Check::LogAltered, id.to_string());
            }
        }
        findings.extend(compare_with_log(conn, &mut log)?);
        findings.extend(settings_against_log(conn)?);
        let mut missing: Vec<&Box<str>> = log
            .iter()
            .filter(|(_, l)| l.exists)
            .map(|(uuid, _)| uuid)
            .collect();
        missing.sort();
        for uuid in missing {
            findings.push(Finding {
                what: Check::MissingFromLog,
                detail: uuid.to_string(),
            });
        }
        report.events = walk.events;
        report.head = walk.head;
    }
    report.findings = findings;
    Ok(report)
}

/// Each setting people may change against the last value the log gave it: one changed by hand
/// (or by a program other than this) after `zhenggai setting` set it is reported. A setting the
/// log never gave a value is taken as it is: before settings were logged, a hand was the only
/// way to set one.
fn settings_against_log(conn: &Connection) -> Result<Vec<Finding>> {
    let mut logged: HashMap<String, Value> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT entity_uuid, changes FROM event WHERE entity = 'setting' ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let changes: String = r.get(1)?;
        if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&changes)
            && let Some(pair) = map.get(&key)
        {
            logged.insert(key, pair[1].clone());
        }
    }
    let mut findings = Vec::new();
    for key in SettingKey::ALL {
        let stored = super::read::setting(conn, key.key())?;
        let detail = format!("setting {}", key.key());
        match (stored, logged.get(key.key())) {
            (None, None) => {}
            // set before settings were logged (by hand was the only way): taken as it is
            (Some(_), None) => {}
            (stored, Some(last)) if json!(stored) != *last => findings.push(Finding {
                what: Check::DiffersFromLog,
                detail,
            }),
            _ => {}
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The triggers of migration 8 keep a task's latest progress, date and text, through every
    /// kind of change to its entries; `check` agrees at each step.
    #[test]
    fn the_latest_progress_follows_every_change_of_the_entries() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::create(&dir.path().join("l.db"), "t", true).unwrap();
        let latest = |seq: i64| -> (Option<String>, Option<String>) {
            store
                .conn
                .query_row(
                    "SELECT last_progress_date, last_progress_text FROM task WHERE seq = ?1",
                    [seq],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap()
        };
        let run = |sql: &str| store.conn.execute_batch(sql).unwrap();
        let entry = |text: &str, date: &str| {
            run(&format!(
                "INSERT INTO progress (uuid, task_id, date, text, author, created_at)
                 SELECT '{text}', id, '{date}', '{text}', 't', '2019-12-26T00:00:00Z'
                 FROM task WHERE seq = 5"
            ));
        };
        let expect = |seq: i64, date: Option<&str>, text: Option<&str>| {
            let want = (date.map(String::from), text.map(String::from));
            assert_eq!(latest(seq), want);
            let out_of_step: Vec<Finding> = store
                .check()
                .unwrap()
                .findings
                .into_iter()
                .filter(|f| f.what == Check::LatestProgressOutOfStep)
                .collect();
            assert!(out_of_step.is_empty(), "{out_of_step:?}");
        };
        expect(5, None, None);
        entry("甲", "2019-12-10");
        expect(5, Some("2019-12-10"), Some("甲"));
        entry("乙", "2019-12-12");
        entry("丙", "2019-12-12");
        // of two on one day, the one recorded last
        expect(5, Some("2019-12-12"), Some("丙"));
        entry("丁", "2019-12-01");
        expect(5, Some("2019-12-12"), Some("丙"));
        run("DELETE FROM progress WHERE text = '丙'");
        expect(5, Some("2019-12-12"), Some("乙"));
        run("UPDATE progress SET date = '2019-12-01' WHERE text = '乙'");
        expect(5, Some("2019-12-10"), Some("甲"));
        run("UPDATE progress SET text = '甲改' WHERE text = '甲'");
        expect(5, Some("2019-12-10"), Some("甲改"));
        // moved to another task: both tasks follow
        run(
            "UPDATE progress SET task_id = (SELECT id FROM task WHERE seq = 6) WHERE text = '甲改'",
        );
        expect(5, Some("2019-12-01"), Some("丁"));
        expect(6, Some("2019-12-10"), Some("甲改"));
        run("DELETE FROM progress WHERE task_id = (SELECT id FROM task WHERE seq = 5)");
        expect(5, None, None);
        // a derived value set wrong by hand is reported
        run("UPDATE task SET last_progress_text = '别的' WHERE seq = 6");
        let findings = store.check().unwrap().findings;
        assert!(
            findings
                .iter()
                .any(|f| f.what == Check::LatestProgressOutOfStep && f.detail == "#6"),
            "{findings:?}"
        );
    }
}
