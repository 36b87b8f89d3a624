//! Search as you type over many tasks. Each task has a text (lower-cased ASCII; Chinese has no
//! case); an index from each character to the tasks whose text has it narrows a query to a few
//! candidates before any text is scanned. Queries of one or two Chinese characters, the common
//! ones, are answered from the index alone or nearly so.

use std::collections::HashMap;

/// Lower-cases ASCII letters only: quick, and the same on both sides of a comparison.
pub fn fold(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// A task's search text: its parts that are there (measure, unit, person, supporting units,
/// every progress entry), each followed by a line break, folded.
pub fn task_text<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let mut text = String::new();
    for part in parts.into_iter().flatten() {
        text.push_str(part);
        text.push('\n');
    }
    // `fold`, in place
    text.make_ascii_lowercase();
    text
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

/// The texts of some items (tasks), by position, with the character index over them.
#[derive(Default)]
pub struct SearchIndex {
    texts: Vec<String>,
    /// For each character, the positions of the texts that hold it, ascending.
    postings: HashMap<char, Vec<u32>>,
}

impl SearchIndex {
    /// Indexes `texts` (already folded with `fold`).
    pub fn build(texts: Vec<String>) -> SearchIndex {
        // each character's list made as long as it will be, counted first: grown by doubling,
        // up to half of each would be room never used, a third of the index (issue 16)
        let mut counts: HashMap<char, (usize, u32)> = HashMap::new();
        for (i, text) in texts.iter().enumerate() {
            for c in text.chars() {
                let (count, last) = counts.entry(c).or_insert((0, u32::MAX));
                if *last != i as u32 {
                    (*count, *last) = (*count + 1, i as u32);
                }
            }
        }
        let mut postings: HashMap<char, Vec<u32>> = counts
            .into_iter()
            .map(|(c, (count, _))| (c, Vec::with_capacity(count)))
            .collect();
        for (i, text) in texts.iter().enumerate() {
            for c in text.chars() {
                let list = postings.entry(c).or_default();
                // texts are visited in order, so a repeat of `c` in this text is the last entry
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        SearchIndex { texts, postings }
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
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
            return (0..self.texts.len() as u32).collect();
        }
        // start from the rarest character, keep those that have the others too
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(distinct.len());
        for c in &distinct {
            match self.postings.get(c) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let mut candidates = lists[0].clone();
        for list in &lists[1..] {
            candidates = intersect(&candidates, list);
        }
        if distinct.len() == 1 && needle.chars().count() == 1 {
            return candidates;
        }
        candidates.retain(|&i| self.texts[i as usize].contains(needle));
        candidates
    }

    /// Puts `text` (folded) at `position`, replacing what was there or adding it at the end.
    pub fn set(&mut self, position: usize, text: String) {
        let at = position as u32;
        if let Some(old) = self.texts.get(position) {
            for c in old.chars() {
                if let Some(list) = self.postings.get_mut(&c)
                    && let Ok(i) = list.binary_search(&at)
                {
                    list.remove(i);
                }
            }
        }
        for c in text.chars() {
            let list = self.postings.entry(c).or_default();
            if let Err(i) = list.binary_search(&at) {
                list.insert(i, at);
            }
        }
        if position < self.texts.len() {
            self.texts[position] = text;
        } else {
            self.texts.resize(position, String::new());
            self.texts.push(text);
        }
    }
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
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
}
