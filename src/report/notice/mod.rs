//! Urge notices (催办单): one for each unit with red or yellow tasks as of the day, numbered by
//! the ledger, in 公文 layout (`docx.rs`) or as Markdown. `plan` reads the ledger; nothing here
//! writes it (the command records the notices once their files are in place).

mod docx;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::{IssuedNotice, Light, Task};
use crate::store::Store;

pub use docx::docx;

/// What `notice` was asked for.
pub struct Request {
    /// Only these units (by name); all when empty.
    pub units: Vec<String>,
    /// The day the units are to report by.
    pub due: NaiveDate,
}

/// One notice: the record it makes and what it prints.
pub struct Notice {
    pub issued: IssuedNotice,
    pub organisation: String,
    /// The inspection whose feedback is being rectified: `省“双打”工作督查反馈意见`.
    pub inspection: String,
    pub as_of: NaiveDate,
    pub rows: Vec<NoticeRow>,
}

/// A red or yellow task as the notice lists it.
pub struct NoticeRow {
    pub problem: String,
    pub measure: String,
    pub deadline: NaiveDate,
    pub light: Light,
    /// Days past the deadline (red) or left before it (yellow).
    pub days: i64,
    /// The latest progress: its date and text, none when nothing was reported.
    pub latest: Option<String>,
}

impl Notice {
    pub fn count(&self, light: Light) -> usize {
        self.rows.iter().filter(|r| r.light == light).count()
    }
}

/// The notices due as of the store's day: units in the ledger's order, each unit's tasks red
/// first, then by deadline. A unit named in `request` that does not exist is an error; one with
/// nothing red or yellow gets no notice.
pub fn plan(store: &Store, lang: Lang, request: &Request) -> Result<Vec<Notice>> {
    store.snapshot(|store| {
        let clock = store.clock(store.today())?;
        let units = store.units()?;
        if let Some(name) = request
            .units
            .iter()
            .find(|name| !units.iter().any(|u| &u.name == *name))
        {
            return Err(Error::UnknownUnit(name.clone()));
        }
        let problems: HashMap<i64, String> = store
            .problems()?
            .into_iter()
            .map(|p| (p.id, format!("{}　{}", p.code, p.title)))
            .collect();
        let entries = store.entry_lines(None, false)?;
        let mut by_unit: HashMap<i64, Vec<(&Task, Light)>> = HashMap::new();
        let tasks = store.tasks()?;
        let round = store.round();
        for task in &tasks {
            if round.is_some_and(|r| r != task.inspection_id) {
                continue;
            }
            if let Some(light @ (Light::Red | Light::Yellow)) =
                clock.light(task.status, task.deadline)
            {
                by_unit.entry(task.unit_id).or_default().push((task, light));
            }
        }
        let prefix = store
            .notice_prefix()?
            .unwrap_or_else(|| lang.notice_default_prefix().to_string());
        let organisation = store.organisation()?;
        let inspection = store.title_of(round)?;
        let year = store.today().year();
        let mut seq = store.next_notice_seq()?;
        let mut notices = Vec::new();
        for unit in &units {
            if !request.units.is_empty() && !request.units.contains(&unit.name) {
                continue;
            }
            let Some(mut own) = by_unit.remove(&unit.id) else {
                continue;
            };
            own.sort_by_key(|(t, light)| (std::cmp::Reverse(*light), t.deadline, t.seq));
            let rows = own
                .iter()
                .map(|(task, light)| {
                    let deadline = task.deadline.expect("a lit task has a deadline");
                    let days = (deadline - store.today()).num_days().abs();
                    let latest = entries
                        .get(&task.id)
                        .and_then(|e| e.last())
                        .map(|e| format!("{} {}", crate::date::format(e.date), e.text));
                    NoticeRow {
                        problem: problems.get(&task.problem_id).cloned().unwrap_or_default(),
                        measure: task.measure.clone(),
                        deadline,
                        light: *light,
                        days,
                        latest,
                    }
                })
                .collect();
            notices.push(Notice {
                issued: IssuedNotice {
                    uuid: uuid::Uuid::new_v4().to_string(),
                    year,
                    seq,
                    number: lang.notice_number(&prefix, year, seq),
                    unit: unit.name.clone(),
                    due: request.due,
                    tasks: own.iter().map(|(t, l)| (t.uuid.clone(), *l)).collect(),
                },
                organisation: organisation.clone(),
                inspection: inspection.clone(),
                as_of: store.today(),
                rows,
            });
            seq += 1;
        }
        Ok(notices)
    })
}

/// The cells of a notice's table, one row a task.
fn cells(notice: &Notice, lang: Lang) -> Vec<Vec<String>> {
    notice
        .rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            vec![
                (n + 1).to_string(),
                row.problem.clone(),
                row.measure.clone(),
                crate::date::format(row.deadline),
                lang.notice_days(row.light, row.days),
                row.latest
                    .clone()
                    .unwrap_or_else(|| lang.notice_no_progress().to_string()),
            ]
        })
        .collect()
}

/// The notice as Markdown: the same parts as the docx, a table of pipes.
pub fn markdown(notice: &Notice, lang: Lang) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', "<br>");
    let mut out = String::new();
    if !notice.organisation.is_empty() {
        out.push_str(&format!("**{}**\n\n", notice.organisation));
    }
    out.push_str(&format!("# {}\n\n", lang.notice_title()));
    out.push_str(&format!("{}\n\n", notice.issued.number));
    out.push_str(&format!(
        "{}\n\n",
        lang.notice_addressee(&notice.issued.unit)
    ));
    out.push_str(&format!(
        "{}\n\n",
        lang.notice_opening(
            &notice.inspection,
            notice.as_of,
            notice.count(Light::Red),
            notice.count(Light::Yellow)
        )
    ));
    let header = lang.notice_headers();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in cells(notice, lang) {
        let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out.push_str(&format!(
        "\n{}\n\n",
        lang.notice_request(notice.issued.due, &notice.organisation)
    ));
    out.push_str(&format!(
        "{}\n\n{}\n\n",
        notice.organisation,
        lang.long_date(notice.as_of)
    ));
    out.push_str(&format!(
        "---\n\n{}\n\n## {}\n\n",
        lang.notice_cut(),
        lang.notice_receipt()
    ));
    out.push_str(&format!(
        "| {} | {} |\n|---|---|\n",
        lang.notice_receipt_of(),
        notice.issued.number
    ));
    for label in lang.notice_receipt_rows() {
        out.push_str(&format!("| {label} | |\n"));
    }
    out
}
