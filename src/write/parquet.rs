//! `events.parquet`: zstd, dictionary encoding, page statistics, one row group per 64k rows.

use std::fs::File;

use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use crate::event::{arrow_schema, to_batch, Event};

pub struct ParquetOut {
    writer: ArrowWriter<File>,
}

impl ParquetOut {
    pub fn new(file: File, metadata: Vec<(String, String)>) -> Result<Self, String> {
        let props = WriterProperties::builder()
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
            ))
            .build();
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
