//! The ledger one problem at a time, for the readers that write as they read (`list --json`,
//! the CSV and Markdown sheets): only the problems and units are held, and the tasks of the
//! problem being written, so memory stays flat however many tasks there are (issue 16).
//!
//! As of the present, each problem's tasks come from the index `task_problem`, with their
//! supporting units, latest progress and (for a search) their search text read in the same
//! statement. For an earlier day the ledger is taken back as a whole (`rewind` needs every later
//! change at once), then handed over problem by problem the same way.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Row;

use super::read::{self, Owner, TASK_COLUMNS, split_list, task_from_row};
use crate::date;
use crate::error::Result;
use crate::filter::Filter;
use crate::model::{Clock, Key, LatestProgress, Light, Problem, ProblemSummary, Status, Task};
use crate::search::{self, SearchTexts};

/// One problem with its tasks today.
pub struct ProblemTasks<'a> {
    pub problem: &'a Problem,
    /// The status and deadline of every task the problem has: what its summary counts.
    pub statuses: &'a [(Status, Option<NaiveDate>)],
    /// In number order, every task of the problem that may pass the filter (some that SQLite
    /// could not rule out may not): `chosen` says which do.
    pub candidates: &'a [Task],
    /// The latest progress texts of (at least) the candidates.
    pub latest: &'a LatestProgress,
    /// The search texts of (at least) the problem and the candidates, when the filter searches
    /// and SQLite did not.
    pub texts: Option<&'a SearchTexts>,
    /// SQLite looked for the filter's text (`SEARCH`): the candidates are those that hold it.
    pub searched: bool,
}

impl ProblemTasks<'_> {
    /// The tasks that pass `filter`, in number order.
    pub fn chosen(&self, filter: &Filter, clock: &Clock) -> Vec<&Task> {
        if self.searched {
            let rest = Filter {
                search: None,
                ..filter.clone()
            };
            return rest.select(self.candidates, clock, None);
        }
        filter.select(self.candidates, clock, self.texts)
    }

    /// Closed of all, the worst light, the state: over all the problem's tasks.
    pub fn summary(&self, clock: &Clock) -> ProblemSummary {
        ProblemSummary::of_statuses(self.statuses.iter().copied(), clock)
    }
}

/// How much of each task a reader needs besides its own columns: each costs a look-up per task
/// (bits of `?3`: 1 the supporting units, 2 the latest progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// The task's own columns: enough to count.
    Counted = 0,
    /// With its supporting units.
    Units = 1,
    /// With the text of its latest progress entry: `list`'s table where SQLite cannot decide
    /// its filter alone (else it reads `Store::each_listed`); it shows no supporting units.
    Latest = 2,
    /// With its supporting units and the text of its latest progress entry.
    Whole = 3,
}

/// `TASK_COLUMNS` of one problem's tasks that pass `{}` (a condition on `t`), with, as `?3`
/// (`Reads`) asks, their supporting units and the text of the latest progress entry, and when
/// `?2` is true the parts of the search text (`texts::TASK_TEXT`).
const PROBLEM_TASKS: &str = "
    CASE WHEN ?3 & 1 THEN (SELECT group_concat(name, char(31)) FROM
         (SELECT su.name FROM task_support s JOIN unit su ON su.id = s.unit_id
          WHERE s.task_id = t.id ORDER BY su.sort_order, su.id)) END,
    CASE WHEN ?3 & 2 THEN t.last_progress_text END,
    CASE WHEN ?2 THEN (SELECT group_concat(su.name, ' ') FROM task_support s
                       JOIN unit su ON su.id = s.unit_id WHERE s.task_id = t.id) END,
    CASE WHEN ?2 THEN (SELECT group_concat(text, char(10)) FROM progress
                       WHERE task_id = t.id) END
    FROM task t WHERE t.problem_id = ?1 AND";

/// Where the columns after `TASK_COLUMNS` start.
const AFTER_TASK: usize = 23;

/// What SQLite can rule out of `filter` by a task's own columns, as a condition on `t` (none
/// when nothing can be): status, open only, overdue, light, unit, search. `Filter::select`
/// decides the rest in the end (the search too, when SQLite cannot look for its text). All
/// written into it is ours (status keys, a date, a row id); the text searched for is bound as
/// `?4`. Each column is written `+t.x` so that SQLite keeps to the index of the problem's
/// tasks: by `task_status_deadline` it would visit every overdue task of the ledger for each
/// problem (26 s at 100,000 tasks, measured).
pub(super) fn condition(
    filter: &Filter,
    clock: &Clock,
    units: &HashMap<i64, String>,
) -> Option<String> {
    let keys = |statuses: &mut dyn Iterator<Item = &Status>| {
        let keys: Vec<String> = statuses.map(|s| format!("'{}'", s.key())).collect();
        format!("+t.status IN ({})", keys.join(", "))
    };
    let working = keys(&mut Status::ALL.iter().filter(|s| s.needs_work()));
    let today = format!("'{}'", date::format(clock.today));
    let until = format!("'{}'", date::format(clock.warn_until()));
    let mut all = Vec::new();
    if !filter.statuses.is_empty() {
        all.push(keys(&mut filter.statuses.iter()));
    }
    if filter.open {
        all.push("+t.status <> 'closed'".into());
    }
    // 逾期 is the red light
    let late = format!("{working} AND +t.deadline < {today}");
    if filter.overdue {
        all.push(late.clone());
    }
    match filter.light {
        None => {}
        Some(Light::Red) => all.push(late),
        Some(Light::Yellow) => all.push(format!(
            "{working} AND +t.deadline >= {today} AND +t.deadline <= {until}"
        )),
        Some(Light::Green) => all.push(format!(
            "{working} AND (+t.deadline IS NULL OR +t.deadline > {until})"
        )),
    }
    if let Some(name) = filter.unit.as_deref() {
        let id = units.iter().find(|(_, n)| n.as_str() == name.trim());
        all.push(format!("+t.unit_id = {}", id.map_or(0, |(id, _)| *id)));
    }
    if sql_needle(filter).is_some() {
        all.push(SEARCH.to_string());
    }
    let all: Vec<String> = all.iter().map(|c| format!("({c})")).collect();
    (!all.is_empty()).then(|| all.join(" AND "))
}

/// Whether the task's search text (`search_text`) holds the needle `?4`, or `?4` is null (the
/// problem's own text holds it). SQLite's `lower` folds ASCII letters only, as `fold` does. The
/// search text joins its parts with line breaks, and a needle without one is found in the
/// joined text exactly when it is found in one part: so each part is looked at alone, and an
/// entry of progress found stops the look.
const SEARCH: &str = "?4 IS NULL
    OR instr(lower(t.measure), ?4) > 0
    OR instr(lower((SELECT name FROM unit WHERE id = t.unit_id)), ?4) > 0
    OR instr(lower(t.person), ?4) > 0
    OR instr(lower(coalesce((SELECT group_concat(su.name, ' ') FROM task_support s
                             JOIN unit su ON su.id = s.unit_id WHERE s.task_id = t.id), '')), ?4) > 0
    OR EXISTS (SELECT 1 FROM progress WHERE task_id = t.id AND instr(lower(text), ?4) > 0)";

/// The needle SQLite can look for (`SEARCH`): the filter's, unless it has a line break, which
/// could be found across two parts of the search text.
pub(super) fn sql_needle(filter: &Filter) -> Option<String> {
    filter.needle().filter(|n| !n.contains(['\n', '\r']))
}

/// The statement of a problem's tasks that pass `condition`.
fn statement(condition: Option<&str>) -> String {
    let condition = condition.unwrap_or("1");
    format!("SELECT {TASK_COLUMNS}, {PROBLEM_TASKS} {condition} ORDER BY t.seq")
}

/// Whether a problem can have tasks that pass `filter` (round, category, code).
pub(super) fn may_pass(filter: &Filter, problem: &Problem) -> bool {
    filter.keeps_round(problem.inspection_id)
        && filter.category.is_none_or(|c| c == problem.category)
        && filter
            .problem
            .as_deref()
            .is_none_or(|code| code.trim().eq_ignore_ascii_case(&problem.code))
}

impl super::Store {
    /// Calls `visit` for each problem of the ledger today that may have tasks `filter` passes,
    /// in ledger order; see `ProblemTasks`. One read transaction.
    pub fn each_problem(
        &self,
        filter: &Filter,
        clock: &Clock,
        visit: impl FnMut(ProblemTasks) -> Result<()>,
    ) -> Result<()> {
        self.each_problem_reading(filter, clock, Reads::Whole, visit)
    }

    /// `each_problem` for a count: the tasks without their supporting units, and no latest
    /// progress, which cost a look-up each.
    pub fn each_problem_counted(
        &self,
        filter: &Filter,
        clock: &Clock,
        visit: impl FnMut(ProblemTasks) -> Result<()>,
    ) -> Result<()> {
        self.each_problem_reading(filter, clock, Reads::Counted, visit)
    }

    /// `each_problem` reading of each task what `reads` says.
    pub fn each_problem_reading(
        &self,
        filter: &Filter,
        clock: &Clock,
        reads: Reads,
        mut visit: impl FnMut(ProblemTasks) -> Result<()>,
    ) -> Result<()> {
        read::snapshot(&self.conn, || {
            let mut problems = self.problems()?;
            problems.retain(|p| may_pass(filter, p));
            if self.past()?.is_some() {
                return self.each_problem_rewound(&problems, filter, &mut visit);
            }
            let units = unit_names(&self.conn)?;
            let condition = condition(filter, clock, &units);
            let narrowed = condition.is_some();
            let needle = sql_needle(filter);
            // the search texts are read only when SQLite cannot look for the text itself
            let search = filter.needs_search_text() && needle.is_none();
            let mut stmt = self.conn.prepare_cached(&statement(condition.as_deref()))?;
            for problem in &problems {
                let mut candidates = Vec::new();
                let mut latest = LatestProgress::default();
                let mut texts = SearchTexts::default();
                let mut rows = match needle_of(problem, needle.as_deref()) {
                    Some(needle) => {
                        stmt.query(rusqlite::params![problem.id, search, reads as i64, needle])?
                    }
                    None => stmt.query(rusqlite::params![problem.id, search, reads as i64])?,
                };
                while let Some(r) = rows.next()? {
                    let task = task_of(r, problem, &units)?;
                    if let Some(text) = r.get::<_, Option<String>>(AFTER_TASK + 1)? {
                        latest.0.insert(task.id, text);
                    }
                    if search {
                        texts.tasks.insert(task.id, search_text(r, &task)?);
                    }
                    candidates.push(task);
                }
                let statuses: Vec<(Status, Option<NaiveDate>)> = if narrowed {
                    problem_statuses(&self.conn, problem.id)?
                } else {
                    candidates.iter().map(|t| (t.status, t.deadline)).collect()
                };
                if search {
                    texts.problems.insert(problem.id, problem_text(problem));
                }
                visit(ProblemTasks {
                    problem,
                    statuses: &statuses,
                    candidates: &candidates,
                    latest: &latest,
                    texts: search.then_some(&texts),
                    searched: needle.is_some(),
                })?;
            }
            Ok(())
        })
    }

    /// The first problems of the ledger in ledger order, each with all its tasks, until they
    /// have at least `tasks` tasks: what a first screen shows before the rest is read. None for
    /// an earlier day, which is read only whole.
    pub fn first_problems(&self, tasks: usize) -> Result<Option<(Vec<Problem>, Vec<Task>)>> {
        read::snapshot(&self.conn, || {
            if self.past()?.is_some() {
                return Ok(None);
            }
            let units = unit_names(&self.conn)?;
            let mut stmt = self.conn.prepare_cached(&statement(None))?;
            let (mut problems, mut read) = (Vec::new(), Vec::new());
            for problem in self.problems()? {
                if read.len() >= tasks {
                    break;
                }
                let reads = Reads::Whole as i64;
                let mut rows = stmt.query(rusqlite::params![problem.id, false, reads])?;
                while let Some(r) = rows.next()? {
                    read.push(task_of(r, &problem, &units)?);
                }
                problems.push(problem);
            }
            Ok(Some((problems, read)))
        })
    }

    /// `each_problem` for an earlier day: every task taken back at once, then grouped.
    fn each_problem_rewound(
        &self,
        problems: &[Problem],
        filter: &Filter,
        visit: &mut dyn FnMut(ProblemTasks) -> Result<()>,
    ) -> Result<()> {
        let latest = self.latest_progress()?;
        let texts = filter
            .needs_search_text()
            .then(|| self.search_texts())
            .transpose()?;
        let mut by_problem: HashMap<i64, Vec<Task>> = HashMap::new();
        for task in self.tasks()? {
            by_problem.entry(task.problem_id).or_default().push(task);
        }
        for problem in problems {
            let tasks = by_problem.remove(&problem.id).unwrap_or_default();
            let statuses: Vec<_> = tasks.iter().map(|t| (t.status, t.deadline)).collect();
            visit(ProblemTasks {
                problem,
                statuses: &statuses,
                candidates: &tasks,
                latest: &latest,
                texts: texts.as_ref(),
                searched: false,
            })?;
        }
        Ok(())
    }
}

fn task_of(r: &Row, problem: &Problem, units: &HashMap<i64, String>) -> Result<Task> {
    let unit_id: i64 = r.get(4)?;
    let Some(unit) = units.get(&unit_id) else {
        return Err(crate::error::Error::TaskWithoutOwner(r.get(2)?));
    };
    let owner = Owner {
        inspection_id: problem.inspection_id,
        problem_code: problem.code.clone(),
        category: problem.category,
        unit: unit.clone(),
    };
    let mut task = task_from_row(r, owner)?;
    task.support_units = split_list(r.get(AFTER_TASK)?);
    Ok(task)
}

/// The task's search text (`search::task_text`) from its row.
fn search_text(r: &Row, task: &Task) -> Result<String> {
    let support: Option<String> = r.get(AFTER_TASK + 2)?;
    let progress: Option<String> = r.get(AFTER_TASK + 3)?;
    Ok(search::task_text([
        Some(task.measure.as_str()),
        Some(&task.unit),
        Some(&task.person),
        support.as_deref(),
        progress.as_deref(),
    ]))
}

/// What a problem's summary counts (`ProblemSummary::of_statuses`) of all its tasks, read apart
/// from those a filter lists: each task of a status given the earliest deadline of its status.
/// The summary counts statuses and takes the worst light, which is that of the earliest
/// deadline, so it comes out as from the tasks themselves.
pub(super) fn problem_statuses(
    conn: &rusqlite::Connection,
    problem_id: i64,
) -> Result<Vec<(Status, Option<NaiveDate>)>> {
    let mut all = conn.prepare_cached(
        "SELECT status, count(*), min(deadline) FROM task WHERE problem_id = ?1 GROUP BY status",
    )?;
    let mut statuses = Vec::new();
    let mut rows = all.query([problem_id])?;
    while let Some(r) = rows.next()? {
        let status = read::stored_key::<Status>(&r.get::<_, String>(0)?)?;
        let count = usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
        let earliest = read::optional_date(r, 2)?;
        statuses.extend(std::iter::repeat_n((status, earliest), count));
    }
    Ok(statuses)
}

/// What `?4` binds for one problem when SQLite looks for `needle`: the needle, or null when the
/// problem's own text holds it (then all its tasks do). None when nothing is looked for.
pub(super) fn needle_of<'a>(problem: &Problem, needle: Option<&'a str>) -> Option<Option<&'a str>> {
    needle.map(|needle| (!problem_text(problem).contains(needle)).then_some(needle))
}

fn problem_text(problem: &Problem) -> String {
    search::problem_text(&problem.title, &problem.description)
}

/// Unit names by id.
pub(super) fn unit_names(conn: &rusqlite::Connection) -> Result<HashMap<i64, String>> {
    Ok(read::units(conn)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn ledger() -> (tempfile::TempDir, Store, Clock) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let mut store = Store::create(&path, "t", true).unwrap();
        store.close_task(3, "已整改", "", None, None).unwrap();
        store.close_task(12, "已整改", "", None, None).unwrap();
        // deadlines of every light on 2019-12-26 (the seed gives all the same one)
        store
            .conn
            .execute_batch(
                "UPDATE task SET deadline = '2019-12-01' WHERE seq <= 5;
                 UPDATE task SET deadline = '2020-03-01' WHERE seq > 12;",
            )
            .unwrap();
        let today = NaiveDate::from_ymd_opt(2019, 12, 26).unwrap();
        let clock = Clock {
            today,
            warn_days: 7,
        };
        (dir, store, clock)
    }

    /// Problem by problem, the tasks and texts are those the whole-ledger readers give.
    #[test]
    fn each_problem_gives_what_the_whole_ledger_readers_give() {
        let (_dir, store, clock) = ledger();
        let all = store.tasks().unwrap();
        let latest = store.latest_progress().unwrap();
        let texts = store.search_texts().unwrap();
        let mut seen = Vec::new();
        // a needle with a line break: SQLite leaves the search to the texts, read for every task
        let filter = Filter {
            search: Some("x\ny".into()),
            ..Filter::default()
        };
        store
            .each_problem(&filter, &clock, |p| {
                for task in p.candidates {
                    assert_eq!(task.problem_id, p.problem.id);
                    assert_eq!(p.latest.0.get(&task.id), latest.0.get(&task.id));
                    let text = p.texts.unwrap().tasks.get(&task.id);
                    assert_eq!(text, texts.tasks.get(&task.id), "#{}", task.seq);
                }
                let problem_text = p.texts.unwrap().problems.get(&p.problem.id);
                assert_eq!(problem_text, texts.problems.get(&p.problem.id));
                seen.extend(p.candidates.iter().cloned());
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, all);
    }

    /// What SQLite rules out never takes away a task the filter passes, nor a task from the
    /// problem's summary.
    #[test]
    fn the_condition_keeps_every_task_the_filter_passes() {
        let (_dir, store, clock) = ledger();
        let all = store.tasks().unwrap();
        let unit = all[4].unit.clone();
        let filters = [
            Filter::default(),
            Filter {
                open: true,
                ..Filter::default()
            },
            Filter {
                overdue: true,
                ..Filter::default()
            },
            Filter {
                statuses: vec![Status::Closed],
                ..Filter::default()
            },
            Filter {
                light: Some(Light::Red),
                ..Filter::default()
            },
            Filter {
                light: Some(Light::Yellow),
                ..Filter::default()
            },
            Filter {
                light: Some(Light::Green),
                ..Filter::default()
            },
            Filter {
                unit: Some(format!(" {unit} ")),
                ..Filter::default()
            },
            Filter {
                unit: Some("没有的单位".into()),
                ..Filter::default()
            },
            Filter {
                problem: Some("g2".into()),
                open: true,
                ..Filter::default()
            },
            // searched by SQLite: in a problem's text, a measure, a unit, case aside
            Filter {
                search: Some(" 领导小组 ".into()),
                ..Filter::default()
            },
            Filter {
                search: Some("石泉".into()),
                open: true,
                ..Filter::default()
            },
            Filter {
                search: Some("县 ".into()),
                ..Filter::default()
            },
            Filter {
                search: Some("没有这段话".into()),
                ..Filter::default()
            },
        ];
        let texts = store.search_texts().unwrap();
        for filter in filters {
            let expected: Vec<i64> = filter
                .select(&all, &clock, Some(&texts))
                .iter()
                .map(|t| t.seq)
                .collect();
            let mut chosen = Vec::new();
            store
                .each_problem(&filter, &clock, |p| {
                    let own: Vec<&Task> = all
                        .iter()
                        .filter(|t| t.problem_id == p.problem.id)
                        .collect();
                    assert_eq!(p.summary(&clock), ProblemSummary::of(own, &clock));
                    chosen.extend(p.chosen(&filter, &clock).iter().map(|t| t.seq));
                    Ok(())
                })
                .unwrap();
            assert_eq!(chosen, expected, "{filter:?}");
        }
        // SQLite keeps to the problem's index whatever the condition
        let overdue = Filter {
            overdue: true,
            unit: Some(unit),
            ..Filter::default()
        };
        let units = read::units(&store.conn)
            .unwrap()
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let sql = statement(condition(&overdue, &clock, &units).as_deref());
        let mut plan = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let steps: Vec<String> = plan
            .query_map(rusqlite::params![1, true, 2], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(steps[0].contains("USING INDEX task_problem"), "{steps:?}");
        // the seeded ledger has tasks of each light on this day
        for light in Light::ALL {
            assert!(
                all.iter()
                    .any(|t| clock.light(t.status, t.deadline) == Some(*light)),
                "{light:?}"
            );
        }
    }
}
