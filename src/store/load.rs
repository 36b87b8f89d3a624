//! Every task at once, as the TUI reads them when it opens and lists and sheets when they start.
//! At 100,000 tasks this is most of the time to open the TUI (issue 6), so it avoids what costs
//! per row: problems and units are read once and looked up here rather than joined, the order is
//! made here rather than by a sort in SQLite, supporting units come in one query, the latest
//! progress is the date the task carries (migration 2), and a large table is read in two halves
//! on two connections at once, one per core.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Row};

use super::read::{Owner, TASK_COLUMNS, line_from_row, snapshot, stored_key, task_from_row};
use crate::error::{Error, Result};
use crate::model::{Category, Task, TaskLine};

/// Below this many tasks a second connection costs more than it saves.
const HALVES_FROM: usize = 10_000;

/// Where a task goes in ledger order: its problem's place, then its number.
type Place = (usize, i64);

/// What tasks take from their problems and units, read once.
struct Owners {
    /// By problem id: its place in ledger order, inspection round, code and category.
    problems: HashMap<i64, (usize, i64, Arc<str>, Category)>,
    /// By unit id: its place in unit order and its name.
    units: HashMap<i64, (usize, Arc<str>)>,
}

impl Owners {
    fn read(conn: &Connection) -> Result<Owners> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, inspection_id, code, category FROM problem
             ORDER BY inspection_id, sort_order, id",
        )?;
        let problems = stmt
            .query_map([], |r| {
                let category = stored_key::<Category>(&r.get::<_, String>(3)?)?;
                let code: Arc<str> = r.get_ref(2)?.as_str()?.into();
                let (id, round) = (r.get::<_, i64>(0)?, r.get(1)?);
                Ok((id, round, code, category))
            })?
            .enumerate()
            .map(|(place, row)| row.map(|(id, round, code, cat)| (id, (place, round, code, cat))))
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached("SELECT id, name FROM unit ORDER BY sort_order, id")?;
        let units = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, Arc::from(r.get_ref(1)?.as_str()?)))
            })?
            .enumerate()
            .map(|(place, row)| row.map(|(id, name)| (id, (place, name))))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Owners { problems, units })
    }

    /// Every task's supporting units (by task id), in unit order.
    fn support_units(&self, conn: &Connection) -> Result<HashMap<i64, Vec<String>>> {
        let mut support: HashMap<i64, Vec<(usize, &str)>> = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT task_id, unit_id FROM task_support")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (task, unit): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some((place, name)) = self.units.get(&unit) {
                support.entry(task).or_default().push((*place, name));
            }
        }
        Ok(support
            .into_iter()
            .map(|(task, mut units)| {
                units.sort_unstable();
                (
                    task,
                    units.into_iter().map(|(_, n)| n.to_string()).collect(),
                )
            })
            .collect())
    }
}

/// What a load reads of each task from its row of `TASK_COLUMNS`: the whole task, or its line.
trait Item: Sized + Send {
    fn read(r: &Row, problem: (i64, Category), code: &Arc<str>, unit: &Arc<str>) -> Result<Self>;
}

impl Item for Task {
    fn read(r: &Row, problem: (i64, Category), code: &Arc<str>, unit: &Arc<str>) -> Result<Task> {
        let owner = Owner {
            inspection_id: problem.0,
            problem_code: code.to_string(),
            category: problem.1,
            unit: unit.to_string(),
        };
        Ok(task_from_row(r, owner)?)
    }
}

impl Item for TaskLine {
    fn read(r: &Row, problem: (i64, Category), code: &Arc<str>, unit: &Arc<str>) -> Result<Self> {
        Ok(line_from_row(r, problem, code, unit)?)
    }
}

impl Owners {
    /// The item of the row and where it goes.
    fn item<T: Item>(&self, r: &Row) -> Result<(Place, T)> {
        let (seq, problem_id, unit_id) = (r.get(2)?, r.get(3)?, r.get::<_, i64>(4)?);
        let (Some((place, round, code, category)), Some((_, unit))) =
            (self.problems.get(&problem_id), self.units.get(&unit_id))
        else {
            return Err(Error::TaskWithoutOwner(seq));
        };
        Ok(((*place, seq), T::read(r, (*round, *category), code, unit)?))
    }
}

/// The tasks with ids in `ids`, in table order, and where each goes.
struct Half<T> {
    tasks: Vec<T>,
    places: Vec<Place>,
}

/// `capacity`: about how many there are (counting them exactly would read them twice).
fn scan<T: Item>(
    conn: &Connection,
    owners: &Owners,
    ids: RangeInclusive<i64>,
    capacity: usize,
) -> Result<Half<T>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS} FROM task t WHERE t.id BETWEEN ?1 AND ?2"
    ))?;
    let (from, to) = ids.into_inner();
    let mut half = Half {
        tasks: Vec::with_capacity(capacity),
        places: Vec::with_capacity(capacity),
    };
    let mut rows = stmt.query([from, to])?;
    while let Some(r) = rows.next()? {
        let (place, task) = owners.item(r)?;
        half.places.push(place);
        half.tasks.push(task);
    }
    Ok(half)
}

/// The upper half read on a connection of its own (opened by `connect`), if that connection sees
/// the ledger as `conn` does: the same schema and the same newest event, which every write adds.
/// `None` when it does not (a write landed in between) or cannot be opened; the caller then
/// reads the half itself, so this only ever saves time.
fn scan_elsewhere<T: Item>(
    connect: impl FnOnce() -> Result<Connection>,
    seen: &State,
    owners: &Owners,
    ids: RangeInclusive<i64>,
    capacity: usize,
) -> Option<Half<T>> {
    let conn = connect().ok()?;
    snapshot(&conn, || {
        if state(&conn)? != *seen {
            return Ok(None);
        }
        scan(&conn, owners, ids, capacity).map(Some)
    })
    .ok()
    .flatten()
}

/// What a reader sees of the ledger: the schema version and the newest event (its id, and its
/// transaction's random id, which tells apart another file with as many events).
type State = (i64, Option<(i64, String)>);

fn state(conn: &Connection) -> Result<State> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let newest = conn
        .query_row(
            "SELECT id, tx FROM event ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok((version, newest))
}

/// Every task in ledger order (by problem, then number). `connect` opens another connection to
/// the same ledger for the second half of a large table; without it everything is read on `conn`.
/// Not for use inside a write: the other connection sees only what is committed.
pub(super) fn tasks<C>(conn: &Connection, connect: Option<C>) -> Result<Vec<Task>>
where
    C: FnOnce() -> Result<Connection> + Send,
{
    tasks_halved_from(conn, connect, HALVES_FROM)
}

/// Every task's line (`TaskLine`) in ledger order, read as `tasks` reads the tasks.
pub(super) fn lines<C>(conn: &Connection, connect: Option<C>) -> Result<Vec<TaskLine>>
where
    C: FnOnce() -> Result<Connection> + Send,
{
    snapshot(conn, || {
        let owners = Owners::read(conn)?;
        halved(conn, &owners, connect, HALVES_FROM)
    })
}

fn tasks_halved_from<C>(
    conn: &Connection,
    connect: Option<C>,
    halves_from: usize,
) -> Result<Vec<Task>>
where
    C: FnOnce() -> Result<Connection> + Send,
{
    snapshot(conn, || {
        let owners = Owners::read(conn)?;
        let mut tasks: Vec<Task> = halved(conn, &owners, connect, halves_from)?;
        let mut support = owners.support_units(conn)?;
        for task in &mut tasks {
            if let Some(names) = support.remove(&task.id) {
                task.support_units = names;
            }
        }
        Ok(tasks)
    })
}

/// Every task's item in ledger order, the table read in two halves at once from `halves_from`
/// tasks when `connect` gives a second connection.
fn halved<T: Item, C>(
    conn: &Connection,
    owners: &Owners,
    connect: Option<C>,
    halves_from: usize,
) -> Result<Vec<T>>
where
    C: FnOnce() -> Result<Connection> + Send,
{
    // apart, as here, min and max read only the ends of the table and count the pages of
    // its smallest index; together in one query they would read every row
    let count: i64 = conn.query_row("SELECT count(*) FROM task", [], |r| r.get(0))?;
    let (first, last): (i64, i64) = conn.query_row(
        "SELECT coalesce((SELECT min(id) FROM task), 0), coalesce((SELECT max(id) FROM task), 0)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let count = usize::try_from(count).unwrap_or(0);
    let middle = first + (last - first) / 2;
    let (lower, upper) = match connect {
        Some(connect) if count >= halves_from => {
            let seen = &state(conn)?;
            let half = count / 2 + 1;
            std::thread::scope(|threads| -> Result<(Half<T>, Half<T>)> {
                let upper_ids = middle + 1..=last;
                let elsewhere =
                    threads.spawn(move || scan_elsewhere(connect, seen, owners, upper_ids, half));
                let lower = scan(conn, owners, first..=middle, half)?;
                let taken = elsewhere
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                let upper = match taken {
                    Some(upper) => upper,
                    None => scan(conn, owners, middle + 1..=last, half)?,
                };
                Ok((lower, upper))
            })?
        }
        _ => (
            scan(conn, owners, first..=last, count)?,
            Half {
                tasks: Vec::new(),
                places: Vec::new(),
            },
        ),
    };
    Ok(in_order(lower, upper))
}

/// The two halves as one list in ledger order. The places are sorted, not the tasks, which are
/// large to move; tasks already in order (the common case) stay where they are.
fn in_order<T>(lower: Half<T>, upper: Half<T>) -> Vec<T> {
    let mut tasks = lower.tasks;
    tasks.extend(upper.tasks);
    let mut places: Vec<(Place, usize)> = lower
        .places
        .into_iter()
        .chain(upper.places)
        .enumerate()
        .map(|(index, place)| (place, index))
        .collect();
    if places.is_sorted_by_key(|(place, _)| *place) {
        return tasks;
    }
    places.sort_unstable_by_key(|(place, _)| *place);
    let mut slots: Vec<Option<T>> = tasks.into_iter().map(Some).collect();
    places
        .into_iter()
        .filter_map(|(_, index)| slots[index].take())
        .collect()
}

impl super::Store {
    /// Every task as the tables hold it: with every change made, whatever its date.
    pub(super) fn tasks_as_recorded(&self) -> Result<Vec<Task>> {
        let (path, read_only) = (self.path.clone(), self.read_only);
        tasks(&self.conn, Some(move || super::reader(&path, read_only)))
    }

    /// Every task's line as the tables hold it.
    pub(super) fn lines_as_recorded(&self) -> Result<Vec<TaskLine>> {
        let (path, read_only) = (self.path.clone(), self.read_only);
        lines(&self.conn, Some(move || super::reader(&path, read_only)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A connection like the one `Store::tasks` gives the second half.
    fn connector(path: &std::path::Path) -> impl FnOnce() -> Result<Connection> + Send {
        let path = path.to_path_buf();
        move || crate::store::reader(&path, false)
    }

    fn no_connector() -> Option<fn() -> Result<Connection>> {
        None
    }

    /// A ledger whose tasks are not in id order: the order comes from the problems.
    fn ledger() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let mut store = Store::create(&path, "t", true).unwrap();
        store
            .conn
            .execute_batch("UPDATE problem SET sort_order = -sort_order")
            .unwrap();
        store.close_task(3, "已整改", "", None, None).unwrap();
        (dir, store)
    }

    #[test]
    fn two_halves_read_what_one_connection_reads() {
        let (_dir, store) = ledger();
        let alone = tasks_halved_from(&store.conn, no_connector(), 1).unwrap();
        assert_eq!(alone.len(), 21);
        let halves = tasks_halved_from(&store.conn, Some(connector(store.path())), 1).unwrap();
        assert_eq!(halves, alone);
        // ledger order (here not id order): problem after problem, each one's tasks by number
        let mut problems: Vec<i64> = alone.iter().map(|t| t.problem_id).collect();
        problems.dedup();
        let ordered: Vec<i64> = store.problems().unwrap().iter().map(|p| p.id).collect();
        assert_eq!(problems, ordered);
        assert!(
            !ordered.is_sorted(),
            "the test needs problems out of id order"
        );
        for own in crate::model::by_problem(&alone).values() {
            assert!(own.is_sorted_by_key(|t| t.seq));
        }
    }

    /// A line read from its row says what the line of the whole task says, read in halves or
    /// not; the lines of a unit share its name.
    #[test]
    fn lines_are_the_lines_of_the_tasks() {
        let (_dir, store) = ledger();
        let whole: Vec<TaskLine> = store.tasks().unwrap().iter().map(TaskLine::from).collect();
        let owners = Owners::read(&store.conn).unwrap();
        let alone: Vec<TaskLine> = halved(&store.conn, &owners, no_connector(), 1).unwrap();
        assert_eq!(alone, whole);
        let connect = Some(connector(store.path()));
        let halves: Vec<TaskLine> = halved(&store.conn, &owners, connect, 1).unwrap();
        assert_eq!(halves, whole);
        let unit = &alone[0].unit;
        let mut same = alone.iter().filter(|l| l.unit == *unit);
        assert!(
            same.clone().count() > 1,
            "the test needs a unit with two tasks"
        );
        assert!(same.all(|l| Arc::ptr_eq(&l.unit, unit)));
    }

    /// The other connection reads its half when it sees the ledger as the first one does, and
    /// declines when it does not.
    #[test]
    fn the_other_connection_reads_its_half_only_of_the_same_ledger() {
        let (_dir, store) = ledger();
        let owners = Owners::read(&store.conn).unwrap();
        let seen = state(&store.conn).unwrap();
        let here: Half<Task> = scan(&store.conn, &owners, 11..=21, 0).unwrap();
        assert_eq!(here.tasks.len(), 11);
        let there: Half<Task> = scan_elsewhere(connector(store.path()), &seen, &owners, 11..=21, 0)
            .expect("the same ledger: the half is read");
        assert_eq!(there.tasks, here.tasks);
        assert_eq!(there.places, here.places);
        let another = (
            seen.0,
            Some((seen.1.unwrap().0, "another transaction".to_string())),
        );
        assert!(
            scan_elsewhere::<Task>(connector(store.path()), &another, &owners, 11..=21, 0)
                .is_none()
        );
    }

    /// A write that lands between the two connections' reads: the second connection sees it,
    /// so its half is not used and the list is the ledger as the first connection saw it.
    #[test]
    fn a_write_between_the_halves_is_not_mixed_in() {
        let (_dir, store) = ledger();
        let before = tasks_halved_from(&store.conn, no_connector(), 1).unwrap();
        let path = store.path().to_path_buf();
        let writer = move || {
            let mut other = Store::open(&path, "另一人").unwrap();
            other.close_task(21, "已整改", "", None, None).unwrap();
            crate::store::reader(&path, false)
        };
        let halves = tasks_halved_from(&store.conn, Some(writer), 1).unwrap();
        assert_eq!(halves, before);
        let after = store.tasks().unwrap();
        assert_ne!(after, before, "the write is there for the next read");
    }
}
