//! Urge notices (催办单): numbered by the ledger, one sequence a year of the business date, and
//! recorded with the tasks they listed when they are issued, one event each.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::params;
use serde_json::{Value, json};

use super::Store;
use super::read;
use super::tx::Writer;
use crate::date;
use crate::error::Result;
use crate::model::{IssuedNotice, Key};

impl Store {
    /// The sequence number the next notice of today's year gets.
    pub fn next_notice_seq(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM notice WHERE year = ?1",
            [self.today.year()],
            |r| r.get(0),
        )?)
    }

    /// Records `notices` as issued today: one transaction, one event each. Two runs that
    /// numbered at once meet the ledger's rule of one number once, and the later fails whole.
    pub fn record_notices(&mut self, notices: &[IssuedNotice]) -> Result<()> {
        self.write(|w| {
            for notice in notices {
                record_one(w, notice)?;
            }
            Ok(())
        })
    }

    /// How many notices each unit (by id) has been sent up to today.
    pub fn notice_counts(&self) -> Result<HashMap<i64, u32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT unit_id, count(*) FROM notice WHERE issued_on <= ?1 GROUP BY unit_id",
        )?;
        let rows = stmt.query_map([date::format(self.today)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn record_one(w: &Writer, notice: &IssuedNotice) -> Result<()> {
    let unit = read::unit_by_name(&w.tx, &notice.unit)?;
    w.tx.prepare_cached(
        "INSERT INTO notice (uuid, year, seq, number, unit_id, due, issued_on, issued_at, issued_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        notice.uuid,
        notice.year,
        notice.seq,
        notice.number,
        unit.id,
        date::format(notice.due),
        w.date(),
        w.at(),
        w.actor()
    ])?;
    let id = w.tx.last_insert_rowid();
    let mut insert = w.tx.prepare_cached(
        "INSERT INTO notice_task (notice_id, task_id, place, light)
         VALUES (?1, (SELECT id FROM task WHERE uuid = ?2), ?3, ?4)",
    )?;
    let mut seqs = Vec::new();
    for (place, (task, light)) in notice.tasks.iter().enumerate() {
        insert.execute(params![id, task, place as i64 + 1, light.key()])?;
        let seq: i64 =
            w.tx.query_row("SELECT seq FROM task WHERE uuid = ?1", [task], |r| r.get(0))?;
        seqs.push(format!("#{seq}"));
    }
    w.event(
        "notice",
        &notice.uuid,
        "issue",
        &[
            ("number", Value::Null, json!(notice.number)),
            ("unit", Value::Null, json!(unit.name)),
            ("due", Value::Null, json!(date::format(notice.due))),
            ("listed", Value::Null, json!(seqs.join("、"))),
        ],
    )
}
