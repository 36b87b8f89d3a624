//! The TUI at work without a terminal: the state, `update`, and the worker that owns the
//! ledger, joined by channels. The terminal loop (`tui::run`), the tests and the benchmarks all
//! drive it the same way: hand it a message, let it pass the effects on, take in the answers.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::msg::{Effect, Msg};
use super::state::State;
use super::update::update;
use super::worker::{self, Core};
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;

/// Where effects are carried out.
enum Runner {
    /// On this thread, at once (tests: every answer is in before `handle` returns).
    Inline(Box<Core>),
    /// On the worker's thread.
    Thread {
        effects: Option<Sender<Effect>>,
        worker: Option<std::thread::JoinHandle<()>>,
    },
}

pub struct App {
    pub state: State,
    runner: Runner,
    inbox: Receiver<Msg>,
    outbox: Sender<Msg>,
}

impl App {
    /// The TUI on `store`, its worker on a thread of its own; the first load is under way.
    pub fn new(store: Store, lang: Lang, today: NaiveDate) -> Result<App> {
        App::start(store, lang, today, false)
    }

    /// The same, with the worker's effects carried out at once on this thread.
    pub fn inline(store: Store, lang: Lang, today: NaiveDate) -> Result<App> {
        App::start(store, lang, today, true)
    }

    fn start(mut store: Store, lang: Lang, today: NaiveDate, inline: bool) -> Result<App> {
        store.set_today(today);
        let clock = store.clock(today)?;
        let file_name = store
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let state = State::new(lang, clock, file_name, store.is_read_only());
        let (outbox, inbox) = mpsc::channel();
        let core = Core::new(store, lang, today, outbox.clone());
        let runner = if inline {
            Runner::Inline(Box::new(core.inline()))
        } else {
            let (effects, receiver) = mpsc::channel();
            let worker = worker::spawn(core, receiver);
            Runner::Thread {
                effects: Some(effects),
                worker: Some(worker),
            }
        };
        let mut app = App {
            state,
            runner,
            inbox,
            outbox,
        };
        app.dispatch(vec![Effect::Load]);
        Ok(app)
    }

    /// Where other threads (the terminal's input) send their messages.
    pub fn sender(&self) -> Sender<Msg> {
        self.outbox.clone()
    }

    /// Applies a message, passes its effects on, and takes in every answer already there.
    pub fn handle(&mut self, msg: Msg) {
        let effects = update(&mut self.state, msg);
        self.dispatch(effects);
        self.take_answers();
    }

    fn dispatch(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match &mut self.runner {
                Runner::Thread { effects, .. } => {
                    if let Some(effects) = effects {
                        let _ = effects.send(effect);
                    }
                }
                Runner::Inline(core) => {
                    core.run(effect);
                    while let Ok(msg) = self.inbox.try_recv() {
                        queue.extend(update(&mut self.state, msg));
                    }
                }
            }
        }
    }

    /// Takes in the answers that are there; says whether there were any.
    pub fn take_answers(&mut self) -> bool {
        let mut any = false;
        while let Ok(msg) = self.inbox.try_recv() {
            any = true;
            let effects = update(&mut self.state, msg);
            self.dispatch(effects);
        }
        any
    }

    /// Waits for the next message (an answer of the worker, or input from another thread) for
    /// at most `timeout`, and applies it; says whether one came.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        match self.inbox.recv_timeout(timeout) {
            Ok(msg) => {
                self.handle(msg);
                true
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => false,
        }
    }

    /// Ends the run: waits for a write or an export under way (a minute at most), then lets the
    /// worker close the ledger, so that the log is folded into the file as on any clean close.
    pub fn finish(mut self) {
        self.wait_until(Duration::from_secs(60), |s| s.in_flight.is_none());
        if let Runner::Thread { effects, worker } = &mut self.runner {
            effects.take();
            if let Some(worker) = worker.take() {
                let _ = worker.join();
            }
        }
    }

    /// Waits until `ready` holds of the state (at most `timeout`); says whether it does.
    pub fn wait_until(&mut self, timeout: Duration, ready: impl Fn(&State) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        while !ready(&self.state) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            self.wait(left.min(Duration::from_millis(50)));
        }
        true
    }
}
