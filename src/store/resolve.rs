//! What a reference typed by a person points at: a problem code (`G1`), a task number (`12`,
//! `#12`) or a uuid prefix of either.

use super::Store;
use super::read::{parse_seq, problem_by_code, task_by_seq};
use crate::error::{Error, Result};
use crate::model::{Problem, Task};

/// What a reference typed by a person (`G1`, `12`, `#12`, a uuid prefix) points at.
#[derive(Debug, Clone)]
pub enum Ref {
    Problem(Problem),
    Task(Box<Task>),
}

impl Store {
    /// Resolves a reference: a problem code, a task number (`12`, `#12`), or a uuid prefix of a
    /// problem or task (at least 4 characters).
    pub fn resolve(&self, text: &str) -> Result<Ref> {
        let text = text.trim();
        // a task number first: no problem code may look like one, and a ledger that holds one
        // anyway (from before the rule) must never send `close 5` to that problem
        if let Some(seq) = parse_seq(text) {
            return Ok(Ref::Task(Box::new(
                self.as_of_today(task_by_seq(&self.conn, seq)?)?,
            )));
        }
        match problem_by_code(&self.conn, text, self.round) {
            Ok(problem) => return Ok(Ref::Problem(problem)),
            Err(Error::UnknownProblem(_)) => {}
            // a code several rounds have: a reader is shown the one of the newest round the
            // ledger held today (the command line says so)
            Err(Error::AmbiguousProblem { rounds, .. }) => {
                let all = super::read::inspections(&self.conn)?;
                let having: Vec<i64> = rounds
                    .iter()
                    .filter_map(|r| all.get(r.number - 1).map(|i| i.id))
                    .collect();
                let mut then = self.inspections()?;
                then.retain(|i| having.contains(&i.id));
                let Some(newest) = super::rounds::newest(&then) else {
                    return Err(Error::UnknownProblem(text.to_string()));
                };
                return Ok(Ref::Problem(problem_by_code(
                    &self.conn,
                    text,
                    Some(newest.id),
                )?));
            }
            Err(other) => return Err(other),
        }
        if text.len() < 4 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::UnknownRef(text.to_string()));
        }
        let pattern = format!("{}%", text.to_ascii_lowercase());
        let mut stmt = self.conn.prepare_cached(
            "SELECT 'problem', code FROM problem WHERE uuid LIKE ?1
             UNION ALL SELECT 'task', CAST(seq AS TEXT) FROM task WHERE uuid LIKE ?1 LIMIT 2",
        )?;
        let found: Vec<(String, String)> = stmt
            .query_map([pattern], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        match found.as_slice() {
            [] => Err(Error::UnknownRef(text.to_string())),
            [(kind, key)] if kind == "problem" => Ok(Ref::Problem(self.problem(key)?)),
            [(_, key)] => Ok(Ref::Task(Box::new(self.task(key)?))),
            _ => Err(Error::AmbiguousRef(text.to_string())),
        }
    }
}
