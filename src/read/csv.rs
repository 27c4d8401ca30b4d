//! CSV records, with the header as line 1 and each record's own text kept for diagnostics.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;
use std::sync::Arc;

use super::{strip_bom, unknown_fields_note, Item, RawRecord, Values};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::error::Error;

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

    /// Drop what lies before `offset`, once there is enough of it to be worth the move:
    /// draining on every record would shift the read-ahead once per record.
    fn forget_before(&mut self, offset: u64) {
        let n = (offset.saturating_sub(self.base) as usize).min(self.bytes.len());
        if n >= 64 * 1024 {
            self.bytes.drain(..n);
            self.base += n as u64;
        }
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen.borrow_mut().bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

pub(super) struct CsvRecords<R: Read> {
    reader: ::csv::Reader<Tee<R>>,
    seen: Rc<RefCell<Window>>,
    label: Arc<str>,
    known: Arc<[String]>,
    header: Option<Arc<[String]>>,
    record: ::csv::ByteRecord,
    done: bool,
}

impl<R: Read> CsvRecords<R> {
    pub(super) fn new(file: R, label: Arc<str>, known: Arc<[String]>) -> Self {
        let seen = Rc::new(RefCell::new(Window::default()));
        let tee = Tee {
            inner: file,
            seen: Rc::clone(&seen),
        };
        let reader = ::csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(256 * 1024)
            .from_reader(tee);
        CsvRecords {
            reader,
            seen,
            label,
            known,
            header: None,
            record: ::csv::ByteRecord::new(),
            done: false,
        }
    }

    /// Line 1: the field names, and a note on any the table schema does not define.
    fn read_header(&mut self) -> Result<Option<Diagnostic>, Error> {
        let header: Vec<String> = match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                return Ok(None);
            }
            Ok(true) => self
                .record
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let s = String::from_utf8_lossy(f);
                    let s = if i == 0 { strip_bom(&s) } else { &s };
                    s.trim().to_string()
                })
                .collect(),
            Err(e) => return Err(read_error(&self.label, 1, e)),
        };
        let unknown: Vec<String> = header
            .iter()
            .filter(|h| !self.known.contains(h))
            .cloned()
            .collect();
        self.header = Some(header.into());
        Ok(unknown_fields_note(&self.label, &unknown, &self.known))
    }

    fn next_record(&mut self) -> Result<Option<RawRecord>, Error> {
        loop {
            let start = self.reader.position().byte();
            let mut line = self.reader.position().line();
            if !self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| read_error(&self.label, line, e))?
            {
                return Ok(None);
            }
            let end = self.reader.position().byte();
            let text = {
                let window = self.seen.borrow();
                let text = String::from_utf8_lossy(window.slice(start, end));
                // After a CRLF the parser's position sits on the '\n': the record starts past it.
                let body = text.trim_start_matches(['\r', '\n']);
                line += text[..text.len() - body.len()].matches('\n').count() as u64;
                Arc::<str>::from(body.trim_end_matches(['\r', '\n']))
            };
            self.seen.borrow_mut().forget_before(end);
            if self.record.iter().all(|f| f.is_empty()) && self.record.len() <= 1 {
                continue; // a blank line is not a record
            }
            let header = self.header.clone().unwrap_or_else(|| Arc::from(Vec::new()));
            return Ok(Some(to_record(
                &self.record,
                header,
                &self.label,
                line,
                text,
            )));
        }
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.header.is_none() {
            match self.read_header() {
                Ok(Some(note)) => return Some(Ok(Item::Note(note))),
                Ok(None) if self.done => return None,
                Ok(None) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        match self.next_record() {
            Ok(Some(rec)) => Some(Ok(Item::Record(rec))),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The csv crate fails only on I/O (or UTF-8 in headers, which we read as bytes): the file
/// cannot be read further.
fn read_error(label: &str, line: u64, e: ::csv::Error) -> Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(source) => Error::Io {
            action: "read",
            path: format!("{label}:{line}"),
            source,
        },
        other => Error::input(
            label,
            Some(line),
            format!("cannot read the CSV file: {other:?}"),
        ),
    }
}

fn to_record(
    record: &::csv::ByteRecord,
    names: Arc<[String]>,
    label: &Arc<str>,
    line: u64,
    text: Arc<str>,
) -> RawRecord {
    let mut problems = Vec::new();
    let mut values = Values::with_capacity(record.len(), record.as_slice().len());
    for raw in record.iter() {
        let value = match std::str::from_utf8(raw) {
            Ok(v) => std::borrow::Cow::Borrowed(v),
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
                String::from_utf8_lossy(raw)
            }
        };
        values.push(&value);
    }
    if record.len() != names.len() {
        problems.push(
            Diagnostic::new(
                "malformed-record",
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    names.len()
                ),
            )
            .at(label, line)
            .help("quote fields that contain commas, and check for a missing or extra separator"),
        );
    }
    // Fields beyond the header still reach the rejects, under made-up names.
    let names: Arc<[String]> = if values.len() > names.len() {
        names
            .iter()
            .cloned()
            .chain((names.len()..values.len()).map(|i| format!("column_{}", i + 1)))
            .collect()
    } else {
        names
    };
    let spans = field_spans(&text).into_iter().map(Some).collect();
    for p in &mut problems {
        p.source = Some(SourceText {
            text: text.clone(),
            line_start: line,
            span: None,
        });
    }
    RawRecord {
        file: label.clone(),
        line,
        names,
        values,
        spans,
        text,
        problems,
    }
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
