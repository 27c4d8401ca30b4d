//! What the table schema (`schema/events.schema.json`) says of each field, and the one rule it
//! cannot say: a record needs a source, by name or by code.

use super::Check;

pub(super) fn check_schema(c: &mut Check) {
    for v in c.cb.table.check(|name| c.rec.get(name)) {
        let (rule, message) = if v.required {
            ("missing-required", format!("`{}` is required", v.field))
        } else {
            (
                "constraint-violation",
                format!("`{}` does not meet the schema: {}", v.field, v.note),
            )
        };
        c.diag(rule, &v.field, message);
    }
    if c.value("source").is_empty() && c.value("source_code").is_empty() {
        c.diag(
            "missing-required",
            "source",
            "one of `source` or `source_code` is required",
        )
        .help
        .push("write the actor's name as the document gives it, or its CAMEO code".into());
    }
}

/// Ids and codes: plain ASCII in practice, where a character that cannot be seen or only looks
/// like a digit makes a value that matches nothing, or two ids that look alike but differ.
const CODES_AND_IDS: [&str; 6] = [
    "event_id",
    "doc_id",
    "event_code",
    "source_code",
    "target_code",
    "coder",
];

/// Report every invisible or look-alike character inside an id or a code (not the spaces
/// around it, which are trimmed), by name and character column.
pub(super) fn check_invisible(c: &mut Check) {
    for field in CODES_AND_IDS {
        let raw = c.rec.get(field);
        let lead = raw.len() - raw.trim_start().len();
        let inner = raw.trim();
        for (col, ch) in inner.chars().enumerate() {
            let Some((name, help)) = suspicious(ch) else {
                continue;
            };
            let column = raw[..lead].chars().count() + col + 1;
            c.diag(
                "invisible-character",
                field,
                format!(
                    "`U+{:04X} {name}` at character {column} of the value",
                    ch as u32
                ),
            )
            .help
            .push(help);
        }
    }
}

/// The name of a character that has no place in a code or id, and what to do about it.
pub(crate) fn suspicious(ch: char) -> Option<(String, String)> {
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
