//! `import-sheet`: an office's own Excel 台账 (xlsx, or the older xls) read into a plan of
//! problems and measures, every cell read by its type and checked. The header is found by the
//! names offices use (`header`), merged cells and blank cells under a problem repeat it, a row
//! that only names a category (`一、共性问题`) sets it for the rows below, several units in one
//! cell give one task each. A cell that cannot be read is named by row and column, and then none
//! of the sheet is taken. What the ledger must say (units, rounds, codes taken) is the store's.

mod folded;
pub(super) mod grid;
mod header;
pub(super) mod values;

use chrono::NaiveDate;

use self::grid::{Cell, Grid, column_name};
use self::header::{Column, Header};
use self::values::Deadline;
use crate::error::{CellProblem, Error, Result, RowProblem, SheetInProblem};
use crate::exchange::{PlannedProblem, PlannedTask, SheetPlan};
use crate::model::{Category, MAX_NAME, check_code, check_text};

/// What reading a sheet needs besides its bytes.
#[derive(Debug, Clone)]
pub struct SheetOptions {
    /// The sheet to read (`--sheet`); else the first with a header.
    pub sheet: Option<String>,
    /// The round's feedback date: the year of `12月底前` and `年底前`, and the day after
    /// which `6月底前` means the coming June. Without a round, the year of today.
    pub base: Option<NaiveDate>,
    /// The day the tasks will be assigned (the round's feedback date), when the round exists:
    /// no progress or close of theirs may be dated before it.
    pub assigned: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Reads the 台账 in `bytes`.
pub fn read(bytes: &[u8], options: &SheetOptions) -> Result<SheetPlan> {
    let grids = grid::sheets(bytes)?;
    let (grid, header) = choose(grids, options.sheet.as_deref())?;
    let missing: Vec<&str> = [
        (Column::Problem, "反馈问题"),
        (Column::Measure, "整改措施"),
        (Column::Deadline, "整改时限"),
    ]
    .into_iter()
    .filter(|(column, _)| header.at(*column).is_none())
    .map(|(_, name)| name)
    .chain(header.owner().is_none().then_some("责任单位"))
    .collect();
    if !missing.is_empty() {
        return Err(Error::SheetIn(SheetInProblem::MissingColumns {
            sheet: grid.name.clone(),
            columns: missing.into_iter().map(str::to_string).collect(),
        }));
    }
    let mut reader = Rows {
        grid: &grid,
        header: &header,
        options,
        plan: SheetPlan {
            title: title_of(&grid, header.row),
            problems: Vec::new(),
        },
        problems: Vec::new(),
        section: None,
    };
    reader.read_all();
    if !reader.problems.is_empty() {
        return Err(Error::SheetIn(SheetInProblem::Rows(reader.problems)));
    }
    if reader.plan.problems.is_empty() {
        return Err(Error::SheetIn(SheetInProblem::NoRows {
            sheet: grid.name.clone(),
        }));
    }
    Ok(reader.plan)
}

/// The sheet named, or the first that has a header.
fn choose(grids: Vec<Grid>, name: Option<&str>) -> Result<(Grid, Header)> {
    let names: Vec<String> = grids.iter().map(|g| g.name.clone()).collect();
    if let Some(name) = name {
        let Some(grid) = grids.into_iter().find(|g| g.name == name.trim()) else {
            return Err(Error::SheetIn(SheetInProblem::NoSuchSheet {
                name: name.to_string(),
                sheets: names,
            }));
        };
        return match header::find(&grid) {
            Some(header) => Ok((grid, header)),
            None => Err(Error::SheetIn(SheetInProblem::NoHeader { sheets: names })),
        };
    }
    grids
        .into_iter()
        .find_map(|grid| header::find(&grid).map(|header| (grid, header)))
        .ok_or(Error::SheetIn(SheetInProblem::NoHeader { sheets: names }))
}

/// The sheet's own title: the first text above the header, less what says it is a 台账 (and an
/// 附件 mark before it).
fn title_of(grid: &Grid, header_row: usize) -> String {
    let first = grid.rows[..header_row]
        .iter()
        .flat_map(|row| row.iter())
        .map(Cell::text)
        .find(|t| !t.is_empty() && !t.starts_with("附件"))
        .unwrap_or_default();
    let mut title = first.lines().next().unwrap_or_default().trim().to_string();
    for suffix in ["整改台账", "整改方案", "整改清单", "问题清单", "台账"] {
        if let Some(rest) = title.strip_suffix(suffix) {
            title = rest.trim().to_string();
            break;
        }
    }
    title
}

/// A problem's text as a title (a name, on one line, at most `MAX_NAME` characters) and, when it
/// is longer, the whole text as its description: no text is lost.
fn title_and_description(text: &str) -> (String, String) {
    let fits = |t: &str| t.chars().count() <= MAX_NAME && !t.contains('\n');
    if fits(text) {
        return (text.to_string(), String::new());
    }
    let first_line = text.lines().next().unwrap_or_default().trim();
    let title = if fits(first_line) {
        first_line.to_string()
    } else {
        // the first sentence, else the first characters
        let head: String = first_line.chars().take(MAX_NAME).collect();
        match head.rfind(['。', '；', '！', '？']) {
            Some(at) if at > 0 => head[..at].to_string(),
            _ => head,
        }
    };
    (title, text.to_string())
}

/// The reading of the rows below the header.
struct Rows<'a> {
    grid: &'a Grid,
    header: &'a Header,
    options: &'a SheetOptions,
    plan: SheetPlan,
    problems: Vec<RowProblem>,
    /// The category a section row (`一、共性问题`) set.
    section: Option<Category>,
}

/// What a row says of its problem, after merges and blanks that repeat the row above.
#[derive(Debug, Clone, Default, PartialEq)]
struct ProblemCells {
    code: String,
    category: String,
    text: String,
    lead: String,
}

impl Rows<'_> {
    fn cell(&self, row: usize, column: Column) -> &Cell {
        match self.header.at(column) {
            Some(c) => self.grid.cell(row, c),
            None => &Cell::Empty,
        }
    }

    fn text(&self, row: usize, column: Column) -> String {
        self.cell(row, column).text()
    }

    fn refuse(&mut self, row: usize, column: Column, what: CellProblem) {
        let at = match column {
            Column::Unit | Column::Lead if self.header.at(Column::Unit).is_none() => {
                self.header.owner()
            }
            other => self.header.at(other),
        };
        let header = at
            .map(|c| self.grid.cell(self.header.row, c).text().replace('\n', ""))
            .unwrap_or_default();
        self.problems.push(RowProblem {
            row: row as u32 + 1,
            column: at.map(column_name).unwrap_or_default(),
            header,
            what,
        });
    }

    fn read_all(&mut self) {
        let mut above = ProblemCells::default();
        for row in self.header.row + 1..self.grid.rows.len() {
            let texts: Vec<String> = self.grid.rows[row]
                .iter()
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect();
            if texts.is_empty() {
                continue;
            }
            // a row of one text (merged across, or alone): a section (一、共性问题), or a note
            // outside the table's columns; a problem alone in its column is a problem without
            // measures yet; anything else alone in a column of the table is refused, never
            // dropped (a progress entry written on a row of its own, say)
            if texts.iter().all(|t| *t == texts[0]) {
                if let Some(category) = section_category(&texts[0]) {
                    self.section = Some(category);
                    continue;
                }
                if texts.len() > 1 {
                    continue;
                }
                match self.lone_column(row) {
                    // a problem without measures yet
                    Some(Column::Problem) => {}
                    // a note beside the table, or in a column that numbers or sorts
                    None | Some(Column::Code | Column::Category) => continue,
                    Some(column) => {
                        self.refuse(row, column, CellProblem::Alone);
                        continue;
                    }
                }
            }
            if self.goes_on(row) {
                continue;
            }
            let mut cells = ProblemCells {
                code: self.text(row, Column::Code),
                category: self.text(row, Column::Category),
                text: self.text(row, Column::Problem),
                lead: if self.header.at(Column::Unit).is_some() {
                    self.text(row, Column::Lead)
                } else {
                    String::new()
                },
            };
            // our own sheet folds the code, category and lead into the problem's cell
            let unfolded = folded::problem(&cells.text);
            cells.text = unfolded.text;
            for (mine, theirs) in [
                (&mut cells.code, unfolded.code),
                (&mut cells.category, unfolded.category),
                (&mut cells.lead, unfolded.lead),
            ] {
                if mine.is_empty() {
                    *mine = theirs;
                }
            }
            // a blank problem cell repeats the problem above, with its code and lead
            if cells.text.is_empty() {
                if above.text.is_empty() {
                    self.refuse(row, Column::Problem, CellProblem::Empty);
                    continue;
                }
                cells.text = above.text.clone();
                for (mine, theirs) in [
                    (&mut cells.code, &above.code),
                    (&mut cells.category, &above.category),
                    (&mut cells.lead, &above.lead),
                ] {
                    if mine.is_empty() {
                        *mine = theirs.clone();
                    }
                }
            }
            above = cells.clone();
            self.row(row, &cells);
        }
    }

    /// One row: its problem (found among those read, or new) and its tasks.
    fn row(&mut self, row: usize, cells: &ProblemCells) {
        let before = self.problems.len();
        let code = (!cells.code.is_empty()).then(|| cells.code.clone());
        if let Some(code) = &code
            && let Err(problem) = check_code(code)
        {
            self.refuse(
                row,
                Column::Code,
                CellProblem::BadCode(code.clone(), problem),
            );
        }
        let (title, description) = title_and_description(&cells.text);
        if let Err(problem) = check_text(&description, false, true) {
            self.refuse(row, Column::Problem, CellProblem::BadText(problem));
        }
        let category = match cells.category.as_str() {
            "" => self.section,
            text => {
                let category = section_category(text);
                if category.is_none() {
                    self.refuse(row, Column::Category, CellProblem::BadCategory(text.into()));
                }
                category
            }
        };
        let tasks = self.tasks(row);
        if self.problems.len() > before {
            return;
        }
        let found = self
            .plan
            .problems
            .iter_mut()
            .find(|p| match (&p.code, &code) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => p.title == title,
            });
        let problem = match found {
            Some(problem) => problem,
            None => {
                self.plan.problems.push(PlannedProblem {
                    row: row as u32 + 1,
                    code,
                    category,
                    title,
                    description,
                    lead: None,
                    tasks: Vec::new(),
                });
                self.plan.problems.last_mut().expect("just pushed")
            }
        };
        if problem.lead.is_none() && !cells.lead.is_empty() {
            problem.lead = values::units(&cells.lead).into_iter().next();
        }
        problem.tasks.extend(tasks);
    }

    /// A row of our own sheet that goes on with the long cells of the task above (marked
    /// （续）, its unit cell empty): their text is added to that task's. Says whether it was one.
    fn goes_on(&mut self, row: usize) -> bool {
        let columns = [Column::Measure, Column::Progress, Column::Remark];
        let texts: Vec<String> = columns.iter().map(|c| self.text(row, *c)).collect();
        if !self.owner_text(row).is_empty() || !texts.iter().any(|t| folded::continued(t).is_some())
        {
            return false;
        }
        let Some(problem) = self.plan.problems.last_mut() else {
            return false;
        };
        let last = problem.tasks.iter().map(|t| t.row).max();
        for task in problem.tasks.iter_mut().filter(|t| Some(t.row) == last) {
            for (column, text) in columns.iter().zip(&texts) {
                let Some(rest) = folded::continued(text) else {
                    continue;
                };
                match column {
                    Column::Measure => task.measure.push_str(rest),
                    Column::Remark => task.remark.push_str(rest),
                    _ => match &mut task.progress {
                        Some((_, progress)) => progress.push_str(rest),
                        None => task.progress = Some((None, rest.to_string())),
                    },
                }
            }
        }
        true
    }

    /// The tasks of a row: one per unit its unit cell names. A row with neither a measure nor
    /// a unit names a problem without tasks yet.
    fn tasks(&mut self, row: usize) -> Vec<PlannedTask> {
        let measure = self.text(row, Column::Measure);
        // our own sheet puts the supporting units under the responsible one
        let (owners, support_in_cell) = folded::units(&self.owner_text(row));
        let owners = values::units(&owners);
        if measure.is_empty() && owners.is_empty() {
            return Vec::new();
        }
        if measure.is_empty() {
            self.refuse(row, Column::Measure, CellProblem::Empty);
        } else if let Err(problem) = check_text(&measure, true, true) {
            self.refuse(row, Column::Measure, CellProblem::BadText(problem));
        }
        if owners.is_empty() {
            self.refuse(row, Column::Unit, CellProblem::Empty);
        }
        let today = self.options.today;
        let base = values::Base {
            round: self.options.base,
            today,
        };
        let deadline_cell = self.cell(row, Column::Deadline).clone();
        let deadline = match values::deadline(&deadline_cell, base) {
            Some(deadline) => deadline,
            None => {
                let what = match deadline_cell.text() {
                    text if text.is_empty() => CellProblem::Empty,
                    text => CellProblem::BadDeadline(text),
                };
                self.refuse(row, Column::Deadline, what);
                Deadline::Ongoing
            }
        };
        // our own sheet puts the day of the close under the status
        let (status_text, under_status) = folded::status(&self.text(row, Column::Status));
        let mut status = None;
        if !status_text.is_empty() {
            status = values::status(&status_text);
            if status.is_none() {
                self.refuse(row, Column::Status, CellProblem::BadStatus(status_text));
            }
        }
        let progress_text = self.text(row, Column::Progress);
        let progress = (!progress_text.is_empty()).then(|| values::progress(&progress_text, today));
        let progress_day = progress.as_ref().and_then(|p| p.0);
        if let Some(day) = progress_day {
            self.in_order(row, Column::Progress, day);
        }
        let mut closed_cell = self.cell(row, Column::ClosedOn).clone();
        if closed_cell.is_empty()
            && let Some(day) = under_status
                .iter()
                .find_map(|l| crate::date::from_stored(l))
        {
            closed_cell = Cell::Date(day);
        }
        let closed_on = match (closed_cell.is_empty(), values::date(&closed_cell, today)) {
            (true, _) => None,
            // progress may go on after a close (a unit keeps reporting): no order between them
            (false, Some(day)) => {
                self.in_order(row, Column::ClosedOn, day);
                Some(day)
            }
            (false, None) => {
                let what = CellProblem::BadDate(closed_cell.text());
                self.refuse(row, Column::ClosedOn, what);
                None
            }
        };
        let person = values::units(&self.text(row, Column::Person)).join("、");
        for (column, text) in [(Column::Person, &person)]
            .into_iter()
            .chain(owners.iter().map(|o| (Column::Unit, o)))
        {
            if let Err(problem) = check_text(text, false, false) {
                self.refuse(row, column, CellProblem::BadText(problem));
            }
        }
        let mut support = values::units(&self.text(row, Column::Support));
        if support.is_empty() {
            support = values::units(&support_in_cell);
        }
        let remark = self.text(row, Column::Remark);
        let (deadline, original_deadline) = match deadline {
            Deadline::Day(day) => (Some(day), None),
            Deadline::Ongoing => (None, None),
            Deadline::Extended { from, to } => (Some(to), Some(from)),
        };
        owners
            .into_iter()
            .map(|unit| PlannedTask {
                row: row as u32 + 1,
                support: support.iter().filter(|s| **s != unit).cloned().collect(),
                unit,
                measure: measure.clone(),
                person: person.clone(),
                deadline,
                original_deadline,
                status,
                progress: progress.clone(),
                closed_on,
                remark: remark.clone(),
            })
            .collect()
    }

    /// A day of a task's work: not after today, nor before the task is assigned.
    fn in_order(&mut self, row: usize, column: Column, day: NaiveDate) {
        let format = crate::date::format;
        if day > self.options.today {
            self.refuse(row, column, CellProblem::FutureDate(format(day)));
        } else if let Some(assigned) = self.options.assigned.filter(|a| day < *a) {
            let what = CellProblem::BeforeAssigned {
                date: format(day),
                assigned: format(assigned),
            };
            self.refuse(row, column, what);
        }
    }

    /// The column of the one cell a row fills, if the header names it.
    fn lone_column(&self, row: usize) -> Option<Column> {
        let at = self.grid.rows[row].iter().position(|c| !c.is_empty())?;
        self.header
            .columns
            .iter()
            .find(|(c, _)| *c == at)
            .map(|(_, column)| *column)
    }

    /// The responsible units' cell: 责任单位, else (a plan that names only the lead) 牵头单位.
    fn owner_text(&self, row: usize) -> String {
        self.header
            .owner()
            .map(|c| self.grid.cell(row, c).text())
            .unwrap_or_default()
    }
}

/// The category a cell or a section row names: `共性问题`, `二、薄弱环节`, `other`.
fn section_category(text: &str) -> Option<Category> {
    let text = text.trim();
    if let Some(category) = crate::i18n::parse_category(text) {
        return Some(category);
    }
    [Category::Shared, Category::Weak]
        .into_iter()
        .find(|c| text.contains(crate::i18n::Lang::Zh.category(*c)))
}
