//! The one-a-day filter (`compile --dedup one-a-day`), as event-data users apply it to GDELT,
//! ICEWS and Phoenix: one event per event date, source code, target code and event code, the
//! first in input order; later ones are merged into it. The event date is the whole interval
//! with its precision: `2020-02-16`, `2020-02-15/2020-02-16` and `February 2020` are three
//! dates, so a vague date never swallows a precise one.
//!
//! Which record is first is decided here, in input order, with the set of keys seen (bounded
//! memory, `ids.rs`); how many records each kept one stands for is counted by the writer of the
//! dataset (`crate::write::dedup`) once every record is in.

use super::duplicates::digest;
use super::ids::IdSet;
use crate::error::Error;
use crate::event::Event;

/// The filter's key of an event.
pub fn one_a_day_key(e: &Event) -> u128 {
    let (start, end) = (e.event_date.to_string(), e.event_date_end.to_string());
    let target = e.target_code.as_deref().unwrap_or("");
    digest(&[
        &start,
        &end,
        e.date_precision,
        &e.source_code,
        target,
        &e.event_code,
    ])
}

#[derive(Default)]
pub struct OneADay {
    seen: IdSet,
}

impl OneADay {
    /// Whether `e` is merged into an earlier event; if not, it is the first of its key.
    pub fn merges(&mut self, e: &Event) -> Result<bool, Error> {
        let key = one_a_day_key(e);
        if self.seen.contains(key)? {
            return Ok(true);
        }
        self.seen.insert(key)?;
        Ok(false)
    }
}
