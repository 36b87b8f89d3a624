//! Dates as people type them: `2019-12-31`, `2019/12/31`, `2019.12.31`, `20191231`,
//! `2019年12月31日`, `today`/`今天`, and offsets from today such as `+7d`, `-3d` or `+2w`.
//! Month and day may have one digit (`2019-1-5`, `2019年1月5日`).

use chrono::{Datelike, Days, NaiveDate};

/// Text that is not a date in any accepted form; carries the text for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

/// The years a ledger date may fall in; anything outside is a typing slip (and SQLite's date
/// functions, which the schema checks with, know only years 0000–9999).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// Whether a date lies in the years a ledger keeps (`YEARS`).
pub fn in_range(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

/// The words that give a measure no deadline (长期坚持: kept up without end).
pub const NO_DEADLINE: [&str; 3] = ["长期坚持", "ongoing", "none"];

/// Parses a deadline (整改时限): a date as `parse` reads it, or `长期坚持` (also `ongoing`,
/// `none`) for a measure without one.
pub fn parse_deadline(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, BadDate> {
    let word = text.trim().to_lowercase();
    if NO_DEADLINE.contains(&word.as_str()) {
        return Ok(None);
    }
    parse(text, today).map(Some)
}

/// Parses `text` relative to `today` (used by `today` and offsets).
pub fn parse(text: &str, today: NaiveDate) -> Result<NaiveDate, BadDate> {
    let trimmed = text.trim();
    parse_inner(trimmed, today)
        .filter(|d| in_range(*d))
        .ok_or_else(|| BadDate(text.to_string()))
}

fn parse_inner(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    match text.to_lowercase().as_str() {
        "today" | "今天" | "今日" => return Some(today),
        _ => {}
    }
    if let Some(date) = parse_offset(text, today) {
        return Some(date);
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&text[0..4], &text[4..6], &text[6..8]);
    }
    if let Some(rest) = text.strip_suffix('日') {
        let (year, rest) = rest.split_once('年')?;
        let (month, day) = rest.split_once('月')?;
        return ymd(year, month, day);
    }
    for separator in ['-', '/', '.'] {
        let parts: Vec<&str> = text.split(separator).collect();
        if let [year, month, day] = parts[..] {
            return ymd(year, month, day);
        }
    }
    None
}

/// `+7d`, `-3d`, `+2w` (the sign is required so that a bare number is never taken as a date).
fn parse_offset(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (forward, rest) = match text.chars().next()? {
        '+' => (true, &text[1..]),
        '-' => (false, &text[1..]),
        _ => return None,
    };
    let (number, per_unit) = if let Some(n) = rest.strip_suffix(['d', 'D', '天']) {
        (n, 1)
    } else if let Some(n) = rest.strip_suffix(['w', 'W', '周']) {
        (n, 7)
    } else {
        return None;
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days = Days::new(number.parse::<u64>().ok()?.checked_mul(per_unit)?);
    if forward {
        today.checked_add_days(days)
    } else {
        today.checked_sub_days(days)
    }
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(year, 4, 4) || !digits(month, 1, 2) || !digits(day, 1, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The stored form, `YYYY-MM-DD`.
pub fn format(date: NaiveDate) -> String {
    let mut text = String::with_capacity(10);
    push(&mut text, date);
    text
}

/// `format(date)`, appended to `out`.
pub fn push(out: &mut String, date: NaiveDate) {
    // by hand, as `from_stored` reads it: a period's JSON writes a quarter million dates, and
    // chrono's formatter spent a tenth of that (Rust's own formatting, a tenth of `list`)
    use chrono::Datelike;
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    match date.year() {
        year @ 0..=9999 => {
            let year = year.unsigned_abs();
            out.extend([year / 1000, year / 100, year / 10, year].map(digit));
            out.push('-');
            out.extend([date.month() / 10, date.month()].map(digit));
            out.push('-');
            out.extend([date.day() / 10, date.day()].map(digit));
        }
        _ => out.push_str(&date.format("%Y-%m-%d").to_string()),
    }
}

/// Reads the stored form back; the schema guarantees it, so failure means a damaged ledger.
/// Read by hand: a load of 100,000 tasks reads 200,000 dates, and chrono's format parser spent
/// a tenth of that load.
pub fn from_stored(text: &str) -> Option<NaiveDate> {
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    match text.as_bytes() {
        [year @ .., b'-', m1, m2, b'-', d1, d2] if year.len() == 4 => NaiveDate::from_ymd_opt(
            i32::try_from(number(year)?).ok()?,
            number(&[*m1, *m2])?,
            number(&[*d1, *d2])?,
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_accepted_form() {
        let today = day(2019, 12, 3);
        let expected = day(2019, 12, 31);
        for text in [
            "2019-12-31",
            "2019/12/31",
            "2019.12.31",
            "20191231",
            "2019年12月31日",
            " 2019-12-31 ",
        ] {
            assert_eq!(parse(text, today), Ok(expected), "{text}");
        }
        assert_eq!(parse("2020-1-5", today), Ok(day(2020, 1, 5)));
        assert_eq!(parse("2020年1月5日", today), Ok(day(2020, 1, 5)));
        assert_eq!(parse("today", today), Ok(today));
        assert_eq!(parse("今天", today), Ok(today));
        assert_eq!(parse("+7d", today), Ok(day(2019, 12, 10)));
        assert_eq!(parse("+28d", today), Ok(expected));
        assert_eq!(parse("-3d", today), Ok(day(2019, 11, 30)));
        assert_eq!(parse("+2w", today), Ok(day(2019, 12, 17)));
    }

    #[test]
    fn anything_else_is_refused() {
        let today = day(2019, 12, 3);
        for text in [
            "2019-13-01",
            "2019-02-30",
            "明天见",
            "",
            "7d",
            "+d",
            "+7",
            "2019-12",
            "19-12-31",
            "2019-12-31-1",
            "2019年12月31",
            "2019/12-31",
            "201912310",
            "+99999999999999999999d",
            "+3000000d",
            "-800000d",
            "1899-12-31",
            "3000-01-01",
        ] {
            assert_eq!(parse(text, today), Err(BadDate(text.to_string())), "{text}");
        }
    }

    #[test]
    fn stored_form_round_trips() {
        let d = day(2019, 1, 5);
        assert_eq!(format(d), "2019-01-05");
        assert_eq!(from_stored("2019-01-05"), Some(d));
        assert_eq!(from_stored("2999-12-31"), Some(day(2999, 12, 31)));
        assert_eq!(from_stored("2020-02-29"), Some(day(2020, 2, 29)));
    }

    /// Written by hand as chrono writes it, from year 0 to beyond 9999.
    #[test]
    fn the_stored_form_is_chronos() {
        for (y, m, d) in [
            (0, 1, 1),
            (7, 2, 3),
            (99, 10, 10),
            (999, 12, 31),
            (2019, 1, 5),
        ] {
            let date = day(y, m, d);
            assert_eq!(format(date), date.format("%Y-%m-%d").to_string());
        }
        for date in [day(9999, 12, 31), day(10000, 1, 1), day(-1, 6, 30)] {
            let mut out = String::from("前");
            push(&mut out, date);
            assert_eq!(out, format!("前{}", date.format("%Y-%m-%d")));
        }
    }

    #[test]
    fn anything_but_the_stored_form_is_not_read() {
        for text in [
            "",
            "2019-1-05",
            "2019-01-5",
            "19-01-05",
            "2019/01/05",
            "2019-02-30",
            "2019-13-01",
            "2019-00-10",
            "２０１９-01-05",
            "2019-01-05 ",
            "+019-01-05",
            "2019-0a-05",
        ] {
            assert_eq!(from_stored(text), None, "{text:?}");
        }
    }
}
