//! `list`'s table: a summary line and the columns' heads, counted before the rows, then each
//! problem with its listed tasks beneath, written as the ledger is read (issue 16). Each line
//! is built in one buffer kept from row to row: at ten thousand rows, strings of each cell's
//! own were a third of the command's time.

use std::io::Write;

use super::table::{Columns, light_text, widest};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::{
    Clock, Key, LatestProgress, Light, Problem, ProblemSummary, Status, Tally, Task,
};
use crate::store::CountedTask;
use crate::text::{clean_line, width};

/// What `list` says before its rows, counted over the tasks it lists (a first pass over
/// them: the rows are written as they are read, issue 16).
#[derive(Debug, Default)]
pub struct LedgerHead {
    tally: Tally,
    red: u32,
    yellow: u32,
    largest_seq: i64,
    deadline_width: usize,
}

impl LedgerHead {
    /// Counts a task that will be listed.
    pub fn add(&mut self, lang: Lang, task: &Task, clock: &Clock) {
        let counted = CountedTask {
            seq: task.seq,
            status: task.status,
            deadline: task.deadline,
            extended: task.is_extended(),
        };
        self.add_counted(lang, &counted, clock);
    }

    /// Counts a task that will be listed, from what a count looks at.
    pub fn add_counted(&mut self, lang: Lang, task: &CountedTask, clock: &Clock) {
        self.tally
            .add(task.status, clock.is_overdue(task.status, task.deadline));
        match clock.light(task.status, task.deadline) {
            Some(Light::Red) => self.red += 1,
            Some(Light::Yellow) => self.yellow += 1,
            _ => {}
        }
        self.largest_seq = self.largest_seq.max(task.seq);
        let deadline = lang.deadline_marked(task.deadline, task.extended);
        self.deadline_width = self.deadline_width.max(width(&deadline));
    }
}

/// The columns of `list`'s rows, as wide as what `LedgerHead` counted, and their language.
pub struct LedgerColumns {
    lang: Lang,
    tasks: Columns,
    problems: Columns,
}

/// `list`: a summary line of the listed tasks and the columns' heads; then `ledger_problem`
/// writes each problem. None when no task is listed (that is said instead).
pub fn ledger_head(
    out: &mut dyn Write,
    lang: Lang,
    title: &str,
    head: &LedgerHead,
    clock: &Clock,
) -> Result<Option<LedgerColumns>> {
    let tally = &head.tally;
    writeln!(
        out,
        "{} · {} · {} · {}",
        lang.app_title(),
        clean_line(title),
        lang.as_of(&crate::date::format(clock.today)),
        lang.summary(tally.tasks, tally.open(), head.red, head.yellow)
    )?;
    if tally.tasks == 0 {
        writeln!(out, "{}", lang.no_tasks_match())?;
        return Ok(None);
    }
    let light_width = widest(lang.col_light(), Light::ALL.iter().map(|l| lang.light(*l)));
    let status_width = widest(
        lang.col_status(),
        Status::ALL.iter().map(|s| lang.status(*s)),
    );
    let code_width = width(&format!(" #{}", head.largest_seq)).max(5);
    let deadline_width = head.deadline_width.max(10).max(width(lang.col_deadline()));
    let columns = Columns(vec![
        light_width,
        code_width,
        14,
        32,
        deadline_width,
        status_width,
        0,
    ]);
    writeln!(
        out,
        "{}",
        columns.line(&[
            lang.col_light(),
            lang.col_code(),
            lang.col_unit(),
            lang.col_measure(),
            lang.col_deadline(),
            lang.col_status(),
            lang.col_last_progress(),
        ])
    )?;
    // a problem line spans the unit and measure columns with its title
    let title_width = columns.0[2] + 2 + columns.0[3];
    let problems = Columns(vec![columns.0[0], columns.0[1], title_width, 0]);
    Ok(Some(LedgerColumns {
        lang,
        tasks: columns,
        problems,
    }))
}

/// One problem of `list` (counted over all its tasks: `summary`) with its listed tasks beneath.
pub fn ledger_problem(
    out: &mut dyn Write,
    columns: &LedgerColumns,
    problem: &Problem,
    summary: ProblemSummary,
    shown: &[&Task],
    latest: &LatestProgress,
    clock: &Clock,
) -> Result<()> {
    let lang = columns.lang;
    let mut line = String::with_capacity(256);
    columns.problems.push_line(
        &mut line,
        &[
            light_text(lang, summary.light),
            &problem.code,
            &problem.title,
            &lang.closed_of(summary.closed, summary.total),
        ],
    );
    line.push('\n');
    let mut progress = String::new();
    for task in shown {
        let seq = format!(" #{}", task.seq);
        progress.clear();
        if let Some(brief) = latest.of(task) {
            brief.push_line(&mut progress);
        }
        columns.tasks.push_line(
            &mut line,
            &[
                light_text(lang, clock.light(task.status, task.deadline)),
                &seq,
                &task.unit,
                &task.measure,
                &lang.deadline_brief(task),
                lang.status(task.status),
                &progress,
            ],
        );
        line.push('\n');
        if line.len() >= 1 << 14 {
            out.write_all(line.as_bytes())?;
            line.clear();
        }
    }
    out.write_all(line.as_bytes())?;
    Ok(())
}
