//! eventc: compile hand-coded CAMEO event records into a validated dataset.
//!
//! The pipeline reads left to right in the source tree: `read` (records and documents),
//! `validate` with `normalize` (codes, actors, dates, places, evidence) against the tables of
//! `codebook`, then `write` (Parquet, CSV, rejects, report). `cmd` holds one module per
//! subcommand.

pub mod cmd;
pub mod codebook;
pub mod diagnostic;
pub mod error;
pub mod event;
pub mod normalize;
pub mod read;
pub mod rules;
pub mod text;
pub mod validate;
pub mod write;

pub use error::Error;

/// A problem that stops the run before any output is committed (exit status 2).
#[derive(Debug)]
pub struct Fatal(pub String);

impl From<String> for Fatal {
    fn from(message: String) -> Self {
        Fatal(message)
    }
}

// Until every module returns `Error`, commands still speak `Fatal`.
impl From<Error> for Fatal {
    fn from(e: Error) -> Self {
        Fatal(e.to_string())
    }
}
