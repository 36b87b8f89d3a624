//! The readers whose answer depends on the day: each shows the ledger as it stood at the end of
//! today (`Store::today`, the clock's or `--today`), rebuilt by `rewind` from the tables and the
//! log when some change is dated later. Most reads are of today, when none is: `past` says so
//! from the newest date in the log (one step down an index), and the readers then read the
//! tables as they are.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::read::{self, progress_of, task_by_seq, task_by_uuid, tasks_of_problem};
use super::{Store, rewind};
use crate::date;
use crate::error::{Error, Result};
use crate::model::{
    Clock, EntryLine, LatestProgress, Problem, Progress, Tally, Task, TaskLine, Unit, parse_seq,
};

impl Store {
    /// The day the readers show the ledger as of, when that is not simply the ledger as it is:
    /// today, if some change is dated after it.
    pub(super) fn past(&self) -> Result<Option<NaiveDate>> {
        let today = date::format(self.today);
        Ok(rewind::latest_date(&self.conn)?
            .filter(|latest| *latest > today)
            .map(|_| self.today))
    }

    /// A task as the readers show it today, or the error that it did not exist yet.
    pub(super) fn as_of_today(&self, task: Task) -> Result<Task> {
        let Some(day) = self.past()? else {
            return Ok(task);
        };
        let (seq, assigned) = (task.seq, task.assigned);
        rewind::rewind_one(&self.conn, day, task)?.ok_or_else(|| Error::NotYetAssigned {
            seq,
            assigned: date::format(assigned),
            as_of: date::format(day),
        })
    }

    /// Every task as of today, in ledger order (by problem, then number).
    pub fn tasks(&self) -> Result<Vec<Task>> {
        read::snapshot(&self.conn, || {
            let tasks = self.tasks_as_recorded()?;
            match self.past()? {
                None => Ok(tasks),
                Some(day) => rewind::rewind(&self.conn, day, tasks),
            }
        })
    }

    /// Every task's line (`TaskLine`) as of today, in ledger order: what a screen of the whole
    /// ledger holds of each task.
    pub fn task_lines(&self) -> Result<Vec<TaskLine>> {
        read::snapshot(&self.conn, || match self.past()? {
            None => self.lines_as_recorded(),
            // an earlier day is taken back on whole tasks
            Some(_) => Ok(self.tasks()?.iter().map(TaskLine::from).collect()),
        })
    }

    /// The problems as they stood today, less those recorded after today that had no task by
    /// then.
    pub fn problems(&self) -> Result<Vec<Problem>> {
        let mut all = read::problems(&self.conn)?;
        if let Some(day) = self.past()? {
            let later = rewind::problems_after(&self.conn, day)?;
            all.retain(|p| !later.contains(&p.id));
            rewind::problems_on(&self.conn, day, &mut all)?;
        }
        Ok(all)
    }

    /// The units, named as they were today.
    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut all = read::units(&self.conn)?;
        if let Some(day) = self.past()? {
            rewind::units_on(&self.conn, day, &mut all)?;
        }
        Ok(all)
    }

    /// Each unit's tally (by unit id) as of `clock`: counted by SQLite (what `stats` needs
    /// without reading every task), or for an earlier day from the tasks as they were.
    pub fn unit_tallies(&self, clock: &Clock) -> Result<HashMap<i64, Tally>> {
        if self.past()?.is_some() {
            let mut tallies: HashMap<i64, Tally> = HashMap::new();
            // an earlier day: the statuses of then, which only the tasks themselves say
            for task in self.tasks()? {
                tallies
                    .entry(task.unit_id)
                    .or_default()
                    .add_task(&task, clock);
            }
            return Ok(tallies);
        }
        read::unit_tallies(&self.conn, clock)
    }

    /// The task with this uuid.
    pub fn task_by_uuid(&self, uuid: &str) -> Result<Task> {
        self.as_of_today(task_by_uuid(&self.conn, uuid)?)
    }

    /// The texts of the latest progress entries of every task, up to today.
    pub fn latest_progress(&self) -> Result<LatestProgress> {
        match self.past()? {
            None => read::latest_progress(&self.conn),
            Some(day) => rewind::latest_progress_up_to(&self.conn, day),
        }
    }

    /// `latest_progress`, each text given to `visit` with its task's id rather than kept.
    pub fn each_latest_progress(&self, mut visit: impl FnMut(i64, &str)) -> Result<()> {
        match self.past()? {
            None => read::each_latest_progress(&self.conn, visit),
            Some(day) => {
                let latest = rewind::latest_progress_up_to(&self.conn, day)?;
                latest.0.iter().for_each(|(id, text)| visit(*id, text));
                Ok(())
            }
        }
    }

    pub fn tasks_of(&self, problem: &Problem) -> Result<Vec<Task>> {
        let tasks = tasks_of_problem(&self.conn, problem.id)?;
        match self.past()? {
            None => Ok(tasks),
            Some(day) => rewind::rewind(&self.conn, day, tasks),
        }
    }

    /// The task numbered `text` (`12` or `#12`).
    pub fn task(&self, text: &str) -> Result<Task> {
        let seq = parse_seq(text).ok_or_else(|| Error::UnknownTask(text.to_string()))?;
        self.as_of_today(task_by_seq(&self.conn, seq)?)
    }

    /// The progress entries dated up to today and after `after` (when given), of each task by
    /// id, oldest first: all of them with `every`, else only the latest of each task.
    pub fn entry_lines(
        &self,
        after: Option<NaiveDate>,
        every: bool,
    ) -> Result<HashMap<i64, Vec<EntryLine>>> {
        // read in table order and sorted here: a sort in SQLite would carry every text
        self.entry_lines_where(ALL_ENTRIES, None, after, every)
    }

    /// `entry_lines` of the tasks of one problem (by the index of each task's entries).
    pub fn entry_lines_of_problem(
        &self,
        problem_id: i64,
        after: Option<NaiveDate>,
        every: bool,
    ) -> Result<HashMap<i64, Vec<EntryLine>>> {
        self.entry_lines_where(PROBLEM_ENTRIES, Some(problem_id), after, every)
    }

    /// `entry_lines` of the entries `condition` (on `?3`, the problem) keeps.
    fn entry_lines_where(
        &self,
        condition: &str,
        problem_id: Option<i64>,
        after: Option<NaiveDate>,
        every: bool,
    ) -> Result<HashMap<i64, Vec<EntryLine>>> {
        let mut stmt = self.conn.prepare_cached(&entry_lines_sql(condition))?;
        let after = after.map_or_else(String::new, date::format);
        let params = rusqlite::params![date::format(self.today), after, problem_id];
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                (
                    read::stored_date(&r.get::<_, String>(2)?)?,
                    r.get::<_, i64>(1)?,
                ),
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        // each entry keyed by (date, id): the order of entry on one day
        type Keyed = ((NaiveDate, i64), EntryLine);
        let mut by_task: HashMap<i64, Vec<Keyed>> = HashMap::new();
        for row in rows {
            let (task, key, text, evidence) = row?;
            let line = EntryLine {
                date: key.0,
                text,
                evidence,
            };
            let own = by_task.entry(task).or_default();
            if every {
                own.push((key, line));
            } else if own.first().is_none_or(|(k, _)| *k < key) {
                *own = vec![(key, line)];
            }
        }
        Ok(by_task
            .into_iter()
            .map(|(task, mut own)| {
                own.sort_unstable_by_key(|(k, _)| *k);
                (task, own.into_iter().map(|(_, line)| line).collect())
            })
            .collect())
    }

    /// A task's progress entries dated up to today, oldest first.
    pub fn progress(&self, task: &Task) -> Result<Vec<Progress>> {
        let mut entries = progress_of(&self.conn, task.id)?;
        entries.retain(|e| e.date <= self.today);
        Ok(entries)
    }

    /// The lights of `today`: the day and the days of warning as they were set then.
    pub fn clock(&self, today: NaiveDate) -> Result<Clock> {
        let warn_days = match rewind::warn_days_on(&self.conn, today)? {
            Some(then) => then
                .and_then(|v| v.parse().ok())
                .unwrap_or(Clock::DEFAULT_WARN_DAYS),
            None => read::warn_days(&self.conn)?,
        };
        Ok(Clock { today, warn_days })
    }

    /// The task with this row id.
    pub fn task_by_id(&self, id: i64) -> Result<Task> {
        self.as_of_today(read::task_by_id(&self.conn, id)?)
    }
}

/// The conditions of `entry_lines_sql` on `?3`: every entry (`?3` null), or the entries of the
/// tasks of problem `?3`.
const ALL_ENTRIES: &str = "?3 IS NULL";
const PROBLEM_ENTRIES: &str = "task_id IN (SELECT id FROM task WHERE problem_id = ?3)";

/// The progress entries dated up to `?1` and after `?2` that `condition` keeps.
fn entry_lines_sql(condition: &str) -> String {
    format!(
        "SELECT task_id, id, date, text, evidence FROM progress
         WHERE date <= ?1 AND date > ?2 AND {condition}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem's entries are read by the index of each task's entries, not by a scan of
    /// every entry of the ledger (the xlsx reads them once per problem).
    #[test]
    fn a_problems_entries_are_read_by_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("l.db"), "t", true).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2019, 12, d).unwrap();
        for (seq, d) in [(1, 20), (1, 5), (2, 6), (12, 7)] {
            let entry = crate::store::NewProgress {
                date: day(d),
                text: format!("进展{seq}-{d}"),
                evidence: String::new(),
                status: None,
            };
            store.add_progress(seq, entry, day(26), None).unwrap();
        }
        let sql = format!("EXPLAIN QUERY PLAN {}", entry_lines_sql(PROBLEM_ENTRIES));
        let mut plan = store.conn.prepare(&sql).unwrap();
        let steps: Vec<String> = plan
            .query_map(rusqlite::params!["2019-12-26", "", 1], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let on_progress = steps.iter().find(|s| s.contains("progress")).unwrap();
        assert!(on_progress.contains("progress_task_date"), "{steps:?}");
        // the entries of one problem are those of the whole ledger that are its tasks'
        let problem = &store.problems().unwrap()[0];
        let own = store
            .entry_lines_of_problem(problem.id, None, true)
            .unwrap();
        let all = store.entry_lines(None, true).unwrap();
        let tasks: Vec<i64> = store
            .tasks_of(problem)
            .unwrap()
            .iter()
            .map(|t| t.id)
            .collect();
        let expected: HashMap<i64, Vec<EntryLine>> = all
            .into_iter()
            .filter(|(task, _)| tasks.contains(task))
            .collect();
        assert!(own.values().map(Vec::len).sum::<usize>() >= 2, "{own:?}");
        assert_eq!(own, expected);
    }
}
