//! The words of the ledger's settings (`zhenggai setting`).

use super::Lang;

labels! {
    col_setting_key => "设置项", "Key";
    col_setting_name => "名称", "Name";
    col_setting_value => "值", "Value";
    col_setting_about => "说明", "What it does";
    tui_help_settings => "台账设置（用 zhenggai setting 修改）", "Settings (change with zhenggai setting)";
}
use crate::model::{Key, MAX_WARN_DAYS, SettingKey, SettingProblem, TextProblem};

impl Lang {
    /// A setting's name as people read it.
    pub fn setting_name(self, key: SettingKey) -> &'static str {
        match (self, key) {
            (Lang::Zh, SettingKey::Title) => "台账标题",
            (Lang::Zh, SettingKey::Organisation) => "单位名称",
            (Lang::Zh, SettingKey::WarnDays) => "临期预警天数",
            (Lang::Zh, SettingKey::NoticePrefix) => "催办单编号前缀",
            (Lang::En, SettingKey::Title) => "ledger title",
            (Lang::En, SettingKey::Organisation) => "organisation",
            (Lang::En, SettingKey::WarnDays) => "days of warning",
            (Lang::En, SettingKey::NoticePrefix) => "notice number prefix",
        }
    }

    /// What a setting does.
    pub fn setting_about(self, key: SettingKey) -> &'static str {
        match (self, key) {
            (Lang::Zh, SettingKey::Title) => {
                "列表和台账表头用的标题；未设置时用督查反馈的标题（多轮时并列）"
            }
            (Lang::Zh, SettingKey::Organisation) => "印在通知、报告等文书上的机构名称",
            (Lang::Zh, SettingKey::WarnDays) => "离整改时限还有几天时亮黄灯（0–90）",
            (Lang::Zh, SettingKey::NoticePrefix) => "催办单编号的前缀，如“安双打催”",
            (Lang::En, SettingKey::Title) => {
                "the title of lists and sheets; unset, the inspection rounds' titles"
            }
            (Lang::En, SettingKey::Organisation) => "the organisation named on notices and reports",
            (Lang::En, SettingKey::WarnDays) => {
                "how many days before its deadline a task turns yellow (0–90)"
            }
            (Lang::En, SettingKey::NoticePrefix) => "what urge notice numbers begin with",
        }
    }

    /// A setting's value as `setting` shows it; an unset one shows its default, or that it has
    /// none.
    pub fn setting_value(self, key: SettingKey, value: Option<&str>) -> String {
        match (value, key.default_value()) {
            (Some(value), _) => value.to_string(),
            (None, Some(default)) => match self {
                Lang::Zh => format!("{default}（默认）"),
                Lang::En => format!("{default} (default)"),
            },
            (None, None) => match self {
                Lang::Zh => "（未设置）".to_string(),
                Lang::En => "(not set)".to_string(),
            },
        }
    }

    pub fn setting_set(self, key: SettingKey, value: &str) -> String {
        let name = self.setting_name(key);
        match self {
            Lang::Zh => format!("已设置{name}（{}）为“{value}”。", key.key()),
            Lang::En => format!("Set the {name} ({}) to “{value}”.", key.key()),
        }
    }

    /// The sentence of `Error::UnknownSetting`.
    pub(super) fn unknown_setting(self, text: &str) -> String {
        let known: Vec<&str> = SettingKey::ALL.iter().map(|k| k.key()).collect();
        let known = known.join(self.list_separator());
        match self {
            Lang::Zh => format!("没有名为“{text}”的设置。可以设置的有：{known}。"),
            Lang::En => format!("There is no setting “{text}”. The settings are: {known}."),
        }
    }

    /// The sentence of `Error::BadSetting`.
    pub(super) fn bad_setting(
        self,
        key: SettingKey,
        value: &str,
        problem: SettingProblem,
    ) -> String {
        let name = self.setting_name(key);
        match (self, problem) {
            (Lang::Zh, SettingProblem::NotDays) => {
                format!("{name}应为 0 到 {MAX_WARN_DAYS} 的整数天数，不能是“{value}”。")
            }
            (Lang::En, SettingProblem::NotDays) => format!(
                "The {name} is a whole number of days from 0 to {MAX_WARN_DAYS}, not “{value}”."
            ),
            (Lang::Zh, SettingProblem::Text(TextProblem::Empty)) => format!("{name}不能为空。"),
            (Lang::En, SettingProblem::Text(TextProblem::Empty)) => {
                format!("The {name} must not be empty.")
            }
            (Lang::Zh, SettingProblem::Text(TextProblem::TooLong { max })) => {
                format!("{name}太长，最多 {max} 个字符。")
            }
            (Lang::En, SettingProblem::Text(TextProblem::TooLong { max })) => {
                format!("The {name} is too long; at most {max} characters.")
            }
            (Lang::Zh, SettingProblem::Text(TextProblem::ControlCharacter)) => {
                format!("{name}含有不允许的控制字符，也不能换行。")
            }
            (Lang::En, SettingProblem::Text(TextProblem::ControlCharacter)) => {
                format!("The {name} contains a control character or a line break.")
            }
        }
    }
}
