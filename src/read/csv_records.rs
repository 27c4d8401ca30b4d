//! CSV records, with the header as line 1 and each record's own text kept for diagnostics.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

use super::{strip_bom, unknown_fields_note, Item, RawRecord};
use crate::diagnostic::Diagnostic;

/// Keeps the bytes the CSV parser has read, so a record's text can be cut out by position.
/// Bytes before the current record are dropped as we go: memory stays at one record plus
/// the parser's read-ahead.
struct Tee<R> {
    inner: R,
    seen: Rc<RefCell<Window>>,
}

#[derive(Default)]
struct Window {
    /// Byte offset in the file of `bytes[0]`.
    base: u64,
    bytes: Vec<u8>,
}

impl Window {
    fn slice(&self, start: u64, end: u64) -> &[u8] {
        let s = start.saturating_sub(self.base) as usize;
        let e = (end.saturating_sub(self.base) as usize).min(self.bytes.len());
        &self.bytes[s.min(e)..e]
    }

    fn forget_before(&mut self, offset: u64) {
        let n = (offset.saturating_sub(self.base) as usize).min(self.bytes.len());
        self.bytes.drain(..n);
        self.base += n as u64;
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen.borrow_mut().bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

pub(super) fn read(
    file: impl Read,
    label: &str,
    known: &[String],
    sink: &mut dyn FnMut(Item) -> Result<(), String>,
) -> Result<(), String> {
    let seen = Rc::new(RefCell::new(Window::default()));
    let tee = Tee {
        inner: file,
        seen: Rc::clone(&seen),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(tee);

    let mut record = csv::ByteRecord::new();
    let header: Vec<String> = match reader.read_byte_record(&mut record) {
        Ok(false) => return Ok(()),
        Ok(true) => record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let s = String::from_utf8_lossy(f);
                let s = if i == 0 { strip_bom(&s) } else { &s };
                s.trim().to_string()
            })
            .collect(),
        Err(e) => return Err(format!("{label}:1: cannot read the CSV header: {e}")),
    };
    let unknown: Vec<String> = header
        .iter()
        .filter(|h| !known.contains(h))
        .cloned()
        .collect();
    if let Some(note) = unknown_fields_note(label, &unknown, known) {
        sink(Item::FileNote(note))?;
    }

    loop {
        let start = reader.position().byte();
        let mut line = reader.position().line();
        let more = match reader.read_byte_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                // The csv crate only fails here on I/O or UTF-8 in headers; report and stop the file.
                return Err(format!("{label}:{line}: cannot read the CSV file: {e}"));
            }
        };
        if !more {
            break;
        }
        let end = reader.position().byte();
        let text = {
            let window = seen.borrow();
            let text = String::from_utf8_lossy(window.slice(start, end)).into_owned();
            // After a CRLF the parser's position sits on the '\n': the record starts past it.
            let body = text.trim_start_matches(['\r', '\n']);
            line += text[..text.len() - body.len()].matches('\n').count() as u64;
            body.trim_end_matches(['\r', '\n']).to_string()
        };
        seen.borrow_mut().forget_before(end);
        if record.iter().all(|f| f.is_empty()) && record.len() <= 1 {
            continue; // a blank line is not a record
        }
        sink(Item::Record(to_record(&record, &header, label, line, text)))?;
    }
    Ok(())
}

fn to_record(
    record: &csv::ByteRecord,
    header: &[String],
    label: &str,
    line: u64,
    text: String,
) -> RawRecord {
    let mut problems = Vec::new();
    let mut fields = Vec::with_capacity(header.len());
    for (i, raw) in record.iter().enumerate() {
        let name = header
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("column_{}", i + 1));
        let value = match std::str::from_utf8(raw) {
            Ok(v) => v.to_string(),
            Err(e) => {
                problems.push(
                    Diagnostic::new(
                        "malformed-record",
                        format!(
                            "field is not valid UTF-8 (invalid byte at offset {})",
                            e.valid_up_to()
                        ),
                    )
                    .at(label, line)
                    .help("save the file as UTF-8"),
                );
                String::from_utf8_lossy(raw).into_owned()
            }
        };
        fields.push((name, value));
    }
    if record.len() != header.len() {
        problems.push(
            Diagnostic::new(
                "malformed-record",
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    header.len()
                ),
            )
            .at(label, line)
            .help("quote fields that contain commas, and check for a missing or extra separator"),
        );
    }
    let spans = field_spans(&text).into_iter().map(Some).collect();
    let mut rec = RawRecord {
        file: label.to_string(),
        line,
        fields,
        spans,
        text,
        problems,
    };
    for p in &mut rec.problems {
        p.source = Some(crate::diagnostic::SourceText {
            text: rec.text.clone(),
            line_start: line,
            span: None,
        });
    }
    rec
}

/// Byte ranges of the fields' values in a record's raw text, without their enclosing quotes.
/// Quotes toggle the quoted state, so a doubled quote inside a field leaves it unchanged.
fn field_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let bytes = text.as_bytes();
    let unquote = |s: usize, e: usize| {
        if e >= s + 2 && bytes[s] == b'"' && bytes[e - 1] == b'"' {
            s + 1..e - 1
        } else {
            s..e
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                spans.push(unquote(start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    spans.push(unquote(start, bytes.len()));
    spans
}

#[cfg(test)]
mod tests {
    use super::field_spans;

    #[test]
    fn spans_point_at_each_value() {
        let text = r#"a,,"b, c","say ""hi""",é"#;
        let got: Vec<&str> = field_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["a", "", "b, c", r#"say ""hi"""#, "é"]);
    }
}
