//! The state of the TUI and `update`, which turns a message (a key, a paste, a click, a tick)
//! into a new state, writing to the ledger when the user saves a form. No terminal here: tests
//! drive `update` directly and look at the state.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::form::{Choice, Edit, FieldKey, Form, FormField, FormKind};
use super::keys::{self, Action, Mode};
use super::view;
use crate::date;
use crate::error::{Error, Field, Result};
use crate::filter::Filter;
use crate::i18n::Lang;
use crate::model::{
    Category, Clock, Event, Key, Light, Problem, Progress, Stats, Status, Task, Unit, UnitKind,
};
use crate::report;
use crate::search::SearchIndex;
use crate::store::{EventScope, NewProblem, NewProgress, NewTask, ProblemEdit, Store, TaskEdit};

/// Messages `update` understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Time passed: look whether another process changed the ledger.
    Tick,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Ledger,
    Units,
    History,
}

/// A line of the ledger table: a problem, or one of its tasks (indexes into `Data`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Problem(usize),
    Task(usize),
}

/// What the screen needs of the ledger, loaded at once and kept in memory.
#[derive(Default)]
pub struct Data {
    pub title: String,
    pub problems: Vec<Problem>,
    pub tasks: Vec<Task>,
    /// For each problem (by index), the indexes of its tasks in ledger order.
    pub tasks_of: Vec<Vec<usize>>,
    pub units: Vec<Unit>,
    /// Where each task (by id) and problem (by id) is in the lists above.
    task_at: HashMap<i64, usize>,
    problem_at: HashMap<i64, usize>,
}

impl Data {
    /// Puts a task read again in its place, or adds a new one under its problem (in number
    /// order). Returns its position, or `None` when its problem is not on screen.
    fn put(&mut self, task: Task) -> Option<usize> {
        if let Some(&at) = self.task_at.get(&task.id) {
            self.tasks[at] = task;
            return Some(at);
        }
        let p = *self.problem_at.get(&task.problem_id)?;
        let at = self.tasks.len();
        let seq = task.seq;
        self.task_at.insert(task.id, at);
        self.tasks.push(task);
        let list = &mut self.tasks_of[p];
        let i = list.partition_point(|&t| self.tasks[t].seq < seq);
        list.insert(i, at);
        Some(at)
    }

    fn load(store: &Store) -> Result<Data> {
        let problems = store.problems()?;
        let tasks = store.tasks()?;
        let problem_at: HashMap<i64, usize> = problems
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let mut tasks_of = vec![Vec::new(); problems.len()];
        for (i, task) in tasks.iter().enumerate() {
            if let Some(&p) = problem_at.get(&task.problem_id) {
                tasks_of[p].push(i);
            }
        }
        let task_at = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        Ok(Data {
            title: store.ledger_title()?,
            problems,
            tasks,
            tasks_of,
            units: store.units()?,
            task_at,
            problem_at,
        })
    }
}

/// The search index of what is on screen: task texts by position in `Data::tasks`, problem
/// texts by position in `Data::problems`.
pub struct Searchable {
    tasks: SearchIndex,
    problems: Vec<String>,
}

/// The index is built on another thread after the ledger loads, so that the first screen does
/// not wait for it; the first search that needs it waits if it is not there yet.
enum Search {
    /// `stale`: positions changed since the build read the texts; read again when it is done.
    Building {
        receiver: mpsc::Receiver<Result<Searchable>>,
        stale: Vec<(usize, i64)>,
    },
    Ready(Searchable),
}

/// Reads the search texts on a connection of its own and indexes them in the order of `data`.
fn build_search(store: &Store, data: &Data) -> Search {
    let path = store.path().to_path_buf();
    let task_ids: Vec<i64> = data.tasks.iter().map(|t| t.id).collect();
    let problem_ids: Vec<i64> = data.problems.iter().map(|p| p.id).collect();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let built = (|| {
            let mut texts = Store::open(&path, "")?.search_texts()?;
            let take = |map: &mut HashMap<i64, String>, ids: &[i64]| -> Vec<String> {
                ids.iter()
                    .map(|id| map.remove(id).unwrap_or_default())
                    .collect()
            };
            let tasks = take(&mut texts.tasks, &task_ids);
            let problems = take(&mut texts.problems, &problem_ids);
            Ok(Searchable {
                tasks: SearchIndex::build(tasks),
                problems,
            })
        })();
        // the app may be gone (a reload started another build): nobody to tell
        let _ = sender.send(built);
    });
    Search::Building {
        receiver,
        stale: Vec::new(),
    }
}

/// The progress and history of the selection, read when the selection moves.
#[derive(Default)]
pub struct Detail {
    pub progress: Vec<Progress>,
    pub history: Vec<Event>,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

pub enum Popup {
    Form(Form),
    Help,
}

/// What SQLite may keep of the file for the detail pane's reads (`Store::set_cache_mib`).
const BROWSING_CACHE_MIB: u32 = 16;
/// How many events the history view and the detail pane read.
const HISTORY_LIMIT: usize = 1000;
/// The detail pane shows the latest changes of the selection; the history view (`3`) has all.
const DETAIL_HISTORY_LIMIT: usize = 20;

pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub clock: Clock,
    pub data: Data,
    pub view: View,
    /// Only tasks not closed yet (the default); `o` shows all.
    pub open_only: bool,
    /// Status, category, unit and light from the filter popup, and the search text.
    pub filter: Filter,
    /// True while the search is being typed.
    pub searching: bool,
    pub rows: Vec<Row>,
    pub selected: usize,
    /// First row shown; kept so the selection stays in view.
    pub offset: usize,
    pub detail: Detail,
    /// The detail pane has the focus (Enter); j/k scroll it.
    pub detail_focus: bool,
    pub detail_scroll: u16,
    pub stats: Stats,
    pub unit_selected: usize,
    pub history: Vec<Event>,
    pub history_selected: usize,
    search: Search,
    pub popup: Option<Popup>,
    pub notice: Option<Notice>,
    /// Transactions of this run, newest last, for undo.
    undo: Vec<String>,
    pub quit: bool,
    data_version: i64,
    /// The newest event the screen has taken in; later ones are what a refresh reads.
    last_event: i64,
    pub size: (u16, u16),
    /// False with `NO_COLOR`: meaning stays in the text.
    pub color: bool,
    /// Tasks with a red and with a yellow light, for the header.
    pub light_counts: (usize, usize),
    /// The largest task number, for the width of the number column.
    pub largest_seq: i64,
}

impl App {
    pub fn new(store: Store, lang: Lang, today: NaiveDate) -> Result<App> {
        let clock = store.clock(today)?;
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            lang,
            clock,
            data: Data::default(),
            view: View::Ledger,
            open_only: true,
            filter: Filter::default(),
            searching: false,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            detail: Detail::default(),
            detail_focus: false,
            detail_scroll: 0,
            stats: Stats {
                total: Default::default(),
                units: Vec::new(),
            },
            unit_selected: 0,
            history: Vec::new(),
            history_selected: 0,
            search: Search::Ready(Searchable {
                tasks: SearchIndex::default(),
                problems: Vec::new(),
            }),
            popup: None,
            notice: None,
            undo: Vec::new(),
            quit: false,
            data_version,
            last_event: 0,
            size: (120, 40),
            color: true,
            light_counts: (0, 0),
            largest_seq: 1,
        };
        app.reload()?;
        // after the load, which reads every task once and would only fill the cache
        app.store.set_cache_mib(BROWSING_CACHE_MIB)?;
        Ok(app)
    }

    /// The keymap mode of the current state.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Form(_)) => Mode::Form,
            Some(_) => Mode::Overlay,
            None if self.searching => Mode::Search,
            None => match self.view {
                View::Ledger => Mode::Ledger,
                View::Units => Mode::Units,
                View::History => Mode::History,
            },
        }
    }

    /// The one entry point: applies a message. Errors of the ledger are shown, never returned:
    /// the screen stays usable.
    pub fn update(&mut self, msg: Msg) {
        let result = match msg {
            Msg::Key(key) => self.key(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Mouse(mouse) => self.mouse(mouse),
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.keep_in_view();
                Ok(())
            }
            Msg::Tick => self.tick(),
        };
        if let Err(error) = result {
            self.notice = Some(Notice::Error(self.lang.error(&error)));
        }
    }

    // -----------------------------------------------------------------------------------------
    // loading

    /// Reads the ledger again and rebuilds what is shown, keeping the selection where it was.
    pub fn reload(&mut self) -> Result<()> {
        let keep = self.selected_key();
        // one snapshot: a write that lands meanwhile is after `last_event`, for the next refresh
        (self.last_event, self.data) = self
            .store
            .snapshot(|store| Ok((store.last_event_id()?, Data::load(store)?)))?;
        // the rows were positions in the data just replaced: never read them again
        self.rows.clear();
        self.search = build_search(&self.store, &self.data);
        self.settle(keep)
    }

    /// Takes in what changed since the screen last looked (a write of this run or of another
    /// process): the tasks changed are read again and put in place, and their search texts
    /// replaced; anything else (problems, units, removed records, a great many changes) means
    /// the whole ledger is read again.
    pub fn refresh(&mut self) -> Result<()> {
        /// More changes than this and reading everything again is as quick.
        const PIECEMEAL: usize = 500;
        let keep = self.selected_key();
        let (changed, last) = self.store.changes_since(self.last_event)?;
        if changed.len() > PIECEMEAL || changed.iter().any(|(entity, _)| entity != "task") {
            return self.reload();
        }
        let mut put = Vec::new();
        for (_, uuid) in &changed {
            let task = match self.store.task_by_uuid(uuid) {
                Ok(task) => task,
                // gone (an undone task) or not a task at all: start over
                Err(_) => return self.reload(),
            };
            let id = task.id;
            match self.data.put(task) {
                Some(at) => put.push((at, id)),
                None => return self.reload(),
            }
        }
        for (at, id) in put {
            let text = self.store.task_search_text(id)?;
            match &mut self.search {
                Search::Ready(ready) => ready.tasks.set(at, text),
                // the index being built may have read the old text: read it again after
                Search::Building { stale, .. } => stale.push((at, id)),
            }
        }
        self.last_event = last;
        self.settle(keep)
    }

    /// After the data changed: counts, rows (the selection kept on the record `keep` names),
    /// the history, the detail.
    fn settle(&mut self, keep: Option<(bool, i64)>) -> Result<()> {
        self.stats = Stats::build(&self.data.units, &self.data.tasks, &self.clock);
        let count = |light| {
            self.data
                .tasks
                .iter()
                .filter(|t| self.clock.light(t.status, t.deadline) == Some(light))
                .count()
        };
        self.light_counts = (count(Light::Red), count(Light::Yellow));
        self.largest_seq = self.data.tasks.iter().map(|t| t.seq).max().unwrap_or(1);
        self.rebuild_rows()?;
        if let Some(i) =
            keep.and_then(|key| self.rows.iter().position(|r| self.row_key(*r) == Some(key)))
        {
            self.selected = i;
        }
        if self.view == View::History {
            // the selection stays on its event while new ones come in on top
            let kept = self.history.get(self.history_selected).map(|e| e.id);
            self.history = self.store.events(EventScope::All, HISTORY_LIMIT)?;
            self.history_selected = kept
                .and_then(|id| self.history.iter().position(|e| e.id == id))
                .unwrap_or(0);
        }
        self.data_version = self.store.data_version()?;
        self.selection_changed()
    }

    /// A stable name of a row that survives a reload: whether it is a task, and the row id.
    fn row_key(&self, row: Row) -> Option<(bool, i64)> {
        match row {
            Row::Problem(p) => self.data.problems.get(p).map(|p| (false, p.id)),
            Row::Task(t) => self.data.tasks.get(t).map(|t| (true, t.id)),
        }
    }

    fn selected_key(&self) -> Option<(bool, i64)> {
        self.rows.get(self.selected).and_then(|r| self.row_key(*r))
    }

    /// The filter of the screen: the popup's and the search, with open-only on top.
    /// A status chosen in the filter popup overrides open-only (else 已销号 would show nothing).
    pub fn effective_filter(&self) -> Filter {
        Filter {
            open: self.open_only && self.filter.statuses.is_empty(),
            ..self.filter.clone()
        }
    }

    /// True when something narrows the ledger beyond open-only.
    pub fn is_filtered(&self) -> bool {
        !self.filter.is_empty()
    }

    /// The search index, waiting for its thread if it is still building.
    fn searchable(&mut self) -> Result<&Searchable> {
        if let Search::Building { receiver, stale } = &self.search {
            let mut built = receiver
                .recv()
                .map_err(|_| Error::Damaged("the search index could not be built".into()))??;
            for &(at, id) in stale {
                built.tasks.set(at, self.store.task_search_text(id)?);
            }
            self.search = Search::Ready(built);
        }
        match &self.search {
            Search::Ready(ready) => Ok(ready),
            Search::Building { .. } => unreachable!("set just above"),
        }
    }

    /// Which tasks and problems hold the search, when there is one.
    fn search_hits(&mut self, needle: Option<&str>) -> Result<Option<(Vec<bool>, Vec<bool>)>> {
        let Some(needle) = needle else {
            return Ok(None);
        };
        let (tasks, problems) = (self.data.tasks.len(), self.data.problems.len());
        let searchable = self.searchable()?;
        let mut task_hits = vec![false; tasks];
        for position in searchable.tasks.find(needle) {
            if let Some(hit) = task_hits.get_mut(position as usize) {
                *hit = true;
            }
        }
        let mut problem_hits: Vec<bool> = searchable
            .problems
            .iter()
            .map(|text| text.contains(needle))
            .collect();
        problem_hits.resize(problems, false);
        Ok(Some((task_hits, problem_hits)))
    }

    /// Rows shown: each problem with its tasks that pass the filter. A problem without any task
    /// is shown while nothing narrows the ledger, so that tasks can be added to it.
    pub fn rebuild_rows(&mut self) -> Result<()> {
        let filter = self.effective_filter();
        let hits = self.search_hits(filter.needle().as_deref())?;
        let mut rows = Vec::new();
        for p in 0..self.data.problems.len() {
            let tasks = &self.data.tasks_of[p];
            let shown: Vec<usize> = tasks
                .iter()
                .copied()
                .filter(|&t| {
                    filter.matches_fields(&self.data.tasks[t], &self.clock)
                        && hits
                            .as_ref()
                            .is_none_or(|(task_hits, problem_hits)| problem_hits[p] || task_hits[t])
                })
                .collect();
            if !shown.is_empty() || (tasks.is_empty() && !self.is_filtered()) {
                rows.push(Row::Problem(p));
                rows.extend(shown.into_iter().map(Row::Task));
            }
        }
        // the selection stays on its row when that row is still shown
        let keep = self.selected_key();
        self.rows = rows;
        self.selected = keep
            .and_then(|key| self.rows.iter().position(|r| self.row_key(*r) == Some(key)))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
        self.keep_in_view();
        Ok(())
    }

    /// Reads the progress and history of the selected row.
    fn selection_changed(&mut self) -> Result<()> {
        self.detail_scroll = 0;
        self.detail = match self.rows.get(self.selected) {
            Some(Row::Task(t)) => {
                let task = &self.data.tasks[*t];
                Detail {
                    progress: self.store.progress(task)?,
                    history: self
                        .store
                        .events(EventScope::Task(task.id), DETAIL_HISTORY_LIMIT)?,
                }
            }
            Some(Row::Problem(p)) => Detail {
                progress: Vec::new(),
                history: self.store.events(
                    EventScope::Problem(self.data.problems[*p].id),
                    DETAIL_HISTORY_LIMIT,
                )?,
            },
            None => Detail::default(),
        };
        Ok(())
    }

    fn tick(&mut self) -> Result<()> {
        let version = self.store.data_version()?;
        if version != self.data_version {
            self.refresh()?;
            self.notice = Some(Notice::Info(self.lang.tui_refreshed().into()));
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // selection

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    /// Rows of the table that fit on screen.
    pub fn page(&self) -> usize {
        view::table_height(self.size).max(1)
    }

    fn keep_in_view(&mut self) {
        let page = self.page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }

    fn select(&mut self, index: usize) -> Result<()> {
        let index = index.min(self.rows.len().saturating_sub(1));
        if index != self.selected || self.rows.is_empty() {
            self.selected = index;
            self.keep_in_view();
            self.selection_changed()?;
        }
        Ok(())
    }

    fn move_by(&mut self, delta: isize) -> Result<()> {
        match self.view {
            View::Ledger if self.detail_focus => {
                let last = view::detail_scroll_limit(self);
                let moved = (self.detail_scroll as isize).saturating_add(delta);
                self.detail_scroll = moved.clamp(0, last as isize) as u16;
                Ok(())
            }
            View::Ledger => self.select(self.selected.saturating_add_signed(delta)),
            View::Units => {
                let last = self.stats.units.len().saturating_sub(1);
                self.unit_selected = self.unit_selected.saturating_add_signed(delta).min(last);
                Ok(())
            }
            View::History => {
                let last = self.history.len().saturating_sub(1);
                self.history_selected =
                    self.history_selected.saturating_add_signed(delta).min(last);
                Ok(())
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // input

    fn key(&mut self, key: KeyEvent) -> Result<()> {
        let mode = self.mode();
        let action = keys::action(mode, &key);
        match mode {
            Mode::Search => return self.search_key(key, action),
            Mode::Form => return self.form_key(key, action),
            _ => {}
        }
        let Some(action) = action else {
            return Ok(());
        };
        if mode == Mode::Overlay {
            match action {
                Action::Quit => self.quit = true,
                _ => self.popup = None,
            }
            return Ok(());
        }
        self.notice = None;
        self.act(action)
    }

    fn act(&mut self, action: Action) -> Result<()> {
        let page = self.page() as isize;
        match action {
            Action::Down => self.move_by(1)?,
            Action::Up => self.move_by(-1)?,
            Action::PageDown => self.move_by(page)?,
            Action::PageUp => self.move_by(-page)?,
            Action::Top => self.move_by(isize::MIN / 2)?,
            Action::Bottom => self.move_by(isize::MAX / 2)?,
            Action::Detail => {
                self.detail_focus = !self.detail_focus;
                self.detail_scroll = 0;
            }
            Action::NextView => {
                let next = match self.view {
                    View::Ledger => View::Units,
                    View::Units => View::History,
                    View::History => View::Ledger,
                };
                self.show(next)?;
            }
            Action::ViewLedger => self.show(View::Ledger)?,
            Action::ViewUnits => self.show(View::Units)?,
            Action::ViewHistory => self.show(View::History)?,
            Action::Search => {
                self.searching = true;
                self.detail_focus = false;
            }
            Action::Filter => self.open_filter(),
            Action::ToggleOpen => {
                self.open_only = !self.open_only;
                self.rebuild_rows()?;
                self.selection_changed()?;
            }
            Action::AddTask => self.open_add_task()?,
            Action::AddProblem => self.writable()?.open_add_problem(),
            Action::Edit => self.open_edit()?,
            Action::Progress => self.open_progress()?,
            Action::Close => self.open_close()?,
            Action::Reopen => self.open_reopen()?,
            Action::Export => self.open_export(),
            Action::Undo => self.undo_last()?,
            Action::Help => self.popup = Some(Popup::Help),
            Action::Quit => self.quit = true,
            Action::FilterByUnit => {
                if let Some(line) = self.stats.units.get(self.unit_selected) {
                    self.filter.unit = Some(line.unit.name.clone());
                    self.show(View::Ledger)?;
                    self.rebuild_rows()?;
                    self.select_first()?;
                }
            }
            // Esc in the ledger: leave the detail pane, else drop a kept search
            Action::ClearSearch if self.detail_focus => self.detail_focus = false,
            Action::ClearSearch => {
                if self.filter.search.take().is_some() {
                    self.rebuild_rows()?;
                    self.select_first()?;
                }
            }
            Action::KeepSearch
            | Action::NextField
            | Action::PrevField
            | Action::Save
            | Action::Cancel => {}
        }
        Ok(())
    }

    fn show(&mut self, view: View) -> Result<()> {
        self.view = view;
        self.detail_focus = false;
        if view == View::History {
            self.history = self.store.events(EventScope::All, HISTORY_LIMIT)?;
            self.history_selected = 0;
        }
        Ok(())
    }

    fn select_first(&mut self) -> Result<()> {
        self.selected = 0;
        self.offset = 0;
        self.selection_changed()
    }

    /// Typing a search: each change narrows the ledger at once.
    fn search_key(&mut self, key: KeyEvent, action: Option<Action>) -> Result<()> {
        let text = self.filter.search.get_or_insert_with(String::new);
        match action {
            Some(Action::KeepSearch) => {
                self.searching = false;
                if text.is_empty() {
                    self.filter.search = None;
                }
                return Ok(());
            }
            Some(Action::ClearSearch) => {
                self.searching = false;
                self.filter.search = None;
            }
            Some(Action::Quit) => {
                self.quit = true;
                return Ok(());
            }
            _ => match key.code {
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    text.push(c);
                }
                _ => return Ok(()),
            },
        }
        self.rebuild_rows()?;
        self.select_first()
    }

    fn paste(&mut self, text: &str) -> Result<()> {
        if let Some(Popup::Form(form)) = &mut self.popup {
            form.paste(text);
        } else if self.searching {
            let line: String = text.chars().filter(|c| !c.is_control()).collect();
            self.filter
                .search
                .get_or_insert_with(String::new)
                .push_str(&line);
            self.rebuild_rows()?;
            self.select_first()?;
        }
        Ok(())
    }

    fn mouse(&mut self, mouse: MouseEvent) -> Result<()> {
        if self.popup.is_some() {
            return Ok(());
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.move_by(3),
            MouseEventKind::ScrollUp => self.move_by(-3),
            MouseEventKind::Down(_) if self.view == View::Ledger => {
                let table = view::table_area(self.size);
                let at = Position::new(mouse.column, mouse.row);
                // the border and the column header come before the first row
                let first_row = table.y + 2;
                if table.contains(at) && mouse.row >= first_row {
                    let index = self.offset + usize::from(mouse.row - first_row);
                    if index < self.rows.len() {
                        self.detail_focus = false;
                        return self.select(index);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    // -----------------------------------------------------------------------------------------
    // forms

    /// Refuses any write up front when the ledger file is read-only.
    fn writable(&mut self) -> Result<&mut App> {
        if self.store.is_read_only() {
            return Err(Error::ReadOnly(self.store.path().to_path_buf()));
        }
        Ok(self)
    }

    fn selected_task(&self) -> Option<&Task> {
        match self.selected_row()? {
            Row::Task(t) => Some(&self.data.tasks[t]),
            Row::Problem(_) => None,
        }
    }

    /// The selected task, or a notice that a task must be selected.
    fn need_task(&mut self) -> Option<Task> {
        let task = self.selected_task().cloned();
        if task.is_none() {
            self.notice = Some(Notice::Error(self.lang.tui_select_task().into()));
        }
        task
    }

    fn selected_problem(&self) -> Option<&Problem> {
        match self.selected_row()? {
            Row::Problem(p) => Some(&self.data.problems[p]),
            Row::Task(t) => {
                let id = self.data.tasks[t].problem_id;
                self.data.problems.iter().find(|p| p.id == id)
            }
        }
    }

    /// The active units to choose from, and `current` even when it is deactivated since, so
    /// that opening and saving a form never changes a unit nobody touched.
    fn unit_choices(&self, with_none: bool, current: &str) -> Vec<Choice> {
        let none = with_none.then(|| Choice {
            label: self.lang.tui_no_lead().into(),
            value: String::new(),
        });
        none.into_iter()
            .chain(
                self.data
                    .units
                    .iter()
                    .filter(|u| u.active || u.name == current)
                    .map(|u| Choice {
                        label: u.name.clone(),
                        value: u.name.clone(),
                    }),
            )
            .collect()
    }

    fn category_choices(&self, any: bool) -> Vec<Choice> {
        let lang = self.lang;
        let first = any.then(|| Choice {
            label: lang.tui_any().into(),
            value: String::new(),
        });
        first
            .into_iter()
            .chain(Category::ALL.iter().map(|c| Choice {
                label: lang.category(*c).into(),
                value: c.key().into(),
            }))
            .collect()
    }

    fn open_add_problem(&mut self) {
        let fields = vec![
            FormField::text(FieldKey::Code, "", false),
            FormField::choice(FieldKey::Category, self.category_choices(false), "other"),
            FormField::text(FieldKey::Title, "", false),
            FormField::text(FieldKey::Description, "", true),
            FormField::choice(FieldKey::Lead, self.unit_choices(true, ""), ""),
        ];
        let title = self.lang.form_add_problem().into();
        self.popup = Some(Popup::Form(Form::new(FormKind::AddProblem, title, fields)));
    }

    fn open_add_task(&mut self) -> Result<()> {
        self.writable()?;
        if !self.data.units.iter().any(|u| u.active) {
            self.notice = Some(Notice::Error(self.lang.tui_no_units().into()));
            return Ok(());
        }
        let Some(problem) = self.selected_problem().cloned() else {
            self.open_add_problem();
            return Ok(());
        };
        let unit = self
            .data
            .units
            .iter()
            .find(|u| u.active && u.kind == UnitKind::Office)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let deadline = self
            .data
            .tasks
            .iter()
            .filter(|t| t.problem_id == problem.id)
            .map(|t| t.deadline)
            .max()
            .map(date::format)
            .unwrap_or_default();
        let fields = vec![
            FormField::choice(FieldKey::Unit, self.unit_choices(false, ""), &unit),
            FormField::text(FieldKey::Measure, "", true),
            FormField::text(FieldKey::Person, "", false),
            FormField::text(FieldKey::Deadline, &deadline, false),
            FormField::text(FieldKey::Support, "", false),
        ];
        let title = self.lang.form_add_task(&problem.code);
        self.popup = Some(Popup::Form(Form::new(
            FormKind::AddTask {
                problem: problem.code,
            },
            title,
            fields,
        )));
        Ok(())
    }

    fn open_edit(&mut self) -> Result<()> {
        self.writable()?;
        match self.selected_row() {
            Some(Row::Task(t)) => {
                let task = self.data.tasks[t].clone();
                let fields = vec![
                    FormField::choice(
                        FieldKey::Unit,
                        self.unit_choices(false, &task.unit),
                        &task.unit,
                    ),
                    FormField::text(FieldKey::Measure, &task.measure, true),
                    FormField::text(FieldKey::Person, &task.person, false),
                    FormField::text(FieldKey::Deadline, &date::format(task.deadline), false),
                    FormField::text(FieldKey::Support, &task.support_units.join("、"), false),
                ];
                let kind = FormKind::EditTask {
                    seq: task.seq,
                    version: task.version,
                };
                let title = self.lang.form_edit_task(task.seq);
                self.popup = Some(Popup::Form(Form::new(kind, title, fields)));
            }
            Some(Row::Problem(p)) => {
                let problem = self.data.problems[p].clone();
                let fields = vec![
                    FormField::text(FieldKey::Code, &problem.code, false),
                    FormField::choice(
                        FieldKey::Category,
                        self.category_choices(false),
                        problem.category.key(),
                    ),
                    FormField::text(FieldKey::Title, &problem.title, false),
                    FormField::text(FieldKey::Description, &problem.description, true),
                    FormField::choice(
                        FieldKey::Lead,
                        self.unit_choices(true, problem.lead_unit.as_deref().unwrap_or("")),
                        problem.lead_unit.as_deref().unwrap_or(""),
                    ),
                ];
                let kind = FormKind::EditProblem {
                    original: Box::new(problem),
                };
                let title = self.lang.form_edit_problem().into();
                self.popup = Some(Popup::Form(Form::new(kind, title, fields)));
            }
            None => self.notice = Some(Notice::Error(self.lang.tui_select_something().into())),
        }
        Ok(())
    }

    fn open_progress(&mut self) -> Result<()> {
        self.writable()?;
        let Some(task) = self.need_task() else {
            return Ok(());
        };
        let lang = self.lang;
        let statuses = std::iter::once(Choice {
            label: lang.tui_keep().into(),
            value: String::new(),
        })
        .chain(
            [Status::InProgress, Status::Submitted, Status::Ongoing]
                .into_iter()
                .map(|s| Choice {
                    label: lang.status(s).into(),
                    value: s.key().into(),
                }),
        )
        .collect();
        let fields = vec![
            FormField::text(FieldKey::Text, "", true),
            FormField::text(FieldKey::Date, &date::format(self.clock.today), false),
            FormField::text(FieldKey::Evidence, "", false),
            FormField::choice(FieldKey::Status, statuses, ""),
        ];
        let kind = FormKind::Progress {
            seq: task.seq,
            version: task.version,
        };
        let title = lang.form_progress_of(task.seq);
        self.popup = Some(Popup::Form(Form::new(kind, title, fields)));
        Ok(())
    }

    fn open_close(&mut self) -> Result<()> {
        self.writable()?;
        let (kind, title) = match self.selected_row() {
            Some(Row::Task(t)) => {
                let task = &self.data.tasks[t];
                if task.status.is_closed() {
                    return Err(Error::AlreadyClosed(task.seq));
                }
                (
                    FormKind::CloseTask {
                        seq: task.seq,
                        version: task.version,
                    },
                    self.lang.form_close_task(task.seq),
                )
            }
            Some(Row::Problem(p)) => {
                let problem = &self.data.problems[p];
                let open = self.data.tasks_of[p]
                    .iter()
                    .filter(|&&t| !self.data.tasks[t].status.is_closed())
                    .count();
                if open == 0 {
                    return Err(Error::NothingToClose(problem.code.clone()));
                }
                (
                    FormKind::CloseProblem {
                        code: problem.code.clone(),
                    },
                    self.lang.form_close_problem(&problem.code, open),
                )
            }
            None => {
                self.notice = Some(Notice::Error(self.lang.tui_select_something().into()));
                return Ok(());
            }
        };
        let fields = vec![
            FormField::text(FieldKey::Note, "", true),
            FormField::text(FieldKey::Evidence, "", false),
        ];
        self.popup = Some(Popup::Form(Form::new(kind, title, fields)));
        Ok(())
    }

    fn open_reopen(&mut self) -> Result<()> {
        self.writable()?;
        let Some(task) = self.need_task() else {
            return Ok(());
        };
        if !matches!(task.status, Status::Closed | Status::Submitted) {
            return Err(Error::NotReopenable {
                seq: task.seq,
                status: task.status,
            });
        }
        let kind = FormKind::Reopen {
            seq: task.seq,
            version: task.version,
            from: task.status,
        };
        let title = self
            .lang
            .form_reopen_of(task.seq, self.lang.status(task.status));
        let fields = vec![FormField::text(FieldKey::Reason, "", true)];
        self.popup = Some(Popup::Form(Form::new(kind, title, fields)));
        Ok(())
    }

    fn open_filter(&mut self) {
        let lang = self.lang;
        let any = || Choice {
            label: lang.tui_any().into(),
            value: String::new(),
        };
        let statuses = std::iter::once(any())
            .chain(Status::ALL.iter().map(|s| Choice {
                label: lang.status(*s).into(),
                value: s.key().into(),
            }))
            .collect();
        let units = std::iter::once(any())
            .chain(self.data.units.iter().map(|u| Choice {
                label: u.name.clone(),
                value: u.name.clone(),
            }))
            .collect();
        let lights = std::iter::once(any())
            .chain(Light::ALL.iter().map(|l| Choice {
                label: lang.light(*l).into(),
                value: l.key().into(),
            }))
            .collect();
        let f = &self.filter;
        let status = f.statuses.first().map_or("", |s| s.key());
        let fields = vec![
            FormField::choice(FieldKey::Status, statuses, status),
            FormField::choice(
                FieldKey::Category,
                self.category_choices(true),
                f.category.map_or("", |c| c.key()),
            ),
            FormField::choice(FieldKey::Unit, units, f.unit.as_deref().unwrap_or("")),
            FormField::choice(FieldKey::Light, lights, f.light.map_or("", |l| l.key())),
        ];
        let title = lang.form_filter().into();
        self.popup = Some(Popup::Form(Form::new(FormKind::Filter, title, fields)));
    }

    /// The export dialog: the list as the screen filters it now, in a format, to a file.
    fn open_export(&mut self) {
        let lang = self.lang;
        let formats = report::Format::ALL
            .iter()
            .map(|f| Choice {
                label: f.extension().into(),
                value: f.extension().into(),
            })
            .collect();
        let hint = report::default_path(lang, self.clock.today, report::Format::ALL[0]);
        let overwrite = vec![
            Choice {
                label: lang.no().into(),
                value: String::new(),
            },
            Choice {
                label: lang.yes().into(),
                value: "yes".into(),
            },
        ];
        let fields = vec![
            FormField::choice(FieldKey::Format, formats, "xlsx"),
            FormField::with_hint(FieldKey::Path, &hint.display().to_string()),
            FormField::choice(FieldKey::Overwrite, overwrite, ""),
        ];
        let title = lang.form_export().into();
        self.popup = Some(Popup::Form(Form::new(FormKind::Export, title, fields)));
    }

    fn form_key(&mut self, key: KeyEvent, action: Option<Action>) -> Result<()> {
        let Some(Popup::Form(form)) = &mut self.popup else {
            return Ok(());
        };
        match action {
            Some(Action::NextField) => form.next_field(),
            Some(Action::PrevField) => form.prev_field(),
            Some(Action::Cancel) => self.popup = None,
            Some(Action::Quit) => self.quit = true,
            Some(Action::Save) => self.save_form(),
            _ => {
                if form.key(key) == Edit::Submit {
                    self.save_form();
                }
            }
        }
        Ok(())
    }

    /// Saves the open form. A refusal keeps the form open with the message beside its field; a
    /// success closes it, refreshes the screen and remembers the write for undo. A conflict
    /// (the task changed underneath) closes the form and refreshes, so nothing is overwritten.
    fn save_form(&mut self) {
        let Some(Popup::Form(form)) = self.popup.take() else {
            return;
        };
        let kind = form.kind.clone();
        match self.apply_form(&form) {
            Ok(message) => {
                if !matches!(kind, FormKind::Filter | FormKind::Export) {
                    if let Some(tx) = self.store.last_tx() {
                        self.undo.push(tx.to_string());
                    }
                    if let Err(e) = self.refresh() {
                        self.notice = Some(Notice::Error(self.lang.error(&e)));
                        return;
                    }
                }
                self.notice = message.map(Notice::Info);
            }
            Err(error @ (Error::Conflict(_) | Error::ProblemChanged(_))) => {
                let message = self.lang.error(&error);
                let _ = self.refresh();
                self.notice = Some(Notice::Error(self.lang.tui_conflict_refreshed(&message)));
            }
            Err(error) => {
                let mut form = form;
                form.refuse(fields_of(&error), self.lang.error(&error));
                self.popup = Some(Popup::Form(form));
            }
        }
    }

    /// Performs what the form asks; returns the message for the status line.
    fn apply_form(&mut self, form: &Form) -> Result<Option<String>> {
        let lang = self.lang;
        let today = self.clock.today;
        let value = |key| form.value(key);
        let date_of = |text: &str| date::parse(text, today).map_err(|e| Error::BadDate(e.0));
        let optional = |text: String| (!text.trim().is_empty()).then_some(text);
        Ok(Some(match &form.kind {
            FormKind::AddProblem => {
                let problem = self.store.add_problem(NewProblem {
                    code: value(FieldKey::Code),
                    category: Category::from_key(&value(FieldKey::Category)),
                    title: value(FieldKey::Title),
                    description: value(FieldKey::Description),
                    lead_unit: optional(value(FieldKey::Lead)),
                })?;
                lang.problem_added(&problem.code)
            }
            FormKind::EditProblem { original } => {
                let edit = ProblemEdit {
                    code: Some(value(FieldKey::Code)),
                    category: Category::from_key(&value(FieldKey::Category)),
                    title: Some(value(FieldKey::Title)),
                    description: Some(value(FieldKey::Description)),
                    lead_unit: Some(value(FieldKey::Lead)),
                };
                let problem = self
                    .store
                    .edit_problem(&original.code, edit, Some(original))?;
                lang.problem_edited(&problem.code)
            }
            FormKind::AddTask { problem } => {
                let seq = self.store.add_task(NewTask {
                    problem: problem.clone(),
                    unit: value(FieldKey::Unit),
                    measure: value(FieldKey::Measure),
                    deadline: date_of(&value(FieldKey::Deadline))?,
                    person: value(FieldKey::Person),
                    support_units: split_names(&value(FieldKey::Support)),
                })?;
                lang.task_added(seq, problem, &value(FieldKey::Unit))
            }
            FormKind::EditTask { seq, version } => {
                let edit = TaskEdit {
                    measure: Some(value(FieldKey::Measure)),
                    deadline: Some(date_of(&value(FieldKey::Deadline))?),
                    person: Some(value(FieldKey::Person)),
                    unit: Some(value(FieldKey::Unit)),
                    support_units: Some(split_names(&value(FieldKey::Support))),
                };
                self.store.edit_task(*seq, edit, Some(*version))?;
                lang.task_edited(*seq)
            }
            FormKind::Progress { seq, version } => {
                let status = value(FieldKey::Status);
                let new = NewProgress {
                    date: date_of(&value(FieldKey::Date))?,
                    text: value(FieldKey::Text),
                    evidence: value(FieldKey::Evidence),
                    status: Status::from_key(&status),
                };
                let task = self.store.add_progress(*seq, new, today, Some(*version))?;
                lang.progress_added(*seq, lang.status(task.status))
            }
            FormKind::CloseTask { seq, version } => {
                let note = value(FieldKey::Note);
                self.store
                    .close_task(*seq, &note, &value(FieldKey::Evidence), Some(*version))?;
                lang.task_closed(*seq)
            }
            FormKind::CloseProblem { code } => {
                let note = value(FieldKey::Note);
                let seqs = self
                    .store
                    .close_problem(code, &note, &value(FieldKey::Evidence))?;
                let list: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
                lang.problem_closed(code, seqs.len(), &list.join(" "))
            }
            FormKind::Reopen { seq, version, from } => {
                self.store
                    .reopen(*seq, &value(FieldKey::Reason), Some(*version))?;
                if *from == Status::Submitted {
                    lang.task_returned(*seq)
                } else {
                    lang.task_reopened(*seq)
                }
            }
            FormKind::Export => {
                let format = report::Format::parse(&value(FieldKey::Format))
                    .unwrap_or(report::Format::ALL[0]);
                let path = match value(FieldKey::Path).trim() {
                    "" => report::default_path(lang, today, format),
                    typed => PathBuf::from(typed),
                };
                let filter = self.effective_filter();
                let request = report::Request {
                    format,
                    filter: &filter,
                    title: None,
                    path: &path,
                    force: !value(FieldKey::Overwrite).is_empty(),
                };
                let rows = report::export(&self.store, lang, &self.clock, request)?;
                return Ok(Some(lang.export_written(&path, rows)));
            }
            FormKind::Filter => {
                self.filter.statuses = Status::from_key(&value(FieldKey::Status))
                    .into_iter()
                    .collect();
                self.filter.category = Category::from_key(&value(FieldKey::Category));
                self.filter.unit = optional(value(FieldKey::Unit));
                self.filter.light = Light::from_key(&value(FieldKey::Light));
                self.rebuild_rows()?;
                self.select_first()?;
                return Ok(None);
            }
        }))
    }

    fn undo_last(&mut self) -> Result<()> {
        self.writable()?;
        let Some(tx) = self.undo.last().cloned() else {
            self.notice = Some(Notice::Info(self.lang.tui_nothing_to_undo().into()));
            return Ok(());
        };
        let count = self.store.undo(&tx)?;
        self.undo.pop();
        self.refresh()?;
        self.notice = Some(Notice::Info(self.lang.tui_undone(count)));
        Ok(())
    }

    /// The search text while it is typed or kept.
    pub fn search_text(&self) -> Option<&str> {
        self.filter.search.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }
}

/// Unit names typed into one field: separated by `、`, `,`, `，`, `;` or `；`.
fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The form fields an error may be about, the likeliest first; the form shows the message beside
/// the first one it has.
fn fields_of(error: &Error) -> &'static [FieldKey] {
    use FieldKey as K;
    match error {
        Error::BadText { field, .. } => match field {
            Field::Code => &[K::Code],
            Field::Title => &[K::Title],
            Field::Description => &[K::Description],
            Field::Measure => &[K::Measure],
            Field::Person => &[K::Person],
            Field::Note => &[K::Note],
            Field::Reason => &[K::Reason],
            Field::ProgressText => &[K::Text],
            Field::Evidence => &[K::Evidence],
            Field::UnitName | Field::Actor => &[],
        },
        Error::BadDate(_) | Error::FutureProgress(_) => &[K::Date, K::Deadline],
        Error::DuplicateCode(_) | Error::CodeLooksLikeNumber(_) | Error::CodeHasSpace(_) => {
            &[K::Code]
        }
        Error::UnknownUnit(_) | Error::InactiveUnit(_) => &[K::Support, K::Unit, K::Lead],
        Error::DuplicateTask { .. } => &[K::Unit],
        Error::ForbiddenMove { .. } | Error::WrongCommand { .. } => &[K::Status],
        Error::ExportExists(_) | Error::ExportFailed { .. } => &[K::Path],
        _ => &[],
    }
}
