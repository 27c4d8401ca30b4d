//! Duplicate and near-duplicate events among the dataset's records (`duplicate-event`,
//! `near-duplicate-event`), and the one-a-day filter (`compile --dedup one-a-day`).

mod common;

use std::collections::HashMap;

use arrow_array::{Array, Int64Array, StringArray};
use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";
const SEIZE_PART: &str = "l’armée syrienne a pris";
const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

/// A record by codes: `id,doc,date,,source,code,,target,location,"quote",coder,`.
fn rec(
    id: &str,
    doc: &str,
    date: &str,
    dyad: (&str, &str),
    code: &str,
    place: &str,
    quote: &str,
) -> String {
    let (source, target) = dyad;
    format!("{id},{doc},{date},,{source},{code},,{target},{place},\"{quote}\",coder1,\n")
}

const SY_TU: (&str, &str) = ("SYRMIL", "TURMIL");

/// The test document and a second one, `doc2`, with the same text.
fn workdir(name: &str) -> Workdir {
    let wd = Workdir::new(name);
    wd.write("raw/documents/doc2.txt", DOC_TEXT);
    wd.write(
        "raw/documents/documents.csv",
        &format!("doc_id,published,reference_date,language,title,source\n{DOC_ID},2020-02,2020-02-16,fr,Test,\ndoc2,2020-02,2020-02-16,fr,Autre,\n"),
    );
    wd
}

fn events(wd: &Workdir, rows: &[String]) {
    wd.write("raw/events/a.csv", &format!("{HEADER}\n{}", rows.concat()));
}

/// (rule, line, event_id, message) of every duplicate warning, in report order.
fn duplicate_issues(wd: &Workdir) -> Vec<(String, u64, String, String)> {
    let report = wd.report();
    report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["rule"].as_str().unwrap().ends_with("duplicate-event"))
        .map(|i| {
            assert_eq!(i["severity"], "warning");
            assert_eq!(i["file"], "raw/events/a.csv");
            (
                i["rule"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
                i["event_id"].as_str().unwrap().to_string(),
                i["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn an_exact_duplicate_names_both_records_in_every_output() {
    let wd = workdir("dup-exact");
    events(
        &wd,
        &[
            rec("e1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
            rec(
                "e2",
                DOC_ID,
                "2020-02-16",
                ("TURGOV", "RUSGOV"),
                "0256",
                "",
                URGE,
            ),
            rec("e3", DOC_ID, "16/02/2020", SY_TU, "190", "", URGE),
        ],
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "a warning: {}", stderr(&out));
    let issues = duplicate_issues(&wd);
    assert_eq!(issues.len(), 1, "{issues:?}");
    let (rule, line, id, message) = &issues[0];
    assert_eq!(
        (rule.as_str(), *line, id.as_str()),
        ("duplicate-event", 4, "e3")
    );
    assert!(message.contains("`e1` (raw/events/a.csv:2)"), "{message}");
    assert!(
        message.contains(
            "`SYRMIL` → `TURMIL`, event code `190` and date 2020-02-16, in the same document"
        ),
        "{message}"
    );
    // Terminal: a rustc-style warning with its location and help.
    let err = stderr(&out);
    assert!(
        err.contains("warning[duplicate-event]: the same event as `e1`"),
        "{err}"
    );
    assert!(err.contains("--> raw/events/a.csv:4"), "{err}");
    assert!(
        err.contains("help: if both report one event, delete one record"),
        "{err}"
    );
    assert!(err.contains("3 read = 3 written + 0 rejected"), "{err}");
    // The issues table.
    let rows: Vec<_> = wd
        .csv_rows("out/validation_issues.csv")
        .into_iter()
        .filter(|r| r["rule"] == "duplicate-event")
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["line"].as_str(), rows[0]["event_id"].as_str()),
        ("4", "e3")
    );
    assert!(rows[0]["message"].contains("`e1` (raw/events/a.csv:2)"));
    assert!(rows[0]["help"].contains("--dedup one-a-day"));
    // Still in the dataset: a warning removes nothing.
    assert_eq!(wd.csv_rows("out/events.csv").len(), 3);
}

#[test]
fn near_duplicates_related_codes_and_overlapping_dates() {
    let wd = workdir("dup-near");
    events(
        &wd,
        &[
            // 190 is the general form of 193; 087 of 0874.
            rec("a1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
            rec("a2", DOC_ID, "2020-02-16", SY_TU, "193", "", URGE),
            rec(
                "b1",
                DOC_ID,
                "2020-02-10/2020-02-16",
                ("SYRREB", "SYRMIL"),
                "0874",
                "",
                URGE,
            ),
            rec(
                "b2",
                DOC_ID,
                "2020-02-14",
                ("SYRREB", "SYRMIL"),
                "087",
                "",
                URGE,
            ),
            // The same code over a period that holds the day.
            rec(
                "c1",
                DOC_ID,
                "2020-02-16",
                ("TURGOV", "RUSGOV"),
                "0256",
                "",
                URGE,
            ),
            rec(
                "c2",
                DOC_ID,
                "février 2020",
                ("TURGOV", "RUSGOV"),
                "0256",
                "",
                URGE,
            ),
        ],
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let issues = duplicate_issues(&wd);
    let got: Vec<(&str, u64, &str)> = issues
        .iter()
        .map(|(r, l, i, _)| (r.as_str(), *l, i.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("near-duplicate-event", 3, "a2"),
            ("near-duplicate-event", 5, "b2"),
            ("near-duplicate-event", 7, "c2"),
        ]
    );
    assert!(
        issues[0]
            .3
            .contains("event codes `193` and `190`, date 2020-02-16"),
        "{}",
        issues[0].3
    );
    assert!(
        issues[1]
            .3
            .contains("dates 2020-02-14 and 2020-02-10/2020-02-16 overlap"),
        "{}",
        issues[1].3
    );
    assert!(
        issues[2]
            .3
            .contains("event code `0256`, dates 2020-02-01/2020-02-29 and 2020-02-16 overlap"),
        "{}",
        issues[2].3
    );
    assert!(issues
        .iter()
        .all(|i| i.3.contains("`a1`") || i.3.contains("`b1`") || i.3.contains("`c1`")));
}

#[test]
fn other_documents_and_overlapping_quotes_are_said_and_the_surest_match_is_named() {
    let wd = workdir("dup-docs");
    events(
        &wd,
        &[
            rec("d1", "doc2", "2020-02-16", SY_TU, "190", "", SEIZE),
            rec("d2", DOC_ID, "2020-02-16", SY_TU, "190", "", URGE),
            rec("d3", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
            // Overlaps d3's quote, not d2's: d3 is named though d1 and d2 come first.
            rec("d4", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE_PART),
        ],
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let issues = duplicate_issues(&wd);
    let said: Vec<(&str, &str)> = issues
        .iter()
        .map(|(_, _, id, m)| (id.as_str(), m.rsplit(", ").next().unwrap()))
        .collect();
    assert_eq!(
        said,
        [
            ("d2", "in another document"),
            ("d3", "in the same document"),
            ("d4", "with overlapping quotes"),
        ]
    );
    assert!(issues[0].3.contains("`d1` (raw/events/a.csv:2)"));
    // d3 matches d1 (another document) and d2 (the same document): d2 is surer.
    assert!(
        issues[1].3.contains("`d2` (raw/events/a.csv:3)"),
        "{}",
        issues[1].3
    );
    assert!(
        issues[2].3.contains("`d3` (raw/events/a.csv:4)"),
        "{}",
        issues[2].3
    );
}

#[test]
fn not_duplicates() {
    let wd = workdir("dup-none");
    events(
        &wd,
        &[
            rec("n1", DOC_ID, "2020-02-16", SY_TU, "193", "", SEIZE),
            // Two specific codes of one root.
            rec("n2", DOC_ID, "2020-02-16", SY_TU, "194", "", SEIZE),
            // Dates that do not overlap.
            rec("n3", DOC_ID, "2020-02-14", SY_TU, "193", "", SEIZE),
            rec(
                "n4",
                DOC_ID,
                "2020-02-10/2020-02-13",
                SY_TU,
                "193",
                "",
                SEIZE,
            ),
            // The dyad reversed, or another target, or none.
            rec(
                "n5",
                DOC_ID,
                "2020-02-16",
                ("TURMIL", "SYRMIL"),
                "193",
                "",
                SEIZE,
            ),
            rec(
                "n6",
                DOC_ID,
                "2020-02-16",
                ("SYRMIL", "RUSMIL"),
                "193",
                "",
                SEIZE,
            ),
            rec("n7", DOC_ID, "2020-02-16", ("SYRMIL", ""), "193", "", SEIZE),
            // Another code root.
            rec("n8", DOC_ID, "2020-02-16", SY_TU, "183", "", SEIZE),
            // Two places.
            rec("p1", DOC_ID, "2020-02-15", SY_TU, "190", "Anadan", SEIZE),
            rec("p2", DOC_ID, "2020-02-15", SY_TU, "190", "Haritan", SEIZE),
        ],
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(duplicate_issues(&wd), []);
    // The same place under two names is one place.
    let wd = workdir("dup-place");
    events(
        &wd,
        &[
            rec("p1", DOC_ID, "2020-02-15", SY_TU, "190", "Anadan", SEIZE),
            rec("p2", DOC_ID, "2020-02-15", SY_TU, "190", "Andan", SEIZE),
            rec("p3", DOC_ID, "2020-02-15", SY_TU, "190", "", SEIZE),
        ],
    );
    wd.compile();
    let ids: Vec<String> = duplicate_issues(&wd).into_iter().map(|i| i.2).collect();
    assert_eq!(ids, ["p2", "p3"]);
}

#[test]
fn records_set_aside_and_pasted_rows_are_not_warned_again() {
    let wd = workdir("dup-aside");
    let schema = schema_copy(&wd);
    std::fs::write(
        schema.join("eventc.json"),
        "{\"primary_coder\": \"coder1\"}",
    )
    .unwrap();
    let mut other =
        rec("x1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE).replace(",coder1,", ",t2,");
    other.push_str(
        &rec("x2", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE).replace(",coder1,", ",t2,"),
    );
    events(
        &wd,
        &[
            rec("e1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
            other,
            // Pasted twice without an id: `duplicate-record` only.
            rec(
                "",
                DOC_ID,
                "2020-02-16",
                ("TURGOV", "RUSGOV"),
                "0256",
                "",
                URGE,
            ),
            rec(
                "",
                DOC_ID,
                "2020-02-16",
                ("TURGOV", "RUSGOV"),
                "0256",
                "",
                URGE,
            ),
        ],
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("5 read = 3 written + 2 set aside + 0 rejected"),
        "{}",
        stderr(&out)
    );
    assert_eq!(duplicate_issues(&wd), []);
    assert_eq!(issues_with_rule(&wd.report(), "duplicate-record").len(), 1);
}

#[test]
fn warnings_are_in_input_order_and_the_same_bytes_on_any_number_of_threads() {
    let wd = workdir("dup-threads");
    // Enough records for several batches, in two files, with duplicates across them.
    let mut a = String::new();
    let mut b = String::new();
    let codes = ["190", "193", "194", "0874", "087", "042", "0256"];
    for i in 0..3000 {
        let day = 1 + (i * 7) % 16;
        let code = codes[i % codes.len()];
        let quote = if i % 2 == 0 { SEIZE } else { URGE };
        let row = rec(
            &format!("r{i}"),
            DOC_ID,
            &format!("2020-02-{day:02}"),
            SY_TU,
            code,
            "",
            quote,
        );
        if i % 3 == 0 {
            b.push_str(&row)
        } else {
            a.push_str(&row)
        }
    }
    wd.write("raw/events/a.csv", &format!("{HEADER}\n{a}"));
    wd.write("raw/events/b.csv", &format!("{HEADER}\n{b}"));
    let mut reports = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = wd.run(&["compile", "--threads", threads, "--quiet"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        reports.push((
            wd.read("out/validation_report.json"),
            wd.read("out/validation_issues.csv"),
        ));
    }
    assert!(reports.windows(2).all(|w| w[0] == w[1]));
    let issues: Vec<(String, u64)> = wd.report()["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["file"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // All but the first of each (day, code family) is warned, each once, in input order.
    assert!(issues.len() > 2_900, "{}", issues.len());
    assert!(
        issues.windows(2).all(|w| w[0] < w[1]),
        "in input order, once each"
    );
}

/// The dataset's rows as (event_id, merged_records), from the CSV and the Parquet file.
/// (event_id, value) rows.
type Rows<T> = Vec<(String, T)>;

fn merged_column(wd: &Workdir) -> (Rows<String>, Rows<i64>) {
    let csv = wd
        .csv_rows("out/events.csv")
        .into_iter()
        .map(|r| (r["event_id"].clone(), r["merged_records"].clone()))
        .collect();
    let file = std::fs::File::open(wd.path("out/events.parquet")).unwrap();
    let mut parquet = Vec::new();
    for batch in ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
    {
        let batch = batch.unwrap();
        let ids = batch
            .column_by_name("event_id")
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
            .clone();
        let n = batch.column_by_name("merged_records").unwrap();
        assert_eq!(n.null_count(), 0);
        let n = n.as_any().downcast_ref::<Int64Array>().unwrap();
        parquet.extend((0..batch.num_rows()).map(|i| (ids.value(i).to_string(), n.value(i))));
    }
    (csv, parquet)
}

fn one_a_day_rows() -> [String; 8] {
    [
        rec("k1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
        rec("k2", DOC_ID, "2020-02-15", SY_TU, "190", "", SEIZE),
        // Merged into k1: same day (written otherwise), actors and code; another document.
        rec("m1", "doc2", "16/02/2020", SY_TU, "190", "Anadan", URGE),
        // Not merged: another code, a period, no target.
        rec("k3", DOC_ID, "2020-02-16", SY_TU, "193", "", SEIZE),
        rec("k4", DOC_ID, "février 2020", SY_TU, "190", "", SEIZE),
        rec("k5", DOC_ID, "2020-02-16", ("SYRMIL", ""), "190", "", SEIZE),
        // Into k4 (the same month) and k1.
        rec("m2", DOC_ID, "février 2020", SY_TU, "190", "", URGE),
        rec(
            "m3",
            DOC_ID,
            "dimanche 16 février 2020",
            SY_TU,
            "190",
            "",
            URGE,
        ),
    ]
}

#[test]
fn one_a_day_keeps_the_first_and_counts_what_it_merged() {
    let wd = workdir("dedup");
    let mut rows = one_a_day_rows().to_vec();
    rows.push(rec("bad", DOC_ID, "2020-02-16", SY_TU, "42", "", SEIZE));
    events(&wd, &rows);
    let out = wd.run(&["compile", "--dedup", "one-a-day"]);
    assert_eq!(out.status.code(), Some(1), "one rejected: {}", stderr(&out));
    assert!(
        stderr(&out).contains("9 read = 5 written + 3 merged + 1 rejected"),
        "{}",
        stderr(&out)
    );
    let s = &wd.report()["summary"];
    assert_eq!(
        [
            &s["records_read"],
            &s["events_written"],
            &s["records_merged"],
            &s["records_set_aside"],
            &s["records_rejected"]
        ],
        [9, 5, 3, 0, 1]
    );
    let want = [("k1", 3), ("k2", 1), ("k3", 1), ("k4", 2), ("k5", 1)];
    let (csv, parquet) = merged_column(&wd);
    assert_eq!(parquet, want.map(|(id, n)| (id.to_string(), n)));
    assert_eq!(csv, want.map(|(id, n)| (id.to_string(), n.to_string())));
    // The kept row is k1's own, not a blend.
    let k1 = &wd.csv_rows("out/events.csv")[0];
    assert_eq!(
        (
            k1["doc_id"].as_str(),
            k1["quote"].as_str(),
            k1["location_text"].as_str()
        ),
        (DOC_ID, SEIZE, "")
    );
    assert!(wd.read("out/events.csv").starts_with("event_id,"));
    assert!(wd
        .read("out/events.csv")
        .lines()
        .next()
        .unwrap()
        .ends_with(",input_line,merged_records"));
    // The table schema of events.csv has the column; that of the records set aside has not.
    let package: serde_json::Value =
        serde_json::from_str(&wd.read("out/datapackage.json")).unwrap();
    let last = |r: usize| {
        package["resources"][r]["schema"]["fields"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["name"]
            .clone()
    };
    assert_eq!(last(0), "merged_records");
    assert_eq!(last(2), "input_line");
    // Merged records are not warned as duplicates; the kept ones still are: k3 (193 beside
    // k1's 190) and k4 (the month holds k1's day).
    let ids: Vec<String> = duplicate_issues(&wd).into_iter().map(|i| i.2).collect();
    assert_eq!(ids, ["k3", "k4"]);
    // Nothing left behind in the output set.
    let set = std::fs::read_link(wd.path("out/.eventc")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(wd.path("out").join(set))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.iter().all(|n| !n.ends_with(".all")), "{names:?}");
}

#[test]
fn without_dedup_the_dataset_has_no_merged_column() {
    let wd = workdir("dedup-off");
    events(&wd, &one_a_day_rows());
    let out = wd.compile();
    assert!(
        stderr(&out).contains("8 read = 8 written + 0 rejected"),
        "{}",
        stderr(&out)
    );
    assert!(wd
        .read("out/events.csv")
        .lines()
        .next()
        .unwrap()
        .ends_with(",input_line"));
    assert_eq!(wd.report()["summary"]["records_merged"], 0);
    let columns: HashMap<String, ()> = wd.csv_rows("out/events.csv")[0]
        .keys()
        .map(|k| (k.clone(), ()))
        .collect();
    assert!(!columns.contains_key("merged_records"));
}

#[test]
fn the_copy_through_scratch_files_changes_nothing_but_the_added_column() {
    let wd = workdir("dedup-bytes");
    // Distinct keys, so nothing merges; free text that CSV quotes, and a formula.
    let rows = [
        rec("t1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
        rec("t2", DOC_ID, "2020-02-15", SY_TU, "190", "", SEIZE).replace(
            ",coder1,\n",
            ",coder1,\"=1+1, \"\"quoted\"\"\nand a second line\"\n",
        ),
        rec("t3", DOC_ID, "2020-02-14", SY_TU, "190", " Anadan ", URGE),
    ];
    events(&wd, &rows);
    let plain = wd.run(&["compile", "--csv-safe", "--out", "plain"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let dedup = wd.run(&[
        "compile",
        "--csv-safe",
        "--dedup",
        "one-a-day",
        "--out",
        "dedup",
    ]);
    assert_eq!(dedup.status.code(), Some(0), "{}", stderr(&dedup));
    let plain_csv = wd.read("plain/events.csv");
    assert!(plain_csv.contains("'=1+1"), "{plain_csv}");
    let mut lines = plain_csv.split_inclusive('\n');
    let mut want = lines.next().unwrap().replace('\n', ",merged_records\n");
    // Each record ends with its input_line; a quoted line break is not a record's end.
    for line in lines {
        let ends_record = line
            .trim_end()
            .rsplit(',')
            .next()
            .is_some_and(|f| f.parse::<u64>().is_ok());
        want.push_str(&if ends_record {
            line.replace('\n', ",1\n")
        } else {
            line.to_string()
        });
    }
    assert_eq!(wd.read("dedup/events.csv"), want);
    let (plain, dedup) = (
        parquet_rows(&wd, "plain/events.parquet"),
        parquet_rows(&wd, "dedup/events.parquet"),
    );
    assert_eq!(dedup.num_columns(), plain.num_columns() + 1);
    assert_eq!(
        dedup
            .project(&(0..plain.num_columns()).collect::<Vec<_>>())
            .unwrap()
            .columns(),
        plain.columns()
    );
}

/// The rows of a small Parquet file, in its one record batch.
fn parquet_rows(wd: &Workdir, rel: &str) -> arrow_array::RecordBatch {
    let file = std::fs::File::open(wd.path(rel)).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut batches: Vec<_> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.len(), 1);
    batches.pop().unwrap()
}

#[test]
fn a_record_repeated_under_another_id_is_said_to_be_the_same_record() {
    let wd = workdir("dup-same-record");
    // With no primary coder, a second coder's record reaches the dataset and is compared.
    schema_without_primary_coder(&wd);
    events(
        &wd,
        &[
            rec("e1", DOC_ID, "2020-02-16", SY_TU, "190", "", SEIZE),
            rec("e2", DOC_ID, "2020-02-16", SY_TU, "190", "", URGE),
            // e1's coding with another id, coder and spacing: named rather than e2, which
            // is later and only shares the day.
            rec("e3", DOC_ID, " 2020-02-16", SY_TU, "190", "", SEIZE).replace(",coder1,", ",t9,"),
        ],
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let issues = duplicate_issues(&wd);
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|(_, _, id, m)| (id.as_str(), &m[..m.find(':').unwrap()]))
        .collect();
    assert_eq!(
        got,
        [
            ("e2", "the same event as `e1` (raw/events/a.csv"),
            ("e3", "the same record as `e1` (raw/events/a.csv"),
        ]
    );
    assert!(
        issues[1].3.contains("under another event_id"),
        "{}",
        issues[1].3
    );
}
