//! The ledger's settings (`zhenggai setting`): which there are, and what each may hold.

use super::{Clock, Key, TextProblem, check_text};

/// A setting a person may read and change. Others in the table (kept by the program) are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingKey {
    /// The ledger's title (default: the newest inspection round's).
    Title,
    /// The organisation that keeps the ledger, for the papers it prints (市“双打”办).
    Organisation,
    /// How many days before its deadline an open task turns yellow.
    WarnDays,
    /// What the numbers of urge notices (催办单) begin with.
    NoticePrefix,
}

impl Key for SettingKey {
    const ALL: &'static [SettingKey] = &[
        SettingKey::Title,
        SettingKey::Organisation,
        SettingKey::WarnDays,
        SettingKey::NoticePrefix,
    ];

    fn key(self) -> &'static str {
        match self {
            SettingKey::Title => "title",
            SettingKey::Organisation => "organisation",
            SettingKey::WarnDays => "warn_days",
            SettingKey::NoticePrefix => "notice_prefix",
        }
    }
}

/// The longest yellow window: a quarter of a year is already no warning at all.
pub const MAX_WARN_DAYS: u32 = 90;

/// Why a value cannot be a setting's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingProblem {
    Text(TextProblem),
    /// `warn_days` is a whole number of days from 0 to `MAX_WARN_DAYS`.
    NotDays,
}

impl SettingKey {
    /// The value stored for `text`, or why it cannot be stored.
    pub fn check(self, text: &str) -> Result<String, SettingProblem> {
        let text = text.trim();
        match self {
            SettingKey::WarnDays => match text.parse::<u32>() {
                Ok(days) if days <= MAX_WARN_DAYS => Ok(days.to_string()),
                _ => Err(SettingProblem::NotDays),
            },
            _ => {
                check_text(text, true, false).map_err(SettingProblem::Text)?;
                Ok(text.to_string())
            }
        }
    }

    /// What a setting is when the ledger has none; `None` where the default is found elsewhere
    /// (the title is the newest round's) or there is none.
    pub fn default_value(self) -> Option<String> {
        match self {
            SettingKey::WarnDays => Some(Clock::DEFAULT_WARN_DAYS.to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_by_what_they_are() {
        assert_eq!(SettingKey::WarnDays.check(" 10 "), Ok("10".into()));
        assert_eq!(SettingKey::WarnDays.check("0"), Ok("0".into()));
        for bad in ["-1", "91", "七", "", "1.5"] {
            assert_eq!(
                SettingKey::WarnDays.check(bad),
                Err(SettingProblem::NotDays),
                "{bad}"
            );
        }
        assert_eq!(
            SettingKey::Organisation.check(" 安康市“双打”办 "),
            Ok("安康市“双打”办".into())
        );
        assert_eq!(
            SettingKey::Title.check("  "),
            Err(SettingProblem::Text(TextProblem::Empty))
        );
        assert_eq!(
            SettingKey::NoticePrefix.check("安双打\u{7}"),
            Err(SettingProblem::Text(TextProblem::ControlCharacter))
        );
    }
}
