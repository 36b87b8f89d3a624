//! One filter of tasks for the command line, the TUI and the export: inspection round, status,
//! open-only, overdue, light, category, unit, problem and text. The rules live here once; callers supply the task,
//! its problem's category, the clock and (only when searching) the task's search text.

use crate::model::{Category, Clock, Light, Status, Task, TaskFacts};
use crate::search::{SearchTexts, fold};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The inspection round (its row id) the tasks' problems belong to (none: every round).
    pub inspection: Option<i64>,
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

    /// Whether the filter leaves out tasks of the round it keeps: a round alone chooses whole
    /// problems, and lists show a problem of it that has no task yet.
    pub fn narrows_tasks(&self) -> bool {
        !Filter {
            inspection: None,
            ..self.clone()
        }
        .is_empty()
    }

    /// True when `select` needs the search texts.
    pub fn needs_search_text(&self) -> bool {
        self.search.as_deref().is_some_and(|s| !s.trim().is_empty())
    }

    /// Whether a problem (or task) of round `inspection_id` is in the round the filter keeps.
    pub fn keeps_round(&self, inspection_id: i64) -> bool {
        self.inspection.is_none_or(|r| r == inspection_id)
    }

    /// Everything but the search: round, status, open-only, overdue, light, category, unit,
    /// problem.
    pub fn matches_fields(&self, task: &impl TaskFacts, clock: &Clock) -> bool {
        let (status, deadline) = (task.status(), task.deadline());
        self.keeps_round(task.inspection_id())
            && (self.statuses.is_empty() || self.statuses.contains(&status))
            && (!self.open || !status.is_closed())
            && (!self.overdue || clock.is_overdue(status, deadline))
            && self
                .light
                .is_none_or(|light| clock.light(status, deadline) == Some(light))
            && self.category.is_none_or(|c| c == task.category())
            && self.unit.as_deref().is_none_or(|u| u.trim() == task.unit())
            && self
                .problem
                .as_deref()
                .is_none_or(|p| p.trim().eq_ignore_ascii_case(task.problem_code()))
    }

    /// The search as it is compared: trimmed and folded; `None` when there is none.
    pub fn needle(&self) -> Option<String> {
        self.search
            .as_deref()
            .map(|s| fold(s.trim()))
            .filter(|s| !s.is_empty())
    }

    /// The tasks that pass, in the order given; `texts` are needed only when the filter searches.
    pub fn select<'a>(
        &self,
        tasks: &'a [Task],
        clock: &Clock,
        texts: Option<&SearchTexts>,
    ) -> Vec<&'a Task> {
        let needle = self.needle();
        tasks
            .iter()
            .filter(|t| self.matches_fields(*t, clock))
            .filter(|t| match (&needle, texts) {
                (Some(needle), Some(texts)) => texts.contains(t.id, t.problem_id, needle),
                (Some(_), None) => false,
                (None, _) => true,
            })
            .collect()
    }
}
