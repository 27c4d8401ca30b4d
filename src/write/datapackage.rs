//! `datapackage.json`: a Frictionless Data Package describing the CSV outputs, so that
//! `frictionless validate` or any Table Schema reader loads them with the right types (codes as
//! strings, dates as dates) without being told.

use std::fs::File;
use std::io::Write;

use serde_json::{json, Value};

use super::{RunEnd, Sink};
use crate::error::Error;
use crate::event::table_schema_types;

/// Writes `datapackage.json` when the run is over; `true` when `events.csv` has the
/// `merged_records` column of `--dedup`.
pub struct DataPackage(pub File, pub bool);

impl Sink for DataPackage {
    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.0
            .write_all(render(self.1).as_bytes())
            .map_err(Error::io("write", "datapackage.json"))
    }
}

fn render(merged: bool) -> String {
    let mut fields: Vec<Value> = table_schema_types()
        .into_iter()
        .map(|(name, ty)| json!({"name": name, "type": ty}))
        .collect();
    let aside_fields = fields.clone();
    if merged {
        fields.push(
            json!({"name": super::dedup::COLUMN, "type": "integer", "constraints": {"minimum": 1}}),
        );
    }
    let csv = |name: &str, path: &str, title: &str| {
        json!({"name": name, "path": path, "type": "table", "format": "csv",
               "mediatype": "text/csv", "encoding": "utf-8", "title": title})
    };
    let mut events = csv("events", "events.csv", "Accepted events");
    events["schema"] = json!({"fields": fields, "missingValues": [""], "primaryKey": ["event_id"]});
    let mut secondary = csv(
        "secondary-codings",
        "secondary_codings.csv",
        "Records of coders other than the primary one, kept for agreement, not in the dataset",
    );
    secondary["schema"] = events["schema"].clone();
    secondary["schema"]["fields"] = Value::Array(aside_fields);
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
            secondary,
            csv("rejected", "rejected.csv", "Rejected records with their original fields and errors"),
            csv("validation-issues", "validation_issues.csv", "One row per validation issue"),
        ],
    });
    let mut s = serde_json::to_string_pretty(&package).expect("package serializes");
    s.push('\n');
    s
}
