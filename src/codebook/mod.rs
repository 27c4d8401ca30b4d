//! Everything under `schema/`, loaded once per run: the table schema of raw records, the CAMEO
//! event codebook, the actor code tables, the actor dictionary and the gazetteer.

pub mod actor_code;
pub mod builtin;
pub mod config;
pub mod dictionary;
pub mod event_codes;
pub mod places;
pub mod plover;
pub mod table_schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::Error;
use actor_code::ActorBlocks;
use config::Config;
use dictionary::Dictionary;
use event_codes::EventCodes;
use places::Gazetteer;
use plover::Crosswalk;
use table_schema::TableSchema;

pub struct Codebook {
    pub table: TableSchema,
    pub events: EventCodes,
    pub blocks: ActorBlocks,
    pub actors: Dictionary,
    pub places: Gazetteer,
    pub config: Config,
    /// Problems in the dictionaries, reported with the run's diagnostics.
    pub notes: Vec<Diagnostic>,
    /// The schema files read, for the report's list of inputs.
    pub files: Vec<PathBuf>,
    /// CAMEO→PLOVER; empty when the schema folder has no crosswalk.
    pub plover: Crosswalk,
    /// ISO alpha-3 → FIPS 10-4 country codes, for the GDELT layout; empty without the table.
    pub fips: HashMap<String, String>,
}

impl Codebook {
    /// Load `schema/`, refusing links out of it.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        Self::load_with(dir, false)
    }

    /// Load `schema/`. Any problem here is fatal: a run against a broken codebook would
    /// reject or accept records for the wrong reasons. `follow_links` reads symbolic links
    /// that lead out of the folder.
    pub fn load_with(dir: &Path, follow_links: bool) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "schema folder {} not found",
                dir.display()
            )));
        }
        let mut files = Vec::new();
        let mut need = |rel: &str| -> Result<(PathBuf, String), Error> {
            let p = dir.join(rel);
            let label = schema_label(dir, &p);
            guard(dir, &p, &label, follow_links)?;
            files.push(p.clone());
            Ok((p, label))
        };
        let (path, label) = need("events.schema.json")?;
        let table = TableSchema::load(&path, &label)?;
        let (path, label) = need("cameo/event_codes.csv")?;
        let events = EventCodes::load(&path, &label)?;
        let (path, label) = need("cameo/actor_blocks.csv")?;
        let file = std::fs::File::open(&path).map_err(Error::io("read", &label))?;
        let blocks = ActorBlocks::from_csv_reader(file, &label)?;
        let (path, label) = need("places.csv")?;
        let places = if path.exists() {
            Gazetteer::load(&path, &label)?
        } else {
            Gazetteer::default()
        };
        let (path, label) = need("plover/cameo_plover.csv")?;
        let plover = if path.exists() {
            Crosswalk::load(&path, &label)?
        } else {
            Crosswalk::default()
        };
        let (path, label) = need("gdelt/fips_countries.csv")?;
        let fips = if path.exists() {
            load_fips(&path, &label)?
        } else {
            HashMap::new()
        };
        let (path, label) = need("eventc.json")?;
        let config = Config::load(&path, &label)?;
        let (actors, notes) = load_dictionary(dir, &mut files, follow_links)?;
        files.retain(|p| p.exists());
        Ok(Codebook {
            table,
            events,
            blocks,
            actors,
            places,
            config,
            notes,
            files,
            plover,
            fips,
        })
    }
}

/// The actor dictionary: `actors.csv`, then every dictionary under `actors/` (our CSV format,
/// or PETRARCH `.txt`/`.actors` files), in name order.
fn load_dictionary(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    follow_links: bool,
) -> Result<(Dictionary, Vec<Diagnostic>), Error> {
    let mut paths = Vec::new();
    let main = dir.join("actors.csv");
    if main.exists() {
        paths.push(main);
    }
    let extra = dir.join("actors");
    if extra.is_dir() {
        let mut more: Vec<PathBuf> = std::fs::read_dir(&extra)
            .map_err(Error::io("read", extra.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("csv" | "txt" | "actors")
                )
            })
            .collect();
        more.sort();
        paths.extend(more);
    }
    let mut dict = Dictionary::new();
    let mut notes = Vec::new();
    for path in paths {
        let label = schema_label(dir, &path);
        guard(dir, &path, &label, follow_links)?;
        let bytes = std::fs::read(&path).map_err(Error::io("read", &label))?;
        if let Err(e) = std::str::from_utf8(&bytes) {
            let d = crate::read::not_utf8_note(&label, &bytes, e.valid_up_to());
            return Err(Error::schema(&label, d.line, d.message));
        }
        let ours = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        // Diagnostics name the file as users know it; entries keep the path they were read from.
        for mut d in dict.load_path(&path)? {
            d.file.clone_from(&label);
            // A row of our own format that cannot be read means the file is damaged (a stray
            // quote, a lost header); PETRARCH files have per-line defects that are reported.
            if ours && d.rule == "dict-syntax" {
                let field = d
                    .field
                    .map(|f| format!(" (field `{f}`)"))
                    .unwrap_or_default();
                return Err(Error::schema(
                    &label,
                    d.line,
                    format!("{}{field}", d.message),
                ));
            }
            notes.push(d);
        }
        files.push(path);
    }
    Ok((dict, notes))
}

/// `schema/actors.csv` rather than the path as given on the command line.
pub fn schema_label(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    format!("{}/{}", crate::read::raw_label(dir), rel.display())
}

/// Every file read from the schema folder must be a file inside it (or `follow_links`).
fn guard(dir: &Path, path: &Path, label: &str, follow_links: bool) -> Result<(), Error> {
    crate::read::links::check(path, dir, follow_links).map_err(|refused| {
        let root = crate::read::raw_label(dir);
        Error::schema(
            label,
            None,
            format!("{}; {}", refused.describe(&root), refused.help()),
        )
    })
}

/// A schema table whose header names a column twice: a reader would take one of the two
/// silently, so the run stops, naming both columns.
pub(crate) fn repeated_column(header: &csv::StringRecord) -> Option<String> {
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
        .collect();
    names.iter().enumerate().find_map(|(j, name)| {
        let i = names[..j].iter().position(|n| n == name)?;
        Some(format!(
            "the header names the column `{name}` twice, as columns {} and {}: rename or remove one",
            i + 1,
            j + 1
        ))
    })
}

/// `gdelt/fips_countries.csv`: `iso3,fips` rows.
fn load_fips(path: &Path, label: &str) -> Result<HashMap<String, String>, Error> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| Error::schema(label, None, e))?;
    let header = reader
        .headers()
        .map_err(|e| Error::schema(label, Some(1), e))?;
    if let Some(m) = repeated_column(header) {
        return Err(Error::schema(label, Some(1), m));
    }
    let mut fips = HashMap::new();
    for (i, row) in reader.records().enumerate() {
        let line = Some(i as u64 + 2);
        let row = row.map_err(|e| Error::schema(label, line, e))?;
        let (Some(iso), Some(code)) = (row.get(0), row.get(1)) else {
            return Err(Error::schema(
                label,
                line,
                "expected two columns: an ISO alpha-3 code and its FIPS 10-4 code",
            ));
        };
        fips.insert(iso.trim().to_string(), code.trim().to_string());
    }
    Ok(fips)
}
