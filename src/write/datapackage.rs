//! `datapackage.json`: a Frictionless Data Package describing the CSV outputs, so that
//! `frictionless validate` or any Table Schema reader loads them with the right types (codes as
//! strings, dates as dates) without being told.
//!
//! No wall-clock time: `created` is written only when `SOURCE_DATE_EPOCH` sets it, as
//! reproducible builds do, so that the same inputs give the same bytes.

use std::fs::File;
use std::io::Write;

use serde_json::json;

use super::fields::{event_fields, issue_fields};
use super::{RunEnd, Sink};
use crate::error::Error;

/// Writes `datapackage.json` when the run is over; `true` when `events.csv` has the
/// `merged_records` column of `--dedup`.
pub struct DataPackage(pub File, pub bool);

impl Sink for DataPackage {
    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.0
            .write_all(render(created()?, self.1).as_bytes())
            .map_err(Error::io("write", "datapackage.json"))
    }
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970) as an RFC 3339 time, when it is set.
fn created() -> Result<Option<String>, Error> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let raw = raw.to_string_lossy();
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| Some(t.format("%Y-%m-%dT%H:%M:%SZ").to_string()))
        .ok_or_else(|| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH `{raw}` is not a number of seconds since 1970-01-01"
            ))
        })
}

fn render(created: Option<String>, merged: bool) -> String {
    let mut fields = event_fields();
    let aside_fields = fields.clone();
    if merged {
        fields.push(json!({"name": super::dedup::COLUMN, "type": "integer",
            "description": "The number of records this event stands for under `--dedup one-a-day`: itself and those merged into it",
            "constraints": {"required": true, "minimum": 1}}));
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
    secondary["schema"]["fields"] = json!(aside_fields);
    let mut issues = csv(
        "validation-issues",
        "validation_issues.csv",
        "One row per validation issue",
    );
    issues["schema"] = json!({"fields": issue_fields(), "missingValues": [""]});
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
            issues,
        ],
    });
    let mut package = package;
    if let Some(created) = created {
        package["created"] = json!(created);
    }
    let mut s = serde_json::to_string_pretty(&package).expect("package serializes");
    s.push('\n');
    s
}
