//! An accepted event: the dataset's row type, and its columns for Parquet and CSV.

use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int64Builder, Int8Builder, StringBuilder,
};
use arrow_array::types::Date32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub event_id: String,
    pub doc_id: String,
    pub event_date: NaiveDate,
    pub event_date_end: NaiveDate,
    pub date_precision: &'static str,
    /// `HH:MM:SS[.f][Z|±HH:MM]` as the date gave it, in its own offset; see `COLUMNS`.
    pub event_time: Option<String>,
    pub source_text: Option<String>,
    pub source_code: String,
    pub source_name: String,
    pub source_country: Option<String>,
    pub source_roles: Option<String>,
    pub target_text: Option<String>,
    pub target_code: Option<String>,
    pub target_name: Option<String>,
    pub target_country: Option<String>,
    pub target_roles: Option<String>,
    pub event_code: String,
    pub event_base_code: String,
    pub event_root_code: String,
    pub event_label: String,
    pub quad_class: i8,
    pub goldstein: f64,
    /// PLOVER event category and mode of the CAMEO code, from `schema/plover/cameo_plover.csv`.
    pub plover_event: Option<&'static str>,
    pub plover_mode: Option<&'static str>,
    pub location_text: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    /// The place's first-level administrative division, from the gazetteer.
    pub admin1: Option<String>,
    /// GeoNames id as text: an identifier, never summed or compared as a number.
    pub geonames_id: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub quote: Option<String>,
    pub quote_start: Option<i64>,
    pub quote_end: Option<i64>,
    pub coder: Option<String>,
    pub notes: Option<String>,
    pub input_file: String,
    pub input_line: i64,
}

/// How one column is typed and read from an event. The column list below is the single
/// definition of the dataset's layout: Parquet schema, record batches and CSV all follow it.
enum Col {
    Str(fn(&Event) -> Option<&str>, bool),
    Date(fn(&Event) -> NaiveDate),
    I8(fn(&Event) -> i8),
    I64(fn(&Event) -> Option<i64>, bool),
    F64(fn(&Event) -> Option<f64>, bool),
}

const REQUIRED: bool = false;
const NULLABLE: bool = true;

#[rustfmt::skip]
const COLUMNS: &[(&str, Col)] = &[
    ("event_id", Col::Str(|e| Some(&e.event_id), REQUIRED)),
    ("doc_id", Col::Str(|e| Some(&e.doc_id), REQUIRED)),
    ("event_date", Col::Date(|e| e.event_date)),
    ("event_date_end", Col::Date(|e| e.event_date_end)),
    ("date_precision", Col::Str(|e| Some(e.date_precision), REQUIRED)),
    // ISO text rather than Arrow's Time64: pandas has no time-of-day dtype (Time64 arrives as
    // Python objects), Arrow has no time with an offset, and the offset is what turns
    // `event_date` and the time into an instant: `pd.to_datetime(date + "T" + time, utc=True)`,
    // `CAST(event_date || 'T' || event_time AS TIMESTAMPTZ)` in DuckDB.
    ("event_time", Col::Str(|e| e.event_time.as_deref(), NULLABLE)),
    ("source_text", Col::Str(|e| e.source_text.as_deref(), NULLABLE)),
    ("source_code", Col::Str(|e| Some(&e.source_code), REQUIRED)),
    ("source_name", Col::Str(|e| Some(&e.source_name), REQUIRED)),
    ("source_country", Col::Str(|e| e.source_country.as_deref(), NULLABLE)),
    ("source_roles", Col::Str(|e| e.source_roles.as_deref(), NULLABLE)),
    ("target_text", Col::Str(|e| e.target_text.as_deref(), NULLABLE)),
    ("target_code", Col::Str(|e| e.target_code.as_deref(), NULLABLE)),
    ("target_name", Col::Str(|e| e.target_name.as_deref(), NULLABLE)),
    ("target_country", Col::Str(|e| e.target_country.as_deref(), NULLABLE)),
    ("target_roles", Col::Str(|e| e.target_roles.as_deref(), NULLABLE)),
    ("event_code", Col::Str(|e| Some(&e.event_code), REQUIRED)),
    ("event_base_code", Col::Str(|e| Some(&e.event_base_code), REQUIRED)),
    ("event_root_code", Col::Str(|e| Some(&e.event_root_code), REQUIRED)),
    ("event_label", Col::Str(|e| Some(&e.event_label), REQUIRED)),
    ("quad_class", Col::I8(|e| e.quad_class)),
    ("goldstein", Col::F64(|e| Some(e.goldstein), REQUIRED)),
    ("plover_event", Col::Str(|e| e.plover_event, NULLABLE)),
    ("plover_mode", Col::Str(|e| e.plover_mode, NULLABLE)),
    ("location_text", Col::Str(|e| e.location_text.as_deref(), NULLABLE)),
    ("place_name", Col::Str(|e| e.place_name.as_deref(), NULLABLE)),
    ("place_country", Col::Str(|e| e.place_country.as_deref(), NULLABLE)),
    ("admin1", Col::Str(|e| e.admin1.as_deref(), NULLABLE)),
    ("geonames_id", Col::Str(|e| e.geonames_id.as_deref(), NULLABLE)),
    ("latitude", Col::F64(|e| e.latitude, NULLABLE)),
    ("longitude", Col::F64(|e| e.longitude, NULLABLE)),
    ("quote", Col::Str(|e| e.quote.as_deref(), NULLABLE)),
    ("quote_start", Col::I64(|e| e.quote_start, NULLABLE)),
    ("quote_end", Col::I64(|e| e.quote_end, NULLABLE)),
    ("coder", Col::Str(|e| e.coder.as_deref(), NULLABLE)),
    ("notes", Col::Str(|e| e.notes.as_deref(), NULLABLE)),
    ("input_file", Col::Str(|e| Some(&e.input_file), REQUIRED)),
    ("input_line", Col::I64(|e| Some(e.input_line), REQUIRED)),
];

/// Each column with its Frictionless Table Schema type, for `datapackage.json`.
pub fn table_schema_types() -> Vec<(&'static str, &'static str)> {
    COLUMNS
        .iter()
        .map(|(name, col)| {
            let ty = match col {
                Col::Str(..) => "string",
                Col::Date(_) => "date",
                Col::I8(_) | Col::I64(..) => "integer",
                Col::F64(..) => "number",
            };
            (*name, ty)
        })
        .collect()
}

pub fn column_names() -> Vec<&'static str> {
    COLUMNS.iter().map(|(name, _)| *name).collect()
}

pub fn arrow_schema() -> Arc<Schema> {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .map(|(name, col)| {
            let (ty, nullable) = match col {
                Col::Str(_, n) => (DataType::Utf8, *n),
                Col::Date(_) => (DataType::Date32, false),
                Col::I8(_) => (DataType::Int8, false),
                Col::I64(_, n) => (DataType::Int64, *n),
                Col::F64(_, n) => (DataType::Float64, *n),
            };
            Field::new(*name, ty, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Arrow builders for every column, filled one event at a time: events are never copied to
/// make a record batch.
pub struct Columns {
    builders: Vec<Builder>,
    rows: usize,
}

enum Builder {
    Str(StringBuilder),
    Date(Date32Builder),
    I8(Int8Builder),
    I64(Int64Builder),
    F64(Float64Builder),
}

impl Default for Columns {
    fn default() -> Self {
        let builders = COLUMNS
            .iter()
            .map(|(_, col)| match col {
                Col::Str(..) => Builder::Str(StringBuilder::new()),
                Col::Date(_) => Builder::Date(Date32Builder::new()),
                Col::I8(_) => Builder::I8(Int8Builder::new()),
                Col::I64(..) => Builder::I64(Int64Builder::new()),
                Col::F64(..) => Builder::F64(Float64Builder::new()),
            })
            .collect();
        Columns { builders, rows: 0 }
    }
}

impl Columns {
    pub fn append(&mut self, e: &Event) {
        for ((_, col), b) in COLUMNS.iter().zip(&mut self.builders) {
            match (col, b) {
                (Col::Str(get, _), Builder::Str(b)) => b.append_option(get(e)),
                (Col::Date(get), Builder::Date(b)) => {
                    b.append_value(Date32Type::from_naive_date(get(e)))
                }
                (Col::I8(get), Builder::I8(b)) => b.append_value(get(e)),
                (Col::I64(get, _), Builder::I64(b)) => b.append_option(get(e)),
                (Col::F64(get, _), Builder::F64(b)) => b.append_option(get(e)),
                _ => unreachable!("builders are made from COLUMNS in the same order"),
            }
        }
        self.rows += 1;
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The rows appended so far as a record batch; the builders start over empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Str(b) => Arc::new(b.finish()),
                    Builder::Date(b) => Arc::new(b.finish()),
                    Builder::I8(b) => Arc::new(b.finish()),
                    Builder::I64(b) => Arc::new(b.finish()),
                    Builder::F64(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        self.rows = 0;
        RecordBatch::try_new(arrow_schema(), arrays)
    }
}

/// The event's CSV fields, in column order, handed to `out` one by one; nulls are empty.
/// `buf` is reused for the fields that need formatting, so a row costs no allocation.
pub fn write_csv_fields(e: &Event, buf: &mut String, mut out: impl FnMut(&str)) {
    use std::fmt::Write;
    for (_, col) in COLUMNS {
        buf.clear();
        let _ = match col {
            Col::Str(get, _) => {
                out(get(e).unwrap_or(""));
                continue;
            }
            Col::Date(get) => write!(buf, "{}", get(e)),
            Col::I8(get) => write!(buf, "{}", get(e)),
            Col::I64(get, _) => get(e).map_or(Ok(()), |v| write!(buf, "{v}")),
            Col::F64(get, _) => get(e).map_or(Ok(()), |v| write!(buf, "{v}")),
        };
        out(buf);
    }
}
