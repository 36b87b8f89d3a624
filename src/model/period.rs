//! 本期变化: what changed between two meetings, the period after day `since` up to and including
//! day `until` — exactly what tells the sheet as of `until` from the sheet as of `since`. The
//! store reads the ledger at both ends and the changes dated in between; what they mean is
//! worked out here.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Clock, Status, Task, Unit};

/// A change of a task's status, as the log dates it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusMove {
    pub seq: i64,
    pub unit: String,
    pub date: NaiveDate,
    /// `status`, `close`, `reopen`, `return` (or `import`).
    pub action: String,
    pub from: Option<Status>,
    pub to: Status,
    /// The reason of a reopen or a return, the note of a close.
    pub reason: Option<String>,
}

/// A change of a task's deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineMove {
    pub seq: i64,
    pub unit: String,
    pub date: NaiveDate,
    /// None: 长期坚持, kept up without a deadline.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// An extension (延期); else a correction.
    pub extension: bool,
}

/// What a progress entry of the period says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reported {
    pub date: NaiveDate,
    pub text: String,
    pub evidence: String,
    pub author: String,
}

/// A progress entry of the period, with the task it is of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodEntry {
    pub seq: i64,
    pub unit: String,
    #[serde(flatten)]
    pub entry: Reported,
}

/// What the store reads for a period: the tasks as they stood at its two ends, the moves and
/// progress entries dated in it.
pub struct PeriodInput<'a> {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub warn_days: u32,
    pub before: &'a [Task],
    pub after: &'a [Task],
    pub moves: Vec<StatusMove>,
    pub deadlines: Vec<DeadlineMove>,
    /// Entries dated in the period, with the task each is of (by id), in date order.
    pub progress: Vec<(i64, Reported)>,
    pub units: &'a [Unit],
    /// Units whose packet (报送表) came back in the period, by id: they reported, even with
    /// nothing new to enter.
    pub returned: HashSet<i64>,
    /// The tasks to report on (a filter's choice), by id; all when `None`.
    pub only: Option<&'a HashSet<i64>>,
}

/// One unit's part of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitPeriod {
    pub unit: String,
    /// Progress entries of its tasks dated in the period.
    pub entries: u32,
    /// Its tasks open at the end of the period.
    pub open_tasks: u32,
}

/// 本期变化.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Tasks assigned in the period (as they stand at its end).
    #[serde(skip)]
    pub added: Vec<Task>,
    pub moves: Vec<StatusMove>,
    pub deadlines: Vec<DeadlineMove>,
    /// Tasks overdue at the end of the period that were not at its start.
    #[serde(skip)]
    pub became_overdue: Vec<Task>,
    pub progress: Vec<PeriodEntry>,
    pub units: Vec<UnitPeriod>,
    /// 未报送: units with open tasks at the end of the period that recorded nothing in it and
    /// sent no packet back.
    pub not_reported: Vec<String>,
}

impl Period {
    pub fn build(input: PeriodInput) -> Period {
        let shown = |task: &Task| input.only.is_none_or(|only| only.contains(&task.id));
        // the numbers of the tasks shown, when a filter chose some (else every move is shown)
        let seqs_shown: Option<HashSet<i64>> = input.only.map(|_| {
            input
                .after
                .iter()
                .filter(|t| shown(t))
                .map(|t| t.seq)
                .collect()
        });
        let seq_shown = |seq: i64| seqs_shown.as_ref().is_none_or(|s| s.contains(&seq));
        let start = Clock {
            today: input.since,
            warn_days: input.warn_days,
        };
        let end = Clock {
            today: input.until,
            ..start
        };
        // each task at the end with itself at the start, if it was there: the tasks at the start
        // are those at the end less the ones assigned since, in the same order
        let mut starts = input.before.iter().peekable();
        let mut added = Vec::new();
        let mut became_overdue = Vec::new();
        for task in input.after {
            let old = starts.next_if(|old| old.id == task.id);
            if !shown(task) {
                continue;
            }
            if old.is_none() {
                added.push(task.clone());
            }
            let was_overdue = old.is_some_and(|old| start.is_overdue(old.status, old.deadline));
            if end.is_overdue(task.status, task.deadline) && !was_overdue {
                became_overdue.push(task.clone());
            }
        }
        let task_ids: HashMap<i64, &Task> = input.after.iter().map(|t| (t.id, t)).collect();
        let mut entries: HashMap<i64, u32> = HashMap::new();
        let mut progress = Vec::new();
        for (task, entry) in input.progress {
            let Some(t) = task_ids.get(&task).filter(|t| shown(t)) else {
                continue;
            };
            *entries.entry(t.unit_id).or_default() += 1;
            progress.push(PeriodEntry {
                seq: t.seq,
                unit: t.unit.clone(),
                entry,
            });
        }
        let mut open: HashMap<i64, u32> = HashMap::new();
        for task in input
            .after
            .iter()
            .filter(|t| shown(t) && !t.status.is_closed())
        {
            *open.entry(task.unit_id).or_default() += 1;
        }
        let units: Vec<UnitPeriod> = input
            .units
            .iter()
            .filter(|u| entries.contains_key(&u.id) || open.contains_key(&u.id))
            .map(|u| UnitPeriod {
                unit: u.name.clone(),
                entries: entries.get(&u.id).copied().unwrap_or(0),
                open_tasks: open.get(&u.id).copied().unwrap_or(0),
            })
            .collect();
        let not_reported = input
            .units
            .iter()
            .filter(|u| open.contains_key(&u.id) && !entries.contains_key(&u.id))
            .filter(|u| !input.returned.contains(&u.id))
            .map(|u| u.name.clone())
            .collect();
        Period {
            since: input.since,
            until: input.until,
            added,
            moves: input
                .moves
                .into_iter()
                .filter(|m| seq_shown(m.seq))
                .collect(),
            deadlines: input
                .deadlines
                .into_iter()
                .filter(|m| seq_shown(m.seq))
                .collect(),
            became_overdue,
            progress,
            units,
            not_reported,
        }
    }

    /// The counts of the period in the order `changes` prints them: added, closed, reopened,
    /// returned, deadlines changed, became overdue, progress entries, units not reported.
    pub fn counts(&self) -> [usize; 8] {
        [
            self.added.len(),
            self.closed(),
            self.count("reopen"),
            self.count("return"),
            self.deadlines.len(),
            self.became_overdue.len(),
            self.progress.len(),
            self.not_reported.len(),
        ]
    }

    /// How many tasks were closed in the period (by `close`, or by an import of a close).
    pub fn closed(&self) -> usize {
        self.moves.iter().filter(|m| m.to == Status::Closed).count()
    }

    /// How many moves of the period were made by `action`.
    pub fn count(&self, action: &str) -> usize {
        self.moves.iter().filter(|m| m.action == action).count()
    }
}
