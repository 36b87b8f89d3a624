//! What is counted from the tasks: tallies, ranks, the derived state of a problem, the unit board.

use std::collections::HashMap;

use chrono::NaiveDate;

use serde::Serialize;

use super::{Clock, Light, Status, Task, TaskFacts, Unit};

/// Counts of tasks by status, with the overdue count; the base of completion rates and ranks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub tasks: u32,
    pub closed: u32,
    pub submitted: u32,
    pub in_progress: u32,
    pub not_started: u32,
    pub ongoing: u32,
    pub overdue: u32,
    /// Tasks whose deadline an extension moved (延期).
    pub extended: u32,
    /// Tasks closed no later than the deadline first given (按期完成).
    pub on_time: u32,
}

impl Tally {
    pub fn add(&mut self, status: Status, overdue: bool) {
        self.add_many(status, 1, u32::from(overdue));
    }

    /// Adds one task as of `clock`: its status, whether it is overdue, extended, on time.
    pub fn add_task(&mut self, task: &impl TaskFacts, clock: &Clock) {
        self.add(
            task.status(),
            clock.is_overdue(task.status(), task.deadline()),
        );
        self.extended += u32::from(task.is_extended());
        self.on_time += u32::from(task.closed_on_time());
    }

    /// Adds `count` tasks of one status, `overdue` of them overdue.
    pub fn add_many(&mut self, status: Status, count: u32, overdue: u32) {
        self.tasks += count;
        match status {
            Status::Closed => self.closed += count,
            Status::Submitted => self.submitted += count,
            Status::InProgress => self.in_progress += count,
            Status::NotStarted => self.not_started += count,
            Status::Ongoing => self.ongoing += count,
        }
        self.overdue += overdue;
    }

    pub fn merge(&mut self, other: &Tally) {
        self.tasks += other.tasks;
        self.closed += other.closed;
        self.submitted += other.submitted;
        self.in_progress += other.in_progress;
        self.not_started += other.not_started;
        self.ongoing += other.ongoing;
        self.overdue += other.overdue;
        self.extended += other.extended;
        self.on_time += other.on_time;
    }

    /// The tally of some tasks as of `clock`.
    pub fn of<'a, T: TaskFacts + 'a>(
        tasks: impl IntoIterator<Item = &'a T>,
        clock: &Clock,
    ) -> Tally {
        let mut tally = Tally::default();
        for t in tasks {
            tally.add_task(t, clock);
        }
        tally
    }

    /// 完成率 = closed / all tasks; `None` when there are no tasks.
    pub fn completion_rate(&self) -> Option<f64> {
        (self.tasks > 0).then(|| f64::from(self.closed) / f64::from(self.tasks))
    }

    /// 按期完成率 = closed by the deadline first given / all tasks; `None` without tasks.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.tasks > 0).then(|| f64::from(self.on_time) / f64::from(self.tasks))
    }

    /// Tasks not closed yet (未销号).
    pub fn open(&self) -> u32 {
        self.tasks - self.closed
    }
}

/// Ranks (1 = best) by completion rate, then fewer overdue; equal keys share a rank (1, 1, 3).
/// Entries without tasks get no rank.
pub fn rank(tallies: &[Tally]) -> Vec<Option<u32>> {
    let key = |t: &Tally| t.completion_rate().map(|rate| (rate, t.overdue));
    let better = |a: (f64, u32), b: (f64, u32)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    tallies
        .iter()
        .map(|t| {
            let mine = key(t)?;
            let ahead = tallies
                .iter()
                .filter_map(key)
                .filter(|&other| better(other, mine))
                .count();
            Some(ahead as u32 + 1)
        })
        .collect()
}

/// The state of a problem, derived from its tasks and never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemState {
    /// No task yet (未分解).
    Unassigned,
    NotStarted,
    InProgress,
    Submitted,
    Ongoing,
    Closed,
}

/// How far along a status is, for the state of a problem: the least advanced task decides.
fn advance(status: Status) -> u8 {
    match status {
        Status::NotStarted => 0,
        Status::InProgress => 1,
        Status::Submitted => 2,
        Status::Ongoing => 3,
        Status::Closed => 4,
    }
}

/// The least advanced task decides, except that a problem with any work done is in progress.
pub fn problem_state(statuses: &[Status]) -> ProblemState {
    let Some(least) = statuses.iter().copied().min_by_key(|s| advance(*s)) else {
        return ProblemState::Unassigned;
    };
    match least {
        Status::NotStarted if statuses.iter().any(|s| *s != Status::NotStarted) => {
            ProblemState::InProgress
        }
        Status::NotStarted => ProblemState::NotStarted,
        Status::InProgress => ProblemState::InProgress,
        Status::Submitted => ProblemState::Submitted,
        Status::Ongoing => ProblemState::Ongoing,
        Status::Closed => ProblemState::Closed,
    }
}

/// What a problem row says of its tasks: closed of all, the worst light, the derived state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProblemSummary {
    pub closed: u32,
    pub total: u32,
    pub light: Option<Light>,
    pub state: ProblemState,
}

impl ProblemSummary {
    pub fn of<'a, T: TaskFacts + 'a>(
        tasks: impl IntoIterator<Item = &'a T>,
        clock: &Clock,
    ) -> ProblemSummary {
        ProblemSummary::of_statuses(tasks.into_iter().map(|t| (t.status(), t.deadline())), clock)
    }

    /// The same from each task's status and deadline alone.
    pub fn of_statuses(
        tasks: impl IntoIterator<Item = (Status, Option<NaiveDate>)>,
        clock: &Clock,
    ) -> ProblemSummary {
        let statuses: Vec<(Status, Option<Light>)> = tasks
            .into_iter()
            .map(|(status, deadline)| (status, clock.light(status, deadline)))
            .collect();
        let only: Vec<Status> = statuses.iter().map(|(s, _)| *s).collect();
        ProblemSummary {
            closed: only.iter().filter(|s| s.is_closed()).count() as u32,
            total: only.len() as u32,
            light: worst_light(statuses.iter().map(|(_, l)| *l)),
            state: problem_state(&only),
        }
    }
}

/// Tasks by the id of their problem, each group in the order given: one pass, where looking up
/// each problem's tasks among all would cost problems × tasks.
pub fn by_problem<'a>(tasks: impl IntoIterator<Item = &'a Task>) -> HashMap<i64, Vec<&'a Task>> {
    let mut groups: HashMap<i64, Vec<&'a Task>> = Default::default();
    for task in tasks {
        groups.entry(task.problem_id).or_default().push(task);
    }
    groups
}

/// The worst light among tasks (红 over 黄 over 绿).
pub fn worst_light(lights: impl IntoIterator<Item = Option<Light>>) -> Option<Light> {
    lights.into_iter().flatten().max()
}

/// One unit's line of the unit board (单位统计).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStats {
    pub unit: Unit,
    pub tally: Tally,
    pub rank: Option<u32>,
}

/// Totals and one line per unit, best first: by rank, then in the units' own order. Units with
/// no task are listed last (no rank); deactivated units only while they have tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub total: Tally,
    pub units: Vec<UnitStats>,
}

impl Stats {
    /// From the tasks themselves.
    pub fn build<'a, T: TaskFacts + 'a>(
        units: &[Unit],
        tasks: impl IntoIterator<Item = &'a T>,
        clock: &Clock,
    ) -> Stats {
        let mut by_unit: HashMap<i64, Tally> = Default::default();
        for task in tasks {
            by_unit
                .entry(task.unit_id())
                .or_default()
                .add_task(task, clock);
        }
        Stats::from_tallies(units, &by_unit)
    }

    /// From each unit's tally (by unit id), as the store counts them for a whole ledger.
    pub fn from_tallies(units: &[Unit], by_unit: &HashMap<i64, Tally>) -> Stats {
        let mut total = Tally::default();
        for tally in by_unit.values() {
            total.merge(tally);
        }
        let listed: Vec<(&Unit, Tally)> = units
            .iter()
            .map(|u| (u, by_unit.get(&u.id).copied().unwrap_or_default()))
            .filter(|(u, tally)| u.active || tally.tasks > 0)
            .collect();
        let tallies: Vec<Tally> = listed.iter().map(|(_, t)| *t).collect();
        let mut lines: Vec<UnitStats> = listed
            .into_iter()
            .zip(rank(&tallies))
            .map(|((unit, tally), rank)| UnitStats {
                unit: unit.clone(),
                tally,
                rank,
            })
            .collect();
        // stable: equal ranks keep the units' own order
        lines.sort_by_key(|line| line.rank.unwrap_or(u32::MAX));
        Stats {
            total,
            units: lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_and_rank() {
        let mut a = Tally::default();
        a.add(Status::Closed, false);
        a.add(Status::InProgress, true);
        let mut b = Tally::default();
        b.add(Status::Closed, false);
        b.add(Status::NotStarted, false);
        let mut c = Tally::default();
        c.add(Status::Closed, false);
        let empty = Tally::default();
        assert_eq!(a.completion_rate(), Some(0.5));
        assert_eq!(empty.completion_rate(), None);
        assert_eq!(a.open(), 1);
        // c: 100%; b: 50% no overdue; a: 50% one overdue
        assert_eq!(
            rank(&[a, b, c, empty]),
            vec![Some(3), Some(2), Some(1), None]
        );
        assert_eq!(rank(&[b, b]), vec![Some(1), Some(1)]);
    }

    #[test]
    fn problem_state_is_derived() {
        use Status::*;
        assert_eq!(problem_state(&[]), ProblemState::Unassigned);
        assert_eq!(
            problem_state(&[NotStarted, NotStarted]),
            ProblemState::NotStarted
        );
        assert_eq!(
            problem_state(&[NotStarted, Closed]),
            ProblemState::InProgress
        );
        assert_eq!(problem_state(&[Submitted, Closed]), ProblemState::Submitted);
        assert_eq!(problem_state(&[Closed, Closed]), ProblemState::Closed);
        assert_eq!(
            worst_light([Some(Light::Green), None, Some(Light::Red)]),
            Some(Light::Red)
        );
        assert_eq!(worst_light([None, None]), None);
    }
}
