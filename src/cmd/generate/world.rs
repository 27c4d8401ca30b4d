//! What every synthetic document draws on: the schema's codebooks, the bundled dictionary and
//! gazetteer, and the synthetic actors and places added to them. Built once per run from the
//! seed; also writes the output's `schema/` folder.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::rng::Rng;
use super::tables::{self, CountryWords};
use super::text::Mention;
use crate::codebook::actor_code::{ActorBlocks, BlockKind};
use crate::text::name_key;
use crate::Error;

/// One code of an actor, for the days from `from` to `to` (inclusive; `None` is open).
pub struct Span {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub struct Actor {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: String,
    pub codes: Vec<Span>,
    /// How French and English documents name it.
    pub fr: Mention,
    pub en: Mention,
    /// Ways a coder may write it that the dictionary resolves to this entry, made when first
    /// asked for: most entries are never named in a small dataset.
    pub spellings: OnceLock<Vec<String>>,
    /// The country of its code, if it has one.
    pub country: Option<String>,
    /// Its code has an armed role (military, rebels, police…): a plausible author of force.
    pub armed: bool,
    /// Written to the synthetic dictionary (bundled actors are already in actors.csv).
    pub synthetic: bool,
}

/// Role blocks of actors that use force.
pub const ARMED: [&str; 7] = ["MIL", "REB", "INS", "UAF", "COP", "SPY", "SEP"];

impl Actor {
    /// The code the dictionary gives on `day`: among the spans covering it the one that
    /// started last, else the first.
    pub fn code_on(&self, day: NaiveDate) -> &str {
        let covers = |s: &&Span| s.from.is_none_or(|f| f <= day) && s.to.is_none_or(|t| day <= t);
        self.codes
            .iter()
            .filter(covers)
            .max_by_key(|s| s.from)
            .or_else(|| self.codes.first())
            .map_or("", |s| s.code.as_str())
    }

    /// The one code that applies from `a` to `b`, if the code does not change in between.
    pub fn code_through(&self, a: NaiveDate, b: NaiveDate) -> Option<&str> {
        let code = self.code_on(a);
        let changes = self
            .codes
            .iter()
            .flat_map(|s| [s.from, s.to.and_then(|t| t.succ_opt())]);
        let steady = changes.flatten().all(|c| c <= a || c > b);
        steady.then_some(code)
    }

    pub fn spellings(&self) -> &[String] {
        self.spellings.get_or_init(|| {
            let names = [self.fr.subject(), self.en.subject()];
            spellings(
                std::iter::once(&self.name)
                    .chain(&self.aliases)
                    .chain(&names),
            )
        })
    }
}

impl Place {
    pub fn spellings(&self) -> &[String] {
        self.spellings
            .get_or_init(|| spellings(std::iter::once(&self.name).chain(&self.aliases)))
    }
}

pub struct Place {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: String,
    pub country: String,
    pub admin1: String,
    pub latitude: f64,
    pub longitude: f64,
    /// How French and English documents name it.
    pub fr: String,
    pub en: String,
    pub spellings: OnceLock<Vec<String>>,
    /// Written to the gazetteer (bundled places are copied from places.csv as they are).
    pub synthetic: bool,
}

/// A country documents are about, with its actors and towns.
pub struct Country {
    pub words: &'static CountryWords,
    pub fr: Mention,
    pub en: Mention,
    pub actors: Vec<u32>,
    pub towns: Vec<u32>,
}

pub struct World {
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    /// People of international bodies (codes without a country).
    pub international: Vec<u32>,
    /// Former office holders whose only code ended before any document's date.
    pub historic: Vec<u32>,
    pub places: Vec<Place>,
    /// Event codes by root (`01`..`20`); roots without codes are left out.
    pub roots: Vec<(u8, Vec<String>)>,
    /// Codes as a spreadsheet shows them, leading zeros lost, that are no code at all (`42`).
    pub unpadded: Vec<String>,
    /// Name keys of every actor and place name: a misspelling must miss all of them.
    pub actor_keys: HashSet<String>,
    pub place_keys: HashSet<String>,
    pub blocks: ActorBlocks,
    /// places.csv as bundled, written back before the synthetic places.
    pub bundled_places: Vec<csv::StringRecord>,
}

pub fn read_csv(path: &Path) -> Result<Vec<csv::StringRecord>, Error> {
    let mut r = csv::Reader::from_path(path).map_err(|e| Error::schema(path.display(), None, e))?;
    r.records()
        .map(|row| {
            row.map_err(|e| {
                let line = e.position().map(|p| p.line());
                Error::schema(path.display(), line, e)
            })
        })
        .collect()
}

/// Letters without their accents, as coders without the keyboard type them.
pub fn strip_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'ı' { 'i' } else { c })
        .collect()
}

/// The ways to write these names that fold to the same keys: case, accents, no leading
/// article, apostrophes and hyphens. Each is checked against the fold eventc itself uses.
fn spellings<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out = Vec::new();
    for n in names {
        spellings_of(n, &mut out);
    }
    out
}

fn spellings_of(name: &str, out: &mut Vec<String>) {
    let key = name_key(name);
    let bare = ["le ", "la ", "les ", "l'", "the "]
        .iter()
        .find_map(|a| name.strip_prefix(a));
    let candidates = [
        Some(name.to_string()),
        Some(strip_accents(name)),
        Some(name.to_lowercase()),
        Some(strip_accents(&name.to_lowercase())),
        Some(name.to_uppercase()),
        bare.map(String::from),
        Some(name.replace('\'', "\u{2019}")),
        Some(name.replace('-', " ")),
    ];
    for c in candidates.into_iter().flatten() {
        if !out.contains(&c) && name_key(&c) == key {
            out.push(c);
        }
    }
}

/// A made-up proper name: two or three syllables and an ending.
pub fn word(rng: &mut Rng, ends: &[&str]) -> String {
    let mut w = String::new();
    for _ in 0..rng.between(2, 3) {
        w.push_str(rng.pick::<&str>(tables::ONSETS));
        w.push_str(rng.pick::<&str>(tables::VOWELS));
        w.push_str(rng.pick::<&str>(tables::CODAS));
    }
    w.push_str(rng.pick::<&str>(ends));
    let mut chars = w.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => w,
    }
}

/// `de Barzana`, `d'Ouma`.
pub fn de(name: &str) -> String {
    let vowel = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÂÉÈÊÎÔÜaeiouyâéèêîôü".contains(c));
    if vowel {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// Name keys claimed so far: nothing generated may fold to a name already taken.
pub struct Claims(pub HashSet<String>);

impl Claims {
    /// Claims all the names of one entry (which may share a key), or none if one is taken.
    pub fn claim(&mut self, names: &[&str]) -> bool {
        let keys: Vec<String> = names.iter().map(|n| name_key(n)).collect();
        if keys.iter().any(|k| k.is_empty() || self.0.contains(k)) {
            return false;
        }
        self.0.extend(keys);
        true
    }
}

impl World {
    pub fn build(schema: &Path, seed: u64) -> Result<World, Error> {
        if !schema.is_dir() {
            return Err(Error::Usage(format!(
                "schema folder {} not found",
                schema.display()
            )));
        }
        let blocks_path = schema.join("cameo/actor_blocks.csv");
        let blocks_file =
            std::fs::File::open(&blocks_path).map_err(Error::io("read", blocks_path.display()))?;
        let blocks = ActorBlocks::from_csv_reader(blocks_file, &blocks_path.display().to_string())?;

        let codes_path = schema.join("cameo/event_codes.csv");
        let mut roots: Vec<(u8, Vec<String>)> = Vec::new();
        let mut codes = HashSet::new();
        for row in read_csv(&codes_path)? {
            let code = row.get(0).unwrap_or("").trim().to_string();
            let Some(root) = code.get(..2).and_then(|r| r.parse::<u8>().ok()) else {
                continue;
            };
            match roots.iter_mut().find(|(r, _)| *r == root) {
                Some((_, list)) => list.push(code.clone()),
                None => roots.push((root, vec![code.clone()])),
            }
            codes.insert(code);
        }
        roots.retain(|(r, _)| (1..=20).contains(r));
        if roots.is_empty() {
            return Err(Error::schema(codes_path.display(), None, "no event codes"));
        }

        let mut unpadded: Vec<String> = codes
            .iter()
            .map(|c| c.trim_start_matches('0').to_string())
            .filter(|c| !c.is_empty() && !codes.contains(c))
            .collect();
        unpadded.sort();
        if unpadded.is_empty() {
            unpadded.push("9999".into());
        }

        let countries: Vec<Country> = tables::COUNTRIES
            .iter()
            .filter(|c| blocks.kinds(c.code).contains(&BlockKind::Country))
            .map(|words| Country {
                words,
                fr: Mention::parse(words.fr, words.fr.starts_with("les ")),
                en: Mention::parse(words.en, false),
                actors: Vec::new(),
                towns: Vec::new(),
            })
            .collect();
        if countries.len() < 2 {
            return Err(Error::schema(
                blocks_path.display(),
                None,
                "too few of the usual country codes (SYR, IRQ, MLI…) to write news about",
            ));
        }
        let mut world = World {
            countries,
            actors: Vec::new(),
            international: Vec::new(),
            historic: Vec::new(),
            places: Vec::new(),
            roots,
            unpadded,
            actor_keys: HashSet::new(),
            place_keys: HashSet::new(),
            blocks,
            bundled_places: Vec::new(),
        };
        let mut rng = Rng::derive(seed, 1, 0);
        world.load_bundled_places(&schema.join("places.csv"))?;
        world.add_places(&mut rng)?;
        world.load_bundled_actors(&schema.join("actors.csv"))?;
        world.add_actors(&mut rng)?;
        // Documents need a cast and a town in their country.
        world
            .countries
            .retain(|c| c.actors.len() >= 8 && !c.towns.is_empty());
        if world.countries.len() < 2 {
            return Err(Error::schema(
                blocks_path.display(),
                None,
                "the role blocks (GOV, MIL, REB…) needed for synthetic actors are missing",
            ));
        }
        Ok(world)
    }

    pub fn country_index(&self, code: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.words.code == code)
    }

    /// `DIR/schema/`: the schema's own files, the gazetteer with the synthetic places added,
    /// and the synthetic dictionary. Returns the bytes written.
    pub fn write_schema(&self, from: &Path, to: &Path) -> Result<u64, Error> {
        let mut bytes = 0;
        for dir in ["cameo", "actors", "plover"] {
            let d = to.join(dir);
            std::fs::create_dir_all(&d).map_err(Error::io("create", d.display()))?;
        }
        for rel in [
            "events.schema.json",
            "actors.csv",
            "plover/cameo_plover.csv",
        ] {
            if from.join(rel).exists() {
                bytes += copy(&from.join(rel), &to.join(rel))?;
            }
        }
        if from.join("eventc.json").exists() {
            bytes +=
                settings_without_primary_coder(&from.join("eventc.json"), &to.join("eventc.json"))?;
        }
        let cameo = from.join("cameo");
        let mut tables: Vec<_> = std::fs::read_dir(&cameo)
            .map_err(Error::io("read", cameo.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        tables.sort();
        for p in tables {
            if let Some(name) = p.file_name() {
                bytes += copy(&p, &to.join("cameo").join(name))?;
            }
        }
        bytes += self.write_places(&to.join("places.csv"))?;
        bytes += self.write_dictionary(&to.join("actors/synthetic.csv"))?;
        Ok(bytes)
    }
}

/// The project's settings, less its primary coder: the synthetic records have coders of their
/// own, who must all reach the dataset.
fn settings_without_primary_coder(from: &Path, to: &Path) -> Result<u64, Error> {
    let text = std::fs::read_to_string(from).map_err(Error::io("read", from.display()))?;
    let mut settings: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Error::schema(from.display(), None, e))?;
    if let Some(map) = settings.as_object_mut() {
        map.remove("primary_coder");
    }
    let out = serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n";
    std::fs::write(to, &out).map_err(Error::io("write", to.display()))?;
    Ok(out.len() as u64)
}

fn copy(from: &Path, to: &Path) -> Result<u64, Error> {
    std::fs::copy(from, to).map_err(Error::io("copy", from.display()))
}

pub type CsvFile = csv::Writer<std::io::BufWriter<std::fs::File>>;

pub fn csv_file(path: &Path) -> Result<CsvFile, Error> {
    let f = std::fs::File::create(path).map_err(Error::io("create", path.display()))?;
    Ok(csv::Writer::from_writer(std::io::BufWriter::new(f)))
}

/// Flushes the file and returns its size.
pub fn finish_csv(w: CsvFile, path: &Path) -> Result<u64, Error> {
    let mut inner = w
        .into_inner()
        .map_err(|e| Error::output(path.display(), e.error()))?;
    inner.flush().map_err(Error::io("write", path.display()))?;
    let meta = inner.get_ref().metadata();
    Ok(meta.map_err(Error::io("read", path.display()))?.len())
}
