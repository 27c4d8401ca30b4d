//! `datapackage.json`: a Frictionless Data Package describing the CSV outputs, so that
//! `frictionless validate` or any Table Schema reader loads them with the right types (codes as
//! strings, dates as dates) without being told.

use serde_json::{json, Value};

use crate::event::table_schema_types;

pub fn render() -> String {
    let fields: Vec<Value> = table_schema_types()
        .into_iter()
        .map(|(name, ty)| json!({"name": name, "type": ty}))
        .collect();
    let csv = |name: &str, path: &str, title: &str| {
        json!({"name": name, "path": path, "type": "table", "format": "csv",
               "mediatype": "text/csv", "encoding": "utf-8", "title": title})
    };
    let mut events = csv("events", "events.csv", "Accepted events");
    events["schema"] = json!({"fields": fields, "missingValues": [""], "primaryKey": ["event_id"]});
    let package = json!({
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "eventc-dataset",
        "title": "Hand-coded CAMEO events compiled by eventc",
        "version": env!("CARGO_PKG_VERSION"),
        "sources": [{"title": "CAMEO Conflict and Mediation Event Observations Codebook, v1.1b3"}],
        "resources": [
            events,
            {"name": "events-parquet", "path": "events.parquet", "format": "parquet",
             "mediatype": "application/vnd.apache.parquet", "title": "Accepted events, typed"},
            csv("rejected", "rejected.csv", "Rejected records with their original fields and errors"),
            csv("validation-issues", "validation_issues.csv", "One row per validation issue"),
        ],
    });
    let mut s = serde_json::to_string_pretty(&package).expect("package serializes");
    s.push('\n');
    s
}
