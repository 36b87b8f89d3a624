//! Typed queries. Free functions take a `Connection` so that writes can use them inside their
//! transaction; `Store` exposes them to the front ends.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::Store;
use crate::date;
use crate::error::{Error, Result};
use crate::model::{
    Category, Clock, Inspection, Key, LatestProgress, Problem, Progress, Status, Tally, Task,
    TaskLine, Unit, UnitKind,
};

/// Separates list items inside one SQL value; never typed by people (it is a control character).
const LIST_SEP: char = '\u{1f}';

pub(super) fn stored_date(text: &str) -> rusqlite::Result<NaiveDate> {
    date::from_stored(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("not a stored date: {text}").into(),
        )
    })
}

pub(super) fn stored_key<K: Key>(text: &str) -> rusqlite::Result<K> {
    K::from_key(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown key: {text}").into(),
        )
    })
}

pub(super) fn split_list(joined: Option<String>) -> Vec<String> {
    joined
        .filter(|s| !s.is_empty())
        .map(|s| s.split(LIST_SEP).map(str::to_string).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// settings

pub(super) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(super) fn warn_days(conn: &Connection) -> Result<u32> {
    Ok(setting(conn, "warn_days")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(Clock::DEFAULT_WARN_DAYS))
}

// ---------------------------------------------------------------------------------------------
// inspections and units

fn inspection_from_row(r: &Row) -> rusqlite::Result<Inspection> {
    Ok(Inspection {
        id: r.get(0)?,
        uuid: r.get(1)?,
        title: r.get(2)?,
        issuer: r.get(3)?,
        feedback_date: stored_date(&r.get::<_, String>(4)?)?,
        note: r.get(5)?,
    })
}

/// The rounds in the order they were added, numbered from 1 (a number never changes; the
/// newest is the one of the latest feedback date, see `rounds::newest`).
pub(super) fn inspections(conn: &Connection) -> Result<Vec<Inspection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uuid, title, issuer, feedback_date, note FROM inspection ORDER BY id",
    )?;
    let rows = stmt.query_map([], inspection_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const UNIT_COLUMNS: &str = "id, uuid, name, kind, sort_order, active";

fn unit_from_row(r: &Row) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        uuid: r.get(1)?,
        name: r.get(2)?,
        kind: stored_key::<UnitKind>(&r.get::<_, String>(3)?)?,
        sort_order: r.get(4)?,
        active: r.get(5)?,
    })
}

pub(super) fn units(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {UNIT_COLUMNS} FROM unit ORDER BY sort_order, id"
    ))?;
    let rows = stmt.query_map([], unit_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn unit_by_name(conn: &Connection, name: &str) -> Result<Unit> {
    conn.prepare_cached(&format!("SELECT {UNIT_COLUMNS} FROM unit WHERE name = ?1"))?
        .query_row([name.trim()], unit_from_row)
        .optional()?
        .ok_or_else(|| Error::UnknownUnit(name.to_string()))
}

pub(super) fn unit_by_uuid(conn: &Connection, uuid: &str) -> Result<Unit> {
    conn.prepare_cached(&format!("SELECT {UNIT_COLUMNS} FROM unit WHERE uuid = ?1"))?
        .query_row([uuid], unit_from_row)
        .optional()?
        .ok_or_else(|| Error::UnknownRef(uuid.to_string()))
}

// ---------------------------------------------------------------------------------------------
// problems

const PROBLEM_SELECT: &str = "SELECT p.id, p.inspection_id, p.code, p.category, p.title, \
     p.description, u.name, p.uuid FROM problem p LEFT JOIN unit u ON u.id = p.lead_unit_id";
const PROBLEM_ORDER: &str = "ORDER BY p.inspection_id, p.sort_order, p.id";

fn problem_from_row(r: &Row) -> rusqlite::Result<Problem> {
    Ok(Problem {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        code: r.get(2)?,
        category: stored_key::<Category>(&r.get::<_, String>(3)?)?,
        title: r.get(4)?,
        description: r.get(5)?,
        lead_unit: r.get(6)?,
        uuid: r.get(7)?,
    })
}

pub(super) fn problems(conn: &Connection) -> Result<Vec<Problem>> {
    let mut stmt = conn.prepare_cached(&format!("{PROBLEM_SELECT} {PROBLEM_ORDER}"))?;
    let rows = stmt.query_map([], problem_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn problem_by_id(conn: &Connection, id: i64) -> Result<Problem> {
    Ok(conn
        .prepare_cached(&format!("{PROBLEM_SELECT} WHERE p.id = ?1"))?
        .query_row([id], problem_from_row)?)
}

pub(super) fn problem_by_uuid(conn: &Connection, uuid: &str) -> Result<Problem> {
    conn.prepare_cached(&format!("{PROBLEM_SELECT} WHERE p.uuid = ?1"))?
        .query_row([uuid], problem_from_row)
        .optional()?
        .ok_or_else(|| Error::UnknownRef(uuid.to_string()))
}

/// The problem with this code (or uuid, as the TUI names one), in `round` when given. Codes are
/// unique per round only: a code that several rounds have, with no round given, is refused with
/// the rounds that have it (`resolve` takes the newest instead, for a reader).
pub(super) fn problem_by_code(
    conn: &Connection,
    code: &str,
    round: Option<i64>,
) -> Result<Problem> {
    if crate::model::is_uuid(code.trim()) {
        return problem_by_uuid(conn, code.trim());
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{PROBLEM_SELECT} WHERE p.code = ?1 COLLATE NOCASE {PROBLEM_ORDER}"
    ))?;
    let mut found: Vec<Problem> = stmt
        .query_map([code.trim()], problem_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    found.retain(|p| round.is_none_or(|r| p.inspection_id == r));
    match found.len() {
        0 => Err(Error::UnknownProblem(code.to_string())),
        1 => Ok(found.remove(0)),
        _ => {
            let rounds: std::collections::HashSet<i64> =
                found.iter().map(|p| p.inspection_id).collect();
            Err(Error::AmbiguousProblem {
                code: code.trim().to_string(),
                rounds: super::rounds::names(&inspections(conn)?, |i| rounds.contains(&i.id)),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// tasks

/// A task's own columns, in the order `task_from_row` reads them.
pub(super) const TASK_COLUMNS: &str =
    "t.id, t.uuid, t.seq, t.problem_id, t.unit_id, t.measure, t.person,
     t.deadline, t.status, t.closed_at, t.closed_by, t.close_note, t.close_evidence,
     t.reopen_reason, t.version, t.last_progress_date, t.assigned, t.closed_on,
     t.original_deadline, t.extended_from, t.extended_on, t.extension_reason,
     t.extension_approved_by";

/// How many columns `TASK_COLUMNS` has: what is read after them starts here.
const TASK_COLUMN_COUNT: usize = 23;

/// What a task takes from its problem and units, by joins (for reading a few tasks), and the
/// tables: `SELECT {TASK_COLUMNS}, {TASK_JOINED}`. A parameter compared with a column in such
/// a join is written `+?1`: SQLite (built with STAT4) otherwise takes its value as one that may
/// change the plan and prepares the statement again at every call, five times the cost of the
/// query (measured: 29 µs against 6 µs by uuid, on 100,000 tasks); the index is used either way.
const TASK_JOINED: &str = "p.inspection_id, p.code, p.category, u.name,
        (SELECT group_concat(name, char(31)) FROM
             (SELECT su.name FROM task_support s JOIN unit su ON su.id = s.unit_id
              WHERE s.task_id = t.id ORDER BY su.sort_order, su.id))
     FROM task t
     JOIN problem p ON p.id = t.problem_id
     JOIN unit u ON u.id = t.unit_id";

const TASK_ORDER: &str = "ORDER BY p.inspection_id, p.sort_order, p.id, t.seq";

/// What a task takes from its problem and its unit.
pub(super) struct Owner {
    pub inspection_id: i64,
    pub problem_code: String,
    pub category: Category,
    pub unit: String,
}

/// A stored date that may be none.
pub(super) fn optional_date(r: &Row, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get_ref(column)?
        .as_str_or_null()?
        .map(stored_date)
        .transpose()
}

/// A task from the row of `TASK_COLUMNS`, given what it takes from its problem and unit.
pub(super) fn task_from_row(r: &Row, owner: Owner) -> rusqlite::Result<Task> {
    let Owner {
        inspection_id,
        problem_code,
        category,
        unit,
    } = owner;
    Ok(Task {
        id: r.get(0)?,
        uuid: r.get(1)?,
        seq: r.get(2)?,
        problem_id: r.get(3)?,
        inspection_id,
        problem_code,
        category,
        unit_id: r.get(4)?,
        unit,
        support_units: Vec::new(),
        measure: r.get(5)?,
        person: r.get(6)?,
        deadline: optional_date(r, 7)?,
        status: stored_key::<Status>(&r.get::<_, String>(8)?)?,
        closed_at: r.get(9)?,
        closed_by: r.get(10)?,
        close_note: r.get(11)?,
        close_evidence: r.get(12)?,
        reopen_reason: r.get(13)?,
        version: r.get(14)?,
        last_progress_date: optional_date(r, 15)?,
        assigned: stored_date(&r.get::<_, String>(16)?)?,
        closed_on: optional_date(r, 17)?,
        original_deadline: optional_date(r, 18)?,
        extended_from: optional_date(r, 19)?,
        extended_on: optional_date(r, 20)?,
        extension_reason: r.get(21)?,
        extension_approved_by: r.get(22)?,
    })
}

/// The line of a task (`TaskLine`) from the row of `TASK_COLUMNS`, given the names it shares
/// with the other lines of its problem and unit.
pub(super) fn line_from_row(
    r: &Row,
    (inspection_id, category): (i64, Category),
    problem_code: &Arc<str>,
    unit: &Arc<str>,
) -> rusqlite::Result<TaskLine> {
    Ok(TaskLine {
        id: r.get(0)?,
        seq: r.get(2)?,
        problem_id: r.get(3)?,
        inspection_id,
        unit_id: r.get(4)?,
        version: r.get(14)?,
        problem_code: Arc::clone(problem_code),
        unit: Arc::clone(unit),
        measure: r.get_ref(5)?.as_str()?.into(),
        category,
        status: stored_key::<Status>(r.get_ref(8)?.as_str()?)?,
        deadline: optional_date(r, 7)?,
        original_deadline: optional_date(r, 18)?,
        closed_on: optional_date(r, 17)?,
        last_progress_date: optional_date(r, 15)?,
    })
}

fn joined_task_from_row(r: &Row) -> rusqlite::Result<Task> {
    let at = TASK_COLUMN_COUNT;
    let owner = Owner {
        inspection_id: r.get(at)?,
        problem_code: r.get(at + 1)?,
        category: stored_key::<Category>(&r.get::<_, String>(at + 2)?)?,
        unit: r.get(at + 3)?,
    };
    let mut task = task_from_row(r, owner)?;
    task.support_units = split_list(r.get(at + 4)?);
    Ok(task)
}

/// Calls `visit` with each task's id and the text of its latest progress entry, in table order,
/// holding none of them.
pub(super) fn each_latest_progress(
    conn: &Connection,
    mut visit: impl FnMut(i64, &str),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.last_progress_text FROM task t
         WHERE t.last_progress_date IS NOT NULL AND t.last_progress_text IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let text = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        visit(r.get(0)?, text);
    }
    Ok(())
}

/// The text of every task's latest progress entry (the date is on the task).
pub(super) fn latest_progress(conn: &Connection) -> Result<LatestProgress> {
    let mut texts = HashMap::new();
    each_latest_progress(conn, |id, text| {
        texts.insert(id, text.to_string());
    })?;
    Ok(LatestProgress(texts))
}

/// Runs `read` in one read transaction (a savepoint, so that it also works inside a write), so
/// that its several statements see the ledger as of one moment even while others write.
pub(super) fn snapshot<T>(conn: &Connection, read: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT snapshot")?;
    let result = read();
    let released = conn.execute_batch("RELEASE snapshot");
    let value = result?;
    released?;
    Ok(value)
}

pub(super) fn tasks_of_problem(conn: &Connection, problem_id: i64) -> Result<Vec<Task>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS}, {TASK_JOINED} WHERE t.problem_id = +?1 {TASK_ORDER}"
    ))?;
    let rows = stmt.query_map([problem_id], joined_task_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn task_by_seq(conn: &Connection, seq: i64) -> Result<Task> {
    conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS}, {TASK_JOINED} WHERE t.seq = +?1"
    ))?
    .query_row([seq], joined_task_from_row)
    .optional()?
    .ok_or_else(|| Error::UnknownTask(format!("#{seq}")))
}

pub(super) fn task_by_id(conn: &Connection, id: i64) -> Result<Task> {
    conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS}, {TASK_JOINED} WHERE t.id = +?1"
    ))?
    .query_row([id], joined_task_from_row)
    .optional()?
    .ok_or_else(|| Error::UnknownRef(id.to_string()))
}

pub(super) fn task_by_uuid(conn: &Connection, uuid: &str) -> Result<Task> {
    conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS}, {TASK_JOINED} WHERE t.uuid = +?1"
    ))?
    .query_row([uuid], joined_task_from_row)
    .optional()?
    .ok_or_else(|| Error::UnknownRef(uuid.to_string()))
}

pub use crate::model::parse_seq;

// ---------------------------------------------------------------------------------------------
// progress and search

pub(super) fn progress_of(conn: &Connection, task_id: i64) -> Result<Vec<Progress>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uuid, date, text, evidence, author, created_at FROM progress
         WHERE task_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([task_id], |r| {
        Ok(Progress {
            id: r.get(0)?,
            uuid: r.get(1)?,
            date: stored_date(&r.get::<_, String>(2)?)?,
            text: r.get(3)?,
            evidence: r.get(4)?,
            author: r.get(5)?,
            created_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Tasks counted by unit and status, with how many of them are overdue on day `?1`, extended
/// (延期) and closed on time (by the deadline first given). The index `task_unit_status` answers
/// it alone.
fn unit_tallies_sql() -> String {
    // the statuses that can run late, as `Status::needs_work` says
    let late: Vec<String> = Status::ALL
        .iter()
        .filter(|s| s.needs_work())
        .map(|s| format!("'{}'", s.key()))
        .collect();
    // as `Task::closed_on_time` says: by the deadline first given, or with none to keep
    format!(
        "SELECT unit_id, status, count(*), sum(status IN ({}) AND deadline < ?1),
                sum(original_deadline IS NOT NULL),
                sum(status = 'closed' AND (coalesce(original_deadline, deadline) IS NULL
                    OR closed_on <= coalesce(original_deadline, deadline)))
         FROM task GROUP BY unit_id, status",
        late.join(", ")
    )
}

/// Each unit's tally (by unit id) as of `clock`, counted by SQLite from the tables as they are.
pub(super) fn unit_tallies(conn: &Connection, clock: &Clock) -> Result<HashMap<i64, Tally>> {
    let mut tallies: HashMap<i64, Tally> = HashMap::new();
    let mut stmt = conn.prepare_cached(&unit_tallies_sql())?;
    let rows = stmt.query_map([date::format(clock.today)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            stored_key::<Status>(&r.get::<_, String>(1)?)?,
            [r.get::<_, u32>(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
        ))
    })?;
    for row in rows {
        let (unit, status, [count, overdue, extended, on_time]) = row?;
        let tally = tallies.entry(unit).or_default();
        tally.add_many(status, count, overdue);
        tally.extended += extended;
        tally.on_time += on_time;
    }
    Ok(tallies)
}

// ---------------------------------------------------------------------------------------------
// the public face: what does not change with the day (the readers that do are in `asof`)

impl Store {
    pub fn unit(&self, name: &str) -> Result<Unit> {
        unit_by_name(&self.conn, name)
    }

    /// The problem with this code, in the round the store is scoped to (see `problem_by_code`).
    pub fn problem(&self, code: &str) -> Result<Problem> {
        problem_by_code(&self.conn, code, self.round)
    }

    /// The problem a task belongs to (codes may repeat across inspection rounds; ids do not).
    pub fn problem_of(&self, task: &Task) -> Result<Problem> {
        problem_by_id(&self.conn, task.problem_id)
    }

    /// Runs `read` on the ledger as of one moment: what it reads in several queries fits
    /// together even while another process writes.
    pub fn snapshot<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        snapshot(&self.conn, || read(self))
    }

    /// The task numbered `seq` as the tables hold it, every change made whatever its date:
    /// what a write starts from.
    pub fn task_as_recorded(&self, seq: i64) -> Result<Task> {
        task_by_seq(&self.conn, seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan SQLite makes for `sql`, one line per step.
    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        // parameters left unbound: the plan does not depend on their values
        let mut rows = stmt.raw_query();
        let mut steps = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            steps.push(row.get::<_, String>(3).unwrap());
        }
        steps.join("\n")
    }

    /// The steps of a plan that read a whole table or index (a scan of a subquery's few rows
    /// is not one).
    fn scans(plan: &str) -> Vec<&str> {
        plan.lines()
            .map(str::trim)
            .filter(|step| step.starts_with("SCAN ") && !step.starts_with("SCAN (subquery"))
            .collect()
    }

    /// The queries that run per keystroke or per command at scale go through indexes: no scan
    /// of a table (or of an index beyond what it asks for) and no sort of the rows they find.
    #[test]
    fn queries_at_scale_use_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("l.db"), "t", true).unwrap();
        let conn = &store.conn;

        let tallies = plan(conn, &unit_tallies_sql());
        assert_eq!(tallies, "SCAN task USING COVERING INDEX task_unit_status");

        use super::super::EventScope;
        for scope in [EventScope::Task(1), EventScope::Problem(1)] {
            let events = plan(conn, &super::super::events::events_sql(scope));
            assert_eq!(scans(&events), Vec::<&str>::new(), "{scope:?}:\n{events}");
        }
        let one = format!("SELECT {TASK_COLUMNS}, {TASK_JOINED} WHERE t.seq = 1");
        let one = plan(conn, &one);
        assert_eq!(scans(&one), Vec::<&str>::new(), "{one}");

        // what the triggers of migration 8 look up at each change of an entry: one step down
        // the index, no sort
        let latest = plan(
            conn,
            "SELECT date, text FROM progress WHERE task_id = 1 ORDER BY date DESC, id DESC LIMIT 1",
        );
        assert!(
            latest.contains("SEARCH progress USING INDEX progress_task_date (task_id=?)")
                && !latest.contains("TEMP B-TREE"),
            "{latest}"
        );
    }
}
