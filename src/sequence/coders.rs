//! Which coders coded each document, so that a document coded by several coders with no
//! primary coder named is said, rather than its events silently counted twice.
//!
//! Per document, one 64-bit digest of its id and a 64-bit set of coders: about 20 bytes a
//! document. A project with more than 63 coders has the later ones share the last bit, which
//! can only miss a warning between two of them.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

#[derive(Default)]
pub struct Coders {
    names: Vec<String>,
    by_doc: HashMap<u64, u64>,
}

impl Coders {
    /// Note that `coder` coded `doc`. When the document had other coders and this one is new
    /// to it, returns the earlier ones.
    pub fn note(&mut self, doc: &str, coder: &str) -> Option<Vec<&str>> {
        let i = match self.names.iter().position(|n| n == coder) {
            Some(i) => i,
            None => {
                self.names.push(coder.to_string());
                self.names.len() - 1
            }
        };
        let bit = 1u64 << i.min(63);
        let mut h = DefaultHasher::new();
        doc.hash(&mut h);
        let seen = self.by_doc.entry(h.finish()).or_default();
        let before = *seen;
        *seen |= bit;
        if before == 0 || before & bit != 0 {
            return None;
        }
        let names = self.names.iter().enumerate();
        Some(
            names
                .filter(|(j, _)| before & (1u64 << (*j).min(63)) != 0)
                .map(|(_, n)| n.as_str())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_new_coder_of_a_document_is_told_once() {
        let mut c = Coders::default();
        assert_eq!(c.note("d1", "ana"), None);
        assert_eq!(c.note("d1", "ana"), None);
        assert_eq!(c.note("d2", "ben"), None, "another document");
        assert_eq!(c.note("d1", "ben"), Some(vec!["ana"]));
        assert_eq!(c.note("d1", "ben"), None);
        assert_eq!(c.note("d1", "cy"), Some(vec!["ana", "ben"]));
        assert_eq!(c.note("d2", "ana"), Some(vec!["ben"]));
    }
}
