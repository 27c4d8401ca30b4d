//! JSON Lines records: one JSON object per line, every value a string.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

use super::{strip_bom, unknown_fields_note, Item, RawRecord, Values};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::error::Error;

pub(super) struct JsonlRecords<R: Read> {
    reader: BufReader<R>,
    label: Arc<str>,
    known: Arc<[String]>,
    buf: Vec<u8>,
    line: u64,
    /// Unknown keys are reported once per file, at the first line that has them.
    unknown_seen: Vec<String>,
    /// A record held back while the note about its unknown keys goes first.
    pending: Option<RawRecord>,
    /// Lines ended by a lone `\r` within what was read up to a `\n`, still to be parsed.
    lines: VecDeque<Vec<u8>>,
    records: u64,
    done: bool,
}

impl<R: Read> JsonlRecords<R> {
    pub(super) fn new(file: R, label: Arc<str>, known: Arc<[String]>) -> Self {
        JsonlRecords {
            reader: BufReader::with_capacity(256 * 1024, file),
            label,
            known,
            buf: Vec::new(),
            line: 0,
            unknown_seen: Vec::new(),
            pending: None,
            lines: VecDeque::new(),
            records: 0,
            done: false,
        }
    }

    /// The next physical line, without its ending: `\n`, `\r\n` or a lone `\r`.
    fn next_line(&mut self) -> Result<Option<Vec<u8>>, Error> {
        if let Some(line) = self.lines.pop_front() {
            return Ok(Some(line));
        }
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(Error::io(
                "read",
                format!("{}:{}", self.label, self.line + 1),
            ))?;
        if n == 0 {
            return Ok(None);
        }
        let mut text: &[u8] = &self.buf;
        text = text.strip_suffix(b"\n").unwrap_or(text);
        text = text.strip_suffix(b"\r").unwrap_or(text);
        // A raw CR cannot be inside a JSON string, so a lone one ends a line.
        self.lines
            .extend(text.split(|&b| b == b'\r').map(<[u8]>::to_vec));
        Ok(self.lines.pop_front())
    }

    fn next_item(&mut self) -> Result<Option<Item>, Error> {
        if let Some(rec) = self.pending.take() {
            return Ok(Some(Item::Record(rec)));
        }
        loop {
            let Some(bytes) = self.next_line()? else {
                self.done = true;
                return Ok((self.records == 0).then(|| {
                    Item::Note(
                        Diagnostic::new("skipped-input", "no records in the file")
                            .at(&self.label, 1)
                            .help("check that the file was saved with its lines, or remove it"),
                    )
                }));
            };
            self.line += 1;
            if self.line == 1
                && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]))
            {
                self.done = true;
                let mut note = super::not_utf8_note(&self.label, &bytes, 0);
                note.message.push_str(": the file is not read");
                return Ok(Some(Item::Note(note)));
            }
            let (text, utf8_ok) = match std::str::from_utf8(&bytes) {
                Ok(s) => (s.to_string(), true),
                Err(_) => (String::from_utf8_lossy(&bytes).into_owned(), false),
            };
            let text = if self.line == 1 {
                strip_bom(&text).to_string()
            } else {
                text
            };
            let text = text.as_str();
            if text.trim().is_empty() {
                continue;
            }
            self.records += 1;
            let record = parse_line(text, utf8_ok, &self.label, self.line);
            let unknown: Vec<String> = record
                .names
                .iter()
                .filter(|k| !self.known.contains(k) && !self.unknown_seen.contains(k))
                .cloned()
                .collect();
            if let Some(mut note) = unknown_fields_note(&self.label, &unknown, &self.known) {
                note.line = Some(self.line);
                self.unknown_seen.extend(unknown);
                self.pending = Some(record);
                return Ok(Some(Item::Note(note)));
            }
            return Ok(Some(Item::Record(record)));
        }
    }
}

impl<R: Read> Iterator for JsonlRecords<R> {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done && self.pending.is_none() {
            return None;
        }
        let item = self.next_item().transpose();
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        item
    }
}

fn parse_line(text: &str, utf8_ok: bool, label: &Arc<str>, line: u64) -> RawRecord {
    let shared: Arc<str> = text.into();
    let source = |span| SourceText {
        text: shared.clone(),
        line_start: line,
        span,
    };
    let mut problems = Vec::new();
    let mut names = Vec::new();
    let mut values = Values::default();
    let mut spans = Vec::new();
    let whole = |message: String, help: &str| {
        let mut d = Diagnostic::new("malformed-record", message)
            .at(label, line)
            .help(help);
        d.source = Some(source(None));
        d
    };
    let value = if utf8_ok {
        serde_json::from_str::<Entries>(text).map_err(|e| {
            if serde_json::from_str::<serde_json::Value>(text).is_ok() {
                whole(
                    "line is JSON but not an object".into(),
                    "each line must hold one JSON object with string values",
                )
            } else {
                whole(
                    format!("line is not valid JSON: {e}"),
                    "each line must hold one JSON object, such as {\"doc_id\": \"…\", \"event_code\": \"042\"}",
                )
            }
        })
    } else {
        Err(whole(
            "line is not valid UTF-8".into(),
            "save the file as UTF-8",
        ))
    };
    match value {
        Ok(Entries(map)) => {
            for (key, v) in map {
                if let Some(first) = names.iter().position(|n| *n == key) {
                    let mut d = Diagnostic::new(
                        "duplicate-key",
                        format!(
                            "key `{key}` appears twice in the object (keys {} and {})",
                            first + 1,
                            names.len() + 1
                        ),
                    )
                    .at(label, line)
                    .field(&key, values.get(first).unwrap_or_default())
                    .help("keep one of the two values: a JSON reader would silently keep the last");
                    d.source = Some(source(value_span(text, &key)));
                    problems.push(d);
                }
                let s = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Null => String::new(),
                    other => {
                        let shown = other.to_string();
                        let mut d = Diagnostic::new(
                            "non-string-value",
                            format!("value {shown} is not a JSON string"),
                        )
                        .at(label, line)
                        .field(&key, &shown)
                        .help(format!("write it as a JSON string: \"{key}\": \"{shown}\""));
                        d.source = Some(source(value_span(text, &key)));
                        problems.push(d);
                        shown
                    }
                };
                spans.push(value_span(text, &key));
                names.push(key);
                values.push(&s);
            }
        }
        Err(d) => problems.push(d),
    }
    RawRecord {
        file: label.clone(),
        line,
        names: names.into(),
        values,
        text: shared.clone(),
        spans,
        problems,
    }
}

/// A JSON object's entries, every one in order: a map type would keep one value of a repeated
/// key and lose the other without a word.
struct Entries(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(Each)
    }
}

/// Byte range of a key's value in a JSON object's text (inside the quotes for a string), found
/// by scanning for `"key"` followed by a colon. Keys with escapes are not located.
fn value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(at) = text[from..].find(&needle) {
        let after = from + at + needle.len();
        let rest = &text[after..];
        let trimmed = rest.trim_start();
        if let Some(value) = trimmed.strip_prefix(':') {
            let start = text.len() - value.trim_start().len();
            let bytes = text.as_bytes();
            if bytes.get(start) == Some(&b'"') {
                let mut i = start + 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                return Some(start + 1..i.min(bytes.len()));
            }
            let end = text[start..]
                .find([',', '}'])
                .map_or(text.len(), |e| start + e);
            return Some(start..text[..end].trim_end().len());
        }
        from = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::value_span;

    #[test]
    fn spans_point_at_values() {
        let text = r#"{"a": "x\"y", "event_code" : 42, "b":null}"#;
        let at = |k: &str| &text[value_span(text, k).unwrap()];
        assert_eq!(at("a"), r#"x\"y"#);
        assert_eq!(at("event_code"), "42");
        assert_eq!(at("b"), "null");
        assert!(value_span(text, "zz").is_none());
    }
}
