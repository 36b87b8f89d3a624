//! What an office's own Excel 台账 holds, as `import-sheet` read it (`report::sheet_in`) and the
//! store brings it in (`store::sheet`): problems in sheet order, each with its measures, every
//! value already read (dates as dates, units split). Plain data.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Category, Status};

/// A sheet read whole: its title (the rows above the header) and its problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetPlan {
    /// The sheet's own title, less a trailing 整改台账 / 整改方案: the round's title when the
    /// ledger has none.
    pub title: String,
    pub problems: Vec<PlannedProblem>,
}

/// A problem of the sheet: the rows of one code or title (merged or repeated down).
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedProblem {
    /// The first row of it (1-based, as Excel numbers rows).
    pub row: u32,
    /// 问题编号 when the sheet has one; else the store gives one by category (G/W/Q + number).
    pub code: Option<String>,
    pub category: Option<Category>,
    pub title: String,
    /// The whole text, when it is longer than a title holds (the title is its first sentence).
    pub description: String,
    /// 牵头单位, when the sheet names one apart from the responsible units.
    pub lead: Option<String>,
    pub tasks: Vec<PlannedTask>,
}

/// One measure for one unit (a cell naming several units gives one each).
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTask {
    pub row: u32,
    pub unit: String,
    pub measure: String,
    pub support: Vec<String>,
    pub person: String,
    /// None: kept up without end (长期坚持).
    pub deadline: Option<NaiveDate>,
    /// The deadline first given, when the sheet says an extension moved it (`A → B（延期）`).
    pub original_deadline: Option<NaiveDate>,
    /// The status the sheet gives; none: by the progress (整改中 with some, 未启动 without).
    pub status: Option<Status>,
    /// The latest progress: its date when the cell gives one, and its text.
    pub progress: Option<(Option<NaiveDate>, String)>,
    /// 销号时间, when the sheet gives one.
    pub closed_on: Option<NaiveDate>,
    /// 备注: the close note of a closed task; kept as a progress entry of an open one.
    pub remark: String,
}

/// What an import of a sheet did, or (dry run) would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SheetSummary {
    /// The round the sheet went to, and whether the import made it.
    pub round: String,
    pub round_created: bool,
    pub problems_added: usize,
    pub problems_found: usize,
    pub tasks_added: usize,
    /// Measures the ledger had already (the same problem, unit and measure): left as they are.
    pub tasks_found: usize,
    pub progress_added: usize,
    pub units_created: Vec<String>,
    /// Each problem with its new tasks, as `--dry-run` lists them: `G1 标题`, `#12 单位 措施`.
    pub lines: Vec<SummaryLine>,
}

/// One line of what an import made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SummaryLine {
    Problem {
        code: String,
        title: String,
        added: bool,
    },
    Task {
        seq: i64,
        unit: String,
        measure: String,
        deadline: Option<String>,
    },
}
