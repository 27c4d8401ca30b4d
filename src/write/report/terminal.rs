//! What people see on the terminal: diagnostics as they are found, a few per rule, then the
//! counts by rule and the no-loss equation `N read = W written + R rejected` (and `+ S set
//! aside` when some records were kept for agreement).

use std::collections::BTreeMap;
use std::io::Write;

use indicatif::ProgressBar;

use super::group;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::write::{RunEnd, Sink};

/// How diagnostics are shown on the terminal.
pub struct HumanOptions {
    pub color: bool,
    /// After this many diagnostics of one rule, the rest are only counted.
    pub per_rule: usize,
    pub quiet: bool,
}

pub struct Terminal {
    opts: HumanOptions,
    shown: BTreeMap<&'static str, u64>,
    /// Printing goes around the progress bar, so neither garbles the other.
    progress: ProgressBar,
}

impl Terminal {
    pub fn new(opts: HumanOptions, progress: ProgressBar) -> Self {
        Terminal {
            opts,
            shown: BTreeMap::new(),
            progress,
        }
    }

    fn print(&self, text: &str) {
        // stderr that cannot be written to is no reason to fail the run.
        self.progress.suspend(|| {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        });
    }
}

impl Sink for Terminal {
    fn diagnostic(&mut self, d: &Diagnostic) -> Result<(), Error> {
        let n = self.shown.entry(d.rule).or_default();
        *n += 1;
        if !self.opts.quiet && *n <= self.opts.per_rule as u64 {
            let text = format!("{}\n\n", d.render(self.opts.color));
            self.print(&text);
        }
        Ok(())
    }

    fn finish(self: Box<Self>, end: &RunEnd) -> Result<(), Error> {
        self.progress.finish_and_clear();
        let summary = end.summary;
        let mut out = String::new();
        if !self.opts.quiet {
            for (rule, n) in &self.shown {
                if *n > self.opts.per_rule as u64 {
                    let sev = summary.by_rule.get(*rule).map_or("", |r| r.severity);
                    out.push_str(&format!(
                        "… and {} more {rule} {sev}s (all are in validation_issues.csv and validation_report.json)\n",
                        group(n - self.opts.per_rule as u64)
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
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        out.push_str(&format!(
            "\n{}; {} error{}, {} warning{}\n",
            summary.equation(),
            group(summary.errors),
            plural(summary.errors),
            group(summary.warnings),
            plural(summary.warnings),
        ));
        self.print(&out);
        Ok(())
    }
}
