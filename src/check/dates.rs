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
            long_before_publication(c, &n.span, doc);
            Some((n.span, n.time))
        }
        Err(e) => {
            c.issue("date", e);
            None
        }
    }
}

/// How far before its document's publication an event may end before it is flagged: news
/// reports the past year; older events are history, or a machine coder's misread date.
pub const LONG_BEFORE_DAYS: i64 = 365;

fn long_before_publication(c: &mut Check, span: &DateSpan, doc: &Document) {
    let Some(published) = doc.meta.published else {
        return;
    };
    let gap = (published.start - span.end).num_days();
    if gap > LONG_BEFORE_DAYS {
        let message = format!("{span} is {gap} days before the document's publication {published}");
        let help = format!(
            "events more than {LONG_BEFORE_DAYS} days older than their report are rare: check the \
             year (machine coders date a mention of a past event as the event)"
        );
        c.issue(
            "date",
            crate::diagnostic::Issue {
                rule: "date-long-before-publication",
                message,
                help: Some(help),
            },
        );
    }
}
