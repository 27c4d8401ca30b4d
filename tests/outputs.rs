//! What the outputs hold of the coder's text, `--csv-safe`, and where they may be written.

mod common;

use std::collections::HashMap;

use arrow_array::{Array, StringArray};
use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

/// An accepted record whose free-text fields start with spaces, tabs and formula characters,
/// and a rejected one whose code is a formula.
fn tricky(wd: &Workdir) {
    // The coder field is free text too; with no primary coder, the record is not set aside.
    schema_without_primary_coder(wd);
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n\
             e1,doc1,2020-02-16, Ankara,,042,\t=Russie,RUSGOV,\" =1+1\",\"{URGE}\",\"\t@coder\",\"-2+3 \"\n\
             e2,doc1,2020-02-16,,TURGOV,=1+1,,RUSGOV,,\"{URGE}\",coder1,\" +notes\"\n"
        ),
    );
}

fn parquet_strings(wd: &Workdir, out: &str, column: &str) -> Vec<Option<String>> {
    let file = std::fs::File::open(wd.path(out).join("events.parquet")).unwrap();
    let mut values = Vec::new();
    for batch in ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
    {
        let batch = batch.unwrap();
        let col = batch.column_by_name(column).unwrap();
        let col = col.as_any().downcast_ref::<StringArray>().unwrap();
        values.extend((0..col.len()).map(|i| col.is_valid(i).then(|| col.value(i).to_string())));
    }
    values
}

fn only_row(rows: Vec<HashMap<String, String>>) -> HashMap<String, String> {
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next().unwrap()
}

#[test]
fn free_text_reaches_the_outputs_byte_for_byte() {
    let wd = Workdir::new("verbatim");
    tricky(&wd);
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let event = only_row(wd.csv_rows("out/events.csv"));
    let expect = [
        ("source_text", " Ankara"),
        ("target_text", "\t=Russie"),
        ("location_text", " =1+1"),
        ("coder", "\t@coder"),
        ("notes", "-2+3 "),
        ("quote", URGE),
        // The text was matched without its spaces: the actor resolved.
        ("source_code", "TURGOV"),
    ];
    for (column, value) in expect {
        assert_eq!(event[column], value, "events.csv {column}");
        assert_eq!(
            parquet_strings(&wd, "out", column),
            [Some(value.to_string())],
            "events.parquet {column}"
        );
    }
    let reject = only_row(wd.csv_rows("out/rejected.csv"));
    assert_eq!(reject["event_code"], "=1+1");
    assert_eq!(reject["notes"], " +notes");
    let issues = wd.csv_rows("out/validation_issues.csv");
    let issue = issues
        .iter()
        .find(|i| i["rule"] == "unknown-event-code")
        .unwrap();
    assert_eq!(issue["value"], "=1+1");
}

#[test]
fn csv_safe_neutralizes_formulas_in_the_csv_outputs_only() {
    let wd = Workdir::new("csv-safe");
    tricky(&wd);
    assert_eq!(wd.compile().status.code(), Some(1));
    let out = wd.run(&["compile", "--out", "safe", "--csv-safe"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let event = only_row(wd.csv_rows("safe/events.csv"));
    let expect = [
        ("source_text", " Ankara"),
        ("target_text", "'\t=Russie"),
        ("location_text", "' =1+1"),
        ("coder", "'\t@coder"),
        ("notes", "'-2+3 "),
        // Numbers stay numbers: the Goldstein value of 042 is positive, dates are not formulas.
        ("goldstein", "1.9"),
        ("event_date", "2020-02-16"),
    ];
    for (column, value) in expect {
        assert_eq!(event[column], value, "events.csv {column}");
    }
    let reject = only_row(wd.csv_rows("safe/rejected.csv"));
    assert_eq!(reject["event_code"], "'=1+1");
    assert_eq!(reject["notes"], "' +notes");
    let issues = wd.csv_rows("safe/validation_issues.csv");
    assert!(issues.iter().any(|i| i["value"] == "'=1+1"), "{issues:?}");
    // Parquet keeps the exact values: the same bytes as without the option.
    assert_eq!(
        std::fs::read(wd.path("safe/events.parquet")).unwrap(),
        std::fs::read(wd.path("out/events.parquet")).unwrap()
    );
}

#[test]
fn a_negative_number_stays_a_number_with_csv_safe() {
    let wd = Workdir::new("csv-safe-numbers");
    // 190 (use conventional military force) has a negative Goldstein value.
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("e1", "2020-02-16", "SYRMIL", "190", "", "la ville d’Anadan")
        ),
    );
    let out = wd.run(&["compile", "--csv-safe"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let event = only_row(wd.csv_rows("out/events.csv"));
    assert_eq!(event["goldstein"], "-10");
}

#[test]
fn an_output_folder_inside_the_input_folder_is_refused() {
    let wd = Workdir::new("out-inside");
    tricky(&wd);
    for out in ["raw", "raw/events", "raw/events/out", "raw/../raw/out"] {
        let run = wd.run(&["compile", "--out", out]);
        assert_eq!(run.status.code(), Some(2), "{out}");
        assert!(
            stderr(&run).contains("inside the input folder"),
            "{out}: {}",
            stderr(&run)
        );
    }
    assert!(!wd.path("raw/events/out").exists());
    assert!(!wd.path("raw/out").exists());
    assert!(!wd.path("raw/.eventc").exists());
    // Nor inside the schema folder, whose dictionaries a later run would load.
    schema_copy(&wd);
    let run = wd.run(&["compile", "--schema", "schema", "--out", "schema/actors"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!wd.path("schema/actors/.eventc").exists());
    // Beside it is fine.
    assert_eq!(
        wd.run(&["compile", "--out", "raw-out"]).status.code(),
        Some(1)
    );
}
