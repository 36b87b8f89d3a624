//! The ledger one problem at a time, for the readers that write as they read (`list --json`,
//! the CSV and Markdown sheets): only the problems and units are held, and the tasks of the
//! problem being written, so memory stays flat however many tasks there are (issue 16).
//!
//! As of the present, each problem's tasks come from the index `task_problem`, with their
//! supporting units, latest progress and (for a search) their search text read in the same
//! statement. For an earlier day the ledger is taken back as a whole (`rewind` needs every later
//! change at once), then handed over problem by problem the same way.

use std::collections::HashMap;

use rusqlite::Row;

use super::read::{self, Owner, TASK_COLUMNS, split_list, task_from_row};
use crate::error::Result;
use crate::model::{LatestProgress, Problem, Task};
use crate::search::{SearchTexts, fold};

/// One problem with every task it has today, in number order.
pub struct ProblemTasks<'a> {
    pub problem: &'a Problem,
    pub tasks: &'a [Task],
    /// The latest progress texts of (at least) these tasks.
    pub latest: &'a LatestProgress,
    /// The search texts of (at least) the problem and its tasks, when asked for.
    pub texts: Option<&'a SearchTexts>,
}

/// `TASK_COLUMNS` of one problem's tasks with their supporting units, the text of the latest
/// progress entry and, when `?2` is true, the parts of the search text (`read::TASK_TEXT`).
const PROBLEM_TASKS: &str = "
    (SELECT group_concat(name, char(31)) FROM
         (SELECT su.name FROM task_support s JOIN unit su ON su.id = s.unit_id
          WHERE s.task_id = t.id ORDER BY su.sort_order, su.id)),
    (SELECT text FROM progress WHERE task_id = t.id AND date = t.last_progress_date
     ORDER BY id DESC LIMIT 1),
    CASE WHEN ?2 THEN (SELECT group_concat(su.name, ' ') FROM task_support s
                       JOIN unit su ON su.id = s.unit_id WHERE s.task_id = t.id) END,
    CASE WHEN ?2 THEN (SELECT group_concat(text, char(10)) FROM progress
                       WHERE task_id = t.id) END
    FROM task t WHERE t.problem_id = ?1 ORDER BY t.seq";

/// Where the columns after `TASK_COLUMNS` start.
const AFTER_TASK: usize = 23;

impl super::Store {
    /// Calls `visit` for each problem of the ledger today (of `round` only, when given), in
    /// ledger order, with all its tasks; `search` also reads the texts a search looks through.
    /// One read transaction.
    pub fn each_problem(
        &self,
        round: Option<i64>,
        search: bool,
        mut visit: impl FnMut(ProblemTasks) -> Result<()>,
    ) -> Result<()> {
        read::snapshot(&self.conn, || {
            let mut problems = self.problems()?;
            problems.retain(|p| round.is_none_or(|r| r == p.inspection_id));
            if self.past()?.is_some() {
                return self.each_problem_rewound(&problems, search, &mut visit);
            }
            let units: HashMap<i64, String> = read::units(&self.conn)?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect();
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT {TASK_COLUMNS}, {PROBLEM_TASKS}"))?;
            for problem in &problems {
                let mut tasks = Vec::new();
                let mut latest = LatestProgress::default();
                let mut texts = SearchTexts::default();
                let mut rows = stmt.query(rusqlite::params![problem.id, search])?;
                while let Some(r) = rows.next()? {
                    let task = task_of(r, problem, &units)?;
                    if let Some(text) = r.get::<_, Option<String>>(AFTER_TASK + 1)? {
                        latest.0.insert(task.id, text);
                    }
                    if search {
                        texts.tasks.insert(task.id, search_text(r, &task)?);
                    }
                    tasks.push(task);
                }
                if search {
                    texts.problems.insert(problem.id, problem_text(problem));
                }
                visit(ProblemTasks {
                    problem,
                    tasks: &tasks,
                    latest: &latest,
                    texts: search.then_some(&texts),
                })?;
            }
            Ok(())
        })
    }

    /// `each_problem` for an earlier day: every task taken back at once, then grouped.
    fn each_problem_rewound(
        &self,
        problems: &[Problem],
        search: bool,
        visit: &mut dyn FnMut(ProblemTasks) -> Result<()>,
    ) -> Result<()> {
        let latest = self.latest_progress()?;
        let texts = search.then(|| self.search_texts()).transpose()?;
        let mut by_problem: HashMap<i64, Vec<Task>> = HashMap::new();
        for task in self.tasks()? {
            by_problem.entry(task.problem_id).or_default().push(task);
        }
        for problem in problems {
            let tasks = by_problem.remove(&problem.id).unwrap_or_default();
            visit(ProblemTasks {
                problem,
                tasks: &tasks,
                latest: &latest,
                texts: texts.as_ref(),
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

/// The task's search text as `read::search_texts` makes it: measure, unit, person, supporting
/// units and every progress entry, each followed by a line break, folded.
fn search_text(r: &Row, task: &Task) -> Result<String> {
    let mut text = String::new();
    let own = [Some(task.measure.as_str()), Some(&task.unit), Some(&task.person)];
    let support: Option<String> = r.get(AFTER_TASK + 2)?;
    let progress: Option<String> = r.get(AFTER_TASK + 3)?;
    for part in own
        .into_iter()
        .chain([support.as_deref(), progress.as_deref()])
        .flatten()
    {
        text.push_str(part);
        text.push('\n');
    }
    Ok(fold(&text))
}

/// The problem's search text as `read::search_texts` makes it.
fn problem_text(problem: &Problem) -> String {
    fold(&format!("{}\n{}", problem.title, problem.description))
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    /// Problem by problem, the tasks and texts are those the whole-ledger readers give.
    #[test]
    fn each_problem_gives_what_the_whole_ledger_readers_give() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let mut store = Store::create(&path, "t", true).unwrap();
        store.close_task(3, "已整改", "", None, None).unwrap();
        let all = store.tasks().unwrap();
        let latest = store.latest_progress().unwrap();
        let texts = store.search_texts().unwrap();
        let mut seen = Vec::new();
        store
            .each_problem(None, true, |p| {
                for task in p.tasks {
                    assert_eq!(task.problem_id, p.problem.id);
                    assert_eq!(p.latest.0.get(&task.id), latest.0.get(&task.id));
                    let text = p.texts.unwrap().tasks.get(&task.id);
                    assert_eq!(text, texts.tasks.get(&task.id), "#{}", task.seq);
                }
                let problem_text = p.texts.unwrap().problems.get(&p.problem.id);
                assert_eq!(problem_text, texts.problems.get(&p.problem.id));
                seen.extend(p.tasks.iter().cloned());
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, all);
    }
}
