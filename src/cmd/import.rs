//! `eventc import --from gdelt|icews FILE [--out RAW_DIR]`: machine-coded events into raw
//! records and documents, for `eventc compile` to check like any other.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::codebook::builtin::SchemaDir;
use crate::codebook::Codebook;
use crate::error::Error;
use crate::import::{self, From};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Layout of FILE: a GDELT 1.0 event file (58 columns, no header) or an ICEWS event file
    #[arg(long, value_enum)]
    pub from: Layout,
    /// The file to import
    pub file: PathBuf,
    /// Raw folder to write events/ and documents/ into
    #[arg(long, value_name = "RAW_DIR", default_value = "raw")]
    pub out: PathBuf,
    /// Schema folder whose actor code tables turn ICEWS country and sector names into codes
    /// (default: `./schema` if there is one, else the built-in schema)
    #[arg(long)]
    pub schema: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Gdelt,
    Icews,
}

pub fn run(args: &ImportArgs) -> Result<i32, Error> {
    let schema = SchemaDir::resolve(args.schema.as_deref())?;
    let cb = Codebook::load(&schema.path)?;
    let from = match args.from {
        Layout::Gdelt => From::Gdelt,
        Layout::Icews => From::Icews,
    };
    let s = import::import(from, &args.file, &args.out, &cb)?;
    let file = args.file.display();
    for skip in &s.skipped {
        eprintln!("error: {file}:{}: {}", skip.line, skip.reason);
    }
    eprintln!(
        "{} rows: {} records written to {}, {} new documents; {} rows not imported",
        s.rows,
        s.records,
        s.events_file.display(),
        s.documents,
        s.skipped.len()
    );
    if !cb.config.machine_coders.iter().any(|c| c == from.name()) {
        eprintln!(
            "note: the records have no evidence quote; list \"{}\" in `machine_coders` of schema/eventc.json to accept them without a missing-quote warning each, and in the dataset when a primary coder is named",
            from.name()
        );
    }
    Ok(if s.skipped.is_empty() { 0 } else { 1 })
}
