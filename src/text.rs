//! Text folding, in one place: how eventc compares what a coder typed with the dictionary, the
//! date grammar and the source document. Each comparison forgives a different amount, on
//! purpose:
//!
//! | fold | forgives | used for |
//! |---|---|---|
//! | [`name_key`] | case, accents, punctuation, initials' dots, one leading article | actor and place names |
//! | [`date_words`] | case, accents, typographic apostrophes and dashes, commas, abbreviation dots | the date grammar |
//! | [`quote_fold`] | only what copy and paste changes: white space, typographic quote marks, Unicode normalization (table in `normalize::evidence`) | evidence quotes |
//!
//! The character classes they share are defined once, below.

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Apostrophes as keyboards, word processors and transliterations write them.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{2032}' | '`' | '\u{00B4}'
    )
}

/// Hyphens and dashes (U+2010..U+2015, minus sign), for text where they mean the same.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Lower case, with letters that have no Unicode decomposition folded to their base letters
/// (ı ł ø đ ð ħ ß æ œ þ), as typists without the letter write them.
fn lower_base(c: char, mut out: impl FnMut(char)) {
    for l in c.to_lowercase() {
        match l {
            'ı' => out('i'),
            'ł' => out('l'),
            'ø' => out('o'),
            'đ' | 'ð' => out('d'),
            'ħ' => out('h'),
            'ß' => "ss".chars().for_each(&mut out),
            'æ' => "ae".chars().for_each(&mut out),
            'œ' => "oe".chars().for_each(&mut out),
            'þ' => "th".chars().for_each(&mut out),
            l => out(l),
        }
    }
}

/// The matching key of a name: NFKD with combining marks dropped, letters without a
/// decomposition folded, lower case, apostrophes made `'`, dots of initials dropped
/// (`U.N.` = `UN`), other punctuation, hyphens and underscores made spaces, apostrophes at word
/// edges dropped, runs of single letters joined (`R. T.` = `RT`), one leading article dropped
/// (`the`, `le`, `la`, `les`, `l'`, also glued: `l'Iran`), joiners, byte-order marks and soft
/// hyphens dropped, whitespace collapsed (a no-break space is one). U+FFFD is kept
/// so that a damaged name stays visible. Articles inside a name (`de`, `d'`, `al-`) are kept.
///
/// Two passes, two allocations: it runs for every actor name of every record.
pub fn name_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    // The last two characters as mapped, a dropped dot as NUL: whether a dot ends an initial
    // depends on them, not on what is left after dropping.
    let (mut p1, mut p2) = (' ', ' ');
    let mut emit = |c: char| {
        let c = match c {
            // Dropped after a lone letter (initials, "U.N."), a space otherwise ("Mr.Obama").
            '.' if p1.is_alphanumeric() && !p2.is_alphanumeric() => '\0',
            '.' => ' ',
            c => c,
        };
        if c != '\0' {
            folded.push(c);
        }
        (p2, p1) = (p1, c);
    };
    let mut map = |c: char| match c {
        // Invisible and never between words (a pasted name may carry them): dropped. A zero
        // width space marks a break, so it is a space like any other.
        '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
        c if is_apostrophe(c) => emit('\''),
        '.' | '\u{FFFD}' => emit(c),
        c if c.is_alphanumeric() => lower_base(c, &mut emit),
        _ => emit(' '),
    };
    if name.is_ascii() {
        name.chars().for_each(&mut map);
    } else {
        name.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .for_each(&mut map);
    }

    let mut words = folded.split_whitespace().peekable();
    let first = words.next().and_then(|first| {
        let article = matches!(first, "the" | "le" | "la" | "les" | "l'");
        if article && words.peek().is_some() {
            return None;
        }
        match first.strip_prefix("l'") {
            Some(rest) if !rest.trim_matches('\'').is_empty() => Some(rest),
            _ => Some(first),
        }
    });
    // Runs of single letters are initials written with spaces ("R. T." = "R.T." = "RT").
    let mut out = String::with_capacity(folded.len());
    let mut prev_single = false;
    for w in first.into_iter().chain(words) {
        let w = w.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        let mut letters = w.chars();
        let single =
            matches!((letters.next(), letters.next()), (Some(c), None) if c.is_alphabetic());
        if !(out.is_empty() || single && prev_single) {
            out.push(' ');
        }
        out.push_str(w);
        prev_single = single;
    }
    out
}

/// A date as the grammar reads it: lower case, accents dropped (canonical decomposition only,
/// so full-width or Arabic-Indic digits are not silently made ASCII), apostrophes made `'`,
/// dashes made `-`, commas and abbreviation dots dropped, one trailing period ignored,
/// whitespace collapsed.
pub fn date_words(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_suffix('.').unwrap_or(t);
    let mut lowered: Vec<char> = Vec::with_capacity(t.len());
    if t.is_ascii() {
        lowered.extend(t.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        t.nfd()
            .filter(|c| !is_combining_mark(*c))
            .for_each(|c| lower_base(c, |l| lowered.push(l)));
    }
    let mut out = String::with_capacity(lowered.len());
    let mut prev = ' ';
    for c in lowered {
        let mapped = match c {
            c if is_apostrophe(c) => '\'',
            c if is_dash(c) => '-',
            ',' => ' ',
            '.' if prev.is_alphabetic() => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if mapped == ' ' && (out.is_empty() || out.ends_with(' ')) {
            prev = ' ';
            continue;
        }
        out.push(mapped);
        prev = mapped;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The quote fold: what copy and paste may change in a passage, undone, so that a coder's quote
/// and its document can be compared (the table of what it forgives is in
/// `normalize::evidence`). Each cluster of a character and the marks that combine with it is
/// put in NFC, then each character is mapped by [`quote_char`]; a run of whitespace becomes one
/// space, none next to a double quote mark. Letter case is kept.
///
/// `emit` receives each folded character with the byte offset in `text` of the cluster it
/// comes from (a space: of its run's first cluster), so that a match can be mapped back to the
/// text; [`quote_cluster_end`] gives the end of that cluster.
pub fn quote_fold(text: &str, out: &mut impl Folded) {
    let mut out = SpaceRuns {
        out,
        space: None,
        last: None,
    };
    let bytes = text.as_bytes();
    let ascii_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut start = 0;
    while start < bytes.len() {
        // Most of a document is ASCII: characters of their own, mapped to themselves, handed
        // on a run at a time. A run stops at white space, and short of the last character when
        // a non-ASCII one follows, which may be a mark combining with it.
        let run = bytes[start..]
            .iter()
            .position(|&b| !b.is_ascii() || ascii_space(b))
            .map_or(bytes.len(), |n| start + n);
        let run = if run < bytes.len() && !bytes[run].is_ascii() {
            run.saturating_sub(1).max(start)
        } else {
            run
        };
        if run > start {
            out.run(&text[start..run], start);
            start = run;
            continue;
        }
        if ascii_space(bytes[start]) && bytes.get(start + 1).is_none_or(u8::is_ascii) {
            out.push(' ', start);
            start += 1;
            continue;
        }
        let mut chars = text[start..].chars();
        let c = chars.next().expect("start is a character boundary");
        let mut end = start + c.len_utf8();
        for next in chars {
            if !continues_cluster(next) {
                break;
            }
            end += next.len_utf8();
        }
        let single = end == start + c.len_utf8();
        if single && (c.is_ascii() || is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes) {
            out.push(quote_char(c), start);
        } else {
            for n in text[start..end].nfc() {
                out.push(quote_char(n), start);
            }
        }
        start = end;
    }
    out.finish();
}

/// What receives the quote fold: each folded character with the byte offset of the cluster it
/// comes from; runs of ASCII characters that fold to themselves may come whole.
pub trait Folded {
    fn char(&mut self, c: char, at: usize);

    /// `run` (ASCII, no white space) starts at byte `at`; each character is its own origin.
    fn ascii(&mut self, run: &str, at: usize) {
        for (i, c) in run.char_indices() {
            self.char(c, at + i);
        }
    }
}

impl<F: FnMut(char, usize)> Folded for F {
    fn char(&mut self, c: char, at: usize) {
        self(c, at)
    }
}

/// End (byte offset) of the cluster that starts at byte `start` of `text`, as [`quote_fold`]
/// groups them.
pub fn quote_cluster_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .skip(1)
        .find(|&(_, c)| !continues_cluster(c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// Maps one NFC character of a quote or document to its folded equivalent.
fn quote_char(c: char) -> char {
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

/// Whether `c` may combine with or reorder against the character before it, so that it must
/// be normalized together with it.
fn continues_cluster(c: char) -> bool {
    !c.is_ascii()
        && (canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) == IsNormalized::Maybe)
}

/// Collapses runs of folded spaces as they are emitted: one space per run, none next to a
/// double quote mark (`« x »` and `«x»` are both typed).
struct SpaceRuns<'a, F> {
    out: &'a mut F,
    /// Origin of the pending run of spaces, if one is pending.
    space: Option<usize>,
    last: Option<char>,
}

impl<F: Folded> SpaceRuns<'_, F> {
    /// A pending space goes out before `next`, unless a double quote mark is on either side.
    fn flush_space(&mut self, next: char) {
        if let Some(at) = self.space.take() {
            if next != '"' && self.last != Some('"') {
                self.out.char(' ', at);
            }
        }
    }

    fn push(&mut self, c: char, origin: usize) {
        if c == ' ' {
            self.space.get_or_insert(origin);
            return;
        }
        self.flush_space(c);
        self.out.char(c, origin);
        self.last = Some(c);
    }

    fn run(&mut self, run: &str, origin: usize) {
        let first = char::from(run.as_bytes()[0]);
        self.flush_space(first);
        self.out.ascii(run, origin);
        self.last = run.chars().next_back();
    }

    fn finish(mut self) {
        if let Some(at) = self.space.take() {
            if self.last != Some('"') {
                self.out.char(' ', at);
            }
        }
    }
}

/// The `n` candidates most similar to `word` (normalized Damerau-Levenshtein, case-folded),
/// best first, above a similarity floor so that unrelated names are never offered.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>, n: usize) -> Vec<String> {
    let w = word.to_lowercase();
    let wlen = w.chars().count();
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|c| {
            // Half the longer length apart already puts the similarity under the floor: no
            // need to compute it. (Lower case only ever lengthens a name, and not an ASCII one.)
            let clen = c.chars().count();
            if 2 * wlen.min(clen) < wlen.max(clen) && (clen >= wlen || c.is_ascii()) {
                return None;
            }
            let lower: std::borrow::Cow<str> = if c.chars().any(char::is_uppercase) {
                c.to_lowercase().into()
            } else {
                c.into()
            };
            let s = strsim::normalized_damerau_levenshtein(&w, &lower);
            (s >= 0.5).then_some((s, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// The name of a character that cannot be seen or only looks like an ASCII one, and what to
/// do about it: such a character has no place in a code, an id or a field name.
pub fn invisible(ch: char) -> Option<(String, String)> {
    let retype = || "delete it: retype the value, or copy it from a plain-text source".to_string();
    let named = |name: &str| Some((name.to_string(), retype()));
    match ch {
        '\u{200B}' => named("ZERO WIDTH SPACE"),
        '\u{200C}' => named("ZERO WIDTH NON-JOINER"),
        '\u{200D}' => named("ZERO WIDTH JOINER"),
        '\u{2060}' => named("WORD JOINER"),
        '\u{FEFF}' => named("ZERO WIDTH NO-BREAK SPACE (byte-order mark)"),
        '\u{00AD}' => named("SOFT HYPHEN"),
        '\u{00A0}' => named("NO-BREAK SPACE"),
        '\u{202F}' => named("NARROW NO-BREAK SPACE"),
        '\u{200E}' => named("LEFT-TO-RIGHT MARK"),
        '\u{200F}' => named("RIGHT-TO-LEFT MARK"),
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '\u{FF10}'..='\u{FF19}' => {
            let (kind, zero) = match ch {
                '\u{0660}'..='\u{0669}' => ("ARABIC-INDIC DIGIT", 0x0660),
                '\u{06F0}'..='\u{06F9}' => ("EXTENDED ARABIC-INDIC DIGIT", 0x06F0),
                _ => ("FULLWIDTH DIGIT", 0xFF10),
            };
            let value = ch as u32 - zero;
            Some((
                format!("{kind} {}", DIGITS[value as usize]),
                format!("write the ASCII digit `{value}`"),
            ))
        }
        '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            let ascii = char::from_u32(ch as u32 - 0xFF21 + 0x41)?;
            let (case, letter) = if ch >= '\u{FF41}' {
                ("SMALL", ascii.to_ascii_lowercase())
            } else {
                ("CAPITAL", ascii)
            };
            Some((
                format!(
                    "FULLWIDTH LATIN {case} LETTER {}",
                    ascii.to_ascii_uppercase()
                ),
                format!("write the ASCII letter `{letter}`"),
            ))
        }
        // Other format characters (bidirectional controls and the like) and spaces that are
        // not the ASCII space.
        '\u{2000}'..='\u{200A}' | '\u{2028}'..='\u{202E}' | '\u{2061}'..='\u{206F}' => {
            let kind = if ch.is_whitespace() {
                "SPACE CHARACTER"
            } else {
                "FORMAT CHARACTER"
            };
            named(kind)
        }
        c if c.is_control() => named("CONTROL CHARACTER"),
        _ => None,
    }
}

const DIGITS: [&str; 10] = [
    "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_words_fold_what_the_grammar_ignores() {
        assert_eq!(
            date_words("  Dimanche 16 FÉVRIER, 2020. "),
            "dimanche 16 fevrier 2020"
        );
        assert_eq!(date_words("aujourd’hui"), "aujourd'hui");
        assert_eq!(date_words("3–16 févr. 2020"), "3-16 fevr 2020");
        assert_eq!(date_words("16.02.2020"), "16.02.2020");
        assert_eq!(date_words("Sœur"), "soeur");
        // Full-width digits are not made ASCII: the grammar refuses them instead of guessing.
        assert_eq!(date_words("２０２０"), "２０２０");
    }

    #[test]
    fn name_keys_meet_across_spellings() {
        assert_eq!(
            name_key("Recep Tayyip Erdoğan"),
            name_key("recep tayyip erdogan")
        );
        assert_eq!(name_key("l'Iran"), "iran");
        assert_eq!(name_key("U.N."), name_key("UN"));
        // Pasted from the web: no-break spaces, a joiner, a soft hyphen, a byte-order mark.
        assert_eq!(name_key("la\u{a0}Turquie"), "turquie");
        assert_eq!(name_key("\u{feff}Er\u{ad}do\u{200d}ğan"), "erdogan");
        assert_eq!(
            name_key("Bachar\u{202f}al-Assad"),
            name_key("Bachar al-Assad")
        );
    }
}
