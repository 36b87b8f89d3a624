//! The event log as the screens read it: the newest events of a record or of the ledger,
//! labelled with what they are about, and what changed since an event (for the TUI's refresh).

use rusqlite::{Connection, Row, params};

use super::Store;
use crate::error::Result;
use crate::model::{Change, Event};

/// Which part of the event log to read.
#[derive(Debug, Clone, Copy)]
pub enum EventScope {
    All,
    /// A task and its progress entries.
    Task(i64),
    /// A problem, its tasks and their progress entries.
    Problem(i64),
}

/// The records changed since an event: (kind, uuid) of each.
pub type Changed = Vec<(String, String)>;

fn event_from_row(r: &Row) -> rusqlite::Result<Event> {
    let changes_json: String = r.get(7)?;
    let changes = match serde_json::from_str::<serde_json::Value>(&changes_json) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .map(|(field, pair)| {
                let (old, new) = match pair {
                    serde_json::Value::Array(mut v) if v.len() == 2 => {
                        let new = v.pop().unwrap_or_default();
                        (v.pop().unwrap_or_default(), new)
                    }
                    other => (serde_json::Value::Null, other),
                };
                Change { field, old, new }
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Event {
        id: r.get(0)?,
        tx: r.get(1)?,
        at: r.get(2)?,
        actor: r.get(3)?,
        entity: r.get(4)?,
        entity_uuid: r.get(5)?,
        action: r.get(6)?,
        changes,
        label: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
        date: r
            .get::<_, Option<String>>(9)?
            .and_then(|d| super::read::stored_date(&d).ok()),
    })
}

/// The query of `events`: `?1` is the limit, `?2` the id of the task or problem, `?3` the last
/// business date shown, `?4` the day after which they are shown (`''` for all).
pub(super) fn events_sql(scope: EventScope) -> String {
    let filter = match scope {
        EventScope::All => "1 = 1",
        EventScope::Task(_) => {
            "entity_uuid IN (SELECT uuid FROM task WHERE id = ?2
                               UNION ALL SELECT uuid FROM progress WHERE task_id = ?2)"
        }
        EventScope::Problem(_) => {
            "entity_uuid IN (SELECT uuid FROM problem WHERE id = ?2
                               UNION ALL SELECT uuid FROM task WHERE problem_id = ?2
                               UNION ALL SELECT pr.uuid FROM progress pr
                                         JOIN task t ON t.id = pr.task_id WHERE t.problem_id = ?2)"
        }
    };
    format!(
        "SELECT e.id, e.tx, e.at, e.actor, e.entity, e.entity_uuid, e.action, e.changes,
                CASE e.entity
                    WHEN 'task' THEN (SELECT '#' || seq FROM task WHERE uuid = e.entity_uuid)
                    WHEN 'progress' THEN (SELECT '#' || t.seq FROM progress pr
                                          JOIN task t ON t.id = pr.task_id
                                          WHERE pr.uuid = e.entity_uuid)
                    WHEN 'problem' THEN (SELECT code FROM problem WHERE uuid = e.entity_uuid)
                    WHEN 'unit' THEN (SELECT name FROM unit WHERE uuid = e.entity_uuid)
                    WHEN 'inspection' THEN (SELECT title FROM inspection WHERE uuid = e.entity_uuid)
                    WHEN 'packet' THEN (SELECT u.name || ' ' || p.period FROM packet p
                                        JOIN unit u ON u.id = p.unit_id
                                        WHERE p.uuid = e.entity_uuid)
                    WHEN 'notice' THEN (SELECT n.number || ' ' || u.name FROM notice n
                                        JOIN unit u ON u.id = n.unit_id
                                        WHERE n.uuid = e.entity_uuid)
                    ELSE e.entity_uuid
                END,
                e.date
         FROM event e
         WHERE e.id IN (SELECT id FROM event WHERE ({filter}) AND date <= ?3 AND date > ?4
                        ORDER BY id DESC LIMIT ?1)
         ORDER BY e.id DESC"
    )
}

/// The newest `limit` events of `scope`. The events are chosen by their ids alone (the index
/// `event_entity` holds them), and only those taken are read whole and labelled: a problem with
/// a hundred tasks has hundreds of events, and the detail pane shows twenty.
pub(super) fn events(
    conn: &Connection,
    scope: EventScope,
    limit: usize,
    (after, up_to): (&str, &str),
) -> Result<Vec<Event>> {
    let id = match scope {
        EventScope::All => 0,
        EventScope::Task(id) | EventScope::Problem(id) => id,
    };
    let sql = events_sql(scope);
    let mut stmt = conn.prepare_cached(&sql)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![limit, id, up_to, after], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The id of the newest event (0 for none): where a later `changes_since` starts.
    pub fn last_event_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM event", [], |r| r.get(0))?)
    }

    /// What changed after event `after`: each changed record's kind and uuid (a progress entry
    /// named by the uuid of its task, kind `task`), and the newest event id. More than `limit`
    /// records changed (a large import by another process), and `None` says so without reading
    /// the rest: reading everything again is then as quick.
    pub fn changes_since(&self, after: i64, limit: usize) -> Result<(Option<Changed>, i64)> {
        let last = self.last_event_id()?.max(after);
        let mut stmt = self.conn.prepare_cached(
            "SELECT CASE WHEN t.uuid IS NULL THEN e.entity ELSE 'task' END,
                    coalesce(t.uuid, e.entity_uuid)
             FROM event e
             LEFT JOIN progress p ON e.entity = 'progress' AND p.uuid = e.entity_uuid
             LEFT JOIN task t ON t.id = p.task_id
             WHERE e.id > ?1 AND e.id <= ?2 ORDER BY e.id",
        )?;
        let mut changed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut rows = stmt.query([after, last])?;
        while let Some(r) = rows.next()? {
            let (entity, uuid): (String, String) = (r.get(0)?, r.get(1)?);
            if seen.insert((entity.clone(), uuid.clone())) {
                if changed.len() == limit {
                    return Ok((None, last));
                }
                changed.push((entity, uuid));
            }
        }
        Ok((Some(changed), last))
    }

    /// The event log, newest first, of the changes dated up to today.
    pub fn events(&self, scope: EventScope, limit: usize) -> Result<Vec<Event>> {
        events(
            &self.conn,
            scope,
            limit,
            ("", &crate::date::format(self.today)),
        )
    }

    /// The events of the changes dated after `since` up to today (a period), newest first.
    pub fn events_since(
        &self,
        scope: EventScope,
        limit: usize,
        since: chrono::NaiveDate,
    ) -> Result<Vec<Event>> {
        let period = (crate::date::format(since), crate::date::format(self.today));
        events(&self.conn, scope, limit, (&period.0, &period.1))
    }
}
