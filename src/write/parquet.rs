//! `events.parquet`: zstd, dictionary encoding where values repeat, page statistics, one row
//! group per 64k rows; what the dataset was made from in the footer's key-value metadata
//! (`provenance.rs`), written at the end, when every input's digest is known.

use std::fs::File;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use super::{provenance, RunEnd, Sink};
use crate::error::Error;
use crate::event::{arrow_schema, Columns, Event};

const UNIQUE_PER_ROW: &[&str] = &[
    "event_id",
    "quote",
    "quote_start",
    "quote_end",
    "notes",
    "input_line",
];

/// Events are handed to the writer in record batches of exactly this many rows (the last one
/// excepted), so that the file's bytes never depend on how the input was batched.
const CHUNK: usize = 8192;

pub struct ParquetOut {
    writer: ArrowWriter<File>,
    pending: Columns,
    schema_source: String,
}

pub(super) fn parquet_error(e: impl std::fmt::Display) -> Error {
    Error::output("events.parquet", e)
}

impl ParquetOut {
    /// `schema_source`: which schema folder the run used, for the metadata.
    pub fn new(file: File, schema_source: String) -> Result<Self, Error> {
        Self::with_schema(file, schema_source, arrow_schema())
    }

    /// A writer of record batches of `schema`, with the dataset's settings.
    pub fn with_schema(
        file: File,
        schema_source: String,
        schema: SchemaRef,
    ) -> Result<Self, Error> {
        let mut props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(3).map_err(parquet_error)?,
            ))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_max_row_group_row_count(Some(65_536));
        // Dictionary encoding pays for repeated values (codes, names, countries, dates), not
        // for columns that are unique or nearly so on every row.
        for column in UNIQUE_PER_ROW {
            props = props.set_column_dictionary_enabled(ColumnPath::from(*column), false);
        }
        let writer =
            ArrowWriter::try_new(file, schema, Some(props.build())).map_err(parquet_error)?;
        Ok(ParquetOut {
            writer,
            pending: Columns::default(),
            schema_source,
        })
    }

    fn flush(&mut self) -> Result<(), Error> {
        if self.pending.rows() == 0 {
            return Ok(());
        }
        let batch = self.pending.finish().map_err(parquet_error)?;
        self.write(&batch)
    }

    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), Error> {
        self.writer.write(batch).map_err(parquet_error)
    }

    /// Flush what is pending and write the footer, with the provenance of the run when `end`
    /// is given (a scratch file has none).
    pub fn close(mut self, end: Option<&RunEnd>) -> Result<(), Error> {
        self.flush()?;
        if let Some(end) = end {
            for (k, v) in provenance::metadata(&end.inputs, &self.schema_source) {
                self.writer.append_key_value_metadata(KeyValue::new(k, v));
            }
        }
        self.writer.close().map(|_| ()).map_err(parquet_error)
    }
}

impl Sink for ParquetOut {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        self.pending.append(e);
        if self.pending.rows() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, end: &RunEnd) -> Result<(), Error> {
        self.close(Some(end))
    }
}
