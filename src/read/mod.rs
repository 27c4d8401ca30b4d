//! Reading raw inputs: hand-coded records (CSV, JSON Lines) and their source documents.
//!
//! Each events file is an iterator of records with their file, line and own text;
//! [`Batches`] strings the files together and cuts the stream into batches bounded by count and
//! by bytes, so that memory follows the batch size, never the number of records. Every byte read
//! is hashed on the way, for the report's list of inputs. What may be opened at all (links out
//! of the folder, FIFOs) is decided by [`links`].

mod csv;
pub mod documents;
mod jsonl;
pub mod links;

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// One input record as the coder wrote it.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// Path relative to the raw folder's parent, as shown to users (`raw/events/a.csv`).
    pub file: Arc<str>,
    /// Physical line where the record starts (the CSV header is line 1).
    pub line: u64,
    /// Field names: a CSV file's header (shared by its records), or a JSON object's keys.
    pub names: Arc<[String]>,
    /// Field values, in the order of `names`.
    pub values: Values,
    /// The record's own text, for diagnostics.
    pub text: Arc<str>,
    /// Where each value sits in `text`, in field order, when the reader knows it.
    pub spans: Vec<Option<Range<usize>>>,
    /// Problems found while reading; a record with an error among them is rejected whole.
    pub problems: Vec<Diagnostic>,
}

impl RawRecord {
    /// The value of a field, empty when the record does not have it.
    pub fn get(&self, name: &str) -> &str {
        self.names
            .iter()
            .position(|n| n == name)
            .and_then(|i| self.values.get(i))
            .unwrap_or("")
    }

    /// The fields as (name, value) pairs, in the record's order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names
            .iter()
            .zip(self.values.iter())
            .map(|(n, v)| (n.as_str(), v))
    }

    /// The byte range of a field's value in the record's text: from the reader when it knows
    /// it, else the value's first occurrence.
    pub fn span_of(&self, name: &str) -> Option<Range<usize>> {
        let i = self.names.iter().position(|n| n == name)?;
        self.spans
            .get(i)
            .cloned()
            .flatten()
            .or_else(|| crate::diagnostic::find_span(&self.text, self.values.get(i)?))
    }

    /// Whether the record could not even be split into fields.
    pub fn is_malformed(&self) -> bool {
        self.problems.iter().any(|p| p.rule == "malformed-record")
    }

    /// Approximate memory held, for batch limits.
    fn weight(&self) -> usize {
        self.text.len() + self.values.buf.len() + 64
    }
}

/// A record's values one after the other in one string: one allocation a record, not one a
/// field.
#[derive(Debug, Clone, Default)]
pub struct Values {
    buf: String,
    ends: Vec<usize>,
}

impl Values {
    pub fn with_capacity(fields: usize, bytes: usize) -> Self {
        Values {
            buf: String::with_capacity(bytes),
            ends: Vec::with_capacity(fields),
        }
    }

    pub fn push(&mut self, value: &str) {
        self.buf.push_str(value);
        self.ends.push(self.buf.len());
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        Some(&self.buf[start..end])
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl<'a> FromIterator<&'a str> for Values {
    fn from_iter<I: IntoIterator<Item = &'a str>>(values: I) -> Self {
        let mut out = Values::default();
        values.into_iter().for_each(|v| out.push(v));
        out
    }
}

/// An input file of records, with the label used in diagnostics.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    pub label: String,
    pub kind: InputKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Csv,
    Jsonl,
}

/// A file read in full, for the report's list of inputs.
#[derive(Debug, Clone)]
pub struct InputDigest {
    pub label: String,
    pub bytes: u64,
    pub sha256: [u8; 32],
}

impl InputDigest {
    /// The digest as `sha256sum` prints it.
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }
}

/// What a file reader yields: a record, or a note about the file itself (unknown columns).
pub enum Item {
    Record(RawRecord),
    Note(Diagnostic),
}

/// The label of the raw folder: its own name, so paths read `raw/events/a.csv`.
pub fn raw_label(raw_dir: &Path) -> String {
    raw_dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| raw_dir.display().to_string())
}

/// The record files under `RAW_DIR/events/`, sorted by name so output order is deterministic,
/// and a warning for each entry not read: files of other kinds, and `.csv`/`.jsonl` entries
/// that are not files or are links out of the raw folder (see [`links`]).
pub fn list_inputs(
    raw_dir: &Path,
    follow_links: bool,
) -> Result<(Vec<InputFile>, Vec<Diagnostic>), Error> {
    let events = raw_dir.join("events");
    let label = raw_label(raw_dir);
    let shown = format!("{label}/events");
    let entries = std::fs::read_dir(&events).map_err(Error::io("list", &shown))?;
    let mut inputs = Vec::new();
    let mut notes = Vec::new();
    for entry in entries {
        let entry = entry.map_err(Error::io("list", &shown))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let file = format!("{shown}/{name}");
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("csv") => InputKind::Csv,
            Some(ext) if ext.eq_ignore_ascii_case("jsonl") => InputKind::Jsonl,
            _ => {
                if !name.starts_with('.') && path.is_file() {
                    notes.push(
                        Diagnostic::new(
                            "ignored-file",
                            "not read: only .csv and .jsonl files are records",
                        )
                        .at(&file, 1),
                    );
                }
                continue;
            }
        };
        if let Err(refused) = links::check(&path, raw_dir, follow_links) {
            notes.push(refused_note(&refused, &file, &label));
            continue;
        }
        inputs.push(InputFile {
            path,
            label: file,
            kind,
        });
    }
    inputs.sort_by(|a, b| a.label.cmp(&b.label));
    notes.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((inputs, notes))
}

/// The warning for an input not read: `link-refused` for a link out of its folder,
/// `skipped-input` for the rest.
pub fn refused_note(refused: &links::Refusal, file: &str, root_label: &str) -> Diagnostic {
    let rule = match refused {
        links::Refusal::Outside { .. } => "link-refused",
        _ => "skipped-input",
    };
    Diagnostic::new(rule, refused.describe(root_label))
        .at(file, 1)
        .help(refused.help())
}

/// How big a batch may grow: whichever limit is reached first closes it.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub records: usize,
    pub bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // Small enough that the few batches in flight between the stages hold little, large
        // enough that handing a batch to the threads costs nothing next to checking it.
        Limits {
            records: 1024,
            bytes: 4 << 20,
        }
    }
}

/// Records in input order, with the notes about files met while reading them and the digests
/// of the files finished.
#[derive(Default)]
pub struct Batch {
    pub records: Vec<RawRecord>,
    pub notes: Vec<Diagnostic>,
    pub finished: Vec<InputDigest>,
}

/// What one events file yields, in order.
pub type FileItems = Box<dyn Iterator<Item = Result<Item, Error>>>;

/// The records and notes of one events file, read from `source` as `kind`; `known` are the
/// field names of the table schema. What [`Batches`] reads each file with.
pub fn file_items(
    source: impl Read + 'static,
    kind: InputKind,
    label: &str,
    known: Arc<[String]>,
) -> FileItems {
    let label: Arc<str> = label.into();
    match kind {
        InputKind::Csv => Box::new(csv::CsvRecords::new(source, label, known)),
        InputKind::Jsonl => Box::new(jsonl::JsonlRecords::new(source, label, known)),
    }
}

/// All the events files, one after the other, as batches. Batches are cut the same way
/// whatever the number of threads, so that outputs are too.
pub struct Batches {
    inputs: std::vec::IntoIter<InputFile>,
    current: Option<(FileItems, Hashed)>,
    known: Arc<[String]>,
    limits: Limits,
}

impl Batches {
    pub fn new(inputs: Vec<InputFile>, known: &[String], limits: Limits) -> Self {
        Batches {
            inputs: inputs.into_iter(),
            current: None,
            known: known.into(),
            limits,
        }
    }

    fn open(&self, input: &InputFile) -> Result<(FileItems, Hashed), Error> {
        let file = std::fs::File::open(&input.path).map_err(Error::io("open", &input.label))?;
        let hashed = Hashed::new(&input.label);
        let source = HashingReader {
            inner: file,
            hashed: hashed.clone(),
        };
        let items = file_items(source, input.kind, &input.label, self.known.clone());
        Ok((items, hashed))
    }
}

impl Iterator for Batches {
    type Item = Result<Batch, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut batch = Batch::default();
        let mut weight = 0;
        loop {
            if self.current.is_none() {
                let Some(input) = self.inputs.next() else {
                    break;
                };
                match self.open(&input) {
                    Ok(opened) => self.current = Some(opened),
                    Err(e) => return Some(Err(e)),
                }
            }
            let (items, hashed) = self.current.as_mut().expect("opened above");
            match items.next() {
                Some(Ok(Item::Record(rec))) => {
                    weight += rec.weight();
                    batch.records.push(rec);
                    if batch.records.len() >= self.limits.records || weight >= self.limits.bytes {
                        return Some(Ok(batch));
                    }
                }
                Some(Ok(Item::Note(d))) => batch.notes.push(d),
                Some(Err(e)) => return Some(Err(e)),
                None => {
                    batch.finished.push(hashed.digest());
                    self.current = None;
                }
            }
        }
        let empty = batch.records.is_empty() && batch.notes.is_empty() && batch.finished.is_empty();
        (!empty).then_some(Ok(batch))
    }
}

/// The running digest of a file being read; shared between the reader and the batcher.
#[derive(Clone)]
struct Hashed(std::rc::Rc<std::cell::RefCell<(String, Sha256, u64)>>);

impl Hashed {
    fn new(label: &str) -> Self {
        Hashed(std::rc::Rc::new(std::cell::RefCell::new((
            label.to_string(),
            Sha256::new(),
            0,
        ))))
    }

    fn digest(&self) -> InputDigest {
        let (label, hasher, bytes) = &*self.0.borrow();
        InputDigest {
            label: label.clone(),
            bytes: *bytes,
            sha256: hasher.clone().finalize().into(),
        }
    }
}

/// Hashes every byte as it is read, so a file is read once for both its records and its digest.
struct HashingReader<R> {
    inner: R,
    hashed: Hashed,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut h = self.hashed.0.borrow_mut();
        h.1.update(&buf[..n]);
        h.2 += n as u64;
        Ok(n)
    }
}

/// Lower-case hexadecimal, as `sha256sum` prints digests.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The SHA-256 of a whole file, for inputs not read record by record (the schema folder).
pub fn digest_file(path: &Path, label: &str) -> Result<InputDigest, Error> {
    let mut f = std::fs::File::open(path).map_err(Error::io("read", label))?;
    let mut h = Sha256::new();
    let bytes = std::io::copy(&mut f, &mut h).map_err(Error::io("read", label))?;
    Ok(InputDigest {
        label: label.to_string(),
        bytes,
        sha256: h.finalize().into(),
    })
}

/// Strip a UTF-8 byte-order mark.
pub fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}

fn unknown_fields_note(label: &str, unknown: &[String], known: &[String]) -> Option<Diagnostic> {
    if unknown.is_empty() {
        return None;
    }
    let mut d = Diagnostic::new(
        "unknown-field",
        format!(
            "{} not in the table schema: kept in the rejects, not in the dataset",
            unknown
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .at(label, 1);
    for u in unknown {
        if let Some((at, ch, name)) = u
            .chars()
            .enumerate()
            .find_map(|(i, c)| crate::text::invisible(c).map(|(n, _)| (i + 1, c, n)))
        {
            d = d.help(format!(
                "`{u}` holds `U+{:04X} {name}` at character {at}: retype the name",
                ch as u32
            ));
        }
        if let Some(best) = crate::text::closest(u, known.iter().map(String::as_str), 1)
            .into_iter()
            .next()
        {
            d = d.help(format!("`{u}`: did you mean `{best}`?"));
        }
    }
    d.field = Some(unknown.join(","));
    Some(d)
}

/// A header that names a column twice: which of the two values is meant cannot be known, so
/// this is an error naming both columns (1-based), not a silent choice of one.
pub fn repeated_column(names: &[String], label: &str) -> Option<Diagnostic> {
    for (j, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(i) = names[..j].iter().position(|n| n == name) {
            return Some(
                Diagnostic::new(
                    "duplicate-key",
                    format!(
                        "the header names `{name}` twice, in columns {} and {}",
                        i + 1,
                        j + 1
                    ),
                )
                .at(label, 1)
                .help("rename or remove one of the two columns"),
            );
        }
    }
    None
}

/// The report on a file that is not UTF-8: where the first bad byte is and what the file was
/// probably saved as.
pub fn not_utf8_note(file: &str, bytes: &[u8], bad_at: usize) -> Diagnostic {
    let line = 1 + bytes[..bad_at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64;
    let guess = guess_encoding(bytes);
    let from = if guess.starts_with("UTF-16") {
        "UTF-16"
    } else {
        "WINDOWS-1252"
    };
    Diagnostic::new(
        "bad-encoding",
        format!(
            "not UTF-8: the first invalid byte is at offset {bad_at}; the file looks like {guess}"
        ),
    )
    .at(file, line)
    .help(format!(
        "re-save the file as UTF-8, for instance with `iconv -f {from} -t UTF-8`"
    ))
}

/// What a file that is not UTF-8 was probably saved as, from a byte-order mark or the bytes
/// themselves: enough to say how to convert it, not a full detector.
pub fn guess_encoding(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return "UTF-16 little-endian (byte-order mark FF FE)";
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return "UTF-16 big-endian (byte-order mark FE FF)";
    }
    let head = &bytes[..bytes.len().min(4096)];
    // Text in UTF-16 has a NUL in every other byte for ASCII characters.
    if head.len() >= 4 && head.iter().filter(|&&b| b == 0).count() * 4 >= head.len() {
        return "UTF-16 without a byte-order mark";
    }
    // 0x80–0x9F are control codes in Latin-1 but curly quotes, dashes and € in Windows-1252.
    if bytes.iter().any(|b| (0x80..0xA0).contains(b)) {
        "Windows-1252"
    } else {
        "Latin-1 (ISO-8859-1) or Windows-1252"
    }
}

/// Physical lines as people count them: `\n`, `\r\n` and a lone `\r` each end one line, even
/// when a `\r\n` pair is split between two reads.
#[derive(Debug, Clone, Copy)]
pub struct LineCounter {
    /// The line the next byte is on.
    pub line: u64,
    after_cr: bool,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter {
            line: 1,
            after_cr: false,
        }
    }
}

impl LineCounter {
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' => self.line += 1,
                b'\r' => {
                    self.line += 1;
                    self.after_cr = true;
                }
                _ => self.after_cr = false,
            }
        }
    }

    /// The lines `text` spans past its first.
    pub fn breaks(text: &[u8]) -> u64 {
        let mut c = LineCounter::default();
        c.feed(text);
        c.line - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr_even_split_between_reads() {
        for (text, lines) in [
            ("a\nb\nc", 3),
            ("a\r\nb\r\nc", 3),
            ("a\rb\rc", 3),
            ("a\r\n\rb\n\nc", 5),
        ] {
            assert_eq!(LineCounter::breaks(text.as_bytes()) + 1, lines, "{text:?}");
            let mut c = LineCounter::default();
            text.as_bytes().chunks(1).for_each(|b| c.feed(b));
            assert_eq!(c.line, lines, "{text:?} byte by byte");
        }
    }

    #[test]
    fn encodings_are_told_apart() {
        assert!(guess_encoding(b"\xff\xfea\x00").starts_with("UTF-16 little"));
        assert!(guess_encoding(b"a\x00b\x00c\x00").starts_with("UTF-16 without"));
        assert_eq!(guess_encoding(b"caf\xe9 \x93x\x94"), "Windows-1252");
        assert!(guess_encoding(b"caf\xe9").starts_with("Latin-1"));
        let names = ["a", "b", "a"].map(String::from);
        let d = repeated_column(&names, "f.csv").unwrap();
        assert!(d.message.contains("columns 1 and 3"), "{}", d.message);
    }
}
