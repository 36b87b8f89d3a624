//! Search as you type over many tasks. Each task has a text (lower-cased ASCII; Chinese has no
//! case); an index from each character to the tasks whose text has it narrows a query to a few
//! candidates before any text is scanned. Queries of one or two Chinese characters, the common
//! ones, are answered from the index alone or nearly so.

mod code;

use std::collections::HashMap;
use std::ops::Range;

use code::Code;

/// Lower-cases ASCII letters only: quick, and the same on both sides of a comparison.
pub fn fold(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// A task's search text: its parts that are there (measure, unit, person, supporting units,
/// every progress entry), each followed by a line break, folded.
pub fn task_text<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let mut text = String::new();
    push_task_text(&mut text, parts);
    text
}

/// `task_text`, added at the end of `out`.
pub fn push_task_text<'a>(out: &mut String, parts: impl IntoIterator<Item = Option<&'a str>>) {
    let start = out.len();
    for part in parts.into_iter().flatten() {
        out.push_str(part);
        out.push('\n');
    }
    // `fold`, in place
    out[start..].make_ascii_lowercase();
}

/// A problem's search text: its title and description, folded.
pub fn problem_text(title: &str, description: &str) -> String {
    fold(&format!("{title}\n{description}"))
}

/// What a search looks through, folded: each task's own text (measure, units, person and every
/// progress entry) by task id, and each problem's (title and description) by problem id. A task
/// matches when either holds the query.
#[derive(Debug, Default)]
pub struct SearchTexts {
    pub tasks: HashMap<i64, String>,
    pub problems: HashMap<i64, String>,
}

impl SearchTexts {
    /// Whether the task (of the problem) holds `needle` (folded).
    pub fn contains(&self, task: i64, problem: i64, needle: &str) -> bool {
        let holds = |text: Option<&String>| text.is_some_and(|t| t.contains(needle));
        holds(self.problems.get(&problem)) || holds(self.tasks.get(&task))
    }
}

/// The texts of some items (tasks), by position, with the character index over them. The texts
/// lie one after another in one buffer, in a spelling of two bytes a Chinese character
/// (`code`), and each character's list of positions is kept as the distances between them, a
/// byte or two each (issue 16: at 100,000 tasks the texts as strings of their own took 71 MB
/// and the lists 32 MB).
#[derive(Default)]
pub struct SearchIndex {
    /// Every text spelt, one after another; a text put in again is added at the end (edits are
    /// few).
    buffer: Vec<u8>,
    code: Code,
    /// Where the text of each position lies in `buffer`.
    spans: Vec<Range<usize>>,
    /// The bytes of `buffer` the spans cover.
    live: usize,
    /// For each character, the positions of the texts that hold it.
    postings: HashMap<char, Postings>,
}

/// Texts put in by position in any order, then indexed (`SearchIndex::build`).
#[derive(Default)]
pub struct IndexBuilder {
    buffer: Vec<u8>,
    code: Code,
    spans: Vec<Range<usize>>,
}

impl IndexBuilder {
    /// For `len` positions, each with no text until one is put in.
    pub fn new(len: usize) -> IndexBuilder {
        IndexBuilder {
            buffer: Vec::new(),
            code: Code::default(),
            spans: vec![0..0; len],
        }
    }

    /// Puts `text` (folded) at `position`, which must be below `len`.
    pub fn put(&mut self, position: usize, text: &str) {
        let start = self.buffer.len();
        self.code.push(text, &mut self.buffer);
        self.spans[position] = start..self.buffer.len();
    }

    /// The index of the texts put in.
    pub fn build(mut self) -> SearchIndex {
        self.buffer.shrink_to_fit();
        let mut postings: HashMap<char, Postings> = HashMap::new();
        for (at, span) in (0u32..).zip(&self.spans) {
            for c in self.code.chars(&self.buffer[span.clone()]) {
                // positions come in order, so a repeat of `c` in this text is the last one
                postings.entry(c).or_default().push_last(at);
            }
        }
        for list in postings.values_mut() {
            list.bytes.shrink_to_fit();
        }
        SearchIndex {
            live: self.spans.iter().map(|s| s.len()).sum(),
            buffer: self.buffer,
            code: self.code,
            spans: self.spans,
            postings,
        }
    }
}

impl SearchIndex {
    /// Indexes `texts` (already folded with `fold`), by position.
    pub fn build(texts: Vec<String>) -> SearchIndex {
        let mut builder = IndexBuilder::new(texts.len());
        for (at, text) in texts.iter().enumerate() {
            builder.put(at, text);
        }
        builder.build()
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The spelt text at `position`.
    fn text(&self, position: usize) -> &[u8] {
        &self.buffer[self.spans[position].clone()]
    }

    /// The positions of the texts that contain `needle` (folded), ascending.
    pub fn find(&self, needle: &str) -> Vec<u32> {
        let distinct: Vec<char> = {
            let mut chars: Vec<char> = needle.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            chars
        };
        if distinct.is_empty() {
            return (0..self.len() as u32).collect();
        }
        // start from the rarest character, keep those that have the others too
        let mut lists: Vec<&Postings> = Vec::with_capacity(distinct.len());
        for c in &distinct {
            match self.postings.get(c) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len);
        let mut candidates: Vec<u32> = lists[0].iter().collect();
        for list in &lists[1..] {
            candidates = intersect(&candidates, list.iter());
        }
        if distinct.len() == 1 && needle.chars().count() == 1 {
            return candidates;
        }
        // every character is in some text, so the needle has a spelling
        let spelt = self.code.spell(needle).unwrap_or_default();
        let finder = memchr::memmem::Finder::new(&spelt);
        candidates.retain(|&i| finder.find(self.text(i as usize)).is_some());
        candidates
    }

    /// Puts `text` (folded) at `position`, replacing what was there or adding it at the end.
    pub fn set(&mut self, position: usize, text: String) {
        let at = position as u32;
        let distinct = |chars: &mut Vec<char>| {
            chars.sort_unstable();
            chars.dedup();
        };
        let mut old: Vec<char> = match position < self.len() {
            true => self.code.chars(self.text(position)).collect(),
            false => Vec::new(),
        };
        let mut new: Vec<char> = text.chars().collect();
        distinct(&mut old);
        distinct(&mut new);
        for c in old.iter().filter(|c| new.binary_search(c).is_err()) {
            if let Some(list) = self.postings.get_mut(c) {
                list.remove(at);
            }
        }
        for c in new.iter().filter(|c| old.binary_search(c).is_err()) {
            self.postings.entry(*c).or_default().insert(at);
        }
        if position >= self.len() {
            self.spans.resize(position + 1, 0..0);
        }
        let start = self.buffer.len();
        self.code.push(&text, &mut self.buffer);
        self.live = self.live - self.spans[position].len() + (self.buffer.len() - start);
        self.spans[position] = start..self.buffer.len();
        // the texts replaced are left where they were until they are as many bytes as the rest
        if self.buffer.len() > 2 * self.live.max(1 << 16) {
            self.compact();
        }
    }

    /// The buffer written again with the texts in use only.
    fn compact(&mut self) {
        let mut buffer = Vec::with_capacity(self.live);
        for span in &mut self.spans {
            let start = buffer.len();
            buffer.extend_from_slice(&self.buffer[span.clone()]);
            *span = start..buffer.len();
        }
        self.buffer = buffer;
    }
}

/// Positions in ascending order, each written as its distance from the one before (the first
/// from zero) in LEB128: seven bits a byte, the high bit set on all bytes but a number's last.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    len: usize,
    /// The last position, which the next is written from.
    last: Option<u32>,
}

impl Postings {
    /// Adds `at` unless it is the last already; it must not be below the last.
    fn push_last(&mut self, at: u32) {
        let gap = match self.last {
            Some(last) if last == at => return,
            Some(last) => at - last,
            None => at,
        };
        let mut gap = gap;
        while gap >= 0x80 {
            self.bytes.push((gap as u8) | 0x80);
            gap >>= 7;
        }
        self.bytes.push(gap as u8);
        self.len += 1;
        self.last = Some(at);
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.bytes.iter();
        let mut last = 0u32;
        std::iter::from_fn(move || {
            let (mut gap, mut shift) = (0u32, 0);
            loop {
                let b = *bytes.next()?;
                gap |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            last += gap;
            Some(last)
        })
    }

    /// The list written again from `positions` (ascending, distinct).
    fn rewrite(&mut self, positions: &[u32]) {
        *self = Postings::default();
        for &at in positions {
            self.push_last(at);
        }
    }

    fn insert(&mut self, at: u32) {
        if self.last.is_none_or(|last| at > last) {
            return self.push_last(at);
        }
        let mut positions: Vec<u32> = self.iter().collect();
        if let Err(i) = positions.binary_search(&at) {
            positions.insert(i, at);
            self.rewrite(&positions);
        }
    }

    fn remove(&mut self, at: u32) {
        let mut positions: Vec<u32> = self.iter().collect();
        if let Ok(i) = positions.binary_search(&at) {
            positions.remove(i);
            self.rewrite(&positions);
        }
    }
}

/// The positions of `a` that `b` has too; both ascending.
fn intersect(a: &[u32], b: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut b = b.peekable();
    for &x in a {
        while b.next_if(|&y| y < x).is_some() {}
        match b.peek() {
            Some(&y) if y == x => out.push(x),
            Some(_) => {}
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::build(
            [
                "组织开展“两法”衔接培训",
                "加强“双打”宣传",
                "培训执法人员 86 人",
                "open the web site",
            ]
            .iter()
            .map(|t| fold(t))
            .collect(),
        )
    }

    #[test]
    fn finds_short_chinese_and_latin() {
        let index = index();
        assert_eq!(index.find("培训"), vec![0, 2]);
        assert_eq!(index.find("培"), vec![0, 2]);
        assert_eq!(index.find("宣传"), vec![1]);
        assert_eq!(
            index.find("训培"),
            Vec::<u32>::new(),
            "both characters, wrong order"
        );
        assert_eq!(index.find(&fold("WEB")), vec![3]);
        assert_eq!(index.find("86"), vec![2]);
        assert_eq!(index.find("没有"), Vec::<u32>::new());
        assert_eq!(index.find("").len(), 4);
        let mut index = index;
        index.set(1, fold("组织培训"));
        assert_eq!(index.find("培训"), vec![0, 1, 2]);
        assert_eq!(index.find("宣传"), Vec::<u32>::new());
        index.set(4, fold("新任务 宣传"));
        assert_eq!(index.find("宣传"), vec![4]);
        assert_eq!(index.len(), 5);
    }

    /// Against a plain scan of the texts, with positions far apart (lists of several bytes a
    /// gap), texts put in again and taken out.
    #[test]
    fn finds_what_a_scan_finds() {
        let seed = 20191226u64;
        println!("seed {seed}");
        let mut state = seed;
        let mut next = move |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let words = ["培训", "检查", "宣传", "执法", "a", "B", "86", "\n", "训"];
        let mut texts: Vec<String> = (0..3000)
            .map(|_| {
                let n = next(4);
                (0..n).map(|_| words[next(9) as usize]).collect::<String>()
            })
            .map(|t| fold(&t))
            .collect();
        let mut index = SearchIndex::build(texts.clone());
        for _ in 0..300 {
            let at = next(3100) as usize;
            let text = fold(
                &(0..next(3))
                    .map(|_| words[next(9) as usize])
                    .collect::<String>(),
            );
            index.set(at, text.clone());
            if at >= texts.len() {
                texts.resize(at + 1, String::new());
            }
            texts[at] = text;
        }
        // replaced texts do not pile up: the buffer is compacted when they would
        for _ in 0..20_000 {
            let at = next(texts.len() as u64) as usize;
            index.set(at, texts[at].clone());
        }
        let bound = 2 * index.live.max(1 << 16);
        assert!(index.buffer.len() <= bound, "{} bytes", index.buffer.len());
        for needle in [
            "培训",
            "培",
            "训培",
            "检查宣传",
            "b",
            "a\n",
            "86",
            "没有",
            "训",
        ] {
            let scanned: Vec<u32> = (0u32..)
                .zip(&texts)
                .filter(|(_, t)| t.contains(needle))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(index.find(needle), scanned, "{needle:?} (seed {seed})");
        }
    }
}
