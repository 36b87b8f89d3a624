//! SQLite's write-ahead log (`-wal`) and its index (`-shm`), read as bytes before SQLite opens a
//! ledger. SQLite replays whatever log lies beside a database into it; nothing in either file
//! says the two belong together. This module reads what the files say of themselves (formats:
//! <https://www.sqlite.org/fileformat2.html#walformat> and `wal.c`), so that `gate` can refuse a
//! log that does not fit and can read the newest header of a ledger whose log holds it.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

const HEADER: usize = 32;
const FRAME_HEADER: usize = 24;
const MAGIC_LITTLE: u32 = 0x377f_0682;
const MAGIC_BIG: u32 = 0x377f_0683;
const FORMAT_VERSION: u32 = 3_007_000;

/// What a log file is.
#[derive(Debug)]
pub(super) enum Log {
    /// No file, or one without a frame yet (SQLite makes it empty, then writes the header
    /// with the first frame): nothing to replay.
    Empty,
    /// A header cut short or zeroed, as a crash while it was written leaves it: SQLite takes
    /// such a log for empty.
    Torn,
    /// Bytes that are not a write-ahead log.
    Garbage,
    Frames(Frames),
}

/// A log's header, and the log itself, open: what is read of its frames is of the log whose
/// header this is, even if SQLite removes or starts it anew meanwhile.
#[derive(Debug)]
pub(super) struct Frames {
    pub page_size: usize,
    /// Bytes 16..24 of the header, as the index copies them.
    pub salts: [u8; 8],
    big_endian_sums: bool,
    len: u64,
    file: File,
}

/// The frames SQLite would take from a log: those up to the last commit whose salts and running
/// checksum are right; of them, the newest copy of page 1 (the database header), if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Committed {
    pub frames: u32,
    pub page_one: Option<Vec<u8>>,
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// SQLite's log checksum: pairs of 32-bit words summed into two running totals.
fn checksum(bytes: &[u8], big_endian: bool, mut sums: (u32, u32)) -> (u32, u32) {
    for pair in bytes.chunks_exact(8) {
        let word = |at: usize| {
            let w = [pair[at], pair[at + 1], pair[at + 2], pair[at + 3]];
            if big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        sums.0 = sums.0.wrapping_add(word(0)).wrapping_add(sums.1);
        sums.1 = sums.1.wrapping_add(word(4)).wrapping_add(sums.0);
    }
    sums
}

/// Reads the header of the log at `path`.
pub(super) fn read(path: &Path) -> std::io::Result<Log> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Log::Empty),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(Log::Empty);
    }
    let mut header = [0u8; HEADER];
    if len < HEADER as u64 {
        let mut start = Vec::new();
        file.read_to_end(&mut start)?;
        return Ok(if start.iter().all(|b| *b == 0) || magic_begins(&start) {
            Log::Torn
        } else {
            Log::Garbage
        });
    }
    file.read_exact(&mut header)?;
    if header.iter().all(|b| *b == 0) {
        return Ok(Log::Torn);
    }
    let magic = be32(&header, 0);
    let page_size = be32(&header, 8) as usize;
    let big_endian_sums = magic == MAGIC_BIG;
    let sums = checksum(&header[..24], big_endian_sums, (0, 0));
    let valid = (magic == MAGIC_LITTLE || magic == MAGIC_BIG)
        && be32(&header, 4) == FORMAT_VERSION
        && (512..=65_536).contains(&page_size)
        && page_size.is_power_of_two()
        && sums == (be32(&header, 24), be32(&header, 28));
    if !valid {
        return Ok(Log::Garbage);
    }
    let mut salts = [0u8; 8];
    salts.copy_from_slice(&header[16..24]);
    Ok(Log::Frames(Frames {
        page_size,
        salts,
        big_endian_sums,
        len,
        file,
    }))
}

/// Whether `bytes` (fewer than a header) begin as a log's header does.
fn magic_begins(bytes: &[u8]) -> bool {
    let n = bytes.len().min(4);
    [MAGIC_LITTLE, MAGIC_BIG]
        .iter()
        .any(|m| m.to_be_bytes()[..n] == bytes[..n])
}

/// Whether another process has the index open: while a connection has the database open, SQLite
/// (its unix files) holds a shared lock on byte 128 of `-shm` (its "DMS" lock). The lock is only
/// looked at (`F_GETLK`), never taken. A lock of this very process is not seen, but the gate
/// runs before this process opens the ledger.
#[cfg(unix)]
pub(super) fn index_in_use(path: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(file) = File::open(path) else {
        return false;
    };
    // SAFETY: a zeroed flock is a valid value; fcntl only reads and writes it
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = 128;
    lock.l_len = 1;
    let asked = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    asked == 0 && lock.l_type != libc::F_UNLCK as libc::c_short
}

#[cfg(not(unix))]
pub(super) fn index_in_use(_path: &Path) -> bool {
    false
}

impl Frames {
    fn frame_len(&self) -> u64 {
        (FRAME_HEADER + self.page_size) as u64
    }

    /// Checks every frame as SQLite's recovery does, reading the whole log.
    pub(super) fn committed(&mut self) -> std::io::Result<Committed> {
        let file = &mut self.file;
        file.seek(SeekFrom::Start(0))?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header)?;
        let mut sums = (be32(&header, 24), be32(&header, 28));
        let mut frame = vec![0u8; FRAME_HEADER + self.page_size];
        let (mut frames, mut committed) = (0u32, Committed::default());
        let mut page_one: Option<Vec<u8>> = None;
        let count = (self.len - HEADER as u64) / (FRAME_HEADER + self.page_size) as u64;
        for _ in 0..count {
            file.read_exact(&mut frame)?;
            let (head, page) = frame.split_at(FRAME_HEADER);
            if head[8..16] != self.salts || be32(head, 0) == 0 {
                break;
            }
            sums = checksum(&head[..8], self.big_endian_sums, sums);
            sums = checksum(page, self.big_endian_sums, sums);
            if sums != (be32(head, 16), be32(head, 20)) {
                break;
            }
            frames += 1;
            if be32(head, 0) == 1 {
                page_one = Some(page.to_vec());
            }
            if be32(head, 4) != 0 {
                committed = Committed {
                    frames,
                    page_one: page_one.clone(),
                };
            }
        }
        Ok(committed)
    }

    /// The newest copy of page 1 among the first `frames` frames, read from their headers only
    /// (for frames an index has vouched for).
    pub(super) fn page_one_within(&mut self, frames: u32) -> std::io::Result<Option<Vec<u8>>> {
        let frame_len = self.frame_len();
        let file = &mut self.file;
        let mut head = [0u8; FRAME_HEADER];
        let mut newest = None;
        let available = (self.len - HEADER as u64) / frame_len;
        for index in 0..u64::from(frames).min(available) {
            let at = HEADER as u64 + index * frame_len;
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(&mut head)?;
            if be32(&head, 0) == 1 {
                newest = Some(at + FRAME_HEADER as u64);
            }
        }
        let Some(at) = newest else {
            return Ok(None);
        };
        let mut page = vec![0u8; self.page_size];
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut page)?;
        Ok(Some(page))
    }
}

/// The first of the two copies of the index header in `-shm`, as SQLite keeps it while the
/// database is open (and leaves it when a process dies): which log it indexes and how many of
/// its frames are committed. `None` when there is no index, or it is not a whole, agreeing pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Index {
    pub salts: [u8; 8],
    pub page_size: usize,
    pub frames: u32,
}

const INDEX_HEADER: usize = 48;

pub(super) fn read_index(path: &Path) -> std::io::Result<Option<Index>> {
    let mut bytes = [0u8; 2 * INDEX_HEADER];
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if file.read_exact(&mut bytes).is_err() {
        return Ok(None);
    }
    let (first, second) = bytes.split_at(INDEX_HEADER);
    // the index is in the byte order of the machine that wrote it, and so are its sums
    let ne32 =
        |at: usize| u32::from_ne_bytes([first[at], first[at + 1], first[at + 2], first[at + 3]]);
    let sums = checksum(&first[..40], cfg!(target_endian = "big"), (0, 0));
    let whole = first == second
        && ne32(0) == FORMAT_VERSION
        && first[12] == 1
        && sums == (ne32(40), ne32(44));
    if !whole {
        return Ok(None);
    }
    let page_size = match u16::from_ne_bytes([first[14], first[15]]) {
        1 => 65_536,
        size => usize::from(size),
    };
    let mut salts = [0u8; 8];
    salts.copy_from_slice(&first[32..40]);
    Ok(Some(Index {
        salts,
        page_size,
        frames: ne32(16),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// A database in WAL mode with `rows` rows written after the log was made, and the
    /// connection still open (so the log and index stay), with automatic checkpoints off.
    fn live(dir: &Path, rows: usize) -> (Connection, std::path::PathBuf) {
        let path = dir.join("a.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update_and_check(None, "journal_mode", "wal", |_| Ok(()))
            .unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE t (x TEXT)").unwrap();
        for i in 0..rows {
            conn.execute("INSERT INTO t VALUES (?1)", [format!("row {i}")])
                .unwrap();
        }
        (conn, path)
    }

    fn sidecar(path: &Path, suffix: &str) -> std::path::PathBuf {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        name.into()
    }

    #[test]
    fn a_live_log_is_read_like_sqlite_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, path) = live(dir.path(), 50);
        let wal = sidecar(&path, "-wal");
        let Log::Frames(mut frames) = read(&wal).unwrap() else {
            panic!("a log");
        };
        assert_eq!(frames.page_size, 4096);
        let committed = frames.committed().unwrap();
        // the table's creation wrote page 1 (the schema), each insert at least one frame
        assert!(committed.frames > 50, "{}", committed.frames);
        let page_one = committed.page_one.clone().expect("page 1 is in the log");
        assert_eq!(&page_one[..16], b"SQLite format 3\0");
        // the index of a live database vouches for the same frames and salts
        let index = read_index(&sidecar(&path, "-shm"))
            .unwrap()
            .expect("an index");
        assert_eq!(index.salts, frames.salts);
        assert_eq!(index.page_size, 4096);
        assert_eq!(index.frames, committed.frames);
        assert_eq!(
            frames.page_one_within(index.frames).unwrap(),
            Some(page_one)
        );
        drop(conn);
        // a clean close checkpoints and removes both
        assert!(matches!(read(&wal).unwrap(), Log::Empty));
        assert_eq!(read_index(&sidecar(&path, "-shm")).unwrap(), None);
    }

    #[test]
    fn a_cut_or_garbled_log_keeps_only_its_committed_frames() {
        let dir = tempfile::tempdir().unwrap();
        let (_conn, path) = live(dir.path(), 20);
        let wal = sidecar(&path, "-wal");
        let bytes = std::fs::read(&wal).unwrap();
        let Log::Frames(mut frames) = read(&wal).unwrap() else {
            panic!("a log");
        };
        let all = frames.committed().unwrap().frames;
        let copy = dir.path().join("copy-wal");
        // one byte changed in the last frame: that commit is lost, the ones before stay
        let mut garbled = bytes.clone();
        let last = garbled.len() - 100;
        garbled[last] ^= 0xff;
        std::fs::write(&copy, &garbled).unwrap();
        let Log::Frames(mut copied) = read(&copy).unwrap() else {
            panic!("a log");
        };
        assert_eq!(copied.committed().unwrap().frames, all - 1);
        // not a log at all
        std::fs::write(
            &copy,
            b"not a write-ahead log, but 32 bytes or more of text",
        )
        .unwrap();
        assert!(matches!(read(&copy).unwrap(), Log::Garbage));
        std::fs::write(&copy, b"").unwrap();
        assert!(matches!(read(&copy).unwrap(), Log::Empty));
    }

    /// Another process with the database open holds its index's lock, and the gate sees it; the
    /// lock goes with the process.
    #[test]
    fn an_index_held_open_by_another_process_is_in_use() {
        use std::io::{BufRead, BufReader, Write};
        let dir = tempfile::tempdir().unwrap();
        let (conn, path) = live(dir.path(), 3);
        drop(conn);
        let shm = sidecar(&path, "-shm");
        let mut sqlite3 = std::process::Command::new("sqlite3")
            .arg(&path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the sqlite3 shell is installed (.ci/run installs it)");
        let mut input = sqlite3.stdin.take().unwrap();
        writeln!(input, "SELECT count(*) FROM t;").unwrap();
        let mut line = String::new();
        BufReader::new(sqlite3.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "3", "the other process has read the database");
        assert!(index_in_use(&shm), "its connection holds the index");
        drop(input);
        sqlite3.wait().unwrap();
        assert!(!index_in_use(&shm), "gone with the process");
    }
}
