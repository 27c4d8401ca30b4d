//! `events.csv` (the dataset, same columns as the Parquet file) and `rejected.csv`.

use std::fs::File;
use std::io::BufWriter;

use crate::diagnostic::Diagnostic;
use crate::event::{column_names, csv_fields, Event};
use crate::read::RawRecord;

type Writer = csv::Writer<BufWriter<File>>;

fn err(name: &str) -> impl Fn(csv::Error) -> String + '_ {
    move |e| format!("cannot write {name}: {e}")
}

pub struct EventsCsv(Writer);

impl EventsCsv {
    pub fn new(file: File) -> Result<Self, String> {
        let mut w = csv::Writer::from_writer(BufWriter::new(file));
        w.write_record(column_names()).map_err(err("events.csv"))?;
        Ok(EventsCsv(w))
    }

    pub fn write(&mut self, e: &Event) -> Result<(), String> {
        self.0
            .write_record(csv_fields(e))
            .map_err(err("events.csv"))
    }

    pub fn finish(mut self) -> Result<(), String> {
        self.0
            .flush()
            .map_err(|e| format!("cannot write events.csv: {e}"))
    }
}

/// Every rejected record with all its original fields: the schema's fields as columns, any
/// other field in `extra_fields` (a JSON object), then where it came from and why.
pub struct RejectsCsv {
    w: Writer,
    fields: Vec<String>,
}

impl RejectsCsv {
    pub fn new(file: File, fields: Vec<String>) -> Result<Self, String> {
        let mut w = csv::Writer::from_writer(BufWriter::new(file));
        let header = fields.iter().map(String::as_str).chain([
            "extra_fields",
            "input_file",
            "input_line",
            "errors",
            "raw_record",
        ]);
        w.write_record(header).map_err(err("rejected.csv"))?;
        Ok(RejectsCsv { w, fields })
    }

    pub fn write(&mut self, rec: &RawRecord, diags: &[Diagnostic]) -> Result<(), String> {
        let extra: serde_json::Map<String, serde_json::Value> = rec
            .fields
            .iter()
            .filter(|(k, _)| !self.fields.contains(k))
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        // A record that could not be split into fields keeps its whole text.
        let raw = if rec.problems.iter().any(|p| p.rule == "malformed-record") {
            rec.text.clone()
        } else {
            String::new()
        };
        let mut row: Vec<String> = self.fields.iter().map(|f| rec.get(f).to_string()).collect();
        row.push(if extra.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(extra).to_string()
        });
        row.push(rec.file.clone());
        row.push(rec.line.to_string());
        row.push(errors.join("; "));
        row.push(raw);
        self.w.write_record(row).map_err(err("rejected.csv"))
    }

    pub fn finish(mut self) -> Result<(), String> {
        self.w
            .flush()
            .map_err(|e| format!("cannot write rejected.csv: {e}"))
    }
}
