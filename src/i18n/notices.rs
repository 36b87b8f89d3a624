//! The words of an urge notice (催办单): its number, its opening, its table, the request, the
//! reply slip (回执), and what the command says of the notices it issued.

use chrono::{Datelike, NaiveDate};

use super::Lang;
use crate::model::Light;

labels! {
    notice_title => "催　办　单", "URGE NOTICE";
    notice_default_prefix => "催办", "Urge";
    notice_no_progress => "（未报送进展）", "(nothing reported)";
    notice_cut => "✂ - - - - - 请沿此线剪下，填写后报回 - - - - - ✂",
        "✂ - - - - - cut here, fill in and send back - - - - - ✂";
    notice_receipt => "回　执", "REPLY SLIP";
}

sentences! {
    notice_addressee(unit: &str) => "{unit}：", "To: {unit}";
    notice_number(prefix: &str, year: i32, seq: i64) => "{prefix}〔{year}〕{seq}号",
        "{prefix} [{year}] No. {seq}";
    notice_file(year: i32, seq: i64, unit: &str) => "催办单{year}-{seq}号-{unit}", "urge-{year}-{seq}-{unit}";
    notice_written(count: usize, folder: &str) => "已印发催办单 {count} 份，在 {folder}：",
        "{count} urge notices issued, in {folder}:";
    notice_line(number: &str, unit: &str, red: usize, yellow: usize, file: &str) =>
        "  {number}  {unit}（逾期 {red} 项，临期 {yellow} 项）  {file}",
        "  {number}  {unit} ({red} overdue, {yellow} due soon)  {file}";
}

impl Lang {
    /// `2019年12月26日`.
    pub fn long_date(self, day: NaiveDate) -> String {
        match self {
            Lang::Zh => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
            Lang::En => day.format("%-d %B %Y").to_string(),
        }
    }

    /// What the notice is about, before its table.
    pub fn notice_opening(
        self,
        inspection: &str,
        as_of: NaiveDate,
        red: usize,
        yellow: usize,
    ) -> String {
        let day = self.long_date(as_of);
        match self {
            Lang::Zh => {
                let counts = match (red, yellow) {
                    (0, y) => format!("{y}项临近整改时限"),
                    (r, 0) => format!("{r}项已超过整改时限"),
                    (r, y) => format!("{r}项已超过整改时限、{y}项临近整改时限"),
                };
                format!("截至{day}，你单位承担的{inspection}整改任务中，有{counts}，具体如下：")
            }
            Lang::En => format!(
                "As of {day}, of the tasks your unit owns in rectifying {inspection}, {red} are past \
                 their deadline and {yellow} are close to it:"
            ),
        }
    }

    /// The table's header: 序号, 问题, 整改措施, 整改时限, 逾期/剩余, 最新进展.
    pub fn notice_headers(self) -> [&'static str; 6] {
        match self {
            Lang::Zh => [
                "序号",
                "问题",
                "整改措施",
                "整改时限",
                "逾期/剩余",
                "最新进展",
            ],
            Lang::En => [
                "No.",
                "Problem",
                "Measure",
                "Deadline",
                "Overdue / left",
                "Latest progress",
            ],
        }
    }

    /// `逾期 12 天` for a red task, `剩余 3 天` for a yellow one.
    pub fn notice_days(self, light: Light, days: i64) -> String {
        match (self, light) {
            (Lang::Zh, Light::Red) => format!("逾期{days}天"),
            (Lang::Zh, _) => format!("剩余{days}天"),
            (Lang::En, Light::Red) => format!("{days} days overdue"),
            (Lang::En, _) => format!("{days} days left"),
        }
    }

    /// The request: report by `due`, to the office.
    pub fn notice_request(self, due: NaiveDate, organisation: &str) -> String {
        let to = if organisation.is_empty() {
            match self {
                Lang::Zh => "我办".to_string(),
                Lang::En => "us".to_string(),
            }
        } else {
            organisation.to_string()
        };
        match self {
            Lang::Zh => format!(
                "请你单位高度重视，压实整改责任，加快整改进度，于{}月{}日前将整改进展及佐证材料报送{to}。",
                due.month(),
                due.day()
            ),
            Lang::En => format!(
                "Please speed the work up and report your progress, with its evidence, to {to} by {}.",
                self.long_date(due)
            ),
        }
    }

    /// The reply slip's rows: what the unit fills in.
    pub fn notice_receipt_rows(self) -> [&'static str; 5] {
        match self {
            Lang::Zh => [
                "签收单位",
                "签收人",
                "签收日期",
                "联系电话",
                "整改进展及下一步计划",
            ],
            Lang::En => [
                "Unit",
                "Received by",
                "Date",
                "Telephone",
                "Progress and next steps",
            ],
        }
    }

    /// The reply slip's first row: which notice it answers.
    pub fn notice_receipt_of(self) -> &'static str {
        match self {
            Lang::Zh => "催办单编号",
            Lang::En => "Notice number",
        }
    }

    /// What `notice` says when no unit has a red or yellow task.
    pub fn notice_none(self, as_of: NaiveDate) -> String {
        match self {
            Lang::Zh => format!(
                "截至{}，没有单位有逾期或临期的任务，未印发催办单。",
                self.long_date(as_of)
            ),
            Lang::En => format!(
                "As of {}, no unit has a task overdue or due soon: no notice issued.",
                self.long_date(as_of)
            ),
        }
    }
}
