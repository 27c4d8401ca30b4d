//! The actor dictionary: names and aliases to CAMEO actor codes, bounded in time.
//!
//! Two file formats are read into one [`Dictionary`]:
//!
//! * our CSV, `name,aliases,code,from,to,kind,note` (see [`Dictionary::load_csv`]);
//! * PETRARCH `.actors` files (see [`Dictionary::load_petrarch`]).
//!
//! Names are indexed on [`crate::text::name_key`], so that a lookup is one normalization and one
//! hash lookup. What a name means on a date is `crate::normalize::actors`; whole-dictionary
//! checks are [`Dictionary::lint`].

mod csv;
mod lint;
mod petrarch;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::text::name_key;
use crate::Error;

/// PETRARCH's explicit null code: the name is known and deliberately not coded.
pub const NULL_CODE: &str = "---";

/// An inclusive date interval; `None` is open on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Interval {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Interval {
    pub const ALWAYS: Interval = Interval {
        from: None,
        to: None,
    };

    /// Undated: the default code of an entry.
    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }

    /// The days both intervals cover, if any (`None` bounds stay open).
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        let from = match (self.from, other.from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (from, to) {
            (Some(f), Some(t)) if f > t => None,
            _ => Some(Interval { from, to }),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (None, None) => write!(f, "undated"),
            (Some(a), None) => write!(f, "from {a}"),
            (None, Some(b)) => write!(f, "until {b}"),
            (Some(a), Some(b)) => write!(f, "{a} to {b}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpan {
    pub code: String,
    pub interval: Interval,
    /// Line of the dictionary file where this code is given.
    pub line: usize,
}

impl CodeSpan {
    pub fn is_null(&self) -> bool {
        self.code == NULL_CODE
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Display name: as written in our CSV; for PETRARCH files with `_` made spaces.
    pub name: String,
    pub kind: Option<String>,
    /// Other names, without the ones whose key repeats an earlier name of this actor.
    pub aliases: Vec<String>,
    pub codes: Vec<CodeSpan>,
    pub file: String,
    pub line: usize,
}

impl Actor {
    /// The name at `i`: 0 is the primary name, `i` is alias `i - 1`.
    pub(crate) fn name_at(&self, i: usize) -> &str {
        if i == 0 {
            &self.name
        } else {
            self.aliases.get(i - 1).map_or(&self.name, |s| s.as_str())
        }
    }
}

/// A loaded set of actor dictionaries.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    actors: Vec<Actor>,
    /// key -> (actor, name index), in load order. An actor appears at most once per key.
    index: HashMap<String, Vec<(u32, u32)>>,
    /// Every key once per actor, with its actor, for suggestions.
    names: Vec<(String, u32)>,
    /// Which names share letter triples, built on the first suggestion.
    grams: std::sync::OnceLock<crate::normalize::actors::Grams>,
}

impl Dictionary {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entries (actors).
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// Number of distinct (actor, name key) pairs: names and aliases.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The entries whose names have this key, as (actor, name index), first loaded first.
    pub(crate) fn entries(&self, key: &str) -> Option<&[(u32, u32)]> {
        self.index.get(key).map(Vec::as_slice)
    }

    /// Every name key with its actor, once per actor.
    pub(crate) fn keys(&self) -> &[(String, u32)] {
        &self.names
    }

    /// The triple index of the keys, built once the dictionary is complete.
    pub(crate) fn grams(&self) -> &crate::normalize::actors::Grams {
        self.grams
            .get_or_init(|| crate::normalize::actors::Grams::new(&self.names))
    }

    /// Add an actor, unless none of its names has a non-empty key: that is reported instead.
    fn push(&mut self, mut actor: Actor) -> Option<Diagnostic> {
        let id = self.actors.len() as u32;
        let mut keys: Vec<String> = Vec::new();
        let mut kept = Vec::new();
        let primary = name_key(&actor.name);
        for (i, n) in std::iter::once(actor.name.as_str())
            .chain(actor.aliases.iter().map(|s| s.as_str()))
            .enumerate()
        {
            let k = if i == 0 { primary.clone() } else { name_key(n) };
            if k.is_empty() || keys.contains(&k) {
                continue;
            }
            keys.push(k);
            if i > 0 {
                kept.push(n.to_string());
            }
        }
        if keys.is_empty() {
            return Some(diag(
                "dict-syntax",
                &actor.file,
                actor.line,
                format!(
                    "\"{}\" has no letters or digits to match on; skipped",
                    actor.name
                ),
            ));
        }
        // The primary name must keep index 0; if its key was empty, promote the first alias.
        if primary.is_empty() {
            actor.name = kept.remove(0);
        }
        actor.aliases = kept;
        for (i, k) in keys.into_iter().enumerate() {
            self.index
                .entry(k.clone())
                .or_default()
                .push((id, i as u32));
            self.names.push((k, id));
            self.grams.take();
        }
        self.actors.push(actor);
        None
    }

    /// Load a file by extension: `.csv` is our format, `.txt` and `.actors` are PETRARCH.
    /// `Err` only when the file cannot be read or its kind is unknown.
    pub fn load_path(&mut self, path: &Path) -> Result<Vec<Diagnostic>, Error> {
        let label = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => {
                let f = std::fs::File::open(path).map_err(Error::io("read", &label))?;
                Ok(self.load_csv(&label, std::io::BufReader::new(f)))
            }
            "txt" | "actors" => {
                let bytes = std::fs::read(path).map_err(Error::io("read", &label))?;
                match String::from_utf8(bytes) {
                    Ok(s) => Ok(self.load_petrarch(&label, &s)),
                    Err(e) => {
                        let bad_at = e.utf8_error().valid_up_to();
                        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                        let line = text[..bad_at.min(text.len())].matches('\n').count() + 1;
                        let mut issues = vec![diag(
                            "dict-syntax",
                            &label,
                            line,
                            "file is not valid UTF-8; invalid bytes were replaced by U+FFFD",
                        )
                        .help("re-save the file as UTF-8")];
                        issues.extend(self.load_petrarch(&label, &text));
                        Ok(issues)
                    }
                }
            }
            _ => Err(Error::schema(
                label,
                None,
                "unknown dictionary type (expected .csv, .txt or .actors)",
            )),
        }
    }
}

/// A problem at a line of a dictionary file, with the rule's default severity.
fn diag(rule: &'static str, file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(rule, message).at(file, line as u64)
}

/// Both formats write codes as runs of three capitals, or the null code.
fn code_shape_ok(code: &str) -> bool {
    code == NULL_CODE
        || (!code.is_empty()
            && code.len().is_multiple_of(3)
            && code.bytes().all(|b| b.is_ascii_uppercase()))
}

fn bad_shape_message(code: &str) -> String {
    if code.is_empty() {
        "empty actor code".to_string()
    } else if !code.bytes().all(|b| b.is_ascii_uppercase()) {
        format!("actor code \"{code}\" is not all capital letters")
    } else {
        format!(
            "actor code \"{code}\" has {} letters, not a multiple of three",
            code.len()
        )
    }
}

fn replacement_char_issue(file: &str, line: usize, name: &str) -> Option<Diagnostic> {
    name.contains('\u{FFFD}').then(|| {
        diag(
            "dict-replacement-char",
            file,
            line,
            format!("name \"{name}\" contains U+FFFD, a character lost in an earlier encoding conversion"),
        )
        .help("restore the original letter (often an accented letter or an apostrophe); as it stands the name matches no real text")
    })
}
