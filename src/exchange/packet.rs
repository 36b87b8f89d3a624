//! A packet (报送表): the fill-in sheet of one unit for one period, as the store hands it to the
//! writer (`report::packet`) and as the reader finds it filled in again. Plain data.

use chrono::NaiveDate;
use serde::Serialize;

/// The cells of a task the unit reads but may not change, in the sheet's order: 序号, 问题编号,
/// 反馈问题, 整改措施, 整改时限, 当前状态, 上次进展.
pub type Locked = [String; 7];

/// A packet as it is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Packet {
    pub uuid: String,
    pub unit: String,
    pub period: String,
    pub due: Option<NaiveDate>,
    /// The organisation that sends it (a ledger setting), and the day it was made.
    pub organisation: String,
    pub made_on: NaiveDate,
    /// The unit's own open tasks.
    pub rows: Vec<PacketRow>,
    /// Open tasks the unit supports (配合任务): listed, not to be filled in.
    pub supporting: Vec<PacketRow>,
}

/// One task of a packet.
#[derive(Debug, Clone, PartialEq)]
pub struct PacketRow {
    pub task_uuid: String,
    pub version: i64,
    pub locked: Locked,
    /// For 配合任务: the responsible unit.
    pub owner: String,
}

/// A packet as it came back: what the reader found, cell by cell, before the store checks it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filled {
    pub packet_uuid: String,
    /// 填报人, 联系电话, 单位负责人, 填报日期 (as written).
    pub reporter: String,
    pub phone: String,
    pub signer: String,
    pub filled_on: Option<NaiveDate>,
    /// 填报日期 was written but is not a date: rows without 进展日期 have no date to take.
    pub filled_on_unreadable: bool,
    pub rows: Vec<FilledRow>,
    /// Problems the reader found with the sheet's own cells (a date that is not a date).
    pub problems: Vec<crate::error::RowProblem>,
}

/// One filled row, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledRow {
    /// The row in the sheet (1-based, as Excel numbers it).
    pub row: u32,
    /// The task it was sent for (a hidden cell); none for a row the unit added.
    pub task_uuid: Option<String>,
    pub locked: Locked,
    pub progress: String,
    pub date: Option<NaiveDate>,
    pub evidence: String,
    /// 申请状态, as the reader understood it.
    pub status: Requested,
    /// The header of each locked column, and its letter, to name a changed cell.
    pub columns: Vec<(String, String)>,
}

/// The status a row asks for (申请状态).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requested {
    Nothing,
    Status(crate::model::Status),
    /// Written as something the ledger does not know.
    Unknown(String),
}

/// A packet as `reports` lists it: sent to whom for which period, when, and whether it came
/// back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PacketState {
    #[serde(skip)]
    pub unit_id: i64,
    pub unit: String,
    pub period: String,
    pub made_on: NaiveDate,
    pub due: Option<NaiveDate>,
    pub collected_on: Option<NaiveDate>,
    pub reporter: Option<String>,
    pub tasks: usize,
}

/// Each unit's newest packet of `all` (oldest first, as `Store::packets` lists them), in the
/// order units first got one. A packet made again for a period whose earlier packet already
/// came back (the office sent a corrected sheet) counts as come back.
pub fn latest_per_unit(all: &[PacketState]) -> Vec<PacketState> {
    let mut latest: Vec<PacketState> = Vec::new();
    for p in all {
        match latest.iter_mut().find(|q| q.unit_id == p.unit_id) {
            Some(q) => {
                let earlier = std::mem::replace(q, p.clone());
                if q.collected_on.is_none() && earlier.period == q.period {
                    q.collected_on = earlier.collected_on;
                    q.reporter = earlier.reporter;
                }
            }
            None => latest.push(p.clone()),
        }
    }
    latest
}

/// What the collection of one file did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Collected {
    /// The file it came from (`--json` names it beside this record).
    #[serde(skip)]
    pub file: String,
    pub unit: String,
    pub period: String,
    pub progress: usize,
    /// Status moves asked and made, by status key.
    pub moves: Vec<(i64, String)>,
    /// Status moves refused: the task moved since the packet was made (its entry was taken).
    pub conflicts: Vec<i64>,
    /// Status moves asked that the task's status does not allow (长期坚持 → 待销号; its entry
    /// was taken).
    pub not_allowed: Vec<i64>,
    /// Rows refused, each with why (the command line writes them in words).
    #[serde(skip)]
    pub refused: Vec<crate::error::RowProblem>,
    /// Tasks of the packet the file no longer has.
    pub missing: Vec<i64>,
    /// True when the file had been collected before and brought nothing new.
    pub again: bool,
}
