//! `zhenggai check`: what SQLite says of the file (integrity, foreign keys) and the rules of the
//! ledger that the schema cannot say (every closed task has its note and time, the event log is
//! in time order, …). Each failure is one finding.

use super::{APPLICATION_ID, Store};
use crate::error::Result;

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
    TaskWithoutProblem,
    TaskWithoutUnit,
    ClosedWithoutNote,
    OpenWithCloseTime,
    EventsOutOfOrder,
    /// The date a task carries (kept by triggers) is not that of its latest entry.
    LatestProgressOutOfStep,
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
        Check::EventsOutOfOrder,
        "SELECT id || ' ' || at FROM
            (SELECT id, at, lag(at) OVER (ORDER BY id) AS before FROM event)
         WHERE at < before",
    ),
    (
        Check::LatestProgressOutOfStep,
        "SELECT '#' || seq FROM task t
         WHERE last_progress_date IS NOT (SELECT max(date) FROM progress WHERE task_id = t.id)",
    ),
];

impl Store {
    /// Runs every check; an empty list means the ledger is sound.
    pub fn check(&self) -> Result<Vec<Finding>> {
        let mut findings = Vec::new();
        let mut found = |what, detail: String| findings.push(Finding { what, detail });
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for line in integrity.into_iter().filter(|l| l != "ok") {
            found(Check::Integrity, line);
        }
        let keys: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
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
        let id: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id != APPLICATION_ID {
            found(Check::ApplicationId, id.to_string());
        }
        for (what, sql) in RULES {
            let rows: Vec<String> = self
                .conn
                .prepare(sql)?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for row in rows {
                found(*what, row);
            }
        }
        Ok(findings)
    }
}
