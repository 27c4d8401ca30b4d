//! Evidence quotes proved against their documents, and locations put on the map.

mod common;

use common::*;

fn compile_one(name: &str, row: &str) -> (Workdir, serde_json::Value) {
    let wd = Workdir::new(name);
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER},quote_occurrence\n{row}\n"),
    );
    wd.compile();
    let report = wd.report();
    (wd, report)
}

fn record(quote: &str, occurrence: &str) -> String {
    format!(
        "q1,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"{}\",coder1,,{occurrence}",
        quote.replace('"', "\"\"")
    )
}

#[test]
fn copy_and_paste_changes_are_forgiven_and_offsets_point_at_the_documents_text() {
    // Straight apostrophes, a line break and a non-breaking space where the document has
    // typographic apostrophes and plain spaces.
    let (wd, report) = compile_one(
        "evidence-forgive",
        &record("l'armée syrienne a pris\nla\u{a0}ville d'Anadan", ""),
    );
    assert_eq!(report["summary"]["events_written"], 1, "{report}");
    assert!(report["issues"].as_array().unwrap().is_empty(), "{report}");
    let e = &wd.csv_rows("out/events.csv")[0];
    assert_eq!(
        e["quote"], "l’armée syrienne a pris la ville d’Anadan",
        "the document's own text"
    );
    let (start, end): (usize, usize) = (
        e["quote_start"].parse().unwrap(),
        e["quote_end"].parse().unwrap(),
    );
    let sliced: String = DOC_TEXT.chars().skip(start).take(end - start).collect();
    assert_eq!(sliced, e["quote"]);
}

#[test]
fn what_is_not_copy_and_paste_is_not_forgiven() {
    let (_, report) = compile_one(
        "evidence-limit",
        &record("l’armée syrienne a pris la ville d’Alep", ""),
    );
    let issues = issues_with_rule(&report, "quote-not-found");
    assert_eq!(issues.len(), 1);
    let help = issues[0]["help"].as_str().unwrap();
    assert!(help.contains("closest passage (line 1"), "{help}");
    assert!(
        help.contains("l’armée syrienne a pris la ville d’Anadan"),
        "{help}"
    );
    let (_, report) = compile_one(
        "evidence-line2",
        &record("La Turquie a prié la Russie d’arrêter les attaques", ""),
    );
    let help = issues_with_rule(&report, "quote-not-found")[0]["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(help.contains("(line 2"), "{help}");
}

#[test]
fn case_and_repeated_quotes_are_warnings() {
    let (wd, report) = compile_one("evidence-case", &record("LA TURQUIE A EXHORTÉ", ""));
    assert_eq!(issues_with_rule(&report, "quote-case-mismatch").len(), 1);
    assert_eq!(
        wd.csv_rows("out/events.csv")[0]["quote"],
        "La Turquie a exhorté"
    );
    // "la" occurs several times: ambiguous unless the record says which occurrence.
    let (_, report) = compile_one("evidence-ambiguous3", &record("la", ""));
    let amb = issues_with_rule(&report, "quote-ambiguous");
    assert_eq!(amb.len(), 1);
    assert!(amb[0]["help"]
        .as_str()
        .unwrap()
        .contains("quote_occurrence"));
    let (wd, report) = compile_one("evidence-occurrence", &record("la", "2"));
    assert!(issues_with_rule(&report, "quote-ambiguous").is_empty());
    let e = &wd.csv_rows("out/events.csv")[0];
    let first = DOC_TEXT.find("la").unwrap();
    assert!(
        e["quote_start"].parse::<usize>().unwrap() > DOC_TEXT[..first].chars().count(),
        "second occurrence used"
    );
}

#[test]
fn locations_resolve_to_coordinates_or_get_suggestions() {
    let row = |loc: &str| {
        format!("p1,{DOC_ID},2020-02-16,,SYRMIL,192,,TURMIL,{loc},\"l’armée syrienne a pris la ville d’Anadan\",coder1,,")
    };
    let (wd, report) = compile_one("places-ok", &row("province d'Alep"));
    assert!(report["issues"].as_array().unwrap().is_empty(), "{report}");
    let e = &wd.csv_rows("out/events.csv")[0];
    assert_eq!(e["place_name"], "Aleppo Governorate");
    assert_eq!(e["place_country"], "SYR");
    assert_eq!(e["admin1"], "Aleppo");
    // An identifier stays text: no `.0`, no thousands separator.
    assert_eq!(e["geonames_id"], "170062");
    let (lat, lon): (f64, f64) = (
        e["latitude"].parse().unwrap(),
        e["longitude"].parse().unwrap(),
    );
    assert!(
        (35.0..37.5).contains(&lat) && (36.0..39.0).contains(&lon),
        "{lat},{lon}"
    );

    let (wd, report) = compile_one("places-unknown", &row("Anadaan"));
    let issue = issues_with_rule(&report, "unknown-place");
    assert_eq!(issue[0]["severity"], "warning");
    assert!(
        issue[0]["help"]
            .as_str()
            .unwrap()
            .starts_with("closest gazetteer names: Anadan"),
        "{}",
        issue[0]["help"]
    );
    assert_eq!(
        wd.csv_rows("out/events.csv")[0]["latitude"],
        "",
        "no coordinates for an unknown place"
    );

    let (_, report) = compile_one("places-mismatch", &row("Moscou"));
    let issue = issues_with_rule(&report, "place-country-mismatch");
    assert_eq!(
        issue.len(),
        1,
        "a Syrian attack on Turkish troops placed in Moscow"
    );
    assert!(issue[0]["message"].as_str().unwrap().contains("RUS"));
}

#[test]
fn a_missing_quote_is_a_warning_unless_the_schema_requires_it() {
    let row = format!("m1,{DOC_ID},2020-02-16,,SYRMIL,192,,,,,coder1,,");
    let (_, report) = compile_one("quote-missing", &row);
    let missing = issues_with_rule(&report, "missing-quote");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["severity"], "warning");
    assert_eq!(report["summary"]["events_written"], 1);

    let wd = Workdir::new("quote-required");
    let schema = schema_copy(&wd);
    let path = schema.join("events.schema.json");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "{\"name\": \"quote\", \"type\": \"string\",",
        "{\"name\": \"quote\", \"type\": \"string\", \"constraints\": {\"required\": true},",
    );
    std::fs::write(&path, text).unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER},quote_occurrence\n{row}\n"),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    assert!(
        issues_with_rule(&report, "missing-quote").is_empty(),
        "reported once, as required"
    );
    let required = issues_with_rule(&report, "missing-required");
    assert_eq!(required.len(), 1);
    assert_eq!(required[0]["field"], "quote");
}
