//! Every record of the ledger but the event log, as the JSON document hands them to another
//! ledger (`exchange::Records`): each kind handed over one record at a time as SQLite steps
//! through it, so that the document is written while it is read (issue 16).

use rusqlite::{Connection, Row};

use super::{Store, read};
use crate::error::Result;
use crate::exchange::{
    InspectionRecord, ProblemRecord, ProgressRecord, Records, TaskRecord, UnitRecord,
};

/// Calls `visit` with each row of `sql` made into a record by `record`.
fn each<T>(
    conn: &Connection,
    sql: &str,
    record: impl Fn(&Row) -> rusqlite::Result<T>,
    mut visit: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        visit(record(row)?)?;
    }
    Ok(())
}

impl Store {
    /// The inspection rounds, in the order they were recorded.
    pub fn each_inspection(&self, visit: impl FnMut(InspectionRecord) -> Result<()>) -> Result<()> {
        let sql = "SELECT uuid, title, issuer, feedback_date, note, updated_at FROM inspection
                 ORDER BY id";
        each(
            &self.conn,
            sql,
            |r| {
                Ok(InspectionRecord {
                    uuid: r.get(0)?,
                    title: r.get(1)?,
                    issuer: r.get(2)?,
                    feedback_date: read::stored_date(&r.get::<_, String>(3)?)?,
                    note: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            },
            visit,
        )
    }

    /// The units, in unit order.
    pub fn each_unit(&self, visit: impl FnMut(UnitRecord) -> Result<()>) -> Result<()> {
        let sql = "SELECT uuid, name, kind, sort_order, active, updated_at FROM unit
                 ORDER BY sort_order, id";
        each(
            &self.conn,
            sql,
            |r| {
                Ok(UnitRecord {
                    uuid: r.get(0)?,
                    name: r.get(1)?,
                    kind: read::stored_key(&r.get::<_, String>(2)?)?,
                    sort_order: r.get(3)?,
                    active: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            },
            visit,
        )
    }

    /// The problems, in ledger order.
    pub fn each_problem_record(
        &self,
        visit: impl FnMut(ProblemRecord) -> Result<()>,
    ) -> Result<()> {
        let sql = "SELECT p.uuid, i.uuid, p.code, p.category, p.title, p.description, u.uuid,
                        p.sort_order, p.updated_at
                 FROM problem p JOIN inspection i ON i.id = p.inspection_id
                 LEFT JOIN unit u ON u.id = p.lead_unit_id
                 ORDER BY p.inspection_id, p.sort_order, p.id";
        each(
            &self.conn,
            sql,
            |r| {
                Ok(ProblemRecord {
                    uuid: r.get(0)?,
                    inspection: r.get(1)?,
                    code: r.get(2)?,
                    category: read::stored_key(&r.get::<_, String>(3)?)?,
                    title: r.get(4)?,
                    description: r.get(5)?,
                    lead_unit: r.get(6)?,
                    sort_order: r.get(7)?,
                    updated_at: r.get(8)?,
                })
            },
            visit,
        )
    }

    /// The tasks, in ledger order, each with the uuids of its supporting units.
    pub fn each_task_record(&self, visit: impl FnMut(TaskRecord) -> Result<()>) -> Result<()> {
        let sql = "SELECT t.uuid, t.seq, p.uuid, u.uuid,
                        (SELECT group_concat(uuid, char(31)) FROM
                            (SELECT su.uuid FROM task_support s JOIN unit su ON su.id = s.unit_id
                             WHERE s.task_id = t.id ORDER BY su.sort_order, su.id)),
                        t.measure, t.person, t.deadline, t.status, t.closed_at, t.closed_by,
                        t.close_note, t.close_evidence, t.reopen_reason, t.version,
                        t.created_at, t.updated_at, t.assigned, t.closed_on,
                        t.original_deadline, t.extended_from, t.extended_on, t.extension_reason,
                        t.extension_approved_by
                 FROM task t JOIN problem p ON p.id = t.problem_id JOIN unit u ON u.id = t.unit_id
                 ORDER BY p.inspection_id, p.sort_order, p.id, t.seq";
        each(
            &self.conn,
            sql,
            |r| {
                let support: Option<String> = r.get(4)?;
                Ok(TaskRecord {
                    uuid: r.get(0)?,
                    seq: r.get(1)?,
                    problem: r.get(2)?,
                    unit: r.get(3)?,
                    support_units: support
                        .filter(|s| !s.is_empty())
                        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                    measure: r.get(5)?,
                    person: r.get(6)?,
                    deadline: read::optional_date(r, 7)?,
                    status: read::stored_key(&r.get::<_, String>(8)?)?,
                    closed_at: r.get(9)?,
                    closed_by: r.get(10)?,
                    close_note: r.get(11)?,
                    close_evidence: r.get(12)?,
                    reopen_reason: r.get(13)?,
                    version: r.get(14)?,
                    created_at: r.get(15)?,
                    updated_at: r.get(16)?,
                    assigned: Some(read::stored_date(&r.get::<_, String>(17)?)?),
                    closed_on: read::optional_date(r, 18)?,
                    original_deadline: read::optional_date(r, 19)?,
                    extended_from: read::optional_date(r, 20)?,
                    extended_on: read::optional_date(r, 21)?,
                    extension_reason: r.get(22)?,
                    extension_approved_by: r.get(23)?,
                })
            },
            visit,
        )
    }

    /// The progress entries, by task and date.
    pub fn each_progress_entry(
        &self,
        visit: impl FnMut(ProgressRecord) -> Result<()>,
    ) -> Result<()> {
        let sql = "SELECT pr.uuid, t.uuid, pr.date, pr.text, pr.evidence, pr.author, pr.created_at
                 FROM progress pr JOIN task t ON t.id = pr.task_id ORDER BY pr.task_id, pr.date, pr.id";
        each(
            &self.conn,
            sql,
            |r| {
                Ok(ProgressRecord {
                    uuid: r.get(0)?,
                    task: r.get(1)?,
                    date: read::stored_date(&r.get::<_, String>(2)?)?,
                    text: r.get(3)?,
                    evidence: r.get(4)?,
                    author: r.get(5)?,
                    created_at: r.get(6)?,
                })
            },
            visit,
        )
    }

    /// Every record of the ledger but the event log, in ledger order, all at once.
    pub fn records(&self) -> Result<Records> {
        read::snapshot(&self.conn, || {
            let mut r = Records::default();
            self.each_inspection(|x| {
                r.inspections.push(x);
                Ok(())
            })?;
            self.each_unit(|x| {
                r.units.push(x);
                Ok(())
            })?;
            self.each_problem_record(|x| {
                r.problems.push(x);
                Ok(())
            })?;
            self.each_task_record(|x| {
                r.tasks.push(x);
                Ok(())
            })?;
            self.each_progress_entry(|x| {
                r.progress.push(x);
                Ok(())
            })?;
            Ok(r)
        })
    }
}
