//! The validation report: counts kept while the run goes ([`Summary`]), and the sinks that show
//! them: `validation_report.json` for machines, `validation_issues.csv` as a flat table,
//! `validation_report.html` to share, and the diagnostics and summary printed for people.
//!
//! The report is deterministic: same inputs, same bytes (no timestamps, sorted maps).

pub mod chart;
pub mod github;
pub mod html;
pub mod issues;
pub mod json;
pub mod terminal;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

pub const REPORT_VERSION: &str = "1.2";

#[derive(Debug, Default, Serialize)]
pub struct RuleCount {
    pub severity: &'static str,
    pub count: u64,
}

/// Counts of the run: bounded by the number of rules, fields and files, never by records.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub valid: bool,
    pub records_read: u64,
    pub events_written: u64,
    /// Records of coders other than the primary one, kept out of the dataset.
    pub records_set_aside: u64,
    pub records_rejected: u64,
    /// Records merged into an earlier event of the same day, actors and code (`--dedup`).
    pub records_merged: u64,
    pub errors: u64,
    pub warnings: u64,
    pub by_rule: BTreeMap<String, RuleCount>,
    pub by_field: BTreeMap<String, u64>,
    pub by_file: BTreeMap<String, FileCount>,
}

#[derive(Debug, Default, Serialize)]
pub struct FileCount {
    pub records: u64,
    pub set_aside: u64,
    pub rejected: u64,
    pub errors: u64,
    pub warnings: u64,
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

    pub fn record(&mut self, file: &str, outcome: Outcome) {
        self.records_read += 1;
        let f = self.by_file.entry(file.to_string()).or_default();
        f.records += 1;
        match outcome {
            Outcome::Written => self.events_written += 1,
            Outcome::SetAside => {
                self.records_set_aside += 1;
                f.set_aside += 1;
            }
            Outcome::Rejected => {
                self.records_rejected += 1;
                f.rejected += 1;
            }
            Outcome::Merged => self.records_merged += 1,
        }
    }

    /// Where every record went: `N read = W written + R rejected`, with `+ M merged` and
    /// `+ S set aside` when there are any.
    pub fn equation(&self) -> String {
        let part = |n: u64, what: &str| match n {
            0 => String::new(),
            n => format!(" + {} {what}", group(n)),
        };
        let aside =
            part(self.records_merged, "merged") + &part(self.records_set_aside, "set aside");
        format!(
            "{} read = {} written{aside} + {} rejected",
            group(self.records_read),
            group(self.events_written),
            group(self.records_rejected)
        )
    }
}

/// Where a record ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// In the dataset.
    Written,
    /// Out of the dataset, kept for agreement.
    SetAside,
    Rejected,
    /// Merged into an earlier event (`--dedup one-a-day`): counted there.
    Merged,
}

/// 1204 → "1,204".
pub fn group(n: u64) -> String {
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
