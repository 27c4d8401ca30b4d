//! CSV records, with the header as line 1 and each record's own text kept for diagnostics.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;
use std::sync::Arc;

use super::{strip_bom, unknown_fields_note, Item, LineCounter, RawRecord, Values};
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
    /// The header names a column twice: every record is rejected with this.
    repeated: Option<Diagnostic>,
    /// Notes waiting to be handed out before the next record.
    notes: Vec<Diagnostic>,
    /// Physical lines, counted over every byte the parser consumed.
    lines: LineCounter,
    records: u64,
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
            repeated: None,
            notes: Vec::new(),
            lines: LineCounter::default(),
            records: 0,
            record: ::csv::ByteRecord::new(),
            done: false,
        }
    }

    fn skipped(&self, why: &str) -> Diagnostic {
        Diagnostic::new("skipped-input", format!("{why}: no records read"))
            .at(&self.label, 1)
            .help("check that the file was saved with its rows, or remove it")
    }

    /// Line 1: the field names, and notes on any the table schema does not define or the
    /// header repeats. An empty file or one in UTF-16 ends here, with a note.
    fn read_header(&mut self) -> Result<(), Error> {
        let header: Vec<String> = match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                self.notes.push(self.skipped("empty file"));
                return Ok(());
            }
            Ok(true)
                if self.record.as_slice().starts_with(&[0xFF, 0xFE])
                    || self.record.as_slice().starts_with(&[0xFE, 0xFF]) =>
            {
                self.done = true;
                let window = self.seen.borrow();
                let mut note = super::not_utf8_note(&self.label, window.slice(0, 2), 0);
                note.message.push_str(": the file is not read");
                self.notes.push(note);
                return Ok(());
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
        let end = self.reader.position().byte();
        self.lines.feed(self.seen.borrow().slice(0, end));
        let unknown: Vec<String> = header
            .iter()
            .filter(|h| !self.known.contains(h))
            .cloned()
            .collect();
        self.repeated = super::repeated_column(&header, &self.label);
        self.notes.extend(self.repeated.clone());
        self.header = Some(header.into());
        self.notes
            .extend(unknown_fields_note(&self.label, &unknown, &self.known));
        Ok(())
    }

    fn next_record(&mut self) -> Result<Option<RawRecord>, Error> {
        loop {
            let start = self.reader.position().byte();
            if !self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| read_error(&self.label, self.lines.line, e))?
            {
                return Ok(None);
            }
            let end = self.reader.position().byte();
            let (text, line) = {
                let window = self.seen.borrow();
                let raw = window.slice(start, end);
                // Blank lines, and the '\n' of a CRLF the parser stopped on, come before the
                // record: its line is past them.
                let lead = raw
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count();
                self.lines.feed(&raw[..lead]);
                let line = self.lines.line;
                self.lines.feed(&raw[lead..]);
                let text = String::from_utf8_lossy(&raw[lead..]);
                (Arc::<str>::from(text.trim_end_matches(['\r', '\n'])), line)
            };
            self.seen.borrow_mut().forget_before(end);
            if self.record.iter().all(|f| f.is_empty()) && self.record.len() <= 1 {
                continue; // a blank line is not a record
            }
            let header = self.header.clone().unwrap_or_else(|| Arc::from(Vec::new()));
            let mut rec = to_record(&self.record, header, &self.label, line, text);
            if let Some(d) = &self.repeated {
                let mut d = d.clone();
                d.line = Some(line);
                rec.problems.push(d);
            }
            self.records += 1;
            return Ok(Some(rec));
        }
    }

    fn next_item(&mut self) -> Result<Option<Item>, Error> {
        if self.header.is_none() && !self.done {
            self.read_header()?;
        }
        if !self.notes.is_empty() {
            return Ok(Some(Item::Note(self.notes.remove(0))));
        }
        if self.done {
            return Ok(None);
        }
        match self.next_record()? {
            Some(rec) => Ok(Some(Item::Record(rec))),
            None => {
                self.done = true;
                Ok((self.records == 0).then(|| Item::Note(self.skipped("only a header"))))
            }
        }
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_item().transpose();
        if matches!(item, Some(Err(_))) {
            self.done = true;
            self.notes.clear();
        }
        item
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
                            "field is not valid UTF-8 (invalid byte at offset {}); it looks like {}",
                            e.valid_up_to(),
                            super::guess_encoding(raw)
                        ),
                    )
                    .at(label, line)
                    .help("re-save the file as UTF-8, for instance with `iconv -f WINDOWS-1252 -t UTF-8`"),
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
    let spans = field_spans(&text);
    multiline_fields(&names, &spans, &text, label, line, &mut problems);
    let spans = spans.into_iter().map(Some).collect();
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

/// A warning for each field that runs over several physical lines with what look like rows in
/// it: what a quote left open looks like, the rows after it swallowed into one field.
fn multiline_fields(
    names: &[String],
    spans: &[std::ops::Range<usize>],
    text: &str,
    label: &str,
    line: u64,
    problems: &mut Vec<Diagnostic>,
) {
    let breaks = |s: &str| LineCounter::breaks(s.as_bytes());
    if breaks(text) == 0 {
        return;
    }
    for (name, span) in names.iter().zip(spans) {
        let Some(value) = text.get(span.clone()) else {
            continue;
        };
        // A quote never closed runs to the end of the file, past its last line end.
        let value = value.trim_end_matches(['\r', '\n']);
        let inside = breaks(value);
        // A line break in a quote or a note is ordinary; a line inside the field with the
        // separators of a row is a row swallowed.
        let row_like = (names.len() / 2).max(1);
        let swallowed = value
            .split(['\n', '\r'])
            .skip(1)
            .any(|l| l.matches(',').count() >= row_like);
        if inside == 0 || !swallowed {
            continue;
        }
        let opened = line + breaks(&text[..span.start]);
        let mut d = Diagnostic::new(
            "multiline-field",
            format!(
                "a quoted field opened on line {opened} runs over {} lines, to line {}",
                inside + 1,
                opened + inside
            ),
        )
        .at(label, opened)
        .help("if the quote was meant to close on its own line, the rows after it were read into this field: close the quote");
        d.field = Some(name.clone());
        problems.push(d);
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
