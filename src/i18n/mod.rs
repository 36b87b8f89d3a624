//! Every string a person sees, in 中文 (the first language) and English. Front ends ask a `Lang`
//! for a label or a sentence; they never spell one themselves. By area: `help` (the command
//! line's own help), `labels` (labels and sentences of the screens and commands), `names` (the
//! names of enumerations and the headers of tables), `log` (the vocabulary of the event log),
//! `errors` (one sentence per error).

use crate::model::{Category, Key, Light, Status, UnitKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "中文" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Labels: `fn name(self) -> &'static str`.
macro_rules! labels {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        impl Lang {
            $(pub fn $name(self) -> &'static str {
                match self { Lang::Zh => $zh, Lang::En => $en }
            })*
        }
    };
}

/// Sentences with arguments: `fn name(self, args…) -> String`; the literals name the arguments.
macro_rules! sentences {
    ($($name:ident ($($arg:ident : $ty:ty),*) => $zh:literal, $en:literal;)*) => {
        impl Lang {
            // a name or a code the user typed is shown, its control characters are not
            $(pub fn $name(self, $($arg: $ty),*) -> String {
                crate::text::clean_line(&match self { Lang::Zh => format!($zh), Lang::En => format!($en) })
            })*
        }
    };
}

mod deadlines;
mod draft;
mod errors;
mod files;
pub mod help;
pub use errors::Front;
mod labels;
mod log;
mod names;
mod notices;
mod packets;
mod papers;
mod period;
mod rounds;
mod screen;
mod settings;
mod sheet_in;

impl Lang {
    /// `名称：值` / `name: value`.
    pub fn labelled(self, label: &str, value: &str) -> String {
        match self {
            Lang::Zh => format!("{label}：{value}"),
            Lang::En => format!("{label}: {value}"),
        }
    }

    /// A heading that introduces lines: `进展：` / `Progress:`.
    pub fn heading(self, label: &str) -> String {
        match self {
            Lang::Zh => format!("{label}："),
            Lang::En => format!("{label}:"),
        }
    }

    /// A remark in parentheses after a text: `（…）` / ` (…)`.
    pub fn aside(self, text: &str) -> String {
        match self {
            Lang::Zh => format!("（{text}）"),
            Lang::En => format!(" ({text})"),
        }
    }
}

/// `1 task`, `3 tasks`: an English count with its noun.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A completion rate as people read it: `33.3%`, or `—` when there is nothing to complete.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// Reads an enumeration from its key or from its name in any language (`submitted`, `待销号`).
pub fn parse_status(text: &str) -> Option<Status> {
    parse_named(text, Lang::status)
}

pub fn parse_category(text: &str) -> Option<Category> {
    parse_named(text, Lang::category)
}

pub fn parse_unit_kind(text: &str) -> Option<UnitKind> {
    parse_named(text, Lang::unit_kind)
}

pub fn parse_light(text: &str) -> Option<Light> {
    let text = text.trim();
    parse_named(text.strip_suffix('灯').unwrap_or(text), Lang::light)
}

fn parse_named<K: Key>(text: &str, name: fn(Lang, K) -> &'static str) -> Option<K> {
    let text = text.trim();
    let normal = text.to_ascii_lowercase().replace('-', "_");
    K::ALL.iter().copied().find(|value| {
        value.key() == normal
            || [Lang::Zh, Lang::En]
                .into_iter()
                .any(|lang| name(lang, *value).eq_ignore_ascii_case(text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_both_languages() {
        assert_eq!(parse_status("submitted"), Some(Status::Submitted));
        assert_eq!(parse_status("待销号"), Some(Status::Submitted));
        assert_eq!(parse_status("in-progress"), Some(Status::InProgress));
        assert_eq!(parse_status("In Progress"), Some(Status::InProgress));
        assert_eq!(parse_status("done"), None);
        assert_eq!(parse_category("薄弱环节"), Some(Category::Weak));
        assert_eq!(parse_unit_kind("县区"), Some(UnitKind::County));
        assert_eq!(parse_light("红灯"), Some(Light::Red));
        assert_eq!(parse_light("yellow"), Some(Light::Yellow));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
    }
}
