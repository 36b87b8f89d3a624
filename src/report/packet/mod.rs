//! Packets (报送表): the fill-in sheet of each unit, planned from the ledger as of today
//! (`plan`), written (`write`) and read back when the unit returns it (`read`).

mod read;
mod write;

pub use read::read;
pub use write::write;

use chrono::NaiveDate;

use crate::error::{Error, PacketProblem, Result};
use crate::exchange::{Locked, Packet, PacketRow};
use crate::i18n::Lang;
use crate::model::{LatestProgress, Problem, Task, UnitKind};
use crate::store::Store;

/// The marker the id sheet of a packet begins with, and the version of its layout.
pub const MARKER: &str = "zhenggai-packet";
pub const LAYOUT: &str = "1";

/// Which packets to make.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The units by name; none: every unit with open tasks (of `kind`, when given).
    pub units: Vec<String>,
    pub kind: Option<UnitKind>,
    pub period: String,
    pub due: Option<NaiveDate>,
}

/// The packets of `request`, from the ledger as of today: one per unit with open tasks, each
/// listing them (and the open tasks it supports) with their locked cells as the sheet shows them.
pub fn plan(
    store: &Store,
    lang: Lang,
    request: &Request,
    organisation: &str,
) -> Result<Vec<Packet>> {
    let (tasks, problems, latest, units) =
        store.snapshot(|s| Ok((s.tasks()?, s.problems()?, s.latest_progress()?, s.units()?)))?;
    let named: Vec<String> = request
        .units
        .iter()
        .map(|name| store.unit(name).map(|u| u.name))
        .collect::<Result<_>>()?;
    let problem = |id: i64| problems.iter().find(|p| p.id == id);
    let open: Vec<&Task> = tasks.iter().filter(|t| !t.status.is_closed()).collect();
    let mut packets = Vec::new();
    for unit in &units {
        let chosen = if named.is_empty() {
            request.kind.is_none_or(|k| k == unit.kind)
        } else {
            named.contains(&unit.name)
        };
        if !chosen {
            continue;
        }
        let own: Vec<&Task> = open
            .iter()
            .copied()
            .filter(|t| t.unit_id == unit.id)
            .collect();
        if own.is_empty() {
            continue;
        }
        let row = |n: usize, t: &Task| PacketRow {
            task_uuid: t.uuid.clone(),
            version: t.version,
            locked: locked(lang, n, t, problem(t.problem_id), &latest),
            owner: t.unit.clone(),
        };
        packets.push(Packet {
            uuid: uuid::Uuid::new_v4().to_string(),
            unit: unit.name.clone(),
            period: request.period.clone(),
            due: request.due,
            organisation: organisation.to_string(),
            made_on: store.today(),
            rows: own.iter().enumerate().map(|(n, t)| row(n + 1, t)).collect(),
            supporting: open
                .iter()
                .filter(|t| t.support_units.contains(&unit.name))
                .enumerate()
                .map(|(n, t)| row(n + 1, t))
                .collect(),
        });
    }
    if packets.is_empty() {
        return Err(Error::Packet(PacketProblem::NothingToSend));
    }
    Ok(packets)
}

/// The cells of a task the unit reads and may not change.
fn locked(
    lang: Lang,
    number: usize,
    task: &Task,
    problem: Option<&Problem>,
    latest: &LatestProgress,
) -> Locked {
    [
        number.to_string(),
        task.problem_code.clone(),
        problem.map(|p| p.title.clone()).unwrap_or_default(),
        task.measure.clone(),
        lang.deadline_full(task),
        lang.status(task.status).to_string(),
        latest.of(task).map(|p| p.line()).unwrap_or_default(),
    ]
}
