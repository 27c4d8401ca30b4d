//! `validation_report.json`: the summary, the inputs with their digests, and every issue.
//!
//! Issues are known one at a time and the summary only at the end, but readers expect the
//! summary first: issues are spooled to a scratch file as they come, and the report is put
//! together at the end from the summary and the spool, so memory never holds the issues.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::REPORT_VERSION;
use crate::diagnostic::Diagnostic;
use crate::error::{stdout_error, Error};
use crate::write::{RunEnd, Sink};

const NAME: &str = "validation_report.json";

#[derive(Serialize)]
struct Issue<'a> {
    severity: &'static str,
    rule: &'static str,
    file: &'a str,
    line: Option<u64>,
    event_id: Option<&'a str>,
    field: Option<&'a str>,
    value: Option<&'a str>,
    message: &'a str,
    help: Option<String>,
}

impl<'a> From<&'a Diagnostic> for Issue<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Issue {
            severity: d.severity.as_str(),
            rule: d.rule,
            file: &d.file,
            line: d.line,
            event_id: d.event_id.as_deref(),
            field: d.field.as_deref(),
            value: d.value.as_deref(),
            message: &d.message,
            help: (!d.help.is_empty()).then(|| d.help.join("\n")),
        }
    }
}

/// Where the finished report goes.
pub enum Target {
    /// A file of the output set; also printed on stdout when `print` is set.
    File {
        file: File,
        path: PathBuf,
        print: bool,
    },
    /// Only stdout (`eventc validate --format json`).
    Stdout,
}

pub struct JsonReport {
    spool_path: PathBuf,
    spool: BufWriter<File>,
    issues: u64,
    target: Target,
    schema: serde_json::Value,
}

impl JsonReport {
    /// `spool` is a scratch path for the issues, removed when the report is done.
    pub fn new(spool: PathBuf, target: Target) -> Result<Self, Error> {
        let file = File::create(&spool).map_err(Error::io("create", spool.display()))?;
        Ok(JsonReport {
            spool_path: spool,
            spool: BufWriter::new(file),
            issues: 0,
            target,
            schema: serde_json::Value::Null,
        })
    }

    /// Which schema folder the run used (`codebook::builtin::SchemaDir::describe`).
    pub fn schema(mut self, schema: serde_json::Value) -> Self {
        self.schema = schema;
        self
    }

    fn assemble(&mut self, end: &RunEnd, out: &mut dyn Write) -> std::io::Result<()> {
        let head = serde_json::json!({
            "report_version": REPORT_VERSION,
            "tool": {"name": "eventc", "version": env!("CARGO_PKG_VERSION")},
            "codebook": "CAMEO 1.1b3",
            "schema": self.schema,
            "summary": end.summary,
        });
        let head = serde_json::to_string_pretty(&head).map_err(std::io::Error::other)?;
        // The head's closing brace gives way to the inputs and the issues, written as they
        // come: a run may have read a million documents and found a million issues.
        out.write_all(&head.as_bytes()[..head.len() - 2])?;
        out.write_all(b",\n  \"inputs\": [")?;
        for (i, input) in end.inputs.iter().enumerate() {
            let item = serde_json::json!({
                "path": input.label,
                "bytes": input.bytes,
                "sha256": input.sha256_hex(),
            });
            let item = serde_json::to_string_pretty(&item).map_err(std::io::Error::other)?;
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            write_indented(out, &item)?;
        }
        out.write_all(b"\n  ]")?;
        if self.issues == 0 {
            out.write_all(b",\n  \"issues\": []\n}\n")?;
            return Ok(());
        }
        out.write_all(b",\n  \"issues\": [\n")?;
        let mut spool = File::open(&self.spool_path)?;
        std::io::copy(&mut spool, out)?;
        out.write_all(b"\n  ]\n}\n")
    }
}

/// A pretty-printed item, indented to sit inside one of the report's top-level arrays.
fn write_indented(out: &mut dyn Write, item: &str) -> std::io::Result<()> {
    for (i, line) in item.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"    ")?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

impl Sink for JsonReport {
    fn diagnostic(&mut self, d: &Diagnostic) -> Result<(), Error> {
        let item =
            serde_json::to_string_pretty(&Issue::from(d)).map_err(|e| Error::output(NAME, e))?;
        let w = &mut self.spool;
        let separator: &[u8] = if self.issues > 0 { b",\n" } else { b"" };
        let result = w
            .write_all(separator)
            .and_then(|()| write_indented(w, &item));
        self.issues += 1;
        result.map_err(Error::io("write", self.spool_path.display()))
    }

    fn finish(mut self: Box<Self>, end: &RunEnd) -> Result<(), Error> {
        let spool = self.spool_path.display().to_string();
        self.spool.flush().map_err(Error::io("write", &spool))?;
        let target = std::mem::replace(&mut self.target, Target::Stdout);
        let result = match target {
            Target::File { file, path, print } => {
                let mut w = BufWriter::new(file);
                self.assemble(end, &mut w)
                    .and_then(|()| w.flush())
                    .map_err(Error::io("write", NAME))?;
                if print {
                    let mut f = File::open(&path).map_err(Error::io("read", NAME))?;
                    std::io::copy(&mut f, &mut std::io::stdout().lock()).map_err(stdout_error)?;
                }
                Ok(())
            }
            Target::Stdout => {
                let mut out = std::io::stdout().lock();
                self.assemble(end, &mut out)
                    .and_then(|()| out.flush())
                    .map_err(stdout_error)
            }
        };
        let _ = std::fs::remove_file(&self.spool_path);
        result
    }
}

impl Drop for JsonReport {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.spool_path);
    }
}
