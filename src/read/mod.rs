//! Reading raw inputs: hand-coded records (CSV, JSON Lines) and their source documents.
//!
//! Records come out one at a time with their file, line and own text, so that memory does not
//! grow with the number of records and every diagnostic can point at what the coder wrote.

mod csv_records;
pub mod documents;
mod jsonl_records;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// One input record as the coder wrote it: field values by name, in the file's order.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// Path relative to the raw folder's parent, as shown to users (`raw/events/a.csv`).
    pub file: String,
    /// Physical line where the record starts (the CSV header is line 1).
    pub line: u64,
    pub fields: Vec<(String, String)>,
    /// The record's own text, for diagnostics.
    pub text: String,
    /// Where each field's value sits in `text`, in field order, when the reader knows it.
    pub spans: Vec<Option<std::ops::Range<usize>>>,
    /// Problems found while reading; a record with one of these is rejected whole.
    pub problems: Vec<Diagnostic>,
}

impl RawRecord {
    /// The byte range of a field's value in the record's text: from the reader when it knows
    /// it, else the value's first occurrence.
    pub fn span_of(&self, name: &str) -> Option<std::ops::Range<usize>> {
        let i = self.fields.iter().position(|(k, _)| k == name)?;
        self.spans
            .get(i)
            .cloned()
            .flatten()
            .or_else(|| crate::diagnostic::find_span(&self.text, &self.fields[i].1))
    }

    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
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

/// What a reader yields: a record, or a header-level note about the file (unknown columns).
pub enum Item {
    Record(RawRecord),
    FileNote(Diagnostic),
}

/// The label of the raw folder: its own name, so paths read `raw/events/a.csv`.
pub fn raw_label(raw_dir: &Path) -> String {
    raw_dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| raw_dir.display().to_string())
}

/// The record files under `RAW_DIR/events/`, sorted by name so output order is deterministic.
/// Files of other kinds are returned separately so the caller can say they were ignored.
pub fn list_inputs(raw_dir: &Path) -> Result<(Vec<InputFile>, Vec<String>), String> {
    let events = raw_dir.join("events");
    let label = raw_label(raw_dir);
    let entries = std::fs::read_dir(&events)
        .map_err(|e| format!("cannot read the records folder {}: {e}", events.display()))?;
    let mut inputs = Vec::new();
    let mut ignored = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", events.display()))?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("csv") => InputKind::Csv,
            Some(ext) if ext.eq_ignore_ascii_case("jsonl") => InputKind::Jsonl,
            _ => {
                if !name.starts_with('.') {
                    ignored.push(format!("{label}/events/{name}"));
                }
                continue;
            }
        };
        inputs.push(InputFile {
            path,
            label: format!("{label}/events/{name}"),
            kind,
        });
    }
    inputs.sort_by(|a, b| a.label.cmp(&b.label));
    ignored.sort();
    Ok((inputs, ignored))
}

/// Read one input file, handing each item to `sink`. Stops early only on an I/O error.
pub fn read_file(
    input: &InputFile,
    known_fields: &[String],
    sink: &mut dyn FnMut(Item) -> Result<(), String>,
) -> Result<(), String> {
    let file = std::fs::File::open(&input.path)
        .map_err(|e| format!("cannot open {}: {e}", input.label))?;
    match input.kind {
        InputKind::Csv => csv_records::read(file, &input.label, known_fields, sink),
        InputKind::Jsonl => jsonl_records::read(file, &input.label, known_fields, sink),
    }
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
