//! The texts a search looks through, read from the ledger: each task's own (its measure, units,
//! person and every progress entry) and each problem's (title and description), folded
//! (`crate::search`).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};

use super::Store;
use super::read::snapshot;
use crate::error::Result;
use crate::search::{self, SearchTexts};

/// The part of a task's search text that is its own (see `search_texts`), for one task.
const TASK_TEXT: &str = "SELECT t.id, t.measure, u.name, t.person,
        (SELECT group_concat(su.name, ' ') FROM task_support s
         JOIN unit su ON su.id = s.unit_id WHERE s.task_id = t.id),
        (SELECT group_concat(text, char(10)) FROM progress WHERE task_id = t.id)
 FROM task t JOIN unit u ON u.id = t.unit_id";

/// Calls `visit` with each task's id and search text (`search::task_text`), in table order.
pub(super) fn each_task_text(conn: &Connection, mut visit: impl FnMut(i64, &str)) -> Result<()> {
    let mut stmt = conn.prepare_cached(TASK_TEXT)?;
    let mut rows = stmt.query([])?;
    let mut text = String::new();
    while let Some(r) = rows.next()? {
        text.clear();
        push_task_text(r, &mut text)?;
        visit(r.get(0)?, &text);
    }
    Ok(())
}

/// Adds the search text of the task of a row of `TASK_TEXT` to `out`.
fn push_task_text(r: &Row, out: &mut String) -> rusqlite::Result<()> {
    let mut parts = [None; 5];
    for (part, column) in parts.iter_mut().zip(1..) {
        *part = r.get_ref(column)?.as_str_or_null()?;
    }
    search::push_task_text(out, parts);
    Ok(())
}

/// The texts a search looks through (see `search::SearchTexts`), folded.
pub(super) fn search_texts(conn: &Connection) -> Result<SearchTexts> {
    let mut texts = SearchTexts {
        tasks: HashMap::new(),
        problems: problem_texts(conn)?,
    };
    each_task_text(conn, |id, text| {
        texts.tasks.insert(id, text.to_string());
    })?;
    Ok(texts)
}

/// Each problem's search text (`search::problem_text`), by id.
pub(super) fn problem_texts(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut texts = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, title, description FROM problem")?;
    for row in stmt.query_map([], |r| {
        let (title, description): (String, String) = (r.get(1)?, r.get(2)?);
        Ok((
            r.get::<_, i64>(0)?,
            search::problem_text(&title, &description),
        ))
    })? {
        let (id, text) = row?;
        texts.insert(id, text);
    }
    Ok(texts)
}

impl Store {
    /// A task's own search text (`search::SearchTexts::tasks`), folded.
    pub fn task_search_text(&self, task_id: i64) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached(&format!("{TASK_TEXT} WHERE t.id = ?1"))?
            .query_row([task_id], |r| {
                let mut text = String::new();
                push_task_text(r, &mut text).map(|()| text)
            })
            .optional()?
            .unwrap_or_default())
    }

    pub fn search_texts(&self) -> Result<SearchTexts> {
        search_texts(&self.conn)
    }

    /// Calls `visit` with each task's id and search text, in table order: what the
    /// TUI's index is built from without holding every text apart.
    pub fn each_task_text(&self, visit: impl FnMut(i64, &str)) -> Result<()> {
        snapshot(&self.conn, || each_task_text(&self.conn, visit))
    }

    /// Each problem's search text, by id.
    pub fn problem_texts(&self) -> Result<HashMap<i64, String>> {
        problem_texts(&self.conn)
    }
}
