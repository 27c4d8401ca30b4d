//! Locating a record's quoted evidence in its source document.
//!
//! A record's `quote` is a passage copied from its source document. Copy and
//! paste changes a few things that carry no meaning, so the search compares a
//! *folded* form of both texts and then reports the document's own span.
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

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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

/// A problem found while matching a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceIssue {
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl EvidenceIssue {
    fn new(rule: &'static str, message: String, help: Option<String>) -> Self {
        EvidenceIssue {
            rule,
            message,
            help,
        }
    }
}

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
    pub warnings: Vec<EvidenceIssue>,
}

/// A folded text: each folded character remembers the range of original
/// code points it came from.
#[derive(Debug, Clone, Default)]
struct Folded {
    chars: Vec<char>,
    start: Vec<usize>,
    end: Vec<usize>,
}

impl Folded {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.chars.push(c);
        self.start.push(start);
        self.end.push(end);
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// Original code-point range of folded positions `[from, to)`, `to > from`.
    fn original_range(&self, from: usize, to: usize) -> (usize, usize) {
        (self.start[from], self.end[to - 1])
    }
}

/// A source document prepared for repeated quote searches.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// Byte offset of every code point, plus the text length at the end.
    byte_of_char: Vec<usize>,
    /// Code-point offset where each line starts; the first is 0.
    line_starts: Vec<usize>,
    exact: Folded,
    lower: Folded,
}

impl Document {
    /// Prepares `text` (without a byte order mark) for searching.
    pub fn new(text: &str) -> Self {
        let mut byte_of_char = Vec::with_capacity(text.len() + 1);
        let mut line_starts = vec![0];
        for (i, (b, c)) in text.char_indices().enumerate() {
            byte_of_char.push(b);
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        byte_of_char.push(text.len());
        let exact = fold(text);
        let lower = lowercase(&exact);
        Document {
            text: text.to_string(),
            byte_of_char,
            line_starts,
            exact,
            lower,
        }
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.byte_of_char.len() - 1
    }

    /// 1-based line number of a code-point offset; lines end at `\n`.
    /// Offsets past the end belong to the last line.
    pub fn line_of(&self, char_offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= char_offset)
    }

    /// The original text of code points `[start, end)`, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let n = self.char_len();
        let end = end.min(n);
        let start = start.min(end);
        &self.text[self.byte_of_char[start]..self.byte_of_char[end]]
    }
}

/// Finds `quote` in `doc`. `occurrence` (1-based) picks one of several
/// occurrences; without it the first is used and ambiguity is warned about.
pub fn find_quote(
    doc: &Document,
    quote: &str,
    occurrence: Option<usize>,
) -> Result<QuoteMatch, EvidenceIssue> {
    let pattern = trim_spaces(fold(quote).chars);
    if pattern.is_empty() {
        return Err(EvidenceIssue::new(
            RULE_MISSING_QUOTE,
            "quote is empty".to_string(),
            Some("copy the passage that supports the record into its quote field".to_string()),
        ));
    }
    if occurrence == Some(0) {
        return Err(EvidenceIssue::new(
            RULE_INVALID_OCCURRENCE,
            "quote occurrence 0 requested; occurrences are numbered from 1".to_string(),
            Some("use `quote_occurrence: 1` for the first occurrence".to_string()),
        ));
    }

    let mut warnings = Vec::new();
    let lower_pattern: Vec<char> = pattern.iter().flat_map(|c| c.to_lowercase()).collect();
    let exact_hits = find_all(&doc.exact.chars, &pattern);
    let (folded, hits, len, case_mismatch) = if !exact_hits.is_empty() {
        (&doc.exact, exact_hits, pattern.len(), false)
    } else {
        let hits = find_all(&doc.lower.chars, &lower_pattern);
        if hits.is_empty() {
            return Err(not_found(doc, quote, &lower_pattern));
        }
        (&doc.lower, hits, lower_pattern.len(), true)
    };
    let spans: Vec<(usize, usize)> = hits
        .iter()
        .map(|&p| folded.original_range(p, p + len))
        .collect();
    let lines: Vec<usize> = spans.iter().map(|&(s, _)| doc.line_of(s)).collect();

    let index = match occurrence {
        None => {
            if spans.len() > 1 {
                warnings.push(EvidenceIssue::new(
                    RULE_QUOTE_AMBIGUOUS,
                    format!(
                        "quote found {} times, at lines {}; the first one is used",
                        spans.len(),
                        list_lines(&lines)
                    ),
                    Some(
                        "set the record's quote_occurrence field to the occurrence number, \
                         e.g. `quote_occurrence: 2`"
                            .to_string(),
                    ),
                ));
            }
            0
        }
        Some(k) if k > spans.len() => {
            return Err(EvidenceIssue::new(
                RULE_QUOTE_NOT_FOUND,
                format!("occurrence {k} requested, found {}", spans.len()),
                Some(format!(
                    "the quote occurs at line{} {}",
                    if spans.len() == 1 { "" } else { "s" },
                    list_lines(&lines)
                )),
            ));
        }
        Some(k) => k - 1,
    };

    let (start, end) = spans[index];
    let text = doc.slice(start, end).to_string();
    if case_mismatch {
        warnings.insert(
            0,
            EvidenceIssue::new(
                RULE_QUOTE_CASE_MISMATCH,
                format!(
                    "quote matches the document only when letter case is ignored \
                     (line {}); the document's own casing is used: «{}»",
                    doc.line_of(start),
                    shorten(&collapse_whitespace(&text))
                ),
                Some("copy the quote with the document's casing".to_string()),
            ),
        );
    }
    Ok(QuoteMatch {
        start,
        end,
        text,
        warnings,
    })
}

/// Builds the `quote-not-found` issue, with the closest passage when one is
/// similar enough.
fn not_found(doc: &Document, quote: &str, pattern: &[char]) -> EvidenceIssue {
    let message = format!(
        "quote not found in the document: «{}»",
        shorten(&collapse_whitespace(quote.trim()))
    );
    let hay = &doc.lower.chars;
    let help = if hay.is_empty() {
        "the document is empty".to_string()
    } else {
        let budget = (MAX_APPROX_CELLS / hay.len()).max(1);
        let prefix_len = pattern.len().min(budget);
        if prefix_len < pattern.len() && prefix_len < MIN_APPROX_PREFIX {
            "no closest passage searched: the document is too large".to_string()
        } else {
            let prefix = &pattern[..prefix_len];
            let (distance, from, to) = closest_window(hay, prefix);
            let similarity = (prefix_len - distance) * 100 / prefix_len;
            let (from, to) = trim_window(hay, from, to);
            if similarity >= MIN_SIMILARITY_PERCENT && from < to {
                let (start, end) = doc.lower.original_range(from, to);
                let (start, end) = widen_to_words(doc, start, end);
                let passage = collapse_whitespace(doc.slice(start, end));
                let what = if prefix_len < pattern.len() {
                    format!("closest passage to the quote's first {prefix_len} characters")
                } else {
                    "closest passage".to_string()
                };
                format!(
                    "{what} (line {}, {similarity}% similar): «{}»",
                    doc.line_of(start),
                    shorten(&passage)
                )
            } else {
                format!(
                    "no similar passage found in the document (best candidate only {similarity}% similar)"
                )
            }
        }
    };
    EvidenceIssue::new(RULE_QUOTE_NOT_FOUND, message, Some(help))
}

/// Widens a code-point range of the document to whole words, so that a suggested passage
/// never starts or stops inside a word.
fn widen_to_words(doc: &Document, start: usize, end: usize) -> (usize, usize) {
    let chars: Vec<char> = doc.text().chars().collect();
    let in_word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut s = start.min(chars.len());
    while s > 0 && in_word(s - 1) && in_word(s) {
        s -= 1;
    }
    let mut e = end.min(chars.len());
    while e < chars.len() && e > 0 && in_word(e - 1) && in_word(e) {
        e += 1;
    }
    (s, e)
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

/// Start positions of non-overlapping occurrences of `pattern` (non-empty),
/// left to right (Knuth–Morris–Pratt).
fn find_all(hay: &[char], pattern: &[char]) -> Vec<usize> {
    let m = pattern.len();
    let mut hits = Vec::new();
    if m == 0 || m > hay.len() {
        return hits;
    }
    let mut fail = vec![0usize; m];
    let mut k = 0;
    for i in 1..m {
        while k > 0 && pattern[i] != pattern[k] {
            k = fail[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut k = 0;
    for (j, &c) in hay.iter().enumerate() {
        while k > 0 && c != pattern[k] {
            k = fail[k - 1];
        }
        if c == pattern[k] {
            k += 1;
        }
        if k == m {
            hits.push(j + 1 - m);
            k = 0;
        }
    }
    hits
}

/// Maps one NFC character to its folded equivalent.
fn fold_char(c: char) -> char {
    if c.is_whitespace() {
        return ' ';
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2039}' | '\u{203A}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' => '-',
        _ => c,
    }
}

/// Whether `c` may combine with or reorder against the character before it,
/// so that it must be normalized together with it.
fn continues_cluster(c: char) -> bool {
    !c.is_ascii()
        && (canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) == IsNormalized::Maybe)
}

/// Folds a text: NFC per cluster, character equivalences, whitespace runs to
/// one space, whitespace next to a double quote mark dropped.
fn fold(text: &str) -> Folded {
    let chars: Vec<char> = text.chars().collect();
    let mut raw = Folded::default();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i + 1;
        while j < chars.len() && continues_cluster(chars[j]) {
            j += 1;
        }
        if j == i + 1 && chars[i].is_ascii() {
            raw.push(fold_char(chars[i]), i, j);
        } else {
            for c in chars[i..j].iter().copied().nfc() {
                raw.push(fold_char(c), i, j);
            }
        }
        i = j;
    }

    let mut out = Folded::default();
    let mut k = 0;
    while k < raw.len() {
        if raw.chars[k] != ' ' {
            out.push(raw.chars[k], raw.start[k], raw.end[k]);
            k += 1;
            continue;
        }
        let mut r = k;
        while r < raw.len() && raw.chars[r] == ' ' {
            r += 1;
        }
        let after_quote = out.chars.last() == Some(&'"');
        let before_quote = raw.chars.get(r) == Some(&'"');
        if !after_quote && !before_quote {
            out.push(' ', raw.start[k], raw.end[r - 1]);
        }
        k = r;
    }
    out
}

/// Lower-cased copy of a folded text, keeping the map to the original.
fn lowercase(folded: &Folded) -> Folded {
    let mut out = Folded::default();
    for k in 0..folded.len() {
        for c in folded.chars[k].to_lowercase() {
            out.push(c, folded.start[k], folded.end[k]);
        }
    }
    out
}

fn trim_spaces(mut chars: Vec<char>) -> Vec<char> {
    while chars.last() == Some(&' ') {
        chars.pop();
    }
    let lead = chars.iter().take_while(|&&c| c == ' ').count();
    chars.drain(..lead);
    chars
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
mod tests {
    use super::*;

    fn found(doc_text: &str, quote: &str) -> QuoteMatch {
        let doc = Document::new(doc_text);
        let m = find_quote(&doc, quote, None)
            .unwrap_or_else(|e| panic!("expected {quote:?} to match: {e:?}"));
        assert_slices(&doc, &m);
        m
    }

    fn not_found_issue(doc_text: &str, quote: &str) -> EvidenceIssue {
        let doc = Document::new(doc_text);
        match find_quote(&doc, quote, None) {
            Ok(m) => panic!("expected {quote:?} not to match, got {m:?}"),
            Err(e) => e,
        }
    }

    /// The reported offsets are code points of the original text.
    fn assert_slices(doc: &Document, m: &QuoteMatch) {
        let by_chars: String = doc
            .text()
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect();
        assert_eq!(by_chars, m.text);
    }

    #[test]
    fn exact_match_offsets() {
        let m = found("one two three", "two");
        assert_eq!((m.start, m.end, m.text.as_str()), (4, 7, "two"));
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn offsets_count_code_points_with_multibyte_text() {
        let text = "Çavuşoğlu a déclaré « 😀 » que l’agression doit s’arrêter.";
        let m = found(text, "que l'agression doit");
        assert_eq!(m.text, "que l’agression doit");
        let expected_start = text.chars().position(|c| c == 'q').unwrap();
        assert_eq!(m.start, expected_start);
        assert_eq!(m.end - m.start, "que l’agression doit".chars().count());
    }

    #[test]
    fn nfd_document_matches_nfc_quote() {
        let doc = "le re\u{301}gime syrien a de\u{301}clare\u{301}";
        let m = found(doc, "régime syrien a déclaré");
        assert_eq!(m.text, "re\u{301}gime syrien a de\u{301}clare\u{301}");
        assert_eq!(m.end, doc.chars().count());
    }

    #[test]
    fn nfc_document_matches_nfd_quote() {
        let m = found(
            "le régime syrien a déclaré",
            "re\u{301}gime syrien a de\u{301}clare\u{301}",
        );
        assert_eq!(m.text, "régime syrien a déclaré");
        assert_eq!(m.start, 3);
    }

    #[test]
    fn base_letter_does_not_match_letter_with_accent() {
        let e = not_found_issue("un cafe\u{301} noir", "un cafe noir");
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    }

    #[test]
    fn nbsp_and_unicode_spaces_match_plain_space() {
        let m = found(
            "au\u{a0}Royaume-Uni, le\u{202f}16\u{2009}février",
            "au Royaume-Uni, le 16 février",
        );
        assert_eq!(m.text, "au\u{a0}Royaume-Uni, le\u{202f}16\u{2009}février");
        let m = found("au Royaume-Uni", "au\u{a0}Royaume-Uni");
        assert_eq!(m.text, "au Royaume-Uni");
    }

    #[test]
    fn line_break_and_tabs_inside_quote() {
        let text = "first line ends here\nand the\r\n\tsecond   continues";
        let m = found(text, "ends here and the second continues");
        assert_eq!(m.text, "ends here\nand the\r\n\tsecond   continues");
        let m = found("ends here and the second", "ends\nhere  and\tthe second");
        assert_eq!(m.text, "ends here and the second");
    }

    #[test]
    fn surrounding_whitespace_in_quote_is_ignored() {
        let m = found("alpha beta gamma", "  \n beta\u{a0} ");
        assert_eq!((m.start, m.end, m.text.as_str()), (6, 10, "beta"));
    }

    #[test]
    fn whitespace_is_neither_invented_nor_dropped() {
        assert_eq!(
            not_found_issue("a lot of", "alot of").rule,
            RULE_QUOTE_NOT_FOUND
        );
        assert_eq!(
            not_found_issue("alot of", "a lot of").rule,
            RULE_QUOTE_NOT_FOUND
        );
    }

    #[test]
    fn typographic_and_straight_apostrophes_are_equal() {
        assert_eq!(
            found("la province d’Alep", "province d'Alep").text,
            "province d’Alep"
        );
        assert_eq!(
            found("la province d'Alep", "province d’Alep").text,
            "province d'Alep"
        );
        assert_eq!(
            found("la province dʼAlep", "province d‘Alep").text,
            "province dʼAlep"
        );
        assert_eq!(
            found("la province d′Alep", "province d'Alep").text,
            "province d′Alep"
        );
    }

    #[test]
    fn apostrophe_is_not_a_double_quote() {
        assert_eq!(
            not_found_issue("he said 'no'", "he said \"no\"").rule,
            RULE_QUOTE_NOT_FOUND
        );
    }

    #[test]
    fn closing_mark_used_as_opening_quote() {
        let text = "plus tard. ”Le régime progresse”, a-t-il dit.";
        let m = found(text, "\"Le régime progresse\", a-t-il dit");
        assert_eq!(m.text, "”Le régime progresse”, a-t-il dit");
        let m = found(text, "“Le régime progresse”");
        assert_eq!(m.text, "”Le régime progresse”");
    }

    #[test]
    fn guillemets_with_and_without_inner_spaces() {
        let m = found(
            "la Turquie «s’en occuperait» avant",
            "la Turquie « s'en occuperait » avant",
        );
        assert_eq!(m.text, "la Turquie «s’en occuperait» avant");
        let m = found(
            "la Turquie « s’en occuperait » avant",
            "Turquie «s'en occuperait»",
        );
        assert_eq!(m.text, "Turquie « s’en occuperait »");
        let m = found(
            "la Turquie «\u{202f}s’en occuperait\u{a0}» avant",
            "\"s'en occuperait\"",
        );
        assert_eq!(m.text, "«\u{202f}s’en occuperait\u{a0}»");
    }

    #[test]
    fn non_breaking_hyphen_matches_hyphen_but_dashes_stay_distinct() {
        let m = found("le Royaume\u{2011}Uni", "Royaume-Uni");
        assert_eq!(m.text, "Royaume\u{2011}Uni");
        assert_eq!(
            found("le Royaume-Uni", "Royaume\u{2011}Uni").text,
            "Royaume-Uni"
        );
        assert_eq!(
            not_found_issue("pages 3\u{2013}5", "pages 3-5").rule,
            RULE_QUOTE_NOT_FOUND
        );
        assert_eq!(
            not_found_issue("oui \u{2014} non", "oui - non").rule,
            RULE_QUOTE_NOT_FOUND
        );
    }

    #[test]
    fn changed_letter_is_not_forgiven() {
        let e = not_found_issue(
            "les forces syriennes ont progressé",
            "les forces syriennes ont progresse",
        );
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    }

    #[test]
    fn missing_word_is_not_forgiven() {
        let e = not_found_issue(
            "les forces syriennes ont progressé",
            "les forces ont progressé",
        );
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    }

    #[test]
    fn different_punctuation_is_not_forgiven() {
        let e = not_found_issue("ils ont avancé, puis reculé", "ils ont avancé; puis reculé");
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    }

    #[test]
    fn case_mismatch_matches_with_warning_and_document_casing() {
        let m = found(
            "Hier, La Maison Blanche a déclaré",
            "la maison blanche a DÉCLARÉ",
        );
        assert_eq!(m.text, "La Maison Blanche a déclaré");
        assert_eq!(m.warnings.len(), 1);
        assert_eq!(m.warnings[0].rule, RULE_QUOTE_CASE_MISMATCH);
        assert!(m.warnings[0].message.contains("document's own casing"));
        assert!(m.warnings[0]
            .message
            .contains("La Maison Blanche a déclaré"));
    }

    #[test]
    fn exact_case_preferred_over_case_insensitive_hit() {
        let m = found("la Maison. La maison.", "La maison");
        assert_eq!(m.start, 11);
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn ambiguous_quote_warns_and_uses_first() {
        let text = "Idlib tombe.\nrien\nIdlib tombe.\nIdlib tombe.";
        let m = found(text, "Idlib tombe");
        assert_eq!(m.start, 0);
        assert_eq!(m.warnings.len(), 1);
        let w = &m.warnings[0];
        assert_eq!(w.rule, RULE_QUOTE_AMBIGUOUS);
        assert!(
            w.message.contains("found 3 times, at lines 1, 3, 4"),
            "{}",
            w.message
        );
        assert!(w.help.as_deref().unwrap().contains("quote_occurrence: 2"));
    }

    #[test]
    fn case_mismatch_and_ambiguity_both_reported() {
        let m = found("ALEP tombe. ALEP tombe.", "alep tombe");
        let rules: Vec<_> = m.warnings.iter().map(|w| w.rule).collect();
        assert_eq!(rules, vec![RULE_QUOTE_CASE_MISMATCH, RULE_QUOTE_AMBIGUOUS]);
    }

    #[test]
    fn occurrence_selects_kth_without_warning() {
        let text = "Idlib tombe.\nrien\nIdlib tombe.\nIdlib tombe.";
        let doc = Document::new(text);
        let m = find_quote(&doc, "Idlib tombe", Some(2)).unwrap();
        assert_eq!(doc.line_of(m.start), 3);
        assert_eq!(m.start, 18);
        assert_slices(&doc, &m);
        assert!(m.warnings.is_empty());
        let m = find_quote(&doc, "Idlib tombe", Some(3)).unwrap();
        assert_eq!(doc.line_of(m.start), 4);
    }

    #[test]
    fn occurrence_beyond_count_is_an_error() {
        let doc = Document::new("Idlib tombe. Idlib tombe.");
        let e = find_quote(&doc, "Idlib tombe", Some(3)).unwrap_err();
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
        assert_eq!(e.message, "occurrence 3 requested, found 2");
    }

    #[test]
    fn occurrence_zero_is_invalid() {
        let doc = Document::new("Idlib tombe.");
        let e = find_quote(&doc, "Idlib tombe", Some(0)).unwrap_err();
        assert_eq!(e.rule, RULE_INVALID_OCCURRENCE);
    }

    #[test]
    fn occurrences_do_not_overlap() {
        let doc = Document::new("aaaa");
        assert!(find_quote(&doc, "aa", Some(2)).is_ok());
        let e = find_quote(&doc, "aa", Some(3)).unwrap_err();
        assert_eq!(e.message, "occurrence 3 requested, found 2");
    }

    #[test]
    fn not_found_help_points_at_closest_passage() {
        let text = "Titre\n\nPremier paragraphe sans rapport avec la citation.\n\n\
                    Le pays a exhorté la Russie à arrêter les attaques, avertissant qu’elle \
                    utiliserait la puissance militaire.\n\nDernier paragraphe.";
        let quote = "Le pays a exhorte la Russie à arrêter les attaques";
        let e = not_found_issue(text, quote);
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
        let help = e.help.unwrap();
        assert!(
            help.starts_with("closest passage (line 5, 98% similar): «"),
            "{help}"
        );
        assert!(
            help.contains("Le pays a exhorté la Russie à arrêter les attaques»"),
            "{help}"
        );
    }

    #[test]
    fn not_found_with_missing_word_still_suggests() {
        let text = "a\nb\nc\nDes sources militaires rebelles ont déclaré que des combattants";
        let e = not_found_issue(text, "Des sources rebelles ont déclaré que des combattants");
        let help = e.help.unwrap();
        // Edit distance aligns the quote's first words with the inserted one,
        // so the passage starts there; the line is what matters.
        assert!(help.starts_with("closest passage (line 4,"), "{help}");
        assert!(
            help.contains("rebelles ont déclaré que des combattants»"),
            "{help}"
        );
    }

    #[test]
    fn dissimilar_quote_gets_no_suggestion() {
        let e = not_found_issue(
            "Les rebelles soutenus par la Turquie ont lancé une opération.",
            "Quarterly earnings exceeded analyst expectations",
        );
        let help = e.help.unwrap();
        assert!(help.starts_with("no similar passage found"), "{help}");
    }

    #[test]
    fn empty_document_is_reported() {
        let e = not_found_issue("", "quelque chose");
        assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
        assert_eq!(e.help.as_deref(), Some("the document is empty"));
    }

    #[test]
    fn empty_or_blank_quote_is_missing() {
        let doc = Document::new("texte");
        for q in ["", "   ", "\n\t\u{a0}"] {
            assert_eq!(
                find_quote(&doc, q, None).unwrap_err().rule,
                RULE_MISSING_QUOTE
            );
        }
    }

    #[test]
    fn line_of_counts_from_one() {
        let doc = Document::new("ab\ncd\r\n\nef");
        assert_eq!(doc.line_of(0), 1);
        assert_eq!(doc.line_of(2), 1);
        assert_eq!(doc.line_of(3), 2);
        assert_eq!(doc.line_of(7), 3);
        assert_eq!(doc.line_of(8), 4);
        assert_eq!(doc.line_of(1000), 4);
        assert_eq!(Document::new("").line_of(0), 1);
    }

    #[test]
    fn closest_window_finds_substituted_window() {
        let hay: Vec<char> = "xxxxhellqxxxx".chars().collect();
        let pat: Vec<char> = "hello".chars().collect();
        assert_eq!(closest_window(&hay, &pat), (1, 4, 9));
    }

    #[test]
    fn closest_passage_in_a_large_document() {
        // Deterministic pseudo-text of about 40 KB with a distinctive sentence
        // on a known line.
        let words = [
            "les", "forces", "du", "régime", "ont", "avancé", "vers", "Idlib", "et", "Alep",
        ];
        let mut seed: u32 = 7;
        let mut text = String::new();
        for line in 0..400 {
            if line == 250 {
                text.push_str("Le convoi de 100 véhicules de renforts a été déployé à Idlib.\n");
                continue;
            }
            for _ in 0..14 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(words[(seed >> 16) as usize % words.len()]);
                text.push(' ');
            }
            text.push('\n');
        }
        let e = not_found_issue(
            &text,
            "Le convoi de 100 vehicules de renforts a ete deploye a Idlib.",
        );
        let help = e.help.unwrap();
        assert!(help.starts_with("closest passage (line 251,"), "{help}");
        assert!(
            help.contains("«Le convoi de 100 véhicules de renforts a été déployé à Idlib.»"),
            "{help}"
        );
    }

    /// Two passages of the bundled article, as they appear there.
    const ARTICLE: &str = "Le week-end dernier, il a semblé vouloir écourter son ultimatum, \
affirmant que la Turquie «s’en occuperait» avant la fin du mois s’il n’y avait pas de recul.\n\n\
”Le régime (syrien) progresse très rapidement dans cette région”, a-t-il déclaré. \
“Les factions se sont retirées de la majeure partie de la région”, a-t-il ajouté.\n";

    #[test]
    fn article_quotes_typed_with_straight_marks() {
        let doc = Document::new(ARTICLE);
        let m = find_quote(
            &doc,
            "affirmant que la Turquie \"s'en occuperait\" avant la fin du mois s'il n'y avait pas de recul.",
            None,
        )
        .unwrap();
        assert_slices(&doc, &m);
        assert!(m.text.starts_with("affirmant que la Turquie «s’en"));
        assert!(m.text.ends_with("s’il n’y avait pas de recul."));
        assert_eq!(doc.line_of(m.start), 1);
        assert!(m.warnings.is_empty());

        let m = find_quote(
            &doc,
            "\"Le régime (syrien) progresse très rapidement dans cette région\", a-t-il déclaré.",
            None,
        )
        .unwrap();
        assert_slices(&doc, &m);
        assert!(m.text.starts_with("”Le régime (syrien)"));
        assert!(m.text.ends_with("région”, a-t-il déclaré."));
        assert_eq!(doc.line_of(m.start), 3);

        let m = find_quote(&doc, "la Turquie « s'en occuperait »", None).unwrap();
        assert_eq!(m.text, "la Turquie «s’en occuperait»");
    }

    #[test]
    fn article_typo_is_reported_with_line() {
        let doc = Document::new(ARTICLE);
        let e = find_quote(
            &doc,
            "Les factions se sont retirés de la majeure partie",
            None,
        )
        .unwrap_err();
        let help = e.help.unwrap();
        assert!(help.starts_with("closest passage (line 3,"), "{help}");
        assert!(
            help.contains("Les factions se sont retirées de la majeure partie"),
            "{help}"
        );
    }
}
