//! Records out of the ledger (for the JSON export) and into it (import). An import merges by
//! uuid in one transaction: a record not here is added; a record here is updated only when the
//! incoming copy is newer (`updated_at`); everything else is skipped. A record with another uuid
//! but the same natural key (a unit's name, a problem's code in its inspection, a task's problem
//! and unit) is taken to be the same record. Events are written here, as `import`, never copied.

use std::collections::HashMap;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::write::{Patch, Writer};
use super::{Store, read};
use crate::date;
use crate::error::{Error, FieldProblem, Result};
use crate::exchange::{
    Counts, ImportSummary, Imported, InspectionRecord, ProblemRecord, ProgressRecord, Records,
    TaskRecord, UnitRecord,
};
use crate::model::Key;

fn optional_text(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::Null, |s| json!(s))
}

impl Store {
    /// Every record of the ledger but the event log, in ledger order.
    pub fn records(&self) -> Result<Records> {
        let conn = &self.conn;
        let inspections = conn
            .prepare(
                "SELECT uuid, title, issuer, feedback_date, note, updated_at FROM inspection
                 ORDER BY id",
            )?
            .query_map([], |r| {
                Ok(InspectionRecord {
                    uuid: r.get(0)?,
                    title: r.get(1)?,
                    issuer: r.get(2)?,
                    feedback_date: read::stored_date(&r.get::<_, String>(3)?)?,
                    note: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let units = conn
            .prepare(
                "SELECT uuid, name, kind, sort_order, active, updated_at FROM unit
                 ORDER BY sort_order, id",
            )?
            .query_map([], |r| {
                Ok(UnitRecord {
                    uuid: r.get(0)?,
                    name: r.get(1)?,
                    kind: read::stored_key(&r.get::<_, String>(2)?)?,
                    sort_order: r.get(3)?,
                    active: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let problems = conn
            .prepare(
                "SELECT p.uuid, i.uuid, p.code, p.category, p.title, p.description, u.uuid,
                        p.sort_order, p.updated_at
                 FROM problem p JOIN inspection i ON i.id = p.inspection_id
                 LEFT JOIN unit u ON u.id = p.lead_unit_id
                 ORDER BY p.inspection_id, p.sort_order, p.id",
            )?
            .query_map([], |r| {
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
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let tasks = conn
            .prepare(
                "SELECT t.uuid, t.seq, p.uuid, u.uuid,
                        (SELECT group_concat(uuid, char(31)) FROM
                            (SELECT su.uuid FROM task_support s JOIN unit su ON su.id = s.unit_id
                             WHERE s.task_id = t.id ORDER BY su.sort_order, su.id)),
                        t.measure, t.person, t.deadline, t.status, t.closed_at, t.closed_by,
                        t.close_note, t.close_evidence, t.reopen_reason, t.version,
                        t.created_at, t.updated_at
                 FROM task t JOIN problem p ON p.id = t.problem_id JOIN unit u ON u.id = t.unit_id
                 ORDER BY p.inspection_id, p.sort_order, p.id, t.seq",
            )?
            .query_map([], |r| {
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
                    deadline: read::stored_date(&r.get::<_, String>(7)?)?,
                    status: read::stored_key(&r.get::<_, String>(8)?)?,
                    closed_at: r.get(9)?,
                    closed_by: r.get(10)?,
                    close_note: r.get(11)?,
                    close_evidence: r.get(12)?,
                    reopen_reason: r.get(13)?,
                    version: r.get(14)?,
                    created_at: r.get(15)?,
                    updated_at: r.get(16)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let progress = conn
            .prepare(
                "SELECT pr.uuid, t.uuid, pr.date, pr.text, pr.evidence, pr.author, pr.created_at
                 FROM progress pr JOIN task t ON t.id = pr.task_id ORDER BY pr.task_id, pr.date, pr.id",
            )?
            .query_map([], |r| {
                Ok(ProgressRecord {
                    uuid: r.get(0)?,
                    task: r.get(1)?,
                    date: read::stored_date(&r.get::<_, String>(2)?)?,
                    text: r.get(3)?,
                    evidence: r.get(4)?,
                    author: r.get(5)?,
                    created_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Records {
            inspections,
            units,
            problems,
            tasks,
            progress,
        })
    }

    /// Merges `records` (checked by `report::json`: references resolve within them). With
    /// `dry_run` the transaction is rolled back: the summary says what would happen.
    pub fn import(&mut self, records: &Records, dry_run: bool) -> Result<ImportSummary> {
        self.transact(!dry_run, |w| {
            let mut merge = Merge {
                w,
                ids: HashMap::new(),
                summary: ImportSummary::default(),
            };
            for r in &records.inspections {
                merge.inspection(r)?;
            }
            for r in &records.units {
                merge.unit(r)?;
            }
            for (i, r) in records.problems.iter().enumerate() {
                merge.problem(i, r)?;
            }
            for (i, r) in records.tasks.iter().enumerate() {
                merge.task(i, r)?;
            }
            for r in &records.progress {
                merge.progress(r)?;
            }
            Ok(merge.summary)
        })
        .map_err(|e| match e {
            // a rule of the schema the checks above did not foresee: still the document's fault
            Error::Sqlite(ref sql)
                if sql.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
            {
                Error::ImportBadField {
                    path: "document".into(),
                    problem: FieldProblem::Invalid(sql.to_string()),
                }
            }
            other => other,
        })
    }
}

/// The state of one import: local row ids of the incoming uuids, and the counts.
struct Merge<'a, 'c> {
    w: &'a Writer<'c>,
    /// (table, incoming uuid) → local row id
    ids: HashMap<(&'static str, String), i64>,
    summary: ImportSummary,
}

/// A local row found for an incoming record: its id, uuid and `updated_at`.
struct Found {
    id: i64,
    uuid: String,
    updated_at: String,
}

impl Merge<'_, '_> {
    fn id_of(&self, table: &'static str, uuid: &str) -> Result<i64> {
        self.ids
            .get(&(table, uuid.to_string()))
            .copied()
            .ok_or_else(|| Error::Damaged(format!("{table} {uuid} was not merged first")))
    }

    /// The local row with `uuid`, else the one `natural` finds.
    fn find(
        &self,
        table: &str,
        uuid: &str,
        natural: &str,
        params: impl rusqlite::Params,
    ) -> Result<Option<Found>> {
        let row = |r: &rusqlite::Row| {
            Ok(Found {
                id: r.get(0)?,
                uuid: r.get(1)?,
                updated_at: r.get(2)?,
            })
        };
        let by_uuid = self
            .w
            .tx
            .query_row(
                &format!("SELECT id, uuid, updated_at FROM {table} WHERE uuid = ?1"),
                [uuid],
                row,
            )
            .optional()?;
        if by_uuid.is_some() {
            return Ok(by_uuid);
        }
        Ok(self
            .w
            .tx
            .query_row(
                &format!("SELECT id, uuid, updated_at FROM {table} WHERE {natural}"),
                params,
                row,
            )
            .optional()?)
    }

    /// Applies `changes` (column, old, new, value) to a row found here when the incoming copy is
    /// newer; `other` are changes the caller applies itself (logged here). Says whether it did.
    fn update(
        &mut self,
        table: &'static str,
        found: &Found,
        incoming_updated_at: &str,
        changes: Vec<(&'static str, Value, Value, Sql)>,
        other: Vec<(&'static str, Value, Value)>,
    ) -> Result<bool> {
        let changes: Vec<_> = changes.into_iter().filter(|c| c.1 != c.2).collect();
        let other: Vec<_> = other.into_iter().filter(|c| c.1 != c.2).collect();
        if incoming_updated_at <= found.updated_at.as_str()
            || (changes.is_empty() && other.is_empty())
        {
            return Ok(false);
        }
        let mut patch = Patch::default();
        let mut logged = other;
        for (column, old, new, sql) in changes {
            patch.set(column, sql);
            logged.push((column, old, new));
        }
        patch.apply(self.w, table, found.id)?;
        self.w.event(table, &found.uuid, "import", &logged)?;
        Ok(true)
    }

    /// Notes a record the import added or changed.
    fn note(&mut self, entity: &'static str, label: String, added: bool, updated: bool) {
        if added || updated {
            self.summary.records.push(Imported {
                entity,
                label,
                added,
            });
        }
    }

    fn count(counts: &mut Counts, added: bool, updated: bool) {
        if added {
            counts.added += 1;
        } else if updated {
            counts.updated += 1;
        } else {
            counts.skipped += 1;
        }
    }

    fn inspection(&mut self, r: &InspectionRecord) -> Result<()> {
        let day = date::format(r.feedback_date);
        let found = self.find(
            "inspection",
            &r.uuid,
            "title = ?1 AND feedback_date = ?2",
            params![r.title, day],
        )?;
        let (id, added, updated) =
            match found {
                Some(found) => {
                    let current: (String, String, String, String) = self.w.tx.query_row(
                        "SELECT title, issuer, feedback_date, note FROM inspection WHERE id = ?1",
                        [found.id],
                        |q| Ok((q.get(0)?, q.get(1)?, q.get(2)?, q.get(3)?)),
                    )?;
                    let changes = vec![
                        text_change("title", &current.0, &r.title),
                        text_change("issuer", &current.1, &r.issuer),
                        text_change("feedback_date", &current.2, &day),
                        text_change("note", &current.3, &r.note),
                    ];
                    let updated =
                        self.update("inspection", &found, &r.updated_at, changes, vec![])?;
                    (found.id, false, updated)
                }
                None => {
                    self.w.tx.execute(
                    "INSERT INTO inspection (uuid, title, issuer, feedback_date, note, created_at,
                                             updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![r.uuid, r.title, r.issuer, day, r.note, self.w.at(), r.updated_at],
                )?;
                    let id = self.w.tx.last_insert_rowid();
                    self.created("inspection", &r.uuid, serde_json::to_value(r))?;
                    (id, true, false)
                }
            };
        self.ids.insert(("inspection", r.uuid.clone()), id);
        self.note("inspection", r.title.clone(), added, updated);
        Self::count(&mut self.summary.inspections, added, updated);
        Ok(())
    }

    fn unit(&mut self, r: &UnitRecord) -> Result<()> {
        let found = self.find("unit", &r.uuid, "name = ?1", [&r.name])?;
        let (id, added, updated) = match found {
            Some(found) => {
                let current = super::read::unit_by_uuid(&self.w.tx, &found.uuid)?;
                if current.name != r.name && super::read::unit_by_name(&self.w.tx, &r.name).is_ok()
                {
                    return Err(Error::DuplicateUnit(r.name.clone()));
                }
                let changes = vec![
                    text_change("name", &current.name, &r.name),
                    (
                        "kind",
                        json!(current.kind.key()),
                        json!(r.kind.key()),
                        Sql::Text(r.kind.key().into()),
                    ),
                    (
                        "active",
                        json!(current.active),
                        json!(r.active),
                        Sql::Integer(i64::from(r.active)),
                    ),
                    (
                        "sort_order",
                        json!(current.sort_order),
                        json!(r.sort_order),
                        Sql::Integer(r.sort_order),
                    ),
                ];
                let updated = self.update("unit", &found, &r.updated_at, changes, vec![])?;
                (found.id, false, updated)
            }
            None => {
                self.w.tx.execute(
                    "INSERT INTO unit (uuid, name, kind, sort_order, active, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        r.uuid,
                        r.name,
                        r.kind.key(),
                        r.sort_order,
                        r.active,
                        self.w.at(),
                        r.updated_at
                    ],
                )?;
                let id = self.w.tx.last_insert_rowid();
                self.created("unit", &r.uuid, serde_json::to_value(r))?;
                (id, true, false)
            }
        };
        self.ids.insert(("unit", r.uuid.clone()), id);
        self.note("unit", r.name.clone(), added, updated);
        Self::count(&mut self.summary.units, added, updated);
        Ok(())
    }

    fn problem(&mut self, i: usize, r: &ProblemRecord) -> Result<()> {
        let inspection = self.id_of("inspection", &r.inspection)?;
        let lead = match &r.lead_unit {
            Some(uuid) => Some(self.id_of("unit", uuid)?),
            None => None,
        };
        let found = self.find(
            "problem",
            &r.uuid,
            // codes are one code whatever their case, as `problem add` holds them
            "inspection_id = ?1 AND code = ?2 COLLATE NOCASE",
            params![inspection, r.code],
        )?;
        let (id, added, updated) = match found {
            Some(found) => {
                let current = super::read::problem_by_uuid(&self.w.tx, &found.uuid)?;
                let taken: Option<i64> = self
                    .w
                    .tx
                    .query_row(
                        "SELECT id FROM problem
                         WHERE inspection_id = ?1 AND code = ?2 COLLATE NOCASE AND id <> ?3",
                        params![inspection, r.code, found.id],
                        |q| q.get(0),
                    )
                    .optional()?;
                if taken.is_some() {
                    return Err(Error::ImportBadField {
                        path: format!("problems[{i}].code"),
                        problem: FieldProblem::Duplicate(r.code.clone()),
                    });
                }
                let lead_name = match lead {
                    Some(id) => Some(unit_name(self.w, id)?),
                    None => None,
                };
                let changes = vec![
                    text_change("code", &current.code, &r.code),
                    (
                        "category",
                        json!(current.category.key()),
                        json!(r.category.key()),
                        Sql::Text(r.category.key().into()),
                    ),
                    text_change("title", &current.title, &r.title),
                    text_change("description", &current.description, &r.description),
                    (
                        "lead_unit_id",
                        optional_text(&current.lead_unit),
                        optional_text(&lead_name),
                        lead.map_or(Sql::Null, Sql::Integer),
                    ),
                    (
                        "inspection_id",
                        json!(current.inspection_id),
                        json!(inspection),
                        Sql::Integer(inspection),
                    ),
                    (
                        "sort_order",
                        json!(sort_order(self.w, "problem", found.id)?),
                        json!(r.sort_order),
                        Sql::Integer(r.sort_order),
                    ),
                ];
                let updated = self.update("problem", &found, &r.updated_at, changes, vec![])?;
                (found.id, false, updated)
            }
            None => {
                self.w.tx.execute(
                    "INSERT INTO problem (uuid, inspection_id, code, category, title, description,
                                          lead_unit_id, sort_order, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        r.uuid,
                        inspection,
                        r.code,
                        r.category.key(),
                        r.title,
                        r.description,
                        lead,
                        r.sort_order,
                        self.w.at(),
                        r.updated_at
                    ],
                )?;
                let id = self.w.tx.last_insert_rowid();
                self.created("problem", &r.uuid, serde_json::to_value(r))?;
                (id, true, false)
            }
        };
        self.ids.insert(("problem", r.uuid.clone()), id);
        self.note("problem", r.code.clone(), added, updated);
        Self::count(&mut self.summary.problems, added, updated);
        Ok(())
    }

    fn task(&mut self, i: usize, r: &TaskRecord) -> Result<()> {
        let problem = self.id_of("problem", &r.problem)?;
        let unit = self.id_of("unit", &r.unit)?;
        let support = r
            .support_units
            .iter()
            .map(|u| self.id_of("unit", u))
            .collect::<Result<Vec<_>>>()?;
        let found = self.find(
            "task",
            &r.uuid,
            "problem_id = ?1 AND unit_id = ?2",
            params![problem, unit],
        )?;
        let deadline = date::format(r.deadline);
        let (id, added, updated) = match found {
            Some(found) => {
                let current = super::read::task_by_uuid(&self.w.tx, &found.uuid)?;
                let owner_taken: Option<i64> = self
                    .w
                    .tx
                    .query_row(
                        "SELECT id FROM task WHERE problem_id = ?1 AND unit_id = ?2 AND id <> ?3",
                        params![problem, unit, found.id],
                        |q| q.get(0),
                    )
                    .optional()?;
                if owner_taken.is_some() {
                    return Err(Error::ImportBadField {
                        path: format!("tasks[{i}].unit"),
                        problem: FieldProblem::Duplicate(r.unit.clone()),
                    });
                }
                let support_names = support
                    .iter()
                    .map(|&id| unit_name(self.w, id))
                    .collect::<Result<Vec<_>>>()?;
                let mut old_support = current.support_units.clone();
                let mut new_support = support_names.clone();
                old_support.sort();
                new_support.sort();
                let support_change = if old_support == new_support {
                    vec![]
                } else {
                    vec![(
                        "support_units",
                        json!(current.support_units),
                        json!(support_names),
                    )]
                };
                let fields: Vec<(&'static str, Value, Value, Sql)> = vec![
                    (
                        "unit_id",
                        json!(current.unit),
                        json!(unit_name(self.w, unit)?),
                        Sql::Integer(unit),
                    ),
                    (
                        "problem_id",
                        json!(current.problem_id),
                        json!(problem),
                        Sql::Integer(problem),
                    ),
                    text_change("measure", &current.measure, &r.measure),
                    text_change("person", &current.person, &r.person),
                    text_change("deadline", &date::format(current.deadline), &deadline),
                    text_change("status", current.status.key(), r.status.key()),
                    option_change("closed_at", &current.closed_at, &r.closed_at),
                    option_change("closed_by", &current.closed_by, &r.closed_by),
                    option_change("close_note", &current.close_note, &r.close_note),
                    option_change("close_evidence", &current.close_evidence, &r.close_evidence),
                    option_change("reopen_reason", &current.reopen_reason, &r.reopen_reason),
                ];
                let updated = self.update("task", &found, &r.updated_at, fields, support_change)?;
                if updated {
                    set_support(self.w, found.id, &support)?;
                }
                (found.id, false, updated)
            }
            None => {
                let taken: bool = self
                    .w
                    .tx
                    .query_row("SELECT 1 FROM task WHERE seq = ?1", [r.seq], |_| Ok(()))
                    .optional()?
                    .is_some();
                let seq = if taken {
                    let next: i64 = self.w.tx.query_row(
                        "SELECT coalesce(max(seq), 0) + 1 FROM task",
                        [],
                        |q| q.get(0),
                    )?;
                    self.summary.renumbered.push((r.seq, next));
                    next
                } else {
                    r.seq
                };
                self.w.tx.execute(
                    "INSERT INTO task (uuid, seq, problem_id, unit_id, measure, person, deadline,
                                       status, closed_at, closed_by, close_note, close_evidence,
                                       reopen_reason, version, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                             ?16)",
                    params![
                        r.uuid,
                        seq,
                        problem,
                        unit,
                        r.measure,
                        r.person,
                        deadline,
                        r.status.key(),
                        r.closed_at,
                        r.closed_by,
                        r.close_note,
                        r.close_evidence,
                        r.reopen_reason,
                        r.version,
                        r.created_at,
                        r.updated_at
                    ],
                )?;
                let id = self.w.tx.last_insert_rowid();
                set_support(self.w, id, &support)?;
                let mut record = serde_json::to_value(r);
                if let Ok(Value::Object(map)) = &mut record {
                    map.insert("seq".into(), json!(seq));
                }
                self.created("task", &r.uuid, record)?;
                (id, true, false)
            }
        };
        self.ids.insert(("task", r.uuid.clone()), id);
        let seq: i64 = self
            .w
            .tx
            .query_row("SELECT seq FROM task WHERE id = ?1", [id], |q| q.get(0))?;
        self.note("task", format!("#{seq}"), added, updated);
        Self::count(&mut self.summary.tasks, added, updated);
        Ok(())
    }

    fn progress(&mut self, r: &ProgressRecord) -> Result<()> {
        let task = self.id_of("task", &r.task)?;
        let here: bool = self
            .w
            .tx
            .query_row("SELECT 1 FROM progress WHERE uuid = ?1", [&r.uuid], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if here {
            // progress entries never change once written
            self.summary.progress.skipped += 1;
            return Ok(());
        }
        self.w.tx.execute(
            "INSERT INTO progress (uuid, task_id, date, text, evidence, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.uuid,
                task,
                date::format(r.date),
                r.text,
                r.evidence,
                r.author,
                r.created_at
            ],
        )?;
        self.created("progress", &r.uuid, serde_json::to_value(r))?;
        let seq: i64 = self
            .w
            .tx
            .query_row("SELECT seq FROM task WHERE id = ?1", [task], |q| q.get(0))?;
        self.note(
            "progress",
            format!("#{seq} {}", date::format(r.date)),
            true,
            false,
        );
        self.summary.progress.added += 1;
        Ok(())
    }

    /// The event of a record the import added: every field, from nothing.
    fn created(&self, entity: &str, uuid: &str, record: serde_json::Result<Value>) -> Result<()> {
        let Ok(Value::Object(fields)) = record else {
            return Err(Error::Damaged(format!("{entity} {uuid} cannot be logged")));
        };
        let changes: Vec<(&str, Value, Value)> = fields
            .iter()
            .filter(|(field, _)| field.as_str() != "uuid")
            .map(|(field, value)| (field.as_str(), Value::Null, value.clone()))
            .collect();
        self.w.event(entity, uuid, "import", &changes)
    }
}

fn text_change(column: &'static str, old: &str, new: &str) -> (&'static str, Value, Value, Sql) {
    (column, json!(old), json!(new), Sql::Text(new.to_string()))
}

fn option_change(
    column: &'static str,
    old: &Option<String>,
    new: &Option<String>,
) -> (&'static str, Value, Value, Sql) {
    (
        column,
        optional_text(old),
        optional_text(new),
        new.clone().map_or(Sql::Null, Sql::Text),
    )
}

fn sort_order(w: &Writer, table: &str, id: i64) -> Result<i64> {
    Ok(w.tx.query_row(
        &format!("SELECT sort_order FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )?)
}

fn unit_name(w: &Writer, id: i64) -> Result<String> {
    Ok(w.tx.query_row("SELECT name FROM unit WHERE id = ?1", [id], |r| r.get(0))?)
}

fn set_support(w: &Writer, task: i64, units: &[i64]) -> Result<()> {
    w.tx.execute("DELETE FROM task_support WHERE task_id = ?1", [task])?;
    for unit in units {
        w.tx.execute(
            "INSERT OR IGNORE INTO task_support (task_id, unit_id) VALUES (?1, ?2)",
            [task, *unit],
        )?;
    }
    Ok(())
}
