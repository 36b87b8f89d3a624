//! What `list` reads, of exactly what it shows, each task chosen by SQLite alone: first a count
//! of the tasks it lists (its summary line and the widths of its columns come before the
//! rows), then the rows. Reading each task whole, twice, was two thirds of its time (issue 16).
//! SQLite's `GROUP BY` would sort what is counted: slower than counting it here (14 ms against
//! 5 at 10,000 tasks, in the sqlite3 shell). A filter SQLite cannot decide alone (on an earlier
//! day, or a search with a line break) is read with `each_problem`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::Null;

use super::read::{self, optional_date, stored_key};
use super::stream::{condition, may_pass, needle_of, problem_statuses, sql_needle, unit_names};
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::model::{
    Clock, LatestProgress, Problem, ProblemSummary, ProgressBrief, Status, Task, TaskFacts,
};

/// What a count looks at of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedTask {
    pub seq: i64,
    pub status: Status,
    /// The deadline in force.
    pub deadline: Option<NaiveDate>,
    /// An extension moved the deadline (`Task::is_extended`).
    pub extended: bool,
}

impl CountedTask {
    /// What a count looks at of `task`, read whole.
    pub fn of(task: &Task) -> CountedTask {
        CountedTask {
            seq: task.seq,
            status: task.status,
            deadline: task.deadline,
            extended: task.is_extended(),
        }
    }
}

/// Of one task, what `list`'s table shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedTask<'r> {
    pub counted: CountedTask,
    /// The responsible unit.
    pub unit: &'r str,
    pub measure: &'r str,
    pub latest: Option<ProgressBrief<'r>>,
}

impl<'r> ListedTask<'r> {
    /// What the table shows of `task`, read whole.
    pub fn of(task: &'r Task, latest: &'r LatestProgress) -> ListedTask<'r> {
        ListedTask {
            counted: CountedTask::of(task),
            unit: &task.unit,
            measure: &task.measure,
            latest: latest.of(task),
        }
    }
}

/// What `each_listed` hands over, in ledger order: each listed task of a problem, in number
/// order, then the problem.
#[derive(Debug)]
pub enum ListedRow<'r> {
    Task(ListedTask<'r>),
    /// The problem whose listed tasks came just before (maybe none): the summary counts all its
    /// tasks, listed or not.
    Problem {
        problem: &'r Problem,
        summary: ProblemSummary,
        listed: usize,
    },
}

/// A step of `each_chosen_row`.
enum Step<'a> {
    /// A row of a task chosen, with the units' names by id.
    Row(&'a Row<'a>, &'a HashMap<i64, String>),
    /// The problem whose rows came just before, and whether SQLite left out some of its tasks.
    End(&'a Problem, bool),
}

/// What a count reads of a task.
const COUNTED: &str = "t.seq, t.status, t.deadline, t.original_deadline IS NOT NULL";

/// What the table shows of a task: `COUNTED`, then the columns of `ListedTask`.
const LISTED: &str = "t.seq, t.status, t.deadline, t.original_deadline IS NOT NULL,
     t.unit_id, t.measure, t.last_progress_date, t.last_progress_text";

fn counted(r: &Row) -> Result<CountedTask> {
    Ok(CountedTask {
        seq: r.get(0)?,
        status: stored_key::<Status>(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)?,
        deadline: optional_date(r, 2)?,
        extended: r.get(3)?,
    })
}

fn listed<'r>(r: &'r Row, units: &'r HashMap<i64, String>) -> Result<ListedTask<'r>> {
    let counted = counted(r)?;
    let Some(unit) = units.get(&r.get(4)?) else {
        return Err(Error::TaskWithoutOwner(counted.seq));
    };
    let text = |i| {
        r.get_ref(i)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)
    };
    let latest = match optional_date(r, 6)? {
        Some(date) => Some(ProgressBrief {
            date,
            text: text(7)?.unwrap_or(""),
        }),
        None => None,
    };
    Ok(ListedTask {
        counted,
        unit,
        measure: text(5)?.unwrap_or(""),
        latest,
    })
}

impl super::Store {
    /// Calls `visit` with each task `filter` passes today, problem by problem in ledger order
    /// (a problem's in no order: a count needs none), and says true; or visits none and says
    /// false when SQLite cannot decide the filter alone. Count what `each_problem` chooses then.
    pub fn count_listed(
        &self,
        filter: &Filter,
        clock: &Clock,
        mut visit: impl FnMut(&CountedTask),
    ) -> Result<bool> {
        self.each_chosen_row(filter, clock, COUNTED, "", |step| {
            if let Step::Row(r, _) = step {
                visit(&counted(r)?);
            }
            Ok(())
        })
    }

    /// Calls `visit` with what `list` shows of each task `filter` passes today and of each
    /// problem that may have such tasks (`ListedRow`), and says true; or visits none and says
    /// false when SQLite cannot decide the filter alone, as `count_listed`.
    pub fn each_listed(
        &self,
        filter: &Filter,
        clock: &Clock,
        mut visit: impl FnMut(ListedRow) -> Result<()>,
    ) -> Result<bool> {
        let mut statuses = Vec::new();
        self.each_chosen_row(filter, clock, LISTED, "ORDER BY t.seq", |step| match step {
            Step::Row(r, units) => {
                let task = listed(r, units)?;
                statuses.push((task.counted.status, task.counted.deadline));
                visit(ListedRow::Task(task))
            }
            Step::End(problem, narrowed) => {
                let listed = statuses.len();
                let all = match narrowed {
                    true => problem_statuses(&self.conn, problem.id)?,
                    false => std::mem::take(&mut statuses),
                };
                statuses.clear();
                visit(ListedRow::Problem {
                    problem,
                    summary: ProblemSummary::of_statuses(all, clock),
                    listed,
                })
            }
        })
    }

    /// Takes `step` through the rows of `columns` (of the task `t`, then `order`) of the tasks
    /// `filter` passes today, problem by problem in ledger order, each problem's followed by
    /// its end; says false, taking no step, when SQLite cannot decide the filter alone: on an
    /// earlier day, which is rewound whole, or for a search with a line break.
    fn each_chosen_row(
        &self,
        filter: &Filter,
        clock: &Clock,
        columns: &str,
        order: &str,
        mut step: impl FnMut(Step) -> Result<()>,
    ) -> Result<bool> {
        let needle = sql_needle(filter);
        if filter.needs_search_text() && needle.is_none() {
            return Ok(false);
        }
        read::snapshot(&self.conn, || {
            if self.past()?.is_some() {
                return Ok(false);
            }
            let units = unit_names(&self.conn)?;
            let condition = condition(filter, clock, &units);
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {columns} FROM task t WHERE t.problem_id = ?1 AND {} {order}",
                condition.as_deref().unwrap_or("1")
            ))?;
            for problem in self.problems()? {
                if !may_pass(filter, &problem) {
                    continue;
                }
                let mut rows = match needle_of(&problem, needle.as_deref()) {
                    // `?2` and `?3` are the readers' of rows (`stream::PROBLEM_TASKS`), unused
                    Some(needle) => {
                        stmt.query(rusqlite::params![problem.id, Null, Null, needle])?
                    }
                    None => stmt.query([problem.id])?,
                };
                while let Some(r) = rows.next()? {
                    step(Step::Row(r, &units))?;
                }
                step(Step::End(&problem, condition.is_some()))?;
            }
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Task;
    use crate::store::Store;

    /// A row of `each_listed`, or of the same read from `each_problem`, to compare.
    #[derive(Debug, PartialEq)]
    enum Seen {
        Task(CountedTask, String, String, Option<(NaiveDate, String)>),
        Problem(i64, ProblemSummary, usize),
    }

    fn seen(task: &ListedTask) -> Seen {
        let latest = task.latest.map(|p| (p.date, p.text.to_string()));
        let (unit, measure) = (task.unit.to_string(), task.measure.to_string());
        Seen::Task(task.counted.clone(), unit, measure, latest)
    }

    /// Counted and listed are exactly the tasks `each_problem` chooses, with what it reads of
    /// them and their problems, for every kind of filter SQLite decides; none for one it cannot.
    #[test]
    fn counted_and_listed_are_the_chosen_tasks() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("l.db"), "t", true).unwrap();
        store.close_task(3, "已整改", "", None, None).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2019, 12, d).unwrap();
        for (seq, date, text) in [
            (5, day(20), "已推进"),
            (5, day(5), "已部署"),
            (14, day(9), "x"),
        ] {
            let entry = crate::store::NewProgress {
                date,
                text: text.into(),
                evidence: String::new(),
                status: None,
            };
            store.add_progress(seq, entry, day(26), None).unwrap();
        }
        store
            .conn
            .execute_batch(
                "UPDATE task SET deadline = '2019-12-01' WHERE seq <= 5;
                 UPDATE task SET deadline = NULL WHERE seq = 7;
                 UPDATE task SET deadline = '2020-03-01', original_deadline = '2019-12-31',
                        extended_from = '2019-12-31', extended_on = '2019-12-20'
                 WHERE seq > 12;",
            )
            .unwrap();
        let clock = Clock {
            today: NaiveDate::from_ymd_opt(2019, 12, 26).unwrap(),
            warn_days: 7,
        };
        let unit = store.tasks().unwrap()[4].unit.clone();
        let filters = [
            Filter::default(),
            Filter {
                open: true,
                overdue: true,
                ..Filter::default()
            },
            Filter {
                statuses: vec![Status::Closed, Status::NotStarted],
                ..Filter::default()
            },
            Filter {
                unit: Some(format!(" {unit} ")),
                ..Filter::default()
            },
            Filter {
                problem: Some("G2".into()),
                ..Filter::default()
            },
            Filter {
                search: Some("领导小组".into()),
                ..Filter::default()
            },
            Filter {
                search: Some("县".into()),
                open: true,
                ..Filter::default()
            },
        ];
        for filter in filters {
            let mut chosen: Vec<Task> = Vec::new();
            let mut expected_rows = Vec::new();
            store
                .each_problem(&filter, &clock, |p| {
                    let listed = p.chosen(&filter, &clock);
                    for task in &listed {
                        expected_rows.push(seen(&ListedTask::of(task, p.latest)));
                    }
                    let summary = p.summary(&clock);
                    expected_rows.push(Seen::Problem(p.problem.id, summary, listed.len()));
                    chosen.extend(listed.into_iter().cloned());
                    Ok(())
                })
                .unwrap();
            let mut rows = Vec::new();
            let decided = store
                .each_listed(&filter, &clock, |row| {
                    rows.push(match row {
                        ListedRow::Task(task) => seen(&task),
                        ListedRow::Problem {
                            problem,
                            summary,
                            listed,
                        } => Seen::Problem(problem.id, summary, listed),
                    });
                    Ok(())
                })
                .unwrap();
            assert!(decided, "{filter:?}");
            assert_eq!(rows, expected_rows, "{filter:?}");
            if filter == Filter::default() {
                let with_progress = rows.iter().filter(|r| matches!(r, Seen::Task(.., Some(_))));
                assert_eq!(with_progress.count(), 2);
            }
            assert!(!chosen.is_empty(), "{filter:?}");
            let mut expected: Vec<CountedTask> = chosen.iter().map(CountedTask::of).collect();
            let mut counted = Vec::new();
            let decided = store
                .count_listed(&filter, &clock, |t| counted.push(t.clone()))
                .unwrap();
            assert!(decided, "{filter:?}");
            counted.sort_by_key(|t| t.seq);
            expected.sort_by_key(|t| t.seq);
            assert_eq!(counted, expected, "{filter:?}");
        }
        let across_lines = Filter {
            search: Some("整改\n措施".into()),
            ..Filter::default()
        };
        let mut visited = 0;
        let decided = store
            .count_listed(&across_lines, &clock, |_| visited += 1)
            .unwrap();
        assert!(!decided && visited == 0);
        let decided = store
            .each_listed(&across_lines, &clock, |_| {
                visited += 1;
                Ok(())
            })
            .unwrap();
        assert!(!decided && visited == 0);
    }
}
