//! Source documents: `RAW_DIR/documents/<doc_id>.txt`, described by `documents/documents.csv`.
//!
//! `documents.csv` has the columns `doc_id,published,reference_date,language,title,source`.
//! `published` may be partial (`2020`, `2020-02`); `reference_date` is the day the text speaks
//! from, when known, and anchors relative dates such as "la veille".

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::diagnostic::Diagnostic;
use crate::normalize::dates::{parse_partial_iso, DateSpan, Lang};
use crate::normalize::evidence;

#[derive(Debug, Default, Clone)]
pub struct Metadata {
    pub published: Option<DateSpan>,
    pub reference: Option<DateSpan>,
    pub language: Option<Lang>,
    pub title: String,
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

pub struct Documents {
    dir: PathBuf,
    label: String,
    available: HashSet<String>,
    meta: HashMap<String, Metadata>,
    loaded: HashMap<String, Rc<Document>>,
    /// Problems with the metadata file itself, reported once.
    pub notes: Vec<Diagnostic>,
}

pub enum Lookup {
    Found(Rc<Document>),
    Invalid(String),
    Missing,
}

impl Documents {
    pub fn open(raw_dir: &Path, raw_label: &str) -> Result<Self, String> {
        let dir = raw_dir.join("documents");
        let label = format!("{raw_label}/documents");
        let mut available = HashSet::new();
        if dir.is_dir() {
            let entries = std::fs::read_dir(&dir)
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".txt") {
                    if entry.path().is_file() {
                        available.insert(stem.to_string());
                    }
                }
            }
        }
        let mut docs = Documents {
            dir,
            label,
            available,
            meta: HashMap::new(),
            loaded: HashMap::new(),
            notes: Vec::new(),
        };
        docs.read_metadata()?;
        Ok(docs)
    }

    fn read_metadata(&mut self) -> Result<(), String> {
        let path = self.dir.join("documents.csv");
        if !path.exists() {
            return Ok(());
        }
        let file_label = format!("{}/documents.csv", self.label);
        let mut reader =
            csv::Reader::from_path(&path).map_err(|e| format!("cannot read {file_label}: {e}"))?;
        let headers = reader
            .headers()
            .map_err(|e| format!("cannot read {file_label}: {e}"))?
            .clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| crate::read::strip_bom(h) == name)
        };
        let Some(id_col) = col("doc_id") else {
            return Err(format!("{file_label}: no `doc_id` column"));
        };
        let (pub_col, ref_col, lang_col, title_col) = (
            col("published"),
            col("reference_date"),
            col("language"),
            col("title"),
        );
        for row in reader.records() {
            let row = row.map_err(|e| format!("cannot read {file_label}: {e}"))?;
            let line = row.position().map_or(0, |p| p.line());
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim();
            let mut meta = Metadata {
                title: get(title_col).to_string(),
                ..Metadata::default()
            };
            for (field, slot) in [
                ("published", &mut meta.published),
                ("reference_date", &mut meta.reference),
            ] {
                let value = get(if field == "published" {
                    pub_col
                } else {
                    ref_col
                });
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
            self.meta.insert(get(Some(id_col)).to_string(), meta);
        }
        Ok(())
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// Resolve a doc_id to its document. Only names of files directly inside `documents/`
    /// are looked up, so no doc_id can reach outside it.
    pub fn get(&mut self, doc_id: &str) -> Lookup {
        if let Some(doc) = self.loaded.get(doc_id) {
            return Lookup::Found(Rc::clone(doc));
        }
        if let Some(why) = invalid_doc_id(doc_id) {
            return Lookup::Invalid(why);
        }
        if !self.available.contains(doc_id) {
            return Lookup::Missing;
        }
        let path = self.dir.join(format!("{doc_id}.txt"));
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => return Lookup::Invalid(format!("cannot read {}: {e}", path.display())),
        };
        let text = crate::read::strip_bom(&text);
        let doc = Rc::new(Document {
            id: doc_id.to_string(),
            meta: self.meta.get(doc_id).cloned().unwrap_or_default(),
            text: evidence::Document::new(text),
        });
        self.loaded.insert(doc_id.to_string(), Rc::clone(&doc));
        Lookup::Found(doc)
    }

    /// The closest document names, for help on a mistyped doc_id.
    pub fn suggest(&self, doc_id: &str) -> Vec<String> {
        crate::text::closest(doc_id, self.available.iter().map(String::as_str), 3)
    }

    /// Files this run read from the documents folder (metadata and loaded texts).
    pub fn read_paths(&self) -> Vec<(String, PathBuf)> {
        let mut out: Vec<(String, PathBuf)> = self
            .loaded
            .keys()
            .map(|id| {
                (
                    format!("{}/{id}.txt", self.label),
                    self.dir.join(format!("{id}.txt")),
                )
            })
            .collect();
        let meta = self.dir.join("documents.csv");
        if meta.exists() {
            out.push((format!("{}/documents.csv", self.label), meta));
        }
        out.sort();
        out
    }
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
