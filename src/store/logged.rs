//! The fields the event log records of each kind of record, named as their columns are: undo
//! writes back only these, and `check` compares only these with the rows.

pub(super) const TASK: &[&str] = &[
    "measure",
    "person",
    "deadline",
    "status",
    "closed_at",
    "closed_by",
    "close_note",
    "close_evidence",
    "reopen_reason",
    "assigned",
    "closed_on",
    "original_deadline",
    "extended_from",
    "extended_on",
    "extension_reason",
    "extension_approved_by",
];

pub(super) const PROGRESS: &[&str] = &["date", "text", "evidence"];

pub(super) const PROBLEM: &[&str] = &["code", "category", "title", "description"];

pub(super) const UNIT: &[&str] = &["name", "kind", "active"];

pub(super) const INSPECTION: &[&str] = &["title", "issuer", "feedback_date", "note"];

pub(super) const PACKET: &[&str] = &["period", "due", "collected_on", "collected_by", "reporter"];

pub(super) const NOTICE: &[&str] = &["number", "due"];
