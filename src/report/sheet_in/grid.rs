//! A worksheet as a grid of typed cells, read by calamine from an xlsx or xls file, with every
//! merged region's value in each of its cells (a problem merged over its measures is the
//! problem of each row). Cells keep their type: a date cell is a date, a number a number, so
//! that a sheet saved by Excel, WPS or LibreOffice reads the same.

use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader, Xls, Xlsx};
use chrono::{Days, NaiveDate};

use crate::error::{Error, Result, SheetInProblem};

/// A cell's value, by type.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text: a text trimmed, a whole number without decimals, a date `2019-12-31`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(day) => crate::date::format(*day),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// The day an Excel serial number stands for (1900 date system; the day count Excel and
/// LibreOffice share from 1900-03-01 on).
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_string()),
        Data::DateTime(value) if value.is_datetime() => {
            serial_date(value.as_f64()).map_or(Cell::Number(value.as_f64()), Cell::Date)
        }
        Data::DateTime(value) => Cell::Number(value.as_f64()),
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(crate::date::from_stored)
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        Data::DurationIso(text) => Cell::Text(text.clone()),
    }
}

/// One worksheet: its rows from the sheet's first row and column (`A1`), merges filled in.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    fn of(name: &str, range: &Range<Data>, merges: &[Dimensions]) -> Grid {
        // positions from A1: calamine's are from the range's first used cell
        let (end_row, end_col) = range.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = vec![vec![Cell::Empty; end_col as usize]; end_row as usize];
        for (r, c, data) in range.used_cells() {
            let (r, c) = (r + top as usize, c + left as usize);
            if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                *cell = cell_of(data);
            }
        }
        for merge in merges {
            let (top, left) = (merge.start.0 as usize, merge.start.1 as usize);
            let Some(value) = rows.get(top).and_then(|row| row.get(left)).cloned() else {
                continue;
            };
            for r in top..=(merge.end.0 as usize).min(rows.len().saturating_sub(1)) {
                let row = &mut rows[r];
                for cell in row.iter_mut().take(merge.end.1 as usize + 1).skip(left) {
                    *cell = value.clone();
                }
            }
        }
        Grid {
            name: name.to_string(),
            rows,
        }
    }

    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }
}

/// The sheets of a workbook (xlsx, or the older xls), in their order.
pub fn sheets(bytes: &[u8]) -> Result<Vec<Grid>> {
    let unreadable = || Error::SheetIn(SheetInProblem::NotAWorkbook);
    if let Ok(mut book) = Xlsx::new(Cursor::new(bytes)) {
        let mut grids = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(|_| unreadable())?;
            let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            grids.push(Grid::of(&name, &range, &merges));
        }
        return Ok(grids);
    }
    let mut book = Xls::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|_| unreadable())?;
        #[allow(deprecated)]
        let merges = book.worksheet_merge_cells(&name).unwrap_or_default();
        grids.push(Grid::of(&name, &range, &merges));
    }
    Ok(grids)
}

/// A column's letters as a sheet shows them: 0 → `A`, 26 → `AA`.
pub fn column_name(mut column: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers_and_column_names() {
        assert_eq!(serial_date(43830.0), NaiveDate::from_ymd_opt(2019, 12, 31));
        assert_eq!(serial_date(43830.75), NaiveDate::from_ymd_opt(2019, 12, 31));
        assert_eq!(serial_date(12.0), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(8), "I");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(Cell::Number(5.0).text(), "5");
        assert_eq!(Cell::Text(" 汉滨区 ".into()).text(), "汉滨区");
    }
}
