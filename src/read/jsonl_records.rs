//! JSON Lines records: one JSON object per line, every value a string.

use std::io::{BufRead, BufReader, Read};

use super::{strip_bom, unknown_fields_note, Item, RawRecord};
use crate::diagnostic::{Diagnostic, SourceText};

pub(super) fn read(
    file: impl Read,
    label: &str,
    known: &[String],
    sink: &mut dyn FnMut(Item) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    // Unknown keys are reported once per file, at the first line that has them.
    let mut unknown_seen: Vec<String> = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("{label}:{}: cannot read: {e}", line_no + 1))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let (text, utf8_ok) = match std::str::from_utf8(&buf) {
            Ok(s) => (s.to_string(), true),
            Err(_) => (String::from_utf8_lossy(&buf).into_owned(), false),
        };
        let text = if line_no == 1 {
            strip_bom(&text).to_string()
        } else {
            text
        };
        let text = text.trim_end_matches(['\r', '\n']).to_string();
        if text.trim().is_empty() {
            continue;
        }
        let record = parse_line(&text, utf8_ok, label, line_no);
        let unknown: Vec<String> = record
            .fields
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !known.contains(k) && !unknown_seen.contains(k))
            .cloned()
            .collect();
        if let Some(mut note) = unknown_fields_note(label, &unknown, known) {
            note.line = Some(line_no);
            unknown_seen.extend(unknown);
            sink(Item::FileNote(note))?;
        }
        sink(Item::Record(record))?;
    }
    Ok(())
}

fn parse_line(text: &str, utf8_ok: bool, label: &str, line: u64) -> RawRecord {
    let mut rec = RawRecord {
        file: label.to_string(),
        line,
        fields: Vec::new(),
        text: text.to_string(),
        spans: Vec::new(),
        problems: Vec::new(),
    };
    let source = |span| SourceText {
        text: text.to_string(),
        line_start: line,
        span,
    };
    if !utf8_ok {
        let mut d = Diagnostic::new("malformed-record", "line is not valid UTF-8")
            .at(label, line)
            .help("save the file as UTF-8");
        d.source = Some(source(None));
        rec.problems.push(d);
        return rec;
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let mut d = Diagnostic::new("malformed-record", format!("line is not valid JSON: {e}"))
                .at(label, line)
                .help("each line must hold one JSON object, such as {\"doc_id\": \"…\", \"event_code\": \"042\"}");
            d.source = Some(source(None));
            rec.problems.push(d);
            return rec;
        }
    };
    let serde_json::Value::Object(map) = value else {
        let mut d = Diagnostic::new("malformed-record", "line is JSON but not an object")
            .at(label, line)
            .help("each line must hold one JSON object with string values");
        d.source = Some(source(None));
        rec.problems.push(d);
        return rec;
    };
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
                rec.problems.push(d);
                shown
            }
        };
        rec.spans.push(value_span(text, &key));
        rec.fields.push((key, s));
    }
    rec
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
