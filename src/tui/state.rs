//! The state of the TUI: plain data, no ledger and no terminal. `update` changes it, `view`
//! draws it; what the worker must do is returned as effects.

use super::data::{Data, Detail, Search};
use super::forms::Form;
use super::keys::Mode;
use super::layout::Layout;
use super::msg::{Effect, Request, RowKey};
use super::rows::{self, Hits};
use crate::filter::Filter;
use crate::i18n::Lang;
use chrono::NaiveDate;

use super::latest::LatestTexts;
use crate::model::{Clock, Event, Light, Problem, Stats, Task, TaskLine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Ledger,
    Units,
    History,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// A question the screen asks before it does something that cannot be taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Quit while a form holds text not saved.
    QuitWithUnsaved,
}

pub enum Popup {
    Form(Form),
    Help,
    /// A question, and the form it was asked over (back to it on "no").
    Confirm {
        question: Question,
        form: Option<Box<Form>>,
    },
}

/// What the worker is doing for the screen, shown until it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    Saving,
    Exporting,
    Undoing,
}

/// A write or an export the worker has not answered yet, and what its answer is for.
#[derive(Debug, Clone, PartialEq)]
pub struct InFlight {
    pub id: u64,
    pub what: Busy,
    /// The tick it started at (tenths of a second).
    pub since: u64,
    pub purpose: Purpose,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A form's write (kept, to do it again after an undo).
    Form(Request),
    Export,
    Undo(Undoable),
    Redo(Request, String),
}

/// A write of this run that can be undone: its transaction, its name, and what would do it
/// again (for redo).
#[derive(Debug, Clone, PartialEq)]
pub struct Undoable {
    pub tx: String,
    pub label: String,
    pub request: Option<Request>,
}

/// How the selection is placed after the rows are built again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// On the record it was on, if still shown; else on the row at its place.
    Record,
    /// On the first row (a new search or filter).
    First,
}

pub struct State {
    pub lang: Lang,
    /// The day the screen shows the ledger as of (截至), and the lights' day.
    pub clock: Clock,
    /// Today (the clock's, or `--today`): a view of another day is read-only, and Esc comes
    /// back here.
    pub today: NaiveDate,
    /// The ledger file's name, for the header.
    pub file_name: String,
    pub read_only: bool,
    /// False with `NO_COLOR`: meaning stays in the text.
    pub color: bool,
    pub layout: Layout,
    /// The worker has answered the first load.
    pub loaded: bool,
    pub data: Data,
    /// Which load `data` is; answers about an older one are dropped.
    pub generation: u64,
    pub search: Search,
    /// The texts of the latest progress entries, once read (wide screens show them).
    pub latest: Option<LatestTexts>,
    pub view: View,
    /// Only tasks not closed yet (the default); `o` shows all.
    pub open_only: bool,
    /// Status, category, unit, light and overdue from the filter popup, and the search text.
    pub filter: Filter,
    /// True while the search is being typed.
    pub searching: bool,
    pub rows: Vec<RowKey>,
    /// The row the selection is at, and the record it is on.
    pub selected: usize,
    pub selected_key: Option<RowKey>,
    /// First row shown; kept so the selection stays in view.
    pub offset: usize,
    /// The progress and history of a record, once read.
    pub detail: Option<(RowKey, Detail)>,
    /// The detail pane has the focus (Enter); j/k scroll it.
    pub detail_focus: bool,
    pub detail_scroll: u16,
    /// The unit board: of the round the filter keeps (`counted_round`), else of the ledger.
    pub stats: Stats,
    pub counted_round: Option<i64>,
    /// Tasks with a red and with a yellow light, for the header.
    pub light_counts: (usize, usize),
    /// The largest task number, for the width of the number column.
    pub largest_seq: i64,
    pub unit_selected: usize,
    pub history: Vec<Event>,
    pub history_selected: usize,
    /// The history shows the period after this day (up to the day shown), when set.
    pub history_since: Option<NaiveDate>,
    pub popup: Option<Popup>,
    pub notice: Option<Notice>,
    pub in_flight: Option<InFlight>,
    /// Writes of this run, newest last, for undo; and what undo took back, for redo.
    pub undo: Vec<Undoable>,
    pub redo: Vec<(Request, String)>,
    pub quit: bool,
    /// Tenths of a second since the start, as the last tick said.
    pub now: u64,
    next_id: u64,
}

impl State {
    pub fn new(lang: Lang, clock: Clock, file_name: String, read_only: bool) -> State {
        State {
            lang,
            today: clock.today,
            clock,
            file_name,
            read_only,
            color: true,
            layout: Layout::of((120, 40)),
            loaded: false,
            data: Data::default(),
            generation: 0,
            search: Search::Building {
                changed: Vec::new(),
            },
            latest: None,
            view: View::Ledger,
            open_only: true,
            filter: Filter::default(),
            searching: false,
            rows: Vec::new(),
            selected: 0,
            selected_key: None,
            offset: 0,
            detail: None,
            detail_focus: false,
            detail_scroll: 0,
            stats: Stats {
                total: Default::default(),
                units: Vec::new(),
            },
            counted_round: None,
            light_counts: (0, 0),
            largest_seq: 1,
            unit_selected: 0,
            history: Vec::new(),
            history_selected: 0,
            history_since: None,
            popup: None,
            notice: None,
            in_flight: None,
            undo: Vec::new(),
            redo: Vec::new(),
            quit: false,
            now: 0,
            next_id: 1,
        }
    }

    /// A new id for a write or an export.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The keymap mode of the current state.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Form(_)) => Mode::Form,
            Some(Popup::Confirm { .. }) => Mode::Confirm,
            Some(Popup::Help) => Mode::Overlay,
            None if self.searching => Mode::Search,
            None => match self.view {
                View::Ledger => Mode::Ledger,
                View::Units => Mode::Units,
                View::History => Mode::History,
            },
        }
    }

    /// The filter of the screen: the popup's and the search, with open-only on top. A status
    /// chosen in the filter popup overrides open-only (else 已销号 would show nothing).
    pub fn effective_filter(&self) -> Filter {
        Filter {
            open: self.open_only && self.filter.statuses.is_empty(),
            ..self.filter.clone()
        }
    }

    /// The form open, if one is.
    pub fn form(&self) -> Option<&Form> {
        match &self.popup {
            Some(Popup::Form(form)) => Some(form),
            _ => None,
        }
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.popup {
            Some(Popup::Form(form)) => Some(form),
            _ => None,
        }
    }

    /// True when something narrows the ledger beyond open-only.
    pub fn is_filtered(&self) -> bool {
        !self.filter.is_empty()
    }

    pub fn selected_row(&self) -> Option<RowKey> {
        self.rows.get(self.selected).copied()
    }

    /// The line of the selected task.
    pub fn selected_task(&self) -> Option<&TaskLine> {
        match self.selected_row()? {
            RowKey::Task(id) => self.data.task(id),
            RowKey::Problem(_) => None,
        }
    }

    /// The whole selected task, once the detail of the selection is read.
    pub fn selected_whole_task(&self) -> Option<&Task> {
        self.selected_detail()?.task.as_ref()
    }

    /// The selected problem, or the problem of the selected task.
    pub fn selected_problem(&self) -> Option<&Problem> {
        match self.selected_row()? {
            RowKey::Problem(id) => self.data.problem(id),
            RowKey::Task(id) => self.data.problem(self.data.task(id)?.problem_id),
        }
    }

    /// The progress and history of the selection, when they are read.
    pub fn selected_detail(&self) -> Option<&Detail> {
        match (&self.detail, self.selected_row()) {
            (Some((key, detail)), Some(selected)) if *key == selected => Some(detail),
            _ => None,
        }
    }

    /// Rows of the table that fit on screen.
    pub fn page(&self) -> usize {
        self.layout.table_rows()
    }

    pub fn keep_in_view(&mut self) {
        let page = self.page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }

    /// Counts of the header and the unit board, after the data or the filter's round changed:
    /// the board counts the round the filter keeps, as `stats --inspection` does.
    pub fn recount(&mut self) {
        let round = self.filter.inspection;
        let tasks = self
            .data
            .tasks
            .iter()
            .filter(|t| self.filter.keeps_round(t.inspection_id));
        self.stats = Stats::build(&self.data.units, tasks, &self.clock);
        self.counted_round = round;
        let count = |light| {
            self.data
                .tasks
                .iter()
                .filter(|t| self.clock.light(t.status, t.deadline) == Some(light))
                .count()
        };
        self.light_counts = (count(Light::Red), count(Light::Yellow));
        self.largest_seq = self.data.tasks.iter().map(|t| t.seq).max().unwrap_or(1);
        self.unit_selected = self
            .unit_selected
            .min(self.stats.units.len().saturating_sub(1));
    }

    /// True while a search is asked for that the index, still being built, cannot answer yet.
    /// The screen shows another day than today: nothing may be written from it.
    pub fn is_past(&self) -> bool {
        self.clock.today != self.today
    }

    pub fn search_waiting(&self) -> bool {
        self.filter.needle().is_some() && self.search.ready().is_none()
    }

    /// Builds the rows again and places the selection; says what to read for the detail.
    pub fn rebuild_rows(&mut self, keep: Keep) -> Vec<Effect> {
        if self.counted_round != self.filter.inspection {
            self.recount();
        }
        let filter = self.effective_filter();
        let hits = match (filter.needle(), self.search.ready()) {
            (Some(needle), Some(index)) => Some(Hits::of(index, &needle, &self.data)),
            _ => None,
        };
        self.rows = rows::build(
            &self.data,
            &filter,
            &self.clock,
            hits.as_ref(),
            self.filter.narrows_tasks(),
        );
        let index = match keep {
            Keep::First => 0,
            Keep::Record => self
                .selected_key
                .and_then(|key| self.rows.iter().position(|r| *r == key))
                .unwrap_or(self.selected),
        };
        self.select_index(index)
    }

    /// Puts the selection on row `index` (or the last row); says what to read for the detail.
    pub fn select_index(&mut self, index: usize) -> Vec<Effect> {
        self.selected = index.min(self.rows.len().saturating_sub(1));
        let key = self.rows.get(self.selected).copied();
        if key != self.selected_key {
            self.detail_scroll = 0;
        }
        self.selected_key = key;
        self.keep_in_view();
        self.detail_effect()
    }

    /// Puts the selection on the record `key` when it is shown.
    pub fn select_key(&mut self, key: RowKey) -> Vec<Effect> {
        match self.rows.iter().position(|r| *r == key) {
            Some(index) => self.select_index(index),
            None => Vec::new(),
        }
    }

    /// The detail of the selection is to be read, unless it is already.
    pub fn detail_effect(&self) -> Vec<Effect> {
        match self.selected_key {
            Some(key) if self.detail.as_ref().is_none_or(|(k, _)| *k != key) => {
                vec![Effect::Detail(key)]
            }
            _ => Vec::new(),
        }
    }
}

impl State {
    /// What narrows the ledger, in words: `未销号 · 搜索“培训” · 单位 石泉县`. A status chosen
    /// in the filter popup stands instead of open-only, which it overrides.
    /// What a problem's title is prefixed with when the ledger holds several rounds (their
    /// codes may repeat): `〔2〕`; nothing when it holds one.
    pub fn round_mark(&self, id: i64) -> String {
        let all = &self.data.inspections;
        match all.iter().position(|i| i.id == id) {
            Some(n) if all.len() > 1 => self.lang.round_mark(n + 1),
            _ => String::new(),
        }
    }

    /// How the screen names a round: `第2轮 2020年“回头看”反馈意见（2020-06-15）`.
    pub fn round_name(&self, id: i64) -> String {
        let all = &self.data.inspections;
        all.iter()
            .position(|i| i.id == id)
            .map(|n| {
                self.lang.round_name(&crate::error::RoundName {
                    number: n + 1,
                    title: all[n].title.clone(),
                    date: crate::date::format(all[n].feedback_date),
                })
            })
            .unwrap_or_default()
    }

    pub fn filter_words(&self) -> String {
        let lang = self.lang;
        let f = &self.filter;
        let mut parts = Vec::new();
        if let Some(round) = f.inspection {
            parts.push(self.round_name(round));
        }
        if f.statuses.is_empty() {
            parts.push(if self.open_only {
                lang.tui_open_only().to_string()
            } else {
                lang.tui_all().to_string()
            });
        }
        parts.extend(f.statuses.iter().map(|s| lang.status(*s).to_string()));
        if f.overdue {
            parts.push(lang.tui_overdue().to_string());
        }
        if let Some(search) = f.search.as_deref().filter(|s| !s.is_empty()) {
            parts.push(lang.tui_search_active(search));
        }
        if let Some(c) = f.category {
            parts.push(lang.category(c).to_string());
        }
        if let Some(u) = &f.unit {
            parts.push(lang.tui_unit_filter(u));
        }
        if let Some(l) = f.light {
            parts.push(lang.light(l).to_string());
        }
        crate::text::clean_line(&parts.join(" · "))
    }

    /// How many task rows are shown.
    pub fn task_rows(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, RowKey::Task(_)))
            .count()
    }
}
