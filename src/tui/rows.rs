//! The rows of the ledger table: each problem with its tasks that pass the filter and the search,
//! keyed by record. A pure function of the data, the filter and the search index.

use super::data::{Data, Searchable};
use super::msg::RowKey;
use crate::filter::Filter;
use crate::model::Clock;

/// Which tasks and problems (by position) hold the search.
pub struct Hits {
    tasks: Vec<bool>,
    problems: Vec<bool>,
}

impl Hits {
    pub fn of(index: &Searchable, needle: &str, data: &Data) -> Hits {
        let mut tasks = vec![false; data.tasks.len()];
        for position in index.tasks.find(needle) {
            if let Some(hit) = tasks.get_mut(position as usize) {
                *hit = true;
            }
        }
        let mut problems: Vec<bool> = index
            .problems
            .iter()
            .map(|text| text.contains(needle))
            .collect();
        problems.resize(data.problems.len(), false);
        Hits { tasks, problems }
    }
}

/// Rows shown: each problem of the filter's round with its tasks that pass. A problem without
/// any task is shown while nothing narrows its tasks (`narrowed` false), so that tasks can be
/// added to it.
pub fn build(
    data: &Data,
    filter: &Filter,
    clock: &Clock,
    hits: Option<&Hits>,
    narrowed: bool,
) -> Vec<RowKey> {
    let mut rows = Vec::new();
    for (p, problem) in data.problems.iter().enumerate() {
        if !filter.keeps_round(problem.inspection_id) {
            continue;
        }
        let tasks = &data.tasks_of[p];
        let start = rows.len();
        rows.push(RowKey::Problem(problem.id));
        let mut shown = 0;
        for &t in tasks {
            let task = &data.tasks[t];
            let searched = hits
                .is_none_or(|h| h.problems.get(p) == Some(&true) || h.tasks.get(t) == Some(&true));
            if searched && filter.matches_fields(task, clock) {
                rows.push(RowKey::Task(task.id));
                shown += 1;
            }
        }
        // an empty problem stays while nothing narrows the ledger (tasks can be added to it)
        if shown == 0 && (narrowed || !tasks.is_empty()) {
            rows.truncate(start);
        }
    }
    rows
}
