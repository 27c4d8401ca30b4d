//! Source documents: `RAW_DIR/documents/<doc_id>.txt`, described by `documents/documents.csv`.
//!
//! `documents.csv` has the columns `doc_id,published,reference_date,language,title,source`.
//! `published` may be partial (`2020`, `2020-02`); `reference_date` is the day the text speaks
//! from, when known, and anchors relative dates such as "la veille".
//!
//! A document's text and its search index are built the first time a batch needs it, shared
//! read-only between the threads that check the batch, and kept in a cache that evicts the
//! least recently used documents beyond a memory budget. What stays for the whole run is small
//! per document, about 150 bytes: its name, its metadata and, once read, its digest for the
//! report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::InputDigest;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::normalize::dates::{parse_partial_iso, DateSpan, Lang};
use crate::normalize::evidence;

/// Memory the cache of document texts and indexes may hold, beyond the documents the current
/// batch needs.
pub const DEFAULT_BUDGET: usize = 64 << 20;

#[derive(Debug, Default, Clone)]
pub struct Metadata {
    pub published: Option<DateSpan>,
    pub reference: Option<DateSpan>,
    pub language: Option<Lang>,
    /// `documents.csv` gives the document more than one row: where, for the records citing it.
    pub conflict: Option<String>,
}

pub struct Document {
    pub id: String,
    pub meta: Metadata,
    pub text: evidence::Document,
}

impl Document {
    /// The date relative expressions are resolved against: the reference day, else publication.
    pub fn anchor(&self) -> Option<DateSpan> {
        self.meta.reference.or(self.meta.published)
    }
}

/// What a doc_id names.
#[derive(Clone)]
pub enum Lookup {
    Found(Arc<Document>),
    /// Not a name a document can have, or a file that cannot be read: why.
    Invalid(String),
    /// No such document; the closest names, for help.
    Missing(Vec<String>),
    /// The file is there but cannot be used (a link out of the raw folder, not UTF-8): why.
    Unusable(String),
}

/// The documents one batch needs, looked up before the batch is checked: checking then reads
/// them without locks or I/O.
#[derive(Default)]
pub struct DocSet {
    found: HashMap<String, Lookup>,
    /// `raw/documents`, as shown in messages.
    pub label: String,
}

impl DocSet {
    pub fn get(&self, doc_id: &str) -> Option<&Lookup> {
        self.found.get(doc_id)
    }
}

/// A document read and indexed, with its size and SHA-256; or why it cannot be used, with the
/// note to report once.
type Loaded = Result<(Document, (u64, [u8; 32])), (String, Option<Box<Diagnostic>>)>;

struct Cached {
    doc: Arc<Document>,
    bytes: usize,
    last_used: u64,
}

pub struct Documents {
    dir: PathBuf,
    /// The raw folder, which documents may not leave unless links are followed.
    root: PathBuf,
    follow_links: bool,
    label: String,
    /// Names of the `.txt` files, sorted, for lookups and suggestions; the two vectors below
    /// are indexed alike.
    available: Vec<String>,
    meta: Vec<Metadata>,
    /// Size and SHA-256 of each document read so far.
    digests: Vec<Option<(u64, [u8; 32])>>,
    /// Why each document that could not be used was refused, so it is reported once.
    unusable: Vec<Option<Box<str>>>,
    /// `documents.csv`, when there is one.
    metadata_digest: Option<InputDigest>,
    cache: HashMap<String, Cached>,
    cached_bytes: usize,
    budget: usize,
    clock: u64,
    /// Problems with the metadata file itself, reported once.
    pub notes: Vec<Diagnostic>,
}

impl Documents {
    pub fn open(
        raw_dir: &Path,
        raw_label: &str,
        budget: usize,
        follow_links: bool,
    ) -> Result<Self, Error> {
        let dir = raw_dir.join("documents");
        let label = format!("{raw_label}/documents");
        let mut available = Vec::new();
        if dir.is_dir() {
            for entry in std::fs::read_dir(&dir).map_err(Error::io("list", &label))? {
                let entry = entry.map_err(Error::io("list", &label))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".txt") {
                    if entry.path().is_file() {
                        available.push(stem.to_string());
                    }
                }
            }
        }
        available.sort();
        let mut docs = Documents {
            dir,
            root: raw_dir.to_path_buf(),
            follow_links,
            label,
            meta: vec![Metadata::default(); available.len()],
            digests: vec![None; available.len()],
            unusable: vec![None; available.len()],
            available,
            metadata_digest: None,
            cache: HashMap::new(),
            cached_bytes: 0,
            budget,
            clock: 0,
            notes: Vec::new(),
        };
        docs.read_metadata()?;
        Ok(docs)
    }

    fn read_metadata(&mut self) -> Result<(), Error> {
        let path = self.dir.join("documents.csv");
        let file_label = format!("{}/documents.csv", self.label);
        if std::fs::symlink_metadata(&path).is_err() {
            if !self.available.is_empty() {
                self.notes.push(
                    Diagnostic::new(
                        "document-metadata",
                        "no documents.csv: the documents have no publication date or language",
                    )
                    .at(&file_label, 1)
                    .help("relative dates (`la veille`) cannot be resolved without a document's date; add documents.csv with the columns doc_id,published,reference_date,language,title,source"),
                );
            }
            return Ok(());
        }
        if let Err(refused) = super::links::check(&path, &self.root, self.follow_links) {
            let root = super::raw_label(&self.root);
            self.notes
                .push(super::refused_note(&refused, &file_label, &root));
            return Ok(());
        }
        let bytes = std::fs::read(&path).map_err(Error::io("read", &file_label))?;
        self.metadata_digest = Some(InputDigest {
            label: file_label.clone(),
            bytes: bytes.len() as u64,
            sha256: Sha256::digest(&bytes).into(),
        });
        let unreadable = |e: csv::Error| Error::input(&file_label, None, e);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers = reader.headers().map_err(unreadable)?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| crate::read::strip_bom(h) == name)
        };
        let Some(id_col) = col("doc_id") else {
            return Err(Error::input(&file_label, Some(1), "no `doc_id` column"));
        };
        let names: Vec<String> = headers
            .iter()
            .map(|h| crate::read::strip_bom(h).trim().to_string())
            .collect();
        if let Some(d) = super::repeated_column(&names, &file_label) {
            self.notes.push(d);
        }
        // The line of each document's row, to name both rows of a repeated doc_id.
        let mut row_line = vec![0u64; self.available.len()];
        let (pub_col, ref_col, lang_col) =
            (col("published"), col("reference_date"), col("language"));
        for row in reader.records() {
            let row = row.map_err(unreadable)?;
            let line = row.position().map_or(0, |p| p.line());
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim();
            let mut meta = Metadata::default();
            for (field, col, slot) in [
                ("published", pub_col, &mut meta.published),
                ("reference_date", ref_col, &mut meta.reference),
            ] {
                let value = get(col);
                if value.is_empty() {
                    continue;
                }
                match parse_partial_iso(value) {
                    Some(span) => *slot = Some(span),
                    None => self.notes.push(
                        Diagnostic::new(
                            "document-metadata",
                            format!("`{value}` is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                        )
                        .at(&file_label, line)
                        .field(field, value),
                    ),
                }
            }
            meta.language = match get(lang_col).to_ascii_lowercase().as_str() {
                "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
                "en" | "eng" | "english" => Some(Lang::En),
                _ => None,
            };
            // Rows for documents that are not in the folder are of no use to any record.
            let id = get(Some(id_col));
            let Some(i) = self.index_of(id) else { continue };
            if row_line[i] != 0 {
                let message = format!(
                    "doc_id `{id}` has rows on lines {} and {line} of {file_label}: which metadata is meant is unclear",
                    row_line[i]
                );
                self.notes.push(
                    Diagnostic::new("duplicate-key", &message)
                        .at(&file_label, line)
                        .field("doc_id", id)
                        .help("keep one row per document"),
                );
                self.meta[i].conflict = Some(message);
                continue;
            }
            row_line[i] = line;
            self.meta[i] = meta;
        }
        Ok(())
    }

    /// Look up every document the batch names, loading (in parallel) those not in the cache.
    pub fn prepare<'a>(&mut self, ids: impl Iterator<Item = &'a str>) -> DocSet {
        self.clock += 1;
        let mut set = DocSet {
            found: HashMap::new(),
            label: self.label.clone(),
        };
        let mut to_load: Vec<&str> = Vec::new();
        let mut asked = std::collections::HashSet::new();
        for id in ids {
            if id.is_empty() || !asked.insert(id) {
                continue;
            }
            let lookup = if let Some(c) = self.cache.get_mut(id) {
                c.last_used = self.clock;
                Lookup::Found(Arc::clone(&c.doc))
            } else if let Some(why) = self.index_of(id).and_then(|i| self.unusable[i].as_deref()) {
                Lookup::Unusable(why.to_string())
            } else if let Some(why) = invalid_doc_id(id) {
                Lookup::Invalid(why)
            } else if self
                .available
                .binary_search_by(|n| n.as_str().cmp(id))
                .is_err()
            {
                Lookup::Missing(self.suggest(id))
            } else {
                to_load.push(id);
                continue;
            };
            set.found.insert(id.to_string(), lookup);
        }
        let loaded: Vec<(String, Loaded)> = to_load
            .into_par_iter()
            .map(|id| (id.to_string(), self.load(id)))
            .collect();
        for (id, got) in loaded {
            let lookup = match got {
                Ok((doc, digest)) => {
                    let doc = Arc::new(doc);
                    let bytes = weight(&doc);
                    if let Some(i) = self.index_of(&id) {
                        self.digests[i] = Some(digest);
                    }
                    self.cached_bytes += bytes;
                    self.cache.insert(
                        id.clone(),
                        Cached {
                            doc: Arc::clone(&doc),
                            bytes,
                            last_used: self.clock,
                        },
                    );
                    Lookup::Found(doc)
                }
                Err((why, note)) => {
                    if let Some(i) = self.index_of(&id) {
                        self.unusable[i] = Some(why.as_str().into());
                    }
                    self.notes.extend(note.map(|n| *n));
                    Lookup::Unusable(why)
                }
            };
            set.found.insert(id, lookup);
        }
        self.evict();
        set
    }

    /// Read and index one document; runs on any thread.
    fn load(&self, id: &str) -> Loaded {
        let path = self.dir.join(format!("{id}.txt"));
        let file = format!("{}/{id}.txt", self.label);
        if let Err(refused) = super::links::check(&path, &self.root, self.follow_links) {
            let root = super::raw_label(&self.root);
            return Err((format!("{file}: {}", refused.describe(&root)), None));
        }
        let bytes = std::fs::read(&path).map_err(|e| (format!("cannot read {file}: {e}"), None))?;
        let digest = (bytes.len() as u64, Sha256::digest(&bytes).into());
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                let note = super::not_utf8_note(&file, &bytes, e.valid_up_to());
                let why = format!("{file} is not UTF-8, so the quote cannot be checked");
                return Err((why, Some(Box::new(note))));
            }
        };
        let doc = Document {
            id: id.to_string(),
            meta: self
                .index_of(id)
                .map(|i| self.meta[i].clone())
                .unwrap_or_default(),
            text: evidence::Document::new(crate::read::strip_bom(text)),
        };
        Ok((doc, digest))
    }

    /// Drop the least recently used documents until the cache fits its budget. Documents the
    /// current batch holds stay alive through its `DocSet` until the batch is checked.
    fn evict(&mut self) {
        if self.cached_bytes <= self.budget {
            return;
        }
        let mut by_age: Vec<(u64, String)> = self
            .cache
            .iter()
            .map(|(id, c)| (c.last_used, id.clone()))
            .collect();
        by_age.sort();
        for (_, id) in by_age {
            if self.cached_bytes <= self.budget {
                break;
            }
            if let Some(c) = self.cache.remove(&id) {
                self.cached_bytes -= c.bytes;
            }
        }
    }

    /// The closest document names, for help on a mistyped doc_id. In a large collection only
    /// the names that sort near it are compared, which finds typos past the first characters.
    fn suggest(&self, doc_id: &str) -> Vec<String> {
        const NEAR: usize = 64;
        let at = self.available.partition_point(|n| n.as_str() < doc_id);
        let from = at.saturating_sub(NEAR);
        let to = (at + NEAR).min(self.available.len());
        crate::text::closest(
            doc_id,
            self.available[from..to].iter().map(String::as_str),
            3,
        )
    }

    /// Where a document is in the sorted list of names.
    fn index_of(&self, id: &str) -> Option<usize> {
        self.available.binary_search_by(|n| n.as_str().cmp(id)).ok()
    }

    /// Files this run read from the documents folder (metadata and texts), sorted.
    pub fn digests(&self) -> impl Iterator<Item = InputDigest> + '_ {
        let texts = self
            .available
            .iter()
            .zip(&self.digests)
            .filter_map(|(id, d)| {
                d.map(|(bytes, sha256)| InputDigest {
                    label: format!("{}/{id}.txt", self.label),
                    bytes,
                    sha256,
                })
            });
        // `documents.csv` takes its place among the texts by its name.
        let mut csv = self.metadata_digest.clone();
        let mut texts = texts.peekable();
        std::iter::from_fn(move || match (&csv, texts.peek()) {
            (Some(m), Some(t)) if t.label < m.label => texts.next(),
            (Some(_), _) => csv.take(),
            (None, _) => texts.next(),
        })
    }
}

/// Memory a cached document holds: its text and search index.
fn weight(doc: &Document) -> usize {
    doc.text.heap_bytes() + doc.id.len() + 64
}

fn invalid_doc_id(id: &str) -> Option<String> {
    if id.contains('/') || id.contains('\\') || id.contains("..") {
        return Some(
            "a doc_id names a file inside documents/ and cannot contain `/`, `\\` or `..`".into(),
        );
    }
    if id.starts_with('.') || id.chars().any(|c| c.is_control()) {
        return Some("a doc_id cannot start with `.` or contain control characters".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("eventc-docs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("documents")).unwrap();
        for id in ["a", "b", "c"] {
            let text = format!("Le document {id} dit ceci.\n").repeat(40);
            std::fs::write(dir.join(format!("documents/{id}.txt")), text).unwrap();
        }
        dir
    }

    fn found(set: &DocSet, id: &str) -> Arc<Document> {
        match set.get(id) {
            Some(Lookup::Found(d)) => Arc::clone(d),
            _ => panic!("{id} not found"),
        }
    }

    #[test]
    fn the_cache_keeps_to_its_budget_and_reloads_what_it_dropped() {
        let dir = folder("budget");
        let mut docs = Documents::open(&dir, "raw", 1, false).unwrap();
        let set = docs.prepare(["a", "b", "a"].into_iter());
        // The batch holds its documents even though the cache could keep none of them.
        assert_eq!(found(&set, "a").id, "a");
        assert_eq!(found(&set, "b").id, "b");
        assert!(docs.cache.is_empty() && docs.cached_bytes == 0);
        let again = docs.prepare(["a"].into_iter());
        assert!(!Arc::ptr_eq(&found(&set, "a"), &found(&again, "a")));
        // Each file is listed once among the inputs, however often it was loaded.
        let labels: Vec<String> = docs.digests().map(|d| d.label).collect();
        assert_eq!(labels, ["raw/documents/a.txt", "raw/documents/b.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn within_budget_documents_are_shared_and_the_oldest_go_first() {
        let dir = folder("lru");
        let mut docs = Documents::open(&dir, "raw", usize::MAX, false).unwrap();
        let first = docs.prepare(["a", "b"].into_iter());
        let second = docs.prepare(["a", "zz", "../x"].into_iter());
        assert!(Arc::ptr_eq(&found(&first, "a"), &found(&second, "a")));
        assert!(matches!(second.get("zz"), Some(Lookup::Missing(_))));
        assert!(matches!(second.get("../x"), Some(Lookup::Invalid(_))));
        // Room for two: loading c drops b, used longer ago than a.
        let one = docs.cache["a"].bytes;
        docs.budget = 2 * one + one / 2;
        docs.prepare(["c"].into_iter());
        let mut kept: Vec<&String> = docs.cache.keys().collect();
        kept.sort();
        assert_eq!(kept, ["a", "c"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
