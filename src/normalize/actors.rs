//! Actor names: normalization, dictionaries, date-bounded lookup, suggestions and lint.
//!
//! Two dictionary formats are read into one [`Dictionary`]:
//!
//! * our CSV, `name,aliases,code,from,to,kind,note`: one row per (actor, code interval); rows with
//!   the same `name` in one file are one actor; `aliases` is `|`-separated and unioned over the
//!   actor's rows; `from`/`to` are inclusive ISO dates, empty for open; a row with neither code nor
//!   dates only adds aliases;
//! * PETRARCH `.actors` files (see [`Dictionary::load_petrarch`]).
//!
//! Names are matched on [`key`]: one normalization and one hash lookup per name.
//!
//! Which code applies on a date: among the dated codes whose interval contains the event's start
//! (its end when it has no start), the one that started last wins, whatever the file order. This
//! makes the hand-over day shared by two PETRARCH intervals (`[USAELI 640101-010120]`,
//! `[USAGOV 010120-090120]`) go to the new office. With no dated code covering the date, the
//! default (undated) code applies; several defaults: the last one, as PETRARCH replaces them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};

use crate::codebook::actor_code::ActorBlocks;
pub use crate::rules::Severity;
pub use crate::text::name_key as key;

/// PETRARCH's explicit null code: the name is known and deliberately not coded.
pub const NULL_CODE: &str = "---";

/// Similarity floor for suggestions (Jaro-Winkler on keys).
const SUGGEST_FLOOR: f64 = 0.88;

/// An open-ended government term that started this long before the newest date in the
/// dictionary is probably over.
const OPEN_TERM_YEARS: i32 = 10;

// ---------------------------------------------------------------------------------------------
// Normalization

// ---------------------------------------------------------------------------------------------
// Data types

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
    fn name_at(&self, i: usize) -> &str {
        if i == 0 {
            &self.name
        } else {
            self.aliases.get(i - 1).map_or(&self.name, |s| s.as_str())
        }
    }
}

/// A problem in a dictionary file. Rules:
/// `dict-syntax`, `dict-bad-date`, `dict-bad-code`, `dict-replacement-char`, `dict-no-code`,
/// `dict-kind-conflict` (at load time); `dict-bad-code`, `dict-overlap`, `dict-gap`,
/// `dict-duplicate-name`, `dict-open-term` (from [`Dictionary::lint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictIssue {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for DictIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.severity.as_str(),
            self.rule,
            self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

fn issue(
    rule: &'static str,
    severity: Severity,
    file: &str,
    line: usize,
    message: String,
    help: Option<String>,
) -> DictIssue {
    DictIssue {
        rule,
        severity,
        file: file.to_string(),
        line,
        message,
        help,
    }
}

/// What a name means on a date.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution<'a> {
    Resolved {
        actor: &'a Actor,
        /// May be [`NULL_CODE`]: the dictionary says the name is not coded on that date.
        code: String,
        /// The name or alias that matched, as written in the dictionary.
        via: String,
        interval: Interval,
        /// Dictionary line of the code.
        line: usize,
        /// The event's interval runs past the chosen code's interval (a partial date spanning
        /// two codes); the code covering the start was chosen.
        partial: bool,
        /// Other dictionary entries with the same name, ignored (the first loaded wins).
        others: usize,
    },
    /// The name is known but no code covers the date (or no date was given and the entry has no
    /// undated default).
    Uncovered {
        actor: &'a Actor,
        via: String,
        intervals: Vec<CodeSpan>,
    },
    /// Unknown name, with the closest known names and their similarity.
    Unknown { suggestions: Vec<(String, f64)> },
}

/// A loaded set of actor dictionaries.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    actors: Vec<Actor>,
    /// key -> (actor, name index), in load order.
    index: HashMap<String, Vec<(u32, u32)>>,
    /// Every key once per actor, for suggestions.
    names: Vec<(String, u32, u32)>,
}

// ---------------------------------------------------------------------------------------------
// Building

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

fn replacement_char_issue(file: &str, line: usize, name: &str) -> Option<DictIssue> {
    name.contains('\u{FFFD}').then(|| {
        issue(
            "dict-replacement-char",
            Severity::Warning,
            file,
            line,
            format!("name \"{name}\" contains U+FFFD, a character lost in an earlier encoding conversion"),
            Some("restore the original letter (often an accented letter or an apostrophe); as it stands the name matches no real text".into()),
        )
    })
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

    /// Add an actor; returns false (and adds nothing) if none of its names has a non-empty key.
    fn push(&mut self, mut actor: Actor) -> bool {
        let id = self.actors.len() as u32;
        let mut keys: Vec<String> = Vec::new();
        let mut kept = Vec::new();
        let primary = key(&actor.name);
        for (i, n) in std::iter::once(actor.name.as_str())
            .chain(actor.aliases.iter().map(|s| s.as_str()))
            .enumerate()
        {
            let k = if i == 0 { primary.clone() } else { key(n) };
            if k.is_empty() || keys.contains(&k) {
                continue;
            }
            keys.push(k);
            if i > 0 {
                kept.push(n.to_string());
            }
        }
        if keys.is_empty() {
            return false;
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
            self.names.push((k, id, i as u32));
        }
        self.actors.push(actor);
        true
    }

    /// Load our CSV format. Rows with errors are skipped and reported.
    pub fn load_csv(&mut self, path_label: &str, reader: impl Read) -> Vec<DictIssue> {
        let file = path_label;
        let mut issues = Vec::new();
        let mut rd = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(reader);
        let headers = match rd.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                issues.push(issue(
                    "dict-syntax",
                    Severity::Error,
                    file,
                    1,
                    format!("cannot read the header: {e}"),
                    None,
                ));
                return issues;
            }
        };
        let col = |n: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(n))
        };
        let (Some(ni), Some(ci)) = (col("name"), col("code")) else {
            issues.push(issue(
                "dict-syntax",
                Severity::Error,
                file,
                1,
                "the header lacks a `name` or `code` column".into(),
                Some("expected columns: name,aliases,code,from,to,kind,note".into()),
            ));
            return issues;
        };
        let (ai, fi, ti, ki) = (col("aliases"), col("from"), col("to"), col("kind"));

        // name -> actor under construction, in first-appearance order.
        let mut order: Vec<Actor> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for row in rd.records() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                    issues.push(issue(
                        "dict-syntax",
                        Severity::Error,
                        file,
                        line,
                        format!("unreadable row: {e}"),
                        None,
                    ));
                    if fatal {
                        break;
                    }
                    continue;
                }
            };
            let line = row.position().map_or(0, |p| p.line() as usize);
            let get = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
            if row.iter().all(str::is_empty) {
                continue;
            }
            let name = get(Some(ni));
            if name.is_empty() {
                issues.push(issue(
                    "dict-syntax",
                    Severity::Error,
                    file,
                    line,
                    "row has no name; skipped".into(),
                    None,
                ));
                continue;
            }
            let code = get(Some(ci));
            let (from_s, to_s) = (get(fi), get(ti));
            let mut bad = false;
            let mut date = |s: &str, col: &str| -> Option<NaiveDate> {
                if s.is_empty() {
                    return None;
                }
                match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        issues.push(issue(
                            "dict-bad-date",
                            Severity::Error,
                            file,
                            line,
                            format!("`{col}` \"{s}\" for {name} is not a date; row skipped"),
                            Some("write dates as YYYY-MM-DD, or leave the cell empty for an open end".into()),
                        ));
                        bad = true;
                        None
                    }
                }
            };
            let from = date(from_s, "from");
            let to = date(to_s, "to");
            if bad {
                continue;
            }
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    issues.push(issue(
                        "dict-bad-date",
                        Severity::Error,
                        file,
                        line,
                        format!("interval of {code} for {name} ends ({t}) before it starts ({f}); row skipped"),
                        None,
                    ));
                    continue;
                }
            }
            let alias_only = code.is_empty() && from.is_none() && to.is_none();
            if !alias_only && !code_shape_ok(code) {
                issues.push(issue(
                    "dict-bad-code",
                    Severity::Error,
                    file,
                    line,
                    format!("{} for {name}; row skipped", bad_shape_message(code)),
                    None,
                ));
                continue;
            }

            let aliases: Vec<String> = get(ai)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            for n in std::iter::once(name).chain(aliases.iter().map(|s| s.as_str())) {
                issues.extend(replacement_char_issue(file, line, n));
            }
            let idx = *by_name.entry(name.to_string()).or_insert_with(|| {
                order.push(Actor {
                    name: name.to_string(),
                    kind: None,
                    aliases: Vec::new(),
                    codes: Vec::new(),
                    file: file.to_string(),
                    line,
                });
                order.len() - 1
            });
            let actor = &mut order[idx];
            for a in aliases {
                if !actor.aliases.contains(&a) {
                    actor.aliases.push(a);
                }
            }
            let kind = get(ki);
            if !kind.is_empty() {
                match &actor.kind {
                    None => actor.kind = Some(kind.to_string()),
                    Some(k) if k != kind => issues.push(issue(
                        "dict-kind-conflict",
                        Severity::Warning,
                        file,
                        line,
                        format!("{name} is kind \"{k}\" on line {} but \"{kind}\" here; the first is kept", actor.line),
                        None,
                    )),
                    Some(_) => {}
                }
            }
            if !alias_only {
                actor.codes.push(CodeSpan {
                    code: code.to_string(),
                    interval: Interval { from, to },
                    line,
                });
            }
        }
        for a in order {
            let (line, name) = (a.line, a.name.clone());
            if a.codes.is_empty() {
                issues.push(issue(
                    "dict-no-code",
                    Severity::Warning,
                    file,
                    line,
                    format!("{name} has no code on any row"),
                    Some(
                        "a name without a code resolves to nothing; add a row with its code".into(),
                    ),
                ));
            }
            if !self.push(a) {
                issues.push(issue(
                    "dict-syntax",
                    Severity::Error,
                    file,
                    line,
                    format!("\"{name}\" has no letters or digits to match on; skipped"),
                    None,
                ));
            }
        }
        issues
    }

    /// Load a PETRARCH actor dictionary.
    ///
    /// Grammar: an entry is a primary line (`PHRASE [CODE ...] ...`), `+PHRASE` synonym lines,
    /// then tab-indented `[CODE]`, `[CODE >DATE]`, `[CODE <DATE]`, `[CODE DATE-DATE]` lines.
    /// Code blocks on the primary line are read like restriction lines. `_` is a space (a trailing
    /// one is dropped); `#` starts a comment anywhere; `<!-- -->` comments may span lines; a line
    /// starting `<!` is a comment; `;` ends a phrase; `---STOP---` ends the file; `[---]` is the
    /// null code. Dates are YYYYMMDD or YYMMDD (YY up to 30 is 20YY, else 19YY), spaces inside a
    /// restriction are ignored, bounds are inclusive.
    ///
    /// Dirty input is reported, never guessed at: a date that is neither 6 nor 8 digits, or that
    /// does not exist, drops that one restriction (`dict-bad-date`, with how PETRARCH would read
    /// it); a malformed code drops its block (`dict-bad-code`). An entry with no code block at
    /// all takes the codes of the next entry that has some, as in PETRARCH2, with a warning
    /// (`dict-no-code`); at the end of the file it stays a known name without a code.
    pub fn load_petrarch(&mut self, path_label: &str, text: &str) -> Vec<DictIssue> {
        let file = path_label;
        let mut issues = Vec::new();
        let mut cur: Option<PetrEntry> = None;
        let mut pending: Vec<PetrEntry> = Vec::new();
        let mut in_comment = false;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            if !in_comment && raw.starts_with("<!") && !raw.starts_with("<!--") {
                continue;
            }
            let content = strip_comments(raw, &mut in_comment);
            if content.trim().is_empty() {
                continue;
            }
            if content.contains("---STOP---") {
                break;
            }
            let trimmed = content.trim();
            if content.starts_with('\t') || trimmed.starts_with('[') {
                let Some(entry) = cur.as_mut() else {
                    issues.push(issue(
                        "dict-syntax",
                        Severity::Error,
                        file,
                        line,
                        "code line before any actor name; skipped".into(),
                        None,
                    ));
                    continue;
                };
                entry.any_block |= trimmed.contains('[');
                parse_blocks(
                    trimmed,
                    file,
                    line,
                    &entry.name,
                    &mut entry.codes,
                    &mut issues,
                );
            } else if let Some(syn) = trimmed.strip_prefix('+') {
                let Some(entry) = cur.as_mut() else {
                    issues.push(issue(
                        "dict-syntax",
                        Severity::Error,
                        file,
                        line,
                        "synonym line before any actor name; skipped".into(),
                        None,
                    ));
                    continue;
                };
                let phrase_part = syn.split(';').next().unwrap_or("");
                let phrase_part = match phrase_part.find('[') {
                    Some(p) => {
                        issues.push(issue(
                            "dict-syntax",
                            Severity::Warning,
                            file,
                            line,
                            "codes on a synonym line are ignored; synonyms share the codes of their entry".into(),
                            Some("put the codes on the entry's own lines, or make this a separate entry".into()),
                        ));
                        &phrase_part[..p]
                    }
                    None => phrase_part,
                };
                let name = phrase(phrase_part);
                if name.is_empty() {
                    continue;
                }
                issues.extend(replacement_char_issue(file, line, &name));
                entry.aliases.push(name);
            } else {
                if let Some(done) = cur.take() {
                    self.finish_petr(done, &mut pending, file, &mut issues);
                }
                let (head, codes_part) = match content.find('[') {
                    Some(p) => (&content[..p], &content[p..]),
                    None => (content.as_str(), ""),
                };
                let name = phrase(head.split(';').next().unwrap_or(""));
                if name.is_empty() {
                    issues.push(issue(
                        "dict-syntax",
                        Severity::Error,
                        file,
                        line,
                        "line has codes but no actor name; skipped".into(),
                        None,
                    ));
                    continue;
                }
                issues.extend(replacement_char_issue(file, line, &name));
                let mut entry = PetrEntry {
                    name,
                    aliases: Vec::new(),
                    codes: Vec::new(),
                    line,
                    any_block: !codes_part.is_empty(),
                };
                parse_blocks(
                    codes_part,
                    file,
                    line,
                    &entry.name,
                    &mut entry.codes,
                    &mut issues,
                );
                cur = Some(entry);
            }
        }
        if let Some(done) = cur.take() {
            self.finish_petr(done, &mut pending, file, &mut issues);
        }
        self.flush_pending(&mut pending, file, &mut issues);
        issues
    }

    /// Close an entry. An entry without any code block waits in `pending` and joins the next
    /// entry that has codes, as in PETRARCH2 (real files use this for lists of names whose `+`
    /// was forgotten); the first waiting name becomes the display name.
    fn finish_petr(
        &mut self,
        e: PetrEntry,
        pending: &mut Vec<PetrEntry>,
        file: &str,
        issues: &mut Vec<DictIssue>,
    ) {
        if e.codes.is_empty() && !e.any_block {
            pending.push(e);
            return;
        }
        let mut waiting = std::mem::take(pending);
        for p in &waiting {
            issues.push(issue(
                "dict-no-code",
                Severity::Warning,
                file,
                p.line,
                format!(
                    "{} has no code; as in PETRARCH2, its names take the codes of the next entry, {} (line {})",
                    p.name, e.name, e.line
                ),
                Some("if they are the same actor, make these names `+` synonyms; otherwise give this entry its own code, or [---]".into()),
            ));
        }
        let merged = if waiting.is_empty() {
            e
        } else {
            let mut first = waiting.remove(0);
            for p in waiting {
                first.aliases.push(p.name);
                first.aliases.extend(p.aliases);
            }
            first.aliases.push(e.name);
            first.aliases.extend(e.aliases);
            first.codes = e.codes;
            first
        };
        self.add_petr(merged, file, issues);
    }

    /// Entries still without code at the end of the file stay known names without a code.
    fn flush_pending(
        &mut self,
        pending: &mut Vec<PetrEntry>,
        file: &str,
        issues: &mut Vec<DictIssue>,
    ) {
        for p in std::mem::take(pending) {
            issues.push(issue(
                "dict-no-code",
                Severity::Warning,
                file,
                p.line,
                format!("{} has no code", p.name),
                Some("a name without a code resolves to nothing; add a code, or [---] if the name should not be coded".into()),
            ));
            self.add_petr(p, file, issues);
        }
    }

    fn add_petr(&mut self, e: PetrEntry, file: &str, issues: &mut Vec<DictIssue>) {
        let (name, line) = (e.name.clone(), e.line);
        let added = self.push(Actor {
            name: e.name,
            kind: None,
            aliases: e.aliases,
            codes: e.codes,
            file: file.to_string(),
            line: e.line,
        });
        if !added {
            issues.push(issue(
                "dict-syntax",
                Severity::Error,
                file,
                line,
                format!("\"{name}\" has no letters or digits to match on; skipped"),
                None,
            ));
        }
    }

    /// Load a file by extension: `.csv` is our format, `.txt` and `.actors` are PETRARCH.
    /// `Err` only when the file cannot be read or its kind is unknown.
    pub fn load_path(&mut self, path: &Path) -> Result<Vec<DictIssue>, String> {
        let label = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => {
                let f =
                    std::fs::File::open(path).map_err(|e| format!("cannot read {label}: {e}"))?;
                Ok(self.load_csv(&label, std::io::BufReader::new(f)))
            }
            "txt" | "actors" => {
                let bytes = std::fs::read(path).map_err(|e| format!("cannot read {label}: {e}"))?;
                match String::from_utf8(bytes) {
                    Ok(s) => Ok(self.load_petrarch(&label, &s)),
                    Err(e) => {
                        let bad_at = e.utf8_error().valid_up_to();
                        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                        let line = text[..bad_at.min(text.len())].matches('\n').count() + 1;
                        let mut issues = vec![issue(
                            "dict-syntax",
                            Severity::Error,
                            &label,
                            line,
                            "file is not valid UTF-8; invalid bytes were replaced by U+FFFD".into(),
                            Some("re-save the file as UTF-8".into()),
                        )];
                        issues.extend(self.load_petrarch(&label, &text));
                        Ok(issues)
                    }
                }
            }
            _ => Err(format!(
                "{label}: unknown dictionary type (expected .csv, .txt or .actors)"
            )),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Lookup

    /// What `name` means for an event dated `start..=end` (either may be missing).
    pub fn resolve(
        &self,
        name: &str,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    ) -> Resolution<'_> {
        let Some(hits) = self.index.get(&key(name)) else {
            return Resolution::Unknown {
                suggestions: self.suggest(name, 5),
            };
        };
        let (ai, ni) = hits[0];
        let actor = &self.actors[ai as usize];
        let via = actor.name_at(ni as usize).to_string();
        let others = hits
            .iter()
            .filter(|(a, _)| *a != ai)
            .map(|(a, _)| *a)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let day = start.or(end);
        let dated = day.and_then(|d| {
            actor
                .codes
                .iter()
                .filter(|s| !s.interval.is_always() && s.interval.contains(d))
                .max_by(|a, b| {
                    a.interval
                        .from
                        .cmp(&b.interval.from)
                        .then(a.line.cmp(&b.line))
                })
        });
        let span = dated.or_else(|| actor.codes.iter().rev().find(|s| s.interval.is_always()));
        match span {
            Some(s) => Resolution::Resolved {
                actor,
                code: s.code.clone(),
                via,
                interval: s.interval,
                line: s.line,
                partial: match (day, end) {
                    (Some(_), Some(e)) => !s.interval.contains(e),
                    _ => false,
                },
                others,
            },
            None => Resolution::Uncovered {
                actor,
                via,
                intervals: actor.codes.clone(),
            },
        }
    }

    /// Up to `n` known names closest to `name` (Jaro-Winkler on keys, also against runs of as
    /// many words as the query has, so "Erdogn" finds "Recep Tayyip Erdogan"), best first, one
    /// per entry, only above a similarity floor. Each is the entry's primary name.
    pub fn suggest(&self, name: &str, n: usize) -> Vec<(String, f64)> {
        let q = key(name);
        if q.is_empty() || n == 0 {
            return Vec::new();
        }
        let qwords = q.split(' ').count();
        let mut best: HashMap<u32, f64> = HashMap::new();
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        for (k, ai, _) in &self.names {
            let mut s = strsim::jaro_winkler(&q, k);
            if s < 1.0 {
                bounds.clear();
                let mut start = 0;
                for (i, b) in k.bytes().enumerate() {
                    if b == b' ' {
                        bounds.push((start, i));
                        start = i + 1;
                    }
                }
                bounds.push((start, k.len()));
                if bounds.len() > qwords {
                    for w in bounds.windows(qwords) {
                        let sub = &k[w[0].0..w[qwords - 1].1];
                        // A partial match ranks below an equally close whole-name match.
                        s = s.max(0.95 * strsim::jaro_winkler(&q, sub));
                    }
                }
            }
            if s >= SUGGEST_FLOOR {
                let e = best.entry(*ai).or_insert(0.0);
                *e = e.max(s);
            }
        }
        let mut scored: Vec<(f64, u32)> = best.into_iter().map(|(a, s)| (s, a)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<(String, f64)> = Vec::new();
        for (s, a) in scored {
            let nm = &self.actors[a as usize].name;
            if out.iter().any(|(o, _)| o == nm) {
                continue;
            }
            out.push((nm.clone(), (s * 1000.0).round() / 1000.0));
            if out.len() == n {
                break;
            }
        }
        out
    }

    // -----------------------------------------------------------------------------------------
    // Lint

    /// Whole-dictionary checks: codes against the grammar (when `blocks` is given), overlapping
    /// codes of one entry, gaps between an entry's dated codes, a name used by entries with
    /// different codes, and open-ended government terms that probably ended.
    ///
    /// Two intervals sharing only their boundary day (one ends the day the next starts) are the
    /// usual way PETRARCH files write a hand-over and are not an overlap.
    pub fn lint(&self, blocks: Option<&ActorBlocks>) -> Vec<DictIssue> {
        let mut out = Vec::new();
        let newest = self
            .actors
            .iter()
            .flat_map(|a| a.codes.iter())
            .flat_map(|s| [s.interval.from, s.interval.to])
            .flatten()
            .max();
        for a in &self.actors {
            if let Some(b) = blocks {
                for s in a.codes.iter().filter(|s| !s.is_null()) {
                    if let Err(e) = b.parse(&s.code) {
                        out.push(issue(
                            "dict-bad-code",
                            Severity::Error,
                            &a.file,
                            s.line,
                            format!("{} for {}: {}", s.code, a.name, e.message),
                            e.help,
                        ));
                    }
                }
            }
            lint_defaults(a, &mut out);
            lint_overlaps(a, &mut out);
            lint_gaps(a, &mut out);
            if let Some(n) = newest {
                lint_open_term(a, n, blocks, &mut out);
            }
        }
        self.lint_duplicates(&mut out);
        out.sort_by(|x, y| x.file.cmp(&y.file).then(x.line.cmp(&y.line)));
        out
    }

    fn lint_duplicates(&self, out: &mut Vec<DictIssue>) {
        // Sorted for a stable report.
        let groups: BTreeMap<&String, &Vec<(u32, u32)>> =
            self.index.iter().filter(|(_, v)| v.len() > 1).collect();
        let codes_of = |a: &Actor| {
            let mut v: Vec<(String, Interval)> = a
                .codes
                .iter()
                .map(|s| (s.code.clone(), s.interval))
                .collect();
            v.sort_by(|x, y| {
                x.0.cmp(&y.0)
                    .then(x.1.from.cmp(&y.1.from))
                    .then(x.1.to.cmp(&y.1.to))
            });
            v.dedup();
            v
        };
        for (_, hits) in groups {
            let (first_a, first_n) = hits[0];
            let first = &self.actors[first_a as usize];
            let first_codes = codes_of(first);
            for &(ai, ni) in &hits[1..] {
                let other = &self.actors[ai as usize];
                if ai == first_a || codes_of(other) == first_codes {
                    continue;
                }
                let line = other.line;
                out.push(issue(
                    "dict-duplicate-name",
                    Severity::Warning,
                    &other.file,
                    line,
                    format!(
                        "{} is also {}, with different codes; lookups use that one",
                        describe_name(other, ni),
                        describe_entry(first, first_n, &other.file),
                    ),
                    Some("merge the entries, or make the names distinct".into()),
                ));
            }
        }
    }
}

/// `"NAME"`, or `"ALIAS" (a name of ENTRY)`.
fn describe_name(a: &Actor, i: u32) -> String {
    match i {
        0 => format!("\"{}\"", a.name),
        _ => format!("\"{}\" (a name of {})", a.name_at(i as usize), a.name),
    }
}

/// As [`describe_name`], with where the entry is: the line, or file and line in another file.
fn describe_entry(a: &Actor, i: u32, here: &str) -> String {
    let at = if a.file == here {
        format!("line {}", a.line)
    } else {
        format!("{}:{}", a.file, a.line)
    };
    match i {
        0 => format!("the entry at {at}"),
        _ => format!("a name of {} at {at}", a.name),
    }
}

struct PetrEntry {
    name: String,
    aliases: Vec<String>,
    codes: Vec<CodeSpan>,
    line: usize,
    /// A `[` was written for this entry, so an empty code list comes from reported errors.
    any_block: bool,
}

/// Remove `#` comments and `<!-- -->` comments (which may span lines) from one line.
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(p) => {
                    *in_comment = false;
                    rest = &rest[p + 3..];
                }
                None => return out,
            }
        }
        let hash = rest.find('#');
        let open = rest.find("<!--");
        match (hash, open) {
            (Some(h), o) if o.is_none_or(|o| h < o) => {
                out.push_str(&rest[..h]);
                return out;
            }
            (_, Some(o)) => {
                out.push_str(&rest[..o]);
                *in_comment = true;
                rest = &rest[o + 4..];
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// A PETRARCH phrase as a display name: `_` is a space, blanks collapsed.
fn phrase(s: &str) -> String {
    s.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Read every `[...]` block in `s` into `codes`, reporting what cannot be read.
fn parse_blocks(
    s: &str,
    file: &str,
    line: usize,
    name: &str,
    codes: &mut Vec<CodeSpan>,
    issues: &mut Vec<DictIssue>,
) {
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            issues.push(issue(
                "dict-syntax",
                Severity::Error,
                file,
                line,
                format!("unclosed `[` in the codes of {name}; skipped"),
                None,
            ));
            return;
        };
        let inner = after[..close].trim();
        rest = &after[close + 1..];
        let (code, range) = match inner.find(char::is_whitespace) {
            Some(p) => (&inner[..p], &inner[p..]),
            None => (inner, ""),
        };
        // A range written without a space after the code ("USAGOV>090120") is not valid either.
        if !code_shape_ok(code) {
            issues.push(issue(
                "dict-bad-code",
                Severity::Error,
                file,
                line,
                format!(
                    "[{inner}] for {name}: {}; code skipped",
                    bad_shape_message(code)
                ),
                None,
            ));
            continue;
        }
        let range: String = range.chars().filter(|c| !c.is_whitespace()).collect();
        match parse_range(&range) {
            Ok(interval) => codes.push(CodeSpan {
                code: code.to_string(),
                interval,
                line,
            }),
            Err((message, help)) => issues.push(issue(
                "dict-bad-date",
                Severity::Error,
                file,
                line,
                format!("[{inner}] for {name}: {message}; this restriction is skipped"),
                help,
            )),
        }
    }
}

type RangeError = (String, Option<String>);

fn parse_range(r: &str) -> Result<Interval, RangeError> {
    if r.is_empty() {
        return Ok(Interval::ALWAYS);
    }
    if let Some(d) = r.strip_prefix('<') {
        return Ok(Interval {
            from: None,
            to: Some(petr_date(d)?),
        });
    }
    if let Some(d) = r.strip_prefix('>') {
        return Ok(Interval {
            from: Some(petr_date(d)?),
            to: None,
        });
    }
    if let Some((a, b)) = r.split_once('-') {
        let (from, to) = (petr_date(a)?, petr_date(b)?);
        if to < from {
            return Err((
                format!("the interval ends ({to}) before it starts ({from})"),
                None,
            ));
        }
        return Ok(Interval {
            from: Some(from),
            to: Some(to),
        });
    }
    if r.bytes().all(|b| b.is_ascii_digit()) {
        return Err((
            format!(
                "date \"{r}\" has no <, > or range; PETRARCH2 reads the line as an undated code"
            ),
            Some(format!("write >{r} (from), <{r} (until) or DATE-DATE")),
        ));
    }
    Err((
        format!("cannot read the date restriction \"{r}\""),
        Some("write <DATE, >DATE or DATE-DATE with DATE as YYYYMMDD or YYMMDD".into()),
    ))
}

fn ymd(y: i32, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

fn two_digit_year(yy: &str) -> Option<i32> {
    let y: i32 = yy.parse().ok()?;
    Some(if y <= 30 { 2000 + y } else { 1900 + y })
}

/// A PETRARCH date: YYYYMMDD, or YYMMDD with YY up to 30 read as 20YY. Other lengths are
/// errors whose message says how PETRARCH itself reads them (it takes more than 7 characters as
/// YYYYMMDD using the first 8, and otherwise reads YYMMDD from the first 6).
fn petr_date(s: &str) -> Result<NaiveDate, RangeError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err((format!("\"{s}\" is not a date"), None));
    }
    let got = match s.len() {
        6 => two_digit_year(&s[..2]).and_then(|y| ymd(y, &s[2..4], &s[4..6])),
        8 => s[..4].parse().ok().and_then(|y| ymd(y, &s[4..6], &s[6..8])),
        n => {
            let petr = if n > 7 {
                s[..4].parse().ok().and_then(|y| ymd(y, &s[4..6], &s[6..8]))
            } else if n >= 6 {
                two_digit_year(&s[..2]).and_then(|y| ymd(y, &s[2..4], &s[4..6]))
            } else {
                None
            };
            let reading = match petr {
                Some(d) => format!("PETRARCH reads it as {d}"),
                None => "PETRARCH rejects it".to_string(),
            };
            let mut help = None;
            if n > 8 {
                let tail = &s[n - 8..];
                if let Some(d) = tail[..4]
                    .parse()
                    .ok()
                    .and_then(|y| ymd(y, &tail[4..6], &tail[6..8]))
                {
                    if Some(d) != petr {
                        help = Some(format!("its last eight digits read {d}"));
                    }
                }
            }
            if help.is_none() {
                help = Some("write the date as YYYYMMDD".into());
            }
            return Err((
                format!("date \"{s}\" has {n} digits, not 6 (YYMMDD) or 8 (YYYYMMDD); {reading}"),
                help,
            ));
        }
    };
    got.ok_or_else(|| {
        (
            format!("\"{s}\" is not a valid date (no such month or day)"),
            None,
        )
    })
}

fn lint_defaults(a: &Actor, out: &mut Vec<DictIssue>) {
    let defaults: Vec<&CodeSpan> = a.codes.iter().filter(|s| s.interval.is_always()).collect();
    let Some(last) = defaults.last() else { return };
    if defaults.iter().any(|s| s.code != last.code) {
        let list: Vec<String> = defaults
            .iter()
            .map(|s| format!("{} (line {})", s.code, s.line))
            .collect();
        out.push(issue(
            "dict-overlap",
            Severity::Warning,
            &a.file,
            last.line,
            format!(
                "{} has several undated codes: {}; the last one is used",
                a.name,
                list.join(", ")
            ),
            Some("keep one undated code, or give the others dates".into()),
        ));
    }
}

fn lint_overlaps(a: &Actor, out: &mut Vec<DictIssue>) {
    let dated: Vec<&CodeSpan> = a.codes.iter().filter(|s| !s.interval.is_always()).collect();
    for (i, x) in dated.iter().enumerate() {
        for y in &dated[i + 1..] {
            if x.code == y.code {
                continue;
            }
            let Some(both) = x.interval.intersection(&y.interval) else {
                continue;
            };
            let handover = both.from.is_some()
                && both.from == both.to
                && (x.interval.to == y.interval.from || y.interval.to == x.interval.from);
            if handover {
                continue;
            }
            out.push(issue(
                "dict-overlap",
                Severity::Warning,
                &a.file,
                y.line,
                format!(
                    "{}: {} ({}, line {}) and {} ({}, line {}) both apply {}",
                    a.name,
                    x.code,
                    x.interval,
                    x.line,
                    y.code,
                    y.interval,
                    y.line,
                    match (both.from, both.to) {
                        (Some(f), Some(t)) => format!("from {f} to {t}"),
                        _ => both.to_string(),
                    }
                ),
                Some(
                    "the one that started last is used; end the earlier one the day before".into(),
                ),
            ));
        }
    }
}

fn lint_gaps(a: &Actor, out: &mut Vec<DictIssue>) {
    if a.codes.iter().any(|s| s.interval.is_always()) {
        return;
    }
    let mut dated: Vec<&CodeSpan> = a.codes.iter().collect();
    if dated.len() < 2 {
        return;
    }
    dated.sort_by_key(|s| s.interval.from);
    // `covered` is the last day covered so far (None = open to the future).
    let mut covered: Option<NaiveDate> = dated[0].interval.to;
    let mut covered_by = dated[0];
    for s in &dated[1..] {
        let Some(c) = covered else { return };
        if let Some(f) = s.interval.from {
            if let Some(next) = c.checked_add_days(Days::new(1)) {
                if f > next {
                    let last_gap = f.pred_opt().unwrap_or(f);
                    out.push(issue(
                        "dict-gap",
                        Severity::Warning,
                        &a.file,
                        s.line,
                        format!(
                            "{} has no code from {next} to {last_gap}, between {} (line {}) and {} (line {})",
                            a.name, covered_by.code, covered_by.line, s.code, s.line
                        ),
                        Some("events in the gap will be reported as not covered; close the gap or add an undated default code".into()),
                    ));
                }
            }
        }
        match s.interval.to {
            None => covered = None,
            Some(t) if t > c => {
                covered = Some(t);
                covered_by = s;
            }
            Some(_) => {}
        }
    }
}

fn has_gov_role(code: &str, blocks: Option<&ActorBlocks>) -> bool {
    match blocks.map(|b| b.parse(code)) {
        Some(Ok(p)) => p.roles.iter().any(|r| r == "GOV"),
        _ => code.len() >= 6 && code.as_bytes().chunks(3).skip(1).any(|c| c == b"GOV"),
    }
}

fn lint_open_term(
    a: &Actor,
    newest: NaiveDate,
    blocks: Option<&ActorBlocks>,
    out: &mut Vec<DictIssue>,
) {
    if a.kind
        .as_deref()
        .is_some_and(|k| !k.eq_ignore_ascii_case("person"))
    {
        return;
    }
    let Some(limit) = NaiveDate::from_ymd_opt(newest.year() - OPEN_TERM_YEARS, newest.month(), 1)
    else {
        return;
    };
    for s in &a.codes {
        if let (Some(f), None) = (s.interval.from, s.interval.to) {
            if f < limit && has_gov_role(&s.code, blocks) {
                out.push(issue(
                    "dict-open-term",
                    Severity::Warning,
                    &a.file,
                    s.line,
                    format!(
                        "{} is {} from {f} with no end date, more than {OPEN_TERM_YEARS} years before the newest date in the dictionary ({newest})",
                        a.name, s.code
                    ),
                    Some("check whether the term has ended and give it an end date".into()),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::actor_code::tests::blocks;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const CSV: &str = "\
name,aliases,code,from,to,kind,note
Recep Tayyip Erdoğan,Erdoğan|Tayyip Erdogan,TURELI,,2003-03-13,person,before PM
Recep Tayyip Erdoğan,R.T. Erdoğan,TURGOV,2003-03-14,,person,PM then president
Ankara,,TURGOV,,,metonym,capital for the government
Bashar al-Assad,Bachar al-Assad|Bashar al Assad,SYRELI,,2000-07-16,person,
Bashar al-Assad,,SYRGOV,2000-07-17,,person,
forces gouvernementales syriennes,Syrian government forces,SYRMIL,,,group,
Iran,l’Iran|République islamique d'Iran,IRN,,,state,
Mevlüt Çavuşoğlu,,TURGOV,2014-08-29,2023-06-03,person,foreign minister
Mevlüt Çavuşoğlu,,TURELI,2023-06-04,,person,
\"Le Monde\",,FRAMED,,,media,
";

    fn dict() -> Dictionary {
        let mut dct = Dictionary::new();
        let issues = dct.load_csv("actors.csv", CSV.as_bytes());
        assert!(issues.is_empty(), "{issues:?}");
        dct
    }

    fn code_of(r: &Resolution) -> Option<String> {
        match r {
            Resolution::Resolved { code, .. } => Some(code.clone()),
            _ => None,
        }
    }

    #[test]
    fn key_folds_marks_and_special_letters() {
        assert_eq!(key("Erdoğan"), key("Erdogan"));
        assert_eq!(key("Erdoğan"), "erdogan");
        assert_eq!(key("Çavuşoğlu"), "cavusoglu");
        assert_eq!(key("MESÛD_BARZANÎ"), "mesud barzani");
        assert_eq!(key("Yıldırım"), "yildirim");
        assert_eq!(key("İstanbul"), "istanbul");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("ＵＮ"), "un");
    }

    #[test]
    fn key_punctuation_spaces_and_articles() {
        assert_eq!(key("Bashar al-Assad"), "bashar al assad");
        assert_eq!(key("  Bashar   al_Assad,  "), "bashar al assad");
        assert_eq!(
            key("les forces gouvernementales syriennes"),
            key("forces gouvernementales syriennes")
        );
        assert_eq!(key("l’Iran"), "iran");
        assert_eq!(key("l'Iran"), "iran");
        assert_eq!(key("L’ Iran"), "iran");
        assert_eq!(key("The United Nations"), "united nations");
        assert_eq!(key("THE_UNITED_NATIONS_"), "united nations");
        assert_eq!(key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(key("Côte d'Ivoire"), key("COTE_D'IVOIRE"));
        assert_eq!(key("U.N."), "un");
        assert_eq!(key("U.S.-VICE_PRESIDENT"), "us vice president");
        assert_eq!(key("Mr.Obama"), "mr obama");
        assert_eq!(key("MR._OBAMA_"), "mr obama");
        assert_eq!(key("\"Le Monde\""), "monde");
        // A lone article is the name itself.
        assert_eq!(key("The"), "the");
        assert_eq!(key("O’Neill"), "o'neill");
        assert_eq!(key("'quoted'"), "quoted");
        assert_eq!(key("?!"), "");
        assert_eq!(key("COTE_D\u{FFFD}IVOIRE_"), "cote d\u{FFFD}ivoire");
    }

    #[test]
    fn csv_aliases_union_and_normalized_lookup() {
        let dct = dict();
        assert_eq!(dct.len(), 7);
        let day = Some(d("2015-01-01"));
        for n in [
            "Erdogan",
            "ERDOĞAN",
            "tayyip   erdogan",
            "R. T. Erdogan",
            "Recep Tayyip Erdogan",
        ] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("TURGOV"),
                "{n}"
            );
        }
        let Resolution::Resolved { via, actor, .. } = dct.resolve("R.T. ERDOGAN", day, None) else {
            panic!()
        };
        assert_eq!(via, "R.T. Erdoğan");
        assert_eq!(actor.name, "Recep Tayyip Erdoğan");
        assert_eq!(actor.aliases.len(), 3);
        assert_eq!(actor.kind.as_deref(), Some("person"));
        assert_eq!(actor.line, 2);

        for n in ["Bachar al-Assad", "Bashar al Assad", "bashar-al-assad"] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("SYRGOV")
            );
        }
        for n in [
            "les forces gouvernementales syriennes",
            "Forces gouvernementales syriennes.",
            "Syrian government forces",
        ] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("SYRMIL")
            );
        }
        for n in ["l’Iran", "l'Iran", "Iran", "République Islamique d’Iran"] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("IRN"),
                "{n}"
            );
        }
        assert_eq!(
            code_of(&dct.resolve("Mevlut Cavusoglu", day, None)).as_deref(),
            Some("TURGOV")
        );
    }

    #[test]
    fn date_bounded_codes_switch_on_the_day() {
        let dct = dict();
        let r = |s: &str| code_of(&dct.resolve("Erdoğan", Some(d(s)), None));
        assert_eq!(r("2003-03-13").as_deref(), Some("TURELI"));
        assert_eq!(r("2003-03-14").as_deref(), Some("TURGOV"));
        assert_eq!(r("1990-01-01").as_deref(), Some("TURELI"));
        let r = |s: &str| code_of(&dct.resolve("Bashar al-Assad", Some(d(s)), None));
        assert_eq!(r("2000-07-16").as_deref(), Some("SYRELI"));
        assert_eq!(r("2000-07-17").as_deref(), Some("SYRGOV"));
        // "Assad" alone is not a name of the entry, but it is suggested.
        let Resolution::Unknown { suggestions } = dct.resolve("Assad", None, None) else {
            panic!()
        };
        assert!(suggestions.iter().any(|(n, _)| n == "Bashar al-Assad"));
    }

    #[test]
    fn partial_dates_take_the_start_and_say_so() {
        let dct = dict();
        let r = dct.resolve("Erdogan", Some(d("2003-03-01")), Some(d("2003-03-31")));
        let Resolution::Resolved {
            code,
            partial,
            interval,
            line,
            ..
        } = r
        else {
            panic!()
        };
        assert_eq!(code, "TURELI");
        assert!(partial);
        assert_eq!(interval.to, Some(d("2003-03-13")));
        assert_eq!(line, 2);
        let r = dct.resolve("Erdogan", Some(d("2004-03-01")), Some(d("2004-03-31")));
        assert!(matches!(r, Resolution::Resolved { partial: false, .. }));
        // Only an end date: it is used.
        let r = dct.resolve("Erdogan", None, Some(d("2003-03-14")));
        assert_eq!(code_of(&r).as_deref(), Some("TURGOV"));
    }

    #[test]
    fn metonym_and_undated() {
        let dct = dict();
        let r = dct.resolve("Ankara", Some(d("2020-05-05")), None);
        let Resolution::Resolved {
            code,
            actor,
            interval,
            ..
        } = r
        else {
            panic!()
        };
        assert_eq!(code, "TURGOV");
        assert_eq!(actor.kind.as_deref(), Some("metonym"));
        assert!(interval.is_always());
        assert_eq!(
            code_of(&dct.resolve("ankara", None, None)).as_deref(),
            Some("TURGOV")
        );
    }

    #[test]
    fn uncovered_lists_the_intervals() {
        let dct = dict();
        let r = dct.resolve("MEVLUT CAVUSOGLU", Some(d("2010-01-01")), None);
        let Resolution::Uncovered { intervals, via, .. } = r else {
            panic!("{r:?}")
        };
        assert_eq!(via, "Mevlüt Çavuşoğlu");
        assert_eq!(intervals.len(), 2);
        assert_eq!(
            intervals[0].interval.to_string(),
            "2014-08-29 to 2023-06-03"
        );
        assert_eq!(intervals[1].interval.to_string(), "from 2023-06-04");
        // No date and no undated code: nothing to choose.
        assert!(matches!(
            dct.resolve("Mevlüt Çavuşoğlu", None, None),
            Resolution::Uncovered { .. }
        ));
    }

    #[test]
    fn unknown_names_get_real_suggestions() {
        let dct = dict();
        let Resolution::Unknown { suggestions } = dct.resolve("Erdogn", None, None) else {
            panic!()
        };
        assert_eq!(suggestions[0].0, "Recep Tayyip Erdoğan");
        assert!(suggestions[0].1 >= SUGGEST_FLOOR && suggestions[0].1 < 1.0);
        let Resolution::Unknown { suggestions } = dct.resolve("Bashar Asad", None, None) else {
            panic!()
        };
        assert_eq!(suggestions[0].0, "Bashar al-Assad");
        let Resolution::Unknown { suggestions } = dct.resolve("Kim Jong-un", None, None) else {
            panic!()
        };
        assert!(suggestions.is_empty(), "{suggestions:?}");
        assert!(dct.suggest("", 5).is_empty());
    }

    #[test]
    fn csv_errors_skip_rows_and_say_why() {
        let text = "\
name,aliases,code,from,to,kind,note
A,,SYRGOV,2001-02-30,,person,
B,,SYRGOV,2005-01-01,2004-01-01,person,
C,,syrgov,,,person,
D,,SYRGO,,,person,
,,SYRGOV,,,,
E,,SYRGOV,,,person,
E,Eee,,,,,
E,,SYRMIL,,,group,
F\u{FFFD},,SYRGOV,,,,
G,,,,,,
";
        let mut dct = Dictionary::new();
        let issues = dct.load_csv("a.csv", text.as_bytes());
        let rules: Vec<(&str, usize)> = issues.iter().map(|i| (i.rule, i.line)).collect();
        assert!(rules.contains(&("dict-bad-date", 2)), "{rules:?}");
        assert!(rules.contains(&("dict-bad-date", 3)));
        assert!(rules.contains(&("dict-bad-code", 4)));
        assert!(rules.contains(&("dict-bad-code", 5)));
        assert!(rules.contains(&("dict-syntax", 6)));
        assert!(rules.contains(&("dict-kind-conflict", 9)));
        assert!(rules.contains(&("dict-replacement-char", 10)));
        assert!(rules.contains(&("dict-no-code", 11)));
        assert!(issues[0].message.contains("2001-02-30"));
        // A, B, C, D skipped; E, F and G kept.
        assert_eq!(dct.len(), 3);
        let Resolution::Resolved { actor, .. } = dct.resolve("Eee", None, None) else {
            panic!()
        };
        assert_eq!(actor.codes.len(), 2);
        let issues = Dictionary::new().load_csv("b.csv", "nom,code\nx,SYR\n".as_bytes());
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("`name`"));
        let issues = Dictionary::new().load_csv("c.csv", &b"name,code\nx\xff,SYR\n"[..]);
        assert_eq!(issues[0].rule, "dict-syntax");
    }

    const PETR: &str = "\
# a comment line
<!-- a comment
   spanning [NOT_READ] lines -->
BARACK_OBAMA
+PRESIDENT_BARACK_OBAMA_
+MR._OBAMA_
\t[USAELI 780101-000101]
\t[USAGOV >090120]
GEORGE_W._BUSH_  # CountryInfo.txt
\t[USAELI 640101-010120]
\t[USAGOV 010120-090120]
\t[USAELI]
THE_UNITED_NATIONS_ [IGOUNO]
JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# inline codes
ADEL_EL_SISI
\t[EGYGOV > 140608]
OLD_MAN_ <!-- inline comment --> [SYRELI <19500101]
BAN_KI-MOON
\t[IGOUNO >20070101]
\t[KORGOVBUS 2004017-20061201]
OCCUPIER
\t[IRQOCC 1920030320-20060520]
\t[IRQGOV 20060521-20061231]
COTE_D\u{FFFD}IVOIRE_ [CIV]
BAD_DAY
\t[SYRGOV 010230-020101]
\t[SYRMIL 020101-010101]
\t[SYRGOV 20021312-20030101]
\t[SYRGO >020101]
\t[SYRGOV ~020101]
GUEHENNO_ [IGOUNO 000101-080801] [---]
U.N._
+UN_ ; old note
UN_SECRETARY_GENERAL
\t[IGOUNO]
LONELY_
---STOP---
IGNORED [SYR]
";

    fn petr() -> (Dictionary, Vec<DictIssue>) {
        let mut dct = Dictionary::new();
        let issues = dct.load_petrarch("p.actors", PETR);
        (dct, issues)
    }

    #[test]
    fn petrarch_dates_and_forms() {
        let (dct, _) = petr();
        let r = |n: &str, s: &str| code_of(&dct.resolve(n, Some(d(s)), None));
        // YYMMDD-YYMMDD with the two-digit-year rule, inclusive bounds, >YYMMDD.
        assert_eq!(r("Barack Obama", "1978-01-01").as_deref(), Some("USAELI"));
        assert_eq!(r("Barack Obama", "2000-01-01").as_deref(), Some("USAELI"));
        assert_eq!(
            r("President Barack Obama", "2009-01-20").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(r("Mr. Obama", "2016-01-20").as_deref(), Some("USAGOV"));
        assert!(matches!(
            dct.resolve("Barack Obama", Some(d("2005-01-01")), None),
            Resolution::Uncovered { .. }
        ));
        // Hand-over day shared by two intervals: the newer one.
        assert_eq!(r("George W. Bush", "2001-01-19").as_deref(), Some("USAELI"));
        assert_eq!(r("George W. Bush", "2001-01-20").as_deref(), Some("USAGOV"));
        assert_eq!(r("George W Bush", "2009-01-20").as_deref(), Some("USAGOV"));
        // Default after the dated codes.
        assert_eq!(r("George W. Bush", "2009-01-21").as_deref(), Some("USAELI"));
        assert_eq!(r("United Nations", "2020-01-01").as_deref(), Some("IGOUNO"));
        // Inline dated block, inline default.
        assert_eq!(
            r("Javier de Cuellar", "1985-01-01").as_deref(),
            Some("IGOUNO")
        );
        assert_eq!(r("Javier de Cuellar", "1995-01-01").as_deref(), Some("ELI"));
        // "> 140608" with a space.
        assert_eq!(r("Adel el Sisi", "2014-06-08").as_deref(), Some("EGYGOV"));
        assert_eq!(r("Adel el Sisi", "2014-06-07"), None);
        // <YYYYMMDD, inclusive, after an inline comment.
        assert_eq!(r("Old Man", "1950-01-01").as_deref(), Some("SYRELI"));
        assert_eq!(r("Old Man", "1950-01-02"), None);
        // 8-digit dates on both sides.
        assert_eq!(r("Occupier", "2006-05-21").as_deref(), Some("IRQGOV"));
        // Null code as default.
        assert_eq!(r("Guehenno", "2010-01-01").as_deref(), Some(NULL_CODE));
        assert_eq!(r("Guehenno", "2005-01-01").as_deref(), Some("IGOUNO"));
        // Comments and STOP.
        assert!(matches!(
            dct.resolve("Ignored", None, None),
            Resolution::Unknown { .. }
        ));
        assert!(matches!(
            dct.resolve("NOT_READ", None, None),
            Resolution::Unknown { .. }
        ));
        // A codeless entry takes the next entry's codes.
        let Resolution::Resolved { actor, code, .. } = dct.resolve("UN", None, None) else {
            panic!()
        };
        assert_eq!(code, "IGOUNO");
        assert_eq!(actor.name, "U.N.");
        assert_eq!(actor.aliases, vec!["UN SECRETARY GENERAL"]);
        // At the end of the file it is known, with nothing to resolve to.
        let Resolution::Uncovered { intervals, .. } = dct.resolve("Lonely", None, None) else {
            panic!()
        };
        assert!(intervals.is_empty());
        assert_eq!(dct.len(), 13);
    }

    #[test]
    fn petrarch_dirty_input_is_reported_with_lines() {
        let (dct, issues) = petr();
        let find = |rule: &str, line: usize| {
            issues
                .iter()
                .find(|i| i.rule == rule && i.line == line)
                .unwrap_or_else(|| panic!("no {rule} at {line}: {issues:#?}"))
        };
        let seven = find("dict-bad-date", 20);
        assert!(
            seven.message.contains("\"2004017\" has 7 digits"),
            "{}",
            seven.message
        );
        assert!(seven.message.contains("PETRARCH reads it as 2020-04-01"));
        assert_eq!(seven.severity, Severity::Error);
        let ten = find("dict-bad-date", 22);
        assert!(ten.message.contains("10 digits") && ten.message.contains("1920-03-03"));
        assert_eq!(
            ten.help.as_deref(),
            Some("its last eight digits read 2003-03-20")
        );
        assert!(find("dict-replacement-char", 24)
            .message
            .contains("COTE D\u{FFFD}IVOIRE"));
        assert!(find("dict-bad-date", 26)
            .message
            .contains("no such month or day"));
        assert!(find("dict-bad-date", 27)
            .message
            .contains("ends (2001-01-01) before"));
        assert!(find("dict-bad-date", 28).message.contains("20021312"));
        assert!(find("dict-bad-code", 29).message.contains("SYRGO"));
        assert!(find("dict-bad-date", 30).message.contains("~020101"));
        assert!(find("dict-no-code", 32)
            .message
            .ends_with("take the codes of the next entry, UN SECRETARY GENERAL (line 34)"));
        assert_eq!(find("dict-no-code", 36).message, "LONELY has no code");
        // Ban Ki-moon keeps his valid restriction only.
        let Resolution::Resolved { actor, .. } =
            dct.resolve("Ban Ki-moon", Some(d("2008-01-01")), None)
        else {
            panic!()
        };
        assert_eq!(actor.codes.len(), 1);
        // Every issue is on a real line.
        assert!(issues
            .iter()
            .all(|i| i.line > 0 && i.line <= PETR.lines().count()));
        // BAD_DAY has blocks but all were rejected: no extra dict-no-code.
        assert!(!issues
            .iter()
            .any(|i| i.rule == "dict-no-code" && i.line == 25));
    }

    #[test]
    fn petrarch_syntax_errors() {
        let mut dct = Dictionary::new();
        let issues = dct.load_petrarch(
            "x",
            "\t[SYR]\n+ORPHAN\nA_ [SYR\nB +SYN [SYRGOV]\n+C [SYRMIL]\n [SYRGOV]\n",
        );
        let rules: Vec<(&str, usize)> = issues.iter().map(|i| (i.rule, i.line)).collect();
        assert_eq!(
            rules,
            vec![
                ("dict-syntax", 1),
                ("dict-syntax", 2),
                ("dict-syntax", 3),
                ("dict-syntax", 5)
            ]
        );
        let Resolution::Resolved { code, .. } = dct.resolve("C", None, None) else {
            panic!()
        };
        assert_eq!(code, "SYRGOV");
    }

    #[test]
    fn dates_follow_the_two_digit_year_rule() {
        assert_eq!(petr_date("300101").unwrap(), d("2030-01-01"));
        assert_eq!(petr_date("310101").unwrap(), d("1931-01-01"));
        assert_eq!(petr_date("000229").unwrap(), d("2000-02-29"));
        assert!(petr_date("010229").is_err());
        assert_eq!(petr_date("19000228").unwrap(), d("1900-02-28"));
        assert!(petr_date("19000229").is_err());
        let (m, _) = petr_date("201005011").unwrap_err();
        assert!(m.contains("9 digits") && m.contains("2010-05-01"), "{m}");
        let (m, _) = petr_date("12345").unwrap_err();
        assert!(m.contains("rejects"), "{m}");
        assert!(petr_date("").is_err());
    }

    #[test]
    fn lint_finds_structural_problems() {
        let text = "\
name,aliases,code,from,to,kind,note
P,,SYRELI,,2010-12-31,person,
P,,SYRGOV,2010-06-01,2012-01-01,person,
P,,SYRGOV,2013-01-01,,person,
Q,,SYRXXX,,,person,
Q,,SYRMIL,,,person,
R,Rr,SYRREB,1990-01-01,1990-12-31,person,
S,Rr,SYROPP,,,group,
T,Rr,SYRREB,1990-01-01,1990-12-31,person,
H,,SYRELI,1990-01-01,1995-01-01,person,
H,,SYRGOV,1995-01-01,,person,
";
        let mut dct = Dictionary::new();
        assert!(dct.load_csv("l.csv", text.as_bytes()).is_empty());
        let b = blocks();
        let issues = dct.lint(Some(&b));
        let rules: Vec<(&str, usize)> = issues.iter().map(|i| (i.rule, i.line)).collect();
        assert!(rules.contains(&("dict-overlap", 3)), "{rules:?}");
        assert!(rules.contains(&("dict-gap", 4)));
        assert!(rules.contains(&("dict-bad-code", 5)));
        assert!(rules.contains(&("dict-overlap", 6)));
        assert!(rules.contains(&("dict-duplicate-name", 8)));
        // T duplicates R's name with the same codes: harmless, not reported.
        assert!(!rules.contains(&("dict-duplicate-name", 9)));
        // H's hand-over day is not an overlap; its open GOV term started over 10 years before
        // the newest date (2013).
        assert!(!rules.contains(&("dict-overlap", 11)));
        assert!(rules.contains(&("dict-open-term", 11)));
        assert!(!rules.contains(&("dict-open-term", 4)));
        let gap = issues.iter().find(|i| i.rule == "dict-gap").unwrap();
        assert!(
            gap.message.contains("from 2012-01-02 to 2012-12-31"),
            "{}",
            gap.message
        );
        let ov = issues.iter().find(|i| i.line == 3).unwrap();
        assert!(
            ov.message.contains("from 2010-06-01 to 2010-12-31"),
            "{}",
            ov.message
        );
        let bad = issues.iter().find(|i| i.rule == "dict-bad-code").unwrap();
        assert!(bad.message.contains("\"XXX\""));
        // Without blocks, no grammar check.
        assert!(!dct.lint(None).iter().any(|i| i.rule == "dict-bad-code"));
        // Duplicate resolution: the first entry wins and the others are counted.
        let Resolution::Resolved { code, others, .. } =
            dct.resolve("Rr", Some(d("1990-06-01")), None)
        else {
            panic!()
        };
        assert_eq!((code.as_str(), others), ("SYRREB", 2));
    }

    #[test]
    fn load_path_by_extension() {
        let dir = std::env::temp_dir().join(format!("actors-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let csv = dir.join("a.csv");
        std::fs::write(&csv, CSV).unwrap();
        let txt = dir.join("b.actors");
        std::fs::write(&txt, b"X_Y [SYR]\n+Z\xff\n").unwrap();
        let mut dct = Dictionary::new();
        assert!(dct.load_path(&csv).unwrap().is_empty());
        let issues = dct.load_path(&txt).unwrap();
        assert_eq!(issues[0].rule, "dict-syntax");
        assert_eq!(issues[0].line, 2);
        assert!(issues.iter().any(|i| i.rule == "dict-replacement-char"));
        assert!(dct.load_path(&dir.join("c.json")).is_err());
        assert!(dct.load_path(&dir.join("missing.csv")).is_err());
        assert_eq!(dct.len(), 8);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn arbitrary_input_never_panics() {
        // Deterministic pseudo-random lines built from the characters the parsers care about.
        let alphabet: Vec<char> = "AZaz09_+-<>[]#;.'’ \t\u{FFFD}ğİ<!---->|,\"\n"
            .chars()
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let b = blocks();
        for _ in 0..300 {
            let len = (next() % 80) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let mut dct = Dictionary::new();
            dct.load_petrarch("f", &text);
            dct.load_csv("g", text.as_bytes());
            dct.lint(Some(&b));
            let _ = key(&text);
            let _ = b.parse(&text);
            let _ = dct.resolve(&text, Some(d("2001-01-01")), Some(d("2000-01-01")));
            let _ = dct.suggest(&text, 3);
        }
    }

    fn reference_dir() -> Option<std::path::PathBuf> {
        // EVENTC_REFERENCE, else a `shared/reference` next to the crate or one of its parents.
        let bases: Vec<std::path::PathBuf> = match std::env::var_os("EVENTC_REFERENCE") {
            Some(p) => vec![p.into()],
            None => Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .skip(1)
                .map(|a| a.join("shared/reference"))
                .collect(),
        };
        bases
            .into_iter()
            .map(|b| b.join("petrarch"))
            .find(|d| d.join("Phoenix.Countries.actors.txt").exists())
    }

    #[test]
    fn phoenix_dictionaries() {
        let Some(dir) = reference_dir() else {
            println!("Phoenix dictionaries not found (set EVENTC_REFERENCE); skipped");
            return;
        };
        let mut dct = Dictionary::new();
        let mut issues = dct
            .load_path(&dir.join("Phoenix.Countries.actors.txt"))
            .unwrap();
        issues.extend(
            dct.load_path(&dir.join("Phoenix.International.actors.txt"))
                .unwrap(),
        );
        let lint = dct.lint(None);
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for i in issues.iter().chain(&lint) {
            *by_rule.entry(i.rule).or_default() += 1;
        }
        println!(
            "entries {}, names {}, issues {by_rule:?}",
            dct.len(),
            dct.name_count()
        );
        assert!(dct.len() > 15_000);
        assert!(dct.name_count() > 20_000);
        let has = |needle: &str| {
            issues
                .iter()
                .any(|i| i.rule == "dict-bad-date" && i.message.contains(needle))
        };
        assert!(has("\"2004017\""));
        assert!(has("\"1920030320\""));
        assert!(has("\"9008223\""));
        assert_eq!(by_rule.get("dict-replacement-char"), Some(&3));

        let r = |n: &str, s: &str| code_of(&dct.resolve(n, Some(d(s)), None));
        // BARACK_OBAMA: [USAELI 780101-000101] [USAGOV >090120].
        assert_eq!(r("Barack Obama", "2010-01-01").as_deref(), Some("USAGOV"));
        assert_eq!(
            r("President Barack Obama", "2009-01-20").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(r("Barack Obama", "1990-01-01").as_deref(), Some("USAELI"));
        let Resolution::Uncovered { intervals, .. } =
            dct.resolve("Barack Obama", Some(d("2005-01-01")), None)
        else {
            panic!()
        };
        assert_eq!(intervals.len(), 2);
        assert!(lint.iter().any(|i| i.rule == "dict-gap"
            && i.message
                .starts_with("BARACK OBAMA has no code from 2000-01-02 to 2009-01-19")));
        assert_eq!(r("United Nations", "2010-01-01").as_deref(), Some("IGOUNO"));
        // IVO_JOSIPOVIC_ has no code of its own and takes those of the next entry.
        assert_eq!(r("Ivo Josipović", "2013-01-01").as_deref(), Some("HRVGOV"));
        assert_eq!(
            r("Ivo Josipovic", "2005-01-01").as_deref(),
            Some("HRVGOVLEG")
        );
        assert!(issues
            .iter()
            .any(|i| i.rule == "dict-no-code" && i.line == 11939));
        assert_eq!(r("Erdoğan", "2010-01-01").as_deref(), Some("TURGOV"));
        let Resolution::Unknown { suggestions } = dct.resolve("Erdgan", None, None) else {
            panic!()
        };
        assert!(
            suggestions.iter().any(|(n, _)| n.contains("ERDOGAN")),
            "{suggestions:?}"
        );
    }
}
