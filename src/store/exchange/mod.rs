//! Records out of the ledger (for the JSON export) and into it (import). An import merges by
//! uuid in one transaction: a record not here is added; a record here is updated only when the
//! incoming copy is newer (`updated_at`); everything else is skipped. A record with another uuid
//! but the same natural key (a unit's name, a problem's code in its inspection, a task's problem
//! and unit) is taken to be the same record. Events are written here, as `import`, never copied.

use std::collections::HashMap;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::Store;
use super::tx::{Patch, Writer};
use crate::date;
use crate::error::{Error, FieldProblem, Result};
use crate::exchange::{
    Counts, ImportSummary, Imported, InspectionRecord, ProblemRecord, Records, UnitRecord,
};
use crate::model::Key;

mod tasks;

fn optional_text(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::Null, |s| json!(s))
}

impl Store {
    /// Merges `records` (checked by `report::json`: references resolve within them). With
    /// `dry_run` the transaction is rolled back: the summary says what would happen.
    pub fn import(&mut self, records: &Records, dry_run: bool) -> Result<ImportSummary> {
        self.transact(!dry_run, self.today, |w| {
            let mut merge = Merge {
                w,
                ids: HashMap::new(),
                summary: ImportSummary::default(),
                lone_pairs: lone_pairs(records),
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
    /// The (problem, unit) pairs, by incoming uuids, that the document gives one task only.
    lone_pairs: std::collections::HashSet<(String, String)>,
}

/// The (problem, unit) pairs of a document with exactly one task: such a task is the same as
/// the one task of that pair here, whatever its measure now says (another ledger may have
/// reworded it), as before a unit could hold several measures of a problem.
fn lone_pairs(records: &Records) -> std::collections::HashSet<(String, String)> {
    let mut count: HashMap<(&str, &str), usize> = HashMap::new();
    for t in &records.tasks {
        *count
            .entry((t.problem.as_str(), t.unit.as_str()))
            .or_default() += 1;
    }
    count
        .into_iter()
        .filter(|(_, n)| *n == 1)
        .map(|((p, u), _)| (p.to_string(), u.to_string()))
        .collect()
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
        // a record's changes are dated in the order they were made (the as-of readers rely on
        // it): an import dated before the record's last change takes effect on that day
        let last: Option<String> = self.w.tx.query_row(
            "SELECT max(date) FROM event WHERE entity_uuid = ?1",
            [&found.uuid],
            |r| r.get(0),
        )?;
        let day = last.map_or_else(
            || self.w.date().to_string(),
            |last| last.max(self.w.date().to_string()),
        );
        self.w
            .event_on(&day, table, &found.uuid, "import", &logged)?;
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
                    // in the ledger from its feedback date (a later one is not yet today)
                    let on = day.clone().min(self.w.date().to_string());
                    self.created_on(Some(&on), "inspection", &r.uuid, serde_json::to_value(r))?;
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
                // a problem is in the ledger from the feedback that raised it
                let feedback: String = self.w.tx.query_row(
                    "SELECT feedback_date FROM inspection WHERE id = ?1",
                    [inspection],
                    |q| q.get(0),
                )?;
                let day = feedback.min(self.w.date().to_string());
                self.created_on(Some(&day), "problem", &r.uuid, serde_json::to_value(r))?;
                (id, true, false)
            }
        };
        self.ids.insert(("problem", r.uuid.clone()), id);
        self.note("problem", r.code.clone(), added, updated);
        Self::count(&mut self.summary.problems, added, updated);
        Ok(())
    }

    /// The event of a record the import added: every field, from nothing.
    fn created(&self, entity: &str, uuid: &str, record: serde_json::Result<Value>) -> Result<()> {
        self.created_on(None, entity, uuid, record)
    }

    /// `created`, dated `date` (the record's own business date) rather than as the import is.
    fn created_on(
        &self,
        date: Option<&str>,
        entity: &str,
        uuid: &str,
        record: serde_json::Result<Value>,
    ) -> Result<()> {
        let Ok(Value::Object(fields)) = record else {
            return Err(Error::Damaged(format!("{entity} {uuid} cannot be logged")));
        };
        let changes: Vec<(&str, Value, Value)> = fields
            .iter()
            .filter(|(field, _)| field.as_str() != "uuid")
            .map(|(field, value)| (field.as_str(), Value::Null, value.clone()))
            .collect();
        self.w.event_on(
            date.unwrap_or(self.w.date()),
            entity,
            uuid,
            "import",
            &changes,
        )
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
