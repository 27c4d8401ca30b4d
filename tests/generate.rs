//! `eventc generate`: synthetic datasets that come out the same for a seed, that eventc reads
//! whole, and whose deliberate defects are exactly what eventc rejects.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use eventc::text::name_key;

const RECORDS: u64 = 3000;

/// The rules the generator sets out to trigger (each record with a defect names its rule in
/// `notes`, as `defect: RULE`), and `document-metadata`, from documents.csv.
const INTENDED: &[&str] = &[
    "malformed-record",
    "non-string-value",
    "missing-required",
    "constraint-violation",
    "duplicate-event-id",
    "unknown-document",
    "unknown-event-code",
    "invalid-actor-code",
    "unknown-actor",
    "actor-date-uncovered",
    "invalid-date",
    "date-range-reversed",
    "relative-date-unanchored",
    "quote-not-found",
    "invalid-quote-occurrence",
    "unknown-place",
    "place-country-mismatch",
    "actor-code-mismatch",
    "weekday-mismatch",
    "quote-case-mismatch",
    "quote-ambiguous",
    "duplicate-record",
    "unknown-field",
    "document-metadata",
];

/// Warnings that ordinary coding gives anyway: a record without a quote, a numeric date in an
/// English text, a plan dated after the article, a month spanning an actor's change of office.
const ORDINARY: &[&str] = &[
    "missing-quote",
    "ambiguous-date",
    "date-after-publication",
    "actor-date-partial",
    // Records of one document share actors: now and then two match by chance.
    "duplicate-event",
    "near-duplicate-event",
];

fn generate(wd: &Workdir, dir: &str, records: u64, seed: u64) {
    let schema = schema_dir();
    let out = wd.run(&[
        "generate",
        "--records",
        &records.to_string(),
        "--out",
        dir,
        "--seed",
        &seed.to_string(),
        "--schema",
        schema.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("generated {records} records")),
        "{}",
        stderr(&out)
    );
}

/// Every file under `dir` by path relative to it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    files
}

/// Each record of the events files as (file as the report names it, first line, text).
fn records(events: &Path) -> Vec<(String, u64, String)> {
    let mut out = Vec::new();
    for (rel, bytes) in tree(events) {
        let label = format!("raw/events/{}", rel.display());
        if label.ends_with(".jsonl") {
            for (i, line) in String::from_utf8(bytes).unwrap().lines().enumerate() {
                out.push((label.clone(), i as u64 + 1, line.to_string()));
            }
        } else {
            let mut r = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(&bytes[..]);
            for rec in r.records() {
                let rec = rec.unwrap();
                // After a CRLF the reader's position is still on the '\n': skip line ends.
                let mut at = rec.position().unwrap().byte() as usize;
                while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
                    at += 1;
                }
                let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
                out.push((
                    label.clone(),
                    line,
                    rec.iter().collect::<Vec<_>>().join(","),
                ));
            }
        }
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_records() {
    let wd = Workdir::new("generate-seed");
    generate(&wd, "a", 500, 7);
    generate(&wd, "b", 500, 7);
    generate(&wd, "c", 500, 8);
    for sub in ["raw", "schema"] {
        let (a, b) = (tree(&wd.path("a").join(sub)), tree(&wd.path("b").join(sub)));
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        for (path, bytes) in &a {
            assert!(bytes == &b[path], "{sub}/{} differs", path.display());
        }
    }
    let a = tree(&wd.path("a/raw/events"));
    let c = tree(&wd.path("c/raw/events"));
    assert_ne!(a, c, "another seed, other records");

    let docs = tree(&wd.path("a/raw/documents"));
    assert_eq!(docs.len(), 50 + 1, "N/10 documents and documents.csv");
    assert_eq!(records(&wd.path("a/raw/events")).len(), 500);
    let formats: BTreeSet<_> = a.keys().filter_map(|p| p.extension()).collect();
    assert_eq!(formats.len(), 2, "CSV and JSON Lines: {formats:?}");
    let windows = |b: &Vec<u8>| b.starts_with("\u{feff}".as_bytes()) && b.ends_with(b"\r\n");
    assert!(a.values().any(windows), "a CSV file as Windows saves it");
}

#[test]
fn the_schema_gains_20000_actors_and_2000_places_that_collide_with_nothing() {
    let wd = Workdir::new("generate-schema");
    generate(&wd, "set", 20, 1);
    let synthetic = wd.path("set/schema/actors/synthetic.csv");
    let lint = wd.run(&["actors", "check", synthetic.to_str().unwrap()]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
    let last = stdout(&lint).trim_end().lines().last().unwrap().to_string();
    assert!(
        last.starts_with("20000 actors"),
        "no lint issue: {}",
        stdout(&lint)
    );

    let names = |path: &Path| -> Vec<(String, String)> {
        let mut r = csv::Reader::from_path(path).unwrap();
        r.records()
            .flat_map(|rec| {
                let rec = rec.unwrap();
                let (name, aliases) = (rec[0].to_string(), rec[1].to_string());
                let all: Vec<String> = std::iter::once(name.clone())
                    .chain(
                        aliases
                            .split('|')
                            .filter(|a| !a.is_empty())
                            .map(String::from),
                    )
                    .collect();
                all.into_iter().map(move |n| (name.clone(), n))
            })
            .collect()
    };
    let bundled: BTreeSet<String> = names(&schema_dir().join("actors.csv"))
        .into_iter()
        .map(|(_, n)| name_key(&n))
        .collect();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for (entry, n) in names(&synthetic) {
        let k = name_key(&n);
        assert!(!bundled.contains(&k), "`{n}` folds like a bundled name");
        let first = owner.entry(k).or_insert_with(|| entry.clone());
        assert_eq!(first, &entry, "`{n}` names two entries");
    }
    let entries: BTreeSet<&String> = owner.values().collect();
    assert_eq!(entries.len(), 20_000);

    let mut r = csv::Reader::from_path(wd.path("set/schema/places.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let bundled = csv::Reader::from_path(schema_dir().join("places.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(rows.len(), bundled + 2000);
    let mut place_of = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let (lat, lon): (f64, f64) = (row[5].parse().unwrap(), row[6].parse().unwrap());
        assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
        for n in std::iter::once(&row[0]).chain(row[1].split('|').filter(|a| !a.is_empty())) {
            let first = *place_of.entry(name_key(n)).or_insert(i);
            assert_eq!(first, i, "`{n}` names two places");
        }
    }
}

#[test]
fn eventc_reads_every_record_and_rejects_exactly_the_deliberate_errors() {
    let wd = Workdir::new("generate-compile");
    generate(&wd, "set", RECORDS, 2020);
    let out = wd.run(&[
        "compile",
        "set/raw",
        "--schema",
        "set/schema",
        "--out",
        "out",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = wd.report();
    let s = &report["summary"];
    assert_eq!(s["records_read"], RECORDS, "every physical record is read");
    let accepted = s["events_written"].as_f64().unwrap() / RECORDS as f64;
    assert!((0.97..=0.995).contains(&accepted), "accepted {accepted}");

    let by_rule: BTreeSet<&str> = s["by_rule"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for rule in INTENDED {
        assert!(by_rule.contains(rule), "{rule} not triggered: {by_rule:?}");
    }
    for rule in &by_rule {
        assert!(
            INTENDED.contains(rule) || ORDINARY.contains(rule),
            "unexpected {rule}"
        );
    }

    // Every error is on a record with a deliberate defect, and each such record is reported
    // for its own rule, at its own line.
    let mut meant: BTreeMap<(String, u64), String> = BTreeMap::new();
    for (file, line, text) in records(&wd.path("set/raw/events")) {
        if let Some(at) = text.find("defect: ") {
            let rule: String = text[at + 8..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            meant.insert((file, line), rule);
        }
    }
    assert!(!meant.is_empty());
    let issues = report["issues"].as_array().unwrap();
    let at = |i: &serde_json::Value| {
        (
            i["file"].as_str().unwrap_or("").to_string(),
            i["line"].as_u64().unwrap_or(0),
        )
    };
    for i in issues.iter().filter(|i| i["severity"] == "error") {
        assert!(
            meant.contains_key(&at(i)),
            "error on an ordinary record: {i}"
        );
    }
    for ((file, line), rule) in &meant {
        // An unknown key is reported once per file, at its first line.
        if rule == "unknown-field" {
            continue;
        }
        let found = issues
            .iter()
            .any(|i| at(i) == (file.clone(), *line) && i["rule"] == rule.as_str());
        assert!(found, "{file}:{line} meant to trigger {rule}");
    }
    let not_found = issues_with_rule(&report, "quote-not-found");
    let meant_not_found = meant.values().filter(|r| *r == "quote-not-found").count();
    assert_eq!(
        not_found.len(),
        meant_not_found,
        "every other quote is in its document"
    );
}
