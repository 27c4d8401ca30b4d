//! `eventc compile` and `eventc validate`: read, check and sequence every record, then hand the
//! results to the outputs (`compile`) or only to the report (`validate`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::codebook::builtin::SchemaDir;
use crate::codebook::Codebook;
use crate::error::Error;
use crate::pipeline::{self, Options};
use crate::read::documents::DEFAULT_BUDGET;
use crate::read::Limits;
use crate::write::csv::EventsCsv;
use crate::write::datapackage::DataPackage;
use crate::write::dedup::Dedup as DedupOut;
use crate::write::gdelt::{DocSources, GdeltOut};
use crate::write::icews::IcewsOut;
use crate::write::parquet::ParquetOut;
use crate::write::rejects::Rejects;
use crate::write::report::github::Github;
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
    /// Folder of the table schema, codebooks, dictionary and gazetteer [default: `schema` if
    /// there is one here, else the schema built into eventc]
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,
    /// What to print on stdout: nothing (human: diagnostics go to stderr), the JSON report
    /// (json), or GitHub Actions annotations (github)
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
    /// Also write the events in another dataset's layout: `gdelt` (events.gdelt.tsv), `icews`
    /// (events.icews.tab); repeatable or comma-separated
    #[arg(long, value_enum, value_delimiter = ',')]
    pub profile: Vec<Profile>,
    /// Keep one event per day, actors and event code, the first in input order; the dataset's
    /// `merged_records` column counts the records each stands for
    #[arg(long, value_enum, value_name = "FILTER")]
    pub dedup: Option<Dedup>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Gdelt,
    Icews,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dedup {
    /// One event per (event date, source code, target code, event code)
    OneADay,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    Warnings,
}

pub fn compile(args: &CompileArgs) -> Result<i32, Error> {
    let one_a_day = args.dedup == Some(Dedup::OneADay);
    run(
        &args.check,
        Some((&args.out, args.csv_safe, &args.profile)),
        one_a_day,
    )
}

pub fn validate(args: &CheckArgs) -> Result<i32, Error> {
    run(args, None, false)
}

/// `out`: the output folder, `--csv-safe` and the profiles, for `compile`; `one_a_day`:
/// `--dedup one-a-day`.
fn run(
    args: &CheckArgs,
    out: Option<(&Path, bool, &[Profile])>,
    one_a_day: bool,
) -> Result<i32, Error> {
    let schema = SchemaDir::resolve(args.schema.as_deref())?;
    let codebook = std::sync::Arc::new(Codebook::load_with(&schema.path, args.follow_links)?);
    let terminal = std::io::stderr().is_terminal();
    let progress = pipeline::progress_bar(terminal && !args.quiet);
    let json = args.format == Format::Json;

    let csv_safe = out.is_some_and(|(_, safe, _)| safe);
    let profiles = out.map_or(&[][..], |(_, _, p)| p);
    let inputs = [args.raw_dir.as_path(), schema.path.as_path()];
    let mut staging = out
        .map(|(dir, _, _)| Staging::create(dir, &inputs))
        .transpose()?;
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if let Some(st) = staging.as_mut() {
        let report = Target::File {
            file: st.file("validation_report.json")?,
            path: st.scratch("validation_report.json"),
            print: json,
        };
        if one_a_day {
            let out = (st.file("events.parquet")?, st.file("events.csv")?);
            let scratch = [
                st.scratch("events.parquet.all"),
                st.scratch("events.csv.all"),
            ];
            let dedup = DedupOut::new(out, scratch, schema.describe().to_string(), csv_safe)?;
            sinks.push(Box::new(dedup));
        } else {
            sinks.push(Box::new(ParquetOut::new(
                st.file("events.parquet")?,
                schema.describe().to_string(),
            )?));
            sinks.push(Box::new(EventsCsv::new(st.file("events.csv")?, csv_safe)?));
        }
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
        sinks.push(Box::new(
            JsonReport::new(st.scratch("issues.spool"), report)?.schema(schema.describe()),
        ));
        sinks.push(Box::new(HtmlReport::new(
            st.file("validation_report.html")?,
            &codebook.events,
        )));
        sinks.push(Box::new(DataPackage(
            st.file("datapackage.json")?,
            one_a_day,
        )));
        let docs = match profiles.is_empty() {
            true => Default::default(),
            false => std::sync::Arc::new(DocSources::load(&args.raw_dir)?),
        };
        if profiles.contains(&Profile::Gdelt) {
            let file = st.file("events.gdelt.tsv")?;
            let (cb, docs) = (codebook.clone(), docs.clone());
            sinks.push(Box::new(GdeltOut::new(file, cb, docs)?));
        }
        if profiles.contains(&Profile::Icews) {
            let file = st.file("events.icews.tab")?;
            sinks.push(Box::new(IcewsOut::new(file, codebook.clone(), docs)?));
        }
    } else if json {
        let spool =
            std::env::temp_dir().join(format!("eventc-{}-issues.spool", std::process::id()));
        sinks.push(Box::new(
            JsonReport::new(spool, Target::Stdout)?.schema(schema.describe()),
        ));
    }
    let github = args.format == Format::Github;
    if github {
        // A built-in schema file has no path in the repository: it keeps its label.
        let roots: Vec<&Path> = [Some(args.raw_dir.as_path()), schema.folder()]
            .into_iter()
            .flatten()
            .collect();
        sinks.push(Box::new(Github::new(args.max_diagnostics, &roots)));
    }
    sinks.push(Box::new(Terminal::new(
        HumanOptions {
            color: terminal && std::env::var_os("NO_COLOR").is_none(),
            per_rule: args.max_diagnostics,
            // The annotations show the diagnostics; the terminal gives the counts.
            quiet: args.quiet || github,
        },
        progress.clone(),
    )));

    let opts = Options {
        threads: args.threads,
        limits: Limits::default(),
        doc_budget: DEFAULT_BUDGET,
        deny_warnings: args.deny == Some(Deny::Warnings),
        one_a_day,
        follow_links: args.follow_links,
    };
    let summary = pipeline::run(
        &args.raw_dir,
        &schema.path,
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
