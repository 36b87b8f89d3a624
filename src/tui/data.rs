//! What the screen holds of the ledger: problems, the line of each task (`TaskLine`) and units
//! as the worker read them, with the lookups the screen needs (a task by id, the tasks of a
//! problem in number order), the search index over them, and the detail of the selection (the
//! whole task among it). Plain data; no ledger here.

use std::collections::HashMap;

use crate::model::{Event, Inspection, Problem, Progress, Task, TaskLine, Unit};
use crate::search::SearchIndex;

#[derive(Debug, Default)]
pub struct Data {
    pub title: String,
    pub problems: Vec<Problem>,
    pub tasks: Vec<TaskLine>,
    pub units: Vec<Unit>,
    /// The inspection rounds, newest last (the filter offers them when there are several).
    pub inspections: Vec<Inspection>,
    /// The packets (报送表) sent up to today, oldest first: the board's 最近报送.
    pub reports: Vec<crate::exchange::PacketState>,
    /// The ledger's settings, for the help overlay.
    pub settings: Vec<(crate::model::SettingKey, Option<String>)>,
    /// For each problem (by position), the positions of its tasks, in number order.
    pub tasks_of: Vec<Vec<usize>>,
    task_at: Positions,
    problem_at: HashMap<i64, usize>,
}

impl Data {
    /// The data of a load: `tasks` in ledger order.
    pub fn new(
        title: String,
        problems: Vec<Problem>,
        tasks: Vec<TaskLine>,
        units: Vec<Unit>,
    ) -> Data {
        let problem_at: HashMap<i64, usize> = problems
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let mut tasks_of = vec![Vec::new(); problems.len()];
        for (i, task) in tasks.iter().enumerate() {
            if let Some(&p) = problem_at.get(&task.problem_id) {
                tasks_of[p].push(i);
            }
        }
        let task_at = Positions::of(tasks.iter().map(|t| t.id));
        Data {
            title,
            problems,
            tasks,
            units,
            inspections: Vec::new(),
            reports: Vec::new(),
            settings: Vec::new(),
            tasks_of,
            task_at,
            problem_at,
        }
    }

    pub fn task(&self, id: i64) -> Option<&TaskLine> {
        self.task_at.get(id).map(|i| &self.tasks[i])
    }

    pub fn task_position(&self, id: i64) -> Option<usize> {
        self.task_at.get(id)
    }

    /// Where each task is, by id.
    pub fn positions(&self) -> &Positions {
        &self.task_at
    }

    pub fn problem(&self, id: i64) -> Option<&Problem> {
        self.problem_at.get(&id).map(|&i| &self.problems[i])
    }

    pub fn problem_position(&self, id: i64) -> Option<usize> {
        self.problem_at.get(&id).copied()
    }

    /// The tasks of a problem (by id), in number order.
    pub fn tasks_of_problem(&self, id: i64) -> impl Iterator<Item = &TaskLine> {
        self.problem_at
            .get(&id)
            .map(|&p| self.tasks_of[p].as_slice())
            .unwrap_or_default()
            .iter()
            .map(|&t| &self.tasks[t])
    }

    /// Puts a task read again in its place, or adds a new one under its problem (in number
    /// order). Returns its position, or `None` when its problem is not here.
    pub fn put(&mut self, task: TaskLine) -> Option<usize> {
        if let Some(at) = self.task_at.get(task.id) {
            if self.tasks[at].problem_id == task.problem_id {
                self.tasks[at] = task;
                return Some(at);
            }
            return None;
        }
        let p = *self.problem_at.get(&task.problem_id)?;
        let at = self.tasks.len();
        let seq = task.seq;
        self.task_at.insert(task.id, at);
        self.tasks.push(task);
        let list = &mut self.tasks_of[p];
        let i = list.partition_point(|&t| self.tasks[t].seq < seq);
        list.insert(i, at);
        Some(at)
    }
}

/// Where each task (by id) is in `Data::tasks`: pairs sorted by id, found by halving (issue 16:
/// a map took 9 MB at 300,000 tasks, the pairs take 5).
#[derive(Debug, Default, Clone)]
pub struct Positions(Vec<(i64, u32)>);

impl Positions {
    /// The positions of `ids`, in order.
    pub fn of(ids: impl Iterator<Item = i64>) -> Positions {
        let mut pairs: Vec<(i64, u32)> = ids.zip(0..).collect();
        pairs.sort_unstable();
        Positions(pairs)
    }

    pub fn get(&self, id: i64) -> Option<usize> {
        let i = self.0.binary_search_by_key(&id, |&(id, _)| id).ok()?;
        Some(self.0[i].1 as usize)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Puts the task `id` at `position` (a new one).
    fn insert(&mut self, id: i64, position: usize) {
        let i = self.0.partition_point(|&(other, _)| other < id);
        self.0.insert(i, (id, position as u32));
    }
}

/// The search index of what is on screen: task texts by position in `Data::tasks`, problem
/// texts by position in `Data::problems`.
#[derive(Default)]
pub struct Searchable {
    pub tasks: SearchIndex,
    pub problems: Vec<String>,
}

impl std::fmt::Debug for Searchable {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Searchable({} tasks)", self.tasks.len())
    }
}

/// The search index, or the texts of tasks changed while it is being built (put in when it
/// comes).
#[derive(Debug)]
pub enum Search {
    Building { changed: Vec<(i64, String)> },
    Ready(Searchable),
}

impl Search {
    pub fn ready(&self) -> Option<&Searchable> {
        match self {
            Search::Ready(index) => Some(index),
            Search::Building { .. } => None,
        }
    }
}

/// The progress and history of a record, read when the selection comes to it.
#[derive(Debug, Default, Clone)]
pub struct Detail {
    /// The whole task, of a task selected (its line holds less).
    pub task: Option<Task>,
    pub progress: Vec<Progress>,
    pub history: Vec<Event>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids not in ledger order are found by halving, and a task put in later is found too.
    #[test]
    fn positions_find_each_task_by_id() {
        let mut positions = Positions::of([30, 10, 20].into_iter());
        assert_eq!(
            [10, 20, 30, 40].map(|id| positions.get(id)),
            [Some(1), Some(2), Some(0), None]
        );
        positions.insert(15, 3);
        assert_eq!(positions.get(15), Some(3));
        assert_eq!(positions.get(20), Some(2));
        assert_eq!(positions.len(), 4);
    }
}
