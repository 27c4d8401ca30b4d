//! What the dataset was made from, for the key-value metadata of `events.parquet`: the eventc
//! version, the codebook, and the digests the JSON report lists.
//!
//! A run may read a million documents: the footer gets one digest over all the inputs and the
//! list itself only up to [`INPUTS_LISTED`] files; the JSON report always lists them all.

use sha2::{Digest, Sha256};

use super::Inputs;
use crate::read::{hex, InputDigest};

/// Inputs listed one by one in the footer; past this, only their count and combined digest.
pub const INPUTS_LISTED: usize = 1000;

/// The CAMEO codebook among the schema files.
const CODEBOOK_FILE: &str = "/cameo/event_codes.csv";

/// The key-value pairs, in a fixed order. `schema_source` says which schema folder was used.
pub fn metadata(inputs: &Inputs, schema_source: &str) -> Vec<(String, String)> {
    let mut all = Combined::default();
    let mut listed = Vec::new();
    for input in inputs.iter() {
        if listed.len() < INPUTS_LISTED {
            listed.push(serde_json::json!({
                "path": input.label,
                "bytes": input.bytes,
                "sha256": input.sha256_hex(),
            }));
        }
        all.add(&input);
    }
    let mut schema = Combined::default();
    inputs.schema.iter().for_each(|d| schema.add(d));
    let codebook = inputs
        .schema
        .iter()
        .find(|d| d.label.ends_with(CODEBOOK_FILE))
        .map(InputDigest::sha256_hex)
        .unwrap_or_default();
    let listed = serde_json::to_string(&listed).expect("digests serialize");
    [
        ("eventc.version", env!("CARGO_PKG_VERSION").to_string()),
        ("eventc.codebook", "CAMEO 1.1b3".to_string()),
        ("eventc.codebook.sha256", codebook),
        ("eventc.schema", schema_source.to_string()),
        ("eventc.schema.sha256", schema.finish()),
        ("eventc.inputs.count", all.count.to_string()),
        ("eventc.inputs.sha256", all.finish()),
        ("eventc.inputs", listed),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// One digest over many files: the SHA-256 of the lines `sha256sum` would print for them
/// (`<hex>  <path>\n`), in the report's order, so that anyone can recompute it from the report.
#[derive(Default)]
pub struct Combined {
    hash: Sha256,
    count: u64,
}

impl Combined {
    pub fn add(&mut self, d: &InputDigest) {
        self.hash.update(d.sha256_hex());
        self.hash.update(b"  ");
        self.hash.update(d.label.as_bytes());
        self.hash.update(b"\n");
        self.count += 1;
    }

    pub fn finish(self) -> String {
        hex(&self.hash.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_digest_is_the_sha256_of_the_sha256sum_lines() {
        let d = InputDigest {
            label: "raw/events/a.csv".into(),
            bytes: 3,
            sha256: Sha256::digest(b"abc").into(),
        };
        let mut c = Combined::default();
        c.add(&d);
        let lines = format!("{}  raw/events/a.csv\n", d.sha256_hex());
        assert_eq!(c.finish(), hex(&Sha256::digest(lines.as_bytes())));
    }
}
