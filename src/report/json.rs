//! The whole ledger as one JSON document, version 3 (version 1 had no 交办日期 `assigned` and no
//! 销号日期 `closed_on` on its tasks; it is still read, and they are taken from the days the task
//! and its close were recorded; version 3 added extensions and tasks without a deadline, and
//! allows several tasks of one problem and unit, told apart by their measures):
//!
//! ```json
//! { "format": "zhenggai-ledger", "version": 3, "exported_at": "2019-12-26T08:00:00.000Z",
//!   "inspections": [...], "units": [...], "problems": [...], "tasks": [...], "progress": [...] }
//! ```
//!
//! Records are those of `exchange`; they point at each other by uuid. Reading checks everything
//! before the ledger is touched, and refuses whatever `problem add`, `task add`, `progress` or the
//! date parser would refuse: the bytes are UTF-8 (a byte-order mark aside), no object names a key
//! twice, the document is ours and not newer, every field has its type (a bad one is named by its
//! JSON path, `tasks[3].deadline`), texts and problem codes pass the ledger's rules, dates lie in
//! the years people may type and progress is not dated after today, numbers lie in their range,
//! uuids are uuids, no two records of a kind share a uuid or a natural key, and every reference
//! resolves inside the document.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::strict_json::{self, Refusal};
use crate::error::{Error, FieldProblem, Result};
use crate::exchange::{
    InspectionRecord, ProblemRecord, ProgressRecord, Records, TaskRecord, UnitRecord,
};
use crate::model::{MAX_SEQ, MAX_SORT_ORDER, MAX_VERSION, Status, check_code, check_text, is_uuid};

pub const FORMAT: &str = "zhenggai-ledger";
pub const VERSION: u32 = 3;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    version: u32,
    exported_at: String,
    inspections: Vec<InspectionRecord>,
    units: Vec<UnitRecord>,
    problems: Vec<ProblemRecord>,
    tasks: Vec<TaskRecord>,
    progress: Vec<ProgressRecord>,
}

fn bad(path: String, problem: FieldProblem) -> Error {
    Error::ImportBadField { path, problem }
}

/// Reads and checks a document; see the module's comment for what is checked. `today` is the
/// day after which no progress may be dated.
pub fn read(bytes: &[u8], today: NaiveDate) -> Result<Records> {
    // a byte-order mark is how some editors begin UTF-8; it says nothing else
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| Error::ImportNotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let value = strict_json::parse(text).map_err(|refusal| match refusal {
        Refusal::Syntax { line, column } => Error::ImportNotJson { line, column },
        Refusal::DuplicateKey(path) => bad(path, FieldProblem::DuplicateKey),
    })?;
    // the envelope first: a newer version may have fields this one does not know
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(Error::ImportNotOurs);
    }
    let version = match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(VERSION)).contains(&v) => v,
        Some(v) if v > u64::from(VERSION) => return Err(Error::ImportNewer { version: v }),
        _ => {
            return Err(bad(
                "version".into(),
                FieldProblem::Invalid(VERSION.to_string()),
            ));
        }
    };
    let document: Document = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        bad(path, FieldProblem::Invalid(e.into_inner().to_string()))
    })?;
    let mut records = Records {
        inspections: document.inspections,
        units: document.units,
        problems: document.problems,
        tasks: document.tasks,
        progress: document.progress,
    };
    canonical_times(&mut records)?;
    check(&records)?;
    business_dates(&mut records, version, today)?;
    check_numbers_and_dates(&records, today)?;
    Ok(records)
}

/// The local calendar day of a time in the ledger's form.
fn day_of(time: &str) -> Option<NaiveDate> {
    let time = chrono::DateTime::parse_from_rfc3339(time).ok()?;
    Some(time.with_timezone(&chrono::Local).date_naive())
}

/// Every task's 交办日期 and, while closed, its 销号日期: given by a version 2 document, taken
/// from the times a version 1 document recorded. A close date goes with a closed task only.
/// No date may be after today, and no progress entry before its task was assigned.
fn business_dates(r: &mut Records, version: u64, today: NaiveDate) -> Result<()> {
    let future = |path: String, day: NaiveDate| {
        bad(path, FieldProblem::FutureDate(crate::date::format(day)))
    };
    let outside = |path: String, day: NaiveDate| {
        bad(path, FieldProblem::DateOutOfRange(crate::date::format(day)))
    };
    // a version 1 task was assigned by its earliest progress, if that is before it was recorded
    let mut earliest: std::collections::HashMap<&str, NaiveDate> = Default::default();
    for entry in &r.progress {
        let day = earliest.entry(entry.task.as_str()).or_insert(entry.date);
        *day = (*day).min(entry.date);
    }
    let earliest: std::collections::HashMap<String, NaiveDate> = earliest
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    for (i, task) in r.tasks.iter_mut().enumerate() {
        let closed = task.status == Status::Closed;
        if version < 2 {
            let first = earliest.get(&task.uuid).copied();
            // and not after the day it is brought in (a document of a later recording)
            task.assigned = day_of(&task.created_at)
                .map(|d| first.map_or(d, |f| d.min(f)))
                .map(|d| d.min(today));
            task.closed_on = if closed {
                task.closed_at.as_deref().and_then(day_of)
            } else {
                None
            };
        }
        let Some(assigned) = task.assigned else {
            return Err(bad(
                format!("tasks[{i}].assigned"),
                FieldProblem::MissingDate,
            ));
        };
        if !crate::date::in_range(assigned) {
            return Err(outside(format!("tasks[{i}].assigned"), assigned));
        }
        if assigned > today {
            return Err(future(format!("tasks[{i}].assigned"), assigned));
        }
        if let Some(day) = task.closed_on.filter(|d| !crate::date::in_range(*d)) {
            return Err(outside(format!("tasks[{i}].closed_on"), day));
        }
        match task.closed_on {
            None if closed => {
                return Err(bad(
                    format!("tasks[{i}].closed_on"),
                    FieldProblem::MissingDate,
                ));
            }
            Some(day) if day > today => {
                return Err(future(format!("tasks[{i}].closed_on"), day));
            }
            Some(day) if !closed || day < assigned => {
                return Err(bad(
                    format!("tasks[{i}].closed_on"),
                    FieldProblem::Invalid(crate::date::format(day)),
                ));
            }
            _ => {}
        }
    }
    let assigned: std::collections::HashMap<&str, NaiveDate> = r
        .tasks
        .iter()
        .filter_map(|t| Some((t.uuid.as_str(), t.assigned?)))
        .collect();
    for (i, entry) in r.progress.iter().enumerate() {
        if assigned
            .get(entry.task.as_str())
            .is_some_and(|a| entry.date < *a)
        {
            return Err(bad(
                format!("progress[{i}].date"),
                FieldProblem::Invalid(crate::date::format(entry.date)),
            ));
        }
    }
    Ok(())
}

/// The ledger's own form of a time, `2019-12-26T08:00:00.000Z` (UTC): what the merge compares
/// as text to tell the newer copy.
fn canonical(path: String, value: &str) -> Result<String> {
    let time = chrono::DateTime::parse_from_rfc3339(value)
        .map_err(|_| bad(path.clone(), FieldProblem::Invalid(value.to_string())))?
        .with_timezone(&chrono::Utc);
    // a copy from the future would win every merge after it
    if time > chrono::Utc::now() + chrono::Duration::days(1) {
        return Err(bad(path, FieldProblem::Invalid(value.to_string())));
    }
    Ok(time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// Puts every time of the document in the ledger's form, refusing one that is not a time.
fn canonical_times(r: &mut Records) -> Result<()> {
    for (i, x) in r.inspections.iter_mut().enumerate() {
        x.updated_at = canonical(format!("inspections[{i}].updated_at"), &x.updated_at)?;
    }
    for (i, x) in r.units.iter_mut().enumerate() {
        x.updated_at = canonical(format!("units[{i}].updated_at"), &x.updated_at)?;
    }
    for (i, x) in r.problems.iter_mut().enumerate() {
        x.updated_at = canonical(format!("problems[{i}].updated_at"), &x.updated_at)?;
    }
    for (i, x) in r.tasks.iter_mut().enumerate() {
        x.created_at = canonical(format!("tasks[{i}].created_at"), &x.created_at)?;
        x.updated_at = canonical(format!("tasks[{i}].updated_at"), &x.updated_at)?;
        if let Some(at) = &x.closed_at {
            x.closed_at = Some(canonical(format!("tasks[{i}].closed_at"), at)?);
        }
    }
    for (i, x) in r.progress.iter_mut().enumerate() {
        x.created_at = canonical(format!("progress[{i}].created_at"), &x.created_at)?;
    }
    Ok(())
}

/// Texts, closing rules, unique uuids and references (times are checked by `canonical`).
fn check(r: &Records) -> Result<()> {
    let text = |path: String, value: &str, required: bool, long: bool| {
        check_text(value, required, long).map_err(|p| bad(path, FieldProblem::Text(p)))
    };
    let inspections = uuids("inspections", r.inspections.iter().map(|x| &x.uuid))?;
    let units = uuids("units", r.units.iter().map(|x| &x.uuid))?;
    let problems = uuids("problems", r.problems.iter().map(|x| &x.uuid))?;
    let tasks = uuids("tasks", r.tasks.iter().map(|x| &x.uuid))?;
    uuids("progress", r.progress.iter().map(|x| &x.uuid))?;
    let refer = |path: String, set: &HashSet<&str>, uuid: &str| {
        if set.contains(uuid) {
            Ok(())
        } else {
            Err(bad(path, FieldProblem::Dangling(uuid.to_string())))
        }
    };
    let mut rounds = HashSet::new();
    for (i, x) in r.inspections.iter().enumerate() {
        text(format!("inspections[{i}].title"), &x.title, true, false)?;
        if !rounds.insert((x.title.as_str(), x.feedback_date)) {
            return Err(bad(
                format!("inspections[{i}].title"),
                FieldProblem::Duplicate(x.title.clone()),
            ));
        }
        text(format!("inspections[{i}].issuer"), &x.issuer, false, false)?;
        text(format!("inspections[{i}].note"), &x.note, false, true)?;
    }
    let mut names = HashSet::new();
    for (i, x) in r.units.iter().enumerate() {
        text(format!("units[{i}].name"), &x.name, true, false)?;
        if !names.insert(x.name.trim()) {
            return Err(bad(
                format!("units[{i}].name"),
                FieldProblem::Duplicate(x.name.clone()),
            ));
        }
    }
    let mut codes = HashSet::new();
    for (i, x) in r.problems.iter().enumerate() {
        // codes are unique within an inspection, case aside
        if !codes.insert((x.inspection.as_str(), x.code.to_lowercase())) {
            return Err(bad(
                format!("problems[{i}].code"),
                FieldProblem::Duplicate(x.code.clone()),
            ));
        }
        refer(
            format!("problems[{i}].inspection"),
            &inspections,
            &x.inspection,
        )?;
        if let Some(lead) = &x.lead_unit {
            refer(format!("problems[{i}].lead_unit"), &units, lead)?;
        }
        check_code(&x.code)
            .map_err(|p| bad(format!("problems[{i}].code"), FieldProblem::Code(p)))?;
        text(format!("problems[{i}].title"), &x.title, true, false)?;
        text(
            format!("problems[{i}].description"),
            &x.description,
            false,
            true,
        )?;
    }
    let mut owners = HashSet::new();
    let mut seqs = HashSet::new();
    for (i, x) in r.tasks.iter().enumerate() {
        refer(format!("tasks[{i}].problem"), &problems, &x.problem)?;
        refer(format!("tasks[{i}].unit"), &units, &x.unit)?;
        // a unit's measures of a problem are told apart by their text, as in a ledger
        if !owners.insert((x.problem.as_str(), x.unit.as_str(), x.measure.trim())) {
            return Err(bad(
                format!("tasks[{i}].measure"),
                FieldProblem::Duplicate(x.measure.clone()),
            ));
        }
        if !seqs.insert(x.seq) {
            return Err(bad(
                format!("tasks[{i}].seq"),
                FieldProblem::Duplicate(x.seq.to_string()),
            ));
        }
        for (j, s) in x.support_units.iter().enumerate() {
            refer(format!("tasks[{i}].support_units[{j}]"), &units, s)?;
        }
        text(format!("tasks[{i}].measure"), &x.measure, true, true)?;
        text(format!("tasks[{i}].person"), &x.person, false, false)?;
        let closed = x.status == Status::Closed;
        match (&x.closed_at, closed) {
            (Some(_), true) => {}
            (None, true) => {
                return Err(bad(format!("tasks[{i}].closed_at"), FieldProblem::Missing));
            }
            (Some(_), false) => {
                return Err(bad(
                    format!("tasks[{i}].closed_at"),
                    FieldProblem::NotClosed,
                ));
            }
            (None, false) => {}
        }
        if closed && x.close_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(bad(format!("tasks[{i}].close_note"), FieldProblem::Missing));
        }
        check_extension(i, x)?;
        for (name, value, long) in [
            ("close_note", &x.close_note, true),
            ("reopen_reason", &x.reopen_reason, true),
            ("closed_by", &x.closed_by, false),
            ("close_evidence", &x.close_evidence, false),
            ("extension_reason", &x.extension_reason, true),
            ("extension_approved_by", &x.extension_approved_by, false),
        ] {
            if let Some(value) = value {
                text(format!("tasks[{i}].{name}"), value, false, long)?;
            }
        }
    }
    for (i, x) in r.progress.iter().enumerate() {
        refer(format!("progress[{i}].task"), &tasks, &x.task)?;
        text(format!("progress[{i}].text"), &x.text, true, true)?;
        text(format!("progress[{i}].evidence"), &x.evidence, false, false)?;
        text(format!("progress[{i}].author"), &x.author, true, false)?;
    }
    Ok(())
}

/// An extension is whole or absent: the deadline first given, the one it moved, the day and the
/// reason go together, with a deadline to have moved.
fn check_extension(i: usize, x: &TaskRecord) -> Result<()> {
    let parts = [
        x.original_deadline.is_some(),
        x.extended_from.is_some(),
        x.extended_on.is_some(),
        x.extension_reason.is_some(),
    ];
    let path = |field: &str| format!("tasks[{i}].{field}");
    if parts.iter().any(|p| *p) && !parts.iter().all(|p| *p) {
        let field = [
            "original_deadline",
            "extended_from",
            "extended_on",
            "extension_reason",
        ][parts.iter().position(|p| !p).unwrap_or(0)];
        return Err(bad(path(field), FieldProblem::PartOfExtension));
    }
    if let (Some(from), Some(to)) = (x.extended_from, x.deadline)
        && x.original_deadline.is_some()
        && to <= from
    {
        return Err(bad(
            path("deadline"),
            FieldProblem::Invalid(crate::date::format(to)),
        ));
    }
    if x.original_deadline.is_some() && x.deadline.is_none() {
        return Err(bad(path("deadline"), FieldProblem::PartOfExtension));
    }
    Ok(())
}

/// The numbers and dates of every record against the ranges the ledger keeps.
fn check_numbers_and_dates(r: &Records, today: NaiveDate) -> Result<()> {
    let number = |path: String, value: i64, min: i64, max: i64| {
        if (min..=max).contains(&value) {
            Ok(())
        } else {
            Err(bad(path, FieldProblem::OutOfRange { value, min, max }))
        }
    };
    let day = |path: String, value: NaiveDate| {
        if crate::date::in_range(value) {
            Ok(())
        } else {
            Err(bad(
                path,
                FieldProblem::DateOutOfRange(crate::date::format(value)),
            ))
        }
    };
    for (i, x) in r.inspections.iter().enumerate() {
        day(format!("inspections[{i}].feedback_date"), x.feedback_date)?;
    }
    let order = (-MAX_SORT_ORDER, MAX_SORT_ORDER);
    for (i, x) in r.units.iter().enumerate() {
        number(
            format!("units[{i}].sort_order"),
            x.sort_order,
            order.0,
            order.1,
        )?;
    }
    for (i, x) in r.problems.iter().enumerate() {
        number(
            format!("problems[{i}].sort_order"),
            x.sort_order,
            order.0,
            order.1,
        )?;
    }
    for (i, x) in r.tasks.iter().enumerate() {
        number(format!("tasks[{i}].seq"), x.seq, 1, MAX_SEQ)?;
        number(format!("tasks[{i}].version"), x.version, 1, MAX_VERSION)?;
        for (field, value) in [
            ("deadline", x.deadline),
            ("original_deadline", x.original_deadline),
            ("extended_from", x.extended_from),
            ("extended_on", x.extended_on),
        ] {
            if let Some(value) = value {
                day(format!("tasks[{i}].{field}"), value)?;
            }
        }
        if let Some(on) = x.extended_on.filter(|on| *on > today) {
            return Err(bad(
                format!("tasks[{i}].extended_on"),
                FieldProblem::FutureDate(crate::date::format(on)),
            ));
        }
    }
    for (i, x) in r.progress.iter().enumerate() {
        day(format!("progress[{i}].date"), x.date)?;
        if x.date > today {
            return Err(bad(
                format!("progress[{i}].date"),
                FieldProblem::FutureDate(crate::date::format(x.date)),
            ));
        }
    }
    Ok(())
}

/// The uuids of one kind of record; a uuid twice, or one that is not a uuid, is an error.
fn uuids<'a>(kind: &str, items: impl Iterator<Item = &'a String>) -> Result<HashSet<&'a str>> {
    let mut seen = HashSet::new();
    for (i, uuid) in items.enumerate() {
        if !is_uuid(uuid) {
            return Err(bad(
                format!("{kind}[{i}].uuid"),
                FieldProblem::NotAUuid(uuid.clone()),
            ));
        }
        if !seen.insert(uuid.as_str()) {
            return Err(bad(
                format!("{kind}[{i}].uuid"),
                FieldProblem::Duplicate(uuid.clone()),
            ));
        }
    }
    Ok(seen)
}
