//! `rejected.csv`: every rejected record with all its original fields: the schema's fields as
//! columns, any other field in `extra_fields` (a JSON object), then where it came from and why.

use std::fs::File;

use super::csv::CsvOut;
use super::{RunEnd, Sink};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::read::RawRecord;

pub struct Rejects {
    w: CsvOut,
    fields: Vec<String>,
}

impl Rejects {
    pub fn new(file: File, fields: Vec<String>, csv_safe: bool) -> Result<Self, Error> {
        let header = fields.iter().map(String::as_str).chain([
            "extra_fields",
            "input_file",
            "input_line",
            "errors",
            "raw_record",
        ]);
        let w = CsvOut::new(file, "rejected.csv", header, csv_safe)?;
        Ok(Rejects { w, fields })
    }
}

impl Sink for Rejects {
    fn reject(&mut self, rec: &RawRecord, diags: &[Diagnostic]) -> Result<(), Error> {
        let extra: serde_json::Map<String, serde_json::Value> = rec
            .fields()
            .filter(|(k, _)| !self.fields.iter().any(|f| f == k))
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
            .collect();
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        // A record that could not be split into fields keeps its whole text.
        let raw = if rec.is_malformed() { &*rec.text } else { "" };
        let mut row: Vec<String> = self.fields.iter().map(|f| rec.get(f).to_string()).collect();
        row.push(if extra.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(extra).to_string()
        });
        row.push(rec.file.to_string());
        row.push(rec.line.to_string());
        row.push(errors.join("; "));
        row.push(raw.to_string());
        self.w.record(row)
    }

    fn finish(self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.w.finish()
    }
}
