//! JSON written element by element with the very bytes `serde_json`'s pretty printer gives for
//! the whole value, so that a reader can write each record as it reads it (issue 16) and a
//! script sees no difference. `Indented` is that printer's layout, started at the depth where
//! the element stands (serde_json's own printer always starts at the left margin).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::error::Result;

const INDENT: &[u8] = b"  ";

fn indent(out: &mut (impl Write + ?Sized), depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(INDENT)?;
    }
    Ok(())
}

/// serde_json's `PrettyFormatter` (two spaces, `": "` after a key) starting `depth` levels in.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        indent(out, self.depth)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.begin_array_value(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A JSON array being written, `depth` levels deep (0: the whole document).
pub struct PrettyArray<W: Write> {
    out: W,
    depth: usize,
    count: usize,
}

impl<W: Write> PrettyArray<W> {
    /// Writes the opening bracket.
    pub fn begin(mut out: W, depth: usize) -> Result<PrettyArray<W>> {
        out.write_all(b"[")?;
        Ok(PrettyArray {
            out,
            depth,
            count: 0,
        })
    }

    /// Writes one element.
    pub fn item(&mut self, value: &impl Serialize) -> Result<()> {
        let first = self.count == 0;
        let mut formatter = Indented {
            depth: self.depth + 1,
            has_value: false,
        };
        formatter.begin_array_value(&mut self.out, first)?;
        let mut serializer = serde_json::Serializer::with_formatter(&mut self.out, formatter);
        value.serialize(&mut serializer).map_err(io::Error::from)?;
        self.count += 1;
        Ok(())
    }

    /// How many elements have been written.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Writes the closing bracket (on a line of its own after elements, as the printer does)
    /// and gives back the writer and how many elements there were.
    pub fn end(mut self) -> Result<(W, usize)> {
        if self.count > 0 {
            self.out.write_all(b"\n")?;
            indent(&mut self.out, self.depth)?;
        }
        self.out.write_all(b"]")?;
        Ok((self.out, self.count))
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
            json!({}),
            json!([]),
            json!([{"x": {"y": [[]]}}]),
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
