//! The words of the report on the rectification (整改情况报告): its title, headings and the
//! sentences each section is made of.

use std::path::Path;

use chrono::NaiveDate;

use super::Lang;
use crate::model::Tally;

labels! {
    draft_overall => "一、总体情况", "1. Overview";
    draft_each => "二、逐项整改情况", "2. Problem by problem";
    draft_issues => "三、存在的问题", "3. What remains";
    draft_next => "四、下一步工作打算", "4. Next steps";
    draft_placeholder => "【待填写：下一步工作打算，如压实整改责任、建立长效机制、组织“回头看”等。】",
        "[To be written: next steps.]";
    draft_done => "该问题已完成整改。", "This problem is rectified.";
}

sentences! {
    draft_title(inspection: &str) => "关于落实{inspection}整改情况的报告",
        "Report on the rectification of {inspection}";
    draft_addressee(issuer: &str) => "{issuer}：", "To {issuer}:";
    draft_in_progress(total: u32, closed: u32) => "该问题正在整改，{total}项任务中已销号{closed}项。",
        "This problem is being rectified: {closed} of its {total} tasks closed.";
    draft_no_progress(unit: &str) => "{unit}尚未报送进展", "{unit} has reported nothing";
    draft_file_name(day: &str) => "整改情况报告-{day}", "rectification-report-{day}";
}

impl Lang {
    /// The default file name of the report of `day`, without extension.
    pub fn draft_file(self, day: NaiveDate) -> String {
        self.draft_file_name(&day.format("%Y%m%d").to_string())
    }

    pub fn draft_written(self, path: &Path) -> String {
        match self {
            Lang::Zh => format!("已生成整改情况报告初稿 {}。", path.display()),
            Lang::En => format!("The draft report is in {}.", path.display()),
        }
    }

    /// `一是`, `二是` … (`1.` in English): how a list of measures counts.
    pub fn draft_ordinal(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("{}是", chinese_number(n)),
            Lang::En => format!("{n}. "),
        }
    }

    /// `（一）`: a second-level heading's number.
    pub fn draft_sub(self, n: usize, text: &str) -> String {
        match self {
            Lang::Zh => format!("（{}）{text}", chinese_number(n)),
            Lang::En => format!("({n}) {text}"),
        }
    }

    /// `关于“…”的问题`.
    pub fn draft_problem(self, title: &str) -> String {
        match self {
            Lang::Zh => format!("关于{}的问题", quoted(title)),
            Lang::En => format!("On “{title}”"),
        }
    }

    /// The overview: the problems by category, the tasks by status, the completion rate.
    pub fn draft_summary(
        self,
        as_of: NaiveDate,
        problems: &[(String, usize)],
        problems_done: usize,
        tally: &Tally,
    ) -> String {
        let total: usize = problems.iter().map(|(_, n)| n).sum();
        let day = self.long_date(as_of);
        let rate = super::percent(tally.completion_rate());
        let open = tally.in_progress + tally.not_started;
        match self {
            Lang::Zh => {
                let kinds: Vec<String> =
                    problems.iter().map(|(k, n)| format!("{k}{n}个")).collect();
                format!(
                    "反馈问题共{total}个（{}），细化为整改任务{}项。截至{day}，已完成整改并销号{}项，\
                     待销号{}项，正在整改{open}项（其中逾期{}项），长期坚持{}项，完成率{rate}；\
                     {problems_done}个问题已全部完成整改。",
                    kinds.join("、"),
                    tally.tasks,
                    tally.closed,
                    tally.submitted,
                    tally.overdue,
                    tally.ongoing,
                )
            }
            Lang::En => {
                let kinds: Vec<String> = problems.iter().map(|(k, n)| format!("{n} {k}")).collect();
                format!(
                    "The feedback raised {total} problems ({}), split into {} tasks. As of {day}, {} \
                     are closed, {} await verification, {open} are in hand ({} of them overdue) and \
                     {} are ongoing: {rate} complete. {problems_done} problems are wholly rectified.",
                    kinds.join(", "),
                    tally.tasks,
                    tally.closed,
                    tally.submitted,
                    tally.overdue,
                    tally.ongoing,
                )
            }
        }
    }

    /// One unit's overdue tasks, before the list of them.
    pub fn draft_unit_overdue(self, unit: &str, count: usize) -> String {
        match self {
            Lang::Zh => format!("{unit}：{count}项任务逾期未完成。"),
            Lang::En => format!("{unit}: {count} tasks overdue. "),
        }
    }

    /// An overdue task: its problem, measure, deadline and days past it.
    pub fn draft_overdue_item(
        self,
        code: &str,
        measure: &str,
        deadline: NaiveDate,
        days: i64,
    ) -> String {
        let deadline = crate::date::format(deadline);
        match self {
            Lang::Zh => format!(
                "{code}{}，整改时限{deadline}，已逾期{days}天",
                quoted(measure)
            ),
            Lang::En => format!("{code} “{measure}”, due {deadline}, {days} days overdue"),
        }
    }

    /// The sentence when nothing is overdue.
    pub fn draft_none_overdue(self, as_of: NaiveDate) -> String {
        match self {
            Lang::Zh => format!("截至{}，无逾期未完成的整改任务。", self.long_date(as_of)),
            Lang::En => format!("As of {}, no task is overdue.", self.long_date(as_of)),
        }
    }
}

/// `text` in double quotes, its own double quotes made single (`“维护“侵权假冒网””` is
/// written `“维护‘侵权假冒网’”`).
fn quoted(text: &str) -> String {
    format!("“{}”", text.replace('“', "‘").replace('”', "’"))
}

/// 1 → 一, 12 → 十二, 40 → 四十; past 99 the figures.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (47, "四十七"),
            (100, "100"),
        ];
        for (n, text) in cases {
            assert_eq!(chinese_number(n), text);
        }
        assert_eq!(Lang::Zh.draft_ordinal(3), "三是");
        assert_eq!(Lang::Zh.draft_sub(11, "关于"), "（十一）关于");
        assert_eq!(
            Lang::Zh.draft_problem("维护和管理“侵权假冒网”不达标"),
            "关于“维护和管理‘侵权假冒网’不达标”的问题"
        );
    }
}
