//! Packets (报送表): recorded when they are made, with the tasks they list, each task's version
//! and the locked cells as sent; collected back one file at a time, each file one transaction.
//! A row is taken only when it is a task of the packet's unit whose locked cells are what was
//! sent; its progress entry is added unless the ledger has it already (a file collected twice
//! adds nothing); its status move is made only when the task has not moved since the packet
//! was made, and never to 已销号 (only the office closes).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::Store;
use super::insert::insert_progress;
use super::read;
use super::tx::{Patch, Writer};
use crate::date;
use crate::error::{CellProblem, Error, PacketProblem, Result, RowProblem};
use crate::exchange::{Collected, Filled, FilledRow, Locked, Packet, PacketState, Requested};
use crate::model::{Key, Move, Status, check_text, classify_move};

/// What a packet sent: its unit and period, the day it was made and first collected, and each
/// task with its version and locked cells.
struct Sent {
    id: i64,
    uuid: String,
    unit_id: i64,
    unit: String,
    period: String,
    made_on: NaiveDate,
    collected_on: Option<NaiveDate>,
    tasks: HashMap<String, (i64, Locked)>,
}

fn sent(conn: &rusqlite::Connection, uuid: &str) -> Result<Option<Sent>> {
    let head = conn
        .query_row(
            "SELECT p.id, p.unit_id, u.name, p.period, p.made_on, p.collected_on FROM packet p
             JOIN unit u ON u.id = p.unit_id WHERE p.uuid = +?1",
            [uuid],
            |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?),
                    (r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                    read::optional_date(r, 4)?,
                    read::optional_date(r, 5)?,
                ))
            },
        )
        .optional()?;
    let Some(((id, unit_id), (unit, period), Some(made_on), collected_on)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT t.uuid, pt.version, pt.locked FROM packet_task pt
         JOIN task t ON t.id = pt.task_id WHERE pt.packet_id = ?1",
    )?;
    let mut tasks = HashMap::new();
    for row in stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (task, version, locked) = row?;
        let locked: Locked = serde_json::from_str(&locked)
            .map_err(|_| Error::Damaged(format!("packet {uuid}: locked cells")))?;
        tasks.insert(task, (version, locked));
    }
    Ok(Some(Sent {
        id,
        uuid: uuid.to_string(),
        unit_id,
        unit,
        period,
        made_on,
        collected_on,
        tasks,
    }))
}

/// A cell as the comparison reads it: the same text whatever the line ends and the spaces
/// around it (a program that saves the file may change those).
fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace("\r\n", "\n").trim().to_string();
    norm(a) == norm(b)
}

impl Store {
    /// Records `packets` as made today: one transaction, one event each.
    pub fn record_packets(&mut self, packets: &[Packet]) -> Result<()> {
        self.write(|w| {
            for packet in packets {
                record_one(w, packet)?;
            }
            Ok(())
        })
    }

    /// The packets made up to today, oldest first, of one period or of all.
    pub fn packets(&self, period: Option<&str>) -> Result<Vec<PacketState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.unit_id, u.name, p.period, p.made_on, p.due, p.collected_on, p.reporter,
                    (SELECT count(*) FROM packet_task WHERE packet_id = p.id)
             FROM packet p JOIN unit u ON u.id = p.unit_id
             WHERE p.made_on <= ?1 AND (?2 IS NULL OR p.period = ?2)
             ORDER BY p.made_on, p.id",
        )?;
        let today = date::format(self.today);
        let rows = stmt.query_map(params![today, period], |r| {
            let day =
                |i: usize| -> rusqlite::Result<Option<NaiveDate>> { read::optional_date(r, i) };
            Ok(PacketState {
                unit_id: r.get(0)?,
                unit: r.get(1)?,
                period: r.get(2)?,
                made_on: day(3)?.unwrap_or(self.today),
                due: day(4)?,
                // a collection after today has not happened yet, as of today
                collected_on: day(5)?.filter(|d| *d <= self.today),
                reporter: r.get(6)?,
                tasks: r.get::<_, i64>(7)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Collects one filled packet; see the module. With `dry_run` nothing is written.
    pub fn collect(&mut self, filled: &Filled, file: &str, dry_run: bool) -> Result<Collected> {
        let today = self.today.min(super::clock_today());
        let mut out = Collected {
            file: file.to_string(),
            refused: filled.problems.clone(),
            ..Collected::default()
        };
        let refused_rows: HashSet<u32> = filled.problems.iter().map(|p| p.row).collect();
        self.transact(!dry_run, today, |w| {
            // read in the transaction: a collection of the same file beside this one is seen
            let Some(sent) = sent(&w.tx, &filled.packet_uuid)? else {
                return Err(Error::Packet(PacketProblem::OtherLedger));
            };
            (out.unit, out.period) = (sent.unit.clone(), sent.period.clone());
            let mut rows = Rows {
                sent: &sent,
                filled,
                today,
                taken: HashSet::new(),
            };
            let (mut changed, mut sound) = (false, false);
            for row in filled
                .rows
                .iter()
                .filter(|r| !refused_rows.contains(&r.row))
            {
                match rows.take(w, row, &mut out)? {
                    Outcome::Refused => {}
                    Outcome::Empty => {}
                    Outcome::Taken { changed: c } => (changed, sound) = (changed || c, true),
                }
            }
            // a row refused by the reader is still there: only rows gone are missing
            let seen: HashSet<&str> = filled
                .rows
                .iter()
                .filter_map(|r| r.task_uuid.as_deref())
                .collect();
            for uuid in sent.tasks.keys().filter(|u| !seen.contains(u.as_str())) {
                out.missing.push(read::task_by_uuid(&w.tx, uuid)?.seq);
            }
            out.missing.sort_unstable();
            out.refused.sort_by_key(|p| p.row);
            // came back: unless every row with something in it was refused
            let collected = sent.collected_on.is_some();
            if !collected && (sound || out.refused.is_empty()) {
                mark_collected(w, &sent, filled)?;
                changed = true;
            }
            out.again = collected && !changed;
            Ok(())
        })?;
        Ok(out)
    }
}

fn record_one(w: &Writer, packet: &Packet) -> Result<()> {
    let unit = read::unit_by_name(&w.tx, &packet.unit)?;
    w.tx.prepare_cached(
        "INSERT INTO packet (uuid, unit_id, period, due, made_on, made_at, made_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        packet.uuid,
        unit.id,
        packet.period,
        packet.due.map(date::format),
        w.date(),
        w.at(),
        w.actor()
    ])?;
    let id = w.tx.last_insert_rowid();
    let mut insert = w.tx.prepare_cached(
        "INSERT INTO packet_task (packet_id, task_id, place, version, locked)
         VALUES (?1, (SELECT id FROM task WHERE uuid = ?2), ?3, ?4, ?5)",
    )?;
    for (place, row) in packet.rows.iter().enumerate() {
        let locked = serde_json::to_string(&row.locked).map_err(std::io::Error::from)?;
        insert.execute(params![
            id,
            row.task_uuid,
            place as i64 + 1,
            row.version,
            locked
        ])?;
    }
    w.event(
        "packet",
        &packet.uuid,
        "create",
        &[
            ("unit", Value::Null, json!(unit.name)),
            ("period", Value::Null, json!(packet.period)),
            ("due", Value::Null, json!(packet.due.map(date::format))),
            ("tasks", Value::Null, json!(packet.rows.len())),
        ],
    )
}

/// Who filled a packet in, as a name the ledger keeps: one line, not too long; none if blank.
fn reporter(filled: &Filled) -> Option<String> {
    let name: String = filled
        .reporter
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(crate::model::MAX_NAME)
        .collect();
    Some(name).filter(|n| !n.is_empty())
}

/// The collection of a packet: when, by whom, who filled it in.
fn mark_collected(w: &Writer, sent: &Sent, filled: &Filled) -> Result<()> {
    let reporter = reporter(filled);
    w.tx.execute(
        "UPDATE packet SET collected_on = ?1, collected_at = ?2, collected_by = ?3, reporter = ?4
         WHERE id = ?5",
        params![w.date(), w.at(), w.actor(), reporter, sent.id],
    )?;
    w.event(
        "packet",
        &sent.uuid,
        "collect",
        &[
            ("collected_on", Value::Null, json!(w.date())),
            ("collected_by", Value::Null, json!(w.actor())),
            ("reporter", Value::Null, json!(reporter)),
        ],
    )
}

/// What became of a row.
enum Outcome {
    Refused,
    /// Nothing in it to take.
    Empty,
    /// Taken; `changed` when it added to the ledger (not when collected before).
    Taken {
        changed: bool,
    },
}

/// The rows of one filled packet, as they are taken.
struct Rows<'a> {
    sent: &'a Sent,
    filled: &'a Filled,
    today: NaiveDate,
    /// The tasks of the rows taken so far: a row copied in the file is refused.
    taken: HashSet<String>,
}

impl Rows<'_> {
    /// One row: refused, or its progress entry and status move taken.
    fn take(&mut self, w: &Writer, row: &FilledRow, out: &mut Collected) -> Result<Outcome> {
        let (sent, filled) = (self.sent, self.filled);
        let mut refuse = |column: usize, what: CellProblem| {
            let (header, letter) = row.columns.get(column).cloned().unwrap_or_default();
            out.refused.push(RowProblem {
                row: row.row,
                column: letter,
                header,
                what,
            });
            Ok(Outcome::Refused)
        };
        let Some(uuid) = &row.task_uuid else {
            return refuse(0, CellProblem::Added);
        };
        let Some((version, locked)) = sent.tasks.get(uuid) else {
            return refuse(0, CellProblem::NotSent);
        };
        if let Some(i) = (0..locked.len()).find(|&i| !same(&row.locked[i], &locked[i])) {
            let sent = locked[i].clone();
            return refuse(i, CellProblem::Changed { sent });
        }
        if !self.taken.insert(uuid.clone()) {
            return refuse(0, CellProblem::Repeated);
        }
        let asked = match &row.status {
            Requested::Nothing => None,
            Requested::Status(Status::Closed) => {
                return refuse(10, CellProblem::OnlyOfficeCloses);
            }
            Requested::Status(status) => Some(*status),
            Requested::Unknown(text) => return refuse(10, CellProblem::BadStatus(text.clone())),
        };
        let text = row.progress.replace("\r\n", "\n");
        let text = text.trim();
        if text.is_empty() && asked.is_none() {
            return Ok(Outcome::Empty);
        }
        if let Err(problem) = check_text(text, false, true) {
            return refuse(7, CellProblem::BadText(problem));
        }
        // several documents on several lines of the cell: one line of the ledger
        let evidence: Vec<&str> = row
            .evidence
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let evidence = evidence.join("；");
        if let Err(problem) = check_text(&evidence, false, false) {
            return refuse(9, CellProblem::BadText(problem));
        }
        // 进展日期, else 填报日期, else the day it first came back (today the first time), so
        // that a file collected again on another day dates its rows the same
        let day = match row.date.or(filled.filled_on) {
            Some(day) => day,
            None if filled.filled_on_unreadable => return refuse(8, CellProblem::NoDate),
            None => sent.collected_on.unwrap_or(self.today),
        };
        let task = read::task_by_uuid(&w.tx, uuid)?;
        if task.unit_id != sent.unit_id {
            return refuse(0, CellProblem::NoLongerTheirs(task.unit.clone()));
        }
        if day > self.today {
            return refuse(8, CellProblem::FutureDate(date::format(day)));
        }
        if day < task.assigned {
            let what = CellProblem::BeforeAssigned {
                date: date::format(day),
                assigned: date::format(task.assigned),
            };
            return refuse(8, what);
        }
        let mut changed = false;
        if !text.is_empty() && !has_entry(w, task.id, day, text)? {
            let author = reporter(filled).unwrap_or_else(|| sent.unit.clone());
            insert_progress(w, &task, day, text, &evidence, &author)?;
            out.progress += 1;
            changed = true;
        }
        // a status move is asked on the sheet: dated no earlier than the packet that offered it
        let on = day.max(sent.made_on);
        let mut moved = false;
        if let Some(to) = asked.filter(|to| *to != task.status) {
            if classify_move(task.status, to) != Some(Move::Advance) {
                out.not_allowed.push(task.seq);
            } else if task.version != *version {
                out.conflicts.push(task.seq);
            } else {
                set_status(w, &task, to, on)?;
                out.moves.push((task.seq, to.key().to_string()));
                moved = true;
            }
        }
        // the first progress of a task not started moves it, as `progress` does
        if !moved && changed && task.status == Status::NotStarted {
            set_status(w, &task, Status::InProgress, day)?;
            moved = true;
        }
        Ok(Outcome::Taken {
            changed: changed || moved,
        })
    }
}

/// Moves `task` to `to`, dated `day` but never before the task's last change.
fn set_status(w: &Writer, task: &crate::model::Task, to: Status, day: NaiveDate) -> Result<()> {
    let last = super::write::last_change(w, task)?;
    let day = date::format(day);
    let on = last.map_or(day.clone(), |l| l.max(day));
    let mut patch = Patch::default();
    patch.set("status", Sql::Text(to.key().to_string()));
    patch.log("status", json!(task.status.key()), json!(to.key()));
    patch.apply(w, "task", task.id)?;
    w.event_on(&on, "task", &task.uuid, "status", &patch.changes)
}

/// Whether the task has this entry already (a file collected a second time).
fn has_entry(w: &Writer, task_id: i64, day: NaiveDate, text: &str) -> Result<bool> {
    Ok(w.tx
        .prepare_cached("SELECT 1 FROM progress WHERE task_id = ?1 AND date = ?2 AND text = ?3")?
        .query_row(params![task_id, date::format(day), text], |_| Ok(()))
        .optional()?
        .is_some())
}
