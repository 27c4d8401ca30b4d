//! `eventc agree`: how far coders agree on the events of the documents they all coded.
//!
//! Records are read and checked as `compile` reads and checks them (the same readers, checks
//! and schema), so what is compared is the normalized value: event code, root code, quad
//! class, resolved actor codes, date interval; never the text as typed. A record that fails
//! checking, or names no coder, cannot be aligned and is listed as such.
//!
//! Events files need not be sorted by document, so every checked record is held until all are
//! read, in the compact form alignment needs ([`Coding`], a few hundred bytes); documents are
//! then aligned one at a time (`align`), and the statistics (`stats`) computed over the units.

pub mod align;
pub mod stats;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::check::{check, Checked};
use crate::codebook::Codebook;
use crate::error::Error;
use crate::event::Event;
use crate::read::documents::{Documents, DEFAULT_BUDGET};
use crate::read::{self, Batches, Limits};
use align::Unit;
use stats::Stat;

/// What alignment and agreement need of one checked record.
#[derive(Debug, Clone)]
pub struct Coding {
    pub coder: String,
    pub doc_id: String,
    pub event_id: String,
    pub file: Arc<str>,
    pub line: u64,
    pub event_code: String,
    pub quad_class: i8,
    pub source_code: String,
    pub target_code: Option<String>,
    /// First and last day.
    pub date: (NaiveDate, NaiveDate),
    /// Code-point offsets of the quote in the document.
    pub quote: Option<(i64, i64)>,
}

impl Coding {
    fn new(coder: &str, e: &Event) -> Self {
        Coding {
            coder: coder.to_string(),
            doc_id: e.doc_id.clone(),
            event_id: e.event_id.clone(),
            file: Arc::from(e.input_file.as_str()),
            line: e.input_line as u64,
            event_code: e.event_code.clone(),
            quad_class: e.quad_class,
            source_code: e.source_code.clone(),
            target_code: e.target_code.clone(),
            date: (e.event_date, e.event_date_end),
            quote: e.quote_start.zip(e.quote_end),
        }
    }
}

/// The fields agreement is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Root,
    Code,
    Quad,
    Source,
    Target,
    Date,
}

pub const FIELDS: [Field; 6] = [
    Field::Root,
    Field::Code,
    Field::Quad,
    Field::Source,
    Field::Target,
    Field::Date,
];

impl Field {
    /// The dataset's column (`date` stands for the interval `event_date`–`event_date_end`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Root => "event_root_code",
            Field::Code => "event_code",
            Field::Quad => "quad_class",
            Field::Source => "source_code",
            Field::Target => "target_code",
            Field::Date => "date",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Field::Root => "root",
            Field::Code => "code",
            Field::Quad => "quad",
            Field::Source => "source",
            Field::Target => "target",
            Field::Date => "date",
        }
    }

    /// The value compared: no target is a value of its own (empty), a period is `start/end`.
    pub fn value(self, c: &Coding) -> String {
        match self {
            Field::Root => c.event_code.get(..2).unwrap_or_default().to_string(),
            Field::Code => c.event_code.clone(),
            Field::Quad => c.quad_class.to_string(),
            Field::Source => c.source_code.clone(),
            Field::Target => c.target_code.clone().unwrap_or_default(),
            Field::Date if c.date.0 == c.date.1 => c.date.0.to_string(),
            Field::Date => format!("{}/{}", c.date.0, c.date.1),
        }
    }
}

/// A record that cannot be aligned: it failed checking (the rules of its errors), or it names
/// no coder (no rules).
#[derive(Debug, Clone)]
pub struct Unaligned {
    pub coder: Option<String>,
    pub file: Arc<str>,
    pub line: u64,
    pub event_id: String,
    pub doc_id: String,
    pub rules: Vec<&'static str>,
}

/// Every record of the raw folder, checked: those that can be aligned, the others, and the
/// coders (the primary coder first, then by name).
pub struct Records {
    pub codings: Vec<Coding>,
    pub unaligned: Vec<Unaligned>,
    pub coders: Vec<String>,
    /// Inputs that were not read (links out of the raw folder, FIFOs, empty files).
    pub skipped: Vec<crate::diagnostic::Diagnostic>,
}

/// Read and check every record of `raw_dir` against `codebook`.
pub fn read_records(
    raw_dir: &Path,
    codebook: &Codebook,
    follow_links: bool,
) -> Result<Records, Error> {
    if !raw_dir.is_dir() {
        return Err(Error::Usage(format!(
            "input folder {} not found",
            raw_dir.display()
        )));
    }
    let (inputs, skipped) = read::list_inputs(raw_dir, follow_links)?;
    let label = read::raw_label(raw_dir);
    let mut docs = Documents::open(raw_dir, &label, DEFAULT_BUDGET, follow_links)?;
    let known = codebook.table.field_names();
    let mut records = Records {
        codings: Vec::new(),
        unaligned: Vec::new(),
        coders: Vec::new(),
        skipped,
    };
    let mut coders = BTreeSet::new();
    for batch in Batches::new(inputs, &known, Limits::default()) {
        let batch = batch?;
        let set = docs.prepare(batch.records.iter().map(|r| r.get("doc_id").trim()));
        let checked: Vec<Checked> = batch
            .records
            .into_par_iter()
            .map(|r| check(r, codebook, &set))
            .collect();
        for c in checked {
            // A row that could not be split into fields has no coder to trust.
            let coder = match c.record.is_malformed() {
                true => "",
                false => c.record.get("coder").trim(),
            };
            if !coder.is_empty() {
                coders.insert(coder.to_string());
            }
            match &c.event {
                Some(e) if !coder.is_empty() => records.codings.push(Coding::new(coder, e)),
                _ => records.unaligned.push(unaligned(&c, coder)),
            }
        }
    }
    let primary = codebook.config.primary_coder.as_ref();
    records.coders = primary
        .filter(|p| coders.remove(*p))
        .cloned()
        .into_iter()
        .collect();
    records.coders.extend(coders);
    Ok(records)
}

fn unaligned(c: &Checked, coder: &str) -> Unaligned {
    let mut rules: Vec<&'static str> = Vec::new();
    for d in c.diagnostics.iter().filter(|d| d.is_error()) {
        if !rules.contains(&d.rule) {
            rules.push(d.rule);
        }
    }
    Unaligned {
        coder: (!coder.is_empty()).then(|| coder.to_string()),
        file: c.record.file.clone(),
        line: c.record.line,
        event_id: c
            .diagnostics
            .iter()
            .find_map(|d| d.event_id.clone())
            .unwrap_or_else(|| c.record.get("event_id").trim().to_string()),
        doc_id: c.record.get("doc_id").trim().to_string(),
        rules,
    }
}

/// Each coder's records: aligned in a unit with another coder's (matched), alone in theirs
/// (unmatched), or not aligned at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoderCount {
    pub matched: usize,
    pub unmatched: usize,
    pub unaligned: usize,
}

/// Agreement on one field: over all coders, and for each pair (as in [`Agreement::pairs`]).
#[derive(Debug, Clone)]
pub struct FieldAgreement {
    pub field: Field,
    pub agreement: Option<f64>,
    pub alpha: Stat,
    /// Raw agreement and kappa of each pair of coders.
    pub pairs: Vec<(Option<f64>, Stat)>,
}

pub struct Agreement {
    /// Indexed like [`Records::coders`].
    pub counts: Vec<CoderCount>,
    /// Documents with an aligned record.
    pub documents: usize,
    pub units: Vec<Unit>,
    /// Units holding records of two coders or more.
    pub shared: usize,
    /// Each pair of coders who coded an event in common, and the number of units both coded.
    pub pairs: Vec<(Pair, usize)>,
    pub fields: Vec<FieldAgreement>,
}

/// Two coders (indexes into [`Records::coders`]), or two codings.
pub type Pair = (usize, usize);

/// Align the records and measure agreement on every field.
pub fn agreement(records: &Records) -> Agreement {
    let codings = &records.codings;
    let units = align::align(codings, &records.coders);
    let rank: BTreeMap<&str, usize> = records
        .coders
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let coder_of = |m: usize| rank[codings[m].coder.as_str()];

    let mut counts = vec![CoderCount::default(); records.coders.len()];
    for unit in &units {
        for &m in unit {
            let count = &mut counts[coder_of(m)];
            if unit.len() > 1 {
                count.matched += 1;
            } else {
                count.unmatched += 1;
            }
        }
    }
    for u in &records.unaligned {
        if let Some(c) = u.coder.as_deref().and_then(|c| rank.get(c)) {
            counts[*c].unaligned += 1;
        }
    }
    let shared: Vec<&Unit> = units.iter().filter(|u| u.len() > 1).collect();
    // For each pair of coders who coded an event in common, their two records in each such
    // unit. A unit's records are in the order of the coders.
    let mut by_pair: BTreeMap<Pair, Vec<Pair>> = BTreeMap::new();
    for u in &shared {
        for (k, &a) in u.iter().enumerate() {
            for &b in &u[k + 1..] {
                let pair = (coder_of(a), coder_of(b));
                by_pair.entry(pair).or_default().push((a, b));
            }
        }
    }
    let pair_units: Vec<(Pair, Vec<Pair>)> = by_pair.into_iter().collect();
    let fields = FIELDS
        .iter()
        .map(|&field| {
            let values: Vec<Vec<String>> = shared
                .iter()
                .map(|u| u.iter().map(|&m| field.value(&codings[m])).collect())
                .collect();
            let pairs = pair_units
                .iter()
                .map(|(_, both)| {
                    let pairs: Vec<(String, String)> = both
                        .iter()
                        .map(|&(a, b)| (field.value(&codings[a]), field.value(&codings[b])))
                        .collect();
                    let as_units: Vec<Vec<String>> = pairs
                        .iter()
                        .map(|(a, b)| vec![a.clone(), b.clone()])
                        .collect();
                    (stats::agreement(&as_units), stats::kappa(&pairs))
                })
                .collect();
            FieldAgreement {
                field,
                agreement: stats::agreement(&values),
                alpha: stats::alpha(&values),
                pairs,
            }
        })
        .collect();
    let documents = codings
        .iter()
        .map(|c| c.doc_id.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    Agreement {
        counts,
        documents,
        shared: shared.len(),
        pairs: pair_units
            .iter()
            .map(|(pair, both)| (*pair, both.len()))
            .collect(),
        units,
        fields,
    }
}
