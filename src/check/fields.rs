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
