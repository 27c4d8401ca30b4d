//! `events.csv`: the dataset as CSV, the same columns as the Parquet file; and
//! `secondary_codings.csv`, the records set aside for agreement, in the same columns.

use std::fs::File;
use std::io::BufWriter;

use super::{RunEnd, Sink};
use crate::error::Error;
use crate::event::{column_names, write_csv_fields, Event};

pub struct EventsCsv {
    w: csv::Writer<BufWriter<File>>,
    field: String,
    name: &'static str,
    /// Takes the records set aside rather than the dataset's events.
    aside: bool,
}

impl EventsCsv {
    pub fn new(file: File) -> Result<Self, Error> {
        Self::open(file, "events.csv", false)
    }

    /// `secondary_codings.csv`: the records of coders other than the primary one.
    pub fn secondary(file: File) -> Result<Self, Error> {
        Self::open(file, "secondary_codings.csv", true)
    }

    fn open(file: File, name: &'static str, aside: bool) -> Result<Self, Error> {
        let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
        w.write_record(column_names()).map_err(csv_error(name))?;
        Ok(EventsCsv {
            w,
            field: String::new(),
            name,
            aside,
        })
    }

    fn write(&mut self, e: &Event) -> Result<(), Error> {
        let mut result = Ok(());
        write_csv_fields(e, &mut self.field, |value| {
            if result.is_ok() {
                result = self.w.write_field(value);
            }
        });
        result
            .and_then(|()| self.w.write_record(None::<&[u8]>))
            .map_err(csv_error(self.name))
    }
}

impl Sink for EventsCsv {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        if self.aside {
            return Ok(());
        }
        self.write(e)
    }

    fn set_aside(&mut self, e: &Event) -> Result<(), Error> {
        if !self.aside {
            return Ok(());
        }
        self.write(e)
    }

    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.w.flush().map_err(Error::io("write", self.name))
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
