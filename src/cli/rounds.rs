//! Inspection rounds on the command line: `inspection add|list|edit`, the global
//! `--inspection REF` that scopes a run to one round, and the note a reader gets when a problem
//! code it names is in several rounds.

use std::io::Write;

use serde::Serialize;

use super::InspectionCommand;
use super::json;
use super::session::Context;
use super::table::fitted;
use crate::error::{Error, Result, RoundName};
use crate::model::{Inspection, Problem, by_problem};
use crate::store::{InspectionEdit, NewInspection, Store};

/// Scopes the run to the round `text` names: its codes, its problems and tasks, its title.
pub(super) fn scope(store: &mut Store, text: Option<&str>) -> Result<()> {
    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
        let round = store.inspection(text)?;
        store.set_round(Some(round.id));
    }
    Ok(())
}

/// Prefixes the titles of `problems` with their round's number (`〔2〕`) when the ledger held
/// several rounds today: their codes may repeat. For the text of lists, not their JSON.
pub(super) fn mark_rounds(cx: &Context, problems: &mut [crate::model::Problem]) -> Result<()> {
    let marks = round_marks(cx)?;
    for problem in problems {
        mark_round(&marks, problem);
    }
    Ok(())
}

/// The mark of each round by id (`〔2〕`), when the ledger held several rounds today.
pub(super) fn round_marks(cx: &Context) -> Result<std::collections::HashMap<i64, String>> {
    let held = cx.store.inspections()?;
    if held.len() < 2 {
        return Ok(Default::default());
    }
    held.iter()
        .map(|round| Ok((round.id, cx.lang.round_mark(cx.store.round_number(round)?))))
        .collect()
}

/// Prefixes the problem's title with its round's mark, if it has one.
pub(super) fn mark_round(marks: &std::collections::HashMap<i64, String>, problem: &mut Problem) {
    if let Some(mark) = marks.get(&problem.inspection_id) {
        problem.title = format!("{mark}{}", problem.title);
    }
}

/// Says on `err` that a problem code `reference` names is in several rounds and the newest's
/// is shown (a reader takes it; a write refuses and asks for `--inspection`).
pub(super) fn note_shared_code(cx: &Context, reference: &str, err: &mut dyn Write) -> Result<()> {
    if crate::model::parse_seq(reference).is_some() {
        return Ok(());
    }
    if let Err(Error::AmbiguousProblem { code, mut rounds }) = cx.store.problem(reference) {
        // as of an earlier day, only the rounds held then
        let held = cx
            .store
            .inspections()?
            .iter()
            .map(|r| cx.store.round_number(r))
            .collect::<Result<Vec<_>>>()?;
        rounds.retain(|r| held.contains(&r.number));
        if rounds.len() > 1 {
            writeln!(err, "{}", cx.lang.newest_round_taken(&code, &rounds))?;
        }
    }
    Ok(())
}

fn name(number: usize, round: &Inspection) -> RoundName {
    RoundName {
        number,
        title: round.title.clone(),
        date: crate::date::format(round.feedback_date),
    }
}

/// One round as `inspection list --json` shows it.
#[derive(Serialize)]
struct RoundJson<'a> {
    number: usize,
    #[serde(flatten)]
    round: &'a Inspection,
    problems: usize,
    tasks: usize,
}

pub(super) fn inspection(
    cx: &mut Context,
    command: InspectionCommand,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    match command {
        InspectionCommand::Add {
            title,
            issuer,
            date,
            note,
        } => {
            let new = NewInspection {
                title,
                issuer: issuer.unwrap_or_default(),
                feedback_date: cx.date(&date)?,
                note: note.unwrap_or_default(),
            };
            let round = cx.store.add_inspection(new)?;
            let number = cx.store.round_number(&round)?;
            writeln!(out, "{}", lang.inspection_added(&name(number, &round)))?;
        }
        InspectionCommand::Edit {
            reference,
            title,
            issuer,
            date,
            note,
        } => {
            let edit = InspectionEdit {
                title,
                issuer,
                feedback_date: date.as_deref().map(|d| cx.date(d)).transpose()?,
                note,
            };
            let round = cx.store.edit_inspection(&reference, edit)?;
            let number = cx.store.round_number(&round)?;
            writeln!(out, "{}", lang.inspection_edited(&name(number, &round)))?;
        }
        InspectionCommand::List { json: as_json } => {
            let all = cx.store.inspections()?;
            let numbers = all
                .iter()
                .map(|r| cx.store.round_number(r))
                .collect::<Result<Vec<_>>>()?;
            let (problems, tasks) = cx
                .store
                .snapshot(|store| Ok((store.problems()?, store.tasks()?)))?;
            let tasks_by = by_problem(&tasks);
            let count = |round: &Inspection| {
                let own: Vec<_> = problems
                    .iter()
                    .filter(|p| p.inspection_id == round.id)
                    .collect();
                let tasks = own.iter().filter_map(|p| tasks_by.get(&p.id)).flatten();
                (own.len(), tasks.count())
            };
            if as_json {
                let rows: Vec<RoundJson> = all
                    .iter()
                    .zip(&numbers)
                    .map(|(round, number)| {
                        let (problems, tasks) = count(round);
                        RoundJson {
                            number: *number,
                            round,
                            problems,
                            tasks,
                        }
                    })
                    .collect();
                return json::print(out, &rows);
            }
            if all.is_empty() {
                writeln!(out, "{}", lang.no_rounds())?;
                return Ok(());
            }
            let header = [
                lang.col_round(),
                lang.col_round_title(),
                lang.col_issuer(),
                lang.col_feedback_date(),
                lang.col_problems(),
                lang.col_tasks(),
                lang.col_note(),
            ];
            let rows: Vec<Vec<String>> = all
                .iter()
                .zip(&numbers)
                .map(|(round, number)| {
                    let (problems, tasks) = count(round);
                    vec![
                        number.to_string(),
                        round.title.clone(),
                        round.issuer.clone(),
                        crate::date::format(round.feedback_date),
                        problems.to_string(),
                        tasks.to_string(),
                        round.note.lines().next().unwrap_or_default().to_string(),
                    ]
                })
                .collect();
            fitted(out, &header, &rows)?;
        }
    }
    Ok(())
}
