//! Plain types of the domain and its rules: status moves, lights, overdue, completion rate and the
//! derived state of a problem. No I/O, no SQL, no terminal; nothing of ours is imported here.
//! The enumerations, status moves and the clock are here; `records` holds the records of a
//! ledger, `stats` what is counted from them, `rules` what a text or a number must be.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

mod line;
mod period;
mod records;
mod rules;
mod settings;
mod stats;

pub use line::*;
pub use period::*;
pub use records::*;
pub use rules::*;
pub use settings::*;
pub use stats::*;

/// An enumeration stored and exchanged as a stable English key.
pub trait Key: Sized + Copy + 'static {
    const ALL: &'static [Self];

    fn key(self) -> &'static str;

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.key() == key)
    }
}

/// The status of a task, as stored. The English keys are the stored and exchanged form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Submitted,
    Ongoing,
    Closed,
}

impl Key for Status {
    const ALL: &'static [Status] = &[
        Status::NotStarted,
        Status::InProgress,
        Status::Submitted,
        Status::Ongoing,
        Status::Closed,
    ];

    fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Submitted => "submitted",
            Status::Ongoing => "ongoing",
            Status::Closed => "closed",
        }
    }
}

impl Status {
    /// Work on the task still has to be done by the unit (§2's "open" statuses): only these can
    /// run late. Not the same as "not closed" (未销号), which also counts 待销号 and 长期坚持.
    pub fn needs_work(self) -> bool {
        matches!(self, Status::NotStarted | Status::InProgress)
    }

    pub fn is_closed(self) -> bool {
        self == Status::Closed
    }
}

/// What kind of move a status change is; each command allows some kinds only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The unit reports: start, submit, mark ongoing, or resume an ongoing measure.
    Advance,
    /// 销号 by the office; needs a note.
    Close,
    /// 退回: submitted back to in progress; needs a reason.
    Return,
    /// 回头看: closed back to in progress; needs a reason.
    Reopen,
}

/// The rules of §2. `None` means the move is forbidden.
pub fn classify_move(from: Status, to: Status) -> Option<Move> {
    use Status::*;
    match (from, to) {
        (NotStarted | InProgress, InProgress | Submitted | Ongoing) => Some(Move::Advance),
        (Ongoing, InProgress) => Some(Move::Advance),
        (NotStarted | InProgress | Submitted | Ongoing, Closed) => Some(Move::Close),
        (Submitted, InProgress) => Some(Move::Return),
        (Closed, InProgress) => Some(Move::Reopen),
        _ => None,
    }
}

/// Problem category (问题类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Shared,
    Weak,
    Other,
}

impl Key for Category {
    const ALL: &'static [Category] = &[Category::Shared, Category::Weak, Category::Other];

    fn key(self) -> &'static str {
        match self {
            Category::Shared => "shared",
            Category::Weak => "weak",
            Category::Other => "other",
        }
    }
}

/// Kind of unit (单位类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    County,
    Department,
    Office,
    Other,
}

impl Key for UnitKind {
    const ALL: &'static [UnitKind] = &[
        UnitKind::County,
        UnitKind::Department,
        UnitKind::Office,
        UnitKind::Other,
    ];

    fn key(self) -> &'static str {
        match self {
            UnitKind::County => "county",
            UnitKind::Department => "department",
            UnitKind::Office => "office",
            UnitKind::Other => "other",
        }
    }
}

/// The traffic light of an open task (红/黄/绿灯). Ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Key for Light {
    const ALL: &'static [Light] = &[Light::Red, Light::Yellow, Light::Green];

    fn key(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
}

/// The "as of" day and the ledger's warning window: everything a light depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub today: NaiveDate,
    pub warn_days: u32,
}

impl Clock {
    pub const DEFAULT_WARN_DAYS: u32 = 7;

    /// 逾期: still open and the deadline has passed. A measure without a deadline (长期坚持)
    /// is never late.
    pub fn is_overdue(&self, status: Status, deadline: Option<NaiveDate>) -> bool {
        status.needs_work() && deadline.is_some_and(|d| d < self.today)
    }

    /// How many days an overdue task is late (逾期 N 天); none when it is not overdue.
    pub fn days_overdue(&self, status: Status, deadline: Option<NaiveDate>) -> Option<i64> {
        let deadline = deadline.filter(|_| self.is_overdue(status, deadline))?;
        Some((self.today - deadline).num_days())
    }

    /// 红 overdue; 黄 open and due within `warn_days`; 绿 open and on track (or with no deadline
    /// to keep); none otherwise.
    pub fn light(&self, status: Status, deadline: Option<NaiveDate>) -> Option<Light> {
        match deadline {
            _ if !status.needs_work() => None,
            Some(d) if d < self.today => Some(Light::Red),
            Some(d) if d <= self.warn_until() => Some(Light::Yellow),
            _ => Some(Light::Green),
        }
    }

    /// The last day that still counts as "due soon".
    pub fn warn_until(&self) -> NaiveDate {
        self.today
            .checked_add_days(Days::new(u64::from(self.warn_days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn serde_names_are_the_stored_keys() {
        fn same<K: Key + Serialize>() {
            for value in K::ALL {
                assert_eq!(serde_json::to_value(value).unwrap(), value.key());
                assert_eq!(K::from_key(value.key()).map(|v| v.key()), Some(value.key()));
            }
        }
        same::<Status>();
        same::<Category>();
        same::<UnitKind>();
        same::<Light>();
    }

    #[test]
    fn moves_follow_the_rules() {
        use Status::*;
        assert_eq!(classify_move(NotStarted, InProgress), Some(Move::Advance));
        assert_eq!(classify_move(InProgress, Submitted), Some(Move::Advance));
        assert_eq!(classify_move(NotStarted, Ongoing), Some(Move::Advance));
        assert_eq!(classify_move(Ongoing, InProgress), Some(Move::Advance));
        assert_eq!(classify_move(NotStarted, Closed), Some(Move::Close));
        assert_eq!(classify_move(Submitted, Closed), Some(Move::Close));
        assert_eq!(classify_move(Ongoing, Closed), Some(Move::Close));
        assert_eq!(classify_move(Submitted, InProgress), Some(Move::Return));
        assert_eq!(classify_move(Closed, InProgress), Some(Move::Reopen));
        // forbidden
        for (from, to) in [
            (Closed, Submitted),
            (Closed, Ongoing),
            (Closed, NotStarted),
            (Closed, Closed),
            (Submitted, Ongoing),
            (Ongoing, Submitted),
            (InProgress, NotStarted),
            (Submitted, NotStarted),
        ] {
            assert_eq!(classify_move(from, to), None, "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn days_overdue_count_from_the_day_after_the_deadline() {
        let clock = Clock {
            today: day("2020-01-05"),
            warn_days: 7,
        };
        assert_eq!(
            clock.days_overdue(Status::InProgress, Some(day("2019-12-31"))),
            Some(5)
        );
        assert_eq!(
            clock.days_overdue(Status::InProgress, Some(day("2020-01-05"))),
            None
        );
        assert_eq!(
            clock.days_overdue(Status::Closed, Some(day("2019-12-31"))),
            None
        );
    }

    #[test]
    fn lights_around_the_deadline() {
        let deadline = Some(day("2019-12-31"));
        let at = |today: &str| Clock {
            today: day(today),
            warn_days: 7,
        };
        assert_eq!(
            at("2019-12-20").light(Status::NotStarted, deadline),
            Some(Light::Green)
        );
        assert_eq!(
            at("2019-12-24").light(Status::NotStarted, deadline),
            Some(Light::Yellow)
        );
        assert_eq!(
            at("2019-12-26").light(Status::InProgress, deadline),
            Some(Light::Yellow)
        );
        assert_eq!(
            at("2019-12-31").light(Status::InProgress, deadline),
            Some(Light::Yellow)
        );
        assert_eq!(
            at("2020-01-01").light(Status::InProgress, deadline),
            Some(Light::Red)
        );
        assert!(at("2020-01-05").is_overdue(Status::NotStarted, deadline));
        assert!(!at("2019-12-31").is_overdue(Status::NotStarted, deadline));
        // closed, submitted and ongoing tasks have no light and are never overdue
        for status in [Status::Closed, Status::Submitted, Status::Ongoing] {
            assert_eq!(at("2020-01-05").light(status, deadline), None);
            assert!(!at("2020-01-05").is_overdue(status, deadline));
        }
        // a measure without a deadline (长期坚持) is never late, and on track while worked on
        assert!(!at("2020-01-05").is_overdue(Status::InProgress, None));
        assert_eq!(
            at("2020-01-05").days_overdue(Status::InProgress, None),
            None
        );
        assert_eq!(
            at("2020-01-05").light(Status::InProgress, None),
            Some(Light::Green)
        );
    }
}
