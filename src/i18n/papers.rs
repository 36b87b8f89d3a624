//! The words of the papers the office hands round: the printed sheet's title, its lines and
//! its 单位统计.

use chrono::{Datelike, NaiveDate};

use super::Lang;
use crate::filter::Filter;

labels! {
    paper_continued => "（续）", "(cont.)";
    paper_lead => "牵头单位：", "Lead: ";
    paper_support => "配合单位：", "Supporting: ";
    paper_evidence => "佐证：", "Evidence: ";
    paper_verified => "核实：", "Checked by ";
    paper_total => "合计", "Total";
    paper_office_rank => "不排名", "not ranked";
}

impl Lang {
    /// What a filter chose, in words for a sheet's title (`逾期 · 石泉县`); none when it chose
    /// the whole ledger (its round is already the title's).
    pub fn sheet_scope(self, filter: &Filter) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(filter.statuses.iter().map(|s| self.status(*s).to_string()));
        if filter.open && filter.statuses.is_empty() {
            parts.push(self.tui_open_only().to_string());
        }
        if filter.overdue {
            parts.push(self.tui_overdue().to_string());
        }
        if let Some(light) = filter.light {
            parts.push(self.light(light).to_string());
        }
        if let Some(category) = filter.category {
            parts.push(self.category(category).to_string());
        }
        if let Some(unit) = &filter.unit {
            parts.push(unit.clone());
        }
        if let Some(code) = &filter.problem {
            parts.push(code.clone());
        }
        if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(self.tui_search_active(search));
        }
        (!parts.is_empty()).then(|| crate::text::clean_line(&parts.join(" · ")))
    }

    /// The title of a sheet: `安康市落实省“双打”工作督查反馈意见整改台账`, the place taken from
    /// the organisation (`安康市“双打”办` → `安康市`), then what a filter chose.
    pub fn sheet_title(self, title: &str, organisation: &str, scope: Option<&str>) -> String {
        let place = place_of(organisation);
        let mut out = match (self, place) {
            (Lang::Zh, Some(place)) if !title.starts_with(place) => format!("{place}落实{title}"),
            _ => title.to_string(),
        };
        if let Some(scope) = scope {
            out.push_str(&self.aside(scope));
        }
        out
    }

    /// `填报单位：安康市“双打”办　　填报日期：2019年12月26日`.
    pub fn sheet_filed_by(self, organisation: &str, day: NaiveDate) -> String {
        let when = match self {
            Lang::Zh => format!("填报日期：{}年{}月{}日", day.year(), day.month(), day.day()),
            Lang::En => format!("Date: {}", crate::date::format(day)),
        };
        match (self, organisation.is_empty()) {
            (_, true) => when,
            (Lang::Zh, false) => format!("填报单位：{organisation}　　{when}"),
            (Lang::En, false) => format!("From: {organisation}    {when}"),
        }
    }

    /// `本表列出 5 项`: how many tasks a filtered sheet lists, beside the ledger's totals.
    pub fn sheet_listed(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("本表列出 {count} 项"),
            Lang::En => format!("this sheet lists {count}"),
        }
    }

    /// The header of a column of the printed sheet, broken where a person would break it;
    /// `folded`: of the layout that puts what can share a cell together.
    pub fn sheet_header(self, key: &str, folded: bool) -> &'static str {
        let zh = self == Lang::Zh;
        match (key, folded) {
            ("number", _) if zh => "序号",
            ("number", _) => "No.",
            ("problem" | "title", _) if zh => "反馈问题",
            ("problem" | "title", _) => "Problem",
            ("code", _) if zh => "问题\n编号",
            ("code", _) => "Code",
            ("category", _) if zh => "问题\n类别",
            ("category", _) => "Category",
            ("lead", _) if zh => "牵头单位",
            ("lead", _) => "Lead unit",
            ("measure", _) if zh => "整改措施",
            ("measure", _) => "Measure",
            ("unit", true) if zh => "责任单位\n（配合单位）",
            ("unit", true) => "Responsible unit\n(supporting)",
            ("unit", false) if zh => "责任单位",
            ("unit", false) => "Responsible unit",
            ("support", _) if zh => "配合单位",
            ("support", _) => "Supporting units",
            ("person", _) if zh => "责任人",
            ("person", _) => "Person",
            ("deadline", _) if zh => "整改\n时限",
            ("deadline", _) => "Deadline",
            ("progress", _) if zh => "整改进展",
            ("progress", _) => "Progress",
            ("status", true) if zh => "状态\n（销号）",
            ("status", true) => "Status\n(closed)",
            ("status", false) if zh => "状态",
            ("status", false) => "Status",
            ("closed_on", _) if zh => "销号\n时间",
            ("closed_on", _) => "Closed on",
            (_, _) if zh => "备注",
            (_, _) => "Remark",
        }
    }

    /// `附件1`.
    pub fn sheet_attachment(self, mark: &str) -> String {
        match self {
            Lang::Zh => format!("附件{mark}"),
            Lang::En => format!("Attachment {mark}"),
        }
    }
}

/// The place an organisation is of: its name up to the first 市, 县 or 区 (`安康市`).
fn place_of(organisation: &str) -> Option<&str> {
    let end = organisation.find(['市', '县', '区'])?;
    let place = &organisation[..end + '市'.len_utf8()];
    (place.chars().count() >= 2).then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_say_whose_sheet_and_what_it_lists() {
        let zh = Lang::Zh;
        assert_eq!(
            zh.sheet_title("省“双打”工作督查反馈意见整改台账", "安康市“双打”办", None),
            "安康市落实省“双打”工作督查反馈意见整改台账"
        );
        assert_eq!(
            zh.sheet_title("安康市整改台账", "安康市“双打”办", Some("逾期")),
            "安康市整改台账（逾期）"
        );
        assert_eq!(zh.sheet_title("整改台账", "", None), "整改台账");
        assert_eq!(place_of("石泉县“双打”办"), Some("石泉县"));
        assert_eq!(place_of("“双打”办"), None);
    }
}
