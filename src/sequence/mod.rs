//! What depends on other records, decided once and in input order after a batch is checked:
//! ids derived from content are made unique, and an id the coder repeats is rejected. The first
//! record to claim an id keeps it; a record rejected for other reasons claims none. Records set
//! aside for agreement (another coder than the primary one) have ids of their own, unique
//! among themselves. Without a primary coder, a document coded by several coders is said.
//! With `--dedup one-a-day`, a record whose day, actors and code an earlier one had is merged
//! into it (`dedup.rs`). The dataset's records are noted for the duplicate events warned at
//! the end (`duplicates.rs`).

mod coders;
mod dedup;
mod duplicates;
mod ids;
pub mod spill;

use sha2::{Digest, Sha256};

use crate::check::{record_diagnostic, Checked};
use crate::codebook::Codebook;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use coders::Coders;
use dedup::OneADay;
use duplicates::Duplicates;

pub use dedup::one_a_day_key;
pub use duplicates::related_codes;
pub use ids::{IdSet, DEFAULT_CAPACITY};

pub struct Sequencer<'a> {
    cb: &'a Codebook,
    /// Ids already taken, as 128-bit digests: 16 bytes a record whatever the id's length, and
    /// a collision between different ids is beyond any dataset's size. Most of them on disk:
    /// this set is the one part of the run that grows with the dataset.
    seen: IdSet,
    /// The ids of records set aside, made when the first one comes.
    aside: Option<IdSet>,
    /// Who coded each document, kept only when no primary coder is named: about 20 bytes a
    /// document.
    coders: Coders,
    /// `--dedup one-a-day`: the keys seen.
    one_a_day: Option<OneADay>,
    duplicates: Duplicates,
}

impl<'a> Sequencer<'a> {
    pub fn new(cb: &'a Codebook) -> Self {
        Self::with_ids(cb, IdSet::new())
    }

    pub fn with_ids(cb: &'a Codebook, seen: IdSet) -> Self {
        Sequencer {
            cb,
            seen,
            aside: None,
            coders: Coders::default(),
            one_a_day: None,
            duplicates: Duplicates::default(),
        }
    }

    /// Merge the records of an event already in the dataset (`--dedup one-a-day`).
    pub fn one_a_day(mut self) -> Self {
        self.one_a_day = Some(OneADay::default());
        self
    }

    /// Every record is in: hand the duplicate events' warnings to `emit`, in input order.
    pub fn finish(
        self,
        emit: impl FnMut(Vec<Diagnostic>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.duplicates.finish(emit)
    }

    /// Give an accepted record its final id, or reject it for repeating one; then say whether
    /// its document has another coder. Fails only when the set of ids cannot use its scratch
    /// files.
    pub fn sequence(&mut self, c: &mut Checked) -> Result<(), Error> {
        let seen = if c.set_aside {
            self.aside.get_or_insert_with(IdSet::new)
        } else {
            &mut self.seen
        };
        claim_id(seen, self.cb, c)?;
        let Some(event) = c.event.as_ref() else {
            return Ok(());
        };
        if !c.set_aside {
            if let Some(filter) = self.one_a_day.as_mut() {
                c.merged = filter.merges(event)?;
            }
            if !c.merged {
                let pasted = c.diagnostics.iter().any(|d| d.rule == "duplicate-record");
                let content = crate::check::content_digest(&c.record);
                let content = u64::from_le_bytes(content[..8].try_into().expect("8 bytes"));
                self.duplicates
                    .note(event, &c.record.file, content, pasted)?;
            }
        }
        let coder = c.record.get("coder").trim();
        if c.set_aside || self.cb.config.primary_coder.is_some() || coder.is_empty() {
            return Ok(());
        }
        if let Some(others) = self.coders.note(&event.doc_id, coder) {
            let others = others
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!(
                "document `{}` is coded by {others} and `{coder}`: with no primary coder, every coding goes to the dataset and an event they all coded is counted more than once",
                event.doc_id
            );
            let d = record_diagnostic(
                &c.record,
                self.cb,
                &event.event_id,
                "several-coders",
                "coder",
                message,
            )
            .help("name the coder whose records make the dataset in schema/eventc.json, {\"primary_coder\": \"NAME\"}: the others are set aside for `eventc agree`");
            c.diagnostics.push(d);
        }
        Ok(())
    }
}

/// The id of an accepted record: kept, renumbered when derived and taken, or rejected when
/// given and taken.
fn claim_id(seen: &mut IdSet, cb: &Codebook, c: &mut Checked) -> Result<(), Error> {
    let Some(event) = c.event.as_mut() else {
        return Ok(());
    };
    let mut digest = id_digest(&event.event_id);
    if seen.contains(digest)? {
        let d = if c.id_given {
            let message = format!(
                "event_id `{}` is already used by an earlier record",
                event.event_id
            );
            record_diagnostic(
                &c.record,
                cb,
                &event.event_id,
                "duplicate-event-id",
                "event_id",
                message,
            )
            .help("give each record its own id, or leave event_id blank to derive one")
        } else {
            let base = event.event_id.clone();
            let mut n = 2;
            digest = id_digest(&format!("{base}-{n}"));
            while seen.contains(digest)? {
                n += 1;
                digest = id_digest(&format!("{base}-{n}"));
            }
            event.event_id = format!("{base}-{n}");
            let help = format!(
                "this record gets the id `{}`; delete it if it was pasted twice",
                event.event_id
            );
            let message = "an earlier record without event_id has the same content";
            record_diagnostic(
                &c.record,
                cb,
                &event.event_id,
                "duplicate-record",
                "",
                message,
            )
            .help(help)
        };
        let rejected = d.is_error();
        c.diagnostics.push(d);
        if rejected {
            c.event = None;
            return Ok(());
        }
    }
    seen.insert(digest)
}

fn id_digest(id: &str) -> u128 {
    let digest = Sha256::digest(id.as_bytes());
    u128::from_le_bytes(digest[..16].try_into().expect("16 bytes"))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::event::Event;
    use crate::read::RawRecord;

    /// An accepted record with `id`, given by the coder or derived from its content.
    fn accepted(id: &str, given: bool, line: u64) -> Checked {
        let text = format!("{},doc1", if given { id } else { "" });
        let record = RawRecord {
            file: Arc::from("raw/events/a.csv"),
            line,
            names: Arc::from(vec!["event_id".to_string(), "doc_id".to_string()]),
            values: text.split(',').collect(),
            text: Arc::from(text.as_str()),
            spans: vec![None, None],
            problems: Vec::new(),
        };
        let day = NaiveDate::from_ymd_opt(2020, 2, 16).unwrap();
        let event = Event {
            event_id: id.to_string(),
            doc_id: "doc1".into(),
            event_date: day,
            event_date_end: day,
            date_precision: "day",
            event_time: None,
            source_text: None,
            source_code: "SYRMIL".into(),
            source_name: "Syria military".into(),
            source_country: Some("SYR".into()),
            source_roles: Some("MIL".into()),
            target_text: None,
            target_code: None,
            target_name: None,
            target_country: None,
            target_roles: None,
            event_code: "192".into(),
            event_base_code: "192".into(),
            event_root_code: "19".into(),
            event_label: "Occupy territory".into(),
            quad_class: 4,
            goldstein: -9.5,
            plover_event: None,
            plover_mode: None,
            location_text: None,
            place_name: None,
            place_country: None,
            admin1: None,
            geonames_id: None,
            latitude: None,
            longitude: None,
            quote: None,
            quote_start: None,
            quote_end: None,
            coder: None,
            notes: None,
            input_file: "raw/events/a.csv".into(),
            input_line: line as i64,
        };
        Checked {
            record,
            event: Some(event),
            diagnostics: Vec::new(),
            id_given: given,
            set_aside: false,
            merged: false,
        }
    }

    #[test]
    fn repeats_are_found_once_the_first_ids_are_on_disk() {
        let cb = Codebook::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")).unwrap();
        // Three ids in memory: the ids below spill again and again.
        let mut sequencer = Sequencer::with_ids(&cb, IdSet::with_capacity(3));
        let mut records = vec![accepted("e1", true, 2), accepted("doc1-ab", false, 3)];
        records.extend((0..20).map(|i| accepted(&format!("x{i}"), true, 4 + i)));
        records.extend((0..4).map(|i| accepted("doc1-ab", false, 24 + i)));
        records.push(accepted("e1", true, 28));
        records.push(accepted("doc1-ab-3", true, 29));
        for c in &mut records {
            sequencer.sequence(c).unwrap();
        }
        let ids: Vec<Option<&str>> = records[22..]
            .iter()
            .map(|c| c.event.as_ref().map(|e| e.event_id.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                Some("doc1-ab-2"),
                Some("doc1-ab-3"),
                Some("doc1-ab-4"),
                Some("doc1-ab-5"),
                None,
                None
            ]
        );
        let rules = |c: &Checked| c.diagnostics.iter().map(|d| d.rule).collect::<Vec<_>>();
        assert!(records[..22].iter().all(|c| rules(c).is_empty()));
        assert!(records[22..26]
            .iter()
            .all(|c| rules(c) == ["duplicate-record"]));
        assert_eq!(rules(&records[26]), ["duplicate-event-id"]);
        assert_eq!(rules(&records[27]), ["duplicate-event-id"]);
    }

    #[test]
    fn a_scratch_file_that_cannot_be_made_stops_the_run() {
        let cb = Codebook::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let ids = IdSet::with_capacity_in(1, tmp.path().join("missing"));
        let mut sequencer = Sequencer::with_ids(&cb, ids);
        let err = sequencer
            .sequence(&mut accepted("e1", true, 2))
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Io {
                    action: "create",
                    ..
                }
            ),
            "{err}"
        );
    }
}
