//! The event's date, read with the grammar of `normalize::dates` against its document's date
//! and language.

use super::Check;
use crate::normalize::dates::{self, DateContext, DateSpan};
use crate::read::documents::Document;

pub(super) fn date(c: &mut Check, doc: &Document) -> Option<DateSpan> {
    let text = c.value("date");
    if text.is_empty() {
        return None; // reported as missing-required
    }
    let ctx = DateContext {
        reference: doc.anchor(),
        lang: doc.meta.language,
        order: c.cb.config.date_order,
    };
    match dates::normalize(text, &ctx) {
        Ok(n) => {
            for w in n.warnings {
                c.issue("date", w);
            }
            Some(n.span)
        }
        Err(e) => {
            c.issue("date", e);
            None
        }
    }
}
