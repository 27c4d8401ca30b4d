//! `eventc import`: machine-coded events of GDELT 1.0 or ICEWS files turned into eventc's raw
//! format, so that they go through the same checks as hand-coded ones.
//!
//! Each row becomes one record of `RAW/events/<from>-<file>.csv` (coder `gdelt` or `icews`,
//! no quote), and each source article one document: `RAW/documents/<doc_id>.txt` holds what is
//! known of it (its address or story id; the text itself is not distributed) and a row of
//! `documents.csv` its publication day and source. Rows are streamed; which documents exist is
//! asked of the folder, so nothing grows with the file.

mod gdelt;
mod icews;

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use crate::codebook::actor_code::BlockKind;
use crate::codebook::Codebook;
use crate::error::Error;

/// The fields of the records written, in order.
pub const FIELDS: [&str; 12] = [
    "event_id",
    "doc_id",
    "date",
    "source",
    "source_code",
    "event_code",
    "target",
    "target_code",
    "location",
    "quote",
    "coder",
    "notes",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    Gdelt,
    Icews,
}

impl From {
    pub fn name(self) -> &'static str {
        match self {
            From::Gdelt => "gdelt",
            From::Icews => "icews",
        }
    }
}

/// One row read, as a record, and the document it cites.
#[derive(Default)]
pub struct Imported {
    pub record: [String; 12],
    pub doc_id: String,
    /// The first line of the document's text file.
    pub doc_text: String,
    pub published: String,
    pub source: String,
}

/// A row that cannot be a record, with why.
pub struct Skipped {
    pub line: u64,
    pub reason: String,
}

pub struct Summary {
    pub rows: u64,
    pub records: u64,
    pub documents: u64,
    pub skipped: Vec<Skipped>,
    pub events_file: PathBuf,
}

/// Read `file` in the layout `from` and write the records and documents under `raw`.
pub fn import(from: From, file: &Path, raw: &Path, cb: &Codebook) -> Result<Summary, Error> {
    let label = file.display().to_string();
    let input = File::open(file).map_err(Error::io("read", &label))?;
    let mut lines = BufReader::new(input).split(b'\n').enumerate().peekable();
    // The first line says whether this is the layout at all: checked before anything is
    // written. ICEWS files start with their header; GDELT files have none, but a header some
    // tools add is skipped.
    if let Some((_, Ok(first))) = lines.peek() {
        let first = String::from_utf8_lossy(first);
        let cells: Vec<&str> = first
            .trim_end_matches('\r')
            .split('\t')
            .map(|c| crate::read::strip_bom(c).trim_matches('"'))
            .collect();
        let header = match from {
            From::Gdelt => &crate::write::gdelt::COLUMNS[..],
            From::Icews => &crate::write::icews::COLUMNS[..],
        };
        if cells == header {
            lines.next();
        } else if from == From::Icews {
            return Err(Error::input(
                &label,
                Some(1),
                format!(
                    "not an ICEWS header; ICEWS files start with: {}",
                    header.join(", ")
                ),
            ));
        }
    }
    let stem = file
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = stem
        .trim_end_matches(".csv")
        .trim_end_matches(".tab")
        .trim_end_matches(".tsv");
    let events_dir = raw.join("events");
    let docs_dir = raw.join("documents");
    for d in [&events_dir, &docs_dir] {
        std::fs::create_dir_all(d).map_err(Error::io("create", d.display()))?;
    }
    let events_file = events_dir.join(format!("{}-{stem}.csv", from.name()));
    let out_label = events_file.display().to_string();
    // Importing a file of the same name again would replace the records of the first.
    if events_file.exists() {
        return Err(Error::Usage(format!(
            "{out_label} exists, from an earlier import of a file of that name: remove it to import again, or rename the file"
        )));
    }
    let mut events =
        csv::Writer::from_path(&events_file).map_err(|e| Error::output(&out_label, e))?;
    events
        .write_record(FIELDS)
        .map_err(|e| Error::output(&out_label, e))?;
    let meta_path = docs_dir.join("documents.csv");
    // The rows appended follow the header already there, whatever its columns.
    let header = existing_header(&meta_path)?;
    let new_meta = header.is_none();
    let header = header.unwrap_or_else(|| META.iter().map(|c| c.to_string()).collect());
    let mut meta_file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&meta_path)
        .map_err(Error::io("write", meta_path.display()))?;
    // A file written by hand may end without a line break: the first row appended would
    // otherwise run on from its last one.
    let last = std::fs::read(&meta_path)
        .ok()
        .and_then(|b| b.last().copied());
    if last.is_some_and(|b| b != b'\n') {
        meta_file
            .write_all(b"\n")
            .map_err(Error::io("write", meta_path.display()))?;
    }
    let mut meta = csv::Writer::from_writer(meta_file);
    let meta_label = meta_path.display().to_string();
    if new_meta {
        meta.write_record(META)
            .map_err(|e| Error::output(&meta_label, e))?;
    }
    let actors = ActorNames::new(cb);
    let mut summary = Summary {
        rows: 0,
        records: 0,
        documents: 0,
        skipped: Vec::new(),
        events_file: events_file.clone(),
    };
    for (i, line) in lines {
        let line_no = i as u64 + 1;
        let bytes = line.map_err(Error::io("read", &label))?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_end_matches('\r');
        if text.is_empty() {
            continue;
        }
        summary.rows += 1;
        let cells: Vec<&str> = text.split('\t').collect();
        let row = match from {
            From::Gdelt => gdelt::row(&cells),
            From::Icews => icews::row(&cells, &actors),
        };
        let row = match row {
            Ok(r) => r,
            Err(reason) => {
                summary.skipped.push(Skipped {
                    line: line_no,
                    reason,
                });
                continue;
            }
        };
        events
            .write_record(&row.record)
            .map_err(|e| Error::output(&out_label, e))?;
        summary.records += 1;
        let doc_path = docs_dir.join(format!("{}.txt", row.doc_id));
        if !doc_path.exists() {
            let mut f = File::create(&doc_path).map_err(Error::io("write", doc_path.display()))?;
            writeln!(f, "{}", row.doc_text).map_err(Error::io("write", doc_path.display()))?;
            let value = |column: &String| match column.as_str() {
                "doc_id" => row.doc_id.as_str(),
                "published" => row.published.as_str(),
                "source" => row.source.as_str(),
                _ => "",
            };
            meta.write_record(header.iter().map(value))
                .map_err(|e| Error::output(&meta_label, e))?;
            summary.documents += 1;
        }
    }
    events.flush().map_err(Error::io("write", &out_label))?;
    meta.flush().map_err(Error::io("write", &meta_label))?;
    Ok(summary)
}

/// The columns of a `documents.csv` the import starts.
const META: [&str; 6] = [
    "doc_id",
    "published",
    "reference_date",
    "language",
    "title",
    "source",
];

/// The header of an existing `documents.csv`; `None` when there is none yet, or only an empty
/// file. One without a `doc_id` column cannot take the import's rows.
fn existing_header(path: &Path) -> Result<Option<Vec<String>>, Error> {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if m.len() == 0 => return Ok(None),
        Ok(_) => {}
        Err(_) => return Ok(None),
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| Error::input(&shown, Some(1), e))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::input(&shown, Some(1), e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    if !header.iter().any(|h| h == "doc_id") {
        return Err(Error::input(
            &shown,
            Some(1),
            "no `doc_id` column: the imported documents cannot be listed in it",
        ));
    }
    Ok(Some(header))
}

/// The cell of the layout's column `name` in a row of `columns.len()` cells, trimmed; `name`
/// is one of `columns`.
fn cell<'a>(columns: &[&str], cells: &[&'a str], name: &str) -> &'a str {
    let i = columns
        .iter()
        .position(|c| *c == name)
        .expect("a column of the layout");
    cells[i].trim()
}

/// A document id from text of any length: the layout's prefix and 16 hex digits of its hash.
fn doc_id(from: From, key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", from.name())
}

/// `20141124` as `2014-11-24`; anything else as it came, for the date check to report.
fn iso_day(yyyymmdd: &str) -> String {
    let d = yyyymmdd.trim();
    if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
    } else {
        d.to_string()
    }
}

/// Country names and role labels to actor code blocks, for layouts that give actors as words
/// (ICEWS): `Syria` → `SYR`, `Military` → `MIL`.
pub struct ActorNames<'a> {
    cb: &'a Codebook,
    countries: HashMap<String, String>,
}

/// ICEWS sector words that are not CAMEO role labels, with the role they stand for.
const SECTORS: &[(&str, &str)] = &[
    ("executive", "GOV"),
    ("executive office", "GOV"),
    ("cabinet", "GOV"),
    ("foreign ministry", "GOV"),
    ("defense / security ministry", "GOV"),
    ("judicial", "JUD"),
    ("legislative / parliamentary", "LEG"),
    ("dissident", "OPP"),
    ("protestors / popular opposition / mobs", "OPP"),
    ("general population / civilian / social", "CVL"),
    ("elite", "ELI"),
    ("criminals / gangs", "CRM"),
    ("medical / health", "HLH"),
    ("marines", "MIL"),
];

impl<'a> ActorNames<'a> {
    pub fn new(cb: &'a Codebook) -> Self {
        let path = cb
            .files
            .iter()
            .find(|p| p.ends_with("cameo/actor_blocks.csv"));
        let mut countries = HashMap::new();
        if let Some(Ok(mut r)) = path.map(csv::Reader::from_path) {
            for row in r.records().flatten() {
                if BlockKind::parse(&row[1]) == Some(BlockKind::Country) {
                    countries.insert(row[2].to_lowercase(), row[0].to_string());
                }
            }
        }
        ActorNames { cb, countries }
    }

    /// The code tables' country names, then the gazetteer's countries with their aliases
    /// (`Turkey` for `Türkiye`).
    pub fn country(&self, name: &str) -> Option<&str> {
        if let Some(code) = self.countries.get(&name.trim().to_lowercase()) {
            return Some(code);
        }
        let place = self.cb.places.resolve(name)?;
        (place.kind == "country").then_some(place.country.as_str())
    }

    fn role(&self, sector: &str) -> Option<&'static str> {
        let key = sector.trim().to_lowercase();
        if let Some((_, code)) = SECTORS.iter().find(|(s, _)| *s == key) {
            return Some(code);
        }
        const ROLES: [&str; 27] = [
            "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
            "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
            "SET", "MOD", "RAD",
        ];
        ROLES.into_iter().find(|r| {
            self.cb
                .blocks
                .label(r)
                .is_some_and(|l| l.eq_ignore_ascii_case(sector.trim()))
        })
    }

    /// A CAMEO code for a country and its sectors. ICEWS lists sectors as a set
    /// (`Military,Government` is a soldier): with several primary roles the most specific one
    /// is kept; otherwise the roles in the order given, as eventc's own ICEWS export writes
    /// them, when that makes a valid code; otherwise the country alone.
    pub fn code(&self, country: &str, sectors: &str) -> Option<String> {
        // Most specific first: a soldier or police officer of the government is MIL or COP.
        const PRIMARY: [&str; 10] = [
            "MIL", "COP", "SPY", "JUD", "REB", "INS", "SEP", "UAF", "OPP", "GOV",
        ];
        let base = self.country(country)?;
        let mut roles: Vec<&str> = Vec::new();
        for r in sectors.split(',').filter_map(|s| self.role(s)) {
            if !roles.contains(&r) {
                roles.push(r);
            }
        }
        let primaries = roles.iter().filter(|r| PRIMARY.contains(r)).count();
        if primaries > 1 {
            let best = PRIMARY.iter().find(|p| roles.contains(p)).unwrap_or(&"");
            return Some(format!("{base}{best}"));
        }
        let all = format!("{base}{}", roles.concat());
        if self.cb.blocks.parse(&all).is_ok() {
            return Some(all);
        }
        Some(base.to_string())
    }
}
