//! `eventc compile` and `eventc validate` end to end, run as a user would in a scratch folder.

mod common;

use arrow_array::{Array, Date32Array, Int8Array, StringArray};
use arrow_schema::DataType;
use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";
const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

fn good_rows() -> String {
    format!(
        "{HEADER}\n{}\n{}\n",
        row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
        row("e2", "2020-02-16", "TURGOV", "042", "RUSGOV", URGE),
    )
}

fn read_parquet(wd: &Workdir) -> Vec<arrow_array::RecordBatch> {
    let file = std::fs::File::open(wd.path("out/events.parquet")).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

#[test]
fn valid_records_compile_with_status_0_and_all_outputs() {
    let wd = Workdir::new("valid");
    wd.write("raw/events/a.csv", &good_rows());
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for f in [
        "events.parquet",
        "events.csv",
        "rejected.csv",
        "validation_report.json",
        "validation_issues.csv",
    ] {
        assert!(wd.path("out").join(f).is_file(), "{f} missing");
    }
    let report = wd.report();
    assert_eq!(report["summary"]["records_read"], 2);
    assert_eq!(report["summary"]["events_written"], 2);
    assert_eq!(report["summary"]["records_rejected"], 0);
    assert!(
        stderr(&out).contains("2 read = 2 written + 0 rejected"),
        "{}",
        stderr(&out)
    );
    // Nothing but the set is left behind.
    assert_eq!(leftovers(&wd.path("out")), Vec::<String>::new());
    // The data package describes events.csv column for column, codes as strings.
    let package: serde_json::Value =
        serde_json::from_str(&wd.read("out/datapackage.json")).unwrap();
    let fields = package["resources"][0]["schema"]["fields"]
        .as_array()
        .unwrap();
    let header = wd
        .read("out/events.csv")
        .lines()
        .next()
        .unwrap()
        .to_string();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names.join(","), header);
    let ty = |n: &str| {
        fields.iter().find(|f| f["name"] == n).unwrap()["type"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (
            ty("event_code"),
            ty("event_date"),
            ty("quad_class"),
            ty("goldstein"),
            ty("geonames_id")
        ),
        (
            "string".into(),
            "date".into(),
            "integer".into(),
            "number".into(),
            "string".into()
        )
    );
}

#[test]
fn parquet_has_the_documented_columns_and_types() {
    let wd = Workdir::new("types");
    wd.write("raw/events/a.csv", &good_rows());
    assert_eq!(wd.compile().status.code(), Some(0));
    let batches = read_parquet(&wd);
    let schema = batches[0].schema();
    let expected: &[(&str, DataType)] = &[
        ("event_id", DataType::Utf8),
        ("doc_id", DataType::Utf8),
        ("event_date", DataType::Date32),
        ("event_date_end", DataType::Date32),
        ("date_precision", DataType::Utf8),
        ("event_time", DataType::Utf8),
        ("source_text", DataType::Utf8),
        ("source_code", DataType::Utf8),
        ("source_name", DataType::Utf8),
        ("source_country", DataType::Utf8),
        ("source_roles", DataType::Utf8),
        ("target_text", DataType::Utf8),
        ("target_code", DataType::Utf8),
        ("target_name", DataType::Utf8),
        ("target_country", DataType::Utf8),
        ("target_roles", DataType::Utf8),
        ("event_code", DataType::Utf8),
        ("event_base_code", DataType::Utf8),
        ("event_root_code", DataType::Utf8),
        ("event_label", DataType::Utf8),
        ("quad_class", DataType::Int8),
        ("goldstein", DataType::Float64),
        ("plover_event", DataType::Utf8),
        ("plover_mode", DataType::Utf8),
        ("location_text", DataType::Utf8),
        ("place_name", DataType::Utf8),
        ("place_country", DataType::Utf8),
        ("admin1", DataType::Utf8),
        ("geonames_id", DataType::Utf8),
        ("latitude", DataType::Float64),
        ("longitude", DataType::Float64),
        ("quote", DataType::Utf8),
        ("quote_start", DataType::Int64),
        ("quote_end", DataType::Int64),
        ("coder", DataType::Utf8),
        ("notes", DataType::Utf8),
        ("input_file", DataType::Utf8),
        ("input_line", DataType::Int64),
    ];
    let got: Vec<(String, DataType)> = schema
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().clone()))
        .collect();
    let want: Vec<(String, DataType)> = expected
        .iter()
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect();
    assert_eq!(got, want);
    for nullable in [
        "target_code",
        "target_name",
        "target_country",
        "latitude",
        "longitude",
    ] {
        assert!(
            schema.field_with_name(nullable).unwrap().is_nullable(),
            "{nullable}"
        );
    }

    let b = &batches[0];
    let col = |name: &str| b.column(schema.index_of(name).unwrap()).clone();
    let codes = col("event_code");
    let codes = codes.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(codes.value(1), "042", "leading zero kept");
    let roots = col("event_root_code");
    let roots = roots.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!((roots.value(0), roots.value(1)), ("19", "04"));
    let dates = col("event_date");
    let dates = dates.as_any().downcast_ref::<Date32Array>().unwrap();
    assert_eq!(dates.value_as_date(0).unwrap().to_string(), "2020-02-16");
    let quads = col("quad_class");
    let quads = quads.as_any().downcast_ref::<Int8Array>().unwrap();
    assert_eq!((quads.value(0), quads.value(1)), (4, 1));
    let roles = col("source_roles");
    let roles = roles.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(
        (roles.value(0), roles.value(1)),
        ("MIL", "GOV"),
        "roles derived from the code"
    );
    let targets = col("target_code");
    assert!(targets.is_null(0), "no target is null, not an empty string");
}

#[test]
fn every_record_is_written_or_rejected() {
    let wd = Workdir::new("noloss");
    let rows = format!(
        "{HEADER}\n{}\n{}\n{}\nshort,row\n{}\n",
        row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
        row("e2", "2020-02-31", "SYRMIL", "192", "", SEIZE),
        row("e3", "2020-02-16", "SYRXXX", "192", "", SEIZE),
        row("e4", "2020-02-16", "TURGOV", "0256", "RUSGOV", URGE),
    );
    wd.write("raw/events/a.csv", &rows);
    wd.write(
        "raw/events/b.jsonl",
        &format!("{{\"doc_id\":\"{DOC_ID}\",\"date\":\"2020-02-16\",\"source_code\":\"SYRMIL\",\"event_code\":\"192\",\"quote\":\"{SEIZE}\"}}\nnot json\n"),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let s = &wd.report()["summary"];
    assert_eq!(s["records_read"], 7);
    assert_eq!(s["events_written"], 3);
    assert_eq!(s["records_rejected"], 4);
    assert_eq!(wd.csv_rows("out/events.csv").len(), 3);
    let rejects = wd.csv_rows("out/rejected.csv");
    assert_eq!(rejects.len(), 4);
    let lines: Vec<(&str, &str)> = rejects
        .iter()
        .map(|r| (r["input_file"].as_str(), r["input_line"].as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("raw/events/a.csv", "3"),
            ("raw/events/a.csv", "4"),
            ("raw/events/a.csv", "5"),
            ("raw/events/b.jsonl", "2")
        ]
    );
    assert!(
        rejects[3]["raw_record"] == "not json",
        "unparseable line kept whole"
    );
    assert!(rejects.iter().all(|r| !r["errors"].is_empty()));
}

#[test]
fn code_42_is_rejected_with_a_leading_zero_help() {
    let wd = Workdir::new("code42");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("e1", "2020-02-16", "TURGOV", "42", "RUSGOV", URGE)
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    let issues = issues_with_rule(&report, "unknown-event-code");
    assert_eq!(issues.len(), 1);
    let i = issues[0];
    assert_eq!(i["line"], 2);
    assert_eq!(i["event_id"], "e1");
    assert_eq!(i["field"], "event_code");
    assert_eq!(i["value"], "42");
    let help = i["help"].as_str().unwrap();
    assert!(
        help.contains("did you mean \"042\" (Make a visit)?"),
        "{help}"
    );
    assert!(help.contains("spreadsheets drop leading zeros"));
    let err = stderr(&out);
    assert!(err.contains("error[unknown-event-code]"), "{err}");
    assert!(err.contains("--> raw/events/a.csv:2:"), "{err}");
    assert!(err.contains("help: did you mean \"042\""), "{err}");
    let rejects = wd.csv_rows("out/rejected.csv");
    assert_eq!(rejects[0]["event_code"], "42");
    assert!(rejects[0]["errors"].contains("unknown-event-code"));
}

#[test]
fn json_lines_are_read_and_numbers_refused() {
    let wd = Workdir::new("jsonl");
    wd.write(
        "raw/events/a.jsonl",
        &format!(
            "{{\"event_id\":\"j1\",\"doc_id\":\"{DOC_ID}\",\"date\":\"2020-02-16\",\"source_code\":\"TURGOV\",\"event_code\":\"042\",\"target_code\":\"RUSGOV\",\"quote\":\"{URGE}\"}}\n\
             {{\"event_id\":\"j2\",\"doc_id\":\"{DOC_ID}\",\"date\":\"2020-02-16\",\"source_code\":\"TURGOV\",\"event_code\":42,\"target_code\":\"RUSGOV\",\"quote\":\"{URGE}\"}}\n"
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    assert_eq!(report["summary"]["events_written"], 1);
    let issues = issues_with_rule(&report, "non-string-value");
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0]["line"], 2);
    assert_eq!(issues[0]["field"], "event_code");
    let code = issues_with_rule(&report, "unknown-event-code");
    assert!(code[0]["help"].as_str().unwrap().contains("\"042\""));
    let events = wd.csv_rows("out/events.csv");
    assert_eq!(events[0]["event_id"], "j1");
    assert_eq!(events[0]["input_file"], "raw/events/a.jsonl");
    assert_eq!(events[0]["input_line"], "1");
}

#[test]
fn csv_with_bom_and_crlf_reads_like_plain_csv() {
    let wd = Workdir::new("bom");
    let text = good_rows().replace('\n', "\r\n");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    wd.write_bytes("raw/events/a.csv", &bytes);
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = wd.report();
    assert!(
        issues_with_rule(&report, "unknown-field").is_empty(),
        "BOM must not stick to the first header"
    );
    let events = wd.csv_rows("out/events.csv");
    assert_eq!(events[0]["event_id"], "e1");
    assert_eq!(events[1]["input_line"], "3");
    assert!(!events[1]["coder"].ends_with('\r'));
}

#[test]
fn doc_id_cannot_reach_outside_documents() {
    let wd = Workdir::new("docid");
    wd.write("raw/secret.txt", DOC_TEXT);
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\ne1,../secret,2020-02-16,,SYRMIL,192,,,,\"{SEIZE}\",coder1,\ne2,/etc/hostname,2020-02-16,,SYRMIL,192,,,,x,coder1,\ne3,dco1,2020-02-16,,SYRMIL,192,,,,x,coder1,\n"
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    let issues = issues_with_rule(&report, "unknown-document");
    assert_eq!(issues.len(), 3);
    assert!(issues[0]["message"]
        .as_str()
        .unwrap()
        .contains("not a valid document id"));
    assert!(issues[2]["help"]
        .as_str()
        .unwrap()
        .contains("did you mean `doc1`?"));
    assert_eq!(report["summary"]["events_written"], 0);
}

#[test]
fn fatal_problems_exit_2() {
    let wd = Workdir::new("fatal");
    wd.write("raw/events/a.csv", &good_rows());
    // Bad usage.
    assert_eq!(
        wd.run(&["compile", "--no-such-flag"]).status.code(),
        Some(2)
    );
    // Unreadable input folder.
    let out = wd.run(&["compile", "missing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing"));
    // Output folder that cannot be created: a file is in the way.
    wd.write("blocked", "");
    let out = wd.run(&["compile", "--out", "blocked/out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot create the output folder"),
        "{}",
        stderr(&out)
    );
    // A broken schema folder.
    assert_eq!(
        wd.run(&["compile", "--schema", "nowhere"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_failed_run_leaves_earlier_outputs_intact() {
    let wd = Workdir::new("atomic");
    wd.write("raw/events/a.csv", &good_rows());
    assert_eq!(wd.compile().status.code(), Some(0));
    let before: Vec<Vec<u8>> = ["events.parquet", "events.csv", "validation_report.json"]
        .iter()
        .map(|f| std::fs::read(wd.path("out").join(f)).unwrap())
        .collect();
    // Second run: more records, then an output that cannot be moved into place.
    wd.write(
        "raw/events/b.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("e9", "2020-02-16", "SYRMIL", "190", "", SEIZE)
        ),
    );
    std::fs::remove_file(wd.path("out/validation_issues.csv")).unwrap();
    std::fs::create_dir_all(wd.path("out/validation_issues.csv/keep")).unwrap();
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let after: Vec<Vec<u8>> = ["events.parquet", "events.csv", "validation_report.json"]
        .iter()
        .map(|f| std::fs::read(wd.path("out").join(f)).unwrap())
        .collect();
    assert!(before == after, "earlier outputs changed by a failed run");
    assert_eq!(leftovers(&wd.path("out")), Vec::<String>::new());
}

#[test]
fn validate_checks_without_writing() {
    let wd = Workdir::new("validate");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
            row("e2", "2020-02-16", "SYRMIL", "1956", "", SEIZE)
        ),
    );
    let out = wd.run(&["validate", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!wd.path("out").exists());
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(report["summary"]["records_rejected"], 1);
    let help = issues_with_rule(&report, "unknown-event-code")[0]["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(help.contains("the closest known code is \"195\""), "{help}");
    assert!(
        help.contains("\"1951\" (Employ precision-guided aerial munitions)"),
        "{help}"
    );
}

#[test]
fn duplicate_ids_and_missing_fields_are_rejected() {
    let wd = Workdir::new("dups");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\ne3,{DOC_ID},,,,192,,,,x,coder1,\n,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"{SEIZE}\",coder1,\n,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"{SEIZE}\",coder1,\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
            row("e1", "2020-02-16", "TURGOV", "042", "RUSGOV", URGE),
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    assert_eq!(issues_with_rule(&report, "duplicate-event-id").len(), 1);
    let missing: Vec<&str> = issues_with_rule(&report, "missing-required")
        .iter()
        .map(|i| i["field"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["date", "source"]);
    // Blank ids are derived from content; an identical record gets a suffix and a warning.
    let events = wd.csv_rows("out/events.csv");
    assert_eq!(events.len(), 3);
    assert!(events[1]["event_id"].starts_with("doc1-"));
    assert_eq!(
        events[2]["event_id"],
        format!("{}-2", events[1]["event_id"])
    );
    assert_eq!(issues_with_rule(&report, "duplicate-record").len(), 1);
}

#[test]
fn a_constraint_added_to_the_schema_is_enforced() {
    let wd = Workdir::new("schema");
    let schema = wd.path("schema");
    copy_dir(&schema_dir(), &schema);
    let text = std::fs::read_to_string(schema.join("events.schema.json")).unwrap();
    let text = text.replace(
        "{\"name\": \"coder\", \"type\": \"string\"",
        "{\"name\": \"coder\", \"type\": \"string\", \"constraints\": {\"required\": true}",
    );
    assert!(
        text.contains("\"required\": true}, \"description\": \"Who"),
        "schema edit applied"
    );
    std::fs::write(schema.join("events.schema.json"), text).unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\ne2,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"{SEIZE}\",,\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE)
        ),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    let missing = issues_with_rule(&report, "missing-required");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["field"], "coder");
    assert_eq!(missing[0]["event_id"], "e2");
}

#[test]
fn deny_warnings_turns_warnings_into_a_failing_status() {
    let wd = Workdir::new("deny");
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\ne1,{DOC_ID},2020-02-16,,SYRMIL,192,,,,,coder1,\n"),
    );
    assert_eq!(
        wd.compile().status.code(),
        Some(0),
        "a missing quote is only a warning"
    );
    let out = wd.run(&["compile", "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(wd.report()["summary"]["records_rejected"], 0);
}

#[test]
fn outputs_are_deterministic() {
    let wd = Workdir::new("determinism");
    wd.write("raw/events/a.csv", &good_rows());
    wd.write(
        "raw/events/b.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("x", "2020-02-16", "SYRMIL", "42", "", "nope")
        ),
    );
    let files = [
        "events.parquet",
        "events.csv",
        "rejected.csv",
        "validation_report.json",
        "validation_issues.csv",
    ];
    wd.compile();
    let first: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(wd.path("out").join(f)).unwrap())
        .collect();
    wd.compile();
    let second: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(wd.path("out").join(f)).unwrap())
        .collect();
    assert!(first == second);
}
