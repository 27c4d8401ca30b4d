//! Locating a record's quoted evidence in its source document.
//!
//! A record's `quote` is a passage copied from its source document. Copy and
//! paste changes a few things that carry no meaning, so the search compares a
//! *folded* form of both texts ([`crate::text::quote_fold`]) and then reports
//! the document's own span.
//!
//! | In the quote or the document                                   | Treated as                                  |
//! |----------------------------------------------------------------|---------------------------------------------|
//! | any run of whitespace (space, tab, line break, NBSP U+00A0, narrow NBSP U+202F, other Unicode spaces) | one space: matches any run of whitespace |
//! | whitespace at the start or end of the quote                    | ignored                                     |
//! | `'` `‘` `’` `‚` `‛` `ʼ` `′`                                    | one apostrophe                              |
//! | `"` `“` `”` `„` `‟` `«` `»` `‹` `›` `″`                        | one double quote mark                       |
//! | whitespace next to a double quote mark (`« x »` vs `«x»`)      | optional                                    |
//! | NFC vs NFD (precomposed vs combining marks)                    | equal (both compared in NFC)                |
//! | `-` U+2010 hyphen, U+2011 non-breaking hyphen                  | one hyphen                                  |
//! | en dash, em dash, minus sign, other dashes                     | distinct (they are different punctuation)   |
//! | letter case                                                    | match succeeds with `quote-case-mismatch`   |
//! | anything else (letters, words, punctuation, soft hyphens, zero-width characters) | not forgiven              |
//!
//! Offsets are counted in code points (Unicode scalar values) of the original
//! document text, end exclusive, so that `text[start:end]` in Python gives the
//! span. A byte order mark is expected to have been stripped by the caller; if
//! one is present it is an ordinary character at offset 0.
//!
//! When a quote is not found, the closest passage is located with Sellers'
//! semi-global edit distance (the quote must be aligned in full, the document
//! passage may start and end anywhere). It takes O(n·m) time and O(m) memory
//! for a folded document of n characters and a folded quote of m characters:
//! 100 000 × 300 = 30 million cells, a fraction of a second in a release
//! build. Above a fixed cell budget only a prefix of the quote is compared.

use memchr::memmem;

use crate::diagnostic::Issue;
use crate::text::{quote_cluster_end, quote_fold};

/// The quote is empty or contains only whitespace.
pub const RULE_MISSING_QUOTE: &str = "missing-quote";
/// The quote does not occur in the document (or not as often as requested).
pub const RULE_QUOTE_NOT_FOUND: &str = "quote-not-found";
/// The quote occurs only when letter case is ignored.
pub const RULE_QUOTE_CASE_MISMATCH: &str = "quote-case-mismatch";
/// The quote occurs more than once and no occurrence was chosen.
pub const RULE_QUOTE_AMBIGUOUS: &str = "quote-ambiguous";
/// The requested occurrence number is not valid (occurrences count from 1).
pub const RULE_INVALID_OCCURRENCE: &str = "invalid-quote-occurrence";

/// Lowest similarity for which a closest passage is suggested.
const MIN_SIMILARITY_PERCENT: usize = 60;
/// Budget of edit-distance cells (document length × quote length).
const MAX_APPROX_CELLS: usize = 60_000_000;
/// Below this many quote characters a prefix comparison says nothing useful.
const MIN_APPROX_PREFIX: usize = 16;
/// How many occurrence lines to list before summarising.
const MAX_LISTED_LINES: usize = 10;
/// Longest passage or quote shown in a message, in characters.
const MAX_SHOWN_CHARS: usize = 240;
/// Distance in bytes between two code-point checkpoints of a document: a byte offset is
/// turned into a code-point offset by counting at most this many bytes.
const CHECKPOINT_BYTES: usize = 1024;

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMatch {
    /// First code point of the span in the original document.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
    /// The document's own text of the span.
    pub text: String,
    /// Non-fatal findings (case mismatch, ambiguity).
    pub warnings: Vec<Issue>,
}

/// A source document prepared for repeated quote searches.
///
/// Offsets are kept in 32 bits, which keeps the index small; a text beyond 4 GiB is cut to its
/// first 4 GiB.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// The folded text.
    exact: String,
    /// For each byte of `exact`: byte offset in `text` of the cluster its character comes from.
    origin: Vec<u32>,
    /// The lower-cased copy of `exact` (char by char, as the quote is lower-cased), made the
    /// first time a quote is not found as typed: most quotes are, and most documents never
    /// need it.
    lower: std::sync::OnceLock<Lower>,
    /// Byte offset where each line starts; the first is 0.
    line_starts: Vec<u32>,
    /// (byte offset, code points before it), every `CHECKPOINT_BYTES` or so; the first is (0, 0).
    checkpoints: Vec<(u32, u32)>,
}

// Documents are shared read-only between worker threads.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Document>()
};

impl Document {
    /// Prepares `text` (without a byte order mark) for searching.
    pub fn new(text: &str) -> Self {
        let mut len = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(len) {
            len -= 1;
        }
        let text = &text[..len];

        let mut folded = Folding {
            exact: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        quote_fold(text, &mut folded);
        let Folding { exact, origin } = folded;
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1))
            .collect();
        Document {
            text: text.to_string(),
            exact,
            origin,
            lower: std::sync::OnceLock::new(),
            line_starts,
            checkpoints: checkpoints(text),
        }
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Approximate heap memory held, in bytes (about 7 per byte of text).
    pub fn heap_bytes(&self) -> usize {
        let lower = self.lower.get().map_or(0, |l| {
            l.text.capacity() + l.origin.as_ref().map_or(0, Vec::capacity) * size_of::<u32>()
        });
        let offsets = self.origin.capacity() + self.line_starts.capacity();
        self.text.capacity()
            + self.exact.capacity()
            + lower
            + offsets * size_of::<u32>()
            + self.checkpoints.capacity() * size_of::<(u32, u32)>()
    }

    /// 1-based line number of a code-point offset; lines end at `\n`.
    /// Offsets past the end belong to the last line.
    pub fn line_of(&self, char_offset: usize) -> usize {
        self.line_of_byte(self.byte_of_char(char_offset))
    }

    fn line_of_byte(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= byte)
    }

    /// Code-point offset of a byte offset that falls on a character boundary.
    fn char_of_byte(&self, byte: usize) -> usize {
        let i = self
            .checkpoints
            .partition_point(|&(b, _)| b as usize <= byte)
            - 1;
        let (b, c) = self.checkpoints[i];
        c as usize + self.text[b as usize..byte].chars().count()
    }

    /// Byte offset of a code-point offset, clamped to the end of the text.
    fn byte_of_char(&self, char_offset: usize) -> usize {
        let i = self
            .checkpoints
            .partition_point(|&(_, c)| c as usize <= char_offset)
            - 1;
        let (b, c) = self.checkpoints[i];
        self.text[b as usize..]
            .char_indices()
            .nth(char_offset - c as usize)
            .map_or(self.text.len(), |(k, _)| b as usize + k)
    }

    /// Original byte range of the folded bytes `[from, to)` of `exact` or `lower` (with its
    /// `origin`), `to > from`. A match ends on no space, so its last character comes from one
    /// cluster, whose end the text tells.
    fn original_range(&self, origin: &[u32], from: usize, to: usize) -> (usize, usize) {
        let last = origin[to - 1] as usize;
        (origin[from] as usize, quote_cluster_end(&self.text, last))
    }

    fn lower(&self) -> &Lower {
        self.lower
            .get_or_init(|| lower_case(&self.exact, &self.origin))
    }

    fn lower_origin(&self) -> &[u32] {
        self.lower().origin.as_deref().unwrap_or(&self.origin)
    }
}

/// The folded text of a document as the fold produces it, with the origin of every byte.
struct Folding {
    exact: String,
    origin: Vec<u32>,
}

impl crate::text::Folded for Folding {
    fn char(&mut self, c: char, at: usize) {
        self.exact.push(c);
        self.origin
            .extend(std::iter::repeat_n(at as u32, c.len_utf8()));
    }

    fn ascii(&mut self, run: &str, at: usize) {
        self.exact.push_str(run);
        self.origin.extend(at as u32..(at + run.len()) as u32);
    }
}

/// A lower-cased folded text, with its own origin map only when lower-casing changed the
/// length of some character (`İ` → `i̇`); otherwise the exact text's serves.
#[derive(Debug, Clone)]
struct Lower {
    text: String,
    origin: Option<Vec<u32>>,
}

/// The lower-cased copy of a folded text, char by char as the quote is, with its own origin
/// map only when some character changed length.
fn lower_case(exact: &str, origin: &[u32]) -> Lower {
    if exact.is_ascii() {
        return Lower {
            text: exact.to_ascii_lowercase(),
            origin: None,
        };
    }
    let mut lower = String::with_capacity(exact.len());
    let mut lower_origin: Option<Vec<u32>> = None;
    for (b, c) in exact.char_indices() {
        let before = lower.len();
        lower.extend(c.to_lowercase());
        let added = lower.len() - before;
        if lower_origin.is_none() && added != c.len_utf8() {
            lower_origin = Some(origin[..b].to_vec());
        }
        if let Some(map) = &mut lower_origin {
            map.extend(std::iter::repeat_n(origin[b], added));
        }
    }
    Lower {
        text: lower,
        origin: lower_origin,
    }
}

/// (byte offset, code points before it) at the first character boundary every
/// `CHECKPOINT_BYTES`, starting with (0, 0).
fn checkpoints(text: &str) -> Vec<(u32, u32)> {
    let mut marks = vec![(0, 0)];
    let (mut at, mut chars) = (0, 0);
    while at + CHECKPOINT_BYTES < text.len() {
        let mut next = at + CHECKPOINT_BYTES;
        while !text.is_char_boundary(next) {
            next += 1;
        }
        chars += text[at..next].chars().count();
        at = next;
        marks.push((at as u32, chars as u32));
    }
    marks
}

/// Finds `quote` in `doc`. `occurrence` (1-based) picks one of several
/// occurrences; without it the first is used and ambiguity is warned about.
pub fn find_quote(
    doc: &Document,
    quote: &str,
    occurrence: Option<usize>,
) -> Result<QuoteMatch, Issue> {
    let mut folded = String::with_capacity(quote.len());
    quote_fold(quote, &mut |c, _| folded.push(c));
    let pattern = folded.trim_matches(' ');
    if pattern.is_empty() {
        return Err(Issue::new(RULE_MISSING_QUOTE, "quote is empty")
            .help("copy the passage that supports the record into its quote field"));
    }
    if occurrence == Some(0) {
        return Err(Issue::new(
            RULE_INVALID_OCCURRENCE,
            "quote occurrence 0 requested; occurrences are numbered from 1",
        )
        .help("use `quote_occurrence: 1` for the first occurrence"));
    }

    let mut warnings = Vec::new();
    let exact_hits = find_all(&doc.exact, pattern);
    let (origin, hits, len, case_mismatch) = if !exact_hits.is_empty() {
        (&doc.origin[..], exact_hits, pattern.len(), false)
    } else {
        let lower_pattern: String = pattern.chars().flat_map(char::to_lowercase).collect();
        let hits = find_all(&doc.lower().text, &lower_pattern);
        if hits.is_empty() {
            return Err(not_found(doc, quote, &lower_pattern));
        }
        (doc.lower_origin(), hits, lower_pattern.len(), true)
    };
    let spans: Vec<(usize, usize)> = hits
        .iter()
        .map(|&p| doc.original_range(origin, p, p + len))
        .collect();
    let lines = || -> Vec<usize> { spans.iter().map(|&(s, _)| doc.line_of_byte(s)).collect() };

    let index = match occurrence {
        None => {
            if spans.len() > 1 {
                warnings.push(
                    Issue::new(
                        RULE_QUOTE_AMBIGUOUS,
                        format!(
                            "quote found {} times, at lines {}; the first one is used",
                            spans.len(),
                            list_lines(&lines())
                        ),
                    )
                    .help(
                        "set the record's quote_occurrence field to the occurrence number, \
                         e.g. `quote_occurrence: 2`",
                    ),
                );
            }
            0
        }
        Some(k) if k > spans.len() => {
            return Err(Issue::new(
                RULE_QUOTE_NOT_FOUND,
                format!("occurrence {k} requested, found {}", spans.len()),
            )
            .help(format!(
                "the quote occurs at line{} {}",
                if spans.len() == 1 { "" } else { "s" },
                list_lines(&lines())
            )));
        }
        Some(k) => k - 1,
    };

    let (start, end) = spans[index];
    let text = doc.text[start..end].to_string();
    if case_mismatch {
        warnings.insert(
            0,
            Issue::new(
                RULE_QUOTE_CASE_MISMATCH,
                format!(
                    "quote matches the document only when letter case is ignored \
                     (line {}); the document's own casing is used: «{}»",
                    doc.line_of_byte(start),
                    shorten(&collapse_whitespace(&text))
                ),
            )
            .help("copy the quote with the document's casing"),
        );
    }
    Ok(QuoteMatch {
        start: doc.char_of_byte(start),
        end: doc.char_of_byte(end),
        text,
        warnings,
    })
}

/// Builds the `quote-not-found` issue, with the closest passage when one is
/// similar enough.
fn not_found(doc: &Document, quote: &str, pattern: &str) -> Issue {
    let message = format!(
        "quote not found in the document: «{}»",
        shorten(&collapse_whitespace(quote.trim()))
    );
    // Only bad records come here, so the characters are collected for the edit distance
    // rather than kept in the document.
    let lower = &doc.lower().text;
    let hay: Vec<char> = lower.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let help = if hay.is_empty() {
        "the document is empty".to_string()
    } else {
        let budget = (MAX_APPROX_CELLS / hay.len()).max(1);
        let prefix_len = pattern.len().min(budget);
        if prefix_len < pattern.len() && prefix_len < MIN_APPROX_PREFIX {
            "no closest passage searched: the document is too large".to_string()
        } else {
            let prefix = &pattern[..prefix_len];
            let (distance, from, to) = closest_window(&hay, prefix);
            let similarity = (prefix_len - distance) * 100 / prefix_len;
            let (from, to) = trim_window(&hay, from, to);
            if similarity >= MIN_SIMILARITY_PERCENT && from < to {
                let byte_of = |k: usize| lower.char_indices().nth(k).map_or(0, |(b, _)| b);
                let (start, end) =
                    doc.original_range(doc.lower_origin(), byte_of(from), byte_of(to - 1) + 1);
                let (start, end) = widen_to_words(&doc.text, start, end);
                let passage = collapse_whitespace(&doc.text[start..end]);
                let what = if prefix_len < pattern.len() {
                    format!("closest passage to the quote's first {prefix_len} characters")
                } else {
                    "closest passage".to_string()
                };
                format!(
                    "{what} (line {}, {similarity}% similar): «{}»",
                    doc.line_of_byte(start),
                    shorten(&passage)
                )
            } else {
                format!(
                    "no similar passage found in the document (best candidate only {similarity}% similar)"
                )
            }
        }
    };
    Issue::new(RULE_QUOTE_NOT_FOUND, message).help(help)
}

/// Widens a byte range of `text` to whole words, so that a suggested passage
/// never starts or stops inside a word.
fn widen_to_words(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .filter(|c| c.is_alphanumeric())
    };
    let after = |i: usize| text[i..].chars().next().filter(|c| c.is_alphanumeric());
    while let (Some(c), Some(_)) = (before(start), after(start)) {
        start -= c.len_utf8();
    }
    while let (Some(_), Some(c)) = (before(end), after(end)) {
        end += c.len_utf8();
    }
    (start, end)
}

/// Sellers' semi-global edit distance: the whole pattern against any window of
/// the haystack. Returns (distance, window start, window end) of the leftmost
/// window with the smallest distance, ties going to the window whose length is
/// closest to the pattern's. `pattern` must not be empty.
fn closest_window(hay: &[char], pattern: &[char]) -> (usize, usize, usize) {
    let m = pattern.len();
    // Column of the DP table for the current haystack position: cost[i] is the
    // distance of pattern[..i] to the best window ending here, from[i] where
    // that window starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut best = (m, 0, 0);
    let mut best_gap = m;
    for (j, &h) in hay.iter().enumerate() {
        let mut diag_cost = cost[0];
        let mut diag_from = from[0];
        cost[0] = 0;
        from[0] = j + 1;
        for i in 1..=m {
            let mut c = diag_cost + usize::from(pattern[i - 1] != h);
            let mut f = diag_from;
            if cost[i - 1] + 1 < c {
                c = cost[i - 1] + 1;
                f = from[i - 1];
            }
            if cost[i] + 1 < c {
                c = cost[i] + 1;
                f = from[i];
            }
            diag_cost = cost[i];
            diag_from = from[i];
            cost[i] = c;
            from[i] = f;
        }
        // Among windows of equal distance, the one closest in length to the
        // pattern reads best (a substituted last letter, not a dropped one).
        let len_gap = (j + 1 - from[m]).abs_diff(m);
        if cost[m] < best.0 || (cost[m] == best.0 && len_gap < best_gap) {
            best = (cost[m], from[m], j + 1);
            best_gap = len_gap;
            if best.0 == 0 && best_gap == 0 {
                break;
            }
        }
    }
    best
}

/// Narrows a folded window so it neither starts nor ends with a space.
fn trim_window(hay: &[char], mut from: usize, mut to: usize) -> (usize, usize) {
    while from < to && hay[from] == ' ' {
        from += 1;
    }
    while to > from && hay[to - 1] == ' ' {
        to -= 1;
    }
    (from, to)
}

/// Start bytes of non-overlapping occurrences of `pattern` (non-empty), left
/// to right. Both texts are UTF-8, so matches fall on character boundaries.
fn find_all(hay: &str, pattern: &str) -> Vec<usize> {
    memmem::find_iter(hay.as_bytes(), pattern.as_bytes()).collect()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_SHOWN_CHARS {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(MAX_SHOWN_CHARS).collect();
        s.push('…');
        s
    }
}

fn list_lines(lines: &[usize]) -> String {
    let mut parts: Vec<String> = lines
        .iter()
        .take(MAX_LISTED_LINES)
        .map(|l| l.to_string())
        .collect();
    if lines.len() > MAX_LISTED_LINES {
        parts.push(format!("… ({} more)", lines.len() - MAX_LISTED_LINES));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests;
