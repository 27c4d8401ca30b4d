//! The event's date, read with the grammar of `normalize::dates` against its document's date
//! and language.

use super::Check;
use crate::normalize::dates::{self, DateContext, DateSpan, TimeOfDay};
use crate::read::documents::Document;

/// The event's days, and its time of day when the date gave one.
pub(super) fn date(c: &mut Check, doc: &Document) -> Option<(DateSpan, Option<TimeOfDay>)> {
    let text = c.value("date");
    if text.is_empty() {
        return None; // reported as missing-required
    }
    let ctx = DateContext {
        reference: doc.anchor(),
        lang: doc.meta.language,
        order: c.cb.config.date_order,
        bounds: c.cb.config.date_range,
    };
    match dates::normalize(text, &ctx) {
        Ok(n) => {
            for w in n.warnings {
                c.issue("date", w);
            }
            Some((n.span, n.time))
        }
        Err(e) => {
            c.issue("date", e);
            None
        }
    }
}
