//! The draft of the report on the rectification (整改情况报告), as of the store's day: read from
//! the ledger once (`plan`), laid out once as a list of blocks (`blocks`), and written as docx
//! (`docx.rs`, GB/T 9704) or Markdown from those same blocks.

mod docx;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::Result;
use crate::i18n::Lang;
use crate::model::{Category, EntryLine, Key, Light, Status, Tally, Task};
use crate::store::Store;

pub use docx::docx;

/// One block of the report, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    /// A line without indent: the addressee.
    Addressee(String),
    /// `一、` (level 1) or `（一）` (level 2).
    Heading(String, usize),
    Body(String),
    /// Text the clerk is to replace, marked as such.
    Placeholder(String),
    /// The signature: the organisation and the date, on the right.
    Signature(Vec<String>),
}

/// What the report says, read from the ledger.
pub struct Draft {
    pub inspection: String,
    pub issuer: String,
    pub organisation: String,
    pub as_of: NaiveDate,
    /// The number of problems of each category, in category order.
    pub categories: Vec<(Category, usize)>,
    pub problems_done: usize,
    pub tally: Tally,
    pub problems: Vec<ProblemPart>,
    /// Units with overdue tasks, in the ledger's unit order, each with its tasks.
    pub overdue: Vec<(String, Vec<Overdue>)>,
}

/// A measure (整改措施) with each unit that carries it and that unit's latest progress.
pub type Measure = (String, Vec<(String, Option<EntryLine>)>);

pub struct ProblemPart {
    pub title: String,
    pub total: u32,
    pub closed: u32,
    /// Each measure (in task order) with the units that carry it and their latest progress.
    pub measures: Vec<Measure>,
}

pub struct Overdue {
    pub code: String,
    pub measure: String,
    pub deadline: NaiveDate,
    pub days: i64,
}

/// Reads what the report needs as of the store's day (of one round when the store has one).
pub fn plan(store: &Store, _lang: Lang) -> Result<Draft> {
    store.snapshot(|store| {
        let today = store.today();
        let clock = store.clock(today)?;
        let round = store.round();
        let inspections = store.inspections()?;
        let issuer = match round {
            Some(r) => inspections.iter().find(|i| i.id == r),
            None => inspections.iter().max_by_key(|i| (i.feedback_date, i.id)),
        }
        .map(|i| i.issuer.clone())
        .unwrap_or_default();
        let mut problems = store.problems()?;
        problems.retain(|p| round.is_none_or(|r| p.inspection_id == r));
        let mut tasks = store.tasks()?;
        tasks.retain(|t| round.is_none_or(|r| t.inspection_id == r));
        let entries = store.entry_lines(None, false)?;
        let mut by_problem: HashMap<i64, Vec<&Task>> = HashMap::new();
        let mut tally = Tally::default();
        for task in &tasks {
            tally.add_task(task, &clock);
            by_problem.entry(task.problem_id).or_default().push(task);
        }
        let mut categories: Vec<(Category, usize)> = Vec::new();
        for c in Category::ALL {
            let n = problems.iter().filter(|p| p.category == *c).count();
            if n > 0 {
                categories.push((*c, n));
            }
        }
        let mut parts = Vec::new();
        let mut problems_done = 0;
        for problem in &problems {
            let own = by_problem.remove(&problem.id).unwrap_or_default();
            let closed = own.iter().filter(|t| t.status == Status::Closed).count() as u32;
            if !own.is_empty() && closed as usize == own.len() {
                problems_done += 1;
            }
            let mut measures: Vec<Measure> = Vec::new();
            for task in &own {
                let latest = entries.get(&task.id).and_then(|e| e.last()).cloned();
                let unit = (task.unit.clone(), latest);
                match measures.iter_mut().find(|(m, _)| *m == task.measure) {
                    Some((_, units)) => units.push(unit),
                    None => measures.push((task.measure.clone(), vec![unit])),
                }
            }
            parts.push(ProblemPart {
                title: problem.title.clone(),
                total: own.len() as u32,
                closed,
                measures,
            });
        }
        let codes: HashMap<i64, &str> = problems.iter().map(|p| (p.id, p.code.as_str())).collect();
        let mut overdue: Vec<(String, Vec<Overdue>)> = Vec::new();
        for unit in store.units()? {
            let mut own: Vec<Overdue> = tasks
                .iter()
                .filter(|t| t.unit_id == unit.id)
                .filter(|t| clock.light(t.status, t.deadline) == Some(Light::Red))
                .filter_map(|t| {
                    let deadline = t.deadline?;
                    Some(Overdue {
                        code: codes
                            .get(&t.problem_id)
                            .copied()
                            .unwrap_or_default()
                            .to_string(),
                        measure: t.measure.clone(),
                        deadline,
                        days: (today - deadline).num_days(),
                    })
                })
                .collect();
            if !own.is_empty() {
                own.sort_by_key(|o| std::cmp::Reverse(o.days));
                overdue.push((unit.name, own));
            }
        }
        Ok(Draft {
            inspection: store.title_of(round)?,
            issuer,
            organisation: store.organisation()?,
            as_of: today,
            categories,
            problems_done,
            tally,
            problems: parts,
            overdue,
        })
    })
}

/// The report as blocks, in reading order.
pub fn blocks(draft: &Draft, lang: Lang) -> Vec<Block> {
    let mut out = vec![Block::Title(lang.draft_title(&draft.inspection))];
    if !draft.issuer.is_empty() {
        out.push(Block::Addressee(lang.draft_addressee(&draft.issuer)));
    }
    out.push(Block::Heading(lang.draft_overall().to_string(), 1));
    let categories: Vec<(String, usize)> = draft
        .categories
        .iter()
        .map(|(c, n)| (lang.category(*c).to_string(), *n))
        .collect();
    out.push(Block::Body(lang.draft_summary(
        draft.as_of,
        &categories,
        draft.problems_done,
        &draft.tally,
    )));

    out.push(Block::Heading(lang.draft_each().to_string(), 1));
    for (n, part) in draft.problems.iter().enumerate() {
        out.push(Block::Heading(
            lang.draft_sub(n + 1, &lang.draft_problem(&part.title)),
            2,
        ));
        let state = if part.total > 0 && part.closed == part.total {
            lang.draft_done().to_string()
        } else {
            lang.draft_in_progress(part.total, part.closed)
        };
        out.push(Block::Body(state));
        for (m, (measure, units)) in part.measures.iter().enumerate() {
            let progress: Vec<String> = units
                .iter()
                .map(|(unit, latest)| match latest {
                    Some(e) => format!("{unit}：{}，{}", lang.long_date(e.date), e.text),
                    None => lang.draft_no_progress(unit),
                })
                .collect();
            out.push(Block::Body(format!(
                "{}{}。{}。",
                lang.draft_ordinal(m + 1),
                measure.trim_end_matches(['。', '；', '.']),
                progress.join("；")
            )));
        }
    }

    out.push(Block::Heading(lang.draft_issues().to_string(), 1));
    if draft.overdue.is_empty() {
        out.push(Block::Body(lang.draft_none_overdue(draft.as_of)));
    }
    for (unit, items) in &draft.overdue {
        let list: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(n, o)| {
                format!(
                    "{}{}",
                    lang.draft_ordinal(n + 1),
                    lang.draft_overdue_item(&o.code, &o.measure, o.deadline, o.days)
                )
            })
            .collect();
        out.push(Block::Body(format!(
            "{}{}。",
            lang.draft_unit_overdue(unit, items.len()),
            list.join("；")
        )));
    }

    out.push(Block::Heading(lang.draft_next().to_string(), 1));
    out.push(Block::Placeholder(lang.draft_placeholder().to_string()));
    out.push(Block::Signature(vec![
        draft.organisation.clone(),
        lang.long_date(draft.as_of),
    ]));
    out
}

/// The report as Markdown, from the same blocks.
pub fn markdown(draft: &Draft, lang: Lang) -> String {
    let mut out = String::new();
    for block in blocks(draft, lang) {
        match block {
            Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
            Block::Addressee(t) | Block::Body(t) => out.push_str(&format!("{t}\n\n")),
            Block::Heading(t, 1) => out.push_str(&format!("## {t}\n\n")),
            Block::Heading(t, _) => out.push_str(&format!("### {t}\n\n")),
            Block::Placeholder(t) => out.push_str(&format!("**{t}**\n\n")),
            Block::Signature(lines) => {
                for line in lines.iter().filter(|l| !l.is_empty()) {
                    out.push_str(&format!("<p align=\"right\">{line}</p>\n\n"));
                }
            }
        }
    }
    out
}
