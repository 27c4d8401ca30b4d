//! The CSV outputs: `events.csv` (the dataset, the same columns as the Parquet file) and
//! `secondary_codings.csv` (the records set aside for agreement, in the same columns) here, and
//! [`CsvOut`], the writer of every CSV output (`rejected.csv`, `validation_issues.csv` too).

use std::fs::File;
use std::io::BufWriter;

use super::{RunEnd, Sink};
use crate::error::Error;
use crate::event::{column_names, write_csv_fields, Event};

/// A CSV output. Values are written byte for byte as they came; with `--csv-safe`, a cell that
/// a spreadsheet would run as a formula gets a `'` before it, which spreadsheets show as text.
pub struct CsvOut {
    w: csv::Writer<BufWriter<File>>,
    name: &'static str,
    safe: bool,
    cell: String,
}

impl CsvOut {
    pub fn new<I, S>(file: File, name: &'static str, header: I, safe: bool) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = CsvOut {
            w: csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file)),
            name,
            safe,
            cell: String::new(),
        };
        out.record(header)?;
        Ok(out)
    }

    /// One field of the current row.
    pub fn field(&mut self, value: &str) -> Result<(), Error> {
        let value = if self.safe && runs_as_formula(value) {
            self.cell.clear();
            self.cell.push('\'');
            self.cell.push_str(value);
            &self.cell
        } else {
            value
        };
        self.w.write_field(value).map_err(csv_error(self.name))
    }

    /// The end of the current row.
    pub fn end_row(&mut self) -> Result<(), Error> {
        self.w
            .write_record(None::<&[u8]>)
            .map_err(csv_error(self.name))
    }

    /// A whole row.
    pub fn record<I, S>(&mut self, values: I) -> Result<(), Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for value in values {
            self.field(value.as_ref())?;
        }
        self.end_row()
    }

    pub fn finish(mut self) -> Result<(), Error> {
        self.w.flush().map_err(Error::io("write", self.name))
    }
}

/// Whether a spreadsheet would run the cell as a formula: it starts with a tab or a carriage
/// return, or, after any spaces and line breaks, with `=`, `+`, `-` or `@` (or their
/// full-width forms), and is not a plain number such as `-3.5`.
pub fn runs_as_formula(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    let rest = cell.trim_start_matches([' ', '\n']);
    rest.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']) && !is_number(rest)
}

fn is_number(cell: &str) -> bool {
    // `parse` alone would take `-inf` and `-NaN`.
    cell.bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && cell.parse::<f64>().is_ok()
}

pub struct EventsCsv {
    w: CsvOut,
    field: String,
    /// Takes the records set aside rather than the dataset's events.
    aside: bool,
}

impl EventsCsv {
    pub fn new(file: File, safe: bool) -> Result<Self, Error> {
        Self::open(file, "events.csv", safe, false)
    }

    /// `secondary_codings.csv`: the records of coders other than the primary one.
    pub fn secondary(file: File, safe: bool) -> Result<Self, Error> {
        Self::open(file, "secondary_codings.csv", safe, true)
    }

    fn open(file: File, name: &'static str, safe: bool, aside: bool) -> Result<Self, Error> {
        Ok(EventsCsv {
            w: CsvOut::new(file, name, column_names(), safe)?,
            field: String::new(),
            aside,
        })
    }

    fn write(&mut self, e: &Event) -> Result<(), Error> {
        let mut result = Ok(());
        write_csv_fields(e, &mut self.field, |value| {
            if result.is_ok() {
                result = self.w.field(value);
            }
        });
        result.and_then(|()| self.w.end_row())
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

    fn finish(self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.w.finish()
    }
}

/// A CSV writer's error as an output error naming the file.
fn csv_error(name: &'static str) -> impl Fn(csv::Error) -> Error {
    move |e| match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::Io {
            action: "write",
            path: name.to_string(),
            source,
        },
        other => Error::output(name, format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::runs_as_formula;

    #[test]
    fn cells_a_spreadsheet_would_run() {
        for cell in [
            "=1+1",
            "+33 6 12",
            "-2+3",
            "@SUM(A1)",
            " =HYPERLINK(\"x\")",
            "\t=1",
            "\tplain",
            "\r=1",
            "\n=1",
            "＝1",
            "-",
        ] {
            assert!(runs_as_formula(cell), "{cell:?}");
        }
        for cell in [
            "",
            "plain",
            "a=b",
            "-3.5",
            "+2",
            "-1e-5",
            "36.2",
            "2020-02-16",
            "042",
            "x -1",
        ] {
            assert!(!runs_as_formula(cell), "{cell:?}");
        }
    }
}
