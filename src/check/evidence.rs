//! The evidence quote, found in the record's document; the document's own text of the passage
//! goes to the dataset.

use super::Check;
use crate::normalize::evidence::{self, QuoteMatch};
use crate::read::documents::Document;

pub(super) fn quote(c: &mut Check, doc: &Document) -> Option<QuoteMatch> {
    let text = c.value("quote");
    if text.is_empty() {
        // A schema that makes the quote required has reported it already, as an error; a
        // machine coder's record has no sentence to quote, when the project says so.
        let machine =
            c.cb.config
                .machine_coders
                .iter()
                .any(|m| m == c.value("coder"));
        if !machine && !c.cb.table.field("quote").is_some_and(|f| f.required) {
            c.diag("missing-quote", "quote", "no evidence quote");
        }
        return None;
    }
    let occurrence = c.value("quote_occurrence").parse::<usize>().ok();
    match evidence::find_quote(&doc.text, text, occurrence) {
        Ok(mut m) => {
            for w in std::mem::take(&mut m.warnings) {
                c.issue(
                    "quote",
                    crate::diagnostic::Issue {
                        rule: w.rule,
                        message: w.message,
                        help: w.help,
                    },
                );
            }
            Some(m)
        }
        Err(e) => {
            c.issue(
                "quote",
                crate::diagnostic::Issue {
                    rule: e.rule,
                    message: e.message,
                    help: e.help,
                },
            );
            None
        }
    }
}
