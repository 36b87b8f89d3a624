//! Reading and changing the ledger's settings. A change is one write with one event (entity
//! `setting`, named by its key, the field its key too), so that `check` can hold the table to
//! the log as it does every record.

use std::collections::HashMap;

use rusqlite::Connection;
use serde_json::{Value, json};

use super::Store;
use super::check::{Check, Finding};
use super::read::setting;
use crate::error::{Error, Result};
use crate::model::{Key, SettingKey};

/// Each setting people may change against the last value the log gave it: one set by hand
/// (or by a program other than this) is reported, as a record the log does not account for.
pub(super) fn against_log(conn: &Connection) -> Result<Vec<Finding>> {
    let mut logged: HashMap<String, Value> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT entity_uuid, changes FROM event WHERE entity = 'setting' ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let changes: String = r.get(1)?;
        if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&changes)
            && let Some(pair) = map.get(&key)
        {
            logged.insert(key, pair[1].clone());
        }
    }
    let mut findings = Vec::new();
    for key in SettingKey::ALL {
        let stored = setting(conn, key.key())?;
        let detail = format!("setting {}", key.key());
        match (stored, logged.get(key.key())) {
            (None, None) => {}
            (Some(_), None) => findings.push(Finding {
                what: Check::NotInLog,
                detail,
            }),
            (stored, Some(last)) if json!(stored) != *last => findings.push(Finding {
                what: Check::DiffersFromLog,
                detail,
            }),
            _ => {}
        }
    }
    Ok(findings)
}

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
            let old = setting(&w.tx, key.key())?;
            if old.as_deref() == Some(new.as_str()) {
                return Err(Error::NothingToChange);
            }
            w.tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key.key(), new.as_str()],
            )?;
            let action = if old.is_some() { "update" } else { "create" };
            w.event(
                "setting",
                key.key(),
                action,
                &[(key.key(), json!(old), json!(new))],
            )?;
            Ok(new.clone())
        })
    }
}
