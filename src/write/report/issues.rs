//! `validation_issues.csv`: one row per diagnostic, written as they come, for pandas and
//! spreadsheets.

use std::fs::File;
use std::io::BufWriter;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::write::csv::csv_error;
use crate::write::{RunEnd, Sink};

const NAME: &str = "validation_issues.csv";

pub struct IssuesCsv(csv::Writer<BufWriter<File>>);

impl IssuesCsv {
    pub fn new(file: File) -> Result<Self, Error> {
        let mut w = csv::Writer::from_writer(BufWriter::new(file));
        w.write_record([
            "severity", "rule", "file", "line", "event_id", "field", "value", "message", "help",
        ])
        .map_err(csv_error(NAME))?;
        Ok(IssuesCsv(w))
    }
}

impl Sink for IssuesCsv {
    fn diagnostic(&mut self, d: &Diagnostic) -> Result<(), Error> {
        self.0
            .write_record([
                d.severity.as_str(),
                d.rule,
                &d.file,
                &d.line.map(|l| l.to_string()).unwrap_or_default(),
                d.event_id.as_deref().unwrap_or(""),
                d.field.as_deref().unwrap_or(""),
                d.value.as_deref().unwrap_or(""),
                &d.message,
                &d.help.join(" | "),
            ])
            .map_err(csv_error(NAME))
    }

    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.0.flush().map_err(Error::io("write", NAME))
    }
}
