//! `list`'s table: a summary line and the columns' heads, counted before the rows, then each
//! problem with its listed tasks beneath, written as the ledger is read (issue 16). Each line
//! is built in one buffer kept from row to row: at ten thousand rows, strings of each cell's
//! own were a third of the command's time.

use std::collections::HashMap;
use std::io::Write;

use super::rounds;
use super::session::Context;
use super::table::{Columns, light_text, widest};
use crate::error::Result;
use crate::filter::Filter;
use crate::i18n::Lang;
use crate::model::{Clock, Key, Light, Problem, ProblemSummary, Status, Tally, Task};
use crate::store::{CountedTask, ListedRow, ListedTask, Reads};
use crate::text::{clean_line, width};

/// `list`: what is listed counted first, in one snapshot with the rows (the summary line and
/// the columns' widths come before them), then the ledger written problem by problem. Both are
/// read of exactly what they show when SQLite can decide the filter alone
/// (`Store::count_listed`, `Store::each_listed`), else of the tasks read whole.
pub fn list_table(cx: &Context, filter: &Filter, clock: &Clock, out: &mut dyn Write) -> Result<()> {
    let lang = cx.lang;
    let title = cx.store.ledger_title()?;
    let marks = rounds::round_marks(cx)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    cx.store.snapshot(|store| {
        let mut head = LedgerHead::default();
        let decided = store.count_listed(filter, clock, |t| head.add_counted(lang, t, clock))?;
        if !decided {
            store.each_problem_counted(filter, clock, |p| {
                p.chosen(filter, clock)
                    .iter()
                    .for_each(|t| head.add(lang, t, clock));
                Ok(())
            })?;
        }
        let Some(columns) = ledger_head(&mut out, lang, &title, &head, clock)? else {
            return Ok(());
        };
        let mut lines = ProblemLines {
            columns: &columns,
            clock,
            marks: &marks,
            narrows: filter.narrows_tasks(),
            tasks: String::new(),
            seq: String::new(),
            deadline: String::new(),
            progress: String::new(),
        };
        if decided {
            store.each_listed(filter, clock, |row| match row {
                ListedRow::Task(task) => {
                    lines.task(&task);
                    Ok(())
                }
                ListedRow::Problem {
                    problem,
                    summary,
                    listed,
                } => lines.problem(&mut out, problem, summary, listed),
            })?;
            return Ok(());
        }
        store.each_problem_reading(filter, clock, Reads::Latest, |p| {
            let chosen = p.chosen(filter, clock);
            for task in &chosen {
                lines.task(&ListedTask::of(task, p.latest));
            }
            lines.problem(&mut out, p.problem, p.summary(clock), chosen.len())
        })
    })?;
    out.flush()?;
    Ok(())
}

/// Appends the digits of `n` (Rust's formatting took a tenth of `list`'s time).
fn push_number(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

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
        self.add_counted(lang, &CountedTask::of(task), clock);
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

/// The lines of `list` after its head: each problem's, once its tasks' are made.
struct ProblemLines<'a> {
    columns: &'a LedgerColumns,
    clock: &'a Clock,
    /// The inspection rounds' marks before problem titles.
    marks: &'a HashMap<i64, String>,
    /// A problem none of whose tasks are listed is left out.
    narrows: bool,
    /// The lines of the tasks of the problem being read.
    tasks: String,
    /// The cells of a listed task made anew for each: its number, deadline, latest progress.
    seq: String,
    deadline: String,
    progress: String,
}

impl ProblemLines<'_> {
    /// Makes the line of a listed task of the problem being read.
    fn task(&mut self, task: &ListedTask) {
        let (lang, clock) = (self.columns.lang, self.clock);
        let CountedTask {
            seq,
            status,
            deadline,
            extended,
        } = task.counted;
        self.seq.clear();
        self.seq.push_str(" #");
        push_number(&mut self.seq, seq);
        self.deadline.clear();
        lang.push_deadline_marked(&mut self.deadline, deadline, extended);
        self.progress.clear();
        if let Some(brief) = task.latest {
            brief.push_line(&mut self.progress);
        }
        self.columns.tasks.push_line(
            &mut self.tasks,
            &[
                light_text(lang, clock.light(status, deadline)),
                &self.seq,
                task.unit,
                task.measure,
                &self.deadline,
                lang.status(status),
                &self.progress,
            ],
        );
        self.tasks.push('\n');
    }

    /// Writes the problem whose listed tasks came just before, counted over all its tasks
    /// (`summary`), and their lines beneath it.
    fn problem(
        &mut self,
        out: &mut dyn Write,
        problem: &Problem,
        summary: ProblemSummary,
        listed: usize,
    ) -> Result<()> {
        if listed > 0 || !self.narrows {
            let lang = self.columns.lang;
            let mut problem = problem.clone();
            rounds::mark_round(self.marks, &mut problem);
            let mut line = String::new();
            self.columns.problems.push_line(
                &mut line,
                &[
                    light_text(lang, summary.light),
                    &problem.code,
                    &problem.title,
                    &lang.closed_of(summary.closed, summary.total),
                ],
            );
            line.push('\n');
            out.write_all(line.as_bytes())?;
            out.write_all(self.tasks.as_bytes())?;
        }
        self.tasks.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_rust_writes_them() {
        for n in [
            0,
            7,
            10,
            99,
            1000,
            123_456_789,
            i64::MAX,
            -1,
            -305,
            i64::MIN,
        ] {
            let mut out = String::from(" #");
            push_number(&mut out, n);
            assert_eq!(out, format!(" #{n}"));
        }
    }
}
