//! One filter of tasks for the command line, the TUI and the export: status, open-only, overdue,
//! light, category, unit, problem and text. The rules live here once; callers supply the task,
//! its problem's category, the clock and (only when searching) the task's search text.

use std::collections::HashMap;

use crate::model::{Category, Clock, Light, Status, Task};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Any of these statuses (none: any status).
    pub statuses: Vec<Status>,
    /// Not closed yet (未销号).
    pub open: bool,
    pub overdue: bool,
    pub light: Option<Light>,
    pub category: Option<Category>,
    /// The responsible unit, by name.
    pub unit: Option<String>,
    /// The problem, by code (case aside).
    pub problem: Option<String>,
    /// A substring of the task's search text, case aside; any length, Chinese included.
    pub search: Option<String>,
}

impl Filter {
    /// True when the filter lets every task through (an empty search counts as none).
    pub fn is_empty(&self) -> bool {
        let searchless = Filter {
            search: None,
            ..self.clone()
        };
        searchless == Filter::default() && !self.needs_search_text()
    }

    /// True when `matches` needs the task's search text.
    pub fn needs_search_text(&self) -> bool {
        self.search.as_deref().is_some_and(|s| !s.trim().is_empty())
    }

    /// `search_text` is the lower-cased text of `store::Store::search_texts`; it is read only
    /// when the filter has a search.
    pub fn matches(&self, task: &Task, clock: &Clock, search_text: Option<&str>) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&task.status))
            && (!self.open || !task.status.is_closed())
            && (!self.overdue || clock.is_overdue(task.status, task.deadline))
            && self
                .light
                .is_none_or(|light| clock.light(task.status, task.deadline) == Some(light))
            && self.category.is_none_or(|c| c == task.category)
            && self.unit.as_deref().is_none_or(|u| u.trim() == task.unit)
            && self
                .problem
                .as_deref()
                .is_none_or(|p| p.trim().eq_ignore_ascii_case(&task.problem_code))
            && (!self.needs_search_text() || self.text_matches(search_text.unwrap_or_default()))
    }

    /// The tasks that pass; `texts` are the search texts by task id (`Store::search_texts`),
    /// needed only when `needs_search_text`.
    pub fn select<'a>(
        &self,
        tasks: &'a [Task],
        clock: &Clock,
        texts: Option<&HashMap<i64, String>>,
    ) -> Vec<&'a Task> {
        tasks
            .iter()
            .filter(|t| {
                let text = texts.and_then(|m| m.get(&t.id)).map(String::as_str);
                self.matches(t, clock, text)
            })
            .collect()
    }

    fn text_matches(&self, search_text: &str) -> bool {
        let needle = self
            .search
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        search_text.contains(&needle)
    }
}
