//! What is recorded on a task: progress (`p`), 销号 (`c`, of a task or of the open tasks a
//! problem row shows), reopening or returning (`r`), and extending its deadline (`d`, 延期).

use super::date_of;
use crate::error::{Error, ExtensionProblem};
use crate::i18n::Front;
use crate::model::{Key, Status};
use crate::store::{Extension, NewProgress};
use crate::tui::forms::{Choice, FieldKey, Form, FormField, FormKind, Refusal, Submit};
use crate::tui::msg::{Request, RowKey};
use crate::tui::state::State;

fn need_task(state: &State) -> Result<crate::model::TaskLine, String> {
    state
        .selected_task()
        .cloned()
        .ok_or_else(|| state.lang.tui_select_task().into())
}

pub fn open_progress(state: &State) -> Result<Form, String> {
    let task = need_task(state)?;
    let lang = state.lang;
    let statuses = std::iter::once(Choice::new(lang.tui_keep(), ""))
        .chain(
            Status::ALL
                .iter()
                .map(|s| Choice::new(lang.status(*s), s.key())),
        )
        .collect();
    let fields = vec![
        FormField::text(FieldKey::Text, "", true),
        FormField::text(
            FieldKey::Date,
            &crate::date::format(state.clock.today),
            false,
        ),
        FormField::text(FieldKey::Evidence, "", false),
        FormField::choice(FieldKey::Status, statuses, ""),
    ];
    Ok(Form::new(
        FormKind::Progress {
            seq: task.seq,
            version: task.version,
        },
        lang.form_progress_of(task.seq),
        fields,
    ))
}

/// The close form of a task, or of a problem row: then only the open tasks the screen shows
/// are closed, and the form says how many others the filter or the search hides.
pub fn open_close(state: &State) -> Result<Form, String> {
    let lang = state.lang;
    let fields = || {
        vec![
            FormField::text(FieldKey::Note, "", true),
            FormField::text(FieldKey::Evidence, "", false),
            // 销号日期: today, or the day the verification was done
            FormField::text(
                FieldKey::Date,
                &crate::date::format(state.clock.today),
                false,
            ),
        ]
    };
    match state.selected_row() {
        Some(RowKey::Task(_)) => {
            let task = need_task(state)?;
            if task.status.is_closed() {
                return Err(super::notice_of(state, &Error::AlreadyClosed(task.seq)));
            }
            Ok(Form::new(
                FormKind::CloseTask {
                    seq: task.seq,
                    version: task.version,
                },
                lang.form_close_task(task.seq),
                fields(),
            ))
        }
        Some(RowKey::Problem(id)) => {
            let Some(problem) = state.data.problem(id) else {
                return Err(lang.tui_select_something().into());
            };
            // the rows do not follow the search yet: what they show is not what it will show
            if state.search_waiting() {
                return Err(lang.tui_search_waiting().into());
            }
            let shown: Vec<i64> = state
                .rows
                .iter()
                .filter_map(|r| match r {
                    RowKey::Task(t) => state.data.task(*t),
                    RowKey::Problem(_) => None,
                })
                .filter(|t| t.problem_id == id && !t.status.is_closed())
                .map(|t| t.seq)
                .collect();
            if shown.is_empty() {
                return Err(super::notice_of(
                    state,
                    &Error::NothingToClose(problem.code.clone()),
                ));
            }
            let hidden = state
                .data
                .tasks_of_problem(id)
                .filter(|t| !t.status.is_closed() && !shown.contains(&t.seq))
                .count();
            let title = lang.form_close_problem(&problem.code, shown.len());
            let form = Form::new(
                FormKind::CloseProblem {
                    code: problem.code.clone(),
                    seqs: shown,
                },
                title,
                fields(),
            );
            Ok(if hidden > 0 {
                form.with_note(lang.form_close_hidden(hidden))
            } else {
                form
            })
        }
        None => Err(lang.tui_select_something().into()),
    }
}

pub fn open_reopen(state: &State) -> Result<Form, String> {
    let task = need_task(state)?;
    if !matches!(task.status, Status::Closed | Status::Submitted) {
        return Err(super::notice_of(
            state,
            &Error::NotReopenable {
                seq: task.seq,
                status: task.status,
            },
        ));
    }
    let lang = state.lang;
    Ok(Form::new(
        FormKind::Reopen {
            seq: task.seq,
            version: task.version,
            from: task.status,
        },
        lang.form_reopen_of(task.seq, lang.status(task.status)),
        vec![
            FormField::text(FieldKey::Reason, "", true),
            FormField::text(
                FieldKey::Date,
                &crate::date::format(state.clock.today),
                false,
            ),
        ],
    ))
}

/// 延期: the new deadline, why, who approved it (the person recording it when left empty) and
/// when (today unless typed).
pub fn open_extend(state: &State) -> Result<Form, String> {
    let task = need_task(state)?;
    let refused = |problem| {
        super::notice_of(
            state,
            &Error::Extension {
                seq: task.seq,
                problem,
            },
        )
    };
    if task.status.is_closed() {
        return Err(refused(ExtensionProblem::Closed));
    }
    let Some(deadline) = task.deadline else {
        return Err(refused(ExtensionProblem::NoDeadline));
    };
    let lang = state.lang;
    Ok(Form::new(
        FormKind::Extend {
            seq: task.seq,
            version: task.version,
            deadline,
        },
        lang.form_extend_of(task.seq, &crate::date::format(deadline)),
        vec![
            FormField::with_hint(FieldKey::ExtendTo, "", lang.tui_extend_hint()),
            FormField::text(FieldKey::Reason, "", true),
            FormField::with_hint(FieldKey::ApprovedBy, "", lang.tui_approved_by_hint()),
            FormField::text(
                FieldKey::Date,
                &crate::date::format(state.clock.today),
                false,
            ),
        ],
    ))
}

pub fn submit(form: &Form, state: &State) -> Result<Submit, Refusal> {
    let value = |key| form.value(key);
    let request = match &form.kind {
        FormKind::Progress { seq, version } => Request::Progress {
            seq: *seq,
            version: *version,
            entry: NewProgress {
                date: date_of(state, &value(FieldKey::Date), FieldKey::Date)?,
                text: value(FieldKey::Text),
                evidence: value(FieldKey::Evidence),
                status: Status::from_key(&value(FieldKey::Status)),
            },
        },
        FormKind::CloseTask { seq, version } => Request::Close {
            seqs: vec![*seq],
            problem: None,
            version: Some(*version),
            note: value(FieldKey::Note),
            evidence: value(FieldKey::Evidence),
            on: date_of(state, &value(FieldKey::Date), FieldKey::Date)?,
        },
        FormKind::CloseProblem { seqs, code } => Request::Close {
            seqs: seqs.clone(),
            problem: Some(code.clone()),
            version: None,
            note: value(FieldKey::Note),
            evidence: value(FieldKey::Evidence),
            on: date_of(state, &value(FieldKey::Date), FieldKey::Date)?,
        },
        FormKind::Reopen { seq, version, from } => Request::Reopen {
            seq: *seq,
            version: *version,
            from: *from,
            reason: value(FieldKey::Reason),
            on: date_of(state, &value(FieldKey::Date), FieldKey::Date)?,
        },
        FormKind::Extend {
            seq,
            version,
            deadline,
        } => Request::Extend {
            seq: *seq,
            version: *version,
            extension: Extension {
                // `+30d` is thirty days more than the deadline in force
                to: crate::date::parse(&value(FieldKey::ExtendTo), *deadline).map_err(|e| {
                    Refusal {
                        fields: &[FieldKey::ExtendTo],
                        message: state.lang.error_in(&Error::BadDate(e.0), Front::Tui),
                    }
                })?,
                reason: value(FieldKey::Reason),
                approved_by: Some(value(FieldKey::ApprovedBy)).filter(|p| !p.trim().is_empty()),
                on: Some(date_of(state, &value(FieldKey::Date), FieldKey::Date)?),
            },
        },
        _ => return Err(super::refusal(state, &Error::NothingToChange)),
    };
    Ok(Submit::Write(request))
}
