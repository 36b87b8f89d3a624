//! JSON written element by element with the very bytes `serde_json`'s pretty printer gives for
//! the whole value, so that a reader can write each record as it reads it (issue 16) and a
//! script sees no difference. An element is printed alone, then indented to its depth: JSON
//! strings escape their line breaks, so every line break of the printed element is one the
//! printer made.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;

const INDENT: &[u8] = b"  ";

/// A JSON array being written, `depth` levels deep (0: the whole document).
pub struct PrettyArray<W: Write> {
    out: W,
    depth: usize,
    count: usize,
    buffer: Vec<u8>,
}

impl<W: Write> PrettyArray<W> {
    /// Writes the opening bracket.
    pub fn begin(mut out: W, depth: usize) -> Result<PrettyArray<W>> {
        out.write_all(b"[")?;
        Ok(PrettyArray {
            out,
            depth,
            count: 0,
            buffer: Vec::new(),
        })
    }

    /// Writes one element.
    pub fn item(&mut self, value: &impl Serialize) -> Result<()> {
        self.buffer.clear();
        serde_json::to_writer_pretty(&mut self.buffer, value).map_err(std::io::Error::from)?;
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        self.indent(self.depth + 1)?;
        let inner = self.depth + 1;
        let mut lines = self.buffer.split(|b| *b == b'\n');
        if let Some(first) = lines.next() {
            self.out.write_all(first)?;
        }
        for line in lines {
            self.out.write_all(b"\n")?;
            for _ in 0..inner {
                self.out.write_all(INDENT)?;
            }
            self.out.write_all(line)?;
        }
        self.count += 1;
        Ok(())
    }

    /// Writes the closing bracket (on a line of its own after elements, as the printer does)
    /// and gives back the writer and how many elements there were.
    pub fn end(mut self) -> Result<(W, usize)> {
        if self.count > 0 {
            self.out.write_all(b"\n")?;
            self.indent(self.depth)?;
        }
        self.out.write_all(b"]")?;
        Ok((self.out, self.count))
    }

    fn indent(&mut self, depth: usize) -> Result<()> {
        for _ in 0..depth {
            self.out.write_all(INDENT)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn streamed(items: &[serde_json::Value], depth: usize) -> String {
        let mut array = PrettyArray::begin(Vec::new(), depth).unwrap();
        for item in items {
            array.item(item).unwrap();
        }
        String::from_utf8(array.end().unwrap().0).unwrap()
    }

    #[test]
    fn the_bytes_of_the_whole_array_printed_at_once() {
        let items = vec![
            json!({"a": 1, "b": ["x\ny", {"c": []}], "d": {}}),
            json!("多行\n文字"),
            json!([1, [2, 3]]),
        ];
        let whole = serde_json::to_string_pretty(&items).unwrap();
        assert_eq!(streamed(&items, 0), whole);
        assert_eq!(streamed(&[], 0), "[]");
        // one level down, as the value of a key of the document
        let document = json!({"k": items});
        let printed = serde_json::to_string_pretty(&document).unwrap();
        assert_eq!(format!("{{\n  \"k\": {}\n}}", streamed(&items, 1)), printed);
    }
}
