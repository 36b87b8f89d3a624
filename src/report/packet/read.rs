//! A packet as it came back, read whatever program saved it: the id sheet is found by its
//! marker among all sheets, the table by its header (in either language) on any sheet, each
//! column by its name; cells are read by type (a date may come back as a date cell, an Excel
//! serial number or text). What a row says is checked against the ledger by the store.

use chrono::NaiveDate;

use super::MARKER;
use crate::error::{CellProblem, Error, PacketProblem, Result, RowProblem, SheetInProblem};
use crate::exchange::{Filled, FilledRow, Locked, Requested};
use crate::i18n::Lang;
use crate::model::Status;
use crate::report::sheet_in::grid::{self, Cell, Grid, column_name};
use crate::report::sheet_in::values;

/// Where the table's columns are: by the order of `Lang::packet_columns`.
struct Table {
    header_row: usize,
    /// The column of each named header, when the sheet has it.
    at: [Option<usize>; 12],
    /// The header as the sheet writes it.
    names: [String; 12],
}

const DEADLINE: usize = 4;
const PROGRESS: usize = 7;
const DATE: usize = 8;
const EVIDENCE: usize = 9;
const STATUS: usize = 10;
const TASK_ID: usize = 11;

/// Reads a filled packet; `today` reads dates written without a year.
pub fn read(bytes: &[u8], today: NaiveDate) -> Result<Filled> {
    let grids = grid::sheets(bytes)?;
    let Some(ids) = grids.iter().find(|g| g.cell(0, 0).text() == MARKER) else {
        return Err(Error::Packet(PacketProblem::NotAPacket));
    };
    let packet_uuid = ids.cell(1, 0).text();
    let sent: Vec<String> = (2..ids.rows.len())
        .map(|r| ids.cell(r, 0).text())
        .take_while(|id| !id.is_empty())
        .collect();
    // the sheet of the table: the one named so, else the first with its header (a copy a unit
    // keeps beside it is not taken for it)
    let named = |g: &Grid| {
        [Lang::Zh, Lang::En]
            .iter()
            .any(|l| g.name == l.packet_sheet())
    };
    let found = grids
        .iter()
        .filter(|g| named(g))
        .find_map(|g| Table::find(g).map(|t| (g, t)))
        .or_else(|| grids.iter().find_map(|g| Table::find(g).map(|t| (g, t))));
    let Some((grid, table)) = found else {
        return Err(Error::Packet(PacketProblem::NotAPacket));
    };
    let missing: Vec<String> = (0..TASK_ID)
        .filter(|&c| table.at[c].is_none())
        .map(|c| Lang::Zh.packet_columns()[c].to_string())
        .collect();
    if !missing.is_empty() {
        return Err(Error::SheetIn(SheetInProblem::MissingColumns {
            sheet: grid.name.clone(),
            columns: missing,
        }));
    }
    let mut filled = Filled {
        packet_uuid,
        ..Filled::default()
    };
    let mut r = table.header_row + 1;
    while r < grid.rows.len() && !ends_table(grid, r) {
        if let Some(row) = table.row(grid, r, &sent, today, &mut filled.problems) {
            filled.rows.push(row);
        }
        r += 1;
    }
    footer(grid, r, today, &mut filled);
    Ok(filled)
}

/// Every label that ends the table: the footer's, and the title of the 配合任务 section.
fn footer_labels() -> Vec<&'static str> {
    [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(|l| {
            [
                l.packet_reporter(),
                l.packet_phone(),
                l.packet_signer(),
                l.packet_filled_on(),
                l.packet_supporting(),
            ]
        })
        .collect()
}

fn ends_table(grid: &Grid, r: usize) -> bool {
    let labels = footer_labels();
    grid.rows[r]
        .iter()
        .any(|cell| labels.contains(&cell.text().as_str()))
}

impl Table {
    /// The first row of `grid` that names the columns a packet must have.
    fn find(grid: &Grid) -> Option<Table> {
        let names = |l: Lang| l.packet_columns();
        (0..grid.rows.len().min(50)).find_map(|r| {
            let mut at = [None; 12];
            let mut written: [String; 12] = Default::default();
            for (c, cell) in grid.rows[r].iter().enumerate() {
                let text = cell.text();
                for lang in [Lang::Zh, Lang::En] {
                    if let Some(i) = names(lang).iter().position(|n| *n == text) {
                        at[i].get_or_insert(c);
                        written[i].clone_from(&text);
                    }
                }
            }
            // the fill-in columns and the measure are what make it a packet's table
            [3, PROGRESS, STATUS]
                .iter()
                .all(|&i| at[i].is_some())
                .then_some(Table {
                    header_row: r,
                    at,
                    names: written,
                })
        })
    }

    fn cell<'g>(&self, grid: &'g Grid, r: usize, column: usize) -> &'g Cell {
        self.at[column].map_or(&Cell::Empty, |c| grid.cell(r, c))
    }

    /// The row `r`, or none when its cells are all empty. A cell that cannot be read is added
    /// to `problems`.
    fn row(
        &self,
        grid: &Grid,
        r: usize,
        sent: &[String],
        today: NaiveDate,
        problems: &mut Vec<RowProblem>,
    ) -> Option<FilledRow> {
        if (0..=TASK_ID).all(|c| self.cell(grid, r, c).is_empty()) {
            return None;
        }
        let text = |c: usize| self.cell(grid, r, c).text();
        let mut locked: Locked = Default::default();
        for (c, cell) in locked.iter_mut().enumerate() {
            *cell = match self.cell(grid, r, c) {
                // a deadline a program turned into a date: as the sheet first wrote it
                Cell::Number(n) if c == DEADLINE => {
                    grid::serial_date(*n).map_or_else(|| text(c), crate::date::format)
                }
                Cell::Date(day) => crate::date::format(*day),
                _ => text(c),
            };
        }
        // the task: its id in the hidden column, or, when that column is gone, by its 序号
        let task_uuid = match self.at[TASK_ID] {
            Some(_) => Some(text(TASK_ID)).filter(|id| !id.is_empty()),
            None => locked[0]
                .parse::<usize>()
                .ok()
                .and_then(|n| sent.get(n.checked_sub(1)?).cloned()),
        };
        let mut problem = |column: usize, what: CellProblem| {
            problems.push(RowProblem {
                row: r as u32 + 1,
                column: self.letter(column),
                header: self.names[column].clone(),
                what,
            });
        };
        let date_cell = self.cell(grid, r, DATE);
        let date = if date_cell.is_empty() {
            None
        } else {
            let day = values::date(date_cell, today);
            if day.is_none() {
                problem(DATE, CellProblem::BadDate(date_cell.text()));
            }
            day
        };
        let asked = text(STATUS);
        let status = match values::status(&asked) {
            _ if asked.is_empty() => Requested::Nothing,
            Some(status) if status != Status::NotStarted => Requested::Status(status),
            _ => Requested::Unknown(asked),
        };
        Some(FilledRow {
            row: r as u32 + 1,
            task_uuid,
            locked,
            progress: text(PROGRESS),
            date,
            evidence: text(EVIDENCE),
            status,
            columns: (0..=STATUS)
                .map(|c| (self.names[c].clone(), self.letter(c)))
                .collect(),
        })
    }

    fn letter(&self, column: usize) -> String {
        self.at[column].map(column_name).unwrap_or_default()
    }
}

/// 填报人, 联系电话, 单位负责人, 填报日期 from the rows from `from` on: each the first filled cell
/// right of its label that is not another label.
fn footer(grid: &Grid, from: usize, today: NaiveDate, filled: &mut Filled) {
    let labels = footer_labels();
    for r in from..grid.rows.len() {
        let row = &grid.rows[r];
        for (c, cell) in row.iter().enumerate() {
            let label = cell.text();
            let Some(which) = [Lang::Zh, Lang::En].iter().find_map(|l| {
                [
                    l.packet_reporter(),
                    l.packet_phone(),
                    l.packet_signer(),
                    l.packet_filled_on(),
                ]
                .iter()
                .position(|name| *name == label)
            }) else {
                continue;
            };
            // a label merged over two cells is read once
            if c > 0 && row[c - 1].text() == label {
                continue;
            }
            // its value: the first filled cell after it, unless that is the next label
            let value = row[c + 1..]
                .iter()
                .enumerate()
                .find(|(_, v)| !v.is_empty() && v.text() != label)
                .filter(|(_, v)| !labels.contains(&v.text().as_str()));
            let Some((offset, value)) = value else {
                continue;
            };
            match which {
                0 => filled.reporter = value.text(),
                1 => filled.phone = value.text(),
                2 => filled.signer = value.text(),
                _ => match values::date(value, today) {
                    Some(day) => filled.filled_on = Some(day),
                    None => {
                        filled.filled_on_unreadable = true;
                        filled.problems.push(RowProblem {
                            row: r as u32 + 1,
                            column: column_name(c + 1 + offset),
                            header: label.clone(),
                            what: CellProblem::BadDate(value.text()),
                        });
                    }
                },
            }
        }
    }
}
