//! `compile` with several coders' records of the same document: the primary coder's make the
//! dataset and the others are set aside, or, with no primary coder, a warning says so.

mod common;

use common::*;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";
const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

/// A record of doc1 by `coder`.
fn rec(id: &str, coder: &str, code: &str, quote: &str) -> String {
    format!("{id},{DOC_ID},2020-02-16,,TURGOV,{code},,RUSGOV,,\"{quote}\",{coder},\n")
}

/// Ana and Ben coded doc1, numbering their records alike; one of Ben's has a bad code, and
/// one record names no coder.
fn two_codings(wd: &Workdir) {
    wd.write(
        "raw/events/ana.csv",
        &format!(
            "{HEADER}\n{}{}",
            rec("e1", "ana", "192", SEIZE),
            rec("e2", "ana", "0256", URGE)
        ),
    );
    wd.write(
        "raw/events/ben.csv",
        &format!(
            "{HEADER}\n{}{}{}",
            rec("e1", "ben", "192", SEIZE),
            rec("e2", "ben", "1056", URGE),
            rec("e3", "ben", "42", URGE)
        ),
    );
    wd.write(
        "raw/events/zz.csv",
        &format!("{HEADER}\n{}", rec("e9", "", "042", URGE)),
    );
}

#[test]
fn other_coders_are_set_aside_and_counted_apart() {
    let wd = Workdir::new("coders-primary");
    let schema = schema_copy(&wd);
    std::fs::write(schema.join("eventc.json"), "{\"primary_coder\": \"ana\"}").unwrap();
    two_codings(&wd);
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "ben's bad code: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("6 read = 3 written + 2 set aside + 1 rejected"),
        "{}",
        stderr(&out)
    );
    let s = &wd.report()["summary"];
    assert_eq!(
        (
            &s["records_read"],
            &s["events_written"],
            &s["records_set_aside"],
            &s["records_rejected"]
        ),
        (&6.into(), &3.into(), &2.into(), &1.into())
    );
    assert_eq!(s["by_file"]["raw/events/ben.csv"]["set_aside"], 2);
    assert_eq!(s["by_file"]["raw/events/ana.csv"]["set_aside"], 0);
    // The dataset: ana's records and the one without a coder; ben's reused ids are no clash.
    let events = wd.csv_rows("out/events.csv");
    let ids: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["event_id"].as_str(), e["coder"].as_str()))
        .collect();
    assert_eq!(ids, [("e1", "ana"), ("e2", "ana"), ("e9", "")]);
    let aside = wd.csv_rows("out/secondary_codings.csv");
    let ids: Vec<(&str, &str)> = aside
        .iter()
        .map(|e| (e["event_id"].as_str(), e["event_code"].as_str()))
        .collect();
    assert_eq!(ids, [("e1", "192"), ("e2", "1056")]);
    let rejected = wd.csv_rows("out/rejected.csv");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["event_id"], "e3");
    assert!(issues_with_rule(&wd.report(), "several-coders").is_empty());
    let package = wd.read("out/datapackage.json");
    assert!(package.contains("\"path\": \"secondary_codings.csv\""));
    let html = wd.read("out/validation_report.html");
    assert!(html.contains("6 read = 3 written + 2 set aside + 1 rejected"));
}

#[test]
fn set_aside_ids_are_unique_among_themselves() {
    let wd = Workdir::new("coders-aside-ids");
    let schema = schema_copy(&wd);
    std::fs::write(schema.join("eventc.json"), "{\"primary_coder\": \"ana\"}").unwrap();
    wd.write(
        "raw/events/ben.csv",
        &format!(
            "{HEADER}\n{}{}",
            rec("b1", "ben", "192", SEIZE),
            rec("b1", "ben", "0256", URGE)
        ),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    let dup = issues_with_rule(&report, "duplicate-event-id");
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0]["line"], 3);
    assert_eq!(wd.csv_rows("out/secondary_codings.csv").len(), 1);
}

#[test]
fn without_a_primary_coder_a_document_coded_twice_is_said() {
    let wd = Workdir::new("coders-none");
    two_codings(&wd);
    let schema = schema_without_primary_coder(&wd);
    let schema = schema.to_str().unwrap();
    let compile = || wd.run(&["compile", "--schema", schema]);
    let out = compile();
    // Both codings reuse e1 and e2: ben's repeat ana's ids, as they would with a primary coder.
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    // Ben's e1 and e2 are rejected as repeated ids; his e3 for its code. Rename them and the
    // dataset holds both codings, with one warning for the document and ben.
    assert_eq!(report["summary"]["records_rejected"], 3);
    wd.write(
        "raw/events/ben.csv",
        &format!(
            "{HEADER}\n{}{}",
            rec("b1", "ben", "192", SEIZE),
            rec("b2", "ben", "1056", URGE)
        ),
    );
    let out = compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = wd.report();
    assert_eq!(report["summary"]["events_written"], 5);
    assert_eq!(report["summary"]["records_set_aside"], 0);
    let warned = issues_with_rule(&report, "several-coders");
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0]["severity"], "warning");
    assert_eq!(warned[0]["file"], "raw/events/ben.csv");
    assert_eq!(warned[0]["line"], 2);
    assert_eq!(warned[0]["value"], "ben");
    assert!(warned[0]["message"]
        .as_str()
        .unwrap()
        .contains("document `doc1` is coded by `ana` and `ben`"));
    assert!(stderr(&out).contains("5 read = 5 written + 0 rejected"));
    // The file of records set aside is there, and empty.
    assert_eq!(wd.csv_rows("out/secondary_codings.csv").len(), 0);
}

#[test]
fn coders_of_different_documents_are_no_concern() {
    let wd = Workdir::new("coders-split");
    wd.write(
        "raw/documents/doc2.txt",
        "La Turquie a exhorté la Russie à arrêter les attaques.\n",
    );
    wd.write(
        "raw/documents/documents.csv",
        &format!("doc_id,published,reference_date,language,title,source\n{DOC_ID},2020-02,2020-02-16,fr,Test,\ndoc2,2020-02,2020-02-16,fr,Test,\n"),
    );
    let other = rec("b1", "ben", "0256", URGE).replace(DOC_ID, "doc2");
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\n{}{other}", rec("a1", "ana", "192", SEIZE)),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(issues_with_rule(&wd.report(), "several-coders").is_empty());
}

/// Imported machine-coded records are another source, not a second coding: with a primary
/// coder named, they still reach the dataset.
#[test]
fn machine_coders_records_are_never_set_aside() {
    let wd = Workdir::new("coders-machine");
    let schema = schema_copy(&wd);
    std::fs::write(
        schema.join("eventc.json"),
        "{\"primary_coder\": \"ana\", \"machine_coders\": [\"gdelt\"]}",
    )
    .unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}{}{}",
            rec("a1", "ana", "192", SEIZE),
            rec("g1", "gdelt", "0256", URGE),
            rec("b1", "ben", "0256", URGE)
        ),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert!(
        stderr(&out).contains("3 read = 2 written + 1 set aside + 0 rejected"),
        "{}",
        stderr(&out)
    );
    let ids: Vec<String> = wd
        .csv_rows("out/events.csv")
        .into_iter()
        .map(|r| r["event_id"].clone())
        .collect();
    assert_eq!(ids, ["a1", "g1"]);
}
