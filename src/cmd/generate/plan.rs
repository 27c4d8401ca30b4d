//! How N records are laid out: about ten per document, each document's share a pure function
//! of its index, so that any document can be made without making the ones before it.

use super::rng::mix;

/// Records per events file, at most (a file holds whole documents); smaller sets are split in
/// four, so that every set has files of each kind.
const RECORDS_PER_FILE: u64 = 1_000_000;
/// One document in this many has no date in documents.csv.
const UNDATED_EVERY: u64 = 50;
const UNDATED_AT: u64 = 7;
/// One document in this many has an unreadable publication date.
const BAD_METADATA_EVERY: u64 = 250;
const BAD_METADATA_AT: u64 = 3;

pub struct Plan {
    pub seed: u64,
    pub records: u64,
    pub docs: u64,
    per_file: u64,
}

impl Plan {
    pub fn new(records: u64, seed: u64) -> Plan {
        Plan {
            seed,
            records,
            docs: (records / 10).max(1),
            per_file: records.div_ceil(4).clamp(1, RECORDS_PER_FILE),
        }
    }

    /// Global index of the first record of document `i`: an even share, moved by up to half a
    /// share either way so that documents hold from 2 to 18 records rather than exactly 10.
    pub fn start(&self, i: u64) -> u64 {
        if i == 0 {
            return 0;
        }
        if i >= self.docs {
            return self.records;
        }
        let base = (u128::from(i) * u128::from(self.records) / u128::from(self.docs)) as u64;
        let share = self.records / self.docs;
        let k = share.saturating_sub(1) / 2;
        // base >= share > k, and neighbours move less than a share apart: starts keep rising.
        base + mix(self.seed ^ mix(i ^ 0x005E_ED0F_D0C5)) % (2 * k + 1) - k
    }

    pub fn doc_id(&self, i: u64) -> String {
        format!("{i:07}_{:016x}", mix(self.seed ^ mix(i ^ 0xD0C1D)))
    }

    pub fn part(&self, i: u64) -> u64 {
        self.start(i) / self.per_file
    }

    pub fn undated(&self, i: u64) -> bool {
        i % UNDATED_EVERY == UNDATED_AT
    }

    /// An undated document near `i`, if there is one.
    pub fn undated_near(&self, i: u64) -> Option<u64> {
        let here = i - i % UNDATED_EVERY + UNDATED_AT;
        if here < self.docs {
            Some(here)
        } else {
            here.checked_sub(UNDATED_EVERY)
        }
    }

    pub fn bad_metadata(&self, i: u64) -> bool {
        i % BAD_METADATA_EVERY == BAD_METADATA_AT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_belongs_to_one_document() {
        for n in [1, 7, 10, 11, 99, 3000, 123_457] {
            let plan = Plan::new(n, 9);
            assert_eq!(plan.start(0), 0);
            assert_eq!(plan.start(plan.docs), n);
            for i in 0..plan.docs {
                assert!(plan.start(i) < plan.start(i + 1), "n={n} i={i}");
            }
        }
        let plan = Plan::new(10_000, 9);
        let sizes: Vec<u64> = (0..plan.docs)
            .map(|i| plan.start(i + 1) - plan.start(i))
            .collect();
        assert!(sizes.iter().any(|&s| s < 6) && sizes.iter().any(|&s| s > 14));
    }
}
