//! Duplicate and near-duplicate events among the records of the dataset (not those set aside
//! for agreement): the same actors, in the same direction, the same or a more general event
//! code, and dates that overlap. Rules and thresholds: `docs/duplicates.md`.
//!
//! Each record is one entry of an external sort (`spill.rs`) by (actors and root code, first
//! day, last day, input position). A sweep over the sorted entries keeps the records whose
//! dates still overlap the next one's first day (a few, usually) and compares each new record
//! with them: every pair of overlapping records of one group meets once. Each record keeps its
//! best match among the records before it in input order; when it leaves the sweep, that match
//! becomes a warning, sorted again by input position so that the warnings come out in input
//! order. Memory: the sort's budget and the sweep's records, never the dataset.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

use super::spill::{put_str, Bytes, Sorter, Spill, DEFAULT_BUDGET};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::event::Event;
use crate::text::name_key;

/// Records the sweep compares a new one with at most: beyond this many overlapping records of
/// one dyad and root, the one that ends first leaves early (and may miss a later match).
const SWEEP_LIMIT: usize = 1024;
/// Warnings handed on at once.
const CHUNK: usize = 256;

/// One record of the dataset, as the comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    /// Digest of source code, target code and root code: the records that can match.
    group: u128,
    /// Days since 0001-01-01 of the first and last day.
    start: i32,
    end: i32,
    /// Position among the dataset's records.
    seq: u64,
    code: String,
    source: String,
    target: String,
    doc: u64,
    /// Code-point span of the quote in its document.
    quote: Option<(i64, i64)>,
    /// Digest of the place (gazetteer name, else the location as written); 0 when none.
    place: u64,
    /// Digest of every coded field but the id (`crate::check::content_digest`).
    content: u64,
    file: u32,
    line: u64,
    event_id: String,
    /// Already warned as `duplicate-record` (a row pasted twice): not warned again.
    reported: bool,
}

impl Spill for Entry {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.group.to_le_bytes());
        out.extend_from_slice(&self.start.to_le_bytes());
        out.extend_from_slice(&self.end.to_le_bytes());
        out.extend_from_slice(&self.seq.to_le_bytes());
        put_str(out, &self.code);
        put_str(out, &self.source);
        put_str(out, &self.target);
        out.extend_from_slice(&self.doc.to_le_bytes());
        let (qs, qe) = self.quote.unwrap_or((-1, -1));
        out.extend_from_slice(&qs.to_le_bytes());
        out.extend_from_slice(&qe.to_le_bytes());
        out.extend_from_slice(&self.place.to_le_bytes());
        out.extend_from_slice(&self.content.to_le_bytes());
        out.extend_from_slice(&self.file.to_le_bytes());
        out.extend_from_slice(&self.line.to_le_bytes());
        put_str(out, &self.event_id);
        out.push(self.reported as u8);
    }

    fn decode(b: &mut Bytes) -> Option<Self> {
        Some(Entry {
            group: b.u128()?,
            start: b.i32()?,
            end: b.i32()?,
            seq: b.u64()?,
            code: b.str()?,
            source: b.str()?,
            target: b.str()?,
            doc: b.u64()?,
            quote: match (b.i64()?, b.i64()?) {
                (-1, -1) => None,
                span => Some(span),
            },
            place: b.u64()?,
            content: b.u64()?,
            file: b.u32()?,
            line: b.u64()?,
            event_id: b.str()?,
            reported: b.u8()? != 0,
        })
    }

    fn heap_bytes(&self) -> usize {
        self.code.len() + self.source.len() + self.target.len() + self.event_id.len()
    }
}

/// How much two records agree beyond what every match shares; the larger, the surer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Strength {
    /// Every coded field the same, as written: the same record under another id.
    same_record: bool,
    quotes_overlap: bool,
    same_doc: bool,
    same_code: bool,
    same_dates: bool,
}

impl Strength {
    /// An exact duplicate: same code and same dates (actors are the same in every match).
    fn exact(self) -> bool {
        self.same_code && self.same_dates
    }
}

/// A record's best match among the records before it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Warning {
    /// The later record's position first: warnings come out in input order.
    seq: u64,
    later: Entry,
    earlier: Entry,
    strength: Strength,
}

impl Spill for Warning {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.seq.to_le_bytes());
        self.later.encode(out);
        self.earlier.encode(out);
        let s = self.strength;
        out.extend_from_slice(&[
            s.same_record as u8,
            s.quotes_overlap as u8,
            s.same_doc as u8,
            s.same_code as u8,
            s.same_dates as u8,
        ]);
    }

    fn decode(b: &mut Bytes) -> Option<Self> {
        Some(Warning {
            seq: b.u64()?,
            later: Entry::decode(b)?,
            earlier: Entry::decode(b)?,
            strength: Strength {
                same_record: b.u8()? != 0,
                quotes_overlap: b.u8()? != 0,
                same_doc: b.u8()? != 0,
                same_code: b.u8()? != 0,
                same_dates: b.u8()? != 0,
            },
        })
    }

    fn heap_bytes(&self) -> usize {
        self.later.heap_bytes() + self.earlier.heap_bytes()
    }
}

pub struct Duplicates {
    entries: Sorter<Entry>,
    /// The events files, named once each.
    files: Vec<Arc<str>>,
    seq: u64,
}

impl Default for Duplicates {
    fn default() -> Self {
        Self::with_budget(DEFAULT_BUDGET)
    }
}

impl Duplicates {
    pub fn with_budget(budget: usize) -> Self {
        Duplicates {
            entries: Sorter::new(budget, "a scratch file for duplicate events"),
            files: Vec::new(),
            seq: 0,
        }
    }

    /// Note a record of the dataset, in input order. `content`: the digest of what it codes;
    /// `reported`: it was warned as a pasted row already.
    pub fn note(
        &mut self,
        e: &Event,
        file: &Arc<str>,
        content: u64,
        reported: bool,
    ) -> Result<(), Error> {
        let file = match self.files.last() {
            Some(f) if Arc::ptr_eq(f, file) || f == file => self.files.len() - 1,
            _ => match self.files.iter().position(|f| f == file) {
                Some(i) => i,
                None => {
                    self.files.push(file.clone());
                    self.files.len() - 1
                }
            },
        } as u32;
        let target = e.target_code.clone().unwrap_or_default();
        let place = e
            .place_name
            .as_deref()
            .or(e.location_text.as_deref())
            .map(name_key)
            .filter(|k| !k.is_empty());
        let entry = Entry {
            group: digest(&[&e.source_code, &target, &e.event_root_code]),
            start: day(e.event_date),
            end: day(e.event_date_end),
            seq: self.seq,
            code: e.event_code.clone(),
            source: e.source_code.clone(),
            target,
            doc: digest(&[&e.doc_id]) as u64,
            quote: e.quote_start.zip(e.quote_end),
            place: place.map_or(0, |p| (digest(&[&p]) as u64).max(1)),
            content,
            file,
            line: e.input_line as u64,
            event_id: e.event_id.clone(),
            reported,
        };
        self.seq += 1;
        self.entries.push(entry)
    }

    /// Compare every record with those it overlaps, and hand the warnings to `emit` in input
    /// order of the record warned, a chunk at a time.
    pub fn finish(
        self,
        mut emit: impl FnMut(Vec<Diagnostic>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut warnings = Sorter::new(DEFAULT_BUDGET, "a scratch file for duplicate events");
        let mut sweep: Vec<(Entry, Option<(Strength, Entry)>)> = Vec::new();
        let mut leave = |e: Entry, best: Option<(Strength, Entry)>| -> Result<(), Error> {
            match best {
                Some((strength, earlier)) if !e.reported => warnings.push(Warning {
                    seq: e.seq,
                    later: e,
                    earlier,
                    strength,
                }),
                _ => Ok(()),
            }
        };
        for entry in self.entries.sorted()? {
            let entry = entry?;
            // The records that no longer overlap, or are of another group, leave.
            let mut i = 0;
            while i < sweep.len() {
                let e = &sweep[i].0;
                if e.group != entry.group || e.end < entry.start {
                    let (e, best) = sweep.swap_remove(i);
                    leave(e, best)?;
                } else {
                    i += 1;
                }
            }
            let mut best: Option<(Strength, Entry)> = None;
            for (other, other_best) in &mut sweep {
                let Some(strength) = compare(other, &entry) else {
                    continue;
                };
                let (later_best, earlier) = if other.seq < entry.seq {
                    (&mut best, &*other)
                } else {
                    (other_best, &entry)
                };
                if better(strength, earlier, later_best.as_ref()) {
                    *later_best = Some((strength, earlier.clone()));
                }
            }
            if sweep.len() >= SWEEP_LIMIT {
                let first_end = (0..sweep.len())
                    .min_by_key(|&i| (sweep[i].0.end, sweep[i].0.seq))
                    .expect("the sweep is full");
                let (e, b) = sweep.swap_remove(first_end);
                leave(e, b)?;
            }
            sweep.push((entry, best));
        }
        for (e, best) in sweep {
            leave(e, best)?;
        }
        let mut chunk = Vec::with_capacity(CHUNK);
        for w in warnings.sorted()? {
            chunk.push(diagnostic(&w?, &self.files));
            if chunk.len() == CHUNK {
                emit(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))?;
            }
        }
        if !chunk.is_empty() {
            emit(chunk)?;
        }
        Ok(())
    }
}

/// Whether a match of `strength` with `earlier` beats the best so far.
fn better(strength: Strength, earlier: &Entry, best: Option<&(Strength, Entry)>) -> bool {
    match best {
        None => true,
        // The surest match; among equals, the earliest record.
        Some((s, e)) => (strength, std::cmp::Reverse(earlier.seq)) > (*s, std::cmp::Reverse(e.seq)),
    }
}

/// How two records of one group whose dates overlap match, if they do.
fn compare(a: &Entry, b: &Entry) -> Option<Strength> {
    if !related_codes(&a.code, &b.code) {
        return None;
    }
    // Different places are different events, whatever else they share.
    if a.place != 0 && b.place != 0 && a.place != b.place {
        return None;
    }
    let same_doc = a.doc == b.doc;
    let quotes_overlap = same_doc
        && matches!((a.quote, b.quote), (Some((s1, e1)), Some((s2, e2))) if s1 < e2 && s2 < e1);
    Some(Strength {
        same_record: a.content == b.content,
        quotes_overlap,
        same_doc,
        same_code: a.code == b.code,
        same_dates: (a.start, a.end) == (b.start, b.end),
    })
}

/// The same code, or one the general form of the other: its base code (`087` and `0874`) or
/// its root's "not specified" code (`190` and `193`). Two specific codes (`193`, `194`) are
/// different events.
pub fn related_codes(a: &str, b: &str) -> bool {
    let general = |g: &str, c: &str| {
        c.starts_with(g) || (g.len() == 3 && g.ends_with('0') && c.get(..2) == g.get(..2))
    };
    a == b || general(a, b) || general(b, a)
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub(super) fn digest(parts: &[&str]) -> u128 {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    u128::from_le_bytes(h.finalize()[..16].try_into().expect("16 bytes"))
}

fn dates(e: &Entry) -> String {
    let d =
        |n: i32| NaiveDate::from_num_days_from_ce_opt(n).map_or(String::new(), |d| d.to_string());
    if e.start == e.end {
        d(e.start)
    } else {
        format!("{}/{}", d(e.start), d(e.end))
    }
}

fn diagnostic(w: &Warning, files: &[Arc<str>]) -> Diagnostic {
    let (l, e, s) = (&w.later, &w.earlier, w.strength);
    let file = |x: &Entry| files.get(x.file as usize).map_or("", |f| f);
    let dyad = if l.target.is_empty() {
        format!("`{}` (no target)", l.source)
    } else {
        format!("`{}` → `{}`", l.source, l.target)
    };
    let evidence = match (s.quotes_overlap, s.same_doc) {
        (true, _) => "in the same document, with overlapping quotes",
        (false, true) => "in the same document",
        (false, false) => "in another document",
    };
    let earlier = format!("`{}` ({}:{})", e.event_id, file(e), e.line);
    let (rule, message) = if s.same_record {
        (
            "duplicate-event",
            format!("the same record as {earlier}, under another event_id: same actors {dyad}, event code `{}` and date {}", l.code, dates(l)),
        )
    } else if s.exact() {
        (
            "duplicate-event",
            format!(
                "the same event as {earlier}: same actors {dyad}, event code `{}` and date {}, {evidence}",
                l.code,
                dates(l)
            ),
        )
    } else {
        let codes = if s.same_code {
            format!("event code `{}`", l.code)
        } else {
            format!("event codes `{}` and `{}`", l.code, e.code)
        };
        let when = if s.same_dates {
            format!("date {}", dates(l))
        } else {
            format!("dates {} and {} overlap", dates(l), dates(e))
        };
        (
            "near-duplicate-event",
            format!("perhaps the same event as {earlier}: same actors {dyad}, {codes}, {when}, {evidence}"),
        )
    };
    let mut d = Diagnostic::new(rule, message).at(file(l), l.line);
    d.event_id = Some(l.event_id.clone());
    let keep = if s.exact() {
        "if both report one event, delete one record, or compile with `--dedup one-a-day`, which keeps the first"
    } else {
        "if both report one event, keep the record that codes it best"
    };
    d.help(format!(
        "{keep}; if they are different events, give each its `location`: records at different places are never duplicates"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_related_when_one_is_the_general_form_of_the_other() {
        for (a, b) in [
            ("190", "190"),
            ("087", "0874"),
            ("0874", "087"),
            ("190", "193"),
            ("193", "190"),
            ("010", "0111"),
            ("040", "042"),
        ] {
            assert!(related_codes(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("193", "194"),
            ("0871", "0874"),
            ("190", "200"),
            ("042", "043"),
            ("100", "190"),
            ("1011", "1012"),
        ] {
            assert!(!related_codes(a, b), "{a} {b}");
        }
    }

    /// `n` entries in `groups` groups over `days` days, overlapping in many ways, pushed
    /// through a finder that keeps `budget` bytes in memory; the warnings as (file, line,
    /// rule, message).
    fn warnings(
        budget: usize,
        n: u64,
        groups: u64,
        days: u64,
    ) -> Vec<(String, Option<u64>, &'static str, String)> {
        let mut finder = Duplicates::with_budget(budget);
        finder.files.push(Arc::from("raw/events/a.csv"));
        for i in 0..n {
            let start = 737_000 + (i * 7 % days) as i32;
            let entry = Entry {
                group: (i % groups) as u128,
                start,
                end: start + (i % 4) as i32,
                seq: i,
                code: ["190", "193", "194", "0874", "087"][i as usize % 5].to_string(),
                source: "SYRMIL".into(),
                target: if i % 3 == 0 {
                    String::new()
                } else {
                    "TURMIL".into()
                },
                doc: i % 2,
                quote: (i % 5 != 0).then_some(((i % 7) as i64, (i % 7 + 5) as i64)),
                place: (i % 11 == 0) as u64 * 7,
                content: i % 13,
                file: 0,
                line: i + 2,
                event_id: format!("e{i}"),
                reported: i % 50 == 1,
            };
            finder.seq += 1;
            finder.entries.push(entry).unwrap();
        }
        let mut out = Vec::new();
        finder
            .finish(|chunk| {
                out.extend(
                    chunk
                        .into_iter()
                        .map(|d| (d.file, d.line, d.rule, d.message)),
                );
                Ok(())
            })
            .unwrap();
        out
    }

    #[test]
    fn the_same_warnings_whether_the_records_stay_in_memory_or_spill() {
        let in_memory = warnings(DEFAULT_BUDGET, 600, 3, 40);
        assert!(in_memory.len() > 400, "{}", in_memory.len());
        assert!(in_memory.iter().any(|w| w.2 == "duplicate-event"));
        assert!(in_memory.iter().any(|w| w.3.contains("overlapping quotes")));
        assert!(in_memory.iter().any(|w| w.3.contains("the same record")));
        assert!(
            in_memory.windows(2).all(|w| w[0].1 < w[1].1),
            "input order, once each"
        );
        assert!(
            !in_memory.iter().any(|w| w.1 == Some(3)),
            "reported already"
        );
        assert_eq!(
            warnings(1, 600, 3, 40),
            in_memory,
            "every entry and warning spilled"
        );
        assert_eq!(warnings(20_000, 600, 3, 40), in_memory, "a few runs");
    }

    #[test]
    fn a_crowd_beyond_the_sweep_limit_is_still_compared() {
        // 3,000 records of one group on one day: the sweep is full and the records that end
        // first leave early. The records whose earlier matches all left that way are among
        // the very first; every later one is warned (the pasted rows aside).
        let got = warnings(DEFAULT_BUDGET, 3_000, 1, 1);
        let warned: std::collections::HashSet<u64> =
            got.iter().map(|w| w.1.expect("a line") - 2).collect();
        let missed: Vec<u64> = (0..3_000)
            .filter(|i| !warned.contains(i) && i % 50 != 1)
            .collect();
        assert!(missed.contains(&0), "the first has nothing before it");
        assert!(missed.iter().all(|&i| i < 10), "{missed:?}");
        assert_eq!(got, warnings(1, 3_000, 1, 1), "spilled or not");
    }
}
