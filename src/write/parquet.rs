//! `events.parquet`: zstd, dictionary encoding where values repeat, page statistics, one row
//! group per 64k rows.

use std::fs::File;

use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use crate::event::{arrow_schema, to_batch, Event};

const UNIQUE_PER_ROW: &[&str] = &[
    "event_id",
    "quote",
    "quote_start",
    "quote_end",
    "notes",
    "input_line",
];

pub struct ParquetOut {
    writer: ArrowWriter<File>,
}

impl ParquetOut {
    pub fn new(file: File, metadata: Vec<(String, String)>) -> Result<Self, String> {
        let mut props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(3).map_err(|e| e.to_string())?,
            ))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_max_row_group_row_count(Some(65_536))
            .set_key_value_metadata(Some(
                metadata
                    .into_iter()
                    .map(|(k, v)| KeyValue::new(k, v))
                    .collect(),
            ));
        // Dictionary encoding pays for repeated values (codes, names, countries, dates), not
        // for columns that are unique or nearly so on every row.
        for column in UNIQUE_PER_ROW {
            props = props.set_column_dictionary_enabled(ColumnPath::from(*column), false);
        }
        let props = props.build();
        let writer = ArrowWriter::try_new(file, arrow_schema(), Some(props))
            .map_err(|e| format!("cannot start events.parquet: {e}"))?;
        Ok(ParquetOut { writer })
    }

    pub fn write(&mut self, events: &[Event]) -> Result<(), String> {
        if events.is_empty() {
            return Ok(());
        }
        let batch = to_batch(events).map_err(|e| format!("cannot build a record batch: {e}"))?;
        self.writer
            .write(&batch)
            .map_err(|e| format!("cannot write events.parquet: {e}"))
    }

    pub fn finish(self) -> Result<(), String> {
        self.writer
            .close()
            .map(|_| ())
            .map_err(|e| format!("cannot finish events.parquet: {e}"))
    }
}
