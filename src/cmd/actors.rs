//! `eventc actors lookup NAME` and `eventc actors check FILE`: the actor dictionary from the
//! command line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::codebook::actor_code::ActorBlocks;
use crate::codebook::dictionary::{Dictionary, NULL_CODE};
use crate::codebook::Codebook;
use crate::error::{stdout_error, Error};
use crate::normalize::actors::Resolution;
use crate::normalize::dates::{self, DateContext};

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(subcommand)]
    pub command: ActorsCommand,
}

#[derive(Subcommand, Debug)]
pub enum ActorsCommand {
    /// What a name resolves to on a date, and why: the entry, the alias, the interval
    Lookup(LookupArgs),
    /// Lint dictionaries (our CSV or PETRARCH .actors): grammar, dates, overlaps, gaps, duplicates
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct LookupArgs {
    /// The actor's name as a coder would write it
    pub name: String,
    /// The event's date, in any form `eventc dates` reads (2020-02-16, février 2020, …)
    #[arg(long)]
    pub date: Option<String>,
    /// Folder of the codebooks and dictionaries
    #[arg(long, default_value = "schema")]
    pub schema: PathBuf,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Dictionary files: .csv in eventc's format, or PETRARCH .txt/.actors
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Folder whose cameo/actor_blocks.csv checks the codes' grammar
    #[arg(long, default_value = "schema")]
    pub schema: PathBuf,
    /// Show at most N diagnostics of each rule
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_diagnostics: usize,
}

pub fn run(args: &ActorsArgs) -> Result<i32, Error> {
    // Written in one go at the end, so that a closed pipe is one error, not a panic.
    let mut out = String::new();
    let status = match &args.command {
        ActorsCommand::Lookup(a) => lookup(a, &mut out),
        ActorsCommand::Check(a) => check(a, &mut out),
    }?;
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(stdout_error)?;
    Ok(status)
}

fn lookup(args: &LookupArgs, out: &mut String) -> Result<i32, Error> {
    let cb = Codebook::load(&args.schema)?;
    let span = match &args.date {
        Some(text) => Some(
            dates::normalize(text, &DateContext::default())
                .map_err(|e| Error::Usage(format!("--date `{text}`: {}", e.message)))?
                .span,
        ),
        None => None,
    };
    let (start, end) = (span.as_ref().map(|s| s.start), span.as_ref().map(|s| s.end));
    let on = span
        .as_ref()
        .map(|s| format!(" on {s}"))
        .unwrap_or_default();
    match cb.actors.resolve(&args.name, start, end) {
        Resolution::Resolved {
            actor,
            code,
            via,
            interval,
            line,
            partial,
            others,
        } => {
            if code == NULL_CODE {
                let _ = writeln!(out, "{NULL_CODE}  {}", actor.name);
                let _ = writeln!(out, "  the dictionary marks this name as no actor{on}");
            } else {
                let parsed = cb.blocks.parse(&code).ok();
                let _ = writeln!(out, "{code}  {}", actor.name);
                let _ = writeln!(out, "  matched   {}", describe_match(&args.name, via));
                if let Some(country) = parsed.as_ref().and_then(|p| p.country()) {
                    let _ = writeln!(
                        out,
                        "  country   {country} ({})",
                        cb.blocks.label(country).unwrap_or("?")
                    );
                }
                let labels: Vec<&str> = (0..code.len() / 3)
                    .map(|i| cb.blocks.label(&code[i * 3..i * 3 + 3]).unwrap_or("?"))
                    .collect();
                let _ = writeln!(
                    out,
                    "  code      {code} = {}, {interval}",
                    labels.join(" / ")
                );
            }
            let kind = actor
                .kind
                .as_deref()
                .map(|k| format!(" ({k})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  entry     {}:{}{kind}, code on line {line}",
                actor.file, actor.line
            );
            for other in actor.codes.iter().filter(|c| c.line != line) {
                let _ = writeln!(
                    out,
                    "  also      {} {} (line {})",
                    other.code, other.interval, other.line
                );
            }
            if partial {
                let _ = writeln!(out, "  note: the date runs past this code's interval; the code covering its start is used");
            }
            if others > 0 {
                let _ = writeln!(
                    out,
                    "  note: {others} other entries use this name; the first loaded is used"
                );
            }
            Ok(0)
        }
        Resolution::Uncovered {
            actor,
            via,
            intervals,
        } => {
            let _ = writeln!(
                out,
                "warning[actor-date-uncovered]: {} has no code{on}",
                actor.name
            );
            let _ = writeln!(out, "  matched   {}", describe_match(&args.name, via));
            let _ = writeln!(out, "  entry     {}:{}", actor.file, actor.line);
            for s in intervals {
                let _ = writeln!(
                    out,
                    "  codes     {} {} (line {})",
                    s.code, s.interval, s.line
                );
            }
            Ok(1)
        }
        Resolution::Unknown { suggestions } => {
            let _ = writeln!(
                out,
                "error[unknown-actor]: \"{}\" is not in the actor dictionary",
                args.name
            );
            if !suggestions.is_empty() {
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|(n, s)| format!("{n} ({:.0}% similar)", s * 100.0))
                    .collect();
                let _ = writeln!(out, "help: closest names: {}", names.join(", "));
            }
            Ok(1)
        }
    }
}

fn describe_match(asked: &str, via: &str) -> String {
    if asked == via {
        format!("\"{via}\"")
    } else {
        format!("\"{via}\" (as \"{asked}\", folding case, accents, articles and punctuation)")
    }
}

fn check(args: &CheckArgs, out: &mut String) -> Result<i32, Error> {
    let blocks_path = args.schema.join("cameo/actor_blocks.csv");
    let blocks = match std::fs::File::open(&blocks_path) {
        Ok(f) => Some(ActorBlocks::from_csv_reader(
            f,
            &blocks_path.display().to_string(),
        )?),
        Err(_) => {
            let _ = writeln!(
                std::io::stderr(),
                "note: {} not found: codes are not checked against the CAMEO tables",
                blocks_path.display()
            );
            None
        }
    };
    let mut dict = Dictionary::new();
    let mut diags = Vec::new();
    for path in &args.files {
        diags.extend(dict.load_path(path)?);
    }
    diags.extend(dict.lint(blocks.as_ref()));
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in &diags {
        *counts.entry((d.rule, d.severity.as_str())).or_default() += 1;
        let n = shown.entry(d.rule).or_default();
        *n += 1;
        if *n <= args.max_diagnostics {
            let _ = writeln!(out, "{}\n", d.render(false));
        }
    }
    let _ = writeln!(
        out,
        "{} actors, {} names in {} file{}",
        dict.len(),
        dict.name_count(),
        args.files.len(),
        if args.files.len() == 1 { "" } else { "s" }
    );
    for ((rule, severity), n) in &counts {
        let _ = writeln!(out, "  {n:>6}  {severity:<7} {rule}");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    Ok(if errors > 0 { 1 } else { 0 })
}
