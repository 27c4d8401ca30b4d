//! The validation report: `validation_report.json` for machines, `validation_issues.csv` as a
//! flat table, and the diagnostics and summary printed for people.
//!
//! The JSON report is deterministic: same inputs, same bytes (no timestamps, sorted maps).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

pub const REPORT_VERSION: &str = "1.0";

#[derive(Debug, Default, Serialize)]
pub struct RuleCount {
    pub severity: &'static str,
    pub count: u64,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub valid: bool,
    pub records_read: u64,
    pub events_written: u64,
    pub records_rejected: u64,
    pub errors: u64,
    pub warnings: u64,
    pub by_rule: BTreeMap<String, RuleCount>,
    pub by_field: BTreeMap<String, u64>,
    pub by_file: BTreeMap<String, FileCount>,
}

#[derive(Debug, Default, Serialize)]
pub struct FileCount {
    pub records: u64,
    pub rejected: u64,
    pub errors: u64,
    pub warnings: u64,
}

#[derive(Debug, Serialize)]
pub struct Input {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Serialize)]
struct Report<'a> {
    report_version: &'static str,
    tool: Tool,
    codebook: &'static str,
    summary: &'a Summary,
    inputs: &'a [Input],
    issues: Vec<Issue<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

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

impl Summary {
    pub fn count(&mut self, d: &Diagnostic) {
        let entry = self.by_rule.entry(d.rule.to_string()).or_default();
        entry.severity = d.severity.as_str();
        entry.count += 1;
        if let Some(f) = &d.field {
            *self.by_field.entry(f.clone()).or_default() += 1;
        }
        let file = self.by_file.entry(d.file.clone()).or_default();
        match d.severity {
            Severity::Error => {
                self.errors += 1;
                file.errors += 1;
            }
            Severity::Warning => {
                self.warnings += 1;
                file.warnings += 1;
            }
        }
    }

    pub fn record(&mut self, file: &str, rejected: bool) {
        self.records_read += 1;
        let f = self.by_file.entry(file.to_string()).or_default();
        f.records += 1;
        if rejected {
            self.records_rejected += 1;
            f.rejected += 1;
        } else {
            self.events_written += 1;
        }
    }
}

pub fn hash_inputs(files: &[(String, PathBuf)]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for (label, path) in files {
        let mut f = std::fs::File::open(path).map_err(|e| format!("cannot read {label}: {e}"))?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut bytes = 0u64;
        loop {
            let n = f
                .read(&mut buf)
                .map_err(|e| format!("cannot read {label}: {e}"))?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
            h.update(&buf[..n]);
        }
        let sha256 = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        out.push(Input {
            path: label.clone(),
            bytes,
            sha256,
        });
    }
    Ok(out)
}

pub fn to_json(summary: &Summary, inputs: &[Input], diags: &[Diagnostic]) -> String {
    let report = Report {
        report_version: REPORT_VERSION,
        tool: Tool {
            name: "eventc",
            version: env!("CARGO_PKG_VERSION"),
        },
        codebook: "CAMEO 1.1b3",
        summary,
        inputs,
        issues: diags.iter().map(Issue::from).collect(),
    };
    let mut s = serde_json::to_string_pretty(&report).expect("report serializes");
    s.push('\n');
    s
}

/// One row per problem, for pandas and spreadsheets.
pub fn write_issues_csv(w: impl Write, diags: &[Diagnostic]) -> Result<(), String> {
    let mut w = csv::Writer::from_writer(w);
    let err = |e: csv::Error| format!("cannot write validation_issues.csv: {e}");
    w.write_record([
        "severity", "rule", "file", "line", "event_id", "field", "value", "message", "help",
    ])
    .map_err(err)?;
    for d in diags {
        w.write_record([
            d.severity.as_str(),
            d.rule,
            &d.file,
            &d.line.map(|l| l.to_string()).unwrap_or_default(),
            d.event_id.as_deref().unwrap_or(""),
            d.field.as_deref().unwrap_or(""),
            d.value.as_deref().unwrap_or(""),
            &d.message,
            &d.help.join(" | "),
        ])
        .map_err(err)?;
    }
    w.flush()
        .map_err(|e| format!("cannot write validation_issues.csv: {e}"))
}

/// How diagnostics are shown on the terminal.
pub struct HumanOptions {
    pub color: bool,
    /// After this many diagnostics of one rule, the rest are only counted.
    pub per_rule: usize,
    pub quiet: bool,
}

/// Diagnostics, collapsed per rule, then the closing summary with the no-loss equation.
pub fn render_human(summary: &Summary, diags: &[Diagnostic], opts: &HumanOptions) -> String {
    let mut out = String::new();
    if !opts.quiet {
        let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
        for d in diags {
            let n = shown.entry(d.rule).or_default();
            *n += 1;
            if *n <= opts.per_rule {
                out.push_str(&d.render(opts.color));
                out.push_str("\n\n");
            }
        }
        for (rule, n) in &shown {
            if *n > opts.per_rule {
                let sev = summary.by_rule.get(*rule).map_or("", |r| r.severity);
                out.push_str(&format!(
                    "… and {} more {rule} {sev}s (all are in validation_issues.csv and validation_report.json)\n",
                    n - opts.per_rule
                ));
            }
        }
    }
    if !summary.by_rule.is_empty() {
        out.push_str("\nby rule:\n");
        for (rule, c) in &summary.by_rule {
            out.push_str(&format!(
                "  {:>6}  {:<7} {rule}\n",
                group(c.count),
                c.severity
            ));
        }
    }
    out.push_str(&format!(
        "\n{} read = {} written + {} rejected; {} error{}, {} warning{}\n",
        group(summary.records_read),
        group(summary.events_written),
        group(summary.records_rejected),
        group(summary.errors),
        if summary.errors == 1 { "" } else { "s" },
        group(summary.warnings),
        if summary.warnings == 1 { "" } else { "s" },
    ));
    out
}

/// 1204 → "1,204".
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::group(0), "0");
        assert_eq!(super::group(999), "999");
        assert_eq!(super::group(1204), "1,204");
        assert_eq!(super::group(1234567), "1,234,567");
    }
}
