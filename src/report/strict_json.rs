//! JSON read into a `serde_json::Value` that refuses an object naming one key twice. serde_json
//! keeps the last of the two without a word, so one entry of a document could hide behind another
//! (`{"seq": 3, …, "seq": 9}`); a document we did not write is read with nothing hidden.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a text is not a JSON document we read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not JSON, at this place.
    Syntax { line: usize, column: usize },
    /// A key named twice in one object; the JSON path of its second use.
    DuplicateKey(String),
}

/// Reads `text` as one JSON value.
pub fn parse(text: &str) -> Result<Value, Refusal> {
    let duplicate = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_str(text);
    let read = Strict {
        path: String::new(),
        duplicate: &duplicate,
    }
    .deserialize(&mut reader)
    .and_then(|value| reader.end().map(|()| value));
    match read {
        Ok(value) => Ok(value),
        Err(error) => Err(match duplicate.into_inner() {
            Some(path) => Refusal::DuplicateKey(path),
            None => Refusal::Syntax {
                line: error.line(),
                column: error.column(),
            },
        }),
    }
}

/// One value being read, at `path` (`tasks[3].seq`); a duplicate key is noted in `duplicate`.
struct Strict<'a> {
    path: String,
    duplicate: &'a RefCell<Option<String>>,
}

impl Strict<'_> {
    fn child(&self, step: String) -> Strict<'_> {
        Strict {
            path: step,
            duplicate: self.duplicate,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(self.child(format!("{}[{}]", self.path, items.len())))?
        {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if object.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some(path);
                return Err(de::Error::custom("a key named twice"));
            }
            let value = map.next_value_seed(self.child(path))?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_twice_is_refused_with_its_path() {
        assert_eq!(
            parse(r#"{"tasks": [{"seq": 1}, {"seq": 2, "seq": 9}]}"#),
            Err(Refusal::DuplicateKey("tasks[1].seq".into()))
        );
        assert_eq!(
            parse(r#"{"a": 1, "b": {"c": [1, 2]}}"#).unwrap(),
            serde_json::json!({"a": 1, "b": {"c": [1, 2]}})
        );
        assert_eq!(
            parse("{\"a\": 1,\n \"b\" 2}"),
            Err(Refusal::Syntax { line: 2, column: 6 })
        );
        assert!(matches!(parse("{} {}"), Err(Refusal::Syntax { .. })));
    }
}
