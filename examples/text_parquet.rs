//! The benchmark's reference: a raw folder's events files converted to one Parquet file with
//! no checks at all, every column text. eventc's time is compared with this one's, which is
//! about the least any CSV/JSON Lines to Parquet conversion can cost.
//!
//! Usage: cargo run --release --example text_parquet -- EVENTS_DIR OUT.parquet
//!
//! Columns are the first CSV file's header; rows that cannot be read are counted and skipped.
//! Batches and compression are eventc's: 4096 rows, zstd level 3.

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

const BATCH: usize = 4096;

/// Rows gathered column by column, written as a batch when full.
struct Columns {
    names: Vec<String>,
    values: Vec<Vec<Option<String>>>,
    writer: ArrowWriter<File>,
    schema: Arc<Schema>,
    rows: u64,
}

impl Columns {
    fn push(
        &mut self,
        mut value: impl FnMut(usize, &str) -> Option<String>,
    ) -> Result<(), Box<dyn Error>> {
        for (i, name) in self.names.iter().enumerate() {
            self.values[i].push(value(i, name));
        }
        self.rows += 1;
        if self.values[0].len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Box<dyn Error>> {
        if self.values.first().is_none_or(Vec::is_empty) {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self
            .values
            .iter_mut()
            .map(|v| Arc::new(StringArray::from(std::mem::take(v))) as ArrayRef)
            .collect();
        self.writer
            .write(&RecordBatch::try_new(self.schema.clone(), arrays)?)?;
        Ok(())
    }
}

fn header(path: &Path) -> Result<Vec<String>, Box<dyn Error>> {
    let mut r = csv::Reader::from_path(path)?;
    let h = r.byte_headers()?;
    Ok(h.iter()
        .map(|f| {
            String::from_utf8_lossy(f)
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, out] = args.as_slice() else {
        eprintln!("usage: text_parquet EVENTS_DIR OUT.parquet");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "jsonl"))
        .collect();
    files.sort();
    let Some(first_csv) = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
    else {
        eprintln!("no CSV file in {dir} to take the columns from");
        std::process::exit(2);
    };
    let names = header(first_csv)?;
    let schema = Arc::new(Schema::new(
        names
            .iter()
            .map(|n| Field::new(n, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    ));
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
        .build();
    let writer = ArrowWriter::try_new(File::create(out)?, schema.clone(), Some(props))?;
    let mut cols = Columns {
        values: vec![Vec::with_capacity(BATCH); names.len()],
        names,
        writer,
        schema,
        rows: 0,
    };
    let mut skipped = 0u64;
    for path in &files {
        if path.extension().is_some_and(|e| e == "csv") {
            let mut r = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
            let own: Vec<String> = header(path)?;
            let at: Vec<Option<usize>> = cols
                .names
                .iter()
                .map(|n| own.iter().position(|h| h == n))
                .collect();
            let mut rec = csv::ByteRecord::new();
            while r.read_byte_record(&mut rec)? {
                cols.push(|i, _| {
                    let v = at[i].and_then(|j| rec.get(j)).unwrap_or_default();
                    (!v.is_empty()).then(|| String::from_utf8_lossy(v).into_owned())
                })?;
            }
        } else {
            for line in BufReader::new(File::open(path)?).split(b'\n') {
                let line = line?;
                let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(&line) else {
                    skipped += 1;
                    continue;
                };
                cols.push(|_, name| match map.get(name) {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(other) => Some(other.to_string()),
                })?;
            }
        }
    }
    cols.flush()?;
    let rows = cols.rows;
    cols.writer.close()?;
    eprintln!("{rows} rows written, {skipped} unreadable lines skipped");
    Ok(())
}
