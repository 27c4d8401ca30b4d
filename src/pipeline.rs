//! The run, stage by stage: **read** (a thread cuts the events files into batches),
//! **check** (each batch's documents are looked up, then its records checked on every core),
//! **sequence** (ids and duplicates, in input order; the duplicate events' warnings once every
//! record is in), **sinks** (a thread hands every event, record set aside, reject and
//! diagnostic to the outputs, in input order, and keeps the counts).
//!
//! Batches are cut and handed on in the same order whatever the number of threads, so the
//! outputs are byte for byte the same with one thread or many. At most a few batches are in
//! flight at once: memory follows the batch size, not the dataset.

use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::check::{check, Checked};
use crate::codebook::Codebook;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::read::documents::Documents;
use crate::read::{self, Batches, InputDigest, Limits};
use crate::sequence::Sequencer;
use crate::write::report::{Outcome, Summary};
use crate::write::{Inputs, RunEnd, Sink};

pub struct Options {
    /// Threads that check records; 0 means one per core.
    pub threads: usize,
    pub limits: Limits,
    /// Memory the document cache may hold.
    pub doc_budget: usize,
    /// `--deny warnings`: warnings make the run invalid too.
    pub deny_warnings: bool,
    /// `--dedup one-a-day`: later records of an event's day, actors and code are merged.
    pub one_a_day: bool,
    /// `--follow-links`: read links that point outside the raw folder.
    pub follow_links: bool,
}

/// What the sink thread receives, in order.
enum Step {
    Notes(Vec<Diagnostic>),
    Records(Vec<Checked>),
}

/// Read, check and sequence every record of `raw_dir`, handing the results to `sinks` (in
/// this order, also at the end). Returns the counts; `summary.valid` says whether the run
/// passed.
pub fn run(
    raw_dir: &Path,
    schema_dir: &Path,
    codebook: &Codebook,
    sinks: Vec<Box<dyn Sink>>,
    progress: &ProgressBar,
    opts: &Options,
) -> Result<Summary, Error> {
    if !raw_dir.is_dir() {
        return Err(Error::Usage(format!(
            "input folder {} not found",
            raw_dir.display()
        )));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", opts.threads)))?;
    let (inputs, mut skipped) = read::list_inputs(raw_dir, opts.follow_links)?;
    let raw_label = read::raw_label(raw_dir);
    let mut docs = Documents::open(raw_dir, &raw_label, opts.doc_budget, opts.follow_links)?;
    let known = codebook.table.field_names();

    let mut notes: Vec<Diagnostic> = codebook.notes.clone();
    notes.append(&mut docs.notes);
    notes.append(&mut skipped);
    let files = inputs.len();
    let mut files_done = 0;

    let mut digests: Vec<InputDigest> = Vec::new();
    let (summary, sinks) = std::thread::scope(|s| -> Result<_, Error> {
        let (batch_tx, batch_rx) = sync_channel(2);
        s.spawn(move || {
            for batch in Batches::new(inputs, &known, opts.limits) {
                if batch_tx.send(batch).is_err() {
                    break; // the run stopped on an error
                }
            }
        });
        let (step_tx, step_rx) = sync_channel(2);
        let writer = s.spawn(move || write_all(step_rx, sinks, codebook));

        let mut sequencer = Sequencer::new(codebook);
        if opts.one_a_day {
            sequencer = sequencer.one_a_day();
        }
        let stage = || -> Result<(), Error> {
            let send = |step| step_tx.send(step).map_err(|_| sink_stopped());
            send(Step::Notes(std::mem::take(&mut notes)))?;
            for batch in batch_rx {
                let batch = batch?;
                files_done += batch.finished.len();
                digests.extend(batch.finished.iter().cloned());
                if !batch.notes.is_empty() {
                    send(Step::Notes(batch.notes))?;
                }
                let records = batch.records.len();
                let mut checked: Vec<Checked> = pool.install(|| {
                    let set = docs.prepare(batch.records.iter().map(|r| r.get("doc_id").trim()));
                    batch
                        .records
                        .into_par_iter()
                        .map(|r| check(r, codebook, &set))
                        .collect()
                });
                // Documents that could not be used are reported once, when first met.
                if !docs.notes.is_empty() {
                    send(Step::Notes(std::mem::take(&mut docs.notes)))?;
                }
                checked.iter_mut().try_for_each(|c| sequencer.sequence(c))?;
                send(Step::Records(checked))?;
                progress.inc(records as u64);
                progress.set_message(format!("files {files_done}/{files}"));
            }
            sequencer.finish(|warnings| send(Step::Notes(warnings)))
        };
        let staged = stage();
        drop(step_tx);
        let written = writer.join().expect("the sink thread does not panic");
        staged?;
        written
    })?;

    let mut schema = Vec::new();
    for path in &codebook.files {
        let label = crate::codebook::schema_label(schema_dir, path);
        schema.push(read::digest_file(path, &label)?);
    }
    let mut summary = summary;
    summary.valid = summary.errors == 0 && (!opts.deny_warnings || summary.warnings == 0);
    let end = RunEnd {
        summary: &summary,
        inputs: Inputs {
            events: &digests,
            documents: &docs,
            schema: &schema,
        },
    };
    for sink in sinks {
        sink.finish(&end)?;
    }
    Ok(summary)
}

fn sink_stopped() -> Error {
    Error::output("the outputs", "writing stopped")
}

/// The sink thread: every step, in order, to every sink; the counts on the way.
fn write_all(
    steps: Receiver<Step>,
    mut sinks: Vec<Box<dyn Sink>>,
    codebook: &Codebook,
) -> Result<(Summary, Vec<Box<dyn Sink>>), Error> {
    let mut summary = Summary::default();
    let diagnostic = |summary: &mut Summary, sinks: &mut Vec<Box<dyn Sink>>, d: &mut Diagnostic| {
        // Records' diagnostics had the project's severities applied already (they decide
        // rejection); applying again is a no-op for them and covers file-level notes.
        codebook.config.apply(d);
        summary.count(d);
        sinks.iter_mut().try_for_each(|s| s.diagnostic(d))
    };
    for step in steps {
        match step {
            Step::Notes(mut notes) => {
                for d in &mut notes {
                    diagnostic(&mut summary, &mut sinks, d)?;
                }
            }
            Step::Records(records) => {
                for mut c in records {
                    for d in &mut c.diagnostics {
                        diagnostic(&mut summary, &mut sinks, d)?;
                    }
                    let outcome = match &c.event {
                        Some(e) if c.merged => {
                            sinks.iter_mut().try_for_each(|s| s.merged(e))?;
                            Outcome::Merged
                        }
                        Some(e) if c.set_aside => {
                            sinks.iter_mut().try_for_each(|s| s.set_aside(e))?;
                            Outcome::SetAside
                        }
                        Some(e) => {
                            sinks.iter_mut().try_for_each(|s| s.event(e))?;
                            Outcome::Written
                        }
                        None => {
                            let d = &c.diagnostics;
                            sinks.iter_mut().try_for_each(|s| s.reject(&c.record, d))?;
                            Outcome::Rejected
                        }
                    };
                    summary.record(&c.record.file, outcome);
                }
            }
        }
    }
    Ok((summary, sinks))
}

/// A progress line on a terminal (records, records per second, files); hidden otherwise.
pub fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {human_pos} records, {per_sec}, {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
