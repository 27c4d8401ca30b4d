//! What the dataset says it was made from, and that the same inputs give the same bytes.

mod common;

use std::collections::HashMap;

use common::*;
use parquet::file::reader::{FileReader, SerializedFileReader};
use sha2::{Digest, Sha256};

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";

/// The key-value metadata of `OUT/events.parquet`.
fn footer(wd: &Workdir, out: &str) -> HashMap<String, String> {
    let file = std::fs::File::open(wd.path(out).join("events.parquet")).unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    let kv = reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .unwrap();
    kv.iter()
        .map(|kv| (kv.key.clone(), kv.value.clone().unwrap_or_default()))
        .collect()
}

/// The SHA-256 of the `sha256sum` lines of the report's inputs.
fn combined(inputs: &[serde_json::Value]) -> String {
    let mut h = Sha256::new();
    for i in inputs {
        h.update(format!(
            "{}  {}\n",
            i["sha256"].as_str().unwrap(),
            i["path"].as_str().unwrap()
        ));
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn records(n: usize) -> String {
    let mut s = format!("{HEADER}\n");
    for i in 0..n {
        s.push_str(&row(
            &format!("e{i}"),
            "2020-02-16",
            "SYRMIL",
            "192",
            "",
            SEIZE,
        ));
        s.push('\n');
    }
    // One rejected record and one warning, so that every output has rows.
    s.push_str(&row("bad", "2020-02-16", "SYRMIL", "42", "", SEIZE));
    s.push('\n');
    s
}

#[test]
fn two_runs_write_the_same_bytes_in_every_output() {
    let wd = Workdir::new("same-bytes");
    wd.write("raw/events/a.csv", &records(3));
    wd.write(
        "raw/events/b.jsonl",
        "{\"doc_id\":\"doc1\",\"date\":\"la veille\",\"source_code\":\"TURGOV\",\"event_code\":\"042\",\"extra\":\"x\"}\n",
    );
    for out in ["out1", "out2"] {
        let o = wd.run(&["compile", "--out", out]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    }
    let (a, b) = (outputs(&wd, "out1"), outputs(&wd, "out2"));
    assert_eq!(
        a.len(),
        8,
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between two runs");
    }
    // No time of day anywhere unless SOURCE_DATE_EPOCH asks for one.
    let package = wd.read("out1/datapackage.json");
    assert!(!package.contains("\"created\""), "{package}");
    let o = wd
        .command(&["compile", "--out", "out3"])
        .env("SOURCE_DATE_EPOCH", "1582000000")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let package: serde_json::Value =
        serde_json::from_str(&wd.read("out3/datapackage.json")).unwrap();
    assert_eq!(package["created"], "2020-02-18T04:26:40Z");
    let o = wd
        .command(&["compile", "--out", "out4"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("SOURCE_DATE_EPOCH `yesterday`"),
        "{}",
        stderr(&o)
    );
    assert!(!wd.path("out4/events.parquet").exists());
}

#[test]
fn parquet_footer_carries_the_reports_digests() {
    let wd = Workdir::new("provenance");
    wd.write("raw/events/a.csv", &records(2));
    let o = wd.compile();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = wd.report();
    let meta = footer(&wd, "out");
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(
        meta["eventc.version"],
        report["tool"]["version"].as_str().unwrap()
    );
    assert_eq!(meta["eventc.codebook"], "CAMEO 1.1b3");
    let schema_used: serde_json::Value = serde_json::from_str(&meta["eventc.schema"]).unwrap();
    assert_eq!(schema_used, report["schema"]);
    assert_eq!(schema_used["source"], "folder");
    assert_eq!(meta["eventc.inputs.count"], inputs.len().to_string());
    assert_eq!(meta["eventc.inputs.sha256"], combined(inputs));
    let listed: Vec<serde_json::Value> = serde_json::from_str(&meta["eventc.inputs"]).unwrap();
    assert_eq!(&listed, inputs);
    let schema: Vec<serde_json::Value> = inputs
        .iter()
        .filter(|i| i["path"].as_str().unwrap().starts_with("schema/"))
        .cloned()
        .collect();
    assert!(schema.len() >= 4, "{schema:?}");
    assert_eq!(meta["eventc.schema.sha256"], combined(&schema));
    let codebook = schema
        .iter()
        .find(|i| i["path"] == "schema/cameo/event_codes.csv")
        .unwrap();
    assert_eq!(
        meta["eventc.codebook.sha256"],
        codebook["sha256"].as_str().unwrap()
    );
    // A changed document changes the combined digest.
    wd.write(
        &format!("raw/documents/{DOC_ID}.txt"),
        &format!("{DOC_TEXT}\n"),
    );
    assert_eq!(wd.compile().status.code(), Some(1));
    assert_ne!(
        footer(&wd, "out")["eventc.inputs.sha256"],
        meta["eventc.inputs.sha256"]
    );
}

#[test]
fn many_inputs_are_listed_up_to_a_cap_and_all_digested() {
    let wd = Workdir::new("provenance-cap");
    let mut csv = format!("{HEADER}\n");
    let mut meta = String::from("doc_id,published,reference_date,language,title,source\n");
    for i in 0..1005 {
        wd.write(&format!("raw/documents/d{i}.txt"), DOC_TEXT);
        meta.push_str(&format!("d{i},2020-02-16,,fr,,\n"));
        csv.push_str(&format!(
            "e{i},d{i},2020-02-16,,SYRMIL,192,,,,\"{SEIZE}\",t1,\n"
        ));
    }
    wd.write("raw/documents/documents.csv", &meta);
    wd.write("raw/events/a.csv", &csv);
    let o = wd.compile();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = wd.report();
    let inputs = report["inputs"].as_array().unwrap();
    assert!(inputs.len() > 1005, "{}", inputs.len());
    let meta = footer(&wd, "out");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&meta["eventc.inputs"]).unwrap();
    assert_eq!(listed.len(), 1000);
    assert_eq!(&listed[..], &inputs[..1000]);
    assert_eq!(meta["eventc.inputs.count"], inputs.len().to_string());
    assert_eq!(meta["eventc.inputs.sha256"], combined(inputs));
}
