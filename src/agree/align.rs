//! Which records of different coders are the same event: a score for two records of one
//! document, and a one-to-one matching of maximum total score between coders.
//!
//! Within a document, coders are taken one after the other (the primary coder first, then by
//! name). The first coder's records each start a unit; each next coder's records are matched
//! to the units so far by a maximum-weight matching (Kuhn–Munkres), where a record's score
//! against a unit is the mean of its scores against the unit's records, and a pair below the
//! threshold does not match at all. A record left unmatched starts a unit of its own. With two
//! coders this is exactly the maximum-weight matching between their records.
//!
//! Ties go to input order: among matchings of equal total score, the one whose matched units
//! and records come earliest (lowest sum of positions) wins. `docs/agreement.md` gives the
//! rule with examples.

use std::collections::BTreeMap;

use chrono::Datelike;
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

use super::Coding;

/// Scores are in thousandths.
pub const FULL: u32 = 1000;
/// Two records below this score are never the same event.
pub const THRESHOLD: u32 = 500;

/// Weights of the parts of the score, in percent. The quote says most about which event a
/// record codes; date, dyad and code tell apart events of the same sentence and find the
/// same event quoted from two mentions.
const QUOTE: u32 = 40;
const DATE: u32 = 20;
const DYAD: u32 = 25;
const CODE: u32 = 15;

/// How alike two records of one document are, 0 to 1000: a weighted mean of
/// - quote: the overlap of their quotes in the document, over the shorter quote (left out of
///   the mean when either record has no quote);
/// - date: the overlap of their date intervals, over the shorter one;
/// - dyad: the mean over source and target of 1 for the same code (two empty targets are the
///   same), 1/2 for the same first block (country or organisation), else 0;
/// - code: 1 for the same event code, 3/4 for the same base code, 1/2 for the same root,
///   1/4 for the same quad class, else 0.
pub fn score(a: &Coding, b: &Coding) -> u32 {
    let mut parts = vec![
        (DATE, date_overlap(a, b)),
        (
            DYAD,
            (actor(Some(&a.source_code), Some(&b.source_code))
                + actor(a.target_code.as_deref(), b.target_code.as_deref()))
                / 2,
        ),
        (CODE, code(a, b)),
    ];
    if let (Some(qa), Some(qb)) = (a.quote, b.quote) {
        parts.push((QUOTE, overlap(qa, qb)));
    }
    let weights: u32 = parts.iter().map(|(w, _)| w).sum();
    parts.iter().map(|(w, s)| w * s).sum::<u32>() / weights
}

/// The overlap of two half-open intervals over the shorter one, in thousandths.
fn overlap((s1, e1): (i64, i64), (s2, e2): (i64, i64)) -> u32 {
    let shorter = (e1 - s1).min(e2 - s2).max(1);
    let common = (e1.min(e2) - s1.max(s2)).max(0);
    (common * FULL as i64 / shorter) as u32
}

fn date_overlap(a: &Coding, b: &Coding) -> u32 {
    let days = |(s, e): (chrono::NaiveDate, chrono::NaiveDate)| {
        let s = s.num_days_from_ce() as i64;
        (s, e.num_days_from_ce() as i64 + 1)
    };
    overlap(days(a.date), days(b.date))
}

fn actor(a: Option<&str>, b: Option<&str>) -> u32 {
    match (a, b) {
        (None, None) => FULL,
        (Some(a), Some(b)) if a == b => FULL,
        (Some(a), Some(b)) if a.get(..3).is_some() && a.get(..3) == b.get(..3) => FULL / 2,
        _ => 0,
    }
}

fn code(a: &Coding, b: &Coding) -> u32 {
    let (x, y) = (&a.event_code, &b.event_code);
    if x == y {
        FULL
    } else if x.get(..3).is_some() && x.get(..3) == y.get(..3) {
        FULL * 3 / 4
    } else if x.get(..2) == y.get(..2) {
        FULL / 2
    } else if a.quad_class == b.quad_class {
        FULL / 4
    } else {
        0
    }
}

/// The records of one event, at most one per coder: indexes into the codings, in the order
/// of the coders.
pub type Unit = Vec<usize>;

/// Every coding in exactly one unit. `coders` gives the order coders are taken in; units come
/// by document (sorted by id), then in the order they were formed.
pub fn align(codings: &[Coding], coders: &[String]) -> Vec<Unit> {
    let rank: BTreeMap<&str, usize> = coders
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut by_doc: BTreeMap<&str, Vec<Vec<usize>>> = BTreeMap::new();
    for (i, c) in codings.iter().enumerate() {
        let slots = by_doc.entry(&c.doc_id).or_default();
        slots.resize(coders.len(), Vec::new());
        if let Some(&r) = rank.get(c.coder.as_str()) {
            slots[r].push(i);
        }
    }
    let mut units = Vec::new();
    for records in by_doc.into_values() {
        let mut doc_units: Vec<Unit> = Vec::new();
        for coder_records in records.iter().filter(|r| !r.is_empty()) {
            join(codings, &mut doc_units, coder_records);
        }
        units.extend(doc_units);
    }
    units
}

/// Match one coder's records (in input order) to the units so far; the unmatched start units.
fn join(codings: &[Coding], units: &mut Vec<Unit>, records: &[usize]) {
    let unit_score = |u: &Unit, r: usize| -> u32 {
        let scores: Vec<u32> = u.iter().map(|&m| score(&codings[m], &codings[r])).collect();
        if scores.iter().any(|&s| s < THRESHOLD) {
            0
        } else {
            scores.iter().sum::<u32>() / scores.len() as u32
        }
    };
    let (rows, cols) = (units.len(), records.len());
    let mut matched = vec![false; cols];
    if rows > 0 {
        // Scores count in steps of K, and the tie-break adds less than K in all, so it only
        // decides between matchings of equal score: earlier units and records weigh more.
        let n = (rows + cols) as i64;
        let k = 2 * n * rows.min(cols) as i64 + 1;
        let weight = |u: usize, r: usize| -> i64 {
            match unit_score(&units[u], records[r]) {
                0 => 0,
                s => s as i64 * k + (n - u as i64) + (n - r as i64),
            }
        };
        // Kuhn–Munkres assigns every row: rows are the smaller side.
        let pairs: Vec<(usize, usize)> = if rows <= cols {
            let m = Matrix::from_fn(rows, cols, |(u, r)| weight(u, r));
            let (_, to) = kuhn_munkres(&m);
            to.into_iter().enumerate().collect()
        } else {
            let m = Matrix::from_fn(cols, rows, |(r, u)| weight(u, r));
            let (_, to) = kuhn_munkres(&m);
            to.into_iter().enumerate().map(|(r, u)| (u, r)).collect()
        };
        // A pair the algorithm's full assignment forced below the threshold is no match.
        let kept: Vec<(usize, usize)> = pairs
            .into_iter()
            .filter(|&(u, r)| weight(u, r) > 0)
            .collect();
        for (u, r) in kept {
            units[u].push(records[r]);
            matched[r] = true;
        }
    }
    units.extend(
        records
            .iter()
            .zip(matched)
            .filter(|(_, m)| !m)
            .map(|(&r, _)| vec![r]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::sync::Arc;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 2, d).unwrap()
    }

    /// A record of `coder` in doc1: event code, source, target, quote offsets, days.
    fn rec(
        coder: &str,
        code: &str,
        dyad: (&str, &str),
        quote: (i64, i64),
        days: (u32, u32),
    ) -> Coding {
        let quad = match &code[..2] {
            "01" | "02" | "03" | "04" | "05" => 1,
            "06" | "07" | "08" | "09" => 2,
            "10" | "11" | "12" | "13" | "14" => 3,
            _ => 4,
        };
        Coding {
            coder: coder.into(),
            doc_id: "doc1".into(),
            event_id: String::new(),
            file: Arc::from("raw/events/a.csv"),
            line: 2,
            event_code: code.into(),
            quad_class: quad,
            source_code: dyad.0.into(),
            target_code: (!dyad.1.is_empty()).then(|| dyad.1.to_string()),
            date: (day(days.0), day(days.1)),
            quote: (quote.0 < quote.1).then_some(quote),
        }
    }

    fn coders(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn scores_weigh_quote_date_dyad_and_code() {
        let a = rec("a", "192", ("SYRMIL", "SYRREB"), (0, 100), (16, 16));
        assert_eq!(score(&a, &a), FULL);
        // Same passage and day, another reading of who did what: still the same event.
        let b = rec("b", "0874", ("SYRREB", "SYRMIL"), (10, 90), (16, 16));
        // quote 1000·40 + date 1000·20 + dyad (500 + 500)/2·25 + code 0·15 (quad 2 ≠ 4)
        assert_eq!(score(&a, &b), (40_000 + 20_000 + 12_500) / 100);
        // Another passage, another day, another dyad: not the same event.
        let c = rec("b", "192", ("TURMIL", "SYRMIL"), (200, 260), (3, 4));
        assert!(score(&a, &c) < THRESHOLD);
        // Without quotes the other parts decide: same code, dyad and day.
        let d = rec("b", "192", ("SYRMIL", "SYRREB"), (0, 0), (10, 16));
        assert_eq!(score(&a, &d), FULL);
        // A day within a month is compatible.
        let e = rec("b", "192", ("SYRMIL", "SYRREB"), (0, 100), (1, 29));
        assert_eq!(score(&a, &e), FULL);
    }

    #[test]
    fn two_coders_are_matched_one_to_one_and_the_rest_listed() {
        let list = vec![
            rec("a", "192", ("SYRMIL", "SYRREB"), (0, 50), (16, 16)),
            rec("a", "195", ("RUSMIL", "SYRREB"), (60, 120), (16, 16)),
            rec("a", "0256", ("TUR", "RUS"), (130, 180), (3, 16)),
            rec("b", "0256", ("TUR", "RUS"), (130, 175), (3, 16)),
            rec("b", "192", ("SYRMIL", "SYRREB"), (0, 50), (15, 16)),
            rec("b", "190", ("SYRMIL", "TURMIL"), (300, 360), (3, 16)),
        ];
        let units = align(&list, &coders(&["a", "b"]));
        assert_eq!(units, vec![vec![0, 4], vec![1], vec![2, 3], vec![5]]);
    }

    #[test]
    fn a_record_matching_two_candidates_goes_to_the_earlier_on_a_tie() {
        let x = rec("a", "192", ("SYRMIL", "SYRREB"), (0, 50), (16, 16));
        let y = rec("b", "192", ("SYRMIL", "SYRREB"), (0, 50), (16, 16));
        let list = vec![x.clone(), y.clone(), y.clone()];
        assert_eq!(
            align(&list, &coders(&["a", "b"])),
            vec![vec![0, 1], vec![2]]
        );
        // The same the other way round: two of a's records, one of b's.
        let list = vec![x.clone(), x, y];
        assert_eq!(
            align(&list, &coders(&["a", "b"])),
            vec![vec![0, 2], vec![1]]
        );
    }

    #[test]
    fn the_matching_maximizes_the_total_not_each_best_pair() {
        // a1 fits b1 best, but only a1 fits b2: taking a1–b1 first (greedily) would leave a2
        // and b2 apart. The maximum-weight matching pairs a1–b2 and a2–b1.
        let a1 = rec("a", "192", ("SYRMIL", "SYRREB"), (0, 100), (16, 16));
        let a2 = rec("a", "192", ("SYRMIL", "SYRREB"), (0, 30), (3, 3));
        let b1 = rec("b", "192", ("SYRMIL", "SYRREB"), (0, 100), (16, 16));
        let b2 = rec("b", "192", ("SYRMIL", "TURMIL"), (40, 100), (16, 16));
        let (s11, s12, s21, s22) = (
            score(&a1, &b1),
            score(&a1, &b2),
            score(&a2, &b1),
            score(&a2, &b2),
        );
        assert!(s11 > s12 && s12 >= THRESHOLD && s21 >= THRESHOLD && s22 < THRESHOLD);
        let units = align(&[a1, a2, b1, b2], &coders(&["a", "b"]));
        assert_eq!(units, vec![vec![0, 3], vec![1, 2]]);
    }

    #[test]
    fn three_coders_share_units_and_the_order_of_coders_is_given() {
        let list = vec![
            rec("c", "192", ("SYRMIL", "SYRREB"), (0, 50), (16, 16)),
            rec("a", "192", ("SYRMIL", "SYRREB"), (0, 50), (16, 16)),
            rec("b", "190", ("SYRMIL", "SYRREB"), (0, 40), (16, 16)),
            rec("a", "195", ("RUSMIL", "SYRREB"), (60, 120), (16, 16)),
            rec("c", "195", ("RUSMIL", "SYRREB"), (60, 110), (15, 16)),
            rec("b", "042", ("TURGOV", "RUSGOV"), (400, 450), (1, 2)),
        ];
        let units = align(&list, &coders(&["a", "b", "c"]));
        assert_eq!(units, vec![vec![1, 2, 0], vec![3, 4], vec![5]]);
        // Another document is aligned apart, even with the same quotes.
        let mut other = list[0].clone();
        other.doc_id = "doc2".into();
        let mut with_other = list.clone();
        with_other.push(other);
        let units = align(&with_other, &coders(&["a", "b", "c"]));
        assert_eq!(units.last(), Some(&vec![6]));
    }

    #[test]
    fn a_unit_takes_a_record_only_if_it_fits_every_member() {
        // c's record fits a's but not b's, which joined a's unit first: c's stays alone.
        let a = rec("a", "192", ("SYRMIL", "SYRREB"), (0, 100), (16, 16));
        let b = rec("b", "192", ("SYRMIL", "SYRREB"), (50, 100), (16, 16));
        let c = rec("c", "042", ("TURGOV", "RUSGOV"), (0, 50), (16, 16));
        assert!(score(&a, &c) >= THRESHOLD && score(&b, &c) < THRESHOLD);
        let units = align(&[a, b, c], &coders(&["a", "b", "c"]));
        assert_eq!(units, vec![vec![0, 1], vec![2]]);
    }
}
