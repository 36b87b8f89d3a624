//! Reading and changing the ledger's settings. A change is one write with one event (entity
//! `setting`, named by its key, the field its key too), so that `check` can hold the table to
//! the log as it does every record.

use serde_json::json;

use super::Store;
use super::read::setting;
use super::tx::Writer;
use crate::error::{Error, Result};
use crate::model::{Key, SettingKey};

impl Store {
    /// Every setting people may change, with its value (`None`: not set, its default applies).
    pub fn settings(&self) -> Result<Vec<(SettingKey, Option<String>)>> {
        SettingKey::ALL
            .iter()
            .map(|key| Ok((*key, setting(&self.conn, key.key())?)))
            .collect()
    }

    /// Sets a setting to `value` (checked); returns the value stored.
    pub fn set_setting(&mut self, key: SettingKey, value: &str) -> Result<String> {
        let new = key.check(value).map_err(|problem| Error::BadSetting {
            key,
            value: value.to_string(),
            problem,
        })?;
        self.write(|w| {
            put_setting(w, key, &new)?;
            Ok(new.clone())
        })
    }

    /// The organisation that keeps the ledger (填报单位), or nothing when none is set.
    pub fn organisation(&self) -> Result<String> {
        Ok(setting(&self.conn, SettingKey::Organisation.key())?.unwrap_or_default())
    }

    /// What urge notice numbers begin with, when it is set.
    pub fn notice_prefix(&self) -> Result<Option<String>> {
        setting(&self.conn, SettingKey::NoticePrefix.key())
    }
}

/// Stores a setting's checked value with its event; nothing to change is an error.
pub(super) fn put_setting(w: &Writer, key: SettingKey, new: &str) -> Result<()> {
    let old = setting(&w.tx, key.key())?;
    if old.as_deref() == Some(new) {
        return Err(Error::NothingToChange);
    }
    w.tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key.key(), new],
    )?;
    let action = if old.is_some() { "update" } else { "create" };
    w.event(
        "setting",
        key.key(),
        action,
        &[(key.key(), json!(old), json!(new))],
    )
}
