//! The dataset under `--dedup one-a-day`: `events.parquet` and `events.csv` with one more
//! column, `merged_records`, the number of records each event stands for (1 when none was
//! merged into it).
//!
//! A kept event's count is known only once every record is in, and both files are streamed.
//! So the kept events are written as usual, but to scratch files; each event, kept or merged,
//! leaves its filter key in an external sort; at the end the sort gives every key's count,
//! sorted again by the kept event's position, and a second pass copies the scratch files to
//! the outputs, adding the column. Memory: a batch of rows and the sorts' budgets.

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::csv::{CsvOut, EventsCsv};
use super::parquet::{parquet_error, ParquetOut};
use super::{RunEnd, Sink};
use crate::error::Error;
use crate::event::{arrow_schema, Event};
use crate::sequence::one_a_day_key;
use crate::sequence::spill::{Bytes, Sorted, Sorter, Spill, DEFAULT_BUDGET};

pub const COLUMN: &str = "merged_records";

/// Rows read back at once.
const BATCH: usize = 8192;
/// Marks a merged record in the key sort; kept events sort first in their key.
const MERGED: u64 = u64::MAX;

/// A key and the kept event's position among the kept ones (or `MERGED`); also a position and
/// its count.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Pair(u128, u64);

impl Spill for Pair {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        out.extend_from_slice(&self.1.to_le_bytes());
    }

    fn decode(b: &mut Bytes) -> Option<Self> {
        Some(Pair(b.u128()?, b.u64()?))
    }
}

pub struct Dedup {
    parquet: ParquetOut,
    csv: EventsCsv,
    scratch: [PathBuf; 2],
    out: Option<(File, File)>,
    schema_source: String,
    keys: Sorter<Pair>,
    kept: u64,
}

const LABEL: &str = "a scratch file for --dedup";

impl Dedup {
    /// `out`: the final `events.parquet` and `events.csv`; `scratch`: two paths for the
    /// files written first.
    pub fn new(
        out: (File, File),
        scratch: [PathBuf; 2],
        schema_source: String,
        csv_safe: bool,
    ) -> Result<Self, Error> {
        let create = |p: &PathBuf| File::create(p).map_err(Error::io("create", p.display()));
        Ok(Dedup {
            parquet: ParquetOut::new(create(&scratch[0])?, schema_source.clone())?,
            csv: EventsCsv::new(create(&scratch[1])?, csv_safe)?,
            scratch,
            out: Some(out),
            schema_source,
            keys: Sorter::new(DEFAULT_BUDGET, LABEL),
            kept: 0,
        })
    }
}

impl Sink for Dedup {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        self.parquet.event(e)?;
        self.csv.event(e)?;
        self.keys.push(Pair(one_a_day_key(e), self.kept))?;
        self.kept += 1;
        Ok(())
    }

    fn merged(&mut self, e: &Event) -> Result<(), Error> {
        self.keys.push(Pair(one_a_day_key(e), MERGED))
    }

    fn finish(mut self: Box<Self>, end: &RunEnd) -> Result<(), Error> {
        let (parquet_out, csv_out) = self.out.take().expect("finished once");
        let Dedup {
            parquet,
            csv,
            scratch,
            schema_source,
            keys,
            ..
        } = *self;
        parquet.close(None)?;
        Box::new(csv).finish(end)?;
        let mut counts = Counts::new(keys)?;
        copy(
            &scratch,
            (parquet_out, csv_out),
            (schema_source, end),
            &mut counts,
        )?;
        for path in &scratch {
            std::fs::remove_file(path).map_err(Error::io("remove", path.display()))?;
        }
        Ok(())
    }
}

/// The count of each kept event, by position: the events into which others were merged are
/// on disk, sorted by position; all others count 1.
struct Counts {
    sorted: std::iter::Peekable<Sorted<Pair>>,
    row: u64,
}

impl Counts {
    fn new(keys: Sorter<Pair>) -> Result<Self, Error> {
        let mut counts = Sorter::new(DEFAULT_BUDGET, LABEL);
        let mut group: Option<(u128, u64, u64)> = None;
        let close = |g: Option<(u128, u64, u64)>, counts: &mut Sorter<Pair>| match g {
            Some((_, kept, n)) if n > 1 => counts.push(Pair(kept as u128, n)),
            _ => Ok(()),
        };
        for pair in keys.sorted()? {
            let Pair(key, pos) = pair?;
            match &mut group {
                Some((k, _, n)) if *k == key => *n += 1,
                _ => {
                    // The first of a key is the kept event: the filter let it through.
                    debug_assert!(pos != MERGED, "a key with no kept event");
                    close(group.take(), &mut counts)?;
                    group = Some((key, pos, 1));
                }
            }
        }
        close(group, &mut counts)?;
        Ok(Counts {
            sorted: counts.sorted()?.peekable(),
            row: 0,
        })
    }

    fn next(&mut self) -> Result<i64, Error> {
        let row = self.row as u128;
        self.row += 1;
        match self.sorted.peek() {
            Some(Ok(Pair(pos, _))) if *pos == row => match self.sorted.next() {
                Some(Ok(Pair(_, n))) => Ok(n as i64),
                _ => unreachable!("peeked"),
            },
            Some(Err(_)) => Err(self.sorted.next().expect("peeked").unwrap_err()),
            _ => Ok(1),
        }
    }
}

fn final_schema() -> SchemaRef {
    let mut fields: Vec<Field> = arrow_schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields.push(Field::new(COLUMN, DataType::Int64, false));
    Arc::new(Schema::new(fields))
}

/// Both scratch files to the outputs, a batch of rows at a time, with the counts added.
fn copy(
    scratch: &[PathBuf; 2],
    (parquet_out, csv_out): (File, File),
    (schema_source, end): (String, &RunEnd),
    counts: &mut Counts,
) -> Result<(), Error> {
    let file = File::open(&scratch[0]).map_err(Error::io("read", scratch[0].display()))?;
    let batches = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(parquet_error)?
        .with_batch_size(BATCH)
        .build()
        .map_err(parquet_error)?;
    let schema = final_schema();
    let mut parquet = ParquetOut::with_schema(parquet_out, schema_source, schema.clone())?;

    let csv_error = |e: csv::Error| Error::output("events.csv", e);
    let mut rows = csv::Reader::from_path(&scratch[1]).map_err(csv_error)?;
    let mut header: Vec<String> = rows
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_string)
        .collect();
    header.push(COLUMN.to_string());
    // The scratch file had `--csv-safe` applied already.
    let mut csv = CsvOut::new(csv_out, "events.csv", header, false)?;
    let mut row = csv::StringRecord::new();

    for batch in batches {
        let batch = batch.map_err(parquet_error)?;
        let merged: Vec<i64> = (0..batch.num_rows())
            .map(|_| counts.next())
            .collect::<Result<_, _>>()?;
        for n in &merged {
            if !rows.read_record(&mut row).map_err(csv_error)? {
                return Err(Error::output(
                    "events.csv",
                    "fewer rows than events.parquet",
                ));
            }
            for field in &row {
                csv.field(field)?;
            }
            csv.field(&n.to_string())?;
            csv.end_row()?;
        }
        let mut columns = batch.columns().to_vec();
        columns.push(Arc::new(Int64Array::from(merged)));
        let batch = RecordBatch::try_new(schema.clone(), columns).map_err(parquet_error)?;
        parquet.write(&batch)?;
    }
    parquet.close(Some(end))?;
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kept_event_counts_the_records_of_its_key_spilled_or_not() {
        for budget in [1, DEFAULT_BUDGET] {
            let mut keys = Sorter::new(budget, LABEL);
            // Positions of the kept events 0..4; keys 7 and 9 have merged records.
            for (key, pos) in [
                (7, 0),
                (9, 1),
                (7, MERGED),
                (3, 2),
                (7, MERGED),
                (9, MERGED),
                (5, 3),
            ] {
                keys.push(Pair(key, pos)).unwrap();
            }
            let mut counts = Counts::new(keys).unwrap();
            let got: Vec<i64> = (0..5).map(|_| counts.next().unwrap()).collect();
            assert_eq!(got, [3, 2, 1, 1, 1], "budget {budget}");
        }
    }
}
