//! Plain types of the domain and its rules: status moves, lights, overdue, completion rate and the
//! derived state of a problem. No I/O, no SQL, no terminal; nothing of ours is imported here.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// An enumeration stored and exchanged as a stable English key.
pub trait Key: Sized + Copy + 'static {
    const ALL: &'static [Self];

    fn key(self) -> &'static str;

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.key() == key)
    }
}

/// The status of a task, as stored. The English keys are the stored and exchanged form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Submitted,
    Ongoing,
    Closed,
}

impl Key for Status {
    const ALL: &'static [Status] = &[
        Status::NotStarted,
        Status::InProgress,
        Status::Submitted,
        Status::Ongoing,
        Status::Closed,
    ];

    fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Submitted => "submitted",
            Status::Ongoing => "ongoing",
            Status::Closed => "closed",
        }
    }
}

impl Status {
    /// Work on the task still has to be done by the unit (§2's "open" statuses): only these can
    /// run late. Not the same as "not closed" (未销号), which also counts 待销号 and 长期坚持.
    pub fn needs_work(self) -> bool {
        matches!(self, Status::NotStarted | Status::InProgress)
    }

    pub fn is_closed(self) -> bool {
        self == Status::Closed
    }
}

/// What kind of move a status change is; each command allows some kinds only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The unit reports: start, submit, mark ongoing, or resume an ongoing measure.
    Advance,
    /// 销号 by the office; needs a note.
    Close,
    /// 退回: submitted back to in progress; needs a reason.
    Return,
    /// 回头看: closed back to in progress; needs a reason.
    Reopen,
}

/// The rules of §2. `None` means the move is forbidden.
pub fn classify_move(from: Status, to: Status) -> Option<Move> {
    use Status::*;
    match (from, to) {
        (NotStarted | InProgress, InProgress | Submitted | Ongoing) => Some(Move::Advance),
        (Ongoing, InProgress) => Some(Move::Advance),
        (NotStarted | InProgress | Submitted | Ongoing, Closed) => Some(Move::Close),
        (Submitted, InProgress) => Some(Move::Return),
        (Closed, InProgress) => Some(Move::Reopen),
        _ => None,
    }
}

/// Problem category (问题类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Shared,
    Weak,
    Other,
}

impl Key for Category {
    const ALL: &'static [Category] = &[Category::Shared, Category::Weak, Category::Other];

    fn key(self) -> &'static str {
        match self {
            Category::Shared => "shared",
            Category::Weak => "weak",
            Category::Other => "other",
        }
    }
}

/// Kind of unit (单位类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    County,
    Department,
    Office,
    Other,
}

impl Key for UnitKind {
    const ALL: &'static [UnitKind] = &[
        UnitKind::County,
        UnitKind::Department,
        UnitKind::Office,
        UnitKind::Other,
    ];

    fn key(self) -> &'static str {
        match self {
            UnitKind::County => "county",
            UnitKind::Department => "department",
            UnitKind::Office => "office",
            UnitKind::Other => "other",
        }
    }
}

/// The traffic light of an open task (红/黄/绿灯). Ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Key for Light {
    const ALL: &'static [Light] = &[Light::Red, Light::Yellow, Light::Green];

    fn key(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
}

/// The "as of" day and the ledger's warning window: everything a light depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub today: NaiveDate,
    pub warn_days: u32,
}

impl Clock {
    pub const DEFAULT_WARN_DAYS: u32 = 7;

    /// 逾期: still open and the deadline has passed.
    pub fn is_overdue(&self, status: Status, deadline: NaiveDate) -> bool {
        status.needs_work() && deadline < self.today
    }

    /// 红 overdue; 黄 open and due within `warn_days`; 绿 open and on track; none otherwise.
    pub fn light(&self, status: Status, deadline: NaiveDate) -> Option<Light> {
        if !status.needs_work() {
            None
        } else if deadline < self.today {
            Some(Light::Red)
        } else if deadline <= self.warn_until() {
            Some(Light::Yellow)
        } else {
            Some(Light::Green)
        }
    }

    /// The last day that still counts as "due soon".
    pub fn warn_until(&self) -> NaiveDate {
        self.today
            .checked_add_days(Days::new(u64::from(self.warn_days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// Counts of tasks by status, with the overdue count; the base of completion rates and ranks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub tasks: u32,
    pub closed: u32,
    pub submitted: u32,
    pub in_progress: u32,
    pub not_started: u32,
    pub ongoing: u32,
    pub overdue: u32,
}

impl Tally {
    pub fn add(&mut self, status: Status, overdue: bool) {
        self.add_many(status, 1, u32::from(overdue));
    }

    /// Adds `count` tasks of one status, `overdue` of them overdue.
    pub fn add_many(&mut self, status: Status, count: u32, overdue: u32) {
        self.tasks += count;
        match status {
            Status::Closed => self.closed += count,
            Status::Submitted => self.submitted += count,
            Status::InProgress => self.in_progress += count,
            Status::NotStarted => self.not_started += count,
            Status::Ongoing => self.ongoing += count,
        }
        self.overdue += overdue;
    }

    pub fn merge(&mut self, other: &Tally) {
        self.tasks += other.tasks;
        self.closed += other.closed;
        self.submitted += other.submitted;
        self.in_progress += other.in_progress;
        self.not_started += other.not_started;
        self.ongoing += other.ongoing;
        self.overdue += other.overdue;
    }

    /// The tally of some tasks as of `clock`.
    pub fn of<'a>(tasks: impl IntoIterator<Item = &'a Task>, clock: &Clock) -> Tally {
        let mut tally = Tally::default();
        for t in tasks {
            tally.add(t.status, clock.is_overdue(t.status, t.deadline));
        }
        tally
    }

    /// 完成率 = closed / all tasks; `None` when there are no tasks.
    pub fn completion_rate(&self) -> Option<f64> {
        (self.tasks > 0).then(|| f64::from(self.closed) / f64::from(self.tasks))
    }

    /// Tasks not closed yet (未销号).
    pub fn open(&self) -> u32 {
        self.tasks - self.closed
    }
}

/// Ranks (1 = best) by completion rate, then fewer overdue; equal keys share a rank (1, 1, 3).
/// Entries without tasks get no rank.
pub fn rank(tallies: &[Tally]) -> Vec<Option<u32>> {
    let key = |t: &Tally| t.completion_rate().map(|rate| (rate, t.overdue));
    let better = |a: (f64, u32), b: (f64, u32)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    tallies
        .iter()
        .map(|t| {
            let mine = key(t)?;
            let ahead = tallies
                .iter()
                .filter_map(key)
                .filter(|&other| better(other, mine))
                .count();
            Some(ahead as u32 + 1)
        })
        .collect()
}

/// The state of a problem, derived from its tasks and never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemState {
    /// No task yet (未分解).
    Unassigned,
    NotStarted,
    InProgress,
    Submitted,
    Ongoing,
    Closed,
}

/// How far along a status is, for the state of a problem: the least advanced task decides.
fn advance(status: Status) -> u8 {
    match status {
        Status::NotStarted => 0,
        Status::InProgress => 1,
        Status::Submitted => 2,
        Status::Ongoing => 3,
        Status::Closed => 4,
    }
}

/// The least advanced task decides, except that a problem with any work done is in progress.
pub fn problem_state(statuses: &[Status]) -> ProblemState {
    let Some(least) = statuses.iter().copied().min_by_key(|s| advance(*s)) else {
        return ProblemState::Unassigned;
    };
    match least {
        Status::NotStarted if statuses.iter().any(|s| *s != Status::NotStarted) => {
            ProblemState::InProgress
        }
        Status::NotStarted => ProblemState::NotStarted,
        Status::InProgress => ProblemState::InProgress,
        Status::Submitted => ProblemState::Submitted,
        Status::Ongoing => ProblemState::Ongoing,
        Status::Closed => ProblemState::Closed,
    }
}

/// What a problem row says of its tasks: closed of all, the worst light, the derived state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProblemSummary {
    pub closed: u32,
    pub total: u32,
    pub light: Option<Light>,
    pub state: ProblemState,
}

impl ProblemSummary {
    pub fn of<'a>(tasks: impl IntoIterator<Item = &'a Task>, clock: &Clock) -> ProblemSummary {
        let statuses: Vec<(Status, Option<Light>)> = tasks
            .into_iter()
            .map(|t| (t.status, clock.light(t.status, t.deadline)))
            .collect();
        let only: Vec<Status> = statuses.iter().map(|(s, _)| *s).collect();
        ProblemSummary {
            closed: only.iter().filter(|s| s.is_closed()).count() as u32,
            total: only.len() as u32,
            light: worst_light(statuses.iter().map(|(_, l)| *l)),
            state: problem_state(&only),
        }
    }
}

/// Tasks by the id of their problem, each group in the order given: one pass, where looking up
/// each problem's tasks among all would cost problems × tasks.
pub fn by_problem<'a>(tasks: impl IntoIterator<Item = &'a Task>) -> HashMap<i64, Vec<&'a Task>> {
    let mut groups: HashMap<i64, Vec<&'a Task>> = Default::default();
    for task in tasks {
        groups.entry(task.problem_id).or_default().push(task);
    }
    groups
}

/// The worst light among tasks (红 over 黄 over 绿).
pub fn worst_light(lights: impl IntoIterator<Item = Option<Light>>) -> Option<Light> {
    lights.into_iter().flatten().max()
}

/// A round of inspection feedback (督查反馈).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    pub title: String,
    pub issuer: String,
    pub feedback_date: NaiveDate,
    pub note: String,
}

/// A unit (单位) that owns or supports tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub kind: UnitKind,
    pub sort_order: i64,
    pub active: bool,
}

/// A problem (问题) raised by an inspection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    #[serde(skip)]
    pub id: i64,
    #[serde(skip)]
    pub inspection_id: i64,
    pub code: String,
    pub category: Category,
    pub title: String,
    pub description: String,
    pub lead_unit: Option<String>,
    pub uuid: String,
}

/// A task (整改任务): one problem owned by one responsible unit, with the date of its latest
/// progress entry (the text is read apart: `LatestProgress`).
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: i64,
    pub uuid: String,
    pub seq: i64,
    pub problem_id: i64,
    pub problem_code: String,
    /// The category of the task's problem (filters need it).
    pub category: Category,
    pub unit_id: i64,
    pub unit: String,
    pub support_units: Vec<String>,
    pub measure: String,
    pub person: String,
    pub deadline: NaiveDate,
    pub status: Status,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub close_note: Option<String>,
    pub close_evidence: Option<String>,
    pub reopen_reason: Option<String>,
    pub version: i64,
    pub last_progress_date: Option<NaiveDate>,
}

/// The texts of tasks' latest progress entries, by task id. Lists and sheets show them beside
/// the date each task carries; the TUI's ledger does not, so loading the tasks does not read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LatestProgress(pub HashMap<i64, String>);

impl LatestProgress {
    /// From each task's entries (in date order, as `Store::progress` gives them).
    pub fn of_entries(tasks: &[Task], entries: &[Vec<Progress>]) -> LatestProgress {
        let texts = tasks
            .iter()
            .zip(entries)
            .filter_map(|(task, own)| own.last().map(|e| (task.id, e.text.clone())))
            .collect();
        LatestProgress(texts)
    }

    /// The latest progress of `task`, if it has any. Its text is empty only if the entries and
    /// the date the task carries are out of step, which `check` reports.
    pub fn of<'a>(&'a self, task: &Task) -> Option<ProgressBrief<'a>> {
        let date = task.last_progress_date?;
        let text = self.0.get(&task.id).map_or("", String::as_str);
        Some(ProgressBrief { date, text })
    }
}

/// The date and text of a task's latest progress entry.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProgressBrief<'a> {
    pub date: NaiveDate,
    pub text: &'a str,
}

impl Progress {
    /// The entry as the latest progress of its task.
    pub fn brief(&self) -> ProgressBrief<'_> {
        ProgressBrief {
            date: self.date,
            text: &self.text,
        }
    }
}

impl ProgressBrief<'_> {
    /// `12-20 已开展检查12次`: how a list or a sheet shows it.
    pub fn line(&self) -> String {
        format!("{} {}", self.date.format("%m-%d"), self.text)
    }
}

/// One progress entry (进展) of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    pub date: NaiveDate,
    pub text: String,
    pub evidence: String,
    pub author: String,
    pub created_at: String,
}

/// One entry of the operation log: a change of one record, with old and new value of each field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub tx: String,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_uuid: String,
    /// How people name the record now: `#12`, `G1`, a unit's name; empty when it is gone.
    pub label: String,
    pub action: String,
    pub changes: Vec<Change>,
}

/// A field's value before and after a change (`null` where there was none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

/// One unit's line of the unit board (单位统计).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStats {
    pub unit: Unit,
    pub tally: Tally,
    pub rank: Option<u32>,
}

/// Totals and one line per unit, best first: by rank, then in the units' own order. Units with
/// no task are listed last (no rank); deactivated units only while they have tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub total: Tally,
    pub units: Vec<UnitStats>,
}

impl Stats {
    /// From the tasks themselves.
    pub fn build<'a>(
        units: &[Unit],
        tasks: impl IntoIterator<Item = &'a Task>,
        clock: &Clock,
    ) -> Stats {
        let mut by_unit: HashMap<i64, Tally> = Default::default();
        for task in tasks {
            let overdue = clock.is_overdue(task.status, task.deadline);
            by_unit
                .entry(task.unit_id)
                .or_default()
                .add(task.status, overdue);
        }
        Stats::from_tallies(units, &by_unit)
    }

    /// From each unit's tally (by unit id), as the store counts them for a whole ledger.
    pub fn from_tallies(units: &[Unit], by_unit: &HashMap<i64, Tally>) -> Stats {
        let mut total = Tally::default();
        for tally in by_unit.values() {
            total.merge(tally);
        }
        let listed: Vec<(&Unit, Tally)> = units
            .iter()
            .map(|u| (u, by_unit.get(&u.id).copied().unwrap_or_default()))
            .filter(|(u, tally)| u.active || tally.tasks > 0)
            .collect();
        let tallies: Vec<Tally> = listed.iter().map(|(_, t)| *t).collect();
        let mut lines: Vec<UnitStats> = listed
            .into_iter()
            .zip(rank(&tallies))
            .map(|((unit, tally), rank)| UnitStats {
                unit: unit.clone(),
                tally,
                rank,
            })
            .collect();
        // stable: equal ranks keep the units' own order
        lines.sort_by_key(|line| line.rank.unwrap_or(u32::MAX));
        Stats {
            total,
            units: lines,
        }
    }
}

/// A reason a piece of text cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong { max: usize },
    ControlCharacter,
}

/// Longest text accepted in a long field (description, measure, progress, notes), in characters.
pub const MAX_LONG_TEXT: usize = 10_000;
/// Longest text accepted in a name-like field (unit, person, code, title), in characters.
pub const MAX_NAME: usize = 200;

/// Checks a piece of text a person typed. Newline and tab are allowed only in long text.
pub fn check_text(text: &str, required: bool, long: bool) -> Result<(), TextProblem> {
    if required && text.trim().is_empty() {
        return Err(TextProblem::Empty);
    }
    let max = if long { MAX_LONG_TEXT } else { MAX_NAME };
    if text.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    let allowed = |c: char| long && (c == '\n' || c == '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextProblem::ControlCharacter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn serde_names_are_the_stored_keys() {
        fn same<K: Key + Serialize>() {
            for value in K::ALL {
                assert_eq!(serde_json::to_value(value).unwrap(), value.key());
                assert_eq!(K::from_key(value.key()).map(|v| v.key()), Some(value.key()));
            }
        }
        same::<Status>();
        same::<Category>();
        same::<UnitKind>();
        same::<Light>();
    }

    #[test]
    fn moves_follow_the_rules() {
        use Status::*;
        assert_eq!(classify_move(NotStarted, InProgress), Some(Move::Advance));
        assert_eq!(classify_move(InProgress, Submitted), Some(Move::Advance));
        assert_eq!(classify_move(NotStarted, Ongoing), Some(Move::Advance));
        assert_eq!(classify_move(Ongoing, InProgress), Some(Move::Advance));
        assert_eq!(classify_move(NotStarted, Closed), Some(Move::Close));
        assert_eq!(classify_move(Submitted, Closed), Some(Move::Close));
        assert_eq!(classify_move(Ongoing, Closed), Some(Move::Close));
        assert_eq!(classify_move(Submitted, InProgress), Some(Move::Return));
        assert_eq!(classify_move(Closed, InProgress), Some(Move::Reopen));
        // forbidden
        for (from, to) in [
            (Closed, Submitted),
            (Closed, Ongoing),
            (Closed, NotStarted),
            (Closed, Closed),
            (Submitted, Ongoing),
            (Ongoing, Submitted),
            (InProgress, NotStarted),
            (Submitted, NotStarted),
        ] {
            assert_eq!(classify_move(from, to), None, "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn lights_around_the_deadline() {
        let deadline = day("2019-12-31");
        let at = |today: &str| Clock {
            today: day(today),
            warn_days: 7,
        };
        assert_eq!(
            at("2019-12-20").light(Status::NotStarted, deadline),
            Some(Light::Green)
        );
        assert_eq!(
            at("2019-12-24").light(Status::NotStarted, deadline),
            Some(Light::Yellow)
        );
        assert_eq!(
            at("2019-12-26").light(Status::InProgress, deadline),
            Some(Light::Yellow)
        );
        assert_eq!(
            at("2019-12-31").light(Status::InProgress, deadline),
            Some(Light::Yellow)
        );
        assert_eq!(
            at("2020-01-01").light(Status::InProgress, deadline),
            Some(Light::Red)
        );
        assert!(at("2020-01-05").is_overdue(Status::NotStarted, deadline));
        assert!(!at("2019-12-31").is_overdue(Status::NotStarted, deadline));
        // closed, submitted and ongoing tasks have no light and are never overdue
        for status in [Status::Closed, Status::Submitted, Status::Ongoing] {
            assert_eq!(at("2020-01-05").light(status, deadline), None);
            assert!(!at("2020-01-05").is_overdue(status, deadline));
        }
    }

    #[test]
    fn completion_and_rank() {
        let mut a = Tally::default();
        a.add(Status::Closed, false);
        a.add(Status::InProgress, true);
        let mut b = Tally::default();
        b.add(Status::Closed, false);
        b.add(Status::NotStarted, false);
        let mut c = Tally::default();
        c.add(Status::Closed, false);
        let empty = Tally::default();
        assert_eq!(a.completion_rate(), Some(0.5));
        assert_eq!(empty.completion_rate(), None);
        assert_eq!(a.open(), 1);
        // c: 100%; b: 50% no overdue; a: 50% one overdue
        assert_eq!(
            rank(&[a, b, c, empty]),
            vec![Some(3), Some(2), Some(1), None]
        );
        assert_eq!(rank(&[b, b]), vec![Some(1), Some(1)]);
    }

    #[test]
    fn problem_state_is_derived() {
        use Status::*;
        assert_eq!(problem_state(&[]), ProblemState::Unassigned);
        assert_eq!(
            problem_state(&[NotStarted, NotStarted]),
            ProblemState::NotStarted
        );
        assert_eq!(
            problem_state(&[NotStarted, Closed]),
            ProblemState::InProgress
        );
        assert_eq!(problem_state(&[Submitted, Closed]), ProblemState::Submitted);
        assert_eq!(problem_state(&[Closed, Closed]), ProblemState::Closed);
        assert_eq!(
            worst_light([Some(Light::Green), None, Some(Light::Red)]),
            Some(Light::Red)
        );
        assert_eq!(worst_light([None, None]), None);
    }

    #[test]
    fn text_checks() {
        assert_eq!(check_text("  ", true, true), Err(TextProblem::Empty));
        assert_eq!(check_text("", false, true), Ok(()));
        assert_eq!(check_text("第一行\n第二行\t", true, true), Ok(()));
        assert_eq!(
            check_text("名称\n", true, false),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check_text("a\u{1b}[31m", true, true),
            Err(TextProblem::ControlCharacter)
        );
        let long = "字".repeat(MAX_NAME + 1);
        assert_eq!(
            check_text(&long, true, false),
            Err(TextProblem::TooLong { max: MAX_NAME })
        );
        assert_eq!(check_text(&long, true, true), Ok(()));
    }
}
