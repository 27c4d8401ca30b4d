//! `events.csv`: the dataset as CSV, the same columns as the Parquet file.

use std::fs::File;
use std::io::BufWriter;

use super::{RunEnd, Sink};
use crate::error::Error;
use crate::event::{column_names, write_csv_fields, Event};

pub struct EventsCsv {
    w: csv::Writer<BufWriter<File>>,
    field: String,
}

impl EventsCsv {
    pub fn new(file: File) -> Result<Self, Error> {
        let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
        w.write_record(column_names())
            .map_err(csv_error("events.csv"))?;
        Ok(EventsCsv {
            w,
            field: String::new(),
        })
    }
}

impl Sink for EventsCsv {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        let mut result = Ok(());
        write_csv_fields(e, &mut self.field, |value| {
            if result.is_ok() {
                result = self.w.write_field(value);
            }
        });
        result
            .and_then(|()| self.w.write_record(None::<&[u8]>))
            .map_err(csv_error("events.csv"))
    }

    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.w.flush().map_err(Error::io("write", "events.csv"))
    }
}

/// A CSV writer's error as an output error naming the file.
pub fn csv_error(name: &'static str) -> impl Fn(csv::Error) -> Error {
    move |e| match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::Io {
            action: "write",
            path: name.to_string(),
            source,
        },
        other => Error::output(name, format!("{other:?}")),
    }
}
