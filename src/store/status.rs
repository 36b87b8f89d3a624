//! The moves of a task's status and what is recorded with them: progress (进展), 销号 and
//! reopening (回头看) or returning (退回). Each is one write.

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use super::Store;
use super::insert::{checked, insert_progress};
use super::read;
use super::request::NewProgress;
use super::tx::{Patch, Writer, opt_json};
use super::write::{check_in_order, check_version};
use crate::date;
use crate::error::{Error, Field, Result};
use crate::model::{Key, Move, Status, Task, classify_move};

/// The fields a close sets and a reopen clears; the log keeps their earlier values.
const CLOSE_FIELDS: [&str; 5] = [
    "closed_on",
    "closed_at",
    "closed_by",
    "close_note",
    "close_evidence",
];

/// Moves a task to a new status, logging the move; `extra` adds the fields that go with it.
fn move_task(w: &Writer, task: &Task, to: Status, action: &str, mut patch: Patch) -> Result<()> {
    check_in_order(w, task)?;
    patch.set("status", Sql::Text(to.key().to_string()));
    patch.log("status", json!(task.status.key()), json!(to.key()));
    patch.apply(w, "task", task.id)?;
    w.event("task", &task.uuid, action, &patch.changes)
}

/// The fields a close on `on` (a stored date) sets; a reopen clears them again.
pub(super) fn close_patch(w: &Writer, task: &Task, on: &str, note: &str, evidence: &str) -> Patch {
    let mut patch = Patch::default();
    let olds = [
        &task.closed_on.map(date::format),
        &task.closed_at,
        &task.closed_by,
        &task.close_note,
        &task.close_evidence,
    ];
    let news = [on, w.at(), w.actor(), note, evidence];
    for ((column, old), new) in CLOSE_FIELDS.into_iter().zip(olds).zip(news) {
        // an empty evidence is no evidence: stored as NULL, and not logged as a change
        let new = (!new.is_empty()).then(|| new.to_string());
        if *old != new {
            patch.set(column, new.clone().map_or(Sql::Null, Sql::Text));
            patch.log(column, opt_json(old), opt_json(&new));
        }
    }
    patch
}

impl Store {
    /// Appends a progress entry (进展). A task not yet started moves to 整改中 unless another
    /// status is given; the status may only advance (see `model::classify_move`).
    pub fn add_progress(
        &mut self,
        seq: i64,
        new: NewProgress,
        today: NaiveDate,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let text = checked(Field::ProgressText, &new.text, true, true)?;
        let evidence = checked(Field::Evidence, &new.evidence, false, false)?;
        if new.date > today {
            return Err(Error::FutureProgress(date::format(new.date)));
        }
        self.write_on(new.date, |w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            if new.date < task.assigned {
                return Err(Error::BeforeAssigned {
                    seq,
                    date: date::format(new.date),
                    assigned: date::format(task.assigned),
                });
            }
            let target = match new.status {
                Some(to) if to == task.status => None,
                Some(to) => match classify_move(task.status, to) {
                    Some(Move::Advance) => Some(to),
                    Some(other) => {
                        return Err(Error::WrongCommand {
                            seq,
                            to,
                            command: if other == Move::Close {
                                "close"
                            } else {
                                "reopen"
                            },
                        });
                    }
                    None => {
                        return Err(Error::ForbiddenMove {
                            seq,
                            from: task.status,
                            to,
                        });
                    }
                },
                None if task.status == Status::NotStarted => Some(Status::InProgress),
                None => None,
            };
            insert_progress(w, &task, new.date, &text, &evidence, w.actor())?;
            if let Some(to) = target {
                move_task(w, &task, to, "status", Patch::default())?;
            }
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// 销号: closes a task with a note on `on` (today when `None`); records the verifier (the
    /// actor) and the time of recording.
    pub fn close_task(
        &mut self,
        seq: i64,
        note: &str,
        evidence: &str,
        on: Option<NaiveDate>,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let note = checked(Field::Note, note, true, true)?;
        let evidence = checked(Field::Evidence, evidence, false, false)?;
        self.write_on(on.unwrap_or(self.today), |w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            close_one(w, &task, &note, &evidence)?;
            read::task_by_seq(&w.tx, seq)
        })
    }

    /// 销号 of every task of a problem that is not closed yet, on `on`; returns their numbers.
    pub fn close_problem(
        &mut self,
        code: &str,
        note: &str,
        evidence: &str,
        on: Option<NaiveDate>,
    ) -> Result<Vec<i64>> {
        let note = checked(Field::Note, note, true, true)?;
        let evidence = checked(Field::Evidence, evidence, false, false)?;
        let round = self.round;
        self.write_on(on.unwrap_or(self.today), |w| {
            let problem = read::problem_by_code(&w.tx, code, round)?;
            let open: Vec<Task> = read::tasks_of_problem(&w.tx, problem.id)?
                .into_iter()
                .filter(|t| !t.status.is_closed())
                .collect();
            if open.is_empty() {
                return Err(Error::NothingToClose(problem.code));
            }
            for task in &open {
                close_one(w, task, &note, &evidence)?;
            }
            Ok(open.iter().map(|t| t.seq).collect())
        })
    }

    /// 销号 of the tasks `seqs`, all or none (the open tasks a problem row shows). With
    /// `expected_version`, the one task given must still be at that version.
    pub fn close_tasks(
        &mut self,
        seqs: &[i64],
        note: &str,
        evidence: &str,
        on: Option<NaiveDate>,
        expected_version: Option<i64>,
    ) -> Result<Vec<Task>> {
        let note = checked(Field::Note, note, true, true)?;
        let evidence = checked(Field::Evidence, evidence, false, false)?;
        self.write_on(on.unwrap_or(self.today), |w| {
            let mut closed = Vec::new();
            for &seq in seqs {
                let task = read::task_by_seq(&w.tx, seq)?;
                if seqs.len() == 1 {
                    check_version(&task, expected_version)?;
                }
                close_one(w, &task, &note, &evidence)?;
                closed.push(read::task_by_seq(&w.tx, seq)?);
            }
            Ok(closed)
        })
    }

    /// 回头看 (closed → 整改中) or 退回 (待销号 → 整改中), with a reason, on `on` (today when
    /// `None`).
    pub fn reopen(
        &mut self,
        seq: i64,
        reason: &str,
        on: Option<NaiveDate>,
        expected_version: Option<i64>,
    ) -> Result<Task> {
        let reason = checked(Field::Reason, reason, true, true)?;
        self.write_on(on.unwrap_or(self.today), |w| {
            let task = read::task_by_seq(&w.tx, seq)?;
            check_version(&task, expected_version)?;
            let action = match classify_move(task.status, Status::InProgress) {
                Some(Move::Reopen) => "reopen",
                Some(Move::Return) => "return",
                _ => {
                    return Err(Error::NotReopenable {
                        seq,
                        status: task.status,
                    });
                }
            };
            let mut patch = Patch::default();
            let olds = [
                &task.closed_on.map(date::format),
                &task.closed_at,
                &task.closed_by,
                &task.close_note,
                &task.close_evidence,
            ];
            for (column, old) in CLOSE_FIELDS.into_iter().zip(olds) {
                if old.is_some() {
                    patch.set(column, Sql::Null);
                    patch.log(column, opt_json(old), Value::Null);
                }
            }
            patch.set("reopen_reason", Sql::Text(reason.clone()));
            patch.log(
                "reopen_reason",
                opt_json(&task.reopen_reason),
                json!(reason),
            );
            move_task(w, &task, Status::InProgress, action, patch)?;
            read::task_by_seq(&w.tx, seq)
        })
    }
}

fn close_one(w: &Writer, task: &Task, note: &str, evidence: &str) -> Result<()> {
    match classify_move(task.status, Status::Closed) {
        Some(Move::Close) => {
            let patch = close_patch(w, task, w.date(), note, evidence);
            move_task(w, task, Status::Closed, "close", patch)
        }
        _ if task.status.is_closed() => Err(Error::AlreadyClosed(task.seq)),
        _ => Err(Error::ForbiddenMove {
            seq: task.seq,
            from: task.status,
            to: Status::Closed,
        }),
    }
}
