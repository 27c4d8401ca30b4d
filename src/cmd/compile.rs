//! `eventc compile` and `eventc validate`: read, validate and normalize, then write.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::codebook::{schema_label, Codebook};
use crate::diagnostic::Diagnostic;
use crate::event::Event;
use crate::read::documents::Documents;
use crate::read::{self, Item};
use crate::validate::{Outcome, Validator};
use crate::write::csv::{EventsCsv, RejectsCsv};
use crate::write::datapackage;
use crate::write::html::{self, Glance};
use crate::write::parquet::ParquetOut;
use crate::write::report::{self, HumanOptions, Summary};
use crate::write::Staging;
use crate::Fatal;

/// Events are handed to the Parquet writer in batches of this many rows.
const BATCH: usize = 4096;

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
}

#[derive(Args, Debug)]
pub struct CompileArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Folder the dataset, rejects and report are written to
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
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

/// Where accepted events and rejects go; `validate` has none.
struct Writers {
    parquet: ParquetOut,
    csv: EventsCsv,
    rejects: RejectsCsv,
    batch: Vec<Event>,
    glance: Glance,
}

impl Writers {
    fn accept(&mut self, e: Event) -> Result<(), String> {
        self.csv.write(&e)?;
        self.glance.add(&e);
        self.batch.push(e);
        if self.batch.len() >= BATCH {
            self.parquet.write(&self.batch)?;
            self.batch.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Glance, String> {
        self.parquet.write(&self.batch)?;
        self.batch.clear();
        self.parquet.finish()?;
        self.csv.finish()?;
        self.rejects.finish()?;
        Ok(self.glance)
    }
}

pub fn compile(args: &CompileArgs) -> Result<i32, Fatal> {
    run(&args.check, Some(&args.out))
}

pub fn validate(args: &CheckArgs) -> Result<i32, Fatal> {
    run(args, None)
}

fn run(args: &CheckArgs, out: Option<&Path>) -> Result<i32, Fatal> {
    let codebook = Codebook::load(&args.schema)?;
    if !args.raw_dir.is_dir() {
        return Err(Fatal(format!(
            "input folder {} not found",
            args.raw_dir.display()
        )));
    }
    let (inputs, ignored) = read::list_inputs(&args.raw_dir)?;
    let raw_label = read::raw_label(&args.raw_dir);
    let mut docs = Documents::open(&args.raw_dir, &raw_label)?;
    let known = codebook.table.field_names();

    let mut staging = out.map(Staging::create).transpose()?;
    let mut writers = match staging.as_mut() {
        Some(s) => Some(Writers {
            parquet: ParquetOut::new(s.file("events.parquet")?, parquet_metadata())?,
            csv: EventsCsv::new(s.file("events.csv")?)?,
            rejects: RejectsCsv::new(s.file("rejected.csv")?, known.clone())?,
            batch: Vec::with_capacity(BATCH),
            glance: Glance::default(),
        }),
        None => None,
    };

    let mut summary = Summary::default();
    let mut diags: Vec<Diagnostic> = ignored
        .iter()
        .map(|f| {
            Diagnostic::new(
                "ignored-file",
                "not read: only .csv and .jsonl files are records",
            )
            .at(f, 1)
        })
        .collect();
    {
        let mut validator = Validator::new(&codebook, &mut docs);
        let mut record_diags = Vec::new();
        let mut shown_per_rule = std::collections::HashMap::new();
        for input in &inputs {
            read::read_file(input, &known, &mut |item| {
                match item {
                    Item::FileNote(d) => diags.push(d),
                    Item::Record(rec) => {
                        record_diags.clear();
                        let outcome = validator.check(rec, &mut record_diags);
                        let rejected = matches!(outcome, Outcome::Rejected(_));
                        summary.record(&input.label, rejected);
                        if let Some(w) = writers.as_mut() {
                            match outcome {
                                Outcome::Accepted(e) => w.accept(*e)?,
                                Outcome::Rejected(rec) => w.rejects.write(&rec, &record_diags)?,
                            }
                        }
                        for d in &mut record_diags {
                            let n = shown_per_rule.entry(d.rule).or_insert(0usize);
                            *n += 1;
                            // Past what any display shows, keep the issue but not its text.
                            if *n > html::SHOWN_PER_RULE.max(args.max_diagnostics) {
                                d.source = None;
                            }
                        }
                        diags.append(&mut record_diags);
                    }
                }
                Ok(())
            })?;
        }
    }
    diags.append(&mut docs.notes);
    diags.extend(codebook.notes.iter().cloned());
    // Records' diagnostics had the project's severities applied already (they decide
    // rejection); applying again is a no-op for them and covers file-level notes.
    diags.iter_mut().for_each(|d| codebook.config.apply(d));
    for d in &diags {
        summary.count(d);
    }
    let deny_warnings = args.deny == Some(Deny::Warnings);
    summary.valid = summary.errors == 0 && (!deny_warnings || summary.warnings == 0);

    let mut files: Vec<(String, PathBuf)> = inputs
        .iter()
        .map(|i| (i.label.clone(), i.path.clone()))
        .collect();
    files.extend(docs.read_paths());
    for p in &codebook.files {
        files.push((schema_label(&args.schema, p), p.clone()));
    }
    let inputs_hashed = report::hash_inputs(&files)?;
    let json = report::to_json(&summary, &inputs_hashed, &diags);

    if let (Some(mut staging), Some(writers)) = (staging, writers) {
        let glance = writers.finish()?;
        let write = |staging: &mut Staging, name: &str, bytes: &[u8]| -> Result<(), String> {
            use std::io::Write;
            staging
                .file(name)?
                .write_all(bytes)
                .map_err(|e| format!("cannot write {name}: {e}"))
        };
        write(&mut staging, "validation_report.json", json.as_bytes())?;
        let mut issues = Vec::new();
        report::write_issues_csv(&mut issues, &diags)?;
        write(&mut staging, "validation_issues.csv", &issues)?;
        let page = html::render(&summary, &diags, &glance, &codebook.events);
        write(&mut staging, "validation_report.html", page.as_bytes())?;
        write(
            &mut staging,
            "datapackage.json",
            datapackage::render().as_bytes(),
        )?;
        staging.commit()?;
    }

    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let human = report::render_human(
        &summary,
        &diags,
        &HumanOptions {
            color,
            per_rule: args.max_diagnostics,
            quiet: args.quiet,
        },
    );
    eprint!("{human}");
    if args.format == Format::Json {
        print!("{json}");
    }
    Ok(if summary.valid { 0 } else { 1 })
}

fn parquet_metadata() -> Vec<(String, String)> {
    vec![
        ("eventc.version".into(), env!("CARGO_PKG_VERSION").into()),
        ("eventc.codebook".into(), "CAMEO 1.1b3".into()),
    ]
}
