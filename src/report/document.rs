//! `export --format json`: the document of `json` written as the ledger is read, each record
//! as SQLite steps to it, in the bytes the whole document printed at once would have. The whole
//! ledger holds nothing in memory but the record being written; a filtered one first notes the
//! uuids of what it keeps (the chosen tasks, and the problems, units and rounds they need).

use std::collections::HashSet;
use std::io::Write;

use serde::Serialize;

use super::json::{FORMAT, VERSION};
use super::pretty::PrettyArray;
use crate::error::Result;
use crate::filter::Filter;
use crate::model::Clock;
use crate::store::Store;

/// The uuids a filtered document keeps (`Records::only_tasks`, decided before writing).
struct Kept {
    tasks: HashSet<String>,
    problems: HashSet<String>,
    units: HashSet<String>,
    inspections: HashSet<String>,
}

impl Kept {
    fn of(store: &Store, filter: &Filter, clock: &Clock) -> Result<Kept> {
        let mut tasks = HashSet::new();
        // which tasks, not what they say: read without their look-ups
        store.each_problem_counted(filter, clock, |p| {
            tasks.extend(p.chosen(filter, clock).iter().map(|t| t.uuid.clone()));
            Ok(())
        })?;
        let (mut problems, mut units) = (HashSet::new(), HashSet::new());
        store.each_task_record(|t| {
            if tasks.contains(&t.uuid) {
                problems.insert(t.problem);
                units.insert(t.unit);
                units.extend(t.support_units);
            }
            Ok(())
        })?;
        let mut inspections = HashSet::new();
        store.each_problem_record(|p| {
            if problems.contains(&p.uuid) {
                units.extend(p.lead_unit);
                inspections.insert(p.inspection);
            }
            Ok(())
        })?;
        Ok(Kept {
            tasks,
            problems,
            units,
            inspections,
        })
    }
}

/// Writes the document of the ledger (of the tasks `filter` chooses, and what they need) to
/// `out`, stamped `exported_at`; returns how many tasks it holds. One read transaction.
pub fn write(
    store: &Store,
    filter: &Filter,
    clock: &Clock,
    exported_at: &str,
    out: &mut dyn Write,
) -> Result<usize> {
    // serde_json writes in small pieces: gathered here rather than each sent through `dyn Write`
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let tasks = store.snapshot(|store| {
        let kept = (!filter.is_empty())
            .then(|| Kept::of(store, filter, clock))
            .transpose()?;
        let keeps = |set: fn(&Kept) -> &HashSet<String>, uuid: &str| {
            kept.as_ref().is_none_or(|k| set(k).contains(uuid))
        };
        write!(
            out,
            "{{\n  \"format\": {},\n  \"version\": {VERSION},\n  \"exported_at\": {},\n",
            quoted(FORMAT)?,
            quoted(exported_at)?
        )?;
        let mut section = Section::begin(&mut out, "inspections")?;
        store.each_inspection(|r| section.item(keeps(|k| &k.inspections, &r.uuid), &r))?;
        let mut section = section.next("units")?;
        store.each_unit(|r| section.item(keeps(|k| &k.units, &r.uuid), &r))?;
        let mut section = section.next("problems")?;
        store.each_problem_record(|r| section.item(keeps(|k| &k.problems, &r.uuid), &r))?;
        let mut section = section.next("tasks")?;
        store.each_task_record(|r| section.item(keeps(|k| &k.tasks, &r.uuid), &r))?;
        let tasks = section.count();
        let mut section = section.next("progress")?;
        store.each_progress_entry(|r| section.item(keeps(|k| &k.tasks, &r.task), &r))?;
        section.end()?;
        Ok(tasks)
    })?;
    out.write_all(b"\n}\n")?;
    out.flush()?;
    Ok(tasks)
}

/// A JSON string as the printer writes it.
fn quoted(text: &str) -> Result<String> {
    Ok(serde_json::to_string(text).map_err(std::io::Error::from)?)
}

/// One key of the document and its array of records.
struct Section<'w, W: Write> {
    array: PrettyArray<&'w mut W>,
}

impl<'w, W: Write> Section<'w, W> {
    fn begin(out: &'w mut W, key: &str) -> Result<Section<'w, W>> {
        write!(out, "  {}: ", quoted(key)?)?;
        Ok(Section {
            array: PrettyArray::begin(out, 1)?,
        })
    }

    /// Writes `record` if it is `kept`.
    fn item(&mut self, kept: bool, record: &impl Serialize) -> Result<()> {
        match kept {
            true => self.array.item(record),
            false => Ok(()),
        }
    }

    fn count(&self) -> usize {
        self.array.count()
    }

    /// Closes this array and opens the next key's.
    fn next(self, key: &str) -> Result<Section<'w, W>> {
        let out = self.end()?;
        out.write_all(b",\n")?;
        Section::begin(out, key)
    }

    fn end(self) -> Result<&'w mut W> {
        Ok(self.array.end()?.0)
    }
}
