//! A shorter spelling of the search texts (issue 16: at 300,000 tasks their UTF-8 took 120 MB,
//! nearly all of it Chinese at three bytes a character). ASCII stays one byte; every other
//! character gets a number in the order it is first met, written in two bytes for the first
//! 3,072 (more characters than a ledger is likely to use), three or four bytes beyond.
//!
//! Like UTF-8, the first byte of a character says how long it is, and the bytes after it
//! (0x80–0xBF) are never a first byte. So a spelt text holds another's spelling exactly where it
//! holds the other text, and substring search works on the bytes.

use std::collections::HashMap;

/// Numbers below this take two bytes: first bytes 0xC0–0xEF.
const TWO: u32 = 48 * 64;
/// Numbers below this (and from `TWO`) take three: first bytes 0xF0–0xF7.
const THREE: u32 = TWO + 8 * 64 * 64;
// The rest take four: first bytes 0xF8–0xFF, room for more characters than Unicode has.

/// The numbers given to characters so far.
#[derive(Default)]
pub struct Code {
    numbers: HashMap<char, u32>,
    chars: Vec<char>,
}

impl Code {
    /// Adds the spelling of `text` to `out`, numbering the characters not met before.
    pub fn push(&mut self, text: &str, out: &mut Vec<u8>) {
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c as u8);
                continue;
            }
            let number = match self.numbers.get(&c) {
                Some(&n) => n,
                None => {
                    let n = self.chars.len() as u32;
                    self.chars.push(c);
                    self.numbers.insert(c, n);
                    n
                }
            };
            push_number(number, out);
        }
    }

    /// The spelling of `text`, or `None` when it has a character no text had (so none holds it).
    pub fn spell(&self, text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            match c.is_ascii() {
                true => out.push(c as u8),
                false => push_number(*self.numbers.get(&c)?, &mut out),
            }
        }
        Some(out)
    }

    /// The characters of a spelling made by this code.
    pub fn chars<'a>(&'a self, mut bytes: &'a [u8]) -> impl Iterator<Item = char> + 'a {
        std::iter::from_fn(move || {
            let (&first, rest) = bytes.split_first()?;
            if first < 0x80 {
                bytes = rest;
                return Some(char::from(first));
            }
            let (base, lead, length) = match first {
                0xC0..=0xEF => (0, first - 0xC0, 2),
                0xF0..=0xF7 => (TWO, first - 0xF0, 3),
                _ => (THREE, first - 0xF8, 4),
            };
            let (number, rest) = bytes.split_at(length);
            bytes = rest;
            let number = number[1..]
                .iter()
                .fold(u32::from(lead), |n, &b| (n << 6) | u32::from(b & 0x3f));
            Some(self.chars[(base + number) as usize])
        })
    }
}

fn push_number(number: u32, out: &mut Vec<u8>) {
    let trail = |n: u32| 0x80 | (n & 0x3f) as u8;
    if number < TWO {
        out.extend([0xC0 + (number >> 6) as u8, trail(number)]);
    } else if number < THREE {
        let n = number - TWO;
        out.extend([0xF0 + (n >> 12) as u8, trail(n >> 6), trail(n)]);
    } else {
        let n = number - THREE;
        out.extend([
            0xF8 + (n >> 18) as u8,
            trail(n >> 12),
            trail(n >> 6),
            trail(n),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters numbered into all three lengths: each spelling reads back, and one spelling
    /// holds another exactly where the texts do.
    #[test]
    fn spellings_read_back_and_match_where_the_texts_do() {
        let mut code = Code::default();
        // 70,000 distinct characters: CJK, then the supplementary planes (four-byte numbers)
        let many: String = ('\u{4e00}'..='\u{9fff}')
            .chain('\u{20000}'..='\u{2a6df}')
            .take(70_000)
            .collect();
        let mut spelt = Vec::new();
        code.push(&many, &mut spelt);
        assert!(code.chars.len() as u32 > THREE, "every length is used");
        assert_eq!(code.chars(&spelt).collect::<String>(), many);

        let text = "a培训\n检查86执法𠀀B";
        let mut spelt = Vec::new();
        code.push(text, &mut spelt);
        assert_eq!(code.chars(&spelt).collect::<String>(), text);
        let texts: Vec<char> = text.chars().collect();
        // every substring of the text is found, and nothing made of its characters that is not
        for a in 0..texts.len() {
            for b in a + 1..=texts.len() {
                let needle: String = texts[a..b].iter().collect();
                let reversed: String = texts[a..b].iter().rev().collect();
                for probe in [needle, reversed] {
                    let spelling = code.spell(&probe).expect("known characters");
                    let found = spelt.windows(spelling.len()).any(|w| w == spelling);
                    assert_eq!(found, text.contains(&probe), "{probe:?}");
                }
            }
        }
        assert_eq!(code.spell("没\u{3400}"), None, "a character never met");
    }
}
