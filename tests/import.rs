//! `eventc import --from gdelt|icews`: machine-coded events through the same checks as ours,
//! on samples of our making, on real GDELT and ICEWS files when they are at hand, and the
//! round trip compile → `--profile gdelt` → import → compile.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::*;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn reference(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/samples")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        println!("skipped: {} not present", p.display());
        None
    }
}

/// A fresh folder with the project's schema, `machine_coders` set or not.
fn setup(name: &str, machine: bool) -> Workdir {
    let wd = Workdir::new(name);
    std::fs::remove_dir_all(wd.path("raw")).unwrap();
    let schema = schema_copy(&wd);
    if machine {
        std::fs::write(
            schema.join("eventc.json"),
            r#"{"machine_coders": ["gdelt", "icews"]}"#,
        )
        .unwrap();
    }
    wd
}

fn import(wd: &Workdir, from: &str, file: &Path) -> std::process::Output {
    wd.run(&[
        "import",
        "--from",
        from,
        file.to_str().unwrap(),
        "--out",
        "raw",
        "--schema",
        "schema",
    ])
}

fn compile(wd: &Workdir, raw: &str, out: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "compile", raw, "--schema", "schema", "--out", out, "--quiet",
    ];
    args.extend(extra);
    let o = wd.run(&args);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    serde_json::from_str(&wd.read(&format!("{out}/validation_report.json"))).unwrap()
}

fn by_rule(report: &serde_json::Value, rule: &str) -> u64 {
    report["summary"]["by_rule"][rule]["count"]
        .as_u64()
        .unwrap_or(0)
}

/// Every record read is written or rejected, and every rejected one says why.
fn all_accounted_for(wd: &Workdir, out: &str, report: &serde_json::Value) {
    let s = &report["summary"];
    let read = s["records_read"].as_u64().unwrap();
    let written = s["events_written"].as_u64().unwrap();
    let rejected = s["records_rejected"].as_u64().unwrap();
    assert_eq!(read, written + rejected);
    let rejects = wd.csv_rows(&format!("{out}/rejected.csv"));
    assert_eq!(rejects.len() as u64, rejected);
    assert!(rejects.iter().all(|r| !r["errors"].is_empty()));
}

#[test]
fn our_gdelt_sample_goes_through_the_checks() {
    let wd = setup("import-gdelt", true);
    let o = import(&wd, "gdelt", &data("gdelt-sample.tsv"));
    // The 57-column row of the back-file is named and not imported.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("gdelt-sample.tsv:6: 57 columns"), "{err}");
    assert!(err.contains("6 rows: 5 records"), "{err}");
    let records = wd.csv_rows("raw/events/gdelt-gdelt-sample.csv");
    assert_eq!(records.len(), 5);
    assert_eq!(records[0]["event_id"], "gdelt-900001");
    assert_eq!(records[0]["date"], "2020-02-16");
    assert_eq!(records[0]["location"], "Aleppo");
    assert_eq!(records[0]["coder"], "gdelt");
    // Two articles, one document each, with their address and the day GDELT added them.
    let docs = wd.csv_rows("raw/documents/documents.csv");
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["published"], "2020-02-17");
    assert_eq!(docs[0]["source"], "http://example.org/news/aleppo-advance");

    let report = compile(&wd, "raw", "out", &[]);
    all_accounted_for(&wd, "out", &report);
    assert_eq!(report["summary"]["events_written"], 3);
    // machine_coders: no quote expected of them.
    assert_eq!(by_rule(&report, "missing-quote"), 0);
    assert_eq!(by_rule(&report, "date-long-before-publication"), 1);
    let rejects = wd.csv_rows("out/rejected.csv");
    assert!(
        rejects[0]["errors"].contains("missing-required"),
        "{:?}",
        rejects[0]
    );
    assert!(
        rejects[1]["errors"].contains("unknown-event-code"),
        "{:?}",
        rejects[1]
    );
    let events = wd.csv_rows("out/events.csv");
    assert_eq!(events[0]["place_name"], "Aleppo");
    assert_eq!(events[0]["plover_event"], "COERCE");

    // Without the setting, each record gets its missing-quote warning.
    let wd2 = setup("import-gdelt-strict", false);
    import(&wd2, "gdelt", &data("gdelt-sample.tsv"));
    let report = compile(&wd2, "raw", "out", &[]);
    assert_eq!(by_rule(&report, "missing-quote"), 5);
}

#[test]
fn our_icews_sample_gets_codes_from_countries_and_sectors() {
    let wd = setup("import-icews", true);
    let o = import(&wd, "icews", &data("icews-sample.tab"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let records = wd.csv_rows("raw/events/icews-icews-sample.csv");
    let codes: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["source_code"].as_str(), r["target_code"].as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("SYRMIL", "SYRREB"),
            ("TURGOV", "RUS"),
            ("SYRCVL", ""),
            ("", "")
        ]
    );
    assert_eq!(records[0]["location"], "Anadan");
    assert_eq!(records[1]["location"], "Turkey");
    let report = compile(&wd, "raw", "out", &[]);
    all_accounted_for(&wd, "out", &report);
    assert_eq!(report["summary"]["events_written"], 3);
    let rejects = wd.csv_rows("out/rejected.csv");
    assert_eq!(rejects[0]["event_id"], "icews-7000004");
    assert!(
        rejects[0]["errors"].contains("unknown-actor"),
        "{:?}",
        rejects[0]
    );
}

#[test]
fn the_real_gdelt_sample_flags_events_dated_years_before_they_were_added() {
    let Some(sample) = reference("20141124.export.CSV") else {
        return;
    };
    let wd = setup("import-gdelt-real", true);
    let o = import(&wd, "gdelt", &sample);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("100 rows: 100 records"));
    let report = compile(&wd, "raw", "out", &[]);
    assert_eq!(report["summary"]["records_read"], 100);
    all_accounted_for(&wd, "out", &report);
    // 21 rows are dated 2004-11-26 in a file added on 2014-11-24.
    assert_eq!(by_rule(&report, "date-long-before-publication"), 21);
    assert_eq!(by_rule(&report, "missing-quote"), 0);
}

#[test]
fn the_real_icews_sample_is_read_whole() {
    let Some(sample) = reference("events.2018.sample.tab") else {
        return;
    };
    let wd = setup("import-icews-real", true);
    let o = import(&wd, "icews", &sample);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3705 rows: 3705 records"),
        "{}",
        stderr(&o)
    );
    let report = compile(&wd, "raw", "out", &[]);
    assert_eq!(report["summary"]["records_read"], 3705);
    all_accounted_for(&wd, "out", &report);
    assert!(report["summary"]["events_written"].as_u64().unwrap() > 3000);
}

/// The dataset's columns the GDELT layout carries, directly or through the codebooks.
const CARRIED: &[&str] = &[
    "event_date",
    "source_code",
    "source_name",
    "source_country",
    "source_roles",
    "target_code",
    "target_name",
    "target_country",
    "target_roles",
    "event_code",
    "event_base_code",
    "event_root_code",
    "event_label",
    "quad_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "place_name",
    "place_country",
    "admin1",
    "geonames_id",
    "latitude",
    "longitude",
];

#[test]
fn round_trip_through_the_gdelt_layout_keeps_what_it_carries() {
    let wd = setup("round-trip", true);
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("raw");
    let first = compile(
        &wd,
        bundled.to_str().unwrap(),
        "out1",
        &["--profile", "gdelt"],
    );
    assert_eq!(first["summary"]["records_rejected"], 0);
    let o = import(&wd, "gdelt", &wd.path("out1/events.gdelt.tsv"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let second = compile(&wd, "raw", "out2", &[]);
    assert_eq!(second["summary"]["records_rejected"], 0, "{second}");
    let a = wd.csv_rows("out1/events.csv");
    let b = wd.csv_rows("out2/events.csv");
    assert_eq!(a.len(), b.len());
    assert!(a.len() > 30);
    let pick = |r: &HashMap<String, String>| -> Vec<String> {
        CARRIED.iter().map(|c| r[*c].clone()).collect()
    };
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(pick(x), pick(y), "{}", x["event_id"]);
    }
}

#[test]
fn a_file_of_another_layout_is_refused_before_anything_is_written() {
    let wd = setup("import-wrong", true);
    let o = import(&wd, "icews", &data("gdelt-sample.tsv"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("gdelt-sample.tsv:1: not an ICEWS header"),
        "{}",
        stderr(&o)
    );
    assert!(!wd.path("raw").exists());
    // A GDELT file given GDELT's column names as a header by some tool: the header is skipped.
    let text = std::fs::read_to_string(data("gdelt-sample.tsv")).unwrap();
    let cols = eventc::write::gdelt::COLUMNS.join("\t");
    wd.write("with-header.tsv", &format!("{cols}\n{text}"));
    let o = import(&wd, "gdelt", &wd.path("with-header.tsv"));
    assert!(stderr(&o).contains("6 rows: 5 records"), "{}", stderr(&o));
}

#[test]
fn documents_are_added_to_an_existing_metadata_file() {
    let wd = setup("import-append", true);
    // Written by hand, without a final line break.
    wd.write(
        "raw/documents/documents.csv",
        "doc_id,published,reference_date,language,title,source\nmine,2020-02-16,,fr,,",
    );
    wd.write("raw/documents/mine.txt", "Un texte.\n");
    let o = import(&wd, "icews", &data("icews-sample.tab"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = wd.csv_rows("raw/documents/documents.csv");
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids, ["mine", "icews-880001", "icews-880002"]);
    // Imported again: refused, since it would replace the records of the first import.
    let o = import(&wd, "icews", &data("icews-sample.tab"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists"), "{}", stderr(&o));
    assert_eq!(wd.csv_rows("raw/documents/documents.csv").len(), 3);
    assert_eq!(wd.csv_rows("raw/events/icews-icews-sample.csv").len(), 4);
    // Removed, it imports again: the documents are there already.
    std::fs::remove_file(wd.path("raw/events/icews-icews-sample.csv")).unwrap();
    let o = import(&wd, "icews", &data("icews-sample.tab"));
    assert!(stderr(&o).contains("0 new documents"), "{}", stderr(&o));
    assert_eq!(wd.csv_rows("raw/documents/documents.csv").len(), 3);
}

#[test]
fn rows_follow_the_columns_of_an_existing_metadata_file() {
    let wd = setup("import-columns", true);
    wd.write(
        "raw/documents/documents.csv",
        "doc_id,source,published\nmine,Agence,2020-02-16\n",
    );
    wd.write("raw/documents/mine.txt", "Un texte.\n");
    let o = import(&wd, "icews", &data("icews-sample.tab"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = wd.csv_rows("raw/documents/documents.csv");
    assert_eq!(docs.len(), 3);
    assert!(docs.iter().all(|d| d.len() == 3), "{docs:?}");
    let report = compile(&wd, "raw", "out", &[]);
    all_accounted_for(&wd, "out", &report);
}

#[test]
fn a_story_id_that_is_not_a_plain_token_never_becomes_a_path() {
    let wd = setup("import-story", true);
    let sample = std::fs::read_to_string(data("icews-sample.tab")).unwrap();
    let hostile = sample.replace("\t880001\t", "\t../../escape\t");
    assert_ne!(hostile, sample);
    wd.write("hostile.tab", &hostile);
    let o = import(&wd, "icews", &wd.path("hostile.tab"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!wd.path("escape.txt").exists() && !wd.path("../escape.txt").exists());
    for d in wd.csv_rows("raw/documents/documents.csv") {
        let id = &d["doc_id"];
        assert!(!id.contains('/') && !id.contains(".."), "{id}");
        assert!(
            wd.path(&format!("raw/documents/{id}.txt")).is_file(),
            "{id}"
        );
    }
}
