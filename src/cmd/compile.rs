//! `eventc compile` and `eventc validate`: read, check and sequence every record, then hand the
//! results to the outputs (`compile`) or only to the report (`validate`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::codebook::Codebook;
use crate::error::Error;
use crate::pipeline::{self, Options};
use crate::read::documents::DEFAULT_BUDGET;
use crate::read::Limits;
use crate::write::csv::EventsCsv;
use crate::write::datapackage::DataPackage;
use crate::write::parquet::ParquetOut;
use crate::write::rejects::Rejects;
use crate::write::report::html::HtmlReport;
use crate::write::report::issues::IssuesCsv;
use crate::write::report::json::{JsonReport, Target};
use crate::write::report::terminal::{HumanOptions, Terminal};
use crate::write::{Sink, Staging};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Folder of raw inputs: events/*.csv, events/*.jsonl and documents/
    #[arg(default_value = "raw")]
    pub raw_dir: PathBuf,
    /// Folder of the table schema, codebooks, dictionary and gazetteer
    #[arg(long, default_value = "schema")]
    pub schema: PathBuf,
    /// What to print on stdout: nothing (human: diagnostics go to stderr), or the JSON report (json)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show at most N diagnostics of each rule on the terminal; the files keep them all
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_diagnostics: usize,
    /// `--deny warnings`: warnings count as errors for the exit status
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
    /// Print only the closing summary
    #[arg(long, short)]
    pub quiet: bool,
    /// Threads that check records (default: one per core); the outputs are the same whatever N
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Read symbolic links that point outside the raw or schema folder (refused by default)
    #[arg(long)]
    pub follow_links: bool,
}

#[derive(Args, Debug)]
pub struct CompileArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Folder the dataset, rejects and report are written to
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// In the CSV outputs, prefix with `'` every cell a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`…); Parquet keeps the exact values
    #[arg(long)]
    pub csv_safe: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    Warnings,
}

pub fn compile(args: &CompileArgs) -> Result<i32, Error> {
    run(&args.check, Some((&args.out, args.csv_safe)))
}

pub fn validate(args: &CheckArgs) -> Result<i32, Error> {
    run(args, None)
}

/// `out`: the output folder and `--csv-safe`, for `compile`.
fn run(args: &CheckArgs, out: Option<(&Path, bool)>) -> Result<i32, Error> {
    let codebook = Codebook::load_with(&args.schema, args.follow_links)?;
    let terminal = std::io::stderr().is_terminal();
    let progress = pipeline::progress_bar(terminal && !args.quiet);
    let json = args.format == Format::Json;

    let csv_safe = out.is_some_and(|(_, safe)| safe);
    let inputs = [args.raw_dir.as_path(), args.schema.as_path()];
    let mut staging = out
        .map(|(dir, _)| Staging::create(dir, &inputs))
        .transpose()?;
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if let Some(st) = staging.as_mut() {
        let report = Target::File {
            file: st.file("validation_report.json")?,
            path: st.scratch("validation_report.json"),
            print: json,
        };
        sinks.push(Box::new(ParquetOut::new(
            st.file("events.parquet")?,
            parquet_metadata(),
        )?));
        sinks.push(Box::new(EventsCsv::new(st.file("events.csv")?, csv_safe)?));
        sinks.push(Box::new(EventsCsv::secondary(
            st.file("secondary_codings.csv")?,
            csv_safe,
        )?));
        sinks.push(Box::new(Rejects::new(
            st.file("rejected.csv")?,
            codebook.table.field_names(),
            csv_safe,
        )?));
        sinks.push(Box::new(IssuesCsv::new(
            st.file("validation_issues.csv")?,
            csv_safe,
        )?));
        sinks.push(Box::new(JsonReport::new(
            st.scratch("issues.spool"),
            report,
        )?));
        sinks.push(Box::new(HtmlReport::new(
            st.file("validation_report.html")?,
            &codebook.events,
        )));
        sinks.push(Box::new(DataPackage(st.file("datapackage.json")?)));
    } else if json {
        let spool =
            std::env::temp_dir().join(format!("eventc-{}-issues.spool", std::process::id()));
        sinks.push(Box::new(JsonReport::new(spool, Target::Stdout)?));
    }
    sinks.push(Box::new(Terminal::new(
        HumanOptions {
            color: terminal && std::env::var_os("NO_COLOR").is_none(),
            per_rule: args.max_diagnostics,
            quiet: args.quiet,
        },
        progress.clone(),
    )));

    let opts = Options {
        threads: args.threads,
        limits: Limits::default(),
        doc_budget: DEFAULT_BUDGET,
        deny_warnings: args.deny == Some(Deny::Warnings),
        follow_links: args.follow_links,
    };
    let summary = pipeline::run(
        &args.raw_dir,
        &args.schema,
        &codebook,
        sinks,
        &progress,
        &opts,
    )?;
    if let Some(staging) = staging {
        staging.commit()?;
    }
    Ok(if summary.valid { 0 } else { 1 })
}

fn parquet_metadata() -> Vec<(String, String)> {
    vec![
        ("eventc.version".into(), env!("CARGO_PKG_VERSION").into()),
        ("eventc.codebook".into(), "CAMEO 1.1b3".into()),
    ]
}
