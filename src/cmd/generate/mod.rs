//! `eventc generate`: a synthetic raw dataset of any size, with its schema folder, for
//! benchmarks and tests. News-like documents in French and English, records in CSV and JSON
//! Lines naming actors, places and dates the many ways coders do, and one record in 64 with a
//! defect, of each kind the validator catches in turn (about 1% of records are rejected).
//!
//! Documents are made in parallel, each from its own generator seeded by (seed, index), and
//! written in order: the output depends only on the seed, and memory only on the chunk size.

mod dates;
mod dictionary;
mod gazetteer;
mod plan;
mod records;
mod rng;
mod story;
mod tables;
mod text;
mod world;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;

use crate::codebook::builtin::SchemaDir;
use crate::Error;
use plan::Plan;
use records::FIELDS;
use world::World;

/// Documents made at once: enough to keep every core busy, few enough to bound memory.
const CHUNK: u64 = 512;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// How many records to write (about a tenth as many documents)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub records: u64,
    /// Folder to write raw/ and schema/ into (neither may exist yet)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Seed: the same seed and N give the same bytes
    #[arg(long, value_name = "S", default_value_t = 2020)]
    pub seed: u64,
    /// Schema folder to copy and extend with the synthetic dictionary and places [default:
    /// `schema` if there is one here, else the built-in one]
    #[arg(long, value_name = "SCHEMA_DIR")]
    pub schema: Option<PathBuf>,
}

pub fn run(args: &GenerateArgs) -> Result<i32, Error> {
    generate(args)
}

/// One document's output, ready to append.
struct Made {
    part: u64,
    csv: Vec<u8>,
    jsonl: Vec<u8>,
    csv_records: u64,
    jsonl_records: u64,
    meta: [String; 6],
    text_bytes: u64,
}

fn generate(args: &GenerateArgs) -> Result<i32, Error> {
    for sub in ["raw", "schema"] {
        let p = args.out.join(sub);
        if p.exists() {
            return Err(Error::Usage(format!(
                "{} already exists: remove it or choose another --out",
                p.display()
            )));
        }
    }
    let schema = SchemaDir::resolve(args.schema.as_deref())?;
    let world = World::build(&schema.path, args.seed)?;
    let mut bytes = world.write_schema(&schema.path, &args.out.join("schema"))?;
    let plan = Plan::new(args.records, args.seed);
    let docs_dir = args.out.join("raw/documents");
    let events_dir = args.out.join("raw/events");
    for d in [&docs_dir, &events_dir] {
        std::fs::create_dir_all(d).map_err(Error::io("create", d.display()))?;
    }
    let meta_path = docs_dir.join("documents.csv");
    let mut meta = world::csv_file(&meta_path)?;
    meta.write_record([
        "doc_id",
        "published",
        "reference_date",
        "language",
        "title",
        "source",
    ])
    .map_err(|e| Error::output(meta_path.display(), e))?;
    let mut files = EventFiles::new(events_dir);
    let (mut csv_records, mut jsonl_records) = (0, 0);
    let mut first = 0;
    while first < plan.docs {
        let last = (first + CHUNK).min(plan.docs);
        let made: Vec<Made> = (first..last)
            .into_par_iter()
            .map(|i| make(&world, &plan, &docs_dir, i))
            .collect::<Result<_, Error>>()?;
        for m in made {
            files.append(&m)?;
            meta.write_record(&m.meta)
                .map_err(|e| Error::output(meta_path.display(), e))?;
            bytes += m.text_bytes;
            csv_records += m.csv_records;
            jsonl_records += m.jsonl_records;
        }
        first = last;
    }
    bytes += files.finish()?;
    bytes += world::finish_csv(meta, &meta_path)?;
    eprintln!(
        "generated {} records ({csv_records} CSV, {jsonl_records} JSON Lines) in {} documents: {} written to {}",
        args.records,
        plan.docs,
        human_bytes(bytes),
        args.out.display()
    );
    Ok(0)
}

/// Writes document `i` and returns its records and metadata for the shared files.
fn make(world: &World, plan: &Plan, docs_dir: &Path, i: u64) -> Result<Made, Error> {
    let story = story::story(world, plan, i);
    let path = docs_dir.join(format!("{}.txt", story.meta[0]));
    std::fs::write(&path, &story.text).map_err(Error::io("write", path.display()))?;
    let part = plan.part(i);
    let mut csv = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(terminator(part))
        .from_writer(Vec::new());
    let mut jsonl = Vec::new();
    let (mut csv_records, mut jsonl_records) = (0, 0);
    for rec in &story.records {
        if rec.jsonl {
            rec.write_jsonl(&mut jsonl);
            jsonl_records += 1;
        } else {
            rec.write_csv(&mut csv)
                .map_err(|e| Error::output("events CSV", e))?;
            csv_records += 1;
        }
    }
    let csv = csv
        .into_inner()
        .map_err(|e| Error::output("events CSV", e.error()))?;
    Ok(Made {
        part,
        csv,
        jsonl,
        csv_records,
        jsonl_records,
        text_bytes: story.text.len() as u64,
        meta: story.meta,
    })
}

/// Every other events file has Windows line ends and a byte order mark, as files saved by
/// spreadsheets on Windows do.
fn terminator(part: u64) -> csv::Terminator {
    if part % 2 == 1 {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    }
}

/// `events-000.csv` and `events-000.jsonl`, then the next part when a document starts past
/// the part's size.
struct EventFiles {
    dir: PathBuf,
    part: u64,
    csv: Option<BufWriter<File>>,
    jsonl: Option<BufWriter<File>>,
    bytes: u64,
}

impl EventFiles {
    fn new(dir: PathBuf) -> Self {
        EventFiles {
            dir,
            part: 0,
            csv: None,
            jsonl: None,
            bytes: 0,
        }
    }

    fn append(&mut self, m: &Made) -> Result<(), Error> {
        if m.part != self.part {
            self.close()?;
            self.part = m.part;
        }
        if !m.csv.is_empty() {
            let path = self.dir.join(format!("events-{:03}.csv", self.part));
            let w = match &mut self.csv {
                Some(w) => w,
                None => {
                    let mut w = open(&path)?;
                    let crlf = self.part % 2 == 1;
                    let bom: &[u8] = if crlf { "\u{feff}".as_bytes() } else { b"" };
                    let header = FIELDS.join(",") + if crlf { "\r\n" } else { "\n" };
                    for chunk in [bom, header.as_bytes()] {
                        w.write_all(chunk)
                            .map_err(Error::io("write", path.display()))?;
                        self.bytes += chunk.len() as u64;
                    }
                    self.csv.insert(w)
                }
            };
            w.write_all(&m.csv)
                .map_err(Error::io("write", path.display()))?;
            self.bytes += m.csv.len() as u64;
        }
        if !m.jsonl.is_empty() {
            let path = self.dir.join(format!("events-{:03}.jsonl", self.part));
            let w = match &mut self.jsonl {
                Some(w) => w,
                None => self.jsonl.insert(open(&path)?),
            };
            w.write_all(&m.jsonl)
                .map_err(Error::io("write", path.display()))?;
            self.bytes += m.jsonl.len() as u64;
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), Error> {
        for w in [self.csv.take(), self.jsonl.take()].into_iter().flatten() {
            let mut w = w;
            w.flush().map_err(Error::io("write", self.dir.display()))?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<u64, Error> {
        self.close()?;
        Ok(self.bytes)
    }
}

fn open(path: &Path) -> Result<BufWriter<File>, Error> {
    let f = File::create(path).map_err(Error::io("create", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

fn human_bytes(n: u64) -> String {
    match n {
        0..=9_999 => format!("{n} B"),
        10_000..=9_999_999 => format!("{:.1} kB", n as f64 / 1e3),
        10_000_000..=9_999_999_999 => format!("{:.1} MB", n as f64 / 1e6),
        _ => format!("{:.2} GB", n as f64 / 1e9),
    }
}
