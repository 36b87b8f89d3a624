//! The values of an office's 台账 as its cells write them: deadlines (a date cell, `2019-12-31`,
//! `2019年12月31日`, `2019.12`, `2019年12月底`, `12月底前`, `年底前`, `长期坚持`, `立行立改`),
//! statuses (`已完成`, `是`, `整改中（逾期）`), several units in one cell, and progress that
//! begins with its date.

use chrono::{Datelike, NaiveDate};

use super::grid::{Cell, serial_date};
use crate::model::Status;

/// What a deadline cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Day(NaiveDate),
    /// 长期坚持: kept up without end.
    Ongoing,
    /// `2019-12-31 → 2020-01-15（延期）`, as our own sheet writes an extension.
    Extended {
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_next.pred_opt()
}

/// The year a deadline without one is in: the round's, or today's when there is no round.
#[derive(Debug, Clone, Copy)]
pub struct Base {
    /// The round's feedback date.
    pub round: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// `day` in the year of the round, or the next year when that day has passed by the feedback
/// date (a feedback of December that asks for 6月底前 means the coming June); without a round,
/// in this year.
fn after(base: Base, month: u32, day: Option<u32>) -> Option<NaiveDate> {
    let on = |year: i32| match day {
        Some(day) => NaiveDate::from_ymd_opt(year, month, day),
        None => month_end(year, month),
    };
    let Some(feedback) = base.round else {
        return on(base.today.year());
    };
    let this = on(feedback.year())?;
    if this < feedback {
        on(feedback.year() + 1)
    } else {
        Some(this)
    }
}

fn number(text: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (digits.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A deadline written as text, relative to `base` (the round's feedback date) and `today`.
fn deadline_text(text: &str, base: Base) -> Option<Deadline> {
    let today = base.today;
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((from, to)) = text.split_once('→') {
        return match (deadline_text(from, base)?, deadline_text(to, base)?) {
            (Deadline::Day(from), Deadline::Day(to)) if to > from => {
                Some(Deadline::Extended { from, to })
            }
            _ => None,
        };
    }
    // a remark in parentheses, and 前 / 之前 / 以前, say nothing of the day
    let text = match text.find(['（', '(']) {
        Some(at) if at > 0 => &text[..at],
        _ => text.as_str(),
    };
    let text = ["之前", "以前", "前"]
        .iter()
        .find_map(|s| text.strip_suffix(s))
        .unwrap_or(text);
    match text {
        "长期坚持" | "长期" | "持续推进" | "持续整改" | "常态化" | "长期推进" =>
        {
            return Some(Deadline::Ongoing);
        }
        "立行立改" | "立即整改" | "即知即改" | "立即" => {
            return Some(Deadline::Day(today));
        }
        "年底" | "年内" | "年末" | "本年底" | "今年底" | "当年底" => {
            return after(base, 12, Some(31)).map(Deadline::Day);
        }
        "上半年" | "年中" => return after(base, 6, Some(30)).map(Deadline::Day),
        "下半年" => return after(base, 12, Some(31)).map(Deadline::Day),
        _ => {}
    }
    if let Ok(day) = crate::date::parse(text, today) {
        return Some(Deadline::Day(day));
    }
    let day = |year: i32, month: &str, day: Option<&str>| -> Option<NaiveDate> {
        let month = number(month, 1..=2)?;
        match day {
            Some(d) => NaiveDate::from_ymd_opt(year, month, number(d, 1..=2)?),
            None => month_end(year, month),
        }
    };
    // with a year: 2019年12月底, 2019年12月, 2019年底, 2019.12, 2019-12, 2019/12
    if let Some((year, rest)) = text.split_once('年') {
        let year = number(year, 4..=4)? as i32;
        let rest = rest.trim_end_matches(['底', '末', '内']);
        if rest.is_empty() {
            return NaiveDate::from_ymd_opt(year, 12, 31).map(Deadline::Day);
        }
        let rest = rest.strip_suffix('日').unwrap_or(rest);
        return match rest.split_once('月') {
            Some((month, "")) => day(year, month, None),
            Some((month, d)) => day(year, month, Some(d)),
            None => day(year, rest, None),
        }
        .map(Deadline::Day);
    }
    for separator in ['.', '-', '/'] {
        if let Some((year, month)) = text.split_once(separator)
            && let Some(year) = number(year, 4..=4)
        {
            return day(year as i32, month, None).map(Deadline::Day);
        }
    }
    // without one: 12月底, 12月31日, 12月 — in the year of the feedback, or the next
    let rest = text.strip_suffix('日').unwrap_or(text);
    let rest = rest.trim_end_matches(['底', '末']);
    let (month, d) = rest.split_once('月')?;
    let month = number(month, 1..=2)?;
    let d = if d.is_empty() {
        None
    } else {
        Some(number(d, 1..=2)?)
    };
    after(base, month, d).map(Deadline::Day)
}

/// A deadline cell: a date cell, an Excel serial number (a sheet that lost the date format on
/// the way), or text; `None` when it says nothing the ledger can read.
pub fn deadline(cell: &Cell, base: Base) -> Option<Deadline> {
    match cell {
        Cell::Date(day) => Some(Deadline::Day(*day)),
        Cell::Number(n) if (20_000.0..80_000.0).contains(n) => serial_date(*n).map(Deadline::Day),
        other => deadline_text(&other.text(), base),
    }
    .filter(|d| match d {
        Deadline::Day(day) => crate::date::in_range(*day),
        Deadline::Extended { from, to } => {
            crate::date::in_range(*from) && crate::date::in_range(*to)
        }
        Deadline::Ongoing => true,
    })
}

/// A date cell (销号时间, a progress date): a date cell, a serial number or a date as text.
pub fn date(cell: &Cell, today: NaiveDate) -> Option<NaiveDate> {
    match cell {
        Cell::Date(day) => Some(*day),
        Cell::Number(n) if (20_000.0..80_000.0).contains(n) => serial_date(*n),
        other => crate::date::parse(&other.text(), today).ok(),
    }
}

/// A status as offices write it; `None` when it is none the ledger knows.
pub fn status(text: &str) -> Option<Status> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // our own sheet adds （逾期） or （临期） to the status
    let text = match text.find(['（', '(']) {
        Some(at) if at > 0 => &text[..at],
        _ => text.as_str(),
    };
    let status = match text {
        "已销号" | "已完成" | "完成" | "已整改" | "整改完成" | "已整改完成" | "是" | "√" | "✓"
        | "已办结" | "办结" => Status::Closed,
        "待销号" | "申请销号" | "已提交" | "待验收" => Status::Submitted,
        "整改中" | "正在整改" | "推进中" | "进行中" | "未完成" | "否" | "部分完成" | "×" => {
            Status::InProgress
        }
        "未启动" | "未开始" | "未整改" => Status::NotStarted,
        "长期坚持" | "持续推进" | "长期" | "常态化" => Status::Ongoing,
        other => return crate::i18n::parse_status(other),
    };
    Some(status)
}

/// The units of one cell: `汉滨区、汉阴县`, one per line, or separated by commas or spaces; each
/// once, in the order written.
pub fn units(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let separators = [
        '、', '，', ',', '；', ';', '\n', '/', '／', ' ', '\u{3000}', '\t',
    ];
    for name in text
        .split(separators)
        .map(strip_role)
        .filter(|n| !n.is_empty())
    {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// A unit's name less the role a sheet writes beside it: `市公安局（牵头）`, `汉滨区(配合)`.
fn strip_role(name: &str) -> &str {
    let name = name.trim();
    for role in ["牵头", "配合", "主责", "负责", "协办"] {
        for (open, close) in [('（', '）'), ('(', ')')] {
            if let Some(rest) = name.strip_suffix(close)
                && let Some(rest) = rest.strip_suffix(role)
                && let Some(rest) = rest.strip_suffix(open)
            {
                return rest.trim();
            }
        }
    }
    name
}

/// Progress that begins with its date (`2019-12-20 已开展检查12次`, as our sheet writes it, or
/// `2019年12月20日，…`): the date and the rest; else no date and the whole text.
pub fn progress(text: &str, today: NaiveDate) -> (Option<NaiveDate>, String) {
    let text = text.trim();
    let split = text
        .find(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '：' | ':'))
        .map(|at| (&text[..at], &text[at..]));
    if let Some((head, rest)) = split
        && let Ok(day) = crate::date::parse(head, today)
        && head.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        let rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '，' | ',' | '：' | ':')
        });
        if !rest.is_empty() {
            return (Some(day), rest.to_string());
        }
    }
    (None, text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::date::from_stored(text).unwrap()
    }

    #[test]
    fn deadlines_as_offices_write_them() {
        let base = Base {
            round: Some(day("2019-12-03")),
            today: day("2019-12-26"),
        };
        let read = |text: &str| deadline(&Cell::Text(text.into()), base);
        let on = |text: &str| Some(Deadline::Day(day(text)));
        assert_eq!(read("2019-12-31"), on("2019-12-31"));
        assert_eq!(read("2019年12月31日"), on("2019-12-31"));
        assert_eq!(read("2019年12月31日前"), on("2019-12-31"));
        assert_eq!(read("2019.12"), on("2019-12-31"));
        assert_eq!(read("2020.2"), on("2020-02-29"));
        assert_eq!(read("2019年12月底"), on("2019-12-31"));
        assert_eq!(read("2020年6月底前"), on("2020-06-30"));
        assert_eq!(read("2020年底"), on("2020-12-31"));
        assert_eq!(read("12月底前"), on("2019-12-31"));
        assert_eq!(read("6月底前"), on("2020-06-30"), "the coming June");
        assert_eq!(read("12月20日"), on("2019-12-20"));
        assert_eq!(read("年底前"), on("2019-12-31"));
        assert_eq!(read("年内"), on("2019-12-31"));
        assert_eq!(read("长期坚持"), Some(Deadline::Ongoing));
        assert_eq!(read("立行立改"), on("2019-12-26"));
        assert_eq!(read("2019年12月31日（已完成）"), on("2019-12-31"));
        assert_eq!(
            read("2019-12-31 → 2020-01-15（延期）"),
            Some(Deadline::Extended {
                from: day("2019-12-31"),
                to: day("2020-01-15")
            })
        );
        assert_eq!(read("2020-01-15 → 2019-12-31"), None);
        assert_eq!(read("下个月"), None);
        assert_eq!(read("2019年13月"), None);
        assert_eq!(read("3000年1月"), None);
        assert_eq!(read(""), None);
        assert_eq!(
            deadline(&Cell::Date(day("2019-12-31")), base),
            on("2019-12-31")
        );
        assert_eq!(deadline(&Cell::Number(43830.0), base), on("2019-12-31"));
        assert_eq!(deadline(&Cell::Number(12.0), base), None);
        // without a round, the year of today, passed or not
        let alone = Base {
            round: None,
            ..base
        };
        let text = Cell::Text("6月底前".into());
        assert_eq!(deadline(&text, alone), on("2019-06-30"));
    }

    #[test]
    fn statuses_units_and_dated_progress() {
        assert_eq!(status("已完成"), Some(Status::Closed));
        assert_eq!(status("是"), Some(Status::Closed));
        assert_eq!(status("未启动（临期）"), Some(Status::NotStarted));
        assert_eq!(status("整改中（逾期）"), Some(Status::InProgress));
        assert_eq!(status("长期坚持"), Some(Status::Ongoing));
        assert_eq!(status("submitted"), Some(Status::Submitted));
        assert_eq!(status("差不多"), None);
        assert_eq!(units("汉滨区、汉阴县"), ["汉滨区", "汉阴县"]);
        assert_eq!(units("汉滨区\n汉阴县\n汉滨区"), ["汉滨区", "汉阴县"]);
        assert_eq!(
            units(" 市公安局，市农业农村局 "),
            ["市公安局", "市农业农村局"]
        );
        assert_eq!(
            units("市公安局（牵头）、汉滨区(配合)"),
            ["市公安局", "汉滨区"]
        );
        let today = day("2019-12-26");
        assert_eq!(
            progress("2019-12-20 已开展检查12次", today),
            (Some(day("2019-12-20")), "已开展检查12次".into())
        );
        assert_eq!(
            progress("2019年12月20日，召开专题会", today),
            (Some(day("2019-12-20")), "召开专题会".into())
        );
        assert_eq!(progress("已开展检查", today), (None, "已开展检查".into()));
        assert_eq!(progress("12 次检查", today), (None, "12 次检查".into()));
    }
}
