//! `zhenggai setting [KEY [VALUE]]`: the ledger's settings listed, one read, or one changed.

use std::io::Write;

use serde_json::json;

use super::json;
use super::session::Context;
use super::table;
use crate::error::{Error, Result};
use crate::model::{Key, SettingKey};

fn key_of(text: &str) -> Result<SettingKey> {
    SettingKey::from_key(text.trim()).ok_or_else(|| Error::UnknownSetting(text.to_string()))
}

pub(super) fn run(
    cx: &mut Context,
    key: Option<&str>,
    value: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    match (key, value) {
        (Some(key), Some(value)) => {
            let key = key_of(key)?;
            let stored = cx.store.set_setting(key, value)?;
            writeln!(out, "{}", lang.setting_set(key, &stored))?;
        }
        (key, _) => {
            let only = key.map(key_of).transpose()?;
            let settings: Vec<_> = cx
                .store
                .settings()?
                .into_iter()
                .filter(|(k, _)| only.is_none_or(|o| o == *k))
                .collect();
            if as_json {
                let value: serde_json::Map<String, serde_json::Value> = settings
                    .iter()
                    .map(|(k, v)| {
                        let shown = v.clone().or_else(|| k.default_value());
                        (k.key().to_string(), json!(shown))
                    })
                    .collect();
                return json::print(out, &value);
            }
            if let (Some(key), [(_, value)]) = (only, settings.as_slice()) {
                writeln!(out, "{}", lang.setting_value(key, value.as_deref()))?;
                return Ok(());
            }
            let header = [
                lang.col_setting_key(),
                lang.col_setting_name(),
                lang.col_setting_value(),
                lang.col_setting_about(),
            ];
            let rows: Vec<Vec<String>> = settings
                .iter()
                .map(|(k, v)| {
                    vec![
                        k.key().to_string(),
                        lang.setting_name(*k).to_string(),
                        lang.setting_value(*k, v.as_deref()),
                        lang.setting_about(*k).to_string(),
                    ]
                })
                .collect();
            table::fitted(out, &header, &rows)?;
        }
    }
    Ok(())
}
