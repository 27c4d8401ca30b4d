//! `validation_issues.csv`: one row per diagnostic, written as they come, for pandas and
//! spreadsheets.

use std::fs::File;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::write::csv::CsvOut;
use crate::write::{RunEnd, Sink};

pub struct IssuesCsv(CsvOut);

impl IssuesCsv {
    pub fn new(file: File, csv_safe: bool) -> Result<Self, Error> {
        let header = [
            "severity", "rule", "file", "line", "event_id", "field", "value", "message", "help",
        ];
        Ok(IssuesCsv(CsvOut::new(
            file,
            "validation_issues.csv",
            header,
            csv_safe,
        )?))
    }
}

impl Sink for IssuesCsv {
    fn diagnostic(&mut self, d: &Diagnostic) -> Result<(), Error> {
        self.0.record([
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
    }

    fn finish(self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.0.finish()
    }
}
