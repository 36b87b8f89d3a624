//! The text of the latest progress entry of each task on screen, which the table shows beside
//! its date. One buffer with a span for each task (issue 16: as a map of strings by task id the
//! texts took 38 MB at 300,000 tasks, now about a third of that).

use std::ops::Range;

#[derive(Debug, Default)]
pub struct LatestTexts {
    /// Every text, one after another.
    buffer: String,
    /// Where the text of each task (by position in `Data::tasks`) lies in `buffer`.
    spans: Vec<Range<u32>>,
}

impl LatestTexts {
    /// For `len` tasks, each without a text until one is put in.
    pub fn new(len: usize) -> LatestTexts {
        LatestTexts {
            buffer: String::new(),
            spans: vec![0..0; len],
        }
    }

    /// Puts the text of the task at `position`, which must be below `len`. A ledger past 4 GB
    /// of latest texts keeps the texts that fit.
    pub fn put(&mut self, position: usize, text: &str) {
        let start = self.buffer.len();
        let Ok(end) = u32::try_from(start + text.len()) else {
            return;
        };
        self.buffer.push_str(text);
        self.spans[position] = start as u32..end;
    }

    /// The text of the task at `position`; empty when it has none.
    pub fn get(&self, position: usize) -> &str {
        self.spans
            .get(position)
            .map_or("", |s| &self.buffer[s.start as usize..s.end as usize])
    }

    /// Done putting in: the buffer gives back what it took beyond the texts.
    pub fn shrink(&mut self) {
        self.buffer.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_task_gets_its_own_text() {
        let mut latest = LatestTexts::new(4);
        latest.put(2, "召开推进会");
        latest.put(0, "培训13人次");
        latest.shrink();
        let texts: Vec<&str> = (0..5).map(|p| latest.get(p)).collect();
        assert_eq!(texts, ["培训13人次", "", "召开推进会", "", ""]);
    }
}
