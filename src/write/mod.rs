//! Everything that receives the run's results implements one trait, [`Sink`]: the dataset
//! (Parquet, CSV), the records set aside, the rejects, the issues table, the JSON and HTML
//! reports, the terminal. The pipeline hands each sink every event, record set aside, reject
//! and diagnostic in input order, then calls `finish`; adding an output is adding one file here.
//!
//! Files are written into a staging folder inside OUT and moved into place only once every
//! sink has finished, so a failed or interrupted run leaves earlier outputs as they were.

pub mod csv;
pub mod datapackage;
pub mod dedup;
pub mod fields;
pub mod gdelt;
pub mod icews;
pub mod parquet;
pub mod provenance;
pub mod rejects;
pub mod report;
pub mod staging;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::event::Event;
use crate::read::documents::Documents;
use crate::read::{InputDigest, RawRecord};
use report::Summary;

pub use staging::Staging;

/// What every sink knows at the end: the counts, and every input read with its digest.
pub struct RunEnd<'a> {
    pub summary: &'a Summary,
    pub inputs: Inputs<'a>,
}

/// Every file the run read, in the report's order: events files, documents, schema. The
/// documents' digests are made on the way, so that a million documents are never a million
/// entries in memory at once.
pub struct Inputs<'a> {
    pub events: &'a [InputDigest],
    pub documents: &'a Documents,
    pub schema: &'a [InputDigest],
}

impl Inputs<'_> {
    pub fn iter(&self) -> impl Iterator<Item = InputDigest> + '_ {
        let events = self.events.iter().cloned();
        events
            .chain(self.documents.digests())
            .chain(self.schema.iter().cloned())
    }
}

pub trait Sink: Send {
    /// An accepted event, in input order.
    fn event(&mut self, _event: &Event) -> Result<(), Error> {
        Ok(())
    }

    /// An accepted record of a coder other than the primary one, kept out of the dataset.
    fn set_aside(&mut self, _event: &Event) -> Result<(), Error> {
        Ok(())
    }

    /// A rejected record with all its diagnostics, in input order.
    fn reject(&mut self, _record: &RawRecord, _diagnostics: &[Diagnostic]) -> Result<(), Error> {
        Ok(())
    }

    /// Every diagnostic, of records and of files, in the order they were found.
    fn diagnostic(&mut self, _diagnostic: &Diagnostic) -> Result<(), Error> {
        Ok(())
    }

    /// The run is over: flush, and write whatever needs the totals.
    fn finish(self: Box<Self>, end: &RunEnd) -> Result<(), Error>;

    /// An accepted record merged into an earlier event (`--dedup one-a-day`), in input order.
    fn merged(&mut self, _event: &Event) -> Result<(), Error> {
        Ok(())
    }
}
