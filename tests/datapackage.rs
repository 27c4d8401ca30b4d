//! `datapackage.json` declares what the CSV outputs hold, and what they hold keeps to it: every
//! field's `required`, `enum`, `pattern`, `minimum` and `maximum` are checked here on every row
//! of a generated dataset with defects of every kind.

mod common;

use common::*;
use serde_json::Value;

/// The value of a cell as the Table Schema compares it: numbers for numeric fields.
fn number(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("`{cell}` is not a number"))
}

fn in_enum(options: &[Value], ty: &str, cell: &str) -> bool {
    options.iter().any(|o| match ty {
        "integer" | "number" => o.as_f64() == Some(number(cell)),
        _ => o.as_str() == Some(cell),
    })
}

/// Every row of `csv` against `schema`; the broken constraints, at most a few.
fn violations(wd: &Workdir, csv: &str, schema: &Value) -> Vec<String> {
    let rows = wd.csv_rows(csv);
    let mut bad = Vec::new();
    for field in schema["fields"].as_array().unwrap() {
        let name = field["name"].as_str().unwrap();
        let ty = field["type"].as_str().unwrap();
        let c = &field["constraints"];
        let pattern = c["pattern"]
            .as_str()
            .map(|p| regex::Regex::new(&format!("^(?:{p})$")).unwrap());
        for (i, row) in rows.iter().enumerate() {
            let cell = row
                .get(name)
                .unwrap_or_else(|| panic!("{csv} has no column {name}"));
            let mut fail = |what: &str| bad.push(format!("{csv} row {i} {name}={cell:?}: {what}"));
            if cell.is_empty() {
                if c["required"] == true {
                    fail("required");
                }
                continue;
            }
            if let Some(options) = c["enum"].as_array() {
                if !in_enum(options, ty, cell) {
                    fail("enum");
                }
            }
            if pattern.as_ref().is_some_and(|p| !p.is_match(cell)) {
                fail("pattern");
            }
            if c["minimum"].as_f64().is_some_and(|m| number(cell) < m) {
                fail("minimum");
            }
            if c["maximum"].as_f64().is_some_and(|m| number(cell) > m) {
                fail("maximum");
            }
        }
    }
    bad.truncate(5);
    bad
}

#[test]
fn the_package_declares_constraints_the_outputs_keep() {
    let wd = Workdir::new("datapackage");
    let schema = schema_dir();
    let o = wd.run(&[
        "generate",
        "--records",
        "1500",
        "--out",
        "gen",
        "--seed",
        "5",
        "--schema",
        schema.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = wd.run(&["compile", "gen/raw", "--schema", "gen/schema"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let package: Value = serde_json::from_str(&wd.read("out/datapackage.json")).unwrap();
    let resource = |name: &str| {
        package["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("no resource {name}"))
            .clone()
    };
    let events = resource("events");
    let schema = &events["schema"];
    assert_eq!(schema["primaryKey"], serde_json::json!(["event_id"]));
    let fields = schema["fields"].as_array().unwrap();
    // One field per column of events.csv, in order, each described.
    let header = wd.read("out/events.csv");
    let columns: Vec<&str> = header.lines().next().unwrap().split(',').collect();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, columns);
    for f in fields {
        assert!(f["description"].is_string(), "{f}");
    }
    let get = |n: &str| fields.iter().find(|f| f["name"] == n).unwrap();
    assert_eq!(get("event_code")["constraints"]["pattern"], "[0-9]{2,4}");
    assert_eq!(get("event_code")["constraints"]["required"], true);
    assert_eq!(
        get("quad_class")["constraints"]["enum"],
        serde_json::json!([1, 2, 3, 4])
    );
    assert!(get("date_precision")["constraints"]["enum"]
        .as_array()
        .unwrap()
        .contains(&Value::from("season")));
    assert!(get("target_code")["constraints"].get("required").is_none());

    assert!(wd.csv_rows("out/events.csv").len() > 1000);
    assert_eq!(
        violations(&wd, "out/events.csv", schema),
        Vec::<String>::new()
    );
    let issues = resource("validation-issues");
    let rules = &issues["schema"]["fields"][1];
    assert_eq!(rules["name"], "rule");
    assert!(rules["constraints"]["enum"].as_array().unwrap().len() > 30);
    assert!(wd.csv_rows("out/validation_issues.csv").len() > 20);
    assert_eq!(
        violations(&wd, "out/validation_issues.csv", &issues["schema"]),
        Vec::<String>::new()
    );

    // The check can fail: a code that lost its leading zero breaks the pattern.
    let mut r = csv::Reader::from_path(wd.path("out/events.csv")).unwrap();
    let mut w = csv::Writer::from_path(wd.path("tampered.csv")).unwrap();
    w.write_record(r.headers().unwrap()).unwrap();
    let col = columns.iter().position(|c| *c == "event_code").unwrap();
    let mut first: Vec<String> = r
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    first[col] = "42x".into();
    w.write_record(&first).unwrap();
    w.flush().unwrap();
    let found = violations(&wd, "tampered.csv", schema);
    assert!(
        found
            .iter()
            .any(|v| v.contains("event_code=\"42x\": pattern")),
        "{found:?}"
    );
}
