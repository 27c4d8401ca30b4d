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
            let Some((name, help)) = crate::text::invisible(ch) else {
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
