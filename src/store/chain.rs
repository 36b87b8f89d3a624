//! The event log as a hash chain. Each event carries `hash`, SHA-256 over the hash of the event
//! before it (by id) and the event's own columns, so that an event changed, removed from the
//! middle or put in between no longer links to its neighbours. Triggers refuse such writes; the
//! chain is how `check` notices when they were dropped and the file was written anyway. The
//! newest hash (the head) is printed by `check`, so an office can note it and compare later:
//! without that note, someone who rewrites the log and recomputes every hash is not caught.

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The schema version from which every event carries a business date, and the chain covers it.
pub(super) const DATED_FROM: i64 = 4;

/// What the first event links to.
const GENESIS: &[u8] = b"zhenggai event log";

/// An event's columns as the chain reads them.
pub(super) struct Link<'a> {
    pub id: i64,
    pub tx: &'a str,
    pub at: &'a str,
    pub actor: &'a str,
    pub entity: &'a str,
    pub entity_uuid: &'a str,
    pub action: &'a str,
    pub changes: &'a str,
    /// The business date; none before migration 4 put one on every event.
    pub date: Option<&'a str>,
}

/// The hash of an event that follows the event whose hash is `previous` (none for the first).
pub(super) fn hash(previous: Option<&[u8]>, event: &Link) -> Vec<u8> {
    let mut digest = Sha256::new();
    digest.update(previous.unwrap_or(GENESIS));
    // each column with its length first, so that no two events read the same
    let columns: [&[u8]; 7] = [
        event.tx.as_bytes(),
        event.at.as_bytes(),
        event.actor.as_bytes(),
        event.entity.as_bytes(),
        event.entity_uuid.as_bytes(),
        event.action.as_bytes(),
        event.changes.as_bytes(),
    ];
    digest.update(event.id.to_be_bytes());
    for column in columns.into_iter().chain(event.date.map(str::as_bytes)) {
        digest.update((column.len() as u64).to_be_bytes());
        digest.update(column);
    }
    digest.finalize().to_vec()
}

/// What walking the chain found.
#[derive(Debug, Default)]
pub(super) struct Walk {
    pub events: u64,
    /// The hash of the newest event.
    pub head: Option<Vec<u8>>,
    /// Ids of events whose stored hash is not the one their place in the chain gives.
    pub broken: Vec<i64>,
    /// Ids that do not follow the one before (a gap: events removed).
    pub gaps: Vec<i64>,
}

/// Reads every event in id order and checks each link, calling `each` with every event and the
/// hash its place gives it (so that `check` reads the log once for all it checks). The events'
/// dates are read from the file's own log (not from a view that lends an older one dates) when
/// its version has them.
pub(super) fn walk(
    conn: &Connection,
    each: impl FnMut(&Link, &[u8]) -> Result<()>,
) -> Result<Walk> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    walk_dated(conn, version >= DATED_FROM, each)
}

/// `walk`, told whether the events carry dates (a migration knows better than the version).
pub(super) fn walk_dated(
    conn: &Connection,
    dated: bool,
    mut each: impl FnMut(&Link, &[u8]) -> Result<()>,
) -> Result<Walk> {
    let date = if dated { "date" } else { "NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, tx, at, actor, entity, entity_uuid, action, changes, hash, {date}
         FROM main.event ORDER BY id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut walk = Walk::default();
    let mut expected: Option<Vec<u8>> = None;
    let mut last_id = 0;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let text = |i| r.get_ref(i).map(|v| v.as_str().unwrap_or_default());
        let link = Link {
            id,
            tx: text(1)?,
            at: text(2)?,
            actor: text(3)?,
            entity: text(4)?,
            entity_uuid: text(5)?,
            action: text(6)?,
            changes: text(7)?,
            date: r.get_ref(9)?.as_str_or_null().ok().flatten(),
        };
        let stored: Option<Vec<u8>> = r.get(8)?;
        let computed = hash(expected.as_deref(), &link);
        if stored.as_deref() != Some(computed.as_slice()) {
            walk.broken.push(id);
        }
        if id != last_id + 1 {
            walk.gaps.push(id);
        }
        each(&link, &computed)?;
        last_id = id;
        walk.events += 1;
        // the chain goes on from what is stored: one changed event is one finding, not all after
        expected = Some(stored.unwrap_or(computed));
    }
    walk.head = expected;
    Ok(walk)
}

/// Fills the hash of every event, in id order: migration 3 does this once for the events written
/// before there was a chain, and migration 4 again once they have dates (`dated`).
pub(super) fn fill(conn: &Connection, dated: bool) -> Result<()> {
    let mut hashes = Vec::new();
    // each hash links to the new hash before it, not to the one stored there now
    let mut previous: Option<Vec<u8>> = None;
    walk_dated(conn, dated, |link, _| {
        let own = hash(previous.as_deref(), link);
        hashes.push((link.id, own.clone()));
        previous = Some(own);
        Ok(())
    })?;
    let mut update = conn.prepare("UPDATE event SET hash = ?2 WHERE id = ?1")?;
    for (id, hash) in hashes {
        update.execute(rusqlite::params![id, hash])?;
    }
    Ok(())
}

/// The first twelve hex digits of a hash: enough to compare by eye.
pub fn short(hash: &[u8]) -> String {
    hash.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
