//! The header row of an office's 台账: found by the names offices give their columns (序号;
//! 问题 / 反馈问题 / 存在问题 / 问题表现; 问题类别; 整改措施 / 整改任务; 责任单位; 牵头单位; 配合单位;
//! 责任人 / 责任领导; 整改时限 / 完成时限 / 时限; 整改进展 / 完成情况 / 进展情况; 状态 / 是否完成 /
//! 完成状态; 备注), in any order, below any title rows.

use super::grid::Grid;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Code,
    Category,
    Problem,
    Measure,
    Unit,
    Lead,
    Support,
    Person,
    Deadline,
    Progress,
    Status,
    Remark,
    ClosedOn,
}

/// The names of each column, as offices write them (spaces and line breaks aside).
const NAMES: &[(Column, &[&str])] = &[
    (Column::Code, &["问题编号", "编号", "问题序号"]),
    (
        Column::Category,
        &["问题类别", "类别", "问题类型", "问题分类"],
    ),
    (
        Column::Problem,
        &[
            "反馈问题",
            "问题",
            "存在问题",
            "问题表现",
            "主要问题",
            "问题清单",
            "问题描述",
            "督查反馈问题",
            "反馈意见",
            "问题内容",
        ],
    ),
    (
        Column::Measure,
        &[
            "整改措施",
            "整改任务",
            "措施",
            "具体措施",
            "整改内容",
            "整改举措",
        ],
    ),
    (Column::Unit, &["责任单位", "责任部门", "承办单位"]),
    (Column::Lead, &["牵头单位", "牵头部门", "牵头领导单位"]),
    (Column::Support, &["配合单位", "协办单位", "配合部门"]),
    (
        Column::Person,
        &["责任人", "责任领导", "具体责任人", "联系人"],
    ),
    (
        Column::Deadline,
        &[
            "整改时限",
            "完成时限",
            "时限",
            "完成时间",
            "整改期限",
            "整改时间",
        ],
    ),
    (
        Column::Progress,
        &[
            "整改进展",
            "完成情况",
            "进展情况",
            "整改情况",
            "整改进展情况",
            "进展",
        ],
    ),
    (
        Column::Status,
        &["状态", "是否完成", "完成状态", "整改状态", "整改完成情况"],
    ),
    (Column::Remark, &["备注"]),
    (Column::ClosedOn, &["销号时间", "销号日期"]),
];

/// A header cell without spaces, line breaks and a remark in parentheses (`整改时限（完成时间）`).
fn normal(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let text = text.trim_matches(['*', '＊']);
    match text.find(['（', '(']) {
        Some(at) if at > 0 => text[..at].to_string(),
        _ => text.to_string(),
    }
}

pub fn column_of(text: &str) -> Option<Column> {
    let text = normal(text);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&text.as_str()))
        .map(|(column, _)| *column)
}

/// The header: its row (0-based) and where each column is (the first of a name, left to right).
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: usize,
    pub columns: Vec<(usize, Column)>,
}

impl Header {
    pub fn at(&self, column: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, c)| *c == column)
            .map(|(at, _)| *at)
    }

    /// The responsible units: 责任单位, else (a plan that names only the lead) 牵头单位.
    pub fn owner(&self) -> Option<usize> {
        self.at(Column::Unit).or_else(|| self.at(Column::Lead))
    }
}

/// How far down a header may stand, below title rows and notes.
const SEARCHED_ROWS: usize = 30;

/// The header of `grid`: among its first rows, the one that names a measure column and the
/// most other columns (at least three in all).
pub fn find(grid: &Grid) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (r, row) in grid.rows.iter().enumerate().take(SEARCHED_ROWS) {
        let mut columns: Vec<(usize, Column)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if let Some(column) = column_of(&cell.text())
                && !columns.iter().any(|(_, seen)| *seen == column)
            {
                columns.push((c, column));
            }
        }
        let has_measure = columns.iter().any(|(_, c)| *c == Column::Measure);
        let better = best
            .as_ref()
            .is_none_or(|b| columns.len() > b.columns.len());
        if has_measure && columns.len() >= 3 && better {
            best = Some(Header { row: r, columns });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_offices_write_them() {
        assert_eq!(column_of("整改时限"), Some(Column::Deadline));
        assert_eq!(column_of(" 完成\n时限 "), Some(Column::Deadline));
        assert_eq!(column_of("整改时限（完成时间）"), Some(Column::Deadline));
        assert_eq!(column_of("存在问题"), Some(Column::Problem));
        assert_eq!(column_of("整改任务"), Some(Column::Measure));
        assert_eq!(column_of("是否完成"), Some(Column::Status));
        assert_eq!(column_of("*责任单位"), Some(Column::Unit));
        assert_eq!(column_of("序号"), None);
        assert_eq!(column_of("截至2019年12月26日"), None);
    }
}
