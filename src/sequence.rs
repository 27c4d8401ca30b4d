//! What depends on other records, decided once and in input order after a batch is checked:
//! ids derived from content are made unique, and an id the coder repeats is rejected. The first
//! record to claim an id keeps it; a record rejected for other reasons claims none.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use sha2::{Digest, Sha256};

use crate::check::{record_diagnostic, Checked};
use crate::codebook::Codebook;

pub struct Sequencer<'a> {
    cb: &'a Codebook,
    /// Ids already taken, as 128-bit digests: 16 bytes a record whatever the id's length, and
    /// a collision between different ids is beyond any dataset's size.
    seen: HashSet<u128, BuildHasherDefault<DigestHasher>>,
}

impl<'a> Sequencer<'a> {
    pub fn new(cb: &'a Codebook) -> Self {
        Sequencer {
            cb,
            seen: HashSet::default(),
        }
    }

    /// Give an accepted record its final id, or reject it for repeating one.
    pub fn sequence(&mut self, c: &mut Checked) {
        let Some(event) = c.event.as_mut() else {
            return;
        };
        if self.seen.contains(&id_digest(&event.event_id)) {
            let d = if c.id_given {
                let message = format!(
                    "event_id `{}` is already used by an earlier record",
                    event.event_id
                );
                record_diagnostic(
                    &c.record,
                    self.cb,
                    &event.event_id,
                    "duplicate-event-id",
                    "event_id",
                    message,
                )
                .help("give each record its own id, or leave event_id blank to derive one")
            } else {
                let base = event.event_id.clone();
                let mut n = 2;
                while self.seen.contains(&id_digest(&format!("{base}-{n}"))) {
                    n += 1;
                }
                event.event_id = format!("{base}-{n}");
                let help = format!(
                    "this record gets the id `{}`; delete it if it was pasted twice",
                    event.event_id
                );
                let message = "an earlier record without event_id has the same content";
                record_diagnostic(
                    &c.record,
                    self.cb,
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
                return;
            }
        }
        self.seen.insert(id_digest(&event.event_id));
    }
}

fn id_digest(id: &str) -> u128 {
    let digest = Sha256::digest(id.as_bytes());
    u128::from_le_bytes(digest[..16].try_into().expect("16 bytes"))
}

/// The digests are uniformly distributed already: hashing them again is wasted work.
#[derive(Default)]
struct DigestHasher(u64);

impl Hasher for DigestHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 ^= u64::from_le_bytes(word);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}
