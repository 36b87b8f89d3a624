//! The worker: the one owner of the ledger while the TUI runs. It carries out the effects
//! `update` returns — loads, refreshes, writes, exports, reads of a detail or of the log — and
//! answers each with a message. On its own thread the screen keeps drawing and taking keys
//! while it works, whether a write waits on another process's lock or an export takes seconds;
//! run inline (tests), the same code answers at once.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};

use chrono::NaiveDate;

use super::data::{Data, Detail, Positions, Searchable};
use super::latest::LatestTexts;
use super::msg::{Changes, Effect, ExportRequest, Loaded, Msg, Outcome, Request, RowKey};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::{Problem, Status, TaskLine};
use crate::report;
use crate::search::IndexBuilder;
use crate::store::{EventScope, Store};

/// What SQLite may keep of the file for the detail pane's reads (`Store::set_cache_mib`).
const BROWSING_CACHE_MIB: u32 = 16;
/// How many events the history view reads.
const HISTORY_LIMIT: usize = 1000;
/// The detail pane shows the latest changes of the selection; the history view (`3`) has all.
const DETAIL_HISTORY_LIMIT: usize = 20;
/// More changed records than this and reading everything again is as quick.
const PIECEMEAL: usize = 500;
/// The first screen is drawn from the first problems with at least this many tasks: more rows
/// than a terminal shows, even with most of them closed and so not listed.
const PREVIEW_TASKS: usize = 500;

pub struct Core {
    store: Store,
    lang: Lang,
    today: NaiveDate,
    outbox: Sender<Msg>,
    /// The newest event the screen's data takes in; later ones are what a refresh reads.
    last_event: i64,
    data_version: i64,
    generation: u64,
    /// Build the search index on a thread of its own (else at once, for tests).
    background: bool,
    /// The thread building the search index, joined before the ledger is closed.
    indexing: Option<std::thread::JoinHandle<()>>,
}

impl Core {
    pub fn new(store: Store, lang: Lang, today: NaiveDate, outbox: Sender<Msg>) -> Core {
        Core {
            store,
            lang,
            today,
            outbox,
            last_event: 0,
            data_version: 0,
            generation: 0,
            background: true,
            indexing: None,
        }
    }

    /// Builds the search index at once, on this thread (tests want answers in order).
    pub fn inline(mut self) -> Core {
        self.background = false;
        self
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    fn send(&self, msg: Msg) {
        // the screen may be gone (the user quit): nobody to tell
        let _ = self.outbox.send(msg);
    }

    /// Carries out one effect; every answer goes to the outbox.
    pub fn run(&mut self, effect: Effect) {
        match effect {
            Effect::Load => self.load(false),
            Effect::AsOf(day) => {
                self.today = day;
                self.store.set_today(day);
                self.load(false);
            }
            Effect::CheckForChanges => match self.store.data_version() {
                Ok(version) if version != self.data_version => self.refresh(true),
                _ => {}
            },
            Effect::Detail(key) => self.detail(key),
            Effect::History(since) => {
                let events = match since {
                    Some(day) => self.store.events_since(EventScope::All, HISTORY_LIMIT, day),
                    None => self.store.events(EventScope::All, HISTORY_LIMIT),
                };
                if let Ok(events) = events {
                    self.send(Msg::History(events));
                }
            }
            Effect::Write { id, request } => {
                let result = self.write(request);
                let conflict = matches!(
                    result,
                    Err(Error::Conflict(_) | Error::ProblemChanged(_) | Error::UndoConflict(_))
                );
                // what changed first, then the answer: when the screen hears the write is done,
                // its data already has it (an undo, a redo or a form opened at once must not
                // start from the copy before)
                if result.is_ok() || conflict {
                    self.refresh(false);
                }
                self.send(Msg::Done { id, result });
            }
            Effect::Export { id, request } => {
                let result = self.export(request);
                self.send(Msg::Done { id, result });
            }
        }
    }

    /// Reads the whole ledger; the search index and the latest progress texts follow. The
    /// first time, in a terminal, the first problems go to the screen before (issue 16).
    fn load(&mut self, from_elsewhere: bool) {
        if self.background && self.generation == 0 {
            self.preview();
        }
        let read = self.store.snapshot(|store| {
            let data = screen_data(store, store.problems()?, store.task_lines()?)?;
            Ok((store.last_event_id()?, store.data_version()?, data))
        });
        let (last_event, data_version, data) = match read {
            Ok(read) => read,
            Err(error) => {
                self.send(Msg::Done {
                    id: 0,
                    result: Err(error),
                });
                return;
            }
        };
        (self.last_event, self.data_version) = (last_event, data_version);
        self.generation += 1;
        let generation = self.generation;
        let positions = data.positions().clone();
        let problem_ids: Vec<i64> = data.problems.iter().map(|p| p.id).collect();
        self.send(Msg::Loaded(Box::new(Loaded {
            generation,
            as_of: self.today,
            data,
            from_elsewhere,
            partial: false,
        })));
        if generation == 1 {
            // after the first load, which reads every task once and would only fill the cache
            let _ = self.store.set_cache_mib(BROWSING_CACHE_MIB);
        }
        let index = Indexing {
            generation,
            positions,
            problem_ids,
            outbox: self.outbox.clone(),
        };
        if self.background {
            match self.store.sibling() {
                Ok(sibling) => {
                    // the build of an older load, if still running, is waited for: one at a time
                    if let Some(older) = self.indexing.take() {
                        let _ = older.join();
                    }
                    self.indexing = Some(std::thread::spawn(move || index.build(&sibling)));
                }
                // no second connection: the index is built here, the screen waits a little
                Err(_) => index.build(&self.store),
            }
        } else {
            index.build(&self.store);
        }
    }

    /// The first problems of the ledger, for a first screen drawn in a few milliseconds while
    /// the whole is read. Nothing for an earlier day (read only whole) or when the read fails:
    /// the whole load says why.
    fn preview(&mut self) {
        let read = self.store.snapshot(|store| {
            let Some((problems, tasks)) = store.first_problems(PREVIEW_TASKS)? else {
                return Ok(None);
            };
            let lines = tasks.iter().map(TaskLine::from).collect();
            screen_data(store, problems, lines).map(Some)
        });
        if let Ok(Some(data)) = read {
            self.send(Msg::Loaded(Box::new(Loaded {
                generation: 0,
                as_of: self.today,
                data,
                from_elsewhere: false,
                partial: true,
            })));
        }
    }

    /// Takes in what changed since the screen last looked: the tasks changed are read again,
    /// with their search texts; anything else (problems, units, removed records, a great many
    /// changes) means the whole ledger is read again.
    fn refresh(&mut self, from_elsewhere: bool) {
        let changed = (|| -> Result<Option<Changes>> {
            // the version before the events: a commit landing between the two is seen again
            let version = self.store.data_version()?;
            let (changed, last) = self.store.changes_since(self.last_event, PIECEMEAL)?;
            let Some(changed) = changed else {
                return Ok(None);
            };
            if changed.iter().any(|(entity, _)| entity != "task") {
                return Ok(None);
            }
            let mut tasks = Vec::with_capacity(changed.len());
            for (_, uuid) in &changed {
                match self.store.task_by_uuid(uuid) {
                    Ok(task) => {
                        let text = self.store.task_search_text(task.id)?;
                        tasks.push((task, text));
                    }
                    // gone (an undone task), or not yet assigned on the day shown: start over
                    Err(Error::UnknownRef(_) | Error::NotYetAssigned { .. }) => return Ok(None),
                    Err(other) => return Err(other),
                }
            }
            self.last_event = last;
            self.data_version = version;
            Ok(Some(Changes {
                tasks,
                from_elsewhere,
            }))
        })();
        match changed {
            Ok(Some(changes)) => self.send(Msg::Changed(Box::new(changes))),
            Ok(None) => self.load(from_elsewhere),
            Err(error) => self.send(Msg::Done {
                id: 0,
                result: Err(error),
            }),
        }
    }

    fn detail(&mut self, key: RowKey) {
        let read = (|| -> Result<Detail> {
            Ok(match key {
                RowKey::Task(id) => {
                    let task = match self.store.task_by_id(id) {
                        Ok(task) => task,
                        Err(_) => return Ok(Detail::default()),
                    };
                    Detail {
                        progress: self.store.progress(&task)?,
                        task: Some(task),
                        history: self
                            .store
                            .events(EventScope::Task(id), DETAIL_HISTORY_LIMIT)?,
                    }
                }
                RowKey::Problem(id) => Detail {
                    task: None,
                    progress: Vec::new(),
                    history: self
                        .store
                        .events(EventScope::Problem(id), DETAIL_HISTORY_LIMIT)?,
                },
            })
        })();
        if let Ok(detail) = read {
            self.send(Msg::Detail {
                key,
                detail: Box::new(detail),
            });
        }
    }

    /// Carries out a write; says what it did, how to undo it and what to select.
    fn write(&mut self, request: Request) -> Result<Outcome> {
        let lang = self.lang;
        let store = &mut self.store;
        let (message, label, select) = match request {
            Request::AddProblem(new) => {
                let problem = store.add_problem(new)?;
                (
                    lang.problem_added(&problem.code),
                    lang.label_add_problem(&problem.code),
                    Some(RowKey::Problem(problem.id)),
                )
            }
            Request::EditProblem { original, edit } => {
                let problem = store.edit_problem(&original.uuid, edit, Some(&original))?;
                (
                    lang.problem_edited(&problem.code),
                    lang.label_edit_problem(&problem.code),
                    None,
                )
            }
            Request::AddTasks {
                problem,
                units,
                measure,
                deadline,
                person,
                support,
            } => {
                let seqs = if let [unit] = units.as_slice() {
                    vec![store.add_task(crate::store::NewTask {
                        problem: problem.clone(),
                        unit: unit.clone(),
                        measure,
                        deadline,
                        person,
                        support_units: support,
                        assigned: None,
                    })?]
                } else if units.is_empty() {
                    return Err(Error::NoUnitChosen);
                } else {
                    store.assign(
                        &problem, &units, &measure, deadline, &person, &support, None,
                    )?
                };
                let first = store.task(&seqs[0].to_string())?;
                let code = first.problem_code.clone();
                let (message, label) = if seqs.len() == 1 {
                    (
                        lang.task_added(first.seq, &code, &first.unit),
                        lang.label_add_task(first.seq),
                    )
                } else {
                    let list: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
                    (
                        lang.tasks_assigned(&code, seqs.len(), &list.join(" ")),
                        lang.label_split(&code, seqs.len()),
                    )
                };
                (message, label, Some(RowKey::Task(first.id)))
            }
            Request::EditTask { seq, version, edit } => {
                store.edit_task(seq, edit, Some(version))?;
                (lang.task_edited(seq), lang.label_edit_task(seq), None)
            }
            Request::Progress {
                seq,
                version,
                entry,
            } => {
                let task = store.add_progress(seq, entry, self.today, Some(version))?;
                (
                    lang.progress_added(seq, lang.status(task.status)),
                    lang.label_progress_of(seq),
                    None,
                )
            }
            Request::Close {
                seqs,
                problem,
                version,
                note,
                evidence,
                on,
            } => {
                store.close_tasks(&seqs, &note, &evidence, Some(on), version)?;
                match problem {
                    None => (lang.task_closed(seqs[0]), lang.label_close(seqs[0]), None),
                    Some(code) => {
                        let list: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
                        (
                            lang.problem_closed(&code, seqs.len(), &list.join(" ")),
                            lang.label_close_many(&code, seqs.len()),
                            None,
                        )
                    }
                }
            }
            Request::Extend {
                seq,
                version,
                extension,
            } => {
                let task = store.extend(seq, extension, Some(version))?;
                let to = lang.deadline(task.deadline);
                (lang.task_extended(seq, &to), lang.label_extend(seq), None)
            }
            Request::Reopen {
                seq,
                version,
                from,
                reason,
                on,
            } => {
                store.reopen(seq, &reason, Some(on), Some(version))?;
                if from == Status::Submitted {
                    (lang.task_returned(seq), lang.label_return(seq), None)
                } else {
                    (lang.task_reopened(seq), lang.label_reopen(seq), None)
                }
            }
            Request::Undo { tx, label } => {
                store.undo(&tx)?;
                return Ok(Outcome {
                    message: lang.tui_undone(&label),
                    tx: None,
                    label,
                    select: None,
                });
            }
        };
        Ok(Outcome {
            message,
            tx: store.last_tx().map(str::to_string),
            label,
            select,
        })
    }

    fn export(&mut self, request: ExportRequest) -> Result<Outcome> {
        let clock = self.store.clock(self.today)?;
        let rows = report::export(
            &self.store,
            self.lang,
            &clock,
            report::Request {
                format: request.format,
                filter: &request.filter,
                title: None,
                path: &request.path,
                force: request.force,
                since: None,
                layout: report::Layout::default(),
                scope: self.lang.sheet_scope(&request.filter),
            },
        )?;
        // a relative path says little in a message: where the file is, whole
        let shown: PathBuf = std::path::absolute(&request.path).unwrap_or(request.path);
        Ok(Outcome {
            message: self.lang.export_written(&shown, rows),
            tx: None,
            label: String::new(),
            select: None,
        })
    }
}

/// The search texts and the latest progress of one load, read and indexed in the order of its
/// data.
struct Indexing {
    generation: u64,
    /// Where each task is in the screen's data.
    positions: Positions,
    problem_ids: Vec<i64>,
    outbox: Sender<Msg>,
}

/// What the screen shows of `problems` and their `tasks`, with the ledger's title, units,
/// settings, rounds and reports.
fn screen_data(store: &Store, problems: Vec<Problem>, tasks: Vec<TaskLine>) -> Result<Data> {
    let mut data = Data::new(store.ledger_title()?, problems, tasks, store.units()?);
    data.settings = store.settings()?;
    data.inspections = store.inspections()?;
    data.reports = store.packets(None)?;
    Ok(data)
}

impl Indexing {
    /// The search index, each text put at its task's place in the screen's data.
    fn index(&self, store: &Store) -> Result<Searchable> {
        let mut tasks = IndexBuilder::new(self.positions.len());
        // the tasks' texts and the problems' of one moment
        let mut problems = store.snapshot(|store| {
            store.each_task_text(|id, text| {
                if let Some(i) = self.positions.get(id) {
                    tasks.put(i, text);
                }
            })?;
            store.problem_texts()
        })?;
        let problems = self
            .problem_ids
            .iter()
            .map(|id| problems.remove(id).unwrap_or_default())
            .collect();
        Ok(Searchable {
            tasks: tasks.build(),
            problems,
        })
    }

    fn build(self, store: &Store) {
        if let Ok(index) = self.index(store) {
            let _ = self.outbox.send(Msg::SearchReady {
                generation: self.generation,
                index: Box::new(index),
            });
        }
        let mut latest = LatestTexts::new(self.positions.len());
        let read = store.each_latest_progress(|id, text| {
            if let Some(i) = self.positions.get(id) {
                latest.put(i, text);
            }
        });
        if read.is_ok() {
            latest.shrink();
            let _ = self.outbox.send(Msg::LatestReady {
                generation: self.generation,
                latest: Box::new(latest),
            });
        }
    }
}

impl Drop for Core {
    /// The index's connection is closed before the worker's, so that the worker's, the last,
    /// folds the log into the file and removes it.
    fn drop(&mut self) {
        if let Some(indexing) = self.indexing.take() {
            let _ = indexing.join();
        }
    }
}

/// Runs the worker on a thread of its own until the screen goes (its effects channel closes),
/// then closes the ledger. Details asked for in a row are read for the last of them only:
/// moving over a hundred rows reads one detail, not a hundred. A panic in an effect is
/// answered as an error, not left to end the thread: the screen stays usable and says so.
pub fn spawn(mut core: Core, effects: Receiver<Effect>) -> std::thread::JoinHandle<()> {
    let thread = std::thread::Builder::new().name("worker".into());
    thread
        .spawn(move || {
            while let Ok(first) = effects.recv() {
                let mut queue = vec![first];
                queue.extend(effects.try_iter());
                let last_detail = queue.iter().rposition(|e| matches!(e, Effect::Detail(_)));
                for (i, effect) in queue.into_iter().enumerate() {
                    if matches!(effect, Effect::Detail(_)) && Some(i) != last_detail {
                        continue;
                    }
                    let id = match &effect {
                        Effect::Write { id, .. } | Effect::Export { id, .. } => *id,
                        _ => 0,
                    };
                    let ran =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| core.run(effect)));
                    if let Err(panic) = ran {
                        let what = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        core.send(Msg::Done {
                            id,
                            result: Err(Error::Internal(what)),
                        });
                    }
                }
            }
        })
        .expect("a thread for the worker")
}
