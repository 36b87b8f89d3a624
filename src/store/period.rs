//! What `changes` reads for a period (本期变化): the tasks as they stood at its two ends, and
//! the status moves, deadline changes and progress entries dated in it. `model::Period` makes
//! sense of them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::Value;

use super::Store;
use super::read::stored_date;
use super::rewind::{self, Later};
use crate::date;
use crate::error::{Error, Result};
use crate::model::{DeadlineMove, Key, Period, PeriodInput, Reported, Status, StatusMove, Task};

fn old_new(changes: &serde_json::Map<String, Value>, field: &str) -> Option<(Value, Value)> {
    let pair = changes.get(field)?;
    Some((pair.get(0)?.clone(), pair.get(1)?.clone()))
}

/// The moves and deadline changes of the task events `dated` (oldest first), less those an
/// undo took back.
fn moves_of<'a>(
    dated: impl Iterator<Item = &'a Later>,
    seq_of: &HashMap<String, (i64, String)>,
) -> (Vec<StatusMove>, Vec<DeadlineMove>) {
    let mut moves: Vec<(String, StatusMove)> = Vec::new();
    let mut deadlines: Vec<(String, DeadlineMove)> = Vec::new();
    for e in dated {
        let Some((seq, unit)) = seq_of.get(&e.uuid).cloned() else {
            continue;
        };
        let status = old_new(&e.changes, "status");
        let deadline = old_new(&e.changes, "deadline");
        if e.action == "undo" {
            // an undo takes back the newest move of the task it reverts
            if status.is_some()
                && let Some(i) = moves.iter().rposition(|(u, _)| *u == e.uuid)
            {
                moves.remove(i);
            }
            if deadline.is_some()
                && let Some(i) = deadlines.iter().rposition(|(u, _)| *u == e.uuid)
            {
                deadlines.remove(i);
            }
            continue;
        }
        // a task made in the period is among those added, not a move
        let made = status.as_ref().is_some_and(|(old, _)| old.is_null());
        if let Some((old, new)) = status.filter(|_| !made)
            && let Some(to) = new.as_str().and_then(Status::from_key)
        {
            let reason = match e.action.as_str() {
                "reopen" | "return" => old_new(&e.changes, "reopen_reason").map(|p| p.1),
                "close" => old_new(&e.changes, "close_note").map(|p| p.1),
                _ => None,
            };
            moves.push((
                e.uuid.clone(),
                StatusMove {
                    seq,
                    unit: unit.clone(),
                    date: e.date,
                    action: e.action.clone(),
                    from: old.as_str().and_then(Status::from_key),
                    to,
                    reason: reason.and_then(|r| r.as_str().map(str::to_string)),
                },
            ));
        }
        // a deadline set by the making of a task is no move; one to or from 长期坚持 is
        if let Some((old, new)) = deadline.filter(|_| !made) {
            let day = |v: &Value| v.as_str().and_then(|d| stored_date(d).ok());
            deadlines.push((
                e.uuid.clone(),
                DeadlineMove {
                    seq,
                    unit,
                    date: e.date,
                    from: day(&old),
                    to: day(&new),
                    extension: e.action == "extend" || e.changes.contains_key("original_deadline"),
                },
            ));
        }
    }
    // by date; changes of one day in the order they were recorded
    let mut moves: Vec<StatusMove> = moves.into_iter().map(|(_, m)| m).collect();
    moves.sort_by_key(|m| m.date);
    let mut deadlines: Vec<DeadlineMove> = deadlines.into_iter().map(|(_, m)| m).collect();
    deadlines.sort_by_key(|m| m.date);
    (moves, deadlines)
}

impl Store {
    /// 本期变化 from the end of `since` to the end of `until`, of the tasks `only` chooses (by
    /// their state at the end) or of all.
    pub fn period(
        &self,
        since: NaiveDate,
        until: NaiveDate,
        only: impl FnOnce(&[Task]) -> Option<HashSet<i64>>,
    ) -> Result<Period> {
        if since > until {
            return Err(Error::BadPeriod {
                since: date::format(since),
                until: date::format(until),
            });
        }
        self.snapshot(|store| {
            // the changes of tasks after the start, read once: those after the end take the
            // tables back to the end, the rest (the period's) take the end back to the start
            let now = store.tasks_as_recorded()?;
            let later = rewind::later_changes(&store.conn, since)?;
            let after_end = later.iter().filter(|c| c.date > until);
            let after = rewind::take_back_all(&store.conn, until, now, after_end)?;
            let in_period = || later.iter().filter(|c| c.date <= until);
            let before = rewind::take_back_all(&store.conn, since, after.clone(), in_period())?;
            let seq_of: HashMap<String, (i64, String)> = after
                .iter()
                .map(|t| (t.uuid.clone(), (t.seq, t.unit.clone())))
                .collect();
            let (from, to) = (date::format(since), date::format(until));
            let oldest_first = later.iter().rev().filter(|c| c.date <= until);
            let (moves, deadlines) = moves_of(oldest_first, &seq_of);
            // read in table order and sorted here: a sort in SQLite would carry every text
            let mut stmt = store.conn.prepare_cached(
                "SELECT task_id, id, date, text, evidence, author FROM progress
                 WHERE date > ?1 AND date <= ?2",
            )?;
            let mut entries = stmt
                .query_map([&from, &to], |r| {
                    Ok((
                        (stored_date(&r.get::<_, String>(2)?)?, r.get::<_, i64>(1)?),
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            entries.sort_unstable_by_key(|e| e.0);
            let progress = entries
                .into_iter()
                .map(|((date, _), task, text, evidence, author)| {
                    let entry = Reported {
                        date,
                        text,
                        evidence,
                        author,
                    };
                    (task, entry)
                })
                .collect();
            let units = store.units()?;
            let returned = store
                .conn
                .prepare_cached(
                    "SELECT DISTINCT unit_id FROM packet
                     WHERE collected_on > ?1 AND collected_on <= ?2",
                )?
                .query_map([&from, &to], |r| r.get(0))?
                .collect::<rusqlite::Result<HashSet<i64>>>()?;
            let chosen = only(&after);
            Ok(Period::build(PeriodInput {
                since,
                until,
                warn_days: super::read::warn_days(&store.conn)?,
                before: &before,
                after: &after,
                moves,
                deadlines,
                progress,
                units: &units,
                returned,
                only: chosen.as_ref(),
            }))
        })
    }
}
