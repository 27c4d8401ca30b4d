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
}

impl Codebook {
    /// Load `schema/`. Any problem here is fatal: a run against a broken codebook would
    /// reject or accept records for the wrong reasons.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "schema folder {} not found",
                dir.display()
            )));
        }
        let mut files = Vec::new();
        let mut need = |rel: &str| {
            let p = dir.join(rel);
            files.push(p.clone());
            let label = schema_label(dir, &p);
            (p, label)
        };
        let (path, label) = need("events.schema.json");
        let table = TableSchema::load(&path, &label)?;
        let (path, label) = need("cameo/event_codes.csv");
        let events = EventCodes::load(&path, &label)?;
        let (path, label) = need("cameo/actor_blocks.csv");
        let file = std::fs::File::open(&path).map_err(Error::io("read", &label))?;
        let blocks = ActorBlocks::from_csv_reader(file, &label)?;
        let (path, label) = need("places.csv");
        let places = if path.exists() {
            Gazetteer::load(&path, &label)?
        } else {
            Gazetteer::default()
        };
        let (path, label) = need("plover/cameo_plover.csv");
        let plover = if path.exists() {
            Crosswalk::load(&path, &label)?
        } else {
            Crosswalk::default()
        };
        let (path, label) = need("eventc.json");
        let config = Config::load(&path, &label)?;
        let (actors, notes) = load_dictionary(dir, &mut files)?;
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
        })
    }
}

/// The actor dictionary: `actors.csv`, then every dictionary under `actors/` (our CSV format,
/// or PETRARCH `.txt`/`.actors` files), in name order.
fn load_dictionary(
    dir: &Path,
    files: &mut Vec<PathBuf>,
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
                p.is_file()
                    && matches!(
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
        // Diagnostics name the file as users know it; entries keep the path they were read from.
        for mut d in dict.load_path(&path)? {
            d.file.clone_from(&label);
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
