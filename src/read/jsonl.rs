//! JSON Lines records: one JSON object per line, every value a string.

use std::io::{BufRead, BufReader, Read};

use std::sync::Arc;

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
            done: false,
        }
    }

    fn next_item(&mut self) -> Result<Option<Item>, Error> {
        if let Some(rec) = self.pending.take() {
            return Ok(Some(Item::Record(rec)));
        }
        loop {
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
            self.line += 1;
            let (text, utf8_ok) = match std::str::from_utf8(&self.buf) {
                Ok(s) => (s.to_string(), true),
                Err(_) => (String::from_utf8_lossy(&self.buf).into_owned(), false),
            };
            let text = if self.line == 1 {
                strip_bom(&text).to_string()
            } else {
                text
            };
            let text = text.trim_end_matches(['\r', '\n']);
            if text.trim().is_empty() {
                continue;
            }
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
        if self.done {
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
        serde_json::from_str::<serde_json::Value>(text).map_err(|e| {
            whole(
                format!("line is not valid JSON: {e}"),
                "each line must hold one JSON object, such as {\"doc_id\": \"…\", \"event_code\": \"042\"}",
            )
        })
    } else {
        Err(whole(
            "line is not valid UTF-8".into(),
            "save the file as UTF-8",
        ))
    };
    match value {
        Ok(serde_json::Value::Object(map)) => {
            for (key, v) in map {
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
        Ok(_) => problems.push(whole(
            "line is JSON but not an object".into(),
            "each line must hold one JSON object with string values",
        )),
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
