//! The words of `import-sheet`: why a sheet is refused (each unreadable cell by row and column)
//! and what an import made.

use super::Lang;
use crate::error::{CellProblem, RowProblem, SheetInProblem};
use crate::exchange::{SheetSummary, SummaryLine};
use crate::model::TextProblem;

labels! {
    sheet_imported => "已从表格导入：", "Imported from the sheet:";
    sheet_dry_run => "试导入（未写入任何内容）：", "Dry run (nothing was written):";
    sheet_close_note => "原台账记为已完成（由表格导入）", "closed in the sheet it was imported from";
    sheet_units_created => "新建单位", "New units";
    sheet_extension_reason => "原台账记为延期（由表格导入）", "extended in the sheet it was imported from";
}

sentences! {
    sheet_more_problems(count: usize) => "……另有 {count} 处无法读取，未一一列出", "… and {count} more cells that cannot be read";
    sheet_and_more(count: usize) => "等 {count} 个", " and others, {count} in all";
}

impl Lang {
    /// One cell that cannot be read: `第 5 行 I 列（整改时限）：…`.
    pub fn sheet_row_problem(self, p: &RowProblem) -> String {
        let what = self.cell_problem(&p.what);
        let (row, column, header) = (p.row, &p.column, &p.header);
        let line = match self {
            Lang::Zh => format!("第 {row} 行 {column} 列（{header}）：{what}"),
            Lang::En => format!("row {row}, column {column} ({header}): {what}"),
        };
        crate::text::clean_line(&line)
    }

    fn cell_problem(self, what: &CellProblem) -> String {
        let zh = self == Lang::Zh;
        let s = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        match what {
            CellProblem::Empty => s("不能为空".into(), "must not be empty".into()),
            CellProblem::BadDeadline(text) => s(
                format!(
                    "无法识别的整改时限“{text}”；可写 2019-12-31、2019年12月底、12月底前、年底前、长期坚持或立行立改"
                ),
                format!(
                    "“{text}” is not a deadline; write 2019-12-31, 2019年12月底, 12月底前, 年底前, 长期坚持 or 立行立改"
                ),
            ),
            CellProblem::BadDate(text) => s(
                format!("无法识别的日期“{text}”"),
                format!("“{text}” is not a date"),
            ),
            CellProblem::FutureDate(day) => s(
                format!("日期 {day} 晚于今天"),
                format!("the date {day} is after today"),
            ),
            CellProblem::BeforeAssigned { date, assigned } => s(
                format!("日期 {date} 早于交办日期 {assigned}（督查反馈日期）"),
                format!(
                    "the date {date} is before the task was assigned on {assigned} (the feedback date)"
                ),
            ),
            CellProblem::BadCategory(text) => s(
                format!("无法识别的问题类别“{text}”；可写共性问题、薄弱环节或其他"),
                format!("“{text}” is not a category; write 共性问题, 薄弱环节 or 其他"),
            ),
            CellProblem::Alone => s(
                "这一行只有这一格有内容；若属于上一行，请并入上一行的格中".into(),
                "is the only filled cell of its row; if it belongs to the row above, put it in that row's cell".into(),
            ),
            CellProblem::Changed { sent } => s(
                format!("这是报送表锁定的内容，与发出时不同（发出时为“{sent}”）；请勿改动"),
                format!("is locked in the packet and differs from what was sent (“{sent}”)"),
            ),
            CellProblem::Added => s(
                "这一行是报送表里没有的（新加的行）；新的任务请报双打办添加".into(),
                "is a row the packet did not have (added); new tasks are added by the office".into(),
            ),
            CellProblem::NotSent => s(
                "这项任务不在这份报送表里".into(),
                "is a task this packet did not list".into(),
            ),
            CellProblem::Repeated => s(
                "这项任务在表中出现了两次；只收取第一行".into(),
                "repeats a task of a row above; only the first is taken".into(),
            ),
            CellProblem::NoDate => s(
                "进展日期为空，而填报日期无法识别；请填写日期".into(),
                "is empty, and the 填报日期 it would take is not a date".into(),
            ),
            CellProblem::NoLongerTheirs(unit) => s(
                format!("这项任务发出后已改由{unit}负责，不再收取本单位的填报"),
                format!("is a task that has passed to {unit} since the packet was sent"),
            ),
            CellProblem::OnlyOfficeCloses => s(
                "申请状态不能填“已销号”：只有双打办核实后才能销号；完成了请填“待销号”".into(),
                "cannot ask for 已销号: only the office closes a task; ask for 待销号 when it is done".into(),
            ),
            CellProblem::BadStatus(text) => s(
                format!(
                    "无法识别的状态“{text}”；可写未启动、整改中、待销号、已完成（已销号）或长期坚持"
                ),
                format!(
                    "“{text}” is not a status; write 未启动, 整改中, 待销号, 已完成 or 长期坚持"
                ),
            ),
            CellProblem::BadCode(code, _) => s(
                format!("问题编号“{code}”不能用：须是一个词，不能是纯数字"),
                format!("the problem code “{code}” cannot be used: one word, not a number"),
            ),
            CellProblem::BadText(TextProblem::Empty) => {
                s("不能为空".into(), "must not be empty".into())
            }
            CellProblem::BadText(TextProblem::TooLong { max }) => s(
                format!("太长，最多 {max} 个字符"),
                format!("too long; at most {max} characters"),
            ),
            CellProblem::BadText(TextProblem::ControlCharacter) => {
                s("含有控制字符".into(), "holds a control character".into())
            }
        }
    }

    pub(super) fn sheet_refused(self, problem: &SheetInProblem) -> String {
        let list = |items: &[String]| items.join(self.list_separator());
        match (self, problem) {
            (Lang::Zh, SheetInProblem::NotAWorkbook) => {
                "这不是能读取的 Excel 表格（xlsx 或 xls），或文件已损坏；未导入任何内容。".into()
            }
            (Lang::En, SheetInProblem::NotAWorkbook) => {
                "This is not an Excel workbook (xlsx or xls) that can be read, or it is damaged; nothing was imported.".into()
            }
            (Lang::Zh, SheetInProblem::NoSuchSheet { name, sheets }) => {
                format!("表格里没有名为“{name}”的工作表；有：{}。", list(sheets))
            }
            (Lang::En, SheetInProblem::NoSuchSheet { name, sheets }) => {
                format!("The workbook has no sheet “{name}”; it has: {}.", list(sheets))
            }
            (Lang::Zh, SheetInProblem::NoHeader { sheets }) => format!(
                "在工作表 {} 里找不到台账的表头（需有“反馈问题”“整改措施”“责任单位”“整改时限”等列名）；未导入任何内容。",
                list(sheets)
            ),
            (Lang::En, SheetInProblem::NoHeader { sheets }) => format!(
                "No sheet ({}) has the header of a ledger (columns such as 反馈问题, 整改措施, 责任单位, 整改时限); nothing was imported.",
                list(sheets)
            ),
            (Lang::Zh, SheetInProblem::MissingColumns { sheet, columns }) => format!(
                "工作表“{sheet}”的表头缺少这些列：{}；未导入任何内容。",
                list(columns)
            ),
            (Lang::En, SheetInProblem::MissingColumns { sheet, columns }) => format!(
                "The header of sheet “{sheet}” lacks these columns: {}; nothing was imported.",
                list(columns)
            ),
            (Lang::Zh, SheetInProblem::NoRows { sheet }) => {
                format!("工作表“{sheet}”的表头下面没有任何问题或措施。")
            }
            (Lang::En, SheetInProblem::NoRows { sheet }) => {
                format!("Sheet “{sheet}” has no problem or measure below its header.")
            }
            (Lang::Zh, SheetInProblem::Rows(rows)) => format!(
                "表格有 {} 处无法读取（见上），未导入任何内容；改好后再导入。",
                rows.len()
            ),
            (Lang::En, SheetInProblem::Rows(rows)) => format!(
                "{} cells of the sheet cannot be read (listed above); nothing was imported. Correct them and import again.",
                rows.len()
            ),
            (Lang::Zh, SheetInProblem::UnknownUnits(names)) => format!(
                "台账里没有这些单位：{}；请先用 zhenggai unit add 添加，或加 --create-units 一并新建。未导入任何内容。",
                list(names)
            ),
            (Lang::En, SheetInProblem::UnknownUnits(names)) => format!(
                "The ledger has no unit named {}; add them with zhenggai unit add, or import with --create-units. Nothing was imported.",
                list(names)
            ),
        }
    }

    /// What an import of a sheet made, line by line.
    pub fn sheet_summary(self, summary: &SheetSummary, dry_run: bool) -> Vec<String> {
        let mut lines = vec![
            if dry_run {
                self.sheet_dry_run()
            } else {
                self.sheet_imported()
            }
            .to_string(),
        ];
        let s = summary;
        lines.push(match (self, s.round_created) {
            (Lang::Zh, true) => format!(
                "  新建督查反馈：{}（可用 zhenggai inspection edit 修改标题和日期）",
                s.round
            ),
            (Lang::Zh, false) => format!("  督查反馈：{}", s.round),
            (Lang::En, true) => format!(
                "  new inspection round: {} (zhenggai inspection edit changes its title and date)",
                s.round
            ),
            (Lang::En, false) => format!("  inspection round: {}", s.round),
        });
        lines.push(match self {
            Lang::Zh => format!(
                "  问题：新增 {}，已有 {}；任务：新增 {}，已有 {}（未改动）；进展：{} 条；新建单位：{} 个",
                s.problems_added,
                s.problems_found,
                s.tasks_added,
                s.tasks_found,
                s.progress_added,
                s.units_created.len()
            ),
            Lang::En => format!(
                "  problems: {} added, {} already there; tasks: {} added, {} already there (left as the ledger has them); progress: {}; units made: {}",
                s.problems_added,
                s.problems_found,
                s.tasks_added,
                s.tasks_found,
                s.progress_added,
                s.units_created.len()
            ),
        });
        if !s.units_created.is_empty() {
            let shown = &s.units_created[..s.units_created.len().min(20)];
            let mut names = shown.join(self.list_separator());
            if s.units_created.len() > shown.len() {
                names.push_str(&self.sheet_and_more(s.units_created.len()));
            }
            let line = self.labelled(self.sheet_units_created(), &names);
            lines.push(format!("  {line}"));
        }
        // a dry run lists every problem and task it would make; an import, the problems
        let listed = s
            .lines
            .iter()
            .filter(|l| dry_run || matches!(l, SummaryLine::Problem { .. }));
        for line in listed {
            lines.push(match line {
                SummaryLine::Problem { code, title, added } => {
                    let mark = match (self, added) {
                        (Lang::Zh, true) => "新增",
                        (Lang::Zh, false) => "已有",
                        (Lang::En, true) => "new",
                        (Lang::En, false) => "there",
                    };
                    format!("  {code} {title}（{mark}）")
                }
                SummaryLine::Task {
                    seq,
                    unit,
                    measure,
                    deadline,
                } => {
                    let deadline = deadline
                        .clone()
                        .unwrap_or_else(|| self.no_deadline().into());
                    let measure: String = measure.chars().take(30).collect();
                    format!("    #{seq} {unit} {measure} {deadline}")
                }
            });
        }
        lines
            .into_iter()
            .map(|l| crate::text::clean_line(&l))
            .collect()
    }
}
