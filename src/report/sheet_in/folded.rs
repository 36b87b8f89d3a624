//! The cells zhenggai's own printed sheet folds together (`export --columns folded`), read
//! apart again: `G1　共性问题` over the problem and `牵头单位：…` under it; the supporting
//! units under `配合单位：` in the unit cell; the close under the status; and the （续） of a
//! problem or a long cell that goes on after a page or a row.

use crate::i18n::Lang;

/// The mark of a cell that goes on from the one above.
pub fn continued(text: &str) -> Option<&str> {
    [Lang::Zh, Lang::En]
        .iter()
        .find_map(|l| text.strip_prefix(l.paper_continued()))
}

/// A problem cell: its code and category when its first line gives them, its text, and its
/// lead unit when its last line names one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    pub code: String,
    pub category: String,
    pub text: String,
    pub lead: String,
}

pub fn problem(cell: &str) -> Problem {
    let cell = continued(cell).unwrap_or(cell);
    let mut lines: Vec<&str> = cell.lines().collect();
    let mut out = Problem::default();
    if lines.len() > 1 {
        let words: Vec<&str> = lines[0].split_whitespace().collect();
        if let [code, category] = words[..]
            && crate::model::check_code(code).is_ok()
            && crate::i18n::parse_category(category).is_some()
        {
            (out.code, out.category) = (code.to_string(), category.to_string());
            lines.remove(0);
        }
    }
    if let Some(last) = lines.last()
        && let Some(lead) = [Lang::Zh, Lang::En]
            .iter()
            .find_map(|l| last.strip_prefix(l.paper_lead()))
    {
        out.lead = lead.trim().to_string();
        lines.pop();
    }
    out.text = lines.join("\n");
    out
}

/// A unit cell: the responsible units, and the supporting ones under `配合单位：`.
pub fn units(cell: &str) -> (String, String) {
    let marks = [Lang::Zh.paper_support(), Lang::En.paper_support()];
    let mut lines = cell.lines();
    let owners: Vec<&str> = lines
        .by_ref()
        .take_while(|l| !marks.contains(&l.trim()))
        .collect();
    let support: Vec<&str> = lines.collect();
    (owners.join("\n"), support.join("\n"))
}

/// A status cell: the status (with its mark, `未启动（临期）`), and the lines under it (the
/// day of the close, who verified it).
pub fn status(cell: &str) -> (String, Vec<String>) {
    let mut lines = cell.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut status = lines.next().unwrap_or_default().to_string();
    let mut rest = Vec::new();
    for line in lines {
        // the mark of a due or late task, on a line of its own
        if line.starts_with(['（', '(']) && rest.is_empty() {
            status.push_str(line);
        } else {
            rest.push(line.to_string());
        }
    }
    (status, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_cells_come_apart() {
        let p = problem("G1　共性问题\n侵权假冒案件办案量不达标\n牵头单位：市“双打”办");
        assert_eq!(p.code, "G1");
        assert_eq!(p.category, "共性问题");
        assert_eq!(p.text, "侵权假冒案件办案量不达标");
        assert_eq!(p.lead, "市“双打”办");
        assert_eq!(
            problem("（续）G1　共性问题\n标题"),
            Problem {
                code: "G1".into(),
                category: "共性问题".into(),
                text: "标题".into(),
                lead: String::new(),
            }
        );
        // an office's own problem text is left as it is
        assert_eq!(problem("办案量不达标").text, "办案量不达标");
        assert_eq!(problem("一是 二是\n三是").text, "一是 二是\n三是");
        assert_eq!(
            units("市农业农村局\n配合单位：\n汉阴县\n石泉县"),
            ("市农业农村局".into(), "汉阴县\n石泉县".into())
        );
        assert_eq!(
            units("汉滨区\n汉阴县"),
            ("汉滨区\n汉阴县".into(), String::new())
        );
        assert_eq!(
            status("已销号\n2019-12-20\n核实：王五"),
            (
                "已销号".into(),
                vec!["2019-12-20".into(), "核实：王五".into()]
            )
        );
        assert_eq!(
            status("未启动\n（临期）"),
            ("未启动（临期）".into(), vec![])
        );
        assert_eq!(continued("（续）后半段"), Some("后半段"));
    }
}
